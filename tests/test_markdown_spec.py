"""Every example of the CommonMark spec: imported (nothing refused) and
written back as Markdown that renders to the same HTML."""

from __future__ import annotations

import json

import pytest

from conftest import DATA
from test_markdown_corpus import html_of, split_front_matter
from transkit.export.markdown import render_markdown
from transkit.importers.markdown import parse_markdown

EXAMPLES = json.loads((DATA / "commonmark" / "spec-0.31.2.json").read_text(encoding="utf-8"))

#: Examples whose text changes meaning when soft line breaks fold into one
#: line, the price of one-line segments: a line break inside an HTML tag
#: after two spaces (642) or inside ``<…>`` link brackets (491), and a
#: paragraph holding ``</pre>`` inside an HTML block (148).
FOLDED = {148, 491, 642}


def test_the_spec_is_complete() -> None:
    assert len(EXAMPLES) == 652


@pytest.mark.parametrize("section", sorted({e["section"] for e in EXAMPLES}))
def test_every_example_round_trips(section: str) -> None:
    differ = []
    for example in (e for e in EXAMPLES if e["section"] == section):
        source = example["markdown"]
        out = render_markdown(parse_markdown(source, marked=True))
        (front, body), (out_front, out_body) = split_front_matter(source), split_front_matter(out)
        if (front, html_of(body)) != (out_front, html_of(out_body)):
            differ.append(example["example"])
    assert set(differ) <= FOLDED, differ


def _quoted(markdown: str) -> str:
    return "\n".join("> " + line if line else ">" for line in markdown.split("\n"))


def _listed(markdown: str) -> str:
    first, *rest = markdown.split("\n")
    return "\n".join(["- " + first] + ["  " + line if line else "" for line in rest])


@pytest.mark.parametrize(
    "wrap",
    [_quoted, _listed, lambda md: _listed(_quoted(md))],
    ids=["in a quote", "in a list item", "in a quote in a list item"],
)
def test_every_example_round_trips_inside_containers(wrap) -> None:
    """Each example again inside a quote, a list item and both, between two
    paragraphs: the containers' markers, blank lines and looseness."""
    differ = []
    for example in EXAMPLES:
        source = "Intro.\n\n" + wrap(example["markdown"].rstrip("\n")) + "\n\nOutro.\n"
        out = render_markdown(parse_markdown(source, marked=True))
        if html_of(source) != html_of(out):
            differ.append(example["example"])
    assert set(differ) <= FOLDED, differ


def test_every_example_comes_back_from_its_template() -> None:
    """Through a POT file, verbatim blocks and all."""
    from transkit.po.reader import parse_catalog
    from transkit.po.writer import format_catalog
    from transkit.template import assign_ids, build_template, document_from_template, pot_header

    for example in EXAMPLES:
        doc = parse_markdown("Intro.\n\n" + example["markdown"], marked=True)
        template = build_template(doc, assign_ids(doc), pot_header("d", "x", "en"))
        text = format_catalog(template).encode("utf-8")
        assert document_from_template(parse_catalog(text, "d.pot")) == doc, example["example"]
