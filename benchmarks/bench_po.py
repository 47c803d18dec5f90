"""Throughput of transkit's PO reading and writing, in MB/s of PO text.

Generates (seeded) a catalog like the bundled article's translations, only
bigger: the article's English sentences as sources, Spanish-like targets
with ’ “ ” – … ¿ ¡ and the sources' ``[^N]`` placeholders, msgctxt ids,
``# transkit: approved sha=… date=…`` comments, ``#.`` layout notes, some
fuzzy entries with a ``#|`` previous source, some untranslated, a few
obsolete. Then it times the fastest of repeated calls (at least --runs, and
for --seconds each: the machine may be shared):

  format_catalog cold     every entry formatted from scratch
  format_catalog resave   the same catalog saved again with one entry changed
                          (what the review TUI and ``transkit draft`` do)
  scan_catalog            validate + build the Catalog, no polib
  validate                the validator alone
  parse_catalog           validator + polib + cross-check (read_catalog)

and the same on the bundled locales/*/iran-oil-gas.po (ms per file).

``--against REV`` also runs the benchmark on the ``src/transkit/po`` of git
revision REV (the rest of the source as it is now) and prints both columns:
``--against HEAD`` is "before" while the working tree is being changed.

    .venv/bin/python benchmarks/bench_po.py [--entries 2530] [--runs 5] [--seconds 3]
                                            [--against HEAD]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from random import Random

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO / "sources" / "iran-oil-gas.txt"
LOCALES = sorted((REPO / "locales").glob("*/iran-oil-gas.po"))

HEADER = {
    "Project-Id-Version": "bench",
    "POT-Creation-Date": "2026-11-25 12:08+0000",
    "PO-Revision-Date": "2026-11-25 12:08+0000",
    "Last-Translator": "transkit",
    "Language-Team": "Spanish",
    "Language": "es",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
    "X-Generator": "transkit",
}
SPANISH_TEXT = """
los trabajadores del petróleo y el gas en Irán se movilizan mientras el régimen adopta un
tono conciliador pero la represión continúa huelga huelgas refinería oleoductos protesta
protestas según informó periódico liberal español aún están circulando vídeos sitios de la
oposición política exilio redes sociales además también sólo después había habían sido
sus dirigentes sindicales país económica crisis situación oportunidades amenazas región
productora energía desde Arabia Saudí hasta Argelia Kazajistán Turkmenistán régimen
Ayatolá dictadura sociedad iraní dispuesta seguir bajo yugo cada día asesinato Mahsa Amini
cuando detenida policía moral portavoz judicial presos liberados semanas jefe poder diálogo
"""
SPANISH = SPANISH_TEXT.split()
LAYOUTS = ("paragraph", "heading 2", "quote", "item", "caption", "note 4")


def article_sentences() -> list[str]:
    text = ARTICLE.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n") if len(p.strip()) > 20]
    sentences = [s for p in paragraphs for s in re.split(r"(?<=[.!?…”])\s+", p)]
    return [s for s in sentences if len(s) > 15]


def spanish(rng: Random, source: str) -> str:
    """A Spanish-like translation of about the source's length, keeping its [^N]."""
    words: list[str] = []
    size = int(len(source) * rng.uniform(1.0, 1.25))
    while sum(map(len, words)) + len(words) < size:
        word = rng.choice(SPANISH)
        roll = rng.random()
        if roll < 0.05:
            word = f"“{word}"
        elif roll < 0.10:
            word += "”"
        elif roll < 0.14:
            word += ","
        elif roll < 0.16:
            word = f"{word[0].upper()}{word[1:]}’s"
        elif roll < 0.18:
            word = "–"
        elif roll < 0.19:
            word += "…"
        words.append(word)
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    if rng.random() < 0.1:
        text = f"¿{text}?"
    elif rng.random() < 0.05:
        text = f"¡{text}!"
    else:
        text += "."
    return text + "".join(re.findall(r"\[\^\d+\]", source))


