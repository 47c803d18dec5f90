"""The bundled article: a scraped page with flattened footnotes and page chrome."""

import re

import pytest

from conftest import SEED
from transkit.document import FOOTNOTE_RE
from transkit.export.markdown import render_markdown
from transkit.importers.markdown import parse_markdown
from transkit.importers.scrape import (
    is_heading,
    is_language_links,
    parse_scrape,
    resolve_references,
)

RAW = SEED.read_text(encoding="utf-8")
LINES = RAW.split("\n")


@pytest.fixture(scope="module")
def doc():
    result = parse_scrape(RAW)
    return parse_markdown(render_markdown(result.document))


def _plain(text: str) -> str:
    """Segment text back to the page's characters: placeholders to digits, no escapes."""
    return re.sub(r"\\(.)", r"\1", FOOTNOTE_RE.sub(lambda m: m.group(1), text))


def test_all_30_references_found_in_order(doc) -> None:
    labels = [m.group(1) for t in doc.segment_texts() for m in FOOTNOTE_RE.finditer(t)]
    assert labels == [str(n) for n in range(1, 31)]


@pytest.mark.parametrize(
    "context",
    [
        "reported by us[^4] can",
        "in exile.[^2] A source",
        "further strikes.”[^1]",
        "Pannekoek in 1914[^20]– when",
        "Pasdaran)[^7] and",
        "September 30.[^13] We",
    ],
)
def test_flattened_references_in_their_places(doc, context: str) -> None:
    assert context in " ".join(doc.segment_texts())


@pytest.mark.parametrize(
    "number", ["1979", "1,700", "14-10-2022", "(10%)", "4-8-2022", "$20 billion"]
)
def test_ordinary_numbers_stay_text(doc, number: str) -> None:
    assert number in " ".join(doc.segment_texts())


def test_chrome_is_gone(doc) -> None:
    text = " ".join(doc.segment_texts())
    for chrome in (
        "Spanish, Portuguese, Dutch",
        "Comments on",
        "Pingback",
        "Leave a Reply",
        "Log Out",
        "bloggers like this",
        "Fill in your details",
    ):
        assert chrome not in text


def test_front_matter(doc) -> None:
    kinds = [(str(b.layout), b.text) for b in doc.blocks[:3]]
    assert kinds[0] == ("title", LINES[0])
    assert kinds[1][0] == "caption" and kinds[1][1].startswith("Photo from video")
    assert kinds[2] == ("byline", "Aníbal and Fredo Corvo")


def test_every_body_sentence_once_in_order(doc) -> None:
    """The body of the page, character for character, is the segments joined."""
    start = LINES.index("Aníbal and Fredo Corvo") + 1
    end = next(n for n, line in enumerate(LINES) if line.startswith("1 El Mundo"))
    body = " ".join(line.strip().lstrip("• ").strip() for line in LINES[start:end] if line.strip())
    body_blocks = [b for b in doc.blocks if b.layout.kind in ("paragraph", "heading")]
    ours = " ".join(s for b in body_blocks for s in b.segments)
    # A reference is attached to its word, where the page may have had a space.
    parts = FOOTNOTE_RE.split(re.sub(r"\\(.)", r"\1", ours))
    pattern = "".join(
        re.escape(part) if n % 2 == 0 else rf"\s?{part}" for n, part in enumerate(parts)
    )
    # A run of spaces with a no-break space in it is one space.
    assert re.fullmatch(pattern, re.sub(r"[ \t\xa0]*[ \t][ \t\xa0]*", " ", body))


def test_endnotes_are_segments_of_their_own(doc) -> None:
    notes = doc.notes()
    assert [n.layout.label for n in notes] == [str(n) for n in range(1, 31)]
    assert all(len(n.segments) == 1 for n in notes)
    assert _plain(notes[3].text).startswith("See ‘Some Of The Political Prisoners")
    assert _plain(notes[29].text).endswith("24-12-2018.")


def test_structure(doc) -> None:
    headings = [b.text for b in doc.blocks if b.layout.kind == "heading"]
    assert headings == [
        "The “unity of the people” in the headscarf protests",
        "National minorities",
        "Changes in Iran’s petty bourgeoisie",
        "The appeals to workers",
        "Foreign interference",
        "Repercussions in and from the surrounding region",
        "Military aspects of the revolution",
    ]
    layouts = {str(b.layout) for b in doc.blocks}
    assert {"quote > paragraph", "item > paragraph", "in-item > quote > paragraph"} <= layouts
    # The quote inside the Baluchistan list item keeps its three paragraphs.
    nested = [b for b in doc.blocks if str(b.layout) == "in-item > quote > paragraph"]
    assert len(nested) == 3 and nested[0].text.startswith("“Bloody Friday")
    # A lead-in line is not a heading; a quote's lost blank line does not split it.
    assert not is_heading("But we also noted that")
    quote_end = next(b for b in doc.blocks if b.text.startswith("Long live the war"))
    assert quote_end.layout.in_quote


