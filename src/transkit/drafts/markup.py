"""Inline Markdown ⇄ the XML DeepL translates with tag handling.

A segment's text is inline Markdown, read as markdown-it reads it for the
export. DeepL must translate the words inside emphasis, links and image
descriptions and move the markup with them, but never touch a URL or a
code span. So, for DeepL:

- ``*a*``, ``**a**``, ``[a](url)``, ``![a](src)`` become ``<m id="1">a</m>``,
  a tag DeepL keeps around the words it translates;
- code spans and autolinks become ``<v id="2"/>``, kept whole;
- footnote references ``[^4]`` become ``<x id="4"/>``;
- the rest is text, XML-escaped.

What an ``m`` or a ``v`` stands for (the delimiters, the URL, the code) is
not sent: `decode` reads it again from the source, so URLs are neither
billed nor changed. Where the source cannot be read back unambiguously (a
reference-style link, say), `encode` declines and the segment travels as
plain text, as it always did.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field

from markdown_it.token import Token

from transkit.export.inline import parser

MARKUP_TAG = "m"  # wraps translatable text: a non-splitting tag
VERBATIM_TAG = "v"  # stands for text DeepL must not see: an ignored tag
FOOTNOTE_TAG = "x"

# Without one of these, markdown-it finds no emphasis, link, image, autolink or
# code (reference links need definitions, which a segment never has).
_MAYBE_MARKUP_RE = re.compile(r"[*_`<]|\]\(")
_WRAPPERS = {"em_open": "em_close", "strong_open": "strong_close", "s_open": "s_close"}
_KINDS = ("em_open", "strong_open", "s_open", "link_open", "image", "code_inline")

# A link's or image's destination in the source: "](" … ")", one level of parentheses.
_DEST_RE = re.compile(r"(?<!\\)\]\((?:[^()\\\n]|\\.|\([^()\n]*\))*\)")
_AUTOLINK_RE = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s@<>]+@[^\s@<>]+>")
_BACKTICKS_RE = re.compile(r"`+")


@dataclass
class Encoded:
    """A segment as DeepL gets it, and what its tags stand for."""

    xml: str
    wraps: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (open, close)
    verbatim: dict[str, str] = field(default_factory=dict)  # id -> source text


def escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def footnote_tag(label: str) -> str:
    """``[^label]`` as DeepL gets it."""
    quoted = escape_xml(label).replace('"', "&quot;")
    return f'<{FOOTNOTE_TAG} id="{quoted}"/>'


def _code_spans(source: str) -> list[tuple[int, int]]:
    """(start, end) of each code span: a backtick run closed by a run as long."""
    spans = []
    pos = 0
    while m := _BACKTICKS_RE.search(source, pos):
        escaped = len(source[: m.start()]) - len(source[: m.start()].rstrip("\\"))
        if escaped % 2:
            pos = m.end()
            continue
        run = m.group(0)
        close = re.compile(rf"(?<!`){run}(?!`)").search(source, m.end())
        if close is None:
            pos = m.end()
            continue
        spans.append((m.start(), close.end()))
        pos = close.end()
    return spans


def _outside(spans: list[tuple[int, int]], matches: list[re.Match[str]]) -> list[str]:
    return [m.group(0) for m in matches
            if not any(a <= m.start() < b for a, b in spans)]


def _children(text: str) -> list[Token]:
    tokens = parser().parseInline(text, {})
    return list(tokens[0].children or []) if tokens else []


def encode(source: str) -> Encoded | None:
    """The XML for `source`, or None when it has no markup to carry (or markup
    this reader cannot give back exactly as it was)."""
    if not _MAYBE_MARKUP_RE.search(source):
        return None
    tokens = _children(source)
    if not any(t.type in _KINDS for t in tokens):
        return None
    spans = _code_spans(source)
    codes = [source[a:b] for a, b in spans]
    dests = _outside(spans, list(_DEST_RE.finditer(source)))
    autolinks = _outside(spans, list(_AUTOLINK_RE.finditer(source)))
    inline_links = sum(t.type == "image" or (t.type == "link_open" and t.markup != "autolink")
                       for t in tokens)
    if (len(codes), len(dests), len(autolinks)) != (
        sum(t.type == "code_inline" for t in tokens),
        inline_links,
        sum(t.type == "link_open" and t.markup == "autolink" for t in tokens),
    ):
        return None  # e.g. a reference link: no "](url)" to keep
    out: list[str] = []
    enc = Encoded("")
    n = 0
    in_autolink = False
    for tok in tokens:
        kind = tok.type
        if in_autolink:
            in_autolink = kind != "link_close"
            continue
        if kind == "text":
            out.append(escape_xml(tok.content))
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind == "footnote_ref":
            out.append(footnote_tag(tok.meta["label"]))
        elif kind == "code_inline" or (kind == "link_open" and tok.markup == "autolink"):
            n += 1
            enc.verbatim[str(n)] = codes.pop(0) if kind == "code_inline" else autolinks.pop(0)
            out.append(f'<{VERBATIM_TAG} id="{n}"/>')
            in_autolink = kind == "link_open"
        elif kind in _WRAPPERS or kind == "link_open":
            n += 1
            enc.wraps[str(n)] = (
                ("[", dests.pop(0)) if kind == "link_open" else (tok.markup, tok.markup)
            )
            out.append(f'<{MARKUP_TAG} id="{n}">')
        elif kind in _WRAPPERS.values() or kind == "link_close":
            out.append(f"</{MARKUP_TAG}>")
        elif kind == "image":
            n += 1
            enc.wraps[str(n)] = ("![", dests.pop(0))
            out.append(f'<{MARKUP_TAG} id="{n}">{escape_xml(tok.content)}</{MARKUP_TAG}>')
        else:
            return None  # something this reader does not know: send the text as it is
    enc.xml = "".join(out)
    return enc


_ESCAPES = [
    re.compile(r"\\(?=[!-/:-@\[-`{-~])"),  # a backslash that would escape what follows
    re.compile(r"`|\[(?=\^)|\](?=\()|<(?=\S)"),  # code, a note or a link, an autolink
    re.compile(r"\*(?=\S)|(?<=\S)\*"),  # a * that could open or close emphasis
    re.compile(r"(?<![^\W_])_(?=\S)|(?<=\S)_(?![^\W_])"),  # a _ too, but not inside a word
    re.compile(r"&(?=#?\w+;)"),  # an entity
]


def escape_markdown(text: str) -> str:
    """Translated text → Markdown that shows it as it is: a backslash before
    what would start markup, and only there (``snake_case``, ``2 * 3`` stay)."""
    for pattern in _ESCAPES:
        text = pattern.sub(lambda m: "\\" + m.group(0), text)
    return text


def decode(answer: str, enc: Encoded) -> tuple[str, bool] | None:
    """DeepL's XML answer to `enc` → Markdown, with its markup put back; None
    if the answer is no longer XML. The flag says some markup did not come
    back whole (a tag lost, doubled or made up)."""
    try:
        root = ET.fromstring(f"<r>{answer}</r>")
    except ET.ParseError:
        return None
    out: list[str] = []
    used: Counter[str] = Counter()
    broken = False

    def walk(element: ET.Element) -> None:
        nonlocal broken
        if element.text:
            out.append(escape_markdown(element.text))
        for child in element:
            key = child.get("id", "")
            if child.tag == FOOTNOTE_TAG:
                out.append(f"[^{key}]")
            elif child.tag == VERBATIM_TAG and key in enc.verbatim:
                used[key] += 1
                out.append(enc.verbatim[key])
            elif child.tag == MARKUP_TAG and key in enc.wraps:
                used[key] += 1
                opening, closing = enc.wraps[key]
                out.append(opening)
                walk(child)
                out.append(closing)
            else:
                broken = True
                walk(child)
            if child.tail:
                out.append(escape_markdown(child.tail))

    walk(root)
    expected = Counter({**dict.fromkeys(enc.wraps, 1), **dict.fromkeys(enc.verbatim, 1)})
    return "".join(out), broken or used != expected
