"""All of Markdown in and out: what real posts hold, each failing on the
old importer (refused, or imported with its structure lost)."""

from __future__ import annotations

import re

import pytest

from test_markdown_corpus import html_of, split_front_matter
from transkit.catalog import is_kept_note
from transkit.cli import main
from transkit.export.markdown import render_markdown
from transkit.importers.markdown import parse_markdown
from transkit.status import mark_approved


def round_trip(source: str) -> str:
    """The Markdown that import and export make of `source`."""
    return render_markdown(parse_markdown(source, marked=True))


def same_html(source: str) -> None:
    out = round_trip(source)
    front, body = split_front_matter(source)
    out_front, out_body = split_front_matter(out)
    assert out_front == front
    assert html_of(out_body) == html_of(body), out


def kinds(source: str) -> list[str]:
    return [str(b.layout) for b in parse_markdown(source).blocks]


YAML_POST = """---
title: "Strikes: a year on"
description: The oil workers' strikes, one year later.
tags: [iran, labour]
draft: false
---

Workers stopped work on Tuesday.
"""

TOML_POST = """+++
title = "Strikes, a year on"
authors = ["Ana"]

[extra]
team = "Editors"
+++

Workers stopped work on Tuesday.
"""


def test_yaml_front_matter_is_kept_with_title_and_description_as_segments() -> None:
    doc = parse_markdown(YAML_POST)
    assert [str(b.layout) for b in doc.blocks] == [
        "front-matter",
        "meta title",
        "meta description",
        "paragraph",
    ]
    assert doc.segment_texts()[:2] == [
        "Strikes: a year on",
        "The oil workers' strikes, one year later.",
    ]
    assert round_trip(YAML_POST) == YAML_POST


def test_toml_front_matter_is_kept_not_read_as_paragraphs() -> None:
    assert kinds(TOML_POST) == ["front-matter", "meta title", "paragraph"]
    assert round_trip(TOML_POST) == TOML_POST


def test_code_html_and_rules_pass_through_untranslated() -> None:
    source = (
        "# T\n\nText.\n\n```python\nprint('a')  # not *prose*\n```\n\n    indented\n\n"
        '<div class="note">\n<b>raw</b>\n</div>\n\n***\n\nWith <kbd>Ctrl</kbd> inline.\n'
    )
    doc = parse_markdown(source)
    assert [b.layout.kind for b in doc.blocks] == [
        "title",
        "paragraph",
        "code",
        "code",
        "html",
        "rule",
        "paragraph",
    ]
    assert doc.segment_texts() == ["T", "Text.", "With <kbd>Ctrl</kbd> inline."]
    same_html(source)


def test_a_table_has_its_cells_as_segments_and_keeps_alignment() -> None:
    source = (
        "Intro.\n\n| Year | Strikes \\| lockouts |\n|:---|---:|\n| 1979 | *many* |\n| `x` | |\n"
    )
    doc = parse_markdown(source)
    assert [str(b.layout) for b in doc.blocks] == [
        "paragraph",
        "table",
        "cell 0.0",
        "cell 0.1",
        "cell 1.1",
    ]
    assert doc.segment_texts()[1:] == ["Year", "Strikes | lockouts", "*many*"]
    same_html(source)
    assert 'style="text-align:right"' in html_of(round_trip(source))


def test_adjacent_quotes_stay_apart_and_one_quote_stays_one() -> None:
    source = "> First quote.\n\n> Second quote.\n>\n> Its second paragraph.\n"
    assert kinds(source) == [
        "quote > paragraph",
        "new-quote > paragraph",
        "quote > paragraph",
    ]
    same_html(source)
    assert html_of(round_trip(source)).count("<blockquote>") == 2


def test_tight_lists_stay_tight_and_loose_ones_loose() -> None:
    source = "- one\n- two\n  1. nested\n  2. tight\n\nAfter.\n\n- loose\n\n- list\n"
    same_html(source)
    html = html_of(round_trip(source))
    assert "<li>one" in html and "<li>nested</li>" in html and "<li> <p>loose</p>" in html


