"""The numbers check, which reads numbers with babel's CLDR data: the
babel-sensitive tests (with tests/test_plurals.py) that CI also runs under the
oldest babel transkit supports. Long and very precise numbers are read
exactly and never crash the check (decimal.InvalidOperation did)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from transkit.catalog import Entry
from transkit.checks import check_entry
from transkit.checks.numbers import number_problems
from transkit.cli import main
from transkit.project import Project
from transkit.status import mark_translated


def found(source: str, target: str, lang: str = "es") -> set[str]:
    entry = Entry(id="p-1", source=source, target=target)
    return {f.check for f in check_entry(entry, source_lang="en", target_lang=lang)}


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("It cost 1,700 dollars.", "Costó 1.700 dólares.", "es"),
        ("It cost 1,700 dollars.", "Costó 1700 dólares.", "es"),
        ("It cost 1,700 dollars.", "Het kostte 1.700 dollar.", "nl"),
        ("Growth was 3.5 percent.", "O crescimento foi de 3,5 por cento.", "pt"),
        ("On 14-10-2022 they struck.", "El 14-10-2022 hicieron huelga.", "es"),
        ("$10 billion in losses.", "Pérdidas de 10.000 millones de dólares.", "es"),
        ("$1.5 billion in losses.", "1,5 miljard dollar verlies.", "nl"),
        ("In the 20th century.", "En el siglo XX.", "es"),
        ("In the 1970s.", "En los años setenta.", "es"),
        ("1,234,567.5 barrels.", "1 234 567,5 barris.", "pt"),
        ("In 1979 and again in 1979.", "En 1979 y de nuevo ese año.", "es"),
        ("Phase 2 of the plan.", "La fase dos del plan.", "es"),
        ("See note [^12].", "Véase la nota [^12].", "es"),
        ("From 10:30 on Oct. 10.", "Desde las 10:30 del 10 de octubre.", "es"),
    ],
)
def test_numbers_kept(source: str, target: str, lang: str) -> None:
    assert number_problems(source, target, "en", lang) == []


@pytest.mark.parametrize(
    ("source", "target", "lang", "words"),
    [
        ("In 1979 the shah fell.", "En 1997 cayó el sha.", "es", "1979 not in"),
        ("It cost 1,700 dollars.", "Costó 1,700 dólares.", "es", "es: 1.700"),
        ("Growth was 3.5 percent.", "Creció un 3.5 por ciento.", "es", "es writes 3,5"),
        ("On 14-10-2022 they struck.", "El 14/10/2022 hicieron huelga.", "es", "date 14-10-2022"),
        ("About 250 workers.", "Unos 25 trabajadores.", "es", "250 not in"),
    ],
)
def test_numbers_changed(source: str, target: str, lang: str, words: str) -> None:
    problems = number_problems(source, target, "en", lang)
    assert problems and words in problems[0]
    assert "numbers" in found(source, target, lang)


PRECISE = "0.12345678901234567890123456789"  # 29 fractional digits: over decimal's 28
GROUPED = "1,234,567,890,123,456,789,012,345,678,901.5"  # 32 integer digits, en notation


@pytest.mark.parametrize(
    ("source", "target", "lang", "expected"),
    [
        (f"It was {PRECISE} exactly.", f"Era {PRECISE.replace('.', ',')} exactamente.", "es", ""),
        (f"It was {PRECISE} exactly.", f"Het was {PRECISE.replace('.', ',')}.", "nl", ""),
        (f"It was {PRECISE} exactly.", f"Era {PRECISE} exactamente.", "es",
         f"es writes {PRECISE.replace('.', ',')}"),
        (f"It was {PRECISE} exactly.", "Era nada.", "es",
         f"{PRECISE} (es: {PRECISE.replace('.', ',')}) not in"),
        (f"Debts of {GROUPED} dollars.", "Deudas de 1.234.567.890.123.456.789.012.345.678.901,5 "
         "dólares.", "es", ""),
        (f"Debts of {GROUPED} dollars.", "Deudas enormes.", "es",
         "(es: 1.234.567.890.123.456.789.012.345.678.901,5) not in"),
        (f"In the {GROUPED}s.", "En nada.", "es", f"{GROUPED}s not in"),
        (f"A {'9' * 5000} run.", f"Una serie {'9' * 5000}.", "es", ""),
        (f"A {'9' * 5000} run.", "Una serie.", "es", f"{'9' * 5000} not in"),
        (f"A 1.{'0' * 5000}1 run.", f"Una serie 1,{'0' * 5000}1.", "es", "not in"),
    ],
    ids=["es", "nl", "en-notation", "missing", "grouped", "grouped-missing", "decade",
         "long-run", "long-run-missing", "long-decimal"],
)
def test_long_and_precise_numbers(source: str, target: str, lang: str, expected: str) -> None:
    """Read exactly, never a crash: babel raised decimal.InvalidOperation past
    28 digits, and int() refuses over 4,300 (a long run is compared as written)."""
    problems = number_problems(source, target, "en", lang)
    if expected:
        assert len(problems) == 1 and expected in problems[0]
    else:
        assert problems == []


def test_a_precise_decimal_is_reported_not_a_crash(
    make_project: Callable[..., Project], capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project()
    template = project.load_template("sample")
    catalog = project.load_translation("sample", "es")
    source = f"The ratio was {PRECISE} in 1979."
    for entries in (template.entries, catalog.entries):
        entries[5].source = source
    catalog.entries[5].target = f"La proporción fue {PRECISE} en 1979."
    mark_translated(catalog.entries[5])
    project.save_template("sample", template)
    project.save_translation("sample", "es", catalog)
    capsys.readouterr()
    code = main(["check", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == report["exit_code"] == 1
    (finding,) = (x for f in report["files"] if f["lang"] == "es" for x in f["findings"])
    assert finding["check"] == "numbers" and finding["entry_id"] == catalog.entries[5].id
    assert f"es writes {PRECISE.replace('.', ',')}" in finding["message"]
