"""transkit check: every check caught and not raised falsely, the policy, the
outputs, the exit codes, the counts (as msgfmt --statistics), the fast reader."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from transkit.catalog import Entry
from transkit.checks import CHECKS, Finding, Policy, check_entry
from transkit.checks.content import end_mark, urls
from transkit.cli import main
from transkit.errors import ConfigError
from transkit.glossary import parse_glossary
from transkit.project import Project, load_glossary
from transkit.status import mark_approved, mark_draft, mark_translated

REPO = Path(__file__).resolve().parent.parent

#: A clean Spanish translation of tests/data/sample.md: no check may complain.
ES = {
    "A small article on the move": "Un pequeño artículo sobre el movimiento",
    "Photo: workers at the gate on Oct. 10.": "Foto: trabajadores en la puerta el 10 de octubre.",
    "Ana Silva and Bo Jansen": "Ana Silva and Bo Jansen",
    "Workers in the refinery stopped work on Tuesday.[^1]":
        "Los trabajadores de la refinería pararon el martes.[^1]",
    "The strike spread to three plants.": "La huelga se extendió a tres plantas.",
    "Nobody expected it.": "Nadie lo esperaba.",
    "What the papers say": "Lo que dicen los periódicos",
    "“Several videos show dozens of workers marching,” the paper wrote.":
        "«Varios vídeos muestran a decenas de trabajadores marchando», escribió el periódico.",
    "“They called for further strikes.”[^2]": "«Pidieron más huelgas».[^2]",
    "A second paragraph of the quote.": "Un segundo párrafo de la cita.",
    "The demands were simple:": "Las reivindicaciones eran sencillas:",
    "Higher wages, paid on time.": "Salarios más altos, pagados a tiempo.",
    "The release of the prisoners.": "La liberación de los presos.",
    "“We will not stop,” one of them said.[^3]": "«No pararemos», dijo uno de ellos.[^3]",
    "An end to the repression.": "El fin de la represión.",
    "First numbered point.": "Primer punto numerado.",
    "Second numbered point, in the U.S. and elsewhere.":
        "Segundo punto numerado, en EE. UU. y en otros lugares.",
    "El Mundo, 11-10-2022.": "El Mundo, 11-10-2022.",
    "The Telegraph, 11-10-2022.": "The Telegraph, 11-10-2022.",
    "Interview by the authors.": "Entrevista de los autores.",
}  # fmt: skip


# -- helpers ----------------------------------------------------------------------------


def found(source: str, target: str, lang: str = "es", **kw: object) -> set[str]:
    """The check ids `check_entry` reports for one segment."""
    entry = Entry(id="p-1", source=source, target=target)
    return {f.check for f in check_entry(entry, source_lang="en", target_lang=lang, **kw)}


def messages(source: str, target: str, lang: str = "es") -> list[str]:
    entry = Entry(id="p-1", source=source, target=target)
    return [f.message for f in check_entry(entry, source_lang="en", target_lang=lang)]


def translate(
    project: Project,
    lang: str,
    mapping: dict[str, str],
    mark: Callable[[Entry], None] = mark_translated,
    doc: str = "sample",
) -> None:
    catalog = project.load_translation(doc, lang)
    for e in catalog:
        if e.source in mapping:
            e.target = mapping[e.source]
            mark(e)
    project.save_translation(doc, lang, catalog)


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


def check_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code, out = check(capsys, "--format", "json", *args)
    return code, json.loads(out)


def ids(report: dict, key: str = "findings") -> set[tuple[str, str, str]]:
    """(check, lang, entry id) of every finding of a JSON report."""
    return {(x["check"], x["lang"], x["entry_id"]) for f in report["files"] for x in f[key]}


def po_text(project: Project, lang: str, doc: str = "sample") -> str:
    return project.po_path(doc, lang).read_text(encoding="utf-8")


def write_po(project: Project, lang: str, text: str, doc: str = "sample") -> None:
    project.po_path(doc, lang).write_text(text, encoding="utf-8")


@pytest.fixture
def project(make_project: Callable[..., Project]) -> Project:
    return make_project()


@pytest.fixture
def spanish(project: Project) -> Project:
    translate(project, "es", ES)
    return project


# -- a clean project --------------------------------------------------------------------


def test_fresh_project_is_clean(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys)
    assert code == 0
    assert "4 files checked: 0 errors, 0 warnings" in out


def test_good_translation_raises_no_finding(
    spanish: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = check_json(capsys)
    assert code == 0
    assert ids(report) == set()
    es = next(f for f in report["files"] if f["lang"] == "es")
    assert es["counts"]["translated"] == len(ES)


# -- content checks: each caught, each not raised falsely -------------------------------


def test_placeholders() -> None:
    src = "A sentence.[^4] Another.[^5]"
    assert "placeholders" not in found(src, "Una frase.[^4] Otra.[^5]")
    assert "placeholders" in found(src, "Una frase. Otra.[^5]")
    assert "placeholders" in found(src, "Una frase.[^4] Otra.[^6]")
    assert "placeholders" in found(src, "Una frase.[^5] Otra.[^4]")  # same set, other order
    assert "in another order" in messages(src, "Una frase.[^5] Otra.[^4]")[0]


def test_urls() -> None:
    src = "See https://example.org/a_(b) and [this](https://x.org/p?q=1)."
    assert urls(src) == ["https://example.org/a_(b)", "https://x.org/p?q=1"]
    good = "Véase https://example.org/a_(b) y [esto](https://x.org/p?q=1)."
    assert "urls" not in found(src, good)
    assert "urls" in found(src, good.replace("p?q=1", "p?q=2"))
    assert "urls" not in found("Read it at https://a.org/x.", "Léalo en https://a.org/x.")


def test_markup() -> None:
    assert "markup" not in found("An *important* point.", "Un punto *importante*.")
    assert "markup" in found("An *important* point.", "Un punto *importante.")
    assert "markup" in found("A **bold** claim.", "Una afirmación **audaz*.")
    assert "markup" in found("See [the report](https://a.org).", "Véase el informe.")


def test_end_punctuation() -> None:
    assert end_mark('He said "no."[^4]') == "."
    assert end_mark("Dijo «no».[^4]") == "."
    assert end_mark("(see above).") == "."
    assert end_mark("What the papers say") == ""
    assert "end-punctuation" not in found("Did they strike?", "¿Hicieron huelga?")
    assert "end-punctuation" not in found("“They left.”", "«Se fueron».")
    assert "end-punctuation" in found("Did they strike?", "¿Hicieron huelga.")
    assert "end-punctuation" in found("The demands were simple:", "Las demandas eran simples.")
    assert "end-punctuation" in found("What the papers say", "Lo que dicen los periódicos.")


def test_whitespace_and_double_space() -> None:
    assert not {"whitespace", "double-space"} & found("One two.", "Uno dos.")
    assert "whitespace" in found("One two.", " Uno dos.")
    assert "whitespace" in found("One two.", "Uno dos. ")
    assert "whitespace" in found("One two.", "Uno\n\ndos.")
    assert "double-space" in found("One two.", "Uno  dos.")
    assert "double-space" not in found("One  two.", "Uno  dos.")  # as in the source


def test_brackets_compare_with_the_source() -> None:
    assert "brackets" not in found("They (the workers) left.", "Ellos (los obreros) se fueron.")
    assert "brackets" in found("They (the workers) left.", "Ellos (los obreros se fueron.")
    # A sentence cut from a longer parenthesis: unbalanced in the source too.
    assert "brackets" not in found("(This began in May.", "(Esto empezó en mayo.")
    assert "brackets" in found("(This began in May.", "Esto empezó en mayo.")


def test_quotes_compare_with_the_source() -> None:
    assert "quotes" not in found("“We stay,” he said.", "«Nos quedamos», dijo.")
    assert "quotes" in found("“We stay,” he said.", "«Nos quedamos, dijo.")
    # A sentence of a long quotation that closes later: the source is open too.
    assert "quotes" not in found("“The first sentence.", "«La primera frase.")
    assert "quotes" in found("“The first sentence.", "La primera frase.")


def test_identical() -> None:
    prose = "The workers marched across the refinery."
    assert "identical" in found(prose, prose)
    assert "identical" not in found(prose, "Los trabajadores marcharon por la refinería.")
    assert "identical" not in found("Ana Silva and Bo Jansen", "Ana Silva and Bo Jansen")
    assert "identical" not in found("NATO", "NATO")
    assert "identical" not in found("Iran", "Iran")
    assert "identical" not in found("El Mundo, 11-10-2022.", "El Mundo, 11-10-2022.")
    cite = "Marx, *Capital*, volume one, p. 12."
    assert "identical" not in found(cite, cite, kind="note")
    assert "identical" not in found(prose, prose, lang="en")  # the English edition


def test_length() -> None:
    src = "The workers of the refinery stopped work on Tuesday morning."
    assert "length" not in found(src, "Los trabajadores de la refinería pararon el martes.")
    assert "length" in found(src, "Los trabajadores.")
    assert "length" in found(src, src + " Y además " * 12)
    assert "length" not in found("Yes.", "Sí, claro que sí.")  # too short to judge


def test_consistency(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = project.load_translation("sample", "es")
    first, second = catalog.entries[4], catalog.entries[5]
    second.source = first.source  # the same sentence twice in the document…
    first.target, second.target = "La huelga se extendió.", "La huelga se propagó."
    mark_translated(first)
    mark_translated(second)
    project.save_translation("sample", "es", catalog)
    template = project.load_template("sample")
    template.entries[5].source = first.source
    project.save_template("sample", template)
    _, report = check_json(capsys)
    assert ("consistency", "es", second.id) in ids(report)
    assert not any(c == "consistency" and e == first.id for c, _, e in ids(report))
    second.target = first.target  # …translated alike: fine
    project.save_translation("sample", "es", catalog)
    _, report = check_json(capsys)
    assert not any(c == "consistency" for c, _, _ in ids(report))


# -- glossary ---------------------------------------------------------------------------

GLOSSARY = """
[[term]]
en = ["strike", "strikes"]
es = ["huelga", "huelgas"]
nl = "staking"
note = "not 'paro'"

