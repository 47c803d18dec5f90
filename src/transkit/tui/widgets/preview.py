"""The paragraph around the segment as it reads in the target language, as plain text."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from transkit.tui.safe import shown
from transkit.tui.widgets.pane import TextPane

_KIND = Style(dim=True, italic=True)
_CURRENT = Style(bold=True)
_SOURCE = Style(dim=True, italic=True)  # not translated yet: the source shows through
_CURRENT_SOURCE = Style(dim=True, italic=True, bold=True)


class PreviewPane(TextPane):
    def show(self, kind: str, parts: Sequence[tuple[str, bool, bool]]) -> None:
        """(text, is the current segment, is untranslated source) per segment."""
        text = Text()
        text.append(f"{kind}\n", _KIND)
        focus = _CURRENT
        for k, (part, current, untranslated) in enumerate(parts):
            if k:
                text.append(" ")
            if current:
                style = _CURRENT_SOURCE if untranslated else _CURRENT
                focus = style
            else:
                style = _SOURCE if untranslated else Style()
            text.append(shown(part), style)
        self.set_text(text, focus=focus)
