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
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transkit.project import Project
    from transkit.tui.catalogue import Catalogue, Opened


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

    from transkit.tui.catalogue import Catalogue, Opened

    if not overview:
        # One document asked for: the review alone; the concordance may still
        # open another, and leaving that one ends the command.
        code, after = _review(project, docs[0], lang, keymap)
        while isinstance(after, Opened):
            code, after = _review(project, after.doc, after.lang, keymap, after.segment)
        return code
    from transkit.tui.overview import OverviewApp

    at: Opened | None = Opened("", lang)
    while True:
        choice = OverviewApp(project, at=at).run()
        if choice is None:
            return 0
        catalogue = Catalogue(project.documents(), project.config.all_languages)
        then: Opened | bool = choice
        while isinstance(then, Opened):  # F8 past the end, or the concordance, opens another
            at = then
            code, then = _review(project, then.doc, then.lang, keymap, then.segment,
                                 next_document=_next_document(project, catalogue))
        if not then:  # the terminal went away, or edits found no disk: stop here
            return code


def _next_document(project: Project, catalogue: Catalogue) -> Callable[[str, str], str | None]:
    """For the review app's F8 past the end: the next document, in name order,
    that has anything not yet approved in the language (counted when asked)."""
    from transkit.errors import TranskitError
    from transkit.progress import ProgressCache
    from transkit.tui.catalogue import UNREADABLE, Cell

    def find(doc: str, lang: str) -> str | None:
        cache = ProgressCache(project.root)
        for other in catalogue.docs:
            path = project.po_path(other, lang)
            cell: Cell
            try:
                cell = (cache.known(path) or cache.count(path)) if path.exists() else None
            except TranskitError:
                cell = UNREADABLE
            catalogue.set_cell(other, lang, cell)
        cache.save()
        return catalogue.next_unfinished(doc, lang)

    return find


def _review(
    project: Project, doc: str, lang: str, keymap: dict[str, str], segment: str = "",
    next_document: Callable[[str, str], str | None] | None = None,
) -> tuple[int, Opened | bool]:
    """Run the review app on one document: its exit code, and what next — a
    document it asks to open, True if it closed normally (the overview may
    come back), False if not (the terminal went away, edits found no disk)."""
    from transkit.errors import EXIT_ERROR
    from transkit.terminal import shown
    from transkit.tui.app import ReviewApp

    # At a segment the concordance chose: read the whole file before painting.
    app = (ReviewApp(project, doc, lang, keymap=keymap, head=None, next_document=next_document)
           if segment else ReviewApp(project, doc, lang, keymap=keymap,
                                     next_document=next_document))
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
    if app.return_code:
        return app.return_code, False
    return 0, app.return_value if app.return_value is not None else True
