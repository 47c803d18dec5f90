"""Snapshots of the review screens (SVG under tests/__snapshots__/, looked at before accepting).

Update with ``pytest tests/test_review_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from review_helpers import SAMPLE_PLAN, give_statuses, settle
from transkit.project import Project
from transkit.tui.app import ReviewApp

SIZE = (120, 36)


@pytest.fixture
def app(make_project: Callable[..., Project], tmp_path: Path) -> ReviewApp:
    project = make_project()
    (tmp_path / "glossary.toml").write_text(
        '[[term]]\nen = ["strike", "strikes"]\nes = "huelga"\n\n'
        '[[term]]\nen = "refinery"\nes = "refinería"\n', encoding="utf-8")
    give_statuses(project, "sample", "es", SAMPLE_PLAN)
    give_statuses(project, "sample", "pt", {1: "approved", 3: "draft"})
    return ReviewApp(project, "sample", "es", reviewer="Ana", cursor_blink=False,
                     watch_interval=0, typing_pause=60)  # typing shows as pending, always


async def _settle(pilot: Any) -> None:
    await settle(pilot)


def test_main_screen(snap_compare: Any, app: ReviewApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


def test_stale_segment_with_its_word_diff(snap_compare: Any, app: ReviewApp) -> None:
    async def before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_glossary_terms_and_check_warnings(snap_compare: Any, app: ReviewApp) -> None:
    async def before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("ctrl+g", *"5", "enter")  # "The strike spread…", drafted without huelga
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_editing_in_the_editor(snap_compare: Any, app: ReviewApp) -> None:
    async def before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("f5", *"Lo que dicen los periódicos")  # the app is in the editor
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_help_screen(snap_compare: Any, app: ReviewApp) -> None:
    async def before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_filter_picker(snap_compare: Any, app: ReviewApp) -> None:
    async def before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_a_list_longer_than_the_screen_with_its_thumb(snap_compare: Any, app: ReviewApp) -> None:
    async def before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("escape", "home", *["down"] * 12)  # past the edge: a third of a page on
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 14), run_before=before)


@pytest.mark.parametrize("width", [160, 100, 90, 70])
def test_a_terminal_of_each_width(snap_compare: Any, app: ReviewApp, width: int) -> None:
    """The README's narrow terminals: below 110 columns no ids, below 80 no aids
    column but the findings on a line above the footer (segment 5 has one)."""

    async def before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("ctrl+g", *"5", "enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(width, 30), run_before=before)
