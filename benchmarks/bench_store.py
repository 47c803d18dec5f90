"""The translation store: how long a save takes, and what a racing editor loses.

Makes a project in a temporary folder with a generated article of --segments
paragraphs (Spanish file), then measures, each the median of --runs:

  save, nobody raced      an approval saved with the file as we left it
  save, merged            an approval saved after another writer changed
                          another segment (read, three-way merge, swap)
  race                    an editor process saving other segments --edits
                          times, --pause apart (by rename, then in place with polib) while
                          approvals are saved through the store: edits lost
                          on either side (must be 0), and saves per second

    .venv/bin/python benchmarks/bench_store.py [--segments 371] [--runs 20] [--edits 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from transkit.catalog import Catalog, copy_entry
from transkit.cli import main as cli
from transkit.merge import REVIEW
from transkit.project import Project
from transkit.status import Status, mark_approved, status_of
from transkit.store import Store, Version

EDITOR = textwrap.dedent("""
    import os, re, sys, time
    import polib
    path, mode, count, pause = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    for k in range(count):
        if mode == "polib":
            po = polib.pofile(path, wrapwidth=79)
            po[k].msgstr = f"externo {k}"
            po.save(path)
        else:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            pattern = rf'(msgid "Paragraph number {k} says something\\."\\nmsgstr )""'
            text = re.sub(pattern, rf'\\1"externo {k}"', text)
            with open(path + ".editor~", "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(path + ".editor~", path)
        time.sleep(pause)
""")


def approve(version: Version, index: int, text: str) -> Catalog:
    catalog = Catalog(dict(version.catalog.header), list(version.catalog.entries))
    entry = catalog.entries[index] = copy_entry(catalog.entries[index])
    entry.target = text
    mark_approved(entry, "bench")
    return catalog


def make(root: Path, segments: int) -> Project:
    os.chdir(root)
    source = root / "article.md"
    source.write_text(
        "\n\n".join(f"Paragraph number {i} says something." for i in range(segments)) + "\n",
        encoding="utf-8",
    )
    with open(os.devnull, "w") as quiet:
        stdout, sys.stdout = sys.stdout, quiet
        try:
            cli(["init", "--name", "bench", "--languages", "es"])
            cli(["import", str(source), "--doc", "a"])
        finally:
            sys.stdout = stdout
    return Project.find(root)


def timed_saves(project: Project, runs: int, raced: bool) -> list[float]:
    store, other = Store(project), Store(project)
    base = store.read("a", "es")
    times = []
    for k in range(runs):
        if raced:
            theirs = other.read("a", "es")
            other.save("a", "es", approve(theirs, 2 * k + 1, f"otro {k}"), theirs, REVIEW)
        ours = approve(base, 2 * k, f"mío {k}")
        start = time.perf_counter()
        base = store.save("a", "es", ours, base, REVIEW).version
        times.append(time.perf_counter() - start)
    return times


def race(project: Project, edits: int, mode: str, pause: float) -> tuple[int, int, float]:
    store = Store(project)
    path = store.path("a", "es")
    base = store.read("a", "es")
    editor = subprocess.Popen(
        [sys.executable, "-c", EDITOR, str(path), mode, str(edits), str(pause)]
    )
    ours = 0
    start = time.perf_counter()
    while editor.poll() is None:
        index = edits + ours
        if index < len(base.catalog.entries):
            base = store.save("a", "es", approve(base, index, f"aprobado {ours}"), base,
                              REVIEW).version
            ours += 1
        time.sleep(0.002)
    elapsed = time.perf_counter() - start
    editor.wait()
    base = store.save("a", "es", base.catalog, base, REVIEW).version
    final = store.read("a", "es").catalog.entries
    lost_theirs = sum(final[k].target != f"externo {k}" for k in range(edits))
    lost_ours = sum(
        final[edits + k].target != f"aprobado {k}"
        or status_of(final[edits + k]) is not Status.APPROVED
        for k in range(ours)
    )
    return lost_theirs + lost_ours, ours, ours / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--segments", type=int, default=371)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--pause", type=float, default=0.02, help="the editor's, between saves")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = make(Path(tmp), max(args.segments, 2 * args.runs, args.edits + 100))
        n = len(project.load_translation("a", "es").entries)
        for label, raced in (("save, nobody raced", False), ("save, merged", True)):
            ms = [t * 1000 for t in timed_saves(project, args.runs, raced)]
            print(f"{label:22} {n} segments: median {statistics.median(ms):6.1f} ms, "
                  f"best {min(ms):6.1f} ms")
        for mode in ("rename", "polib"):
            fresh = make(Path(tempfile.mkdtemp(dir=tmp)), args.edits + 100)
            lost, ours, rate = race(fresh, args.edits, mode, args.pause)
            print(f"race, editor by {mode:6} {args.edits} outside edits "
                  f"(one per {args.pause * 1000:.0f} ms + its own work), {ours} approvals: "
                  f"{lost} lost; {rate:.0f} saves/s")


if __name__ == "__main__":
    main()
