"""``transkit import``: a source article → template and PO files, or an update of them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from transkit.catalog import Catalog, Entry
from transkit.config import check_doc_name, name_from
from transkit.document import FOOTNOTE_RE, Document
from transkit.errors import InputError, TranskitError
from transkit.export.markdown import render_markdown
from transkit.fsutil import (
    MAX_PO_BYTES,
    MAX_SOURCE_BYTES,
    read_input,
)
from transkit.importers.html import looks_like_html, parse_html, split_document
from transkit.importers.markdown import parse_markdown
from transkit.importers.scrape import parse_scrape
from transkit.merge import IMPORT
from transkit.project import Project
from transkit.store import Store, Version
from transkit.template import assign_ids, build_template, new_translation, pot_header
from transkit.update import align, update_translation

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


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
    renumbered: int = 0  # only their footnote labels changed: work kept
    footnotes: int = 0
    unresolved: list[int] = field(default_factory=list)  # endnotes with no reference
    dangling: list[str] = field(default_factory=list)  # references with no endnote
    dropped: list[str] = field(default_factory=list)  # page chrome left out
    warnings: list[str] = field(default_factory=list)  # "path:line: warning: …", to print
    written: list[Path] = field(default_factory=list)


@dataclass
class Source:
    """An article as the importer understood it."""

    markdown: str
    dropped: list[str] = field(default_factory=list)  # page chrome left out
    unresolved: list[int] = field(default_factory=list)  # endnotes with no reference
    warnings: list[str] = field(default_factory=list)  # "path:line: warning: …"
    #: Whether ``{.caption}`` / ``{.byline}`` lines are the author's own (kept
    #: on export) rather than the importer's notation for a scraped page.
    attributes: bool = True
    document: Document | None = None  # read straight from the source (HTML), not from Markdown


#: Control characters are never prose: C0 (but tab, line feed, carriage
#: return), DEL and C1. An ESC in an article would reach every reviewer's
#: terminal and every exported page; the import is refused.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Bidi marks, embeddings, overrides and isolates, and invisible characters:
#: right-to-left text may need some, but they can also hide or reorder what a
#: reader sees. Imported, with a warning per character.
_INVISIBLE_RE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def read_text(path: Path) -> str:
    """The source's text: a regular file of sane size, UTF-8 (a BOM is dropped)."""
    data = read_input(path, limit=MAX_SOURCE_BYTES, what="source")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", path, line) from None


#: At most this many lines with control characters are listed, one a line.
MAX_LISTED = 50


def check_characters(text: str, path: Path) -> list[str]:
    """Refuse control characters (`InputError` naming every line that holds
    one, so all are fixed at once); one warning line for each distinct bidi
    or invisible character, at its first line."""
    found: dict[int, list[str]] = {}  # line -> its control characters, escaped
    for match in _CONTROL_RE.finditer(text):
        escaped = _escaped(ord(match.group()))
        chars = found.setdefault(_line_of(text, match.start()), [])
        if escaped not in chars:
            chars.append(escaped)
    if found:
        total = len(_CONTROL_RE.findall(text))
        codes = [ord(m.group()) for m in _CONTROL_RE.finditer(text)]
        hint = " (a C1 control: text decoded as Latin-1 by mistake?)" if max(codes) >= 0x80 else ""
        lines = list(found.items())
        first_line, first_chars = lines[0]
        more = [
            f"{path}:{n}: control character{'s' if len(c) > 1 else ''} {' '.join(c)}"
            for n, c in lines[1:MAX_LISTED]
        ]
        if len(lines) > MAX_LISTED:
            more.append(f"{path}: and {len(lines) - MAX_LISTED} more lines with control characters")
        others = f", {total - 1} more in all" if total > 1 else ""
        raise InputError(
            f"control character{'s' if len(first_chars) > 1 else ''} {' '.join(first_chars)} "
            f"in the source{hint}{others}: an article holds none; remove "
            f"{'them' if total > 1 else 'it'} and import again",
            path,
            first_line,
            more=tuple(more),
        )
    first: dict[str, int] = {}
    counts: dict[str, int] = {}
    for match in _INVISIBLE_RE.finditer(text):
        char = match.group()
        first.setdefault(char, match.start())
        counts[char] = counts.get(char, 0) + 1
    warnings = []
    for char, pos in first.items():
        kind = "bidi control" if char in _BIDI else "invisible character"
        name = unicodedata.name(char, "")
        times = f", {counts[char]} times" if counts[char] > 1 else ""
        warnings.append(
            f"{path}:{_line_of(text, pos)}: warning: {kind} {_escaped(ord(char))} ({name}) "
            f"in the source{times}: imported; check that the text needs it"
        )
    return warnings


