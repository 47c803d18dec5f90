"""The PO-aware git merge driver (`transkit merge-file`), its setup, and real
``git merge``s of two translators' branches."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import SAMPLE
from gettext_tools import msgcat, msgfmt_check
from transkit.catalog import Catalog, Entry
from transkit.cli import main
from transkit.merge import alternatives
from transkit.po import read_catalog, write_catalog
from transkit.status import (
    Status,
    in_conflict,
    mark_approved,
    mark_draft,
    mark_translated,
    status_of,
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PO = Path("locales/es/sample.po")
Mark = Callable[..., None]


def by_id(catalog: Catalog) -> dict[str, Entry]:
    return {e.id: e for e in catalog}


def translate(path: Path, changes: dict[str, tuple[str, Mark]], who: str = "ana") -> None:
    """Give each segment its text and status, as a translator's tool would."""
    catalog = read_catalog(path)
    entries = by_id(catalog)
    for entry_id, (text, mark) in changes.items():
        entry = entries[entry_id]
        entry.target = text
        if mark is mark_draft:
            mark_draft(entry, "deepl", on="2026-12-01")
        else:
            mark(entry, who, "2026-12-01")
    write_catalog(path, catalog)


def ids(path: Path = PO) -> list[str]:
    return [e.id for e in read_catalog(path)]


# -- the driver on three files ---------------------------------------------------------


@pytest.fixture
def versions(make_project: Callable[..., object], tmp_path: Path) -> Iterator[Path]:
    """base.po, ours.po, theirs.po: three copies of a fresh Spanish PO file."""
    make_project(languages="es")
    for name in ("base.po", "ours.po", "theirs.po"):
        shutil.copy(PO, tmp_path / name)
    yield tmp_path


def merge_file(folder: Path, *extra: str) -> int:
    return main(["merge-file", str(folder / "base.po"), str(folder / "ours.po"),
                 str(folder / "theirs.po"), *extra])


def test_each_sides_change_is_taken(versions: Path) -> None:
    a, b = ids()[3], ids()[4]
    translate(versions / "ours.po", {a: ("Uno.", mark_approved)})
    translate(versions / "theirs.po", {b: ("Dos.", mark_translated)})
    assert merge_file(versions, str(PO)) == 0
    merged = by_id(read_catalog(versions / "ours.po"))
    assert status_of(merged[a]) is Status.APPROVED and merged[a].target == "Uno."
    assert status_of(merged[b]) is Status.TRANSLATED and merged[b].target == "Dos."


def test_the_same_text_on_both_sides_is_no_conflict(versions: Path) -> None:
    """Approved on one branch, translated (the same words) on the other: the approval."""
    a = ids()[3]
    translate(versions / "ours.po", {a: ("Uno.", mark_translated)}, who="bo")
    translate(versions / "theirs.po", {a: ("Uno.", mark_approved)})
    assert merge_file(versions) == 0
    entry = by_id(read_catalog(versions / "ours.po"))[a]
    assert status_of(entry) is Status.APPROVED and alternatives(entry) == []


def test_an_approval_against_an_untouched_draft_is_no_conflict(versions: Path) -> None:
    a = ids()[3]
    for name in ("base.po", "ours.po", "theirs.po"):
        translate(versions / name, {a: ("Uno (DeepL).", mark_draft)})
    translate(versions / "theirs.po", {a: ("Uno.", mark_approved)})
    assert merge_file(versions) == 0
    entry = by_id(read_catalog(versions / "ours.po"))[a]
    assert status_of(entry) is Status.APPROVED and entry.target == "Uno."


