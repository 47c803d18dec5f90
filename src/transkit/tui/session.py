"""The review session: which segment is current, what is shown, what can be undone.

Pure: it works on one language's `Catalog` in memory, does no I/O and knows
nothing of Textual; the app saves what a change touched. Entries are
copy-on-write: a change puts a new `Entry` object in the catalog instead of
mutating the old one, so a save can snapshot the entry list (references only,
O(n) pointers) while the reviewer keeps working, and undo is just putting the
old object back.

Everything a key press does here is O(1) or one scan over cached statuses,
so it costs the same at 100 and at 10,000 segments.
"""

from __future__ import annotations

import copy
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from transkit.align.confidence import confidence_of
from transkit.catalog import Catalog, Entry, fit_newlines
from transkit.merge import add_alternative, alternatives, drop_alternative
from transkit.status import (
    Status,
    mark_approved,
    mark_draft,
    mark_needs_work,
    mark_translated,
    status_of,
)

#: Named status filters, in the order the filter picker shows them.
FILTERS: dict[str, frozenset[Status]] = {
    "all": frozenset(Status),
    # A joined segment is translated with the one before it: nothing to do on its own.
    "unfinished": frozenset(s for s in Status if s not in (Status.APPROVED, Status.JOINED)),
    "untranslated": frozenset({Status.UNTRANSLATED}),
    "stale": frozenset({Status.STALE}),
    "draft": frozenset({Status.DRAFT}),
    "conflict": frozenset({Status.CONFLICT}),
    "needs-work": frozenset({Status.NEEDS_WORK}),
    "translated": frozenset({Status.TRANSLATED}),
    "approved": frozenset({Status.APPROVED}),
}

#: The view of what `transkit align` filled in, least sure first (not a status:
#: its rows are ordered by confidence, not by position).
ALIGNED = "aligned"

#: What the filter picker offers: the status filters, then the aligned view.
VIEWS: tuple[str, ...] = (*FILTERS, ALIGNED)


@dataclass(frozen=True)
class Change:
    """One undoable change to one segment: the entry before and after."""

    id: str
    action: str  # "edit", "approve", "needs-work", "clear", "restore-draft", "undo", "redo"
    before: Entry
    after: Entry
    step: int = 0  # changes sharing a step (> 0) are undone and redone together


def _cleared(entry: Entry) -> None:
    """An emptied translation: untranslated, with no status left behind."""
    entry.fuzzy = False
    entry.previous = None
    entry.set_meta(None)


def describe(counts: dict[Status, int]) -> str:
    """``337 untranslated, 1 draft``: segments counted by status, for a message."""
    return ", ".join(f"{n} {st.value}" for st, n in counts.items() if n) or "nothing"


