"""The concordance: ``transkit find`` across documents, approved work first."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from transkit.cli import main
from transkit.concordance import fold, spans
from transkit.project import Project
from transkit.status import mark_approved, mark_draft


def test_folding_ignores_case_accents_and_spaces() -> None:
    assert fold("  Irán\u00a0 y  EE. UU.") == "iran y ee. uu."
    assert fold("Straße") == "strasse"
    assert fold("ИРАН") == "иран"
    assert spans("Los obreros de IRÁN e Irán.", "iran") == [(15, 19), (22, 26)]
    assert spans("a  b", "a b") == [(0, 4)]


def _project(make_project: Callable[..., Project], chdir: Path) -> Project:
    project = make_project()
    other = chdir / "other.md"
    other.write_text("The Pasdaran stopped the strike at the refinery.\n", encoding="utf-8")
    assert main(["import", str(other), "--doc", "other"]) == 0
    catalog = project.load_translation("other", "es")
    entry = next(iter(catalog))
    entry.target = "Los pasdarán pararon la huelga en la refinería."
    mark_approved(entry, "ana")
    project.save_translation("other", "es", catalog)
    sample = project.load_translation("sample", "es")
    first = next(iter(sample))
    first.target = f"Borrador con la refinería: {first.source}"
    mark_draft(first, "deepl")
    project.save_translation("sample", "es", sample)
    return project


def _found(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    capsys.readouterr()
    assert main(["find", *args, "--json"]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_find_searches_sources_and_translations_approved_first(
    make_project: Callable[..., Project], chdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _project(make_project, chdir)
    data = _found(capsys, "refineria", "--lang", "es")  # no accent typed: found all the same
    hits = data["hits"]
    assert isinstance(hits, list)
    assert [(h["doc"], h["status"], h["matched"]) for h in hits][:2] == [
        ("other", "approved", "target"),
        ("sample", "draft", "target"),
    ]
    assert hits[0]["target"] == "Los pasdarán pararon la huelga en la refinería."
    # Untranslated segments whose source holds the word are hits too: work still to do.
    assert data["total"] == len(hits) >= 2

    every = _found(capsys, "Pasdaran")  # all target languages, not the English edition
    assert {h["lang"] for h in every["hits"]} == {"es", "pt", "nl"}  # type: ignore[union-attr]
    assert _found(capsys, "Pasdaran", "--lang", "en")["total"] == 1
    assert _found(capsys, "zyzzyva")["total"] == 0


def test_find_prints_one_block_per_segment(
    make_project: Callable[..., Project], chdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _project(make_project, chdir)
    capsys.readouterr()
    assert main(["find", "pasdarán", "--limit", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("other p-") and out[0].endswith(
        ": The Pasdaran stopped the strike at the refinery.")
    assert out[1] == "  es ● Los pasdarán pararon la huelga en la refinería."
    assert out[2] == "  nl · (untranslated)"
    assert out[-1] == "3 found in 1 segments shown; 1 more not shown (--limit 0 shows all)."


def test_the_index_follows_every_change_of_a_file(
    make_project: Callable[..., Project], chdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(make_project, chdir)
    assert _found(capsys, "huelga", "--lang", "es")["total"] == 1
    catalog = project.load_translation("other", "es")
    entry = next(iter(catalog))
    entry.target = "Los pasdarán pararon el paro en la refinería."
    mark_approved(entry, "ana")
    project.save_translation("other", "es", catalog)
    assert _found(capsys, "huelga", "--lang", "es")["total"] == 0
    assert _found(capsys, "paro", "--lang", "es")["total"] == 1
    # A corrupt cache is rebuilt, never believed.
    for idx in (chdir / ".transkit" / "cache" / "find").rglob("*.idx"):
        idx.write_bytes(b"\xff garbage")
    assert _found(capsys, "paro", "--lang", "es")["total"] == 1


def test_a_broken_file_is_named_and_the_rest_still_searched(
    make_project: Callable[..., Project], chdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _project(make_project, chdir)
    broken = chdir / "locales" / "pt" / "other.po"
    broken.write_text('msgid "unterminated\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["find", "Pasdaran"]) == 2
    captured = capsys.readouterr()
    assert "locales/pt/other.po:1:" in captured.err
    assert "  es ● Los pasdarán" in captured.out
    fifo = chdir / "locales" / "nl" / "other.po"
    fifo.unlink()
    os.mkfifo(fifo)
    assert main(["find", "Pasdaran"]) == 2  # at once, not blocked on the FIFO
    assert "not a regular file" in capsys.readouterr().err