def test_adjacent_lists_stay_two_lists() -> None:
    source = "- a\n- b\n\n* c\n\n1. d\n\n3) e\n"
    same_html(source)
    assert html_of(round_trip(source)).count("<ul>") == 2


def test_reference_links_images_and_hard_breaks() -> None:
    source = (
        'See [the report][IRGC] and ![a striking worker](img/w.jpg "Bushehr").  \n'
        'A new line, and a [shortcut].\n\n[irgc]: https://example.org/r?a=1&b=2 "The report"\n'
        "[shortcut]: <https://example.org/a b>\n"
    )
    doc = parse_markdown(source)
    assert doc.segment_texts() == [
        'See [the report][IRGC] and ![a striking worker](img/w.jpg "Bushehr").\\\n'
        "A new line, and a [shortcut]."
    ]
    assert doc.blocks[-1].layout.kind == "refs"
    same_html(source)


def test_footnotes_still_footnotes() -> None:
    source = "Text.[^a] More.[^2]\n\n[^a]: A note.\n[^2]: Another.\n"
    same_html(source)


# -- through the commands -------------------------------------------------------------

POST = (
    YAML_POST
    + """
```sh
transkit draft --lang es
```

| Year | Event |
|---|---|
| 1979 | Revolution |

<figure><img src="a.jpg" alt=""></figure>
"""
)


def test_verbatim_blocks_live_in_the_template_only(make_project, capsys) -> None:
    project = make_project(languages="es")
    (project.root / "post.md").write_text(POST, encoding="utf-8")
    assert main(["import", "post.md", "--doc", "post"]) == 0
    pot = (project.root / "segments" / "post.pot").read_text(encoding="utf-8")
    po = (project.root / "locales" / "es" / "post.po").read_text(encoding="utf-8")
    assert "transkit draft" in pot and "<figure>" in pot
    assert "transkit draft" not in po and "<figure>" not in po and "1979" not in po
    catalog = project.load_translation("post", "es")
    assert [e.source for e in catalog.entries] == [
        "Strikes: a year on",
        "The oil workers' strikes, one year later.",
        "Workers stopped work on Tuesday.",
        "Year",
        "Event",
        "Revolution",
    ]
    assert not any(is_kept_note(n) for e in catalog.entries for n in e.notes)
    capsys.readouterr()
    assert main(["status", "post"]) == 0
    assert "6 segments" in capsys.readouterr().out
    assert main(["check"]) == 0


def test_a_translated_export_fills_cells_and_front_matter_and_keeps_code(
    make_project, capsys
) -> None:
    from transkit.merge import REVIEW
    from transkit.store import Store

    project = make_project(languages="es")
    (project.root / "post.md").write_text(POST, encoding="utf-8")
    assert main(["import", "post.md", "--doc", "post"]) == 0
    store = Store(project)
    version = store.read("post", "es")
    catalog = version.catalog.copy() if hasattr(version.catalog, "copy") else version.catalog
    spanish = {
        "Strikes: a year on": 'Huelgas: un año "después"',
        "The oil workers' strikes, one year later.": "Las huelgas, un año después.",
        "Workers stopped work on Tuesday.": "Los obreros pararon el martes.",
        "Year": "Año",
        "Event": "Suceso | hecho",
        "Revolution": "Revolución",
    }
    for entry in catalog.entries:
        entry.target = spanish[entry.source]
        mark_approved(entry, reviewer="ana", on="2026-12-01")
    store.save("post", "es", catalog, version, REVIEW)
    assert main(["export", "post", "--lang", "es", "--format", "md,html,txt"]) == 0
    md = (project.root / "export" / "post" / "es.md").read_text(encoding="utf-8")
    assert md.startswith(
        '---\ntitle: "Huelgas: un año \\"después\\""\n'
        'description: "Las huelgas, un año después."\ntags: [iran, labour]\n'
    )
    assert "```sh\ntranskit draft --lang es\n```" in md
    assert "| Año | Suceso \\| hecho |" in md and "| 1979 | Revolución |" in md
    assert '<figure><img src="a.jpg" alt=""></figure>' in md
    html = (project.root / "export" / "post" / "es.html").read_text(encoding="utf-8")
    assert "<td>1979</td>" in html and "<th>Suceso | hecho</th>" in html
    assert '<title>Huelgas: un año "después"</title>' in html  # the front matter's title
    assert '<pre><code class="language-sh">transkit draft --lang es\n</code></pre>' in html
    txt = (project.root / "export" / "post" / "es.txt").read_text(encoding="utf-8")
    assert "transkit draft --lang es" in txt and "Año | Suceso | hecho" in txt
    assert not re.search(r"^title:", txt, flags=re.M)


