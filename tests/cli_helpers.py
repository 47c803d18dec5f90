"""Running ``transkit`` as a separate process, for inputs that could hang or
exhaust the test run if they were mishandled: a FIFO blocks a reader for ever,
``/dev/zero`` grows a reader's memory until it is killed."""

from __future__ import annotations

import contextlib
import os
import pty
import resource
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

#: Address space a child may use: far more than transkit needs, far less
#: than the machine has (``/dev/zero`` read whole stops here, not in swap).
MEMORY_LIMIT = 2 << 30
TIMEOUT = 20.0


@dataclass
class Result:
    code: int | None  # None: killed after the timeout
    out: bytes
    err: bytes

    @property
    def err_text(self) -> str:
        return self.err.decode("utf-8", "replace")


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(*args: str, cwd: Path, timeout: float = TIMEOUT, tty: bool = False) -> Result:
    """``transkit ARGS`` in `cwd`; with `tty`, stdin and stdout are a terminal."""
    command = [sys.executable, "-m", "transkit", *args]
    if not tty:
        proc = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                preexec_fn=_limits)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            return Result(None, out, err)
        return Result(proc.returncode, out, err)
    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:  # what the terminal shows; read so the child never blocks
        with contextlib.suppress(OSError):
            while chunk := os.read(master, 65536):
                chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    try:
        proc = subprocess.Popen(command, cwd=cwd, stdin=slave, stdout=slave,
                                stderr=subprocess.PIPE, preexec_fn=_limits,
                                env={**os.environ, "TERM": "xterm-256color"})
        os.close(slave)
        reader.start()
        try:
            _, err = proc.communicate(timeout=timeout)
            code = proc.returncode
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
            code = None
        reader.join(timeout=5)
        return Result(code, b"".join(chunks), err)
    finally:
        os.close(master)


def one_line(result: Result, *words: str) -> str:
    """The single ``transkit: error: …`` line of a refused command."""
    assert result.code == 2, (result.code, result.err_text)
    lines = [line for line in result.err_text.splitlines() if line.strip()]
    assert len(lines) == 1, result.err_text
    assert lines[0].startswith("transkit: error: "), result.err_text
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@contextlib.contextmanager
def small_disks() -> Iterator[Callable[[Path, int], None]]:
    """``mount(folder, size)``: a tmpfs of `size` bytes on `folder` (its files
    copied in first), for a real ENOSPC; all unmounted at the end. Skips the
    test where mounting is not allowed (not root, no CAP_SYS_ADMIN)."""
    mounted: list[Path] = []

    def mount(folder: Path, size: int) -> None:
        saved = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
            capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            pytest.skip(f"cannot mount a small tmpfs here: {result.stderr.strip()}")
        mounted.append(folder)
        for name, data in saved.items():
            (folder / name).write_bytes(data)

    try:
        yield mount
    finally:
        for folder in reversed(mounted):
            subprocess.run(["umount", "-l", str(folder)], check=False)


def resize(folder: Path, size: int) -> None:
    """Make the tmpfs on `folder` `size` bytes: room again."""
    subprocess.run(["mount", "-o", f"remount,size={size}", str(folder)], check=True)


def fill(folder: Path) -> Path:
    """Fill the disk under `folder` to the last page; the filler file."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler
