"""Documents ⇄ catalogs: the POT template and the per-language PO files.

The template holds everything needed to rebuild the document: entries in
reading order, each block's first entry carrying its layout as an extracted
comment (``#. quote > paragraph``); later sentences of the same block carry
none. Segment ids (msgctxt) are made once, from the text a segment had when
it first appeared, and then kept by `transkit.update` through every edit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from transkit.catalog import Catalog, Entry, layout_comment
from transkit.document import Block, Document, Layout
from transkit.errors import PoError
from transkit.status import mark_approved

_ID_PREFIX = {
    "title": "t",
    "byline": "b",
    "caption": "c",
    "heading": "h",
    "paragraph": "p",
    "note": "n",
}

# Header fields in the order GNU tools and Poedit write them.
POT_FIELDS = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
)


def new_id(layout: Layout, text: str, taken: set[str], tried: dict[str, int] | None = None) -> str:
    """A short id from the text's hash; unique within the document.

    A repeated sentence gets ``-2``, ``-3``…: `tried` (base → the next suffix
    worth trying) lets the k-th repeat start where the last one stopped, as
    `taken` only grows, so n repeats cost n steps, not n²/2.
    """
    prefix = _ID_PREFIX[layout.kind]
    if layout.kind == "paragraph" and layout.in_quote:
        prefix = "q"
    elif layout.kind == "paragraph" and layout.containers:
        prefix = "l"
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    base = f"{prefix}-{digest[:6]}"
    n = tried.get(base, 1) if tried is not None else 1  # 1: the bare base
    candidate = base if n == 1 else f"{base}-{n}"
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    if tried is not None:
        tried[base] = n + 1
    taken.add(candidate)
    return candidate


def assign_ids(doc: Document, known: Iterable[str | None] = ()) -> list[str]:
    """Ids for every segment of `doc`: the known ones kept, new ones made."""
    known = list(known)
    taken = {k for k in known if k}
    tried: dict[str, int] = {}
    ids: list[str] = []
    n = 0
    for block in doc.blocks:
        for text in block.segments:
            given = known[n] if n < len(known) else None
            ids.append(given or new_id(block.layout, text, taken, tried))
            n += 1
    return ids


def pot_header(name: str, created: str, source_language: str) -> dict[str, str]:
    """Every field ``msgfmt --check`` looks for, none left at a default value.
    Language is the source language: the msgids' language."""
    return {
        "Project-Id-Version": name,
        "POT-Creation-Date": created,
        "PO-Revision-Date": created,
        "Last-Translator": "transkit",
        "Language-Team": "none",
        "Language": source_language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "transkit",
    }


def build_template(doc: Document, ids: list[str], header: dict[str, str]) -> Catalog:
    entries: list[Entry] = []
    n = 0
    for block in doc.blocks:
        for k, text in enumerate(block.segments):
            notes = [layout_comment(str(block.layout))] if k == 0 else []
            entries.append(Entry(id=ids[n], source=text, notes=notes))
            n += 1
    return Catalog(header=dict(header), entries=entries)


def entry_blocks(
    template: Catalog, *, strict: bool = True, path: str = "<template>"
) -> list[tuple[Layout, list[Entry]]]:
    """The template's entries grouped into blocks, with each block's layout.

    Strict, a missing or bad layout is a `PoError`. Lenient (for aids that
    must not fail on a hand-made template: draft contexts, the review
    outline, checks), such a block is taken for a paragraph.
    """
    blocks: list[tuple[Layout, list[Entry]]] = []
    for entry in template:
        note = entry.layout_note
        if note is not None or not blocks:
            try:
                if note is None:
                    raise ValueError("the first entry does not say what block it starts")
                layout = Layout.parse(note)
            except ValueError as exc:
                if strict:
                    what = f"bad block layout {note!r}: {exc}" if note is not None else str(exc)
                    raise PoError(what, path, entry.line) from None
                layout = Layout("paragraph")
            blocks.append((layout, []))
        blocks[-1][1].append(entry)
    return blocks


def document_from_template(
    template: Catalog, texts: Mapping[str, str] | None = None, path: str = "<template>"
) -> Document:
    """Rebuild the document from the template alone; with `texts` (id → text,
    e.g. one language's translations) those replace the source segments."""
    texts = texts or {}
    return Document(
        [
            Block(layout, [texts.get(e.id, e.source) for e in entries])
            for layout, entries in entry_blocks(template, path=path)
        ]
    )


def new_translation(
    template: Catalog, header: dict[str, str], *, edition: bool, on: str
) -> Catalog:
    """An empty PO catalog, or for the source language's edition the source
    text itself, approved (copy-edits to the English are made there)."""
    entries = []
    for t in template:
        entry = Entry(id=t.id, source=t.source, notes=list(t.notes))
        if edition:
            entry.target = t.source
            mark_approved(entry, reviewer="source", on=on)
        entries.append(entry)
    return Catalog(header=dict(header), entries=entries)