@pytest.mark.parametrize("source", [YAML_POST, TOML_POST])
def test_english_export_gives_front_matter_back_first(make_project, capsys, source) -> None:
    project = make_project(languages="es")
    (project.root / "post.md").write_text(source, encoding="utf-8")
    assert main(["import", "post.md", "--doc", "post"]) == 0
    assert main(["export", "post", "--lang", "en", "--format", "md"]) == 0
    md = (project.root / "export" / "post" / "en.md").read_text(encoding="utf-8")
    assert split_front_matter(md)[0] == split_front_matter(source)[0]


def test_editing_code_or_html_stales_no_translation(make_project, capsys) -> None:
    project = make_project(languages="es")
    post = project.root / "post.md"
    post.write_text(POST, encoding="utf-8")
    assert main(["import", "post.md", "--doc", "post"]) == 0
    catalog = project.load_translation("post", "es")
    for entry in catalog.entries:
        entry.target = "ES " + entry.source
        mark_approved(entry, reviewer="ana", on="2026-12-01")
    project.save_translation("post", "es", catalog)
    before = project.load_translation("post", "es")
    edited = POST.replace("transkit draft --lang es", "transkit draft --lang pt").replace(
        'alt=""', 'alt="" width="300"'
    )
    post.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert main(["import", "post.md", "--doc", "post"]) == 0
    after = project.load_translation("post", "es")
    assert [(e.id, e.target, e.comments) for e in after.entries] == [
        (e.id, e.target, e.comments) for e in before.entries
    ]
    assert "--lang pt" in (project.root / "segments" / "post.pot").read_text(encoding="utf-8")
    assert main(["export", "post", "--lang", "es", "--format", "md"]) == 0
    md = (project.root / "export" / "post" / "es.md").read_text(encoding="utf-8")
    assert "transkit draft --lang pt" in md and 'width="300"' in md


def test_the_html_export_keeps_quotes_and_lists_apart_and_tight_lists_tight() -> None:
    from transkit.export.assemble import Edition
    from transkit.export.html import render_html

    doc = parse_markdown("> First.\n\n> Second.\n\n- one\n- two\n\n* three\n\n1. four\n\n2. five\n")
    page = render_html(Edition("en", doc), [])
    article = re.sub(r"\s+", "", page[page.index("<article>") : page.index("</article>")])
    assert article == (
        "<article><blockquote><p>First.</p></blockquote><blockquote><p>Second.</p></blockquote>"
        "<ul><li>one</li><li>two</li></ul><ul><li>three</li></ul>"
        "<ol><li><p>four</p></li><li><p>five</p></li></ol>"
    )


def test_a_footnote_of_several_paragraphs_keeps_them() -> None:
    """Each paragraph of a note is a segment (notes are never split into
    sentences); main joined them into one paragraph."""
    source = (
        "Text.[^n]\n\n[^n]: First paragraph.\n\n    Second one  \n    with a break.\n\nOutro.\n"
    )
    [note] = parse_markdown(source).notes()
    assert note.segments == ["First paragraph.", "Second one\\\nwith a break."]
    same_html(source)
