"""Frame pacing: a frame as soon as something changed, at most one per period.

Textual paints a screen from a timer on a fixed 1/60 s grid. Once that
timer has been idle it sleeps one to two periods after every frame before
it looks again, so a key pressed up to 33 ms after the last frame waited
for the grid, not for work: on a 2-core machine a third of key presses
missed the frame for that reason alone. `FramePacer` keeps the same limit
(never two frames less than a period apart) and otherwise paints at once.
"""

from __future__ import annotations

import asyncio
import math
import time

from textual.screen import Screen, ScreenResultType
from textual.timer import EventTargetGone, Timer, TimerCallback

SCREEN_UPDATE = "screen_update"  # the name Textual gives a screen's update timer


class FramePacer(Timer):
    """A repeating timer that ticks when resumed, but never within `interval`
    of its previous tick."""

    async def _run(self) -> None:
        last = -math.inf
        while True:
            await self._active.wait()
            wait = last + self._interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
                continue  # it may have been paused meanwhile
            last = time.monotonic()
            try:
                await self._tick(next_timer=last, count=0)
            except EventTargetGone:
                break


class PacedScreen(Screen[ScreenResultType]):
    """A screen whose updates are paced by `FramePacer` (all else as Textual's)."""

    def set_interval(
        self,
        interval: float,
        callback: TimerCallback | None = None,
        *,
        name: str | None = None,
        repeat: int = 0,
        pause: bool = False,
    ) -> Timer:
        if name != SCREEN_UPDATE or repeat:
            return super().set_interval(interval, callback, name=name, repeat=repeat, pause=pause)
        timer = FramePacer(self, interval, name=name, callback=callback, pause=pause)
        timer._start()
        self._timers.add(timer)
        return timer
