"""The fast paths of PO reading and writing against the slow, exact ones.

Each fast path must give what its reference gives: the simple-text line
breaker what `possible_linebreaks` + `fit_linebreaks` (and libunistring, and
msgcat) give; the common-layout reader what the line scanner gives, on
well-formed and on damaged files; the memo of formatted entries what a cold
format gives. Each test also checks that the fast path did the work, so
that it cannot pass by falling back to the reference.
"""

from __future__ import annotations

import dataclasses
import gc
import re
from pathlib import Path
from random import Random

import pytest

from gettext_tools import msgcat
from test_po_writer import HEADER, _libunistring_linebreaks, generated_catalog
from transkit.catalog import Catalog, Entry, fit_newlines
from transkit.errors import PoError
from transkit.po import format_catalog, scan_catalog, writer
from transkit.po.linebreak import (
    _SIMPLE_BLOCKS,
    BREAK_PROHIBITED,
    BREAK_UNDEFINED,
    _SimpleText,
    char_width,
    fit_linebreaks,
    possible_linebreaks,
    width_linebreaks,
)
from transkit.po.reader import _entry_or_header
from transkit.po.validate import Message, _read_common_layout, _Scanner, validate

REPO = Path(__file__).resolve().parents[1]
LOCALES = sorted((REPO / "locales").glob("*/*.po"))

SIMPLE = _SimpleText.get()
SIMPLE_CHARACTERS = [
    chr(code)
    for first, last in _SIMPLE_BLOCKS
    for code in range(first, last + 1)
    if SIMPLE.is_simple(chr(code))
]
# Prose and everything around it that changes breaks: quotes, dashes, brackets,
# [^N] placeholders, numbers, units, slashes, Spanish ¿¡, escapes' backslashes.
PROSE = [*"abcdefghijklmnopqrstuvwxyzAÑéü", *"’‘“”«»‹›\"'–—‐-…,.;:!?()[]{}^/%‰°$€£¿¡\\|*_#&@+=<>~"]
PROSE += [*"0123456789", "\u00a0", "\u2009", "\u2011", "\u2044", "\u00b4", "\u2024"]


def simple_text(rng: Random, low: int = 0, high: int = 160) -> str:
    """A random simple text: prose characters and single spaces, or any simple characters."""
    pool = SIMPLE_CHARACTERS if rng.random() < 0.3 else PROSE
    parts: list[str] = []
    for _ in range(rng.randint(low, high)):
        if rng.random() < 0.18:
            parts.append(" ")
        elif rng.random() < 0.02:
            parts.append("x" * rng.randint(20, 90))  # a word longer than a line
        else:
            parts.append(rng.choice(pool))
    return re.sub(" {2,}", " ", "".join(parts))


def reference_linebreaks(text: str, width: int, start: int, at_end: int, overrides) -> list[int]:
    """`width_linebreaks` without its fast path."""
    breaks = possible_linebreaks(text)
    if overrides is not None:
        breaks = [b if o == BREAK_UNDEFINED else o for b, o in zip(breaks, overrides, strict=True)]
    return fit_linebreaks(text, breaks, width, start, at_end)


def test_simple_text_breaks_as_the_reference():
    rng = Random(20221014)
    fast = 0
    for _ in range(3000):
        text = simple_text(rng)
        width, start, at_end = rng.randint(1, 90), rng.randint(0, 30), rng.choice((0, 0, 2, 5))
        overrides = None
        if rng.random() < 0.4:  # what the writer does: prohibit some breaks
            overrides = [rng.choice((BREAK_UNDEFINED,) * 4 + (BREAK_PROHIBITED,)) for _ in text]
        fast += SIMPLE.is_simple(text)
        expected = reference_linebreaks(text, width, start, at_end, overrides)
        assert width_linebreaks(text, width, start, at_end, overrides) == expected, repr(text)
    assert fast > 2900


def test_simple_text_breaks_as_libunistring():
    gnu = _libunistring_linebreaks()
    rng = Random(79)
    for _ in range(1500):
        text = simple_text(rng, 0, 120)
        assert SIMPLE.is_simple(text)
        width, start = rng.randint(1, 80), rng.randint(0, 20)
        expected = gnu(text, width, start, [BREAK_UNDEFINED] * len(text))
        assert width_linebreaks(text, width, start) == expected, repr(text)


def test_what_is_simple():
    assert SIMPLE.is_simple("In Iran’s “oil” sector – strikes […] [^4] ¿por qué? 1,700 €/día")
    assert SIMPLE.is_simple("")
    for other in ("two  spaces", "line\nfeed", "tab\t", "中文", "e\u0301", "zw\u200bsp",
                  "zwj\u200d", "\u05d0", "\U0001f600", "\u2028", "\U0001f1e6"):  # fmt: skip
        assert not SIMPLE.is_simple(other), repr(other)
    assert all(char_width(ch) == 1 for ch in SIMPLE_CHARACTERS)  # one column each


