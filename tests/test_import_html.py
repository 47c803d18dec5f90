"""HTML import: WordPress posts (block and classic editor) and saved pages.

The round trip is the test: a post imported and exported again as English
HTML has the same text and element structure, for every post of the corpus
of WordPress posts in tests/data/wordpress/ (the Theme Test Data, see SOURCES.md
there) and of posts of a real WordPress blog in tests/data/corpus/wordpress/.
Structure is compared by an independent reading of both files (html5lib, the
WHATWG parser) that knows only HTML's own rules and WordPress's one rule for
classic posts (text separated by a blank line is two paragraphs, wpautop).
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

import html5lib
import pytest

from conftest import DATA
from transkit.cli import main
from transkit.importers.html import expand_captions, looks_like_html, parse_html
from transkit.importing import detect_format
from transkit.project import Project

CORPUS = DATA / "wordpress"
#: Real posts of a real blog (OpenGLAM, CC BY 4.0): see tests/data/corpus/wordpress/README.md.
BLOG = DATA / "corpus" / "wordpress"
POSTS = sorted(CORPUS.rglob("*.html")) + sorted(BLOG.glob("*.html"))  # verbatim/ too

# -- an independent reading of structure ----------------------------------------------

_NS = "{http://www.w3.org/1999/xhtml}"
_LEAVES = {"p": "p", "h1": "h1", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h5", "h6": "h6",
           "figcaption": "p", "summary": "p", "dt": "p", "dd": "p"}
_CONTAINERS = {"blockquote", "ul", "ol", "li"}
_SKIPPED = {"script", "style", "nav", "noscript", "template", "head", "iframe", "video",
            "audio", "svg", "form", "button"}
_INLINE_KEPT = {"em": "em", "i": "em", "strong": "strong", "b": "strong", "a": "a",
                "code": "code", "img": "img"}
_BLOCKS = _CONTAINERS | set(_LEAVES) | {"pre", "hr", "table",
    "div", "section", "article", "main", "figure", "details", "dl", "header", "footer",
    "aside", "body", "html", "center", "address",
}

Leaf = tuple[tuple[str, ...], str, tuple[str, ...]]


def _tag(el: ET.Element) -> str:
    return el.tag.removeprefix(_NS) if isinstance(el.tag, str) else ""


def _is_notes(el: ET.Element) -> bool:
    classes = el.get("class", "").split()
    return "wp-block-footnotes" in classes or "notes" in classes


def _inline(nodes: list[ET.Element | str]) -> tuple[str, tuple[str, ...]]:
    text: list[str] = []
    tags: list[str] = []

    def walk(el: ET.Element) -> None:
        tag = _tag(el)
        if tag in _SKIPPED or not isinstance(el.tag, str):  # a comment is no text
            return
        if tag == "img":
            text.append(f"[img:{el.get('alt', '')}]")
        content = "".join(el.itertext()).strip()
        if tag in _INLINE_KEPT and (content or tag == "img") and (tag != "a" or el.get("href")):
            tags.append(_INLINE_KEPT[tag])
        text.append(el.text or "")
        for child in el:
            walk(child)
            text.append(child.tail or "")

    for node in nodes:
        if isinstance(node, str):
            text.append(node)
        else:
            walk(node)
    return " ".join("".join(text).split()), tuple(sorted(tags))


def structure(root: ET.Element) -> list[Leaf]:
    """Leaf blocks in reading order: (containers + leaf tag, text, inline tags);
    a ``<pre>`` is its exact text, a table a leaf per cell, a rule a leaf."""
    out: list[Leaf] = []

    def flush(run: list[ET.Element | str], path: tuple[str, ...]) -> None:
        # wpautop: loose text separated by a blank line is two paragraphs
        parts: list[list[ET.Element | str]] = [[]]
        for node in run:
            if isinstance(node, str) and re.search(r"\n[ \t]*\n", node):
                pieces = re.split(r"\n[ \t]*\n", node)
                parts[-1].append(pieces[0])
                parts.extend([p] for p in pieces[1:])
            else:
                parts[-1].append(node)
        for part in parts:
            text, tags = _inline(part)
            if text or tags:  # an item's own text (a tight list) is no paragraph
                out.append(((*path, "text" if path and path[-1] == "li" else "p"), text, tags))

    def walk(el: ET.Element, path: tuple[str, ...]) -> None:
        tag = _tag(el)
        if tag in _SKIPPED or _is_notes(el):
            return
        if tag == "pre":
            out.append(((*path, "pre"), "".join(el.itertext()).rstrip("\n"), ()))
            return
        if tag == "hr":
            out.append(((*path, "hr"), "", ()))
            return
        if tag == "table":
            for r, row in enumerate(el.iter(f"{_NS}tr")):
                for c, cell in enumerate(x for x in row if _tag(x) in ("td", "th")):
                    text, tags = _inline([cell])
                    out.append(((*path, f"cell {r}.{c}"), text, tags))
            return
        if tag in _LEAVES:
            text, tags = _inline([el])
            if text or tags:
                out.append(((*path, _LEAVES[tag]), text, tags))
            return
        if tag in _CONTAINERS:
            start = el.get("start", "1") if tag == "ol" else "1"
            path = (*path, f"ol:{start}" if start != "1" else tag)
        run: list[ET.Element | str] = [el.text or ""]
        for child in el:
            if not isinstance(child.tag, str):  # a comment
                run.append(child.tail or "")
                continue
            if _tag(child) in _BLOCKS or _tag(child) in _SKIPPED or _is_notes(child):
                flush(run, path)
                run = []
                walk(child, path)
            else:
                run.append(child)
            run.append(child.tail or "")
        flush(run, path)

    walk(root, ())
    return out


def notes_of(root: ET.Element) -> list[str]:
    """Each footnote's text, back-links left out."""
    found = []
    for el in root.iter():
        if _is_notes(el):
            for li in el.iter(f"{_NS}li"):
                text, _ = _inline([li])
                found.append(text.replace("↩︎", "").replace("↩", "").strip())
    return found


