"""How fast is ``transkit check`` next to ``msgfmt --check`` on the same files?

Generates, in a temporary folder, a project of DOCS documents × 4 languages
(the English edition, es, pt, nl) × SEGMENTS segments, made from the
sentences of the bundled article: pseudo-translations that keep footnote
references, URLs and localised numbers (1,700 → 1.700), in a realistic mix
of statuses (approved, translated, drafts, untranslated) and with a few
defects planted (a lost reference, a changed number, a double space).

Then it times, wall clock (start-up included) and CPU, alternating the runs:
  transkit check              the whole project (it also reads the templates)
  msgfmt --check, 2 at once   every PO file, one msgfmt per file, on both cores
  msgfmt --check, one by one  the same, sequentially
and prints the ratios. Goal: transkit / msgfmt (2 at once) ≤ 1.0 in wall time.

    .venv/bin/python benchmarks/bench_check.py [--docs 1000] [--segments 250]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "sources" / "iran-oil-gas.txt"
TRANSKIT = [sys.executable, "-m", "transkit"]
LANGS = ("es", "pt", "nl")
# (approved, translated, draft, untranslated) shares per language
MIX = {"es": (0.6, 0.3, 0.05, 0.05), "pt": (0.3, 0.3, 0.2, 0.2), "nl": (0.1, 0.2, 0.3, 0.4)}
DEFECT_RATE = 0.005
DEEPL = {"es": "ES", "pt": "PT-PT", "nl": "NL"}  # DeepL wants pt's variant named


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--docs", type=int, default=1000)
    p.add_argument("--segments", type=int, default=250)
    p.add_argument("--keep", metavar="DIR", help="generate here and keep the corpus")
    p.add_argument("--repeat", type=int, default=1, help="time each side this many times (best)")
    args = p.parse_args()
    if not shutil.which("msgfmt"):
        print("msgfmt not found (install gettext)", file=sys.stderr)
        return 2
    if args.keep:
        root = Path(args.keep)
        root.mkdir(parents=True, exist_ok=True)
        return bench(root, args)
    with tempfile.TemporaryDirectory(prefix="transkit-bench-") as tmp:
        return bench(Path(tmp), args)


def bench(root: Path, args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    pool = source_pool(root / "seed")
    project = root / "corpus"
    po_files = generate(project, pool, args.docs, args.segments)
    size = sum(p.stat().st_size for p in po_files) / 2**20
    print(f"corpus: {args.docs} documents × 4 languages × {args.segments} segments = "
          f"{len(po_files)} PO files ({size:.0f} MiB) + {args.docs} templates, "
          f"generated in {time.perf_counter() - t0:.0f} s")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}

    def run_transkit() -> subprocess.CompletedProcess:
        return subprocess.run([*TRANSKIT, "check", "--format", "json"], cwd=project, env=env,
                              capture_output=True, text=True)

    def run_msgfmt(jobs: int) -> subprocess.CompletedProcess:
        listing = "\0".join(str(p.relative_to(project)) for p in po_files)
        return subprocess.run(
            ["xargs", "-0", "-P", str(jobs), "-n", "1", "msgfmt", "--check", "-o", "/dev/null"],
            cwd=project, input=listing, capture_output=True, text=True,
        )

    # Alternate the contenders, so that load from elsewhere hits each alike; keep the best.
    runs = {"transkit": run_transkit, "par": lambda: run_msgfmt(2), "seq": lambda: run_msgfmt(1)}
    wall = {k: float("inf") for k in runs}
    cpu = dict(wall)
    results = {}
    for _ in range(max(1, args.repeat)):
        for name, fn in runs.items():
            w, c, results[name] = timed(fn)
            wall[name], cpu[name] = min(wall[name], w), min(cpu[name], c)
    result = results["transkit"]
    if result.returncode not in (0, 1):
        print(result.stderr, file=sys.stderr)
        return 2
    if results["par"].returncode != 0:
        print("msgfmt rejected the corpus:\n" + results["par"].stderr[:2000], file=sys.stderr)
        return 2
    import json

    summary = json.loads(result.stdout)["summary"]
    print(f"transkit check found {summary['errors']} errors, {summary['warnings']} warnings "
          f"(the planted defects); best of {max(1, args.repeat)}, wall clock and CPU:")
    tk_wall, tk_cpu = wall["transkit"], cpu["transkit"]
    print(f"  transkit check               {tk_wall:7.2f} s  (CPU {tk_cpu:6.2f} s)")
    for name, label in (("par", "2 at once "), ("seq", "one by one")):
        print(f"  msgfmt --check, {label}   {wall[name]:7.2f} s  (CPU {cpu[name]:6.2f} s)   "
              f"ratio {tk_wall / wall[name]:.2f}  (CPU {tk_cpu / cpu[name]:.2f})")
    return 0


def timed(fn):
    """Wall and CPU seconds (user + system, every child process) of one run."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    result = fn()
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result


