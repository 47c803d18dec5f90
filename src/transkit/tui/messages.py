"""What the app's workers post back. Workers compute and post; only the app's
own thread changes state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from transkit.catalog import Catalog
from transkit.glossary import Glossary
from transkit.store import Saved as StoreSaved
from transkit.store import Version
from transkit.tui.session import ReviewSession
from transkit.tui.store import PoFile

if TYPE_CHECKING:  # rapidfuzz: imported by the worker, not before the first paint
    from transkit.memory import Suggestion, TranslationMemory


@dataclass
class RestLoaded(Message):
    """The whole of a file whose head was read first."""

    lang: str
    version: Version


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
    glossary: Glossary


@dataclass
class MemoryReady(Message):
    lang: str
    memory: TranslationMemory


@dataclass
class SuggestionsReady(Message):
    lang: str
    entry_id: str
    source: str
    suggestions: list[Suggestion]
    learned: int = 0  # the memory's `learned` count they were found with


@dataclass
class Saved(Message):
    """A save (or a re-read) is done: `saved.version` is the file now, `ours`
    what the save started from."""

    lang: str
    saved: StoreSaved
    ours: Catalog


@dataclass
class SaveFailed(Message):
    lang: str
    ours: Catalog
    error: str
