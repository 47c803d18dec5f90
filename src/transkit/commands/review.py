"""Review and edit one document's translation in the terminal (a Textual app).

Every change is saved at once; there is nothing to confirm and nothing to
lose on quit. Keys are listed with F1 and remapped in transkit.toml under
[review.keys] (action id = "key" or ["key", ...]). With several documents
and none named, the catalogue overview opens first: Enter opens a document,
quitting it comes back to the overview.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transkit.project import Project


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("doc", nargs="?", help="the document (default: the only one)")
    p.add_argument("--lang", help="the language to review (default: the first target language)")


def run(args: argparse.Namespace) -> int:
    from transkit.errors import TranskitError
    from transkit.project import Project

    project = Project.find()
    docs = project.resolve_documents(args.doc)
    if not docs:
        raise TranskitError("no documents yet: transkit import ARTICLE")
    overview = len(docs) > 1
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

    if not overview:
        return _review(project, docs[0], lang, keymap)[0]
    from transkit.tui.catalogue import Opened
    from transkit.tui.overview import OverviewApp

    at = Opened("", lang)
    while True:
        choice = OverviewApp(project, at=at).run()
        if choice is None:
            return 0
        code, finished = _review(project, choice.doc, choice.lang, keymap, choice.segment)
        if not finished:  # the terminal went away, or edits found no disk: stop here
            return code
        at = choice


def _review(
    project: Project, doc: str, lang: str, keymap: dict[str, str], segment: str = ""
) -> tuple[int, bool]:
    """Run the review app on one document: its exit code, and whether it
    closed normally (so the overview may come back)."""
    from transkit.errors import EXIT_ERROR
    from transkit.terminal import shown
    from transkit.tui.app import ReviewApp

    # At a segment the concordance chose: read the whole file before painting.
    app = (ReviewApp(project, doc, lang, keymap=keymap, head=None) if segment
           else ReviewApp(project, doc, lang, keymap=keymap))
    if segment and (index := app.session.index_of(segment)) is not None:
        app.session.go_to(index)
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
        return app.return_code, False
    if app.exit_dump:  # the reviewer's choice when no disk took the edits: stdout, as PO
        sys.stdout.write(app.exit_dump)
        sys.stdout.flush()
    notes = [line for p in (app.exit_note, *problems) if p for line in p.splitlines()]
    if notes:
        for line in notes:
            print(f"transkit: {shown(line)}", file=sys.stderr)
        return EXIT_ERROR, False
    return app.return_code or 0, not app.return_code
