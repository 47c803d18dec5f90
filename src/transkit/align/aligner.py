"""Structure first, then sentences: a translation's blocks and sentences
paired with a document's blocks and segments.

Two passes of the same dynamic programme (Gale and Church's, with the
costs below):

1. **Blocks.** Endnotes pair by label wherever they stand (a moved endnote
   moves nothing else). The other blocks pair in reading order, allowing a
   block left out (1:0), one added (0:1, a translator's note), two merged
   (2:1) and one split (1:2). A pair costs by its kind (a heading for a
   heading), its length against the language's usual ratio, and its anchors:
   footnote references, numbers, dates and URLs must match; names that stay
   the same add to the match.
2. **Sentences** within each pair of blocks: 1:1, 1:2 (two sentences for one
   segment), 2:1 (one sentence for two: the second segment is *joined*), 1:0
   (nothing for it) and 0:1 (a sentence left over), by the same costs.

Where a segment has a *bridge* — a DeepL draft, a memory match or an
existing translation in the target language — the bridge's likeness to the
candidate text (rapidfuzz) counts as well, as Bleualign does with a machine
translation; without one, length and anchors decide.

Each aligned segment gets a confidence in [0, 1] from its pair's cost.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz

from transkit.document import FOOTNOTE_RE, Layout

#: Characters of translation per character of English (Gale–Church's c).
LENGTH_RATIO = {"es": 1.15, "pt": 1.12, "nl": 1.12, "fr": 1.18, "de": 1.2, "it": 1.12}
#: Variance of that ratio per character (Gale–Church's s²).
VARIANCE = 6.8
#: Below this confidence an aligned segment is reported as low-confidence.
LOW_CONFIDENCE = 0.5

# -ln of each shape's prior, after Gale and Church's counts.
_PRIOR = {(1, 1): 0.0, (1, 0): 4.5, (0, 1): 4.5, (2, 1): 2.5, (1, 2): 2.5}
_ANCHOR_MATCH = 2.5  # per footnote reference, number or URL found on both sides
_ANCHOR_MISS = 3.0  # per one found on one side only
_NAME_MATCH = 1.0  # per unchanged name found on both sides
_BRIDGE_WEIGHT = 12.0
_BRIDGE_EVEN = 0.4  # a bridge this alike costs nothing; less costs, more gains
_KIND_MISMATCH = 5.0
# A block that lost or gained a sentence is still the same block: lengths
# count less there (the sentence pass finds what is missing).
_BLOCK_VARIANCE = 4 * VARIANCE
_BLOCK_LENGTH_CAP = 7.0
_BLOCK_SHARE = (0.45, 2.2)  # target length / expected, where that holds
_CAP = 30.0

# A translator's note ("N. del T.: …", "(Noot van de vertaler: …)") translates
# nothing of the source: cheap to leave over, dear to pair.
_NOTE_EXTRA = 1.0
_NOTE_PAIRED = 4.0
_TRANSLATORS_NOTE = re.compile(
    r"^\W{0,3}(?:N\.\s?(?:del?|do|da|d\.)\s?T\.|NdT\b|N\.\s?v\.\s?d\.\s?V\.|"
    r"nota\s+(?:del?|do|da)\s+tradu|noot\s+van\s+de\s+vertaler|translator'?s\s+note)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")
_URL = re.compile(r"https?://[^\s)>\]]+")
_NAME = re.compile(r"(?<=[\s(“‘\"'«])([A-Z][\w-]*[A-Za-z])")
_MARKUP = re.compile(r"[*_`]|\]\([^)]*\)")


@dataclass(frozen=True)
class Features:
    """What the costs look at, computed once per text."""

    length: int
    anchors: tuple[str, ...]  # footnote labels, numbers (digits only), URLs
    names: frozenset[str]

    def __add__(self, other: Features) -> Features:
        return Features(
            self.length + other.length, self.anchors + other.anchors, self.names | other.names
        )


def features(text: str) -> Features:
    refs = [f"^{m.group(1)}" for m in FOOTNOTE_RE.finditer(text)]
    plain = FOOTNOTE_RE.sub(" ", text)
    urls = _URL.findall(plain)
    plain = _URL.sub(" ", plain)
    numbers = [re.sub(r"\D", "", n) for n in _NUMBER.findall(plain)]
    bare = _MARKUP.sub("", plain)
    names = frozenset(n for n in _NAME.findall(" " + bare) if len(n) > 2)
    return Features(len(bare.strip()), tuple(refs + urls + numbers), names)


def translators_note(text: str) -> bool:
    """Whether `text` is a translator's note (it says so at its start)."""
    return bool(_TRANSLATORS_NOTE.match(text))


