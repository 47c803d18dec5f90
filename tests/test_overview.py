"""The catalogue overview, driven as a person would: open, filter, sort, next
unfinished across documents, the concordance; and the review command going
back and forth between the overview and a document in a real terminal."""

from __future__ import annotations

import asyncio
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from transkit.project import Project
from transkit.status import mark_approved, mark_stale, mark_translated
from transkit.tui.catalogue import PENDING, Catalogue, Opened
from transkit.tui.overview import OverviewApp

DOCS = 24


def _catalogue(make_project: Callable[..., Project]) -> Project:
    """DOCS documents: copies of the sample's files under other names, with
    doc-03 all approved in es, doc-07 stale in es, the rest untranslated."""
    project = make_project(doc="doc-00")
    root = project.root
    for n in range(1, DOCS):
        shutil.copy(root / "segments" / "doc-00.pot", root / "segments" / f"doc-{n:02d}.pot")
        for lang in project.config.all_languages:
            folder = root / "locales" / lang
            shutil.copy(folder / "doc-00.po", folder / f"doc-{n:02d}.po")
    done = project.load_translation("doc-03", "es")
    for entry in done:
        entry.target = f"ES {entry.source}"
        mark_approved(entry, "ana")
    project.save_translation("doc-03", "es", done)
    stale = project.load_translation("doc-07", "es")
    first = next(iter(stale))
    first.target = "Algo."
    mark_translated(first, "bo")
    mark_stale(first, "An older source.")
    project.save_translation("doc-07", "es", stale)
    return project


def _drive(app: OverviewApp, scenario: Callable[[Any], Any], size: tuple[int, int] = (120, 40)
           ) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            for _ in range(300):  # the counting worker
                if not app.counting:
                    break
                await pilot.pause(0.02)
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


async def search(pilot: Any, word: str) -> None:
    """Type `word` into the open concordance and wait for its hits."""
    await pilot.press(*word, "enter")
    for _ in range(200):
        if pilot.app.screen.hits:
            return
        await pilot.pause(0.02)
    raise AssertionError(f"no hits for {word!r}")


def _rows(app: OverviewApp) -> list[str]:
    from textual.widgets import DataTable

    table = app.query_one(DataTable)
    return [str(key.value) for key in table.rows]


def test_open_filter_sort_and_next_unfinished(make_project: Callable[..., Project]) -> None:
    project = _catalogue(make_project)
    app = OverviewApp(project)

    async def scenario(pilot: Any) -> None:
        assert _rows(app) == [f"doc-{n:02d}" for n in range(DOCS)]
        assert app.catalogue.focus == "es"  # the first target language's column
        assert app.current() == Opened("doc-00", "es")
        await pilot.press("f")  # unfinished in es: doc-03 is all approved
        assert "doc-03" not in _rows(app) and len(_rows(app)) == DOCS - 1
        await pilot.press("f")  # stale in es
        assert _rows(app) == ["doc-07"]
        await pilot.press("f", "f")  # drafts, then every document again
        assert len(_rows(app)) == DOCS
        await pilot.press("down", "down")  # doc-02; next unfinished in es skips doc-03
        await pilot.press("n")
        assert app.current() == Opened("doc-04", "es")
        await pilot.press("s")  # most work left first: doc-03 last
        assert _rows(app)[-1] == "doc-03"
        assert app.current() == Opened("doc-04", "es")  # the cursor stays on its document
        await pilot.press("right")  # pt's column
        await pilot.press("enter")

    _drive(app, scenario)
    assert app.return_value == Opened("doc-04", "pt")


def test_counts_are_cached_for_the_next_opening(make_project: Callable[..., Project]) -> None:
    project = _catalogue(make_project)
    first = OverviewApp(project)
    assert first.catalogue.pending() == DOCS * 4  # nothing known yet: counted after painting

    async def nothing(pilot: Any) -> None:
        assert first.catalogue.pending() == 0

    _drive(first, nothing)
    again = OverviewApp(project)
    assert again.catalogue.pending() == 0 and not again.counting  # painted complete at once
    # A file changed since is counted again, the others are not.
    done = project.load_translation("doc-05", "nl")
    entry = next(iter(done))
    entry.target = "Een."
    mark_approved(entry, "ana")
    project.save_translation("doc-05", "nl", done)
    third = OverviewApp(project)
    assert [k for k, c in third.catalogue.cells.items() if c == PENDING] == [("doc-05", "nl")]


def test_next_unfinished_wraps_and_says_when_all_is_done() -> None:
    from transkit.stats import Counts
    from transkit.status import Status

    finished = Counts()
    finished.segments[Status.APPROVED] = 3
    left = Counts()
    left.segments[Status.DRAFT] = 1
    cat = Catalogue(["a", "b", "c"], ["en", "es"])
    for doc in "abc":
        cat.set_cell(doc, "es", finished)
    cat.set_cell("a", "es", left)
    assert cat.next_unfinished("b", "es") == "a"  # wraps round to the top
    assert cat.next_unfinished("a", "es") is None  # only itself is left


