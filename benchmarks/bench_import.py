"""Wall time and peak memory of `transkit import` on a large generated source.

Run: python benchmarks/bench_import.py [--mb 18] [--repeated 0.5] [--pool 300] [--format md|text]

Writes a Markdown (or scraped-text) article of about MB megabytes into a new
project in a temporary folder — paragraphs of sentences, a share of them
repeated word for word from a small pool (boilerplate, quotes cited twice),
a footnote reference every few paragraphs — and runs `transkit import` on it
in a child process, once to create the document and once more to re-import it
unchanged, then ``transkit status`` and ``transkit check`` on the result.
Prints wall time, CPU time and the child's peak resident memory for each.
The goal (issue #12): a 50 MB source imports in under 60 s on 2 cores and
under 1 GB (``--mb 50``). Sources up to 64 MiB are read (``fsutil``).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_VOCABULARY = """workers strike oil refinery regime protest wage council union city province
factory bread price inflation army police street women student prisoner
exile capital class struggle party leader minister court newspaper report"""
WORDS = _VOCABULARY.split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 18))]
    words.insert(rng.randrange(len(words)), str(rng.randint(2, 99_999)))
    return " ".join(words).capitalize() + "."


def article(
    megabytes: float, repeated: float, fmt: str, pool_size: int = 300, seed: int = 7
) -> str:
    """An article of about `megabytes` MB; `repeated` of its sentences come
    from a pool of `pool_size` (so each recurs hundreds or thousands of times)."""
    rng = random.Random(seed)
    pool = [sentence(rng) for _ in range(pool_size)]
    target = int(megabytes * 1_000_000)
    out = ["# A long article\n" if fmt == "md" else "A long article\n"]
    size, notes, n = 0, 0, 0
    while size < target:
        n += 1
        if n % 40 == 0:
            para = f"Section {n // 40} of the story"
            para = f"## {para}" if fmt == "md" else para
        else:
            sents = [
                rng.choice(pool) if rng.random() < repeated else sentence(rng)
                for _ in range(rng.randint(2, 6))
            ]
            if n % 7 == 0:
                notes += 1
                ref = f"[^{notes}]" if fmt == "md" else str(notes)
                sents[0] = sents[0][:-1] + "." + ref
            para = " ".join(sents)
        out.append(para + "\n")
        size += len(para) + 2
    if fmt == "md":
        out += [f"[^{k}]: Source number {k}, page {k % 300}.\n" for k in range(1, notes + 1)]
    else:
        out += [f"{k} Source number {k}, page {k % 300}.\n" for k in range(1, notes + 1)]
    return "\n".join(out)


#: The child reports its own peak memory (RUSAGE_CHILDREN keeps the largest
#: child so far, which would hide a smaller second run).
CHILD = (
    "import resource, sys\n"
    "from transkit.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "use = resource.getrusage(resource.RUSAGE_SELF)\n"
    "print('maxrss', use.ru_maxrss, use.ru_utime + use.ru_stime, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def run(args: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one ``transkit`` run in a
    child process (CPU time is steadier than wall time on a shared machine)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *args], cwd=cwd, capture_output=True, text=True
    )
    if done.returncode not in (0, 1):  # 1: check found problems, which is a result
        sys.exit(f"transkit {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    wall = time.perf_counter() - start
    kib, cpu = done.stderr.rsplit("maxrss", 1)[1].split()[:2]
    return wall, float(cpu), int(kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=18.0)
    parser.add_argument("--repeated", type=float, default=0.5, help="share of repeated sentences")
    parser.add_argument("--pool", type=int, default=300, help="how many sentences repeat")
    parser.add_argument("--format", choices=("md", "text"), default="md")
    parser.add_argument("--imports-only", action="store_true", help="not status and check")
    args = parser.parse_args()
    transkit = [sys.executable, "-m", "transkit"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        subprocess.run(
            [*transkit, "init", "--name", "bench", "--languages", "es,pt,nl"],
            cwd=root,
            check=True,
            capture_output=True,
        )
        source = root / ("big.md" if args.format == "md" else "big.txt")
        source.write_text(article(args.mb, args.repeated, args.format, args.pool), encoding="utf-8")
        size = source.stat().st_size / 1_000_000
        print(
            f"source: {size:.1f} MB ({args.format}), {args.repeated:.0%} of its sentences "
            f"repeated from a pool of {args.pool}"
        )
        runs = [
            ("first import", ["import", source.name, "--doc", "big"]),
            ("re-import, unchanged", ["import", source.name, "--doc", "big"]),
            ("status", ["status"]),
            ("check", ["check"]),
        ]
        for what, command in runs[: 2 if args.imports_only else None]:
            wall, cpu, peak = run(command, root)
            print(f"{what}: {wall:.1f} s wall, {cpu:.1f} s CPU, peak memory {peak:.0f} MB")
        edition = root / "locales" / "en" / "big.po"
        print(f"English edition: {edition.stat().st_size / 1_000_000:.1f} MB")


if __name__ == "__main__":
    main()
