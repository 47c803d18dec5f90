"""The check registry: each check defined once, in the module of its family,
and everything that names checks (findings, --list, transkit-ignore, the
README) reading it."""

from __future__ import annotations

import ast
import importlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import transkit.tui.app as review_app
import transkit.tui.base as review_base
from review_helpers import run_app
from transkit.checks import CHECKS, Finding
from transkit.checks import content as content_checks
from transkit.checks.findings import FAMILIES, Check, define
from transkit.checks.report import render_list
from transkit.cli import main
from transkit.project import Project
from transkit.status import mark_translated

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src" / "transkit"


def test_every_check_is_defined_in_the_module_of_its_family() -> None:
    for family in FAMILIES:
        module = importlib.import_module(
            f"transkit.checks.{'findings' if family == 'transkit' else family}"
        )
        here = {c for c in vars(module).values() if isinstance(c, Check)}
        # A module may import another family's check to emit it; it defines only its own.
        defined = {c for c in here if c.family == family}
        assert defined == {c for c in CHECKS.values() if c.family == family}, family
    assert {c.family for c in CHECKS.values()} == set(FAMILIES)


#: Words that are check ids but mean something else where they are written.
OTHER_MEANINGS = {
    ("checks/report.py", "unreadable"): "the JSON summary's count of unreadable files",
}


def test_a_check_id_is_written_once_in_the_source() -> None:
    """No string literal equal to a check id in the package, but the one that
    defines it: a check is named through its object, so a typo is a NameError."""
    ids = set(CHECKS)
    defined: list[str] = []
    stray: list[str] = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not _deals_with_checks(path, tree):
            continue
        definitions = {
            id(node.args[0])
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "define"
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in ids:
                if (path.relative_to(SRC).as_posix(), node.value) in OTHER_MEANINGS:
                    continue
                where = f"{path.relative_to(REPO)}:{node.lineno}: {node.value!r}"
                (defined if id(node) in definitions else stray).append(where)
    assert not stray, "check ids written outside their definition:\n" + "\n".join(stray)
    assert sorted(d.rsplit(" ", 1)[1].strip("'") for d in defined) == sorted(ids)


def _deals_with_checks(path: Path, tree: ast.Module) -> bool:
    """Whether a module is part of `transkit.checks` or imports it. Elsewhere
    the same words name other things ("glossary", "missing")."""
    if path.relative_to(SRC).parts[0] == "checks":
        return True
    imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    return any(m.startswith("transkit.checks") for m in imported)


def test_define_refuses_a_second_definition_and_bad_values() -> None:
    before = dict(CHECKS)
    with pytest.raises(ValueError, match="defined twice"):
        define("numbers", "error", "content", "again")
    with pytest.raises(ValueError, match="lower-case"):
        define("Numbers2", "error", "content", "a bad id")
    with pytest.raises(ValueError, match="unknown"):
        define("spelling", "fatal", "content", "a bad severity")
    with pytest.raises(ValueError, match="unknown"):
        define("spelling", "error", "style", "a bad family")
    assert before == CHECKS


def test_a_finding_of_an_undefined_check_is_refused() -> None:
    """So no test of the suite, and no run, can emit an id the registry lacks."""
    with pytest.raises(ValueError, match="no defined check"):
        Finding("speling", "warning", "a typo")
    assert CHECKS["numbers"].finding("1,700 missing", line=3) == Finding(
        "numbers", "error", "1,700 missing", line=3
    )


def test_content_checks_run_in_their_listed_order() -> None:
    listed = [c for c in CHECKS.values() if c.family == "content" and c.run]
    assert list(content_checks.ON_SEGMENTS) == listed
    assert list(content_checks.RUNNERS) == [c.id for c in listed]
    assert all(content_checks.RUNNERS[c.id] is c.run for c in listed)
    assert CHECKS["consistency"].run is None  # compares segments, not one segment


def test_list_is_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--list"]) == 0
    out = capsys.readouterr().out
    assert out == render_list()
    rows = [line.split(maxsplit=3) for line in out.splitlines()]
    assert sorted(r[0] for r in rows) == sorted(CHECKS)
    families = [r[2] for r in rows]
    assert families == sorted(families, key=FAMILIES.index)  # family by family
    for check_id, severity, family, summary in rows:
        c = CHECKS[check_id]
        assert (severity, family) == (c.severity, c.family)
        assert summary.startswith(c.summary)
    assert "internal" in out and "(cannot be disabled or silenced)" in out


def test_readme_lists_the_checks_of_the_registry() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- the check registry: .*? -->\n```text\n(.*?)```", readme, re.DOTALL)
    assert m, "README.md: the check list (```text after <!-- the check registry: … -->) is gone"
    assert m.group(1) == render_list(), (
        "README.md's check list differs from the registry: paste `transkit check --list`"
    )


# -- transkit-ignore names checks of the registry ------------------------------------------


def test_an_unknown_id_in_transkit_ignore_is_reported_with_the_nearest(
    make_project: Callable[..., Project], capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project()
    capsys.readouterr()
    catalog = project.load_translation("sample", "es")
    entry = next(e for e in catalog if e.source == "Nobody expected it.")
    entry.target = "Nadie  lo esperaba."
    entry.comments.append("transkit-ignore: double-spaces, bad-ignore, frobnicate — house style")
    project.save_translation("sample", "es", catalog)
    assert main(["check", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    found = [(x["check"], x["message"]) for f in report["files"] for x in f["findings"]]
    assert found == [
        ("bad-ignore", "transkit-ignore names no check 'double-spaces' "
                       "(did you mean 'double-space'?)"),
        ("bad-ignore", "transkit-ignore cannot silence 'bad-ignore'"),
        ("bad-ignore", "transkit-ignore names no check 'frobnicate'"),
        ("double-space", "two spaces in a row: 'Nadie  lo esperaba.'"),
    ]


# -- the review screen's inline checks ------------------------------------------------------


def test_the_review_pane_explains_its_findings_from_the_registry(
    make_project: Callable[..., Project], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project()
    catalog = project.load_translation("sample", "es")
    segment = next(iter(catalog))
    segment.target = "Un  pequeño artículo sobre el movimiento."  # double space, a final period
    mark_translated(segment)
    project.save_translation("sample", "es", catalog)
    app = review_app.ReviewApp(project, "sample", "es", cursor_blink=False, watch_interval=0)

    async def scenario(pilot: Any) -> None:
        pane = app.w_checks
        assert app.session.current.id == segment.id
        assert pane.plain.splitlines() == [
            "⚠ end-punctuation: ends with '.'; the source has no closing punctuation",
            "⚠ double-space: two spaces in a row: 'Un  pequeño artí'",
        ]
        assert pane.tooltip == "\n".join(
            f"{c}: {CHECKS[c].summary}" for c in ("end-punctuation", "double-space"))

        def broken(*args: object, **kw: object) -> list[Finding]:
            raise KeyError("boom")

        monkeypatch.setattr(review_base, "check_entry", broken)  # show_checks is AppBase's
        app.show_checks()
        assert pane.plain == "✗ internal: the checker failed: 'boom'"
        assert CHECKS["internal"].summary in str(pane.tooltip)

    run_app(app, scenario)
