"""Atomic file writes (a crash mid-write leaves the old file intact),
noticing that another program wrote a file meanwhile, and taking turns with
other transkit processes that write the same file."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from transkit.errors import InputError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; writers still check stamps
    fcntl = None  # type: ignore[assignment]


def write_atomic(path: Path | str, data: str | bytes) -> None:
    """Write to a temp file, fsync it, then rename it over `path`.

    The rename is atomic on POSIX, so readers see the old or the new content,
    never a mix; the file's permissions are kept.

    A write killed on the way (SIGKILL, power loss) leaves its temp file
    behind, so temp files are kept where git does not see them and cleared
    by the next write of the same file:

    * In a transkit project (a folder above has ``transkit.toml``) the temp
      file is made in the project's ``.transkit/tmp/``, which ignores itself
      (`state_dir`): ``git add -A`` never picks one up, and no ``.gitignore``
      of the user's is needed. Outside a project, or when that folder is on
      another file system (a rename cannot cross one), it is made beside
      `path` as ``.NAME.XXXXXXXX.tmp`` (this repository ignores ``.*.tmp``).
    * Each writer holds an advisory lock on its temp file until it is renamed
      (or the writer dies, which releases it). Before writing, the temp files
      of `path` in both places that nobody holds are removed: those of killed
      writes, and of transkit versions that did not lock them. A live writer's
      is left alone, whether it writes this file or another. Without
      advisory locks (Windows), only temp files over an hour old are removed.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    shared = _project_temp_folder(path)
    beside = _TempNames(path.parent, f".{path.name}.")
    places = [beside] if shared is None else [_TempNames(shared, _tagged(path)), beside]
    for place in places:
        place.remove_stale()
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    for place in places:
        try:
            _write_renamed(place, path, payload, mode)
            return
        except OSError as exc:  # a project folder we cannot use: write beside
            if place is beside or exc.errno not in _TRY_BESIDE:
                raise


