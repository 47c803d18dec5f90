"""What the reviewer's keys do (each is an `action_*` named in keys.py).

Every action changes the session, hands the change to `changed` (which
saves it) and asks for the panes to be drawn again. A part of `ReviewApp`
(see base.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property, partial
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import SystemCommand
from textual.screen import Screen

from transkit.checks import ERROR
from transkit.errors import TranskitError
from transkit.merge import alternatives
from transkit.provenance import draft_text
from transkit.status import Status
from transkit.tui import keys as keydefs
from transkit.tui.base import AppBase
from transkit.tui.catalogue import Opened
from transkit.tui.outline import Outline
from transkit.tui.safe import shown
from transkit.tui.screens.concordance import ConcordanceScreen
from transkit.tui.screens.confirm import ConfirmApprovalScreen
from transkit.tui.screens.help import HelpScreen
from transkit.tui.screens.picker import PickerScreen
from transkit.tui.screens.prompt import PromptScreen
from transkit.tui.screens.review import ReviewScreen
from transkit.tui.session import ALIGNED, FILTERS, VIEWS, Change, ReviewSession, describe
from transkit.tui.store import PoFile
from transkit.tui.widgets.palette import STATUS_STYLES


class Actions(AppBase):
    """The key bindings' actions, and the command palette's commands."""

    def action_decide(self, which: str) -> None:
        """Ctrl+Enter: approve, or on a stale segment keep (the same, named for
        what it means there); `check_action` lets only the fitting one run."""
        del which
        self.action_approve()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "decide" and parameters:
            if parameters[0] == "keep":
                return self.keeps()
            # Approve gives way to keep on a stale segment only where keep has
            # its keys: remapped apart, each key still works everywhere.
            return not (self.keeps() and self._keep_shadows_approve)
        return True

    @cached_property
    def _keep_shadows_approve(self) -> bool:
        keys = {k.id: v for k, v in keydefs.effective_keys(self.keymap)}
        return keys["keep"] == keys["approve"]

    def keeps(self) -> bool:
        """Whether approving now means keeping a translation for a changed source."""
        return self.session.current_status is Status.STALE

    def action_approve(self) -> None:
        """Approve and go on; over an error finding, only once the reviewer
        has seen it and said so (`ConfirmApprovalScreen`), which is recorded."""
        self.commit_editor()
        session = self.session
        entry = session.current
        if not entry.target:
            self.notify("Nothing to approve: the translation is empty.", severity="warning",
                        markup=False)
            return
        errors = ([f for f in self.findings_for(entry) if f.severity == ERROR]
                  if session.current_status is not Status.APPROVED else [])
        if not errors:
            self._decide(session.approve(self.reviewer))
            return
        lang = self.lang

        def answered(anyway: bool | None) -> None:
            if not anyway:
                self.action_focus_editor()
                return
            if self.lang != lang or self.session.current is not entry:
                self.notify("The segment changed meanwhile: not approved.", severity="warning",
                            markup=False)
                return
            self._decide(self.session.approve(self.reviewer, over=[f.check for f in errors]))

        self.push_screen(ConfirmApprovalScreen(errors), answered)

    def action_needs_work(self) -> None:
        """Send back (fuzzy, needs-work); undoable, and said, since it demotes."""
        self.commit_editor()
        if not self.session.current.target:
            self.notify("The translation is empty: nothing to send back.", severity="warning",
                        markup=False)
            return
        was = self.session.current_status
        self._decide(self.session.needs_work(self.reviewer))
        if was is Status.APPROVED:
            self.notify("An approved segment was sent back to needs work (Ctrl+Z undoes).",
                        markup=False)

    def _decide(self, change: Change | None) -> None:
        """Save the marked segment and go to the next unfinished one; when
        there is none in view, say what is true of the whole document."""
        self.changed(change)
        session = self.session
        if not session.next_unfinished():
            left = session.unfinished()
            if not left:
                self.notify("Every segment is approved.", title="Done", markup=False)
            elif session.filter_name != "all":
                self.notify(f"Nothing unfinished left in this view ({session.filter_name}); "
                            f"the document still has {describe(left)}. "
                            "F4 changes the view.", markup=False)
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

    def action_select_all(self) -> None:
        self.action_focus_editor()
        self.w_editor.select_all()

    def action_clear(self) -> None:
        """Empty the translation: one step that Ctrl+Z undoes, whatever was typed."""
        self.commit_editor()
        change = self.session.clear()
        if change is None:
            self.notify("The translation is already empty.", markup=False)
            return
        self.changed(change)
        self.show_current()
        self.action_focus_editor()
        self.notify("Translation cleared (Ctrl+Z undoes).", markup=False)

    def action_line_break(self) -> None:
        """A line break where the source has one, and nowhere else: a translation
        whose line breaks do not follow its source breaks the layout it goes into."""
        if "\n" not in self.session.current.source.strip("\n"):
            self.notify("The source has no line break here, so the translation takes "
                        "none (Enter saves and goes on).", markup=False)
            return
        self.w_editor.insert("\n")

    def action_editor_edge(self, direction: int) -> None:
        editor = self.w_editor
        editor.move_cursor(editor.document.start if direction < 0 else editor.document.end)

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
        self._undo_redo(self.session.undo_step, "undo")

    def action_redo(self) -> None:
        self._undo_redo(self.session.redo_step, "redo")

    def _undo_redo(self, step: Callable[[], list[Change]], name: str) -> None:
        self.commit_editor()
        rows = self.session.rows
        changes = step()  # one segment's, or a join's or a move's several
        if not changes:
            self.notify(f"Nothing to {name}.", markup=False)
            return
        for change in changes:
            self.changed(change)
        if self.session.rows is rows:
            self.show_current()
        else:  # the filter was cleared to show the segment
            self.show_rows()

    def action_next_status(self, name: str) -> None:
        self.commit_editor()
        if self.session.next_with(FILTERS[name]):
            self.show_current()
        elif name == "unfinished" and self._continue_elsewhere():
            return
        else:
            s = self.session
            view = "" if s.filter_name == "all" else " in this view"
            elsewhere = sum(s.counts[st] for st in FILTERS[name]) - (
                s.current_status in FILTERS[name])
            more = f" ({elsewhere} in the document: F4 shows them)" if view and elsewhere else ""
            self.notify(f"No other {name} segment{view}{more}.", markup=False)

    def _continue_elsewhere(self) -> bool:
        """Nothing unfinished left in the whole document, opened from the
        catalogue: name the next document that needs this language, and open
        it on a second press (the app exits with it; `transkit review` opens it)."""
        s = self.session
        left = sum(s.counts[st] for st in FILTERS["unfinished"]) - (
            s.current_status in FILTERS["unfinished"])
        if left or self.next_document is None:
            return False
        doc = self.next_document(self.doc, self.lang)
        if doc is None:
            return False
        if self.offered_document == doc:
            self.exit(Opened(doc, self.lang))
            return True
        self.offered_document = doc
        self.notify(f"Nothing unfinished left here. Press it again to open {doc}, "
                    f"the next document that needs {self.lang}.", markup=False)
        return True

    def action_concordance(self) -> None:
        """Every document's segments holding the selected text (or one typed):
        one in this document and language is gone to, any other opened."""
        query = self.w_editor.selected_text.strip() if self.focused is self.w_editor else ""

        def opened(found: Opened | None) -> None:
            if found is None:
                return
            index = self.session.index_of(found.segment)
            if (found.doc, found.lang) == (self.doc, self.lang) and index is not None:
                self.commit_editor()
                self.session.go_to(index)
                self.show_current()
                return
            self.exit(found)

        targets = list(self.project.config.languages)
        self.push_screen(ConcordanceScreen(self.project, targets, " ".join(query.split())),
                         opened)

    def action_filter(self) -> None:
        names = list(VIEWS)
        s = self.session
        aligned = len(s.aligned())

        def choice(name: str) -> Text:
            n = aligned if name == ALIGNED else sum(s.counts[st] for st in FILTERS[name])
            text = Text(f"{name:<14}", Style(bold=name == s.filter_name))
            text.append(f"{n:>6} segment{'' if n == 1 else 's'}", Style(dim=True))
            if name == ALIGNED:
                text.append("  by transkit align, least sure first", Style(dim=True))
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
            if key.id in ("approve", "keep") and (key.id == "keep") != self.keeps():
                continue  # the one that applies here
            yield SystemCommand(key.label, key.help, partial(self.run_action, key.action))
