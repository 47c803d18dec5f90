"""PO-Revision-Date and Last-Translator, kept as Poedit keeps them (issue 15):
on main they never changed. A save that changes a translation stamps both,
through the store; a save that changes nothing changes no byte; a git merge
of two stamped branches keeps the later revision, the same either way round."""

from __future__ import annotations

import copy
import re
import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

# test_gitmerge's real repository: its fixtures ``repo`` and ``isolated_git`` too.
from test_gitmerge import branch, git, isolated_git, repo  # noqa: F401
from transkit.catalog import Catalog
from transkit.gitmerge import merge_files
from transkit.merge import IMPORT, REVIEW
from transkit.po import scan_catalog
from transkit.project import Project
from transkit.status import mark_approved
from transkit.store import Store, Version

ZONE = timezone(timedelta(hours=1))
NOON = datetime(2026, 12, 2, 12, 30, tzinfo=ZONE)


@pytest.fixture(autouse=True)
def no_git_identity(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Only the identity a test gives: not the machine's ~/.gitconfig."""
    empty = tmp_path / "gitconfig"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def approve(version: Version, index: int, text: str) -> Catalog:
    catalog = Catalog(dict(version.catalog.header), list(version.catalog.entries),
                      list(version.catalog.header_comments))
    entry = copy.deepcopy(catalog.entries[index])
    entry.target = text
    mark_approved(entry, "ana", "2026-12-02")
    catalog.entries[index] = entry
    return catalog


def header(project: Project, lang: str = "es") -> dict[str, str]:
    path = project.po_path("sample", lang)
    return scan_catalog(path.read_bytes(), path).header


def set_translator(project: Project, who: str) -> Project:
    text = project.config.path.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^translator = .*\n', "", text)
    text = text.replace("[languages.es]\n", f'[languages.es]\ntranslator = "{who}"\n')
    project.config.path.write_text(text, encoding="utf-8")
    return Project.find(project.root)


def test_a_save_that_changes_a_translation_stamps_date_and_translator(make_project) -> None:
    project = set_translator(make_project(), "Ana Silva <ana@example.org>")
    before = header(project)
    assert before["Last-Translator"] == "transkit"
    store = Store(project, clock=lambda: NOON)
    base = store.read("sample", "es")
    store.save("sample", "es", approve(base, 3, "Los trabajadores pararon."), base, REVIEW)
    after = header(project)
    assert after["PO-Revision-Date"] == "2026-12-02 12:30+0100"
    assert after["Last-Translator"] == "Ana Silva <ana@example.org>"
    assert list(after) == list(before)  # in place: no field moved


def test_without_a_setting_the_translator_is_gits_user(make_project) -> None:
    project = make_project()
    subprocess.run(["git", "init", "-q"], cwd=project.root, check=True)
    subprocess.run(["git", "config", "user.name", "Bo Jansen"], cwd=project.root, check=True)
    subprocess.run(["git", "config", "user.email", "bo@example.org"], cwd=project.root,
                   check=True)
    store = Store(project, clock=lambda: NOON)
    base = store.read("sample", "es")
    store.save("sample", "es", approve(base, 3, "Los trabajadores pararon."), base, REVIEW)
    assert header(project)["Last-Translator"] == "Bo Jansen <bo@example.org>"


def test_nobody_known_leaves_the_translator_and_still_dates_the_revision(make_project) -> None:
    project = make_project()
    store = Store(project, clock=lambda: NOON)
    base = store.read("sample", "es")
    store.save("sample", "es", approve(base, 3, "Los trabajadores pararon."), base, REVIEW)
    after = header(project)
    assert (after["PO-Revision-Date"], after["Last-Translator"]) == (
        "2026-12-02 12:30+0100", "transkit")


def test_a_save_that_changes_nothing_changes_no_byte(make_project) -> None:
    project = set_translator(make_project(), "Ana Silva <ana@example.org>")
    path = project.po_path("sample", "es")
    store = Store(project, clock=lambda: NOON)
    base = store.read("sample", "es")
    data, stamp = path.read_bytes(), path.stat()
    saved = store.save("sample", "es", base.catalog, base, REVIEW)
    assert not saved.written
    assert path.read_bytes() == data
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (stamp.st_ino, stamp.st_mtime_ns)


def test_a_writers_old_copy_of_the_header_never_turns_the_stamp_back(make_project) -> None:
    """The review app keeps its own catalog; the header it holds predates its
    last save's stamp. Saving it again unchanged writes nothing."""
    project = make_project()
    later = iter([NOON, NOON + timedelta(hours=2)])
    store = Store(project, clock=lambda: next(later))
    base = store.read("sample", "es")
    ours = approve(base, 3, "Los trabajadores pararon.")
    saved = store.save("sample", "es", ours, base, REVIEW)
    stamped = saved.version.data
    again = store.save("sample", "es", ours, saved.version, REVIEW)  # ours: the old header
    assert not again.written
    assert project.po_path("sample", "es").read_bytes() == stamped
    third = store.save("sample", "es", approve(saved.version, 4, "La huelga."), saved.version,
                       REVIEW)
    assert third.written
    assert header(project)["PO-Revision-Date"] == "2026-12-02 14:30+0100"


def test_an_import_changes_sources_and_stamps_nothing(make_project) -> None:
    project = make_project()
    before = header(project)
    store = Store(project, clock=lambda: NOON)
    base = store.read("sample", "es")
    catalog = Catalog(dict(base.catalog.header), list(base.catalog.entries),
                      list(base.catalog.header_comments))
    entry = copy.deepcopy(catalog.entries[2])
    entry.source = "A source edited by a re-import."
    catalog.entries[2] = entry
    assert store.save("sample", "es", catalog, base, IMPORT).written
    assert header(project)["PO-Revision-Date"] == before["PO-Revision-Date"]


def _stamped(project: Project, tmp_path: Path, name: str, when: datetime, index: int) -> Path:
    """A copy of es's file as one branch has it: a segment approved, stamped."""
    store = Store(project, clock=lambda: when)
    base = store.read("sample", "es")
    saved = store.save("sample", "es", approve(base, index, f"Texto {index}."), base, REVIEW)
    copy_path = tmp_path / name
    copy_path.write_bytes(saved.version.data)
    project.po_path("sample", "es").write_bytes(base.data)  # back to the common version
    return copy_path


def test_a_git_merge_keeps_the_later_revision_whichever_way_round(
    make_project, tmp_path: Path
) -> None:
    project = make_project()
    path = project.po_path("sample", "es")
    base = tmp_path / "base.po"
    base.write_bytes(path.read_bytes())
    project = set_translator(project, "Ana Silva <ana@example.org>")
    ana = _stamped(project, tmp_path, "ana.po", NOON, 3)
    project = set_translator(project, "Bo Jansen <bo@example.org>")
    bo = _stamped(project, tmp_path, "bo.po", NOON + timedelta(minutes=5), 4)
    results = []
    for ours, theirs in ((ana, bo), (bo, ana)):
        work = tmp_path / f"work-{ours.name}"
        work.write_bytes(ours.read_bytes())
        merged = merge_files(base, work, theirs, "locales/es/sample.po")
        assert merged.conflicts == ()
        results.append(work.read_bytes())
    assert results[0] == results[1]
    merged_header = scan_catalog(results[0], "merged").header
    assert merged_header["PO-Revision-Date"] == "2026-12-02 12:35+0100"
    assert merged_header["Last-Translator"] == "Bo Jansen <bo@example.org>"


def test_a_real_git_merge_of_two_stamped_branches_is_the_same_either_way(
    repo: Path,  # noqa: F811 (the fixture)
) -> None:
    """Two translators' branches, each saved through the store, merged by git
    with the transkit driver in both directions: no conflict, the same file."""

    def work(name: str, when: datetime, index: int) -> Callable[[], None]:
        def run() -> None:
            git(repo, "config", "user.name", name)
            store = Store(Project.find(repo), clock=lambda: when)
            base = store.read("sample", "es")
            store.save("sample", "es", approve(base, index, f"Texto {index}."), base, REVIEW)

        return run

    branch(repo, "ana", work("Ana Silva", NOON, 3))
    branch(repo, "bo", work("Bo Jansen", NOON + timedelta(minutes=5), 4))
    merged = []
    for into, other in (("ana", "bo"), ("bo", "ana")):
        git(repo, "checkout", "-q", "-b", f"{into}-with-{other}", into)
        result = git(repo, "merge", "--no-edit", other, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
        merged.append((repo / "locales/es/sample.po").read_bytes())
    assert merged[0] == merged[1]
    fields = scan_catalog(merged[0], "merged").header
    assert (fields["PO-Revision-Date"], fields["Last-Translator"]) == (
        "2026-12-02 12:35+0100", "Bo Jansen <test@example.org>")


def test_drafts_stamp_the_header_and_a_second_run_changes_no_byte(make_project, api) -> None:
    """`transkit draft` against the local DeepL server: its save changes
    translations, so it stamps; the run after it drafts nothing and writes nothing."""
    from transkit.cli import main

    project = set_translator(make_project(), "Ana Silva <ana@example.org>")
    assert main(["draft", "--lang", "es"]) == 0
    after = header(project)
    assert after["Last-Translator"] == "Ana Silva <ana@example.org>"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d[+-]\d{4}", after["PO-Revision-Date"])
    data = project.po_path("sample", "es").read_bytes()
    pt = project.po_path("sample", "pt").read_bytes()
    assert main(["draft", "--lang", "es"]) == 0
    assert project.po_path("sample", "es").read_bytes() == data
    assert project.po_path("sample", "pt").read_bytes() == pt
