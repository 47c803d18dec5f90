"""Reading PO files: what GNU gettext rejects is rejected, what it reads is read alike."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from random import Random

import pytest

from gettext_tools import msgcat, msgcat_parses, msgfmt_check
from test_po_writer import HEADER, generated_catalog, without_lines
from transkit.catalog import Catalog, Entry
from transkit.errors import EXIT_ERROR, PoError
from transkit.fsutil import MAX_PO_BYTES
from transkit.po import format_catalog, parse_catalog, read_catalog, scan_catalog
from transkit.project import Project

HEAD = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'  # 4 lines

# (file content, line of the error, words of the message, does msgfmt --check reject it?)
MALFORMED = {
    "not-utf8-in-msgid": (HEAD + b'msgid "caf\xe9"\nmsgstr ""\n', 5, "UTF-8", True),
    "not-utf8-in-comment": (HEAD + b"# caf\xe9\nmsgid \"a\"\nmsgstr \"\"\n", 5, "UTF-8", False),
    "conflict-markers": (
        HEAD + b'<<<<<<< HEAD\nmsgid "a"\nmsgstr "b"\n=======\nmsgid "a"\nmsgstr "c"\n'
        b">>>>>>> theirs\n",
        5, "merge conflict", True,
    ),
    "conflict-separator": (HEAD + b'msgid "a"\nmsgstr "b"\n=======\n', 7, "merge conflict", True),
    "unterminated-string": (HEAD + b'msgid "a\nmsgstr "b"\n', 5, "unterminated", True),
    "escaped-closing-quote": (HEAD + b'msgid "a\\"\nmsgstr "b"\n', 5, "unterminated", True),
    "bad-escape": (HEAD + b'msgid "a\\qb"\nmsgstr ""\n', 5, "invalid escape", True),
    "msgid-without-string": (HEAD + b'msgid\nmsgstr "x"\n', 5, "without a string", True),
    "msgstr-without-string": (HEAD + b'msgid "a"\nmsgstr\n', 6, "without a string", True),
    "cut-after-msgid": (HEAD + b'msgid "a"\nmsgstr "b"\n\nmsgid "c"\n', 8, "without msgstr", True),
    "cut-after-msgctxt": (HEAD + b'msgctxt "k"\n', 5, "without msgid", True),
    "cut-inside-string": (HEAD + b'msgid "a"\nmsgstr ""\n\nmsgid "cut', 8, "unterminated", True),
    "unknown-keyword": (HEAD + b'msgid "a"\nmsgstr ""\n\nmsgtxt "x"\n', 8, "unknown keyword", True),
    "junk-words": (HEAD + b"this is not PO\n", 5, "unknown keyword 'this'", True),
    "junk-symbols": (HEAD + b"@@ -1,3 +1,4 @@\n", 5, "syntax error", True),
    "text-after-string": (HEAD + b'msgid "a" x\nmsgstr "b"\n', 5, "after the string", True),
    "duplicate": (
        HEAD + b'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 8, "duplicate", True
    ),
    "duplicate-with-context": (
        HEAD + b'msgctxt "k"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "k"\nmsgid "a"\nmsgstr ""\n',
        9, "first defined at line 5", True,
    ),
    "duplicate-obsolete": (
        HEAD + b'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', 8, "duplicate", True
    ),
    "comment-inside-entry": (HEAD + b'msgid "a"\n# note\nmsgstr "b"\n', 5, "without msgstr", True),
    "inconsistent-obsolete": (HEAD + b'#~ msgid "a"\nmsgstr "b"\n', 6, "inconsistent", True),
    "previous-without-entry": (HEAD + b'msgid "a"\nmsgstr "b"\n\n#| msgid "x"\n', 8, "#|", True),
    "comment-after-previous": (HEAD + b'#| msgid "x"\n# c\nmsgid "a"\nmsgstr ""\n', 6, "#|", True),
    "previous-msgctxt-alone": (HEAD + b'#| msgctxt "x"\nmsgid "a"\nmsgstr ""\n', 6, "#|", True),
    "context-separator": (HEAD + b'msgid "a"\nmsgstr "b\\4"\n', 6, "EOT", True),
    "plural": (HEAD + b'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n', 6, "plural", True),
    "msgstr-index": (HEAD + b'msgid "a"\nmsgstr[0] "b"\n', 6, "plural", True),
    "byte-order-mark": (b"\xef\xbb\xbf" + HEAD, 1, "byte order mark", True),
    "empty-file": (b"", 1, "no header", True),
    "no-header": (b'msgid "a"\nmsgstr "b"\n', 1, "no header", True),
    # transkit is stricter than GNU here: it only reads UTF-8.
    "latin1-charset": (HEAD.replace(b"UTF-8", b"ISO-8859-1"), 1, "not UTF-8", False),
    "charset-placeholder": (HEAD.replace(b"UTF-8", b"CHARSET"), 1, "not UTF-8", False),
    "no-charset": (b'msgid ""\nmsgstr "Language: de\\n"\n', 1, "no charset", False),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_files_are_rejected_with_their_line(name: str, tmp_path: Path):
    content, line, words, gnu_rejects = MALFORMED[name]
    path = tmp_path / f"{name}.po"
    path.write_bytes(content)
    for read in (parse_catalog, scan_catalog):
        with pytest.raises(PoError) as caught:
            read(content, path)
        assert caught.value.line == line
        assert words in caught.value.message
        assert str(caught.value).startswith(f"{path}:{line}: ")
    assert (msgfmt_check(path).returncode != 0) == gnu_rejects


def test_every_cut_msgfmt_rejects_is_rejected(tmp_path: Path):
    """A file cut anywhere (an interrupted copy): never read what GNU cannot parse.

    Parsing only: msgfmt also refuses translations that do not end (or start)
    with a newline like their source, which a cut can cause too; that is for
    ``transkit check``, not the reader: a file must open to be fixed.
    """
    data = format_catalog(generated_catalog(3, 12)).encode()
    path = tmp_path / "cut.po"
    for cut in range(len(data) // 3, len(data), len(data) // 30):
        path.write_bytes(data[:cut])
        if not msgcat_parses(path):
            with pytest.raises(PoError):
                scan_catalog(data[:cut], path)


ODD_LINES = (
    '  msgid "a"|#~|#| |#|msgid "p"|#~ # c|msgid\t"a"|#!fuzzy|\f|"c"|msgstr "s"|=======|'
    '>>>>>>> x|msgid "a" # c|# File: a.c, line: 3'
)


def _mutated_file(rng: Random) -> str:
    """Well-formed entries, then lines deleted, repeated, swapped, or odd ones added."""
    lines = ['msgid ""', 'msgstr "Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for number in range(rng.randint(1, 4)):
        mark = "#~ " if rng.random() < 0.2 else ""
        previous = "#~| " if mark else "#| "
        optional = ["# comment", "#. note", "#: file.c:1", "#, fuzzy"]
        lines += [line for line in optional if rng.random() < 0.3]
        if rng.random() < 0.3:
            lines += [previous + 'msgctxt "c"', previous + 'msgid "p"', previous + '"more"']
        if rng.random() < 0.5:
            lines.append(mark + 'msgctxt "k"')
        lines += [mark + f'msgid "m{number}"', mark + '"more"', mark + 'msgstr "s"', ""]
    odd = ODD_LINES.split("|")
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        position = rng.randrange(len(lines) + 1)
        action = rng.random()
        if action < 0.3:
            lines.insert(position, rng.choice(odd))
        elif action < 0.6 and lines[position:]:
            del lines[position]
        elif action < 0.8:
            lines.insert(position, rng.choice(lines))
        else:
            other = rng.randrange(len(lines))
            lines[position - 1], lines[other] = lines[other], lines[position - 1]
    return "\n".join(lines) + "\n"


def test_accepts_exactly_what_msgfmt_accepts(tmp_path: Path):
    """Random damage to the structure of a file: msgfmt --check's verdict is ours."""
    rng = Random(8)
    path = tmp_path / "mutated.po"
    for _ in range(100):
        text = _mutated_file(rng)
        path.write_text(text, encoding="utf-8")
        try:
            scan_catalog(text.encode(), path)
            accepted = True
        except PoError:
            accepted = False
        assert accepted == (msgfmt_check(path).returncode == 0), text


