"""What to draft and how to send it: pure decisions, no I/O.

- `pending`: the entries a draft may fill (untranslated; stale on request).
- `contexts`: for each segment, the text DeepL gets as ``context`` (not
  billed): its section heading and its paragraph, or for a one-sentence
  paragraph the paragraph before it; a footnote gets the paragraph citing it.
- `protect` / `restore` / `verify`: footnote placeholders travel as XML
  tags DeepL keeps in place (``[^4]`` → ``<x id="4"/>``, the rest of the text
  XML-escaped), come back as placeholders, and are checked afterwards;
  inline Markdown (emphasis, links, code) travels as tags too (`markup`).
- `batches`: requests of at most 50 texts and 128 KiB that share one
  context, which the deepl client itself does not enforce.
- `apply_draft`: put a draft into an entry without ever overwriting a
  person's work.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from transkit.catalog import Catalog, Entry, fit_newlines
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

_TAG_RE = re.compile(
    r"<\s*x\s+id\s*=\s*(?:\"([^\"]*)\"|'([^']*)')\s*(?:/>|>\s*<\s*/\s*x\s*>|>)", re.IGNORECASE
)
_ANY_TAG_RE = re.compile(r"<[^<>]*>")
# Placeholders at the end of a text: only punctuation, quotes or space may follow them.
_TRAILING_RE = re.compile(r"[\s.,;:!?…”’\"')\]»›]*$")


# -- which entries -----------------------------------------------------------


def pending(catalog: Catalog, include_stale: bool = False) -> list[Entry]:
    """Entries a draft may fill: untranslated ones, and stale ones on request."""
    wanted = {Status.UNTRANSLATED, *([Status.STALE] if include_stale else [])}
    return [e for e in catalog if e.source and status_of(e) in wanted]


def is_machine_text(entry: Entry) -> bool:
    """Whether the entry's text is a draft nobody has touched since (so
    replacing it loses no one's work)."""
    if not entry.target:
        return True
    return entry.meta.get("state") == "draft" or entry.target == draft_text(entry)


def apply_draft(entry: Entry, text: str, engine: str, **meta: str) -> bool:
    """Fill `entry` with a draft; True if its text was set.

    An untranslated entry, or a stale one still holding an untouched draft,
    gets the text as a fuzzy draft. A stale entry holding a person's text
    keeps it: the new draft is only recorded (the reviewer can restore it).
    Anything else is left alone.
    """
    text = fit_newlines(text, entry.source)  # an engine's stray final newline: msgfmt -c
    status = status_of(entry)
    if status is Status.UNTRANSLATED or (status is Status.STALE and is_machine_text(entry)):
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
    """Segment id → the context DeepL gets with it ('' for none)."""
    blocks = _blocks(template)
    title = next((b.text for b in blocks if b.layout.kind == "title"), "")
    citing: dict[str, str] = {}  # footnote label → the first block citing it
    for b in blocks:
        if b.layout.kind != "note":
            for label in FOOTNOTE_RE.findall(b.text):
                citing.setdefault(label, b.text)
    out: dict[str, str] = {}
    heading = ""
    previous = ""  # the last body block's text, for one-sentence paragraphs
    for i, b in enumerate(blocks):
        kind = b.layout.kind
        following = blocks[i + 1].text if i + 1 < len(blocks) else ""
        own = b.text if len(b.segments) > 1 else ""
        if kind == "heading":
            heading = b.text
            parts = [title, own, following]
        elif kind == "title":
            parts = [own, following]
        elif kind == "note":
            parts = [citing.get(b.layout.label, ""), own]
        else:
            parts = [heading or title, own or previous]
            previous = b.text
        context = _join(parts)
        for sid, _ in b.segments:
            out[sid] = context
    return out


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
    added, reordered, or moved away from the end of the sentence."""
    want, got = placeholders(source), placeholders(draft)
    problems = [f"lost {p}" for p in (Counter(want) - Counter(got)).elements()]
    problems += [f"added {p}" for p in (Counter(got) - Counter(want)).elements()]
    if not problems and want != got:
        problems.append("reordered " + " ".join(want))
    if not problems:
        at_end = set(_trailing(draft))
        problems += [f"moved {p}" for p in _trailing(source) if p not in at_end]
    return problems


# -- requests ----------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One segment to translate: its id, protected text and context."""

    id: str
    text: str
    context: str

    @property
    def chars(self) -> int:
        """What DeepL bills for it (context is free)."""
        return len(self.text)


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
