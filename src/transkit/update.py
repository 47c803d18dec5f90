"""Re-importing a changed source: keep every translation that still applies.

`align` decides, for each segment of the new document, which old segment it
continues (same id) — unchanged, moved or edited — and which are new; the
old segments left over were removed. `update_translation` then carries each
language's work across: unchanged and moved segments keep text and status,
edited ones keep their text but become stale with the previous source kept
(``#|``), removed ones become obsolete (``#~``), never silently dropped.

Footnotes are identities, not numbers: a note inserted or deleted renumbers
every later reference, yet those sentences are unchanged. Segments are
therefore compared with their placeholders' labels blinded; a segment whose
only change is its labels is *renumbered*, and its translations keep text
and status with their placeholders renumbered to match.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from transkit.catalog import META_PREFIX, Catalog, Entry, copy_entry, format_meta
from transkit.document import FOOTNOTE_RE, Document
from transkit.status import Status, fingerprint, mark_approved, mark_stale, status_of
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
    renumbered: set[str] = field(default_factory=set)  # ids whose only change is labels


def label_blind(text: str) -> str:
    """The text with every footnote placeholder's label taken out: what a
    segment says, whatever its notes are numbered."""
    return FOOTNOTE_RE.sub("[^]", text)


def align(old: Catalog, doc: Document) -> Alignment:
    old_entries = list(old)
    old_texts = [label_blind(e.source) for e in old_entries]
    new_texts = [label_blind(t) for t in doc.segment_texts()]
    old_exact = [e.source for e in old_entries]
    new_exact = doc.segment_texts()
    ids: list[str | None] = [None] * len(new_texts)
    used: set[int] = set()
    edited: set[str] = set()
    moved: set[str] = set()
    renumbered: set[str] = set()

    def pair(j: int, i: int) -> None:
        ids[j] = old_entries[i].id
        used.add(i)
        if old_texts[i] != new_texts[j]:
            edited.add(old_entries[i].id)
        elif old_exact[i] != new_exact[j]:
            renumbered.add(old_entries[i].id)

    # What is unchanged at both ends pairs as it stands; difflib compares only
    # the middle (its matching is slow over many repeated sentences).
    head = 0
    limit = min(len(old_texts), len(new_texts))
    while head < limit and old_texts[head] == new_texts[head]:
        pair(head, head)
        head += 1
    tail = 0
    while tail < limit - head and old_texts[-1 - tail] == new_texts[-1 - tail]:
        pair(len(new_texts) - 1 - tail, len(old_texts) - 1 - tail)
        tail += 1
    old_mid = old_texts[head : len(old_texts) - tail]
    new_mid = new_texts[head : len(new_texts) - tail]
    matcher = difflib.SequenceMatcher(None, old_mid, new_mid, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
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
    return Alignment(ids, edited, moved, removed, renumbered)


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
    # The caller's catalog stays as it was: an entry is copied before it is
    # changed (copy-on-write); one the new template leaves as it was is shared,
    # never changed (copying every entry of a 50 MB article's English edition
    # held 330 MB more during a re-import).
    live = {e.id: e for e in po.entries if not e.obsolete}
    obsolete = {e.id: e for e in po.entries if e.obsolete}
    entries: list[Entry] = []
    for t in template:
        notes = translation_notes(t)
        old = live.pop(t.id, None)
        if old is None:
            revived = obsolete.pop(t.id, None)
            if revived is not None and revived.source == t.source:
                old = copy_entry(revived)
                old.obsolete = False
        if old is not None and old.source == t.source and old.notes == notes:
            entries.append(old)  # unchanged
            continue
        if old is None:
            entry = Entry(id=t.id, source=t.source, notes=notes)
            if edition:
                entry.target = t.source
                mark_approved(entry, reviewer="source", on=on)
        else:
            entry = copy_entry(old)
            entry.notes = notes
            entry.line = 0
            if old.source != t.source and label_blind(old.source) == label_blind(t.source):
                renumber(entry, t.source)
            elif old.source != t.source:
                previous, entry.source = old.source, t.source
                if edition and entry.target == previous and status_of(entry) is Status.APPROVED:
                    entry.target = t.source
                    mark_approved(entry, reviewer="source", on=on)
                else:
                    mark_stale(entry, previous)
        entries.append(entry)
    # What is left was removed from the source: obsolete, if there is work to keep.
    retired: dict[int, Entry] = {}  # id() of a live entry removed -> its obsolete copy
    for gone in live.values():
        if gone.target:
            kept = copy_entry(gone)
            kept.obsolete = True
            kept.notes = []
            obsolete[gone.id] = retired[id(gone)] = kept
    for e in po.entries:  # obsolete ones in the file's order, each id once
        found = obsolete.get(e.id)
        if found is not None and (found is e or retired.get(id(e)) is found):
            entries.append(found)
    return Catalog(
        header=dict(po.header), entries=entries, header_comments=list(po.header_comments)
    )


def renumber(entry: Entry, source: str) -> None:
    """Give `entry` the renumbered `source` and renumber its translation's
    placeholders to match, keeping its status (an approval is of the words,
    so its fingerprint follows the new labels)."""
    old = [m.group(1) for m in FOOTNOTE_RE.finditer(entry.source)]
    new = [m.group(1) for m in FOOTNOTE_RE.finditer(source)]
    labels: dict[str, str] = {}
    for a, b in zip(old, new, strict=True):  # label_blind: as many on both sides
        labels.setdefault(a, b)

    def relabel(text: str) -> str:
        return FOOTNOTE_RE.sub(lambda m: f"[^{labels.get(m.group(1), m.group(1))}]", text)

    approved = status_of(entry) is Status.APPROVED
    entry.source = source
    entry.target = relabel(entry.target)
    if entry.previous is not None:
        entry.previous = relabel(entry.previous)
    if approved:  # the approval's comment rewritten where it stands
        line = f"{META_PREFIX} {format_meta({**entry.meta, 'sha': fingerprint(entry.target)})}"
        entry.comments = [line if c.startswith(META_PREFIX) else c for c in entry.comments]
