"""How fast the review TUI paints and answers keys, on the article and on 10,000 segments.

Run: python benchmarks/bench_review.py [--segments 10000] [--presses 30]

Drives the real app headless with Pilot. A "frame" is the moment the
compositor hands a finished screen update to the driver (`App._display`):
first paint is from constructing the app (its files read) to the first
frame; a key's latency is from posting the key to the first frame after it.
Textual paints at most 60 frames a second, so one frame is 16.7 ms.
Python's import of Textual is timed separately: it is paid once per run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO / "sources" / "iran-oil-gas.txt"
FRAME = 1 / 60

WORDS = [
    "workers", "strike", "refinery", "regime", "protest", "wages", "oil", "gas", "union",
    "province", "pipeline", "contract", "council", "repression", "factory", "students",
    "demands", "government", "teachers",
]


def generated_article(segments: int) -> str:
    """Markdown with `segments` sentences: paragraphs of three, a heading every 20."""
    lines = ["# A generated article for the benchmark", ""]
    n = 0
    paragraph = 0
    while n < segments:
        if paragraph % 20 == 0:
            lines += [f"## Section {paragraph // 20 + 1}", ""]
            n += 1
        sentences = []
        for _ in range(3):
            n += 1
            words = " ".join(WORDS[(n * 7 + k * 3) % len(WORDS)] for k in range(6 + n % 9))
            sentences.append(f"Sentence {n} says the {words} went on.")
        lines += [" ".join(sentences), ""]
        paragraph += 1
    return "\n".join(lines)


def make_project(folder: Path, source: Path, doc: str) -> None:
    """A project with this source imported, and a realistic mix of statuses in Spanish."""
    from transkit.cli import main
    from transkit.project import Project
    from transkit.status import mark_approved, mark_draft, mark_needs_work, mark_translated

    os.chdir(folder)
    with open(os.devnull, "w") as null:
        stdout, sys.stdout = sys.stdout, null
        try:
            assert main(["init", "--name", "bench", "--languages", "es,pt,nl"]) == 0
            assert main(["import", str(source), "--doc", doc]) == 0
        finally:
            sys.stdout = stdout
    project = Project.find(folder)
    for lang, share in (("es", 1.0), ("pt", 0.5)):
        catalog = project.load_translation(doc, lang)
        live = list(catalog)
        for k, entry in enumerate(live[: int(len(live) * share)]):
            entry.target = f"[{lang}] {entry.source}"
            kind = k % 5
            if kind == 0:
                mark_approved(entry, "bench")
            elif kind == 1:
                mark_translated(entry, "bench")
            elif kind == 2:
                mark_needs_work(entry, "bench")
            else:
                mark_draft(entry, "deepl")
        project.save_translation(doc, lang, catalog)


def timed_app_class() -> type:
    from transkit.tui.app import ReviewApp

    class TimedReviewApp(ReviewApp):
        """ReviewApp that notes when each finished frame reaches the driver."""

        frames: list[float]

        def _display(self, screen: Any, renderable: Any) -> None:
            if renderable is not None:
                self.frames.append(time.perf_counter())
            super()._display(screen, renderable)

    return TimedReviewApp


async def measure(folder: Path, doc: str, presses: int) -> dict[str, Any]:
    from transkit.project import Project

    app_class = timed_app_class()
    os.chdir(folder)
    start = time.perf_counter()
    app = app_class(Project.find(folder), doc, "es", cursor_blink=False, watch_interval=0)
    app.frames = []
    loaded = time.perf_counter()
    first_rows = len(app.session)
    results: dict[str, Any] = {}
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        results["read files"] = loaded - start
        results["first paint"] = app.frames[0] - start
        while not app.background_done:
            await pilot.pause(0.01)
        results["everything read"] = time.perf_counter() - start
        results["segments"] = f"{len(app.session)} ({first_rows} read before the first paint)"

        async def key_latency(*keys: str) -> list[tuple[float, float]]:
            """(first frame, last frame) after each key, in seconds; a key that
            changed nothing on screen (nothing left to undo, say) is left out."""
            out = []
            for _ in range(presses):
                for key in keys:
                    before = len(app.frames)
                    t = time.perf_counter()
                    await pilot.press(key)
                    await pilot.pause()
                    await pilot.pause()
                    after = [f for f in app.frames[before:] if f >= t]
                    if after:
                        out.append((after[0] - t, after[-1] - t))
            return out

        await pilot.press("escape", "home")  # to the list: the app opens in the editor
        results["down (list)"] = await key_latency("down")
        results["end / home (list)"] = await key_latency("end", "home")
        results["a: approve + next unfinished"] = await key_latency("a")
        results["ctrl+z: undo"] = await key_latency("ctrl+z")
        results["f6: next draft"] = await key_latency("f6")
        await pilot.press("home", "enter")  # into the editor, far from the end
        results["ctrl+down: save + next"] = await key_latency("ctrl+down")
        results["typing a letter"] = await key_latency("x")
        results["ctrl+j: approve (editor)"] = await key_latency("ctrl+j")
        # alignment fix-ups in the first paragraph (segment 3 starts it), each undone
        await pilot.press("ctrl+g", "3", "enter")
        results["alt+right: sentence to next, ctrl+z"] = await key_latency("alt+right", "ctrl+z")
        await pilot.press("ctrl+g", "4", "enter")
        results["alt+j: join previous, ctrl+z"] = await key_latency("alt+j", "ctrl+z")
        await pilot.pause(0.5)
    return results


def report(name: str, results: dict[str, Any]) -> None:
    print(f"\n{name}: {results.pop('segments')} segments")
    print(f"  read files       {results.pop('read files') * 1000:7.1f} ms")
    print(f"  first paint      {results.pop('first paint') * 1000:7.1f} ms  (files read included)")
    print(f"  everything read  {results.pop('everything read') * 1000:7.1f} ms  (other languages, "
          "memory: in the background)")
    print(f"  {'key':<30} {'first frame':>24}   {'all panes drawn':>24}")
    for key, pairs in results.items():
        cells = []
        for values in (sorted(p[0] for p in pairs), sorted(p[1] for p in pairs)):
            p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
            cells.append(f"{statistics.median(values) * 1000:5.1f} ms (p95 {p95 * 1000:5.1f})")
        within = sum(p[0] <= FRAME for p in pairs)
        print(f"  {key:<30} {cells[0]:>24}   {cells[1]:>24}   first frame within 1/60 s: "
              f"{within}/{len(pairs)}")


def import_time() -> float:
    code = ("import time; t = time.perf_counter(); import transkit.tui.app; "
            "print(time.perf_counter() - t)")
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(3)]
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--presses", type=int, default=30)
    args = parser.parse_args()
    load = [f"{os.getloadavg()[0]:.2f}"]
    print(f"import transkit.tui.app (Textual included): {import_time() * 1000:.0f} ms "
          "(once per run, not in the figures below)")
    with tempfile.TemporaryDirectory() as tmp:
        runs = []
        article = Path(tmp, "article")
        article.mkdir()
        make_project(article, ARTICLE, "iran-oil-gas")
        runs.append(("the bundled article (iran-oil-gas)", article, "iran-oil-gas"))
        for size in (100, args.segments):
            folder = Path(tmp, f"gen{size}")
            folder.mkdir()
            source = Path(tmp, f"gen{size}.md")
            source.write_text(generated_article(size), encoding="utf-8")
            make_project(folder, source, "big")
            runs.append((f"a generated document of {size} segments", folder, "big"))
        results = [(name, asyncio.run(measure(folder, doc, args.presses)))
                   for name, folder, doc in runs]
    for name, result in results:
        report(name, result)
    print(f"\nload average (1 min) at the start {load[0]}, at the end {os.getloadavg()[0]:.2f}, "
          f"on {os.cpu_count()} cores: figures from a shared machine are slower")


if __name__ == "__main__":
    main()
