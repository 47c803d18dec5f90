"""The main review screen: list | source, editor, preview | checks, other languages, memory."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Resize

from transkit.tui.keys import bindings
from transkit.tui.pacing import PacedScreen
from transkit.tui.widgets.checks import ChecksPane, FindingsLine
from transkit.tui.widgets.editor import TargetEditor
from transkit.tui.widgets.footer import ReviewFooter
from transkit.tui.widgets.header import ProgressHeader
from transkit.tui.widgets.languages import LanguagesPane
from transkit.tui.widgets.preview import PreviewPane
from transkit.tui.widgets.segment_list import SegmentList
from transkit.tui.widgets.source import SourcePane
from transkit.tui.widgets.suggestions import SuggestionsPane

NARROW = 110  # columns: below this the list is narrower
TINY = 80  # and below this the aids column is left out

TITLES = {
    "#source": "Source",
    "#editor": "Translation",
    "#preview": "Preview",
    "#checks": "Checks",
    "#languages": "Other languages",
    "#memory": "Memory",
}


class ReviewScreen(PacedScreen[None]):
    """Layout only: the app feeds every widget (see `AppBase.show_current`).

    Every pane has a size fixed by review.tcss, so moving between segments
    repaints the panes without a layout of the screen. `ready` is called
    once it is composed: the app then finds the widgets and fills them.
    """

    BINDINGS = bindings("screen")
    AUTO_FOCUS = "#editor"  # the first unfinished segment, ready to type (review_keys.py)

    def __init__(self, ready: Callable[[ReviewScreen], None], cursor_blink: bool = True) -> None:
        super().__init__()
        self._ready = ready
        self._cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        findings = FindingsLine(id="findings")  # the Checks pane's, without the aids column
        yield ProgressHeader(id="header")
        yield SegmentList(id="segments")
        with Vertical(id="work"):
            yield SourcePane(id="source")
            yield TargetEditor(id="editor", cursor_blink=self._cursor_blink)
            yield PreviewPane(id="preview")
        with Vertical(id="aids"):
            yield ChecksPane(id="checks", line=findings)
            yield LanguagesPane(id="languages")
            yield SuggestionsPane(id="memory")
        yield findings
        yield ReviewFooter()

    def on_resize(self, event: Resize) -> None:
        """Narrower terminals: a narrower list, then no aids column (review.tcss)."""
        self.set_class(event.size.width < NARROW, "-narrow")
        self.set_class(event.size.width < TINY, "-tiny")

    def on_mount(self) -> None:
        for selector, title in TITLES.items():
            self.query_one(selector).border_title = title
        self._ready(self)
