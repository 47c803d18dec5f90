"""The machine draft as it came from the engine, kept beside the translation.

A translator may rewrite a draft and later want the machine's version back
(the review TUI's "restore the machine draft"). The original draft lives in
its own translator comment, ``# transkit-draft: <text>``, which GNU tools
keep; backslash, newline and carriage return are escaped so the comment
stays one line and the text comes back byte for byte.
"""

from __future__ import annotations

from transkit.catalog import Entry

DRAFT_PREFIX = "transkit-draft:"

_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "n": "\n", "r": "\r"}


def escape(text: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def unescape(text: str) -> str:
    out: list[str] = []
    chars = iter(text)
    for ch in chars:
        if ch != "\\":
            out.append(ch)
            continue
        nxt = next(chars, "")
        out.append(_UNESCAPES.get(nxt, "\\" + nxt))  # unknown escapes stay as written
    return "".join(out)


def set_draft_text(entry: Entry, text: str | None) -> None:
    """Record (or with None, forget) the machine draft of `entry`."""
    kept = [c for c in entry.comments if not c.startswith(DRAFT_PREFIX)]
    if text is not None:
        kept.append(f"{DRAFT_PREFIX} {escape(text)}")
    entry.comments = kept


def draft_text(entry: Entry) -> str | None:
    """The machine draft recorded for `entry`, if any."""
    for comment in entry.comments:
        if comment.startswith(DRAFT_PREFIX):
            body = comment[len(DRAFT_PREFIX) :]
            return unescape(body[1:] if body.startswith(" ") else body)
    return None
