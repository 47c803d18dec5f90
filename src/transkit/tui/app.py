"""ReviewApp: the review app, put together.

`AppBase` (base.py) holds the state of a review and draws it; the app's other
jobs are its parts, each a subclass of `AppBase` in its own module: `loading`
(what is read after the first paint), `saving` (every change written at once,
merged with other writers), `actions` (what the keys do) and `alignment`
(join, unjoin, move a sentence). What is left
here is starting up and the widgets' messages. Construct it as `AppBase`
says: ``ReviewApp(project, doc, lang, keymap=…, reviewer=…)``.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from pathlib import Path
from typing import Any

from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import TextArea

from transkit.tui import keys as keydefs
from transkit.tui import terminal_keys
from transkit.tui.actions import Actions
from transkit.tui.alignment import Alignment
from transkit.tui.loading import Loading
from transkit.tui.saving import Saving
from transkit.tui.screens.review import ReviewScreen
from transkit.tui.widgets.checks import ChecksPane
from transkit.tui.widgets.editor import TargetEditor
from transkit.tui.widgets.header import ProgressHeader
from transkit.tui.widgets.languages import LanguagesPane
from transkit.tui.widgets.preview import PreviewPane
from transkit.tui.widgets.segment_list import SegmentList
from transkit.tui.widgets.source import SourcePane
from transkit.tui.widgets.suggestions import SuggestionsPane


async def _caught_up(widget: Widget | None) -> None:
    """Until `widget` has handled every message already sent to it (1 s at most)."""
    if widget is None:
        return
    done = asyncio.get_running_loop().create_future()

    def release() -> None:
        if not done.done():
            done.set_result(None)

    widget.call_later(release)
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(1.0):
            await done


class ReviewApp(Loading, Saving, Actions, Alignment):
    CSS_PATH = Path(__file__).with_name("review.tcss")
    TITLE = "transkit review"
    BINDINGS = keydefs.bindings("app")

    # -- start --------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return ReviewScreen(self.screen_ready, cursor_blink=self.cursor_blink)

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        # A closed terminal (SIGHUP) or a polite kill (SIGTERM) saves first.
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self.hang_up, int(signum))

    async def on_event(self, event: events.Event) -> None:
        """Keys in the order they were typed (see keys.py): a key goes on only
        once the focused widget has handled the keys before it, so Ctrl+J
        approves what was typed up to it, and nothing typed after it."""
        if isinstance(event, events.CursorPosition | events.Key):
            event = terminal_keys.named(event)  # Shift+F3 as terminals spell it
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self.screen_stack:
                await _caught_up(self.focused)
            if not self.screen_stack:  # the app closed (meanwhile): no one to take it
                return
            self._type_into_editor(event)
        await super().on_event(event)

    def _type_into_editor(self, key: events.Key) -> None:
        """A character typed in the list that is no list key starts the
        translation's editing there, with itself: a word typed into the list
        ("Irán") lands in the editor instead of firing one-letter commands."""
        focused = self.focused
        if (focused is not None and focused is getattr(self, "w_list", None)
                and key.is_printable and key.character
                and key.key not in self.active_bindings):
            self.screen.set_focus(self.w_editor)  # at once (see keys.py)

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

    # -- widget messages ---------------------------------------------------------------

    def on_segment_list_clicked(self, message: SegmentList.Clicked) -> None:
        self.go_row(message.row)

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
