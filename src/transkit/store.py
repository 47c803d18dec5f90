"""The translation store: every read and write of a document's PO files.

The review app, ``draft`` and ``import`` write PO files while translators'
editors (Poedit, vim, a script with polib) write them too, and those take no
lock. Whoever writes, nothing may be lost. So every transkit write is:

1. **read** the file as it is now, *settled*: a file an editor is rewriting
   in place is read again until it stops changing and parses (never taken
   as malformed, never worked on half-written);
2. **merge** three ways by segment id (`transkit.merge`): the version the
   writer started from (`base`), the writer's own (`ours`), and what was
   just read (`theirs`), each writer with its own conflict `Rule`;
3. **install** the result with a compare-and-swap, under the file's lock
   (which only transkit's writers take, and only for these three steps).

The compare-and-swap, by platform:

- Linux (``renameat2(RENAME_EXCHANGE)``; ext4, xfs, btrfs, tmpfs…): the new
  file and the old are *exchanged* atomically, so the version we replaced
  is still in hand. If it is not the one we merged against (an editor saved
  between our read and our swap, by rename or in place), it is merged in and
  the result installed again. Nothing an editor saved is lost.
- Elsewhere, or where the file system refuses the exchange: the file is
  compared just before an atomic rename. An editor's save landing in the
  microseconds between is lost; the window is that, not the seconds of a
  merge.
- After an install, an editor that read the file *before* it and writes the
  whole file back *after* it (polib's in-place ``save``) writes our segments
  back as they were. The store remembers the versions its writes replaced
  (`superseded`); the next merge recognises those stale copies and keeps our
  text, the editor's own edits with it.

No Textual here: the review app, ``draft``, ``import`` and the git merge
driver all call the same functions.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import functools
import os
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from transkit.catalog import Catalog, Entry
from transkit.errors import InputError, PoError, TranskitError
from transkit.fsutil import (
    MAX_PO_BYTES,
    STATE_DIR,
    Stamp,
    make_temp,
    os_error_cause,
    read_input,
    stamp_of,
    write_atomic,
)
from transkit.merge import DRAFT, REVIEW, Conflict, Merge, Rule, merge, same
from transkit.po import encode_catalog, format_catalog, scan_catalog
from transkit.project import Project
from transkit.revision import carried, revised, revision_date, translations_changed

#: A file changed less than this long ago may still be being written.
SETTLE = 0.02
#: How long to wait for a file being rewritten to settle before giving up.
PATIENCE = 5.0
#: How long after its last change a file that does not parse is still taken
#: for one being rewritten (an editor that stalled mid-write), not a broken one.
GRACE = 0.5
#: How many of our own writes' replaced entries to remember per file: an
#: editor's stale copy can only be as old as the editor's read-to-save time,
#: and a write remembers only the few entries it changed.
REMEMBERED = 4096
#: The writers whose saves stamp PO-Revision-Date and Last-Translator when they
#: change a translation (`transkit.revision`); import changes sources only.
STAMPED = frozenset({REVIEW.name, DRAFT.name})


def _now() -> datetime:
    return datetime.now().astimezone()


@dataclass(frozen=True)
class Version:
    """One version of a file as read or written: what a writer starts from.

    Writers must not change `catalog`'s entries in place (copy an entry
    before editing it): the store compares against them.
    """

    catalog: Catalog
    data: bytes
    stamp: Stamp | None


@dataclass(frozen=True)
class Saved:
    """What a save did. `version` is what is on disk now: the writer's next base."""

    version: Version
    merge: Merge | None = None  # None: nobody else had written, ours went in as it was
    written: bool = True

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        return self.merge.conflicts if self.merge else ()


@dataclass
class _History:
    """Per file: entries our writes replaced, to spot an editor's stale copy."""

    displaced: deque[dict[str, Entry]] = field(default_factory=lambda: deque(maxlen=REMEMBERED))

    def remember(self, replaced: Catalog | None, written: Catalog) -> None:
        """The entries a write of ours changed, as they were before it
        (`replaced`: the version we merged against, not one found after)."""
        if replaced is None:
            return
        now = _entries(written)
        self.displaced.append(
            {k: e for k, e in _entries(replaced).items() if not same(e, now.get(k))}
        )

    def superseded(self) -> dict[str, list[Entry]]:
        out: dict[str, list[Entry]] = {}
        for entries in self.displaced:
            for key, entry in entries.items():
                out.setdefault(key, []).append(entry)
        return out


