"""Every writer goes through the store: two `draft` runs, an import beside the
review app, an editor beside a draft — each keeps what the others saved."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_draft_faults import drafted, total_chars
from transkit.catalog import Catalog, copy_entry
from transkit.cli import main
from transkit.merge import REVIEW
from transkit.status import Status, mark_approved, status_of
from transkit.store import Store


def test_two_draft_runs_on_one_language_bill_once(make_project, api) -> None:
    """The second run waits for the first, then finds every segment drafted."""
    project = make_project()
    api.fail("/v2/translate", None, after=0, delay=0.3, times=2)  # the first run is slow
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "transkit", "draft", "--lang", "es"],
            cwd=project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sum("waiting for another 'transkit draft' of es" in err for _, err in outputs) == 1
    assert api.character_count == total_chars(project)
    assert len(drafted(project)) == 20
    assert not any("not saved" in out for out, _ in outputs)


def test_a_draft_keeps_an_approval_made_while_it_ran(make_project, api) -> None:
    project = make_project()
    store = Store(project)
    base = store.read("sample", "es")
    # The reviewer approves the first segment while the draft is under way.
    api.fail("/v2/translate", None, after=0, delay=0.5, times=1)
    proc = subprocess.Popen(
        [sys.executable, "-m", "transkit", "draft", "--lang", "es"],
        cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    while not api.translate_calls:
        time.sleep(0.01)
    ours = Catalog(dict(base.catalog.header), list(base.catalog.entries))
    first = ours.entries[0] = copy_entry(ours.entries[0])
    first.target = "Aprobado a mano."
    mark_approved(first, "ana")
    store.save("sample", "es", ours, base, REVIEW)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    entry = project.load_translation("sample", "es").by_id()[first.id]
    assert entry.target == "Aprobado a mano." and status_of(entry) is Status.APPROVED
    assert "1 not saved: changed by someone else meanwhile" in out
    assert len(drafted(project)) == 19


def test_an_approval_during_an_import_is_on_disk_within_a_second(make_project) -> None:
    """Import holds each file's lock only for its own write: a reviewer's save
    waits for one file at most, and the import merges it in, never over it."""
    from conftest import SEED

    project = make_project(source=SEED, doc="article")
    store = Store(project)
    base = store.read("article", "es")
    edited = project.root / "edited.txt"
    edited.write_text(SEED.read_text(encoding="utf-8").replace("Iran", "Persia"), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "transkit", "import", str(edited), "--doc", "article"],
        cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    time.sleep(0.3)
    ours = Catalog(dict(base.catalog.header), list(base.catalog.entries))
    last = len(ours.entries) - 1
    entry = ours.entries[last] = copy_entry(ours.entries[last])
    entry.target = "Aprobado durante la importación."
    mark_approved(entry, "ana")
    started = time.monotonic()
    store.save("article", "es", ours, base, REVIEW)
    assert time.monotonic() - started < 1.0
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    after = project.load_translation("article", "es").by_id()[entry.id]
    assert after.target == "Aprobado durante la importación."
    assert status_of(after) in (Status.APPROVED, Status.STALE)


def test_status_and_check_point_at_edits_a_review_could_not_save(make_project, capsys) -> None:
    import json

    project = make_project()
    Store(project).keep_aside("sample", "es", project.load_translation("sample", "es"))
    capsys.readouterr()
    assert main(["status"]) == 0
    err = capsys.readouterr().err
    assert "locales/es/sample.po.unsaved: edits a review could not save" in err
    assert main(["status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["_unsaved"] == ["locales/es/sample.po.unsaved"]
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "locales/es/sample.po: error unsaved: locales/es/sample.po.unsaved holds edits" in out


@pytest.fixture
def one_broken(make_project, tmp_path) -> Path:
    """Two documents; sample's es file holds a git conflict marker. Its path."""
    project = make_project()
    other = tmp_path / "other.md"
    other.write_text("Another article.\n", encoding="utf-8")
    assert main(["import", str(other), "--doc", "other"]) == 0
    broken = project.po_path("sample", "es")
    broken.write_text(broken.read_text(encoding="utf-8") + "<<<<<<< HEAD\n", encoding="utf-8")
    return broken


def test_status_reports_every_document_beside_one_with_conflict_markers(
    one_broken: Path, capsys
) -> None:
    import json

    broken = one_broken
    capsys.readouterr()
    assert main(["status"]) == 2
    out, err = capsys.readouterr()
    assert "other  (" in out and "sample  (" in out  # both documents, the rest of sample too
    assert "(unreadable: see below)" in out
    [line] = err.splitlines()
    assert line.startswith(f"transkit: error: {broken}:") and "conflict marker" in line
    assert main(["status", "--json"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert data["sample"]["es"] == "unreadable" and data["other"]["es"]["segments"] == 1


def test_a_draft_of_one_document_is_not_stopped_by_another_ones_conflict(
    one_broken: Path, capsys
) -> None:
    broken = one_broken
    capsys.readouterr()
    assert main(["draft", "other", "--lang", "es", "--engine", "memory"]) == 0
    err = capsys.readouterr().err
    assert f"warning: {broken}:" in err and "left out of the translation memory" in err
