"""Markdown (CommonMark with footnotes) → `Document`.

Parsed with markdown-it-py rather than by hand: nesting (a quote inside a list
item, a list inside a quote), lazy continuation lines and footnote
definitions are exactly where hand-written Markdown parsers go wrong.

Segment text is the *inline Markdown source* of each block (so ``*emphasis*``
and links reach the translator and come back), with soft line breaks folded to
spaces. Byline and caption are paragraphs marked with a block attribute
(``{.byline}``, ``{.caption}``) on the line before them.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.footnote import footnote_plugin

from transkit.document import Block, Document, Layout
from transkit.errors import TranskitError
from transkit.segmenter import split_sentences

_SPACE = re.compile(r"[ \t\r\n]+")  # not NBSP: it is typography
_SPECIAL_CLASSES = ("byline", "caption")
_UNSUPPORTED = {
    "fence": "code block",
    "code_block": "code block",
    "html_block": "HTML block",
    "table_open": "table",
    "hr": "horizontal rule",
}


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").use(footnote_plugin).use(attrs_block_plugin).enable("table")


def normalize(text: str) -> str:
    return _SPACE.sub(" ", text).strip(" ")


def parse_markdown(source: str, *, sentences: bool = True, path: str = "<markdown>") -> Document:
    """Read a Markdown article.

    `sentences` splits paragraphs into sentence segments; headings, title,
    byline, caption and notes always stay whole.
    """
    tokens = _parser().parse(source)
    blocks: list[Block] = []
    notes: list[Block] = []
    stack: list[str] = []  # open containers, outermost first
    note_label: str | None = None
    note_parts: list[str] = []

    def leaf(kind: str, label: str, text: str) -> None:
        text = normalize(text)
        if not text:
            return
        split = sentences and kind == "paragraph"
        segments = split_sentences(text) if split else [text]
        blocks.append(Block(Layout(kind, label, tuple(stack)), segments))
        # After the first block of an item, later blocks continue that item.
        for i, c in enumerate(stack):
            if c.startswith("item"):
                stack[i] = "in-item"

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind in _UNSUPPORTED:
            line = tok.map[0] + 1 if tok.map else None
            raise TranskitError(
                f"{_UNSUPPORTED[kind]} is not supported in articles (write it as a paragraph)",
                path,
                line,
            )
        if kind == "blockquote_open":
            stack.append("quote")
        elif kind == "blockquote_close":
            stack.pop()
        elif kind == "list_item_open":
            stack.append(f"item:{tok.info}" if tok.info else "item")
        elif kind == "list_item_close":
            stack.pop()
        elif kind == "footnote_open":
            note_label, note_parts = str(tok.meta["label"]), []
        elif kind == "footnote_close":
            text = normalize(" ".join(note_parts))
            if text:
                notes.append(Block(Layout("note", note_label or "?"), [text]))
            note_label = None
        elif kind == "heading_open":
            inline = tokens[i + 1].content
            level = int(tok.tag[1])
            if level == 1 and not any(b.layout.kind == "title" for b in blocks) and not stack:
                leaf("title", "", inline)
            else:
                leaf("heading", str(level), inline)
            i += 2
        elif kind == "paragraph_open":
            inline = tokens[i + 1].content
            if note_label is not None:
                note_parts.append(inline)
            else:
                leaf(_paragraph_kind(tok), "", inline)
            i += 2
        i += 1
    return Document(blocks + notes)


def _paragraph_kind(tok: Token) -> str:
    classes = str(tok.attrs.get("class", "")).split()
    for special in _SPECIAL_CLASSES:
        if special in classes:
            return special
    return "paragraph"
