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
from transkit.languages import check_language, deepl_code

CONFIG_NAME = "transkit.toml"
DOC_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
PUBLISH_LEVELS = ("approved", "translated")


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


def load_config(root: Path) -> Config:
    path = root / CONFIG_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("no such file", path) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"not valid TOML: {exc}", path) from None
    project = data.get("project", {})
    source = check_language(str(project.get("source-language", "en")), str(path))
    languages: dict[str, LanguageConfig] = {}
    for code, table in data.get("languages", {}).items():
        check_language(code, str(path))
        if not isinstance(table, dict):
            raise ConfigError(f"[languages.{code}] must be a table", path)
        publish = str(table.get("publish", "approved"))
        if publish not in PUBLISH_LEVELS:
            raise ConfigError(f"[languages.{code}] publish must be one of {PUBLISH_LEVELS}", path)
        languages[code] = LanguageConfig(
            code=code,
            deepl=str(table.get("deepl", deepl_code(code))),
            formality=str(table.get("formality", "default")),
            publish=publish,
            settings=table,
        )
    if source in languages:
        raise ConfigError(f"the source language {source!r} is also listed as a target", path)
    sources = {}
    for name, table in data.get("documents", {}).items():
        check_doc_name(name)
        if isinstance(table, dict) and "source" in table:
            sources[name] = str(table["source"])
    return Config(root, str(project.get("name", root.name)), source, languages, sources, data)


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
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def record_source(config: Config, name: str, source: str) -> str:
    """The config text with ``[documents.NAME] source = …`` set."""
    text = config.path.read_text(encoding="utf-8")
    header = f"[documents.{name}]"
    line = f"source = {_toml_str(source)}"
    if header not in text:
        return text.rstrip("\n") + f"\n\n{header}\n{line}\n"
    before, _, after = text.partition(header)
    body, sep, rest = after.partition("\n[")
    body = re.sub(r"(?m)^source\s*=.*$", line, body) if "source" in body else body + line + "\n"
    return before + header + body + sep + rest
