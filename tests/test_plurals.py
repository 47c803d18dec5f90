"""Plural-Forms and the PO header check: nothing depends on babel's version.

babel 2.19 gives es, pt and ca CLDR's three forms where 2.14–2.18 and GNU
msginit give two. The values transkit writes come from its own table (GNU
msginit's, compared here with the real msginit), and the header check accepts
any rule ``msgfmt --check`` accepts (compared with the real msgfmt). This
file and tests/test_check_numbers.py are the babel-sensitive ones: CI runs
them under the oldest babel transkit supports too.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from transkit.catalog import Catalog
from transkit.checks.structure import check_header
from transkit.cli import main
from transkit.languages import plural_forms
from transkit.plurals import (
    DEFAULT_PLURAL_FORMS,
    GNU_PLURAL_FORMS,
    PluralFormsError,
    parse_plural_forms,
    plural_forms_problem,
)
from transkit.project import Project

REPO = Path(__file__).resolve().parent.parent
_ENV = {**os.environ, "LC_ALL": "C"}

#: What babel 2.19 (CLDR 47) says for Spanish and Portuguese; 2.14–2.18 say GNU's two forms.
CLDR_ES = "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);"
CLDR_PT = "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"
GNU_TWO = "nplurals=2; plural=(n != 1);"

#: Plural-Forms values msgfmt --check accepts or rejects, for the parity test.
VALUES = [
    *sorted(set(GNU_PLURAL_FORMS.values())),
    CLDR_ES,
    CLDR_PT,
    "nplurals=2; plural=n%3;",
    "nplurals=3; plural=n%3;",
    "nplurals=2; plural=n/0;",
    "nplurals=2; plural=n%(n-n);",
    "nplurals=2; plural=(n != 1)",
    "nplurals=2;plural=n>1 ",
    "nplurals= 2; plural=n>1;",
    "nplurals=2x; plural=n>1;",
    "plural=n>1; nplurals=2;",
    "nplurals=2; plural=n-1;",
    "nplurals=2; plural=-n;",
    "nplurals=x; plural=n>1;",
    "nplurals=INTEGER; plural=EXPRESSION;",
    "nplurals=0; plural=0;",
    "nplurals=2; plural=(n != 1",
    "nplurals=2; plural=n != 1 || ;",
    "nplurals=2; plural=;",
    "nplurals=2; plural=();",
    "nplurals=2; plural=n = 1;",
    "nplurals=2; plural=n & 1;",
    "nplurals=2; plural=N != 1;",
    "nplurals=2; plural=n>1 junk;",
    "nplurals=2; plural=!n;",
    "nplurals=2; plural=!!n;",
    "nplurals=2; plural=n==1==1;",
    "nplurals=2; plural=n<1<1;",
    "nplurals=2; plural=n ? 1 : 0 ? 1 : 0;",
    "nplurals=2; plural=n==1 ? 0 : 1 : 2;",
    "nplurals=2; plural=0 ? n/0 : 1;",
    "nplurals=2; plural=1 || n/0;",
    "nplurals=2; plural=0 && n/0;",
    "nplurals=3; plural=n<2?n:2;",
    "nplurals=4; plural=n%100/25;",
    "nplurals=5; plural=n%(n+1)-n+4;",
    "nplurals=2; plural=1-!n-1+1;",
    "nplurals=2; plural=18446744073709551617 - n + n - 1;",
    "nplurals=2; plural=n * 18446744073709551615 + n;",
    "nplurals=2; plural=((((n>1))));",
    "nplurals=2; plural=n\t>\t1;",
]


def msgfmt_verdict(tmp_path: Path, value: str) -> str | None:
    """msgfmt --check's first complaint about a file with this Plural-Forms, or None."""
    path = tmp_path / "plural.po"
    escaped = value.replace("\\", "\\\\").replace("\t", "\\t").replace('"', '\\"')
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {escaped}\\n"\n\nmsgid "a"\nmsgstr "b"\n',
        encoding="utf-8",
    )
    result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)],
                            capture_output=True, text=True, env=_ENV, check=False)
    if result.returncode == 0:
        return None
    return result.stderr.splitlines()[0].split(": ", 1)[1]


