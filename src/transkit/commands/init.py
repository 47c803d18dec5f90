"""Create a transkit project: transkit.toml, segments/ and locales/, and a
.gitignore that keeps exports (made again from the PO files) out of git."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--name", help="project name (default: the folder's name)")
    p.add_argument("--source", default="en", help="source language (default: en)")
    p.add_argument(
        "--languages", default="es,pt,nl", help="target languages, comma-separated (es,pt,nl)"
    )


def run(args: argparse.Namespace) -> int:
    from transkit.commands import write_file
    from transkit.config import CONFIG_NAME, default_config_text
    from transkit.errors import ConfigError, TranskitError
    from transkit.gitmerge import git_toplevel, setup
    from transkit.languages import check_language
    from transkit.project import LOCALES, TEMPLATES
    from transkit.terminal import shown

    root = Path.cwd()
    path = root / CONFIG_NAME
    if path.exists():
        raise ConfigError("a project already exists here", path)
    source = check_language(args.source)
    targets = [check_language(c.strip()) for c in args.languages.split(",") if c.strip()]
    if source in targets:
        raise ConfigError(f"{source!r} is the source language; it cannot also be a target")
    # Before transkit.toml: outside a project a write makes no .transkit/ folder.
    ignore_exports(root)
    write_file(path, default_config_text(args.name or root.name, source, targets))
    for folder in (TEMPLATES, LOCALES):
        (root / folder).mkdir(exist_ok=True)
    print(f"Created {CONFIG_NAME}: {source} → {', '.join(targets)}.")
    if git_toplevel(root) is not None:  # several translators, one repository
        try:
            for line in setup(root):
                print(line)
        except TranskitError as exc:  # the project is made; git can be set up later
            print(f"warning: {shown(str(exc))}; then run: transkit git setup", file=sys.stderr)
    print("Next: transkit import ARTICLE.md --doc NAME")
    return 0


def ignore_exports(root: Path) -> None:
    """Add ``/export/`` to the project's .gitignore: exports are made again
    from the PO files, never committed. The file is made if missing and left
    as it is if it already ignores them."""
    from transkit.commands import write_file
    from transkit.commands.export import DEFAULT_OUT
    from transkit.fsutil import read_input

    path = root / ".gitignore"
    data = read_input(path, limit=1 << 20, what="file") if path.exists() else b""
    names = {f"/{DEFAULT_OUT}/", f"{DEFAULT_OUT}/", f"/{DEFAULT_OUT}", DEFAULT_OUT}
    if {line.strip() for line in data.splitlines()} & {n.encode() for n in names}:
        return
    if data and not data.endswith(b"\n"):
        data += b"\n"
    write_file(path, data + f"/{DEFAULT_OUT}/\n".encode())
