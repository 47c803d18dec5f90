"""The footer: the main keys, fitted to the terminal's width.

Textual's `Footer` lays its keys out in one row and cuts what does not fit,
so on a narrow terminal the last ones, Help and Quit, were the first to go.
This one packs the keys closer when they do not fit, then leaves out the
least needed ones (from the end) until they do; Help (which lists every
key) and Quit always stay.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: Actions whose keys a footer of any width shows (by name, wherever bound:
#: ``app.help``, ``quit``…).
ESSENTIAL = frozenset({"help", "quit"})


def key_width(key: FooterKey, *, compact: bool) -> int:
    """The cells `key` takes in the row, by Textual's footer styles:
    `` k desc `` wide, ``k desc`` and a margin compact; the palette's
    key has its border and padding instead."""
    text = cell_len(key.key_display) + (cell_len(key.description) + 1 if key.description else 0)
    if key.has_class("-command-palette"):
        return text + (1 if compact else 2)
    return text + (1 if compact else 2 + (1 if key.description else 0))


def fit(widgets: Iterable[Widget], width: int) -> bool:
    """Hide keys from the end (never an `ESSENTIAL` one) until the row fits
    `width`; whether the keys must be packed close (compact) for that."""
    keys = [k for k in widgets if isinstance(k, FooterKey)]

    def total(compact: bool) -> int:
        return sum(key_width(k, compact=compact) for k in keys if k.display)

    if total(compact=False) <= width:
        return False
    droppable = [k for k in keys if k.action.rpartition(".")[2] not in ESSENTIAL
                 and not k.has_class("-command-palette")]
    while total(compact=True) > width and droppable:
        droppable.pop().display = False
    return True


class ReviewFooter(Footer):
    """A `Footer` whose keys fit its width (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self._fitted_to = 0  # the width the keys were fitted to

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        width = self._fitted_to = self.size.width
        if width:
            compact = fit(keys, width)
            if compact != self.compact:
                self.set_reactive(Footer.compact, compact)
                self.set_class(compact, "-compact")
        yield from keys

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._fitted_to and self._bindings_ready:
            self.call_after_refresh(self.recompose)
