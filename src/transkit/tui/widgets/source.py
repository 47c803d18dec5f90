"""The source pane: where the segment sits, its paragraph, what changed, its terms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from transkit.tui.safe import shown
from transkit.tui.widgets.pane import TextPane

_PATH = Style(dim=True, italic=True)
_CONTEXT = Style(dim=True)
_CURRENT = Style(bold=True)
_TERM = Style(underline=True, color="#e5c07b")
_CHANGED = Style(color="#d19a66", bold=True, italic=True)
_DIFF = {
    "equal": Style(),
    "delete": Style(color="#e06c75", strike=True),
    "insert": Style(color="#98c379", underline=True),
}


@dataclass(frozen=True)
class Neighbour:
    """The translation of a segment next to the current one (plain data)."""

    side: int  # -1 before, +1 after
    number: int  # 1-based, as the list shows it
    symbol: str  # its status symbol
    text: str  # its translation
    confidence: str = ""  # the aligner's, e.g. "0.42"
    joined: bool = False  # joined to the segment before it: no text of its own


class SourcePane(TextPane):
    """The current sentence in its paragraph, glossary terms highlighted; for a
    stale segment, the word-level change of its source first; where `align`
    placed text, the translations before and after it (a misplaced sentence
    shows up beside the segment it is missing from)."""

    def show(
        self,
        headings: Sequence[str],
        where: str,  # e.g. "quote > paragraph · ¶12 · sentence 2 of 3"
        sentences: Sequence[str],
        current: int,
        terms: Sequence[tuple[int, int]] = (),  # spans in sentences[current]
        glossary: Sequence[tuple[str, str]] = (),  # (source term, approved translation)
        changes: Sequence[tuple[str, str]] | None = None,  # word_diff(previous, source)
        neighbours: Sequence[Neighbour] = (),  # aligned text before and after
    ) -> None:
        text = Text()
        path = " › ".join(shown(h, one_line=True) for h in headings)
        text.append(f"{path} · {where}" if path else where, _PATH)
        text.append("\n")
        if changes:
            text.append("Source changed since translated: ", _CHANGED)
            for k, (op, part) in enumerate(changes):
                if op == "insert" and k and changes[k - 1][0] == "delete":
                    text.append(" ")  # "old new", not "oldnew"
                text.append(shown(part), _DIFF[op])
            text.append("\n")
        for k, sentence in enumerate(sentences):
            if k:
                text.append(" ")
            if k != current:
                text.append(shown(sentence), _CONTEXT)
                continue
            start = len(text)
            text.append(shown(sentence), _CURRENT)
            for a, b in terms:  # shown() keeps lengths, so the spans still fit
                text.stylize(_TERM, start + a, start + b)
        if glossary:
            text.append("\nTerms: ", _PATH)
            for k, (src, tgt) in enumerate(glossary):
                if k:
                    text.append(" · ", _CONTEXT)
                text.append(shown(src, one_line=True), _TERM)
                text.append(f" → {shown(tgt, one_line=True)}")
        for n in neighbours:
            side = "prev" if n.side < 0 else "next"
            sure = f" {n.confidence}" if n.confidence else ""
            text.append(f"\n{side} {n.number} {n.symbol}{sure}: ", _PATH)
            if n.joined:
                text.append("(joined to the segment before it)", _CONTEXT)
            else:
                text.append(shown(n.text, one_line=True) or "(untranslated)", _CONTEXT)
        self.set_text(text, focus=_CHANGED if changes else _CURRENT)
