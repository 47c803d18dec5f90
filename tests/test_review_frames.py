"""What the review app redraws after a key (issue #15, item 8: one frame,
whole screen): no pane drawn twice for one key, no frame for nothing."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from review_helpers import SAMPLE_PLAN, give_statuses, run_app, settle
from transkit.project import Project
from transkit.tui.app import ReviewApp


def test_saving_is_said_only_of_a_save_that_waits(make_project: Callable[..., Project]) -> None:
    """An approval's "saving…" timer (0.3 s) belonged to any later save: after
    quick approvals in a row, the header said "saving…" of a save just begun,
    and took it back: two frames for nothing."""
    project = make_project()
    give_statuses(project, "sample", "es", SAMPLE_PLAN)
    app = ReviewApp(project, "sample", "es", reviewer="Ana", cursor_blink=False,
                    watch_interval=0)

    def saying() -> bool:
        return "saving…" in app.w_header.render().plain

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # the app opens in the editor: to the list
        await pilot.press("a")  # a first save, quick
        await pilot.pause(0.15)
        with project.writing("sample", "es"):  # another transkit writer holds the file
            started = time.perf_counter()
            await pilot.press("a")  # a second save, which waits
            while time.perf_counter() - started < 0.22:  # the first's timer goes off
                assert not saying()
                await pilot.pause(0.01)
            await pilot.pause(0.4)
            assert saying()  # the second's own, once it has waited
        await settle(pilot)
        for _ in range(100):
            if not saying():
                break
            await pilot.pause(0.02)
        assert not saying()

    run_app(app, scenario)
