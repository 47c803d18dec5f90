"""The ``transkit`` command line.

Each command is a module in `transkit.commands` with ``add_arguments(parser)``
and ``run(args) -> int``. Command modules import only argparse-level things
at the top; heavy dependencies (Textual, DeepL, markdown-it) are imported in
``run``, so ``transkit status`` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from transkit import __version__
from transkit.errors import EXIT_ERROR, TranskitError

#: name -> (module, one-line help). Order is the order of ``--help``.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("transkit.commands.init", "create a project (transkit.toml) in this folder"),
    "import": ("transkit.commands.import_", "import or re-import a source article"),
    "status": ("transkit.commands.status", "segments and words per status, per language"),
    "review": ("transkit.commands.review", "review and edit translations in the terminal"),
    "export": ("transkit.commands.export", "publish each language's version: md, html, txt"),
    "draft": ("transkit.commands.draft", "fill untranslated segments with DeepL or memory drafts"),
    "check": ("transkit.commands.check", "find missing segments and broken translations (CI)"),
}


def build_parser(wanted: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `wanted`, only that command's module is imported
    (the others are listed by name and help text alone)."""
    parser = argparse.ArgumentParser(
        prog="transkit", description="Translation management for long articles."
    )
    parser.add_argument("--version", action="version", version=f"transkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        if wanted not in (None, name):
            sub.add_parser(name, help=help_text)
            continue
        command = importlib.import_module(module)
        p = sub.add_parser(name, help=help_text, description=command.__doc__)
        command.add_arguments(p)
        p.set_defaults(run=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    wanted = next((a for a in argv if a in COMMANDS), None)
    parser = build_parser(wanted)
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_ERROR
    try:
        return int(args.run(args) or 0)
    except TranskitError as exc:
        print(f"transkit: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("transkit: interrupted; files already saved are complete.", file=sys.stderr)
        return 130
