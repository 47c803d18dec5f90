"""Pick one of a few choices (a filter, another language's text, a suggestion).

Digits 1-9 pick directly; arrows and Enter work too. Returns the index, or
None if cancelled.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class PickerScreen(ModalScreen[int | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
    ]

    def __init__(self, title: str, choices: Sequence[Text], highlight: int = 0) -> None:
        super().__init__()
        self._title = title
        self._choices = choices
        self._highlight = highlight

    def compose(self) -> ComposeResult:
        options = []
        for k, choice in enumerate(self._choices):
            label = Text(f"{k + 1} " if k < 9 else "  ", style="bold")
            label.append_text(choice)
            options.append(Option(label, id=str(k)))
        picker = OptionList(*options, id="picker")
        picker.border_title = self._title
        picker.highlighted = self._highlight
        yield picker

    def on_key(self, event: Key) -> None:
        if event.character and event.character.isdigit() and event.character != "0":
            k = int(event.character) - 1
            if k < len(self._choices):
                event.stop()
                self.dismiss(k)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)