def parse(html: str, *, fragment: bool) -> ET.Element:
    if fragment:  # a post as WordPress shows it: [caption] is a figure (and wpautop, above)
        html = expand_captions(html)
        parsed: ET.Element = html5lib.parseFragment(html, container="div")
        return parsed
    document: ET.Element = html5lib.parse(html)
    article = document.find(f".//{_NS}article")
    assert article is not None
    return article


# -- import ----------------------------------------------------------------------------

BLOCK_POST = """\
<!-- wp:paragraph -->
<p>Workers <em>stopped</em> work on Tuesday.<sup data-fn="9f3c" class="fn"><a href="#9f3c" \
id="9f3c-link">1</a></sup> The strike spread to <a href="https://example.org/plants">three \
plants</a>.</p>
<!-- /wp:paragraph -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>“Several videos show dozens of workers marching.</p>
<!-- /wp:paragraph --><!-- wp:paragraph -->
<p>They called for further strikes.”</p>
<!-- /wp:paragraph --></blockquote>
<!-- /wp:quote -->

<!-- wp:list -->
<ul><!-- wp:list-item -->
<li>Higher <strong>wages</strong><!-- wp:list -->
<ul><!-- wp:list-item -->
<li>paid on time<sup data-fn="77ab" class="fn"><a href="#77ab" id="77ab-link">2</a></sup></li>
<!-- /wp:list-item --></ul>
<!-- /wp:list --></li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:image -->
<figure class="wp-block-image"><img src="/gate.jpg" alt="Workers at the gate"/>\
<figcaption class="wp-element-caption">Photo: the gate on Oct. 10.</figcaption></figure>
<!-- /wp:image -->

<!-- wp:footnotes /-->
<ol class="wp-block-footnotes"><li id="9f3c">El Mundo, 11-10-2022. <a href="#9f3c-link" \
aria-label="Jump to footnote reference 1">↩︎</a></li><li id="77ab">Interview by the \
<em>authors</em>. <a href="#77ab-link" aria-label="Jump to footnote reference 2">↩︎</a></li></ol>
"""


def layouts(html: str) -> list[tuple[str, list[str]]]:
    return [(str(b.layout), b.segments) for b in parse_html(html).document.blocks]


def test_a_block_editor_post_keeps_its_structure_and_footnotes() -> None:
    assert layouts(BLOCK_POST) == [
        ("paragraph", ["Workers *stopped* work on Tuesday.[^1] The strike spread to "
                       "[three plants](https://example.org/plants)."]),
        ("quote > paragraph", ["“Several videos show dozens of workers marching."]),
        ("quote > paragraph", ["They called for further strikes.”"]),
        ("tight-item > paragraph", ["Higher **wages**"]),
        ("in-item > tight-item > paragraph", ["paid on time[^2]"]),
        ("paragraph", ["![Workers at the gate](/gate.jpg)"]),
        ("caption", ["Photo: the gate on Oct. 10."]),
        ("note 1", ["El Mundo, 11-10-2022."]),
        ("note 2", ["Interview by the *authors*."]),
    ]


