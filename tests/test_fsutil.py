"""write_atomic: whatever happens while writing, the old file stays whole."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from transkit.fsutil import locked, state_dir, write_atomic

OLD = "msgid \"\"\nmsgstr \"old content\\n\"\n"

# A child that writes 12 MiB through write_atomic but may only write 1 MiB of
# file: the kernel stops the write at 1 MiB with SIGXFSZ, exactly mid-write.
CHILD = """
import os, resource, signal, sys
from transkit.fsutil import locked, state_dir, write_atomic
resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))
if sys.argv[2] == "kill":  # the signal handler SIGKILLs the process on the spot
    signal.signal(signal.SIGXFSZ, lambda *_: os.kill(os.getpid(), signal.SIGKILL))
else:  # SIGXFSZ ignored: the write fails with EFBIG and write_atomic cleans up
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
write_atomic(sys.argv[1], b"new content " * (1 << 20))
"""


def write_in_child(path: Path, how: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(path), how], capture_output=True, text=True, check=False
    )


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "de.po"
    path.write_text(OLD, encoding="utf-8")
    return path


def test_process_killed_mid_write_leaves_the_old_file(old_file: Path):
    result = write_in_child(old_file, "kill")
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert old_file.read_text(encoding="utf-8") == OLD
    # Killed mid-write: the partial temporary file stays behind, the target is untouched.
    [partial] = [p for p in old_file.parent.iterdir() if p != old_file]
    assert partial.name.startswith(".de.po.") and partial.name.endswith(".tmp")
    assert partial.stat().st_size == 1 << 20


def test_failed_write_leaves_the_old_file_and_no_temporary(old_file: Path):
    result = write_in_child(old_file, "fail")
    assert result.returncode == 1 and "File too large" in result.stderr
    assert old_file.read_text(encoding="utf-8") == OLD
    assert list(old_file.parent.iterdir()) == [old_file]


def test_payload_that_cannot_be_encoded_leaves_the_old_file(old_file: Path):
    with pytest.raises(UnicodeEncodeError):
        write_atomic(old_file, "x" * 1_000_000 + "\udcff")  # a lone surrogate at the end
    assert old_file.read_text(encoding="utf-8") == OLD
    assert list(old_file.parent.iterdir()) == [old_file]


def test_replaces_content(old_file: Path):
    write_atomic(old_file, "new ✓")
    assert old_file.read_bytes() == "new ✓".encode()
    assert list(old_file.parent.iterdir()) == [old_file]


def test_new_file_gets_0644_whatever_the_umask(tmp_path: Path):
    path = tmp_path / "new" / "fr.po"
    previous = os.umask(0o077)
    try:
        write_atomic(path, b"content")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert path.read_bytes() == b"content"


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755])
def test_existing_mode_is_kept(old_file: Path, mode: int):
    old_file.chmod(mode)
    write_atomic(old_file, "new")
    assert stat.S_IMODE(old_file.stat().st_mode) == mode


def test_writers_of_one_file_take_turns_across_processes(tmp_path: Path):
    lock = tmp_path / ".transkit" / "locks" / "a.lock"
    waiter = (
        "import sys, time; from pathlib import Path; from transkit.fsutil import locked\n"
        "t = time.monotonic()\n"
        "with locked(Path(sys.argv[1])):\n"
        "    print(f'{time.monotonic() - t:.2f}')\n"
    )
    with locked(lock):
        other = subprocess.Popen([sys.executable, "-c", waiter, str(lock)],
                                 stdout=subprocess.PIPE, text=True)
        with pytest.raises(subprocess.TimeoutExpired):
            other.wait(timeout=1.0)  # still waiting for us
    out, _ = other.communicate(timeout=10)
    assert float(out) > 0.3  # it waited for the lock (its own start-up aside)


def test_the_state_folder_ignores_itself(tmp_path: Path):
    folder = state_dir(tmp_path)
    assert folder == tmp_path / ".transkit"
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
