"""Publish: rebuild each language's version of a document (Markdown, HTML,
plain text, and an HTML fragment to paste into a CMS) from the template and
that language's PO. A language is exported
only when every segment is approved (or translated, where the config says
publish = "translated") and none has an error-level finding of `transkit
check` (`transkit.export.gate`; ``--allow-errors`` publishes those); otherwise
its missing, draft, stale and erroneous segments are listed and the command
exits 1. Files go to OUT/DOC/LANG.EXT."""

from __future__ import annotations

import argparse
import contextlib
import re
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from transkit.terminal import shown

if TYPE_CHECKING:
    from transkit.config import Config
    from transkit.export.assemble import Edition, Selection
    from transkit.export.gate import Withheld

FORMATS = ("md", "html", "txt")
#: Formats written only when asked for (not part of "all").
EXTRA_FORMATS = ("fragment",)
#: A format's file name after LANG (default: the format's name).
SUFFIXES = {"fragment": "fragment.html"}
DEFAULT_OUT = "export"
_LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")

#: Gaps listed per refused language without --verbose: enough to see what is
#: missing, not a whole article's worth of lines.
GAPS_SHOWN = 5


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("doc", nargs="?", help="one document (default: all)")
    p.add_argument("--lang", help="languages, comma-separated, or 'all' (default: all)")
    p.add_argument(
        "--format",
        default=",".join(FORMATS),
        help=f"formats, comma-separated: {', '.join(FORMATS + EXTRA_FORMATS)} (default: "
        "the first three; fragment is the article's HTML to paste into a CMS, LANG.fragment.html)",
    )
    p.add_argument(
        "--out", type=Path, help=f"output folder (default: {DEFAULT_OUT}/ in the project)"
    )
    p.add_argument(
        "--allow-incomplete",
        action="store_true",
        help="export incomplete languages too, with the English text, marked, in the gaps",
    )
    p.add_argument(
        "--allow-errors",
        action="store_true",
        help="publish segments that transkit check reports an error on, as they are",
    )
    p.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help=f"list every gap of a language not exported (default: the first {GAPS_SHOWN})",
    )


def parse_formats(spec: str) -> list[str]:
    from transkit.errors import TranskitError

    wanted = [f.strip().lower() for f in spec.split(",") if f.strip()]
    known = FORMATS + EXTRA_FORMATS
    for fmt in wanted:
        if fmt not in known and fmt != "all":
            raise TranskitError(f"unknown format {fmt!r} (formats: {', '.join(known)})")
    if not wanted or "all" in wanted:
        wanted = [*FORMATS, *wanted]
    return [f for f in known if f in wanted]


def output_path(out: Path, doc: str, language: str, fmt: str) -> Path:
    """OUT/DOC/LANG.FMT, refusing any name that could lead outside OUT."""
    from transkit.config import check_doc_name
    from transkit.errors import TranskitError

    check_doc_name(doc)
    if not _LANGUAGE_RE.match(language):
        raise TranskitError(f"bad language code {language!r} for a file name")
    if fmt not in FORMATS + EXTRA_FORMATS:
        raise TranskitError(f"unknown format {fmt!r}")
    root = out.resolve()
    path = (root / doc / f"{language}.{SUFFIXES.get(fmt, fmt)}").resolve()
    if not path.is_relative_to(root):
        raise TranskitError(f"refusing to write outside {out}", path)
    return path


