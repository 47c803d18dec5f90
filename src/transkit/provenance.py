"""The machine draft as it came from the engine, kept beside the translation.

A translator may rewrite a draft and later want the machine's version back
(the review TUI's "restore the machine draft"). The original draft lives in
its own translator comment, ``# transkit-draft: <text>``, which GNU tools
keep; the text is encoded with `transkit.catalog.encode_comment` (one line,
never ending in a backslash, which GNU would join with the next line), so it
comes back byte for byte.
"""

from __future__ import annotations

from transkit.catalog import Entry, decode_comment, encode_comment

DRAFT_PREFIX = "transkit-draft:"


def set_draft_text(entry: Entry, text: str | None) -> None:
    """Record (or with None, forget) the machine draft of `entry`."""
    kept = [c for c in entry.comments if not c.startswith(DRAFT_PREFIX)]
    if text is not None:
        kept.append(f"{DRAFT_PREFIX} {encode_comment(text)}")
    entry.comments = kept


def draft_text(entry: Entry) -> str | None:
    """The machine draft recorded for `entry`, if any."""
    for comment in entry.comments:
        if comment.startswith(DRAFT_PREFIX):
            body = comment[len(DRAFT_PREFIX) :]
            return decode_comment(body[1:] if body.startswith(" ") else body)
    return None
