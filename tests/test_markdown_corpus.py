"""Round trip over real blog posts: Markdown in, ``export --lang en`` out.

The exported Markdown must render (markdown-it with transkit's plugins) to
the same HTML as the post, white space between words aside (soft line
breaks are folded into segments; inside ``<pre>`` nothing is), and its front
matter must be the post's, byte for byte. The posts, their sources and
licences: tests/data/corpus/markdown/README.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DATA
from transkit.cli import main
from transkit.export.markdown import parser

CORPUS = DATA / "corpus" / "markdown"
POSTS = sorted(CORPUS.glob("*.md"), key=lambda p: p.name)
POSTS = [p for p in POSTS if p.name != "README.md"]

_TOML = re.compile(r"\A\+\+\+[ \t]*\n(?:.*?\n)??\+\+\+[ \t]*(?:\n|\Z)", re.S)
_PRE = re.compile(r"(<pre.*?</pre>)", re.S)


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter, body) as markdown-it (YAML) or Hugo/Zola (TOML) see them."""
    toml = _TOML.match(text)
    if toml:
        return toml.group(0).rstrip("\n"), text[toml.end() :]
    tokens = parser().parse(text)
    if tokens and tokens[0].type == "front_matter" and tokens[0].map:
        lines = text.split("\n")
        start, end = tokens[0].map
        return "\n".join(lines[start:end]), "\n".join(lines[end:])
    return "", text


def html_of(markdown: str) -> str:
    """The HTML, with each run of white space outside ``<pre>`` one space."""
    html = parser().render(markdown)
    return "".join(
        part if part.startswith("<pre") else re.sub(r"\s+", " ", part) for part in _PRE.split(html)
    )


def test_the_corpus_has_two_blogs() -> None:
    assert {p.name.split("-")[0] for p in POSTS} == {"go", "rust"}
    assert len(POSTS) >= 10


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every post imported into one project and exported in English."""
    import os

    root = tmp_path_factory.mktemp("corpus")
    old = Path.cwd()
    os.chdir(root)
    try:
        assert main(["init", "--name", "corpus", "--languages", "es"]) == 0
        out = {}
        for post in POSTS:
            doc = post.stem.replace(".", "-")
            assert main(["import", str(post), "--doc", doc]) == 0, post.name
            assert main(["export", doc, "--lang", "en", "--format", "md"]) == 0, post.name
            out[post.name] = (root / "export" / doc / "en.md").read_text(encoding="utf-8")
        return out
    finally:
        os.chdir(old)


@pytest.mark.parametrize("post", POSTS, ids=lambda p: p.name)
def test_export_gives_the_post_back(post: Path, exported: dict[str, str]) -> None:
    source = post.read_text(encoding="utf-8")
    front, body = split_front_matter(source)
    out_front, out_body = split_front_matter(exported[post.name])
    assert out_front == front
    # The language line follows the front matter: it is not the post's.
    line, _, out_body = out_body.lstrip("\n").partition("\n\n")
    assert line.startswith("**English**")
    assert html_of(out_body) == html_of(body)