def write_cache(path: Path, text: str) -> None:
    """Replace a cache file (under ``.transkit/cache``) by rename, without the
    fsync of `write_atomic`: a cache lost in a crash only costs a rebuild, and
    its readers ignore what they cannot parse. A cache that cannot be written
    is no error, so none is raised."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(name, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(name)


def make_temp(path: Path) -> tuple[int, str]:
    """A new, empty, locked temp file on `path`'s file system, where git does
    not see it (as `write_atomic` makes them), stale ones cleared first. For
    writers that install it themselves (the store's exchange); the lock is
    released when the descriptor is closed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shared = _project_temp_folder(path)
    beside = _TempNames(path.parent, f".{path.name}.")
    place = beside if shared is None else _TempNames(shared, _tagged(path))
    for names in {beside, place}:
        names.remove_stale()
    try:
        return place.create()
    except OSError:
        if place is beside:
            raise
        return beside.create()


#: Why a write through the project's temp folder is tried again beside the file.
_TRY_BESIDE = {errno.EXDEV, errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT}

#: What marks a project's root folder (config.CONFIG_NAME; config is not
#: imported here, it imports babel).
_PROJECT_FILE = "transkit.toml"

#: Without advisory locks, a temp file this old is taken for a killed write's.
_STALE_SECONDS = 3600


class _TempNames:
    """Where temp files of one target are made, and how they are named:
    ``PREFIX`` + 8 characters of `tempfile.mkstemp` + ``.tmp``."""

    def __init__(self, folder: Path, prefix: str) -> None:
        self.folder = folder
        self.prefix = prefix
        self.pattern = re.compile(re.escape(prefix) + r"[a-z0-9_]{8}\.tmp")

    def create(self) -> tuple[int, str]:
        """A new temp file, open and locked (see `write_atomic`)."""
        while True:
            fd, name = tempfile.mkstemp(prefix=self.prefix, suffix=".tmp", dir=self.folder)
            if fcntl is None:
                return fd, name
            fcntl.flock(fd, fcntl.LOCK_EX)
            if os.fstat(fd).st_nlink:
                return fd, name
            os.close(fd)  # taken for stale in the instant before we locked it: again

    def remove_stale(self) -> None:
        """Remove the temp files here that no live writer holds."""
        try:
            names = [e.name for e in os.scandir(self.folder) if self.pattern.fullmatch(e.name)]
        except OSError:
            return
        for name in names:
            _remove_if_stale(os.path.join(self.folder, name))


def _write_renamed(place: _TempNames, path: Path, payload: bytes, mode: int) -> None:
    """Write `payload` to a temp file made at `place`, then rename it over `path`;
    on any failure the temp file is removed and `path` is as it was."""
    fd, tmp = place.create()
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
            os.chmod(tmp, mode)
            if fcntl is None:
                f.close()  # Windows renames no open file (and has no lock to keep)
            os.replace(tmp, path)  # still locked: never taken for a killed write's
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _remove_if_stale(name: str) -> None:
    """Remove the temp file `name` unless a live writer holds it (or, without
    locks, unless it is recent). Never fails: this is only tidying up."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(name, flags)
    except OSError:
        return
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return
        if fcntl is None:
            if time.time() - st.st_mtime < _STALE_SECONDS:
                return
        else:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return  # a live writer's
        now = os.stat(name, follow_symlinks=False)
        if (now.st_dev, now.st_ino) == (st.st_dev, st.st_ino):
            os.unlink(name)
    except OSError:
        pass
    finally:
        os.close(fd)


def _project_temp_folder(path: Path) -> Path | None:
    """``ROOT/.transkit/tmp`` if `path` is in a project and on the same file
    system as that folder; None to write beside `path`."""
    parent = Path(os.path.abspath(path.parent))
    for root in (parent, *parent.parents):
        if (root / _PROJECT_FILE).is_file():
            break
    else:
        return None
    state = root / STATE_DIR
    if parent == state or state in parent.parents:
        return None  # transkit's own state (its .gitignore first of all): beside
    try:
        folder = state_dir(root) / "tmp"
        folder.mkdir(exist_ok=True)
        if os.stat(folder).st_dev != os.stat(parent).st_dev:
            return None
    except OSError:
        return None
    return folder


def _tagged(path: Path) -> str:
    """The temp file prefix of `path` in a project's shared temp folder: its
    name, and a digest of its folder (``es/a.po`` and ``pt/a.po`` differ)."""
    folder = os.path.abspath(path.parent).encode("utf-8", "surrogateescape")
    return f"{path.name}.{hashlib.sha1(folder).hexdigest()[:8]}."


#: Size ceilings for what transkit reads: far above any real article or
#: catalogue, far below what would exhaust memory (``import /dev/zero``).
#: A 64 MiB source makes an English edition of about 210 MiB (every
#: sentence twice, with its comments), which the PO cap still reads back;
#: importing that much stays under 1 GB of memory (benchmarks/bench_import.py).
MAX_SOURCE_BYTES = 64 * 1024 * 1024
MAX_PO_BYTES = 256 * 1024 * 1024
MAX_CONFIG_BYTES = 1024 * 1024


def read_input(path: Path | str, *, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or an `InputError`.

    Only regular files are read (a symlink to one is fine): a FIFO would block
    forever, ``/dev/zero`` would grow until killed, a symlink loop or a folder
    cannot be read. The file is opened non-blocking and checked on the open
    descriptor, so nothing swapped in after a check can hang the read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("a symbolic link loop, not a file", path) from None
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is a folder, not a file", path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"is {kind_of(st.st_mode)}, not a regular file", path)
        if st.st_size > limit:
            raise InputError(
                f"{what} too large: {_mib(st.st_size)} (the limit is {_mib(limit)})", path
            )
        chunks = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # grew while we read
                raise InputError(f"{what} too large: over {_mib(limit)}", path)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    finally:
        os.close(fd)


def os_error_cause(exc: OSError) -> str:
    """The cause of an OSError, with its errno name for searching and for
    scripts: ``No space left on device (ENOSPC)``."""
    cause = exc.strerror or str(exc) or type(exc).__name__
    name = errno.errorcode.get(exc.errno or 0)
    return f"{cause} ({name})" if name else cause


def mode_of(path: Path, *, follow: bool, cannot: str) -> int | None:
    """The file type and permission bits at `path` (of the link itself unless
    `follow`), None if nothing is there; `InputError` starting with `cannot`
    when it cannot be looked at (permissions, ``/proc`` and ``/sys`` oddities)."""
    try:
        return (path.stat() if follow else path.lstat()).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(f"{cannot}: {os_error_cause(exc)}", path) from None


def kind_of(mode: int) -> str:
    """What a file of this `st_mode` is, for a message: "a FIFO (named pipe)"."""
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _mib(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size:,} bytes"
    return f"{size / (1024 * 1024):.1f} MiB"


#: What identifies one version of a file: an atomic write by anyone (a new
#: inode) or an in-place edit (mtime, size) changes it.
Stamp = tuple[int, int, int]


def stamp_of(path: Path | str) -> Stamp | None:
    """The file's current stamp, or None if it does not exist."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:  # a symlink loop, no permission: reading it will say so
        return (-1, -1, exc.errno or -1)
    return (st.st_mtime_ns, st.st_size, st.st_ino)


STATE_DIR = ".transkit"  # a project's local state: caches and locks


def state_dir(root: Path) -> Path:
    """``ROOT/.transkit``, created with a ``.gitignore`` that ignores it all."""
    return ignored_folder(root / STATE_DIR)


def ignored_folder(folder: Path) -> Path:
    """`folder`, created with a ``.gitignore`` that ignores all of it."""
    ignore = folder / ".gitignore"
    if not ignore.exists():
        write_atomic(ignore, "# transkit's local state: not for version control\n*\n")
    return folder


@contextlib.contextmanager
def locked(lock_path: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold an exclusive advisory lock on `lock_path` (created if need be).

    `waiting` is called once if another process holds it, before waiting.

    A writer that checks a file's stamp, merges, then renames its version over
    it must not be overtaken in between: the review app saving while `draft`
    wrote its batch lost the reviewer's edit that way. Writers of one file take
    turns under its lock (a separate file: an atomic rename replaces the PO
    file's inode, and with it any lock on it). Not reentrant.
    """
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as f:
        if fcntl is not None:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting is not None:
                    waiting()
                fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(f, fcntl.LOCK_UN)
