"""Numbers check: every number and date of the source is in the translation.

Locale-aware, because "1,700" in English is "1.700" in Spanish, Portuguese
and Dutch, and "3.5" is "3,5". Tokens are read with babel's CLDR rules for
each side's language (`babel.numbers.parse_decimal`, strict), and the hint
for a missing number is written with `format_decimal` for the target.
babel is imported only when a token has a separator: years and plain
integers compare as they are.

To keep false alarms rare:
- each distinct source number must appear; repeats and extra numbers in the
  translation are not reported (a year said twice, "ten" written "10");
- a number with a scale word may be regrouped: "$10 billion" = "10.000
  millones" = "10 mil millones" = "10 miljard";
- an ordinal may become a Roman numeral ("20th century" = "siglo XX") or a
  word ("3rd party" = "de terceros"), a decade its short form ("1970s" =
  "los años 70");
- space-grouped thousands ("1 700", with a space or no-break space) count
  as one number in any language that groups with spaces.
Dates (14-10-2022, 14/10/2022, 2022-10-14) must appear exactly as written.

A number written in the translation exactly as in the source is never an
error (`number_findings` tells the two kinds apart): versions, codes and
identifiers ("Python 3.4", "TLS 1.3", "HTTP/1.1", `8.2p1`, "10.6.8", a
number in a code span) stay as they are in every language and are not
reported at all; any other number kept in the source's notation where the
target reads it otherwise ("3.5" in Spanish) is a ``notation`` hint, not a
missing number. On python-docs-es, a correctly translated project, 2,036 of
its 2,077 number errors were such kept numbers (or ordinals in words).

Numbers are exact: the check runs with `PRECISION` decimal digits, not the
decimal module's default 28 (with which babel's strict reading of
"0.12345678901234567890123456789" raised `decimal.InvalidOperation`), and
an arithmetic error from babel reads as "not a number in this notation".
A run of over `LONG_NUMBER` characters is no quantity anyone reads: it is
compared as written, never converted.
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, localcontext
from functools import cache

_SPACE_GROUPS = "\u00a0\u202f\u2009 "
# One pass over a text finds its dates and numbers, stepping over what carries
# digits but is not prose: footnote references, URLs, Markdown link targets.
_SCAN = re.compile(
    r"(?P<skip>\[\^[^\]\s]+\]|https?://\S+|www\.\S+|\]\([^)\s]*\))"
    r"|(?P<date>(?<![\w.,/-])\d{1,4}(?P<sep>[-/.])\d{1,2}(?P=sep)\d{1,4}(?![\w/]|[-.,]\d))"
    r"|(?P<number>(?<![\w.,])(?:\d{1,3}(?: \d{3})+(?:[.,]\d+)?(?!\d)"
    r"|\d+(?:[.,\u00a0\u202f\u2009]\d+)*))(?P<suffix>st\b|nd\b|rd\b|th\b|'?s\b)?"
)
# Digit groups with their separators: equal sorted lists of plain groups mean
# equal numbers, without reading any.
_RUNS = re.compile(r"\d(?:[\d.,/\u00a0\u202f\u2009-]*\d)?")
_SPACED = re.compile(f"[{_SPACE_GROUPS}]")
_SPACE_GROUPED = re.compile(f"^\\d{{1,3}}(?:[{_SPACE_GROUPS}]\\d{{3}})+(?:[.,]\\d+)?$")

_SCALES: dict[str, tuple[tuple[str, int], ...]] = {
    "en": (("thousand", 3), ("million", 6), ("mn", 6), ("m", 6), ("billion", 9), ("bn", 9),
           ("trillion", 12), ("tn", 12)),
    "es": (("mil millones", 9), ("millardos", 9), ("millardo", 9), ("millones", 6),
           ("millón", 6), ("billones", 12), ("billón", 12), ("mil", 3)),
    "pt": (("mil milhões", 9), ("milhões", 6), ("milhão", 6), ("bilhões", 9), ("bilhão", 9),
           ("biliões", 12), ("bilião", 12), ("trilhões", 12), ("trilhão", 12), ("mil", 3)),
    "nl": (("duizend", 3), ("miljoenen", 6), ("miljoen", 6), ("mln", 6), ("miljarden", 9),
           ("miljard", 9), ("mld", 9), ("mrd", 9), ("biljoen", 12)),
    "de": (("tausend", 3), ("millionen", 6), ("million", 6), ("mio", 6), ("milliarden", 9),
           ("milliarde", 9), ("mrd", 9), ("billionen", 12), ("billion", 12)),
    "fr": (("mille", 3), ("millions", 6), ("million", 6), ("milliards", 9), ("milliard", 9),
           ("billions", 12), ("billion", 12)),
    "it": (("mila", 3), ("milioni", 6), ("milione", 6), ("miliardi", 9), ("miliardo", 9)),
}


@cache
def _scale_re(lang: str) -> re.Pattern[str]:
    words = sorted(_SCALES.get(lang.split("_")[0].split("-")[0], _SCALES["en"]),
                   key=lambda w: -len(w[0]))
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w, _ in words)
    return re.compile(r"\s*(?:de\s+)?(" + alts + r")\b", re.IGNORECASE)


@cache
def _scale_of(lang: str) -> dict[str, int]:
    return {w: e for w, e in _SCALES.get(lang.split("_")[0].split("-")[0], _SCALES["en"])}


#: What a number may stand for; a number too long to read stands for its text.
Value = int | Decimal | str


class Token:
    """A number as written, and every value it may stand for."""

    __slots__ = ("code", "name", "parts", "scaled", "suffix", "text", "values")

    def __init__(self, text: str, values: set[Value], scaled: set[Value],
                 suffix: str, parts: tuple[Value, ...] = (), code: bool = False,
                 name: str = "") -> None:
        self.text = text
        self.values = values
        self.scaled = scaled
        self.suffix = suffix
        self.parts = parts  # "3 500" may also be two numbers, 3 and 500
        self.code = code  # a version, code or identifier: kept as written in every language
        self.name = name  # the capitalised word before it: a version if both texts have it


class _Source:
    """What the numbers check needs of a source text, computed once for all
    the languages it is translated into."""

    __slots__ = ("_names", "dates", "plain", "runs", "text", "tokens", "values")

    def __init__(self, text: str, lang: str):
        self.runs = sorted(_RUNS.findall(text))
        self.plain = all(r.isdigit() for r in self.runs)  # no separator to read
        self.dates, self.tokens = _scan(text, lang)
        self.values: set[Value] = set()
        for t in self.tokens:
            self.values |= t.values
        self.text = text
        self._names: frozenset[str] | None = None

    @property
    def names(self) -> frozenset[str]:
        """The words of the source (a version's name is looked up among them)."""
        if self._names is None:
            self._names = frozenset(_NAME.findall(self.text))
        return self._names


_SOURCES: dict[tuple[str, str], _Source] = {}


def _source(text: str, lang: str) -> _Source:
    key = (text, lang)
    found = _SOURCES.get(key)
    if found is None:
        if len(_SOURCES) > 20_000:
            _SOURCES.clear()
        with localcontext(_EXACT):
            found = _SOURCES[key] = _Source(text, lang)
    return found


#: Characters of the longest number read as a number (60 digits or so, with
#: separators); decimal arithmetic with `PRECISION` digits is exact for it.
LONG_NUMBER = 80
PRECISION = 3 * LONG_NUMBER
_EXACT = Context(prec=PRECISION)


#: The kinds of `number_findings`: a number missing or changed (an error), and
#: one kept exactly as the source writes it where the target reads it otherwise.
MISSING, NOTATION = "absent", "notation"


def number_problems(source: str, target: str, source_lang: str, target_lang: str) -> list[str]:
    """One message per problem, of either kind; empty when every source number
    is in the target as the target's language writes it."""
    return [message for _, message in number_findings(source, target, source_lang, target_lang)]


def number_findings(
    source: str, target: str, source_lang: str, target_lang: str
) -> list[tuple[str, str]]:
    """(kind, message) per problem: `MISSING` or `NOTATION`."""
    src = _source(source, source_lang)
    if not src.tokens and not src.dates:
        return []
    # Fast path: the same digit groups, none with a separator that could be
    # read differently ("1,700"): nothing can be missing or misformatted.
    if src.plain and src.runs == sorted(_RUNS.findall(target)):
        return []
    with localcontext(_EXACT):  # entered only here: it costs as much as the fast path
        return _compare(src, target, source_lang, target_lang)


def _compare(
    src: _Source, target: str, source_lang: str, target_lang: str
) -> list[tuple[str, str]]:
    problems = []
    tgt_dates, tgt_tokens = _scan(target, target_lang, kept_from=source_lang)
    for date in src.dates:
        if date not in tgt_dates:
            problems.append((MISSING, f"date {date} is not in the translation "
                             "(dates stay as written)"))
    if not src.tokens:
        return problems
    have: set[Value] = set()
    kept: dict[str, Token] = {}  # target numbers written exactly as a source number
    src_texts = {t.text for t in src.tokens}
    for t in tgt_tokens:
        have |= t.values
        have |= t.scaled
        if t.text in src_texts:
            kept.setdefault(t.text, t)
    # A version follows an acronym or a name that both texts have ("Python 3.4").
    code = {t.text for t in src.tokens if t.code or (t.name and _has_word(target, t.name))}
    code.update(t.text for t in tgt_tokens if t.name and t.name in src.names)
    missing: list[Token] = []
    misread: list[Token] = []  # kept as written, read otherwise in the target
    seen: set[str] = set()
    for t in src.tokens:
        if t.text in seen:
            continue
        seen.add(t.text)
        if t.values & have or t.scaled & have or (t.parts and have.issuperset(t.parts)):
            continue
        if t.text in kept:  # identical: never missing; a hint unless it is a code
            if t.text not in code and not kept[t.text].code:
                misread.append(t)
            continue
        if t.suffix in ("st", "nd", "rd", "th") and _has_roman(target, t.values):
            continue
        if t.suffix.endswith("s") and any(
            v % 100 in have for v in t.values if not isinstance(v, str) and v >= 100
        ):
            continue
        if _spelled_out(t, target, target_lang):
            continue
        missing.append(t)
    src_values = src.values
    if missing:
        hints = [_with_hint(t, target_lang) for t in missing]
        unmatched = [t.text for t in tgt_tokens
                     if not (t.values & src_values) and t.text not in src_texts]
        has = f"; the translation has {', '.join(unmatched)}" if unmatched else ""
        problems.append((MISSING, f"{', '.join(hints)} not in the translation{has}"))
    for t in misread:
        problems.append((NOTATION, f"{t.text} is kept as {source_lang} writes it; {target_lang} "
                         f"writes {_with_hint(t, target_lang, bare=True)} (a version or code "
                         "is left as it is)"))
    for t in tgt_tokens:
        if t.code or t.text in code:
            continue
        if _foreign_notation(t, source_lang, target_lang, src_values):
            value = next(iter(t.values & src_values))
            kind = NOTATION if t.text in src_texts else MISSING
            problems.append((kind,
                f"{t.text} is written in {source_lang} notation; {target_lang} writes "
                f"{_format(value, target_lang)}"
            ))
    return problems


def _scan(text: str, lang: str, kept_from: str | None = None) -> tuple[list[str], list[Token]]:
    """The dates and numbers of `text` in `lang`. For a translation, `kept_from`
    is the source language: a number malformed in `lang` may have been kept in
    the source's notation, and is also read that way."""
    dates: list[str] = []
    tokens: list[Token] = []
    scale_re = None
    spans: list[tuple[int, int]] | None = None  # code spans, found on first need
    last_code = -1  # where the last version or code ended: "3.9, 3.10 and 3.11"
    for m in _SCAN.finditer(text):
        body = m.group("number")
        if body is None:
            if m.group("date"):
                dates.append(m.group("date"))
            continue
        if len(body) > LONG_NUMBER:
            tokens.append(Token(body, {body}, set(), "", ()))  # compared as written
            continue
        code, name = False, ""
        if not body.isdigit():
            if spans is None:
                spans = [c.span() for c in _CODE_SPAN.finditer(text)] if "`" in text else []
            found = _is_code(text, m.start(), m.end(), body, spans, last_code)
            code, name = found is True, found if isinstance(found, str) else ""
            if code or name:
                last_code = m.end()
        suffix = m.group("suffix") or ""
        values = _values(body, lang)
        spaced = any(c in body for c in _SPACE_GROUPS)
        if (
            kept_from
            and kept_from != lang
            and not body.isdigit()
            and not spaced
            and not _strict_ok(body, lang)
        ):
            values.add(_parse(body, kept_from))
        scaled: set[Value] = set()
        if not suffix:
            scale_re = scale_re or _scale_re(lang)
            s = scale_re.match(text, m.end())
            if s:
                exp = _scale_of(lang)[re.sub(r"\s+", " ", s.group(1).lower())]
                scaled = {v * (10**exp) for v in values}
        parts: tuple[Value, ...] = ()
        if spaced:
            parts = tuple(_plain(p, lang) for p in _SPACED.split(body))
            if kept_from:  # in a translation, "3 500" stands for any of its readings
                values.update(parts)
        tokens.append(Token(body, values, scaled, suffix.lstrip("'"), parts, code, name))
    return dates, tokens


_CODE_SPAN = re.compile(r"(`+)[^`]+?\1")
# After a version: letters and a digit (8.2p1, 3.4rc1, 1.0b2), a joined word
# (3.4-dev, 1.2_01), a wildcard (2.x).
_CODE_AFTER = re.compile(r"[A-Za-z]+\d|[-_+~][A-Za-z0-9]|\.[xX*](?!\w)")
_WORD_BEFORE = re.compile(r"([\w+#./-]+)[\s\u00a0]+$")
# Between two versions of a list: "3.9, 3.10 and 3.11", "10.6 y 10.7", "2.7–3.4".
_VERSION_LIST = re.compile(r"[\s\u00a0]*(?:,|/|–|-|—)?[\s\u00a0]*"
                           r"(?:and|or|to|through|y|o|e|u|a|hasta|ou|até|en|of|tot|und|oder|"
                           r"bis|et|ou|à|jusqu'à|ed|fino)?[\s\u00a0]*$", re.IGNORECASE)
#: Words after which a number is a version or a label ("Section 4.4"), in
#: the languages of _SCALES.
_VERSION_WORDS = """
version versions release releases revision rev v ver
versión versiones lanzamiento revisión versão versões revisão
versie versies uitgave fassung versione versioni
section sections chapter figure table sección capítulo figura tabla
secção seção tabela sectie hoofdstuk figuur tabel
"""
VERSION_WORDS = frozenset(_VERSION_WORDS.split())


def _is_code(text: str, start: int, end: int, body: str, spans: list[tuple[int, int]],
             last_code: int) -> bool | str:
    """Whether the number `body` at text[start:end] is a version, code or
    identifier, which every language writes as the source does; or the name
    it follows ("Python 3.4"), when only the other text can tell (a name is
    kept in the translation, "In 3.5 cases" becomes "En 3,5 casos")."""
    if any(a <= start and end <= b for a, b in spans):
        return True  # in a code span
    if _CODE_AFTER.match(text, end) or text[start - 1 : start] == "/":  # HTTP/1.1
        return True
    if body.count(".") >= 2 and not _THOUSANDS.fullmatch(body):  # 10.6.8, not 1.234.567
        return True
    if last_code >= 0 and _VERSION_LIST.fullmatch(text, last_code, start):
        return True
    if _COMPARISON.search(text, max(0, start - 4), start):  # Linux >= 4.8
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group(1).rstrip(".")
    if word.lower() in VERSION_WORDS:
        return True
    # After an acronym or a name (TLS 1.3, macOS 10.6, CPython 3.8, Python 3.4).
    if word[:1].isalpha() and any(c.isupper() for c in word[1:]):
        return True
    if word[:1].isupper():
        return word
    return False


_COMPARISON = re.compile(r"(?:[<>]=?|==|!=)[\s\u00a0]*$")
_NAME = re.compile(r"(?<!\w)[^\W\d_][\w+#]*")


def _has_word(text: str, word: str) -> bool:
    i = text.find(word)
    while i >= 0:
        j = i + len(word)
        if (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not text[j].isalnum()):
            return True
        i = text.find(word, i + 1)
    return False


_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")


def _values(body: str, lang: str) -> set[Value]:
    if body.isdigit():
        return {int(body)}
    if any(c in body for c in _SPACE_GROUPS):
        if _SPACE_GROUPED.match(body):  # "1 234 567,5": drop the spaces, read the rest
            return {_parse(_SPACED.sub("", body), lang)}
        return set()
    return {_parse(body, lang)}


def _plain(text: str, lang: str) -> int | Decimal:
    return int(text) if text.isdigit() else _parse(text, lang)


#: What babel raises for a text it cannot read as a number: NumberFormatError
#: (a ValueError), and decimal's errors (ArithmeticError).
_NOT_A_NUMBER = (ValueError, ArithmeticError)


@cache
def _parse(text: str, lang: str) -> int | Decimal:
    """The value of `text` in `lang`'s notation (strict), else a lenient reading."""
    from babel.numbers import parse_decimal

    locale = _babel_locale(lang)
    for strict in (True, False):
        try:
            return _normal(parse_decimal(text, locale=locale, strict=strict))
        except _NOT_A_NUMBER:
            continue
    return int(re.sub(r"\D", "", text) or 0)


@cache
def _strict_ok(text: str, lang: str) -> bool:
    from babel.numbers import parse_decimal

    try:
        parse_decimal(text, locale=_babel_locale(lang), strict=True)
    except _NOT_A_NUMBER:
        return False
    return True


def _foreign_notation(t: Token, source_lang: str, target_lang: str,
                      src_values: set[Value]) -> bool:
    """A target number kept in the source's notation that the target reads otherwise
    ("3.5" in Spanish): flagged even though the digits match."""
    body = t.text
    if (
        body.isdigit()
        or source_lang == target_lang
        or len(body) > LONG_NUMBER
        or any(c in body for c in _SPACE_GROUPS)
    ):
        return False
    if _strict_ok(body, target_lang):
        return False
    return _parse(body, source_lang) in src_values and _strict_ok(body, source_lang)


def _normal(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value.normalize()


@cache
def _babel_locale(lang: str) -> str:
    from babel import Locale, UnknownLocaleError

    code = lang.replace("-", "_")
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return "en"
    return code


def _format(value: Value, lang: str) -> str:
    """`value` as `lang` writes it, every digit kept (the hint for 0.123456 is
    0,123456, not babel's default 0,123)."""
    from babel.numbers import format_decimal

    try:
        return format_decimal(value, locale=_babel_locale(lang), decimal_quantization=False)
    except _NOT_A_NUMBER:
        return str(value)


def _with_hint(t: Token, target_lang: str, bare: bool = False) -> str:
    """`t` with how `target_lang` writes it ("1,700 (es: 1.700)"); `bare`: that alone."""
    if t.suffix:
        return t.text + t.suffix
    if t.text.isdigit():
        return t.text
    value = next(iter(t.values))
    if isinstance(value, str):  # a long run, compared as written
        return t.text
    local = _format(value, target_lang)
    if bare:
        return local
    return t.text if local == t.text else f"{t.text} ({target_lang}: {local})"


# Numbers a translator may spell out: 0-12 and the tens (decades: "los años setenta").
_WORDS: dict[str, str] = {
    "en": "zero one two three four five six seven eight nine ten eleven twelve "
    "twenty thirty forty fifty sixty seventy eighty ninety",
    "es": "cero uno|una|un dos tres cuatro cinco seis siete ocho nueve diez once doce "
    "veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa",
    "pt": "zero um|uma dois|duas três quatro cinco seis sete oito nove dez onze doze "
    "vinte trinta quarenta cinquenta sessenta setenta oitenta noventa",
    "nl": "nul een|één twee drie vier vijf zes zeven acht negen tien elf twaalf "
    "twintig dertig veertig vijftig zestig zeventig tachtig negentig",
    "de": "null eins|ein|eine zwei drei vier fünf sechs sieben acht neun zehn elf zwölf "
    "zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig",
    "fr": "zéro un|une deux trois quatre cinq six sept huit neuf dix onze douze "
    "vingt trente quarante cinquante soixante soixante-dix quatre-vingt quatre-vingt-dix",
    "it": "zero uno|una|un due tre quattro cinque sei sette otto nove dieci undici dodici "
    "venti trenta quaranta cinquanta sessanta settanta ottanta novanta",
}


@cache
def _number_words(lang: str) -> dict[int, re.Pattern[str]]:
    words = _WORDS.get(lang.split("_")[0].split("-")[0])
    if not words:
        return {}
    values = [*range(13), *range(20, 100, 10)]
    return {
        v: re.compile(rf"(?<!\w)(?:{w})(?!\w)", re.IGNORECASE)
        for v, w in zip(values, words.split(), strict=True)
    }


# Ordinals a translator may spell out, 1st to 10th ("3rd party" = "de terceros").
_ORDINALS: dict[str, str] = {
    "es": "primer[oa]?s? segund[oa]s? tercer[oa]?s? cuart[oa]s? quint[oa]s? sext[oa]s? "
    "séptim[oa]s? octav[oa]s? noven[oa]s? décim[oa]s?",
    "pt": "primeir[oa]s? segund[oa]s? terceir[oa]s? quart[oa]s? quint[oa]s? sext[oa]s? "
    "sétim[oa]s? oitav[oa]s? non[oa]s? décim[oa]s?",
    "nl": "eerste tweede derde vierde vijfde zesde zevende achtste negende tiende",
    "de": "erste[nrsm]? zweite[nrsm]? dritte[nrsm]? vierte[nrsm]? fünfte[nrsm]? "
    "sechste[nrsm]? siebte[nrsm]? achte[nrsm]? neunte[nrsm]? zehnte[nrsm]?",
    "fr": "premi(?:er|ère)s? (?:deuxième|seconde?)s? troisièmes? quatrièmes? cinquièmes? "
    "sixièmes? septièmes? huitièmes? neuvièmes? dixièmes?",
    "it": "prim[oaie] second[oaie] terz[oaie] quart[oaie] quint[oaie] sest[oaie] "
    "settim[oaie] ottav[oaie] non[oaie] decim[oaie]",
}


@cache
def _ordinal_words(lang: str) -> dict[int, re.Pattern[str]]:
    words = _ORDINALS.get(lang.split("_")[0].split("-")[0])
    if not words:
        return {}
    return {
        v: re.compile(rf"(?<!\w){w}(?!\w)", re.IGNORECASE)
        for v, w in enumerate(words.split(), 1)
    }


def _spelled_out(t: Token, target: str, lang: str) -> bool:
    if t.suffix in ("st", "nd", "rd", "th"):
        ordinals = _ordinal_words(lang)
        if any(isinstance(v, int) and v in ordinals and ordinals[v].search(target)
               for v in t.values):
            return True
    words = _number_words(lang)
    if not words:
        return False
    candidates = set(t.values)
    if t.suffix.endswith("s"):  # "the 1970s": "the seventies"
        candidates |= {v % 100 for v in t.values if isinstance(v, int) and v >= 100}
    # 1 is left out: "un", "een", "a" are articles, found in nearly every sentence.
    return any(isinstance(v, int) and v != 1 and v in words and words[v].search(target)
               for v in candidates)


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _has_roman(text: str, values: set[Value]) -> bool:
    for v in values:
        if isinstance(v, int) and 0 < v < 4000 and re.search(rf"\b{roman(v)}\b", text):
            return True
    return False
