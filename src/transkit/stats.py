"""Counting segments and words by status, per catalog."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from transkit.catalog import Catalog
from transkit.document import FOOTNOTE_RE
from transkit.status import Status, status_of


def word_count(text: str) -> int:
    return len(FOOTNOTE_RE.sub(" ", text).split())


@dataclass
class Counts:
    segments: Counter[Status] = field(default_factory=Counter)
    words: Counter[Status] = field(default_factory=Counter)
    #: Words of joined segments whose covering segment is final: done with it.
    joined_done: int = 0

    @property
    def total(self) -> int:
        return sum(self.segments.values())

    @property
    def total_words(self) -> int:
        return sum(self.words.values())

    def gettext_view(self) -> tuple[int, int, int]:
        """(translated, fuzzy, untranslated) as ``msgfmt --statistics`` counts them."""
        final = sum(n for s, n in self.segments.items() if s.final)
        # a joined segment's msgstr is empty: gettext counts it untranslated
        empty = self.segments[Status.UNTRANSLATED] + self.segments[Status.JOINED]
        return final, self.total - final - empty, empty

    def to_dict(self) -> dict[str, object]:
        return {
            "segments": self.total,
            "words": self.total_words,
            "by_status": {
                s.value: {"segments": self.segments[s], "words": self.words[s]} for s in Status
            },
        }


def count(catalog: Catalog) -> Counts:
    counts = Counts()
    before: Status | None = None  # the status of the segment a joined one follows
    for entry in catalog:
        status = status_of(entry)
        words = word_count(entry.source)
        counts.segments[status] += 1
        counts.words[status] += words
        if status is Status.JOINED:
            if before is not None and before.final and entry.layout_note is None:
                counts.joined_done += words
            continue
        before = status
    return counts
