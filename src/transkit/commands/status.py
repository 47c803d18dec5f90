"""Segments and words in each status, per document and language."""

from __future__ import annotations

import argparse
import json
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("doc", nargs="?", help="one document (default: all)")
    p.add_argument("--lang", help="languages, comma-separated (default: all)")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace) -> int:
    from transkit.errors import EXIT_ERROR, TranskitError
    from transkit.project import Project
    from transkit.stats import Counts, count
    from transkit.status import Status
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
    if args.json:
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
    if not report:
        print("No documents yet: transkit import ARTICLE")
        return 0
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
            done = c.words[Status.APPROVED] + c.words[Status.TRANSLATED] + c.joined_done
            pct = f"{100 * done / c.total_words:.0f}%" if c.total_words else "-"
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
