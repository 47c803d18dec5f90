"""How fast is ``transkit find`` (the concordance) on a catalogue of many documents?

Generates, in a temporary folder, the corpus of bench_check.py (DOCS documents
× the English edition, es, pt, nl, SEGMENTS segments each, sentences of the
bundled article with pseudo-translations in a mix of statuses), then times a
few searches (the default 50 best hits, with their total), wall clock and CPU
with interpreter start-up, median of RUNS; and the first search, which folds
every file into the index. Goal: under 0.5 s at 200 documents.

    .venv/bin/python benchmarks/bench_find.py [--docs 200] [--segments 250] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import REPO, TRANSKIT, generate, source_pool, timed

QUERIES = (
    ("a rare name", ["Pasdaran"]),
    ("a common word", ["strike"]),
    ("a phrase", ["the working class"]),
    ("accents ignored", ["irán", "--lang", "es"]),
    ("absent", ["zyzzyva"]),
)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--docs", type=int, default=200)
    p.add_argument("--segments", type=int, default=250)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="transkit-bench-") as tmp:
        root = Path(tmp)
        project = root / "corpus"
        files = generate(project, source_pool(root / "seed"), args.docs, args.segments)
        print(f"corpus: {args.docs} documents, {len(files)} PO files of {args.segments} "
              "segments; median of {args.runs} runs, interpreter start-up included".replace(
                  "{args.runs}", str(args.runs)))
        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}

        def run(query: list[str]) -> subprocess.CompletedProcess[str]:
            return subprocess.run([*TRANSKIT, "find", *query, "--json"], cwd=project,
                                  env=env, check=True, capture_output=True, text=True)

        wall, cpu, _ = timed(lambda: run(["anything"]))
        print(f"  first search, indexing every file: {wall:5.2f} s wall, {cpu:5.2f} s CPU")
        for label, query in QUERIES:
            walls, cpus, found = [], [], 0
            for _ in range(args.runs):
                w, c, out = timed(lambda q=query: run(q))
                walls.append(w)
                cpus.append(c)
                found = json.loads(out.stdout)["total"]
            print(f"  {label:16} {' '.join(query):24} {statistics.median(walls) * 1000:6.0f} ms"
                  f" wall, {statistics.median(cpus) * 1000:5.0f} ms CPU  ({found} hits)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
