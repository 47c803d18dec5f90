"""Content checks: one translated segment against its source.

Each check compares the translation with the source's own state rather than
with an ideal: a sentence cut out of a long quotation may have an opening
quotation mark and no closing one in the source too, and that is fine as
long as the translation matches. Every check starts with a cheap test (a
character count, ``in``) so the common clean segment costs a few µs.

The checks are defined at the end of this module, each with the function
that runs it, and each runs under its own guard: a bug that makes one check
raise on one segment becomes an ``internal`` finding on that segment, and
the other checks, segments and files are still checked. The numbers check
is one of them; its reading of numbers lives in `transkit.checks.numbers`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache

from transkit.checks.findings import (
    CHECKS,
    ERROR,
    INTERNAL,
    WARNING,
    Check,
    crash_message,
    define,
)
from transkit.glossary import Glossary
from transkit.terminal import UNSAFE_RE, unsafe_characters

# transkit.checks.numbers and transkit.document are imported on first use: a
# pre-commit run over untranslated files needs neither (10 ms of start-up).

Problem = tuple[Check, str]  # (check, message)

_URL = r"(?:https?://|www\.)[^\s<>\"“”«»\[\]]+"
_URL_TRAIL = ".,;:!?'’"
# What may follow a sentence's final punctuation: closing quotes and brackets,
# footnote references (handled apart), emphasis markers, spaces.
_TRAILING = " \t\n\"'“”‘’«»„‟‹›)}*_"
_ENDS = {".": ".", "!": "!", "?": "?", ":": ":", ";": ";", ",": ",", "…": "…",
         "—": "—", "–": "—", "-": "—"}  # fmt: skip
_DOUBLE_QUOTES = "\"“”„‟«»"
_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))
_WORD = re.compile(r"[^\W\d_]{2,}")
# Characters whose balance the markup, bracket and quote checks compare.
_MARKS = r"[\"“”„‟«»()\[\]{}*`]"
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_CITATION = re.compile(r"\b(?:pp?\.\s*\d|ibid|op\.\s*cit|vol\.|no\.\s*\d)", re.IGNORECASE)
# `transkit.terminal`'s unsafe characters but tab and newline: one search decides
# whether a text needs a closer look.
HAS_UNSAFE = re.compile(UNSAFE_RE.pattern.replace("\x00-\x1f", "\x00-\x08\x0b-\x1f"))

#: How much longer than English a translation usually is (characters).
EXPANSION = {"es": 1.2, "pt": 1.2, "fr": 1.2, "it": 1.15, "nl": 1.15, "de": 1.25, "en": 1.0}
#: The length check looks only at sources this long (shorter ratios vary too much).
LENGTH_MIN_SOURCE = 30
LENGTH_BOUNDS = (0.5, 2.0)  # × the expected expansion


class EntryChecker:
    """The content checks for one language pair, set up once per file."""

    def __init__(
        self,
        source_lang: str,
        target_lang: str,
        glossary: Glossary | None = None,
        enabled: frozenset[str] | set[str] | None = None,
    ):
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.edition = _base(source_lang) == _base(target_lang)
        self.enabled = set(SEGMENT_IDS if enabled is None else enabled)
        if self.edition:
            self.enabled -= {IDENTICAL.id, GLOSSARY.id}
        self.terms = []
        if glossary and GLOSSARY.id in self.enabled:
            self.terms = glossary.matchers(target_lang)
        if not self.terms:
            self.enabled.discard(GLOSSARY.id)
        # The terms' lower-cased first words decide cheaply whether any term can occur.
        self.needles = tuple(sorted({n for t in self.terms for n in t[0]}))
        self.needle_re = (
            re.compile("|".join(map(re.escape, self.needles))) if len(self.needles) > 12 else None
        )
        expansion = EXPANSION.get(_base(target_lang), 1.15) / EXPANSION.get(
            _base(source_lang), 1.0
        )
        self.length_bounds = (LENGTH_BOUNDS[0] * expansion, LENGTH_BOUNDS[1] * expansion)
        self.expansion = expansion
        # Looked up here, not at import: a test may replace a check in RUNNERS.
        self.runners = tuple((c, RUNNERS[c.id]) for c in ON_SEGMENTS if c.id in self.enabled)
        self.copy_runners = tuple((c, run) for c, run in self.runners if c in ON_COPIES)
        self._marks_memo: tuple[str, str, tuple[list[str], list[str]]] = ("", "", ([], []))
        self._numbers_memo: tuple[str, str, tuple[list[str], list[str]]] = ("", "", ([], []))

    def problems(self, source: str, target: str, kind: str = "") -> list[Problem]:
        """(check, message) for each problem of `target` as a translation of `source`.

        `kind` is the block kind (paragraph, note, byline…) when known. A check
        that raises is reported as an ``internal`` problem naming it; what it
        found before raising is dropped, the other checks still run.
        """
        out: list[Problem] = []
        # A copy of the source: only an untranslated copy or a glossary term is worth a word.
        runners = self.copy_runners if target == source else self.runners
        try:  # one guard for all: a try costs nothing until something raises
            for _, run in runners:
                run(self, source, target, kind, out)
            return out
        except Exception:  # a bug in a check: run them again, each under its own guard
            pass
        out = []
        for check, run in runners:
            found = len(out)
            try:
                run(self, source, target, kind, out)
            except Exception as exc:
                del out[found:]
                out.append((INTERNAL, crash_message(check.id, exc)))
        return out

    def marks(self, source: str, target: str) -> tuple[list[str], list[str]]:
        """The quote, bracket and markup characters of both texts (computed once
        for the three checks that compare them)."""
        memo = self._marks_memo
        if memo[0] is source and memo[1] is target:
            return memo[2]
        pair = (
            _compiled(_MARKS).findall(source) if _has_marks(source) else [],
            _compiled(_MARKS).findall(target) if _has_marks(target) else [],
        )
        self._marks_memo = (source, target, pair)
        return pair

    def numbers(self, source: str, target: str) -> tuple[list[str], list[str]]:
        """The messages of the numbers check, missing and kept in the source's
        notation (`number_findings`), found once for the two checks."""
        memo = self._numbers_memo
        if memo[0] is source and memo[1] is target:
            return memo[2]
        from transkit.checks.numbers import MISSING, number_findings

        found = number_findings(source, target, self.source_lang, self.target_lang)
        pair = ([m for k, m in found if k == MISSING], [m for k, m in found if k != MISSING])
        self._numbers_memo = (source, target, pair)
        return pair

    def _length(self, source: str, target: str, out: list[Problem]) -> None:
        ratio = len(target) / len(source)
        low, high = self.length_bounds
        if low <= ratio <= high:
            return
        src, tgt = _prose(source), _prose(target)  # URLs and references are not prose
        if len(src) < LENGTH_MIN_SOURCE:
            return
        ratio = len(tgt) / len(src)
        if ratio < low:
            out.append((LENGTH, f"{ratio:.2f}× the source's length (about "
                        f"{self.expansion:.2f}× expected): is something left out?"))
        elif ratio > high:
            out.append((LENGTH, f"{ratio:.2f}× the source's length (about "
                        f"{self.expansion:.2f}× expected): is something added?"))

    def _glossary(self, source: str, target: str, out: list[Problem]) -> None:
        lowered = source.lower()
        if self.needle_re is not None:
            if not self.needle_re.search(lowered):
                return
        elif not any(n in lowered for n in self.needles):
            return
        for _, src_re, tgt_re, approved, note in self.terms:
            m = src_re.search(source)
            if m and not tgt_re.search(target):
                extra = f" ({note})" if note else ""
                out.append((GLOSSARY, f"{m.group(0)!r} should be translated as "
                            f"{approved!r}{extra}"))


# -- runners: each check behind its cheap test ----------------------------------------

Runner = Callable[[EntryChecker, str, str, str, list[Problem]], None]


def _run_control(c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]) -> None:
    if not target.isprintable():
        out.extend(p for p in unsafe_problems(target, "the translation") if p[0] is CONTROL_CHARS)


def _run_invisible(
    c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]
) -> None:
    if not target.isprintable():
        out.extend(p for p in unsafe_problems(target, "the translation")
                   if p[0] is INVISIBLE_CHARS)


def _run_placeholders(
    c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]
) -> None:
    if "[^" in source or "[^" in target:
        _placeholders(source, target, out)


def _run_placement(
    c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]
) -> None:
    if "[^" in source and "[^" in target:
        from transkit.checks.placement import misplaced

        out.extend((FOOTNOTE_PLACE, m) for m in misplaced(source, target))


def _run_urls(c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]) -> None:
    if "://" in source or "://" in target or "www." in source:
        _urls(source, target, out)


def _run_numbers(c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]) -> None:
    if has_digit(source):
        out.extend((NUMBERS, m) for m in c.numbers(source, target)[0])


def _run_number_notation(
    c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]
) -> None:
    if has_digit(source):
        out.extend((NUMBER_NOTATION, m) for m in c.numbers(source, target)[1])


def _run_markup(c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]) -> None:
    s_marks, t_marks = c.marks(source, target)
    if s_marks != t_marks:
        _markup(source, target, s_marks, t_marks, out)


def _run_brackets(
    c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]
) -> None:
    s_marks, t_marks = c.marks(source, target)
    if s_marks != t_marks:
        _brackets(s_marks, t_marks, out)


def _run_quotes(c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]) -> None:
    s_marks, t_marks = c.marks(source, target)
    if s_marks != t_marks:
        _quotes(s_marks, t_marks, out)


def _run_double_space(
    c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]
) -> None:
    if "  " in target and "  " not in source:
        out.append((DOUBLE_SPACE, f"two spaces in a row: {_around(target, '  ')!r}"))


def _run_identical(
    c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]
) -> None:
    if (target == source or target.strip() == source.strip()) and _unexpectedly_identical(
        source, kind
    ):
        out.append((IDENTICAL, "the translation is the source text, untranslated"))


def _run_length(c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]) -> None:
    if len(source) >= LENGTH_MIN_SOURCE:
        c._length(source, target, out)


def _run_glossary(
    c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]
) -> None:
    if c.terms:
        c._glossary(source, target, out)


# -- the checks -------------------------------------------------------------------------


def _placeholders(source: str, target: str, out: list[Problem]) -> None:
    from transkit.document import placeholders

    src, tgt = placeholders(source), placeholders(target)
    if src == tgt:
        return
    missing = Counter(src) - Counter(tgt)
    extra = Counter(tgt) - Counter(src)
    parts = []
    if missing:
        parts.append("missing " + " ".join(sorted(missing.elements())))
    if extra:
        parts.append("not in the source " + " ".join(sorted(extra.elements())))
    if parts:
        out.append((PLACEHOLDERS, "footnote references: " + "; ".join(parts)))
    else:
        out.append((PLACEHOLDERS, f"footnote references in another order: {' '.join(tgt)} "
                    f"(source: {' '.join(src)})"))


def urls(text: str) -> list[str]:
    """The URLs of a text, without sentence punctuation stuck to their end."""
    found = []
    for m in _compiled(_URL).finditer(text):
        url = m.group(0).rstrip(_URL_TRAIL)
        while url.endswith(")") and url.count("(") < url.count(")"):
            url = url[:-1].rstrip(_URL_TRAIL)
        found.append(url)
    return found


def _urls(source: str, target: str, out: list[Problem]) -> None:
    src, tgt = set(urls(source)), set(urls(target))
    if src == tgt:
        return
    for url in sorted(src - tgt):
        out.append((URLS, f"URL missing or changed: {url}"))
    for url in sorted(tgt - src):
        out.append((URLS, f"URL not in the source: {url}"))


def _markup(
    source: str, target: str, s_marks: list[str], t_marks: list[str], out: list[Problem]
) -> None:
    problems = []
    s_strong, t_strong = source.count("**"), target.count("**")
    if s_strong % 2 != t_strong % 2:
        problems.append("an unpaired **")
    s_em = s_marks.count("*") - 2 * s_strong
    t_em = t_marks.count("*") - 2 * t_strong
    if s_em % 2 != t_em % 2:
        problems.append("an unpaired *")
    if s_marks.count("`") % 2 != t_marks.count("`") % 2:
        problems.append("an unpaired `")
    s_links, t_links = source.count("]("), target.count("](")
    if s_links != t_links:
        problems.append(f"{t_links} links where the source has {s_links}")
    if problems:
        out.append((MARKUP, "Markdown: " + ", ".join(problems)))


def end_mark(text: str) -> str:
    """The sentence-final punctuation, looking past quotes, brackets and references
    ('end."[^4]' → '.'); '' if none."""
    stripped = _strip_trailer(text) if text and not text[-1].isalnum() else text
    if not stripped:
        return ""
    if stripped.endswith("...") or stripped.endswith("…"):
        return "…"
    mark = _ENDS.get(stripped[-1], "")
    if not mark and text is not stripped:
        # "(…)." has its period after the trailer; 'end".' likewise.
        tail = text[len(stripped):]
        for ch in reversed(tail):
            if ch in _ENDS:
                return _ENDS[ch]
    return mark


def _strip_trailer(text: str) -> str:
    while True:
        text = text.rstrip(_TRAILING)
        if not text.endswith("]"):
            return text
        start = text.rfind("[^")  # a footnote reference, or else a closing bracket
        text = text[:start] if start >= 0 and _footnote_re().fullmatch(text, start) else text[:-1]


def _end_punctuation(
    c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]
) -> None:
    if source[-1:] == target[-1:] and source[-1:] in ".?!:;":
        return
    s, t = end_mark(source), end_mark(target)
    if s == t:
        return
    if not s:
        out.append((END_PUNCTUATION, f"ends with {t!r}; the source has no closing punctuation"))
    elif not t:
        out.append((END_PUNCTUATION, f"the source ends with {s!r}; the translation with none"))
    else:
        out.append((END_PUNCTUATION, f"ends with {t!r} where the source has {s!r}"))


def _newline(c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]) -> None:
    """msgfmt refuses a translation that does not begin and end with a line
    break exactly as its source does (msgfmt --check's wording)."""
    if not source or not target:
        return  # msgfmt skips the header and untranslated entries
    if (source[0] == "\n") != (target[0] == "\n"):
        out.append((NEWLINE, "'msgid' and 'msgstr' entries do not both begin with '\\n': "
                    "msgfmt rejects the file"))
    if (source[-1] == "\n") != (target[-1] == "\n"):
        out.append((NEWLINE, "'msgid' and 'msgstr' entries do not both end with '\\n': "
                    "msgfmt rejects the file"))


def unsafe_problems(text: str, what: str) -> list[Problem]:
    """Control characters (C0, C1, DEL: a terminal obeys them; ``control-chars``)
    and bidi controls or invisible marks (they reorder or hide text;
    ``invisible-chars``) in `text`, shown escaped. `what` names the text."""
    # Every unsafe character is unprintable; isprintable() runs 10× faster than a search.
    if text.isprintable() or not HAS_UNSAFE.search(text):
        return []
    found = unsafe_characters(text)
    controls = [c for c in found if c.startswith("\\x")]  # below U+0100: C0, DEL, C1
    marks = [c for c in found if not c.startswith("\\x")]
    out = []
    if controls:
        out.append((CONTROL_CHARS, f"{what} holds control characters {' '.join(controls)} "
                    "(a terminal would obey them; a reader never sees them)"))
    if marks:
        out.append((INVISIBLE_CHARS, f"{what} holds bidi controls or invisible marks "
                    f"{' '.join(marks)} (they reorder or hide text)"))
    return out


def _whitespace(c: EntryChecker, source: str, target: str, kind: str, out: list[Problem]) -> None:
    # A line break at either end is the newline check's (msgfmt rejects it).
    if "\n" in target:
        source, target = source.strip("\n"), target.strip("\n")
        if not target:
            return
    if target[0].isspace() and not source[:1].isspace():
        out.append((WHITESPACE, "starts with a space"))
    if target[-1].isspace() and not source[-1:].isspace():
        out.append((WHITESPACE, "ends with a space"))
    if "\n" in target and "\n" not in source:
        out.append((WHITESPACE, "a line break the source lacks (it may split the paragraph)"))


def _brackets(s_marks: list[str], t_marks: list[str], out: list[Problem]) -> None:
    for open_, close in _BRACKETS:
        s = s_marks.count(open_) - s_marks.count(close)
        t = t_marks.count(open_) - t_marks.count(close)
        if s != t:
            if s == 0:
                more = open_ if t > 0 else close
                out.append((BRACKETS, f"unbalanced {open_}{close}: {abs(t)} more {more!r}"))
            else:
                out.append((BRACKETS, f"{open_}{close} balance {t:+d}, the source's {s:+d}"))


def _quotes(s_marks: list[str], t_marks: list[str], out: list[Problem]) -> None:
    s = sum(1 for c in s_marks if c in _DOUBLE_QUOTES)
    t = sum(1 for c in t_marks if c in _DOUBLE_QUOTES)
    if s % 2 == t % 2:
        return
    if s % 2 == 0:
        out.append((QUOTES, f"{t} quotation marks: one is unpaired (the source's are paired)"))
    else:
        out.append((QUOTES, f"the source leaves a quotation open ({s} marks); the "
                    f"translation's {t} are paired"))


def quotes_settled(block: list[tuple[str, str, str]]) -> set[str]:
    """The segments of one block (id, source, translation in reading order;
    '' untranslated) whose unbalanced quotes the block itself settles.

    A quotation may open in one segment and close in a later one, and a
    translator may move a mark across the boundary (the scrape's "” The IRGC"
    begins a segment with the previous one's closing mark; the Spanish ends
    the previous one with it). Two segments whose quotes differ from their
    sources' in parity, in one run of translated segments, cancel out: the
    paragraph reads as balanced as the source's. A difference left over is
    still reported; an untranslated segment ends a run (its marks are not
    there yet).
    """
    settled: set[str] = set()
    pending = ""
    for entry_id, source, target in block:
        if not target:
            pending = ""
            continue
        if (_quote_count(source) - _quote_count(target)) % 2 == 0:
            continue
        if pending:
            settled.update((pending, entry_id))
            pending = ""
        else:
            pending = entry_id
    return settled


def _quote_count(text: str) -> int:
    return sum(text.count(q) for q in _DOUBLE_QUOTES) if _has_marks(text) else 0


def _unexpectedly_identical(source: str, kind: str) -> bool:
    """Untranslated prose, not a name, number, acronym or citation."""
    if kind in ("byline",):
        return False
    prose = _prose(source)
    words = _WORD.findall(prose)
    if len(words) < 3:
        return False
    if all(w.isupper() for w in words):
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    if capitalised >= 0.75 * len(words):  # names, titles of works
        return False
    return not (kind == "note" and (_compiled(_URL).search(source) or _YEAR.search(source)
                                    or _CITATION.search(source) or source.lstrip().startswith("*")))


# -- the checks, defined -----------------------------------------------------------------
# In the order they run on a segment and are listed. The per-segment checks
# run in `EntryChecker`; `consistency` compares a document's segments with
# each other (`consistency`, below).

_FAMILY = "content"
NEWLINE = define("newline", ERROR, _FAMILY,
                 "msgfmt rejects it: begins or ends with \\n unlike the source", _newline)
CONTROL_CHARS = define("control-chars", ERROR, _FAMILY,
                       "a source, translation or id holds control characters (ESC, BEL…)",
                       _run_control)
INVISIBLE_CHARS = define("invisible-chars", WARNING, _FAMILY,
                         "a source, translation or id holds bidi controls or invisible marks",
                         _run_invisible)
PLACEHOLDERS = define("placeholders", ERROR, _FAMILY,
                      "footnote references [^N] differ from the source's", _run_placeholders)
FOOTNOTE_PLACE = define("footnote-place", WARNING, _FAMILY,
                        "a footnote reference [^N] moved far from its place in the sentence",
                        _run_placement)
URLS = define("urls", ERROR, _FAMILY, "a URL of the source is missing or changed", _run_urls)
NUMBERS = define("numbers", ERROR, _FAMILY,
                 "a number or date of the source is missing or misformatted", _run_numbers)
NUMBER_NOTATION = define("number-notation", WARNING, _FAMILY,
                         "a number kept in the source's notation, read otherwise in the "
                         "target (3.5 for 3,5)",
                         _run_number_notation)
MARKUP = define("markup", ERROR, _FAMILY,
                "Markdown emphasis, code or links are broken (stray * or `)", _run_markup)
END_PUNCTUATION = define("end-punctuation", WARNING, _FAMILY,
                         "the final punctuation differs from the source's", _end_punctuation)
WHITESPACE = define("whitespace", WARNING, _FAMILY,
                    "leading/trailing spaces or line breaks the source lacks", _whitespace)
DOUBLE_SPACE = define("double-space", WARNING, _FAMILY, "two spaces in a row", _run_double_space)
BRACKETS = define("brackets", WARNING, _FAMILY,
                  "brackets are unbalanced where the source's are not", _run_brackets)
QUOTES = define("quotes", WARNING, _FAMILY,
                "quotation marks are unbalanced where the source's are not", _run_quotes)
IDENTICAL = define("identical", WARNING, _FAMILY, "the translation is the untranslated source",
                   _run_identical)
LENGTH = define("length", WARNING, _FAMILY,
                "much shorter or longer than the source: something lost?", _run_length)
GLOSSARY = define("glossary", WARNING, _FAMILY, "a glossary term is not translated as approved",
                  _run_glossary)
CONSISTENCY = define("consistency", WARNING, _FAMILY,
                     "the same source sentence is translated differently")

#: The per-segment checks, in the order they run, and their ids.
ON_SEGMENTS = tuple(c for c in CHECKS.values() if c.family == _FAMILY and c.run is not None)
SEGMENT_IDS = frozenset(c.id for c in ON_SEGMENTS)

#: Each per-segment check's function, by id: what `EntryChecker` runs. Replacing
#: an entry (a test does) changes what checkers made afterwards run.
RUNNERS: dict[str, Runner] = {c.id: c.run for c in ON_SEGMENTS if c.run is not None}

#: The checks that can find something when the translation is the source itself.
ON_COPIES = frozenset({CONTROL_CHARS, INVISIBLE_CHARS, IDENTICAL, GLOSSARY})


# -- helpers ----------------------------------------------------------------------------


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """Compiled on first use: these classes of non-ASCII characters take ms to
    compile, and a pre-commit run over untranslated files never needs them."""
    return re.compile(pattern)


def _footnote_re() -> re.Pattern[str]:
    from transkit.document import FOOTNOTE_RE

    return FOOTNOTE_RE


def _has_marks(t: str) -> bool:
    """Whether `t` has a character of `_MARKS` (``in`` runs in C: 5× faster than re)."""
    return (
        '"' in t or "“" in t or "”" in t or "«" in t or "»" in t or "„" in t or "‟" in t
        or "(" in t or ")" in t or "[" in t or "]" in t or "{" in t or "}" in t
        or "*" in t or "`" in t
    )  # fmt: skip


def has_digit(t: str) -> bool:
    return (
        "0" in t or "1" in t or "2" in t or "3" in t or "4" in t
        or "5" in t or "6" in t or "7" in t or "8" in t or "9" in t
    )  # fmt: skip


def _prose(text: str) -> str:
    if "[" in text or "://" in text or "www." in text:
        text = _footnote_re().sub("", _compiled(_URL).sub("", text))
    return text


def _around(text: str, needle: str, width: int = 12) -> str:
    i = text.find(needle)
    return text[max(0, i - width) : i + len(needle) + width]


def _base(lang: str) -> str:
    return lang.replace("-", "_").split("_")[0].lower()


def consistency(entries: list[tuple[str, str, str, int]]) -> list[tuple[str, int, str]]:
    """(entry id, line, message) for each segment whose source appears earlier
    in the document with a different translation.

    `entries` are (id, source, target, line) of translated segments.
    """
    first: dict[str, tuple[str, str, int]] = {}
    out = []
    for entry_id, source, target, line in entries:
        seen = first.get(source)
        if seen is None:
            first[source] = (target, entry_id, line)
        elif seen[0] != target and " ".join(seen[0].split()) != " ".join(target.split()):
            out.append((entry_id, line, f"same source as {seen[1]} (line {seen[2]}), translated "
                        f"differently: {_short(target)!r} vs {_short(seen[0])!r}"))
    return out


def _short(text: str, width: int = 50) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
