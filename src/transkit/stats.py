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

    @property
    def done_words(self) -> int:
        """Words approved or translated, and joined ones whose carrier is either."""
        return self.words[Status.APPROVED] + self.words[Status.TRANSLATED] + self.joined_done

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
            "joined_done": self.joined_done,
            "by_status": {
                s.value: {"segments": self.segments[s], "words": self.words[s]} for s in Status
            },
        }


def counts_from_dict(data: dict[str, object]) -> Counts:
    """Inverse of `Counts.to_dict` (for caches); a KeyError or ValueError on
    anything else."""
    by_status = data["by_status"]
    if not isinstance(by_status, dict):
        raise ValueError("by_status is not a table")
    counts = Counts()
    for name, cell in by_status.items():
        status = Status(name)
        counts.segments[status] = int(cell["segments"])
        counts.words[status] = int(cell["words"])
    counts.joined_done = int(str(data.get("joined_done", 0)))
    return counts


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


#: What a bar shows first: finished work on the left, what is left on the right.
BAR_ORDER = (
    Status.APPROVED, Status.TRANSLATED, Status.JOINED, Status.NEEDS_WORK, Status.CONFLICT,
    Status.DRAFT, Status.STALE, Status.UNTRANSLATED,
)


def bar_cells(counts: Counts, width: int) -> list[tuple[Status, int]]:
    """How many of `width` cells each status fills, by words (largest
    remainders rounded up, so the cells always add up to `width` and a status
    with any words at all shows at least one cell when there is room)."""
    total = counts.total_words or counts.total
    if width <= 0 or not total:
        return []
    weight = counts.words if counts.total_words else counts.segments
    shares = [(s, weight[s] * width / total) for s in BAR_ORDER if weight[s]]
    cells = {s: int(share) for s, share in shares}
    for s, _ in sorted(shares, key=lambda x: x[1] - int(x[1]), reverse=True):
        if sum(cells.values()) >= width:
            break
        cells[s] += 1
    for s, _ in shares:  # a sliver still shows, taken from the largest
        if not cells[s]:
            largest = max(cells, key=lambda k: cells[k])
            if cells[largest] > 1:
                cells[largest] -= 1
                cells[s] = 1
    return [(s, cells[s]) for s, _ in shares if cells[s]]


def add(a: Counts, b: Counts) -> Counts:
    """The counts of two catalogs together (a language's total over documents)."""
    return Counts(a.segments + b.segments, a.words + b.words)


#: The statuses where a translator still has to write or fix something.
TODO = (Status.UNTRANSLATED, Status.DRAFT, Status.STALE, Status.NEEDS_WORK, Status.CONFLICT)
