"""write_atomic: whatever happens while writing, the old file stays whole."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from transkit.fsutil import locked, state_dir, write_atomic
from transkit.project import Project

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

# A live writer held up in the middle of a write: its data is written, the
# disk is slow to confirm it (fsync waits until the test kills the process).
SLOW_DISK_WRITER = """
import os, sys, time
from transkit.fsutil import write_atomic
os.fsync = lambda fd: (print("writing", flush=True), time.sleep(60))
write_atomic(sys.argv[1], b"new content " * 1000)
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


# -- no litter: what a killed write leaves is out of git's sight and cleared next time -------


def temp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".tmp"))


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_killed_write_in_a_project_leaves_git_nothing_to_add(
    make_project: Callable[..., Project],
):
    project = make_project()
    git(project.root, "init", "-q")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "project")
    path = project.po_path("sample", "es")
    old = path.read_bytes()

    result = write_in_child(path, "kill")
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert path.read_bytes() == old
    [partial] = temp_files(project.root / ".transkit" / "tmp")  # the killed write's
    assert partial.stat().st_size == 1 << 20
    assert git(project.root, "status", "--porcelain", "--untracked-files=all") == ""
    assert temp_files(path.parent) == []

    project.save_translation("sample", "es", project.load_translation("sample", "es"))
    assert temp_files(project.root / ".transkit" / "tmp") == []  # the next write cleared it
    assert git(project.root, "status", "--porcelain", "--untracked-files=all") == ""


def test_the_next_write_clears_a_killed_writes_temp_file(old_file: Path):
    """Outside a project the temp file is beside the target: cleared all the same."""
    assert write_in_child(old_file, "kill").returncode == -signal.SIGKILL
    assert len(temp_files(old_file.parent)) == 1
    write_atomic(old_file, "new")
    assert list(old_file.parent.iterdir()) == [old_file]
    assert old_file.read_text(encoding="utf-8") == "new"


def test_a_live_writers_temp_file_is_left_alone(old_file: Path):
    """Another process still writing keeps its temp file; once it is dead
    (killed while its disk was slow), the next write clears it."""
    child = subprocess.Popen([sys.executable, "-c", SLOW_DISK_WRITER, str(old_file)],
                             stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert child.stdout is not None and child.stdout.readline() == "writing\n"
        [live] = temp_files(old_file.parent)
        write_atomic(old_file, "ours")
        assert temp_files(old_file.parent) == [live]
        assert old_file.read_text(encoding="utf-8") == "ours"
    finally:
        child.kill()
        child.wait()
    write_atomic(old_file, "ours again")
    assert list(old_file.parent.iterdir()) == [old_file]


def test_temp_files_of_older_versions_are_cleared_and_nothing_else(
    make_project: Callable[..., Project],
):
    """Before, temp files were made beside the target, unlocked: a killed
    write's stayed there for ever (and ``git add -A`` took it)."""
    project = make_project()
    folder = project.po_path("sample", "es").parent
    stale = [folder / ".sample.po.ab_12xyz.tmp", folder / ".sample.po.k3j4h5g6.tmp"]
    others = [folder / ".sample.po.notes.tmp", folder / ".other.po.k3j4h5g6.tmp",
              folder / "sample.po.k3j4h5g6.tmp", folder / ".sample.po.k3j4h5g6.tmp.x"]  # fmt: skip
    for p in stale + others:
        p.write_bytes(b"partial")
        os.utime(p, (0, 0))
    project.save_translation("sample", "es", project.load_translation("sample", "es"))
    assert sorted(folder.iterdir()) == sorted([*others, *folder.glob("*.po")])


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="needs a second file system")
def test_a_target_on_another_file_system_gets_its_temp_file_beside_it(
    make_project: Callable[..., Project], tmp_path: Path,
):
    """A rename cannot cross file systems: then the temp file is made beside the target."""
    project = make_project()
    elsewhere = Path(tempfile.mkdtemp(dir="/dev/shm"))
    try:
        if os.stat(elsewhere).st_dev == os.stat(project.root).st_dev:
            pytest.skip("/dev/shm is on the same file system here")
        (project.root / "export").symlink_to(elsewhere)
        target = project.root / "export" / "sample" / "es.md"
        write_atomic(target, "exported")
        assert target.read_text(encoding="utf-8") == "exported"
        assert list(target.parent.iterdir()) == [target]
    finally:
        shutil.rmtree(elsewhere)
