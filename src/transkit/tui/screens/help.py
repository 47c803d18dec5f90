"""The help screen: every key as it is bound now (config remaps included)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from transkit.tui.keys import Key
from transkit.tui.screens.modal import AnswerScreen

_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "pageup": "PageUp",
    "pagedown": "PageDown",
}


def key_label(keys: str) -> str:
    """``ctrl+enter,ctrl+j`` → ``Ctrl+Enter / Ctrl+J``."""
    out = []
    for key in keys.split(","):
        parts = [_NAMES.get(p, p) for p in key.strip().split("+")]
        if len(parts) > 1:  # Ctrl+J, but a plain j stays j
            parts[-1] = parts[-1].upper() if len(parts[-1]) == 1 else parts[-1]
        out.append("+".join(p if p in _NAMES.values() or len(p) == 1 else p.capitalize()
                            for p in parts))
    return " / ".join(out)


class HelpScreen(AnswerScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q,question_mark", "cancel", "Close", id="help.close", priority=True),
    ]

    def __init__(self, keys: Sequence[tuple[Key, str]]) -> None:
        super().__init__()
        self._keys = keys

    def compose(self) -> ComposeResult:
        # A grid, so a long description wraps within its own column and every
        # key lines up, whatever its label's width.
        table = Table.grid(padding=(0, 2, 0, 0))
        table.add_column(justify="right", no_wrap=True, style=Style(bold=True, color="#61afef"))
        table.add_column(ratio=1)
        table.add_row("", Text("Every change is saved at once. Tab moves between the list and "
                               "the editor.", Style(italic=True)))
        table.add_row("", Text("Ctrl+Z undoes any change, a clear or a send-back too.",
                               Style(italic=True)))
        groups = (("Anywhere", ("screen", "app")), ("In the editor", ("editor",)),
                  ("In the segment list", ("list",)))
        for title, places in groups:
            table.add_row("", "")
            table.add_row("", Text(title, Style(bold=True, underline=True)))
            for key, keys in self._keys:
                if key.where in places:
                    about = Text(f"{key.help}  ")
                    about.append(f"({key.id})", Style(dim=True))
                    table.add_row(Text(key_label(keys)), about)
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys — [review.keys] in transkit.toml remaps them by id"
            yield Static(table, markup=False)