def run(args: argparse.Namespace) -> int:
    from transkit.errors import EXIT_OK, EXIT_PROBLEMS
    from transkit.export.assemble import assemble, select
    from transkit.export.gate import segment_errors, withhold
    from transkit.project import Project

    project = Project.find()
    formats = parse_formats(args.format)
    languages = project.resolve_languages(args.lang)
    docs = project.resolve_documents(args.doc)
    if not docs:
        print("No documents yet: transkit import ARTICLE")
        return EXIT_OK
    out: Path = args.out if args.out is not None else project.root / DEFAULT_OUT
    check_out(out)
    config = project.config
    policy = None
    if not args.allow_errors:
        from transkit.checks import Policy

        policy = Policy.from_settings(config.check)
        policy.strict = False  # errors by their configured severity; strict is for CI's check

    # Read and render everything first: a bad PO stops the export before any write.
    files: dict[Path, str] = {}
    refused: dict[str, list[Edition]] = {}
    incomplete: list[tuple[str, Edition]] = []
    exported: dict[str, list[str]] = {}
    for doc in docs:
        template = project.load_template(doc)
        editions: dict[str, Edition] = {}
        for lang in config.all_languages:
            path = project.po_path(doc, lang)
            po = project.load_translation(doc, lang) if path.exists() else None
            publish = config.languages[lang].publish if lang in config.languages else "approved"
            editions[lang] = assemble(
                template, po, lang, publish=publish, source_language=config.source_language
            )
            if policy is not None and po is not None and lang in languages:
                errors = segment_errors(
                    template, po, editions[lang], doc=doc,
                    path=_relative(path, project.root),
                    source_language=config.source_language, policy=policy,
                )
                editions[lang] = withhold(editions[lang], template, po, errors)
        selection = select(editions, languages, allow_incomplete=args.allow_incomplete)
        refused[doc] = [editions[lang] for lang in selection.refused]
        for lang in selection.published:
            if not editions[lang].complete:
                incomplete.append((doc, editions[lang]))
        for fmt in formats:
            files.update(_render_versions(out, doc, fmt, editions, selection))
        exported[doc] = selection.published

    written = write_files(files)

    for doc, langs in exported.items():
        if langs:
            where = shown(_relative(out / doc, project.root))
            print(f"Exported {doc}: {', '.join(langs)} as {', '.join(formats)} to {where}/")
    if files:
        print(f"  {written} files written, {len(files) - written} unchanged")
    for doc, edition in incomplete:
        tag = edition.source_language.upper()
        print(
            f"  {doc}/{edition.language}: {len(edition.gaps)} of {edition.segments} segments "
            f"are {tag} text, marked [{tag}]"
        )
        _report_withheld(edition)
    problems = sum(len(eds) for eds in refused.values())
    for doc, editions_ in refused.items():
        for edition in editions_:
            _report_gaps(doc, edition, config, verbose=args.verbose)
    if problems:
        erroneous = any(_withheld(e) for eds in refused.values() for e in eds)
        more = "; --allow-errors publishes segments with errors" if erroneous else ""
        print(
            f"transkit: {problems} language version(s) not exported: not complete "
            f"(--allow-incomplete exports them with the gaps marked{more})",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    return EXIT_OK


def _render_versions(
    out: Path, doc: str, fmt: str, editions: dict[str, Edition], selection: Selection
) -> dict[Path, str]:
    """The files of `fmt` to write: each published version, and each complete
    one exported before (its language line gains the versions published now).
    The line names every version that can be published (`selection.linked`)
    and links those whose file exists once this export is written."""
    paths = {lang: output_path(out, doc, lang, fmt) for lang in selection.linked}
    existing = [
        lang for lang in selection.linked
        if lang in selection.published or paths[lang].is_file()
    ]
    again = [lang for lang in existing if lang not in selection.published
             and editions[lang].complete]
    return {
        paths[lang]: render(editions[lang], selection.linked, fmt, existing)
        for lang in [*selection.published, *again]
    }


def check_out(out: Path) -> None:
    """``--out`` names a folder, or nothing yet (a file, ``/dev/null``: refused)."""
    from transkit.errors import InputError
    from transkit.fsutil import kind_of, mode_of

    mode = mode_of(out, follow=True, cannot="cannot be the output folder")
    if mode is not None and not stat.S_ISDIR(mode):
        raise InputError(f"is {kind_of(mode)}, not a folder: --out takes a folder", out)


def write_files(files: dict[Path, str]) -> int:
    """Write the files that changed; how many. Nothing is written until every
    folder exists (those made here are removed again if one cannot be) and
    every target is a regular file or new, so a refusal leaves no partial
    export; each file is written atomically."""
    from transkit.errors import InputError, TranskitError
    from transkit.fsutil import kind_of, os_error_cause, write_atomic

    made: list[Path] = []
    try:
        for folder in dict.fromkeys(path.parent for path in files):
            _make_folder(folder, made)
        for path in files:
            with contextlib.suppress(FileNotFoundError):
                mode = path.lstat().st_mode
                if not stat.S_ISREG(mode):
                    raise InputError(f"is {kind_of(mode)}, not a regular file: not replaced", path)
    except TranskitError:
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    data = {path: text.encode("utf-8") for path, text in files.items()}
    changed = [path for path in files if _differs(path, data[path])]
    for done, path in enumerate(changed):
        try:
            write_atomic(path, data[path])
        except OSError as exc:
            raise TranskitError(
                f"cannot write: {os_error_cause(exc)} ({done} of {len(changed)} files written, "
                "each whole: run the export again)",
                path,
            ) from None
    return len(changed)


def _make_folder(folder: Path, made: list[Path]) -> None:
    """`folder` and its missing parents, each recorded in `made`."""
    from transkit.errors import InputError
    from transkit.fsutil import kind_of, os_error_cause

    missing = []
    for parent in (folder, *folder.parents):
        if parent.is_dir():
            break
        missing.append(parent)
    for parent in reversed(missing):
        try:
            parent.mkdir()
        except FileExistsError:
            mode = parent.stat().st_mode
            if not stat.S_ISDIR(mode):
                raise InputError(f"is {kind_of(mode)}, not a folder", parent) from None
            continue
        except OSError as exc:
            raise InputError(f"cannot create the folder: {os_error_cause(exc)}", parent) from None
        made.append(parent)


def _differs(path: Path, data: bytes) -> bool:
    """Whether `path` (new, or a regular file) does not hold `data` already."""
    from transkit.errors import InputError
    from transkit.fsutil import MAX_PO_BYTES, read_input

    try:
        return read_input(path, limit=MAX_PO_BYTES, what="exported file") != data
    except InputError:
        return True


def render(
    edition: Edition, languages: list[str], fmt: str, existing: list[str] | None = None
) -> str:
    """One edition in one format, naming the `languages` versions and linking
    those in `existing` (None: all)."""
    from transkit.export.links import language_links

    links = language_links(languages, edition.language, SUFFIXES.get(fmt, fmt), existing)
    if fmt == "fragment":
        from transkit.export.fragment import render_fragment

        return render_fragment(edition)
    if fmt == "html":
        from transkit.export.html import render_html

        return render_html(edition, links)
    if fmt == "txt":
        from transkit.export.text import render_text

        return render_text(edition, links)
    from transkit.export.markdown import render_edition

    return render_edition(edition, links)


def _report_gaps(doc: str, edition: Edition, config: Config, *, verbose: bool = False) -> None:
    """How many gaps and of what kind, then the first few (all with --verbose)."""
    from transkit.export.assemble import GAP_KINDS

    lang = edition.language
    level = config.languages[lang].publish if lang in config.languages else "approved"
    withheld = _withheld(edition)
    gaps = [g for g in edition.gaps if g not in withheld]
    kinds = [g.kind for g in gaps]
    summary = ", ".join(f"{kinds.count(k)} {k}" for k in GAP_KINDS.values() if k in kinds)
    if withheld:
        summary = ", ".join(filter(None, (summary, f"{len(withheld)} with errors")))
    what = f"not {level}" if not withheld else f"not {level} or with errors"
    print(
        f"{doc}/{lang}: not exported: {len(edition.gaps)} of {edition.segments} segments "
        f"{what} ({summary})"
    )
    if gaps:
        listed = gaps if verbose else gaps[:GAPS_SHOWN]
        ids = [shown(g.id) for g in listed]
        width = max(map(len, ids))
        for gap, id_ in zip(listed, ids, strict=True):
            print(f"  {gap.kind:<10}  {id_:<{width}}  {shown(gap.first_words())}")
        if len(listed) < len(gaps):
            print(f"  … and {len(gaps) - len(listed)} more (--verbose lists them all)")
    _report_withheld(edition, verbose=verbose)


#: How many withheld segments are named, one line each; the rest are counted.
SHOWN_ERRORS = 5


def _withheld(edition: Edition) -> list[Withheld]:
    from transkit.export.gate import withheld_of

    return list(withheld_of(edition))


def _report_withheld(edition: Edition, *, verbose: bool = False) -> None:
    """One line per segment held back by an error (``path:line: check: id:
    message``, as ``transkit check`` prints it), the first few (all with
    --verbose), then the count."""
    withheld = _withheld(edition)
    listed = withheld if verbose else withheld[:SHOWN_ERRORS]
    for gap in listed:
        f = gap.finding
        if f is None:
            continue
        where = f"{f.path}:{f.line}" if f.line else f.path
        print(f"  {shown(where)}: {f.check}: {shown(f.entry_id)}: {shown(f.message)}")
    rest = len(withheld) - len(listed)
    if rest > 0:
        print(f"  … and {rest} more with errors (transkit check lists them all)")


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)
