"""Approve over errors? The question asked once before an approval that
`transkit check` would report as an error, with the findings shown (below 80
columns the Checks pane is hidden, so this is where they are seen).

Returns True (approve anyway) or None (back to the translation). No reflex
key approves: Ctrl+J, Ctrl+Enter, Enter and `a` — what a reviewer presses
again when nothing seems to happen — go back; only `y` approves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from transkit.checks import Finding
from transkit.tui.safe import shown
from transkit.tui.screens.modal import AnswerScreen

_ERROR = Style(color="#e06c75", bold=True)


class ConfirmApprovalScreen(AnswerScreen[bool]):
    DEFAULT_CSS = """
    ConfirmApprovalScreen {
        align: center middle;
        background: $background 60%;
    }
    #confirm-box {
        width: 72;
        max-width: 95%;
        height: auto;
        border: round $error;
        padding: 0 1;
        background: $surface;
    }
    #confirm-hint {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "approve", "Approve anyway", id="confirm.approve", priority=True),
        Binding("escape,n,enter,ctrl+j,ctrl+enter,a", "cancel", "Back", id="confirm.back",
                priority=True),
    ]

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__()
        self._findings = findings

    def compose(self) -> ComposeResult:
        text = Text()
        for k, f in enumerate(self._findings):
            if k:
                text.append("\n")
            text.append(f"✗ {shown(f.check, one_line=True)}: ", _ERROR)
            text.append(shown(f.message, one_line=True))
        with Vertical(id="confirm-box") as box:
            box.border_title = "Approve with errors?"
            yield Static(text, markup=False, id="confirm-findings")
            yield Static("y: approve anyway (recorded, and `check` still reports it)\n"
                         "Esc, n or Enter: back to the translation", markup=False,
                         id="confirm-hint")

    def action_approve(self) -> None:
        self.answer(True)
