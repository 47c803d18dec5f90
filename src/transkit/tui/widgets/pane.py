"""A fixed-size text pane that repaints itself alone.

Textual's `Static` asks for a layout of the whole screen on every update
(its height may change); with six panes changing on every key press that
was 40 ms a key. A `TextPane` gets its size from the stylesheet, wraps its
text once per update and draws it with the Line API, so an update repaints
just this pane. When the text is longer than the pane, the window is placed
so the part that matters (the current sentence) is in view under the
pane's first line, and ``…`` (below) and ``↑`` (above) mark what is cut.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

_MORE = Style(dim=True)


def fit_line(segments: Iterable[Segment], width: int, base: Style) -> Strip:
    """One drawn line: on the widget's `base` style, exactly `width` cells."""
    return Strip(segments).apply_style(base).crop(0, width).extend_cell_length(width, base)


class TextPane(Widget):
    DEFAULT_CSS = """
    TextPane {
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()
        self._focus: Style | None = None
        self._strips: list[Strip] | None = None
        self._wrapped_for = (-1, -1)  # the content size `_strips` were wrapped for
        self._base = Style()
        self._blank = Strip([])

    def set_text(self, text: Text, focus: Style | None = None) -> None:
        """Show `text`; keep the first line styled with `focus` (if any) in view."""
        if text.plain == self._text.plain and text.spans == self._text.spans:
            return  # unchanged: nothing to repaint
        self._text = text
        self._focus = focus
        old, width = self._strips, self._wrapped_for[0]
        if old is None or width <= 0 or self._wrapped_for != self.scrollable_content_region.size:
            self._strips = None
            self.refresh()
            return
        # Repaint only the lines that differ: the next sentence often leaves
        # much of a pane as it was, and Textual styles each repainted line again.
        new = self._strips = self._wrap(width)
        blank = self._blank
        changed = [
            Region(0, y, width, 1)
            for y in range(max(len(old), len(new)))
            if (old[y] if y < len(old) else blank) != (new[y] if y < len(new) else blank)
        ]
        if changed:
            self.refresh(*changed)

    @property
    def plain(self) -> str:
        return self._text.plain

    def _wrap(self, width: int) -> list[Strip]:
        """The lines in view, drawn. Only those are drawn, and a pane with no
        line to keep in view wraps only as much text as it can show: five
        memory suggestions of long sentences were forty lines wrapped and
        drawn on every key, for the twelve shown."""
        console = self.app.console
        base = self._base = self.rich_style
        height = self.scrollable_content_region.height
        text = self._text
        if self._focus is None and height > 0:
            # height + 1 lines (the last to know whether "…" is due) hold at
            # most this many characters, whatever their width in cells
            budget = (height + 1) * (width + 1)
            if len(text) > budget:
                text = text[:budget]
        lines = text.wrap(console, width, overflow="fold")
        focus_line = 0
        if self._focus is not None:
            focus_line = next((n for n, line in enumerate(lines)
                               if any(span.style == self._focus for span in line.spans)), 0)

        def drawn(n: int) -> Strip:
            return fit_line(list(lines[n].render(console)), width, base)

        if not len(lines) > height > 0:
            return [drawn(n) for n in range(len(lines))]
        # The first line (the pane's heading: where the sentence is, the
        # preview's language) stays; the rest scrolls under it. A line cut
        # at the bottom ends in "…"; text above the window is marked by an
        # "↑" at the heading's end, not a "…" that reads as a cut line.
        pin = 1 if height >= 3 else 0
        body = height - pin
        start = max(pin, min(focus_line - 1, len(lines) - body))
        more_after = start + body < len(lines)
        head = [drawn(n) for n in range(pin)]
        strips = [drawn(n) for n in range(start, start + body)]
        if start > pin:
            if head:
                head[0] = self._marked(head[0], width, "↑")
            else:
                strips[0] = self._marked(strips[0], width, "↑")
        if more_after:
            strips[-1] = self._marked(strips[-1], width, "…")
        return head + strips

    def _marked(self, strip: Strip, width: int, mark: str) -> Strip:
        base = self._base
        return Strip.join([strip.crop(0, width - 1), Strip([Segment(mark, base + _MORE)])])

    def render_line(self, y: int) -> Strip:
        # The size is checked here, not only on Resize: a terminal's resize
        # can paint the pane before the Resize event reaches it.
        size = self.scrollable_content_region.size
        if self._strips is None or size != self._wrapped_for:
            self._wrapped_for = size
            width = size.width
            self._strips = self._wrap(width) if width > 0 else []
            self._blank = Strip.blank(width, self._base if width > 0 else None)
        if y < len(self._strips):
            return self._strips[y]
        return self._blank

    def on_resize(self) -> None:
        self._strips = None
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = None
