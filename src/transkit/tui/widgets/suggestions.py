"""Translation-memory suggestions for the current segment, numbered for insertion."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from transkit.tui.safe import shown
from transkit.tui.widgets.pane import TextPane

_DIM = Style(dim=True)
_EMPTY = Style(dim=True, italic=True)
_KEPT = Style(color="#e5c07b", bold=True)


@dataclass(frozen=True)
class Match:
    score: float
    source: str
    target: str
    origin: str  # "doc · id"
    kept: str = ""  # a translation kept when two edits met: who and its status
    memory: str = ""  # an imported memory's file (``memory/NAME.tmx``), else ""


def _score_style(score: float) -> Style:
    color = "#98c379" if score >= 95 else "#e5c07b" if score >= 80 else "#7f848e"
    return Style(color=color, bold=True)


class SuggestionsPane(TextPane):
    def show(self, matches: Sequence[Match] | None, note: str = "") -> None:
        """`matches` None: still being computed; `note` says why there are none."""
        text = Text()
        kept = [m for m in matches or () if m.kept]
        if matches is None:
            text.append("looking…", _EMPTY)
        elif len(kept) == len(matches):
            text.append(note or "no similar approved segments", _EMPTY)
            if kept:
                text.append("\n")
        for k, m in enumerate(matches or ()):
            if k:
                text.append("\n")
            text.append(f"{k + 1} ", Style(bold=True))
            if m.kept:
                text.append("other text ", _KEPT)
                text.append(shown(m.target))
                text.append(f"\n  ↳ {shown(m.kept, one_line=True)}", _DIM)
                continue
            text.append(f"{m.score:.0f}% ", _score_style(m.score))
            text.append(shown(m.target))
            text.append(f"\n  ↳ {shown(m.source, one_line=True)}", _DIM)
            if m.memory:  # another tool's memory: nobody here approved it
                text.append(f"  (from {shown(m.memory, one_line=True)})", _KEPT)
        self.set_text(text)