def test_loose_items_are_items_tight_ones_tight() -> None:
    assert [layout for layout, _ in layouts("<ul><li><p>a</p></li><li>b</li></ul>")] == [
        "item > paragraph", "item > paragraph",
    ]
    assert [layout for layout, _ in layouts("<ol start='3'><li>a</li><li>b</li></ol>")] == [
        "tight-item:3 > paragraph", "tight-item:4 > paragraph",
    ]


def test_classic_footnotes_and_paragraphs_at_blank_lines() -> None:
    classic = (
        "The first paragraph, <i>classic</i>.<sup><a href=\"#fn1\" id=\"r1\">1</a></sup>\n\n"
        "The second, with a * star and a [bracket] and snake_case.\n"
        "<ol><li>one</li><li>two</li></ol>\n"
        "<div class=\"footnotes\"><ol><li id=\"fn1\">A note. <a href=\"#r1\">↑</a></li></ol></div>"
    )
    assert layouts(classic) == [
        ("paragraph", ["The first paragraph, *classic*.[^1]"]),
        ("paragraph", ["The second, with a \\* star and a \\[bracket\\] and snake_case."]),
        ("tight-item:1 > paragraph", ["one"]),
        ("tight-item:2 > paragraph", ["two"]),
        ("note 1", ["A note."]),
    ]


def test_a_classic_caption_shortcode_is_a_figure() -> None:
    post = ('[caption id="attachment_9" align="alignleft" width="150"]<a href="/a.jpg">'
            '<img src="/a.jpg" alt="Gate" /></a> The gate, <em>Oct.</em> 10.[/caption]\n\nAfter.')
    assert layouts(post) == [
        ("paragraph", ["[![Gate](/a.jpg)](/a.jpg)"]),
        ("caption", ["The gate, *Oct.* 10."]),
        ("paragraph", ["After."]),
    ]


def test_emphasis_ending_in_a_unicode_space_keeps_its_marks_flush() -> None:
    """A real post (OpenGLAM) ends a <strong> in a hair space after a dash:
    inside the marks, CommonMark would show them as asterisks."""
    post = "<p><strong>Not well known\u200a—\u200a</strong>almost half; <em>\xa0a</em>.</p>"
    assert layouts(post) == [
        ("paragraph", ["**Not well known\u200a—**\u200aalmost half; \xa0*a*."]),
    ]


def test_text_that_looks_like_markup_stays_text() -> None:
    doc = parse_html("<p>a *b* `c` &lt;b&gt;x&lt;/b&gt; &amp;amp; [d](e)</p>").document
    from transkit.export.inline import to_text

    assert to_text(doc.blocks[0].segments[0], str) == "a *b* `c` <b>x</b> &amp; [d](e)"


SAVED_PAGE = """\
<!DOCTYPE html>
<html lang="en"><head><title>Strikes spread &#8211; The Collective</title></head>
<body class="post-template-default single">
<header id="masthead"><p class="site-title"><a href="/">The Collective</a></p>
<nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li></ul></nav></header>
<main id="main"><article class="post type-post">
<header class="entry-header"><h1 class="entry-title">Strikes spread</h1></header>
<div class="entry-content">
<p>Workers in the refinery stopped work on Tuesday, and the strike spread to three plants \
in two days, which nobody, least of all the management, had expected.<sup data-fn="a1" \
class="fn"><a href="#a1" id="a1-link">1</a></sup></p>
<blockquote class="wp-block-quote"><p>“Several videos show dozens of workers marching through \
the streets of the town, calling for further strikes,” the paper wrote.</p>\
<p>“They will not stop,” one of them said, and the others agreed with him, loudly.</p></blockquote>
<p>By Friday the company had promised, once again, to pay the wages it owed, and the workers, \
once again, did not believe it.</p>
<ol class="wp-block-footnotes"><li id="a1">El Mundo, 11-10-2022. <a href="#a1-link">↩︎</a></li></ol>
</div></article>
<div id="comments"><h2>3 thoughts on “Strikes spread”</h2>
<p>Connecting to %s</p><p>%d bloggers like this:</p></div>
</main>
<aside id="secondary"><h2>Recent Posts</h2><ul><li><a href="/b">Another post</a></li></ul></aside>
<footer><p>Proudly powered by WordPress</p></footer>
</body></html>
"""


