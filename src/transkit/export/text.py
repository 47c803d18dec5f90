"""An edition as plain text, laid out like the original page.

One line per paragraph (no hard wrapping: readers and mail clients wrap, and
wrapping Chinese or Thai right needs more than a column count), blank lines
between blocks, list items as ``  • `` lines with their paragraphs and quotes
indented beneath them and no blank line inside a list, block quotes indented
four spaces, endnotes numbered at the end.

Footnote references are written ``[N]``, not superscript digits: superscripts
exist only for 0–9 (a label may be ``note-a``), many fonts lack or shrink them,
and a bracket cannot be misread as part of a number — the bare digits of the
original scrape (``in 1914 20–``) are exactly what made them hard to recover.
The endnotes start ``[N]`` to match.
"""

from __future__ import annotations

from collections.abc import Sequence

from transkit.document import Block, plain_container
from transkit.export.assemble import Edition
from transkit.export.blocks import table_at, table_text, verbatim_text
from transkit.export.inline import render_block, to_text
from transkit.export.joiners import joiner
from transkit.export.links import SEPARATOR, LanguageLink

BULLET = "  • "
QUOTE_INDENT = "    "


def reference(label: str) -> str:
    return f"[{label}]"


def _prefixes(containers: tuple[str, ...], item_widths: list[int]) -> tuple[str, str]:
    """The first line's prefix and the later lines' one; `item_widths` keeps
    the marker width of each open list item, by depth, across blocks."""
    first, rest = "", ""
    depth = 0
    for c in map(plain_container, containers):
        if c == "quote":
            first += QUOTE_INDENT
            rest += QUOTE_INDENT
            continue
        if c == "in-item":
            width = item_widths[depth] if depth < len(item_widths) else len(BULLET)
            first += " " * width
        else:
            marker = BULLET if c == "item" else f"  {c[5:]}. "
            item_widths[depth:] = [len(marker)]
            first += marker
            width = len(marker)
        rest += " " * width
        depth += 1
    return first, rest


def _list_path(containers: tuple[str, ...]) -> tuple[str, ...] | None:
    """The containers up to and including the outermost list item (with its
    list type), or None outside lists: blocks of one list share it."""
    containers = tuple(map(plain_container, containers))
    for n, c in enumerate(containers):
        if c.startswith("item") or c == "in-item":
            kind = "ol" if c.startswith("item:") else "ul" if c == "item" else "any"
            return (*containers[:n], kind)
    return None


def _tight(previous: Block, block: Block) -> bool:
    """Whether `block` follows `previous` in the same list (no blank line)."""
    a, b = _list_path(previous.layout.containers), _list_path(block.layout.containers)
    if a is None or b is None or a[:-1] != b[:-1]:
        return False
    return "any" in (a[-1], b[-1]) or a[-1] == b[-1]


def render_text(edition: Edition, links: Sequence[LanguageLink]) -> str:
    doc = edition.document
    join = joiner(edition.language)
    source = edition.source_language.upper()

    def render(text: str) -> str:
        return to_text(text, reference)

    def mark(text: str) -> str:
        return f"[{source}] {text}"

    lines = [SEPARATOR.join(link.name for link in links)] if links else []
    item_widths: list[int] = []
    previous: Block | None = None
    notes: list[str] = []
    for index, block in enumerate(doc.blocks):
        kind = block.layout.kind
        if kind == "table":
            text = table_text(
                table_at(doc.blocks, index),
                lambda n: render(n) if isinstance(n, str) else render_block(
                    n, doc.blocks[n], edition.fallbacks, render, join, mark
                ),
            )
        elif block.verbatim:
            shown = verbatim_text(block)
            if shown is None:
                continue
            text = shown
        elif kind in ("meta", "cell"):
            continue  # front matter is not shown; cells are in their table
        else:
            text = render_block(index, block, edition.fallbacks, render, join, mark)
        if block.layout.kind == "note":
            notes.append(f"{reference(block.layout.label)} {text}")
            continue
        first, rest = _prefixes(block.layout.containers, item_widths)
        if lines and (previous is None or not _tight(previous, block)):
            lines.append("")
        for k, line in enumerate(text.split("\n")):
            lines.append(((rest if k else first) + line).rstrip())
        previous = block
    if notes:
        lines.append("")
        for note in notes:
            lines += ["", note]
    return "\n".join(lines) + "\n"
