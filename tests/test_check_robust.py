"""transkit check never crashes and never lets a file take over the terminal:
a check that raises becomes an ``internal`` finding on its entry and the
rest of the report comes out; what msgfmt rejects is an error named for it
(compared with the real msgfmt); control characters are flagged and printed
escaped; a FIFO or a device in place of a PO file is one line and exit 2."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from collections.abc import Callable

import pytest

from transkit.catalog import Entry
from transkit.checks import Policy, check_entry, content
from transkit.checks.content import HAS_UNSAFE
from transkit.cli import main
from transkit.project import Project
from transkit.status import mark_draft, mark_translated
from transkit.terminal import unsafe_characters

_ENV = {**os.environ, "LC_ALL": "C"}

NOBODY = "Nobody expected it."
WORKERS = "Workers in the refinery stopped work on Tuesday.[^1]"
CLEAN = {
    "The strike spread to three plants.": "La huelga se extendió a tres plantas.",
    NOBODY: "Nadie lo esperaba.",
    "An end to the repression.": "El fin de la represión.",
}


def translate(project: Project, lang: str, mapping: dict[str, str], *, fuzzy: bool = False) -> None:
    catalog = project.load_translation("sample", lang)
    for e in catalog:
        if e.source in mapping:
            e.target = mapping[e.source]
            if fuzzy:
                mark_draft(e, engine="deepl")
            else:
                mark_translated(e)
    project.save_translation("sample", lang, catalog)


def set_source(project: Project, old: str, new: str) -> str:
    """Edit one source in the template and every PO file alike (its
    translations made empty, the English edition's the new source); its id."""
    template = project.load_template("sample")
    (entry,) = (e for e in template if e.source == old)
    entry.source = new
    project.save_template("sample", template)
    for lang in ("en", "es", "pt", "nl"):
        catalog = project.load_translation("sample", lang)
        for e in catalog:
            if e.id == entry.id:
                e.source = new
                e.target = new if lang == "en" else ""
                if lang != "en":
                    e.fuzzy = False
                    e.set_meta(None)
        project.save_translation("sample", lang, catalog)
    return entry.id


def hand_edit(project: Project, lang: str, entry_id: str, target: str, fuzzy: bool) -> None:
    """Set one msgstr in the PO file's text, as another editor would (what
    msgfmt rejects need not pass through transkit's writer, which may refuse it)."""
    path = project.po_path("sample", lang)
    text = path.read_text(encoding="utf-8")
    entry = re.compile(rf'((?:#.*\n)*)(msgctxt "{entry_id}"\nmsgid .*\n(?:".*"\n)*)msgstr .*\n'
                       r'(?:".*"\n)*')
    quoted = target.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    flag = "#, fuzzy\n" if fuzzy else ""
    text, count = entry.subn(lambda m: f'{m.group(1)}{flag}{m.group(2)}msgstr "{quoted}"\n', text)
    assert count == 1
    path.write_text(text, encoding="utf-8")


def report_of(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    capsys.readouterr()
    code = main(["check", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def findings(report: dict, lang: str | None = None) -> list[dict]:
    return [x for f in report["files"] if lang in (None, f["lang"]) for x in f["findings"]]


@pytest.fixture
def project(make_project: Callable[..., Project]) -> Project:
    project = make_project()
    translate(project, "es", CLEAN)
    return project


# -- a crash in one check is a finding; the rest of the report comes out -----------------


def test_a_crashing_check_is_an_internal_finding_on_its_entry(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    translate(project, "es", {WORKERS: "Los obreros pararon el martes."})  # no [^1]
    urls = content.RUNNERS["urls"]

    def crashing(checker, source, target, kind, out):
        out.append(("urls", "half a finding"))
        if source == NOBODY:
            raise KeyError("boom")
        urls(checker, source, target, kind, out)
        out.pop()

    monkeypatch.setitem(content.RUNNERS, "urls", crashing)
    code, report = report_of(capsys)
    assert code == report["exit_code"] == 1  # an error, not a crash
    es = findings(report, "es")
    nobody = project.load_translation("sample", "es")
    (nobody_id,) = (e.id for e in nobody if e.source == NOBODY)
    internal = [x for x in es if x["check"] == "internal"]
    assert [(x["entry_id"], x["severity"]) for x in internal] == [(nobody_id, "error")]
    assert "the urls check crashed here (KeyError: 'boom')" in internal[0]["message"]
    assert "please report it" in internal[0]["message"]
    assert "half a finding" not in json.dumps(report)  # what the crashed check left is dropped
    # Every other check and entry still ran.
    assert {x["check"] for x in es} == {"internal", "placeholders"}
    assert report["summary"]["files"] == 4
    main(["check"])
    out = capsys.readouterr().out
    assert re.search(rf"^locales/es/sample\.po:\d+: error internal: {nobody_id}: the urls check "
                     r"crashed here", out, re.MULTILINE)
    # The review screen's checks go through the same guard.
    entry = Entry("p-1", NOBODY, "Nadie lo esperaba")
    assert [f.check for f in check_entry(entry, source_lang="en", target_lang="es")] == [
        "internal", "end-punctuation"]


def test_a_crash_outside_the_entry_checks_is_reported_too(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import transkit.checks as checks

    def broken_header(catalog, lang):
        raise ValueError("no header for you")

    monkeypatch.setattr(checks, "check_header", broken_header)
    code, report = report_of(capsys)
    assert code == 1
    headers = [(f["lang"], x["check"], x["line"]) for f in report["files"] for x in f["findings"]]
    assert headers == [(lang, "internal", 1) for lang in ("en", "es", "pt", "nl")]
    es = next(f for f in report["files"] if f["lang"] == "es")
    assert es["counts"]["translated"] == len(CLEAN)  # the rest of the file was checked

    real = checks.check_translation

    def crash_for_pt(template, catalog, **kw):
        if kw["lang"] == "pt":
            raise RuntimeError("pt is cursed")
        return real(template, catalog, **kw)

    monkeypatch.setattr(checks, "check_translation", crash_for_pt)
    _, report = report_of(capsys)
    pt = next(f for f in report["files"] if f["lang"] == "pt")
    assert [x["check"] for x in pt["findings"]] == ["internal"]
    assert "RuntimeError: pt is cursed" in pt["findings"][0]["message"]
    assert [f["lang"] for f in report["files"]] == ["en", "es", "pt", "nl"]


def test_internal_cannot_be_disabled_softened_or_silenced(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    text = project.config.path.read_text(encoding="utf-8")
    for table in ('disable = ["internal"]', 'severity = {internal = "warning"}'):
        project.config.path.write_text(f"{text}\n[check]\n{table}\n", encoding="utf-8")
        assert main(["check"]) == 2
        assert "'internal' reports a check that crashed and cannot be configured" in \
            capsys.readouterr().err
    project.config.path.write_text(text, encoding="utf-8")
    policy = Policy(disabled=frozenset({"internal"}), strict=True)
    assert policy.enabled("internal") and policy.severity_of("internal") == "error"
    catalog = project.load_translation("sample", "es")
    (nobody,) = (e for e in catalog if e.source == NOBODY)
    nobody.comments.append("transkit-ignore: internal — hush")
    project.save_translation("sample", "es", catalog)
    code, report = report_of(capsys)
    assert code == 0
    assert [(x["check"], x["message"]) for x in findings(report)] == [
        ("bad-ignore", "transkit-ignore cannot silence 'internal'")]


# -- what msgfmt rejects: the newline rule -----------------------------------------------


NEWLINE_CASES = [
    # (source, translation, fuzzy)
    (NOBODY, "Nadie lo esperaba.\n", False),
    (NOBODY, "\nNadie lo esperaba.", False),
    (NOBODY, "\nNadie lo esperaba.\n", False),
    (NOBODY + "\n", "Nadie lo esperaba.", False),
    ("\n" + NOBODY, "Nadie lo esperaba.", False),
    (NOBODY + "\n", "Nadie lo esperaba.\n", False),
    ("\n" + NOBODY + "\n", "\nNadie lo esperaba.\n", False),
    (NOBODY, "Nadie lo\nesperaba.", False),
    (NOBODY, "Nadie lo esperaba.\n", True),  # a draft: msgfmt --use-fuzzy rejects it
    (NOBODY, "Nadie lo esperaba.", False),
]


@pytest.mark.parametrize(("source", "target", "fuzzy"), NEWLINE_CASES)
def test_newline_errors_are_the_files_msgfmt_rejects(
    project: Project,
    capsys: pytest.CaptureFixture[str],
    source: str,
    target: str,
    fuzzy: bool,
) -> None:
    entry_id = set_source(project, NOBODY, source)
    hand_edit(project, "es", entry_id, target, fuzzy)
    code, report = report_of(capsys)
    newline = [x for x in findings(report, "es") if x["check"] == "newline"]
    path = project.po_path("sample", "es")
    gnu = subprocess.run(["msgfmt", "--check", "--use-fuzzy", "-o", os.devnull, str(path)],
                         capture_output=True, text=True, env=_ENV, check=False)
    assert bool(newline) == (gnu.returncode != 0), gnu.stderr
    if newline:  # msgfmt counts every error, prints the first of an entry's
        first = re.search(r"'msgid' and 'msgstr' entries do not both \w+ with '\\n'", gnu.stderr)
        assert newline[0]["message"] == first.group(0) + ": msgfmt rejects the file"
        count = re.search(r"found (\d+) fatal errors?", gnu.stderr).group(1)
        assert len(newline) == int(count)
    assert all(x["severity"] == "error" for x in newline)
    assert code == (1 if newline else 0)
    # A line break at the end is the newline check's, not also a whitespace warning.
    assert not [x for x in findings(report, "es") if x["check"] == "whitespace"
                and x["entry_id"] in {n["entry_id"] for n in newline}]


# -- control characters: flagged, and never printed raw -----------------------------------


def test_control_characters_are_flagged_and_never_printed(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = "Workers \x1b]0;pwned\x07 stopped \x1b[2J work."
    entry_id = set_source(project, "The strike spread to three plants.", evil)
    translate(project, "es", {evil: "Los obreros \x1b[31m pararon\u202e."})
    path = project.po_path("sample", "es")
    text = path.read_text(encoding="utf-8")
    other = re.search(r'msgctxt "(p-[0-9a-f]+)"\nmsgid "Nobody', text).group(1)
    path.write_text(text.replace(f'msgctxt "{other}"', f'msgctxt "{other}\\033[5m"'),
                    encoding="utf-8")
    stray = project.root / "locales" / "es" / "evil\x1b[2J\x07.po"
    stray.write_text(project.po_path("sample", "pt").read_text(encoding="utf-8"),
                     encoding="utf-8")
    capsys.readouterr()

    outputs = {}
    for fmt in ("text", "grouped", "github", "json"):
        code = main(["check", "--format", fmt, "--show-silenced"])
        captured = capsys.readouterr()
        outputs[fmt] = captured.out
        assert code == 1
        for raw in ("\x1b", "\x07", "\u202e"):
            assert raw not in captured.out + captured.err, (fmt, raw)

    report = json.loads(outputs["json"])
    flagged = {(f["path"], x["check"], x["entry_id"]) for f in report["files"]
               for x in f["findings"] if x["check"] in ("control-chars", "invisible-chars")}
    template = os.path.join("segments", "sample.pot")
    es = os.path.join("locales", "es", "sample.po")
    assert flagged == {
        (template, "control-chars", entry_id),  # the source
        (os.path.join("locales", "en", "sample.po"), "control-chars", entry_id),  # its copy
        (es, "control-chars", entry_id),  # the translation
        (es, "invisible-chars", entry_id),
        (es, "control-chars", f"{other}\x1b[5m"),  # the hand-edited id: data kept exact
    }
    text_out = outputs["text"]
    assert "holds control characters \\x1b \\x07" in text_out
    assert f"error extra: {other}\\x1b[5m: segment {other}\\x1b[5m is not in the template" \
        in text_out
    assert "evil\\x1b[2J\\x07.po: warning orphan-file:" in text_out
    assert "holds bidi controls or invisible marks \\u202e" in text_out
    assert "file=locales/es/evil\\x1b[2J\\x07.po" in outputs["github"]


def test_the_unsafe_prefilter_is_terminals_set() -> None:
    for code in [*range(0x3000), 0xFEFF]:
        ch = chr(code)
        assert bool(HAS_UNSAFE.search(ch)) == bool(unsafe_characters(ch)), hex(code)
        if unsafe_characters(ch):
            assert not ch.isprintable(), hex(code)  # the faster prefilter misses none


def test_control_characters_in_a_translation_only() -> None:
    def checks(target: str) -> list[tuple[str, str]]:
        entry = Entry("p-1", "A strike.", target)
        return [(f.check, f.severity) for f in check_entry(entry, source_lang="en",
                                                           target_lang="es")]

    assert checks("Una huelga.") == []
    assert checks("Una\thuelga.") == []  # a tab is text
    assert checks("Una \x7fhuelga.") == [("control-chars", "error")]
    assert checks("Una \x9bhuelga.") == [("control-chars", "error")]  # C1 CSI
    assert checks("Una \u200fhuelga.") == [("invisible-chars", "warning")]
    assert checks("\x1bUna huelga.") == [("control-chars", "error")]


# -- unreadable files: one line, exit 2, never a hang ------------------------------------


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB: /dev/zero must not


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_po_file_that_is_not_a_file(
    make_project: Callable[..., Project], kind: str
) -> None:
    project = make_project()
    path = project.po_path("sample", "es")
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "transkit", "check"], cwd=project.root, capture_output=True,
        text=True, timeout=60, preexec_fn=_limit_memory, check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    expected = {"fifo": "is a FIFO (named pipe), not a regular file",
                "device": "is a device, not a regular file",
                "folder": "is a folder, not a file"}[kind]
    lines = result.stdout.splitlines()
    assert lines == [
        f"{os.path.join('locales', 'es', 'sample.po')}: error unreadable: {expected}",
        "4 files checked: 1 error, 0 warnings; 1 unreadable",
    ]