def test_a_saved_page_keeps_the_article_and_leaves_the_chrome_out() -> None:
    result = parse_html(SAVED_PAGE)
    texts = [(str(b.layout), b.text) for b in result.document.blocks]
    assert texts[0][0] == "title" and "Strikes spread" in texts[0][1]
    kinds = [k for k, _ in texts[1:]]
    assert kinds == ["paragraph", "quote > paragraph", "quote > paragraph", "paragraph", "note 1"]
    assert texts[1][1].endswith("had expected.[^1]")
    assert texts[-1][1] == "El Mundo, 11-10-2022."
    everything = " ".join(t for _, t in texts)
    for chrome in ("Connecting to", "bloggers like this", "Recent Posts", "About us", "powered"):
        assert chrome not in everything
    assert any("bloggers" in line for line in result.dropped)


# A single-post page as WordPress's default themes lay it out (header, menu,
# entry meta, post navigation, comments and their form, widgets, footer),
# made here (tests/data/wordpress-page.html) around each real post of the corpus.
THEME_PAGE = (DATA / "wordpress-page.html").read_text(encoding="utf-8")


def in_page(post: str, title: str) -> str:
    return THEME_PAGE.replace("POST_TITLE", title).replace("POST_CONTENT", post)


CHROME = ("Just another WordPress site", "About The Tests", "Previous post", "Recent Posts",
          "Hi, this is a comment", "Leave a Reply", "Proudly powered", "January 2020")


@pytest.mark.parametrize("post", [p for p in POSTS if "<!-- wp:" in p.read_text()],
                         ids=lambda p: p.stem)
def test_a_saved_page_of_each_post_keeps_all_of_the_post_and_none_of_the_chrome(post) -> None:
    text = post.read_text(encoding="utf-8")
    alone = parse_html(text).document.blocks
    page = parse_html(in_page(text, post.stem))
    blocks = page.document.blocks
    rest = iter(blocks)
    assert all(block in rest for block in alone)  # every block of the post, in order
    assert blocks[0].layout.kind == "title"
    found = " ".join(b.text for b in blocks)
    assert not [c for c in CHROME if c in found]
    assert page.dropped[0] == "Theme Test"  # the summary names where the left-out text starts


CODE_AND_TABLE = """\
<p>Intro.</p>
<!-- wp:code -->
<pre class="wp-block-code"><code class="language-python">def f():
    return "``` *not* markup"
</code></pre>
<!-- /wp:code -->
<hr class="wp-block-separator"/>
<figure class="wp-block-table"><table><thead><tr><th>City</th><th>Plants</th></tr></thead>
<tbody><tr><td>Abadan</td><td><em>three</em></td></tr><tr><td>Bandar</td><td></td></tr></tbody>
</table><figcaption>Plants on strike.</figcaption></figure>
"""


def test_a_line_feed_right_after_pre_is_not_code() -> None:
    assert layouts("<pre>\nx\n  y\n</pre>") == [("code", ["```\nx\n  y\n```"])]


def test_code_rules_and_tables_pass_through_and_cells_are_segments() -> None:
    assert layouts(CODE_AND_TABLE) == [
        ("paragraph", ["Intro."]),
        ("code", ['````python\ndef f():\n    return "``` *not* markup"\n````']),
        ("rule", ["***"]),
        ("table", ["| | |\n|-|-|\n| | |\n| | |"]),
        ("cell 0.0", ["City"]),
        ("cell 0.1", ["Plants"]),
        ("cell 1.0", ["Abadan"]),
        ("cell 1.1", ["*three*"]),
        ("cell 2.0", ["Bandar"]),
        ("caption", ["Plants on strike."]),
    ]


def test_imported_code_is_kept_out_of_the_segments(make_project) -> None:
    post = Path("post.html")
    post.write_text(CODE_AND_TABLE, encoding="utf-8")
    project: Project = make_project(source=post, doc="post")
    sources = [e.source for e in project.load_template("post")]
    assert sources == ["Intro.", "City", "Plants", "Abadan", "*three*", "Bandar",
                       "Plants on strike."]
    es = [e.source for e in project.load_translation("post", "es")]
    assert es == sources


@pytest.mark.parametrize("name", ["block-code", "block-table", "block-preformatted",
                                  "unit-markup-html-tags-and-formatting"])
