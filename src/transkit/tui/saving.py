"""Saving: every change written at once, through the translation store.

A change marks its segment dirty and starts a save after the frame is
painted; one save per file is under way at a time, and whatever changed
meanwhile goes in the next. The store merges with whatever anyone else
wrote (`REVIEW` rule) and hands back the file as it now is; the app takes
that, with the edits made since the save began on top. A file another
program changed is noticed by a timer and taken in the same way. At quit,
what is not yet written is written synchronously. A part of `ReviewApp`
(see base.py).
"""

from __future__ import annotations

import contextlib
from functools import partial
from pathlib import Path

from rich.text import Text

from transkit.catalog import Catalog
from transkit.errors import EXIT_ERROR, TranskitError
from transkit.merge import REVIEW, Side, alternatives, merge
from transkit.po import format_catalog
from transkit.status import today
from transkit.store import Saved as StoreSaved
from transkit.store import Version, write_copy
from transkit.tui.base import AppBase
from transkit.tui.messages import Saved, SaveFailed
from transkit.tui.outline import Outline
from transkit.tui.safe import shown
from transkit.tui.screens.picker import PickerScreen
from transkit.tui.screens.prompt import PromptScreen
from transkit.tui.session import Change
from transkit.tui.store import PoFile


def two_edits(entry_id: str, lang: str, theirs: str, *, ours_kept: bool) -> str:
    """The one message both reviewers of one segment get, each from their side."""
    text = shown(theirs, one_line=True)[:300] or "(empty)"
    if ours_kept:
        return (f"{entry_id} ({lang}) was changed by someone else too, since you read it. "
                f"Yours is saved; theirs is kept on the segment as an alternative "
                f"(Ctrl+T): {text}")
    return (f"{entry_id} ({lang}): your text was replaced by someone else's edit. "
            f"Yours is kept on the segment as an alternative (Ctrl+T): {text}")


#: After this long, a save under way is shown in the header ("saving…").
SAY_SAVING = 0.3


