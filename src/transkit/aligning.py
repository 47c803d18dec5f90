"""``transkit align``: an existing translation → drafts in a document's PO file.

The translation is read by the import's own readers (`importing.source_markdown`:
Markdown, a scraped page's text, and whatever reader import gains), aligned
by the pure `transkit.align` core, and written through the store with the
`DRAFT` rule, so a reviewer's save meanwhile is merged in and wins. Only
segments nobody has finished are filled: untranslated ones, machine drafts
and align's own earlier work; translated, approved, needs-work, stale and
conflicting text is never replaced, so running align again is safe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from transkit.align.aligner import (
    LOW_CONFIDENCE,
    Aligner,
    Alignment,
    Segment,
    SourceBlock,
    TargetBlock,
)
from transkit.align.confidence import ALIGN_ENGINE
from transkit.align.sentences import split_sentences
from transkit.catalog import Catalog, Entry, copy_entry, fit_newlines
from transkit.document import Document
from transkit.errors import TranskitError
from transkit.importers.markdown import parse_markdown
from transkit.importing import read_text, source_markdown
from transkit.memory import TranslationMemory
from transkit.merge import DRAFT
from transkit.project import Project
from transkit.provenance import draft_text, set_draft_text
from transkit.status import Status, mark_draft, mark_joined, status_of, today
from transkit.store import Store
from transkit.template import entry_blocks, new_translation

#: The engine named in align's drafts (``# transkit: draft engine=align …``).
ENGINE = ALIGN_ENGINE  # one spelling, shared with the review app's aligned view
#: Statuses align may fill; a person's text (any other) is never replaced.
_FILLABLE = frozenset({Status.UNTRANSLATED, Status.DRAFT})
#: Memory matches at least this alike serve as a bridge.
_MEMORY_CUTOFF = 75.0


@dataclass
class Report:
    doc: str
    lang: str
    segments: int = 0
    aligned: list[tuple[str, float]] = field(default_factory=list)  # (id, confidence)
    joined: list[str] = field(default_factory=list)
    unaligned: list[tuple[str, str]] = field(default_factory=list)  # (id, source)
    unused: list[tuple[str, str, str | None]] = field(default_factory=list)  # place, text, after
    kept: list[str] = field(default_factory=list)  # finished segments left alone
    written: bool = False

    @property
    def low(self) -> list[tuple[str, float]]:
        return [(i, c) for i, c in self.aligned if c < LOW_CONFIDENCE]

    def to_dict(self) -> dict[str, object]:
        return {
            "doc": self.doc,
            "lang": self.lang,
            "segments": self.segments,
            "aligned": [{"id": i, "confidence": c} for i, c in self.aligned],
            "joined": self.joined,
            "low_confidence": [{"id": i, "confidence": c} for i, c in self.low],
            "unaligned": [{"id": i, "source": s} for i, s in self.unaligned],
            "unused": [{"place": p, "text": t, "after": a} for p, t, a in self.unused],
            "kept": self.kept,
            "written": self.written,
        }


def target_blocks(document: Document, lang: str) -> list[TargetBlock]:
    """The translation's blocks, paragraphs split into `lang`'s sentences."""
    out = []
    for n, block in enumerate(document.translatable(), 1):  # code, HTML… are not aligned
        text = block.text
        sentences = split_sentences(text, lang) if block.layout.kind == "paragraph" else [text]
        out.append(TargetBlock(block.layout, tuple(s for s in sentences if s), n))
    return out


def source_blocks(
    template: Catalog, catalog: Catalog, memory: TranslationMemory | None
) -> list[SourceBlock]:
    """The template's blocks, each segment with its bridge: the text the
    language already has for it (any status), its machine draft, or a memory match."""
    entries = catalog.by_id()
    blocks = []
    for layout, group in entry_blocks(template, strict=False):
        segments = []
        for e in group:
            have = entries.get(e.id)
            bridge = None
            if have is not None and have.meta.get("engine") != ENGINE:  # not our own guess
                bridge = have.target or draft_text(have)
            if not bridge and memory is not None and len(memory):
                found = memory.exact(e.source) or next(
                    iter(memory.suggest(e.source, limit=1, cutoff=_MEMORY_CUTOFF)), None
                )
                bridge = found.target if found else None
            segments.append(Segment(e.id, e.source, bridge or None))
        blocks.append(SourceBlock(layout, tuple(segments)))
    return blocks


def _fillable(entry: Entry) -> bool:
    status = status_of(entry)
    if status in _FILLABLE:
        return True
    return status is Status.JOINED and entry.meta.get("engine") == ENGINE


def apply(catalog: Catalog, alignment: Alignment, report: Report, day: str) -> Catalog:
    """A copy of `catalog` with the alignment filled in where nobody's text stands."""
    out = Catalog(dict(catalog.header), [copy_entry(e) for e in catalog.entries],
                  list(catalog.header_comments))
    found = alignment.by_id()
    for entry in out:
        got = found.get(entry.id)
        if got is None:
            continue
        if not _fillable(entry):
            report.kept.append(entry.id)
            continue
        conf = f"{got.confidence:.2f}"
        if got.joined:
            set_draft_text(entry, None)
            mark_joined(entry, on=day, engine=ENGINE, confidence=conf)
            report.joined.append(entry.id)
        else:
            entry.target = fit_newlines(got.text, entry.source)
            set_draft_text(entry, entry.target)
            mark_draft(entry, ENGINE, on=day, confidence=conf)
        report.aligned.append((entry.id, got.confidence))
    return out


def _place(text: str, sentence: str, path: Path, block: int) -> str:
    """``path:LINE`` where the sentence starts in the file, else its block."""
    probe = sentence[:40]
    pos = text.find(probe) if probe else -1
    if pos >= 0:
        return f"{path}:{text.count(chr(10), 0, pos) + 1}"
    return f"{path}: block {block}"


def align_translation(
    project: Project,
    doc: str,
    lang: str,
    path: Path,
    *,
    fmt: str | None = None,
    dry_run: bool = False,
    day: str | None = None,
) -> Report:
    """Align the translation at `path` to `doc` and save it into `lang`'s PO."""
    if lang == project.config.source_language:
        raise TranskitError(f"{lang} is the source language: align a translation into another")
    understood = source_markdown(path, fmt)
    document = parse_markdown(understood.markdown, sentences=False, path=str(path))
    if not document.segment_texts():
        raise TranskitError("no text found to align", path)
    template = project.load_template(doc)
    store = Store(project)
    po_path = project.po_path(doc, lang)
    base = store.read(doc, lang) if po_path.exists() else None
    day = day or today()
    catalog = (
        base.catalog if base is not None
        else new_translation(template, project.po_header(doc, lang, template), edition=False,
                             on=day)
    )
    memory = TranslationMemory.from_project(project, lang)
    source = source_blocks(template, catalog, memory)
    alignment = Aligner(lang).align(source, target_blocks(document, lang))
    report = Report(doc, lang, sum(len(b.segments) for b in source))
    updated = apply(catalog, alignment, report, day)
    texts = {e.id: e.source for e in template}
    report.unaligned = [(i, texts.get(i, "")) for i in alignment.unaligned]
    raw = read_text(path) if fmt == "md" or path.suffix.lower() in (".md", ".markdown") else ""
    report.unused = [
        (_place(raw or understood.markdown, u.text, path, u.block), u.text, u.after)
        for u in alignment.unused
    ]
    if not dry_run and (report.aligned or base is None):
        report.written = store.save(doc, lang, updated, base, DRAFT).written
    return report
