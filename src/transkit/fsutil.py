"""Atomic file writes (a crash mid-write leaves the old file intact),
noticing that another program wrote a file meanwhile, and taking turns with
other transkit processes that write the same file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

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


#: What identifies one version of a file: an atomic write by anyone (a new
#: inode) or an in-place edit (mtime, size) changes it.
Stamp = tuple[int, int, int]


def stamp_of(path: Path | str) -> Stamp | None:
    """The file's current stamp, or None if it does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
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