def test_the_article_is_simple_text():
    """The bundled article's strings take the fast path (or formatting is slow)."""
    strings = [
        writer._escape(text)
        for path in LOCALES
        for entry in scan_catalog(path.read_bytes(), path).entries
        for text in (entry.source, entry.target)
    ]
    simple = sum(map(SIMPLE.is_simple, strings))
    assert simple >= 0.99 * len(strings)


def reference_writer_breaks(text: str, width: int, start: int) -> list[int]:
    """The writer's breaks as they were computed before the fast path."""
    if start + sum(map(char_width, text)) <= width:
        return []
    possible = possible_linebreaks(text)
    backslash = text.find("\\")
    while backslash >= 0:  # never inside an escape sequence
        possible[backslash + 1] = BREAK_PROHIBITED
        backslash = text.find("\\", backslash + 2)
    if text.endswith("\\n"):  # nor just before the final \n
        possible[-2] = BREAK_PROHIBITED
    return fit_linebreaks(text, possible, width, start)


def test_escaped_strings_break_as_the_reference():
    rng = Random(5)
    escapes = ['"', "\\", "\t", "\a", "\\\\", '\\"', "\\n"]
    fast = 0
    for _ in range(3000):
        text = simple_text(rng, 0, 150)
        for _ in range(rng.randint(0, 6)):
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(escapes) + text[at:]
        if rng.random() < 0.3:
            text += "\n"
        escaped = writer._escape(text)
        fast += SIMPLE.is_simple(escaped)
        width, start = rng.choice((77, 74, 73)), rng.choice((0, 6, 7, 8))
        assert writer._breaks(escaped, width, start) == reference_writer_breaks(
            escaped, width, start
        ), repr(escaped)
    assert fast > 2500


def prose_catalog(seed: int, size: int) -> Catalog:
    """Entries of simple text, with escapes, newlines, previous and obsolete entries."""
    rng = Random(seed)
    catalog = Catalog(header=dict(HEADER))
    for number in range(size):
        source = simple_text(rng, 1, 120).strip(" ") or "x"
        target = "" if rng.random() < 0.2 else simple_text(rng, 1, 140).strip(" ") or "y"
        if rng.random() < 0.1:  # both end with a newline, as msgfmt --check wants
            source, target = source + "\n", target and target + "\n"
        if rng.random() < 0.05:
            source = source.replace(" ", "\n", 1)
        entry = Entry(f"p-{seed}-{number}", source, target, fuzzy=rng.random() < 0.2)
        if entry.fuzzy and rng.random() < 0.5:
            entry.previous = simple_text(rng, 1, 100).strip(" ") or "z"
        entry.obsolete = bool(target) and rng.random() < 0.05
        catalog.entries.append(entry)
    return catalog


def test_msgcat_leaves_prose_unchanged(tmp_path: Path):
    for seed in (1, 2):
        catalog = prose_catalog(seed, 300)
        strings = [writer._escape(e.source) for e in catalog.entries]
        assert sum(map(SIMPLE.is_simple, strings)) > 0.8 * len(strings)  # the fast path
        text = format_catalog(catalog)
        path = tmp_path / f"prose{seed}.po"
        path.write_text(text, encoding="utf-8")
        assert msgcat(path) == text


# -- the memo of formatted entries -----------------------------------------------


def test_resaving_formats_only_what_changed():
    catalog = generated_catalog(21, 120)
    writer.clear_memo()
    first = format_catalog(catalog)
    before = writer._format_entry.cache_info()
    assert format_catalog(catalog) == first
    after = writer._format_entry.cache_info()
    assert after.misses == before.misses and after.hits > before.hits

    live = [entry for entry in catalog.entries if not entry.obsolete]
    live[3].target = fit_newlines("Changed.", live[3].source)  # msgfmt --check's newlines
    live[5].comments.append("transkit: approved sha=0 date=2026-11-26")  # changed in place
    live[7].notes[:] = ["heading"] if live[7].notes != ["heading"] else ["paragraph"]
    live[9].line = 4242  # not written: no new formatting
    again = format_catalog(catalog)
    assert writer._format_entry.cache_info().misses == after.misses + 3
    writer.clear_memo()
    assert again == format_catalog(catalog) != first


def test_the_memo_is_bounded():
    assert writer._format_entry.cache_info().maxsize is not None


# -- the common-layout reader ----------------------------------------------------


def scanner_messages(text: str):
    """The line scanner's reading, or the PoError it raises."""
    try:
        return _Scanner("f.po").scan(text)
    except PoError as error:
        return error


