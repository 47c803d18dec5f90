"""Shared by the review tests: real projects with translations in every status."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from transkit.catalog import Catalog, Entry
from transkit.project import Project
from transkit.provenance import set_draft_text
from transkit.status import mark_approved, mark_draft, mark_needs_work, mark_stale, mark_translated

#: Segment index (in the sample article) -> status the es catalog gets.
SAMPLE_PLAN: dict[int, str] = {
    0: "approved",
    1: "translated",
    2: "needs-work",
    3: "draft",
    4: "draft",
    5: "stale",
    7: "approved",
}


def spanish(source: str) -> str:
    """A stand-in translation, recognisably derived from its source."""
    return f"ES: {source}"


def give_statuses(project: Project, doc: str, lang: str, plan: Mapping[int, str]) -> Catalog:
    """Translate and mark the segments in `plan`; the others stay untranslated."""
    catalog = project.load_translation(doc, lang)
    live = list(catalog)
    for index, status in plan.items():
        entry = live[index]
        entry.target = spanish(entry.source)
        if status == "approved":
            mark_approved(entry, "tester", on="2026-01-01")
        elif status == "translated":
            mark_translated(entry, "tester", on="2026-01-01")
        elif status == "needs-work":
            mark_needs_work(entry, "tester", on="2026-01-01")
        elif status == "draft":
            set_draft_text(entry, f"MT: {entry.source}")
            entry.target = f"MT: {entry.source}"
            mark_draft(entry, "deepl", on="2026-01-01")
        elif status == "stale":
            mark_translated(entry, "tester", on="2026-01-01")
            mark_stale(entry, old_source=entry.source.replace("Nobody", "No one"))
        else:
            raise ValueError(status)
    project.save_translation(doc, lang, catalog)
    return catalog


def entries(*sources: str, notes: str = "paragraph") -> Catalog:
    """An in-memory catalog: one block of these sentences."""
    out = []
    for k, source in enumerate(sources):
        out.append(Entry(id=f"p-{k:02d}", source=source, notes=[notes] if k == 0 else []))
    return Catalog(header={"Content-Type": "text/plain; charset=UTF-8"}, entries=out)


def run_app(app: Any, scenario: Callable[[Any], Awaitable[None]],
            size: tuple[int, int] = (120, 36)) -> None:
    """Drive `app` headless with Pilot through `scenario(pilot)`."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await scenario(pilot)

    asyncio.run(main())


async def settle(pilot: Any) -> None:
    """Until the background reading (other languages, memory) is done and drawn."""
    app = pilot.app
    for _ in range(500):
        if app.background_done:
            break
        await pilot.pause(0.01)
    await pilot.pause()
    for _ in range(200):  # the suggestion worker of the first segment
        if not any(not w.is_finished for w in app.workers):
            break
        await pilot.pause(0.01)
    await pilot.pause()


async def saved(pilot: Any) -> None:
    """Until every file the app holds is saved (3 s at most)."""
    for _ in range(300):
        await pilot.pause(0.01)
        if not any(f.busy or f.dirty for f in pilot.app.files.values()):
            return
    raise AssertionError("a save never finished")


def told(app: Any) -> list[str]:
    """What the app tells the reviewer from now on."""
    messages: list[str] = []
    app.notify = lambda message, **kw: messages.append(message)
    return messages


def review_app(project: Project, doc: str = "sample", lang: str = "es", **options: Any) -> Any:
    """The review app as the tests drive it: a known reviewer, no blinking
    cursor, no file watching, a short typing pause (each overridable)."""
    from transkit.tui.app import ReviewApp

    options = {"reviewer": "Ana Reviewer", "cursor_blink": False, "watch_interval": 0,
               "typing_pause": 0.05, **options}
    return ReviewApp(project, doc, lang, **options)
