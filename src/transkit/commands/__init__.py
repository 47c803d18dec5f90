"""One module per ``transkit`` command (see `transkit.cli`)."""

from __future__ import annotations

from pathlib import Path


def write_file(path: Path, data: str | bytes) -> None:
    """`fsutil.write_atomic`, with an OSError (a full disk, a read-only file
    system, no permission) as one line naming `path` and the cause: an error
    in ``write()`` itself carries no file name."""
    from transkit.errors import TranskitError
    from transkit.fsutil import os_error_cause, write_atomic

    try:
        write_atomic(path, data)
    except OSError as exc:
        raise TranskitError(f"cannot write: {os_error_cause(exc)}", path) from None
