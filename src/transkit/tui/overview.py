"""OverviewApp: the project's catalogue, where a review starts when the
project has more than one document.

One row per document, one column per language, each cell a progress bar and
the share done. Enter opens the document in the cursor's language (the app
exits with an `Opened`, and ``transkit review`` runs the review app on it;
leaving the review comes back here). It paints at once with the counts the
cache knows (`transkit.progress`) and fills in the others as a worker counts
them: a 200-document project never waits for 800 files to be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, Footer, Static

from transkit.errors import TranskitError
from transkit.project import Project
from transkit.stats import Counts, bar_cells
from transkit.status import Status
from transkit.tui.catalogue import (
    FILTER_LABELS,
    PENDING,
    SORT_LABELS,
    UNREADABLE,
    Catalogue,
    Cell,
    Opened,
    done_share,
)
from transkit.tui.safe import shown
from transkit.tui.screens.concordance import ConcordanceScreen
from transkit.tui.widgets.palette import STATUS_COLORS

#: Cells of a bar in the table.
BAR = 12
#: Counts posted to the app this many files at a time (each post redraws).
BATCH = 25


class Counted(Message):
    """Some files counted (or found unreadable) by the worker."""

    def __init__(self, cells: list[tuple[str, str, Cell]], done: bool) -> None:
        super().__init__()
        self.cells = cells
        self.done = done


class OverviewApp(App[Opened | None]):
    CSS_PATH = Path(__file__).with_name("overview.tcss")
    TITLE = "transkit catalogue"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "sort", "Sort", id="overview.sort"),
        Binding("f", "filter", "Filter", id="overview.filter"),
        Binding("ctrl+f,slash", "find", "Find", id="overview.find", key_display="^F"),
        Binding("n,f8", "next_unfinished", "Next unfinished", id="overview.next"),
        Binding("q,ctrl+q", "quit", "Quit", id="overview.quit"),
    ]

    def __init__(self, project: Project, *, at: Opened | None = None) -> None:
        super().__init__()
        self.project = project
        targets = list(project.config.languages)
        self.catalogue = Catalogue(project.documents(), [project.config.source_language,
                                                         *targets],
                                   focus=at.lang if at else (targets[0] if targets else ""))
        self.at = at
        self.counting = True
        from transkit.progress import ProgressCache

        self.cache = ProgressCache(project.root)
        for doc in self.catalogue.docs:  # what the cache knows, before the first paint
            for lang in self.catalogue.languages:
                path = project.po_path(doc, lang)
                known = self.cache.known(path) if path.exists() else None
                if known is not None or not path.exists():
                    self.catalogue.cells[(doc, lang)] = known
        self.counting = self.catalogue.pending() > 0

    def compose(self) -> ComposeResult:
        yield Static("", id="overview-header", markup=False)
        yield DataTable(id="catalogue", cursor_type="cell", zebra_stripes=True)
        yield Static("", id="overview-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("document", key="doc")
        for lang in self.catalogue.languages:
            table.add_column(lang, key=lang)
        self.fill()
        if self.at is not None and self.at.doc in self.catalogue.visible():
            self.place(self.at.doc, self.at.lang)
        else:
            self.place(None, self.catalogue.focus)
        if self.counting:  # after the first frame: the worker would compete for the GIL
            self.call_after_refresh(self.count)

    # -- drawing ----------------------------------------------------------------

    def fill(self) -> None:
        """All rows again (after a sort, a filter, or counts that move rows)."""
        table = self.query_one(DataTable)
        where = self.current()
        table.clear()
        for doc in self.catalogue.visible():
            table.add_row(Text(shown(doc, one_line=True)),
                          *(self.cell_text(doc, lang) for lang in self.catalogue.languages),
                          key=doc)
        # The cursor stays on its document and language where it can, else on
        # the first row in the same language (never the name column).
        self.place(where.doc if where else None, where.lang if where else self.catalogue.focus)
        self.show_header()

    def cell_text(self, doc: str, lang: str) -> Text:
        cell = self.catalogue.cell(doc, lang)
        if cell is None:
            return Text("no file", style="dim")
        if cell == PENDING:
            return Text("…", style="dim")
        if isinstance(cell, str):
            return Text(UNREADABLE, style="bold red")
        return bar(cell)

    def show_header(self) -> None:
        cat = self.catalogue
        focus = cat.focus
        total = cat.totals(focus)
        share = f"{100 * done_share(total):.0f}%" if total.total else "-"
        counting = f" · counting {cat.pending()} files…" if cat.pending() else ""
        self.query_one("#overview-header", Static).update(
            f"{len(cat.docs)} documents · {focus}: {share} done over the catalogue · "
            f"{FILTER_LABELS[cat.filter]} ({len(cat.visible())}) · "
            f"{SORT_LABELS[cat.sort]}{counting}"
        )
        self.query_one("#overview-hint", Static).update(
            "Enter: open in this column's language · s: sort · f: filter · "
            "n: next unfinished · Ctrl+F: find in every document"
        )

    def current(self) -> Opened | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row, column = table.cursor_coordinate
        doc = str(table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value)
        lang = self.catalogue.languages[max(column, 1) - 1]
        return Opened(doc, lang)

    def place(self, doc: str | None, lang: str) -> None:
        table = self.query_one(DataTable)
        visible = self.catalogue.visible()
        row = visible.index(doc) if doc in visible else 0
        column = self.catalogue.languages.index(lang) + 1 if lang in self.catalogue.languages \
            else 1
        if table.row_count:
            table.cursor_coordinate = Coordinate(row, column)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        if event.coordinate.column >= 1:
            lang = self.catalogue.languages[event.coordinate.column - 1]
            if lang != self.catalogue.focus:
                self.catalogue.focus = lang
                if self.catalogue.sort != "name" or self.catalogue.filter != "all":
                    self.fill()
                else:
                    self.show_header()

    # -- counting (worker) ------------------------------------------------------

    @work(thread=True, exclusive=True)
    def count(self) -> None:  # worker: posts, never touches widgets
        batch: list[tuple[str, str, Cell]] = []
        pending = [key for key, cell in self.catalogue.cells.items() if cell == PENDING]
        for doc, lang in pending:
            try:
                cell: Cell = self.cache.count(self.project.po_path(doc, lang))
            except TranskitError:
                cell = UNREADABLE
            batch.append((doc, lang, cell))
            if len(batch) >= BATCH:
                self.post_message(Counted(batch, done=False))
                batch = []
        self.cache.save()
        self.post_message(Counted(batch, done=True))

    def on_counted(self, message: Counted) -> None:
        moved = False
        table = self.query_one(DataTable)
        for doc, lang, cell in message.cells:
            moved |= self.catalogue.set_cell(doc, lang, cell)
            if not moved and doc in table.rows:
                table.update_cell(doc, lang, self.cell_text(doc, lang), update_width=True)
        if message.done:
            self.counting = False
        if moved:
            self.fill()
        else:
            self.show_header()

    # -- actions ----------------------------------------------------------------

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter (or a click) on a cell: open that document in that language."""
        event.stop()
        self.open()

    def open(self) -> None:
        where = self.current()
        if where is None:
            self.notify("No document is shown: change the filter (f).", markup=False)
            return
        if self.catalogue.cell(where.doc, where.lang) is None:
            self.notify(f"{where.doc} has no {where.lang} file yet: transkit import again.",
                        severity="warning", markup=False)
            return
        self.exit(where)

    def action_sort(self) -> None:
        self.catalogue.cycle_sort()
        self.fill()

    def action_filter(self) -> None:
        self.catalogue.cycle_filter()
        self.fill()

    def action_next_unfinished(self) -> None:
        where = self.current()
        lang = where.lang if where else self.catalogue.focus
        doc = self.catalogue.next_unfinished(where.doc if where else "", lang)
        if doc is None:
            self.notify(f"Every document is approved in {lang}.", markup=False)
            return
        if doc not in self.catalogue.visible():
            self.catalogue.filter = "all"
            self.fill()
        self.place(doc, lang)

    def action_find(self) -> None:
        targets = list(self.project.config.languages)

        def opened(found: Opened | None) -> None:
            if found is not None:
                self.exit(found)

        self.push_screen(ConcordanceScreen(self.project, targets), opened)


def bar(counts: Counts) -> Text:
    """A small bar of the statuses by words, then the share done."""
    text = Text()
    for status, n in bar_cells(counts, BAR):
        text.append(("░" if status is Status.UNTRANSLATED else "█") * n, _STYLES[status])
    text.append(f" {100 * done_share(counts):3.0f}%")
    return text


#: Made once, from the review app's palette: a Style per status (building them
#: per cell cost more than the bars).
_STYLES = {status: Style(color=STATUS_COLORS[status.value]) for status in Status}
