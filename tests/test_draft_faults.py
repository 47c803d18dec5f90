"""DeepL faults: one clear line, non-zero exit, nothing received is lost, a re-run
resumes and bills only the rest; Ctrl+C is as safe; the key never shows."""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cli_helpers import fill, resize, small_disks
from gettext_tools import msgfmt_check
from transkit.cli import main
from transkit.drafts import plan
from transkit.project import Project
from transkit.status import Status, status_of


@pytest.fixture
def project(make_project) -> Project:
    """The sample project, with the client's retries off and a short timeout."""
    project = make_project()
    path = project.config.path
    path.write_text(path.read_text() + "\n[draft]\nnetwork-retries = 0\ntimeout = 0.2\n")
    return Project.find(project.root)


def drafted(project: Project, lang: str = "es") -> set[str]:
    catalog = project.load_translation("sample", lang)
    return {e.source for e in catalog if status_of(e) is Status.DRAFT}


def total_chars(project: Project) -> int:
    template = project.load_template("sample")
    pending = {e.id: e.source for e in template}
    return sum(u.chars for u in plan.units(plan.paragraphs(template), pending,
                                           plan.contexts(template)))


def segments(texts: list[str]) -> set[str]:
    """The segments DeepL was sent in these texts (a paragraph's sentences each)."""
    out = set()
    for text in texts:
        parts = re.findall(r'<s id="\d+">(.*?)</s>', text) or [text]
        out |= {plan.restore(part)[0] for part in parts}
    return out


def assert_one_line(err: str, *words: str) -> None:
    """One error line; retries told before it are fine."""
    lines = [line for line in err.splitlines() if line.strip() and " retry " not in line]
    assert len(lines) == 1, err
    assert lines[0].startswith("transkit: error: ")
    for word in words:
        assert word in lines[0]


def assert_key_nowhere(key: str, root: Path, *outputs: str) -> None:
    for text in outputs:
        assert key not in text
    for path in root.rglob("*"):
        if path.is_file():
            assert key.encode() not in path.read_bytes(), path


def test_a_bad_key_is_named_and_changes_nothing(project, api, capsys, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("DEEPL_AUTH_KEY", "wrong-1234-key:fx")
    before = project.po_path("sample", "es").read_bytes()
    assert main(["draft", "--lang", "es"]) == 2
    out, err = capsys.readouterr()
    assert_one_line(err, "HTTP 403", "DEEPL_AUTH_KEY")
    assert project.po_path("sample", "es").read_bytes() == before
    assert_key_nowhere("wrong-1234-key", project.root, out, err, caplog.text)


def test_no_key_is_named_before_anything_is_sent(project, api, capsys, monkeypatch):
    monkeypatch.delenv("DEEPL_AUTH_KEY")
    assert main(["draft", "--lang", "es"]) == 2
    assert_one_line(capsys.readouterr().err, "DEEPL_AUTH_KEY is not set", "--engine memory")
    assert api.requests == []


def test_quota_exceeded_mid_run_keeps_every_draft_and_a_rerun_bills_only_the_rest(
    project, api, capsys, caplog
):
    caplog.set_level(logging.DEBUG)
    api.fail("/v2/translate", 456, after=1, times=None)
    assert main(["draft", "--lang", "es"]) == 2  # not transient: the quota must change first
    out, err = capsys.readouterr()
    assert_one_line(err, "HTTP 456", "quota", "drafts saved in this run are kept")
    assert "again" not in err
    answered = [t for r in api.translate_calls[:1] for t in r.body["text"]]
    assert f"{len(segments(answered))} drafts saved" in err
    assert drafted(project) == segments(answered)  # all saved, no more
    first_texts = set(answered)

    api.faults.clear()
    calls = len(api.translate_calls)
    assert main(["draft", "--lang", "es"]) == 0
    out2, err2 = capsys.readouterr()
    resent = {t for r in api.translate_calls[calls:] for t in r.body["text"]}
    assert resent and not resent & first_texts  # only the rest was asked for
    assert api.character_count == total_chars(project)  # nothing billed twice
    assert len(drafted(project)) == 20
    assert_key_nowhere(api.key, project.root, out, err, out2, err2, caplog.text)


def test_rate_limit_is_reported_after_the_clients_retries(project, api, capsys):
    path = project.config.path
    path.write_text(path.read_text().replace("network-retries = 0", "network-retries = 1"))
    api.fail("/v2/translate", 429, times=None)
    assert main(["draft", "--lang", "es"]) == 75
    assert_one_line(capsys.readouterr().err, "HTTP 429", "after 1 retries", "wait a minute",
                    "run the same command again to resume")
    # each of the 3 requests (sent together) retried once, after one shared wait
    assert len(api.translate_calls) == 6
    assert drafted(project) == set()


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_mid_run_then_resume(project, api, capsys, status):
    api.fail("/v2/translate", status, after=2, times=None)
    assert main(["draft", "--lang", "es"]) == 75
    assert_one_line(capsys.readouterr().err, f"HTTP {status}", "try again later",
                    "run the same command again to resume")
    answered = [t for r in api.translate_calls[:2] for t in r.body["text"]]
    assert drafted(project) == segments(answered)
    api.faults.clear()
    assert main(["draft", "--lang", "es"]) == 0
    assert len(drafted(project)) == 20 and api.character_count == total_chars(project)


def test_a_timeout_is_named_with_its_remedy(project, api, capsys):
    api.fail("/v2/translate", None, after=1, delay=5, times=1)
    started = time.monotonic()
    assert main(["draft", "--lang", "es"]) == 75
    assert time.monotonic() - started < 4
    assert_one_line(capsys.readouterr().err, "did not answer in time", "[draft] timeout")
    answered = [r for i, r in enumerate(api.translate_calls) if i != 1]  # the 2nd hung
    assert drafted(project) == segments([t for r in answered for t in r.body["text"]])


def test_no_network_is_named_with_its_remedy(project, api, capsys, monkeypatch):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"
    monkeypatch.setenv("DEEPL_SERVER_URL", url)
    assert main(["draft", "--lang", "es"]) == 75
    assert_one_line(capsys.readouterr().err, f"cannot reach DeepL at {url}", "network")


def test_ctrl_c_mid_run_loses_nothing_and_a_rerun_resumes(project, api, capsys):
    api.fail("/v2/translate", None, after=2, delay=30, times=1)  # the 3rd request hangs
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "transkit", "draft", "--lang", "es"],
        cwd=project.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 20
    while len(api.translate_calls) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(api.translate_calls) == 3, proc.communicate(timeout=5)
    time.sleep(0.3)  # the first two answers saved
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err
    assert "interrupted; files already saved are complete" in err
    answered = [t for r in api.translate_calls[:2] for t in r.body["text"]]
    assert drafted(project) == segments(answered)

    calls = len(api.translate_calls)
    assert main(["draft", "--lang", "es"]) == 0
    resent = {t for r in api.translate_calls[calls:] for t in r.body["text"]}
    assert not resent & set(answered)
    assert len(drafted(project)) == 20
    # the hung request was never answered, so nothing but the rest was billed
    assert api.character_count == total_chars(project)
    assert_key_nowhere(api.key, project.root, out, err, *capsys.readouterr())


