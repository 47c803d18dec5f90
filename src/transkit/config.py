"""The project file, ``transkit.toml``: one schema, checked in one place.

Every command finds the project root by walking up from the current folder
to the first ``transkit.toml``, like git does with ``.git``. `load_config`
reads it and `parse_config` turns it into frozen, typed settings — the
`Config`'s ``project``, ``languages``, ``documents``, ``draft``, ``check`` and
``review`` — so no command reads the raw TOML, and a setting means the same
thing to every command.

`SCHEMA` declares every setting once: its key, its type and allowed values,
its default and what it does. The README's Configuration table is made from
it (``python3 tools/config_reference.py --write``; a test keeps them equal).
A mistake anywhere in the file is one `ConfigError`, the first in file order,
naming the file, the line and the setting: an unknown key (with the nearest
known one), a wrong type (with the type wanted), a value outside its allowed
set (with the set). Nothing here does I/O but reading the file.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from transkit.errors import ConfigError
from transkit.fsutil import MAX_CONFIG_BYTES, read_input
from transkit.languages import check_language, deepl_code

CONFIG_NAME = "transkit.toml"
DOC_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
PUBLISH_LEVELS = ("approved", "translated")
FORMALITIES = ("default", "more", "less", "prefer_more", "prefer_less")
MODEL_TYPES = ("quality_optimized", "latency_optimized", "prefer_quality_optimized")
_TOML_CONTROL = re.compile("[\x00-\x1f\x7f]")
_DEEPL_CODE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]+)*$")


# -- the typed settings --------------------------------------------------------------


@dataclass(frozen=True)
class ProjectSettings:
    name: str
    source_language: str


@dataclass(frozen=True)
class LanguageSettings:
    """One target language: ``[languages.CODE]``."""

    code: str
    deepl: str
    formality: str
    publish: str  # the least status a segment needs to be exported
    translator: str | None = None  # Last-Translator; None: git's user.name <user.email>


@dataclass(frozen=True)
class DocumentSettings:
    name: str
    source: str | None  # the file it was imported from, relative to the root


@dataclass(frozen=True)
class DraftSettings:
    model_type: str | None  # None: DeepL's own default
    network_retries: int
    timeout: float
    use_memory: bool
    glossary_name: str


@dataclass(frozen=True)
class CheckSettings:
    min_approved: Mapping[str, float]  # language -> percent
    min_translated: Mapping[str, float]
    disable: frozenset[str]
    severity: Mapping[str, str]  # check id -> "error" or "warning"
    strict: bool


@dataclass(frozen=True)
class ReviewSettings:
    keys: Mapping[str, str]  # action id -> Textual keys, comma-separated


@dataclass(frozen=True)
class Config:
    root: Path
    project: ProjectSettings
    languages: Mapping[str, LanguageSettings]  # target languages, in file order
    documents: Mapping[str, DocumentSettings]
    draft: DraftSettings
    check: CheckSettings
    review: ReviewSettings

    @property
    def path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def name(self) -> str:
        return self.project.name

    @property
    def source_language(self) -> str:
        return self.project.source_language

    @property
    def sources(self) -> dict[str, str]:
        """Document name -> its source file, for the documents that record one."""
        return {d.name: d.source for d in self.documents.values() if d.source is not None}

    @property
    def all_languages(self) -> list[str]:
        """The source language's edition first, then the targets."""
        return [self.source_language, *self.languages]


# -- kinds of value ----------------------------------------------------------------


class _Invalid(Exception):
    """A mistake at `keys`; `parse_config` adds the file and the line."""

    def __init__(self, message: str, keys: tuple[str, ...]):
        super().__init__(message)
        self.message = message
        self.keys = keys


class _At(NamedTuple):
    """Where a value is, as keys (to find its line) and as the user writes it."""

    keys: tuple[str, ...]
    label: str  # "[draft] timeout", "[check] severity.numbers"

    def sub(self, key: str) -> _At:
        return _At((*self.keys, key), f"{self.label}.{key}")

    def fail(self, message: str) -> _Invalid:
        return _Invalid(message, self.keys)


