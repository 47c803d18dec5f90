"""The review status of a segment, derived from its gettext entry.

Status is never stored as a `#,` flag (GNU tools drop unknown flags). It is
derived from what every gettext tool keeps: an empty msgstr, the ``fuzzy``
flag, the previous msgid (``#|``) and transkit's translator comment. An
approval records a fingerprint of the text it approved, so a translation
edited afterwards in another tool (Poedit, a text editor) is no longer
reported as approved.

A segment two branches translated differently is in *conflict* (`mark_conflict`,
written by the git merge driver): ``# transkit: conflict kept=…`` and fuzzy,
so no gettext tool uses it and ``export`` refuses it. It reads as
`Status.CONFLICT` until a person settles it (approves a text, or writes one).

A segment *joined* to the previous one (`mark_joined`) has no text of its own:
one translated sentence covers it and the segment before, which carries that
sentence. Its msgstr stays empty (GNU tools see it untranslated, as they
should: it has nothing to show alone) and ``# transkit: joined …`` says why,
so `status`, `check` and `export` count it done with the segment it joins.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from enum import Enum

from transkit.catalog import Entry


class Status(Enum):
    """Ordered from least to most finished (the git merge keeps the more finished text).

    A conflict holds people's texts, so it ranks above a machine draft (a draft
    never takes msgstr from it); nobody has yet said which text stands, so it
    ranks below a text a reviewer judged (needs-work) or a person settled.
    """

    UNTRANSLATED = "untranslated"
    STALE = "stale"  # source changed since translation
    DRAFT = "draft"  # machine or memory draft, not yet looked at
    JOINED = "joined"  # no text of its own: the previous segment's sentence covers it
    CONFLICT = "conflict"  # two people's texts met in a git merge: a person picks one
    NEEDS_WORK = "needs-work"  # a reviewer sent it back
    TRANSLATED = "translated"  # edited by a person, not reviewed
    APPROVED = "approved"

    @property
    def final(self) -> bool:
        """Whether gettext tools may use the text (i.e. not `#, fuzzy`)."""
        return self in (Status.TRANSLATED, Status.APPROVED)

    @property
    def symbol(self) -> str:
        return _SYMBOLS[self]


_SYMBOLS = {
    Status.UNTRANSLATED: "·",
    Status.STALE: "!",
    Status.DRAFT: "~",
    Status.JOINED: "↑",
    Status.CONFLICT: "⇄",
    Status.NEEDS_WORK: "✗",
    Status.TRANSLATED: "○",
    Status.APPROVED: "●",
}


#: The metadata state of a segment two branches translated differently.
CONFLICT_STATE = Status.CONFLICT.value
_CONFLICT_COMMENT = f"transkit: {CONFLICT_STATE}"


def in_conflict(entry: Entry) -> bool:
    """Whether a merge left two people's texts on `entry` for a person to settle
    (only the msgstr and the fuzzy flag count for gettext: both say unfinished)."""
    return entry.fuzzy and any(
        c == _CONFLICT_COMMENT or c.startswith(_CONFLICT_COMMENT + " ") for c in entry.comments
    )


def mark_conflict(entry: Entry) -> None:
    """Two people's texts met (a git merge): fuzzy, state ``conflict``, and the
    kept text's own status and metadata recorded as ``kept=…`` so settling the
    conflict in its favour can give its approval back. The other text is an
    alternative (`transkit.merge.add_alternative`)."""
    meta = {k: v for k, v in entry.meta.items() if k != "state"}
    again = meta.pop("kept", "") if in_conflict(entry) else ""  # a conflict met again
    kept = again or status_of(entry).value
    entry.fuzzy = True
    entry.set_meta({"state": CONFLICT_STATE, "kept": kept, **meta})


def fingerprint(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


#: The metadata state of a segment joined to the previous one.
JOINED_STATE = Status.JOINED.value


def is_joined(entry: Entry) -> bool:
    """Whether `entry` is marked joined to the previous segment (and has no text)."""
    return not entry.target and entry.meta.get("state") == JOINED_STATE


def mark_joined(entry: Entry, who: str = "", on: str | None = None, **extra: str) -> None:
    """One sentence of the previous segment covers this one too: no text of
    its own, not fuzzy (nothing for a gettext tool to use or distrust)."""
    entry.target = ""
    _mark(entry, JOINED_STATE, fuzzy=False, who=who, on=on, **extra)


def status_of(entry: Entry) -> Status:
    if not entry.target:
        return Status.JOINED if is_joined(entry) else Status.UNTRANSLATED
    meta = entry.meta
    state = meta.get("state")
    if entry.fuzzy:
        # A conflict first, even on a moved source: it is what `check` reports
        # and what a person must settle (approving settles the stale mark too).
        if in_conflict(entry):
            return Status.CONFLICT
        if entry.previous is not None and entry.previous != entry.source:
            return Status.STALE
        if state == "needs-work":
            return Status.NEEDS_WORK
        return Status.DRAFT
    if state == "approved" and meta.get("sha") == fingerprint(entry.target):
        return Status.APPROVED
    return Status.TRANSLATED


def today() -> str:
    return date.today().isoformat()


def _mark(entry: Entry, state: str, *, fuzzy: bool, who: str, on: str | None, **extra: str) -> None:
    meta = {"state": state, **extra, "date": on or today()}
    if who:
        meta["by"] = who
    entry.fuzzy = fuzzy
    entry.previous = None
    entry.set_meta(meta)


def mark_approved(entry: Entry, reviewer: str = "", on: str | None = None) -> None:
    _mark(entry, "approved", fuzzy=False, who=reviewer, on=on, sha=fingerprint(entry.target))


def mark_translated(entry: Entry, translator: str = "", on: str | None = None) -> None:
    """A person wrote or edited the text: final for gettext, not yet reviewed."""
    _mark(entry, "translated", fuzzy=False, who=translator, on=on)


def mark_needs_work(entry: Entry, reviewer: str = "", on: str | None = None) -> None:
    _mark(entry, "needs-work", fuzzy=True, who=reviewer, on=on)


def mark_draft(entry: Entry, engine: str, on: str | None = None, **extra: str) -> None:
    """A machine or memory draft: fuzzy, so no gettext tool treats it as final."""
    _mark(entry, "draft", fuzzy=True, who="", on=on, engine=engine, **extra)


def mark_stale(entry: Entry, old_source: str) -> None:
    """The source changed under a translation: keep it, flag it, remember why."""
    if not entry.target:
        entry.previous = None
        entry.fuzzy = False
        entry.set_meta(None)
        return
    if entry.previous is None:  # a second edit keeps the source it was made for
        entry.previous = old_source
    entry.fuzzy = True


def carriers(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    """Segment id → the joined segments its text covers (those right after it
    in its block). A joined segment that starts a block, or follows one with
    no text, has no carrier: it is listed under ``""``."""
    out: dict[str, list[Entry]] = {}
    carrier: Entry | None = None
    for entry in entries:
        if entry.obsolete:
            continue
        starts_block = entry.layout_note is not None
        if is_joined(entry):
            if carrier is None or starts_block:
                out.setdefault("", []).append(entry)
            else:
                out.setdefault(carrier.id, []).append(entry)
            continue
        carrier = entry if entry.target else None
    return out


def covered_source(entry: Entry, joined: list[Entry]) -> str:
    """What `entry`'s text translates: its source and the joined segments'."""
    return " ".join([entry.source, *(j.source for j in joined)]) if joined else entry.source
