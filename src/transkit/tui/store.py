"""One language's PO file as the review app holds it.

Reading, merging and writing are the translation store's (`transkit.store`):
settled reads, a three-way merge by segment id with the `REVIEW` rule (the
reviewer's edit wins, the text it replaced stays on the segment as an
alternative), an install that loses no editor's save. This is only the app's
bookkeeping around it: the version a save starts from, which segments
changed since, whether a save is under way. Changed on the app's thread
alone; a worker gets copies of what it needs and posts what happened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from transkit.catalog import Catalog
from transkit.errors import TranskitError
from transkit.fsutil import Stamp
from transkit.po import scan_catalog
from transkit.store import Store, Version


def head_cut(data: bytes, entries: int) -> int | None:
    """Where the first `entries` entries (after the header) end, if the file has more.

    Entries of a PO file are separated by one empty line, and no entry has
    an empty line inside, so the first `entries` + 1 blank lines end them.
    """
    pos = 0
    for _ in range(entries + 1):
        pos = data.find(b"\n\n", pos)
        if pos < 0:
            return None
        pos += 2
    return pos - 1


@dataclass
class PoFile:
    store: Store
    doc: str
    lang: str
    #: What the app shows: the version's entries, with the reviewer's edits
    #: put in as new objects (copy-on-write, see `session`).
    catalog: Catalog
    #: The file as last read or written in full: where the next save's merge
    #: starts. None while only the head is read.
    version: Version | None
    dirty: set[str] = field(default_factory=set)  # ids changed since the last save began
    sending: frozenset[str] = frozenset()  # ids changed in the save under way
    busy: bool = False  # a save (or a re-read) is under way: one at a time
    waiting: bool = False  # that save has taken long enough to say so
    failed: str = ""  # the last save's error, until a save succeeds
    rest: tuple[bytes, Stamp | None] | None = None  # the whole file, while only its head is read
    head: Catalog | None = None  # the head as read, while only the head is read

    @classmethod
    def load(cls, store: Store, doc: str, lang: str, head: int | None = None) -> PoFile:
        """Read and validate the file; with `head`, only its first `head` entries
        (`partial`), the rest to be read by `read_rest` in the background."""
        path = store.path(doc, lang)
        if not os.path.lexists(path):
            raise TranskitError(
                f"no {lang} translation of {doc!r} yet (run 'transkit import' or 'update')",
                path,
            )
        data, stamp = store.read_raw(doc, lang)
        cut = head_cut(data, head) if head else None
        if cut:
            first = scan_catalog(data[:cut], path)
            return cls(store, doc, lang, _copy(first), None, rest=(data, stamp), head=first)
        version = store.version_of(data, stamp, path)
        return cls(store, doc, lang, _copy(version.catalog), version)

    @property
    def partial(self) -> bool:
        return self.version is None

    @property
    def path(self) -> Path:
        return self.store.path(self.doc, self.lang)

    def read_rest(self) -> Version:
        """The whole file, validated (in a worker; the app then adopts it)."""
        assert self.rest is not None
        data, stamp = self.rest
        return self.store.version_of(data, stamp, self.path)

    def snapshot(self) -> Catalog:
        """What to save now (a consistent copy however the reviewer goes on
        editing: entries are copy-on-write). `dirty` moves to `sending`."""
        self.sending, self.dirty = frozenset(self.dirty), set()
        return _copy(self.catalog)

    def sent(self, ok: bool) -> None:
        """The save under way is over; if it failed, its segments are dirty again."""
        if not ok:
            self.dirty |= self.sending
        self.sending = frozenset()
        self.busy = self.waiting = False

    def changed_on_disk(self) -> bool:
        return self.version is not None and self.store.changed(self.version, self.doc, self.lang)

    def rescue(self, ours: Catalog) -> Path:
        """Last resort when saving fails at quit: our version beside the file."""
        return self.store.keep_aside(self.doc, self.lang, ours)


def _copy(catalog: Catalog) -> Catalog:
    return Catalog(dict(catalog.header), list(catalog.entries), list(catalog.header_comments))