def generated_catalog(entries: int, seed: int = 2022):
    from transkit.catalog import Catalog, Entry

    rng = Random(seed)
    sentences = article_sentences()
    catalog = Catalog(header=dict(HEADER), header_comments=["Spanish translation of a benchmark."])
    for number in range(entries):
        source = rng.choice(sentences)
        if rng.random() < 0.2:
            source += f"[^{rng.randint(1, 40)}]"
        if rng.random() < 0.15:
            source = f"{source} {rng.choice(sentences)}"
        sha = hashlib.sha1(f"{number}{source}".encode()).hexdigest()
        entry = Entry(id=f"p-{sha[:6]}", source=source)
        if rng.random() < 0.35:
            entry.notes = [rng.choice(LAYOUTS)]
        roll = rng.random()
        if roll < 0.6:
            entry.target = spanish(rng, source)
            entry.comments = [f"transkit: approved sha={sha[6:14]} date=2026-11-25 by=ana"]
        elif roll < 0.75:
            entry.target = spanish(rng, source)
            entry.fuzzy = True
            entry.previous = source.replace("the ", "a ", 2) + " (earlier)"
            entry.comments = ["transkit: stale engine=deepl date=2026-11-20"]
        elif roll < 0.9:
            entry.target = spanish(rng, source)
        catalog.entries.append(entry)
    for number in range(entries // 50):
        source = rng.choice(sentences)
        entry = Entry(id=f"old-{number}", source=source, target=spanish(rng, source))
        entry.obsolete = True
        catalog.entries.append(entry)
    return catalog


def best(function: Callable[[], object], runs: int, seconds: float) -> float:
    """The fastest of at least ``runs`` calls, going on for ``seconds``: on a shared
    machine speed comes and goes for seconds; the minimum is the code's own."""
    times: list[float] = []
    deadline = time.perf_counter() + seconds
    while len(times) < runs or time.perf_counter() < deadline:
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(entries: int, runs: int, seconds: float) -> dict[str, object]:
    """Seconds per call of each function, and the size of what it reads or writes."""
    from transkit.po import format_catalog, parse_catalog, scan_catalog, writer
    from transkit.po.validate import validate

    def timed(function: Callable[[], object], at_least: int = runs) -> float:
        return best(function, at_least, seconds)

    def cold_format(catalog):
        clear = getattr(writer, "clear_memo", None)  # absent before the memo existed
        if clear is not None:
            clear()
        return format_catalog(catalog)

    catalog = generated_catalog(entries)
    text = cold_format(catalog)
    data = text.encode()
    results: dict[str, object] = {"bytes": len(data), "entries": len(catalog.entries)}
    results["format_catalog cold"] = timed(lambda: cold_format(catalog))

    live = [e for e in catalog.entries if not e.obsolete]
    edits = iter(range(10**9))

    def resave():  # approve one more entry, then save the whole catalog
        entry = live[next(edits) % len(live)]
        entry.target += " "
        entry.set_meta({"state": "approved", "sha": "0" * 8, "date": "2026-11-26"})
        return format_catalog(catalog)

    format_catalog(catalog)
    results["format_catalog resave"] = timed(resave, runs * 4)
    results["scan_catalog"] = timed(lambda: scan_catalog(data, "bench.po"))
    results["validate"] = timed(lambda: validate(data, "bench.po"))
    results["parse_catalog"] = timed(lambda: parse_catalog(data, "bench.po"), 2)

    article: dict[str, float] = {}
    files = [(path, path.read_bytes()) for path in LOCALES]
    catalogs = [scan_catalog(content, path) for path, content in files]
    article["bytes"] = sum(len(content) for _, content in files) / len(files)
    article["write"] = timed(lambda: [cold_format(c) for c in catalogs]) / len(files)

    def article_resave():  # one entry changed in each file, as after an approval
        number = next(edits)
        for catalog in catalogs:
            entry = catalog.entries[number % len(catalog.entries)]
            entry.set_meta({"state": "approved", "sha": f"{number:08x}", "date": "2026-11-26"})
            format_catalog(catalog)

    article["resave"] = timed(article_resave, runs * 4) / len(files)
    article["validate"] = timed(lambda: [validate(b, p) for p, b in files]) / len(files)
    article["scan"] = timed(lambda: [scan_catalog(b, p) for p, b in files]) / len(files)
    article["parse"] = timed(lambda: [parse_catalog(b, p) for p, b in files]) / len(files)
    results["article"] = article
    return results


def measure_revision(revision: str, entries: int, runs: int, seconds: float) -> dict[str, object]:
    """`measure` in a subprocess whose transkit.po is the one of a git revision."""
    names = subprocess.run(
        ["git", "ls-tree", "--name-only", revision, "src/transkit/po/"],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        package = Path(folder) / "transkit"
        shutil.copytree(REPO / "src" / "transkit", package)
        shutil.rmtree(package / "po")
        (package / "po").mkdir()
        for name in names:
            source = subprocess.run(
                ["git", "show", f"{revision}:{name}"], cwd=REPO, check=True, capture_output=True
            ).stdout
            (package / "po" / Path(name).name).write_bytes(source)
        env = {**os.environ, "PYTHONPATH": folder}
        command = [sys.executable, __file__, "--json", f"--entries={entries}", f"--runs={runs}"]
        command.append(f"--seconds={seconds}")
        output = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        return json.loads(output.stdout)


def report(columns: dict[str, dict[str, object]]) -> None:
    first = next(iter(columns.values()))
    size = first["bytes"]
    print(f"generated catalog: {first['entries']} entries, {size / 1e6:.2f} MB (MB = 10^6 bytes)")
    print(f"{'':26}" + "".join(f"{name:>16}" for name in columns))
    for key in ("format_catalog cold", "format_catalog resave", "scan_catalog", "validate",
                "parse_catalog"):  # fmt: skip
        cells = "".join(f"{size / r[key] / 1e6:>11.1f} MB/s" for r in columns.values())
        print(f"{key:26}{cells}")
    article = first["article"]
    print(f"article locales/*/iran-oil-gas.po ({len(LOCALES)} files, "
          f"{article['bytes'] / 1e3:.0f} KB on average), ms per file:")  # fmt: skip
    for key in ("write", "resave", "validate", "scan", "parse"):
        cells = "".join(f"{r['article'][key] * 1e3:>13.2f} ms" for r in columns.values())
        print(f"  {key:24}{cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=2530)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=3.0, help="per measurement")
    parser.add_argument("--against", metavar="REV", help="also time src/transkit/po of REV")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.entries, args.runs, args.seconds)))
        return
    columns = {}
    if args.against:
        columns[args.against] = measure_revision(
            args.against, args.entries, args.runs, args.seconds
        )
    columns["working tree"] = measure(args.entries, args.runs, args.seconds)
    report(columns)


if __name__ == "__main__":
    main()
