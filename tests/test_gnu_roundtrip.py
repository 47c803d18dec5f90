"""What transkit keeps in comments goes through the real GNU tools byte for byte.

GNU's lexer joins a line ending in a backslash with the next one, in every
kind of comment: a draft ending in ``C:\\`` swallowed the ``#, fuzzy`` after
it (the draft read as translated), a footnote labelled ``C:\\`` swallowed its
entry's msgctxt. transkit encodes what it puts in comments
(`transkit.catalog.encode_comment`), refuses to write a comment GNU would
change, and reads a file as GNU does.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from random import Random

import pytest

from deepl_server import FakeDeepL, default_translate
from gettext_tools import msgcat
from test_po_writer import HEADER, generated_catalog, without_lines
from transkit.catalog import Catalog, Entry, encode_comment, layout_comment
from transkit.cli import main
from transkit.errors import EXIT_ERROR, PoError
from transkit.po import format_catalog, parse_catalog, read_catalog, scan_catalog, write_catalog
from transkit.po.writer import UnwritableCatalog
from transkit.project import Project
from transkit.provenance import draft_text, set_draft_text
from transkit.status import Status, mark_approved, mark_draft, mark_translated, status_of
from transkit.template import document_from_template

_ENV = {**os.environ, "LC_ALL": "C"}

#: Texts a raw comment line would not keep: what GNU's lexer joins or cuts,
#: what transkit's reader takes for a line end, and what it must keep as is.
TEXTS = [
    "C:\\",
    "C:\\\\",
    "two lines\nof text",
    "ends in a newline\n",
    "windows\r\n",
    "a lone\rCR",
    "NUL\x00inside",
    "escape \x1b[31mred\x1b[0m and bell \a",
    "form\ffeed\vtab",
    "next\x85line, line\u2028separator, paragraph\u2029separator",
    "tab\tand trailing spaces  ",
    "  leading spaces",
    "\\x5c \\n \\\\ written out",
    "# transkit: approved",
    "#, fuzzy",
    "it's \"quoted\" = yes",
    "é中 ünïcödé",
    "x" * 3000 + "\\",
    "",
]


def run(*args: str) -> bytes:
    """A GNU tool's output; it must succeed."""
    result = subprocess.run(args, capture_output=True, env=_ENV, check=False)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def comment_catalogs() -> tuple[Catalog, Catalog]:
    """A template and a translation carrying each text in every comment
    transkit writes: the layout note, the machine draft, the status line
    (as the person's name and as a draft's detail), in live and obsolete entries."""
    template = Catalog(header=dict(HEADER))
    translation = Catalog(header=dict(HEADER))
    for k, text in enumerate(TEXTS):
        source = f"Segment {k}."
        note = layout_comment(f"note {text}")
        template.entries.append(Entry(f"s{k}", source, notes=[note]))
        entry = Entry(f"s{k}", source, f"Segmento {k}.", notes=[note])
        set_draft_text(entry, text)
        if k % 3 == 0:
            mark_draft(entry, "deepl", on="2026-01-01", detail=text)
        elif k % 3 == 1:
            mark_translated(entry, text, on="2026-01-01")
        else:
            mark_approved(entry, text, on="2026-01-01")
        translation.entries.append(entry)
    for k, text in enumerate(TEXTS):
        gone = Entry(f"old{k}", f"Removed {k}.", f"Quitado {k}.", obsolete=True)
        set_draft_text(gone, text)
        mark_draft(gone, "deepl", on="2026-01-01", detail=text)
        translation.entries.append(gone)
    return template, translation


def assert_carries_the_texts(catalog: Catalog) -> None:
    live = list(catalog)
    assert len(live) == len(TEXTS) and len(catalog.obsolete()) == len(TEXTS)
    for k, (entry, text) in enumerate(zip(live, TEXTS, strict=True)):
        assert entry.layout_note == f"note {text}"
        assert draft_text(entry) == text
        if k % 3 == 0:
            assert status_of(entry) is Status.DRAFT and entry.meta["detail"] == text
        else:
            expected = Status.TRANSLATED if k % 3 == 1 else Status.APPROVED
            assert status_of(entry) is expected and entry.meta["by"] == text
    for entry, text in zip(catalog.obsolete(), TEXTS, strict=True):
        assert draft_text(entry) == text and entry.meta["detail"] == text and entry.fuzzy


