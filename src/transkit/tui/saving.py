"""Saving: every change written at once, in a worker, merged with other writers.

A change marks its entry dirty and starts a save after the frame is
painted; one write per file is in flight, and whatever changed meanwhile
goes in the next. A file another program changed is re-read and merged
(our pending edits on top), never overwritten; at quit, what is not yet
written is written synchronously, or kept beside the file. A mixin of
`ReviewApp`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from transkit.catalog import Catalog, Entry
from transkit.errors import TranskitError
from transkit.tui.messages import Reloaded, Saved, SaveFailed
from transkit.tui.outline import Outline
from transkit.tui.safe import shown
from transkit.tui.session import Change
from transkit.tui.store import PoFile, merge_pending, stamp_of

if TYPE_CHECKING:
    from transkit.tui.app import ReviewApp


def _two_edits(theirs: Entry, lang: str) -> str:
    text = shown(theirs.target, one_line=True) or "(empty)"
    return (f"{theirs.id} ({lang}) was changed by someone else too, since you read it. "
            f"Yours is saved; theirs was: {text[:300]}")


class Saving:
    """Changes to files: save, merge, re-read, flush."""

    def changed(self: ReviewApp, change: Change | None, lang: str | None = None) -> None:
        """A segment changed: save its file, redraw its row and the header."""
        if change is None:
            return
        lang = lang or self.lang
        file = self.files[lang]
        file.dirty.add(change.id)
        file.base.setdefault(change.id, change.before)  # as it was on disk
        # Paint first, then start the write: a save's thread would compete with
        # this frame for the interpreter. Milliseconds later, never skipped.
        self.call_after_refresh(self.save, lang)
        if lang == self.lang:
            index = self.session.index_of(change.id)
            row = self.session.row_of(index) if index is not None else None
            if row is not None:
                self.w_list.refresh_row(row)
            self.show_aids_later()

    def _pending(self: ReviewApp, lang: str) -> dict[str, Entry]:
        """Our changed, not yet written entries of `lang`, by id."""
        session = self.sessions[lang]
        out = {}
        for entry_id in self.files[lang].dirty:
            index = session.index_of(entry_id)
            if index is not None:
                out[entry_id] = session.entry(index)
        return out

    def save(self: ReviewApp, lang: str) -> None:
        """Start writing `lang`'s file in a worker (one write in flight per file)."""
        file = self.files[lang]
        if file.saving or file.partial or not file.dirty:
            return
        pending = self._pending(lang)
        catalog = file.snapshot(pending)
        file.saving = True
        file.inflight = pending
        self._work(partial(self._write, file, catalog, pending, file.stamp, dict(file.base)),
                   f"save-{lang}", f"save {file.path.name} ({lang})")

    def _write(self: ReviewApp, file: PoFile, catalog: Catalog, pending: dict[str, Any],
               expected: Any, base: dict[str, Entry]) -> None:  # worker
        try:
            result = file.write(catalog, pending, expected, base)
        except (TranskitError, OSError) as exc:
            self.post_message(SaveFailed(file.lang, pending, str(exc)))
            return
        self.post_message(Saved(file.lang, result))

    def on_saved(self: ReviewApp, message: Saved) -> None:
        file = self.files[message.lang]
        file.saving = False
        for entry_id, entry in file.inflight.items():  # now on disk as we wrote it
            if entry_id in file.dirty:
                file.base[entry_id] = entry
            else:
                file.base.pop(entry_id, None)
        file.inflight = {}
        file.stamp = message.result.stamp
        self._tell_conflicts(file, message.result.conflicts)
        if file.failed:
            file.failed = ""
            self.notify(f"{file.path.name} ({file.lang}) saved again.", markup=False)
        if message.result.merged is not None:
            self.adopt(file, message.result.merged, message.result.lost)
        if file.dirty:
            self.save(file.lang)

    def on_save_failed(self: ReviewApp, message: SaveFailed) -> None:
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

    def adopt(self: ReviewApp, file: PoFile, catalog: Catalog, lost: Iterable[str] = (), *,
              note: bool = True) -> None:
        """Take `catalog` (read from disk) as `file`'s, our unsaved edits on top."""
        current = file.lang == self.lang
        saving, file.saving = file.saving, True  # no save may snapshot the old catalog now
        try:
            if current:
                self.commit_editor()
            ours = self._pending(file.lang)
            if ours:
                on_disk = {e.id: e for e in catalog.entries}
                catalog, more, conflicts = merge_pending(catalog, ours, file.base)
                lost = [*lost, *more]
                self._tell_conflicts(file, conflicts)
                for entry_id in ours:  # their version is told and seen: ours goes over it
                    if entry_id in on_disk:
                        file.base[entry_id] = on_disk[entry_id]
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

    def _tell_conflicts(self: ReviewApp, file: PoFile, theirs: list[Entry]) -> None:
        """Someone else changed segments we changed too: ours is kept, show theirs."""
        for entry in theirs:
            self.notify(_two_edits(entry, file.lang), title="Two edits of one segment",
                        severity="warning", timeout=60, markup=False)

    def watch_files(self: ReviewApp) -> None:
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

    def _reread(self: ReviewApp, file: PoFile) -> None:  # worker
        stamp = stamp_of(file.path)
        try:
            catalog = file.reread()
        except (TranskitError, OSError) as exc:
            self.post_message(SaveFailed(file.lang, {}, f"cannot re-read: {exc}", stamp))
            return
        self.post_message(Reloaded(file.lang, catalog, stamp))

    def on_reloaded(self: ReviewApp, message: Reloaded) -> None:
        file = self.files[message.lang]
        file.saving = False
        file.stamp = message.stamp
        self.adopt(file, message.catalog)
        if file.dirty:
            self.save(file.lang)

    def flush(self: ReviewApp) -> list[str]:
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
                result = file.write(catalog, pending, None if file.inflight else file.stamp,
                                    file.base)
                file.stamp = result.stamp
                problems += [_two_edits(e, file.lang) for e in result.conflicts]
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