# -- a full disk ----------------------------------------------------------------------


@pytest.fixture
def tiny_disk() -> Iterator[Callable[[Path, int], None]]:
    with small_disks() as mount:
        yield mount


def test_a_full_disk_mid_run_names_the_file_and_loses_no_draft(project, api, capsys, tiny_disk):
    po = project.po_path("sample", "es")
    tiny_disk(po.parent, 8192)  # two pages: the file fits, then its drafted version does not
    # the first section's answer first (the others' would not fit the disk alone)
    api.fail("/v2/translate", None, delay=0.5, times=None, match="What the papers say")
    api.fail("/v2/translate", None, delay=0.5, times=None, match="El Mundo")
    assert main(["draft", "--lang", "es"]) == 2
    out, err = capsys.readouterr()
    assert_one_line(err, f"{po}: cannot write: No space left on device (ENOSPC)",
                    "drafts saved in this run", "run the same command again")
    saved = drafted(project)
    assert 0 < len(saved) < 20  # some batches were saved before the disk filled up
    assert f"{len(saved)} drafts saved in this run" in err
    assert f"es (ES): {len(saved)} drafted" in out and "not saved: the file could not be" in out
    assert msgfmt_check(po).returncode == 0  # the file as last saved: whole
    assert sorted(p.name for p in po.parent.iterdir()) == ["sample.po"]  # no temporary left

    resize(po.parent, 1 << 20)  # room again: the rest comes from the cache, billed once
    api.faults.clear()
    billed = api.character_count
    assert main(["draft", "--lang", "es"]) == 0
    assert len(drafted(project)) == 20
    assert api.character_count - billed == total_chars(project) - billed
    assert api.character_count == total_chars(project)
    assert_key_nowhere(api.key, project.root, out, err, *capsys.readouterr())


def test_a_full_disk_under_the_whole_project_is_one_line_and_resumable(
    project, api, capsys, tiny_disk, tmp_path
):
    """Project, draft cache and PO files on one disk, filled up after a first
    run made the cache: the next run's first write fails (the cache's journal,
    then the PO file); one line, every file whole, and a run with room again
    drafts the rest."""
    root = project.root
    moved = tmp_path.parent / f"{tmp_path.name}-moved"
    shutil.copytree(root, moved, symlinks=True)
    for child in root.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    tiny_disk(root, 1 << 20)
    shutil.copytree(moved, root, symlinks=True, dirs_exist_ok=True)
    project = Project.find(root)
    assert main(["draft", "--lang", "pt"]) == 0  # makes the cache
    es = project.po_path("sample", "es")
    before = es.read_bytes()
    filler = fill(root)
    capsys.readouterr()

    assert main(["draft", "--lang", "es"]) == 2
    err = capsys.readouterr().err
    assert_one_line(err, f"{es}: cannot write: No space left on device (ENOSPC)",
                    "0 drafts saved in this run")
    assert es.read_bytes() == before
    for lang in project.config.all_languages:
        assert msgfmt_check(project.po_path("sample", lang)).returncode == 0

    filler.unlink()
    assert main(["draft", "--lang", "es"]) == 0
    assert len(drafted(project)) == 20
