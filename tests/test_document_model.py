"""The document model's verbatim blocks: kept in the template, never segments."""

import pytest

from transkit.catalog import is_kept_note
from transkit.document import Block, Document, Layout
from transkit.errors import PoError
from transkit.export.assemble import assemble
from transkit.po.reader import parse_catalog
from transkit.po.writer import format_catalog
from transkit.template import (
    assign_ids,
    build_template,
    document_from_template,
    new_translation,
    pot_header,
)
from transkit.update import update_translation

FENCE = "```python\nprint('a | b')\\\n\n\tx = 1\n```"
DOC = Document(
    [
        Block.kept(Layout("front-matter"), '---\ntitle: "Strikes"\ndraft: true\n---'),
        Block(Layout("meta", "title"), ["Strikes"]),
        Block(Layout("title"), ["Strikes"]),
        Block(Layout("paragraph"), ["One.", "Two."]),
        Block.kept(Layout("code", containers=("item",)), FENCE),
        Block(Layout("paragraph", containers=("in-item",)), ["After the code."]),
        Block.kept(Layout("rule"), "***"),
        Block.kept(Layout("table"), "| | |\n|:-|--:|\n| | |"),
        Block(Layout("cell", "0.0"), ["Year"]),
        Block(Layout("cell", "1.1"), ["1979"]),
        Block(Layout("paragraph", containers=("quote",)), ["A quote."]),
        Block(Layout("paragraph", containers=("new-quote",)), ["Another quote."]),
        Block(Layout("paragraph", containers=("tight-item",)), ["tight"]),
        Block.kept(Layout("html"), '<div class="x">\n<b>kept</b>\n</div>'),
    ]
)


def _template(doc: Document = DOC):
    ids = assign_ids(doc)
    return build_template(doc, ids, pot_header("d", "2026-12-01 00:00+0000", "en"))


def _reread(catalog):
    return parse_catalog(format_catalog(catalog).encode("utf-8"), "d.pot")


def test_layouts_of_the_new_kinds_parse_back() -> None:
    for text in [
        "code",
        "quote > html",
        "front-matter",
        "meta title",
        "cell 2.3",
        "new-quote > paragraph",
        "tight-item:3 > paragraph",
        "tight-item > table",
    ]:
        assert str(Layout.parse(text)) == text
    for bad in ["cell", "cell x", "meta", "loose-item > paragraph"]:
        with pytest.raises(ValueError):
            Layout.parse(bad)


def test_verbatim_blocks_are_not_segments() -> None:
    assert DOC.segment_texts() == [
        "Strikes",
        "Strikes",
        "One.",
        "Two.",
        "After the code.",
        "Year",
        "1979",
        "A quote.",
        "Another quote.",
        "tight",
    ]
    with pytest.raises(ValueError):
        Block.kept(Layout("paragraph"), "text")


def test_the_template_alone_rebuilds_every_block_through_the_po_files() -> None:
    template = _reread(_template())
    assert len(template.entries) == 10  # segments only
    assert document_from_template(template) == DOC


def test_po_files_hold_no_verbatim_block() -> None:
    template = _template()
    for edition in (False, True):
        po = new_translation(template, template.header, edition=edition, on="2026-12-01")
        assert len(po.entries) == 10
        assert not any(is_kept_note(n) for e in po.entries for n in e.notes)
        assert "print(" not in format_catalog(po)
    po = update_translation(
        new_translation(template, {}, edition=False, on="x"), template, edition=False, on="x"
    )
    assert not any(is_kept_note(n) for e in po.entries for n in e.notes)


def test_a_document_of_only_verbatim_blocks_has_no_template() -> None:
    with pytest.raises(ValueError):
        _template(Document([Block.kept(Layout("code"), "```\nx\n```")]))


def test_an_edition_keeps_verbatim_blocks_and_marks_only_segments() -> None:
    template = _template()
    po = new_translation(template, {}, edition=False, on="2026-12-01")
    edition = assemble(template, po, "es")
    assert edition.segments == 10 and len(edition.gaps) == 10
    assert edition.document == DOC
    doc = edition.marked(lambda t: "[EN] " + t)
    for block, original in zip(doc.blocks, DOC.blocks, strict=True):
        if block.verbatim:
            assert block == original
        else:
            assert all(s.startswith("[EN] ") for s in block.segments)


def test_a_malformed_kept_block_is_named_with_its_line() -> None:
    template = _template()
    text = format_catalog(template).replace("kept: rule | ***", "kept: poem | ***")
    with pytest.raises(PoError) as err:
        document_from_template(parse_catalog(text.encode(), "d.pot"), path="d.pot")
    assert "poem" in str(err.value) and "d.pot:" in str(err.value)


def test_kept_blocks_come_through_gnu_msgcat_unchanged(tmp_path) -> None:
    from gettext_tools import msgcat

    path = tmp_path / "d.pot"
    text = format_catalog(_template())
    path.write_text(text, encoding="utf-8")
    assert msgcat(path) == text