[[term]]
en = "working class"
es = "clase obrera"
"""


def test_glossary_file() -> None:
    g = parse_glossary(GLOSSARY, "en")
    assert g.terms("es") == [("strike", "huelga"), ("strikes", "huelga"),
                             ("working class", "clase obrera")]
    assert g.terms("nl") == [("strike", "staking"), ("strikes", "staking")]
    assert g.terms("pt") == []
    assert g.terms("en") == []
    twice = parse_glossary('[[term]]\nen = "strike"\nes = "huelga"\n\n'
                           '[[term]]\nen = ["strike", "walkout"]\nes = "huelga"\n', "en")
    assert twice.terms("es") == [("strike", "huelga"), ("walkout", "huelga")]


def test_glossary_check() -> None:
    g = parse_glossary(GLOSSARY, "en")
    src = "The strike spread to the working class."
    assert "glossary" not in found(src, "La huelga se extendió a la clase obrera.", glossary=g)
    assert "glossary" not in found(src, "Las huelgas llegaron a la Clase Obrera.", glossary=g)
    assert "glossary" in found(src, "El paro se extendió a la clase obrera.", glossary=g)
    assert "glossary" in found(src, "La huelga llegó a la clase trabajadora.", glossary=g)
    assert "glossary" not in found("They struck.", "El paro.", glossary=g)  # no term
    assert "glossary" not in found("The strikers left.", "Los huelguistas se fueron.", glossary=g)
    (finding,) = check_entry(Entry("p", src, "El paro y la clase obrera."),
                             source_lang="en", target_lang="es", glossary=g)
    assert "'huelga' (not 'paro')" in finding.message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[[term]]\nen = 'strike'\nes = ['huelga']\n\n[[term]]\nen = 'strike'\nes = 'paro'\n",
         "two es translations"),
        ("[[term]]\nen = ' strike'\nes = 'huelga'\n", "surrounding spaces"),
        ("[[term]]\nen = 'strike'\nes = []\n", "non-empty list"),
        ("[[term]]\nSpanish = 'huelga'\n", "not a language code"),
        ("[[term]\n", "not valid TOML"),
        ("[terms]\n", "unknown key"),
    ],
)
def test_glossary_errors(text: str, words: str) -> None:
    with pytest.raises(ConfigError, match=words):
        parse_glossary(text, "en")


def test_glossary_error_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "glossary.toml").write_text(
        "[[term]]\nen = 'a'\nes = 'b'\n\n[[term]]\nen = 'c'\nes = ''\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as exc:
        load_glossary(tmp_path, "en")
    assert exc.value.line == 5
    assert load_glossary(tmp_path / "nothing-here", "en").terms("es") == []


def test_glossary_in_a_project(spanish: Project, capsys: pytest.CaptureFixture[str]) -> None:
    (spanish.root / "glossary.toml").write_text(
        '[[term]]\nen = "strike"\nes = "paro"\n', encoding="utf-8"
    )
    code, report = check_json(capsys)
    assert code == 0  # a warning
    assert {c for c, lang, _ in ids(report)} == {"glossary"}


# -- structure --------------------------------------------------------------------------


def test_missing_extra_outdated(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = project.load_translation("sample", "es")
    removed = catalog.entries.pop(3)
    catalog.entries.append(Entry(id="p-extra", source="Not in the template."))
    catalog.entries[0].source = "An edited title"
    project.save_translation("sample", "es", catalog)
    code, report = check_json(capsys)
    assert code == 1
    assert ids(report) == {
        ("missing", "es", removed.id),
        ("extra", "es", "p-extra"),
        ("outdated", "es", catalog.entries[0].id),
    }


def test_duplicate_ids(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    text = po_text(project, "pt")
    text += '\nmsgctxt "p-5f8977"\nmsgid "Another source"\nmsgstr ""\n'
    write_po(project, "pt", text)
    code, report = check_json(capsys)
    assert code == 1
    assert ("duplicate", "pt", "p-5f8977") in ids(report)
    line = text.count("\n", 0, text.rindex('msgctxt "p-5f8977"')) + 1
    dup = [x for f in report["files"] for x in f["findings"] if x["check"] == "duplicate"]
    assert dup[0]["line"] == line


def test_conflict_markers(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    text = po_text(project, "es")
    lines = text.split("\n")
    lines[20:20] = ["<<<<<<< HEAD", 'msgstr "a"', "=======", 'msgstr "b"', ">>>>>>> branch"]
    write_po(project, "es", "\n".join(lines))
    code, out = check(capsys, "--format", "github")
    assert code == 2
    path = os.path.join("locales", "es", "sample.po")
    for line in (21, 23, 25):
        assert f"::error file={path},line={line},title=transkit conflict::" in out


def test_unparseable_file(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    text = po_text(project, "es")
    write_po(project, "es", text.replace('msgstr ""\n\n#. caption', 'msgstr "x\n\n#. caption', 1))
    code, report = check_json(capsys)
    assert code == 2
    bad = [f for f in report["files"] if not f["readable"]]
    assert len(bad) == 1 and bad[0]["findings"][0]["check"] == "unparseable"
    assert bad[0]["findings"][0]["line"] > 1
    assert "unterminated" in bad[0]["findings"][0]["message"]


def test_missing_and_orphan_files(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.po_path("sample", "nl").rename(project.root / "locales" / "nl" / "other.po")
    code, report = check_json(capsys)
    assert code == 1
    assert ids(report) == {("missing-file", "nl", ""), ("orphan-file", "nl", "")}


def test_unconfigured_language_folder(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    folder = project.root / "locales" / "fr"
    folder.mkdir()
    (folder / "sample.po").write_text(po_text(project, "es"), encoding="utf-8")
    code, report = check_json(capsys)
    assert code == 0  # a warning
    assert ids(report) == {("orphan-file", "fr", "")}
    assert "'fr' is not configured" in report["files"][-1]["findings"][0]["message"]
    assert check_json(capsys, "--lang", "es")[1]["summary"]["warnings"] == 0


def test_duplicate_id_in_the_template(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project.template_path("sample")
    path.write_text(path.read_text(encoding="utf-8")
                    + '\nmsgctxt "p-5f8977"\nmsgid "Another"\nmsgstr ""\n', encoding="utf-8")
    code, report = check_json(capsys)
    assert code == 1
    assert ("duplicate", "", "p-5f8977") in ids(report)
    assert report["files"][0]["path"] == os.path.join("segments", "sample.pot")


# -- policy -----------------------------------------------------------------------------


def add_config(project: Project, text: str) -> None:
    with project.config.path.open("a", encoding="utf-8") as f:
        f.write("\n" + text)


def test_thresholds(spanish: Project, capsys: pytest.CaptureFixture[str]) -> None:
    add_config(spanish, "[check]\nmin-translated = {es = 100}\nmin-approved = {es = 50}\n")
    code, report = check_json(capsys)
    assert code == 1
    assert ids(report) == {("threshold", "es", "")}
    assert "0% of segments approved (0 of 20)" in report["files"][1]["findings"][0]["message"]
    translate(spanish, "es", dict(list(ES.items())[:10]), mark=mark_approved)
    assert check(capsys)[0] == 0


def test_threshold_for_every_language(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    add_config(project, "[check]\nmin-translated = 10\n")
    _, report = check_json(capsys)
    assert ids(report) == {("threshold", lang, "") for lang in ("es", "pt", "nl")}


def test_strict_disable_and_severity(spanish: Project, capsys: pytest.CaptureFixture[str]) -> None:
    translate(spanish, "es", {"Nobody expected it.": "Nadie  lo esperaba."})
    assert check(capsys)[0] == 0  # a warning only
    assert check(capsys, "--strict")[0] == 1
    add_config(spanish, '[check]\nseverity = {double-space = "error"}\n')
    assert check(capsys)[0] == 1
    text = spanish.config.path.read_text(encoding="utf-8")
    spanish.config.path.write_text(
        text.replace('severity = {double-space = "error"}',
                     'disable = ["double-space"]\nstrict = true'),
        encoding="utf-8",
    )
    code, out = check(capsys)
    assert code == 0 and "0 errors, 0 warnings" in out


@pytest.mark.parametrize(
    "table",
    [
        "min-approved = {fr = 50}",
        "min-approved = 150",
        'disable = ["speling"]',
        'severity = {numbers = "fatal"}',
        "strictly = true",
    ],
)
def test_bad_check_config(project: Project, capsys: pytest.CaptureFixture[str], table: str) -> None:
    add_config(project, f"[check]\n{table}\n")
    assert main(["check"]) == 2
    line = project.config.path.read_text(encoding="utf-8").splitlines().index(table) + 1
    err = capsys.readouterr().err
    assert f"transkit.toml:{line}: " in err and "[check]" in err


def test_silencing_is_visible(spanish: Project, capsys: pytest.CaptureFixture[str]) -> None:
    src = "Nobody expected it."
    catalog = spanish.load_translation("sample", "es")
    entry = next(e for e in catalog if e.source == src)
    entry.target = "Nadie  lo esperaba"
    entry.comments.append("transkit-ignore: double-space, end-punctuation — house style")
    entry.comments.append("transkit-ignore: speling — typo")
    spanish.save_translation("sample", "es", catalog)
    code, report = check_json(capsys)
    assert code == 0
    assert ids(report) == {("bad-ignore", "es", entry.id)}
    assert ids(report, "silenced") == {("double-space", "es", entry.id),
                                       ("end-punctuation", "es", entry.id)}
    assert report["summary"]["silenced"] == 2
    silenced = report["files"][1]["silenced"][0]
    assert silenced["silenced"] == "house style"
    _, out = check(capsys)
    assert "2 silenced (--show-silenced lists them)" in out
    assert "house style" not in out
    _, out = check(capsys, "--show-silenced")
    assert re.search(r":\d+: silenced double-space: p-\w+: two spaces.* \[house style\]$", out,
                     re.MULTILINE)


def test_check_entry_for_the_review_screen() -> None:
    entry = Entry(id="p-1", source="In 1979.", target="En 1997 ", line=40,
                  comments=["transkit-ignore: whitespace — kept for the layout"])
    found_ = check_entry(entry, source_lang="en", target_lang="es")
    assert [(f.check, f.severity, f.line) for f in found_] == [
        ("numbers", "error", 40), ("end-punctuation", "warning", 40)]
    assert all(isinstance(f, Finding) and f.entry_id == "p-1" for f in found_)
    every = check_entry(entry, source_lang="en", target_lang="es", include_silenced=True)
    assert [f.silenced for f in every if f.check == "whitespace"] == ["kept for the layout"]
    strict = Policy(strict=True, disabled=frozenset({"numbers"}))
    assert [(f.check, f.severity) for f in check_entry(
        entry, source_lang="en", target_lang="es", policy=strict)] == [("end-punctuation", "error")]
    assert check_entry(Entry("p", "x", ""), source_lang="en", target_lang="es") == []


# -- outputs and exit codes -------------------------------------------------------------


@pytest.fixture
def broken(spanish: Project) -> Project:
    translate(spanish, "es", {
        "Workers in the refinery stopped work on Tuesday.[^1]": "Los obreros pararon el martes.",
        "Nobody expected it.": "Nadie lo esperaba ",
    })
    return spanish


def test_text_output(broken: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """One finding per line, path:line: severity check: message (GNU, ruff)."""
    code, out = check(capsys)
    assert code == 1
    text = po_text(broken, "es")
    line = text.count("\n", 0, text.index('msgctxt "p-5f8977"')) + 1
    path = os.path.join("locales", "es", "sample.po")
    lines = out.splitlines()
    assert lines[0] == (f"{path}:{line}: error placeholders: p-5f8977: footnote references: "
                        "missing [^1]")
    assert [x.split(": ", 2)[1] for x in lines[1:3]] == ["warning end-punctuation",
                                                          "warning whitespace"]
    assert all(x.startswith(f"{path}:") for x in lines[:3])
    assert lines[3:] == ["4 files checked: 1 error, 2 warnings"]
    assert "\033[" not in out
    _, out = check(capsys, "--color", "always")
    assert f"{path}:{line}: \033[31merror\033[0m placeholders: " in out
    _, out = check(capsys, "-v")
    assert f"{path}: 20 translated, 0 fuzzy, 0 untranslated; 0 approved" in out.splitlines()


def test_grouped_output(broken: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """The older view, by file: --format grouped."""
    code, out = check(capsys, "--format", "grouped")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("locales/es/sample.po  20 translated, 0 fuzzy, 0 untranslated")
    assert re.match(r"\s+\d+\s+error\s+placeholders\s+p-5f8977: footnote references: missing",
                    lines[1])
    assert lines[-1] == "4 files checked: 1 error, 2 warnings"


def test_json_output(broken: Project, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = check_json(capsys)
    assert code == report["exit_code"] == 1
    assert report["summary"] == {"files": 4, "errors": 1, "warnings": 2, "silenced": 0,
                                 "unreadable": 0}
    finding = next(x for f in report["files"] for x in f["findings"])
    assert set(finding) == {"check", "severity", "message", "doc", "lang", "entry_id", "path",
                            "line", "silenced"}
    assert finding["path"] == os.path.join("locales", "es", "sample.po")


def test_github_output(broken: Project, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = check(capsys, "--format", "github")
    text = po_text(broken, "es")
    line = text.count("\n", 0, text.index('msgctxt "p-5f8977"')) + 1
    assert (f"::error file=locales/es/sample.po,line={line},title=transkit placeholders::"
            "p-5f8977: footnote references: missing [^1]") in out.splitlines()
    assert sum(1 for x in out.splitlines() if x.startswith("::warning ")) == 2


def test_exit_codes(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(capsys)[0] == 0
    assert check(capsys, "no-such-doc")[0] == 2
    assert check(capsys, "--lang", "fr")[0] == 2
    assert main(["check", "--list"]) == 0
    assert set(capsys.readouterr().out.split()) >= set(CHECKS)


def test_exit_code_without_project(chdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(capsys)[0] == 2


def test_files_as_targets(broken: Project, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = check_json(capsys, "locales/pt/sample.po")
    assert code == 0 and [f["lang"] for f in report["files"]] == ["pt"]
    code, report = check_json(capsys, "locales/es/sample.po", "locales/pt/sample.po")
    assert code == 1 and [f["lang"] for f in report["files"]] == ["es", "pt"]
    _, report = check_json(capsys, "segments/sample.pot")
    assert len(report["files"]) == 4
    _, report = check_json(capsys, "transkit.toml")
    assert len(report["files"]) == 4
    assert check(capsys, "README.md")[0] == 2


def test_parallel_gives_the_same_report(
    make_project: Callable[..., Project], capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project()
    for n in range(3):
        assert main(["import", str(REPO / "tests" / "data" / "sample.md"), "--doc", f"d{n}"]) == 0
    translate(project, "es", {**ES, "Nobody expected it.": "Nadie."}, doc="d1")
    capsys.readouterr()
    one = check_json(capsys, "-j", "1")
    two = check_json(capsys, "-j", "2")
    assert one == two
    assert len(one[1]["files"]) == 16


# -- counts: as msgfmt --statistics -----------------------------------------------------


def msgfmt_statistics(path: Path) -> tuple[int, int, int]:
    result = subprocess.run(["msgfmt", "--statistics", "-o", os.devnull, str(path)],
                            capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"},
                            check=True)
    numbers = {kind: int(n) for n, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)",
                                                      result.stderr)}
    return numbers.get("translated", 0), numbers.get("fuzzy", 0), numbers.get("untranslated", 0)


def test_counts_equal_msgfmt_statistics(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    items = list(ES.items())
    translate(project, "es", dict(items[:6]), mark=mark_approved)
    translate(project, "es", dict(items[6:11]))
    translate(project, "es", dict(items[11:15]), mark=lambda e: mark_draft(e, engine="deepl"))
    translate(project, "pt", dict(items[:3]), mark=lambda e: mark_draft(e, engine="deepl"))
    _, report = check_json(capsys)
    for f in report["files"]:
        counts = f["counts"]
        expected = msgfmt_statistics(project.root / f["path"])
        assert (counts["translated"], counts["fuzzy"], counts["untranslated"]) == expected
    es = next(f for f in report["files"] if f["lang"] == "es")["counts"]
    assert (es["translated"], es["fuzzy"], es["untranslated"], es["approved"]) == (11, 4, 5, 6)


# -- ecosystem files --------------------------------------------------------------------


def test_hook_and_workflow_files() -> None:
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "id: transkit-check" in hooks and "entry: transkit check" in hooks
    workflow = (REPO / "docs" / "github-workflow.yml").read_text(encoding="utf-8")
    assert "transkit check --format github" in workflow