def test_two_texts_for_one_segment_are_a_conflict_that_stays_valid_po(
    versions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = ids()[3], ids()[4]
    translate(versions / "ours.po", {a: ("Uno.", mark_translated), b: ("Dos.", mark_approved)},
              who="bo")
    translate(versions / "theirs.po", {a: ("¡Uno!", mark_approved)})
    assert merge_file(versions, str(PO)) == 1
    assert a in capsys.readouterr().out
    merged_path = versions / "ours.po"
    entry = by_id(read_catalog(merged_path))[a]
    # the approved text stays, fuzzy and marked; the other is kept whole, with who wrote it
    assert entry.target == "¡Uno!" and entry.fuzzy and in_conflict(entry)
    assert entry.meta["kept"] == "approved" and entry.meta["by"] == "ana"
    assert [(x.text, x.status, x.by) for x in alternatives(entry)] == [
        ("Uno.", "translated", "bo")
    ]
    assert status_of(entry) is Status.CONFLICT  # never final for gettext or export
    assert status_of(by_id(read_catalog(merged_path))[b]) is Status.APPROVED
    assert msgfmt_check(merged_path).returncode == 0
    assert msgcat(merged_path) == merged_path.read_text(encoding="utf-8")


def test_the_header_merges_by_key(versions: Path) -> None:
    for name, key, value in (("ours.po", "Last-Translator", "Bo <bo@example.org>"),
                             ("theirs.po", "Language-Team", "Equipo")):
        catalog = read_catalog(versions / name)
        catalog.header[key] = value
        write_catalog(versions / name, catalog)
    assert merge_file(versions) == 0
    header = read_catalog(versions / "ours.po").header
    assert header["Last-Translator"] == "Bo <bo@example.org>"
    assert header["Language-Team"] == "Equipo"


def test_a_file_added_on_both_branches_merges_without_a_base(versions: Path) -> None:
    a = ids()[3]
    (versions / "base.po").write_bytes(b"")
    translate(versions / "theirs.po", {a: ("Uno.", mark_approved)})
    assert merge_file(versions) == 0  # ours untranslated is no text against theirs
    assert by_id(read_catalog(versions / "ours.po"))[a].target == "Uno."


def test_unreadable_input_is_exit_2_and_ours_is_left_alone(
    versions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours = (versions / "ours.po").read_bytes()
    (versions / "theirs.po").write_text("<<<<<<< HEAD\nmsgid \"x\"\n", encoding="utf-8")
    assert merge_file(versions, str(PO)) == 2
    err = capsys.readouterr().err
    assert f"{PO}" in err and "theirs version" in err and "Traceback" not in err
    assert (versions / "ours.po").read_bytes() == ours
    (versions / "theirs.po").unlink()
    assert merge_file(versions) == 2


# -- setup --------------------------------------------------------------------------


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                            check=False)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture
def isolated_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """No user's or system's git config in the way (merge styles, hooks, signing)."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(chdir: Path, isolated_git: None) -> Path:
    """A repository with a project made by ``transkit init`` and ``import``, committed."""
    git(chdir, "init", "-q", "-b", "main")
    git(chdir, "config", "user.name", "Test")
    git(chdir, "config", "user.email", "test@example.org")
    shutil.copy(SAMPLE, chdir / "article.md")
    assert main(["init", "--name", "test", "--languages", "es"]) == 0
    assert main(["import", "article.md", "--doc", "sample"]) == 0
    git(chdir, "add", "-A")
    git(chdir, "commit", "-q", "-m", "import")
    return chdir


def test_init_in_a_repository_sets_git_up_once(repo: Path) -> None:
    attributes = (repo / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "locales/**/*.po merge=transkit diff=transkit" in attributes
    assert "segments/*.pot merge=transkit diff=transkit" in attributes
    driver = git(repo, "config", "merge.transkit.driver").stdout.strip()
    assert driver.startswith(sys.executable) and driver.endswith("merge-file %O %A %B %P")
    assert git(repo, "check-attr", "merge", str(PO)).stdout.strip().endswith("transkit")
    assert main(["git", "setup"]) == 0  # again: nothing doubled
    assert (repo / ".gitattributes").read_text(encoding="utf-8").splitlines() == attributes


def test_setup_outside_a_repository_is_one_line(
    make_project: Callable[..., object], isolated_git: None, capsys: pytest.CaptureFixture[str]
) -> None:
    make_project(source=None)
    if subprocess.run(["git", "rev-parse"], capture_output=True, check=False).returncode == 0:
        pytest.skip("the temp folder is inside a repository")
    assert not Path(".gitattributes").exists()  # init left git alone
    assert main(["git", "setup"]) == 2
    assert "not inside a git repository" in capsys.readouterr().err


def test_git_diff_shows_segments(repo: Path) -> None:
    a = ids()[3]
    translate(repo / PO, {a: ("Uno.", mark_approved)})
    diff = git(repo, "diff", str(PO)).stdout
    assert f"+{a}  [approved]" in diff and "+  txt: Uno." in diff and "msgstr" not in diff


# -- two translators' branches, merged by git ------------------------------------------


def branch(repo: Path, name: str, work: Callable[[], None], start: str = "main") -> None:
    git(repo, "checkout", "-q", "-b", name, start)
    work()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", name)


def structure_findings(capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str]]:
    """(check, segment) of every structure finding of ``transkit check`` (the
    tests' translations are too short for the content checks)."""
    from transkit.checks import CHECKS

    capsys.readouterr()
    main(["check", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    return [(f["check"], f["entry_id"]) for file in report["files"] for f in file["findings"]
            if CHECKS[f["check"]].family == "structure"]


def assert_valid(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    assert msgfmt_check(path).returncode == 0, msgfmt_check(path).stderr
    assert msgcat(path) == text


def test_two_branches_approving_segments_merge_cleanly(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = ids()
    branch(repo, "ana", lambda: translate(
        repo / PO, {s[3]: ("Uno.", mark_approved), s[5]: ("Igual.", mark_approved)}))
    branch(repo, "bo", lambda: translate(
        repo / PO, {s[4]: ("Dos.", mark_approved), s[5]: ("Igual.", mark_translated)},
        who="bo"), start="main")
    merge = git(repo, "merge", "--no-edit", "ana", check=False)
    assert merge.returncode == 0, merge.stdout + merge.stderr
    assert_valid(repo / PO)
    merged = by_id(read_catalog(repo / PO))
    assert [(merged[i].target, status_of(merged[i])) for i in s[3:6]] == [
        ("Uno.", Status.APPROVED), ("Dos.", Status.APPROVED), ("Igual.", Status.APPROVED)
    ]
    assert structure_findings(capsys) == []


def test_the_same_segment_translated_twice_stops_the_merge_with_valid_po(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = ids()
    branch(repo, "ana", lambda: translate(
        repo / PO, {s[3]: ("Uno.", mark_approved), s[4]: ("Dos, dice Ana.", mark_approved)}))
    branch(repo, "bo", lambda: translate(
        repo / PO, {s[4]: ("Dos, dice Bo.", mark_approved), s[6]: ("Seis.", mark_translated)},
        who="bo"))
    merge = git(repo, "merge", "--no-edit", "ana", check=False)
    assert merge.returncode != 0 and "CONFLICT" in merge.stdout
    assert_valid(repo / PO)
    merged = by_id(read_catalog(repo / PO))
    assert status_of(merged[s[3]]) is Status.APPROVED
    assert status_of(merged[s[6]]) is Status.TRANSLATED
    conflict = merged[s[4]]
    assert in_conflict(conflict) and conflict.target == "Dos, dice Bo."  # ours on a tie
    assert [(a.text, a.status, a.by) for a in alternatives(conflict)] == [
        ("Dos, dice Ana.", "approved", "ana")
    ]
    assert structure_findings(capsys) == [("conflict-status", s[4])]
    assert main(["export", "sample", "--lang", "es"]) == 1  # not approved: a gap
    # git add marks it resolved for git; transkit check still reports it
    git(repo, "add", str(PO))
    git(repo, "commit", "-q", "--no-edit")


def test_a_reimport_on_one_branch_combines_with_translations_on_the_other(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = ids()
    old = by_id(read_catalog(repo / PO))

    def reimport() -> None:
        text = (repo / "article.md").read_text(encoding="utf-8")
        text = text.replace("The strike spread to\nthree plants.", "The strike spread to\n"
                            "four plants.")  # edited
        text = text.replace(" Nobody expected it.", "")  # removed
        text = text.replace("## What the papers say", "A new paragraph.\n\n## What the papers say")
        (repo / "article.md").write_text(text, encoding="utf-8")
        assert main(["import", "article.md", "--doc", "sample"]) == 0

    branch(repo, "editor", reimport)
    new_ids = ids()
    edited, removed = s[4], s[5]
    assert edited in new_ids and removed not in new_ids
    assert by_id(read_catalog(repo / PO))[edited].source != old[edited].source
    added = [i for i in new_ids if i not in s]
    branch(repo, "ana", lambda: translate(repo / PO, {
        s[3]: ("Uno.", mark_approved), edited: ("Se extendió a tres plantas.", mark_approved),
        removed: ("Nadie lo esperaba.", mark_approved)}))
    merge = git(repo, "merge", "--no-edit", "editor", check=False)
    assert merge.returncode == 0, merge.stdout + merge.stderr
    assert_valid(repo / PO)
    merged = read_catalog(repo / PO)
    live = by_id(merged)
    assert [e.id for e in merged] == new_ids  # the template's segments, in its order
    assert all(i in live for i in added)
    assert status_of(live[s[3]]) is Status.APPROVED
    # an edited segment keeps its id: stale, with its translation and the source it was for
    assert live[edited].target == "Se extendió a tres plantas."
    assert status_of(live[edited]) is Status.STALE
    assert live[edited].previous == old[edited].source
    obsolete = {e.id: e for e in merged.obsolete()}
    assert obsolete[removed].target == "Nadie lo esperaba."
    kept = {e.target for e in merged.entries}
    assert {"Uno.", "Se extendió a tres plantas.", "Nadie lo esperaba."} <= kept
    assert structure_findings(capsys) == []


# -- check: .gitattributes names the driver, this clone's config does not ---------------


def merge_driver_findings(capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str, int]]:
    capsys.readouterr()
    main(["check", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    return [(f["severity"], file["path"], f["line"]) for file in report["files"]
            for f in file["findings"] if f["check"] == "merge-driver"]


def test_check_warns_when_the_clone_lacks_the_driver(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert merge_driver_findings(capsys) == []  # init set it up
    # a fresh clone: .gitattributes committed, git config not
    git(repo, "config", "--local", "--remove-section", "merge.transkit")
    assert merge_driver_findings(capsys) == [("warning", ".gitattributes", 1)]
    capsys.readouterr()
    assert main(["check"]) == 0  # a warning: the exit code stays clean
    out = capsys.readouterr().out
    assert ".gitattributes:1: warning merge-driver:" in out and "transkit git setup" in out
    assert main(["check", "--strict"]) == 1
    assert main(["git", "setup"]) == 0
    assert merge_driver_findings(capsys) == []


def test_check_is_quiet_without_the_attribute_or_outside_git(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(repo, "config", "--local", "--remove-section", "merge.transkit")
    (repo / ".gitattributes").write_text(
        "# locales/**/*.po merge=transkit\n*.po diff=transkit\n", encoding="utf-8")
    assert merge_driver_findings(capsys) == []
    (repo / ".gitattributes").write_text("*.po merge=transkit\n", encoding="utf-8")
    assert merge_driver_findings(capsys) == [("warning", ".gitattributes", 1)]
    (repo / "transkit.toml").write_text(
        (repo / "transkit.toml").read_text(encoding="utf-8")
        + '\n[check]\ndisable = ["merge-driver"]\n', encoding="utf-8")
    assert merge_driver_findings(capsys) == []
    shutil.rmtree(repo / ".git")
    if git(repo, "rev-parse", check=False).returncode != 0:  # not in some other repository
        (repo / "transkit.toml").write_text(
            (repo / "transkit.toml").read_text(encoding="utf-8").replace(
                'disable = ["merge-driver"]', "disable = []"), encoding="utf-8")
        assert merge_driver_findings(capsys) == []


# -- rebase and cherry-pick: git runs the same driver -------------------------------------

#: How each command brings ana's commit onto bo's branch: (commands, how to go on).
COMBINE = {
    "rebase": ([["checkout", "-q", "ana"], ["rebase", "bo"]], ["rebase", "--continue"]),
    "cherry-pick": ([["checkout", "-q", "bo"], ["cherry-pick", "ana"]],
                    ["cherry-pick", "--continue"]),
}


def combine(repo: Path, how: str) -> subprocess.CompletedProcess[str]:
    """ana's commit replayed on top of bo's, by `git rebase` or `git cherry-pick`."""
    steps, _ = COMBINE[how]
    git(repo, *steps[0])
    return git(repo, "-c", "core.editor=true", *steps[1], check=False)


@pytest.mark.parametrize("how", list(COMBINE))
def test_rebase_and_cherry_pick_combine_approvals_cleanly(
    repo: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    s = ids()
    branch(repo, "ana", lambda: translate(
        repo / PO, {s[3]: ("Uno.", mark_approved), s[5]: ("Igual.", mark_approved)}))
    branch(repo, "bo", lambda: translate(
        repo / PO, {s[4]: ("Dos.", mark_approved), s[5]: ("Igual.", mark_translated)},
        who="bo"))
    done = combine(repo, how)
    assert done.returncode == 0, done.stdout + done.stderr
    assert git(repo, "status", "--porcelain").stdout == ""  # nothing left half-done
    assert_valid(repo / PO)
    merged = by_id(read_catalog(repo / PO))
    assert [(merged[i].target, status_of(merged[i])) for i in s[3:6]] == [
        ("Uno.", Status.APPROVED), ("Dos.", Status.APPROVED), ("Igual.", Status.APPROVED)
    ]
    assert structure_findings(capsys) == []


@pytest.mark.parametrize("how", list(COMBINE))
def test_rebase_and_cherry_pick_mark_two_texts_as_a_conflict(
    repo: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    s = ids()
    branch(repo, "ana", lambda: translate(
        repo / PO, {s[3]: ("Uno.", mark_approved), s[4]: ("Dos, dice Ana.", mark_approved)}))
    branch(repo, "bo", lambda: translate(
        repo / PO, {s[4]: ("Dos, dice Bo.", mark_approved), s[6]: ("Seis.", mark_translated)},
        who="bo"))
    done = combine(repo, how)
    assert done.returncode != 0 and "CONFLICT" in done.stdout + done.stderr
    assert_valid(repo / PO)
    merged = by_id(read_catalog(repo / PO))
    assert status_of(merged[s[3]]) is Status.APPROVED and merged[s[3]].target == "Uno."
    assert status_of(merged[s[6]]) is Status.TRANSLATED and merged[s[6]].target == "Seis."
    conflict = merged[s[4]]
    assert status_of(conflict) is Status.CONFLICT and conflict.target == "Dos, dice Bo."
    assert [(a.text, a.status, a.by) for a in alternatives(conflict)] == [
        ("Dos, dice Ana.", "approved", "ana")
    ]
    assert structure_findings(capsys) == [("conflict-status", s[4])]
    # git add marks the file resolved for git; the segment stays marked for a person
    git(repo, "add", str(PO))
    git(repo, "-c", "core.editor=true", *COMBINE[how][1])
    assert git(repo, "status", "--porcelain").stdout == ""
    assert status_of(by_id(read_catalog(repo / PO))[s[4]]) is Status.CONFLICT
