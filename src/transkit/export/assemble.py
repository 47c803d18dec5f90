"""One language's version of a document, and whether it may be published.

The template gives the structure and the English; a language's PO gives the
texts. A segment is *publishable* when its status reaches the language's
publish level (``approved`` by default, ``translated`` if the config lowers
it). Every other segment is a `Gap`: the export gate refuses a language with
gaps, and ``--allow-incomplete`` shows the source text in their place, marked
(the renderers know where from `Edition.fallbacks`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from transkit.catalog import Catalog, Entry
from transkit.document import Block, Document
from transkit.status import Status, status_of
from transkit.template import document_from_template, template_blocks

#: The statuses a segment needs for each publish level of `config.LanguageSettings.publish`.
PUBLISHABLE = {
    "approved": frozenset({Status.APPROVED}),
    "translated": frozenset({Status.APPROVED, Status.TRANSLATED}),
}

#: How a gap is named in the gate's report (the statuses that are not final).
GAP_KINDS = {
    Status.UNTRANSLATED: "missing",
    Status.STALE: "stale",
    Status.DRAFT: "draft",
    Status.CONFLICT: "conflict",
    Status.NEEDS_WORK: "needs-work",
    Status.TRANSLATED: "unreviewed",
    Status.APPROVED: "approved",  # never a gap, listed for completeness
}


@dataclass(frozen=True)
class Gap:
    """A segment that may not be published yet, and why."""

    id: str
    status: Status
    source: str  # the English, to recognise the segment in the report
    position: tuple[int, int]  # (block, segment) in the document

    @property
    def kind(self) -> str:
        return GAP_KINDS[self.status]

    def first_words(self, n: int = 8) -> str:
        words = self.source.split()
        return " ".join(words[:n]) + (" …" if len(words) > n else "")


@dataclass(frozen=True)
class Edition:
    """A language's document: translations where publishable, source text in the gaps."""

    language: str
    document: Document
    gaps: tuple[Gap, ...] = ()
    source_language: str = "en"
    segments: int = 0
    fallbacks: frozenset[tuple[int, int]] = field(default=frozenset())

    @property
    def complete(self) -> bool:
        return not self.gaps

    def marked(self, wrap: Callable[[str], str]) -> Document:
        """The document with every fallback segment passed through `wrap`
        (how Markdown and plain text show that a segment is not translated)."""
        blocks = []
        for b, block in enumerate(self.document.blocks):
            segments = [
                wrap(text) if (b, s) in self.fallbacks else text
                for s, text in enumerate(block.segments)
            ]
            blocks.append(Block(block.layout, segments))
        return Document(blocks)


def segment_status(source: Entry, entry: Entry | None) -> Status:
    """The status of a language's entry for the template's `source` entry.

    An entry whose msgid is not the template's (a PO not merged since the
    source changed) is stale, whatever its own flags say.
    """
    if entry is None or not entry.target:
        return Status.UNTRANSLATED
    if entry.source != source.source:
        return Status.STALE
    return status_of(entry)


def assemble(
    template: Catalog,
    translation: Catalog | None,
    language: str,
    *,
    publish: str = "approved",
    source_language: str = "en",
) -> Edition:
    """`language`'s edition from the template and its PO (None: no PO yet).

    Pure: the caller decides what to do with an incomplete edition.
    """
    try:
        wanted = PUBLISHABLE[publish]
    except KeyError:
        raise ValueError(f"unknown publish level {publish!r}") from None
    entries = translation.by_id() if translation is not None else {}
    texts: dict[str, str] = {}
    pending: list[tuple[Entry, Status]] = []
    count = 0
    for source in template:
        count += 1
        entry = entries.get(source.id)
        status = segment_status(source, entry)
        if status in wanted and entry is not None:
            texts[source.id] = entry.target
        else:
            pending.append((source, status))
    document = document_from_template(template, texts)
    positions = _positions(template)
    gaps = tuple(Gap(e.id, st, e.source, positions[e.id]) for e, st in pending)
    return Edition(
        language=language,
        document=document,
        gaps=gaps,
        source_language=source_language,
        segments=count,
        fallbacks=frozenset(g.position for g in gaps),
    )


def _positions(template: Catalog) -> dict[str, tuple[int, int]]:
    """Segment id → (block, segment) in the document built from `template`
    (verbatim blocks count as blocks, and hold no segment of the template)."""
    return {
        e.id: (b, s)
        for b, part in enumerate(template_blocks(template))
        if not isinstance(part, Block)
        for s, e in enumerate(part[1])
    }


@dataclass(frozen=True)
class Selection:
    """Which requested editions are published, which refused, and which
    versions the language line links to."""

    published: list[str]
    refused: list[str]
    linked: list[str]


def select(
    editions: Mapping[str, Edition], requested: Sequence[str], *, allow_incomplete: bool = False
) -> Selection:
    """The gate. `editions` holds every language (in config order), so the
    language line links to each version that is complete or published now, and
    never to one that was refused."""
    published = [lang for lang in requested if editions[lang].complete or allow_incomplete]
    refused = [lang for lang in requested if lang not in published]
    linked = [lang for lang, ed in editions.items() if ed.complete or lang in published]
    return Selection(published, refused, linked)