def test_reads_comments_flags_and_escapes_as_gnu_does(tmp_path: Path):
    content = (
        "#  Header comment with two spaces\n"
        'msgid ""\n'
        'msgstr ""\n'
        '"Project-Id-Version: demo\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Language: de\\n"\n'
        "\n"
        "#text\n"
        "#\n"
        "# trailing space \n"
        "#.  indented note\n"
        "#.\n"
        "#: src/a.c:12\n"
        "#,fuzzy, c-format\n"
        '#| msgctxt "old"\n'
        '#| msgid "was"\n'
        '#| " before"\n'
        'msgctxt "p1"\n'
        'msgid ""\n'
        '"bell\\a tab\\t octal \\303\\251 hex \\x41 line\u2028separator"\n'
        'msgstr "B"\n'
        "\r\n"
        "# File: doc.txt, line:3\n"
        "#, fuzzy\n"
        '#~| msgid "older"\n'
        '#~ msgid "gone"\n'
        '#~ msgstr "weg"\n'
    ).encode()
    entries = [
        Entry(
            id="p1",
            source="bell\a tab\t octal é hex A line\u2028separator",
            target="B",
            fuzzy=True,
            previous="was before",
            notes=[" indented note", ""],
            comments=["text", "", "trailing space "],
            flags=["c-format"],
            line=18,
        ),
        Entry(
            id="", source="gone", target="weg", fuzzy=True, previous="older", obsolete=True, line=26
        ),
    ]
    header = {"Project-Id-Version": "demo", "Content-Type": "text/plain; charset=UTF-8"}
    expected = Catalog(
        header=header | {"Language": "de"},
        entries=entries,
        header_comments=[" Header comment with two spaces"],
    )
    assert parse_catalog(content, "demo.po") == expected
    assert scan_catalog(content, "demo.po") == expected
    path = tmp_path / "demo.po"
    path.write_bytes(content)
    assert msgfmt_check(path).returncode == 0
    assert without_lines(scan_catalog(msgcat(path).encode(), path)) == without_lines(expected)