# -- the corpus -------------------------------------------------------------------------


def source_pool(folder: Path) -> list[tuple[str, str]]:
    """(block layout, sentence) pairs of the bundled article, via transkit import."""
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    for cmd in (["init", "--name", "seed"], ["import", str(SEED), "--doc", "seed"]):
        subprocess.run([*TRANSKIT, *cmd], cwd=folder, env=env, check=True, capture_output=True)
    sys.path.insert(0, str(REPO / "src"))
    from transkit.po import read_catalog

    pool, layout = [], "paragraph"
    for e in read_catalog(folder / "segments" / "seed.pot"):
        layout = e.notes[0] if e.notes else layout
        if not layout.startswith("note"):
            pool.append((layout.split(" > ")[-1], e.source))
    return pool


def generate(project: Path, pool: list[tuple[str, str]], docs: int, segments: int) -> list[Path]:
    from transkit.catalog import Catalog, Entry
    from transkit.languages import plural_forms
    from transkit.status import mark_approved, mark_draft, mark_translated

    (project / "segments").mkdir(parents=True, exist_ok=True)
    (project / "transkit.toml").write_text(
        '[project]\nname = "bench"\nsource-language = "en"\n\n'
        + "".join(f'[languages.{lang}]\ndeepl = "{DEEPL[lang]}"\n\n' for lang in LANGS),
        encoding="utf-8",
    )
    (project / "glossary.toml").write_text(
        '[[term]]\nen = ["strike", "strikes"]\nes = ["huelga", "huelgas"]\n'
        'pt = ["greve", "greves"]\nnl = ["staking", "stakingen"]\n\n'
        '[[term]]\nen = "working class"\nes = "clase obrera"\npt = "classe operária"\n'
        'nl = "arbeidersklasse"\n',
        encoding="utf-8",
    )
    plurals = {lang: plural_forms(lang) for lang in ("en", *LANGS)}
    written = []
    for d in range(docs):
        rng = random.Random(d)
        doc = f"doc-{d:04d}"
        picks = [pool[rng.randrange(len(pool))] for _ in range(segments)]
        template = []
        for n, (kind, text) in enumerate(picks):
            if rng.random() < 0.08:
                text = f"{text} See https://example.org/{d}/{n}[^{n % 40 + 1}]"
            digest = hashlib.sha1(f"{doc}{n}{text}".encode()).hexdigest()[:6]
            template.append(Entry(id=f"{kind[0]}-{digest}", source=text, notes=[kind]))
        header = {"Project-Id-Version": doc, "POT-Creation-Date": "2026-01-01 00:00+0000",
                  "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                  "Content-Transfer-Encoding": "8bit", "X-Generator": "transkit"}
        write(project / "segments" / f"{doc}.pot", Catalog(dict(header), template))
        for lang in ("en", *LANGS):
            entries = []
            for t in template:
                e = Entry(id=t.id, source=t.source, notes=list(t.notes))
                if lang == "en":
                    e.target = t.source
                    mark_approved(e, reviewer="source", on="2026-01-01")
                else:
                    roll = rng.random()
                    approved, translated, draft, _ = MIX[lang]
                    if roll < approved + translated + draft:
                        e.target = pseudo_translate(t.source, lang, rng)
                    if roll < approved:
                        mark_approved(e, reviewer="ana", on="2026-01-02")
                    elif roll < approved + translated:
                        mark_translated(e, translator="bo", on="2026-01-02")
                    elif roll < approved + translated + draft:
                        mark_draft(e, engine="deepl", on="2026-01-02")
                entries.append(e)
            po_header = {**header, "PO-Revision-Date": "2026-01-02 00:00+0000",
                         "Last-Translator": "transkit", "Language-Team": lang, "Language": lang,
                         "Plural-Forms": plurals[lang]}
            path = project / "locales" / lang / f"{doc}.po"
            write(path, Catalog(po_header, entries))
            written.append(path)
    return written


_WORD = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+\.\d+")
_SUFFIX = {"es": "o", "pt": "ão", "nl": "en"}


def pseudo_translate(text: str, lang: str, rng: random.Random) -> str:
    """A stand-in translation: words changed, everything checks look at kept
    (references, URLs, numbers in the language's notation), sometimes broken."""
    keep = re.compile(r"\[\^[^\]]+\]|https?://\S+")
    parts, pos = [], 0
    for m in keep.finditer(text):
        parts.append(_words(text[pos : m.start()], lang))
        parts.append(m.group(0))
        pos = m.end()
    parts.append(_words(text[pos:], lang))
    out = "".join(parts)
    if rng.random() < DEFECT_RATE:
        out = re.sub(r"\[\^[^\]]+\]", "", out, count=1) if "[^" in out else out + "  ."
    return out


_TERMS = {  # the glossary's terms, translated as approved (the glossary check stays quiet)
    "es": {"working class": "clase obrera", "strikes": "huelgas", "strike": "huelga"},
    "pt": {"working class": "classe operária", "strikes": "greves", "strike": "greve"},
    "nl": {"working class": "arbeidersklasse", "strikes": "stakingen", "strike": "staking"},
}
_TERM = re.compile(r"\b(working class|strikes|strike)\b", re.IGNORECASE)


def _words(text: str, lang: str) -> str:
    text = _NUMBER.sub(lambda m: _localise(m.group(0)), text)
    text = text.replace("“", "«").replace("”", "»") if lang != "nl" else text
    kept: list[str] = []

    def keep(m: re.Match[str]) -> str:
        kept.append(_TERMS[lang][m.group(0).lower()])
        return f"\0{len(kept) - 1}\0"

    text = _TERM.sub(keep, text)
    text = _WORD.sub(lambda m: m.group(0)[::-1].lower().capitalize()
                     if m.group(0)[0].isupper() else m.group(0)[::-1] + _SUFFIX[lang], text)
    return re.sub(r"\0(\d+)\0", lambda m: kept[int(m.group(1))], text)


def _localise(number: str) -> str:
    return number.replace(",", "\0").replace(".", ",").replace("\0", ".")


def write(path: Path, catalog) -> None:
    """GNU's layout (comments, keywords, strings wrapped at 79 columns), written
    directly: the real writer is exact but too slow for thousands of files."""
    out = ['msgid ""', 'msgstr ""']
    out += [_quote(f"{k}: {v}\n") for k, v in catalog.header.items()]
    for e in catalog.entries:
        out.append("")
        out += [f"# {c}" for c in e.comments] + [f"#. {n}" for n in e.notes]
        if e.fuzzy and e.target:
            out.append("#, fuzzy")
        out.append(f'msgctxt {_quote(e.id)}')
        out += _wrapped("msgid", e.source)
        out += _wrapped("msgstr", e.target)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _wrapped(keyword: str, value: str) -> list[str]:
    if len(value) + len(keyword) + 3 <= 79:
        return [f"{keyword} {_quote(value)}"]
    lines, line = [f'{keyword} ""'], ""
    for word in re.findall(r"\S+\s*", value):
        if line and len(line) + len(word) > 76:
            lines.append(_quote(line))
            line = ""
        line += word
    if line:
        lines.append(_quote(line))
    return lines


if __name__ == "__main__":
    sys.exit(main())
