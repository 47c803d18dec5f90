"""The project glossary, ``glossary.toml`` at the project root: approved terms.

One file serves two readers: ``transkit check`` (a source term must come with
its approved translation) and the DeepL glossary sync (one target per source
term and language pair). Each concept is one ``[[term]]`` table keyed by
language code; a value is a string or a list of forms::

    [[term]]
    en = ["strike", "strikes"]         # source forms, all recognised
    es = ["huelga", "huelgas"]         # first form: the approved term, sent to DeepL;
    nl = "staking"                     #   the others are accepted inflections
    note = "not 'paro' (that means unemployment)"

Matching is case-insensitive on whole words. Source forms match as listed
(list the plural too); in a translation a word may take up to three more
letters (plural and gender endings), so ``huelga`` also accepts ``huelgas``.
A missing file is an empty glossary.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from transkit.errors import ConfigError

GLOSSARY_NAME = "glossary.toml"
_LANG_KEY = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")
_BAD_CHARS = re.compile(r"[\x00-\x1f\x7f]")

#: (needles, source pattern, target pattern, approved target term, note); a source
#: can match only if it contains one of the needles (lower-cased first words).
Matcher = tuple[tuple[str, ...], re.Pattern[str], re.Pattern[str], str, str]


@dataclass(frozen=True)
class Term:
    """One concept: its forms per language (preferred form first)."""

    forms: dict[str, tuple[str, ...]]
    note: str = ""
    line: int = 0  # where its [[term]] starts in the glossary file


@dataclass
class Glossary:
    source_language: str = "en"
    entries: list[Term] = field(default_factory=list)
    path: Path | None = None
    _compiled: dict[str, list[Matcher]] = field(default_factory=dict, repr=False, compare=False)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def terms(self, lang: str) -> list[tuple[str, str]]:
        """(source term, approved target term) pairs for `lang`, one per source
        form — exactly what a DeepL glossary for source→lang holds."""
        if lang == self.source_language:
            return []
        pairs: dict[str, str] = {}  # DeepL refuses a source term twice
        for term in self.entries:
            targets = term.forms.get(lang)
            if not targets:
                continue
            for source in term.forms.get(self.source_language, ()):
                pairs.setdefault(source, targets[0])
        return list(pairs.items())

    def variants(self, lang: str) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
        """(source forms, accepted target forms, note) per term, for checking."""
        return [
            (t.forms[self.source_language], t.forms[lang], t.note)
            for t in self.entries
            if lang in t.forms and self.source_language in t.forms
        ]

    def matchers(self, lang: str) -> list[Matcher]:
        """Compiled `Matcher`s for checking translations into `lang`."""
        cache = self._compiled
        if lang not in cache:
            cache[lang] = [
                (
                    tuple({s.split()[0].lower() for s in sources}),
                    term_pattern(sources),
                    term_pattern(targets, inflected=True),
                    targets[0],
                    note,
                )
                for sources, targets, note in self.variants(lang)
            ]
        return cache[lang]


def term_pattern(forms: tuple[str, ...], inflected: bool = False) -> re.Pattern[str]:
    """Any of `forms` as whole words, case-insensitive; `inflected`: each word
    may take up to 3 more letters (huelga → huelgas, obrera → obreras)."""
    alts = []
    ending = r"[^\W\d_]{0,3}" if inflected else ""
    for form in sorted(forms, key=len, reverse=True):
        words = [re.escape(w) + ending for w in form.split()]
        alts.append(r"\s+".join(words))
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


def parse_glossary(text: str, source_language: str, path: Path | None = None) -> Glossary:
    where = path or GLOSSARY_NAME
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", where) from None
    unknown = set(data) - {"term"}
    if unknown:
        raise ConfigError(f"unknown key {sorted(unknown)[0]!r}: use [[term]] tables", where)
    tables = data.get("term", [])
    if not isinstance(tables, list):
        raise ConfigError("'term' must be an array of tables ([[term]])", where)
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[term]]"]
    entries: list[Term] = []
    seen: dict[tuple[str, str], tuple[str, int]] = {}  # (lang, source form) -> (target, line)
    for i, table in enumerate(tables):
        line = lines[i] if i < len(lines) else 0
        term = _parse_term(table, where, line)
        sources = term.forms.get(source_language, ())
        for lang, targets in term.forms.items():
            if lang == source_language:
                continue
            for s in sources:
                key = (lang, s.casefold())
                if key in seen and seen[key][0] != targets[0]:
                    raise ConfigError(
                        f"{source_language} term {s!r} has two {lang} translations "
                        f"({seen[key][0]!r} at line {seen[key][1]}, {targets[0]!r})",
                        where,
                        line,
                    )
                seen[key] = (targets[0], line)
        entries.append(term)
    return Glossary(source_language, entries, path)


def _parse_term(table: object, where: Path | str, line: int) -> Term:
    if not isinstance(table, dict):
        raise ConfigError("each [[term]] must be a table", where, line)
    note = table.get("note", "")
    if not isinstance(note, str):
        raise ConfigError("note must be a string", where, line)
    forms: dict[str, tuple[str, ...]] = {}
    for key, value in table.items():
        if key == "note":
            continue
        if not _LANG_KEY.match(key):
            raise ConfigError(f"{key!r} is not a language code", where, line)
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not values:
            raise ConfigError(f"{key} must be a string or a non-empty list of strings", where, line)
        cleaned = []
        for v in values:
            if not isinstance(v, str) or not v.strip():
                raise ConfigError(f"{key}: terms must be non-empty strings", where, line)
            if v != v.strip() or _BAD_CHARS.search(v):
                raise ConfigError(
                    f"{key}: {v!r} has surrounding spaces or control characters", where, line
                )
            cleaned.append(v)
        forms[key] = tuple(cleaned)
    return Term(forms, note, line)
