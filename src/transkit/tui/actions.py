"""What the reviewer's keys do (each is an `action_*` named in keys.py).

Every action changes the session, hands the change to `changed` (which
saves it) and asks for the panes to be drawn again. A part of `ReviewApp`
(see base.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import SystemCommand
from textual.screen import Screen

from transkit.errors import TranskitError
from transkit.merge import alternatives
from transkit.provenance import draft_text
from transkit.status import Status
from transkit.tui import keys as keydefs
from transkit.tui.base import AppBase
from transkit.tui.outline import Outline
from transkit.tui.safe import shown
from transkit.tui.screens.help import HelpScreen
from transkit.tui.screens.picker import PickerScreen
from transkit.tui.screens.prompt import PromptScreen
from transkit.tui.screens.review import ReviewScreen
from transkit.tui.session import FILTERS, Change, ReviewSession
from transkit.tui.store import PoFile
from transkit.tui.widgets.palette import STATUS_STYLES


class Actions(AppBase):
    """The key bindings' actions, and the command palette's commands."""

    def action_approve(self) -> None:
        self._decide(ReviewSession.approve, "Nothing to approve: the translation is empty.")

    def action_needs_work(self) -> None:
        self._decide(ReviewSession.needs_work, "The translation is empty: nothing to send back.")

    def _decide(self, mark: Callable[[ReviewSession, str], Change | None],
                if_empty: str) -> None:
        """Mark the current segment (with what is typed) and go to the next unfinished."""
        self.commit_editor()
        if not self.session.current.target:
            self.notify(if_empty, severity="warning", markup=False)
            return
        self.changed(mark(self.session, self.reviewer))
        if not self.session.next_unfinished() and self.session.current_status is Status.APPROVED:
            self.notify("Every segment is approved.", title="Done", markup=False)
        self.show_current()

    def action_step(self, delta: int) -> None:
        self.commit_editor()
        if self.session.move(delta):
            self.show_current()

    def action_page(self, direction: int) -> None:
        self.go_row(self.session.row + direction * self.w_list.page_height)

    def action_edge(self, direction: int) -> None:
        self.go_row(0 if direction < 0 else len(self.session.rows) - 1)

    def go_row(self, row: int) -> None:
        self.commit_editor()
        self.session.go_row(row)
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
        draft = draft_text(self.session.current)
        if draft is None:
            self.notify("No machine draft is recorded for this segment.", markup=False)
            return
        self.commit_editor()
        self.changed(self.session.restore_draft(draft))
        self.show_current()

    def action_insert_language(self) -> None:
        choices = []
        for o in self.other_texts():
            if o.text:
                label = Text(f"{o.code} ", Style(bold=True))
                label.append(f"{o.symbol} ", STATUS_STYLES.get(o.status, Style()))
                choices.append((label, o.text))
        self._insert_one_of("Insert the text of", choices,
                            "No other language has this segment yet.")

    def action_insert_memory(self) -> None:
        """Memory suggestions are inserted at the cursor; a translation kept
        when two edits met (listed first) takes the place of the text."""
        kept = alternatives(self.session.current)
        choices = [(Text("other text ", Style(bold=True)), alt.text) for alt in kept]
        choices += [(Text(f"{sg.score:.0f}% ", Style(bold=True)), sg.target)
                    for sg in self.current_suggestions() or []]

        def restore(k: int) -> None:
            self.commit_editor()
            self.changed(self.session.restore_alternative(kept[k].text, self.reviewer))
            self.show_current()

        self._insert_one_of("Insert a suggestion", choices,
                            "No translation-memory suggestions for this segment.",
                            special={k: restore for k in range(len(kept))})

    def _insert_one_of(self, title: str, choices: list[tuple[Text, str]],
                       if_none: str,
                       special: dict[int, Callable[[int], None]] | None = None) -> None:
        """Ask which text to insert at the cursor: (label, text) pairs;
        `special` choices do something else when picked."""
        if not choices:
            self.notify(if_none, markup=False)
            return

        def picked(k: int | None) -> None:
            if k is not None and special and k in special:
                special[k](k)
            elif k is not None:
                self._replace_editor(choices[k][1], insert=True)

        lines = [label + Text(shown(text, one_line=True)) for label, text in choices]
        self.push_screen(PickerScreen(title, lines), picked)

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
                file = PoFile.load(self.store, self.doc, code)
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
        self.screen.set_focus(self.w_list)  # at once, not later like focus(): see keys.py

    def action_focus_editor(self) -> None:
        self.screen.set_focus(self.w_editor)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(keydefs.effective_keys(self.keymap)))

    async def action_quit(self) -> None:
        self.commit_editor()
        problems = self.flush()
        if self.unsaved:  # on no disk at all: the reviewer says where they go
            self.ask_where_unsaved_go(problems)
            return
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
