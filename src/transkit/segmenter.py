"""Sentence segmentation for English prose (the source language).

A segment boundary follows a sentence end (``.`` ``!`` ``?`` ``…``) together
with whatever closes it: closing quotes and brackets and footnote
placeholders (``exile.[^2]``, ``strikes.” [^1]``). It needs white space and
then something that can start a sentence. It never follows a known
abbreviation (``Oct.``, ``U.S.``, ``e.g.``) or an initial (``M. Jahangiry``).
"""

from __future__ import annotations

import re

from transkit.document import FOOTNOTE_RE

# Lower-cased, without the final period.
ABBREVIATIONS = frozenset(
    """
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri
    sat sun mr mrs ms dr prof st sr jr gen col lt sgt capt cmdr adm gov sen rep rev hon
    pres fr mme mlle sra sr dra e.g i.e etc vs cf al approx ca ibid op cit no nos vol
    vols p pp ch fig ed eds est dept univ inc ltd co corp bros assn
    """.split()  # noqa: SIM905 — a word list reads best as words
)

_SPACE = " \t\r\n"  # not NBSP: that is typography, kept as it is
_CLOSERS = "”’\"')]»›"
_OPENERS = "“‘\"'([«‹¿¡"
_END = re.compile(
    r"""
    (?P<end>[.!?…]+)                     # the sentence end
    (?P<close>["""
    + re.escape(_CLOSERS)
    + r"""]*)   # closing quotes/brackets
    (?P<refs>(?:[ ]?\[\^[^\]\s]+\])*)    # footnote placeholders, maybe after a space
    [\xa0\u202f]*                       # no-break spaces stay with the sentence
    (?P<space>[ \t\r\n]+)
    (?=(?P<next>.))
    """,
    re.VERBOSE,
)


def _word_before(text: str, pos: int) -> str:
    """The token that ends at `pos` (the period's position)."""
    start = pos
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _OPENERS:
        start -= 1
    return text[start:pos]


def _is_abbreviation(word: str) -> bool:
    if not word:
        return False
    lowered = word.lower()
    if lowered in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha():  # an initial: "M. Jahangiry"
        return True
    # dotted acronyms and initials: U.S, F.C, e.g (the final period is the match)
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word))


def _can_start_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in _OPENERS or ch in "[*_`—–-•"


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences; joining them with a space gives it back.

    White space between sentences is folded into the single joining space, so
    ``" ".join(split_sentences(t)) == t`` whenever `t` is already normalized
    (single spaces, no leading or trailing space).
    """
    sentences: list[str] = []
    start = 0
    for m in _END.finditer(text):
        end = m.group("end")
        if not _can_start_sentence(m.group("next")):
            continue
        if end == "." and _is_abbreviation(_word_before(text, m.start("end"))):
            continue
        if end.startswith("…") and not text[start : m.start()].strip(_OPENERS + " "):
            continue  # "“… what if": a leading ellipsis
        cut = m.start("space")
        sentence = text[start:cut].strip(_SPACE)
        if sentence:
            sentences.append(sentence)
        start = m.end("space")
    rest = text[start:].strip(_SPACE)
    if rest:
        sentences.append(rest)
    return _merge_fragments(sentences)


def _merge_fragments(sentences: list[str]) -> list[str]:
    """Attach pieces with no words (``[^1]``, ``(…)”``) to the sentence before."""
    merged: list[str] = []
    for s in sentences:
        if merged and not any(c.isalnum() for c in FOOTNOTE_RE.sub("", s)):
            merged[-1] = f"{merged[-1]} {s}"
        else:
            merged.append(s)
    return merged
