"""The same segment in the other languages, with their status."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from transkit.tui.safe import shown
from transkit.tui.widgets.palette import STATUS_STYLES
from transkit.tui.widgets.pane import TextPane

_LABEL = Style(bold=True)
_EMPTY = Style(dim=True, italic=True)


@dataclass(frozen=True)
class OtherText:
    code: str
    name: str
    status: str  # Status value, or "" while the language is still loading
    symbol: str
    text: str
    same_as_source: bool = False  # the source edition, not copy-edited here


class LanguagesPane(TextPane):
    def show(self, others: Sequence[OtherText]) -> None:
        text = Text()
        for k, other in enumerate(others):
            if k:
                text.append("\n")
            if other.status:
                text.append(f"{other.symbol} ", STATUS_STYLES[other.status])
            text.append(f"{other.code} ", _LABEL)
            if not other.status:
                text.append("loading…", _EMPTY)
            elif other.same_as_source:
                text.append("same as the source", _EMPTY)
            elif other.text:
                text.append(shown(other.text))
            else:
                text.append("not translated", _EMPTY)
        if not others:
            text.append("no other languages", _EMPTY)
        self.set_text(text)
