"""The review screen's frame pacer: a frame at once, never two within a period."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.app import App

from review_helpers import run_app
from transkit.project import Project
from transkit.tui.app import ReviewApp
from transkit.tui.pacing import FramePacer


def test_the_review_screen_is_painted_by_the_pacer(make_project: Callable[..., Project]) -> None:
    """Guards the hook: Textual must still create its update timer by that name."""
    app = ReviewApp(make_project(), "sample", "es", cursor_blink=False, watch_interval=0)

    async def scenario(pilot: Any) -> None:
        await pilot.press("down")
        assert isinstance(app.screen._update_timer, FramePacer)

    run_app(app, scenario)


def test_a_tick_comes_at_once_but_never_twice_within_the_interval() -> None:
    ticks: list[float] = []

    async def main() -> None:
        async with App().run_test() as pilot:
            loop = asyncio.get_running_loop()
            pacer = FramePacer(pilot.app, 0.5, callback=lambda: ticks.append(loop.time()),
                               pause=True)
            pacer._start()
            await asyncio.sleep(0.1)
            assert ticks == []  # paused: nothing to paint
            resumed = loop.time()
            pacer.resume()
            await asyncio.sleep(0.1)
            assert len(ticks) == 1 and ticks[0] - resumed < 0.1  # at once, not on a grid
            await asyncio.sleep(0.2)
            assert len(ticks) == 1  # within the interval: held back
            await asyncio.sleep(0.45)  # 0.75 s after the first tick
            assert len(ticks) == 2 and ticks[1] - ticks[0] >= 0.5
            pacer.pause()
            await asyncio.sleep(0.8)
            assert len(ticks) == 2  # paused: no more
            pacer.stop()

    asyncio.run(main())
