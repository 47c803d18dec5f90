"""A project on disk: where each document's template and translations live.

``segments/NAME.pot`` is the template; ``locales/LANG/NAME.po`` holds one
language, the source language's edition included. This is the only module
that maps names to paths; reading and writing go through `transkit.po`.
"""

from __future__ import annotations

import os
import sys
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from transkit.catalog import Catalog
from transkit.config import Config, check_doc_name, find_root, load_config
from transkit.errors import ConfigError, TranskitError
from transkit.fsutil import MAX_CONFIG_BYTES, locked, read_input, state_dir
from transkit.glossary import GLOSSARY_NAME, Glossary, parse_glossary
from transkit.languages import english_name, plural_forms
from transkit.po import read_catalog, write_catalog

TEMPLATES = "segments"
LOCALES = "locales"


@dataclass
class Project:
    config: Config

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        return cls(load_config(find_root(start or Path.cwd())))

    @property
    def root(self) -> Path:
        return self.config.root

    def template_path(self, doc: str) -> Path:
        return self.root / TEMPLATES / f"{check_doc_name(doc)}.pot"

    def po_path(self, doc: str, language: str) -> Path:
        if language not in self.config.all_languages:
            raise ConfigError(f"language {language!r} is not configured in {self.config.path.name}")
        return self.root / LOCALES / language / f"{check_doc_name(doc)}.po"

    def documents(self) -> list[str]:
        folder = self.root / TEMPLATES
        return sorted(p.stem for p in folder.glob("*.pot")) if folder.is_dir() else []

    def unsaved_files(self) -> list[Path]:
        """Copies a review left beside files it could not save (``NAME.po.unsaved``):
        edits that are nowhere else until someone takes them in."""
        folder = self.root / LOCALES
        return sorted(folder.glob("*/*.po.unsaved")) if folder.is_dir() else []

    def resolve_documents(self, name: str | None) -> list[str]:
        """`name`, checked, or every document of the project."""
        docs = self.documents()
        if name is None:
            return docs
        if name not in docs:
            known = ", ".join(docs) or "none yet"
            raise TranskitError(f"no document {name!r} (documents: {known})")
        return [name]

    def resolve_languages(self, spec: str | None, *, targets_only: bool = False) -> list[str]:
        """``es,pt`` or ``all``/None → checked language codes."""
        every = list(self.config.languages) if targets_only else self.config.all_languages
        if spec in (None, "", "all"):
            return every
        wanted = [s.strip() for s in spec.split(",") if s.strip()]
        for code in wanted:
            if code not in every:
                raise ConfigError(
                    f"language {code!r} is not configured (configured: {', '.join(every)})",
                    self.config.path,
                )
        return wanted

    def load_template(self, doc: str, *, fast: bool = False) -> Catalog:
        return read_catalog(self.template_path(doc), fast=fast)

    def load_translation(self, doc: str, language: str, *, fast: bool = False) -> Catalog:
        """`fast` skips polib (see `transkit.po.read_catalog`): same result."""
        return read_catalog(self.po_path(doc, language), fast=fast)

    def save_template(self, doc: str, catalog: Catalog) -> None:
        write_catalog(self.template_path(doc), catalog)

    def save_translation(self, doc: str, language: str, catalog: Catalog) -> None:
        write_catalog(self.po_path(doc, language), catalog)

    def writing(self, doc: str, language: str) -> AbstractContextManager[None]:
        """Take turns with other transkit processes that write this translation:
        hold it around "check the file is as read, then write" (`fsutil.locked`)."""
        name = f"{check_doc_name(doc)}.{language}.lock"
        return locked(state_dir(self.root) / "locks" / name)

    def drafting(self, language: str) -> AbstractContextManager[None]:
        """One ``transkit draft`` per language at a time: a second run waits for
        the first, then finds its drafts in the files, and bills nothing twice."""

        def waiting() -> None:
            print(f"waiting for another 'transkit draft' of {language} to finish…",
                  file=sys.stderr, flush=True)

        return locked(state_dir(self.root) / "locks" / f"draft.{language}.lock", waiting)

    def po_header(self, doc: str, language: str, template: Catalog) -> dict[str, str]:
        created = template.header.get("POT-Creation-Date", "")
        return {
            "Project-Id-Version": doc,
            "POT-Creation-Date": created,
            "PO-Revision-Date": created,
            "Last-Translator": "transkit",
            "Language-Team": english_name(language),
            "Language": language,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": plural_forms(language),
            "X-Generator": "transkit",
        }


def load_glossary(project_root: Path | str, source_language: str | None = None) -> Glossary:
    """Read ``glossary.toml`` (an empty Glossary if there is none).

    The source language defaults to the project's (``[project] source-language``
    in transkit.toml). Raises ConfigError naming the file and term line for
    anything the DeepL glossary API would also refuse.
    """
    root = Path(project_root)
    path = root / GLOSSARY_NAME
    if source_language is None:
        source_language = _source_language(root)
    if not os.path.lexists(path):
        return Glossary(source_language, [], None)
    data = read_input(path, limit=MAX_CONFIG_BYTES, what="glossary")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError("not UTF-8 text", path, data[: exc.start].count(b"\n") + 1) from None
    return parse_glossary(text, source_language, path)


def _source_language(root: Path) -> str:
    """``[project] source-language``; English where the config cannot be read
    (the command that found the project has reported that already)."""
    try:
        return load_config(root).source_language
    except (TranskitError, OSError):
        return "en"
