"""`Document` → Markdown, the inverse of `transkit.importers.markdown`.

``parse_markdown(render_markdown(doc))`` gives back `doc`'s blocks: this is
what ``import --to-markdown`` writes for a person to correct, and what
``export --format md`` publishes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from transkit.document import Block, Document

if TYPE_CHECKING:
    from transkit.export.assemble import Edition
    from transkit.export.links import LanguageLink

Joiner = Callable[[list[str]], str]

# A paragraph whose text starts like this would be read as another block.
_BLOCK_START = re.compile(r"^(#{1,6}(\s|$)|>|[-+*](\s|$)|\d{1,9}[.)](\s|$)|=+\s*$|\{)")


def join_sentences(segments: list[str]) -> str:
    return " ".join(s for s in segments if s)


def _escape_block_start(text: str) -> str:
    m = _BLOCK_START.match(text)
    if not m:
        return text
    if text[0].isdigit():  # "1979. …" — escape the delimiter, not the digit
        digits = len(m.group(0).rstrip().rstrip(".)"))
        return text[:digits] + "\\" + text[digits:]
    return "\\" + text


def _markers(containers: tuple[str, ...]) -> list[str]:
    """First-line marker of each container (``> ``, ``- ``, ``3. ``)."""
    out = []
    for c in containers:
        if c == "quote":
            out.append("> ")
        elif c == "item":
            out.append("- ")
        elif c.startswith("item:"):
            out.append(f"{c[5:]}. ")
        else:  # in-item: indented like the item's own text (fixed below)
            out.append("  ")
    return out


def _continuation(markers: list[str]) -> list[str]:
    """The prefix of later lines: quotes stay, list markers become indentation."""
    return [m if m == "> " else " " * len(m) for m in markers]


def render_markdown(doc: Document, join: Joiner = join_sentences) -> str:
    lines: list[str] = []
    item_widths: list[int] = []  # marker width of each open list item, by depth
    previous: Block | None = None
    for block in doc.blocks:
        layout = block.layout
        markers = _markers(layout.containers)
        # Continue an item with the indentation its own marker set.
        depth = 0
        for n, c in enumerate(layout.containers):
            if c.startswith("item"):
                item_widths[depth:] = [len(markers[n])]
                depth += 1
            elif c == "in-item":
                width = item_widths[depth] if depth < len(item_widths) else 2
                markers[n] = " " * width
                depth += 1
        if previous is not None:
            lines.append(_separator(previous, block, markers))
        text = join(block.segments)
        if layout.kind == "note":
            body = f"[^{layout.label}]: {text}"
        elif layout.kind == "title":
            body = f"# {text}"
        elif layout.kind == "heading":
            body = f"{'#' * int(layout.label)} {text}"
        else:
            body = _escape_block_start(text)
            if layout.kind in ("byline", "caption"):
                body = f"{{.{layout.kind}}}\n{body}"
        cont = "".join(_continuation(markers))
        first = "".join(markers)
        for k, line in enumerate(body.split("\n")):
            lines.append((first if k == 0 else cont) + line if line else cont.rstrip())
        previous = block
    return "\n".join(lines) + "\n"


def _separator(previous: Block, block: Block, markers: list[str]) -> str:
    """The blank line between two blocks, keeping a shared quote open."""
    prev_c, cur_c = previous.layout.containers, block.layout.containers
    shared: list[str] = []
    for n, (a, b) in enumerate(zip(prev_c, cur_c, strict=False)):
        if b.startswith("item"):
            break  # a new item: the list goes on, no prefix needed
        if a != b and not (b == "in-item" and a.startswith(("item", "in-item"))):
            break
        shared.append(markers[n])
    if not shared or shared[-1] != "> ":
        return ""
    return "".join(_continuation(shared)).rstrip()


# -- a published edition ---------------------------------------------------------

_LINK_TEXT_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def _md_text(text: str) -> str:
    return _LINK_TEXT_SPECIAL.sub(r"\\\1", text)


def language_line(links: Sequence[LanguageLink]) -> str:
    """``[English](en.md) · **Español** · …``: the current version in bold, unlinked."""
    parts = []
    for link in links:
        name = _md_text(link.name)
        if link.current:
            parts.append(f"**{name}**")
        else:
            parts.append(name if link.href is None else f"[{name}]({link.href})")
    return " · ".join(parts)


def render_edition(edition: Edition, links: Sequence[LanguageLink]) -> str:
    """An edition as published Markdown: the language line, then the article,
    with each fallback segment prefixed ``\\[EN\\]`` (the source language)."""
    from transkit.export.joiners import joiner

    tag = f"\\[{_md_text(edition.source_language.upper())}\\] "
    doc = edition.marked(lambda text: tag + text)
    return language_line(links) + "\n\n" + render_markdown(doc, joiner(edition.language))