def _length_cost(
    source: int, target: int, ratio: float, variance: float = VARIANCE, cap: float = _CAP
) -> float:
    """Gale–Church: -ln P(|δ|) for the observed target length."""
    if source == 0 and target == 0:
        return 0.0
    mean = (source + target / ratio) / 2
    delta = (target - source * ratio) / math.sqrt(max(mean, 1.0) * variance)
    p = math.erfc(abs(delta) / math.sqrt(2))
    return min(-math.log(max(p, 1e-12)), cap)


def _anchor_cost(src: Features, tgt: Features) -> float:
    cost = 0.0
    if src.anchors or tgt.anchors:
        left = list(tgt.anchors)
        matched = 0
        for a in src.anchors:
            if a in left:
                left.remove(a)
                matched += 1
        missed = len(src.anchors) - matched + len(left)
        cost += _ANCHOR_MISS * missed - _ANCHOR_MATCH * matched
    if src.names and tgt.names:
        cost -= _NAME_MATCH * len(src.names & tgt.names)
    return cost


def _bridge_cost(bridge: str | None, target: str) -> float:
    if not bridge:
        return 0.0
    likeness = fuzz.ratio(bridge, target) / 100
    return _BRIDGE_WEIGHT * (_BRIDGE_EVEN - likeness)


def confidence(cost: float) -> float:
    """A pair's cost as a confidence: 0.5 at a cost of 4, near 1 below 0."""
    return round(1 / (1 + math.exp(cost - 4.0)), 2)


# -- the inputs -----------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A source segment, with what the target language already has for it."""

    id: str
    text: str
    bridge: str | None = None  # a draft, a memory match or a translation


@dataclass(frozen=True)
class SourceBlock:
    layout: Layout
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class TargetBlock:
    layout: Layout
    sentences: tuple[str, ...]
    number: int  # 1-based, in the translation's reading order


# -- the result -----------------------------------------------------------------------


@dataclass(frozen=True)
class Aligned:
    id: str
    text: str  # "" for a segment joined to the previous one
    confidence: float
    joined: bool = False  # one sentence covers the previous segment and this one
    #: The translation's sentences it took, as (block number, index in block);
    #: for a joined segment, the sentence that covers it.
    sentences: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Unused:
    """A sentence of the translation nothing was aligned to."""

    block: int  # the translation's block number
    text: str
    after: str | None  # the last source segment before it, if any


@dataclass
class Alignment:
    aligned: list[Aligned] = field(default_factory=list)
    unaligned: list[str] = field(default_factory=list)  # source segment ids
    unused: list[Unused] = field(default_factory=list)

    def by_id(self) -> dict[str, Aligned]:
        return {a.id: a for a in self.aligned}


# -- the dynamic programme ------------------------------------------------------------

Cost = Callable[[int, int, int, int], float]  # (i, di, j, dj) -> cost of that pair


def _path(
    m: int, n: int, cost: Cost, shapes: Sequence[tuple[int, int]], band: int | None = None
) -> list[tuple[int, int, int, int, float]]:
    """The cheapest sequence of pairs (i, di, j, dj, cost) covering both sides."""
    inf = math.inf
    best: list[dict[int, float]] = [{} for _ in range(m + 1)]
    back: list[dict[int, tuple[int, int, float]]] = [{} for _ in range(m + 1)]
    best[0][0] = 0.0

    def window(i: int) -> range:
        if band is None:
            return range(n + 1)
        centre = round(i * n / m) if m else 0
        return range(max(0, centre - band), min(n, centre + band) + 1)

    for i in range(m + 1):
        row = best[i]
        for j in window(i):
            if i == 0 and j == 0:
                continue
            found = inf
            how: tuple[int, int, float] | None = None
            for di, dj in shapes:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                before = best[pi].get(pj)
                if before is None:
                    continue
                c = cost(pi, di, pj, dj)
                if before + c < found:
                    found, how = before + c, (di, dj, c)
            if how is not None:
                row[j] = found
                back[i][j] = how
    pairs: list[tuple[int, int, int, int, float]] = []
    i, j = m, n
    if j not in back[i] and (i, j) != (0, 0):
        raise ValueError("no alignment within the band")  # widened by the caller
    while (i, j) != (0, 0):
        di, dj, c = back[i][j]
        i, j = i - di, j - dj
        pairs.append((i, di, j, dj, c))
    pairs.reverse()
    return pairs


_SHAPES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))


@cache
def _kind_cost(src: Layout, tgt: Layout) -> float:
    if src.kind != tgt.kind:
        pair = {src.kind, tgt.kind}
        # a scraped page may not tell a title or byline from a paragraph
        return _KIND_MISMATCH / 2 if pair <= {"title", "heading", "paragraph", "byline",
                                              "caption"} and "paragraph" in pair else _KIND_MISMATCH
    cost = 0.0
    if src.kind == "heading" and src.label != tgt.label:
        cost += 1.0
    if src.in_quote != tgt.in_quote:
        cost += 1.5
    if any(c.startswith("item") for c in src.containers) != any(
        c.startswith("item") for c in tgt.containers
    ):
        cost += 1.0
    return cost


