"""The catalogue overview's first paint at 200 documents × 4 languages.

Generates the corpus of bench_check.py (DOCS documents, SEGMENTS segments,
the English edition, es, pt, nl in a mix of statuses), then times, headless
(Textual's test driver, 160 × 50), from building the app to its first frame,
and to every file counted: first with no cache (every count done after the
first paint, by a worker), then with the counts cache of that first run.
Goal: first paint under 0.5 s.

    .venv/bin/python benchmarks/bench_overview.py [--docs 200] [--segments 250] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import REPO, generate, source_pool

sys.path.insert(0, str(REPO / "src"))


async def one_run(project_dir: Path) -> tuple[float, float, float]:
    """Wall seconds to the first frame and to every file counted, and the
    process's CPU seconds to the first frame (what a loaded machine cannot inflate)."""
    from transkit.project import Project
    from transkit.tui.overview import OverviewApp

    start, cpu = time.perf_counter(), time.process_time()
    app = OverviewApp(Project.find(project_dir))
    async with app.run_test(size=(160, 50)) as pilot:
        # run_test hands over once the app is ready: its screen composed and
        # drawn. (A pause here would also wait for the counting worker's news.)
        painted, painted_cpu = time.perf_counter() - start, time.process_time() - cpu
        while app.counting:
            await pilot.pause(0.01)
        counted = time.perf_counter() - start
    return painted, counted, painted_cpu


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--docs", type=int, default=200)
    p.add_argument("--segments", type=int, default=250)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="transkit-bench-") as tmp:
        root = Path(tmp)
        project = root / "corpus"
        generate(project, source_pool(root / "seed"), args.docs, args.segments)
        os.chdir(project)
        print(f"{args.docs} documents × 4 languages × {args.segments} segments; "
              f"median of {args.runs} runs")
        for label, keep_cache in (("no cache", False), ("cache warm", True)):
            paints, totals, cpus = [], [], []
            for _ in range(args.runs):
                if not keep_cache:
                    shutil.rmtree(project / ".transkit" / "cache", ignore_errors=True)
                painted, counted, cpu = asyncio.run(one_run(project))
                paints.append(painted)
                totals.append(counted)
                cpus.append(cpu)
            print(f"  {label:10}  first paint {statistics.median(paints) * 1000:6.0f} ms "
                  f"({statistics.median(cpus) * 1000:.0f} ms CPU), every file counted "
                  f"{statistics.median(totals) * 1000:6.0f} ms  (load {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
