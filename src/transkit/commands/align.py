"""Align an existing human translation (Markdown, or the plain text of a web
page) to a document's segments and fill locales/LANG/DOC.po with it: each
aligned segment a draft (engine align) with its confidence, for a reviewer
to approve. Translated, approved and needs-work segments are never replaced;
running it again is safe. Exit 0 when every segment found its text, 1 when
some are left unaligned, 2 on bad input."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("doc", help="the document the translation translates")
    p.add_argument("--lang", required=True, help="the translation's language (one configured)")
    p.add_argument("translation", type=Path, help="the translation: .md for Markdown, else text")
    p.add_argument("--format", choices=("md", "text"), help="override detection by suffix")
    p.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    p.add_argument("--json", action="store_true", help="machine-readable report")


def run(args: argparse.Namespace) -> int:
    from transkit.aligning import align_translation
    from transkit.errors import EXIT_PROBLEMS, TranskitError
    from transkit.project import Project
    from transkit.terminal import shown

    project = Project.find()
    (doc,) = project.resolve_documents(args.doc)
    languages = project.resolve_languages(args.lang, targets_only=True)
    if len(languages) != 1:
        raise TranskitError("--lang takes the one language the translation is in")
    (lang,) = languages
    report = align_translation(
        project, doc, lang, args.translation, fmt=args.format, dry_run=args.dry_run
    )
    code = EXIT_PROBLEMS if report.unaligned else 0
    if args.json:
        json.dump(report.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return code
    low = report.low
    print(
        f"{shown(doc)} [{lang}]: {len(report.aligned)} of {report.segments} segments aligned "
        f"({len(report.joined)} joined to the previous), {len(low)} low-confidence, "
        f"{len(report.unaligned)} unaligned, {len(report.unused)} translation sentences unused"
    )
    if report.kept:
        print(f"  kept {len(report.kept)} segments someone had already translated")
    for entry_id, conf in low:
        print(f"  low confidence {conf:.2f}: {shown(entry_id)}")
    for entry_id, source in report.unaligned:
        print(f"  unaligned: {shown(entry_id)}: {shown(_words(source))}")
    for place, text, after in report.unused:
        where = f" (after {shown(after)})" if after else ""
        print(f"  unused: {shown(place)}{where}: {shown(_words(text))}")
    if args.dry_run:
        print("  dry run: nothing written")
    elif report.written:
        print(f"  wrote {shown(str(project.po_path(doc, lang).relative_to(project.root)))}")
    else:
        print("  nothing changed")
    return code


def _words(text: str, n: int = 10) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")
