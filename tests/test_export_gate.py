"""The export gate refuses segments with error-level findings (issue 15):
an approved Spanish translation that lost footnote references 3 and 5 was
published with those notes orphaned, the gate looking only at status."""

from __future__ import annotations

import re

from test_export import SPANISH, export, translate, translate_all
from transkit.project import Project
from transkit.status import mark_approved


def _spanish_without_notes(project: Project, how_many: int = 2) -> list[str]:
    """es approved throughout, but the first `how_many` segments with a
    footnote reference lost it. Returns their ids."""
    broken = dict(SPANISH)
    changed = []
    for source, target in SPANISH.items():
        if "[^" in target and len(changed) < how_many:
            broken[source] = re.sub(r"\[\^\d+\]", "", target)
            changed.append(source)
    po = translate(project, "es", broken)
    return [e.id for e in po if e.source in changed]


def test_export_refuses_a_language_whose_segments_have_errors(make_project, capsys) -> None:
    project = make_project()
    translate_all(project)
    ids = _spanish_without_notes(project)
    code, out, err = export(capsys, "--lang", "es,pt")
    assert code == 1
    assert "sample/es: not exported: 2 of 20 segments not approved or with errors " in out
    assert "(2 with errors)" in out
    for seg_id in ids:
        assert re.search(
            rf"^  locales/es/sample\.po:\d+: placeholders: {seg_id}: footnote references: "
            r"missing \[\^\d\]$", out, flags=re.M), out
    assert "--allow-errors" in err
    folder = project.root / "export" / "sample"
    assert not (folder / "es.md").exists()
    assert (folder / "pt.md").exists()


def test_allow_incomplete_shows_the_english_in_place_of_a_segment_with_errors(
    make_project, capsys
) -> None:
    """No orphaned note: the withheld segment is the English, marked, with its reference."""
    project = make_project()
    translate_all(project)
    ids = _spanish_without_notes(project)
    code, out, _ = export(capsys, "--lang", "es", "--allow-incomplete")
    assert code == 0
    assert "sample/es: 2 of 20 segments are EN text, marked [EN]" in out
    assert sum(f": placeholders: {i}:" in out for i in ids) == 2
    txt = (project.root / "export" / "sample" / "es.txt").read_text(encoding="utf-8")
    assert txt.count("[EN] ") == 2
    assert "[EN] Workers in the refinery stopped work on Tuesday.[1]" in txt


def test_allow_errors_publishes_them_as_they_are(make_project, capsys) -> None:
    project = make_project()
    translate_all(project)
    _spanish_without_notes(project)
    code, _, err = export(capsys, "--lang", "es", "--allow-errors")
    assert (code, err) == (0, "")
    txt = (project.root / "export" / "sample" / "es.txt").read_text(encoding="utf-8")
    assert "[EN]" not in txt
    assert "Los trabajadores de la refinería pararon el martes. " in txt


def test_a_silenced_finding_withholds_nothing(make_project, capsys) -> None:
    project = make_project()
    translate_all(project)
    ids = _spanish_without_notes(project, how_many=1)
    po = project.load_translation("sample", "es")
    po.by_id()[ids[0]].comments.append("transkit-ignore: placeholders — the note is dropped")
    project.save_translation("sample", "es", po)
    code, out, _ = export(capsys, "--lang", "es")
    assert code == 0, out


def test_the_first_few_refusals_are_named_and_the_rest_counted(make_project, capsys) -> None:
    project = make_project()
    translate_all(project)
    po = project.load_translation("sample", "es")
    for e in list(po)[:7]:
        e.target = e.target.rstrip(".") + " \x1b[31m."  # a control character: an error
        mark_approved(e, reviewer="ana", on="2026-01-02")
    project.save_translation("sample", "es", po)
    code, out, _ = export(capsys, "--lang", "es")
    assert code == 1
    named = re.findall(r"^  locales/es/sample\.po:\d+: control-chars: ", out, flags=re.M)
    assert len(named) == 5
    assert "  … and 2 more with errors (transkit check lists them all)" in out
    assert "\x1b" not in out  # shown escaped, never sent to the terminal


def test_strict_checking_in_ci_does_not_make_warnings_withhold_segments(
    make_project, capsys
) -> None:
    """`[check] strict` is for the CI's exit code; a configured severity counts."""
    project = make_project()
    translate_all(project)
    po = project.load_translation("sample", "es")
    entry = list(po)[4]
    entry.target = entry.target.rstrip(".") + "  ."  # double-space: a warning
    mark_approved(entry, reviewer="ana", on="2026-01-02")
    project.save_translation("sample", "es", po)
    config = project.config.path
    config.write_text(config.read_text(encoding="utf-8") + "\n[check]\nstrict = true\n",
                      encoding="utf-8")
    assert export(capsys, "--lang", "es")[0] == 0
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("strict = true", 'severity = {double-space = "error"}'),
                      encoding="utf-8")
    code, out, _ = export(capsys, "--lang", "es")
    assert code == 1 and f": double-space: {entry.id}: " in out