def test_polib_and_validator_agree_on_fixtures(tmp_path: Path):
    fixtures = [format_catalog(generated_catalog(seed, 150)).encode() for seed in (10, 11)]
    template = tmp_path / "template.pot"
    new_entries = [
        Entry("a", "The strike spread to Abadan on Monday."),
        Entry("b", "A new sentence that nobody has translated."),
    ]
    template.write_text(format_catalog(Catalog(dict(HEADER), new_entries)), encoding="utf-8")
    old = tmp_path / "old.po"
    old_entries = [
        Entry("a", "The strike spread to Abadan.", "Der Streik griff auf Abadan über."),
        Entry("c", "A removed paragraph.", "Ein entfernter Absatz.", comments=["old"]),
    ]
    old.write_text(format_catalog(Catalog(dict(HEADER), old_entries)), encoding="utf-8")
    merged = subprocess.run(
        ["msgmerge", "--quiet", "--previous", "-o", "-", str(old), str(template)],
        capture_output=True,
        check=True,
    ).stdout
    fixtures.append(merged)
    for data in fixtures:
        assert parse_catalog(data, "f.po") == scan_catalog(data, "f.po")
    by_id = {e.id: e for e in scan_catalog(merged, "merged.po").entries}
    assert by_id["a"].fuzzy and by_id["a"].previous == "The strike spread to Abadan."
    assert by_id["c"].obsolete and by_id["c"].target == "Ein entfernter Absatz."


def test_entry_lines_and_header_order():
    entries = [
        Entry("one", "First.", "Erster.", notes=["paragraph"]),
        Entry("", "No context.", "Kein Kontext."),
    ]
    catalog = Catalog(header=dict(HEADER), entries=entries)
    text = format_catalog(catalog)
    read = scan_catalog(text.encode(), "x.po")
    assert list(read.header) == list(HEADER)
    lines = text.split("\n")
    assert lines[read.entries[0].line - 1] == 'msgctxt "one"'
    assert lines[read.entries[1].line - 1] == 'msgid "No context."'


def test_read_catalog(tmp_path: Path):
    path = tmp_path / "de.po"
    with pytest.raises(PoError, match="no such file") as caught:
        read_catalog(path)
    assert caught.value.path == path
    catalog = Catalog(header=dict(HEADER), entries=[Entry("a", "b", "c")])
    path.write_text(format_catalog(catalog), encoding="utf-8")
    assert without_lines(read_catalog(path)) == catalog


# -- what is not a regular file ------------------------------------------------------


def _make_fifo(path: Path) -> None:
    os.mkfifo(path)


def _make_device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _make_symlink_loop(path: Path) -> None:
    path.symlink_to(path.name)


def _make_huge_file(path: Path) -> None:
    with open(path, "wb") as f:  # sparse: no disk space used
        f.truncate(MAX_PO_BYTES + 1)


def _make_folder(path: Path) -> None:
    path.mkdir()


NOT_A_PO_FILE = {
    "fifo": (_make_fifo, "FIFO"),
    "device": (_make_device, "a device"),
    "symlink-loop": (_make_symlink_loop, "symbolic link loop"),
    "huge": (_make_huge_file, "PO file too large"),
    "folder": (_make_folder, "is a folder"),
}


@pytest.mark.parametrize("kind", ["fifo", "device", "huge", "folder"])
def test_a_po_path_that_is_not_a_regular_file_is_one_line_at_once(
    kind: str, make_project: Callable[..., Project], chdir: Path
):
    """``transkit status`` on a translation replaced by a FIFO (which blocked
    forever), /dev/zero (which filled memory), a huge file, a folder."""
    make, words = NOT_A_PO_FILE[kind]
    project = make_project()
    path = project.po_path("sample", "es")
    path.unlink()
    make(path)
    result = subprocess.run(
        [sys.executable, "-m", "transkit", "status"], cwd=chdir, capture_output=True, text=True,
        timeout=30, preexec_fn=_limit_memory, check=False,
    )  # fmt: skip
    assert result.returncode == EXIT_ERROR, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert str(Path("locales", "es", "sample.po")) in result.stderr
    assert words in result.stderr


def _limit_memory() -> None:
    """Reading /dev/zero until memory runs out must not take the machine with it."""
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@pytest.mark.parametrize("kind", ["symlink-loop", "huge", "folder"])
def test_read_catalog_raises_a_po_error_naming_the_path(kind: str, tmp_path: Path):
    make, words = NOT_A_PO_FILE[kind]
    path = tmp_path / "de.po"
    make(path)
    for fast in (False, True):
        with pytest.raises(PoError, match=words) as caught:
            read_catalog(path, fast=fast)
        assert caught.value.path == path
        assert caught.value.exit_code == EXIT_ERROR
