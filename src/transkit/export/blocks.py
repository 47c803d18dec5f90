"""Verbatim blocks and tables for the HTML and plain-text editions.

A verbatim block's text is its Markdown source (see `transkit.document`):
code is rendered by markdown-it, a raw HTML block is the author's own markup
and passes through as written, front matter and link definitions show
nothing. A table is its skeleton block followed by its cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape

from markdown_it import MarkdownIt

from transkit.document import Block


@cache
def _code_parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def verbatim_html(block: Block) -> str:
    """The HTML of a verbatim block ("" for what a page does not show)."""
    source = block.segments[0] if block.segments else ""
    kind = block.layout.kind
    if kind == "code":
        return str(_code_parser().render(source)).rstrip("\n")
    if kind == "html":
        return source
    if kind == "rule":
        return "<hr>"
    if kind == "empty" and source:  # an empty heading
        return str(_code_parser().render(source)).rstrip("\n")
    return ""


def verbatim_text(block: Block) -> str | None:
    """A verbatim block in plain text (None: nothing to show): code as its
    lines, an HTML block as written, a rule as three asterisks."""
    source = block.segments[0] if block.segments else ""
    kind = block.layout.kind
    if kind == "code":
        tokens = _code_parser().parse(source)
        return tokens[0].content.rstrip("\n") if tokens else ""
    if kind == "html":
        return source
    if kind == "rule":
        return "* * *"
    return None


def skeleton_row(cells: Sequence[str]) -> str:
    """One row of a table skeleton: each cell's inline Markdown, pipes escaped."""
    return "|" + "|".join(f" {c.replace('|', chr(92) + '|')} " if c else " " for c in cells) + "|"


def skeleton_rows(skeleton: str) -> tuple[list[str], list[list[str]]]:
    """A skeleton's alignment row (one delimiter per column) and its rows of
    kept cells (inline Markdown, "" where a segment fills the cell)."""
    lines = skeleton.split("\n")
    rows = [_cells(line) for n, line in enumerate(lines) if n != 1]
    return _cells(lines[1]) if len(lines) > 1 else [], rows


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]


@dataclass(frozen=True)
class Table:
    """A table as rows of cells: the index of a cell's block, or the text the
    skeleton kept (numbers, code: nothing to translate)."""

    aligns: tuple[str, ...]  # "left", "right", "center" or "" per column
    rows: tuple[tuple[int | str, ...], ...]  # row 0 is the header
    used: int  # blocks taken: the skeleton and its cells


def table_at(blocks: Sequence[Block], n: int) -> Table:
    """The table whose skeleton is `blocks[n]`, with the cells after it."""
    delimiters, kept = skeleton_rows(blocks[n].segments[0] if blocks[n].segments else "")
    aligns = tuple(_align(d) for d in delimiters)
    cells: list[list[int | str]] = [
        [row[c] if c < len(row) else "" for c in range(len(aligns))] for row in kept
    ]
    used = 1
    while n + used < len(blocks) and blocks[n + used].layout.kind == "cell":
        r, _, c = blocks[n + used].layout.label.partition(".")
        if int(r) < len(cells) and int(c) < len(aligns):
            cells[int(r)][int(c)] = n + used
        used += 1
    return Table(aligns, tuple(tuple(r) for r in cells), used)


def _align(delimiter: str) -> str:
    left, right = delimiter.startswith(":"), delimiter.endswith(":")
    return "center" if left and right else "left" if left else "right" if right else ""


def table_html(table: Table, cell: Callable[[int | str], str], indent: str = "") -> list[str]:
    """The table's lines of HTML; `cell` gives a cell's inline HTML (from its
    block's index, or the skeleton's kept text)."""
    out = [f"{indent}<table>"]
    for r, row in enumerate(table.rows):
        tag = "th" if r == 0 else "td"
        if r == 0:
            out.append(f"{indent}<thead>")
        elif r == 1:
            out.append(f"{indent}<tbody>")
        out.append(f"{indent}<tr>")
        for index, align in zip(row, table.aligns, strict=True):
            style = f' style="text-align:{escape(align)}"' if align else ""
            text = cell(index) if index != "" else ""
            out.append(f"{indent}<{tag}{style}>{text}</{tag}>")
        out.append(f"{indent}</tr>")
        if r == 0:
            out.append(f"{indent}</thead>")
    if len(table.rows) > 1:
        out.append(f"{indent}</tbody>")
    out.append(f"{indent}</table>")
    return out


def table_text(table: Table, cell: Callable[[int | str], str]) -> str:
    """The table in plain text: a row a line, cells between `` | ``."""
    return "\n".join(
        " | ".join(cell(index) if index != "" else "" for index in row) for row in table.rows
    )
