"""What the app's workers post back. Workers compute and post; only the app's
own thread changes state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from transkit.catalog import Catalog, Entry
from transkit.tui.session import ReviewSession
from transkit.tui.store import PoFile, SaveResult, Stamp


@dataclass
class RestLoaded(Message):
    """The whole of a file whose head was read first."""

    lang: str
    catalog: Catalog


class BackgroundDone(Message):
    """The background reading is over (successful or not)."""


@dataclass
class LanguageLoaded(Message):
    file: PoFile
    session: ReviewSession


@dataclass
class LoadFailed(Message):
    what: str  # a language code, "glossary" or "memory"
    error: str


@dataclass
class GlossaryLoaded(Message):
    glossary: Any  # transkit.glossary.Glossary


@dataclass
class MemoryReady(Message):
    lang: str
    memory: Any  # transkit.memory.TranslationMemory


@dataclass
class SuggestionsReady(Message):
    lang: str
    entry_id: str
    source: str
    suggestions: list[Any]  # transkit.memory.Suggestion


@dataclass
class Saved(Message):
    lang: str
    result: SaveResult


@dataclass
class SaveFailed(Message):
    lang: str
    pending: dict[str, Entry]
    error: str
    stamp: Stamp | None = None  # the unreadable file's stamp, when re-reading failed


@dataclass
class Reloaded(Message):
    """Another program changed a file we had no pending edits for."""

    lang: str
    catalog: Catalog
    stamp: Stamp | None
