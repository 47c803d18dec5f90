"""The fix-ups a translator makes to an alignment, as pure operations.

Each takes a document's live entries in order (one language's PO) and a
position, and returns an `Edit`: copies of the entries it changed, with
their new text and status, for the caller (the review app) to save through
the store. Nothing is changed in place (copy-on-write, as every writer does).

- `join_with_previous`: one sentence covers this segment and the previous
  one: the previous segment takes this one's text after its own, this one is
  marked joined.
- `unjoin`: the reverse; the covering segment's last sentence comes back to
  this one when it holds more than one, else this one is left untranslated.
- `move_sentence`: the first sentence of a segment goes to the end of the
  previous one, or its last to the start of the next.

A segment whose text a person changes this way is *translated* (by `who`),
never approved: the approval was of another text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from transkit.align.sentences import split_sentences
from transkit.catalog import Entry, copy_entry, fit_newlines
from transkit.status import Status, is_joined, mark_joined, mark_translated, status_of


class EditError(ValueError):
    """The operation does not apply here (said in words a translator reads)."""


@dataclass(frozen=True)
class Edit:
    changed: tuple[Entry, ...]  # copies, in document order


def _block_start(entry: Entry) -> bool:
    return entry.layout_note is not None


def _concat(a: str, b: str) -> str:
    return " ".join(t for t in (a.strip(), b.strip()) if t)


def _set_text(entry: Entry, text: str, who: str, on: str | None) -> None:
    entry.target = fit_newlines(text, entry.source)
    if entry.target:
        mark_translated(entry, who, on)
    else:
        entry.fuzzy = False
        entry.previous = None
        entry.set_meta(None)


def _carrier_index(entries: Sequence[Entry], index: int) -> int:
    """The segment whose text covers the joined segment at `index`."""
    k = index
    while k > 0 and is_joined(entries[k]) and not _block_start(entries[k]):
        k -= 1
    if k == index or is_joined(entries[k]):
        raise EditError("nothing before it in its paragraph carries its text")
    return k


def join_with_previous(
    entries: Sequence[Entry], index: int, *, who: str = "", on: str | None = None
) -> Edit:
    entry = entries[index]
    if index == 0 or _block_start(entry):
        raise EditError("the first segment of a paragraph has no previous one to join")
    if is_joined(entry):
        raise EditError("already joined to the previous segment")
    k = _carrier_index(entries, index) if is_joined(entries[index - 1]) else index - 1
    if not entries[k].target:
        raise EditError("the previous segment has no text to join this one to")
    carrier, joined = copy_entry(entries[k]), copy_entry(entry)
    _set_text(carrier, _concat(carrier.target, joined.target), who, on)
    mark_joined(joined, who, on)
    return Edit((carrier, joined))


def unjoin(
    entries: Sequence[Entry], index: int, lang: str, *, who: str = "", on: str | None = None
) -> Edit:
    entry = entries[index]
    if not is_joined(entry):
        raise EditError("not joined to the previous segment")
    k = _carrier_index(entries, index)
    carrier, freed = copy_entry(entries[k]), copy_entry(entry)
    sentences = split_sentences(carrier.target, lang)
    after = entries[index + 1] if index + 1 < len(entries) else None
    last_joined = after is None or _block_start(after) or not is_joined(after)
    if len(sentences) > 1 and last_joined:
        # the carrier's last sentence is the one that covered this segment
        _set_text(carrier, " ".join(sentences[:-1]), who, on)
        _set_text(freed, sentences[-1], who, on)
        return Edit((carrier, freed))
    _set_text(freed, "", who, on)
    return Edit((freed,))


def move_sentence(
    entries: Sequence[Entry],
    index: int,
    direction: int,
    lang: str,
    *,
    who: str = "",
    on: str | None = None,
) -> Edit:
    """`direction` -1: the first sentence to the end of the previous segment;
    +1: the last sentence to the start of the next (within the paragraph)."""
    if direction not in (-1, 1):
        raise ValueError("direction is -1 or +1")
    other_index = index + direction
    if not 0 <= other_index < len(entries):
        raise EditError("no segment there in this paragraph")
    first, second = sorted((index, other_index))
    if _block_start(entries[second]):
        raise EditError("no segment there in this paragraph")
    here, there = copy_entry(entries[index]), copy_entry(entries[other_index])
    if is_joined(there) or is_joined(here):
        raise EditError("unjoin the joined segment first")
    if status_of(here) is Status.UNTRANSLATED:
        raise EditError("this segment has no text to move")
    sentences = split_sentences(here.target, lang)
    if direction < 0:
        moved, rest = sentences[0], sentences[1:]
        _set_text(there, _concat(there.target, moved), who, on)
    else:
        moved, rest = sentences[-1], sentences[:-1]
        _set_text(there, _concat(moved, there.target), who, on)
    _set_text(here, " ".join(rest), who, on)
    pair = (here, there) if index == first else (there, here)
    return Edit(pair)
