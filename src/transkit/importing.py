"""``transkit import``: a source article → template and PO files, or an update of them."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from transkit.catalog import Catalog
from transkit.config import check_doc_name
from transkit.document import FOOTNOTE_RE, Document
from transkit.errors import TranskitError
from transkit.export.markdown import render_markdown
from transkit.fsutil import write_atomic
from transkit.importers.markdown import parse_markdown
from transkit.importers.scrape import parse_scrape
from transkit.po import format_catalog
from transkit.project import Project
from transkit.template import assign_ids, build_template, new_translation, pot_header
from transkit.update import align, update_translation

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")


@dataclass
class ImportReport:
    doc: str
    created: bool
    segments: int
    blocks: int
    new: int = 0
    edited: int = 0
    moved: int = 0
    removed: int = 0
    footnotes: int = 0
    unresolved: list[int] = field(default_factory=list)  # endnotes with no reference
    dangling: list[str] = field(default_factory=list)  # references with no endnote
    dropped: list[str] = field(default_factory=list)  # page chrome left out
    written: list[Path] = field(default_factory=list)


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TranskitError("no such file", path) from None
    except IsADirectoryError:
        raise TranskitError("is a folder, not a file", path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TranskitError("not UTF-8 text", path, line) from None


def source_markdown(path: Path, fmt: str | None = None) -> tuple[str, list[str], list[int]]:
    """The article as Markdown, with the chrome dropped and the endnotes unfound."""
    text = read_text(path)
    is_markdown = fmt == "md" if fmt else path.suffix.lower() in MARKDOWN_SUFFIXES
    if is_markdown:
        return text, [], []
    result = parse_scrape(text)
    return render_markdown(result.document), result.dropped, result.unresolved


def default_name(path: Path) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return slug[:80] or "article"


def now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")


def import_document(
    project: Project,
    source: Path,
    name: str | None = None,
    *,
    fmt: str | None = None,
    sentences: bool = True,
    stamp: str | None = None,
) -> ImportReport:
    """Create or update a document's files. Everything is read (and
    validated) before anything is written, so a bad file stops the import
    with no file changed; the translations are held (`Project.writing`) from
    that reading to the writing, so a review app saving meanwhile waits."""
    name = check_doc_name(name or default_name(source))
    with contextlib.ExitStack() as held:
        for lang in sorted(project.config.all_languages):
            held.enter_context(project.writing(name, lang))
        return _import(project, source, name, fmt, sentences, stamp)


def _import(project: Project, source: Path, name: str, fmt: str | None, sentences: bool,
            stamp: str | None) -> ImportReport:
    markdown, dropped, unresolved = source_markdown(source, fmt)
    doc = parse_markdown(markdown, sentences=sentences, path=str(source))
    if not doc.blocks:
        raise TranskitError("no text found to import", source)
    stamp = stamp or now_stamp()
    day = stamp[:10]
    source_lang = project.config.source_language

    template_path = project.template_path(name)
    old_template = project.load_template(name) if template_path.exists() else None
    old_pos: dict[str, Catalog | None] = {}
    for lang in project.config.all_languages:
        path = project.po_path(name, lang)
        old_pos[lang] = project.load_translation(name, lang) if path.exists() else None

    report = ImportReport(name, old_template is None, len(doc.segment_texts()), len(doc.blocks))
    report.dropped, report.unresolved = dropped, unresolved
    _count_footnotes(doc, report)
    if old_template is None:
        ids = assign_ids(doc)
        template = build_template(doc, ids, pot_header(name, stamp, source_lang))
        report.new = len(ids)
    else:
        alignment = align(old_template, doc)
        ids = assign_ids(doc, alignment.ids)
        template = build_template(doc, ids, old_template.header)
        report.new = sum(1 for i in alignment.ids if i is None)
        report.edited, report.moved = len(alignment.edited), len(alignment.moved)
        report.removed = len(alignment.removed)

    outputs: dict[Path, Catalog] = {template_path: template}
    for lang, po in old_pos.items():
        edition = lang == source_lang
        if po is None:
            header = project.po_header(name, lang, template)
            po = new_translation(template, header, edition=edition, on=day)
        else:
            po = update_translation(po, template, edition=edition, on=day)
        outputs[project.po_path(name, lang)] = po

    for path, catalog in outputs.items():
        text = format_catalog(catalog)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
            report.written.append(path)
    return report


def _count_footnotes(doc: Document, report: ImportReport) -> None:
    labels = {b.layout.label for b in doc.notes()}
    refs = [m.group(1) for t in doc.segment_texts() for m in FOOTNOTE_RE.finditer(t)]
    report.footnotes = len(refs)
    report.dangling = sorted({r for r in refs if r not in labels})
