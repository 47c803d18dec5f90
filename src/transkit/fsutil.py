"""Atomic file writes (a crash mid-write leaves the old file intact),
noticing that another program wrote a file meanwhile, and taking turns with
other transkit processes that write the same file."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from transkit.errors import InputError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; writers still check stamps
    fcntl = None  # type: ignore[assignment]


def write_atomic(path: Path | str, data: str | bytes) -> None:
    """Write to a temp file beside `path`, fsync it, then rename over `path`.

    The rename is atomic on POSIX, so readers see the old or the new content,
    never a mix; the file's permissions are kept.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


#: Size ceilings for what transkit reads: far above any real article or
#: catalogue, far below what would exhaust memory (``import /dev/zero``).
MAX_SOURCE_BYTES = 32 * 1024 * 1024
MAX_PO_BYTES = 64 * 1024 * 1024
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
def locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on `lock_path` (created if need be).

    A writer that checks a file's stamp, merges, then renames its version over
    it must not be overtaken in between: the review app saving while `draft`
    wrote its batch lost the reviewer's edit that way. Writers of one file take
    turns under its lock (a separate file: an atomic rename replaces the PO
    file's inode, and with it any lock on it). Not reentrant.
    """
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as f:
        if fcntl is not None:
            fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(f, fcntl.LOCK_UN)