class Saving(AppBase):
    """Changes to files: save, take in what others wrote, flush at quit."""

    def changed(self, change: Change | None, lang: str | None = None) -> None:
        """A segment changed: save its file, redraw its row and the header."""
        if change is None:
            return
        lang = lang or self.lang
        self.files[lang].dirty.add(change.id)
        self.remember(change, lang)
        # Paint first, then start the write: a save's thread would compete with
        # this key's frames for the interpreter (the work column's, then the
        # header's and aids'). Milliseconds later, never skipped.
        self.call_after_refresh(self.call_after_refresh, self.save, lang)
        if lang == self.lang:
            index = self.session.index_of(change.id)
            row = self.session.row_of(index) if index is not None else None
            if row is not None:
                self.w_list.refresh_row(row)
            self.show_aids_later()

    def save(self, lang: str, *, refresh: bool = False) -> None:
        """Start saving `lang`'s file in a worker (one at a time per file).

        With `refresh`, also when nothing changed here: another program wrote
        the file, and the store's merge takes its changes in.
        """
        file = self.files[lang]
        if file.busy or file.partial or not (file.dirty or refresh):
            return
        ours = file.snapshot()
        file.busy = True
        self._work(partial(self._write, file, ours), f"save-{lang}",
                   f"save {file.path.name} ({lang})")
        self.set_timer(SAY_SAVING, partial(self._still_saving, file, file.sending))

    def _still_saving(self, file: PoFile, sending: frozenset[str]) -> None:
        """A save still under way after a moment waits for another writer:
        the header says "saving…" until it is done. Only the save this timer
        was set for: a later one (approvals in a row) has its own, or the
        header flickered "saving…" and back, two frames, after quick saves."""
        if file.busy and file.sending is sending and sending and not file.waiting:
            file.waiting = True
            if file.lang == self.lang:
                self.show_header()

    def _write(self, file: PoFile, ours: Catalog) -> None:  # worker
        try:
            saved = file.store.save(file.doc, file.lang, ours, file.version, REVIEW,
                                    who=self.reviewer, when=today())
        except (TranskitError, OSError) as exc:
            self.post_message(SaveFailed(file.lang, ours, str(exc)))
            return
        self.post_message(Saved(file.lang, saved, ours))

    def on_saved(self, message: Saved) -> None:
        file = self.files[message.lang]
        if file.waiting and file.lang == self.lang:
            self.call_after_refresh(self.show_header)
        file.sent(ok=True)
        before = file.version
        file.version = message.saved.version
        if file.failed:
            file.failed = ""
            self.notify(f"{file.path.name} ({file.lang}) saved again.", markup=False)
        if message.saved.merge is not None:
            self._tell(file, message.saved, before)
            self.adopt(file, message.saved.version.catalog, since=message.ours)
        if file.dirty:
            self.save(file.lang)

    def on_save_failed(self, message: SaveFailed) -> None:
        file = self.files[message.lang]
        if file.waiting and file.lang == self.lang:
            self.call_after_refresh(self.show_header)
        file.sent(ok=False)  # its segments go with the next try
        file.failed = message.error
        self.notify(
            f"{shown(message.error)}\nYour edits are kept and saved with the next change, "
            "or at quit.",
            title=f"Could not save {file.lang}", severity="error", timeout=30, markup=False,
        )

    def adopt(self, file: PoFile, catalog: Catalog, *,
              since: Catalog | None = None) -> None:
        """Show `catalog` (the file as it now is), with the edits made since
        `since` (what the last save started from) on top."""
        current = file.lang == self.lang
        if current:
            self.commit_editor()
        if since is not None and file.dirty:
            catalog = merge(since, file.catalog, catalog, REVIEW).catalog
        file.catalog = Catalog(dict(catalog.header), list(catalog.entries),
                               list(catalog.header_comments))
        self.sessions[file.lang].adopt(file.catalog)
        if current:
            self.outline = Outline(file.catalog)
            self.show_rows()
        else:
            self.show_languages()
        if self.background_done:
            self._freeze()

    def _tell(self, file: PoFile, saved: StoreSaved, before: Version | None) -> None:
        """Both reviewers of one segment learn it: the one whose edit was kept
        (now), and the one whose edit was replaced (when their app takes in
        the file), each told where the other text is kept."""
        assert saved.merge is not None
        for conflict in saved.merge.conflicts:
            if conflict.kept is Side.OURS and conflict.theirs.target:
                self.notify(two_edits(conflict.id, file.lang, conflict.theirs.target,
                                      ours_kept=True),
                            title="Two edits of one segment", severity="warning", timeout=60,
                            markup=False)
        old = {e.id: e for e in before.catalog.entries} if before is not None else {}
        for entry in saved.version.catalog:
            was = old.get(entry.id)
            if was is None or not was.target or was.target == entry.target:
                continue
            if any(alt.text == was.target for alt in alternatives(entry)):
                self.notify(two_edits(entry.id, file.lang, entry.target, ours_kept=False),
                            title="Your edit was replaced", severity="warning", timeout=60,
                            markup=False)

    def watch_files(self) -> None:
        """Every few seconds: did another program write one of our files?"""
        for code, file in list(self.files.items()):
            if file.busy or file.partial:
                continue
            if file.dirty:
                self.save(code)
            elif file.changed_on_disk():
                self.save(code, refresh=True)

    def hang_up(self, signum: int = 1) -> None:
        """The terminal is gone (SIGHUP), or the app was told to stop
        (SIGTERM): save what is pending at once, as no screen is left to ask
        anything, then leave with the shell's code for that signal."""
        with contextlib.suppress(Exception):  # the editor's text, if it can still be had
            self.commit_editor()
        problems = self.flush()
        self.exit_note = "\n".join(problems)
        self.exit(return_code=128 + signum)

    def flush(self) -> list[str]:
        """Write what is not yet written, synchronously (at quit, and after a crash).

        Returns what went wrong. A file that cannot be saved is kept beside the
        original as ``NAME.po.unsaved``; if even that fails (a full disk), its
        version stays in `unsaved`, for the reviewer to choose where it goes.
        """
        problems = []
        for file in self.files.values():
            if not (file.dirty or file.failed or file.busy) or file.partial:
                continue
            ours = file.snapshot()
            try:
                saved = file.store.save(file.doc, file.lang, ours, file.version, REVIEW,
                                        who=self.reviewer, when=today())
            except (TranskitError, OSError) as exc:
                file.sent(ok=False)
                file.failed = str(exc)
                problems.append(self._rescue(file, ours, exc))
                continue
            file.sent(ok=True)
            file.version, file.failed = saved.version, ""
            self.unsaved.pop(file.lang, None)
            problems += [
                two_edits(c.id, file.lang, c.theirs.target, ours_kept=True)
                for c in (saved.merge.conflicts if saved.merge else ())
                if c.kept is Side.OURS and c.theirs.target
            ]
        return problems

    def _rescue(self, file: PoFile, ours: Catalog, exc: Exception) -> str:
        try:
            rescued = file.rescue(ours)
        except (TranskitError, OSError) as exc2:
            self.unsaved[file.lang] = ours
            return f"could not save {file.path}: {exc}; nor a copy beside it: {exc2}"
        file.dirty.clear()
        file.failed = ""
        self.unsaved.pop(file.lang, None)
        return f"could not save {file.path}: {exc}; your version is in {rescued}"

    # -- quitting with edits nowhere on disk -------------------------------------------

    def ask_where_unsaved_go(self, problems: list[str]) -> None:
        """Nothing could be written, not even beside the file: the reviewer
        chooses — try again, another file, the terminal, or let them go."""
        langs = ", ".join(sorted(self.unsaved))
        choices = [
            Text("Try again"),
            Text("Write them to another file…"),
            Text("Print them (as a PO file) to the terminal when the app closes"),
            Text("Quit without them"),
        ]

        async def chosen(k: int | None) -> None:
            if k == 0:  # awaited: run_action is a coroutine
                await self.run_action("quit")
            elif k == 1:
                self.push_screen(
                    PromptScreen("Write the unsaved edits to", "a path on another disk"),
                    self._write_unsaved_to,
                )
            elif k == 2:
                self.exit_dump = "".join(format_catalog(c) for c in self.unsaved.values())
                self._leave([*problems, "your edits are printed above, as PO"])
            elif k == 3:
                self._leave([*problems, f"edits of {langs} were not saved"])

        self.notify("\n".join(shown(p) for p in problems), title="Could not save",
                    severity="error", timeout=60, markup=False)
        self.push_screen(PickerScreen(f"Edits of {langs} are not saved", choices), chosen)

    def _write_unsaved_to(self, answer: str | None) -> None:
        if not answer:
            self.ask_where_unsaved_go([])
            return
        target = Path(answer).expanduser()
        written = []
        try:
            for lang, catalog in self.unsaved.items():
                path = target if len(self.unsaved) == 1 else target.with_suffix(f".{lang}.po")
                write_copy(path, catalog)
                written.append(str(path))
        except (TranskitError, OSError) as exc:
            self.notify(shown(str(exc)), title="Could not write there", severity="error",
                        timeout=30, markup=False)
            self.ask_where_unsaved_go([])
            return
        self._leave(["your unsaved edits are in " + ", ".join(written)])

    def _leave(self, notes: list[str]) -> None:
        """Quit once the unsaved edits went where the reviewer said (nowhere
        included): nothing is tried again after the app closes."""
        for lang in self.unsaved:
            self.files[lang].dirty.clear()
            self.files[lang].failed = ""
        self.unsaved.clear()
        self.exit_note = "\n".join(notes)
        self.exit(return_code=EXIT_ERROR)
