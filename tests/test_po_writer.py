"""The PO writer against the real GNU tools: ``msgcat`` must not change a byte."""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import re
from pathlib import Path
from random import Random

import pytest

from gettext_tools import msgcat, msgfmt_check
from transkit.catalog import Catalog, Entry
from transkit.errors import EXIT_ERROR, PoError
from transkit.po import format_catalog, parse_catalog, scan_catalog, write_catalog
from transkit.po.linebreak import width_linebreaks
from transkit.po.writer import UnwritableCatalog

ARTICLE = Path(__file__).resolve().parents[1] / "sources" / "iran-oil-gas.txt"

HEADER = {
    "Project-Id-Version": "iran-oil-gas 1.0",
    "Report-Msgid-Bugs-To": "",
    "POT-Creation-Date": "2022-10-14 10:00+0000",
    "PO-Revision-Date": "2022-10-20 12:30+0200",
    "Last-Translator": "Ana Müller <ana@example.org>",
    "Language-Team": "German <de@example.org>",
    "Language": "de",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}

VOCABULARY = """
oil gas workers strike strikes refinery pipelines protest regime repression street the of
and in to a is that on with for Abadan Assaluyeh Bushehr Khuzestan Aníbal naïve façade déjà
Straße œuvre Łódź Škoda Ærø jalapeño São Paulo Ελλάδα Москва state-owned well-known long-term
so-called anti-regime 14-10-2022 1,700 3.5% 2022/23 $100 €45 £3 [^4] [^12] (…) e.g. i.e.
https://example.org/oil?lang=de&page=2 C:\\oil 石油 工人 罢工 日本語の文章です 한국어 ،
"""
WORDS = VOCABULARY.split()
PUNCTUATION = ("’", "‘", "“", "”", "«", "»", "–", "—", "─", "…", "•", "‹", "›", ",", ".", ";",
               ":", "!", "?", "(", ")", "[", "]", "%", "/", "-", '"', "'", "\\", "\t")  # fmt: skip
SEPARATORS = (" ", " ", " ", " ", " ", "", "  ", "\n", " – ", "’", "\\", "\t", "。", "、")


def sentence(rng: Random, low: int, high: int) -> str:
    """Text of low..high characters mixing the things that wrap differently."""
    size = rng.randint(low, high)
    parts: list[str] = []
    length = 0
    while length < size:
        token = rng.choice(WORDS) if rng.random() < 0.8 else rng.choice(PUNCTUATION)
        if rng.random() < 0.03:
            token = "x" * rng.randint(60, 120)  # longer than a line: cannot be broken
        if rng.random() < 0.05:
            token = "“" + token + "”"
        parts.append(token + rng.choice(SEPARATORS))
        length += len(parts[-1])
    text = "".join(parts)[:size]
    if rng.random() < 0.15:
        text += "\n"
    if rng.random() < 0.05:
        text = "\n" + text
    return text


def translation(rng: Random, source: str) -> str:
    """A target that starts and ends with newlines like the source (msgfmt -c wants it)."""
    body = sentence(rng, 10, len(source) + 40).strip("\n") or "x"
    lead = "\n" if source.startswith("\n") else ""
    trail = "\n" if source.endswith("\n") else ""
    return lead + body + trail


