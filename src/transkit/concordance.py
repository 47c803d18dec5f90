"""Concordance: every place a word or phrase was said, with its translation.

"How did we translate *Pasdaran* last year?" is answered by the project's
own files: every document's source and translations, approved work first,
so the answer a translator copies is the one a reviewer stood behind.

Matching ignores case and accents (``iran`` finds ``Irán``) and runs of
white space, as a translator searching from memory expects; footnote
placeholders are text like any other. Pure: the command reads the files.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from transkit.catalog import Catalog
from transkit.status import Status, status_of

#: Finished work first: what a reviewer approved is the answer to copy.
_RANK = {s: n for n, s in enumerate(reversed(Status))}
#: The combining accents of Latin, Greek and Cyrillic writing, which a search
#: ignores (``Irán`` ~ ``iran``); other scripts' marks are letters and stay.
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_LATIN = [chr(c) for c in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))]


def fold(text: str) -> str:
    """`text` as the search sees it: no case, no accents, single spaces."""
    bare = _ACCENTS.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return " ".join(bare.split())


def fold_many(texts: list[str]) -> list[str]:
    """`fold` of each text, in one pass over them all (for indexing whole files)."""
    bare = _ACCENTS.sub("", unicodedata.normalize("NFKD", "\0".join(texts).casefold()))
    return [" ".join(part.split()) for part in bare.split("\0")] if texts else []


@dataclass(frozen=True)
class Hit:
    """One segment in one language where the text occurs (in its source or its
    translation), and where in the shown text it starts and ends."""

    doc: str
    id: str
    lang: str
    status: Status
    source: str
    target: str
    where: str  # "source" or "target"
    order: int  # the segment's place in its document

    @property
    def rank(self) -> tuple[int, str, int, str]:
        return (_RANK[self.status], self.doc, self.order, self.lang)


def find(query: str, catalogs: Iterable[tuple[str, str, Catalog]]) -> list[Hit]:
    """Every segment of the (document, language, catalog) triples whose
    source or translation contains `query`, approved first, then document order.

    A segment whose *source* matches is shown in each language given,
    translated or not (an untranslated one says what still needs doing);
    one whose *translation* matches, in that language.
    """
    wanted = fold(query)
    if not wanted:
        return []
    hits: list[Hit] = []
    for doc, lang, catalog in catalogs:
        for order, entry in enumerate(catalog):
            in_source = wanted in fold(entry.source)
            in_target = bool(entry.target) and wanted in fold(entry.target)
            if in_source or in_target:
                hits.append(
                    Hit(doc, entry.id, lang, status_of(entry), entry.source, entry.target,
                        "source" if in_source else "target", order)
                )
    hits.sort(key=lambda h: h.rank)
    return hits


def spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where `query` occurs in `text` (start, end in `text`'s own characters),
    matched as `find` matches: for highlighting the shown text."""
    wanted = fold(query)
    if not wanted:
        return []
    # Fold character by character, remembering where each folded one came from.
    folded: list[str] = []
    origin: list[int] = []
    last_space = True
    for i, ch in enumerate(text):
        for c in fold(ch) if not ch.isspace() else " ":
            if c == " " and last_space:
                continue
            folded.append(c)
            origin.append(i)
            last_space = c == " "
    flat = "".join(folded)
    out: list[tuple[int, int]] = []
    start = flat.find(wanted)
    while start >= 0:
        end = start + len(wanted) - 1
        out.append((origin[start], origin[end] + 1))
        start = flat.find(wanted, start + len(wanted))
    return out
