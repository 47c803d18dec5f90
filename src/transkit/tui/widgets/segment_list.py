"""The segment list: number, status symbol, id and first words of every segment.

A `ScrollView` with the Line API: `render_line` draws only the rows on
screen, asking the app for each row's data as it is drawn, so a 10,000
segment document opens and scrolls as fast as a 100 segment one (a
DataTable or ListView builds every row up front: 1.3 s and 28 s at 10k).

Scrolling repaints every visible row, so the list scrolls seldom and cheaply:
when the cursor leaves the view it jumps a third of a page ahead, so reading
on shows what comes next and repaints once every twenty-odd rows; and the
position is a one-cell thumb drawn with the rows, not Textual's scrollbar
widget, which cost as much again as the rows themselves on every scroll.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from transkit.tui.keys import bindings
from transkit.tui.safe import shown
from transkit.tui.widgets.palette import STATUS_STYLES


@dataclass(frozen=True)
class Row:
    """What one row shows (plain data; the app builds it from an Entry)."""

    number: int  # 1-based position in the document
    id: str
    status: str  # a Status value, e.g. "needs-work"
    symbol: str
    text: str  # the source
    note: str = ""  # before the source, e.g. the aligner's confidence "0.42"


_KEPT_LINES = 1000  # drawn rows kept: a few screens' worth, a few hundred KB
#: Cells of source a row keeps before its id is left out: the 40-column list
#: (ids and 25 cells of text) keeps them, the narrow one (30) shows text only.
_MIN_TEXT = 20


def _no_rows(_: int) -> Row:
    raise IndexError("no rows")


class SegmentList(ScrollView, can_focus=True):
    """Rows are drawn on demand from `row_at(row)`; the app owns the data."""

    BINDINGS = bindings("list")  # app actions: the app owns the current row

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "segment-list--cursor", "segment-list--number", "segment-list--id",
        "segment-list--thumb",
    }

    class Clicked(Message):
        """The reviewer clicked `row` (the keys that move are the app's actions, so
        a burst of them is obeyed in order, each from where the last one went)."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._count = 0
        self._row_at: Callable[[int], Row] = _no_rows
        self.cursor = 0
        self.id_width = 8
        self._style_cache: dict[str, Style] | None = None
        # Drawn rows by (row, has the cursor, beside the thumb), at `_lines_width`:
        # scrolling or jumping back redraws only the rows not seen yet.
        self._lines: dict[tuple[int, bool, bool], Strip] = {}
        self._lines_width = -1

    # -- fed by the app ------------------------------------------------------------

    def set_rows(self, count: int, row_at: Callable[[int], Row], cursor: int) -> None:
        """A new set of rows (document, language or filter changed)."""
        self._count = count
        self._row_at = row_at
        self.cursor = max(0, min(cursor, count - 1))
        self._lines.clear()
        self.virtual_size = Size(0, count)
        self.refresh()
        self._scroll_cursor_into_view(center=True)

    def move_cursor(self, row: int) -> None:
        """Put the cursor on `row` (the app's decision; no message is posted)."""
        row = max(0, min(row, self._count - 1))
        if row != self.cursor:
            old, self.cursor = self.cursor, row
            self.refresh_line(old)
            self.refresh_line(row)
        self._scroll_cursor_into_view()

    def refresh_row(self, row: int) -> None:
        """Row `row` shows something new (its status changed)."""
        for cursor in (False, True):
            for thumb in (False, True):
                self._lines.pop((row, cursor, thumb), None)
        self.refresh_line(row)

    # -- drawing -------------------------------------------------------------------

    def _styles(self) -> dict[str, Style]:
        """The component styles, looked up once (they change only with theme or focus)."""
        if self._style_cache is None:
            base = self.rich_style

            def get(name: str) -> Style:  # the component's own style, not the background
                return self.get_component_rich_style(name, partial=True)

            cursor = self.get_component_rich_style("segment-list--cursor")
            if not self.has_focus:
                cursor = Style(bgcolor=cursor.bgcolor, bold=cursor.bold)
            self._style_cache = {
                "base": base,
                "cursor": base + cursor,
                "number": get("segment-list--number"),
                "id": get("segment-list--id"),
                "thumb": base + get("segment-list--thumb"),
            }
        return self._style_cache

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_styles()

    def _forget_styles(self) -> None:
        self._style_cache = None
        self._lines.clear()

    def render_line(self, y: int) -> Strip:
        region = self.scrollable_content_region
        width = region.width - 1  # the last cell is the thumb's
        top = self.scroll_offset.y
        row = top + y
        styles = self._styles()
        if width < 1 or not 0 <= row < self._count:
            return Strip.blank(region.width, styles["base"])
        if width != self._lines_width:
            self._lines.clear()
            self._lines_width = width
        start, end = self._thumb(top, region.height)
        key = (row, row == self.cursor, start <= y < end)
        strip = self._lines.get(key)
        if strip is None:
            if len(self._lines) >= _KEPT_LINES:
                self._lines.clear()
            thumb = Segment(" ", styles["thumb"] if key[2] else styles["base"])
            strip = self._lines[key] = Strip.join([self._draw_row(row, width, styles),
                                                   Strip([thumb], 1)])
        return strip

    def _thumb(self, top: int, height: int) -> tuple[int, int]:
        """Which lines of the view show the thumb: (first, after last)."""
        if self._count <= height:
            return 0, 0
        size = max(1, round(height * height / self._count))
        start = round((height - size) * top / (self._count - height))
        return start, start + size

    def _draw_row(self, row: int, width: int, styles: dict[str, Style]) -> Strip:
        data = self._row_at(row)
        base = styles["cursor"] if row == self.cursor else styles["base"]
        digits = max(3, len(str(self._count)))
        segments = [
            Segment(f"{data.number:>{digits}} ", base + styles["number"]),
            Segment(data.symbol, base + STATUS_STYLES[data.status]),
            Segment(" ", base),
        ]
        if width - digits - 3 - self.id_width >= _MIN_TEXT:  # a narrow list shows no ids
            segments.append(
                Segment(f"{shown(data.id, one_line=True):<{self.id_width}} ", base + styles["id"])
            )
        if data.note:
            segments.append(Segment(f"{data.note} ", base + styles["id"]))
        segments.append(Segment(shown(data.text[: width * 2], one_line=True), base))
        return Strip(segments).crop(0, width).extend_cell_length(width, base)

    def _scroll_cursor_into_view(self, center: bool = False) -> None:
        height = self.scrollable_content_region.height or 1
        top = self.scroll_offset.y
        cursor = self.cursor
        if top <= cursor < top + height:
            return
        if center or not top - height <= cursor < top + 2 * height:  # a jump
            top = cursor - height // 2
        elif cursor < top:  # up past the edge: a third of a page above stays in view
            top = cursor - (height - 1 - height // 3)
        else:  # down past the edge: two thirds of a page of what comes next
            top = cursor - height // 3
        self.scroll_to(y=max(0, top), animate=False, immediate=True)

    def on_resize(self) -> None:
        self._scroll_cursor_into_view()

    def on_focus(self) -> None:
        self._focus_changed()

    def on_blur(self) -> None:
        self._focus_changed()

    def _focus_changed(self) -> None:
        """The cursor row and the thumb show focus: repaint just those."""
        self._forget_styles()
        self.refresh_line(self.cursor)
        top = self.scroll_offset.y
        start, end = self._thumb(top, self.scrollable_content_region.height)
        for y in range(start, end):
            self.refresh_line(top + y)

    @property
    def page_height(self) -> int:
        """How many rows Page Down moves (the app's action asks): a view's worth,
        less one to keep in sight."""
        return max(1, self.scrollable_content_region.height - 1)

    # -- the mouse -------------------------------------------------------------------

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._count:
            return
        region = self.scrollable_content_region
        if offset.x == region.width - 1 and self._count > region.height:  # the thumb's cell
            row = self._count * offset.y // max(1, region.height - 1)
        elif 0 <= self.scroll_offset.y + offset.y < self._count:
            row = self.scroll_offset.y + offset.y
        else:
            return
        self.post_message(self.Clicked(max(0, min(row, self._count - 1))))