def test_the_concordance_opens_the_segment_it_found(
    make_project: Callable[..., Project]
) -> None:
    project = _catalogue(make_project)
    app = OverviewApp(project)
    sample = next(iter(project.load_translation("doc-05", "es")))
    word = sample.source.split()[1]

    async def scenario(pilot: Any) -> None:
        from transkit.tui.screens.concordance import ConcordanceScreen

        await pilot.press("ctrl+f")
        assert isinstance(app.screen, ConcordanceScreen)
        await search(pilot, word)
        assert all(word.lower() in h.source.lower() for h in app.screen.hits)
        await pilot.press("enter")

    _drive(app, scenario)
    opened = app.return_value
    assert opened is not None and opened.lang == "es" and opened.segment == sample.id


@pytest.mark.skipif(sys.platform != "linux", reason="a real pseudo-terminal")
def test_review_goes_back_to_the_overview_in_a_terminal(
    make_project: Callable[..., Project], chdir: Path
) -> None:
    """``transkit review`` in a real terminal: the overview, Enter opens the
    first document, Ctrl+Q leaves it for the overview again, q quits."""
    _catalogue(make_project)
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    # Textual draws on stderr: all three are the terminal.
    proc = subprocess.Popen([sys.executable, "-m", "transkit", "review"], cwd=chdir,
                            stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    screen = bytearray()

    def wait_for(text: bytes, timeout: float = 20.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if select.select([master], [], [], 0.1)[0]:
                try:
                    screen.extend(os.read(master, 65536))
                except OSError:
                    break
            if text in screen:
                return
        raise AssertionError(f"{text!r} never shown")

    try:
        wait_for(b"documents")
        screen.clear()
        os.write(master, b"\r")  # open doc-00 in es
        wait_for(b"Approve")  # the review screen's footer
        screen.clear()
        time.sleep(0.5)
        os.write(master, b"\x11")  # Ctrl+Q: back to the overview
        wait_for(b"documents")
        os.write(master, b"q")
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)


def _review_app(project: Project, doc: str, **options: Any) -> Any:
    from review_helpers import review_app

    return review_app(project, doc, reviewer="Ana", **options)


def _run(app: Any, scenario: Callable[[Any], Any]) -> None:
    from review_helpers import run_app

    run_app(app, scenario)


def test_f8_past_the_last_unfinished_segment_opens_the_next_document(
    make_project: Callable[..., Project]
) -> None:
    project = _catalogue(make_project)
    asked: list[tuple[str, str]] = []

    def next_document(doc: str, lang: str) -> str | None:
        asked.append((doc, lang))
        return "doc-04"

    app = _review_app(project, "doc-03", next_document=next_document)  # all approved in es

    async def scenario(pilot: Any) -> None:
        await pilot.press("f8")
        assert app.return_value is None  # the first press only says what comes next
        assert any("Press it again to open doc-04" in str(n.message)
                   for n in app._notifications)
        await pilot.press("f8")

    _run(app, scenario)
    assert app.return_value == Opened("doc-04", "es")
    assert asked == [("doc-03", "es"), ("doc-03", "es")]


def test_f8_in_a_review_opened_alone_just_says_so(make_project: Callable[..., Project]) -> None:
    project = _catalogue(make_project)
    app = _review_app(project, "doc-03")

    async def scenario(pilot: Any) -> None:
        await pilot.press("f8", "f8")

    _run(app, scenario)
    assert app.return_value is None


def test_the_concordance_from_the_review_app(make_project: Callable[..., Project]) -> None:
    project = _catalogue(make_project)
    entries = list(project.load_translation("doc-02", "es"))
    word = entries[-1].source.split()[0]
    app = _review_app(project, "doc-02")

    async def scenario(pilot: Any) -> None:
        from transkit.tui.screens.concordance import ConcordanceScreen

        await pilot.press("f12")
        assert isinstance(app.screen, ConcordanceScreen)
        await search(pilot, word)
        hits = app.screen.hits
        here = next(k for k, h in enumerate(hits) if (h.doc, h.lang) == ("doc-02", "es"))
        target = hits[here]
        for _ in range(here):
            await pilot.press("down")
        await pilot.press("enter")  # in this document and language: go there
        await pilot.pause()
        assert app.session.current.id == target.id
        assert app.return_value is None
        await pilot.press("f12")
        await search(pilot, word)
        other = next(k for k, h in enumerate(app.screen.hits) if h.doc != "doc-02")
        for _ in range(other):
            await pilot.press("down")
        await pilot.press("enter")  # another document: the app leaves to open it

    _run(app, scenario)
    opened = app.return_value
    assert opened is not None and opened.doc != "doc-02"
