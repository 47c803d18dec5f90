"""Where a footnote reference stands in its sentence, and whether a
translation moved it far (the ``placeholder-place`` check, and drafts).

A reference belongs to the words it follows: "[^5]" after the first clause
of a sentence cites that clause, not the sentence's end. Translations move
words, so a reference may shift a little; what is flagged is a move that
changes what it cites:

- start ↔ middle ↔ end: its place, as the share of the sentence's words
  before it, moved into another fifth-based zone (start: the first fifth,
  end: the last) and by `FAR` of the sentence or more;
- across a clause: source and translation have the same number of clauses
  (split at , ; : — and brackets) and the reference is in another one.

Only references found once in both texts are compared (lost, added or
repeated ones are the ``placeholders`` check's), and only in sentences of at
least `MIN_WORDS` words, where a place means something. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from transkit.document import FOOTNOTE_RE

#: Shorter texts are not judged: in three words every place is near the end.
MIN_WORDS = 4
#: A move of this share of the sentence or more, into another zone, is far.
FAR = 0.3

_WORD_RE = re.compile(r"\w+")
_CLAUSE_RE = re.compile(r"[,;:()\[\]—–]|\s-\s")


@dataclass(frozen=True)
class Place:
    """One reference's place in a text."""

    share: float  # of the text's words, how many come before it (0 start, 1 end)
    clause: int  # the clause it follows a word of
    clauses: int  # how many clauses the text has


def places(text: str) -> tuple[dict[str, Place], int]:
    """Each reference found once in `text` → its place; and the word count."""
    plain = FOOTNOTE_RE.sub(lambda m: " " * len(m.group(0)), text)  # offsets kept
    words = [m.start() for m in _WORD_RE.finditer(plain)]
    cuts = [m.start() for m in _CLAUSE_RE.finditer(plain)]
    # A clause mark right before the last words ends nothing: count clauses by words.
    clauses = 1 + sum(1 for c in cuts if any(w > c for w in words) and any(w < c for w in words))
    counts = Counter(m.group(0) for m in FOOTNOTE_RE.finditer(text))
    out: dict[str, Place] = {}
    for m in FOOTNOTE_RE.finditer(text):
        ref = m.group(0)
        if counts[ref] != 1:
            continue
        before = [w for w in words if w < m.start()]
        # It cites the words it follows: a mark between them and it (",[^1]")
        # does not put it into the next clause.
        anchor = before[-1] if before else -1
        clause = sum(1 for c in cuts if c < anchor and any(w < c for w in words))
        out[ref] = Place(len(before) / len(words) if words else 1.0, clause, clauses)
    return out, len(words)


def _where(share: float) -> str:
    return "the start" if share < 0.2 else "the end" if share > 0.8 else "the middle"


def misplaced(source: str, target: str) -> list[str]:
    """How the references of `source` moved far in `target` ([] if none):
    ``[^5] moved from the middle to the start``."""
    if "[^" not in source or "[^" not in target:
        return []
    src, src_words = places(source)
    tgt, tgt_words = places(target)
    if src_words < MIN_WORDS or tgt_words < MIN_WORDS:
        return []
    problems = []
    for ref, s in src.items():
        t = tgt.get(ref)
        if t is None:
            continue
        if _where(s.share) != _where(t.share) and abs(s.share - t.share) >= FAR:
            problems.append(f"{ref} moved from {_where(s.share)} to {_where(t.share)}")
        elif s.clauses == t.clauses > 1 and s.clause != t.clause:
            problems.append(
                f"{ref} moved to another clause ({t.clause + 1} of {t.clauses}, "
                f"the source's {s.clause + 1})"
            )
    return problems
