"""``transkit status`` as a person and as a script see it: bars at a terminal,
totals over the catalogue, and what needs work, largest first."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from cli_helpers import run
from transkit.cli import main
from transkit.project import Project
from transkit.stats import Counts, bar_cells, count
from transkit.status import Status, mark_approved, mark_draft, mark_stale, mark_translated


def _counts(**words: int) -> Counts:
    c = Counts()
    for name, n in words.items():
        status = Status(name.replace("_", "-"))
        c.words[status] = n
        c.segments[status] = max(1, n // 10)
    return c


def test_bar_cells_add_up_and_keep_slivers_visible() -> None:
    cells = bar_cells(_counts(approved=500, draft=3, untranslated=497), 30)
    assert sum(n for _, n in cells) == 30
    assert [s for s, _ in cells] == [Status.APPROVED, Status.DRAFT, Status.UNTRANSLATED]
    assert dict(cells)[Status.DRAFT] == 1  # 0.09 of a cell still shows
    assert bar_cells(Counts(), 30) == []
    assert bar_cells(_counts(approved=10), 0) == []


def _two_documents(make_project: Callable[..., Project], chdir: Path) -> Project:
    project = make_project()
    other = chdir / "other.md"
    other.write_text("One more sentence here.\n\nAnd another one, longer than that.\n",
                     encoding="utf-8")
    assert main(["import", str(other), "--doc", "other"]) == 0
    es = project.load_translation("sample", "es")
    entries = list(es)
    entries[0].target = "Uno."
    mark_approved(entries[0], "ana")
    entries[1].target = "Dos."
    mark_translated(entries[1], "bo")
    entries[2].target = "Tres."
    mark_draft(entries[2], "deepl")
    project.save_translation("sample", "es", es)
    pt = project.load_translation("other", "pt")
    first = next(iter(pt))
    first.target = "Mais uma."
    mark_translated(first, "bo")
    mark_stale(first, "One sentence here.")
    project.save_translation("other", "pt", pt)
    return project


def test_a_terminal_gets_bars_and_the_catalogues_totals(
    make_project: Callable[..., Project], chdir: Path
) -> None:
    project = _two_documents(make_project, chdir)
    result = run("status", cwd=chdir, tty=True)
    assert result.code == 0, result.err_text
    screen = result.out.decode()
    assert "\x1b[32m█" in screen  # approved, in green
    assert "All 2 documents" in screen
    sample = count(project.load_translation("sample", "es"))
    other = count(project.load_translation("other", "es"))
    total = sample.total + other.total
    es_total = next(line for line in screen.splitlines()[::-1] if line.startswith("  es "))
    assert f"{total - 3} untranslated" in es_total and "1 approved, 1 translated, 1 draft" \
        in es_total
    plain = run("status", cwd=chdir)  # a pipe: the numbers table, no escapes
    assert b"\x1b[" not in plain.out and b"words done" in plain.out


def test_no_color_tells_statuses_apart_by_shade(
    make_project: Callable[..., Project], chdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _two_documents(make_project, chdir)
    monkeypatch.setenv("NO_COLOR", "1")
    screen = run("status", "sample", "--lang", "es", cwd=chdir, tty=True).out.decode()
    assert "\x1b[" not in screen
    assert "█" in screen and "▓" in screen and "▒" in screen and "░" in screen


def test_todo_and_stale_list_the_largest_first(
    make_project: Callable[..., Project], chdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _two_documents(make_project, chdir)
    capsys.readouterr()
    assert main(["status", "--todo", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == sorted(rows, key=lambda r: (-r["words"], -r["segments"], r["doc"], r["lang"]))
    sample_es = next(r for r in rows if (r["doc"], r["lang"]) == ("sample", "es"))
    sample_pt = next(r for r in rows if (r["doc"], r["lang"]) == ("sample", "pt"))
    assert sample_es["segments"] == sample_pt["segments"] - 2  # approved, translated done
    assert not any(r["lang"] == "en" for r in rows)  # the edition is approved
    assert main(["status", "--stale"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].split()[:2] == ["other", "pt"]
    with pytest.raises(SystemExit) as refused:  # one list at a time: a usage error
        main(["status", "--stale", "--todo"])
    assert refused.value.code == 2
