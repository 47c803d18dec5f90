"""The ``transkit`` command line.

Each command is a module in `transkit.commands` with ``add_arguments(parser)``
and ``run(args) -> int``. Command modules import only argparse-level things
at the top; heavy dependencies (Textual, DeepL, markdown-it) are imported in
``run``, so ``transkit status`` starts fast.

`main` is the one place where errors become exit codes (`transkit.errors`),
each with one line on stderr and never a traceback:

- a `TranskitError` (bad input, bad setting): its message, exit 2 (75 for a
  passing DeepL fault: run the same command again to resume);
- an `OSError` on a named file, or one that is the machine's state (disk
  full, permission denied, read-only file system): the file and the cause,
  exit 2 — the user can act on it;
- anything else is a bug: one line saying where its traceback was saved
  (``.transkit/crash/`` in the project, else the system's temp folder), exit 3;
- Ctrl+C: exit 130;
- the reader of our output went away (``transkit status | head``): exit 141
  quietly, as a process killed by SIGPIPE would, so a shell with ``pipefail``
  still sees that the output was cut short.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from transkit import __version__
from transkit.errors import EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED, TranskitError
from transkit.redact import scrub
from transkit.terminal import shown

#: The exit code after a closed pipe: 128 + SIGPIPE, what ``cat`` or ``git`` give.
EXIT_PIPE_CLOSED = 141
#: Where crash reports go inside a project's state folder (``.transkit``).
CRASH_DIR = "crash"
#: An internal error's message is cut to this many characters on its line.
MESSAGE_LIMIT = 300

#: OSErrors that are the machine's state, not a bug, even without a file name
#: (a ``write()`` on a full disk carries none).
ENVIRONMENT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "EIO", "EFBIG", "EMFILE",
                 "ENFILE", "ENAMETOOLONG")
    if hasattr(errno, name)
)

#: name -> (module, one-line help). Order is the order of ``--help``.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("transkit.commands.init", "create a project (transkit.toml) in this folder"),
    "import": ("transkit.commands.import_", "import or re-import a source article"),
    "status": ("transkit.commands.status", "segments and words per status, per language"),
    "review": ("transkit.commands.review", "review and edit translations in the terminal"),
    "export": ("transkit.commands.export", "publish each language's version: md, html, txt"),
    "draft": ("transkit.commands.draft", "fill untranslated segments with DeepL or memory drafts"),
    "align": ("transkit.commands.align", "fill a language from an existing human translation"),
    "check": ("transkit.commands.check", "find missing segments and broken translations (CI)"),
    "find": ("transkit.commands.find", "search every document's source and translations"),
    "memory": ("transkit.commands.memory", "translation memory as TMX: export, import, list"),
    "git": ("transkit.commands.git", "set up the PO-aware git merge and diff for this clone"),
    "merge-file": ("transkit.commands.merge_file", "git's merge driver for PO files"),
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
    try:
        wanted = next((a for a in argv if a in COMMANDS), None)
        parser = build_parser(wanted)
        args = parser.parse_args(argv)
        if not getattr(args, "run", None):
            parser.print_help()
            return EXIT_ERROR
        code = int(args.run(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        return code
    except BrokenPipeError:
        return _pipe_closed()
    except TranskitError as exc:
        say(f"transkit: error: {shown(_scrub(str(exc)))}")
        return exc.exit_code
    except KeyboardInterrupt:
        say("transkit: interrupted; files already saved are complete.")
        return EXIT_INTERRUPTED
    except OSError as exc:
        if exc.filename is None and exc.errno not in ENVIRONMENT_ERRNOS:
            return _internal_error(exc, argv)
        say(f"transkit: error: {shown(describe_os_error(exc))}")
        return EXIT_ERROR
    except Exception as exc:
        return _internal_error(exc, argv)


def say(line: str) -> None:
    """One line on stderr, without the DeepL key; a closed stderr is not a further error."""
    with contextlib.suppress(OSError, ValueError):
        print(_scrub(line), file=sys.stderr, flush=True)


def describe_os_error(exc: OSError) -> str:
    """``PATH: No space left on device (ENOSPC)``: the file, then the cause."""
    from transkit.fsutil import os_error_cause

    cause = os_error_cause(exc)
    return f"{exc.filename}: {cause}" if exc.filename is not None else cause


def _pipe_closed() -> int:
    """The reader of stdout is gone: stop quietly (the Python documentation's
    recipe). Whatever is still buffered goes to /dev/null, so the interpreter's
    own flush at exit cannot fail a second time."""
    # AttributeError, ValueError: no real file behind sys.stdout (tests capture it)
    with contextlib.suppress(OSError, AttributeError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return EXIT_PIPE_CLOSED


def _internal_error(exc: BaseException, argv: list[str]) -> int:
    """A bug: one line, the traceback saved where the user can attach it to a report."""
    message = _scrub(str(exc))
    if len(message) > MESSAGE_LIMIT:
        message = message[:MESSAGE_LIMIT] + "…"
    saved = save_crash_report(exc, argv)
    where = f"traceback saved to {saved}" if isinstance(saved, Path) else saved
    say(
        f"transkit: internal error: {type(exc).__name__}: {shown(message)} "
        f"({shown(where)}; please report it)"
    )
    return EXIT_INTERNAL


def save_crash_report(exc: BaseException, argv: list[str]) -> Path | str:
    """Write the traceback to a new file; its path, or why it could not be written.

    Into the project's ``.transkit/crash/`` when there is a project (kept
    with the project, ignored by git), else the system's temp folder.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    report = _scrub(
        f"transkit {__version__} internal error, {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n"
        f"command: transkit {' '.join(argv)}\n"
        f"python: {sys.version.split()[0]} on {sys.platform}\n\n"
        + "".join(traceback.format_exception(exc))
    )
    failure = "traceback not saved"
    for folder in (_project_crash_dir, lambda: Path(tempfile.gettempdir())):
        try:
            where = folder()
            if where is None:
                continue
            fd, name = tempfile.mkstemp(prefix=f"transkit-crash-{stamp}-", suffix=".txt",
                                        dir=where)
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as f:
                f.write(report)
            return Path(name)
        except Exception as why:  # saving must never raise over the error itself
            cause = describe_os_error(why) if isinstance(why, OSError) else str(why)
            failure = f"traceback not saved: {cause}"
    return failure


def _project_crash_dir() -> Path | None:
    from transkit.config import find_root
    from transkit.fsutil import state_dir

    try:
        root = find_root(Path.cwd())
    except (TranskitError, OSError):
        return None
    folder = state_dir(root) / CRASH_DIR
    folder.mkdir(exist_ok=True)
    return folder


def _scrub(text: str) -> str:
    """`text` without the DeepL key, wherever a message or traceback picked it
    up: as it is, escaped, URL-encoded or in part (`transkit.redact`)."""
    raw = os.environ.get("DEEPL_AUTH_KEY", "")
    for key in {raw, raw.strip()}:
        if len(key.strip()) >= 4:
            text = scrub(text, key)
    return text
