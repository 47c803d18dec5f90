"""HTML reading speed: the WordPress corpus post by post, a large post, a saved page.

Run: python benchmarks/bench_html.py
Prints seconds and MB/s for `parse_html` (structure, footnotes, inline
Markdown; for a page, readability-lxml's extraction too) on: every post of
tests/data/wordpress/ together; one post made of the corpus repeated to about
8 MB (the whole WordPress corpus, 60 times); the corpus once and ten times
wrapped as a saved page (pages are measured at the sizes pages have).
"""

from __future__ import annotations

import time
from pathlib import Path

from transkit.importers.html import parse_html

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "wordpress"


def timed(label: str, text: str) -> None:
    start = time.perf_counter()
    doc = parse_html(text).document
    took = time.perf_counter() - start
    size = len(text.encode("utf-8")) / 1e6
    print(f"{label}: {size:.2f} MB, {len(doc.blocks)} blocks, {took:.2f} s, {size / took:.1f} MB/s")


def main() -> None:
    posts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.html"))]
    start = time.perf_counter()
    for post in posts:
        parse_html(post)
    took = time.perf_counter() - start
    print(f"{len(posts)} corpus posts one by one: {took * 1000 / len(posts):.1f} ms per post")
    big = "\n".join(posts * 60)
    timed("one large post", big)
    for times in (1, 10):
        page = (
            "<!DOCTYPE html><html><head><title>Big</title></head><body><nav><a href='/'>Home</a>"
            f"</nav><main><article><h1>Big</h1>{chr(10).join(posts * times)}</article></main>"
            "<footer>Footer</footer></body></html>"
        )
        timed(f"a saved page, the corpus {times}x", page)


if __name__ == "__main__":
    main()
