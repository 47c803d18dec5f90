"""One language's PO file as the review app holds it: loaded, saved, re-read.

Saving never overwrites blindly. The file's stat signature is remembered at
every read and write; if it differs when we are about to save, someone else
(another translator's tool, `transkit draft`, a text editor) wrote it while
the app was open, so we re-read it and merge by segment id: their file, with
our pending edits on top. Only the segments we changed win; theirs survive.

`write` runs in a worker thread; everything else on the app's thread. A lock
keeps the final flush at quit from racing a worker's write. Writing is what
`Project.save_translation` does (`format_catalog`, which remembers formatted
entries, then an atomic write), so a save costs the same at 100 and at
10,000 segments. Reading is `transkit.po.scan_catalog` (validated),
and can read just the head of a long file first so the screen opens at once.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from transkit.catalog import Catalog, Entry
from transkit.errors import PoError, TranskitError
from transkit.fsutil import MAX_PO_BYTES, Stamp, read_input, stamp_of, write_atomic
from transkit.po import format_catalog, scan_catalog
from transkit.project import Project


def _same(a: Entry, b: Entry) -> bool:
    """The same translation and status (wherever in a file each was read)."""
    return (a.target, a.fuzzy, a.previous, a.comments) == (b.target, b.fuzzy, b.previous,
                                                            b.comments)


def merge_pending(
    fresh: Catalog, pending: Mapping[str, Entry], base: Mapping[str, Entry] | None = None
) -> tuple[Catalog, list[str], list[Entry]]:
    """`fresh` (re-read from disk) with our `pending` entries put over theirs by id.

    Returns the merged catalog, the ids of pending edits whose segment is no
    longer in the file (the source was re-imported without it), and the
    entries of `fresh` that someone else changed too: changed since `base`
    (each pending entry as we last read or wrote it), and not to what we have.
    Ours is kept; theirs is returned, for the reviewer to be told.
    """
    base = base or {}
    placed: set[str] = set()
    conflicts = []
    entries = []
    for entry in fresh.entries:
        ours = None if entry.obsolete else pending.get(entry.id)
        if ours is not None:
            was = base.get(entry.id)
            if was is not None and not _same(was, entry) and not _same(ours, entry):
                conflicts.append(entry)
            entries.append(ours)
            placed.add(entry.id)
        else:
            entries.append(entry)
    lost = [i for i in pending if i not in placed]
    return Catalog(dict(fresh.header), entries, list(fresh.header_comments)), lost, conflicts


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


def _read(path: Path) -> bytes:
    """A PO file's bytes, or an `InputError` naming it at once: a FIFO, a device
    (``/dev/zero``), a symbolic link loop or a file over `MAX_PO_BYTES` is
    never waited on or read into memory."""
    return read_input(path, limit=MAX_PO_BYTES, what="PO file")


@dataclass
class SaveResult:
    """What a write did; posted back to the app thread."""

    stamp: Stamp | None
    merged: Catalog | None = None  # set if the file had changed and was merged
    lost: list[str] = field(default_factory=list)
    conflicts: list[Entry] = field(default_factory=list)  # theirs, where ours was written over


@dataclass
class PoFile:
    project: Project
    doc: str
    lang: str
    catalog: Catalog
    stamp: Stamp | None
    dirty: set[str] = field(default_factory=set)  # ids changed since the last snapshot
    saving: bool = False  # a write (or re-read) is in flight
    inflight: dict[str, Entry] = field(default_factory=dict)  # the pending entries being written
    bad_stamp: Stamp | None = None  # a changed file we could not read: don't retry until it changes
    failed: str = ""  # the last save error, until a save succeeds
    rest: bytes | None = None  # the whole file, while only its head is read
    # Each dirty entry as on disk when we last read or wrote it: a change made
    # there since is someone else's (see merge_pending).
    base: dict[str, Entry] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load(cls, project: Project, doc: str, lang: str, head: int | None = None) -> PoFile:
        """Read and validate the file; with `head`, only its first `head` entries
        (`partial`), the rest to be read by `read_rest` in the background."""
        path = project.po_path(doc, lang)
        if not os.path.lexists(path):
            raise TranskitError(
                f"no {lang} translation of {doc!r} yet (run 'transkit import' or 'update')",
                path,
            )
        stamp = stamp_of(path)
        data = _read(path)
        cut = head_cut(data, head) if head else None
        catalog = scan_catalog(data[:cut] if cut else data, path)
        return cls(project, doc, lang, catalog, stamp, rest=data if cut else None)

    @property
    def partial(self) -> bool:
        return self.rest is not None

    def read_rest(self) -> Catalog:
        """The whole file, validated (in a worker; the app then adopts it)."""
        assert self.rest is not None
        return scan_catalog(self.rest, self.path)

    def reread(self) -> Catalog:
        return scan_catalog(_read(self.path), self.path)

    @property
    def path(self) -> Path:
        return self.project.po_path(self.doc, self.lang)

    def changed_on_disk(self) -> bool:
        return stamp_of(self.path) != self.stamp

    def snapshot(self, pending: Mapping[str, Entry]) -> Catalog:
        """What to write now; `pending` are our changed entries. Clears `dirty`.

        Entries are copy-on-write (see `session`), so copying the list is a
        consistent snapshot however the reviewer goes on editing.
        """
        catalog = Catalog(
            dict(self.catalog.header), list(self.catalog.entries),
            list(self.catalog.header_comments),
        )
        self.dirty.clear()
        return catalog

    def write(self, catalog: Catalog, pending: Mapping[str, Entry], expected: Stamp | None,
              base: Mapping[str, Entry] | None = None) -> SaveResult:
        """Write `catalog`, or, if the file changed since `expected`, merge first.

        Thread-safe, and in turn with other transkit writers (`Project.writing`);
        raises TranskitError if the changed file cannot be read.
        """
        with self.lock, self.project.writing(self.doc, self.lang):
            merged = None
            lost: list[str] = []
            conflicts: list[Entry] = []
            if self.partial or stamp_of(self.path) != expected:
                # Someone else wrote the file, or we hold only its head: never
                # write what we have over it, put our edits on what is there.
                fresh = self.reread()
                merged, lost, conflicts = merge_pending(fresh, pending, base)
                catalog = merged
            try:
                text = format_catalog(catalog)
            except ValueError as exc:  # e.g. a NUL typed into a translation
                raise PoError(f"cannot be written: {exc}", self.path) from None
            write_atomic(self.path, text)
            return SaveResult(stamp_of(self.path), merged, lost, conflicts)

    def rescue(self, pending: Mapping[str, Entry]) -> Path:
        """Last resort when saving fails at quit: our version beside the file."""
        catalog = self.catalog
        if self.partial:
            # If the rest cannot be read, the head we have (with our edits) is still kept.
            with contextlib.suppress(TranskitError):
                catalog = merge_pending(self.read_rest(), pending)[0]
        target = self.path.with_name(self.path.name + ".unsaved")
        write_atomic(target, format_catalog(catalog))
        return target