def canonical_files(tmp_path: Path) -> list[str]:
    files = [format_catalog(generated_catalog(seed, 60)) for seed in (31, 32)]
    files.append(format_catalog(prose_catalog(33, 80)))
    files += [path.read_text(encoding="utf-8") for path in LOCALES]
    path = tmp_path / "raw.po"
    path.write_text(files[0], encoding="utf-8")
    files.append(msgcat(path))
    files.append(  # what the writer never writes, in the layout
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n\n'
        "#: src/a.c:1\n#,fuzzy\n# File: doc.txt, line:3\n#.\n#\n"
        '#| msgctxt "pc"\n#| msgid ""\n#| "p"\nmsgctxt ""\nmsgid "a\\"b\\\\"\nmsgstr "x"\n'
        '\n#~| msgid "was"\n#~ msgid "gone"\n#~ "more"\n#~ msgstr ""\n#~ "weg"\n\n'
    )
    return files


def test_reads_common_files_as_the_scanner(tmp_path: Path):
    for text in canonical_files(tmp_path):
        messages = _read_common_layout(text, Message)
        assert messages is not None  # the fast path read it
        assert messages == scanner_messages(text)
        assert validate(text.encode(), "f.po") == messages


ODD_LINES = [
    "", " ", "\t", "\f", "#", "#~", "#|", "# c", "#. n", "#, fuzzy", "#| msgid \"p\"",
    '#| msgctxt "p"', '#~| msgid "p"', '#~ msgid "o"', '#~ msgstr "o"', '#~ "o"', '"c"',
    'msgid "d"', 'msgstr "s"', 'msgctxt "k"', "msgid", 'msgid "a" "b"', "=======",
    'msgstr[0] "x"', 'msgid_plural "p"', '#~ # c', 'msgid  "two spaces"', 'msgid\t"tab"',
]  # fmt: skip
ODD_TEXT = ['"', "\\", "\\\\", '\\"', "\\n", "\\303\\251", "\\x41", "\\q", "\\4", "\r", " ",
            "\t", "\x04", "#", "msgid ", "\u2028", "é"]  # fmt: skip


def damaged(rng: Random, text: str) -> str:
    """The text with a few lines deleted, repeated, swapped, added or edited."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(lines))
        action = rng.random()
        if action < 0.2:
            del lines[at]
        elif action < 0.35:
            lines.insert(at, lines[rng.randrange(len(lines))])
        elif action < 0.45:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif action < 0.65:
            lines.insert(at, rng.choice(ODD_LINES))
        elif action < 0.75:
            lines[at] += rng.choice(("\r", " ", "\t", "\f"))  # CRLF, trailing blanks
        else:
            line = lines[at]
            cut = rng.randint(0, len(line))
            if rng.random() < 0.8:
                lines[at] = line[:cut] + rng.choice(ODD_TEXT) + line[cut:]
            else:
                lines[at] = line[:cut]
        if not lines:
            lines = [""]
    return "\n".join(lines)


@pytest.mark.parametrize("seed", [1, 2])
def test_damaged_files_are_read_as_the_scanner_reads_them(seed: int, tmp_path: Path):
    """Never a different reading: the fast path reads a file as the scanner
    does, or leaves it to the scanner (which finds the error and its line)."""
    rng = Random(seed)
    bases = [text[: text.find("\n\n", 3000) + 1] or text for text in canonical_files(tmp_path)]
    fast = rejected = 0
    for _ in range(1500):
        text = damaged(rng, rng.choice(bases))
        expected = scanner_messages(text)
        messages = _read_common_layout(text, Message)
        if messages is not None:
            fast += 1
            assert messages == expected, text
            records = [_entry_or_header(*dataclasses.astuple(m)) for m in expected]
            assert _read_common_layout(text, _entry_or_header) == records
        rejected += isinstance(expected, PoError)
    assert fast > 200 and rejected > 800


def test_read_lines_and_values():
    """Lines of entries after blank lines, comments and #| lines; joined strings."""
    text = (
        '\n\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n\n\n'
        '# c\n#| msgid "old"\n#| " text"\nmsgctxt "k"\n"1"\nmsgid ""\n"a\\tb "\n"c\\\\"\n'
        'msgstr "\\"q\\""\n\n#~ msgid "o"\n#~ msgstr ""\n#~ "p"\n\n\n'
    )
    header, entry, obsolete = _read_common_layout(text, Message)
    assert (header.line, entry.line, obsolete.line) == (3, 12, 19)
    assert (entry.msgctxt, entry.msgid, entry.msgstr) == ("k1", "a\tb c\\", '"q"')
    assert entry.previous_msgid == "old text" and entry.comments == ["c"]
    assert (obsolete.obsolete, obsolete.msgstr) == (True, "p")
    assert [dataclasses.asdict(m) for m in (header, entry, obsolete)] == [
        dataclasses.asdict(m) for m in _Scanner("f.po").scan(text)
    ]


def test_reading_leaves_the_garbage_collector_as_it_was():
    data = format_catalog(generated_catalog(40, 20)).encode()
    assert gc.isenabled()
    scan_catalog(data, "f.po")
    assert gc.isenabled()
    with pytest.raises(PoError):
        scan_catalog(data + b"msgid", "f.po")
    assert gc.isenabled()
    gc.disable()
    try:
        scan_catalog(data, "f.po")
        assert not gc.isenabled()
    finally:
        gc.enable()
