"""Drafting the bundled article against the local DeepL API (tests/deepl_server.py).

Prints, per language, the requests sent and characters billed on a first run,
on a second run of the same command, and on a run after the drafts were
thrown away (served by the cache), with wall times. The server adds
``--latency`` seconds to every request (default 0.3: a distant DeepL's round
trip), so the first run's wall time is what a user waits; with
``--latency 0`` it is transkit's own cost (planning, cache, PO writes, the
client's HTTP).

    .venv/bin/python benchmarks/bench_draft.py [--latency 0.3]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from deepl_server import FakeDeepL, billable  # noqa: E402
from transkit.cli import main  # noqa: E402
from transkit.project import Project  # noqa: E402

SEED = REPO / "sources" / "iran-oil-gas.txt"
LANGS = ("es", "pt", "nl")


def quiet(argv: list[str]) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(argv)


def per_language(server: FakeDeepL, start: int) -> tuple[Counter[str], Counter[str]]:
    requests: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    for r in server.translate_calls[start:]:
        requests[r.body["target_lang"]] += 1
        chars[r.body["target_lang"]] += sum(billable(t, True) for t in r.body["text"])
    return requests, chars


def run(server: FakeDeepL, label: str, rows: list[str]) -> None:
    start = len(server.translate_calls)
    began = time.perf_counter()
    assert quiet(["draft"]) == 0
    wall = time.perf_counter() - began
    requests, chars = per_language(server, start)
    project = Project.find()
    for lang in LANGS:
        code = project.config.languages[lang].deepl
        rows.append(f"{label:<22} {lang:<4} {requests[code]:>8} {chars[code]:>10,}")
    rows.append(
        f"{label:<22} {'all':<4} {sum(requests.values()):>8} "
        f"{sum(chars.values()):>10,}   wall {wall:.2f} s"
    )


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.3,
                        help="seconds the server adds to every request (default 0.3)")
    args = parser.parse_args()
    server = FakeDeepL(latency=args.latency).start()
    os.environ.update(
        DEEPL_AUTH_KEY=server.key, DEEPL_SERVER_URL=server.url, NO_PROXY="127.0.0.1,localhost"
    )
    old = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            assert quiet(["init", "--name", "bench", "--languages", ",".join(LANGS)]) == 0
            assert quiet(["import", str(SEED), "--doc", "iran-oil-gas"]) == 0
            segments = len(list(Project.find().load_template("iran-oil-gas")))
            began = time.perf_counter()
            assert quiet(["draft", "--dry-run"]) == 0
            dry = time.perf_counter() - began
            rows = [f"{'run':<22} {'lang':<4} {'requests':>8} {'chars':>10}"]
            run(server, "1 first", rows)
            run(server, "2 same command again", rows)
            project = Project.find()
            for lang in LANGS:
                project.po_path("iran-oil-gas", lang).unlink()
            assert quiet(["import", str(SEED), "--doc", "iran-oil-gas"]) == 0
            run(server, "3 drafts thrown away", rows)
        finally:
            os.chdir(old)
            server.stop()
    print(f"bench_draft: {SEED.name}, {segments} segments, languages {', '.join(LANGS)}, "
          f"{args.latency * 1000:.0f} ms added to every request")
    print(f"dry run (plan + cost estimate + usage request): {dry:.2f} s")
    print("\n".join(rows))
    print(f"characters billed by the server in total: {server.character_count:,}")


if __name__ == "__main__":
    main_bench()
