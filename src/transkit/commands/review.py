"""Review and edit one document's translation in the terminal (a Textual app).

Every change is saved at once; there is nothing to confirm and nothing to
lose on quit. Keys are listed with F1 and remapped in transkit.toml under
[review.keys] (action id = "key" or ["key", ...]).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("doc", nargs="?", help="the document (default: the only one)")
    p.add_argument("--lang", help="the language to review (default: the first target language)")


def run(args: argparse.Namespace) -> int:
    from transkit.errors import EXIT_ERROR, TranskitError
    from transkit.project import Project
    from transkit.terminal import shown

    project = Project.find()
    docs = project.resolve_documents(args.doc)
    if not docs:
        raise TranskitError("no documents yet: transkit import ARTICLE")
    if len(docs) > 1:
        raise TranskitError(f"which document? transkit review DOC (documents: {', '.join(docs)})")
    targets = list(project.config.languages)
    if args.lang:
        lang = project.resolve_languages(args.lang)[0]
        if "," in args.lang:
            raise TranskitError("review one language at a time: --lang es")
    elif targets:
        lang = targets[0]
    else:
        raise TranskitError("no target languages in transkit.toml", project.config.path)
    keymap = dict(project.config.review.keys)  # checked with the config
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise TranskitError("review needs a terminal (stdin and stdout must be a tty)")

    from transkit.tui.app import ReviewApp

    app = ReviewApp(project, docs[0], lang, keymap=keymap)
    try:
        app.run()
    finally:
        problems = app.flush()  # after a crash too: whatever is not yet written
    if app.return_code == 128 + signal.SIGHUP:
        # The terminal is gone: what flush could not save is in .po.unsaved
        # copies (status and check say so); writing to it would only fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.dup2(devnull, sys.stderr.fileno())
        return app.return_code
    if app.exit_dump:  # the reviewer's choice when no disk took the edits: stdout, as PO
        sys.stdout.write(app.exit_dump)
        sys.stdout.flush()
    notes = [line for p in (app.exit_note, *problems) if p for line in p.splitlines()]
    if notes:
        for line in notes:
            print(f"transkit: {shown(line)}", file=sys.stderr)
        return EXIT_ERROR
    return app.return_code or 0
