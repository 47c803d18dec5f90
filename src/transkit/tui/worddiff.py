"""Word-level differences between two versions of a source sentence.

A stale segment's source changed after it was translated; the reviewer needs
to see exactly which words changed to fix the translation, not re-read both.
"""

from __future__ import annotations

import difflib
import re

_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``[(op, text), …]`` with op ``equal``, ``delete`` (only in old) or ``insert``."""
    a, b = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    out: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            add("equal", "".join(a[i1:i2]))
        else:
            add("delete", "".join(a[i1:i2]))
            add("insert", "".join(b[j1:j2]))
    return out
