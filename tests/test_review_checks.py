"""The review app's Checks pane agrees with `transkit check` on a quotation
that opens in one segment and closes in a later one of the same paragraph."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from review_helpers import run_app
from transkit.cli import main
from transkit.project import Project
from transkit.status import mark_translated
from transkit.tui.app import ReviewApp


def test_a_quotation_across_segments_is_not_warned_in_the_app(
    make_project: Callable[..., Project], chdir: Path
) -> None:
    project = make_project(source=None)
    (chdir / "q.md").write_text(
        "“The strike committee met again. The army was divided at the time.” "
        "Not a national strike will sway it.\n",
        encoding="utf-8")
    assert main(["import", "q.md", "--doc", "q"]) == 0
    catalog = project.load_translation("q", "es")
    entries = list(catalog)
    assert [e.source for e in entries] == [
        "“The strike committee met again.", "The army was divided at the time.”",
        "Not a national strike will sway it."]
    # The translator quotes only the first sentence: each segment alone is unbalanced
    # against its source, the paragraph is not.
    for entry, text in zip(entries, ["«El comité de huelga volvió a reunirse».",
                                     "El ejército estaba dividido entonces.",
                                     "No lo cambiará una huelga nacional."], strict=True):
        entry.target = text
        mark_translated(entry, "ana")
    project.save_translation("q", "es", catalog)
    app = ReviewApp(project, "q", "es", reviewer="Ana", cursor_blink=False, watch_interval=0)

    async def scenario(pilot: Any) -> None:
        for _ in range(2):
            await pilot.pause()
            assert "quotes" not in app.w_checks.plain
            await pilot.press("ctrl+down")

    run_app(app, scenario)
    assert main(["check", "q"]) == 0  # and `check` agrees
