"""A one-line question (search, go to): returns the answer, or None if cancelled."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from transkit.tui.screens.modal import AnswerScreen


class PromptScreen(AnswerScreen[str]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel", priority=True),
        Binding("enter", "submit", "OK", id="prompt.submit", priority=True),
    ]

    def __init__(self, title: str, hint: str, value: str = "") -> None:
        super().__init__()
        self._title, self._hint, self._value = title, hint, value

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box") as box:
            box.border_title = self._title
            yield Input(value=self._value, id="prompt-input", select_on_focus=True)
            yield Static(self._hint, markup=False, id="prompt-hint")

    def action_submit(self) -> None:
        self.answer(self.query_one(Input).value)