class Aligner:
    """Aligns one translation (target blocks) to one document (source blocks)."""

    def __init__(self, language: str, *, band: int = 25):
        base = language.replace("-", "_").split("_")[0].lower()
        self.ratio = LENGTH_RATIO.get(base, 1.1)
        self.band = band

    def align(self, source: Sequence[SourceBlock], target: Sequence[TargetBlock]) -> Alignment:
        result = Alignment()
        pairs = self._pair_blocks(list(source), list(target))
        for src_blocks, tgt_blocks, block_cost in pairs:
            if not tgt_blocks:
                result.unaligned += [s.id for b in src_blocks for s in b.segments]
                continue
            if not src_blocks:
                continue  # reported below, with the place
            self._align_sentences(src_blocks, tgt_blocks, confidence(block_cost), result)
        used = {place for a in result.aligned for place in a.sentences}
        order = {s.id: n for n, s in enumerate(s for b in source for s in b.segments)}
        placed = _after_map(pairs)
        for block in target:
            for k, sentence in enumerate(block.sentences):
                if (block.number, k) not in used:
                    result.unused.append(Unused(block.number, sentence, placed.get(block.number)))
        result.aligned.sort(key=lambda a: order[a.id])
        result.unaligned.sort(key=order.__getitem__)
        return result

    # -- blocks -------------------------------------------------------------------------

    def _pair_blocks(
        self, source: list[SourceBlock], target: list[TargetBlock]
    ) -> list[tuple[list[SourceBlock], list[TargetBlock], float]]:
        """Groups of source blocks and target blocks that translate each other,
        in the source's order (a target block in no group is left over)."""
        src_notes = {b.layout.label: b for b in source if b.layout.kind == "note"}
        tgt_notes = {b.layout.label: b for b in target if b.layout.kind == "note"}
        noted = {label for label in src_notes if label in tgt_notes}
        body_src = [b for b in source if not (b.layout.kind == "note" and b.layout.label in noted)]
        body_tgt = [b for b in target if not (b.layout.kind == "note" and b.layout.label in noted)]
        src_text = [" ".join(s.text for s in b.segments) for b in body_src]
        tgt_text = [" ".join(b.sentences) for b in body_tgt]
        src_feat = [features(t) for t in src_text]
        tgt_feat = [features(t) for t in tgt_text]
        bridges = [_bridge_of(b.segments) for b in body_src]
        extra = [translators_note(t) for t in tgt_text]

        def cost(i: int, di: int, j: int, dj: int) -> float:
            prior = _PRIOR[(di, dj)]
            if di == 0 or dj == 0:
                return _NOTE_EXTRA if di == 0 and extra[j] else prior
            s = src_feat[i] if di == 1 else src_feat[i] + src_feat[i + 1]
            t = tgt_feat[j] if dj == 1 else tgt_feat[j] + tgt_feat[j + 1]
            anchors = _anchor_cost(s, t) + _NOTE_PAIRED * (extra[j] + (dj == 2 and extra[j + 1]))
            if di == dj == 1:
                c = prior + anchors + self._block_length_cost(s.length, t.length, anchors < 0)
            else:  # a merge or a split accounts for the length, or it is not one
                c = prior + anchors + _length_cost(s.length, t.length, self.ratio)
            c += _kind_cost(body_src[i].layout, body_tgt[j].layout)
            if di == 2:
                c += _kind_cost(body_src[i + 1].layout, body_tgt[j].layout)
            if dj == 2:
                c += _kind_cost(body_src[i].layout, body_tgt[j + 1].layout)
            bridge = bridges[i] if di == 1 else _joined(bridges[i], bridges[i + 1])
            if bridge:
                target_text = tgt_text[j] if dj == 1 else f"{tgt_text[j]} {tgt_text[j + 1]}"
                c += _bridge_cost(bridge, target_text)
            return c

        m, n = len(body_src), len(body_tgt)
        band = None if m * n <= 10_000 else abs(m - n) + self.band
        path = _path(m, n, cost, _SHAPES, band)
        groups: list[tuple[list[SourceBlock], list[TargetBlock], float]] = []
        for i, di, j, dj, c in path:
            groups.append((body_src[i : i + di], body_tgt[j : j + dj], c))
        by_source: dict[int, tuple[list[SourceBlock], list[TargetBlock], float]] = {}
        for label in noted:
            s_note, t_note = src_notes[label], tgt_notes[label]
            c = _length_cost(
                features(" ".join(x.text for x in s_note.segments)).length,
                features(" ".join(t_note.sentences)).length,
                self.ratio,
            )
            by_source[id(s_note)] = ([s_note], [t_note], c)
        # notes back in their source place
        out: list[tuple[list[SourceBlock], list[TargetBlock], float]] = []
        body = iter(groups)
        pending = next(body, None)
        for block in source:
            if id(block) in by_source:
                out.append(by_source[id(block)])
                continue
            while pending is not None and not pending[0]:
                out.append(pending)
                pending = next(body, None)
            if pending is not None and pending[0] and pending[0][0] is block:
                out.append(pending)
                pending = next(body, None)
        while pending is not None:
            out.append(pending)
            pending = next(body, None)
        return out

    def _block_length_cost(self, source: int, target: int, anchored: bool) -> float:
        """Lengths, forgiving a sentence lost or gained (where the anchors
        agree, even a long one), not a block of another size."""
        share = target / (source * self.ratio) if source else math.inf
        if anchored or _BLOCK_SHARE[0] <= share <= _BLOCK_SHARE[1]:
            return _length_cost(source, target, self.ratio, _BLOCK_VARIANCE, _BLOCK_LENGTH_CAP)
        return _length_cost(source, target, self.ratio)

    # -- sentences ----------------------------------------------------------------------

    def _align_sentences(
        self,
        src_blocks: list[SourceBlock],
        tgt_blocks: list[TargetBlock],
        block_confidence: float,
        result: Alignment,
    ) -> None:
        segs = [s for b in src_blocks for s in b.segments]
        starts = set()  # indices of segments that start a source block
        k = 0
        for b in src_blocks:
            starts.add(k)
            k += len(b.segments)
        sents = [(b.number, n, text) for b in tgt_blocks for n, text in enumerate(b.sentences)]
        whole = [b.layout.kind != "paragraph" for b in src_blocks]
        if len(segs) == 1 and (len(sents) == 1 or any(whole)):
            # one segment (a heading, a note, a one-sentence paragraph): all of it
            text = " ".join(t for _, _, t in sents)
            places = tuple((b, n) for b, n, _ in sents)
            result.aligned.append(Aligned(segs[0].id, text, block_confidence, sentences=places))
            return
        s_feat = [features(s.text) for s in segs]
        t_feat = [features(t) for _, _, t in sents]
        extra = [translators_note(t) for _, _, t in sents]

        def cost(i: int, di: int, j: int, dj: int) -> float:
            prior = _PRIOR[(di, dj)]
            if di == 0 or dj == 0:
                return _NOTE_EXTRA if di == 0 and extra[j] else prior
            if di == 2 and (i + 1) in starts:
                return math.inf  # a joined segment stays in its carrier's block
            s = s_feat[i] if di == 1 else s_feat[i] + s_feat[i + 1]
            t = t_feat[j] if dj == 1 else t_feat[j] + t_feat[j + 1]
            c = prior + _length_cost(s.length, t.length, self.ratio) + _anchor_cost(s, t)
            c += _NOTE_PAIRED * (extra[j] + (dj == 2 and extra[j + 1]))
            bridge = segs[i].bridge if di == 1 else _joined(segs[i].bridge, segs[i + 1].bridge)
            if bridge:
                text = sents[j][2] if dj == 1 else f"{sents[j][2]} {sents[j + 1][2]}"
                c += _bridge_cost(bridge, text)
            return c

        for i, di, j, dj, c in _path(len(segs), len(sents), cost, _SHAPES):
            conf = min(block_confidence, confidence(c))
            if dj == 0:
                result.unaligned += [segs[x].id for x in range(i, i + di)]
                continue
            if di == 0:
                continue
            chosen = sents[j : j + dj]
            places = tuple((b, n) for b, n, _ in chosen)
            text = " ".join(t for _, _, t in chosen)
            result.aligned.append(Aligned(segs[i].id, text, conf, sentences=places))
            if di == 2:
                result.aligned.append(
                    Aligned(segs[i + 1].id, "", conf, joined=True, sentences=places)
                )


def _bridge_of(segments: Sequence[Segment]) -> str | None:
    """The block's bridge, when every segment has one (else none: a partial
    bridge would make the block look shorter than it is)."""
    if not segments or any(not s.bridge for s in segments):
        return None
    return " ".join(s.bridge or "" for s in segments)


def _joined(a: str | None, b: str | None) -> str | None:
    return f"{a} {b}" if a and b else None


def _after_map(
    pairs: list[tuple[list[SourceBlock], list[TargetBlock], float]],
) -> dict[int, str | None]:
    """Target block number → the last source segment placed before it."""
    out: dict[int, str | None] = {}
    last: str | None = None
    for src, tgt, _ in pairs:
        if src:
            last = src[-1].segments[-1].id if src[-1].segments else last
        for t in tgt:
            out.setdefault(t.number, last)
    return out
