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

    @property
    def total(self) -> int:
        return sum(self.segments.values())

    @property
    def total_words(self) -> int:
        return sum(self.words.values())

    def gettext_view(self) -> tuple[int, int, int]:
        """(translated, fuzzy, untranslated) as ``msgfmt --statistics`` counts them."""
        final = sum(n for s, n in self.segments.items() if s.final)
        empty = self.segments[Status.UNTRANSLATED]
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
    for entry in catalog:
        status = status_of(entry)
        counts.segments[status] += 1
        counts.words[status] += word_count(entry.source)
    return counts
