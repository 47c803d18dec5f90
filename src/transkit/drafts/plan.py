"""What to draft and how to send it: pure decisions, no I/O.

- `pending`: the entries a draft may fill (untranslated; stale on request).
- `units`: what DeepL gets as texts: each paragraph as ONE text, its
  sentences marked with ``<s id="N">`` tags (DeepL bills no tags, and each
  sentence is translated with its whole paragraph in view); `split` reads
  the answer back per sentence, or says the tags came back broken, and
  `sentences` is then the fallback, one text per sentence.
- `contexts`: for each segment, the text DeepL gets as ``context`` (not
  billed), shared by a whole section so that its paragraphs can travel in
  one request: the title, the section's heading and the section's text
  (its neighbours); footnotes share the title and the notes.
- `protect` / `restore` / `verify`: footnote placeholders travel as XML
  tags DeepL keeps in place (``[^4]`` → ``<x id="4"/>``, the rest of the text
  XML-escaped), come back as placeholders, and are checked afterwards;
  inline Markdown (emphasis, links, code) travels as tags too (`markup`).
- `batches`: requests of at most 50 texts and 128 KiB that share one
  context, which the deepl client itself does not enforce.
- `billable`: what DeepL bills for a text (its characters outside tags),
  for the cost of an attempt that got no answer.
- `apply_draft`: put a draft into an entry without ever overwriting a
  person's work.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from transkit.catalog import Catalog, Entry, fit_newlines
from transkit.checks.placement import misplaced
from transkit.document import FOOTNOTE_RE, Layout, placeholders
from transkit.drafts import markup
from transkit.provenance import draft_text, set_draft_text
from transkit.status import Status, mark_draft, status_of
from transkit.template import entry_blocks

#: DeepL's documented limits for one /v2/translate request.
MAX_TEXTS = 50
MAX_REQUEST_BYTES = 128 * 1024
#: Room for the request's other fields (languages, options, glossary id).
REQUEST_OVERHEAD = 1024
#: Context is free but counts toward the request size; keep it bounded.
MAX_CONTEXT_CHARS = 6000
#: The tag marking one sentence of a paragraph sent as one text.
SENTENCE_TAG = "s"

_TAG_RE = re.compile(
    r"<\s*x\s+id\s*=\s*(?:\"([^\"]*)\"|'([^']*)')\s*(?:/>|>\s*<\s*/\s*x\s*>|>)", re.IGNORECASE
)
_ANY_TAG_RE = re.compile(r"<[^<>]*>")
# Placeholders at the end of a text: only punctuation, quotes or space may follow them.
_TRAILING_RE = re.compile(r"[\s.,;:!?…”’\"')\]»›]*$")


# -- which entries -----------------------------------------------------------


def pending(
    catalog: Catalog, include_stale: bool = False, variant: str | None = None
) -> list[Entry]:
    """Entries a draft may fill: untranslated ones, stale ones on request,
    and on request (`variant`, a DeepL target code) untouched DeepL drafts
    made for another variant."""
    wanted = {Status.UNTRANSLATED, *([Status.STALE] if include_stale else [])}
    return [
        e for e in catalog
        if e.source and (status_of(e) in wanted or (variant and made_for(e, variant)))
    ]


def made_for(entry: Entry, variant: str) -> str | None:
    """The other DeepL target code an untouched DeepL draft was made for
    (PT-PT when `variant` is PT-BR), or None."""
    if status_of(entry) is not Status.DRAFT or entry.meta.get("engine") != "deepl":
        return None
    code = entry.meta.get("target")
    if not code or code.upper() == variant.upper() or not is_machine_text(entry):
        return None
    return code


def other_variants(catalog: Catalog, variant: str) -> Counter[str]:
    """How many untouched DeepL drafts were made for each other target code."""
    return Counter(c for e in catalog if (c := made_for(e, variant)))


def is_machine_text(entry: Entry) -> bool:
    """Whether the entry's text is a draft nobody has touched since (so
    replacing it loses no one's work)."""
    if not entry.target:
        return True
    return entry.meta.get("state") == "draft" or entry.target == draft_text(entry)


def apply_draft(
    entry: Entry, text: str, engine: str, *, redraft: bool = False, **meta: str
) -> bool:
    """Fill `entry` with a draft; True if its text was set.

    An untranslated entry, or a stale one still holding an untouched draft,
    gets the text as a fuzzy draft. A stale entry holding a person's text
    keeps it: the new draft is only recorded (the reviewer can restore it).
    With `redraft` (another variant's draft, on request), an untouched
    draft is replaced too. Anything else is left alone.
    """
    text = fit_newlines(text, entry.source)  # an engine's stray final newline: msgfmt -c
    status = status_of(entry)
    if status is Status.UNTRANSLATED or (
        status in (Status.STALE, *((Status.DRAFT,) if redraft else ())) and is_machine_text(entry)
    ):
        entry.target = text
        mark_draft(entry, engine, **{k: v for k, v in meta.items() if v})
        set_draft_text(entry, text)
        return True
    if status is Status.STALE:
        set_draft_text(entry, text)
    return False