class Kind:
    """A setting's type: how errors (`wanted`) and the README (`shown`) name
    it, and `parse`, which checks a value and returns it typed."""

    wanted = "a string"  # completes "… must be"
    shown = "string"

    def parse(self, value: object, at: _At) -> Any:
        if not isinstance(value, str):
            raise self.wrong(value, at)
        return value

    def wrong(self, value: object, at: _At) -> _Invalid:
        return at.fail(f"{at.label} must be {self.wanted}, not {_type_name(value)}")


class Text(Kind):
    pass


class Choice(Kind):
    def __init__(self, values: tuple[str, ...]):
        self.values = values

    @property
    def shown(self) -> str:  # type: ignore[override]
        return ", ".join(f"`{v}`" for v in self.values)

    def parse(self, value: object, at: _At) -> str:
        text: str = super().parse(value, at)
        if text not in self.values:
            raise at.fail(f"{at.label} must be one of {', '.join(self.values)}, not {text!r}")
        return text


class Language(Kind):
    shown = "language code (`es`, `pt_BR`)"

    def parse(self, value: object, at: _At) -> str:
        return _language(super().parse(value, at), at)


class DeepLCode(Kind):
    shown = "DeepL target code (`ES`, `PT-BR`)"

    def parse(self, value: object, at: _At) -> str:
        code: str = super().parse(value, at)
        if code.upper() in ("PT", "EN"):
            raise at.fail(
                f"{at.label} = {code!r} is not a DeepL target: "
                "name the variant (PT-PT or PT-BR, EN-GB or EN-US)"
            )
        if not _DEEPL_CODE.match(code):
            raise at.fail(f"{at.label} must be a DeepL target code such as ES or PT-BR, "
                          f"not {code!r}")
        return code


class Flag(Kind):
    wanted = shown = "true or false"

    def parse(self, value: object, at: _At) -> bool:
        if not isinstance(value, bool):
            raise self.wrong(value, at)
        return value


class Count(Kind):
    wanted = "a whole number ≥ 0"
    shown = "whole number ≥ 0"

    def parse(self, value: object, at: _At) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.wrong(value, at)
        if value < 0:
            raise at.fail(f"{at.label} must be {self.wanted}, not {value}")
        return value


class Seconds(Kind):
    wanted = "a number of seconds > 0"
    shown = "seconds > 0"

    def parse(self, value: object, at: _At) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.wrong(value, at)
        if not (value > 0 and math.isfinite(value)):
            raise at.fail(f"{at.label} must be {self.wanted}, not {value}")
        return float(value)


class Percentages(Kind):
    """One percentage for every target, or a table of them by language; the
    languages are checked against the configured ones once all are read."""

    wanted = "a percentage or a table {es = 100}"
    shown = "percent (0–100), or `{LANG = percent}`"

    def parse(self, value: object, at: _At) -> float | dict[str, float]:
        if isinstance(value, dict):
            return {lang: self._percent(pct, at.sub(lang)) for lang, pct in value.items()}
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.wrong(value, at)
        return self._percent(value, at)

    @staticmethod
    def _percent(value: object, at: _At) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise at.fail(f"{at.label} must be a percentage, 0 to 100, not {_type_name(value)}")
        if not 0 <= value <= 100:
            raise at.fail(f"{at.label} must be a percentage, 0 to 100, not {value}")
        return float(value)


class CheckIds(Kind):
    wanted = "a list of check ids"
    shown = 'list of check ids (`["length"]`)'

    def parse(self, value: object, at: _At) -> frozenset[str]:
        if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
            raise self.wrong(value, at)
        return frozenset(_check_id(c, at) for c in value)


class Severities(Kind):
    wanted = 'a table {check = "error"}'

    @property
    def shown(self) -> str:  # type: ignore[override]
        return f"`{{CHECK = SEVERITY}}`: {Choice(_severities()).shown}"

    def parse(self, value: object, at: _At) -> Mapping[str, str]:
        if not isinstance(value, dict):
            raise self.wrong(value, at)
        levels = Choice(_severities())
        return MappingProxyType(
            {_check_id(c, at): levels.parse(level, at.sub(c)) for c, level in value.items()}
        )


