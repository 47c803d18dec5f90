"""The catalogue overview's state: every document × language with its progress,
sorted and filtered as asked. Pure, like `session.py`: no Textual, no files;
each change returns whether the rows shown changed, and the app redraws.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from transkit.stats import TODO, Counts
from transkit.status import Status

#: Sort orders, in the order the sort key cycles through them.
SORTS = ("name", "todo", "done")
SORT_LABELS = {"name": "by name", "todo": "most work left first", "done": "least done first"}
#: Filters, in the order the filter key cycles through them.
FILTERS = ("all", "unfinished", "stale", "drafts")
FILTER_LABELS = {
    "all": "every document",
    "unfinished": "not yet all approved",
    "stale": "with stale segments",
    "drafts": "with drafts to review",
}

#: A language's cell before its file was counted, and when it cannot be read.
PENDING = "counting"
UNREADABLE = "unreadable"
Cell = Counts | str | None  # None: no file for this language


def done_share(counts: Counts) -> float:
    """Words done (approved, translated, joined to either) over all words (0–1)."""
    if not counts.total_words:
        return 1.0 if counts.total else 0.0
    return counts.done_words / counts.total_words


def _left(counts: Counts) -> int:
    """Segments not yet approved (a joined one goes with the segment carrying it)."""
    return counts.total - counts.segments[Status.APPROVED] - counts.segments[Status.JOINED]


def todo_words(counts: Counts) -> int:
    return sum(counts.words[s] for s in TODO)


@dataclass
class Catalogue:
    """Rows are documents; columns the languages; `focus` the language that
    sorting and filtering look at (the column the cursor is in)."""

    docs: list[str]
    languages: list[str]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    sort: str = "name"
    filter: str = "all"
    focus: str = ""

    def __post_init__(self) -> None:
        self.focus = self.focus or (self.languages[0] if self.languages else "")
        for doc in self.docs:
            for lang in self.languages:
                self.cells.setdefault((doc, lang), PENDING)

    def cell(self, doc: str, lang: str) -> Cell:
        return self.cells.get((doc, lang))

    def set_cell(self, doc: str, lang: str, cell: Cell) -> bool:
        """Record a count; whether it changes what is shown (not only the cell)."""
        before = self.visible()
        self.cells[(doc, lang)] = cell
        return self.visible() != before

    def visible(self) -> list[str]:
        """The documents shown, in order."""
        docs = [d for d in self.docs if self._passes(d)]
        if self.sort == "todo":
            docs.sort(key=lambda d: (-self._todo(d), d))
        elif self.sort == "done":
            docs.sort(key=lambda d: (self._done(d), d))
        return docs

    def cycle_sort(self) -> str:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        return self.sort

    def cycle_filter(self) -> str:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        return self.filter

    def unfinished(self, doc: str, lang: str) -> bool:
        """Whether `doc` has anything in `lang` that is not yet approved
        (not yet counted counts as unfinished: better a look too many)."""
        cell = self.cell(doc, lang)
        if isinstance(cell, Counts):
            return _left(cell) > 0
        return cell is not None

    def next_unfinished(self, after: str, lang: str) -> str | None:
        """The next document, in the order shown and then from the top, that
        still needs work in `lang`; None when every other one is finished."""
        order = self.visible() or self.docs
        if after in order:
            k = order.index(after)
            order = order[k + 1 :] + order[:k]
        return next((d for d in order if d != after and self.unfinished(d, lang)), None)

    def totals(self, lang: str) -> Counts:
        """`lang` over every document counted so far."""
        total = Counts()
        for doc in self.docs:
            cell = self.cell(doc, lang)
            if isinstance(cell, Counts):
                total.segments.update(cell.segments)
                total.words.update(cell.words)
        return total

    def pending(self) -> int:
        return sum(1 for c in self.cells.values() if c == PENDING)

    def _passes(self, doc: str) -> bool:
        if self.filter == "all":
            return True
        cell = self.cell(doc, self.focus)
        if not isinstance(cell, Counts):
            return cell == PENDING and self.filter == "unfinished"
        if self.filter == "unfinished":
            return _left(cell) > 0
        if self.filter == "stale":
            return cell.segments[Status.STALE] > 0
        return cell.segments[Status.DRAFT] > 0

    def _todo(self, doc: str) -> int:
        cell = self.cell(doc, self.focus)
        return todo_words(cell) if isinstance(cell, Counts) else -1

    def _done(self, doc: str) -> float:
        cell = self.cell(doc, self.focus)
        return done_share(cell) if isinstance(cell, Counts) else 2.0


@dataclass(frozen=True)
class Opened:
    """What the overview (or the concordance) asks to open: a document in a
    language, at a segment if one was chosen."""

    doc: str
    lang: str
    segment: str = ""
