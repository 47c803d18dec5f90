"""A footnote reference moved far from its place (start ↔ end, across a
clause) is flagged by ``transkit check`` (``footnote-place``) and by
``transkit draft``, not only lost or added ones; a draft that loses markup
and a reference records both. Drafts come from the local DeepL server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deepl_server import FakeDeepL
from transkit.catalog import Entry
from transkit.checks import check_entry
from transkit.checks.placement import misplaced
from transkit.cli import main
from transkit.status import mark_translated

MIDDLE = "The workers of the refinery[^5] stopped work on Tuesday after a long dispute."


@pytest.mark.parametrize(
    ("target", "problems"),
    [
        ("Los obreros de la refinería[^5] pararon el martes tras una larga disputa.", []),
        ("Los obreros de la refinería pararon[^5] el martes tras una larga disputa.", []),
        ("[^5] Los obreros de la refinería pararon el martes tras una larga disputa.",
         ["[^5] moved from the middle to the start"]),
        ("Los obreros de la refinería pararon el martes tras una larga disputa.[^5]",
         ["[^5] moved from the middle to the end"]),
        ("Los obreros pararon el martes.", []),  # lost: the placeholders check's
    ],
)
def test_a_reference_moved_start_to_end_is_found(target: str, problems: list[str]) -> None:
    assert misplaced(MIDDLE, target) == problems


def test_a_reference_moved_across_a_clause_is_found() -> None:
    source = "Workers stopped work,[^1] and the strike spread to three plants."
    moved = "Los obreros pararon, y la huelga[^1] se extendió a tres plantas."
    kept = "Los obreros pararon el trabajo[^1], y la huelga se extendió a tres plantas."
    assert misplaced(source, moved) == ["[^1] moved to another clause (2 of 2, the source's 1)"]
    assert misplaced(source, kept) == []
    assert misplaced("Short one.[^1]", "[^1] Corta.") == []  # too short to judge


def test_check_reports_a_moved_reference(make_project, capsys, chdir: Path) -> None:
    (chdir / "art.md").write_text(f"# Title\n\n{MIDDLE}\n\n[^5]: A source.\n")
    project = make_project(source=chdir / "art.md", doc="art")
    catalog = project.load_translation("art", "es")
    for e in catalog:
        e.target = "[^5] Los obreros pararon el martes tras una larga disputa." if (
            e.source == MIDDLE) else "Texto."
        mark_translated(e)
    project.save_translation("art", "es", catalog)
    main(["check"])
    out = capsys.readouterr().out
    [line] = [x for x in out.splitlines() if "footnote-place" in x]
    assert re.search(r"locales/es/art\.po:\d+: warning footnote-place: p-\w+: "
                     r"\[\^5\] moved from the middle to the start", line), out
    entry = Entry("p-1", MIDDLE, "[^5] " + MIDDLE.replace("[^5]", ""))
    assert {f.check for f in check_entry(entry, source_lang="en", target_lang="es")} == {
        "footnote-place"
    }


def test_draft_flags_a_moved_reference_and_records_markup_and_placeholders_both(
    make_project, api: FakeDeepL, chdir: Path
) -> None:
    marked = "The *workers* stopped work[^6] on Tuesday after a long dispute."
    (chdir / "art.md").write_text(
        f"# Title\n\n{MIDDLE}\n\n{marked}\n\n[^5]: A source.\n\n[^6]: Another.\n"
    )
    project = make_project(source=chdir / "art.md", doc="art")

    def translate(text: str, target: str, terms: dict[str, str]) -> str:
        if 'id="5"' in text:  # moved to the start
            return '<x id="5"/>[ES] ' + text.replace('<x id="5"/>', "")
        if 'id="6"' in text:  # every tag lost: the emphasis and the reference
            return "[ES] " + re.sub(r"<[^>]+>", "", text)
        return f"[{target}] {text}"

    api.translate = translate
    assert main(["draft", "--lang", "es"]) == 0
    by_source = {e.source: e for e in project.load_translation("art", "es")}
    moved = by_source[MIDDLE].meta
    assert moved["warning"] == "placeholders"
    assert moved["detail"] == "[^5] moved from the middle to the start"
    both = by_source[marked].meta
    assert both["warning"] == "markup,placeholders"
    assert "markup lost" in both["detail"] and "lost [^6]" in both["detail"]
