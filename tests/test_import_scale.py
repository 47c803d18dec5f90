"""Large articles: the writer's paths for them, and the size caps that let one in.

A 50 MB source (benchmarks/bench_import.py) imports in under a minute and
1 GB because the writer formats a large catalog a few thousand entries at a
time, encodes as it goes, and formats the untranslated entries a first
import gives the template and every target language once. These tests make
the same paths run on small catalogs (the memo's threshold lowered) and hold
them to GNU msgcat's output, and run import, re-import, check and status on
a generated article.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from gettext_tools import msgcat
from transkit import fsutil
from transkit.catalog import Catalog, Entry
from transkit.cli import main
from transkit.po import encode_catalog, format_catalog, scan_catalog, writer
from transkit.store import Store

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from bench_import import article

HEADER = {"Language": "es", "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8"}
_WORDS = ["bread", "strike", 'the "council"', "C:\\path", "wage", "üñí", "refinery", "a"]


def _text(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(1, 40))]
    text = " ".join(words)
    if rng.random() < 0.15:
        text = text.replace(" a ", "\n", 1)  # an inner newline: GNU's several-line layout
    return text


def _catalog(n: int, *, edition: bool, seed: int = 3, lang: str = "es") -> Catalog:
    rng = random.Random(seed)
    entries = []
    for i in range(n):
        source = _text(rng)
        notes = ["paragraph"] if rng.random() < 0.3 else []
        entries.append(Entry(f"p-{i:05x}", source, source if edition else "", notes=notes))
    return Catalog(header={**HEADER, "Language": lang}, entries=entries)


@pytest.fixture
def small_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Catalogs of more than 8 entries take the large-catalog path, 3 entries a chunk."""
    monkeypatch.setattr(writer, "_ENTRY_MEMO", 8)
    monkeypatch.setattr(writer, "_CHUNK", 3)
    writer.clear_memo()


def test_the_source_edition_is_written_as_gnu_writes_it(tmp_path: Path) -> None:
    """msgstr equal to msgid reuses msgid's lines: GNU's layout all the same."""
    catalog = _catalog(400, edition=True)
    path = tmp_path / "en.po"
    path.write_text(format_catalog(catalog), encoding="utf-8")
    assert msgcat(path) == path.read_text(encoding="utf-8")


@pytest.mark.usefixtures("small_memo")
@pytest.mark.parametrize("edition", [False, True], ids=["untranslated", "edition"])
def test_a_large_catalog_is_written_as_a_small_one(tmp_path: Path, edition: bool) -> None:
    catalog = _catalog(50, edition=edition)
    catalog.entries[7].obsolete = True
    catalog.entries[7].target = "kept"  # an obsolete entry with a text is written last
    data = encode_catalog(catalog)
    assert format_catalog(catalog) == data.decode("utf-8")
    path = tmp_path / "large.po"
    path.write_bytes(data)
    assert msgcat(path).encode("utf-8") == data


@pytest.mark.usefixtures("small_memo")
def test_untranslated_entries_are_formatted_once_for_every_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    formatted: list[str] = []
    real = writer._format_key

    def counting(key: writer._EntryKey) -> str:
        formatted.append(key[0])
        return real(key)

    monkeypatch.setattr(writer, "_format_key", counting)
    template = _catalog(30, edition=False, lang="en")
    spanish = _catalog(30, edition=False, lang="es")
    dutch = _catalog(30, edition=False, lang="nl")
    first = encode_catalog(template)
    assert len(formatted) == 30
    es, nl = encode_catalog(spanish), encode_catalog(dutch)
    assert len(formatted) == 30  # the body of the template, reused as it is
    assert es != nl and es.split(b"\n\n", 1)[1] == nl.split(b"\n\n", 1)[1]
    assert first.split(b"\n\n", 1)[1] == es.split(b"\n\n", 1)[1]


@pytest.mark.usefixtures("small_memo")
def test_the_remembered_text_is_never_reused_for_changed_entries() -> None:
    catalog = _catalog(30, edition=False)
    before = encode_catalog(catalog)
    catalog.entries[12].notes.append("heading")  # changed in place, after it was written
    catalog.entries[20].comments.append("a translator's note")
    after = encode_catalog(catalog)
    assert after != before
    assert b"#. heading\n" in after and b"# a translator's note\n" in after
    writer.clear_memo()
    assert encode_catalog(catalog) == after


@pytest.mark.usefixtures("small_memo")
def test_a_large_catalog_no_reader_would_take_back_is_refused() -> None:
    catalog = _catalog(30, edition=False)
    encode_catalog(catalog)  # remembered: the check still runs on what differs
    catalog.entries[4].id = catalog.entries[9].id
    catalog.entries[4].source = catalog.entries[9].source
    with pytest.raises(writer.UnwritableCatalog, match="two entries with id 'p-00009'"):
        encode_catalog(catalog)


# -- the caps, and a generated article through import, re-import, check and status ------


def test_the_caps_let_in_a_50_mb_article_and_read_back_its_english_edition(
    make_project,
) -> None:
    """The benchmark's prose makes an English edition about 3.2 times its
    source: a source at the cap still makes PO files transkit reads back."""
    project = make_project(source=None)
    source = project.root / "long.md"
    source.write_text(article(0.3, 0.5, "md"), encoding="utf-8")
    assert main(["import", "long.md", "--doc", "long"]) == 0
    edition = project.root / "locales" / "en" / "long.po"
    ratio = edition.stat().st_size / source.stat().st_size
    assert 2 < ratio < 4
    assert fsutil.MAX_SOURCE_BYTES >= 50 * 1024 * 1024
    assert ratio * fsutil.MAX_SOURCE_BYTES < fsutil.MAX_PO_BYTES


def test_a_generated_article_imports_reimports_and_is_checked(make_project, capsys) -> None:
    project = make_project(source=None)
    source = project.root / "long.md"
    source.write_text(article(0.4, 0.5, "md", pool_size=40), encoding="utf-8")
    assert main(["import", "long.md", "--doc", "long"]) == 0
    files = sorted(project.root.glob("locales/*/long.po"))
    assert len(files) == len(project.config.all_languages)
    written = {path: path.read_bytes() for path in files}
    for path, data in written.items():  # valid, with every segment in each file
        assert len(scan_catalog(data, path).entries) > 2000
    capsys.readouterr()
    assert main(["import", "long.md", "--doc", "long"]) == 0
    assert {path: path.read_bytes() for path in files} == written  # nothing to change
    assert "wrote" not in capsys.readouterr().out
    assert main(["status"]) == 0
    assert "long" in capsys.readouterr().out
    assert main(["check"]) == 0  # every file read: the English approved, the rest untranslated
    assert "4 files checked: 0 errors" in capsys.readouterr().out


def test_a_file_read_again_unchanged_is_held_once(make_project) -> None:
    """The store reads a file again before each save; unchanged, the bytes
    and catalog already in hand are kept, not a second copy (160 MB for a
    50 MB article's English edition)."""
    project = make_project()
    store = Store(project)
    first = store.read("sample", "es")
    again = store.read_path(store.path("sample", "es"), first)
    assert again.data is first.data and again.catalog is first.catalog
