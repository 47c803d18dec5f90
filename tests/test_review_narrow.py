"""The review app on narrow terminals, as the README describes it (issue #15).

Driven with Pilot at each width; the screen is read as the terminal shows it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.widgets._footer import FooterKey

from review_helpers import SAMPLE_PLAN, give_statuses, run_app, settle
from transkit.project import Project
from transkit.tui.app import ReviewApp
from transkit.tui.widgets.header import line


def screen_text(app: ReviewApp) -> list[str]:
    """The screen's lines, as a terminal would show them."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True,
                      force_terminal=True, color_system="truecolor", legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text().splitlines()


@pytest.fixture
def app(make_project: Callable[..., Project], tmp_path: Path) -> ReviewApp:
    project = make_project()
    (tmp_path / "glossary.toml").write_text(
        '[[term]]\nen = ["strike", "strikes"]\nes = "huelga"\n', encoding="utf-8")
    give_statuses(project, "sample", "es", SAMPLE_PLAN)
    return ReviewApp(project, "sample", "es", reviewer="Ana", cursor_blink=False,
                     watch_interval=0)


def at_segment_5(app: ReviewApp, width: int, check: Callable[[list[str]], None]) -> None:
    """Open `app` `width` columns wide on segment 5 ("The strike spread…",
    drafted without "huelga": a glossary warning), and `check` the screen."""

    async def scenario(pilot: Any) -> None:
        await pilot.press("ctrl+g", *"5", "enter")
        await settle(pilot)
        check(screen_text(app))

    run_app(app, scenario, size=(width, 30))


def footer_keys(app: ReviewApp) -> list[str]:
    return [k.description for k in app.screen.query(FooterKey) if k.display]


@pytest.mark.parametrize("width", [100, 90])
def test_below_110_columns_the_list_drops_ids_for_more_source(app: ReviewApp,
                                                              width: int) -> None:
    def check(lines: list[str]) -> None:
        row = lines[5]  # segment 5
        assert "p-37865a" not in row
        assert "The strike spread to th" in row  # 23 cells of source, not 12

    at_segment_5(app, width, check)


def test_at_160_columns_the_list_keeps_its_ids(app: ReviewApp) -> None:
    at_segment_5(app, 160, lambda lines: (assert_in("p-37865a The strike spread", lines[5])))


def assert_in(part: str, text: str) -> None:
    assert part in text, text


@pytest.mark.parametrize("width", [90, 70])
def test_the_header_keeps_the_position_and_the_footer_help_and_quit(app: ReviewApp,
                                                                    width: int) -> None:
    def check(lines: list[str]) -> None:
        header = lines[0]
        assert header.rstrip().endswith("5/20"), header
        assert "10%" in header and "…" not in header
        keys = footer_keys(app)
        assert "Help" in keys and "Quit" in keys
        footer = lines[-1]
        assert "f1 Help" in footer and "^q Quit" in footer, footer

    at_segment_5(app, width, check)


def test_at_70_columns_the_findings_are_on_a_line_of_their_own(app: ReviewApp) -> None:
    def check(lines: list[str]) -> None:
        assert not app.w_checks.display or not app.screen.query_one("#aids").display
        assert "⚠ glossary: 'strike' should be translated as 'huelga'" in lines[-2]

    at_segment_5(app, 70, check)


def test_at_wide_terminals_the_findings_line_is_not_shown(app: ReviewApp) -> None:
    def check(lines: list[str]) -> None:
        assert not app.screen.query_one("#findings").display
        assert not any("⚠ glossary: 'strike' should be translated as 'huelga'" in x
                       for x in lines)  # the Checks pane wraps it over lines

    at_segment_5(app, 160, check)


COUNTS = {"untranslated": 13, "stale": 1, "needs-work": 1, "draft": 2, "translated": 1,
          "approved": 2}
SYMBOLS = {"untranslated": "·", "stale": "!", "needs-work": "✗", "draft": "~",
           "translated": "○", "approved": "●"}


@pytest.mark.parametrize("width", [140, 100, 90, 80, 70, 60, 50, 40])
def test_the_header_fits_every_width_and_gives_up_the_least_first(width: int) -> None:
    text = line("sample", "Español (es)", COUNTS, SYMBOLS, "all", (5, 20), width).plain
    assert len(text) <= width
    assert text.endswith("5/20")
    assert ("Español (es)" in text) == (width >= 80)
    assert ("approved" in text) == (width >= 70)
    assert ("13·" in text) == (width >= 60)
