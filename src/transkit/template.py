"""Documents ⇄ catalogs: the POT template and the per-language PO files.

The template holds everything needed to rebuild the document: entries in
reading order, each block's first entry carrying its layout as an extracted
comment (``#. quote > paragraph``); later sentences of the same block carry
none. Segment ids (msgctxt) are made once, from the text a segment had when
it first appeared, and then kept by `transkit.update` through every edit.

Verbatim blocks (code, HTML, rules, front matter, table skeletons) are not
entries: each is an extracted comment on the first entry of the next block,
before its layout (``#. kept: code | ```py\n…```; `encode_comment` keeps it
on one line), or, at the very end, after the last block's layout (``#. kept
after: …``). So they live in the template only: per-language PO files,
status counts, drafts, checks and the review app never see them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from transkit.catalog import (
    KEPT_AFTER,
    KEPT_BEFORE,
    Catalog,
    Entry,
    decode_comment,
    encode_comment,
    is_kept_note,
    layout_comment,
)
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
    "meta": "m",
    "cell": "d",
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
    for block in doc.translatable():
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
    """The POT of `doc`; verbatim blocks ride on the next block's first entry.

    A document with nothing to translate has no entry to carry them: ValueError
    (importers refuse such a source first)."""
    entries: list[Entry] = []
    kept: list[str] = []  # verbatim blocks waiting for the next block
    n = 0
    first: Entry | None = None  # the last block's first entry
    for block in doc.blocks:
        if block.verbatim:
            kept.append(kept_comment(block, KEPT_BEFORE))
            continue
        for k, text in enumerate(block.segments):
            notes = [*kept, layout_comment(str(block.layout))] if k == 0 else []
            entries.append(Entry(id=ids[n], source=text, notes=notes))
            if k == 0:
                first, kept = entries[-1], []
            n += 1
    if kept:
        if first is None:
            raise ValueError("nothing to translate: a template needs at least one segment")
        first.notes += [KEPT_AFTER + note[len(KEPT_BEFORE) :] for note in kept]
    return Catalog(header=dict(header), entries=entries)


def kept_comment(block: Block, prefix: str = KEPT_BEFORE) -> str:
    """The extracted comment holding verbatim `block`: ``kept: LAYOUT | SOURCE``
    (``kept: LAYOUT |`` for an empty source: no trailing space to lose)."""
    source = block.segments[0]
    return prefix + encode_comment(f"{block.layout} | {source}" if source else f"{block.layout} |")


def _kept_block(note: str) -> Block:
    """Inverse of `kept_comment` (ValueError if malformed)."""
    body = decode_comment(note[len(KEPT_AFTER if note.startswith(KEPT_AFTER) else KEPT_BEFORE) :])
    layout, sep, source = body.partition(" | ")
    if not sep and body.endswith(" |"):
        layout, sep, source = body[:-2], " | ", ""
    if not sep:
        raise ValueError("a kept block needs 'LAYOUT | SOURCE'")
    parsed = Layout.parse(layout)
    if not parsed.verbatim:
        raise ValueError(f"{parsed.kind!r} blocks are translated, not kept")
    return Block.kept(parsed, source)


def translation_notes(entry: Entry) -> list[str]:
    """A template entry's extracted comments as a PO file carries them:
    verbatim blocks stay in the template."""
    return [n for n in entry.notes if not is_kept_note(n)]


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


def template_blocks(
    template: Catalog, *, strict: bool = True, path: str = "<template>"
) -> list[tuple[Layout, list[Entry]] | Block]:
    """Every block of the template in reading order: a translatable one as
    its layout and entries, a verbatim one as its `Block`.

    Strict, a malformed kept block is a `PoError`; lenient, it is left out.
    """
    out: list[tuple[Layout, list[Entry]] | Block] = []
    for layout, entries in entry_blocks(template, strict=strict, path=path):
        after: list[Block] = []
        for note in entries[0].notes:
            if not is_kept_note(note):
                continue
            try:
                block = _kept_block(note)
            except ValueError as exc:
                if strict:
                    raise PoError(f"bad kept block: {exc}", path, entries[0].line) from None
                continue
            (after if note.startswith(KEPT_AFTER) else out).append(block)
        out.append((layout, entries))
        out += after
    return out


def document_from_template(
    template: Catalog, texts: Mapping[str, str] | None = None, path: str = "<template>"
) -> Document:
    """Rebuild the document from the template alone; with `texts` (id → text,
    e.g. one language's translations) those replace the source segments."""
    texts = texts or {}
    return Document(
        [
            part if isinstance(part, Block)
            else Block(part[0], [texts.get(e.id, e.source) for e in part[1]])
            for part in template_blocks(template, path=path)
        ]
    )


def new_translation(
    template: Catalog, header: dict[str, str], *, edition: bool, on: str
) -> Catalog:
    """An empty PO catalog, or for the source language's edition the source
    text itself, approved (copy-edits to the English are made there)."""
    entries = []
    notes: dict[tuple[str, ...], list[str]] = {}  # most entries' notes are alike
    for t in template:
        key = tuple(t.notes)
        if key not in notes:
            notes[key] = translation_notes(t)
        entry = Entry(id=t.id, source=t.source, notes=[*notes[key]])
        if edition:
            entry.target = t.source
            mark_approved(entry, reviewer="source", on=on)
        entries.append(entry)
    return Catalog(header=dict(header), entries=entries)
