"""The review app in a real terminal (a pty) that goes away: what was approved
is on disk, whatever the moment the terminal closed."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from transkit.project import Project
from transkit.status import Status, status_of

DOC = "sample"


class Terminal:
    """`transkit review` on a pseudo-terminal of 120×36, its output drained."""

    def __init__(self, root: Path) -> None:
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, True)
        import fcntl
        import struct
        import termios

        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "transkit", "review", DOC, "--lang", "es"],
            cwd=root, stdin=slave, stdout=slave, stderr=slave, env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.seen = bytearray()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.seen += chunk

    def wait_for(self, text: bytes, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            assert time.monotonic() < deadline, bytes(self.seen[-2000:])
            assert self.proc.poll() is None, bytes(self.seen[-2000:])
            time.sleep(0.02)

    def type(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> None:
        os.close(self.master)


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["hangup", "term"])
def test_a_terminal_closed_just_after_an_approval_keeps_it(
    make_project, signum: signal.Signals
) -> None:
    project: Project = make_project()
    term = Terminal(project.root)
    try:
        term.wait_for(b"approved")  # the header: drawn and listening
        time.sleep(0.5)  # the app opens in the editor
        term.type(b" (revisado)\n")  # Ctrl+J: approve
        time.sleep(0.03)  # within 50 ms of the approval
        term.proc.send_signal(signum)
        if signum == signal.SIGHUP:
            term.close()  # and the terminal is really gone
        code = term.proc.wait(timeout=20)
    finally:
        if term.proc.poll() is None:
            term.proc.kill()
    approved = [
        e for e in project.load_translation(DOC, "es")
        if status_of(e) is Status.APPROVED and e.target.endswith(" (revisado)")
    ]
    assert len(approved) == 1, bytes(term.seen[-3000:])
    assert code == 128 + signum