class Person(Kind):
    """Who translates, as a PO header's Last-Translator names them."""

    wanted = 'a name and address on one line, e.g. "Ana Silva <ana@example.org>"'
    shown = "`Name <email>`"
    _FORM = re.compile(r"[^<>\x00-\x1f\x7f]*[^<>\s\x00-\x1f\x7f](?: <[^<>\s]+>)?")

    def parse(self, value: object, at: _At) -> str:
        text: str = super().parse(value, at)
        if not self._FORM.fullmatch(text):
            raise at.fail(f"{at.label} must be {self.wanted}, not {text!r}")
        return text


class Keys(Kind):
    wanted = 'a key or a list of keys, e.g. "ctrl+s"'
    shown = 'key or list of keys (`"ctrl+s"`)'

    def parse(self, value: object, at: _At) -> str:
        keys = [value] if isinstance(value, str) else value
        if (
            not isinstance(keys, list)
            or not keys
            or not all(isinstance(k, str) and k.strip() and "," not in k for k in keys)
        ):
            raise at.fail(f"{at.label} must be {self.wanted}")
        return ",".join(k.strip() for k in keys)


def _language(code: str, at: _At) -> str:
    try:
        return check_language(code)
    except ConfigError as exc:
        raise at.fail(exc.message) from None


def _check_id(check: str, at: _At) -> str:
    """A check that configuration may name. The check table is imported only
    when a config names checks, so start-up does not pay for it."""
    from transkit.checks.findings import ALWAYS_ON, CHECKS

    if check not in CHECKS:
        raise at.fail(_unknown("check", check, at.label, CHECKS, "see transkit check --list"))
    if check in ALWAYS_ON:
        raise at.fail(
            f"{at.label}: {check!r} reports a check that crashed and cannot be configured "
            "(disable the check that crashes instead)"
        )
    return check


def _severities() -> tuple[str, ...]:
    from transkit.checks.findings import SEVERITIES

    return SEVERITIES


def _key_actions() -> Collection[str]:
    """The review app's action ids (its key table has no Textual import)."""
    from transkit.review_keys import KEYS

    return [k.id for k in KEYS]


# -- the schema --------------------------------------------------------------------


class _Context(NamedTuple):
    """What a derived default may depend on."""

    root: Path
    project: str = ""  # the project's name
    name: str = ""  # the section's own name: a language code, a document name


class Derived(NamedTuple):
    """A default computed from other settings; `shown` says how, for the README."""

    shown: str
    compute: Callable[[_Context], Any]


class Field(NamedTuple):
    key: str  # as written in transkit.toml
    kind: Kind
    default: Any  # a value or a `Derived`
    doc: str  # one line: what it does
    shown_default: str | None = None  # how the README shows `default`, if not as TOML

    @property
    def attr(self) -> str:
        return self.key.replace("-", "_")

    def default_for(self, ctx: _Context) -> Any:
        return self.default.compute(ctx) if isinstance(self.default, Derived) else self.default


class Section(NamedTuple):
    """A table of settings. `tables` are its sub-tables; `each`, if set, is
    the kind of every key of a table whose keys are names (``[review.keys]``:
    action ids), the names `names` lists."""

    title: str  # as the user writes it: "draft", "languages.LANG"
    fields: tuple[Field, ...] = ()
    tables: Mapping[str, Section | Family] = MappingProxyType({})
    each: Field | None = None
    names: Callable[[], Collection[str]] | None = None
    noun: str = "key"  # what a key of this table is, in errors

    def setting(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)


class Family(NamedTuple):
    """A table of named sections: ``[languages.es]``, ``[documents.my-article]``."""

    section: Section
    check_name: Callable[[str, _At], str]


def _document_name(name: str, at: _At) -> str:
    try:
        return check_doc_name(name)
    except ConfigError as exc:
        raise at.fail(exc.message) from None


