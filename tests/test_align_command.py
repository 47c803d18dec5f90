"""``transkit align`` on real projects: what lands in the PO file, the
safety rule, the report and exit codes, and the joined status through
status, check, export and the translation memory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transkit.catalog import Catalog
from transkit.cli import main
from transkit.memory import TranslationMemory
from transkit.merge import REVIEW
from transkit.project import Project
from transkit.status import (
    Status,
    mark_approved,
    mark_needs_work,
    mark_translated,
    status_of,
)
from transkit.store import Store

ARTICLE = """\
# Oil workers strike

The strike began on 3 October 2022 in Asaluyeh.[^1] Workers at three plants stopped work.
They demanded higher wages.

Contract workers joined the strike. The government arrested 250 of them. Their families
protested in front of the governor's office in Bushehr.

> We will not go back until our demands are met. This is our last word.

- Higher wages for contract workers.
- An end to temporary contracts.

Read more at https://example.org/strike.

[^1]: Reported by the Iran Labour News Agency on 4 October.
"""

SPANISH = """\
# Huelga de los trabajadores del petróleo

La huelga comenzó el 3 de octubre de 2022 en Asaluyeh.[^1] Los trabajadores de tres
plantas dejaron de trabajar y exigieron salarios más altos.

Los trabajadores contratados se sumaron a la huelga. El gobierno detuvo a 250 de ellos.
Sus familias protestaron frente a la oficina del gobernador en Bushehr.

Nota del traductor: Asaluyeh está en la provincia de Bushehr.

> No volveremos hasta que se cumplan nuestras demandas. Esta es nuestra última palabra.

- Salarios más altos para los trabajadores contratados.
- El fin de los contratos temporales.

Más información en https://example.org/strike.