def test_real_posts_with_code_and_tables_import(name: str) -> None:
    post = CORPUS / "verbatim" / f"{name}.html"
    doc = parse_html(post.read_text(encoding="utf-8")).document
    kinds = {b.layout.kind for b in doc.blocks}
    assert kinds & {"code", "table"}
    for block in doc.blocks:
        if block.layout.kind == "code":
            assert block.segments[0].startswith("```")
    assert doc.segment_texts()


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("post.html", "Plain words.", "html"),
        ("post.txt", "<!-- wp:paragraph -->\n<p>Words.</p>", "html"),
        ("page.txt", "<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("scrape.txt", "A title\n\nSome words < more words.", "text"),
        ("post.md", "<p>Markdown may hold HTML.</p>", "md"),
    ],
)
def test_format_detection(name: str, text: str, expected: str) -> None:
    assert detect_format(Path(name), text) == expected
    assert looks_like_html(text) == (text.startswith("<"))


def test_a_page_whose_comments_never_close_is_detected_at_once() -> None:
    assert not looks_like_html("<!--" * 5000 + "x")


# -- the command, and the round trip ---------------------------------------------------


def test_transkit_import_reads_a_post_where_main_read_tags_as_text(make_project, capsys) -> None:
    post = Path("post.html")
    post.write_text(BLOCK_POST, encoding="utf-8")
    project: Project = make_project(source=post, doc="post")
    template = project.load_template("post")
    sources = [e.source for e in template]
    assert not any("<" in s or "wp:" in s for s in sources)
    assert "Photo: the gate on Oct. 10." in sources
    assert "2 footnote references" in capsys.readouterr().out


def test_a_post_without_text_is_one_line_and_exit_2(make_project, capsys) -> None:
    make_project(source=None)
    Path("post.html").write_text("<hr><pre>b</pre><!-- wp:spacer -->", encoding="utf-8")
    assert main(["import", "post.html"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "no text found" in err
    assert not Path("segments/post.pot").exists()


def _round_trip(make_project, source: Path, *, fragment: bool) -> tuple[ET.Element, ET.Element]:
    make_project(source=source, doc="post", languages="es")
    assert main(["export", "post", "--lang", "en", "--format", "html"]) == 0
    exported = Path("export/post/en.html").read_text(encoding="utf-8")
    return (parse(source.read_text(encoding="utf-8"), fragment=fragment),
            parse(exported, fragment=False))


def test_round_trip_of_a_post_with_footnotes(make_project) -> None:
    post = Path("post.html")
    post.write_text(BLOCK_POST, encoding="utf-8")
    source, exported = _round_trip(make_project, post, fragment=True)
    assert structure(exported) == structure(source)
    assert notes_of(exported) == notes_of(source) == [
        "El Mundo, 11-10-2022.", "Interview by the authors.",
    ]


@pytest.mark.parametrize("post", POSTS, ids=[p.stem for p in POSTS])
def test_round_trip_of_real_wordpress_posts(make_project, post: Path) -> None:
    source, exported = _round_trip(make_project, post, fragment=True)
    expected = structure(source)
    assert len(expected) > 5
    assert structure(exported) == expected


def test_round_trip_of_a_saved_page_is_its_article(make_project) -> None:
    page = Path("page.html")
    page.write_text(SAVED_PAGE, encoding="utf-8")
    source, exported = _round_trip(make_project, page, fragment=False)
    assert structure(exported) == structure(source)
    assert notes_of(exported) == ["El Mundo, 11-10-2022."]


def test_reimporting_an_edited_post_stales_only_the_edited_sentence(make_project, capsys) -> None:
    post = Path("post.html")
    post.write_text(BLOCK_POST, encoding="utf-8")
    project: Project = make_project(source=post, doc="post", languages="es")
    es = project.load_translation("post", "es")
    for entry in es:
        entry.target = "ES " + entry.source
    project.save_translation("post", "es", es)
    capsys.readouterr()
    post.write_text(BLOCK_POST.replace("three plants", "four plants"), encoding="utf-8")
    assert main(["import", "post.html", "--doc", "post"]) == 0
    assert "0 new, 1 edited (now stale)" in capsys.readouterr().out
    after = {e.source: e for e in project.load_translation("post", "es")}
    kept = "They called for further strikes.”"
    assert after[kept].target == "ES " + kept
    edited = next(e for s, e in after.items() if "four plants" in s)
    assert edited.fuzzy and edited.target.startswith("ES ")
