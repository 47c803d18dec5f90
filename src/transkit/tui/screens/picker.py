"""Pick one of a few choices (a filter, another language's text, a suggestion).

Digits 1-9 (and 0, the tenth) pick directly; arrows and Enter work too. Returns the index, or
None if cancelled.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from transkit.tui.screens.modal import AnswerScreen


class PickerScreen(AnswerScreen[int]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel", priority=True),
        Binding("enter", "pick_highlighted", "Pick", id="picker.pick", priority=True),
        *(Binding(str((k + 1) % 10), f"pick({k})", show=False, priority=True) for k in range(10)),
    ]

    def __init__(self, title: str, choices: Sequence[Text], highlight: int = 0) -> None:
        super().__init__()
        self._title = title
        self._choices = choices
        self._highlight = highlight

    def compose(self) -> ComposeResult:
        options = []
        for k, choice in enumerate(self._choices):
            label = Text(f"{(k + 1) % 10} " if k < 10 else "  ", style="bold")
            label.append_text(choice)
            options.append(Option(label, id=str(k)))
        picker = OptionList(*options, id="picker")
        picker.border_title = self._title
        picker.highlighted = self._highlight
        yield picker

    def action_pick(self, k: int) -> None:
        if k < len(self._choices):
            self.answer(k)

    def action_pick_highlighted(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self.answer(highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click
        self.answer(event.option_index)
