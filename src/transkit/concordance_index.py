"""The concordance's index: each PO file's segments, folded for search, kept
in ``.transkit/cache/find/`` beside nothing that matters.

A search over 200 documents × 4 languages reads some 80 MB of PO text;
folding it (case, accents) costs seconds, far over the half second a
translator waits for. So each file is folded once, into one line per segment
(its place, status, folded source, folded translation), and folded again
only when its stamp (mtime, size, inode) changes. A search then reads the
small index files, counts and ranks every hit from them alone, and parses
only the PO files whose segments it shows. The index is a cache: deleting
it loses nothing; a corrupt one is rebuilt.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from transkit.concordance import Hit, fold, fold_many
from transkit.errors import TranskitError
from transkit.fsutil import MAX_PO_BYTES, read_input, stamp_of, state_dir, write_cache
from transkit.po import scan_catalog
from transkit.status import Status, status_of

if TYPE_CHECKING:
    from transkit.project import Project

_VERSION = "transkit-find 1"
_SEP = "\x1f"  # whitespace to `fold`, so never inside a folded text
_STATUS = {s.value: s for s in Status}
_RANK = {s: n for n, s in enumerate(reversed(Status))}


@dataclass(frozen=True)
class _Found:
    rank: int
    doc: str
    order: int
    lang: str
    where: str


@dataclass(frozen=True)
class Result:
    """The hits to show (ranked, at most the limit asked), how many there are
    in all, and one line per file that could not be read."""

    hits: list[Hit]
    total: int
    problems: list[str]


def search(
    project: Project, query: str, docs: list[str], languages: list[str], limit: int
) -> Result:
    """Every segment of `docs` in `languages` whose source or translation holds
    `query` (as `concordance.find` matches), approved first; `limit` 0: all."""
    wanted = fold(query)
    found: list[_Found] = []
    problems: list[str] = []
    if not wanted:
        return Result([], 0, [])
    state = state_dir(project.root)
    for lang in languages:
        folder = project.po_path("x", lang).parent
        for doc in docs:
            try:
                lines = _index(state, folder / f"{doc}.po", doc, lang)
            except TranskitError as exc:  # one broken file hides nothing else
                problems.append(str(exc))
                continue
            if lines is not None:
                found.extend(_found(lines, wanted, doc, lang))
    found.sort(key=lambda f: (f.rank, f.doc, f.order, f.lang))
    chosen = found if limit <= 0 else found[:limit]
    return Result(_hits(project, chosen, problems), len(found), problems)


def _found(lines: str, wanted: str, doc: str, lang: str) -> list[_Found]:
    """The segments of one file's folded lines that hold `wanted`: found with
    `str.find` and widened to their line, so a common word costs its
    occurrences, not the file's length."""
    out: list[_Found] = []
    pos = lines.find(wanted)
    while pos >= 0:
        start = lines.rfind("\n", 0, pos) + 1
        end = lines.find("\n", pos)
        order, status, source, target = lines[start:end].split(_SEP, 3)
        if wanted in source or wanted in target:  # not a match in the status's word
            where = "source" if wanted in source else "target"
            out.append(_Found(_RANK[_STATUS[status]], doc, int(order), lang, where))
        pos = lines.find(wanted, end)
    return out


def _hits(project: Project, chosen: list[_Found], problems: list[str]) -> list[Hit]:
    """The chosen places as hits with their texts, from the PO files themselves."""
    catalogs: dict[tuple[str, str], list[Hit | None]] = {}
    out: list[Hit] = []
    for f in chosen:
        key = (f.doc, f.lang)
        if key not in catalogs:
            path = project.po_path(f.doc, f.lang)
            try:
                catalog = scan_catalog(read_input(path, limit=MAX_PO_BYTES), path)
            except TranskitError as exc:  # changed under us, and now broken
                problems.append(str(exc))
                catalogs[key] = []
                continue
            catalogs[key] = [
                Hit(f.doc, e.id, f.lang, status_of(e), e.source, e.target, "", n)
                for n, e in enumerate(catalog)
            ]
        entries = catalogs[key]
        if f.order < len(entries) and (hit := entries[f.order]) is not None:
            out.append(Hit(hit.doc, hit.id, hit.lang, hit.status, hit.source, hit.target,
                           f.where, hit.order))
    return out


def _index(state: Path, path: Path, doc: str, lang: str) -> str | None:
    """The folded lines of one PO file, from the cache when it is current;
    None when the file does not exist."""
    stamp = stamp_of(path)
    if stamp is None:
        return None
    head = f"{_VERSION} {stamp[0]} {stamp[1]} {stamp[2]}\n"
    cached = state / "cache" / "find" / lang / f"{doc}.idx"
    with contextlib.suppress(OSError, UnicodeDecodeError):
        text = cached.read_text(encoding="utf-8")
        if text.startswith(head):
            return text[len(head):]
    catalog = scan_catalog(read_input(path, limit=MAX_PO_BYTES, what="PO file"), path)
    # Folded in one call (C speed) with NUL between fields, which no PO text
    # holds and folding keeps; each field's spaces are then collapsed.
    fields = fold_many([text for e in catalog for text in (e.source, e.target)])
    body = "".join(
        f"{n}{_SEP}{status_of(e).value}{_SEP}{fields[2 * n]}{_SEP}{fields[2 * n + 1]}\n"
        for n, e in enumerate(catalog)
    )
    write_cache(cached, head + body)
    return body