def generated_catalog(seed: int, size: int) -> Catalog:
    rng = Random(seed)
    catalog = Catalog(header=dict(HEADER), header_comments=["German translation.", "", " x "])
    for number in range(size):
        source = sentence(rng, 1, 60) if rng.random() < 0.3 else sentence(rng, 50, 400)
        target = "" if rng.random() < 0.3 else translation(rng, source)
        ident = f"s{seed}.{number}"
        if rng.random() < 0.05:
            ident += "-" + sentence(rng, 70, 120).replace("\n", " ")
        entry = Entry(id=ident, source=source, target=target)
        entry.fuzzy = bool(target) and rng.random() < 0.3
        if entry.fuzzy and rng.random() < 0.7:
            entry.previous = sentence(rng, 20, 300)
        if rng.random() < 0.3:
            entry.notes = rng.choice([["paragraph"], ["quote", ""], ["item", " continued"]])
        if rng.random() < 0.3:
            entry.comments = rng.choice([
                ["transkit: approved by=ana date=2026-11-25 sha=1a2b3c4d"],
                ["", "Check the numbers ", "  indented"],
                ["Keep “Assaluyeh” as is"],
            ])  # fmt: skip
        if rng.random() < 0.05:
            entry.flags = ["no-wrap"]
        catalog.entries.append(entry)
    for number in range(size // 10):
        source = sentence(rng, 5, 300)
        entry = Entry(id=f"old{seed}.{number}", source=source, target=translation(rng, source))
        entry.obsolete = True
        entry.fuzzy = rng.random() < 0.5
        entry.previous = sentence(rng, 5, 200) if rng.random() < 0.5 else None
        entry.comments = ["obsolete since 2022"] if rng.random() < 0.3 else []
        catalog.entries.append(entry)
    return catalog


def without_lines(catalog: Catalog) -> Catalog:
    for entry in catalog.entries:
        entry.line = 0
    return catalog


@pytest.fixture(scope="module")
def catalogs() -> list[Catalog]:
    return [generated_catalog(seed, 220) for seed in range(4)]


def assert_gnu_identical(text: str, path: Path) -> None:
    path.write_text(text, encoding="utf-8")
    assert msgcat(path) == text
    check = msgfmt_check(path)
    assert check.returncode == 0, check.stderr


def test_msgcat_leaves_generated_catalogs_unchanged(catalogs: list[Catalog], tmp_path: Path):
    for number, catalog in enumerate(catalogs):
        assert_gnu_identical(format_catalog(catalog), tmp_path / f"generated{number}.po")


def test_round_trip(catalogs: list[Catalog]):
    for catalog in catalogs:
        data = format_catalog(catalog).encode()
        assert without_lines(parse_catalog(data, "x.po")) == catalog
        assert without_lines(scan_catalog(data, "x.po")) == catalog


def test_article_paragraphs_and_sentences(tmp_path: Path):
    text = ARTICLE.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    sentences = [s for p in paragraphs for s in re.split(r"(?<=[.!?…”])\s+", p)]
    catalog = Catalog(header=dict(HEADER))
    for number, source in enumerate(paragraphs + sentences):
        target = source.upper() if number % 3 else ""
        catalog.entries.append(Entry(id=f"a{number}", source=source, target=target))
    output = format_catalog(catalog)
    assert_gnu_identical(output, tmp_path / "article.po")
    assert without_lines(parse_catalog(output.encode(), "article.po")) == catalog


def test_edge_cases(tmp_path: Path):
    header = dict(HEADER) | {
        "Language-Team": "German <de@example.org>, with helpers: Ana, Bernd, Carla, Dieter, Eva",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
        "X-Two-Lines": "a\nb",
    }
    entries = [
        Entry("tabs", "a\tb" * 30, 'x\\y"' * 25, fuzzy=True, flags=["c-format", "no-c-format"]),
        Entry("newline", "\n", "\n"),
        Entry("empty", "", "not empty", previous=""),
        Entry("wide", "€" * 100, "中" * 60, flags=["range: 3..1"]),
        Entry("separator", "line\u2028separator " * 6, "nbsp\u00a0" * 20, notes=["a\nb"]),
        Entry("unwrapped", "never wrapped " * 10, "nie umbrochen " * 10, flags=["no-wrap"]),
    ]
    output = format_catalog(Catalog(header, entries, ["comment\nwith a newline", ""]))
    assert_gnu_identical(output, tmp_path / "edge.po")
    assert '#, fuzzy, no-c-format\nmsgctxt "tabs"' in output
    assert '"X-Two-Lines: a\\n"\n"b\\n"\n' in output


def test_writes_what_msgcat_makes_of_any_layout(tmp_path: Path):
    """Hand-written input: our reading then writing equals msgcat's output."""
    raw = (
        "#  Header comment\n"
        "#text without space\n"
        'msgid ""\n'
        'msgstr "Project-Id-Version: x\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        "\n"
        "#\n"
        "#. \n"
        "#.nospace\n"
        "#, foo, python-format, c-format, wrap, range: 1..3\n"
        '#| msgid "old"\n'
        '#| " text"\n'
        'msgctxt "k1"\n'
        'msgid "short"\n'
        'msgstr ""\n"cut into "\n"pieces"\n'
        "\n"
        "#, fuzzy\n"
        'msgid "fuzzy but untranslated"\n'
        'msgstr ""\n'
        "\n"
        "#, no-wrap\n"
        f'msgid "{"unwrapped " * 12}"\n'
        f'msgstr "{"nicht umbrochen " * 8}"\n'
        "\n"
        f'msgid "{"Ein sehr langer Satz, der umbrochen werden muss. " * 4}"\n'
        'msgstr "tab\\there, bell\\a, quote \\" and backslash \\\\ and \\303\\251"\n'
        "\n"
        "# obsolete comment\n"
        "#, fuzzy, c-format\n"
        '#~| msgid "was"\n'
        '#~ msgctxt "k2"\n'
        '#~ msgid "gone"\n'
        '#~ msgstr "weg"\n'
        "\n"
        '#~ msgid "gone without translation"\n'
        '#~ msgstr ""\n'
    )
    path = tmp_path / "raw.po"
    path.write_text(raw, encoding="utf-8")
    expected = msgcat(path)
    assert format_catalog(parse_catalog(raw.encode(), path)) == expected
    assert format_catalog(scan_catalog(raw.encode(), path)) == expected


def test_writes_atomically_with_a_trailing_newline(tmp_path: Path):
    path = tmp_path / "de.po"
    path.write_text("old", encoding="utf-8")
    write_catalog(path, Catalog(header=dict(HEADER), entries=[Entry("a", "b", "c")]))
    assert path.read_text(encoding="utf-8").endswith('msgid "b"\nmsgstr "c"\n')


@pytest.mark.parametrize(
    ("catalog", "message"),
    [
        (Catalog(), "charset=UTF-8"),
        (Catalog(header={"Content-Type": "text/plain; charset=ISO-8859-1"}), "charset=UTF-8"),
        (Catalog(header=dict(HEADER), entries=[Entry("", "")]), "two entries"),
        (Catalog(header=dict(HEADER), entries=[Entry("a", "b"), Entry("a", "b")]), "two entries"),
    ],
)
def test_refuses_catalogs_no_reader_would_accept(catalog: Catalog, message: str):
    with pytest.raises(ValueError, match=message):
        format_catalog(catalog)


def _libunistring_linebreaks():
    """u8_width_linebreaks of the libunistring that msgcat itself uses."""
    library = ctypes.CDLL(ctypes.util.find_library("unistring") or "libunistring.so.2")
    function = getattr(library, "u8_width_linebreaks_v2", None) or library.u8_width_linebreaks
    text, size, number = ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int
    function.argtypes = [text, size, number, number, number, text, text, text]

    def linebreaks(text: str, width: int, start: int, overrides: list[int]) -> list[int]:
        data = text.encode()
        per_byte = bytearray(len(data))  # continuation bytes: prohibited (1)
        offsets = []
        offset = 0
        for ch, override in zip(text, overrides, strict=True):
            offsets.append(offset)
            size = len(ch.encode())
            per_byte[offset : offset + size] = bytes([override]) + b"\x01" * (size - 1)
            offset += size
        result = ctypes.create_string_buffer(len(data))
        function(data, len(data), width, start, 0, bytes(per_byte), b"UTF-8", result)
        return [i for i, at in enumerate(offsets) if result.raw[at] == 2]

    return linebreaks


def test_linebreaks_match_libunistring():
    """Our port against the C library on random text from all of Unicode."""
    gnu = _libunistring_linebreaks()
    rng = Random(14)
    pool = [
        *"abcxyz ABC 0123,.;:!?-/()[]{}\"'%$€+*&@#_\\<>|~\t’‘“”«»–—─…•‹›äéñøßčőą",
        *"中文字日本語한국어、。「」！？ー々ッャ\u3000\u2010\u00ad\u2060",
        *"\u200b\u200d\u0301\u05d0\u00a0\u2028\u0085\U0001f1e6\U0001f600\U0001f44d\U0001f3fb",
    ]
    for _ in range(1500):
        size = rng.randint(0, 100)
        if rng.random() < 0.3:
            codes = (rng.randint(0x20, 0x2FFFF) for _ in range(size))
            text = "".join(chr(c) for c in codes if not 0xD800 <= c < 0xE000)
        else:
            text = "".join(rng.choice(pool) for _ in range(size))
        overrides = [rng.choice((0, 0, 0, 1, 2)) for _ in text]
        width, start = rng.randint(1, 80), rng.randint(0, 20)
        expected = gnu(text, width, start, overrides)
        assert width_linebreaks(text, width, start, 0, overrides) == expected, repr(text)


def _raw_po(entry: Entry) -> str:
    """One entry as a PO file, written by hand: what msgfmt makes of it unchecked."""

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    prefix = "#~ " if entry.obsolete else ""
    flags = "#, fuzzy\n" if entry.fuzzy else ""
    return (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f"{flags}{prefix}msgctxt {quoted(entry.id)}\n"
        f"{prefix}msgid {quoted(entry.source)}\n{prefix}msgstr {quoted(entry.target)}\n"
    )


def test_refuses_exactly_the_entries_msgfmt_check_rejects(tmp_path: Path):
    """Never a file msgfmt --check rejects: the writer says which entry, and why."""
    texts = ["a", "\na", "a\n", "\na\n", "\n", "\n\n", ""]
    path = tmp_path / "one.po"
    accepted = []
    for source in texts:
        for target in texts:
            for fuzzy in (False, True):
                for obsolete in (False, True):
                    entry = Entry("k", source, target, fuzzy=fuzzy, obsolete=obsolete)
                    path.write_text(_raw_po(entry), encoding="utf-8")
                    rejected = msgfmt_check(path).returncode != 0
                    catalog = Catalog(dict(HEADER), [entry])
                    if rejected:
                        with pytest.raises(UnwritableCatalog, match=r"entry 'k'.*msgfmt --check"):
                            format_catalog(catalog)
                    else:
                        format_catalog(catalog)
                        accepted.append(entry)
    assert len(accepted) < 4 * len(texts) ** 2  # some were refused
    every = [dataclasses.replace(e, id=f"k{n}") for n, e in enumerate(accepted)]
    text = format_catalog(Catalog(dict(HEADER), every))
    path.write_text(text, encoding="utf-8")
    assert msgfmt_check(path).returncode == 0


def test_write_catalog_refuses_naming_the_file_and_entry_and_writes_nothing(tmp_path: Path):
    path = tmp_path / "es.po"
    path.write_text("old", encoding="utf-8")
    catalog = Catalog(dict(HEADER), [Entry("p-1", "Hello.", "Hola.\n")])
    with pytest.raises(PoError) as caught:
        write_catalog(path, catalog)
    assert str(caught.value) == (
        f"{path}: cannot be written: entry 'p-1': the translation ends with a newline and "
        "the source does not (msgfmt --check rejects that)"
    )
    assert caught.value.exit_code == EXIT_ERROR
    assert path.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [path]
