"""The `transkit check` findings of the current segment, inline."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from transkit.tui.safe import shown
from transkit.tui.widgets.pane import TextPane

_SEVERITY = {
    "error": ("✗", Style(color="#e06c75", bold=True)),
    "warning": ("⚠", Style(color="#e5c07b", bold=True)),
}
_QUIET = Style(dim=True, italic=True)


class ChecksPane(TextPane):
    def show(self, findings: Sequence[tuple[str, str, str]], note: str = "") -> None:
        """(severity, check id, message) per finding; `note` when there are none."""
        text = Text()
        if not findings:
            text.append(note or "✓ no problems found", _QUIET)
        for k, (severity, check, message) in enumerate(findings):
            if k:
                text.append("\n")
            mark, style = _SEVERITY.get(severity, ("•", Style(bold=True)))
            text.append(f"{mark} {shown(check, one_line=True)}: ", style)
            text.append(shown(message, one_line=True))
        self.set_text(text)
