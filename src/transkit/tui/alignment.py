"""Fixing an alignment where translators work: join, unjoin, move a sentence.

`transkit.align.edits` decides what each fix-up does to the segments (pure,
copies of what changed); this part of `ReviewApp` (see base.py) applies
them to the session as one undoable step, saves every segment they touched
through the app's one save path, and says in words why one does not apply.
The same keys serve hand translation: two sentences written into one
segment are split with "move the last sentence to the next segment".
"""

from __future__ import annotations

from collections.abc import Callable

from transkit.align.edits import Edit, EditError, join_with_previous, move_sentence, unjoin
from transkit.catalog import Entry
from transkit.status import Status, status_of
from transkit.tui.base import AppBase
from transkit.tui.session import Change


class Alignment(AppBase):
    """The alignment fix-up keys' actions."""

    def _fix(self, action: str, edit: Callable[[list[Entry], int], Edit]) -> list[Change]:
        """Apply one fix-up at the current segment; [] (and said why) if it does not apply."""
        self.commit_editor()
        session = self.session
        live = [session.entry(i) for i in range(len(session))]
        try:
            done = edit(live, session.index)
        except EditError as exc:
            self.notify(f"{exc}.", severity="warning", markup=False)
            return []
        changes = session.apply(action, done.changed)
        for change in changes:
            self.changed(change)
        self.show_current()
        # Said only when it demotes (as needs-work is): a toast costs a frame.
        if any(status_of(c.before) is Status.APPROVED for c in changes):
            self.notify("An approved segment's text changed: it is translated now, "
                        "to approve again (Ctrl+Z undoes).", markup=False)
        return changes

    def action_join_previous(self) -> None:
        """One sentence covers this segment and the previous one."""
        self._fix("join", lambda live, i: join_with_previous(live, i, who=self.reviewer))

    def action_unjoin(self) -> None:
        """Give a joined segment its own text back (the covering segment's last sentence)."""
        lang = self.lang
        self._fix("unjoin", lambda live, i: unjoin(live, i, lang, who=self.reviewer))

    def action_move_sentence(self, direction: int) -> None:
        """The first sentence to the previous segment (-1), or the last to the next (+1)."""
        lang = self.lang
        self._fix("move-sentence",
                  lambda live, i: move_sentence(live, i, direction, lang, who=self.reviewer))
