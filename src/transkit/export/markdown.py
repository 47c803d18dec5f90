"""`Document` → Markdown, the inverse of `transkit.importers.markdown`.

``parse_markdown(render_markdown(doc))`` gives back `doc`'s blocks: this is
what ``import --to-markdown`` writes for a person to correct, and what
``export --format md`` publishes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from transkit.document import Block, Document
from transkit.export.blocks import skeleton_rows
from transkit.export.frontmatter import with_values

if TYPE_CHECKING:
    from transkit.export.assemble import Edition
    from transkit.export.links import LanguageLink

Joiner = Callable[[list[str]], str]

# A paragraph whose text starts like this would be read as another block.
_BLOCK_START = re.compile(r"^(#{1,6}(\s|$)|>|[-+*](\s|$)|\d{1,9}[.)](\s|$)|=+\s*$|\{)")


def join_sentences(segments: list[str]) -> str:
    return " ".join(s for s in segments if s)


@cache
def parser() -> MarkdownIt:
    """The Markdown that transkit reads and writes: CommonMark, GFM tables,
    footnotes, YAML front matter and ``{.class}`` block attributes."""
    return (
        MarkdownIt("commonmark")
        .use(front_matter_plugin)
        .use(footnote_plugin)
        .use(attrs_block_plugin)
        .enable("table")
    )


def _escape_block_start(text: str) -> str:
    if text.startswith("<"):
        # Inline HTML whose tag a folded line break completed would read as
        # an HTML block: break the line inside the tag again.
        first = parser().parse(text)
        if first and first[0].type == "html_block":
            return re.sub(r"\s+", "\n", text, count=1)
        return text
    m = _BLOCK_START.match(text)
    if not m:
        return text
    if text[0].isdigit():  # "1979. …" — escape the delimiter, not the digit
        digits = len(m.group(0).rstrip().rstrip(".)"))
        return text[:digits] + "\\" + text[digits:]
    return "\\" + text


def _markers(containers: tuple[str, ...], styles: list[bool]) -> list[str]:
    """First-line marker of each container (``> ``, ``- ``, ``3. ``).

    `styles` (by list depth) says which of two markers each list uses: a list
    right after another (``new-item``) switches, to stay a list of its own
    (``*`` for ``-``, ``3)`` for ``3.``)."""
    out = []
    depth = 0
    for c in containers:
        if c in ("quote", "new-quote"):
            out.append("> ")
            continue
        if _opens_item(c):
            styles += [False] * (depth + 1 - len(styles))
            if c.startswith("new-"):
                styles[depth] = not styles[depth]
            del styles[depth + 1 :]
        alternate = depth < len(styles) and styles[depth]
        depth += 1
        number = c.partition(":")[2]
        if c == "in-item":
            out.append("  ")  # indented like the item's own text (fixed by the caller)
        elif number:
            out.append(f"{number}{')' if alternate else '.'} ")
        else:
            out.append("* " if alternate else "- ")
    return out


def _continuation(markers: list[str]) -> list[str]:
    """The prefix of later lines: quotes stay, list markers become indentation."""
    return [m if m == "> " else " " * len(m) for m in markers]


def _opens_item(container: str) -> bool:
    """``item``, ``tight-item:N``, ``new-item``… (not ``in-item``)."""
    return container != "in-item" and container.partition(":")[0].endswith("item")


def render_markdown(
    doc: Document, join: Joiner = join_sentences, *, attributes: bool = True
) -> str:
    """The document as CommonMark (with GFM tables and footnotes): verbatim
    blocks as they were, a table's cells in its skeleton, a front matter's
    translated values in place.

    With `attributes` every byline and caption gets its ``{.byline}`` /
    ``{.caption}`` line (what the importer reads back); without, only those
    whose source had one (``caption marked``): a published page is plain
    CommonMark, which would show such a line as text."""
    lines: list[str] = []
    item_widths: list[int] = []  # marker width of each open list item, by depth
    tight: list[bool] = []  # whether each open list item is in a tight list, by depth
    styles: list[bool] = []  # which list marker each depth uses (see `_markers`)
    ordered: list[bool] = []  # whether each open list item is in an ordered list, by depth
    previous: Block | None = None
    blocks = doc.blocks
    n = 0
    while n < len(blocks):
        block = blocks[n]
        layout = block.layout
        markers = _markers(layout.containers, styles)
        ordered_before = list(ordered)
        # Continue an item with the indentation its own marker set.
        depth = 0
        for k, c in enumerate(layout.containers):
            if _opens_item(c):
                item_widths[depth:] = [len(markers[k])]
                tight[depth:] = ["tight-" in c]
                ordered[depth:] = [":" in c]
                depth += 1
            elif c == "in-item":
                width = item_widths[depth] if depth < len(item_widths) else 2
                markers[k] = " " * width
                depth += 1
        body, used = _body(blocks, n, join, attributes)
        if body is None:  # a value or cell whose front matter or table was left out
            n += used
            continue
        if previous is not None:
            separator = _separator(previous, block, markers, tight, ordered_before)
            if separator is not None:
                lines.append(separator)
        cont = "".join(_continuation(markers))
        first = "".join(markers)
        for k, line in enumerate(body.split("\n")):
            prefix = first if k == 0 else cont
            lines.append(prefix + line if line else prefix.rstrip())
        previous = block
        n += used
    return "\n".join(lines) + "\n"


def _body(blocks: list[Block], n: int, join: Joiner, attributes: bool) -> tuple[str | None, int]:
    """The Markdown of `blocks[n]` (with the values or cells that follow it,
    for front matter and tables) and how many blocks it used."""
    block = blocks[n]
    layout = block.layout
    if layout.kind in ("front-matter", "table"):
        part = "meta" if layout.kind == "front-matter" else "cell"
        used = 1
        while n + used < len(blocks) and blocks[n + used].layout.kind == part:
            used += 1
        filled = {b.layout.label: join(b.segments) for b in blocks[n + 1 : n + used]}
        if layout.kind == "front-matter":
            return with_values(block.segments[0], filled), used
        return _table(block.segments[0], filled), used
    if layout.kind in ("meta", "cell"):
        return None, 1
    if layout.verbatim:
        return block.segments[0], 1
    text = join(block.segments)
    if layout.kind == "note":  # each segment a paragraph, the later ones indented
        first, *rest = (join([paragraph]) for paragraph in block.segments)
        more = "".join("\n\n" + re.sub(r"(?m)^(?=.)", "    ", p) for p in rest)
        return f"[^{layout.label}]: {first}{more}", 1
    if layout.kind == "title":
        return f"# {text}", 1
    if layout.kind == "heading":
        return f"{'#' * int(layout.label)} {text}", 1
    body = _escape_block_start(text)
    if layout.kind in ("byline", "caption") and (attributes or layout.label == "marked"):
        body = f"{{.{layout.kind}}}\n{body}"
    return body, 1


def _table(skeleton: str, cells: dict[str, str]) -> str:
    """A table skeleton filled with `cells` ("row.column" → text)."""
    delimiters, rows = skeleton_rows(skeleton)
    out = []
    for r, row in enumerate(rows):
        texts = [cells.get(f"{r}.{c}", kept) for c, kept in enumerate(row)]
        out.append("| " + " | ".join(_cell(t) for t in texts) + " |")
        if r == 0:
            out.append("|" + "|".join(delimiters) + "|")
    return "\n".join(out)


def _cell(text: str) -> str:
    """A cell's text on its row: a pipe escaped, a line break a space."""
    return text.replace("|", "\\|").replace("\\\n", " ").replace("\n", " ")


