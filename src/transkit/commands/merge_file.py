"""The git merge driver for PO and POT files (set up by ``transkit git setup``).

Like ``git merge-file``: BASE, OURS and THEIRS are merged three ways by
segment id and the result is written over OURS. Exit 0 when clean; 1 when a
segment was left in conflict (two people's texts: one kept, the other an
alternative, the segment marked ``conflict`` and fuzzy), so git stops the
merge for a person; 2 on unreadable input (OURS left as it was).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("base", type=Path, help="the common ancestor's version (git's %%O)")
    p.add_argument("ours", type=Path, help="our version, replaced by the result (git's %%A)")
    p.add_argument("theirs", type=Path, help="the other branch's version (git's %%B)")
    p.add_argument("path", nargs="?", default="", help="the file's path in the repository (%%P)")


def run(args: argparse.Namespace) -> int:
    from transkit.errors import EXIT_PROBLEMS
    from transkit.gitmerge import merge_files
    from transkit.terminal import shown

    merged = merge_files(args.base, args.ours, args.theirs, args.path)
    if not merged.conflicts:
        return 0
    name = args.path or str(args.ours)
    ids = ", ".join(merged.conflicts[:5]) + (" …" if len(merged.conflicts) > 5 else "")
    print(f"transkit: {shown(name)}: {len(merged.conflicts)} segment(s) translated differently "
          f"on both branches, marked 'conflict': {shown(ids)}")
    return EXIT_PROBLEMS