[^1]: Informado por la agencia ILNA el 4 de octubre.
"""


@pytest.fixture
def project(make_project, chdir: Path) -> Project:
    (chdir / "article.md").write_text(ARTICLE, encoding="utf-8")
    (chdir / "es.md").write_text(SPANISH, encoding="utf-8")
    return make_project(chdir / "article.md", doc="strike")


def po(project: Project, lang: str = "es") -> Catalog:
    return project.load_translation("strike", lang)


def by_source(catalog: Catalog) -> dict[str, object]:
    return {e.source.split()[0] + " " + e.source.split()[1]: e for e in catalog}


def test_align_fills_drafts_with_engine_and_confidence(project: Project, capsys) -> None:
    assert main(["align", "strike", "--lang", "es", "es.md"]) == 0
    out = capsys.readouterr().out
    assert "13 of 13 segments aligned (1 joined to the previous)" in out
    assert "unused: es.md:9" in out and "Nota del traductor" in out
    catalog = po(project)
    first = next(e for e in catalog if e.source.startswith("The strike began"))
    assert first.target == "La huelga comenzó el 3 de octubre de 2022 en Asaluyeh.[^1]"
    assert status_of(first) is Status.DRAFT and first.fuzzy
    assert first.meta["engine"] == "align" and 0.5 <= float(first.meta["confidence"]) <= 1
    carrier = next(e for e in catalog if e.source.startswith("Workers at"))
    joined = next(e for e in catalog if e.source.startswith("They demanded"))
    assert carrier.target.endswith("exigieron salarios más altos.")
    assert status_of(joined) is Status.JOINED and joined.target == ""
    note = next(e for e in catalog if e.source.startswith("Reported by"))
    assert note.target == "Informado por la agencia ILNA el 4 de octubre."


def test_align_never_overwrites_finished_work_and_runs_again_safely(
    project: Project, capsys
) -> None:
    store = Store(project)
    version = store.read("strike", "es")
    catalog = Catalog(version.catalog.header, [e for e in version.catalog.entries])
    entries = list(catalog)
    finished = {
        entries[1].id: ("Mi traducción aprobada.", mark_approved),
        entries[2].id: ("Mi traducción.", mark_translated),
        entries[4].id: ("Revisar esto.", mark_needs_work),
    }
    for entry in entries:
        if entry.id in finished:
            text, mark = finished[entry.id]
            entry.target = text
            mark(entry, "ana", "2026-12-01")
    store.save("strike", "es", catalog, version, REVIEW)
    before = {e.id: (e.target, e.comments) for e in po(project) if e.id in finished}

    assert main(["align", "strike", "--lang", "es", "es.md"]) == 0
    assert "kept 3 segments" in capsys.readouterr().out
    after = po(project)
    assert {e.id: (e.target, e.comments) for e in after if e.id in finished} == before
    data = project.po_path("strike", "es").read_bytes()
    assert main(["align", "strike", "--lang", "es", "es.md"]) == 0  # again: nothing changes
    assert "nothing changed" in capsys.readouterr().out
    assert project.po_path("strike", "es").read_bytes() == data


def test_joined_segment_through_status_check_export_and_memory(
    project: Project, capsys
) -> None:
    assert main(["align", "strike", "--lang", "es", "es.md"]) == 0
    capsys.readouterr()
    # a reviewer approves every aligned text
    store = Store(project)
    version = store.read("strike", "es")
    catalog = Catalog(version.catalog.header, list(version.catalog.entries))
    for entry in catalog:
        if entry.target:
            mark_approved(entry, "ana", "2026-12-02")
    store.save("strike", "es", catalog, version, REVIEW)

    assert main(["status", "strike", "--lang", "es", "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)["strike"]["es"]["by_status"]
    assert counts["joined"]["segments"] == 1 and counts["approved"]["segments"] == 12
    assert main(["status", "strike", "--lang", "es"]) == 0
    assert "100%" in capsys.readouterr().out  # the joined words are done with their carrier

    # check: the joined segment is not missing, and its carrier is checked
    # against both sources (nothing is "extra" or "missing" in it)
    assert main(["check", "strike", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    es_file = next(f for f in report["files"] if f.get("lang") == "es")
    assert es_file["counts"]["joined"] == 1 and es_file["counts"]["untranslated"] == 0

    assert main(["export", "strike", "--lang", "es", "--format", "md", "--out", "out"]) == 0
    text = (Path("out") / "strike" / "es.md").read_text(encoding="utf-8")
    sentence = (
        "Los trabajadores de tres plantas dejaron de trabajar y exigieron salarios más altos."
    )
    assert text.count(sentence) == 1
    assert "[EN]" not in text and "They demanded" not in text

    memory = TranslationMemory.from_project(project, "es")
    match = memory.exact("Contract workers joined the strike.")
    assert match is not None
    assert match.target == "Los trabajadores contratados se sumaron a la huelga."


def test_export_falls_back_for_a_joined_segment_whose_carrier_is_unfinished(
    project: Project, capsys
) -> None:
    assert main(["align", "strike", "--lang", "es", "es.md"]) == 0
    assert main(["export", "strike", "--lang", "es", "--format", "md", "--out", "out"]) == 1
    out = capsys.readouterr()
    assert "joined" in out.out + out.err  # the gap names why


def test_report_json_and_exit_code_when_something_is_left_unaligned(
    project: Project, chdir: Path, capsys
) -> None:
    start = SPANISH.index("Los trabajadores contratados")
    partial = SPANISH[:start] + SPANISH[SPANISH.index("Nota del traductor"):]
    (chdir / "es-partial.md").write_text(partial, encoding="utf-8")
    assert main(["align", "strike", "--lang", "es", "es-partial.md", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [u["source"][:8] for u in report["unaligned"]] == ["Contract", "The gove", "Their fa"]
    assert report["unused"][0]["place"] == "es-partial.md:6"
    assert report["written"] is True


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["align", "strike", "--lang", "es", "missing.md"], "missing.md"),
        (["align", "nodoc", "--lang", "es", "es.md"], "no document 'nodoc'"),
        (["align", "strike", "--lang", "xx", "es.md"], "not configured"),
        (["align", "strike", "--lang", "en", "es.md"], "not configured"),
        (["align", "strike", "--lang", "es,pt", "es.md"], "one language"),
        (["align", "strike", "--lang", "es", "."], "."),
    ],
)
def test_bad_input_is_one_line_and_exit_2(project: Project, capsys, argv, said) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err and err.count("\n") == 1


def test_dry_run_writes_nothing(project: Project, capsys) -> None:
    data = project.po_path("strike", "es").read_bytes()
    assert main(["align", "strike", "--lang", "es", "es.md", "--dry-run"]) == 0
    assert "dry run" in capsys.readouterr().out
    assert project.po_path("strike", "es").read_bytes() == data


def test_check_reads_a_carrier_against_the_sources_it_covers(make_project, chdir, capsys) -> None:
    (chdir / "a.md").write_text(
        "Workers struck on 3 October. They demanded 20 percent more.[^1]\n\n"
        "[^1]: Reported by ILNA.\n", encoding="utf-8")
    (chdir / "a-es.md").write_text(
        "Los trabajadores hicieron huelga el 3 de octubre y exigieron un 20 por ciento "
        "más.[^1]\n\n[^1]: Informado por ILNA.\n", encoding="utf-8")
    project = make_project(chdir / "a.md", doc="a")
    assert main(["align", "a", "--lang", "es", "a-es.md"]) == 0
    store = Store(project)
    version = store.read("a", "es")
    catalog = Catalog(version.catalog.header, list(version.catalog.entries))
    assert [status_of(e) for e in catalog][:2] == [Status.DRAFT, Status.JOINED]
    for entry in catalog:
        if entry.target:
            mark_approved(entry, "ana", "2026-12-02")
    store.save("a", "es", catalog, version, REVIEW)
    capsys.readouterr()
    # the carrier holds the joined segment's number and reference: not "extra"
    assert main(["check", "a", "--strict"]) == 0, capsys.readouterr().out
    capsys.readouterr()
    assert main(["check", "a", "--format", "json"]) == 0
    files = json.loads(capsys.readouterr().out)["files"]
    counts = next(f["counts"] for f in files if f.get("lang") == "es")
    assert (counts["joined"], counts["untranslated"], counts["approved"]) == (1, 0, 2)


def test_machine_drafts_give_way_to_the_human_translation(project: Project, api, capsys) -> None:
    assert main(["draft", "strike", "--lang", "es"]) == 0
    drafted = po(project)
    assert all(e.meta.get("engine") == "deepl" for e in drafted if e.target)
    assert main(["align", "strike", "--lang", "es", "es.md"]) == 0
    assert "kept" not in capsys.readouterr().out
    title = next(e for e in po(project) if e.source == "Oil workers strike")
    assert title.target == "Huelga de los trabajadores del petróleo"
    assert title.meta["engine"] == "align" and status_of(title) is Status.DRAFT
