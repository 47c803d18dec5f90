"""Text from files, made safe to print: control characters shown, never sent.

A source or a PO file can hold ESC sequences (which retitle, clear or
reprogram a terminal) and bidi overrides (which reorder what a reader sees).
Everything the CLI prints that came from a file goes through `shown`, which
writes such characters as visible escapes (``\\x1b``, ``\\u202e``).
Pure: no I/O.
"""

from __future__ import annotations

import re

#: C0 and C1 controls (DEL included), the bidi embeddings, overrides and
#: isolates, and the invisible marks that reorder or hide text.
UNSAFE_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_UNSAFE_KEEP_LINES_RE = re.compile(UNSAFE_RE.pattern.replace("\x00-\x1f", "\x00-\x09\x0b-\x1f"))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: object, *, keep_newlines: bool = False) -> str:
    """`text` with every unsafe character written as an escape.

    One-line output (a finding, a file name) escapes newlines too; a block of
    text meant to span lines (an exported page on stdout) keeps them.
    """
    text = str(text)
    pattern = _UNSAFE_KEEP_LINES_RE if keep_newlines else UNSAFE_RE
    return pattern.sub(_escape, text) if pattern.search(text) else text


def unsafe_characters(text: str) -> list[str]:
    """The distinct unsafe characters in `text`, escaped, in order of appearance
    (tab and newline are ordinary text here)."""
    seen: dict[str, None] = {}
    for match in _UNSAFE_KEEP_LINES_RE.finditer(text.replace("\t", " ")):
        seen.setdefault(_escape(match), None)
    return list(seen)
