"""Segments and words in each status, per document and language."""

from __future__ import annotations

import argparse
import json
import sys

from transkit.stats import BAR_ORDER, Counts
from transkit.status import Status

#: Without colour (NO_COLOR), statuses are told apart by shade.
_GLYPHS = {
    Status.APPROVED: "█", Status.TRANSLATED: "▓", Status.NEEDS_WORK: "▒",
    Status.CONFLICT: "▒", Status.DRAFT: "▒", Status.STALE: "▒", Status.UNTRANSLATED: "░",
    Status.JOINED: "▓",
}
_SHOWN_ORDER = BAR_ORDER


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("doc", nargs="?", help="one document (default: all)")
    p.add_argument("--lang", help="languages, comma-separated (default: all)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    need = p.add_mutually_exclusive_group()
    need.add_argument("--todo", action="store_true",
                      help="list what needs a translator (untranslated, drafts, stale, "
                      "needs work, conflicts), largest first")
    need.add_argument("--stale", action="store_true",
                      help="list stale segments (source changed since), largest first")


def run(args: argparse.Namespace) -> int:
    from transkit.errors import EXIT_ERROR, TranskitError
    from transkit.project import Project
    from transkit.stats import TODO, count
    from transkit.terminal import shown

    project = Project.find()
    languages = project.resolve_languages(args.lang)
    report: dict[str, dict[str, Counts | str | None]] = {}  # str: "unreadable"
    broken: list[str] = []  # one unreadable file (conflict markers…) hides nothing else
    for doc in project.resolve_documents(args.doc):
        report[doc] = {}
        for lang in languages:
            path = project.po_path(doc, lang)
            try:
                report[doc][lang] = (
                    count(project.load_translation(doc, lang, fast=True))
                    if path.exists() else None
                )
            except TranskitError as exc:
                report[doc][lang] = "unreadable"
                broken.append(str(exc))
    unsaved = [str(p.relative_to(project.root)) for p in project.unsaved_files()]
    if args.todo or args.stale:
        _needs(report, TODO if args.todo else (Status.STALE,), args.json)
    elif args.json:
        data: dict[str, object] = {
            doc: {lang: _json_of(c) for lang, c in langs.items()}
            for doc, langs in report.items()
        }
        if unsaved:  # no document name starts with "_"
            data["_unsaved"] = unsaved
        if broken:
            data["_errors"] = broken
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return EXIT_ERROR if broken else 0
    elif not report:
        print("No documents yet: transkit import ARTICLE")
        return 0
    elif sys.stdout.isatty():
        _bars(report, languages)
    else:
        _tables(report)
    for line in broken:
        print(f"transkit: error: {shown(line)}", file=sys.stderr)
    for name in unsaved:
        print(f"warning: {shown(name)}: edits a review could not save, found nowhere else: "
              "take what is missing into the PO file beside it, then delete it",
              file=sys.stderr)
    return EXIT_ERROR if broken else 0


def _json_of(counts: object) -> object:
    """A language's counts in ``--json``: a dict, None (no file) or "unreadable"."""
    to_dict = getattr(counts, "to_dict", None)
    return to_dict() if to_dict is not None else counts


def _cell(segments: int, words: int) -> str:
    return f"{segments} ({words})" if segments else "0"


def _tables(report: dict[str, dict[str, Counts | str | None]]) -> None:
    """Plain numbers per document, for files, pipes and scripts."""
    from transkit.terminal import shown

    order = list(reversed(Status))  # approved first
    head = ["lang", *(s.value for s in order), "words done"]
    for doc, langs in report.items():
        rows = [head]
        total = ""
        for lang, c in langs.items():
            if c is None or isinstance(c, str):  # no file, or "unreadable"
                rows.append([lang, "(no file)" if c is None else "(unreadable: see below)"])
                continue
            total = f"{c.total} segments, {c.total_words} words"
            pct = f"{100 * c.done_words / c.total_words:.0f}%" if c.total_words else "-"
            cells = [_cell(c.segments[s], c.words[s]) for s in order]
            rows.append([lang, *cells, pct])
        print(f"{shown(doc)}  ({total}; each cell: segments (words))")
        widths = [max(len(r[i]) for r in rows if i < len(r)) for i in range(len(head))]
        for r in rows:
            print(
                "  "
                + "  ".join(
                    cell.rjust(widths[i]) if i else cell.ljust(widths[i])
                    for i, cell in enumerate(r)
                ).rstrip()
            )


#: Terminal colours of a progress bar, by status (SGR codes).
_COLOURS = {
    "approved": "32", "translated": "36", "needs-work": "31", "conflict": "35",
    "draft": "33", "stale": "38;5;208", "untranslated": "2", "joined": "34",
}
BAR_WIDTH = 30


def _bars(report: dict[str, dict[str, Counts | str | None]], languages: list[str]) -> None:
    """A bar per document and language, then each language's total over the
    catalogue: for a person at a terminal (colours unless NO_COLOR is set)."""
    from transkit.stats import add
    from transkit.terminal import shown

    totals: dict[str, Counts] = {}
    for doc, langs in report.items():
        sizes = next((c for c in langs.values() if isinstance(c, Counts)), None)
        size = f"  ({sizes.total} segments, {sizes.total_words} words)" if sizes else ""
        print(f"{shown(doc)}{size}")
        for lang, c in langs.items():
            if isinstance(c, Counts):
                totals[lang] = add(totals[lang], c) if lang in totals else c
            print(_bar_line(lang, c))
    if len(report) > 1:
        print(f"All {len(report)} documents")
        for lang in languages:
            print(_bar_line(lang, totals.get(lang)))


def _bar_line(lang: str, c: Counts | str | None) -> str:
    import os

    from transkit.stats import bar_cells

    if not isinstance(c, Counts):
        return f"  {lang:3} " + ("(no file)" if c is None else "(unreadable: see below)")
    colour = not os.environ.get("NO_COLOR")
    cells = []
    for status, n in bar_cells(c, BAR_WIDTH):
        glyph = "░" if status is Status.UNTRANSLATED else "█" if colour else _GLYPHS[status]
        run = glyph * n
        cells.append(f"\x1b[{_COLOURS[status.value]}m{run}\x1b[0m" if colour else run)
    pct = f"{100 * c.done_words / c.total_words:3.0f}%" if c.total_words else "   -"
    parts = ", ".join(
        f"{c.segments[s]} {s.value}" for s in _SHOWN_ORDER if c.segments[s]
    )
    return f"  {lang:3} {''.join(cells)} {pct}  {parts}"


def _needs(report: dict[str, dict[str, Counts | str | None]], kinds: tuple[Status, ...],
           as_json: bool) -> None:
    """Document × language pairs with work of `kinds` left, most words first."""
    from transkit.terminal import shown

    rows = []
    for doc, langs in report.items():
        for lang, c in langs.items():
            if isinstance(c, Counts):
                words = sum(c.words[k] for k in kinds)
                segments = sum(c.segments[k] for k in kinds)
                if segments:
                    rows.append((words, segments, doc, lang))
    rows.sort(key=lambda r: (-r[0], -r[1], r[2], r[3]))
    if as_json:
        json.dump([{"doc": d, "lang": la, "segments": n, "words": w} for w, n, d, la in rows],
                  sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    if not rows:
        print("Nothing left to do." if len(kinds) > 1 else "Nothing is stale.")
        return
    width = max(len(r[2]) for r in rows)
    for words, segments, doc, lang in rows:
        print(f"{shown(doc).ljust(width)}  {lang:3} {words:7} words  {segments:5} segments")
