"""Markdown (CommonMark, GFM tables, footnotes, front matter) → `Document`.

Parsed with markdown-it-py rather than by hand: nesting (a quote inside a list
item, a list inside a quote), lazy continuation lines and footnote
definitions are exactly where hand-written Markdown parsers go wrong.

Segment text is the *inline Markdown source* of each block (so ``*emphasis*``,
links, images and raw inline HTML reach the translator and come back), with
soft line breaks folded to spaces and hard breaks kept (written ``\\`` and a
line feed). Byline and caption are paragraphs marked with a block attribute
(``{.byline}``, ``{.caption}``) on the line before them.

Nothing CommonMark allows is refused: what is not prose — front matter, code,
HTML blocks, rules, link reference definitions, a table's shape — is kept as
a verbatim block (see `transkit.document`), and a table's cells are segments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from markdown_it.token import Token

from transkit.document import Block, Document, Layout, fenced
from transkit.export.blocks import skeleton_row
from transkit.export.frontmatter import values as front_matter_values
from transkit.export.markdown import parser
from transkit.segmenter import split_sentences

_SPACE = re.compile(r"[ \t\r\n]+")  # not NBSP: it is typography
_TICK_OR_ESCAPE = re.compile(r"\\|`+")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)\r?\n")
_SPECIAL_CLASSES = ("byline", "caption")
#: The label of a byline or caption the source marked with an attribute line.
MARKED = "marked"
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\r?\n(?:.*?\r?\n)??\+\+\+[ \t]*(?:\r?\n|\Z)", re.S)
_ALIGN = {"text-align:left": ":--", "text-align:right": "--:", "text-align:center": ":-:"}


def normalize(text: str) -> str:
    return _SPACE.sub(" ", text).strip(" ")


def inline_text(source: str) -> str:
    """A block's inline source as one segment text: soft breaks folded to
    spaces, each hard break kept as a backslash and a line feed (a space
    before it stays: it shows in HTML). Inside a code span only line breaks
    become spaces: its other white space is part of the code."""
    out: list[str] = []
    for n, piece in enumerate(_code_spans(source.strip(" \t\r\n"))):
        if n % 2:
            out.append(re.sub(r"\r?\n", " ", piece))
        else:
            parts = _HARD_BREAK.split(piece)
            out.append("\\\n".join(_SPACE.sub(" ", p) for p in parts))
    return re.sub(r"\\\n +", "\\\n", "".join(out))


def _code_spans(text: str) -> list[str]:
    """`text` cut into prose and code spans, alternately (CommonMark: a run of
    N backticks opens a span that the next run of exactly N closes)."""
    pieces: list[str] = []
    start = 0
    at = _TICK_OR_ESCAPE.search(text)
    while at is not None:
        i = at.start()
        if text[i] == "\\":
            at = _TICK_OR_ESCAPE.search(text, i + 2)
            continue
        run = len(at.group())
        close = re.compile(rf"(?<!`)`{{{run}}}(?!`)").search(text, i + run)
        if close is None:
            at = _TICK_OR_ESCAPE.search(text, i + run)
            continue
        pieces += [text[start:i], text[i : close.end()]]
        start = close.end()
        at = _TICK_OR_ESCAPE.search(text, start)
    return [*pieces, text[start:]]


def parse_markdown(
    source: str, *, sentences: bool = True, path: str = "<markdown>", marked: bool = False
) -> Document:
    """Read a Markdown article.

    `sentences` splits paragraphs into sentence segments; headings, title,
    byline, caption, notes and table cells always stay whole. `marked`: the
    ``{.caption}`` and ``{.byline}`` lines are the author's (layout ``caption
    marked``), so a published export writes them again (``transkit import``
    of a Markdown file); not for Markdown that stands for a scraped page.
    """
    reader = _Reader(sentences, marked)
    toml = _TOML_FRONT_MATTER.match(source)
    if toml:  # markdown-it knows YAML front matter only
        raw = toml.group(0).rstrip("\r\n")
        reader.front_matter(raw)
        source = "\n" * raw.count("\n") + "\n" + source[toml.end() :]
    env: dict[str, Any] = {}
    tokens = parser().parse(source, env)
    # Link definitions make no token: each is put back where it stood (in its
    # list item or quote, where it can make a list loose), by its line.
    refs = sorted(
        (ref["map"][0] if ref.get("map") else len(source), _definition(label, ref))
        for label, ref in env.get("references", {}).items()
    )
    reader.refs = refs
    reader.read(tokens, source.split("\n"))
    return reader.document()


@dataclass
class _Reader:
    sentences: bool
    marked: bool
    blocks: list[Block] = field(default_factory=list)
    notes: list[Block] = field(default_factory=list)
    stack: list[str] = field(default_factory=list)  # open containers, outermost first
    ids: list[int] = field(default_factory=list)  # which quote or item each one is
    starts: list[int] = field(default_factory=list)  # blocks before each one opened
    groups: list[tuple[int, str]] = field(default_factory=list)  # which quote or list
    lists: list[tuple[int, str, bool]] = field(default_factory=list)  # open: id, tag, tight
    previous_ids: list[int] = field(default_factory=list)
    previous_groups: list[tuple[int, str]] = field(default_factory=list)
    note_label: str | None = None
    titled: bool = False  # a title was read (the first top-level h1)
    note_parts: list[str] = field(default_factory=list)
    serial: count[int] = field(default_factory=count)
    refs: list[tuple[int, str]] = field(default_factory=list)  # link definitions by line
    ends: list[int] = field(default_factory=list)  # the line each open container ends at

    def document(self) -> Document:
        self.definitions_before(None)
        return Document(self.blocks + self.notes)

    def definitions_before(self, line: int | None) -> None:
        """The link definitions above `line` (None: all left), as one block."""
        n = 0
        while n < len(self.refs) and (line is None or self.refs[n][0] < line):
            n += 1
        if n:
            self.kept("refs", "\n".join(text for _, text in self.refs[:n]))
            del self.refs[:n]

    # -- blocks ----------------------------------------------------------------

    def layout(self, kind: str, label: str = "") -> Layout:
        """The layout of the next block; its containers are then continued."""
        containers = list(self.stack)
        for n, c in enumerate(containers):
            # A quote or list right after another one at the same depth.
            if (
                c != "in-item"
                and n < len(self.previous_ids)
                and self.previous_ids[:n] == self.ids[:n]
                and self.previous_groups[n][1] == self.groups[n][1]
                and self.previous_groups[n][0] != self.groups[n][0]
            ):
                containers[n] = "new-" + c
        self.previous_ids, self.previous_groups = list(self.ids), list(self.groups)
        # After the first block of an item, later blocks continue that item.
        for i, c in enumerate(self.stack):
            if "item" in c:
                self.stack[i] = "in-item"
        return Layout(kind, label, tuple(containers))

    def leaf(self, kind: str, label: str, source: str) -> None:
        text = inline_text(source)
        if not text:
            return
        split = self.sentences and kind == "paragraph"
        segments = split_sentences(text) if split else [text]
        self.blocks.append(Block(self.layout(kind, label), segments))

    def kept(self, kind: str, source: str) -> None:
        self.blocks.append(Block.kept(self.layout(kind), source))

    def front_matter(self, raw: str) -> None:
        self.kept("front-matter", raw)
        for key, value in front_matter_values(raw).items():
            self.blocks.append(Block(Layout("meta", key), [value]))

    # -- tokens ----------------------------------------------------------------

    def read(self, tokens: list[Token], lines: list[str]) -> None:
        i = 0
        while i < len(tokens):
            i = self.token(tokens, i, lines) + 1

    def token(self, tokens: list[Token], i: int, lines: list[str]) -> int:
        """Take in `tokens[i]`; the index of the last token it used."""
        tok = tokens[i]
        kind = tok.type
        if self.refs and tok.map and self.note_label is None:
            self.definitions_before(tok.map[0])
        if kind == "front_matter" and tok.map:
            self.front_matter("\n".join(lines[tok.map[0] : tok.map[1]]).rstrip("\r\n"))
        elif kind == "blockquote_open":
            serial = next(self.serial)
            self.open("quote", serial, (serial, "quote"), tok)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            self.lists.append((next(self.serial), tok.tag, _is_tight(tokens, i)))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            group, tag, tight = self.lists[-1]
            marker = "tight-item" if tight else "item"
            container = f"{marker}:{tok.info}" if tok.info else marker
            self.open(container, next(self.serial), (group, tag), tok)
        elif kind in ("blockquote_close", "list_item_close"):
            if self.refs and self.note_label is None:
                self.definitions_before(self.ends[-1])
            self.ends.pop()
            if self.starts[-1] == len(self.blocks) and self.note_label is None:
                self.kept("empty", "")  # "-" or ">" alone: the container is the block
            self.starts.pop()
            self.stack.pop()
            self.ids.pop()
            self.groups.pop()
        elif kind == "footnote_open":
            self.note_label, self.note_parts = str(tok.meta["label"]), []
        elif kind == "footnote_close":
            # A note is never split into sentences: each segment is a paragraph.
            paragraphs = [text for text in map(inline_text, self.note_parts) if text]
            if paragraphs:
                self.notes.append(Block(Layout("note", self.note_label or "?"), paragraphs))
            self.note_label = None
        elif kind == "heading_open":
            inline = tokens[i + 1].content
            level = int(tok.tag[1])
            if not inline_text(inline):
                self.kept("empty", "#" * level)
                return i + 2
            title = level == 1 and not self.stack and not self.titled
            self.leaf("title" if title else "heading", "" if title else str(level), inline)
            self.titled = self.titled or title
            return i + 2
        elif kind == "paragraph_open":
            inline = tokens[i + 1].content
            if self.note_label is not None:
                self.note_parts.append(inline)
            else:
                kind = _paragraph_kind(tok)
                self.leaf(kind, MARKED if self.marked and kind != "paragraph" else "", inline)
            return i + 2
        elif kind == "fence":
            self.kept("code", fenced(tok.content, tok.info, tok.markup))
        elif kind == "code_block":
            self.kept("code", fenced(tok.content))
        elif kind == "html_block":
            self.kept("html", tok.content.rstrip("\r\n"))
        elif kind == "hr":
            self.kept("rule", "***")
        elif kind == "table_open":
            return self.table(tokens, i)
        return i

    def open(self, container: str, serial: int, group: tuple[int, str], tok: Token) -> None:
        self.ends.append(tok.map[1] if tok.map else 0)
        self.stack.append(container)
        self.starts.append(len(self.blocks))
        self.ids.append(serial)
        self.groups.append(group)

    def table(self, tokens: list[Token], i: int) -> int:
        """A table: its skeleton kept (with the cells that hold nothing to
        translate: numbers, code), each cell with words in it a segment."""
        rows: list[list[str]] = []
        aligns: list[str] = []
        while tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "tr_open":
                rows.append([])
            elif tok.type in ("th_open", "td_open"):
                if tok.type == "th_open":
                    aligns.append(_ALIGN.get(str(tok.attrs.get("style", "")), "---"))
                rows[-1].append(inline_text(tokens[i + 1].content))
            i += 1
        kept = [[t if not _has_words(t) else "" for t in row] for row in rows]
        skeleton = [skeleton_row(kept[0]), "|" + "|".join(aligns) + "|"]
        self.kept("table", "\n".join(skeleton + [skeleton_row(row) for row in kept[1:]]))
        containers = self.blocks[-1].layout.containers
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if _has_words(text):
                    self.blocks.append(Block(Layout("cell", f"{r}.{c}", containers), [text]))
        return i


def _has_words(text: str) -> bool:
    """Whether inline text has a letter outside its code spans."""
    prose = "".join(_code_spans(text)[::2])
    return any(ch.isalpha() for ch in prose)


def _is_tight(tokens: list[Token], i: int) -> bool:
    """Whether the list opening at `tokens[i]` is tight: markdown-it hides the
    paragraphs of its items."""
    level = tokens[i].level
    for j in range(i + 1, len(tokens)):  # no slice: a copy per list is quadratic
        tok = tokens[j]
        if tok.level == level:  # the list's close
            break
        if tok.type == "paragraph_open" and tok.level == level + 2:
            return tok.hidden
    return False  # no paragraph: nothing shows the difference, and blank lines are safe


def _definition(label: str, ref: dict[str, Any]) -> str:
    """A link reference definition as markdown-it stored it (label normalised,
    href encoded, title unescaped), written to be read back the same."""
    href = _escape(str(ref.get("href", "")), "<>")
    line = f"[{label}]: <{href}>"
    title = ref.get("title")
    if title:
        line += f' "{_escape(str(title), chr(34))}"'
    return line


def _escape(text: str, specials: str) -> str:
    return re.sub("([\\\\&" + re.escape(specials) + "])", r"\\\1", text)


def _paragraph_kind(tok: Token) -> str:
    classes = str(tok.attrs.get("class", "")).split()
    for special in _SPECIAL_CLASSES:
        if special in classes:
            return special
    return "paragraph"
