"""Markdown in and out: parse (`parse_markdown`) and write (`render_markdown`)
throughput, and the round trip over real posts.

Run: python benchmarks/bench_markdown.py [--mb N] [POST.md ...]
The corpus posts (tests/data/corpus/markdown) are repeated to about N MB
(default 5) and timed through the importer and the Markdown writer. Given
posts (e.g. every post of a blog's checkout), each is round-tripped and the
ones whose exported Markdown renders to different HTML are counted.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from test_markdown_corpus import POSTS, html_of, split_front_matter  # noqa: E402
from transkit.export.markdown import render_markdown  # noqa: E402
from transkit.importers.markdown import parse_markdown  # noqa: E402


def throughput(mb: float) -> None:
    bodies = [split_front_matter(p.read_text(encoding="utf-8"))[1] for p in POSTS]
    # Footnote labels must stay unique across copies: number them per copy.
    unit = "\n\n".join(bodies)
    copies = max(1, int(mb * 1e6 / len(unit.encode())))
    source = "\n\n".join(
        re.sub(r"\[\^([^\]\s]+)\]", lambda m, k=k: f"[^{m.group(1)}-{k}]", unit)
        for k in range(copies)
    )
    size = len(source.encode()) / 1e6
    start = time.perf_counter()
    doc = parse_markdown(source)
    parsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    start = time.perf_counter()
    render_markdown(doc)
    written = time.perf_counter() - start
    print(
        f"{size:.1f} MB, {len(doc.blocks):,} blocks, {len(doc.segment_texts()):,} segments: "
        f"parse {parsed:.2f} s ({size / parsed:.1f} MB/s, peak RSS {peak / 1e6:.0f} MB), "
        f"write {written:.2f} s ({size / written:.1f} MB/s)"
    )


def round_trip(paths: list[Path]) -> None:
    differ = 0
    start = time.perf_counter()
    for path in paths:
        source = path.read_text(encoding="utf-8")
        out = render_markdown(parse_markdown(source, marked=True))
        (front, body), (out_front, out_body) = split_front_matter(source), split_front_matter(out)
        if front != out_front or html_of(body) != html_of(out_body):
            differ += 1
            print("differs:", path)
    took = time.perf_counter() - start
    print(f"{len(paths)} posts round-tripped in {took:.1f} s: {differ} differ")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("posts", nargs="*", type=Path)
    args = parser.parse_args()
    throughput(args.mb)
    round_trip(args.posts or POSTS)


if __name__ == "__main__":
    main()
