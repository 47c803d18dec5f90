"""Atomic file writes (a crash mid-write leaves the old file intact), and
noticing that another program wrote a file meanwhile."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


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