class Store:
    """One project's PO files, read settled and written by merge and swap."""

    def __init__(
        self,
        project: Project,
        *,
        settle: float = SETTLE,
        patience: float = PATIENCE,
        clock: Callable[[], datetime] = _now,
    ):
        self.project = project
        self.settle = settle
        self.patience = patience
        self.clock = clock  # for PO-Revision-Date
        self._translators: dict[str, str] = {}  # per language, Last-Translator
        self._history: dict[Path, _History] = {}
        self._inodes: dict[Path | str, int] = {}  # per file, the inode we last read
        self._written: dict[Path | str, Stamp] = {}  # per file, the stamp of our last write

    def path(self, doc: str, lang: str) -> Path:
        return self.project.po_path(doc, lang)

    # -- reading ---------------------------------------------------------------

    def read(self, doc: str, lang: str) -> Version:
        """The file as it is, settled and validated."""
        return self.read_path(self.path(doc, lang))

    def read_path(self, path: Path, known: Version | None = None) -> Version:
        """`path` once it has stopped changing and parses.

        A file changed within the last `settle` seconds may be one an editor
        is still rewriting in place: it is read again after that long, unless
        it is the very file we wrote last, or one that arrived by rename (a
        new inode since our last read), which is whole by construction: an
        editor that saves every few milliseconds cannot starve us. A file
        that does not parse but changed within `GRACE` seconds is waited for
        (an editor may have stalled mid-rewrite); then PoError names the
        line. TranskitError if it keeps changing for `patience`. Bytes equal
        to `known`'s are not parsed again.
        """
        deadline = time.monotonic() + self.patience
        seen = self._inodes.get(path)
        ours = self._written.get(path)
        while True:
            before = stamp_of(path)
            if before is None:
                raise PoError("no such file", path)
            data = read_input(path, limit=MAX_PO_BYTES, what="PO file")
            after = stamp_of(path)
            renamed = seen is not None and after is not None and after[2] != seen
            whole = renamed or after == ours or not self._recent(after, self.settle)
            if before == after and whole:
                try:
                    if known is not None and data == known.data:  # parsed already
                        version = Version(known.catalog, known.data, after)  # held once
                    else:
                        version = Version(scan_catalog(data, path), data, after)
                except PoError:
                    if time.monotonic() > deadline or not self._recent(after, GRACE):
                        raise
                else:
                    if after is not None:
                        self._inodes[path] = after[2]
                    return version
            if time.monotonic() > deadline:
                raise TranskitError(
                    f"kept changing for {self.patience:.0f} s while being read", path
                )
            time.sleep(self.settle)

    def read_raw(self, doc: str, lang: str) -> tuple[bytes, Stamp | None]:
        """The file's bytes once it has stopped changing, not yet validated:
        for a reader that parses only the head first (the review app)."""
        path = self.path(doc, lang)
        if stamp_of(path) is None:
            raise PoError("no such file", path)
        return self._settled(path, whole=False)

    @staticmethod
    def version_of(data: bytes, stamp: Stamp | None, path: Path) -> Version:
        """The validated `Version` of bytes read by `read_raw`."""
        return Version(scan_catalog(data, path), data, stamp)

    @staticmethod
    def _recent(stamp: Stamp | None, seconds: float) -> bool:
        """Whether the file was modified within the last `seconds`."""
        return stamp is not None and stamp[0] > 0 and time.time() - stamp[0] / 1e9 < seconds

    def changed(self, version: Version, doc: str, lang: str) -> bool:
        """Whether the file is no longer `version` (someone wrote it)."""
        return stamp_of(self.path(doc, lang)) != version.stamp

    # -- writing ---------------------------------------------------------------

    def save(
        self,
        doc: str,
        lang: str,
        ours: Catalog,
        base: Version | None,
        rule: Rule,
        *,
        who: str = "",
        when: str = "",
    ) -> Saved:
        """Write `ours`, merged with whatever was written since `base`.

        `base` None: the file is new to this writer (an import creating it, or
        a merge with no common version). Holds the file's lock only for the
        read, merge and install. Raises TranskitError (a clear line) when the
        file cannot be read or written; the file is then as it was.
        """
        path = self.path(doc, lang)
        with self._turn(doc, lang):
            theirs = self._read_or_none(path, base)
            history = self._history.setdefault(path, _History())
            result: Merge | None = None
            if theirs is not None and (base is None or theirs.data != base.data):
                result = merge(
                    base.catalog if base else None,
                    ours,
                    theirs.catalog,
                    rule,
                    superseded=history.superseded(),
                    who=who,
                    when=when,
                )
                ours = result.catalog
            ours = self._stamped(lang, ours, theirs, rule)
            data = _format(ours, path)
            if theirs is not None and data == theirs.data:
                return Saved(theirs, result, written=False)
            # What we believe is at the path, as bytes and as a catalog.
            expected = theirs.data if theirs is not None else None
            expected_catalog = theirs.catalog if theirs is not None else None
            deadline = time.monotonic() + self.patience
            while True:
                installed, found = self._install(path, data, expected)
                if installed:  # what this install changed, for spotting stale copies
                    history.remember(expected_catalog, ours)
                if found is None:
                    break
                # Someone wrote between our read and our install: merge theirs
                # in and go again (if ours went in meanwhile, it is the base).
                try:
                    found_catalog = scan_catalog(found, path)
                except PoError:
                    if installed:  # theirs was malformed: put it back, as it was
                        self._install(path, found, data)
                    raise
                again = merge(
                    expected_catalog,
                    ours,
                    found_catalog,
                    rule,
                    superseded=history.superseded(),
                    who=who,
                    when=when,
                )
                result = _combined(result, again)
                before = ours
                ours = again.catalog
                expected, expected_catalog = (data, before) if installed else (found, found_catalog)
                data = _format(ours, path)
                if data == expected:
                    break
                if time.monotonic() > deadline:
                    # Saved faster than we can merge, for seconds on end: put
                    # the merge of everything seen in place without comparing.
                    _replace(path, data)
                    history.remember(expected_catalog, ours)
                    break
            stamp = stamp_of(path)
            if stamp is not None:
                self._inodes[path] = stamp[2]
                self._written[path] = stamp  # ours, whole: no need to wait on it
            return Saved(Version(ours, data, stamp), result)

    def _stamped(self, lang: str, ours: Catalog, theirs: Version | None, rule: Rule) -> Catalog:
        """`ours` with the header's revision fields as the file has them, or,
        if this save changes a translation, stamped now (as Poedit does)."""
        if theirs is not None:
            ours = carried(ours, theirs.catalog)
        if rule.name not in STAMPED or not translations_changed(
            theirs.catalog if theirs is not None else None, ours
        ):
            return ours
        if lang not in self._translators:
            from transkit.identity import last_translator

            self._translators[lang] = last_translator(self.project.config, lang)
        return revised(ours, revision_date(self.clock()), self._translators[lang])

    def save_template(self, doc: str, catalog: Catalog) -> bool:
        """Write the document's template if it changed; whether it did.

        Only ``import`` writes templates, one at a time under their lock.
        """
        path = self.project.template_path(doc)
        data = _format(catalog, path)
        with self._turn(doc, "template"):
            try:
                if read_input(path, limit=MAX_PO_BYTES, what="template") == data:
                    return False
            except InputError:
                pass  # missing, or not a file we can read: written anew
            try:
                write_atomic(path, data)
            except OSError as exc:
                raise TranskitError(f"cannot write: {os_error_cause(exc)}", path) from None
        return True

    def keep_aside(self, doc: str, lang: str, catalog: Catalog) -> Path:
        """Our version of a file we could not save, beside it as ``NAME.po.unsaved``
        (`transkit status` and `check` point at it until it is dealt with)."""
        path = self.path(doc, lang)
        target = path.with_name(path.name + UNSAVED_SUFFIX)
        write_copy(target, catalog)
        return target

    @contextlib.contextmanager
    def _turn(self, doc: str, lang: str) -> Iterator[None]:
        """The file's lock (`Project.writing`), or one line on why it cannot be had."""
        try:
            lock = self.project.writing(doc, lang)
            lock.__enter__()
        except OSError as exc:  # the locks' folder: a full disk, no permission
            where = exc.filename or self.project.root / STATE_DIR
            raise TranskitError(
                f"cannot take the write lock: {os_error_cause(exc)}", where
            ) from None
        try:
            yield
        finally:
            lock.__exit__(None, None, None)

    def _read_or_none(self, path: Path, known: Version | None = None) -> Version | None:
        if stamp_of(path) is None:
            return None
        return self.read_path(path, known)

    def _settled_bytes(self, path: Path | str) -> bytes:
        return self._settled(path)[0]

    def _settled(self, path: Path | str, *, whole: bool = True) -> tuple[bytes, Stamp | None]:
        """A file's bytes and stamp once nobody is writing it: an editor (say,
        one that opened a version we displaced before our swap) may be
        finishing in place. Like `read_path`, a file that does not parse is
        waited for while it changed within `GRACE`; then it is returned as it
        is. `whole` False skips that parse (the caller parses itself)."""
        deadline = time.monotonic() + self.patience
        while True:
            before = stamp_of(path)
            data = read_input(path, limit=MAX_PO_BYTES, what="PO file")
            settled = before == stamp_of(path) and not self._recent(before, self.settle)
            if settled and (not whole or _parses(data, path) or not self._recent(before, GRACE)):
                return data, before
            if time.monotonic() > deadline:
                return data, before
            time.sleep(self.settle)

    def _install(
        self, path: Path, data: bytes, expected: bytes | None
    ) -> tuple[bool, bytes | None]:
        """Put `data` at `path` if it still holds `expected` (None: no file yet).

        Returns whether `data` went in, and the bytes found in place of
        `expected` (None if it was there). With an exchange, ours goes in
        either way and theirs is handed back; without, ours goes in only
        if `expected` was still there.
        """
        try:
            with _staged(path, data) as tmp:
                if expected is None:
                    try:
                        os.link(tmp, path)  # create, only if still absent
                        return True, None
                    except FileExistsError:
                        return False, self._settled_bytes(path)
                at_path = self._inodes.get(path)  # the file we last read or put there
                ours = os.stat(tmp).st_ino
                if _exchange(tmp, path):
                    self._inodes[path] = ours
                    found = read_input(tmp, limit=MAX_PO_BYTES, what="PO file")
                    if found == expected:  # the version we merged against: nobody wrote
                        return True, None
                    if os.stat(tmp).st_ino == at_path:  # rewritten in place: may be unfinished
                        found = self._settled_bytes(tmp)
                    # else it arrived by rename: whole by construction
                    return True, (None if found == expected else found)
                current = read_input(path, limit=MAX_PO_BYTES, what="PO file")
                if current != expected:
                    return False, current
                os.replace(tmp, path)
                return True, None
        except OSError as exc:
            raise TranskitError(f"cannot write: {os_error_cause(exc)}", path) from None


