"""The project file, ``transkit.toml``: languages and documents.

Every command finds the project root by walking up from the current folder
to the first ``transkit.toml``, like git does with ``.git``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from transkit.errors import ConfigError
from transkit.fsutil import MAX_CONFIG_BYTES, read_input
from transkit.languages import check_language, deepl_code

CONFIG_NAME = "transkit.toml"
DOC_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
PUBLISH_LEVELS = ("approved", "translated")
_TOML_CONTROL = re.compile("[\x00-\x1f\x7f]")


@dataclass
class LanguageConfig:
    code: str
    deepl: str
    formality: str = "default"
    publish: str = "approved"  # the least status a segment needs to be exported
    settings: dict[str, Any] = field(default_factory=dict)  # the whole table


@dataclass
class Config:
    root: Path
    name: str
    source_language: str
    languages: dict[str, LanguageConfig]  # target languages, in file order
    sources: dict[str, str]  # document name -> source file, relative to root
    data: dict[str, Any]  # the whole file, for the sections other commands own

    @property
    def path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def all_languages(self) -> list[str]:
        """The source language's edition first, then the targets."""
        return [self.source_language, *self.languages]


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


#: The type each setting must have, by key path ("*": any key at that level).
#: Sections read by other modules are listed as tables only; those modules
#: check their contents (`DraftSettings`, `checks.Policy`, `tui.keys`).
SCHEMA: dict[tuple[str, ...], type] = {
    ("project",): dict,
    ("project", "name"): str,
    ("project", "source-language"): str,
    ("languages",): dict,
    ("languages", "*"): dict,
    ("languages", "*", "deepl"): str,
    ("languages", "*", "formality"): str,
    ("languages", "*", "publish"): str,
    ("documents",): dict,
    ("documents", "*"): dict,
    ("documents", "*", "source"): str,
    ("draft",): dict,
    ("check",): dict,
    ("review",): dict,
}
_WANTED = {str: "a string"}
_TOML_TYPES = {
    dict: "a table",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
}


def check_types(data: dict[str, Any], path: Path, prefix: tuple[str, ...] = ()) -> None:
    """Raise a ConfigError naming the first setting (in file order) whose value
    has the wrong type, and the type wanted: ``[languages.es] formality must be
    a string, not an integer``. Keys the schema does not know are left alone."""
    for key, value in data.items():
        keys = (*prefix, key)
        wanted = _wanted(keys)
        if wanted is None:
            continue
        if not isinstance(value, wanted):
            raise ConfigError(f"{_setting(keys, wanted)}, not {_type_name(value)}", path)
        if wanted is dict:
            check_types(value, path, keys)


def _wanted(keys: tuple[str, ...]) -> type | None:
    for pattern, kind in SCHEMA.items():
        if len(pattern) != len(keys):
            continue
        if all(p in ("*", k) for p, k in zip(pattern, keys, strict=True)):
            return kind
    return None


def _setting(keys: tuple[str, ...], wanted: type) -> str:
    """What must be what, as the user writes it: ``languages must be a table
    ([languages])``, ``[languages.es] formality must be a string``."""
    if wanted is dict:
        dotted = ".".join(keys)
        return f"{dotted} must be a table ([{dotted}])"
    where = f"[{'.'.join(keys[:-1])}] {keys[-1]}" if len(keys) > 1 else keys[0]
    return f"{where} must be {_WANTED[wanted]}"


def _type_name(value: object) -> str:
    for kind, name in _TOML_TYPES.items():  # bool before int: True is an int too
        if isinstance(value, kind):
            return name
    return "a date or time"


def read_config_text(path: Path) -> str:
    """transkit.toml's text: a regular file of sane size, UTF-8."""
    data = read_input(path, limit=MAX_CONFIG_BYTES, what="config file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError("not UTF-8 text", path, data[: exc.start].count(b"\n") + 1) from None


def load_config(root: Path) -> Config:
    path = root / CONFIG_NAME
    try:
        data = tomllib.loads(read_config_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path) from None
    check_types(data, path)
    project = data.get("project", {})
    source = check_language(project.get("source-language", "en"), str(path))
    languages: dict[str, LanguageConfig] = {}
    for code, table in data.get("languages", {}).items():
        check_language(code, str(path))
        publish = table.get("publish", "approved")
        if publish not in PUBLISH_LEVELS:
            raise ConfigError(f"[languages.{code}] publish must be one of {PUBLISH_LEVELS}", path)
        languages[code] = LanguageConfig(
            code=code,
            deepl=table.get("deepl", deepl_code(code)),
            formality=table.get("formality", "default"),
            publish=publish,
            settings=table,
        )
    if source in languages:
        raise ConfigError(f"the source language {source!r} is also listed as a target", path)
    sources = {}
    for name, table in data.get("documents", {}).items():
        check_doc_name(name)
        if "source" in table:
            sources[name] = table["source"]
    return Config(root, project.get("name", root.name), source, languages, sources, data)


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
