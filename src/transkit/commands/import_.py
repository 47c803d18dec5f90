"""Import a source article (Markdown, or the plain text of a web page) as a
document: segments/NAME.pot and locales/LANG/NAME.po for every language.
Importing again merges: unchanged segments keep their translations, edited
ones become stale, removed ones obsolete."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", type=Path, help="the article: .md for Markdown, else plain text")
    p.add_argument("--doc", help="document name (default: from the file name)")
    p.add_argument("--format", choices=("md", "text"), help="override detection by suffix")
    p.add_argument(
        "--paragraphs", action="store_true", help="one segment per paragraph, not per sentence"
    )
    p.add_argument(
        "--to-markdown",
        metavar="FILE",
        help="write how the article was understood as Markdown ('-' for stdout), import nothing",
    )


def run(args: argparse.Namespace) -> int:
    from transkit.fsutil import write_atomic
    from transkit.importing import import_document, source_markdown

    if args.to_markdown:
        markdown, dropped, unresolved = source_markdown(args.source, args.format)
        if args.to_markdown == "-":
            # Line by line: a reader that leaves early (| head) is noticed at once.
            sys.stdout.writelines(markdown.splitlines(keepends=True))
        else:
            write_atomic(Path(args.to_markdown), markdown)
            print(f"Wrote {args.to_markdown}; correct it and import that file.")
        _warn(dropped, unresolved)
        return 0

    from transkit.config import record_source
    from transkit.project import Project

    project = Project.find()
    report = import_document(
        project, args.source, args.doc, fmt=args.format, sentences=not args.paragraphs
    )
    if report.doc not in project.config.sources:
        try:
            rel = args.source.resolve().relative_to(project.root)
        except ValueError:
            rel = args.source.resolve()
        write_atomic(project.config.path, record_source(project.config, report.doc, str(rel)))
    verb = "Imported" if report.created else "Updated"
    print(
        f"{verb} {report.doc}: {report.segments} segments in {report.blocks} blocks, "
        f"{report.footnotes} footnote references."
    )
    if not report.created:
        print(
            f"  {report.new} new, {report.edited} edited (now stale), {report.moved} moved, "
            f"{report.removed} removed (kept as obsolete where translated)."
        )
    for path in report.written:
        print(f"  wrote {path.relative_to(project.root)}")
    if not report.written:
        print("  nothing changed")
    _warn(report.dropped, report.unresolved, report.dangling)
    return 0


def _warn(dropped: list[str], unresolved: list[int], dangling: list[str] = ()) -> None:
    if dropped:
        print(f"  left out {len(dropped)} lines of page chrome, from: {dropped[0][:60]!r}")
    if unresolved:
        nums = ", ".join(map(str, unresolved))
        print(f"warning: no reference found for endnotes {nums}", file=sys.stderr)
    if dangling:
        print(f"warning: references with no endnote: {', '.join(dangling)}", file=sys.stderr)
