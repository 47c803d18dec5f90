"""The translation memory with other tools, as TMX: ``memory export`` writes
the project's approved segments (OmegaT, Weblate, Poedit, Trados read TMX);
``memory import`` keeps another tool's TMX in ``memory/`` for the review app
to suggest from, labelled by its file and apart from the project's own work;
``memory list`` shows what is there."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transkit.project import Project


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    out = sub.add_parser("export", help="write approved segments as TMX 1.4b")
    out.add_argument("file", help="the .tmx to write ('-' for stdout)")
    out.add_argument("--lang", required=True, help="the target language")
    out.add_argument("--doc", help="one document (default: all)")
    out.add_argument(
        "--translated", action="store_true",
        help="also segments translated but not yet approved",
    )
    into = sub.add_parser("import", help="keep another tool's TMX as memory/NAME.tmx")
    into.add_argument("file", type=Path, help="the .tmx to read")
    into.add_argument("--name", help="its name in memory/ (default: the file's)")
    sub.add_parser("list", help="the imported memories, with their units per language")


def run(args: argparse.Namespace) -> int:
    from transkit.project import Project

    project = Project.find()
    if args.action == "export":
        return _export(project, args)
    if args.action == "import":
        return _import(project, args)
    return _list(project)


def _export(project: Project, args: argparse.Namespace) -> int:
    from transkit import __version__, tmx
    from transkit.commands import write_file
    from transkit.commands.import_ import check_target, write_stdout
    from transkit.errors import TranskitError
    from transkit.status import Status, status_of
    from transkit.terminal import shown

    languages = project.resolve_languages(args.lang, targets_only=True)
    if len(languages) != 1:
        raise TranskitError("memory export takes one language: --lang es")
    lang = languages[0]
    target = None if args.file == "-" else Path(args.file)
    if target is not None:
        check_target(target)
    wanted = {Status.APPROVED, Status.TRANSLATED} if args.translated else {Status.APPROVED}
    rows = []
    for doc in project.resolve_documents(args.doc):
        if not project.po_path(doc, lang).exists():
            continue
        for entry in project.load_translation(doc, lang, fast=True):
            if entry.source and entry.target and status_of(entry) in wanted:
                meta = entry.meta
                rows.append((doc, entry.id, entry.source, entry.target,
                             meta.get("date", ""), meta.get("by", "")))
    source_lang = project.config.source_language
    units = tmx.units_of(rows, source_lang, lang)
    text = tmx.write(units, source_lang=source_lang, created=_now(), tool_version=__version__)
    if target is None:
        write_stdout(text)
        return 0
    write_file(target, text)
    what = "approved or translated" if args.translated else "approved"
    print(f"Wrote {len(units)} {what} segments ({source_lang} → {lang}) to {shown(target)}.")
    return 0


def _import(project: Project, args: argparse.Namespace) -> int:
    from transkit import tmx
    from transkit.commands import write_file
    from transkit.config import check_doc_name, name_from
    from transkit.errors import TranskitError
    from transkit.fsutil import read_input
    from transkit.memory import MEMORY_DIR, TMX_LIMIT
    from transkit.terminal import shown

    data = read_input(args.file, limit=TMX_LIMIT, what="memory")
    memory = tmx.read(data, str(args.file))  # refuse it before keeping it
    name = args.name or name_from(args.file, "memory")
    try:
        check_doc_name(name)
    except TranskitError:
        raise TranskitError(
            f"{name!r} cannot name a memory: use --name with letters, digits and '-'"
        ) from None
    source_lang = project.config.source_language
    counts = {
        lang: len(tmx.pairs(memory, source_lang, lang)) for lang in project.config.languages
    }
    if not any(counts.values()):
        found = ", ".join(memory.languages) or "none"
        raise TranskitError(
            f"no unit pairs {source_lang} with a project language (its languages: {found})",
            args.file,
        )
    folder = project.root / MEMORY_DIR
    folder.mkdir(exist_ok=True)
    kept = folder / f"{name}.tmx"
    replaced = kept.exists()
    write_file(kept, data)
    per = ", ".join(f"{lang} {n}" for lang, n in counts.items() if n)
    verb = "Replaced" if replaced else "Kept"
    tool = f" from {shown(memory.tool)}" if memory.tool else ""
    print(f"{verb} {shown(kept.relative_to(project.root))}{tool}: units per language: {per}.")
    print("  The review app suggests from it, labelled by its name; drafts never use it.")
    return 0


def _list(project: Project) -> int:
    from transkit import tmx
    from transkit.errors import TranskitError
    from transkit.fsutil import read_input
    from transkit.memory import MEMORY_DIR, TMX_LIMIT
    from transkit.terminal import shown

    folder = project.root / MEMORY_DIR
    files = sorted(folder.glob("*.tmx")) if folder.is_dir() else []
    if not files:
        print("No imported memories: transkit memory import FILE.tmx")
        return 0
    broken = 0
    source_lang = project.config.source_language
    for path in files:
        try:
            memory = tmx.read(read_input(path, limit=TMX_LIMIT, what="memory"), str(path))
        except TranskitError as exc:
            print(f"transkit: error: {shown(str(exc))}", file=sys.stderr)
            broken += 1
            continue
        per = ", ".join(
            f"{lang} {len(tmx.pairs(memory, source_lang, lang))}"
            for lang in project.config.languages
        )
        print(f"{shown(path.relative_to(project.root))}: {len(memory.units)} units ({per})")
    return 2 if broken else 0


def _now() -> str:
    import time

    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
