"""The modals' common rule: answer once, and in the order keys were typed.

Keys typed quickly (Enter twice, Enter then a key for the review screen)
reach a modal while it is closing. Its closing keys are priority bindings,
run by the app as each key arrives (see keys.py), and a second answer is
ignored: dismissing twice popped the review screen itself.
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

T = TypeVar("T")


class AnswerScreen(ModalScreen[T]):
    _answered = False

    def answer(self, result: T | None) -> None:
        if not self._answered:
            self._answered = True
            self.dismiss(result)

    def action_cancel(self) -> None:
        self.answer(None)