# -- context -----------------------------------------------------------------


@dataclass
class _Block:
    layout: Layout
    segments: list[tuple[str, str]] = field(default_factory=list)  # (id, text)

    @property
    def text(self) -> str:
        return " ".join(t for _, t in self.segments)


def _blocks(template: Catalog) -> list[_Block]:
    return [
        _Block(layout, [(e.id, e.source) for e in entries])
        for layout, entries in entry_blocks(template, strict=False)
    ]


def _plain(text: str) -> str:
    return " ".join(FOOTNOTE_RE.sub("", text).split())


def _join(parts: Iterable[str]) -> str:
    text = "\n\n".join(p for p in (_plain(p) for p in parts) if p)
    return text[:MAX_CONTEXT_CHARS]


def contexts(template: Catalog) -> dict[str, str]:
    """Segment id → the context DeepL gets with it ('' for none).

    One context per section, so that a section's paragraphs share a request:
    the title, the section's heading and the section's own text (what lies
    around each paragraph). Footnotes share the title and the notes' text.
    """
    blocks = _blocks(template)
    title = next((b.text for b in blocks if b.layout.kind == "title"), "")
    sections: list[list[_Block]] = [[]]
    notes: list[_Block] = []
    for b in blocks:
        if b.layout.kind == "note":
            notes.append(b)
            continue
        if b.layout.kind == "heading" and sections[-1]:
            sections.append([])
        sections[-1].append(b)
    out: dict[str, str] = {}
    for section in sections:
        heading = section[0].text if section and section[0].layout.kind == "heading" else ""
        text = [b.text for b in section if b.layout.kind not in ("title", "heading")]
        context = _join([title, heading, *text])
        for b in section:
            for sid, _ in b.segments:
                out[sid] = context
    context = _join([title, *(b.text for b in notes)])
    for b in notes:
        for sid, _ in b.segments:
            out[sid] = context
    return out


def paragraphs(template: Catalog) -> list[list[str]]:
    """The segment ids of each block, in order (a paragraph's sentences)."""
    return [[sid for sid, _ in b.segments] for b in _blocks(template)]


# -- placeholders ------------------------------------------------------------


_ENTITY_RE = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _unescape(text: str) -> str:
    """XML's entities only (not HTML's, which would eat a bare ``&copy``)."""

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name[0] != "#":
            return _NAMED[name]
        code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
        return chr(code) if 0 < code <= 0x10FFFF else m.group(0)

    return _ENTITY_RE.sub(one, text)


def protect(text: str) -> str:
    """Segment text → what DeepL gets: XML-escaped, placeholders and inline
    markup as tags."""
    encoded = markup.encode(text)
    if encoded is not None:
        return encoded.xml
    out: list[str] = []
    pos = 0
    for m in FOOTNOTE_RE.finditer(text):
        out.append(markup.escape_xml(text[pos : m.start()]))
        out.append(markup.footnote_tag(m.group(1)))
        pos = m.end()
    out.append(markup.escape_xml(text[pos:]))
    return "".join(out)


def restore(xml_text: str, source: str = "") -> tuple[str, bool]:
    """DeepL's answer to `protect(source)` → segment text; the flag says
    markup was left over or lost (tags DeepL made up or broke), which the
    reviewer must see."""
    encoded = markup.encode(source) if source else None
    if encoded is not None and (decoded := markup.decode(xml_text, encoded)) is not None:
        return decoded
    text = _TAG_RE.sub(lambda m: f"[^{_unescape(m.group(1) or m.group(2) or '')}]", xml_text)
    if encoded is not None:  # markup went, but no XML came back
        return _unescape(_ANY_TAG_RE.sub("", text)), True
    leftover = bool(_ANY_TAG_RE.search(text))
    return _unescape(text), leftover


def _trailing(text: str) -> list[str]:
    """The placeholders after the last word of `text`."""
    found = []
    end = len(text)
    for m in reversed(list(FOOTNOTE_RE.finditer(text))):
        if not _TRAILING_RE.fullmatch(text[m.end() : end]):
            break
        found.append(m.group(0))
        end = m.start()
    return found


def verify(source: str, draft: str) -> list[str]:
    """What went wrong with the draft's placeholders ([] if nothing): lost,
    added, reordered, moved away from the end of the sentence, or moved far
    from their place in it (`transkit.checks.placement`)."""
    want, got = placeholders(source), placeholders(draft)
    problems = [f"lost {p}" for p in (Counter(want) - Counter(got)).elements()]
    problems += [f"added {p}" for p in (Counter(got) - Counter(want)).elements()]
    if not problems and want != got:
        problems.append("reordered " + " ".join(want))
    if not problems:
        at_end = set(_trailing(draft))
        problems += [f"moved {p}" for p in _trailing(source) if p not in at_end]
        problems += [m for m in misplaced(source, draft) if f"moved {m.split()[0]}" not in problems]
    return problems


# -- requests ----------------------------------------------------------------


