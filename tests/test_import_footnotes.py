"""The bundled article re-imported after an edit that only renumbers its notes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, SEED
from transkit.cli import main
from transkit.importing import source_markdown
from transkit.po.reader import read_catalog
from transkit.po.writer import write_catalog
from transkit.status import Status, mark_approved, status_of

DOC = "iran-oil-gas"


def _copy_project(root: Path) -> None:
    for name in ("transkit.toml", "segments", "locales", "sources"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name)
        else:
            shutil.copy(src, root / name)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.glob("*/**/*.po*")}


def test_the_bundled_data_is_what_the_importer_makes(
    chdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Re-importing the bundled source changes nothing: its 12 quote paragraphs,
    typeable segments and every segment id are in the committed files."""
    _copy_project(chdir)
    before = _files(chdir)
    assert main(["import", "sources/iran-oil-gas.txt", "--doc", DOC]) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert _files(chdir) == before
    pot = (chdir / "segments" / f"{DOC}.pot").read_text(encoding="utf-8")
    assert pot.count("#. quote > paragraph") == 25  # 28 quote paragraphs, 3 in a list item
    for po in before:
        assert "\\\\" not in (chdir / po).read_text(encoding="utf-8")


@pytest.fixture
def bundled(chdir: Path) -> Path:
    """A copy of this repository's project, its Spanish all approved."""
    _copy_project(chdir)
    es_path = chdir / "locales" / "es" / f"{DOC}.po"
    es = read_catalog(es_path)
    for entry in es:
        entry.target = f"ES {entry.source}"
        mark_approved(entry, "ana", on="2026-12-01")
    write_catalog(es_path, es)
    return chdir


def _shift(markdown: str, first: int, by: int) -> str:
    """Renumber references and notes from `first` on by `by`."""

    def repl(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return f"[^{n + by if n >= first else n}]"

    return re.sub(r"\[\^(\d+)\]", repl, markdown)


def _statuses(root: Path) -> dict[Status, int]:
    counts: dict[Status, int] = {}
    for entry in read_catalog(root / "locales" / "es" / f"{DOC}.po"):
        if not entry.obsolete:
            counts[status_of(entry)] = counts.get(status_of(entry), 0) + 1
    return counts


def test_a_new_note_stales_nothing(bundled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    markdown = source_markdown(SEED).markdown
    edited = _shift(markdown, 4, 1)
    anchor = "The release of prisoners previously"
    assert anchor in edited
    edited = edited.replace(anchor, "Strikes spread to Abadan.[^4]\n\n" + anchor, 1)
    edited = edited.replace("\n[^5]: ", "\n[^4]: Reuters, 12 October 2022.\n\n[^5]: ", 1)
    source = bundled / "edited.md"
    source.write_text(edited, encoding="utf-8")
    assert main(["import", str(source), "--doc", DOC]) == 0
    out = capsys.readouterr().out
    assert "2 new, 0 edited (now stale)" in out and "0 removed" in out
    counts = _statuses(bundled)
    assert counts == {Status.APPROVED: 371, Status.UNTRANSLATED: 2}
    es = {e.source: e.target for e in read_catalog(bundled / "locales/es" / f"{DOC}.po")}
    renumbered = [s for s in es if "[^31]" in s]
    assert renumbered and all("[^31]" in es[s] for s in renumbered)
    capsys.readouterr()
    main(["check", "--format", "json"])
    assert '"placeholders"' not in capsys.readouterr().out  # every translation matches


def test_a_deleted_note_stales_nothing(bundled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    markdown = source_markdown(SEED).markdown
    lines = markdown.split("\n")
    (para,) = [n for n, line in enumerate(lines) if "reported by us[^4]" in line]
    del lines[para]
    edited = "\n".join(lines)
    edited = re.sub(r"\n\[\^4\]: [^\n]*\n", "\n", edited)
    source = bundled / "edited.md"
    source.write_text(_shift(edited, 5, -1), encoding="utf-8")
    assert main(["import", str(source), "--doc", DOC]) == 0
    out = capsys.readouterr().out
    assert ", 0 edited (now stale)" in out
    assert _statuses(bundled) == {Status.APPROVED: 371 - int(re.search(r"(\d+) removed", out)[1])}
