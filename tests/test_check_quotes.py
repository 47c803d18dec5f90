"""Quotations that span segments of one paragraph: the paragraph, not the
segment, is what must balance as the source's does."""

from __future__ import annotations

from transkit.catalog import Catalog, Entry, layout_comment
from transkit.checks import check_entry, check_translation

# From the bundled article: the scrape begins q-9d80d9 with the closing mark
# of the quotation q-fd273a opened; a Spanish translator closes it where it
# ends, at the end of the previous segment.
PARAGRAPH = [
    ("q-1", "“The strike committee met again.", "«El comité de huelga volvió a reunirse."),
    ("q-2", "The army was divided at the time.", "El ejército estaba dividido entonces»."),
    ("q-3", "” The IRGC-controlled “system” rests on ideology.",
     "El «sistema» controlado por el CGRI descansa en la ideología."),
    ("q-4", "Not a national strike will sway it.", "No lo cambiará una huelga nacional."),
]


def catalogs(rows: list[tuple[str, str, str]]) -> tuple[Catalog, Catalog]:
    template = Catalog(entries=[
        Entry(id=i, source=s, notes=[layout_comment("quote > paragraph")] if k == 0 else [])
        for k, (i, s, _) in enumerate(rows)
    ])
    catalog = Catalog(
        header={"Language": "es", "Content-Type": "text/plain; charset=UTF-8",
                "Plural-Forms": "nplurals=2; plural=(n != 1);"},
        entries=[Entry(id=i, source=s, target=t) for i, s, t in rows],
    )
    return template, catalog


def quote_findings(rows: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    template, catalog = catalogs(rows)
    report = check_translation(template, catalog, doc="d", lang="es", source_lang="en",
                               path="locales/es/d.po")
    return [(f.entry_id, f.message) for f in report.findings if f.check == "quotes"]


def test_a_closing_mark_moved_across_segments_is_not_warned() -> None:
    assert quote_findings(PARAGRAPH) == []


def test_check_entry_given_the_block_agrees() -> None:
    """The review app's Checks pane asks for one segment with its block."""
    block = [(i, s, t) for i, s, t in PARAGRAPH]
    for i, s, t in PARAGRAPH:
        found = check_entry(Entry(id=i, source=s, target=t), source_lang="en",
                            target_lang="es", block=block)
        assert [f for f in found if f.check == "quotes"] == []
    alone = check_entry(Entry(id="q-2", source=PARAGRAPH[1][1], target=PARAGRAPH[1][2]),
                        source_lang="en", target_lang="es")
    assert [f.check for f in alone] == ["quotes"]


def test_a_quotation_left_open_in_the_paragraph_is_still_warned() -> None:
    rows = list(PARAGRAPH)
    rows[1] = ("q-2", rows[1][1], "El ejército estaba dividido entonces.")  # no closing »
    assert [i for i, _ in quote_findings(rows)] == ["q-3"]


def test_an_untranslated_segment_between_leaves_the_warning() -> None:
    """Its marks are not there yet: nothing settles the difference."""
    rows = list(PARAGRAPH)
    rows[2] = ("q-3", rows[2][1], "")
    assert [i for i, _ in quote_findings(rows)] == ["q-2"]


def test_segments_of_different_paragraphs_do_not_settle_each_other() -> None:
    template, catalog = catalogs(PARAGRAPH)
    template.entries[2].notes = [layout_comment("paragraph")]
    report = check_translation(template, catalog, doc="d", lang="es", source_lang="en",
                               path="locales/es/d.po")
    assert sorted(f.entry_id for f in report.findings if f.check == "quotes") == ["q-2", "q-3"]
