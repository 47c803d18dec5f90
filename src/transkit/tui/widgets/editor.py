"""The translation editor: a TextArea that shows control characters, runs its
editing keys in the order they were typed, and hands undo over to the session
once its own typing history is used up."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.widgets import TextArea

from transkit.tui.keys import bindings
from transkit.tui.safe import shown

#: TextArea's own keys (Backspace, arrows, Ctrl+W…), by key.
_EDITING_KEYS = {b.key: b.action for b in Binding.make_bindings(TextArea.BINDINGS)}


class TargetEditor(TextArea):
    BINDINGS = bindings("editor")  # Enter, Shift+Enter, Ctrl+Home/End: see review_keys.py

    class UndoBeyond(Message):
        """Ctrl+Z with no typing left to undo: undo the last segment change instead."""

    class RedoBeyond(Message):
        pass

    def __init__(self, *, id: str | None = None, cursor_blink: bool = True) -> None:
        super().__init__(
            "",
            id=id,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
        )
        self.cursor_blink = cursor_blink
        self.shown_text = ""  # what the app last put here

    def show_text(self, text: str) -> None:
        """Load a segment's translation (clears the typing history)."""
        self.shown_text = text
        if text != self.text:
            self.load_text(text)
        else:
            self.history.clear()
        self.move_cursor(self.document.end)

    def _refresh_size(self) -> None:
        """Like TextArea's, without a layout of the whole screen when the text's
        height changes (the box has a fixed size); only a scrollbar appearing
        or going needs one, and `_refresh_scrollbars` asks for it then."""
        if not self.soft_wrap:
            super()._refresh_size()
            return
        size = Size(0, self.wrapped_document.height)
        if size != self.virtual_size:
            self.set_reactive(TextArea.virtual_size, size)
            self._refresh_scrollbars()
            self.refresh()

    async def _on_key(self, event: events.Key) -> None:
        # Textual runs a widget's bindings once the key has bubbled up to the
        # app, after the keys typed next were already inserted: "abc", Backspace,
        # "d" in one burst gave "abcd". Here they run in turn (see keys.py).
        action = _EDITING_KEYS.get(event.key)
        if action is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        await self.run_action(action)

    def get_line(self, line_index: int) -> Text:
        # Same length as the document's line, so cursor and selection still fit.
        return Text(shown(self.document.get_line(line_index)), end="", no_wrap=True)

    def action_undo(self) -> None:
        if self.history.undo_stack:
            self.undo()
        else:
            self.post_message(self.UndoBeyond())

    def action_redo(self) -> None:
        if self.history.redo_stack:
            self.redo()
        else:
            self.post_message(self.RedoBeyond())
