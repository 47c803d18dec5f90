"""Where each segment sits in the article: its block, and the headings above it.

Built once from the template (the block layouts are its extracted comments),
so the review screen can show "Section › Subsection", the paragraph around
the current sentence, and a preview of that paragraph in the target language
without rebuilding the whole document on every key press.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from transkit.catalog import Catalog, Entry
from transkit.document import Block, Layout
from transkit.template import entry_blocks

_NOTES = "Notes"


@dataclass(frozen=True)
class BlockInfo:
    """One block of the article: its layout, its segment ids, its heading path."""

    number: int  # 1-based, in reading order
    layout: Layout
    ids: tuple[str, ...]
    headings: tuple[str, ...]  # the headings it sits under, outermost first


class Outline:
    def __init__(self, template: Catalog) -> None:
        self.blocks: list[BlockInfo] = []
        self._where: dict[str, tuple[int, int]] = {}  # id -> (block index, position)
        self._entries: dict[str, Entry] = {e.id: e for e in template}
        stack: list[tuple[int, str]] = []  # (level, heading text) of the open sections
        for number, (layout, entries) in enumerate(entry_blocks(template, strict=False)):
            path = tuple(h for _, h in stack)
            if layout.kind == "heading":
                level = int(layout.label)
                while stack and stack[-1][0] >= level:
                    stack.pop()
                path = tuple(h for _, h in stack)
                stack.append((level, " ".join(e.source for e in entries)))
            elif layout.kind == "note":
                path = (_NOTES,)
            ids = tuple(e.id for e in entries)
            for k, entry_id in enumerate(ids):
                self._where[entry_id] = (number, k)
            self.blocks.append(BlockInfo(number + 1, layout, ids, path))

    def source(self, entry_id: str) -> str | None:
        entry = self._entries.get(entry_id)
        return entry.source if entry is not None else None

    def block_of(self, entry_id: str) -> tuple[BlockInfo, int] | None:
        """The block holding `entry_id` and the segment's position in it."""
        where = self._where.get(entry_id)
        if where is None:
            return None
        return self.blocks[where[0]], where[1]

    def preview(self, entry_id: str, texts: Mapping[str, str]) -> Block | None:
        """The block around `entry_id` rebuilt in another language (`texts`: id → text;
        segments missing from it keep their source text)."""
        found = self.block_of(entry_id)
        if found is None:
            return None
        info, _ = found
        return Block(info.layout, [texts.get(i, self._entries[i].source) for i in info.ids])
