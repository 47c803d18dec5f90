"""Text from PO files, made safe to put on a terminal.

Markup is never parsed (widgets get `rich.text.Text` / `Content` objects or
raw segments), but plain text can still carry control characters: an ESC in a
msgstr would reach the terminal as an escape sequence, a right-to-left
override would reorder what the reviewer sees. `shown` maps each of them to a
visible single-cell stand-in, so what is on screen is what is in the file.
"""

from __future__ import annotations

import re

#: C0 and C1 controls, DEL, and the bidirectional overrides/isolates.
_UNSAFE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _stand_in(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (control pictures), e.g. ␛ for ESC
    if code == 0x7F:
        return "␡"
    return "�"


def shown(text: str, *, one_line: bool = False) -> str:
    """`text` with control characters visible; with `one_line`, newlines as ⏎."""
    if one_line:
        text = text.replace("\n", "⏎")
    elif "\n" in text:
        return "\n".join(shown(part) for part in text.split("\n"))
    return _UNSAFE_RE.sub(lambda m: _stand_in(m.group(0)), text)