def _separator(
    previous: Block, block: Block, markers: list[str], tight: list[bool], ordered: list[bool]
) -> str | None:
    """The line between two blocks: blank, keeping the quotes they share
    open, or none at all between the blocks of a tight list."""
    prev_c, cur_c = previous.layout.containers, block.layout.containers
    shared: list[str] = []
    for n, (a, b) in enumerate(zip(prev_c, cur_c, strict=False)):
        if _opens_item(b) or b == "new-quote":
            depth = sum(1 for c in cur_c[:n] if _is_item(c))
            was_ordered = ordered[depth] if depth < len(ordered) else None
            same_list = _is_item(a) and was_ordered == (":" in b) and not b.startswith("new-")
            if _opens_item(b) and "tight-" in b and same_list:
                return None  # the next item of a tight list
            break  # a new item or quote: the list goes on, no prefix needed
        if (
            a != b
            and not (b == "in-item" and _is_item(a))
            and not (b == "quote" and a == "new-quote")
        ):
            break
        shared.append(markers[n])
    else:
        n = min(len(prev_c), len(cur_c))
    depth = sum(1 for c in cur_c[:n] if _is_item(c))
    if shared and shared[-1] != "> " and depth and tight[depth - 1]:
        # A tight item's next block (a nested list, a quote, code); after a
        # quote, a ">" line ends it (the next line would continue it lazily).
        if n < len(prev_c) and prev_c[n] in ("quote", "new-quote"):
            return "".join(_continuation(shared)) + ">"
        return "" if any("quote" in c for c in prev_c[n:]) else None
    # Blank, but inside every quote the two blocks share (``> >``).
    return "".join(_continuation(shared)).rstrip()


def _is_item(container: str) -> bool:
    return "item" in container


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
    with each fallback segment prefixed ``\\[EN\\]`` (the source language).
    Front matter stays the file's first lines (the language line follows it),
    its values unmarked: they are data, not prose on the page."""
    from transkit.export.joiners import joiner

    tag = f"\\[{_md_text(edition.source_language.upper())}\\] "
    marked = edition.marked(lambda text: tag + text)
    blocks = [
        plain if plain.layout.kind == "meta" else block
        for block, plain in zip(marked.blocks, edition.document.blocks, strict=True)
    ]
    head = 0
    if blocks and blocks[0].layout.kind == "front-matter":
        head = 1
        while head < len(blocks) and blocks[head].layout.kind == "meta":
            head += 1
    join = joiner(edition.language)
    front = render_markdown(Document(blocks[:head]), join) + "\n" if head else ""
    body = render_markdown(Document(blocks[head:]), join, attributes=False)
    return front + language_line(links) + "\n\n" + body