PROJECT = Section("project", (
    Field("name", Text(), Derived("the folder's name", lambda c: c.root.name),
          "the project's name (the default DeepL glossary name includes it)"),
    Field("source-language", Language(), "en", "the language the articles are written in"),
))
LANGUAGE = Section("languages.LANG", (
    Field("deepl", DeepLCode(), Derived("from LANG: `ES`, `PT-PT`, `NL`…",
                                        lambda c: deepl_code(c.name)),
          "the DeepL target code drafts are asked in"),
    Field("formality", Choice(FORMALITIES), "default", "the formality DeepL is asked for"),
    Field("publish", Choice(PUBLISH_LEVELS), "approved",
          "the least status every segment needs before export publishes the language"),
    Field("translator", Person(), None,
          "the `Last-Translator` a save that changes a translation writes, with "
          "`PO-Revision-Date`", "git's `user.name <user.email>`"),
))
DOCUMENT = Section("documents.NAME", (
    Field("source", Text(), None, "the file the document was imported from, relative to "
          "the project (import records it)", "none"),
))
DRAFT = Section("draft", (
    Field("model-type", Choice(MODEL_TYPES), None, "the DeepL model drafts are asked of",
          "DeepL's default"),
    Field("network-retries", Count(), 5, "times the DeepL client retries a failed request"),
    Field("timeout", Seconds(), 10.0,
          "seconds the DeepL client waits for an answer before it retries"),
    Field("use-memory", Flag(), True,
          "draft exact matches from the project's approved translations first (free)"),
    Field("glossary-name", Text(),
          Derived('`"transkit "` + the project\'s name', lambda c: f"transkit {c.project}"),
          "the name of the DeepL glossary `glossary.toml` is synced to"),
))
CHECK = Section("check", (
    Field("min-approved", Percentages(), None,
          "the share of segments that must be approved (a number: every target)", "none"),
    Field("min-translated", Percentages(), None,
          "the share that must be translated or approved", "none"),
    Field("disable", CheckIds(), frozenset(), "checks that do not run", "`[]`"),
    Field("severity", Severities(), MappingProxyType({}),
          "a check's severity instead of its own (`transkit check --list`)", "`{}`"),
    Field("strict", Flag(), False, "warnings count as errors, as with `--strict`"),
))
REVIEW_KEYS = Section(
    "review.keys",
    each=Field("ACTION", Keys(), None, "the keys that run ACTION in the review app, instead "
               "of its own (F1 lists the actions and their keys)", "its own"),
    names=_key_actions,
    noun="action",
)
REVIEW = Section("review", tables=MappingProxyType({"keys": REVIEW_KEYS}))
TOP = Section("", tables=MappingProxyType({
    "project": PROJECT,
    "languages": Family(LANGUAGE, _language),
    "documents": Family(DOCUMENT, _document_name),
    "draft": DRAFT,
    "check": CHECK,
    "review": REVIEW,
}))
#: Every section, in the order of the README's table.
SCHEMA: tuple[Section, ...] = (PROJECT, LANGUAGE, DOCUMENT, DRAFT, CHECK, REVIEW_KEYS)


# -- reading -----------------------------------------------------------------------