#: A review's version of a file it could not save, kept beside the file.
UNSAVED_SUFFIX = ".unsaved"


def write_copy(path: Path, catalog: Catalog) -> None:
    """`catalog` as a PO file at `path`, which is not one of the project's
    files (a rescue copy): atomically, never over a device or a link."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise TranskitError("not a regular file: refusing to write over it", path)
    write_atomic(path, format_catalog(catalog))


def _replace(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise TranskitError(f"cannot write: {os_error_cause(exc)}", path) from None


def _format(catalog: Catalog, path: Path) -> bytes:
    try:
        return encode_catalog(catalog)
    except ValueError as exc:  # e.g. a NUL typed into a translation
        raise PoError(f"cannot be written: {exc}", path) from None


def _parses(data: bytes, path: Path | str) -> bool:
    try:
        scan_catalog(data, path)
    except PoError:
        return False
    return True


def _entries(catalog: Catalog) -> dict[str, Entry]:
    return {e.id: e for e in catalog.entries if not e.obsolete}


def _combined(first: Merge | None, then: Merge) -> Merge:
    if first is None:
        return then
    return Merge(
        then.catalog,
        first.conflicts + then.conflicts,
        first.orphaned + then.orphaned,
        first.reverted + then.reverted,
    )


@contextlib.contextmanager
def _staged(path: Path, data: bytes) -> Iterator[str]:
    """A complete, synced copy of `data` on `path`'s file system, with its mode;
    removed afterwards unless it was renamed or linked into place."""
    fd, tmp = make_temp(path)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
            try:
                os.chmod(tmp, path.stat().st_mode & 0o7777)
            except FileNotFoundError:
                os.chmod(tmp, 0o644)
            yield tmp  # still open: its lock keeps it from being taken for stale
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


# -- the atomic exchange ------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_exchange_works: bool | None = None


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """libc's renameat2, looked up once; None where there is none."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    return func


def _exchange(a: str | Path, b: str | Path) -> bool:
    """Swap two paths atomically; False where the system or file system cannot."""
    global _exchange_works
    if _exchange_works is False:
        return False
    func = _renameat2()
    if func is None:
        _exchange_works = False
        return False
    result = func(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        _exchange_works = True
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # this file system: fall back (another may still work)
    raise OSError(code, os.strerror(code), str(b))


def exchange_supported(folder: Path) -> bool:
    """Whether `folder`'s file system swaps files atomically (for tests and docs)."""
    with tempfile.TemporaryDirectory(dir=folder, prefix=".transkit-probe-") as tmp:
        a, b = Path(tmp) / "a", Path(tmp) / "b"
        a.write_bytes(b"a")
        b.write_bytes(b"b")
        return _exchange(a, b) and a.read_bytes() == b"b"


__all__ = ["Saved", "Store", "Version", "exchange_supported"]
