"""AppBase: what every part of the review app shares — its state, and drawing it.

`ReviewApp` (app.py) is this class and its parts, each a subclass in its own
module: `loading` (what is read after the first paint), `saving` (every change
written at once, merged with other writers) and `actions` (what the keys do).
The app owns every piece of state; widgets draw what `show_current` hands them
and post messages when the reviewer acts; workers read, suggest and save in
threads and post their results back.

A part that calls into another does so through the entry points declared at
the end of this class, so that each module is type-checked on its own and a
signature that drifts is an error, not a surprise at run time.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import getpass
import os
import subprocess
from abc import abstractmethod
from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App
from textual.timer import Timer

from transkit.catalog import Catalog, Entry
from transkit.checks import INTERNAL, Finding, Policy, check_entry
from transkit.errors import TranskitError
from transkit.glossary import Glossary
from transkit.languages import native_name
from transkit.merge import alternatives
from transkit.project import Project
from transkit.status import Status, approved_over, covered_source, is_joined
from transkit.store import Store
from transkit.tui.catalogue import Opened
from transkit.tui.outline import Outline
from transkit.tui.session import ALIGNED, Change, ReviewSession
from transkit.tui.store import PoFile
from transkit.tui.terms import TermMatcher
from transkit.tui.widgets.checks import ChecksPane
from transkit.tui.widgets.editor import TargetEditor
from transkit.tui.widgets.header import ProgressHeader
from transkit.tui.widgets.languages import LanguagesPane, OtherText
from transkit.tui.widgets.preview import PreviewPane
from transkit.tui.widgets.segment_list import Row, SegmentList
from transkit.tui.widgets.source import Neighbour, SourcePane
from transkit.tui.widgets.suggestions import Match, SuggestionsPane
from transkit.tui.worddiff import word_diff

if TYPE_CHECKING:  # rapidfuzz is imported by the worker that builds the memory
    from transkit.memory import Learned, Suggestion, TranslationMemory

#: Typing is committed (status translated, saved) after this pause, or on leaving the segment.
TYPING_PAUSE = 0.5
#: How often to look whether another program changed one of our files.
WATCH_INTERVAL = 2.0
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


class AppBase(App[Opened | None]):  # the result: a document to open next, if any
    """The state of a review (project, catalogs, sessions) and drawing it."""

    # The review screen's widgets, found once it is composed (`ReviewApp.screen_ready`).
    w_list: SegmentList
    w_header: ProgressHeader
    w_source: SourcePane
    w_editor: TargetEditor
    w_checks: ChecksPane
    w_preview: PreviewPane
    w_languages: LanguagesPane
    w_memory: SuggestionsPane

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
        next_document: Callable[[str, str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.project = project
        # Opened from the catalogue: (doc, lang) -> the next document that
        # still needs `lang`, for F8 once this one is done (`Actions`).
        self.next_document = next_document
        self.offered_document: str | None = None
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
        self.store = Store(project)
        first = PoFile.load(self.store, doc, lang, head=head)
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
        self.glossary: Glossary | None = None
        self.matchers: dict[str, TermMatcher] = {}
        self.memories: dict[str, TranslationMemory] = {}
        self.suggestions: dict[tuple[str, str, str], list[Suggestion]] = {}
        # lang -> id -> (source, target, approved): what the memory learned here
        self._taught: dict[str, dict[str, tuple[str, str, bool]]] = {}
        self._news: dict[str, list[tuple[int, Learned]]] = {}  # lang -> (number, change)
        self._seeking: set[tuple[str, str, str]] = set()  # suggestions a worker is finding
        config = project.config
        self.source_language = config.source_language
        # The [check] settings, so the inline checks agree with `transkit check`.
        self.check_policy = Policy.from_settings(config.check)
        self.search_query = ""
        self.exit_note = ""
        self.exit_dump = ""  # unsaved edits as PO, printed after the app closes
        self.unsaved: dict[str, Catalog] = {}  # lang -> the version that no disk would take
        self._typing_timer: Timer | None = None
        self.background_done = False  # everything read, the save cache warm
        self._aids_pending = False
        self._editor_subtitle = ""
        self._footer_stale = False
        self._loading: set[str] = {c for c in self.languages if c != lang}

    # -- state --------------------------------------------------------------------

    @property
    def session(self) -> ReviewSession:
        return self.sessions[self.lang]

    @property
    def file(self) -> PoFile:
        return self.files[self.lang]

    def language_label(self, code: str) -> str:
        return f"{native_name(code)} ({code})"

    def _work(self, work: Callable[[], None], group: str, description: str, *,
              exclusive: bool = False) -> None:
        """Run `work` in a thread. A description is given because Textual would
        otherwise describe the worker with repr() of its arguments: a whole
        catalog, seconds at 10,000 segments."""
        self.run_worker(work, group=group, description=description, thread=True,
                        exclusive=exclusive, exit_on_error=False)

    def _freeze(self) -> None:
        """Take what is loaded out of the garbage collector's sight.

        Four catalogs of 10,000 entries are hundreds of thousands of objects
        the collector would walk again and again while the reviewer types
        (full collections took 0.2-0.5 s); they live as long as the app.
        Only the young generations are collected first: a full collection
        walks Textual's own objects too, 0.15 s of a frozen app even on a
        small project, just as the first memory suggestions were due.
        """
        gc.collect(1)
        gc.freeze()

    def on_unmount(self) -> None:
        gc.unfreeze()

    # -- drawing --------------------------------------------------------------------

    def _row_at(self, session: ReviewSession, row: int) -> Row:
        index = session.rows[row]
        entry = session.entry(index)
        status = session.statuses[index]
        confidence = session.confidence(index)
        note = "" if confidence is None else f"{confidence:.2f}"
        return Row(index + 1, entry.id, status.value, status.symbol, entry.source, note)

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
        if self.file.waiting:  # a save held up (another writer has the file)
            view += " · saving…"
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
        stale = status is Status.STALE
        if stale != self._footer_stale:  # Ctrl+Enter approves, or keeps: the footer says which
            self._footer_stale = stale
            self.refresh_bindings()

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
            where = f"{info.layout.shown} · ¶{info.number}"
            if len(sentences) > 1:
                where += f" · sentence {position + 1} of {len(sentences)}"
        hits = self._matcher().find(entry.source)
        pairs = list(dict.fromkeys((h.source, h.target) for h in hits))
        moved = entry.previous is not None and entry.previous != entry.source
        stale = moved and s.current_status in (Status.STALE, Status.CONFLICT)
        changes = word_diff(entry.previous or "", entry.source) if stale else None
        self.w_source.show(headings, where, sentences, position,
                           [(h.start, h.end) for h in hits], pairs, changes,
                           self._aligned_neighbours())

    def _aligned_neighbours(self) -> list[Neighbour]:
        """The translations before and after this one, where `align` placed
        text here or next door (or in the aligned view): a sentence that
        belongs to the next segment shows up beside the one it is missing from."""
        s = self.session
        index = s.index
        near = [k for k in (index - 1, index, index + 1) if 0 <= k < len(s)]
        if s.filter_name != ALIGNED and not any(
            s.confidence(k) is not None or s.statuses[k] is Status.JOINED for k in near
        ):
            return []
        out = []
        for k in (index - 1, index + 1):
            if 0 <= k < len(s):
                confidence = s.confidence(k)
                st = s.statuses[k]
                out.append(Neighbour(k - index, k + 1, st.symbol, s.entry(k).target,
                                     "" if confidence is None else f"{confidence:.2f}",
                                     st is Status.JOINED))
        return out

    def show_checks(self) -> None:
        if self.lang == self.source_language:
            self.w_checks.show([], "the source edition: copy-edits, not checked")
            return
        entry = self.session.current
        if not entry.target:
            self.w_checks.show([], "not translated yet: nothing to check")
            return
        override = approved_over(entry)
        self.w_checks.show(self.findings_for(entry),
                           approved=override.note() if override else "")

    def findings_for(self, entry: Entry) -> list[Finding]:
        """`transkit check`'s findings on one segment, as the [check] settings say."""
        if self.lang == self.source_language:
            return []
        found = self.outline.block_of(entry.id)
        covered = covered_source(entry, self._joined_after(entry))
        if covered != entry.source:  # its text translates the joined segments' too
            entry = copy.copy(entry)
            entry.source = covered
        # The paragraph's segments as they stand now, so a quotation that opens in
        # one segment and closes in a later one is judged as `transkit check` does.
        block = []
        if found is not None:
            for sid in found[0].ids:
                index = self.session.index_of(sid)
                if index is not None:
                    other = entry if sid == entry.id else self.session.entry(index)
                    block.append((sid, other.source, other.target))
        try:
            return check_entry(
                entry, source_lang=self.source_language, target_lang=self.lang,
                glossary=self.glossary, kind=found[0].layout.kind if found else "",
                policy=self.check_policy, block=block,
            )
        except Exception as exc:  # a checker bug must not take the review down
            return [INTERNAL.finding(f"the checker failed: {exc}")]

    def _joined_after(self, entry: Entry) -> list[Entry]:
        """The segments joined to `entry` (right after it, in its block), as
        `check` finds them (`status.carriers`), without walking the document."""
        s = self.session
        index = s.index_of(entry.id)
        out: list[Entry] = []
        if index is None:
            return out
        for k in range(index + 1, len(s)):
            after = s.entry(k)
            if after.layout_note is not None or not is_joined(after):
                break
            out.append(after)
        return out

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
        self.w_preview.show(f"{native_name(self.lang)} · {info.layout.shown}", parts)

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

    def current_suggestions(self) -> list[Suggestion] | None:
        entry = self.session.current
        return self.suggestions.get((self.lang, entry.id, entry.source))

    def show_suggestions(self) -> None:
        """Translations kept when two edits met, then the memory's suggestions."""
        entry = self.session.current
        kept = [
            Match(100, entry.source, alt.text, "",
                  kept=" · ".join(x for x in (alt.status, alt.by, alt.date) if x) or "another edit")
            for alt in alternatives(entry)
        ]
        found = self.current_suggestions()
        if found is None:
            self.w_memory.show(kept or None)
        else:
            self.w_memory.show(kept + [
                Match(sg.score, sg.source, sg.target, f"{sg.doc} · {sg.id}", memory=sg.origin)
                for sg in found
            ])
        self.look_ahead()

    def commit_editor(self, *, typing: bool = False) -> None:
        """Take the editor's text into the session if it differs (status translated)."""
        if self._typing_timer is not None:
            self._typing_timer.stop()
            self._typing_timer = None
        text = self.w_editor.text
        if text != self.session.current.target:
            self.w_editor.shown_text = text
            self.changed(self.session.set_target(text, self.reviewer, typing=typing))

    # -- the parts' entry points, each defined in its own module --------------------

    @abstractmethod
    def changed(self, change: Change | None, lang: str | None = None) -> None:
        """A segment changed: save its file, redraw its row (saving.py)."""

    @abstractmethod
    def save(self, lang: str, *, refresh: bool = False) -> None:
        """Start saving `lang`'s file in a worker (saving.py)."""

    @abstractmethod
    def adopt(self, file: PoFile, catalog: Catalog, *, since: Catalog | None = None) -> None:
        """Show `catalog`, the file as it now is, with the edits since `since` (saving.py)."""

    @abstractmethod
    def watch_files(self) -> None:
        """Did another program write one of our files? (saving.py)"""

    @abstractmethod
    def flush(self) -> list[str]:
        """Write what is not yet written, synchronously; what went wrong (saving.py)."""

    @abstractmethod
    def ask_where_unsaved_go(self, problems: list[str]) -> None:
        """No disk took the edits at quit: the reviewer chooses (saving.py)."""

    @abstractmethod
    def _read_memory(self, code: str, catalog: Catalog | None = None) -> None:
        """Worker: build `code`'s translation memory and post it (loading.py)."""

    @abstractmethod
    def remember(self, change: Change, lang: str) -> None:
        """The memory learns a change: an approval is offered at once (loading.py)."""

    @abstractmethod
    def look_ahead(self) -> None:
        """Find the suggestions of this segment and the next ones (loading.py)."""