def test_comments_survive_msgcat_msgmerge_msgattrib_and_obsolete_round_trip(tmp_path: Path):
    template, translation = comment_catalogs()
    pot, po = tmp_path / "doc.pot", tmp_path / "es.po"
    write_catalog(pot, template)
    write_catalog(po, translation)
    written = po.read_bytes()
    assert_carries_the_texts(read_catalog(po))
    assert without_lines(read_catalog(po)) == translation
    assert without_lines(read_catalog(pot)) == template

    # Rewritten by each tool: not a byte changed.
    assert run("msgcat", str(pot)) == pot.read_bytes()
    for output in (
        run("msgcat", str(po)),
        run("msgattrib", str(po)),
        run("msgmerge", "--quiet", "--previous", "-o", "-", str(po), str(pot)),
    ):
        assert output == written
    assert run("msgfmt", "--check", "-o", os.devnull, str(po)) == b""

    # Every entry made obsolete (#~) and back: GNU's file is transkit's, both ways.
    obsolete = tmp_path / "obsolete.po"
    obsolete.write_bytes(run("msgattrib", "--set-obsolete", str(po)))
    catalog = read_catalog(obsolete)
    assert not list(catalog)
    assert format_catalog(catalog).encode() == obsolete.read_bytes()
    assert [draft_text(e) for e in catalog.entries] == TEXTS + TEXTS
    revived = run("msgattrib", "--clear-obsolete", str(obsolete))
    every_entry_live = [replace(e, obsolete=False) for e in translation.entries]
    assert revived.decode() == format_catalog(Catalog(dict(HEADER), every_entry_live))
    assert revived.startswith(written[: written.index(b"#~")].rsplit(b"\n\n", 1)[0])


def test_a_draft_ending_in_a_backslash_stays_a_draft_after_msgcat(
    make_project: Callable[..., Project], api: FakeDeepL, chdir: Path
):
    """The reported case, end to end: DeepL answers ``…C:\\``, an article has
    a footnote labelled ``C:\\``; after msgcat every draft is still a draft,
    and the template still rebuilds the article."""
    article = chdir / "article.md"
    article.write_text(
        "# Paths\n\nSave it under C:\\ first.[^C:\\]\n\nThen run it.\n\n"
        "[^C:\\]: The drive of C:\\\n",
        encoding="utf-8",
    )
    project = make_project(source=article, doc="paths", languages="es")
    api.translate = lambda text, target, terms: default_translate(text, target, terms) + " C:\\"
    assert main(["draft", "paths", "--lang", "es"]) == 0
    pot, po = project.template_path("paths"), project.po_path("paths", "es")
    before = project.load_translation("paths", "es")
    assert {status_of(e) for e in before} == {Status.DRAFT}
    assert all(e.target.endswith("C:\\") and draft_text(e) == e.target for e in before)
    for path in (pot, po):
        assert msgcat(path).encode() == path.read_bytes()
        assert run("msgattrib", str(path)) == path.read_bytes()
    assert run("msgmerge", "--quiet", "-o", "-", str(po), str(pot)) == po.read_bytes()
    document = document_from_template(project.load_template("paths"))
    assert [b.layout.label for b in document.blocks if b.layout.kind == "note"] == ["C:\\"]


# -- reading as GNU reads: a backslash before a line end joins two lines ---------------------


def test_a_line_ending_in_a_backslash_is_read_joined_as_gnu_reads_it(tmp_path: Path):
    """Files written before (or by hand): what transkit reads is what msgcat keeps,
    so status and check see the file as every gettext tool does."""
    content = (
        'msgid ""\n'
        'msgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'
        "\n"
        "# transkit-draft: C:\\\\\n"
        "#, fuzzy\n"
        'msgctxt "draft"\n'
        'msgid "Save it."\n'
        'msgstr "Guárdalo C:\\\\"\n'
        "\n"
        "#. note C:\\\n"
        'msgctxt "note"\n'
        'msgid "The drive."\n'
        'msgstr ""\n'
        "\n"
        'msg\\\nctxt "split \\\nstring"\n'
        'msgid "x"\n'
        'msgstr "y"\n'
    ).encode()
    path = tmp_path / "legacy.po"
    path.write_bytes(content)
    gnu = msgcat(path)
    for read in (scan_catalog, parse_catalog):
        catalog = read(content, path)
        draft, note, split = catalog.entries
        assert not draft.fuzzy and status_of(draft) is Status.TRANSLATED  # as GNU reads it
        assert draft.comments == ["transkit-draft: C:\\#, fuzzy"]
        assert (note.id, note.notes) == ("", ['note C:msgctxt "note"'])
        assert split.id == "split string"
        assert (draft.line, note.line, split.line) == (6, 12, 15)
        assert without_lines(catalog) == without_lines(scan_catalog(gnu.encode(), path))
        assert format_catalog(catalog) == gnu


