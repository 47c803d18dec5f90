"""The plain text of a scraped article page → `Document` (one block per paragraph).

A scrape has lost its markup: headings are short lines, block quotes are
paragraphs that open with a quotation mark, list items start with a bullet,
footnote references are bare digits glued to the text (``us4``, ``exile.2``,
``strikes.” 1``, ``in 1914 20–``) and the endnotes are numbered lines at the
end. This module recovers that structure with explicit, testable rules and
drops the page chrome around the article (language links, comment counts,
pingbacks, the comment form).

The result is rendered as Markdown (``import --to-markdown``), which a person
can correct and import again; the regular import goes through that same
Markdown, so both paths give the same segments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from markdown_it import MarkdownIt

from transkit.document import Block, Document, Layout

# -- page chrome ---------------------------------------------------------------

_CHROME_START = re.compile(
    r"^(\d+ (Comments?|Responses?|Replies|thoughts) on\b|Leave a (Reply|Comment)\b"
    r"|Share this:|Like this:|Related$|Pingback:)",
    re.IGNORECASE,
)
@cache
def _language_names() -> frozenset[str]:
    """Language names in English and in themselves (``language-names.txt``)."""
    text = (files("transkit.importers") / "language-names.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def is_language_links(line: str) -> bool:
    """``Spanish, Portuguese, Dutch`` / ``English · Español``: links to translations."""
    parts = [p.strip() for p in re.split(r"[,·|/•]| and ", line) if p.strip()]
    return len(parts) >= 2 and all(p.lower() in _language_names() for p in parts)


# -- front matter --------------------------------------------------------------

_CAPTION_START = re.compile(r"^(Photo|Image|Picture|Foto|Illustration|Video|Caption)\b", re.I)
_NAME = r"[A-ZÀ-Þ][\w’'.-]*"
_BYLINE = re.compile(rf"^(By )?{_NAME}( {_NAME})*((,| and| &) {_NAME}( {_NAME})*)*$")


def is_byline(line: str) -> bool:
    return len(line.split()) <= 10 and bool(_BYLINE.match(line))


# -- body blocks ---------------------------------------------------------------

_BULLET = re.compile(r"^(\s*)[•▪◦‣·]\s+(.*)$")
_OPEN_QUOTE = ("“", "”", "„", "«", '"')  # scrapes often open a quote with ” too
_CLOSE_QUOTE = ("”", "»", '"')
_ENDNOTE = re.compile(r"^(\d{1,3})\s+(\S.*)$")
# Words a heading does not end with ("But we also noted that" is a paragraph).
_TRAILING_FUNCTION_WORDS = frozenset(
    "a an and as at but by for from if in into of on or so than that the then to with".split()  # noqa: SIM905
)


def is_heading(line: str) -> bool:
    """A short line that does not read like a sentence or a lead-in."""
    words = line.split()
    if not words or len(line) > 90 or len(words) > 12:
        return False
    if not (line[0].isupper() or line.startswith("“")):
        return False
    last = line.rstrip('”’"')[-1:]
    if not last or last in ".:;,!?…" or last.isdigit():
        return False
    return words[-1].lower().strip("”’") not in _TRAILING_FUNCTION_WORDS


@dataclass
class _Para:
    """A paragraph found in the scrape, before footnote references are resolved."""

    layout: Layout
    text: str


def _strip_refs_end(text: str) -> str:
    """The text without trailing footnote digits (to see how it really ends)."""
    return re.sub(r"[\s\d]+$", "", text)


def _ends_quote(text: str) -> bool:
    return _strip_refs_end(text).endswith(_CLOSE_QUOTE)


def _starts_quote(text: str) -> bool:
    return text.lstrip().startswith(_OPEN_QUOTE)


def _quote_run(lines: list[str]) -> int:
    """How many of `lines` (which start with a quote) belong to that quote.

    Scrapes lose the blank line between the paragraphs of a quote, and often
    its closing mark: the quote runs to the last line that closes it, or is
    the first line alone.
    """
    last = 0
    for n, line in enumerate(lines):
        if _ends_quote(line):
            last = n
    return last + 1


def _closes_quote(text: str) -> bool:
    """Ends with a closing mark that closes more than the text itself opened."""
    closes = text.count("”") + text.count("»")
    return _ends_quote(text) and closes > text.count("“") + text.count("«")


def _is_aside(text: str) -> bool:
    """The authors' remark inside a quotation (``*) Although…``): their own words."""
    return text.startswith(("*)", "(*)"))


