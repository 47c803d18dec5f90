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
        self._text_width = -1  # the width `_text` was fitted to
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
            text = self._fitted(width).copy()
            text.truncate(width, overflow="ellipsis")
            self._strip = fit_line(text.render(self.app.console, end=""), width, base)
        return self._strip if y == 0 else Strip.blank(width, self.rich_style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strip = None

    def render(self) -> Text:
        return self._fitted(self.size.width)

    def _fitted(self, width: int) -> Text:
        """The richest line that fits `width` cells (see `line`)."""
        if self._view is None:
            return Text()
        if self._text is None or self._text_width != width:
            doc, language, counts, symbols, filter_name, position = self._view
            self._text = line(doc, language, dict(counts), dict(symbols), filter_name,
                              position, width)
            self._text_width = width
        return self._text


#: What a narrower header gives up, in order: the bar shrinks first (down to
#: its minimum), then the language's name (its code stays), the word
#: "approved", the counts by status, the bar. The position and the filter stay.
_FALLBACKS = (
    (True, True, True, 16),
    (False, True, True, 12),
    (False, False, True, 8),
    (False, False, False, 8),
    (False, False, False, 0),
)


def line(
    doc: str,
    language: str,  # "Español (es)"
    counts: Mapping[str, int],  # status value -> segments, least finished first
    symbols: Mapping[str, str],
    filter_name: str,
    position: tuple[int, int],
    width: int = 10_000,
) -> Text:
    """``doc · Language (code)  ███▓▓░░  10% approved  12● 3○ …  5/20 filter``,
    fitted to `width` cells: a narrow terminal keeps where the reviewer is."""
    code = language[language.rfind("(") + 1 : -1] if language.endswith(")") else language
    order = list(counts)
    values = [counts[s] for s in order]
    total = sum(values)
    share = 100 * counts.get("approved", 0) / total if total else 0
    shown_share = "<1" if 0 < share < 1 else f"{share:.0f}"
    row, rows = position
    view = f" {filter_name}" if filter_name != "all" else ""
    tail = f"  {row}/{rows}{view}"
    for full_name, approved_word, with_counts, min_bar in _FALLBACKS:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" {shown(doc, one_line=True)}", Style(bold=True))
        text.append(f" · {language if full_name else code}  ")
        share_text = f" {shown_share}% approved  " if approved_word else f" {shown_share}%  "
        counts_text = Text()
        if with_counts:
            for status in reversed(order):
                if counts[status]:
                    color = STATUS_COLORS[status]
                    counts_text.append(f"{counts[status]}", Style(color=color, bold=True))
                    counts_text.append(f"{symbols[status]} ", Style(color=color))
        room = width - text.cell_len - len(share_text) - counts_text.cell_len - len(tail)
        bar = min(BAR_WIDTH, room)
        if min_bar and bar < min_bar:
            continue
        if min_bar:
            for status, cells in zip(order, bar_cells(values, bar), strict=True):
                text.append("█" * cells, Style(color=STATUS_COLORS[status]))
            text.append(share_text)
        else:
            text.append(share_text.lstrip())
        text.append_text(counts_text)
        text.append(tail, Style(dim=True))
        return text
    raise AssertionError("the last fallback always fits")  # pragma: no cover