def test_typography_survives(doc) -> None:
    text = " ".join(doc.segment_texts())
    for ch in "’“”–─…":
        assert ch in text


def test_language_links_line() -> None:
    assert is_language_links("Spanish, Portuguese, Dutch")
    assert is_language_links("English · Español · Nederlands")
    assert not is_language_links("National minorities")


def test_ordinary_numbers_are_not_references() -> None:
    text = "In 1979 some 1,700 people (10%) on 14-10-2022 left, 3 of them 2 by 2."
    assert resolve_references([text], 3) == ([text], [1, 2, 3])


def test_references_are_found_in_order_only() -> None:
    # "left.2" comes before reference 1, so it is not taken for reference 2.
    texts, missing = resolve_references(["They left.2 Others stayed.1", "Later.3"], 3)
    assert texts == ["They left.2 Others stayed.[^1]", "Later.[^3]"]
    assert missing == [2]


# -- quotes over several paragraphs, segments a translator can type ----------------


def _block_of_line(doc, number: int):
    """The block that holds seed line `number` (1-based)."""
    start = _plain(LINES[number - 1].strip())[:60]
    (block,) = [b for b in doc.blocks if _plain(b.text).startswith(start)]
    return block


@pytest.mark.parametrize("line", [22, 24, 26, 74, 76, 78, 80, 82, 84, 86, 88, 102])
def test_a_quote_over_several_paragraphs_is_one_quote(doc, line: int) -> None:
    """Opened with “ and closed with ” paragraphs later: every paragraph between
    is the quoted source's words, not the authors'."""
    assert _block_of_line(doc, line).layout.in_quote


@pytest.mark.parametrize("line", [18, 28, 72, 90, 98, 104])
def test_around_and_inside_quotes_the_authors_speak(doc, line: int) -> None:
    """Lead-ins, what follows a closed quote, the authors' ``*)`` aside inside
    one, and what follows a quote that never closes stay the authors' words."""
    assert not _block_of_line(doc, line).layout.in_quote


def test_28_quote_paragraphs(doc) -> None:
    assert sum(1 for b in doc.blocks if b.layout.in_quote) == 28


def test_segments_a_translator_can_type(doc) -> None:
    """No Markdown escape to reproduce, no invisible edge, references attached."""
    for text in doc.segment_texts():
        assert "\\" not in text, text
        assert text == text.strip() and not text.endswith("\xa0"), text
        assert not re.search(r"\s\[\^\d+\]", text), text
    text = " ".join(doc.segment_texts())
    for literal in ("*) Although", "“middle class” *) is", "[15-1-2022]", "[IRGC]"):
        assert literal in text


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("*) Although", "*) Although"),
        ("Saturday [15-1-2022] the", "Saturday [15-1-2022] the"),
        ("a *real* emphasis", "a \\*real\\* emphasis"),
        ("a [link](http://x) here", "a \\[link](http://x) here"),
        ("code `x` here", "code \\`x\\` here"),
        ("a <b>tag</b>", "a \\<b>tag\\</b>"),
        ("AT&amp;T", "AT\\&amp;T"),
        ("a path C:\\*x", "a path C:\\\\\\*x"),
        ("[IRGC]: the guards", "\\[IRGC]: the guards"),
    ],
)
def test_escaped_only_where_markdown_would_misread(text: str, safe: str) -> None:
    from transkit.importers.scrape import markdown_safe

    assert markdown_safe(text) == safe
    assert parse_markdown(f"x\n\n{safe}\n").segment_texts()[1] == safe


def _layouts(body: str) -> list[tuple[str, str]]:
    page = "A title for the page\n\nBy Ana Lopes\n\n" + body
    return [(str(b.layout), b.text[:12]) for b in parse_scrape(page).document.blocks[2:]]


def test_an_unclosed_quote_stops_at_a_heading_or_a_new_quote() -> None:
    body = (
        "“One opens here and never closes.\n\nThe authors go on at length here.\n\n"
        "A short heading\n\nThey say “this, and this” and end here.”\n\n"
        "“Another quote opens.\n\nIt closes here.”\n\nThe authors again, with no quote.\n"
    )
    assert _layouts(body) == [
        ("quote > paragraph", "“One opens h"),
        ("paragraph", "The authors "),
        ("heading 2", "A short head"),
        ("paragraph", "They say “th"),
        ("quote > paragraph", "“Another quo"),
        ("quote > paragraph", "It closes he"),
        ("paragraph", "The authors "),
    ]


def test_a_closing_mark_that_closes_its_own_quote_does_not_end_an_earlier_one() -> None:
    body = "“One opens here.\n\nThey called it “the end.”\n"
    assert _layouts(body) == [("quote > paragraph", "“One opens h"), ("paragraph", "They called ")]
