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
    from transkit.project import Project
    from transkit.stats import count
    from transkit.status import Status
    from transkit.terminal import shown

    project = Project.find()
    languages = project.resolve_languages(args.lang)
    report: dict[str, dict[str, object]] = {}
    for doc in project.resolve_documents(args.doc):
        report[doc] = {}
        for lang in languages:
            path = project.po_path(doc, lang)
            report[doc][lang] = (
                count(project.load_translation(doc, lang, fast=True)) if path.exists() else None
            )
    unsaved = [str(p.relative_to(project.root)) for p in project.unsaved_files()]
    if args.json:
        data: dict[str, object] = {
            doc: {lang: (c.to_dict() if c else None) for lang, c in langs.items()}
            for doc, langs in report.items()
        }
        if unsaved:
            data["_unsaved"] = unsaved  # no document name starts with "_"
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if not report:
        print("No documents yet: transkit import ARTICLE")
        return 0
    order = list(reversed(Status))  # approved first
    head = ["lang", *(s.value for s in order), "words done"]
    for doc, langs in report.items():
        rows = [head]
        total = ""
        for lang, c in langs.items():
            if c is None:
                rows.append([lang, "(no file)"])
                continue
            total = f"{c.total} segments, {c.total_words} words"
            done = c.words[Status.APPROVED] + c.words[Status.TRANSLATED]
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
    for path in unsaved:
        print(f"warning: {shown(path)}: edits a review could not save, found nowhere else: "
              "take what is missing into the PO file beside it, then delete it",
              file=sys.stderr)
    return 0


def _cell(segments: int, words: int) -> str:
    return f"{segments} ({words})" if segments else "0"
