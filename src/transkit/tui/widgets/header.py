"""The header: document, language, filter, and a progress bar by status."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from transkit.tui.safe import shown
from transkit.tui.widgets.palette import STATUS_COLORS
from transkit.tui.widgets.pane import fit_line

BAR_WIDTH = 32


def bar_cells(counts: Sequence[int], width: int) -> list[int]:
    """Split `width` cells between `counts` proportionally (largest remainder),
    every non-zero count getting at least one cell when there is room."""
    total = sum(counts)
    if not total or width <= 0:
        return [0] * len(counts)
    exact = [c * width / total for c in counts]
    cells = [int(x) for x in exact]
    for i, c in enumerate(counts):
        if c and not cells[i] and sum(cells) < width:
            cells[i] = 1
    order = sorted(range(len(counts)), key=lambda i: exact[i] - int(exact[i]), reverse=True)
    for i in order:
        if sum(cells) >= width:
            break
        if counts[i]:
            cells[i] += 1
    while sum(cells) > width:  # the minimum-one rule overshot: take from the largest
        cells[cells.index(max(cells))] -= 1
    return cells


class ProgressHeader(Widget):
    """One line: ``doc · Language (code)  ███▓▓░░  12 ● 3 ○ …  filter``."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view: tuple[Any, ...] | None = None  # the arguments of the last `show`
        self._text: Text | None = Text()
        self._strip: Strip | None = None  # the line as drawn, at `size.width`

    def show(
        self,
        doc: str,
        language: str,
        counts: Mapping[str, int],  # status value -> segments, least finished first
        symbols: Mapping[str, str],
        filter_name: str,
        position: tuple[int, int],  # (current row + 1, rows shown)
    ) -> None:
        """Note what to show; the line is built when drawn, so a key that
        updates the header twice (a change, then the move) builds it once."""
        view = (doc, language, tuple(counts.items()), tuple(symbols.items()), filter_name, position)
        if view != self._view:
            self._view = view
            self._text = self._strip = None
            self.refresh()

    def render_line(self, y: int) -> Strip:
        """The line drawn straight from segments: through `render` Textual took
        1 ms a change to convert and style one line of text."""
        width = self.size.width
        if self._strip is None or self._strip.cell_length != width:
            base = self.rich_style
            text = self.render().copy()
            text.truncate(width, overflow="ellipsis")
            self._strip = fit_line(text.render(self.app.console, end=""), width, base)
        return self._strip if y == 0 else Strip.blank(width, self.rich_style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strip = None

    def render(self) -> Text:
        if self._text is None:
            assert self._view is not None
            doc, language, counts, symbols, filter_name, position = self._view
            self._text = self._line(doc, language, dict(counts), dict(symbols), filter_name,
                                    position)
        return self._text

    @staticmethod
    def _line(
        doc: str,
        language: str,
        counts: Mapping[str, int],
        symbols: Mapping[str, str],
        filter_name: str,
        position: tuple[int, int],
    ) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" {shown(doc, one_line=True)}", Style(bold=True))
        text.append(f" · {language}  ")
        order = list(counts)
        values = [counts[s] for s in order]
        for status, cells in zip(order, bar_cells(values, BAR_WIDTH), strict=True):
            text.append("█" * cells, Style(color=STATUS_COLORS[status]))
        done = counts.get("approved", 0)
        total = sum(values)
        share = 100 * done / total if total else 0
        shown_share = "<1" if 0 < share < 1 else f"{share:.0f}"
        text.append(f" {shown_share}% approved  ")
        for status in reversed(order):
            if counts[status]:
                text.append(f"{counts[status]}", Style(color=STATUS_COLORS[status], bold=True))
                text.append(f"{symbols[status]} ", Style(color=STATUS_COLORS[status]))
        row, rows = position
        view = f" {filter_name}" if filter_name != "all" else ""
        text.append(f"  {row}/{rows}{view}", Style(dim=True))
        return text