def _with_backslashes(rng: Random, text: str) -> str:
    """Backslashes put at the end of some comment lines, as a writer that
    does not know GNU's line joining leaves them."""
    lines = text.split("\n")
    comments = [n for n, line in enumerate(lines) if line.startswith("#") and line[1:2] not in "~|"]
    for n in rng.sample(comments, rng.randint(1, 4)):
        lines[n] += rng.choice(("\\", "\\\\", "\\\\\\", " \\"))
    return "\n".join(lines)


def test_reads_any_file_with_line_joins_as_msgcat_does(tmp_path: Path):
    rng = Random(5)
    base = format_catalog(generated_catalog(7, 25))
    path = tmp_path / "joined.po"
    compared = 0
    for _ in range(150):
        text = _with_backslashes(rng, base)
        path.write_text(text, encoding="utf-8")
        gnu = subprocess.run(["msgcat", str(path)], capture_output=True, env=_ENV, check=False)
        try:
            ours = scan_catalog(text.encode(), path)
        except PoError:
            assert gnu.returncode != 0, text  # e.g. a msgctxt swallowed: a duplicate
            continue
        assert gnu.returncode == 0, gnu.stderr
        assert format_catalog(ours) == gnu.stdout.decode()
        assert parse_catalog(text.encode(), path) == ours
        compared += 1
    assert compared > 50


# -- writing: what GNU would change is refused, never written --------------------------------


@pytest.mark.parametrize(
    ("comment", "words"),
    [
        ("see C:\\", "ends in a backslash"),
        ("see C:\\\\", "ends in a backslash"),
        ("first line\nends in \\", "ends in a backslash"),
        ("windows\r", "carriage return"),
        ("a lone\rCR", "carriage return"),
        ("NUL\x00", "NUL"),
        ("File: a.c, line:3", "file reference"),
    ],
)
def test_a_comment_gnu_would_change_is_refused_naming_the_entry(
    comment: str, words: str, tmp_path: Path
):
    for entry in (
        Entry("k1", "Source.", "Fuente.", comments=[comment]),
        Entry("k1", "Source.", "Fuente.", notes=[comment]),
        Entry("k1", "Source.", "Fuente.", comments=[comment], obsolete=True),
    ):
        if "File:" in comment and entry.notes:
            continue  # only a translator comment reads as a reference
        catalog = Catalog(dict(HEADER), [Entry("k0", "Fine."), entry])
        with pytest.raises(UnwritableCatalog, match=words) as caught:
            format_catalog(catalog)
        assert "entry 'k1'" in caught.value.message
        path = tmp_path / "es.po"
        path.write_text("old", encoding="utf-8")
        with pytest.raises(PoError, match=words) as written:
            write_catalog(path, catalog)
        assert written.value.path == path and written.value.exit_code == EXIT_ERROR
        assert path.read_text(encoding="utf-8") == "old"
    with pytest.raises(UnwritableCatalog, match="the header"):
        format_catalog(Catalog(dict(HEADER), [], header_comments=[comment]))


def test_encoded_text_is_always_writable_and_comes_back(tmp_path: Path):
    """Any text at all, encoded, makes a comment GNU keeps and transkit decodes."""
    rng = Random(3)
    pool = "ab \\\\\\\n\r\t\x00\x1b\x7f\x85\u2028\u2029xn5cé#,.|~:"
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 12))) for _ in range(300)]
    entries = []
    for k, text in enumerate(texts):
        entry = Entry(f"k{k}", f"Source {k}.", f"Fuente {k}.")
        set_draft_text(entry, text)
        entry.comments.append(encode_comment(text))
        entries.append(entry)
    catalog = Catalog(dict(HEADER), entries)
    path = tmp_path / "any.po"
    write_catalog(path, catalog)
    assert msgcat(path).encode() == path.read_bytes()
    back = read_catalog(path)
    assert without_lines(back) == catalog
    assert [draft_text(e) for e in back] == texts


# -- only files msgfmt accepts ------------------------------------------------------------------


def test_a_draft_with_a_stray_newline_is_saved_as_msgfmt_wants_it(
    make_project: Callable[..., Project], api: FakeDeepL
):
    """An engine's answer ending in a newline its source lacks: the draft is
    fitted before it is saved, so even msgfmt --check --use-fuzzy (and, once
    approved, plain --check) accepts the file."""
    project = make_project(languages="es")
    api.translate = lambda text, target, terms: default_translate(text, target, terms) + "\n"
    assert main(["draft", "--lang", "es"]) == 0
    path = project.po_path("sample", "es")
    drafts = list(project.load_translation("sample", "es"))
    assert {status_of(e) for e in drafts} == {Status.DRAFT}
    for entry in drafts:
        assert not entry.target.endswith("\n") and draft_text(entry) == entry.target
    assert run("msgfmt", "--check", "--use-fuzzy", "-o", os.devnull, str(path)) == b""
