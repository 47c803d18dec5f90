"""Smaller things of the review screen (issue #15, item 9): the help screen's
columns, and a scrolled pane's marks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from review_helpers import SAMPLE_PLAN, give_statuses, run_app, settle
from test_review_narrow import screen_text
from transkit.project import Project
from transkit.tui.app import ReviewApp
from transkit.tui.widgets.pane import TextPane


@pytest.fixture
def app(make_project: Callable[..., Project]) -> ReviewApp:
    project = make_project()
    give_statuses(project, "sample", "es", SAMPLE_PLAN)
    return ReviewApp(project, "sample", "es", reviewer="Ana", cursor_blink=False,
                     watch_interval=0)


def pane_lines(pane: TextPane) -> list[str]:
    return ["".join(s.text for s in pane.render_line(y)).rstrip()
            for y in range(pane.scrollable_content_region.height)]


def help_rows(app: ReviewApp) -> list[str]:
    """The help box's lines as shown, inside its border and padding."""
    lines = screen_text(app)
    top = next(k for k, x in enumerate(lines) if "╭─ Keys" in x)
    left = lines[top].index("╭") + 2
    rows = []
    for x in lines[top + 1:]:
        if "╰" in x:
            break
        rows.append(x[left : x.index("│", left)].rstrip(" ▁▂▃▄▅▆▇█"))
    return [x for x in rows if x.strip()]


@pytest.mark.parametrize("width", [120, 78])
def test_help_descriptions_keep_to_their_column(app: ReviewApp, width: int) -> None:
    """Every line is a key right-aligned before the description column, or
    text starting in that column: none wraps back to column 0."""

    async def scenario(pilot: Any) -> None:
        for keys in ((), ("end",)):  # the first entries, then the end (the ] row)
            await pilot.press("f1", *keys)
            await pilot.pause()
            rows = help_rows(app)
            anchor = "PageDown  " if keys else "Ctrl+Enter / Ctrl+J  "  # a key surely in view
            row = next(x for x in rows if x.lstrip().startswith(anchor))
            column = row.index(anchor) + len(anchor)
            for row in rows:
                indent = len(row) - len(row.lstrip())
                keyed = row[column - 2 : column] == "  " and row[column - 3] != " "
                assert indent == column or (keyed and row[column] != " "), row
            if keys:
                assert any(x.lstrip().startswith("]  next") for x in rows)
            else:
                assert any(x.lstrip().startswith("Ctrl+Enter / Ctrl+J  approve") for x in rows)
            await pilot.press("escape")
            await pilot.pause()

    run_app(app, scenario, size=(width, 40))


def test_a_scrolled_preview_keeps_its_heading_and_cuts_no_line_at_the_top(
        app: ReviewApp) -> None:
    async def scenario(pilot: Any) -> None:
        await pilot.press("ctrl+g", *"6", "enter")  # the last sentence of a long paragraph
        await settle(pilot)
        lines = pane_lines(app.w_preview)
        assert lines[0].startswith("Español · paragraph") and lines[0].endswith("↑")
        assert "ES: Nobody expected it." in "\n".join(lines)
        assert not any(x.endswith("…") for x in lines[:-1]), lines

    run_app(app, scenario, size=(100, 14))


def test_an_unscrolled_preview_has_no_marks(app: ReviewApp) -> None:
    async def scenario(pilot: Any) -> None:
        await pilot.press("ctrl+g", *"6", "enter")
        await settle(pilot)
        lines = pane_lines(app.w_preview)
        assert lines[0] == "Español · paragraph"
        assert not any(x.endswith(("…", "↑")) for x in lines), lines

    run_app(app, scenario, size=(120, 36))


def test_a_long_text_is_cut_with_a_mark_whatever_is_left_unwrapped() -> None:
    """A pane with no line to keep in view wraps only what it can show; what
    it shows, and the "…" of more below, are as if it had wrapped it all."""
    import asyncio

    from rich.text import Text
    from textual.app import App, ComposeResult

    words = " ".join(f"word{k}" for k in range(400))

    class Tiny(App[None]):
        def compose(self) -> ComposeResult:
            yield TextPane(id="pane")

    async def main() -> None:
        app = Tiny()
        async with app.run_test(size=(30, 4)) as pilot:
            pane = app.query_one(TextPane)
            for text in (words, "short\nlines\nonly\nfour", "a\nb\nc\nd\ne"):
                pane.set_text(Text(text))
                await pilot.pause()
                lines = pane_lines(pane)
                whole = Text(text).wrap(app.console, 30, overflow="fold")
                assert lines[:3] == [x.plain.rstrip() for x in whole][:3]
                assert lines[-1].endswith("…") == (len(whole) > 4), (text, lines)

    asyncio.run(main())