_SENTENCE_RE = re.compile(
    r'<s id="(\d+)">(.*?)</s>|(<\s*/?\s*s\b[^<>]*>)', re.DOTALL
)
_STRAY_S_RE = re.compile(r"<\s*/?\s*s\b")
_TAGS_RE = re.compile(r"<[^<>]*>")


def billable(text: str) -> int:
    """The characters DeepL bills for a text sent with tag handling: the
    tags are free."""
    return len(_TAGS_RE.sub("", text))


@dataclass(frozen=True)
class Unit:
    """One text to translate: a segment, or a paragraph of several (`ids`,
    each sentence in its ``<s>`` tag), with its context."""

    id: str  # the (first) segment's id
    text: str  # protected XML, as sent
    context: str
    ids: tuple[str, ...] = ()  # a paragraph's segment ids; () for one segment
    sources: tuple[str, ...] = ()  # their source texts, for `sentences`

    @property
    def chars(self) -> int:
        """What DeepL bills for it (context and tags are free)."""
        return billable(self.text)

    @property
    def segments(self) -> tuple[str, ...]:
        return self.ids or (self.id,)


def paragraph(segments: Sequence[tuple[str, str]], context: str) -> Unit:
    """Consecutive segments of one block, (id, source) each, as one unit: a
    single segment as itself, several as one text with sentence tags."""
    if len(segments) == 1:
        [(sid, source)] = segments
        return Unit(sid, protect(source), context)
    text = " ".join(
        f'<{SENTENCE_TAG} id="{i}">{protect(source)}</{SENTENCE_TAG}>'
        for i, (_, source) in enumerate(segments)
    )
    ids = tuple(sid for sid, _ in segments)
    return Unit(ids[0], text, context, ids, tuple(source for _, source in segments))


def units(
    blocks: Iterable[Sequence[str]], pending: Mapping[str, str], contexts: Mapping[str, str]
) -> list[Unit]:
    """The units for the `pending` segments (id → source): each block's
    pending segments as one `paragraph`, in document order."""
    out = []
    for block in blocks:
        mine = [(sid, pending[sid]) for sid in block if sid in pending]
        if mine:
            out.append(paragraph(mine, contexts.get(mine[0][0], "")))
    return out


def sentences(unit: Unit) -> list[Unit]:
    """The fallback for a paragraph whose tags came back broken (or that is
    too large): one unit per sentence, same context."""
    if not unit.ids:
        return [unit]
    return [Unit(sid, protect(src), unit.context) for sid, src in zip(unit.ids, unit.sources,
                                                                     strict=True)]


def split(unit: Unit, answer: str) -> list[str] | None:
    """DeepL's answer for `unit`, one XML text per segment; None if the
    sentence tags came back broken (missing, doubled, reordered, text left
    outside them)."""
    if not unit.ids:
        return [answer]
    parts: list[str] = []
    pos = 0
    for m in _SENTENCE_RE.finditer(answer):
        if m.group(3) is not None or answer[pos : m.start()].strip():
            return None  # a stray <s>/</s>, or words outside the sentences
        if m.group(1) != str(len(parts)) or _STRAY_S_RE.search(m.group(2)):
            return None
        parts.append(m.group(2).strip())
        pos = m.end()
    if answer[pos:].strip() or len(parts) != len(unit.ids):
        return None
    return parts


@dataclass
class Batch:
    """One request: texts sharing one context."""

    context: str
    units: list[Unit] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        return [u.text for u in self.units]

    @property
    def chars(self) -> int:
        return sum(u.chars for u in self.units)


def _json_size(value: object) -> int:
    # requests encodes JSON bodies ASCII-only, so this is the size sent.
    return len(json.dumps(value))


def request_size(texts: Sequence[str], context: str) -> int:
    """An upper bound of the request body's bytes for these texts."""
    return REQUEST_OVERHEAD + _json_size(context) + sum(_json_size(t) + 2 for t in texts)


def batches(
    units: Iterable[Unit],
    max_texts: int = MAX_TEXTS,
    max_bytes: int = MAX_REQUEST_BYTES,
    *,
    too_large: list[tuple[Unit, int]] | None = None,
) -> list[Batch]:
    """Consecutive units with the same context, split to fit the limits.

    A single unit too large to send at all goes into `too_large` with its
    request's size in bytes, and the rest is batched; without that list it
    raises ValueError naming the unit, its size and the limit.
    """
    out: list[Batch] = []
    size = 0
    for unit in units:
        alone = request_size([unit.text], unit.context)
        if alone > max_bytes:
            if too_large is None:
                raise ValueError(
                    f"segment {unit.id} is too long for one DeepL request "
                    f"({alone:,} bytes; the limit is {max_bytes:,})"
                )
            too_large.append((unit, alone))
            continue
        current = out[-1] if out else None
        grow = _json_size(unit.text) + 2
        if (
            current is None
            or current.context != unit.context
            or len(current.units) >= max_texts
            or size + grow > max_bytes
        ):
            out.append(Batch(unit.context, [unit]))
            size = alone
        else:
            current.units.append(unit)
            size += grow
    return out
