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
from transkit.template import document_from_template

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
        self._entries: dict[str, Entry] = {}
        stack: list[tuple[int, str]] = []  # (level, heading text)
        pending: list[Entry] = []
        layout: Layout | None = None

        def close() -> None:
            if layout is None or not pending:
                return
            text = " ".join(e.source for e in pending)
            if layout.kind == "heading":
                level = int(layout.label)
                while stack and stack[-1][0] >= level:
                    stack.pop()
                path = tuple(h for _, h in stack)
                stack.append((level, text))
            elif layout.kind == "note":
                path = (_NOTES,)
            else:
                path = tuple(h for _, h in stack)
            number = len(self.blocks)
            ids = tuple(e.id for e in pending)
            for k, entry_id in enumerate(ids):
                self._where[entry_id] = (number, k)
            self.blocks.append(BlockInfo(number + 1, layout, ids, path))

        for entry in template:
            self._entries[entry.id] = entry
            note = entry.layout_note
            if note is not None or layout is None:
                close()
                pending = []
                try:
                    layout = Layout.parse(note) if note is not None else Layout("paragraph")
                except ValueError:
                    layout = Layout("paragraph")
            pending.append(entry)
        close()

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
        entries = [self._entries[i] for i in info.ids]
        if entries[0].layout_note is None:  # a template without layouts: plain paragraphs
            return Block(info.layout, [texts.get(e.id, e.source) for e in entries])
        # The block's own template entries; the first carries the layout note.
        return document_from_template(Catalog(entries=entries), texts).blocks[0]
