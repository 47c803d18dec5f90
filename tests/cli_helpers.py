"""Running ``transkit`` as a separate process, for inputs that could hang or
exhaust the test run if they were mishandled: a FIFO blocks a reader for ever,
``/dev/zero`` grows a reader's memory until it is killed."""

from __future__ import annotations

import os
import pty
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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
    try:
        proc = subprocess.Popen(command, cwd=cwd, stdin=slave, stdout=slave,
                                stderr=subprocess.PIPE, preexec_fn=_limits,
                                env={**os.environ, "TERM": "xterm-256color"})
        os.close(slave)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
            return Result(None, b"", err)
        return Result(proc.returncode, b"", err)
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
