"""git integration: ``setup`` registers the PO-aware merge driver and diff
for this clone; ``textconv FILE`` prints a PO file as segment lines (what
``git diff`` shows for PO files once set up)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub.add_parser("setup", help="write .gitattributes and this clone's git config")
    conv = sub.add_parser("textconv", help="a PO/POT file as readable segment lines")
    conv.add_argument("file", type=Path)


def run(args: argparse.Namespace) -> int:
    from transkit.gitmerge import setup, textconv

    if args.action == "textconv":
        sys.stdout.write(textconv(args.file))
        return 0
    from transkit.project import Project

    for line in setup(Project.find().root):
        print(line)
    return 0
