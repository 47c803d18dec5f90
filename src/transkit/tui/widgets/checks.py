"""The `transkit check` findings of the current segment, inline: in the Checks
pane, and in one line above the footer when the terminal is too narrow for
the aids column (review.tcss), so that at every width they are in sight."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from transkit.checks import CHECKS, ERROR, WARNING, Finding
from transkit.tui.safe import shown
from transkit.tui.widgets.pane import TextPane

_SEVERITY = {
    ERROR: ("✗", Style(color="#e06c75", bold=True)),
    WARNING: ("⚠", Style(color="#e5c07b", bold=True)),
}
_QUIET = Style(dim=True, italic=True)


def findings_text(findings: Sequence[Finding], note: str, *, between: str) -> Text:
    """Each finding as its severity's mark, check id and message (file text
    made safe), `between` them; `note` (or "no problems") when there are none."""
    text = Text()
    if not findings:
        text.append(note or "✓ no problems found", _QUIET)
    for k, f in enumerate(findings):
        if k:
            text.append(between)
        mark, style = _SEVERITY.get(f.severity, ("•", Style(bold=True)))
        text.append(f"{mark} {shown(f.check, one_line=True)}: ", style)
        text.append(shown(f.message, one_line=True))
    return text


class FindingsLine(TextPane):
    """The findings on one line (a ``…`` ends it when they do not fit)."""

    def show(self, findings: Sequence[Finding], note: str = "") -> None:
        self.set_text(findings_text(findings, note, between="  "))


class ChecksPane(TextPane):
    def __init__(self, *, id: str | None = None, line: FindingsLine | None = None) -> None:
        super().__init__(id=id)
        self.line = line  # shown where the pane is not

    def show(self, findings: Sequence[Finding], note: str = "", *, approved: str = "") -> None:
        """One line per finding (`note` when there are none), then `approved`
        (an approval given over errors: by whom); hovering the pane explains
        the checks shown, from the check registry, as ``--list`` does."""
        text = findings_text(findings, note, between="\n")
        if approved and findings:
            text.append(f"\n● {shown(approved, one_line=True)}", _QUIET)
        self.set_text(text)
        if self.line is not None:
            self.line.show(findings, note)
        shown_checks = dict.fromkeys(CHECKS[f.check] for f in findings)
        about = "\n".join(f"{c.id}: {c.summary}" for c in shown_checks)
        if about != (self.tooltip or ""):
            self.tooltip = about or None
