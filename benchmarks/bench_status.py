"""Wall time of `transkit status` on this repository, interpreter start-up included.

Run: python benchmarks/bench_status.py [--runs N]
Prints the median and best of N runs, and the modules a status run imports
that it should not (Textual, DeepL).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--command", default="status", help="transkit sub-command to time")
    args = parser.parse_args()
    cmd = [sys.executable, "-m", "transkit", *args.command.split()]
    subprocess.run(cmd, cwd=REPO, check=True, capture_output=True)  # warm the OS caches
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=REPO, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    probe = (
        f"import sys; from transkit.cli import main; main({args.command.split()!r}); "
        "print('heavy:', *sorted(m for m in ('textual', 'deepl', 'rich', 'markdown_it')"
        " if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout
    heavy = out[out.rindex("heavy:") + len("heavy:") :].split()
    print(
        f"transkit {args.command}: median {statistics.median(times) * 1000:.0f} ms, "
        f"best {min(times) * 1000:.0f} ms over {args.runs} runs (interpreter start-up included)"
    )
    print(f"heavy modules imported: {' '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
