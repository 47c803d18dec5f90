"""Status colours, shared by the list, the header's bar and the panes."""

from __future__ import annotations

from rich.style import Style

#: status value -> colour (One Dark-like; readable on dark and light themes)
STATUS_COLORS: dict[str, str] = {
    "untranslated": "#7f848e",
    "stale": "#d19a66",
    "draft": "#56b6c2",
    "joined": "#abb2bf",
    "conflict": "#c678dd",
    "needs-work": "#e06c75",
    "translated": "#61afef",
    "approved": "#98c379",
}

STATUS_STYLES: dict[str, Style] = {k: Style(color=v, bold=True) for k, v in STATUS_COLORS.items()}
