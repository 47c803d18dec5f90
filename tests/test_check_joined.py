"""A joined segment needs a segment with text before it, in its paragraph:
otherwise nothing publishes it, and `check` says so."""

from __future__ import annotations

from transkit.catalog import Catalog, Entry, layout_comment
from transkit.checks import check_translation
from transkit.status import mark_joined, mark_translated

ROWS = [("p-1", "First sentence."), ("p-2", "Second one."), ("p-3", "A new paragraph.")]


def findings(texts: dict[str, str], joined: set[str]) -> list[tuple[str, str]]:
    starts = {"p-1", "p-3"}
    template = Catalog(entries=[
        Entry(id=i, source=s, notes=[layout_comment("paragraph")] if i in starts else [])
        for i, s in ROWS
    ])
    entries = []
    for i, s in ROWS:
        entry = Entry(id=i, source=s, notes=[layout_comment("paragraph")] if i in starts else [])
        if i in joined:
            mark_joined(entry, on="2026-12-02")
        elif texts.get(i):
            entry.target = texts[i]
            mark_translated(entry, "ana", on="2026-12-02")
        entries.append(entry)
    catalog = Catalog(
        header={"Language": "es", "Content-Type": "text/plain; charset=UTF-8",
                "Plural-Forms": "nplurals=2; plural=(n != 1);"},
        entries=entries,
    )
    report = check_translation(template, catalog, doc="d", lang="es", source_lang="en",
                               path="locales/es/d.po")
    return [(f.entry_id, f.check) for f in report.findings if f.check == "joined-alone"]


def test_a_joined_segment_after_a_translated_one_is_fine() -> None:
    assert findings({"p-1": "Primera frase, y la segunda."}, {"p-2"}) == []


def test_a_joined_segment_after_an_untranslated_one_is_an_error() -> None:
    assert findings({}, {"p-2"}) == [("p-2", "joined-alone")]


def test_a_joined_segment_that_starts_a_paragraph_is_an_error() -> None:
    assert findings({"p-1": "Uno.", "p-2": "Dos."}, {"p-3"}) == [("p-3", "joined-alone")]
