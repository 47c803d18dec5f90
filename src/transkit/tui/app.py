"""ReviewApp: the state of a review (project, catalogs, sessions) and saving.

The app owns every piece of state; widgets draw what `show_current` hands
them and post messages when the reviewer acts; workers load, suggest and
save in threads and post their results back. Every change is written at
once (atomic, via `Project.save_translation`) in a save worker, so a key
press never waits for a 10,000-segment file to be formatted; a file another
program changed meanwhile is re-read and merged, never overwritten.
"""

from __future__ import annotations

import contextlib
import gc
import getpass
import os
import subprocess
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import TextArea
from textual.worker import get_current_worker

from transkit.catalog import Catalog, Entry
from transkit.errors import TranskitError
from transkit.languages import native_name
from transkit.po import format_catalog
from transkit.project import Project
from transkit.status import Status
from transkit.tui import keys as keydefs
from transkit.tui.messages import (
    BackgroundDone,
    GlossaryLoaded,
    LanguageLoaded,
    LoadFailed,
    MemoryReady,
    Reloaded,
    RestLoaded,
    Saved,
    SaveFailed,
    SuggestionsReady,
)
from transkit.tui.outline import Outline
from transkit.tui.safe import shown
from transkit.tui.screens.help import HelpScreen
from transkit.tui.screens.picker import PickerScreen
from transkit.tui.screens.prompt import PromptScreen
from transkit.tui.screens.review import ReviewScreen
from transkit.tui.session import FILTERS, Change, ReviewSession
from transkit.tui.store import PoFile, merge_pending, stamp_of
from transkit.tui.terms import TermMatcher
from transkit.tui.widgets.checks import ChecksPane
from transkit.tui.widgets.editor import TargetEditor
from transkit.tui.widgets.header import ProgressHeader
from transkit.tui.widgets.languages import LanguagesPane, OtherText
from transkit.tui.widgets.palette import STATUS_STYLES
from transkit.tui.widgets.preview import PreviewPane
from transkit.tui.widgets.segment_list import Row, SegmentList
from transkit.tui.widgets.source import SourcePane
from transkit.tui.widgets.suggestions import Match, SuggestionsPane
from transkit.tui.worddiff import word_diff

#: Typing is committed (status translated, saved) after this pause, or on leaving the segment.
TYPING_PAUSE = 0.5
#: How often to look whether another program changed one of our files.
WATCH_INTERVAL = 2.0
SUGGESTIONS = 5
#: A long file is shown after reading this many entries; the rest follows in the background.
HEAD = 300


def reviewer_name() -> str:
    """Who approves: ``git config user.name``, else the login name. Read once."""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=2
        )
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    try:
        return os.environ.get("USER") or getpass.getuser()
    except (KeyError, OSError):
        return ""


def _optional(module: str, name: str) -> Any:
    """A function from a module another engineer may not have finished yet."""
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


