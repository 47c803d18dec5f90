"""The project through its command line (init, import, status), with real gettext tools."""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE, SEED
from transkit.cli import main
from transkit.importers.markdown import parse_markdown
from transkit.template import document_from_template

LANGS = ("en", "es", "pt", "nl")


def po_files(root: Path, doc: str = "sample") -> list[Path]:
    return [root / "locales" / lang / f"{doc}.po" for lang in LANGS]


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.po*"))}


def msgfmt_statistics(path: Path) -> tuple[int, int, int]:
    out = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
    ).stderr

    def num(word: str) -> int:
        m = re.search(rf"(\d+) {word}", out)
        return int(m.group(1)) if m else 0

    return num("translated"), num("fuzzy"), num("untranslated")


def test_import_writes_template_and_every_language(make_project) -> None:
    project = make_project()
    template = project.load_template("sample")
    ids = [e.id for e in template]
    assert len(ids) == len(set(ids)) > 10
    for path in [project.template_path("sample"), *po_files(project.root)]:
        text = path.read_text(encoding="utf-8")
        assert "\n#: " not in text  # no line-number references
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)
        round_trip = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
        assert round_trip == path.read_bytes(), f"msgcat rewrites {path}"
    for lang in LANGS:
        assert [e.id for e in project.load_translation("sample", lang)] == ids


def test_template_alone_rebuilds_the_document(make_project) -> None:
    project = make_project()
    rebuilt = document_from_template(project.load_template("sample"))
    assert rebuilt == parse_markdown(SAMPLE.read_text(encoding="utf-8"), marked=True)