def name_from(path: Path, fallback: str) -> str:
    """A name for what `path` holds (a document, a memory): its file name as a
    slug, ``A_safety.md`` → ``a-safety``; `fallback` when nothing is left."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return slug[:80] or fallback


def check_doc_name(name: str) -> str:
    if not DOC_NAME_RE.match(name):
        raise ConfigError(
            f"bad document name {name!r}: use lower-case letters, digits, '-', '_' or '.'"
        )
    return name


def find_root(start: Path) -> Path:
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise ConfigError(f"no {CONFIG_NAME} here or in any parent folder (run 'transkit init')", start)


def read_config_text(path: Path) -> str:
    """transkit.toml's text: a regular file of sane size, UTF-8."""
    data = read_input(path, limit=MAX_CONFIG_BYTES, what="config file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError("not UTF-8 text", path, data[: exc.start].count(b"\n") + 1) from None


def load_config(root: Path) -> Config:
    path = root / CONFIG_NAME
    return parse_config(read_config_text(path), root, path)


def parse_config(text: str, root: Path, path: Path | str | None = None) -> Config:
    """The settings in `text` (transkit.toml's), or the ConfigError of its first
    mistake in file order, naming `path` and the line."""
    where = path if path is not None else root / CONFIG_NAME
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", where) from None
    try:
        return _build(_read(TOP, data, ()), root)
    except _Invalid as bad:
        raise ConfigError(bad.message, where, _line_of(text, bad.keys)) from None


def _read(section: Section, table: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """`table`'s values, checked in file order against `section`."""
    values: dict[str, Any] = {}
    title = ".".join(path)
    for key, value in table.items():
        keys = (*path, key)
        at = _At(keys, f"[{title}] {key}")
        if (spec := section.setting(key)) is not None:
            values[key] = spec.kind.parse(value, at)
        elif (sub := section.tables.get(key)) is not None:
            _must_be_table(value, keys)
            if isinstance(sub, Family):
                values[key] = {}
                for name, entry in value.items():
                    named = (*keys, name)
                    sub.check_name(name, _At(named, f"[{'.'.join(named)}]"))
                    values[key][name] = _read(sub.section, _must_be_table(entry, named), named)
            else:
                values[key] = _read(sub, value, keys)
        elif section.each is not None and section.names is not None:
            known = section.names()
            if key not in known:
                raise at.fail(_unknown(section.noun, key, f"[{title}]", known))
            values[key] = section.each.kind.parse(value, at)
        elif path:
            known = [f.key for f in section.fields] + list(section.tables)
            raise at.fail(_unknown("key", key, f"[{title}]", known))
        else:
            raise at.fail(_unknown("section", key, "", list(section.tables)))
    return values


def _must_be_table(value: object, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        dotted = ".".join(keys)
        raise _Invalid(f"{dotted} must be a table ([{dotted}]), not {_type_name(value)}", keys)
    return value


def _unknown(noun: str, name: str, where: str, known: Collection[str], see: str = "") -> str:
    """``unknown key 'modle-type' in [draft]; did you mean 'model-type'?``"""
    import difflib  # only when there is a mistake to name

    message = f"unknown {noun} {name!r}" + (f" in {where}" if where else "")
    near = difflib.get_close_matches(name, list(known), n=1)
    if near:
        return f"{message}; did you mean {near[0]!r}?"
    return f"{message} ({see or 'known: ' + ', '.join(known)})"


def _build(values: dict[str, Any], root: Path) -> Config:
    """The typed settings: defaults filled in, cross-references checked."""
    project = ProjectSettings(**_with_defaults(PROJECT, values.get("project", {}), _Context(root)))
    ctx = _Context(root, project.name)
    languages = {
        code: LanguageSettings(code=code, **_with_defaults(
            LANGUAGE, table, _Context(root, project.name, code)))
        for code, table in values.get("languages", {}).items()
    }
    if project.source_language in languages:
        raise _Invalid(
            f"the source language {project.source_language!r} is also listed as a target",
            ("languages", project.source_language),
        )
    documents = {
        name: DocumentSettings(name=name, **_with_defaults(DOCUMENT, table, ctx))
        for name, table in values.get("documents", {}).items()
    }
    draft = DraftSettings(**_with_defaults(DRAFT, values.get("draft", {}), ctx))
    check = _with_defaults(CHECK, values.get("check", {}), ctx)
    for key in ("min-approved", "min-translated"):
        attr = key.replace("-", "_")
        check[attr] = _thresholds(check[attr], key, list(languages), project.source_language)
    return Config(
        root,
        project,
        MappingProxyType(languages),
        MappingProxyType(documents),
        draft,
        CheckSettings(**check),
        ReviewSettings(MappingProxyType(values.get("review", {}).get("keys", {}))),
    )


def _with_defaults(section: Section, values: dict[str, Any], ctx: _Context) -> dict[str, Any]:
    return {
        f.attr: values[f.key] if f.key in values else f.default_for(ctx) for f in section.fields
    }


def _thresholds(
    value: float | dict[str, float] | None, key: str, targets: list[str], source: str
) -> Mapping[str, float]:
    """Percent by language: a single number applies to every target."""
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, dict):
        return MappingProxyType(dict.fromkeys(targets, value))
    for lang in value:
        if lang not in targets and lang != source:
            raise _Invalid(f"[check] {key}: language {lang!r} is not configured",
                           ("check", key, lang))
    return MappingProxyType(value)


# -- where a key is written ----------------------------------------------------------

# Patterns, not compiled: only a mistake needs them (`re` caches them then).
_KEY_PART = r"""\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*"""
_HEADER = r"^\[\[?(.*?)\]\]?\s*(?:#.*)?$"


def _line_of(text: str, keys: tuple[str, ...]) -> int | None:
    """The line where `keys` is written: the key's own line, else the nearest
    enclosing one (the inline table or section holding it). A plain scan of
    the lines (tomllib keeps none), enough for keys and table headers."""
    table: tuple[str, ...] = ()
    best, best_len = None, 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = re.match(_HEADER, line)
        if header:
            table = _dotted(header.group(1)) or ()
            written = table
        elif "=" in line:
            written = (*table, *(_dotted(line.split("=", 1)[0]) or ("",)))
        else:
            continue
        if written == keys:
            return number
        if len(written) > best_len and keys[: len(written)] == written:
            best, best_len = number, len(written)
    return best


def _dotted(text: str) -> tuple[str, ...] | None:
    """``a."b.c".d`` -> ("a", "b.c", "d"); None if it is not a TOML key."""
    parts: list[str] = []
    pos = 0
    while True:
        m = re.compile(_KEY_PART).match(text, pos)
        if not m or m.end() == pos:
            return None
        parts.append(next(g for g in m.groups() if g is not None))
        pos = m.end()
        if pos == len(text):
            return tuple(parts)
        if text[pos] != ".":
            return None
        pos += 1


_TOML_TYPES = {
    dict: "a table",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
}


def _type_name(value: object) -> str:
    for kind, name in _TOML_TYPES.items():  # bool before int: True is an int too
        if isinstance(value, kind):
            return name
    return "a date or time"


# -- the README's table ------------------------------------------------------------


def reference_table() -> str:
    """The README's Configuration table: every setting, its values, default
    and meaning, straight from `SCHEMA`."""
    rows = ["| setting | value | default | what it does |", "|---|---|---|---|"]
    for section in SCHEMA:
        for spec in (*section.fields, *((section.each,) if section.each else ())):
            rows.append(
                f"| `[{section.title}] {spec.key}` | {spec.kind.shown} "
                f"| {_shown_default(spec)} | {spec.doc} |"
            )
    return "\n".join(rows) + "\n"


def _shown_default(spec: Field) -> str:
    if spec.shown_default is not None:
        return spec.shown_default
    if isinstance(spec.default, Derived):
        return spec.default.shown
    value = spec.default
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return f'`"{value}"`'
    return f"`{value}`"


# -- writing -----------------------------------------------------------------------


def default_config_text(name: str, source: str, targets: list[str]) -> str:
    lines = [
        "# transkit project: languages and documents.",
        "[project]",
        f"name = {_toml_str(name)}",
        f"source-language = {_toml_str(source)}",
        "",
    ]
    for code in targets:
        lines += [
            f"[languages.{code}]",
            f"deepl = {_toml_str(deepl_code(code))}  # DeepL target code",
            'formality = "default"',
            'publish = "approved"  # or "translated": what export requires',
            "",
        ]
    return "\n".join(lines)


def _toml_str(value: str) -> str:
    """A TOML basic string; control characters escaped (TOML forbids them raw)."""
    body = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _TOML_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", body) + '"'


def record_source(config: Config, name: str, source: str) -> str:
    """The config text with ``[documents.NAME] source = …`` set."""
    text = read_config_text(config.path)
    header = f"[documents.{name}]"
    line = f"source = {_toml_str(source)}"
    if header not in text:
        return text.rstrip("\n") + f"\n\n{header}\n{line}\n"
    before, _, after = text.partition(header)
    body, sep, rest = after.partition("\n[")
    body = re.sub(r"(?m)^source\s*=.*$", line, body) if "source" in body else body + line + "\n"
    return before + header + body + sep + rest
