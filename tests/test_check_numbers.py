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
        ("It needs 3rd party code.", "Necesita código de terceros.", "es"),
        ("When the 2nd module loads.", "Als de tweede module laadt.", "nl"),
    ],
)
def test_numbers_kept(source: str, target: str, lang: str) -> None:
    assert number_problems(source, target, "en", lang) == []


@pytest.mark.parametrize(
    ("source", "target", "lang", "words"),
    [
        ("In 1979 the shah fell.", "En 1997 cayó el sha.", "es", "1979 not in"),
        ("It cost 1,700 dollars.", "Costó 1,7 dólares.", "es", "es: 1.700"),
        ("On 14-10-2022 they struck.", "El 14/10/2022 hicieron huelga.", "es", "date 14-10-2022"),
        ("About 250 workers.", "Unos 25 trabajadores.", "es", "250 not in"),
        ("Python 3.4 came out.", "Salió Python 3.5.", "es", "3.4 (es: 3,4) not in"),
        ("Since OpenSSL 3.0.0.", "Desde OpenSSL 1.0.0.", "es", "3.0.0 is not in"),
    ],
)
def test_numbers_changed(source: str, target: str, lang: str, words: str) -> None:
    problems = number_problems(source, target, "en", lang)
    assert problems and words in problems[0]
    assert "numbers" in found(source, target, lang)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("It cost 1,700 dollars.", "Costó 1,700 dólares."),
        ("Growth was 3.5 percent.", "Creció un 3.5 por ciento."),
        ("In 3.5 cases of 10.", "En 3.5 casos de 10."),
    ],
)
def test_a_number_kept_as_written_is_a_notation_warning_never_an_error(
    source: str, target: str
) -> None:
    """Written exactly as in the source, a number is never missing: at most
    the hint that Spanish writes it otherwise (3,5 and 1.700)."""
    entry = Entry(id="p-1", source=source, target=target)
    (finding,) = check_entry(entry, source_lang="en", target_lang="es")
    assert (finding.check, finding.severity) == ("number-notation", "warning")
    assert "es writes" in finding.message


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("Python 3.4 added asyncio.", "Python 3.4 añadió asyncio.", "es"),
        ("Use TLS 1.3 only.", "Use solo TLS 1.3.", "es"),
        ("Servers speak HTTP/1.1 here.", "Los servidores hablan HTTP/1.1 aquí.", "es"),
        ("OpenSSH 8.2p1 fixed it.", "OpenSSH 8.2p1 lo corrigió.", "es"),
        ("Run `ssh -V`: it prints `8.2`.", "Ejecute `ssh -V`: imprime `8.2`.", "es"),
        ("On macOS 10.6, 10.7 and 10.8 it fails.", "En macOS 10.6, 10.7 y 10.8 falla.", "es"),
        ("Python 3.9 and 3.10 differ.", "Python 3.9 y 3.10 difieren.", "pt"),
        ("Only with version 1.1 of the protocol.", "Solo con la versión 1.1 del protocolo.", "es"),
        ("Fixed in 2.7.18.", "Corregido en 2.7.18.", "es"),
        ("See Section 4.4 of RFC 7233.", "Véase la sección 4.4 del RFC 7233.", "es"),
        ("Only on Linux >= 4.8.", "Solo en Linux >= 4.8.", "nl"),
        ("Version 1.2.x is old.", "De versie 1.2.x is oud.", "nl"),
    ],
)
def test_versions_codes_and_identifiers_kept_as_written_are_never_reported(
    source: str, target: str, lang: str
) -> None:
    """python-docs-es, correctly translated: 2,077 number errors on main, nearly
    all versions ("Python 3.4", "HTTP/1.1", "TLS 1.3") kept as the source writes them."""
    assert number_problems(source, target, "en", lang) == []
    assert found(source, target, lang) == set()


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
    # one digit changed: read exactly, it is another number
    catalog.entries[5].target = f"La proporción fue {PRECISE[:-1].replace('.', ',')}8 en 1979."
    mark_translated(catalog.entries[5])
    project.save_template("sample", template)
    project.save_translation("sample", "es", catalog)
    capsys.readouterr()
    code = main(["check", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == report["exit_code"] == 1
    (finding,) = (x for f in report["files"] if f["lang"] == "es" for x in f["findings"])
    assert finding["check"] == "numbers" and finding["entry_id"] == catalog.entries[5].id
    assert f"(es: {PRECISE.replace('.', ',')}) not in" in finding["message"]


def test_a_real_translated_sample_has_no_number_errors() -> None:
    """36 segments of python-docs-es (PSF licence, noted in the file), each with a
    version kept as written ("Python 3.8", "OpenSSL 1.1.1", "macOS 10.6"): on
    main every one was a numbers error; correctly translated, none is."""
    from pathlib import Path

    from transkit.po.reader import read_catalog

    catalog = read_catalog(Path(__file__).parent / "data" / "python-docs-es" / "sample.po")
    assert len(catalog.entries) == 36
    findings = [
        f
        for e in catalog.entries
        for f in check_entry(e, source_lang="en", target_lang="es")
        if f.check in ("numbers", "number-notation")
    ]
    assert findings == []