def test_english_edition_starts_approved(make_project, capsys) -> None:
    project = make_project()
    capsys.readouterr()
    assert main(["status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["sample"]
    n = data["en"]["segments"]
    assert data["en"]["by_status"]["approved"]["segments"] == n
    assert data["es"]["by_status"]["untranslated"]["segments"] == n
    assert project.load_translation("sample", "en").header["Language"] == "en"


def test_status_table_and_msgfmt_agree(make_project, capsys) -> None:
    project = make_project()
    es = project.load_translation("sample", "es")
    from transkit.merge import add_alternative
    from transkit.status import mark_approved, mark_conflict, mark_draft, mark_translated

    entries = list(es)
    entries[0].target = "Un pequeño artículo"
    mark_approved(entries[0], "ana")
    entries[1].target = "Foto"
    mark_draft(entries[1], "deepl")
    entries[2].target = "Ana Silva y Bo Jansen"
    entries[3].target = "Texto de Ana."  # two people's texts met in a git merge
    mark_translated(entries[3], "ana")
    other = type(entries[3])(entries[3].id, entries[3].source, target="Texto de Bo.")
    add_alternative(entries[3], other)
    mark_conflict(entries[3])
    project.save_translation("sample", "es", es)
    capsys.readouterr()
    assert main(["status"]) == 0
    table = capsys.readouterr().out
    assert all(re.search(rf"^\s+{lang}\s", table, re.M) for lang in LANGS)
    head = re.search(r"^\s+lang\s.*$", table, re.M)
    assert head is not None and "  conflict  " in head.group(0)  # a column of its own
    words = sum(len(e.source.split()) for e in entries[:1])
    assert re.search(rf"^\s+es\s+1 \({words}\)", table, re.M)  # approved: segments (words)
    assert main(["status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["sample"]
    for lang in LANGS:
        by = {k: v["segments"] for k, v in data[lang]["by_status"].items()}
        ours = (
            by["approved"] + by["translated"],
            by["draft"] + by["stale"] + by["needs-work"] + by["conflict"],
            by["untranslated"],
        )
        assert ours == msgfmt_statistics(project.po_path("sample", lang)), lang
    assert data["es"]["by_status"]["approved"]["segments"] == 1
    assert data["es"]["by_status"]["draft"]["segments"] == 1
    assert data["es"]["by_status"]["translated"]["segments"] == 1
    assert data["es"]["by_status"]["conflict"]["segments"] == 1


def test_reimport_unchanged_writes_nothing(make_project, capsys) -> None:
    project = make_project()
    before = snapshot(project.root)
    mtimes = {p: p.stat().st_mtime_ns for p in project.root.rglob("*.po*")}
    assert main(["import", str(SAMPLE), "--doc", "sample"]) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert snapshot(project.root) == before
    assert {p: p.stat().st_mtime_ns for p in project.root.rglob("*.po*")} == mtimes


def test_inserting_a_paragraph_only_adds_its_entries(make_project, tmp_path) -> None:
    project = make_project()
    before = snapshot(project.root)
    changed = tmp_path / "changed.md"
    text = SAMPLE.read_text(encoding="utf-8")
    changed.write_text(
        text.replace(
            "## What the papers say",
            "A new paragraph arrives. It has two sentences.\n\n## What the papers say",
        ),
        encoding="utf-8",
    )
    assert main(["import", str(changed), "--doc", "sample"]) == 0
    after = snapshot(project.root)
    assert before.keys() == after.keys()
    for name in before:
        old, new = before[name].decode().splitlines(), after[name].decode().splitlines()
        diff = [
            d
            for d in difflib.unified_diff(old, new, lineterm="", n=0)
            if not d.startswith(("---", "+++", "@@"))
        ]
        assert diff and all(d.startswith("+") for d in diff), (name, diff)
        added = "\n".join(d[1:] for d in diff)
        assert 'msgid "A new paragraph arrives."' in added
        assert 'msgid "It has two sentences."' in added
        assert added.count("msgctxt") == 2


def test_edit_makes_stale_entries_with_previous_source(make_project, tmp_path) -> None:
    project = make_project()
    es = project.load_translation("sample", "es")
    for entry in es:
        entry.target = "ES " + entry.source
    project.save_translation("sample", "es", es)
    changed = tmp_path / "changed.md"
    changed.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(
            "Nobody expected it.", "Nobody had expected it."
        ),
        encoding="utf-8",
    )
    assert main(["import", str(changed), "--doc", "sample"]) == 0
    text = project.po_path("sample", "es").read_text(encoding="utf-8")
    assert "#, fuzzy\n#| msgctxt" not in text
    stale = (
        r'#, fuzzy\n#\| msgid "Nobody expected it."\nmsgctxt "[^"]+"\n'
        r'msgid "Nobody had expected it."\nmsgstr "ES Nobody expected it."'
    )
    assert re.search(stale, text)


def test_commands_find_the_project_from_a_subfolder(make_project, capsys) -> None:
    project = make_project()
    os.chdir(project.root / "locales" / "es")
    capsys.readouterr()
    assert main(["status", "sample"]) == 0
    assert "sample" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda t: t[: t.rindex('msgstr "')] + 'msgstr "cut', ""),
        (lambda t: t[: len(t) // 2], ""),
        (lambda t: t + 2 * '\nmsgctxt "t-dup"\nmsgid "a"\nmsgstr ""\n', "duplicate"),
        (lambda t: t.replace("\nmsgctxt", "\n<<<<<<< HEAD\nmsgctxt", 1), "conflict"),
        (lambda t: t.replace("Workers", "Workers \udcff", 1), "UTF-8"),
    ],
    ids=["unterminated", "truncated", "duplicate", "conflict-markers", "not-utf8"],
)
def test_malformed_po_stops_import_and_changes_nothing(
    make_project, capsys, damage, message
) -> None:
    project = make_project()
    es = project.po_path("sample", "es")
    broken = damage(es.read_text(encoding="utf-8")).encode("utf-8", "surrogateescape")
    es.write_bytes(broken)
    before = snapshot(project.root)
    capsys.readouterr()
    edited = project.root / "edited.md"
    edited.write_text(
        SAMPLE.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8"
    )
    assert main(["import", str(edited), "--doc", "sample"]) == 2
    err = capsys.readouterr().err
    assert re.search(r"locales/es/sample\.po:\d+: ", err), err
    assert message.lower() in err.lower()
    assert snapshot(project.root) == before
    assert main(["status"]) == 2
    assert (
        subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(es)], capture_output=True
        ).returncode
        != 0
    )


def test_missing_source_and_bad_language(make_project, capsys) -> None:
    make_project(source=None)
    capsys.readouterr()
    assert main(["import", "nowhere.md"]) == 2
    assert "nowhere.md: no such file" in capsys.readouterr().err
    assert main(["status", "--lang", "xx"]) == 2
    assert "'xx' is not configured" in capsys.readouterr().err


def test_init_refuses_unknown_language(chdir, capsys) -> None:
    assert main(["init", "--languages", "es,zz"]) == 2
    assert "unknown language code 'zz'" in capsys.readouterr().err
    assert not (chdir / "transkit.toml").exists()


def test_to_markdown_shows_the_understanding_of_a_scrape(chdir, capsys) -> None:
    assert main(["import", str(SEED), "--to-markdown", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Iran: Oil and gas workers on the move.")
    assert "{.byline}\nAníbal and Fredo Corvo" in out
    assert "\n[^30]: Based on F.C." in out
    assert parse_markdown(out).segment_texts()


def test_status_does_not_import_textual_or_deepl(make_project) -> None:
    project = make_project()
    probe = (
        "import sys; from transkit.cli import main; main(['status']); "
        "print([m for m in ('textual', 'deepl') if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=project.root, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"
