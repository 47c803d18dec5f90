"""Import a source article (Markdown, HTML, or the plain text of a web page) as a
document: segments/NAME.pot and locales/LANG/NAME.po for every language.
Importing again merges: unchanged segments keep their translations, edited
ones become stale, removed ones obsolete. With no path, each document (or
--doc's) is imported again from the source transkit.toml records."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transkit.importing import ImportReport
    from transkit.project import Project


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "source",
        type=Path,
        nargs="?",
        help="the article: .md for Markdown, .html (or HTML inside) for a post or saved page, "
        "else plain text (default: re-import each document, or --doc's, from the source "
        "transkit.toml records)",
    )
    p.add_argument("--doc", help="document name (default: a slug of the file name)")
    p.add_argument("--format", choices=("md", "html", "text"), help="override detection by suffix")
    p.add_argument(
        "--paragraphs", action="store_true", help="one segment per paragraph, not per sentence"
    )
    p.add_argument(
        "--to-markdown",
        metavar="FILE",
        help="write how the article was understood as Markdown ('-' for stdout), import nothing",
    )


def run(args: argparse.Namespace) -> int:
    from transkit.commands import write_file
    from transkit.importing import import_document, source_markdown
    from transkit.terminal import shown

    if args.to_markdown and args.source is None:
        from transkit.errors import TranskitError

        raise TranskitError("--to-markdown needs the SOURCE file to read")
    if args.to_markdown:
        target = None if args.to_markdown == "-" else Path(args.to_markdown)
        if target is not None:
            check_target(target)  # before the work, and before anything is written
        source = source_markdown(args.source, args.format)
        if target is None:
            write_stdout(source.markdown)
        else:
            write_file(target, source.markdown)
            print(f"Wrote {shown(target)}; correct it and import that file.")
        # Notes go to stderr when stdout carries the Markdown.
        _warn(source.warnings, source.dropped, source.unresolved, notes=target is not None)
        return 0

    from transkit.config import record_source
    from transkit.project import Project

    project = Project.find()
    if args.source is None:
        for name, path in recorded_sources(project, args.doc):
            report = import_document(
                project, path, name, fmt=args.format, sentences=not args.paragraphs
            )
            _summary(project, report)
        return 0
    report = import_document(
        project, args.source, args.doc, fmt=args.format, sentences=not args.paragraphs
    )
    if report.doc not in project.config.sources:
        try:
            rel = args.source.resolve().relative_to(project.root)
        except ValueError:
            rel = args.source.resolve()
        write_file(project.config.path, record_source(project.config, report.doc, str(rel)))
    _summary(project, report)
    return 0


def recorded_sources(project: Project, doc: str | None) -> list[tuple[str, Path]]:
    """Each document's source as transkit.toml records it (relative to the
    project), or only `doc`'s: what ``transkit import`` with no path re-imports."""
    from transkit.errors import TranskitError

    sources = project.config.sources
    if doc is not None:
        if doc not in sources:
            raise TranskitError(
                f"transkit.toml records no source for document {doc!r}: "
                f"give the file, 'transkit import FILE --doc {doc}'"
            )
        sources = {doc: sources[doc]}
    if not sources:
        raise TranskitError("transkit.toml records no documents yet: 'transkit import FILE'")
    return [(name, project.root / source) for name, source in sources.items()]


def _summary(project: Project, report: ImportReport) -> None:
    from transkit.terminal import shown

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
        if report.renumbered:
            print(f"  {report.renumbered} with footnotes renumbered (translations kept).")
    for path in report.written:
        print(f"  wrote {shown(path.relative_to(project.root))}")
    if not report.written:
        print("  nothing changed")
    _warn(report.warnings, report.dropped, report.unresolved, report.dangling)


def check_target(path: Path) -> None:
    """Refuse to replace anything but a regular file: writing goes through a
    rename, which would put a file in place of a device (``/dev/stdout`` as
    root), a FIFO or a symbolic link (and whatever it pointed at would keep
    its old content)."""
    import stat

    from transkit.errors import InputError
    from transkit.fsutil import kind_of, mode_of

    mode = mode_of(path, follow=False, cannot="cannot write here")
    if mode is not None and not stat.S_ISREG(mode):
        raise InputError(
            f"is {kind_of(mode)}, not a regular file: not replaced (use '-' for stdout)", path
        )


def write_stdout(text: str) -> None:
    """The text, line by line (a reader that leaves early, ``| head``, is
    noticed at once); to a terminal with control and bidi characters shown
    as escapes, to a file or pipe as they are (it is the data)."""
    from transkit.terminal import shown

    if sys.stdout.isatty():
        text = shown(text.replace("\r\n", "\n"), keep_newlines=True)
    lines = text.splitlines(keepends=True)
    sys.stdout.writelines(lines)


def _warn(
    warnings: list[str],
    dropped: list[str],
    unresolved: list[int],
    dangling: Sequence[str] = (),
    *,
    notes: bool = True,
) -> None:
    """Warnings on stderr; the note on left-out chrome on stdout with the
    summary, unless `notes` is False (stdout is the Markdown)."""
    from transkit.terminal import shown

    for line in warnings:
        print(shown(line), file=sys.stderr)
    if dropped:
        print(
            f"  left out {len(dropped)} lines of page chrome, from: '{shown(dropped[0][:60])}'",
            file=sys.stdout if notes else sys.stderr,
        )
    if unresolved:
        nums = ", ".join(map(str, unresolved))
        print(f"warning: no reference found for endnotes {nums}", file=sys.stderr)
    if dangling:
        print(f"warning: references with no endnote: {shown(', '.join(dangling))}",
              file=sys.stderr)
