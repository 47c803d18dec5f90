"""Reading in the background: the rest of a long file, the glossary, the other
languages and the translation memory, after the first paint.

Workers (threads) only read and post what they read; the handlers take it
into the app's state on the app's own thread. A part of `ReviewApp` (see
base.py).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from transkit.catalog import Catalog
from transkit.errors import TranskitError
from transkit.po import format_catalog
from transkit.project import load_glossary
from transkit.status import Status, status_of
from transkit.tui.base import AppBase
from transkit.tui.messages import (
    BackgroundDone,
    GlossaryLoaded,
    LanguageLoaded,
    LoadFailed,
    MemoryReady,
    RestLoaded,
    SuggestionsReady,
)
from transkit.tui.safe import shown
from transkit.tui.session import FILTERS, Change, ReviewSession
from transkit.tui.store import PoFile

if TYPE_CHECKING:  # rapidfuzz: imported by the worker, not before the first paint
    from transkit.memory import Suggestion, TranslationMemory

#: Translation-memory suggestions shown for a segment.
SUGGESTIONS = 5
#: Segments whose suggestions are kept (each approval revises them all).
KEPT_SUGGESTIONS = 256
#: What the memory learned last, kept to revise suggestions found meanwhile.
KEPT_NEWS = 32


class Loading(AppBase):
    """What the app reads after its first paint, and what it does with it."""

    def _start_background(self) -> None:
        self._work(self._background, "background", "read the rest, other languages, memory")
        if self.watch_interval:
            self.set_interval(self.watch_interval, self.watch_files)

    def _background(self) -> None:  # worker
        try:
            self._read_everything()
        finally:
            self.post_message(BackgroundDone())

    def _read_everything(self) -> None:  # worker: one after the other, least wait first
        lang, first = self.lang, self.files[self.lang]
        whole = first.catalog
        if first.partial:
            try:
                version = first.read_rest()
            except TranskitError as exc:
                self.post_message(LoadFailed(lang, str(exc)))
                return
            whole = version.catalog
            self.post_message(RestLoaded(lang, version))
        self._read_memory(lang, whole)  # before the other languages: its pane waits for it
        try:
            self.post_message(GlossaryLoaded(load_glossary(self.project.root)))
        except TranskitError as exc:
            self.post_message(LoadFailed("glossary", str(exc)))
        for code in self.languages:
            if code != lang:
                self._read_language(code)
        format_catalog(whole)  # later saves then format only what changed

    def _read_language(self, code: str) -> None:  # worker
        try:
            file = PoFile.load(self.store, self.doc, code)
        except TranskitError as exc:
            self.post_message(LoadFailed(code, str(exc)))
            return
        self.post_message(LanguageLoaded(file, ReviewSession(file.catalog)))

    def _read_memory(self, code: str, catalog: Catalog | None = None) -> None:  # worker
        # rapidfuzz: not before the first paint
        from transkit.memory import TranslationMemory, external_units

        pairs = []
        for doc in self.project.documents():
            if doc == self.doc and catalog is not None:
                pairs.append((doc, catalog))
            elif self.project.po_path(doc, code).exists():
                try:  # another document's broken file leaves it out, nothing else
                    pairs.append((doc, self.store.read(doc, code).catalog))
                except TranskitError as exc:
                    self.post_message(LoadFailed(f"memory ({code})", str(exc)))
        external, problems = external_units(
            self.project.root, self.project.config.source_language, code
        )
        for problem in problems:  # an unreadable imported memory leaves it out, nothing else
            self.post_message(LoadFailed(f"memory ({code})", problem))
        self.post_message(MemoryReady(code, TranslationMemory.from_catalogs(pairs, external)))

    def _suggest(self, memory: TranslationMemory, code: str, entry_id: str,
                 source: str) -> None:  # worker
        learned = memory.learned  # read before the search: never newer than what it saw
        found = memory.suggest(source, limit=SUGGESTIONS, exclude_id=f"{self.doc}:{entry_id}")
        if not get_current_worker().is_cancelled:
            self.post_message(SuggestionsReady(code, entry_id, source, list(found), learned))

    def look_ahead(self) -> None:
        """Find the suggestions of the current segment, and of where the
        reviewer goes next (the next row, the next unfinished segment) before
        they go: the Memory pane is then drawn with the rest, not a frame later
        after a moment of "looking…". One worker at a time: a new one (the
        reviewer moved on) replaces the last, unless it was finding these."""
        memory = self.memories.get(self.lang)
        session = self.session
        if memory is None or not session.rows:
            return
        unfinished = FILTERS["unfinished"]
        rows = [session.row, session.row + 1,
                session.find(lambda i: session.statuses[i] in unfinished)]
        wanted: dict[str, str] = {}
        for row in rows:
            if row is not None and 0 <= row < len(session.rows):
                entry = session.entry(session.rows[row])
                if (self.lang, entry.id, entry.source) not in self.suggestions:
                    wanted.setdefault(entry.id, entry.source)
        seeking = {(self.lang, entry_id, source) for entry_id, source in wanted.items()}
        if seeking <= self._seeking:
            return
        self._seeking = seeking
        self._work(partial(self._suggest_all, memory, self.lang, wanted), "suggest",
                   f"suggestions for {', '.join(wanted)}", exclusive=True)

    def _suggest_all(self, memory: TranslationMemory, code: str,
                     wanted: dict[str, str]) -> None:  # worker
        for entry_id, source in wanted.items():
            if get_current_worker().is_cancelled:
                return
            self._suggest(memory, code, entry_id, source)

    def on_background_done(self, _: BackgroundDone) -> None:
        self.background_done = True
        if self._loading:  # the reading stopped early (the current file is broken)
            self._loading.clear()
            self.show_languages()
        self._freeze()

    def on_rest_loaded(self, message: RestLoaded) -> None:
        file = self.files[message.lang]
        head, file.head, file.rest = file.head, None, None
        file.version = message.version  # only now may the whole file be written
        self.adopt(file, message.version.catalog, since=head)
        if file.lang == self.lang:
            self.show_header()  # no longer "reading the rest…"
        self.save(file.lang)

    def on_language_loaded(self, message: LanguageLoaded) -> None:
        code = message.file.lang
        self._loading.discard(code)
        if code not in self.files:
            self.files[code] = message.file
            self.sessions[code] = message.session
            self.show_languages()

    def on_load_failed(self, message: LoadFailed) -> None:
        self._loading.discard(message.what)
        self.notify(shown(message.error), title=f"Could not read {message.what}",
                    severity="error" if message.what == self.lang else "warning",
                    timeout=30, markup=False)
        if message.what in self.languages:
            self.show_languages()

    def on_glossary_loaded(self, message: GlossaryLoaded) -> None:
        self.glossary = message.glossary
        self.matchers.clear()
        self.show_source()
        self.show_checks()

    def on_memory_ready(self, message: MemoryReady) -> None:
        memory = message.memory
        # What changed while it was being built (it was built from the files).
        for entry_id, (source, target, approved) in self._taught.get(message.lang, {}).items():
            memory.learn(self.doc, entry_id, source, target, approved)
        self.memories[message.lang] = memory
        if message.lang == self.lang:
            self.show_suggestions()

    def remember(self, change: Change, lang: str) -> None:
        """An approval is a unit of memory at once; one undone or sent back is
        no longer one. Suggestions already found for the language are found again."""
        after = change.after
        learned = (after.source, after.target, status_of(after) is Status.APPROVED)
        self._taught.setdefault(lang, {})[after.id] = learned  # for a memory still being built
        memory = self.memories.get(lang)
        news = memory.learn(self.doc, after.id, *learned) if memory is not None else None
        if memory is None or news is None:
            return
        kept_news = self._news.setdefault(lang, [])
        kept_news.append((memory.learned, news))  # for suggestions found meanwhile
        del kept_news[:-KEPT_NEWS]
        kept: dict[tuple[str, str, str], list[Suggestion]] = {}
        for key, found in self.suggestions.items():  # revised, not searched again
            code, entry_id, source = key
            revised = found if code != lang else news.revise(
                found, source, limit=SUGGESTIONS, exclude_id=f"{self.doc}:{entry_id}")
            if revised is not None:
                kept[key] = revised
        self.suggestions = kept

    def on_suggestions_ready(self, message: SuggestionsReady) -> None:
        key = (message.lang, message.entry_id, message.source)
        self._seeking.discard(key)
        found: list[Suggestion] | None = message.suggestions
        memory = self.memories.get(message.lang)
        if memory is not None and message.learned != memory.learned:
            # Found before the memory learned something: revised to what it knows now.
            news = self._news.get(message.lang, [])
            since = [learned for number, learned in news if number > message.learned]
            if len(since) != memory.learned - message.learned:
                found = None  # older than the news kept
            for learned in since:
                if found is not None:
                    found = learned.revise(found, message.source, limit=SUGGESTIONS,
                                           exclude_id=f"{self.doc}:{message.entry_id}")
        current = message.lang == self.lang and message.entry_id == self.session.current.id
        if found is not None:
            self.suggestions[key] = found
            while len(self.suggestions) > KEPT_SUGGESTIONS:  # the oldest go first
                del self.suggestions[next(iter(self.suggestions))]
        if current:
            self.show_suggestions()  # and, when it was not found, looks again