# -- the shipped table -----------------------------------------------------------------------


def test_plural_forms_come_from_the_shipped_table() -> None:
    assert plural_forms("es") == plural_forms("pt") == GNU_TWO
    assert plural_forms("pt_BR") == plural_forms("pt-BR") == "nplurals=2; plural=(n > 1);"
    assert plural_forms("pt_PT") == GNU_TWO  # a region falls back to its language
    assert plural_forms("fr") == "nplurals=2; plural=(n > 1);"
    assert plural_forms("ja") == plural_forms("zh_TW") == "nplurals=1; plural=0;"
    assert plural_forms("ru").startswith("nplurals=3;")
    assert plural_forms("ar").startswith("nplurals=6;")
    assert plural_forms("sr@latin") == plural_forms("sr")
    assert plural_forms("xx") == plural_forms("") == DEFAULT_PLURAL_FORMS == GNU_TWO
    for value in GNU_PLURAL_FORMS.values():
        assert plural_forms_problem(value) is None, value


def test_the_table_is_what_msginit_writes(tmp_path: Path) -> None:
    """Every language the installed msginit knows gets msginit's value (older
    msginits know fewer languages: those write a placeholder and are skipped)."""
    pot = tmp_path / "t.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                   '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"\n\n'
                   'msgid "a"\nmsgstr ""\n', encoding="utf-8")
    compared = 0
    for code in GNU_PLURAL_FORMS:
        result = subprocess.run(
            ["msginit", "--no-translator", "--no-wrap", "-l", code, "-i", str(pot), "-o", "-"],
            capture_output=True, text=True, env=_ENV, check=True,
        )
        value = re.search(r'"Plural-Forms: (.*)\\n"', result.stdout).group(1)
        if "INTEGER" in value:
            continue
        assert value == plural_forms(code), code
        compared += 1
    assert compared >= 30  # msginit 0.21's table has 39 languages


def test_plural_forms_never_imports_babel() -> None:
    code = ("import sys; from transkit.languages import plural_forms; "
            "from transkit.checks.structure import check_header; plural_forms('es'); "
            "assert not [m for m in sys.modules if m.startswith('babel')], 'babel imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_new_files_get_the_shipped_value(
    make_project: Callable[..., Project], capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(languages="es,pt,fr")
    for lang in ("es", "pt", "fr"):
        header = project.load_translation("sample", lang).header
        assert header["Plural-Forms"] == GNU_PLURAL_FORMS[lang]
    assert main(["check", "--strict"]) == 0


# -- the expression -------------------------------------------------------------------------


def test_rules_pick_the_forms_gettext_picks() -> None:
    russian = parse_plural_forms(GNU_PLURAL_FORMS["ru"])
    assert russian.nplurals == 3
    assert [russian(n) for n in (1, 2, 5, 11, 21, 22, 25, 111, 1001)] == [0, 1, 2, 2, 0, 1, 2, 2, 0]
    arabic = parse_plural_forms(GNU_PLURAL_FORMS["ar"])
    assert [arabic(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 102)] == [0, 1, 2, 3, 3, 4, 4, 5, 5]
    spanish = parse_plural_forms(CLDR_ES)
    assert [spanish(n) for n in (0, 1, 2, 1_000_000)] == [2, 0, 2, 1]
    assert parse_plural_forms("nplurals=2; plural=n-1;")(0) == 2**64 - 1  # unsigned long
    assert parse_plural_forms(GNU_TWO).expression == "(n != 1)"


@pytest.mark.parametrize("value", VALUES)
def test_validity_is_msgfmts(tmp_path: Path, value: str) -> None:
    """Accepted and rejected exactly as msgfmt --check does, with its words."""
    assert plural_forms_problem(value) == msgfmt_verdict(tmp_path, value)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("plural=(n != 1);", "no nplurals=INTEGER"),  # msgfmt minds only with plural entries
        ("nplurals=2;", "no plural=EXPRESSION"),
        ("nplurals=2; plural=" + "(" * 100 + "n" + ")" * 100 + ";", "too deep"),
        ("nplurals=2; plural=" + "!" * 100 + "n;", "too deep"),
        ("nplurals=2; plural=" + "n?" * 60 + "n" + ":n" * 60 + ";", "too deep"),
        ("nplurals=2; plural=" + "n+" * 3000 + "n;", "too long"),
        ("nplurals=2; plural=" + "(" * 5000 + "n" + ")" * 5000 + ";", "too long"),
    ],
    ids=["no-nplurals", "no-plural", "parentheses", "nots", "conditionals", "sum", "huge"],
)
def test_incomplete_or_monstrous_rules_are_refused(value: str, words: str) -> None:
    with pytest.raises(PluralFormsError, match=words):
        parse_plural_forms(value)
    assert words.split()[-1] in plural_forms_problem(value)


