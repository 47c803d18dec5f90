"""Sentence splitting for a translation, with the target language's own rules.

The English splitter (`transkit.segmenter`) knows English abbreviations only;
a Spanish ``EE. UU.`` or a Dutch ``d.w.z.`` would cut a sentence in two and
throw the alignment off. sentencex (the segmenter of Wikipedia's content
translation) knows about 300 languages; what it still cuts wrongly is
repaired here by two rules it lacks: a piece that ends in one of the
language's abbreviations, or is followed by a lower-case word, goes on into
the next; footnote placeholders it puts at the start of a sentence
(``exilio.[^2] Después``) go back to the sentence they close.
"""

from __future__ import annotations

import re
from functools import cache

from sentencex import segment

from transkit.document import FOOTNOTE_RE

#: Abbreviations sentencex does not know, lower-cased with their periods.
#: A piece ending in one never ends a sentence.
_ES = (
    "ee. uu. ee.uu. p. ej. pág. págs. núm. art. arts. aprox. etc. sr. sra. srta. dr. dra. "
    "lic. ing. prof. gral. av. cía. s.a. vol. cap. tel. ej. fig. ed. op. cit. ib. ibid. "
    "a.c. d.c. ene. feb. abr. jun. jul. ago. sep. sept. oct. nov. dic."
)
_PT = (
    "p. ex. ex. pág. págs. núm. n.º art. arts. aprox. etc. sr. sra. srs. dr. dra. prof. "
    "av. cia. s.a. vol. cap. tel. fig. ed. op. cit. ib. ibid. a.c. d.c. eua. e.u.a. "
    "jan. fev. abr. mai. jun. jul. ago. set. out. nov. dez."
)
_NL = (
    "o.a. d.w.z. m.a.w. a.u.b. bijv. bv. b.v. enz. etc. e.d. e.a. i.p.v. m.b.t. t.a.v. "
    "t.o.v. v.s. n.a.v. o.b.v. z.g. zgn. ca. dhr. mevr. mr. dr. prof. ir. drs. blz. nr. "
    "jl. vgl. p. pag. jan. feb. mrt. apr. jun. jul. aug. sep. sept. okt. nov. dec."
)
ABBREVIATIONS: dict[str, frozenset[str]] = {
    "es": frozenset(_ES.split()),
    "pt": frozenset(_PT.split()),
    "nl": frozenset(_NL.split()),
}

_OPENERS = "“‘\"'([«‹¿¡"
#: A sentence end inside a piece: sentencex does not split inside quotation
#: marks (dialogue), but a quoted paragraph is several segments in the source.
_INNER_END = re.compile(
    r"[.!?…]+[”’\"'»)]*(?: ?\[\^[^\]\s]+\])*"  # the end, its closers and references
    r"(?= +(?:[(\[]…[)\]] +)?[“‘\"«(¿¡]?[A-ZÀ-ÖØ-Þ0-9])"  # then a capital, maybe after (…)
)
_LEADING_REFS = re.compile(r"^((?:\s*\[\^[^\]\s]+\])+)\s*")


def base_language(code: str) -> str:
    """``pt_BR`` / ``es-419`` → ``pt`` / ``es``."""
    return code.replace("-", "_").split("_")[0].lower()


@cache
def _abbreviations(lang: str) -> frozenset[str]:
    return ABBREVIATIONS.get(base_language(lang), frozenset())


def _ends_in_abbreviation(piece: str, known: frozenset[str]) -> bool:
    words = piece.split()
    if not words:
        return False
    last = words[-1].lstrip(_OPENERS).lower()
    if last in known:
        return True
    # an initial ("M. Jahangiry") never ends a sentence
    return len(last) == 2 and last[1] == "." and last[0].isalpha() and last[0].isupper()


def _starts_lower(piece: str) -> bool:
    text = piece.lstrip(_OPENERS + " ")
    return bool(text) and text[0].islower()


def _split_inside(piece: str, known: frozenset[str]) -> list[str]:
    """`piece` cut where a sentence ends inside it (in a quotation)."""
    out = []
    start = 0
    for m in _INNER_END.finditer(piece):
        head = piece[start : m.end()]
        if not any(c.isalnum() for c in FOOTNOTE_RE.sub("", head)):
            continue  # "(…) While": an elision opens the sentence
        if not _ends_in_abbreviation(head.rstrip("”’\"'»)"), known):
            out.append(head.strip())
            start = m.end()
    out.append(piece[start:].strip())
    return out


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of one paragraph of a `lang` translation, stripped;
    joined with single spaces they give the paragraph back (white space folded)."""
    text = text.strip()
    if not text:
        return []
    known = _abbreviations(lang)
    pieces = [
        inner
        for p in segment(base_language(lang), text)
        for inner in _split_inside(p.strip(), known)
        if inner
    ]
    out: list[str] = []
    for piece in pieces:
        refs = _LEADING_REFS.match(piece)
        if refs and out:  # "exilio.[^2] Después": the reference closes the sentence before
            out[-1] = out[-1] + refs.group(1).strip()
            piece = piece[refs.end():].strip()
            if not piece:
                continue
        wordless = not any(c.isalnum() for c in FOOTNOTE_RE.sub("", piece))
        if out and (wordless or _starts_lower(piece) or _ends_in_abbreviation(out[-1], known)):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out
