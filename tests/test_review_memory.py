"""The review app's translation memory is live (issue #15): an approval is
offered on identical and similar segments at once, while the app is open,
beside the approvals of the project's other documents; the Memory pane is
ready within a second of opening."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from review_helpers import review_app, run_app, settle
from transkit.cli import main
from transkit.project import Project
from transkit.status import mark_approved
from transkit.tui.app import ReviewApp
from transkit.tui.messages import LanguageLoaded, MemoryReady
from transkit.tui.screens.picker import PickerScreen

ARTICLE = """\
The strike committee met again on Tuesday. The workers waited outside.

Nobody knew what would follow. The strike committee met again on Tuesday.

The strike committee met once more on Tuesday.

The union council voted on Friday night.
"""
SAID = "El comité de huelga volvió a reunirse el martes."


def project_of_two_documents(make_project: Callable[..., Project], tmp_path: Path) -> Project:
    """"article" (segments 1 and 4 the same sentence, 5 like them, 6 like a
    sentence of "other") and "other", whose one sentence is approved in Spanish."""
    project = make_project(source=None)
    source = tmp_path / "article.md"
    source.write_text(ARTICLE, encoding="utf-8")
    assert main(["import", str(source), "--doc", "article"]) == 0
    other = tmp_path / "other.md"
    other.write_text("The union council voted on Friday.\n", encoding="utf-8")
    assert main(["import", str(other), "--doc", "other"]) == 0
    catalog = project.load_translation("other", "es")
    entry = next(iter(catalog))
    entry.target = "El consejo sindical votó el viernes."
    mark_approved(entry, "bo")
    project.save_translation("other", "es", catalog)
    return project


def review(project: Project) -> ReviewApp:
    return review_app(project, "article", reviewer="Ana")


async def go_to(pilot: Any, number: int) -> None:
    """Segment `number`, and its suggestions found."""
    await pilot.press("ctrl+g", *str(number), "enter")
    await settle(pilot)
    app = pilot.app
    for _ in range(200):
        if app.current_suggestions() is not None:
            break
        await pilot.pause(0.01)
    await pilot.pause()


def test_an_approval_is_offered_at_once_on_identical_and_similar_segments(
        make_project: Callable[..., Project], tmp_path: Path) -> None:
    app = review(project_of_two_documents(make_project, tmp_path))

    async def scenario(pilot: Any) -> None:
        await go_to(pilot, 4)  # nothing approved like it yet
        assert "no similar approved segments" in app.w_memory.plain
        await go_to(pilot, 1)
        app.action_focus_editor()
        await pilot.press(*SAID, "ctrl+j")  # approve
        await settle(pilot)
        await go_to(pilot, 4)  # the very sentence: at once, without reopening
        assert f"1 100% {SAID}" in app.w_memory.plain
        await go_to(pilot, 5)  # a similar one
        memory = app.w_memory.plain
        assert SAID in memory and "100%" not in memory and "%" in memory
        app.action_focus_editor()
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("1")
        await pilot.pause()
        assert app.w_editor.text == SAID

    run_app(app, scenario)


def test_an_approval_undone_is_offered_no_more(make_project: Callable[..., Project],
                                               tmp_path: Path) -> None:
    app = review(project_of_two_documents(make_project, tmp_path))

    async def scenario(pilot: Any) -> None:
        await go_to(pilot, 1)
        app.action_focus_editor()
        await pilot.press(*SAID, "ctrl+j")
        await settle(pilot)
        await go_to(pilot, 4)
        assert SAID in app.w_memory.plain
        app.action_undo()  # the approval
        await settle(pilot)
        await go_to(pilot, 4)
        assert SAID not in app.w_memory.plain

    run_app(app, scenario)


def test_other_documents_approvals_are_offered(make_project: Callable[..., Project],
                                               tmp_path: Path) -> None:
    app = review(project_of_two_documents(make_project, tmp_path))

    async def scenario(pilot: Any) -> None:
        await go_to(pilot, 6)
        assert "El consejo sindical votó el viernes." in app.w_memory.plain
        found = app.current_suggestions()
        assert found and (found[0].doc, found[0].score < 100) == ("other", True)

    run_app(app, scenario)


class OrderedApp(ReviewApp):
    """Notes when the memory and the other languages arrive, and when the
    Memory pane first shows something other than "looking…"."""

    arrived: list[tuple[str, float]]
    opened = 0.0
    ready: float | None = None

    def on_memory_ready(self, message: MemoryReady) -> None:
        self.arrived.append(("memory", time.perf_counter()))
        super().on_memory_ready(message)

    def on_language_loaded(self, message: LanguageLoaded) -> None:
        self.arrived.append((message.file.lang, time.perf_counter()))
        super().on_language_loaded(message)

    def on_mount(self) -> None:
        self.opened = time.process_time()  # Textual started: the app is opening
        super().on_mount()

    def show_suggestions(self) -> None:
        super().show_suggestions()
        if self.ready is None and "looking…" not in self.w_memory.plain:
            self.ready = time.process_time()


def test_the_memory_pane_is_ready_within_a_second_before_other_languages(
        make_project: Callable[..., Project], tmp_path: Path) -> None:
    """Its worker runs first, and the app's work until the pane is ready is
    under a second. Counted in CPU time (all threads): on a machine shared
    by a busy test run the wall clock says more about the others."""
    project = project_of_two_documents(make_project, tmp_path)
    app = OrderedApp(project, "article", "es", reviewer="Ana", cursor_blink=False,
                     watch_interval=0)
    app.arrived = []

    async def scenario(pilot: Any) -> None:
        await settle(pilot)
        assert app.arrived[0][0] == "memory"  # the pane waits for it alone
        assert app.ready is not None and app.ready - app.opened < 1.0

    run_app(app, scenario)