# -- the header check -------------------------------------------------------------------------


def header(**fields: str) -> Catalog:
    base = {"Language": "es", "Content-Type": "text/plain; charset=UTF-8",
            "Plural-Forms": GNU_TWO}
    return Catalog({k: v for k, v in {**base, **fields}.items() if v is not None})


def test_either_rule_for_spanish_and_portuguese_is_fine() -> None:
    """GNU's two forms and CLDR's three: both valid, whichever babel is installed."""
    for rule in (GNU_TWO, CLDR_ES, CLDR_PT, "nplurals=1; plural=0;"):
        assert check_header(header(**{"Plural-Forms": rule}), "es") == []
        assert check_header(header(Language="pt", **{"Plural-Forms": rule}), "pt") == []


def test_header_problems() -> None:
    def messages(catalog: Catalog, lang: str = "es") -> list[str]:
        return [message for check, message, _, line in check_header(catalog, lang)
                if check.id == "header" and line == 1]

    (bad,) = messages(header(**{"Plural-Forms": "nplurals=2; plural=n%3;"}))
    assert "can produce values as large as 2" in bad and GNU_TWO in bad
    (bad,) = messages(header(**{"Plural-Forms": "nplurals=2; plural=n/0;"}))
    assert "division by zero" in bad
    (bad,) = messages(header(**{"Plural-Forms": None}))
    assert "no Plural-Forms" in bad
    (bad,) = messages(header(Language="de"))
    assert "'de'" in bad and "'es' folder" in bad
    (bad,) = messages(header(**{"Content-Type": "text/plain; charset=ISO-8859-1"}))
    assert "not UTF-8" in bad
    assert len(messages(Catalog({}))) == 3


def test_header_findings_in_the_report(
    make_project: Callable[..., Project], capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project()
    for lang, rule in (("es", CLDR_ES), ("pt", "nplurals=2; plural=n%3;")):
        path = project.po_path("sample", lang)
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"Plural-Forms: [^\\]*", f"Plural-Forms: {rule}", text),
                        encoding="utf-8")
    nl = project.po_path("sample", "nl")
    nl.write_text(nl.read_text(encoding="utf-8").replace("Language: nl", "Language: de"),
                  encoding="utf-8")
    capsys.readouterr()
    code = main(["check", "--strict", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    found = [(f["lang"], x["check"], x["line"]) for f in report["files"] for x in f["findings"]]
    assert found == [("pt", "header", 1), ("nl", "header", 1)]
    (pt,) = (x["message"] for f in report["files"] if f["lang"] == "pt" for x in f["findings"])
    assert "can produce values as large as 2" in pt
    # The same files, as msgfmt --check sees them: pt rejected, es (three forms) accepted.
    for lang, accepted in (("es", True), ("pt", False)):
        result = subprocess.run(["msgfmt", "--check", "-o", os.devnull,
                                 str(project.po_path("sample", lang))],
                                capture_output=True, env=_ENV, check=False)
        assert (result.returncode == 0) is accepted


def test_the_bundled_project_is_clean(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """What tox's check env runs: clean under babel 2.14 and 2.19 alike."""
    monkeypatch.chdir(REPO)
    assert main(["check", "--strict"]) == 0, capsys.readouterr().out
