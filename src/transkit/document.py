"""The article as structure: blocks of segments, independent of any file format.

A `Document` is what importers produce and exporters consume. Its text is
inline Markdown (so emphasis and links survive), with footnote references as
the protected placeholder ``[^label]`` — the same token in every language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: A footnote reference placeholder, e.g. ``[^4]``. Never translated.
FOOTNOTE_RE = re.compile(r"\[\^([^\]\s]+)\]")

#: Kinds of leaf blocks. ``heading`` and ``note`` carry a level / label.
BLOCK_KINDS = ("title", "byline", "caption", "heading", "paragraph", "note")

#: Container markers, outermost first. ``item`` opens a new list item
#: (``item:N`` an ordered one numbered N); ``in-item`` continues the current
#: item; consecutive blocks with ``quote`` at the same depth share one quote.
CONTAINER_RE = re.compile(r"^(quote|in-item|item(?::\d+)?)$")


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
        if kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {kind!r}")
        if kind in ("heading", "note") and not label:
            raise ValueError(f"{kind} needs a label")
        if kind == "heading" and not (label.isdigit() and 1 <= int(label) <= 6):
            raise ValueError(f"bad heading level {label!r}")
        for c in containers:
            if not CONTAINER_RE.match(c):
                raise ValueError(f"unknown container {c!r}")
        return cls(kind, label, tuple(containers))

    @property
    def in_quote(self) -> bool:
        return "quote" in self.containers


@dataclass
class Block:
    """A paragraph-like unit: one or more segments that are read together."""

    layout: Layout
    segments: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.segments)


@dataclass
class Document:
    """An article: blocks in reading order."""

    blocks: list[Block] = field(default_factory=list)

    def segment_texts(self) -> list[str]:
        return [s for block in self.blocks for s in block.segments]

    def notes(self) -> list[Block]:
        return [b for b in self.blocks if b.layout.kind == "note"]
