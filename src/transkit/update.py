"""Re-importing a changed source: keep every translation that still applies.

`align` decides, for each segment of the new document, which old segment it
continues (same id) — unchanged, moved or edited — and which are new; the
old segments left over were removed. `update_translation` then carries each
language's work across: unchanged and moved segments keep text and status,
edited ones keep their text but become stale with the previous source kept
(``#|``), removed ones become obsolete (``#~``), never silently dropped.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from transkit.catalog import Catalog, Entry
from transkit.document import Document
from transkit.status import Status, mark_approved, mark_stale, status_of
from transkit.template import translation_notes

#: How alike an edited sentence must stay to its old self to keep its id.
EDIT_SIMILARITY = 60.0
#: Stricter bar for pairing far apart (moved and edited at once).
MOVE_SIMILARITY = 80.0


@dataclass
class Alignment:
    ids: list[str | None]  # per new segment: the old id it continues, or None
    edited: set[str] = field(default_factory=set)  # ids whose text changed
    moved: set[str] = field(default_factory=set)
    removed: list[str] = field(default_factory=list)


def align(old: Catalog, doc: Document) -> Alignment:
    old_entries = list(old)
    old_texts = [e.source for e in old_entries]
    new_texts = doc.segment_texts()
    ids: list[str | None] = [None] * len(new_texts)
    used: set[int] = set()
    edited: set[str] = set()
    moved: set[str] = set()

    def pair(j: int, i: int) -> None:
        ids[j] = old_entries[i].id
        used.add(i)
        if old_texts[i] != new_texts[j]:
            edited.add(old_entries[i].id)

    matcher = difflib.SequenceMatcher(None, old_texts, new_texts, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                pair(j1 + k, i1 + k)
        elif op == "replace":
            _pair_similar(
                range(i1, i2), range(j1, j2), old_texts, new_texts, used, ids, EDIT_SIMILARITY, pair
            )

    # Moved: the same text elsewhere, then (stricter) moved and edited.
    free_old: dict[str, list[int]] = {}
    for i, text in enumerate(old_texts):
        if i not in used:
            free_old.setdefault(text, []).append(i)
    for j, text in enumerate(new_texts):
        if ids[j] is None and free_old.get(text):
            i = free_old[text].pop(0)
            pair(j, i)
            moved.add(old_entries[i].id)
    rest_old = [i for i in range(len(old_texts)) if i not in used]
    rest_new = [j for j in range(len(new_texts)) if ids[j] is None]
    before = set(used)
    _pair_similar(rest_old, rest_new, old_texts, new_texts, used, ids, MOVE_SIMILARITY, pair)
    moved |= {old_entries[i].id for i in used - before}

    removed = [old_entries[i].id for i in range(len(old_texts)) if i not in used]
    return Alignment(ids, edited, moved, removed)


def _pair_similar(
    old_idx: Sequence[int],
    new_idx: Sequence[int],
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    used: set[int],
    ids: list[str | None],
    threshold: float,
    pair: Callable[[int, int], None],
) -> None:
    """Greedily pair the most similar old/new sentences above `threshold`."""
    scored: list[tuple[float, int, int, int]] = []
    for i in old_idx:
        if i in used:
            continue
        for j in new_idx:
            if ids[j] is not None:
                continue
            score = fuzz.ratio(old_texts[i], new_texts[j])
            if score >= threshold:
                scored.append((-score, abs(i - j), i, j))
    scored.sort()
    for _, _, i, j in scored:
        if i not in used and ids[j] is None:
            pair(j, i)


def update_translation(po: Catalog, template: Catalog, *, edition: bool, on: str) -> Catalog:
    """Carry a language's entries over to the new template.

    For the source language's edition an entry that was still the source text
    word for word simply follows the new source; a copy-edited one goes stale
    like any translation.
    """
    po = copy.deepcopy(po)  # the caller's catalog stays as it was
    live = po.by_id()
    obsolete = {e.id: e for e in po.obsolete()}
    entries: list[Entry] = []
    for t in template:
        old = live.pop(t.id, None)
        if old is None:
            revived = obsolete.pop(t.id, None)
            if revived is not None and revived.source == t.source:
                revived.obsolete = False
                old = revived
        if old is None:
            entry = Entry(id=t.id, source=t.source, notes=translation_notes(t))
            if edition:
                entry.target = t.source
                mark_approved(entry, reviewer="source", on=on)
        else:
            entry = old
            entry.notes = translation_notes(t)
            entry.line = 0
            if old.source != t.source:
                previous, entry.source = old.source, t.source
                if edition and entry.target == previous and status_of(entry) is Status.APPROVED:
                    entry.target = t.source
                    mark_approved(entry, reviewer="source", on=on)
                else:
                    mark_stale(entry, previous)
        entries.append(entry)
    # What is left was removed from the source: obsolete, if there is work to keep.
    for gone in live.values():
        if gone.target:
            gone.obsolete = True
            gone.notes = []
            obsolete[gone.id] = gone
    entries += [e for e in po.entries if e.obsolete and obsolete.get(e.id) is e]
    return Catalog(
        header=dict(po.header), entries=entries, header_comments=list(po.header_comments)
    )
