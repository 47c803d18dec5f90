"""Finding glossary terms in a source sentence, for highlighting.

Longest term first, whole words only, any case (the glossary's own
`term_pattern`, as `check` uses it): "oil workers" wins over "oil", and
"oil" does not light up inside "toil".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from transkit.glossary import term_pattern


@dataclass(frozen=True)
class TermHit:
    start: int
    end: int
    source: str  # the glossary's term, as the glossary writes it
    target: str  # its approved translation


class TermMatcher:
    def __init__(self, terms: Sequence[tuple[str, str]]) -> None:
        self._targets: dict[str, tuple[str, str]] = {}
        for src, tgt in terms:
            if src.strip():
                self._targets.setdefault(" ".join(src.split()).lower(), (src, tgt))
        self._re = term_pattern(tuple(self._targets)) if self._targets else None

    def __bool__(self) -> bool:
        return self._re is not None

    def find(self, text: str) -> list[TermHit]:
        if self._re is None:
            return []
        hits = []
        for m in self._re.finditer(text):
            found = self._targets.get(" ".join(m.group(0).split()).lower())
            if found is not None:
                hits.append(TermHit(m.start(), m.end(), *found))
        return hits