def _escaped(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def source_markdown(path: Path, fmt: str | None = None) -> Source:
    """The article as Markdown, with the chrome dropped and the endnotes unfound."""
    text = read_text(path)
    warnings = check_characters(text, path)
    kind = fmt or detect_format(path, text)
    if kind == "md":
        return Source(text, warnings=warnings)
    if kind == "html":
        page = parse_html(text)
        # Captions come from the markup (<figcaption>), not from {.caption} lines.
        return Source(render_markdown(page.document), page.dropped, page.unresolved, warnings,
                      False, document=page.document)
    result = parse_scrape(text)
    return Source(
        render_markdown(result.document), result.dropped, result.unresolved, warnings, False
    )


def detect_format(path: Path, text: str) -> str:
    """``md``, ``html`` or ``text``: by suffix, else HTML when the text opens
    like HTML (a saved page, a post's block comments or first tag)."""
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "md"
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        return "html"
    return "text"


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
    """Create or update a document's files.

    Everything is read (and validated) before anything is written, so a bad
    file stops the import with no file changed. Each translation is then
    written through the store with the `IMPORT` rule, holding its lock only
    for its own merge and write: a reviewer who saves meanwhile is merged in,
    and never waits for the whole import.
    """
    name = check_doc_name(name or name_from(source, "article"))
    store = Store(project)
    # Every translation read and validated first, then let go: each is read
    # again just before its own save (a large article's files are never all
    # in memory at once; what a reviewer saved in between is merged in).
    # Before the source is parsed, so that the two never take memory together.
    existing: dict[str, bool] = {}
    for lang in project.config.all_languages:
        existing[lang] = project.po_path(name, lang).exists()
        if existing[lang]:
            store.read(name, lang)
    understood = source_markdown(source, fmt)
    if understood.document is not None:  # HTML: its structure as read, verbatim blocks too
        doc = split_document(understood.document) if sentences else understood.document
    else:
        doc = parse_markdown(
            understood.markdown, sentences=sentences, path=str(source),
            marked=understood.attributes,
        )
    if not doc.segment_texts():
        raise TranskitError("no text found to import", source)
    stamp = stamp or now_stamp()
    day = stamp[:10]
    source_lang = project.config.source_language

    template_path = project.template_path(name)
    old_template = project.load_template(name, fast=True) if template_path.exists() else None
    report = ImportReport(
        name, old_template is None, len(doc.segment_texts()), len(doc.translatable())
    )
    report.dropped, report.unresolved = understood.dropped, understood.unresolved
    report.warnings = understood.warnings
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
        report.renumbered = len(alignment.renumbered)

    check_readable_size(template, source)
    del understood, doc, old_template  # a large article: its text lives on in the template

    untranslated: list[Entry] = []  # what every new target language starts with

    def updated(lang: str, version: Version | None) -> Catalog:
        edition = lang == source_lang
        if version is None:
            header = project.po_header(name, lang, template)
            if edition:
                return new_translation(template, header, edition=True, on=day)
            # Made once and shared: the store never changes a catalog it is given.
            if not untranslated:
                untranslated[:] = new_translation(template, header, edition=False, on=day).entries
            return Catalog(header=dict(header), entries=[*untranslated])
        return update_translation(version.catalog, template, edition=edition, on=day)

    files = 1 + len(existing)
    saved: set[str] = set()
    try:
        if store.save_template(name, template):
            report.written.append(template_path)
        # One language at a time, each let go once saved; the targets right
        # after the template, whose untranslated entries a first import
        # gives them too (the writer formats those once). Reported in order.
        for lang in sorted(existing, key=lambda lang: lang == source_lang):
            version = store.read(name, lang) if existing[lang] else None
            catalog = updated(lang, version)
            if lang == source_lang:  # the last: a large article's template is let go first
                del template
                untranslated.clear()
            if store.save(name, lang, catalog, version, IMPORT).written:
                saved.add(lang)
            del version, catalog
        report.written += [project.po_path(name, lang) for lang in existing if lang in saved]
    except TranskitError as exc:
        done = f"{len(report.written) + len(saved)} of {files} files written"
        raise TranskitError(
            f"{exc.message}; {done}: run the same import again to finish", exc.path, exc.line
        ) from None
    return report


#: What every entry of the English edition holds besides its text, at least:
#: the approval comment, msgctxt, the msgid and msgstr keywords, quotes, blank line.
_EDITION_ENTRY_BYTES = 97


def check_readable_size(template: Catalog, source: Path) -> None:
    """Refuse, before anything is written, a source whose English edition
    (every sentence twice) would be larger than transkit reads back: the
    import would leave files no later command opens. A lower bound, so an
    article this refuses could never have been read."""
    text = sum(len(e.source.encode("utf-8")) for e in template.entries)
    least = 2 * text + _EDITION_ENTRY_BYTES * len(template.entries)
    if least > MAX_PO_BYTES:
        raise InputError(
            f"too large to translate as one document: its PO files would hold at least "
            f"{least / 2**20:.0f} MiB, and transkit reads PO files of at most "
            f"{MAX_PO_BYTES / 2**20:.0f} MiB; split it into several documents",
            source,
        )


def _count_footnotes(doc: Document, report: ImportReport) -> None:
    labels = {b.layout.label for b in doc.notes()}
    refs = [m.group(1) for t in doc.segment_texts() for m in FOOTNOTE_RE.finditer(t)]
    report.footnotes = len(refs)
    report.dangling = sorted({r for r in refs if r not in labels})
