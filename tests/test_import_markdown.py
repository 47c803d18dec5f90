import pytest

from conftest import SAMPLE
from transkit.document import Layout
from transkit.export.markdown import render_markdown
from transkit.importers.markdown import parse_markdown


@pytest.fixture(scope="module")
def doc():
    return parse_markdown(SAMPLE.read_text(encoding="utf-8"))


def test_blocks_and_layouts(doc) -> None:
    assert [str(b.layout) for b in doc.blocks] == [
        "title",
        "caption",
        "byline",
        "paragraph",
        "heading 2",
        "quote > paragraph",
        "quote > paragraph",
        "paragraph",
        "item > paragraph",
        "item > paragraph",
        "in-item > quote > paragraph",
        "item > paragraph",
        "tight-item:1 > paragraph",
        "tight-item:2 > paragraph",
        "note 1",
        "note 2",
        "note 3",
    ]


def test_sentences_and_footnotes(doc) -> None:
    assert doc.blocks[3].segments == [
        "Workers in the refinery stopped work on Tuesday.[^1]",
        "The strike spread to three plants.",
        "Nobody expected it.",
    ]
    quote = doc.blocks[5].segments
    assert quote == [
        "“Several videos show dozens of workers marching,” the paper wrote.",
        "“They called for further strikes.”[^2]",
    ]
    assert doc.blocks[10].segments == ["“We will not stop,” one of them said.[^3]"]
    assert doc.blocks[13].segments == ["Second numbered point, in the U.S. and elsewhere."]
    assert [n.text for n in doc.notes()] == [
        "El Mundo, 11-10-2022.",
        "The Telegraph, 11-10-2022.",
        "Interview by the authors.",
    ]


def test_headings_caption_and_notes_stay_whole(doc) -> None:
    assert doc.blocks[1].segments == ["Photo: workers at the gate on Oct. 10."]
    para = parse_markdown("# T\n\nOne. Two.\n", sentences=False)
    assert para.blocks[1].segments == ["One. Two."]


def test_markdown_round_trip(doc) -> None:
    assert parse_markdown(render_markdown(doc)) == doc


def test_inline_markup_is_kept_for_the_translator() -> None:
    d = parse_markdown("# T\n\nSee *this* and [that](https://example.org/a).\n")
    assert d.blocks[1].segments == ["See *this* and [that](https://example.org/a)."]


def test_block_like_text_is_escaped_on_output() -> None:
    d = parse_markdown("# T\n\n1979\\. A year.\n\n\\# not a heading\n")
    assert parse_markdown(render_markdown(d)) == d


@pytest.mark.parametrize(
    ("source", "kinds"),
    [
        ("# T\n\n```\ncode\n```\n", ["title", "code"]),
        ("# T\n\npara\n\n---\n", ["title", "paragraph", "rule"]),
    ],
)
def test_what_was_refused_is_kept(source: str, kinds: list[str]) -> None:
    """Code and rules were refused ("not supported in articles"); now kept."""
    assert [b.layout.kind for b in parse_markdown(source, path="a.md").blocks] == kinds


def test_layout_parse_round_trip() -> None:
    for text in [
        "paragraph",
        "heading 3",
        "in-item > quote > paragraph",
        "item:4 > paragraph",
        "note 12",
    ]:
        assert str(Layout.parse(text)) == text
    for bad in ["poem", "heading", "heading 9", "box > paragraph"]:
        with pytest.raises(ValueError):
            Layout.parse(bad)