class ReviewApp(App[None]):
    CSS_PATH = Path(__file__).with_name("review.tcss")
    TITLE = "transkit review"
    BINDINGS = keydefs.bindings("app")

    def __init__(
        self,
        project: Project,
        doc: str,
        lang: str,
        *,
        keymap: Mapping[str, str] | None = None,
        reviewer: str | None = None,
        cursor_blink: bool = True,
        watch_interval: float = WATCH_INTERVAL,
        typing_pause: float = TYPING_PAUSE,
        head: int | None = HEAD,
    ) -> None:
        super().__init__()
        self.project = project
        self.doc = doc
        self.lang = lang
        self.languages = project.config.all_languages
        if lang not in self.languages:
            raise TranskitError(f"language {lang!r} is not configured", project.config.path)
        self.keymap = dict(keymap or {})
        self.reviewer = reviewer if reviewer is not None else reviewer_name()
        self.cursor_blink = cursor_blink
        self.watch_interval = watch_interval
        self.typing_pause = typing_pause
        # Read before the first paint: the head of the file is enough to show it.
        first = PoFile.load(project, doc, lang, head=head)
        if not any(True for _ in first.catalog):
            raise TranskitError(f"document {doc!r} has no segments", first.path)
        self.files: dict[str, PoFile] = {lang: first}
        self.sessions: dict[str, ReviewSession] = {lang: ReviewSession(first.catalog)}
        # The PO entries carry the template's ids, sources and layouts (`transkit update`
        # keeps them in step), so the outline comes from the file already read.
        self.outline = Outline(first.catalog)
        if self.session.current_status is Status.APPROVED:
            self.session.next_unfinished()
        # Read by workers after the first paint.
        self.glossary: Any = None
        self.matchers: dict[str, TermMatcher] = {}
        self.memories: dict[str, Any] = {}
        self.suggestions: dict[tuple[str, str, str], list[Any]] = {}
        self.source_language = project.config.source_language
        self.check_entry = _optional("transkit.checks", "check_entry")
        self.check_policy = self._check_policy()
        self.draft_text = _optional("transkit.drafts.provenance", "draft_text")
        self.memory_class = _optional("transkit.memory", "TranslationMemory")
        self.search_query = ""
        self.exit_note = ""
        self._typing_timer: Timer | None = None
        self.background_done = False  # everything read, the save cache warm
        self._aids_pending = False
        self._editor_subtitle = ""
        self._loading: set[str] = {c for c in self.languages if c != lang}

    def _check_policy(self) -> Any:
        """The ``[check]`` settings, so the inline checks agree with `transkit check`."""
        policy = _optional("transkit.checks", "Policy")
        if policy is None:
            return None
        config = self.project.config
        return policy.from_config(config.data, list(config.languages), config.all_languages,
                                  config.path)

    # -- state --------------------------------------------------------------------

    @property
    def session(self) -> ReviewSession:
        return self.sessions[self.lang]

    @property
    def file(self) -> PoFile:
        return self.files[self.lang]

    def language_label(self, code: str) -> str:
        return f"{native_name(code)} ({code})"

    # -- start --------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return ReviewScreen(cursor_blink=self.cursor_blink)

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)

    def screen_ready(self, screen: ReviewScreen) -> None:
        """The review screen is composed: fill it, then start the background work."""
        self.w_list = screen.query_one(SegmentList)
        self.w_header = screen.query_one(ProgressHeader)
        self.w_source = screen.query_one(SourcePane)
        self.w_editor = screen.query_one(TargetEditor)
        self.w_checks = screen.query_one(ChecksPane)
        self.w_preview = screen.query_one(PreviewPane)
        self.w_languages = screen.query_one(LanguagesPane)
        self.w_memory = screen.query_one(SuggestionsPane)
        self.show_rows()
        self.show_aids()  # the first paint shows everything
        self.call_after_refresh(self._start_background)

    def _start_background(self) -> None:
        self._work(self._background, "background", "read the rest, other languages, memory")
        if self.watch_interval:
            self.set_interval(self.watch_interval, self.watch_files)

    def _work(self, work: Callable[[], None], group: str, description: str, *,
              exclusive: bool = False) -> None:
        """Run `work` in a thread. A description is given because Textual would
        otherwise describe the worker with repr() of its arguments: a whole
        catalog, seconds at 10,000 segments."""
        self.run_worker(work, group=group, description=description, thread=True,
                        exclusive=exclusive, exit_on_error=False)

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
                whole = first.read_rest()
            except TranskitError as exc:
                self.post_message(LoadFailed(lang, str(exc)))
                return
            self.post_message(RestLoaded(lang, whole))
        load_glossary = _optional("transkit.glossary", "load_glossary")
        if load_glossary is not None:
            try:
                self.post_message(GlossaryLoaded(load_glossary(self.project.root)))
            except TranskitError as exc:
                self.post_message(LoadFailed("glossary", str(exc)))
        for code in self.languages:
            if code != lang:
                self._read_language(code)
        self._read_memory(lang, whole)
        format_catalog(whole)  # later saves then format only what changed

    def _read_language(self, code: str) -> None:  # worker
        try:
            file = PoFile.load(self.project, self.doc, code)
        except TranskitError as exc:
            self.post_message(LoadFailed(code, str(exc)))
            return
        self.post_message(LanguageLoaded(file, ReviewSession(file.catalog)))

    def _read_memory(self, code: str, catalog: Catalog | None = None) -> None:  # worker
        if self.memory_class is None:
            return
        try:
            pairs = []
            for doc in self.project.documents():
                if doc == self.doc and catalog is not None:
                    pairs.append((doc, catalog))
                elif self.project.po_path(doc, code).exists():
                    pairs.append((doc, PoFile.load(self.project, doc, code).catalog))
            memory = self.memory_class.from_catalogs(pairs)
        except TranskitError as exc:
            self.post_message(LoadFailed(f"memory ({code})", str(exc)))
            return
        self.post_message(MemoryReady(code, memory))

    def _suggest(self, memory: Any, code: str, entry_id: str, source: str) -> None:  # worker
        found = memory.suggest(source, limit=SUGGESTIONS, exclude_id=f"{self.doc}:{entry_id}")
        if not get_current_worker().is_cancelled:
            self.post_message(SuggestionsReady(code, entry_id, source, list(found)))

    # -- worker results -------------------------------------------------------------

    def on_background_done(self, _: BackgroundDone) -> None:
        self.background_done = True
        if self._loading:  # the reading stopped early (the current file is broken)
            self._loading.clear()
            self.show_languages()
        self._freeze()

    def _freeze(self) -> None:
        """Take what is loaded out of the garbage collector's sight.

        Four catalogs of 10,000 entries are hundreds of thousands of objects
        the collector would walk again and again while the reviewer types
        (full collections took 0.2-0.5 s); they live as long as the app.
        """
        gc.collect()
        gc.freeze()

    def on_unmount(self) -> None:
        gc.unfreeze()

    def on_rest_loaded(self, message: RestLoaded) -> None:
        file = self.files[message.lang]
        self.adopt(file, message.catalog, note=False)
        file.rest = None  # only now may the whole file be written
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
        self.memories[message.lang] = message.memory
        if message.lang == self.lang:
            self.show_suggestions()

    def on_suggestions_ready(self, message: SuggestionsReady) -> None:
        self.suggestions[(message.lang, message.entry_id, message.source)] = message.suggestions
        if message.lang == self.lang and message.entry_id == self.session.current.id:
            self.show_suggestions()

    # -- drawing --------------------------------------------------------------------

    def _row_at(self, session: ReviewSession, row: int) -> Row:
        index = session.rows[row]
        entry = session.entry(index)
        status = session.statuses[index]
        return Row(index + 1, entry.id, status.value, status.symbol, entry.source)

    def show_rows(self) -> None:
        """The list from scratch (language, filter or file changed), then the rest."""
        session = self.session
        self.w_list.id_width = max((len(e.id) for e in session.catalog), default=8)
        self.w_list.set_rows(len(session.rows), partial(self._row_at, session), session.row)
        self.show_current()

    def show_header(self) -> None:
        s = self.session
        counts = {st.value: s.counts[st] for st in Status}
        symbols = {st.value: st.symbol for st in Status}
        view = s.filter_name + (" · reading the rest…" if self.file.partial else "")
        self.w_header.show(self.doc, self.language_label(self.lang), counts, symbols,
                           view, (s.row + 1, len(s.rows)))

    def show_editor_status(self, typing: bool = False) -> None:
        """The editor's subtitle: the segment's status, or that an edit is pending."""
        status = self.session.current_status
        # Our own words only: Textual reads border titles as markup.
        subtitle = (
            "editing… (saved when you pause or move)" if typing
            else f"{status.symbol} {status.value}"
        )
        if subtitle != self._editor_subtitle:  # setting it repaints the whole editor
            self._editor_subtitle = subtitle
            self.w_editor.border_subtitle = subtitle

    def show_current(self, *, editor: bool = True) -> None:
        """Every pane for the current segment (cost: one block, never the document).

        What the key press was about (cursor, source, editor) is drawn in the
        next frame; the header and the aids around it in the frame after, so
        the first frame repaints only the list and the work column.
        """
        self.w_list.move_cursor(self.session.row)
        self.show_source()
        if editor:
            self.w_editor.show_text(self.session.current.target)
        self.show_editor_status()
        self.show_aids_later()

    def show_aids_later(self) -> None:
        if not self._aids_pending:
            self._aids_pending = True
            self.call_after_refresh(self.show_aids)

    def show_aids(self) -> None:
        self._aids_pending = False
        self.show_header()
        self.show_checks()
        self.show_preview()
        self.show_languages()
        self.show_suggestions()

    def _matcher(self) -> TermMatcher:
        matcher = self.matchers.get(self.lang)
        if matcher is None:
            terms = self.glossary.terms(self.lang) if self.glossary is not None else []
            matcher = self.matchers[self.lang] = TermMatcher(terms)
        return matcher

    def show_source(self) -> None:
        s = self.session
        entry = s.current
        found = self.outline.block_of(entry.id)
        if found is None:
            headings: tuple[str, ...] = ()
            sentences, position, where = [entry.source], 0, "not in the template"
        else:
            info, position = found
            headings = info.headings
            sentences = [self.outline.source(i) or "" for i in info.ids]
            where = f"{info.layout} · ¶{info.number}"
            if len(sentences) > 1:
                where += f" · sentence {position + 1} of {len(sentences)}"
        hits = self._matcher().find(entry.source)
        pairs = list(dict.fromkeys((h.source, h.target) for h in hits))
        stale = s.current_status is Status.STALE and entry.previous is not None
        changes = word_diff(entry.previous or "", entry.source) if stale else None
        self.w_source.show(headings, where, sentences, position,
                           [(h.start, h.end) for h in hits], pairs, changes)

    def show_checks(self) -> None:
        if self.lang == self.source_language:
            self.w_checks.show([], "the source edition: copy-edits, not checked")
            return
        if self.check_entry is None:
            self.w_checks.show([], "checks are not available in this version")
            return
        entry = self.session.current
        if not entry.target:
            self.w_checks.show([], "not translated yet: nothing to check")
            return
        found = self.outline.block_of(entry.id)
        try:
            findings = self.check_entry(
                entry, source_lang=self.source_language, target_lang=self.lang,
                glossary=self.glossary, kind=found[0].layout.kind if found else "",
                policy=self.check_policy,
            )
        except Exception as exc:  # a checker bug must not take the review down
            self.w_checks.show([("warning", "check", f"the checker failed: {exc}")])
            return
        self.w_checks.show([
            (f.severity, f.check, f.message) for f in findings
            if not getattr(f, "silenced", None)
        ])

    def show_preview(self) -> None:
        s = self.session
        entry = s.current
        found = self.outline.block_of(entry.id)
        if found is None:
            self.w_preview.show(native_name(self.lang), [(self.w_editor.text, True, False)])
            return
        info, _ = found
        texts: dict[str, str] = {}
        for entry_id in info.ids:
            index = s.index_of(entry_id)
            if index is not None and s.entry(index).target:
                texts[entry_id] = s.entry(index).target
        typed = self.w_editor.text
        if typed:
            texts[entry.id] = typed
        else:
            texts.pop(entry.id, None)
        block = self.outline.preview(entry.id, texts)
        segments = block.segments if block is not None else []
        parts = [
            (text, entry_id == entry.id, entry_id not in texts)
            for text, entry_id in zip(segments, info.ids, strict=False)
        ]
        self.w_preview.show(f"{native_name(self.lang)} · {info.layout}", parts)

    def other_texts(self) -> list[OtherText]:
        entry_id = self.session.current.id
        out = []
        for code in self.languages:
            if code == self.lang:
                continue
            session = self.sessions.get(code)
            index = session.index_of(entry_id) if session is not None else None
            if session is None or index is None:
                status = "" if code in self._loading else "untranslated"
                out.append(OtherText(code, native_name(code), status, "·", ""))
                continue
            st = session.statuses[index]
            other = session.entry(index)
            out.append(OtherText(code, native_name(code), st.value, st.symbol, other.target,
                                 code == self.source_language and other.target == other.source))
        return out

    def show_languages(self) -> None:
        self.w_languages.show(self.other_texts())

    def current_suggestions(self) -> list[Any] | None:
        entry = self.session.current
        return self.suggestions.get((self.lang, entry.id, entry.source))

    def show_suggestions(self) -> None:
        if self.memory_class is None:
            self.w_memory.show([], "translation memory is not available in this version")
            return
        found = self.current_suggestions()
        if found is None:
            memory = self.memories.get(self.lang)
            if memory is not None:
                entry = self.session.current
                self._work(partial(self._suggest, memory, self.lang, entry.id, entry.source),
                           "suggest", f"suggestions for {entry.id}", exclusive=True)
            self.w_memory.show(None)
            return
        self.w_memory.show([
            Match(sg.score, sg.source, sg.target, f"{sg.doc} · {sg.id}") for sg in found
        ])

    # -- changing and saving ----------------------------------------------------------

    def commit_editor(self, *, typing: bool = False) -> None:
        """Take the editor's text into the session if it differs (status translated)."""
        if self._typing_timer is not None:
            self._typing_timer.stop()
            self._typing_timer = None
        text = self.w_editor.text
        if text != self.session.current.target:
            self.w_editor.shown_text = text
            self.changed(self.session.set_target(text, self.reviewer, typing=typing))

    def changed(self, change: Change | None, lang: str | None = None) -> None:
        """A segment changed: save its file, redraw its row and the header."""
        if change is None:
            return
        lang = lang or self.lang
        self.files[lang].dirty.add(change.id)
        # Paint first, then start the write: a save's thread would compete with
        # this frame for the interpreter. Milliseconds later, never skipped.
        self.call_after_refresh(self.save, lang)
        if lang == self.lang:
            index = self.session.index_of(change.id)
            row = self.session.row_of(index) if index is not None else None
            if row is not None:
                self.w_list.refresh_row(row)
            self.show_aids_later()

    def _pending(self, lang: str) -> dict[str, Entry]:
        """Our changed, not yet written entries of `lang`, by id."""
        session = self.sessions[lang]
        out = {}
        for entry_id in self.files[lang].dirty:
            index = session.index_of(entry_id)
            if index is not None:
                out[entry_id] = session.entry(index)
        return out

    def save(self, lang: str) -> None:
        """Start writing `lang`'s file in a worker (one write in flight per file)."""
        file = self.files[lang]
        if file.saving or file.partial or not file.dirty:
            return
        pending = self._pending(lang)
        catalog = file.snapshot(pending)
        file.saving = True
        file.inflight = pending
        self._work(partial(self._write, file, catalog, pending, file.stamp), f"save-{lang}",
                   f"save {file.path.name} ({lang})")

    def _write(self, file: PoFile, catalog: Catalog, pending: dict[str, Any],
               expected: Any) -> None:  # worker
        try:
            result = file.write(catalog, pending, expected)
        except (TranskitError, OSError) as exc:
            self.post_message(SaveFailed(file.lang, pending, str(exc)))
            return
        self.post_message(Saved(file.lang, result))

    def on_saved(self, message: Saved) -> None:
        file = self.files[message.lang]
        file.saving = False
        file.inflight = {}
        file.stamp = message.result.stamp
        if file.failed:
            file.failed = ""
            self.notify(f"{file.path.name} ({file.lang}) saved again.", markup=False)
        if message.result.merged is not None:
            self.adopt(file, message.result.merged, message.result.lost)
        if file.dirty:
            self.save(file.lang)

    def on_save_failed(self, message: SaveFailed) -> None:
        file = self.files[message.lang]
        file.saving = False
        file.inflight = {}
        file.dirty.update(message.pending)
        file.failed = message.error
        file.bad_stamp = message.stamp
        self.notify(
            f"{shown(message.error)}\nYour edits are kept and saved with the next change, "
            "or at quit.",
            title=f"Could not save {file.lang}", severity="error", timeout=30, markup=False,
        )

    def adopt(self, file: PoFile, catalog: Catalog, lost: Iterable[str] = (), *,
              note: bool = True) -> None:
        """Take `catalog` (read from disk) as `file`'s, our unsaved edits on top."""
        current = file.lang == self.lang
        saving, file.saving = file.saving, True  # no save may snapshot the old catalog now
        try:
            if current:
                self.commit_editor()
            ours = self._pending(file.lang)
            if ours:
                catalog, more = merge_pending(catalog, ours)
                lost = [*lost, *more]
            file.catalog = catalog
            self.sessions[file.lang].adopt(catalog)
        finally:
            file.saving = saving
        lost = list(lost)
        if note or lost:
            text = f"{file.path.name} ({file.lang}) was changed by another program: reloaded"
            text += ", your edits kept." if file.dirty or file.saving or current else "."
            if lost:
                text += f" Segments no longer in the file, edits dropped: {', '.join(lost)}"
            self.notify(shown(text), severity="warning" if lost else "information",
                        markup=False)
        if current:
            self.outline = Outline(catalog)
            self.show_rows()
        else:
            self.show_languages()
        if self.background_done:
            self._freeze()

    def watch_files(self) -> None:
        """Every few seconds: did another program write one of our files?"""
        for code, file in list(self.files.items()):
            if file.saving or file.partial:
                continue
            if file.dirty:
                self.save(code)
            elif file.changed_on_disk() and stamp_of(file.path) != file.bad_stamp:
                file.saving = True  # no save may start while we re-read
                self._work(partial(self._reread, file), f"save-{code}",
                           f"re-read {file.path.name} ({code})")

    def _reread(self, file: PoFile) -> None:  # worker
        stamp = stamp_of(file.path)
        try:
            catalog = file.reread()
        except (TranskitError, OSError) as exc:
            self.post_message(SaveFailed(file.lang, {}, f"cannot re-read: {exc}", stamp))
            return
        self.post_message(Reloaded(file.lang, catalog, stamp))

    def on_reloaded(self, message: Reloaded) -> None:
        file = self.files[message.lang]
        file.saving = False
        file.stamp = message.stamp
        self.adopt(file, message.catalog)
        if file.dirty:
            self.save(file.lang)

    def flush(self) -> list[str]:
        """Write everything not yet confirmed written, synchronously (at quit).

        Returns what went wrong; a file that cannot be saved is kept beside
        the original as ``NAME.po.unsaved`` so nothing is lost.
        """
        problems = []
        for file in self.files.values():
            pending = {**file.inflight}
            pending.update(self._pending(file.lang))
            if not pending:
                continue
            try:
                catalog = Catalog(dict(file.catalog.header), list(file.catalog.entries),
                                  list(file.catalog.header_comments))
                result = file.write(catalog, pending, None if file.inflight else file.stamp)
                file.stamp = result.stamp
                file.dirty.clear()
                file.inflight = {}
            except (TranskitError, OSError) as exc:
                try:
                    rescued = file.rescue(pending)
                    file.dirty.clear()
                    file.inflight = {}
                    problems.append(f"could not save {file.path}: {exc}; "
                                    f"your version is in {rescued}")
                except OSError as exc2:
                    problems.append(f"could not save {file.path}: {exc}; nor a copy: {exc2}")
        return problems

    # -- widget messages ---------------------------------------------------------------

    def on_segment_list_highlighted(self, message: SegmentList.Highlighted) -> None:
        self.commit_editor()
        self.session.go_row(message.row)
        self.show_current()

    def on_text_area_changed(self, message: TextArea.Changed) -> None:
        if message.text_area is not self.w_editor:
            return
        if self.w_editor.text == self.w_editor.shown_text:
            return
        self.show_preview()
        self.show_editor_status(typing=True)
        if self._typing_timer is not None:
            self._typing_timer.stop()
        self._typing_timer = self.set_timer(self.typing_pause, self._commit_typing)

    def _commit_typing(self) -> None:
        self._typing_timer = None
        self.commit_editor(typing=True)
        self.show_editor_status()
        self.show_checks()

    def on_target_editor_undo_beyond(self, _: TargetEditor.UndoBeyond) -> None:
        self.action_undo()

    def on_target_editor_redo_beyond(self, _: TargetEditor.RedoBeyond) -> None:
        self.action_redo()

    # -- actions -------------------------------------------------------------------------

    def _go_on(self) -> None:
        if not self.session.next_unfinished() and self.session.current_status is Status.APPROVED:
            self.notify("Every segment is approved.", title="Done", markup=False)
        self.show_current()

    def action_approve(self) -> None:
        self.commit_editor()
        s = self.session
        if not s.current.target:
            self.notify("Nothing to approve: the translation is empty.", severity="warning",
                        markup=False)
            return
        self.changed(s.approve(self.reviewer))
        self._go_on()

    def action_needs_work(self) -> None:
        self.commit_editor()
        s = self.session
        if not s.current.target:
            self.notify("The translation is empty: nothing to send back.", severity="warning",
                        markup=False)
            return
        self.changed(s.needs_work(self.reviewer))
        self._go_on()

    def action_step(self, delta: int) -> None:
        self.commit_editor()
        if self.session.move(delta):
            self.show_current()

    def action_copy_source(self) -> None:
        self._replace_editor(self.session.current.source)

    def _replace_editor(self, text: str, *, insert: bool = False) -> None:
        editor = self.w_editor
        if insert:
            editor.replace(text, *editor.selection)
        else:
            editor.replace(text, editor.document.start, editor.document.end)
        self.commit_editor()
        self.show_current(editor=False)

    def action_restore_draft(self) -> None:
        draft = self.draft_text(self.session.current) if self.draft_text else None
        if draft is None:
            self.notify("No machine draft is recorded for this segment.", markup=False)
            return
        self.commit_editor()
        self.changed(self.session.restore_draft(draft))
        self.show_current()

    def action_insert_language(self) -> None:
        others = [o for o in self.other_texts() if o.text]
        if not others:
            self.notify("No other language has this segment yet.", markup=False)
            return

        def choice(o: OtherText) -> Text:
            text = Text(f"{o.code} ", Style(bold=True))
            text.append(f"{o.symbol} ", STATUS_STYLES.get(o.status, Style()))
            text.append(shown(o.text, one_line=True))
            return text

        def picked(k: int | None) -> None:
            if k is not None:
                self._replace_editor(others[k].text, insert=True)

        self.push_screen(PickerScreen("Insert the text of", [choice(o) for o in others]),
                         picked)

    def action_insert_memory(self) -> None:
        found = self.current_suggestions()
        if not found:
            self.notify("No translation-memory suggestions for this segment.", markup=False)
            return

        def choice(sg: Any) -> Text:
            text = Text(f"{sg.score:.0f}% ", Style(bold=True))
            text.append(shown(sg.target, one_line=True))
            return text

        def picked(k: int | None) -> None:
            if k is not None:
                self._replace_editor(found[k].target, insert=True)

        self.push_screen(PickerScreen("Insert a suggestion", [choice(sg) for sg in found]),
                         picked)

    def action_undo(self) -> None:
        self._undo_redo(self.session.undo, "undo")

    def action_redo(self) -> None:
        self._undo_redo(self.session.redo, "redo")

    def _undo_redo(self, step: Callable[[], Change | None], name: str) -> None:
        self.commit_editor()
        rows = self.session.rows
        change = step()
        if change is None:
            self.notify(f"Nothing to {name}.", markup=False)
            return
        self.changed(change)
        if self.session.rows is rows:
            self.show_current()
        else:  # the filter was cleared to show the segment
            self.show_rows()

    def action_next_status(self, name: str) -> None:
        self.commit_editor()
        if self.session.next_with(FILTERS[name]):
            self.show_current()
        else:
            view = "" if self.session.filter_name == "all" else " in this view"
            self.notify(f"No other {name} segment{view}.", markup=False)

    def action_filter(self) -> None:
        names = list(FILTERS)
        s = self.session

        def choice(name: str) -> Text:
            n = sum(s.counts[st] for st in FILTERS[name])
            text = Text(f"{name:<14}", Style(bold=name == s.filter_name))
            text.append(f"{n:>6} segment{'' if n == 1 else 's'}", Style(dim=True))
            return text

        def picked(k: int | None) -> None:
            if k is None:
                return
            self.commit_editor()
            if self.session.set_filter(names[k]):
                self.show_rows()
            else:
                self.notify(f"No {names[k]} segments.", markup=False)

        self.push_screen(PickerScreen("Show", [choice(n) for n in names],
                                      names.index(s.filter_name)), picked)

    def action_search(self) -> None:
        def asked(query: str | None) -> None:
            if query:
                self.search_query = query
                self.action_search_next(1)

        self.push_screen(PromptScreen("Search", "in source and translation, any case",
                                      self.search_query), asked)

    def action_search_next(self, direction: int) -> None:
        if not self.search_query:
            self.action_search()
            return
        self.commit_editor()
        if self.session.search(self.search_query, forward=direction > 0):
            self.show_current()
        else:
            view = "" if self.session.filter_name == "all" else " in this view"
            self.notify(f"Not found{view}: {shown(self.search_query, one_line=True)}",
                        severity="warning", markup=False)

    def action_goto(self) -> None:
        def asked(where: str | None) -> None:
            if not where:
                return
            index = self.session.resolve(where)
            if index is None:
                self.notify(f"No segment {shown(where, one_line=True)}", severity="warning",
                            markup=False)
                return
            self.commit_editor()
            if not self.session.go_to(index):
                self.notify("Filter cleared to show that segment.", markup=False)
                self.show_rows()
            else:
                self.show_current()

        hint = f"a number (1-{len(self.session)}) or an id"
        self.push_screen(PromptScreen("Go to segment", hint), asked)

    def action_switch_language(self, delta: int) -> None:
        self.commit_editor()
        codes = self.languages
        code = codes[(codes.index(self.lang) + delta) % len(codes)]
        if code == self.lang:
            return
        if code not in self.sessions:
            try:
                file = PoFile.load(self.project, self.doc, code)
            except TranskitError as exc:
                self.notify(shown(str(exc)), severity="error", markup=False)
                return
            self._loading.discard(code)
            self.files[code] = file
            self.sessions[code] = ReviewSession(file.catalog)
        current_id = self.session.current.id
        self.lang = code
        self.outline = Outline(self.file.catalog)
        index = self.session.index_of(current_id)
        if index is not None:
            self.session.go_to(index)
        if code not in self.memories:
            self._work(partial(self._read_memory, code, self.file.catalog), f"memory-{code}",
                       f"translation memory ({code})")
        self.show_rows()

    def action_focus_list(self) -> None:
        self.commit_editor()
        self.w_list.focus()

    def action_focus_editor(self) -> None:
        self.w_editor.focus()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(keydefs.effective_keys(self.keymap)))

    async def action_quit(self) -> None:
        self.commit_editor()
        problems = self.flush()
        if problems:
            self.exit_note = "\n".join(problems)
        self.exit()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not isinstance(screen, ReviewScreen):
            return
        for key in keydefs.KEYS:
            if key.where != "screen":
                continue
            yield SystemCommand(key.label, key.help, partial(self.run_action, key.action))