def _join_quotes(paras: list[_Para]) -> list[_Para]:
    """Quotes over several paragraphs: one that opens with “ and is not closed
    runs on through plain paragraphs to the one that closes it with ” (skipping
    the authors' asides). Not found before a heading, a list, a new quote or
    the notes, the quote is its first paragraph alone."""
    quote = Layout("paragraph", "", ("quote",))
    plain = Layout("paragraph")
    n = 0
    while n < len(paras):
        opened = paras[n].layout == quote and (n == 0 or paras[n - 1].layout != quote)
        if not opened or _ends_quote(paras[n].text):
            n += 1
            continue
        end = n + 1
        while end < len(paras) and paras[end].layout == plain:
            if _closes_quote(paras[end].text) and not _is_aside(paras[end].text):
                for para in paras[n + 1 : end + 1]:
                    if not _is_aside(para.text):
                        para.layout = quote
                break
            end += 1
        n = end if end > n + 1 else n + 1
    return paras


def _chunk_paragraphs(lines: list[str], containers: tuple[str, ...]) -> list[_Para]:
    """The paragraphs of one blank-line-separated chunk (not a list)."""
    out: list[_Para] = []
    n = 0
    while n < len(lines):
        if _starts_quote(lines[n]):
            run = _quote_run(lines[n:])
            out += [
                _Para(Layout("paragraph", "", (*containers, "quote")), t)
                for t in lines[n : n + run]
            ]
            n += run
        else:
            out.append(_Para(Layout("paragraph", "", containers), lines[n]))
            n += 1
    return out


def _list_paragraphs(lines: list[str]) -> list[_Para]:
    """A chunk of bullet lines, with deeper-indented lines nested in the last item."""
    out: list[_Para] = []
    n = 0
    while n < len(lines):
        m = _BULLET.match(lines[n])
        if not m:  # text before the first bullet
            out += _chunk_paragraphs([lines[n].strip()], ())
            n += 1
            continue
        indent = len(m.group(1))
        out.append(_Para(Layout("paragraph", "", ("item",)), m.group(2).strip()))
        n += 1
        nested = []
        while n < len(lines) and not _BULLET.match(lines[n]):
            if len(lines[n]) - len(lines[n].lstrip()) <= indent:
                break
            nested.append(lines[n].strip())
            n += 1
        if nested and _starts_quote(nested[0]):
            # An indented quote keeps all its indented paragraphs.
            out += [_Para(Layout("paragraph", "", ("in-item", "quote")), t) for t in nested]
        elif nested:
            out += _chunk_paragraphs(nested, ("in-item",))
    return out


# -- footnote references ---------------------------------------------------------


def _reference_patterns(k: int) -> re.Pattern[str]:
    """Where a flattened footnote number `k` can stand.

    Glued to a word or punctuation (``us4``, ``exile.2``, ``Pasdaran)7``); or
    after a space following a closing quote or sentence end (``strikes.” 1``,
    ``people. 18``); or between a number and a dash (``in 1914 20–``).
    Never inside a number, a date (``14-10-2022``), a percentage or an amount.
    """
    n = str(k)
    not_number_after = r"(?![\d%])(?![.,]\d)(?!-\d)"
    glued = rf"(?<=[^\W\d_]|[.,;:!?’”\"')\]]){n}{not_number_after}(?![^\W\d_])"
    after_close = rf"(?<=[”’\"][ ]){n}{not_number_after}(?![^\W\d_])"
    after_sentence = rf"(?<=[.!?…][ ]){n}(?=\s*$)"
    before_dash = rf"(?<=\d[ ]){n}(?=[–—])"
    return re.compile("|".join((glued, after_close, after_sentence, before_dash)))


def resolve_references(texts: list[str], count: int) -> tuple[list[str], list[int]]:
    """Replace the flattened numbers 1..count, in order, by ``[^k]`` placeholders
    attached to the text before them.

    References are numbered in reading order, so the k-th is searched only
    after the (k-1)-th: an ordinary number is taken only if it is the very
    number expected next and stands where a reference can. Returns the new
    texts and the numbers that were not found.
    """
    texts = list(texts)
    missing: list[int] = []
    para, pos = 0, 0
    for k in range(1, count + 1):
        pattern = _reference_patterns(k)
        for p in range(para, len(texts)):
            m = pattern.search(texts[p], pos if p == para else 0)
            if m:
                # Attached to what it follows (``strikes.” 1`` → ``strikes.”[^1]``):
                # the superscript never stands apart from its word.
                start = len(texts[p][: m.start()].rstrip(" "))
                texts[p] = texts[p][:start] + f"[^{k}]" + texts[p][m.end() :]
                para, pos = p, start + len(f"[^{k}]")
                break
        else:
            missing.append(k)
    return texts, missing


