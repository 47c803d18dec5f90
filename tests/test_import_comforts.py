"""Small comforts: re-import without a path, a document name from any file
name, exports ignored by git, a refused export that does not flood the terminal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SAMPLE
from transkit.cli import main
from transkit.project import Project

ARTICLE = "# A title\n\nFirst sentence here. Second one.\n\nAnother paragraph.\n"


@pytest.fixture
def two_docs(chdir: Path) -> Path:
    assert main(["init", "--name", "t", "--languages", "es"]) == 0
    (chdir / "src").mkdir()
    for name in ("one", "two"):
        (chdir / "src" / f"{name}.md").write_text(ARTICLE, encoding="utf-8")
        assert main(["import", f"src/{name}.md"]) == 0
    return chdir


def test_import_without_a_path_reimports_every_recorded_source(two_docs: Path, capsys) -> None:
    capsys.readouterr()
    (two_docs / "src" / "two.md").write_text(ARTICLE + "\nA new paragraph.\n", encoding="utf-8")
    assert main(["import"]) == 0
    out = capsys.readouterr().out
    assert "Updated one:" in out and "Updated two:" in out
    assert "1 new, 0 edited" in out
    template = Project.find(two_docs).load_template("two")
    assert [e.source for e in template][-1] == "A new paragraph."


def test_import_doc_without_a_path_reimports_only_that_one(two_docs: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["import", "--doc", "two"]) == 0
    out = capsys.readouterr().out
    assert "Updated two:" in out and "one" not in out


def test_import_without_a_path_from_a_subfolder(two_docs: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(two_docs / "locales")
    capsys.readouterr()
    assert main(["import", "--doc", "one"]) == 0
    assert "Updated one:" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "--doc", "three"], "records no source for document 'three'"),
        (["import", "--to-markdown", "-"], "--to-markdown needs the SOURCE file"),
    ],
)
def test_import_without_a_path_explains_what_is_missing(two_docs, capsys, args, message) -> None:
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_import_without_a_path_in_a_new_project(chdir: Path, capsys) -> None:
    assert main(["init", "--languages", "es"]) == 0
    capsys.readouterr()
    assert main(["import"]) == 2
    assert "records no documents yet" in capsys.readouterr().err


def test_the_document_name_is_a_slug_of_the_file_name(chdir: Path, capsys) -> None:
    assert main(["init", "--languages", "es"]) == 0
    (chdir / "A_safety Notes.md").write_text(ARTICLE, encoding="utf-8")
    assert main(["import", "A_safety Notes.md"]) == 0
    assert "Imported a-safety-notes:" in capsys.readouterr().out
    assert (chdir / "segments" / "a-safety-notes.pot").is_file()


def test_init_ignores_exports(chdir: Path) -> None:
    assert main(["init", "--languages", "es"]) == 0
    assert (chdir / ".gitignore").read_text(encoding="utf-8") == "/export/\n"


def test_init_keeps_a_gitignore_and_adds_exports_once(chdir: Path) -> None:
    (chdir / ".gitignore").write_bytes(b"*.bak\n\xff-not-utf8")
    assert main(["init", "--languages", "es"]) == 0
    assert (chdir / ".gitignore").read_bytes() == b"*.bak\n\xff-not-utf8\n/export/\n"
    (chdir / "transkit.toml").unlink()
    (chdir / ".gitignore").write_text("export/\n", encoding="utf-8")
    assert main(["init", "--languages", "es"]) == 0
    assert (chdir / ".gitignore").read_text(encoding="utf-8") == "export/\n"


def test_a_refused_export_counts_its_gaps_and_shows_the_first_few(make_project, capsys) -> None:
    make_project(SAMPLE)
    capsys.readouterr()
    assert main(["export", "sample", "--lang", "es", "--format", "txt"]) == 1
    out = capsys.readouterr().out
    assert "sample/es: not exported: 20 of 20 segments not approved (20 missing)" in out
    listed = re.findall(r"^  missing ", out, flags=re.M)
    assert len(listed) == 5
    assert "  … and 15 more (--verbose lists them all)" in out
    assert main(["export", "sample", "--lang", "es", "--format", "txt", "--verbose"]) == 1
    out = capsys.readouterr().out
    assert len(re.findall(r"^  missing ", out, flags=re.M)) == 20 and "more" not in out


def test_a_source_too_large_for_its_po_files_is_refused_before_writing(
    chdir: Path, capsys, monkeypatch
) -> None:
    """The English edition holds every sentence twice: a source whose PO file
    transkit could not read back is refused, and nothing is written."""
    import transkit.importing

    assert main(["init", "--languages", "es"]) == 0
    monkeypatch.setattr(transkit.importing, "MAX_PO_BYTES", 2048)
    capsys.readouterr()
    assert main(["import", str(SAMPLE), "--doc", "sample"]) == 2
    err = capsys.readouterr().err
    assert "too large to translate as one document" in err and "split it" in err
    assert len(err.strip().splitlines()) == 1
    assert not (chdir / "segments" / "sample.pot").exists()
