"""How right ``transkit align`` is, beside a Gale–Church baseline, and how fast.

Run (nltk is needed only here, for the baseline: it is no dependency of transkit):

    .venv/bin/pip install nltk && .venv/bin/python benchmarks/bench_align.py

Accuracy: real human translations, GNOME Help pages in es, pt and nl
(`align_data/`, CC BY 3.0; `align_data/make_sample.py` says how they were
made). The English is split into segments as ``transkit import`` splits it,
each translation into sentences with its language's rules; each English
paragraph's translation is known (the PO files pair them), so each segment's
right answer is known: the sentences of its paragraph's translation — the
i-th one where paragraph and translation have the same number of sentences —
or nothing, when the paragraph was dropped. A segment is *right* when what
it was given is that (a joined segment: the sentence that covers it).

Each translation is also perturbed, at 4 places each: a paragraph dropped,
two paragraphs merged (of the same kind: two list items, two paragraphs),
one split in two, two sentences merged into one, a translator's note added;
and all five in one copy. transkit runs without a bridge and with one (the
translation memory's matches from the rest of GNOME Help: the drafts
transkit would have offline); the baseline is nltk's Gale–Church
(``align_blocks``) over the same segments and sentences.

Speed: the bundled article against a translation made of its own English
(the aligner's work depends on sizes, not on the language), and a document of
10,000 segments.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from transkit.align.aligner import (  # noqa: E402
    Aligner,
    Alignment,
    Segment,
    SourceBlock,
    TargetBlock,
)
from transkit.align.sentences import split_sentences  # noqa: E402
from transkit.document import Layout  # noqa: E402
from transkit.importers.markdown import parse_markdown  # noqa: E402

DATA = Path(__file__).resolve().parent / "align_data"
LANGS = ("es", "pt", "nl")
PLACES = 4
NOTES = {
    "es": "(N. del T.: en versiones anteriores este menú tenía otro nombre.)",
    "pt": "(N. do T.: em versões anteriores este menu tinha outro nome.)",
    "nl": "(Noot van de vertaler: in eerdere versies had dit menu een andere naam.)",
}


@dataclass
class TBlock:
    layout: Layout
    sentences: list[str]
    origins: list[int | None]  # the English block each sentence translates
    merged: list[bool]  # a sentence made of two


def load(lang: str) -> tuple[list[SourceBlock], list[TBlock]]:
    en = parse_markdown((DATA / "gnome-help.en.md").read_text(encoding="utf-8"))
    tr = parse_markdown((DATA / f"gnome-help.{lang}.md").read_text(encoding="utf-8"),
                        sentences=False)
    assert len(en.blocks) == len(tr.blocks), "the sample's paragraphs pair one to one"
    source = []
    for b, block in enumerate(en.blocks):
        segs = tuple(Segment(f"{b}.{s}", text) for s, text in enumerate(block.segments))
        source.append(SourceBlock(block.layout, segs))
    target = []
    for b, block in enumerate(tr.blocks):
        text = block.text
        sentences = split_sentences(text, lang) if block.layout.kind == "paragraph" else [text]
        target.append(TBlock(block.layout, sentences, [b] * len(sentences),
                             [False] * len(sentences)))
    return source, target


def bridged(source: list[SourceBlock], lang: str) -> tuple[list[SourceBlock], int]:
    memory = dict(
        line.split("\t", 1)
        for line in (DATA / f"bridge-{lang}.tsv").read_text(encoding="utf-8").splitlines()
        if "\t" in line
    )
    hits = 0
    out = []
    for block in source:
        segs = []
        for s in block.segments:
            bridge = memory.get(s.text)
            hits += bridge is not None
            segs.append(replace(s, bridge=bridge))
        out.append(SourceBlock(block.layout, tuple(segs)))
    return out, hits


# -- perturbations: each returns a new list ------------------------------------------


def _paragraphs(
    target: list[TBlock], rng: random.Random, need: int = 1, *, alike: bool = False
) -> list[int]:
    """Where to perturb: paragraphs followed by a paragraph (`alike`: in the
    same place, two list items or two paragraphs of a quote, as a translator
    would merge them; a quote merged with a list item is no one block)."""
    ok = [i for i, b in enumerate(target[:-1]) if b.layout.kind == "paragraph"
          and len(b.sentences) >= need and target[i + 1].layout.kind == "paragraph"
          and (not alike or target[i + 1].layout.containers[-1:] == b.layout.containers[-1:])]
    return sorted(rng.sample(ok, PLACES))


def drop(target: list[TBlock], rng: random.Random) -> list[TBlock]:
    gone = set(_paragraphs(target, rng))
    return [b for i, b in enumerate(target) if i not in gone]


def merge_paragraphs(target: list[TBlock], rng: random.Random) -> list[TBlock]:
    out = list(target)
    for i in reversed(_paragraphs(target, rng, alike=True)):
        a, b = out[i], out[i + 1]
        out[i : i + 2] = [TBlock(a.layout, a.sentences + b.sentences, a.origins + b.origins,
                                 a.merged + b.merged)]
    return out


def split_paragraph(target: list[TBlock], rng: random.Random) -> list[TBlock]:
    out = list(target)
    for i in reversed(_paragraphs(target, rng, need=2)):
        a = out[i]
        k = len(a.sentences) // 2
        out[i : i + 1] = [
            TBlock(a.layout, a.sentences[:k], a.origins[:k], a.merged[:k]),
            TBlock(a.layout, a.sentences[k:], a.origins[k:], a.merged[k:]),
        ]
    return out


def merge_sentences(target: list[TBlock], rng: random.Random) -> list[TBlock]:
    out = list(target)
    for i in _paragraphs(target, rng, need=2):
        a = out[i]
        first, second = a.sentences[0], a.sentences[1]
        joined = first.rstrip(".") + ", " + second[:1].lower() + second[1:]
        out[i] = TBlock(a.layout, [joined, *a.sentences[2:]], a.origins[1:],
                        [True, *a.merged[2:]])
    return out


def add_note(target: list[TBlock], rng: random.Random, lang: str = "es") -> list[TBlock]:
    out = list(target)
    for i in reversed(_paragraphs(target, rng)):
        out.insert(i + 1, TBlock(Layout("paragraph"), [NOTES[lang]], [None], [False]))
    return out


def all_five(target: list[TBlock], rng: random.Random, lang: str = "es") -> list[TBlock]:
    """Every perturbation in one copy, one after the other."""
    for perturb in (drop, merge_paragraphs, split_paragraph, merge_sentences):
        target = perturb(target, rng)
    return add_note(target, rng, lang)


VARIANTS: dict[str, Callable[..., list[TBlock]] | None] = {
    "as translated": None,
    "paragraph dropped": drop,
    "paragraphs merged": merge_paragraphs,
    "paragraph split": split_paragraph,
    "sentences merged": merge_sentences,
    "translator's note": add_note,
    "all five at once": all_five,
}


# -- scoring -------------------------------------------------------------------------


Answer = dict[str, set[tuple[int, int]]]  # segment id -> the sentences it was given


def gold_of(source: list[SourceBlock], target: list[TBlock]) -> dict[str, set[tuple[int, int]]]:
    """Segment id → the sentences that are right for it (empty: nothing is)."""
    by_origin: dict[int, list[tuple[int, int]]] = {}
    merged_origin: set[int] = set()
    for n, block in enumerate(target, 1):
        for k, origin in enumerate(block.origins):
            if origin is not None:
                by_origin.setdefault(origin, []).append((n, k))
                if block.merged[k]:
                    merged_origin.add(origin)
    gold = {}
    for b, block in enumerate(source):
        places = by_origin.get(b, [])
        exact = len(places) == len(block.segments) and b not in merged_origin
        for s, seg in enumerate(block.segments):
            gold[seg.id] = {places[s]} if exact else set(places)
    return gold


def score(answer: Answer, gold: dict[str, set[tuple[int, int]]]) -> int:
    """How many segments were given the right thing."""
    return sum(
        (not got and not gold[sid]) or (bool(got) and got <= gold[sid])
        for sid, got in ((sid, answer.get(sid, set())) for sid in gold)
    )


def transkit_answer(source: list[SourceBlock], target: list[TBlock], lang: str) -> Answer:
    blocks = [TargetBlock(b.layout, tuple(b.sentences), n) for n, b in enumerate(target, 1)]
    result: Alignment = Aligner(lang).align(source, blocks)
    return {a.id: set(a.sentences) for a in result.aligned}


def gale_church_answer(source: list[SourceBlock], target: list[TBlock]) -> Answer:
    from nltk.translate.gale_church import align_blocks

    segs = [s for b in source for s in b.segments]
    sents = [(n, k, t) for n, b in enumerate(target, 1) for k, t in enumerate(b.sentences)]
    pairs = align_blocks([max(1, len(s.text)) for s in segs],
                         [max(1, len(t)) for _, _, t in sents])
    answer: Answer = {}
    for i, j in pairs:
        answer.setdefault(segs[i].id, set()).add(sents[j][:2])
    return answer


def accuracy() -> list[tuple[str, str, int, int, int, int, int, int]]:
    rows = []
    for lang in LANGS:
        source, target = load(lang)
        with_memory, hits = bridged(source, lang)
        print(f"{lang}: {sum(len(b.segments) for b in source)} segments, "
              f"{len(target)} paragraphs; memory matches for {hits} segments", file=sys.stderr)
        for name, perturb in VARIANTS.items():
            rng = random.Random(f"{lang}-{name}")
            if perturb is None:
                variant = target
            elif perturb in (add_note, all_five):
                variant = perturb(target, rng, lang)
            else:
                variant = perturb(target, rng)
            gold = gold_of(source, variant)
            total = len(gold)
            plain = score(transkit_answer(source, variant, lang), gold)
            bridge = score(transkit_answer(with_memory, variant, lang), gold)
            baseline = score(gale_church_answer(source, variant), gold)
            rows.append((lang, name, total, plain, bridge, baseline, 0, 0))
    return rows


def speed() -> list[tuple[str, float]]:
    from transkit.importing import source_markdown

    seed = ROOT / "sources" / "iran-oil-gas.txt"
    doc = parse_markdown(source_markdown(seed).markdown)
    source = [
        SourceBlock(b.layout, tuple(Segment(f"{i}.{k}", t) for k, t in enumerate(b.segments)))
        for i, b in enumerate(doc.blocks)
    ]
    mirror = [TargetBlock(b.layout, tuple(s.text for s in b.segments), n)
              for n, b in enumerate(source, 1)]
    out = []
    for lang in LANGS:
        start = time.perf_counter()
        Aligner(lang).align(source, mirror)
        out.append((f"bundled article ({sum(len(b.segments) for b in source)} segments), {lang}",
                    time.perf_counter() - start))
    big_src: list[SourceBlock] = []
    big_tgt: list[TargetBlock] = []
    while sum(len(b.segments) for b in big_src) < 10_000:
        for b in source:
            n = len(big_src)
            big_src.append(SourceBlock(b.layout, tuple(replace(s, id=f"{n}.{s.id}")
                                                       for s in b.segments)))
            big_tgt.append(TargetBlock(b.layout, tuple(s.text for s in b.segments), n + 1))
    start = time.perf_counter()
    Aligner("es").align(big_src, big_tgt)
    out.append((f"{sum(len(b.segments) for b in big_src):,} segments, es",
                time.perf_counter() - start))
    return out


def main() -> None:
    rows = accuracy()
    print("| language | translation | segments | transkit | transkit + memory | Gale–Church |")
    print("|---|---|---|---|---|---|")
    totals: dict[str, list[int]] = {}
    for lang, name, total, plain, bridge, baseline, _, _ in rows:
        print(f"| {lang} | {name} | {total} | {100 * plain / total:.1f}% | "
              f"{100 * bridge / total:.1f}% | {100 * baseline / total:.1f}% |")
        t = totals.setdefault(lang, [0, 0, 0, 0])
        for k, v in enumerate((total, plain, bridge, baseline)):
            t[k] += v
    for lang, (total, plain, bridge, baseline) in totals.items():
        print(f"| **{lang}** | **all {len(VARIANTS)}** | {total} | "
              f"**{100 * plain / total:.1f}%** | **{100 * bridge / total:.1f}%** | "
              f"**{100 * baseline / total:.1f}%** |")
    print()
    for lang, (total, plain, bridge, baseline) in totals.items():
        errors = total - plain, total - bridge, total - baseline
        print(f"{lang}: errors transkit {errors[0]}, with memory {errors[1]}, "
              f"Gale–Church {errors[2]}")
    print()
    print("| speed | seconds |")
    print("|---|---|")
    for what, seconds in speed():
        print(f"| {what} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