# -- Markdown escaping -------------------------------------------------------------

_INLINE_SPECIAL = re.compile(r"([\\`*_<])|(&(?=#?\w+;))|(\[(?!\^\d+\]))")


def escape_inline(text: str) -> str:
    """Make plain text safe as inline Markdown (our placeholders stay live)."""

    def repl(m: re.Match[str]) -> str:
        return "\\" + m.group(0)

    return _INLINE_SPECIAL.sub(repl, text)


@cache
def _inline_parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def markdown_safe(text: str) -> str:
    """`text` as inline Markdown a translator can type: as it is when Markdown
    reads it literally (``*) Although``, ``[IRGC]``, ``[15-1-2022]``: no
    emphasis, link or code can form), escaped only where Markdown would
    misread it. Decided by markdown-it itself, not by rules of ours."""
    tokens = _inline_parser().parseInline(text)
    children = (tokens[0].children or []) if tokens else []
    literal = all(t.type == "text" for t in children) and not _LINK_DEFINITION.match(text)
    if literal and "".join(t.content for t in children) == text:
        return text
    return escape_inline(text)


#: ``[IRGC]: the guards`` at a paragraph's start would define a link, not be read.
_LINK_DEFINITION = re.compile(r"^\[[^\]]+\]:")


# -- the whole page ----------------------------------------------------------------


@dataclass
class ScrapeResult:
    document: Document
    dropped: list[str]  # chrome lines left out, for the import report
    unresolved: list[int]  # footnote numbers with no reference found


def parse_scrape(text: str) -> ScrapeResult:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    dropped: list[str] = []

    # Page chrome at the end: from the comments header on.
    for n, line in enumerate(lines):
        if _CHROME_START.match(line.strip()):
            dropped += [x for x in lines[n:] if x.strip()]
            lines = lines[:n]
            break

    chunks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    if not chunks:
        return ScrapeResult(Document(), dropped, [])

    # Endnotes: the trailing run of chunks numbered 1, 2, … N.
    notes: list[tuple[str, str]] = []
    end = len(chunks)
    while end > 0 and len(chunks[end - 1]) == 1 and _ENDNOTE.match(chunks[end - 1][0].strip()):
        end -= 1
    numbered = [_ENDNOTE.match(c[0].strip()) for c in chunks[end:]]
    expected = 1
    for n, m in enumerate(numbered):
        assert m is not None
        if int(m.group(1)) == expected:
            if expected == 1:
                start = n
            expected += 1
    if expected > 1:
        first = end + start
        notes = [(m.group(1), m.group(2)) for m in numbered[start:] if m]
        chunks = chunks[:first] + chunks[first + len(notes) :]

    paras: list[_Para] = [_Para(Layout("title"), " ".join(s.strip() for s in chunks[0]))]
    body = chunks[1:]

    # Front matter: caption, language links and byline, before the first long paragraph.
    while body and len(body[0]) == 1 and len(body[0][0]) < 160:
        line = body[0][0].strip()
        if is_language_links(line):
            dropped.append(line)
        elif is_byline(line):
            paras.append(_Para(Layout("byline"), line))
        elif _CAPTION_START.match(line):
            paras.append(_Para(Layout("caption"), line))
        else:
            break
        body = body[1:]

    for chunk in body:
        if any(_BULLET.match(line) for line in chunk):
            paras += _list_paragraphs(chunk)
        elif len(chunk) == 1 and is_heading(chunk[0].strip()):
            paras.append(_Para(Layout("heading", "2"), chunk[0].strip()))
        else:
            paras += _chunk_paragraphs([line.strip() for line in chunk], ())

    paras = _join_quotes(paras)
    for para in paras:
        para.text = _fold_spaces(para.text)
    resolvable = [n for n, p in enumerate(paras) if p.layout.kind in ("paragraph", "heading")]
    texts, unresolved = resolve_references([paras[n].text for n in resolvable], len(notes))
    for n, t in zip(resolvable, texts, strict=True):
        paras[n].text = t

    blocks = [Block(p.layout, [markdown_safe(p.text)]) for p in paras]
    blocks += [
        Block(Layout("note", label), [markdown_safe(_fold_spaces(t))]) for label, t in notes
    ]
    return ScrapeResult(Document(blocks), dropped, unresolved)


#: A run of spaces with a no-break space in it: the scrape's, not typography
#: (``(1912).15\xa0 Every``); a segment would end in an invisible NBSP.
_SPACE_RUN = re.compile(r"[ \t\xa0]*[ \t][ \t\xa0]*")


def _fold_spaces(text: str) -> str:
    return _SPACE_RUN.sub(" ", text).strip()
