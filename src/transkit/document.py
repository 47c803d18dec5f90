"""The article as structure: blocks of segments, independent of any file format.

A `Document` is what importers produce and exporters consume: `Block`s in
reading order, each with a `Layout` (its kind and the containers it sits in).

Translatable blocks (`BLOCK_KINDS`) hold segments of *inline Markdown* (so
emphasis, links, images and raw inline HTML survive), with footnote
references as the protected placeholder ``[^label]`` — the same token in
every language:

- ``title``, ``byline``, ``caption``, ``heading N``, ``paragraph``, ``note L``
  (a footnote's text, label L; notes come last);
- ``meta KEY``: a front matter value worth translating (``title``,
  ``description``); it follows its ``front-matter`` block;
- ``cell R.C``: a non-empty table cell, row R (0 is the header row), column
  C; cells follow their ``table`` block. An image is inline Markdown
  (``![alt](src "title")``): its alt text is translated with its paragraph.

Verbatim blocks (`VERBATIM_KINDS`) are kept, never translated: exactly one
segment, the block's own Markdown, passed through unchanged:

- ``front-matter``: the whole ``---`` YAML or ``+++`` TOML block, delimiters
  included;
- ``code``: a fenced code block (an indented one is written fenced);
- ``html``: a raw HTML block, as written;
- ``rule``: a horizontal rule (``***``);
- ``table``: the table's skeleton, a GFM table whose cells are all empty
  (its shape and alignment row; the ``cell`` blocks after it fill it);
- ``refs``: link reference definitions (``[label]: url "title"``), one a
  line, so ``[text][label]`` in segments keeps working.

They are not segments: no id, no entry in a language's PO file, never
counted, drafted, checked or reviewed (`Document.segment_texts` skips them).

Containers, outermost first:

- ``quote``: in a block quote; consecutive blocks with ``quote`` at the same
  depth share one quote, ``new-quote`` starts another right after it;
- ``item`` / ``item:N`` opens a list item (of a bulleted / ordered list, N
  its number); ``in-item`` continues the current item; ``tight-item`` /
  ``tight-item:N`` opens an item of a tight list (no blank lines: rendered
  ``<li>text</li>``, not ``<li><p>text</p></li>``), whose later blocks are
  ``in-item`` too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: A footnote reference placeholder, e.g. ``[^4]``. Never translated.
FOOTNOTE_RE = re.compile(r"\[\^([^\]\s]+)\]")

#: Kinds of translatable leaf blocks. ``heading``, ``note``, ``meta`` and
#: ``cell`` carry a label (level, footnote label, key, row.column).
BLOCK_KINDS = ("title", "byline", "caption", "heading", "paragraph", "note", "meta", "cell")

#: Kinds of blocks kept as they are: one segment, the block's Markdown source.
VERBATIM_KINDS = ("front-matter", "code", "html", "rule", "table", "refs")

_LABELLED = ("heading", "note", "meta", "cell")
_CELL_RE = re.compile(r"^\d+\.\d+$")

#: Container markers, outermost first (see the module docstring).
CONTAINER_RE = re.compile(r"^(quote|new-quote|in-item|(?:tight-)?item(?::\d+)?)$")


def placeholders(text: str) -> list[str]:
    """The footnote placeholders of a text, in order (``["[^4]", "[^5]"]``)."""
    return [m.group(0) for m in FOOTNOTE_RE.finditer(text)]


@dataclass(frozen=True)
class Layout:
    """Where a block sits: its containers and what kind of block it is."""

    kind: str
    label: str = ""  # heading level ("2") or footnote label ("4")
    containers: tuple[str, ...] = ()

    def __str__(self) -> str:
        leaf = f"{self.kind} {self.label}" if self.label else self.kind
        return " > ".join((*self.containers, leaf))

    @classmethod
    def parse(cls, text: str) -> Layout:
        """Inverse of `str`; raises ValueError on anything unexpected."""
        parts = [p.strip() for p in text.split(">")]
        *containers, leaf = parts
        kind, _, label = leaf.partition(" ")
        if kind not in BLOCK_KINDS and kind not in VERBATIM_KINDS:
            raise ValueError(f"unknown block kind {kind!r}")
        if kind in _LABELLED and not label:
            raise ValueError(f"{kind} needs a label")
        if kind == "heading" and not (label.isdigit() and 1 <= int(label) <= 6):
            raise ValueError(f"bad heading level {label!r}")
        if kind == "cell" and not _CELL_RE.match(label):
            raise ValueError(f"bad table cell {label!r} (row.column)")
        for c in containers:
            if not CONTAINER_RE.match(c):
                raise ValueError(f"unknown container {c!r}")
        return cls(kind, label, tuple(containers))

    @property
    def in_quote(self) -> bool:
        return "quote" in self.containers or "new-quote" in self.containers

    @property
    def verbatim(self) -> bool:
        """Kept as it is: not a segment, never translated."""
        return self.kind in VERBATIM_KINDS


@dataclass
class Block:
    """A paragraph-like unit: one or more segments that are read together."""

    layout: Layout
    segments: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.segments)

    @property
    def verbatim(self) -> bool:
        return self.layout.verbatim

    @classmethod
    def kept(cls, layout: Layout, source: str) -> Block:
        """A verbatim block: `source` (its Markdown) passes through untouched."""
        if not layout.verbatim:
            raise ValueError(f"{layout.kind!r} is not a verbatim kind")
        return cls(layout, [source])


@dataclass
class Document:
    """An article: blocks in reading order."""

    blocks: list[Block] = field(default_factory=list)

    def segment_texts(self) -> list[str]:
        """Every segment to translate, in order (verbatim blocks are not)."""
        return [s for block in self.translatable() for s in block.segments]

    def translatable(self) -> list[Block]:
        return [b for b in self.blocks if not b.verbatim]

    def notes(self) -> list[Block]:
        return [b for b in self.blocks if b.layout.kind == "note"]