class ReviewSession:
    """One language of one document under review."""

    def __init__(self, catalog: Catalog, filter_name: str = "all") -> None:
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self._typing: str | None = None  # id whose typing may still merge into one undo step
        self._step = 0  # the last multi-segment step made (`apply`)
        self._load(catalog, keep_id=None, filter_name=filter_name)

    def _load(self, catalog: Catalog, keep_id: str | None, filter_name: str) -> None:
        self.catalog = catalog
        self._slots = [i for i, e in enumerate(catalog.entries) if not e.obsolete]
        entries = catalog.entries
        self.statuses: list[Status] = [status_of(entries[s]) for s in self._slots]
        self.counts: Counter[Status] = Counter(self.statuses)
        self._index = {entries[s].id: n for n, s in enumerate(self._slots)}
        self.filter_name = "all"
        self.rows: list[int] = list(range(len(self._slots)))
        # row by segment, for rows not in document order (the aligned view)
        self._row_by_index: dict[int, int] | None = None
        self.row = 0
        if filter_name != "all" and not self.set_filter(filter_name):
            self.filter_name = "all"
        if keep_id is not None and keep_id in self._index:
            self.go_to(self._index[keep_id])

    def adopt(self, catalog: Catalog) -> None:
        """Take a catalog re-read from disk; stay on the same segment if it is still there."""
        current = self.current.id if len(self) else None
        self._load(catalog, keep_id=current, filter_name=self.filter_name)
        self._typing = None

    # -- reading ---------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._slots)

    def entry(self, index: int) -> Entry:
        return self.catalog.entries[self._slots[index]]

    def index_of(self, entry_id: str) -> int | None:
        return self._index.get(entry_id)

    def row_of(self, index: int) -> int | None:
        """Where segment `index` is in the rows shown, if it is shown."""
        if self._row_by_index is not None:
            return self._row_by_index.get(index)
        pos = bisect_left(self.rows, index)
        return pos if pos < len(self.rows) and self.rows[pos] == index else None

    @property
    def index(self) -> int:
        """The current segment, as a position in the document (0-based)."""
        return self.rows[self.row]

    @property
    def current(self) -> Entry:
        return self.entry(self.index)

    @property
    def current_status(self) -> Status:
        return self.statuses[self.index]

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # -- moving ----------------------------------------------------------------

    def go_row(self, row: int) -> None:
        self.row = max(0, min(row, len(self.rows) - 1))
        self._typing = None

    def move(self, delta: int) -> bool:
        """One row down (+1) or up (-1); False at either end."""
        target = self.row + delta
        if not 0 <= target < len(self.rows):
            return False
        self.go_row(target)
        return True

    def go_to(self, index: int) -> bool:
        """Make segment `index` current; False if the filter had to be cleared to show it."""
        pos = self.row_of(index)
        if pos is not None:
            self.go_row(pos)
            return True
        self.set_filter("all")
        self.go_row(index)
        return False

    def find(self, match: Callable[[int], bool], *, forward: bool = True) -> int | None:
        """The next row after the current one (wrapping) whose segment matches."""
        n = len(self.rows)
        step = 1 if forward else -1
        for k in range(1, n + 1):
            row = (self.row + step * k) % n
            if match(self.rows[row]):
                return row
        return None

    def next_with(self, statuses: Iterable[Status], *, forward: bool = True) -> bool:
        wanted = frozenset(statuses)
        row = self.find(lambda i: self.statuses[i] in wanted, forward=forward)
        if row is None:
            return False
        self.go_row(row)
        return True

    def next_unfinished(self) -> bool:
        """On to the next segment that is not approved; False if there is none."""
        return self.next_with(FILTERS["unfinished"])

    def search(self, query: str, *, forward: bool = True) -> bool:
        """On to the next segment whose source or translation contains `query` (any case)."""
        needle = query.casefold()
        if not needle:
            return False

        def hit(i: int) -> bool:
            e = self.entry(i)
            return needle in e.source.casefold() or needle in e.target.casefold()

        row = self.find(hit, forward=forward)
        if row is None:
            return False
        self.go_row(row)
        return True

    def unfinished(self) -> dict[Status, int]:
        """Segments not yet approved in the whole document, whatever the
        filter shows, by status (least finished first; none left: empty).
        A joined segment goes with the segment that carries its sentence."""
        done = (Status.APPROVED, Status.JOINED)
        return {st: self.counts[st] for st in Status if st not in done and self.counts[st]}

    def resolve(self, where: str) -> int | None:
        """A segment by number (1-based, as the list shows it) or by id."""
        where = where.strip()
        if where in self._index:
            return self._index[where]
        if where.isdigit() and 1 <= int(where) <= len(self):
            return int(where) - 1
        return None

    def set_filter(self, name: str) -> bool:
        """Show only segments in these statuses (or, for `ALIGNED`, what `align`
        filled in, least sure first); False (and no change) if none match.

        The rows are not recomputed when a segment's status changes afterwards:
        an approved segment stays in the "unfinished" view until the filter is
        set again, so the cursor never jumps away from under the reviewer.
        """
        if name == ALIGNED:
            return self._show_aligned()
        keep = self.rows[self.row] if self.rows else 0
        wanted = FILTERS[name]
        if name == "all":
            rows = list(range(len(self._slots)))
        else:
            rows = [i for i, s in enumerate(self.statuses) if s in wanted]
        if not rows:
            return False
        self.filter_name = name
        self.rows = rows
        self._row_by_index = None
        self.row = min(bisect_left(rows, keep), len(rows) - 1)
        self._typing = None
        return True

    def confidence(self, index: int) -> float | None:
        """The aligner's confidence in segment `index`'s text, if `align` put it there."""
        return confidence_of(self.entry(index))

    def aligned(self) -> list[int]:
        """The segments `transkit align` filled in, least sure first (then in
        document order): where a misalignment most likely is."""
        sure = [(c, i) for i in range(len(self)) if (c := self.confidence(i)) is not None]
        return [i for _, i in sorted(sure)]

    def _show_aligned(self) -> bool:
        """The aligned view, from its top: the least sure segment."""
        rows = self.aligned()
        if not rows:
            return False
        self.filter_name = ALIGNED
        self.rows = rows
        self._row_by_index = {index: row for row, index in enumerate(rows)}
        self.row = 0
        self._typing = None
        return True

    # -- changing ----------------------------------------------------------------

    def _put(self, index: int, entry: Entry) -> None:
        self.catalog.entries[self._slots[index]] = entry
        old, new = self.statuses[index], status_of(entry)
        if old is not new:
            self.counts[old] -= 1
            self.counts[new] += 1
            self.statuses[index] = new

    def _change(self, action: str, edit: Callable[[Entry], None]) -> Change | None:
        index = self.index
        before = self.current
        after = copy.copy(before)
        edit(after)
        if (after.target, after.fuzzy, after.previous, after.comments) == (
            before.target,
            before.fuzzy,
            before.previous,
            before.comments,
        ):
            return None
        self._put(index, after)
        change = Change(before.id, action, before, after)
        self._undo.append(change)
        self._redo.clear()
        self._typing = None
        return change

    def set_target(self, text: str, who: str = "", *, typing: bool = False) -> Change | None:
        """The reviewer's text for the current segment: translated (or untranslated if empty).

        The text starts and ends with a newline where the source does
        (`fit_newlines`): an Enter pressed at the end of a translation is not
        saved, so msgfmt --check never rejects the file. The editor may show
        the newline meanwhile; the typing goes on from there.
        With `typing`, consecutive edits of the same segment make one undo step.
        """
        text = fit_newlines(text, self.current.source)
        if text == self.current.target:
            return None

        def edit(e: Entry) -> None:
            e.target = text
            if text:
                mark_translated(e, who)
            else:
                _cleared(e)

        merge = typing and self._typing == self.current.id and self._undo
        first = self._undo[-1].before if merge else None
        change = self._change("edit", edit)
        if change is None:
            return None
        if merge and first is not None:
            self._undo.pop()
            self._undo[-1] = Change(change.id, "edit", first, change.after)
            change = self._undo[-1]
        self._typing = change.id if typing else None
        return change

    def approve(self, who: str = "", over: Iterable[str] = ()) -> Change | None:
        """Approve the current translation; None if it is empty or already approved.

        A draft made elsewhere may start or end with a newline its source does
        not have (a fuzzy entry, msgfmt does not check it): approved, it is
        final, so its newlines are fitted to the source first. `over` names
        the checks whose errors the reviewer was shown and approved anyway.
        """
        entry = self.current
        text = fit_newlines(entry.target, entry.source)
        if not text or self.current_status is Status.APPROVED:
            return None

        def edit(e: Entry) -> None:
            e.target = text
            mark_approved(e, who, over=over)

        return self._change("approve", edit)

    def needs_work(self, who: str = "") -> Change | None:
        if not self.current.target or self.current_status is Status.NEEDS_WORK:
            return None
        return self._change("needs-work", lambda e: mark_needs_work(e, who))

    def clear(self) -> Change | None:
        """Empty the translation (untranslated): one undoable step; None if already empty."""
        if not self.current.target:
            return None

        def edit(e: Entry) -> None:
            e.target = ""
            _cleared(e)

        return self._change("clear", edit)

    def restore_draft(self, text: str) -> Change | None:
        """Put the machine draft back: its text (newlines fitted to the
        source), status draft (fuzzy) again."""
        engine = self.current.meta.get("engine") or "restored"
        text = fit_newlines(text, self.current.source)
        if not text:
            return None

        def edit(e: Entry) -> None:
            e.target = text
            mark_draft(e, engine)

        return self._change("restore-draft", edit)

    def restore_alternative(self, text: str, who: str = "") -> Change | None:
        """Take back a translation kept when two edits met (`merge.alternatives`):
        it becomes the text (translated, by `who`), and the text it replaces
        is kept as an alternative in its turn: nothing is lost either way."""
        current = self.current
        if not any(alt.text == text for alt in alternatives(current)):
            return None

        def edit(e: Entry) -> None:
            replaced = copy.copy(e)
            drop_alternative(e, text)
            e.target = fit_newlines(text, e.source)
            mark_translated(e, who)
            if replaced.target and replaced.target != e.target:
                add_alternative(e, replaced, who=who)

        return self._change("restore-alternative", edit)

    def apply(self, action: str, entries: Iterable[Entry]) -> list[Change]:
        """Put these new entries (copies, by id) in: one undoable step however
        many segments it touches (a join, an unjoin, a sentence moved). The
        current segment's change comes first: undo and redo go back to it."""
        current = self.current.id
        news = sorted(entries, key=lambda e: e.id != current)
        self._step += 1
        done = []
        for entry in news:
            index = self._index.get(entry.id)
            if index is None:
                continue
            before = self.entry(index)
            self._put(index, entry)
            done.append(Change(entry.id, action, before, entry, self._step))
        self._undo.extend(done)
        if done:
            self._redo.clear()
        self._typing = None
        return done

    def _swap(self, stack: list[Change], other: list[Change], action: str) -> list[Change]:
        """The last step of `stack` swapped back (one change, or the several
        `apply` made together); the segments as they were and now are."""
        while stack:
            popped = [stack.pop()]
            step = popped[0].step
            while step and stack and stack[-1].step == step:
                popped.append(stack.pop())
            done = []
            for change in reversed(popped):  # in the order they were made
                index = self._index.get(change.id)
                if index is None:  # the segment is gone (source re-imported meanwhile)
                    continue
                current = self.entry(index)
                self._put(index, change.before)
                other.append(Change(change.id, change.action, change.after, change.before,
                                    step))
                done.append(Change(change.id, action, current, change.before, step))
            if not done:
                continue
            index = self._index[done[0].id]
            self.go_to(index)
            self._typing = None
            return done
        return []

    def undo_step(self) -> list[Change]:
        """Put back the segments as they were before the last change (moving to it)."""
        return self._swap(self._undo, self._redo, "undo")

    def redo_step(self) -> list[Change]:
        return self._swap(self._redo, self._undo, "redo")

    def undo(self) -> Change | None:
        """`undo_step`, for one segment's change: the first segment it put back."""
        done = self.undo_step()
        return done[0] if done else None

    def redo(self) -> Change | None:
        done = self.redo_step()
        return done[0] if done else None
