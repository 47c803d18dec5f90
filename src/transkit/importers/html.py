"""HTML (a WordPress post's own HTML, or a whole saved page) → `Document`.

Structure comes from the markup, never from guesses about the text: headings,
paragraphs, block quotes of several paragraphs, nested lists, figures with
their captions, footnote references and notes. Inline markup becomes the
inline Markdown the rest of transkit already protects (``*emphasis*``,
``[links](…)``, ``![alt](src)``, code spans), so a translator and DeepL see
the same text as for a Markdown article.

A *post* (HTML without ``<html>``/``<head>``/``<body>``, as the WordPress code
editor shows it, block comments ``<!-- wp:… -->`` included) is read whole. A
*saved page* has menus, sidebars, comment forms around its article: its main
content is found by readability-lxml (the Readability algorithm Firefox's
reader view grew from), not by rules of ours. Footnotes are looked up in the
whole page first, so a notes list the extractor leaves out still resolves.

Footnotes are recognised by their links: a ``<sup>`` holding a link to
``#ID`` (WordPress's ``<sup data-fn=… class="fn">``, classic ``<sup><a
href="#fn1">``, or ``<a href="#fn1"><sup>1</sup></a>``) is a reference when an
element with that id exists; that element is the note, its back-link (``↩︎``)
dropped. References are numbered in reading order, ``[^1]``, ``[^2]`` …

What is not prose passes through untranslated, as the document model's
verbatim blocks: ``<pre>`` (code, preformatted text, verse) as a fenced code
block, ``<hr>`` as a rule. A table is its skeleton (shape only) and one
``cell R.C`` segment per non-empty cell. A list whose items hold no ``<p>``
is tight (``tight-item``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import html as lxml_html

from transkit.document import Block, Document, Layout
from transkit.segmenter import split_sentences

#: Elements whose content is never article text.
_SKIP = frozenset(
    {"script", "style", "noscript", "template", "form", "button", "input", "select",
     "textarea", "nav", "iframe", "object", "embed", "svg", "canvas", "video", "audio",
     "head", "title", "meta", "link"}
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
#: Elements that start a block of their own; everything else is inline.
_BLOCK_TAGS = frozenset(
    {"p", "blockquote", "ul", "ol", "li", "div", "section", "article", "main", "figure",
     "figcaption", "pre", "table", "hr", "header", "footer", "aside", "details", "summary",
     "dl", "dt", "dd", "address", "center", "fieldset", *_HEADINGS}
)
_EMPHASIS = {"em": "*", "i": "*", "strong": "**", "b": "**"}
_BACKLINK_TEXT = frozenset({"↩", "↩\ufe0e", "↩\ufe0f", "↑", "^", "⤴", "back"})
#: What would be read as Markdown in plain text: escaped so it stays text.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<]|(?<!\w)_|_(?!\w))")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_PAGE_START = re.compile(r"<(?:!doctype|html|head|body)\b", re.I)
_LEADING_COMMENT = re.compile(r"\s*<!--.*?-->", re.S)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_REF_MARK = "\ue000{}\ue001"  # a footnote reference until the text is escaped
_REF_MARK_RE = re.compile("\ue000([^\ue001]*)\ue001")


@dataclass
class HtmlResult:
    document: Document
    dropped: list[str] = field(default_factory=list)  # what the extractor left out (a sample)
    unresolved: list[int] = field(default_factory=list)  # notes no kept reference points at


def is_page(text: str) -> bool:
    """A whole saved page (``<!DOCTYPE``/``<html>``/``<head>``/``<body>`` first), not a post."""
    head, pos = text[:4096], 0
    while comment := _LEADING_COMMENT.match(head, pos):
        pos = comment.end()
    return bool(_PAGE_START.match(head[pos:].lstrip()))


def looks_like_html(text: str) -> bool:
    """HTML rather than Markdown or plain text: a page, WordPress block
    comments, or a first non-blank character that opens a known block tag."""
    head = text[:4096].lstrip()
    if is_page(head) or "<!-- wp:" in head:
        return True
    match = re.match(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>/]", head)
    return bool(match and match.group(1).lower() in _BLOCK_TAGS)


def parse_html(text: str) -> HtmlResult:
    """Read a post or a saved page (see the module's docstring)."""
    if not text.strip():
        return HtmlResult(Document())
    if is_page(text):
        return _parse_page(text)
    root = lxml_html.fragment_fromstring(expand_captions(text), create_parent="div")
    notes = _find_notes(root)
    return _Builder(notes).build(root)


#: A classic post's captioned image, ``[caption …]<img …> Text[/caption]``:
#: WordPress renders it as a figure whose caption is the text after the image
#: (or its link), and so it is read.
_CAPTION = re.compile(
    r"\[caption[^\]]*\]\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)\s*(.*?)\[/caption\]",
    re.S | re.I,
)


def expand_captions(post: str) -> str:
    """``[caption]`` shortcodes as the ``<figure>`` WordPress shows."""
    return _CAPTION.sub(r"<figure>\1<figcaption>\2</figcaption></figure>", post)


def _parse_page(text: str) -> HtmlResult:
    from readability import Document as Readable  # a heavy import, only for pages

    class Article(Readable):  # type: ignore[misc]  # untyped
        """Readability's choice of the article element, kept whole: its
        `sanitize` would then drop short lists and tables, headings it
        dislikes and every form of link-dense block, which are the article's
        own structure here (forms, embeds and scripts are dropped later)."""

        def sanitize(self, node: lxml_html.HtmlElement, candidates: object,
                     keep_all_images: bool = False) -> str:
            self.html = node
            return str(self.get_clean_html())

    page = lxml_html.document_fromstring(text)
    body = page.find("body")
    notes = _find_notes(page)
    readable = Article(text)
    article = lxml_html.fragment_fromstring(readable.summary(html_partial=True),
                                            create_parent="div")
    result = _Builder(notes).build(article)
    blocks = result.document.blocks
    if not any(b.layout.kind == "title" for b in blocks):
        # The post's own heading, when the page has one; else the extractor's
        # reading of <title> (which may keep the site's name).
        h1s = page.findall(".//h1")
        title = _normalize("".join(map(str, h1s[0].itertext()))) if len(h1s) == 1 else ""
        title = title or _normalize(readable.short_title())
        if title:
            blocks.insert(0, Block(Layout("title"), [_escape(title)]))
    kept = set(_words(article.text_content()))
    if body is not None:
        texts = (_normalize(str(t)) for t in body.itertext())
        result.dropped = [t for t in texts if t and not set(_words(t)) <= kept][:20]
    return result


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


# -- footnotes -----------------------------------------------------------------------


@dataclass
class _Note:
    element: lxml_html.HtmlElement
    ref_ids: set[str] = field(default_factory=set)  # ids of the references (back-link targets)


def _fragment(href: str) -> str | None:
    return href[1:] if href.startswith("#") and len(href) > 1 else None


def _ref_target(el: lxml_html.HtmlElement, ids: dict[str, lxml_html.HtmlElement]) -> str | None:
    """The note id a footnote reference points at, if `el` is one: a ``<sup>``
    whose only content is a link to an element of the page, or a link whose
    only content is a ``<sup>``."""
    if el.tag == "sup":
        links = [c for c in el if isinstance(c.tag, str)]
        if len(links) == 1 and links[0].tag == "a" and not (el.text or "").strip():
            target = _fragment(links[0].get("href", ""))
            return target if target in ids else None
    if el.tag == "a":
        children = [c for c in el if isinstance(c.tag, str)]
        if len(children) == 1 and children[0].tag == "sup" and not (el.text or "").strip():
            target = _fragment(el.get("href", ""))
            return target if target in ids else None
    return None


def _find_notes(root: lxml_html.HtmlElement) -> dict[str, _Note]:
    """Note id → note, for every footnote reference in `root`."""
    ids = {el.get("id"): el for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    notes: dict[str, _Note] = {}
    for el in root.iter("sup", "a"):
        target = _ref_target(el, ids)
        if target is None or _inside(el, ids[target]):
            continue
        note = notes.setdefault(target, _Note(ids[target]))
        for candidate in (el, *el.iterdescendants()):
            if candidate.get("id"):
                note.ref_ids.add(candidate.get("id"))
    return notes


def _inside(el: lxml_html.HtmlElement, ancestor: lxml_html.HtmlElement) -> bool:
    return any(a is ancestor for a in el.iterancestors())


# -- blocks ----------------------------------------------------------------------------


class _Builder:
    def __init__(self, notes: dict[str, _Note]) -> None:
        self.notes = notes
        self.note_elements = {id(n.element) for n in notes.values()}
        self.note_targets = {note_id: n.element for note_id, n in notes.items()}
        self.labels: dict[str, str] = {}  # note id → label, in reading order
        self.blocks: list[Block] = []
        self.stack: list[str] = []

    def build(self, root: lxml_html.HtmlElement) -> HtmlResult:
        self.container(root)
        note_blocks: list[Block] = []
        for note_id, label in self.labels.items():
            text = self.inline(self.notes[note_id].element, note=self.notes[note_id])
            note_blocks.append(Block(Layout("note", label), [text or "\u2014"]))
        # Notes whose references the extractor left out: numbered after the rest.
        orphans = [note_id for note_id in self.notes if note_id not in self.labels]
        unresolved = list(range(len(self.labels) + 1, len(self.labels) + 1 + len(orphans)))
        return HtmlResult(Document(self.blocks + note_blocks), unresolved=unresolved)

    # Leaf blocks ---------------------------------------------------------------------

    def leaf(self, kind: str, text: str, label: str = "") -> None:
        if not text:
            return
        self.blocks.append(Block(Layout(kind, label, tuple(self.stack)), [text]))
        self._continue_items()

    def _continue_items(self) -> None:
        for i, c in enumerate(self.stack):  # later blocks continue the item
            if c.startswith(("item", "tight-item")):
                self.stack[i] = "in-item"

    def kept(self, kind: str, source: str) -> None:
        """A verbatim block: passed through, never translated."""
        self.blocks.append(Block.kept(Layout(kind, "", tuple(self.stack)), source))
        self._continue_items()

    def table(self, el: lxml_html.HtmlElement) -> None:
        """The skeleton (every cell empty), then a segment per non-empty cell;
        the first row is the header row, as GFM tables have one."""
        rows = [
            [self.inline(cell) for cell in row if isinstance(cell.tag, str)
             and cell.tag in ("td", "th")]
            for row in el.iter("tr")
        ]
        rows = [row for row in rows if row]
        if not rows:
            return
        width = max(len(row) for row in rows)
        empty = "|" + " |" * width
        skeleton = "\n".join([empty, "|" + "-|" * width, *[empty] * (len(rows) - 1)])
        self.kept("table", skeleton)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    self.blocks.append(Block(Layout("cell", f"{r}.{c}", tuple(self.stack)),
                                             [text]))

    def paragraphs(self, text: str, kind: str = "paragraph") -> None:
        """Loose inline text: paragraphs at blank lines, as WordPress's
        ``wpautop`` makes them from a classic post."""
        for part in _BLANK_LINE.split(text):
            self.leaf(kind, _normalize(part))

    # Containers ----------------------------------------------------------------------

    def container(self, el: lxml_html.HtmlElement) -> None:
        """Blocks from `el`'s children: block elements each in turn, runs of
        inline content between them as paragraphs."""
        run: list[str] = [_text(el.text)]
        for child in el:
            if not isinstance(child.tag, str):  # a comment (<!-- wp:… -->) or PI
                run.append(_text(child.tail))
                continue
            if child.tag in _BLOCK_TAGS or child.tag in _SKIP or id(child) in self.note_elements:
                self.paragraphs(_finish("".join(run)))
                run = []
                self.block(child)
            else:
                run.append(self.inline_element(child))
            run.append(_text(child.tail))
        self.paragraphs(_finish("".join(run)))

    def block(self, el: lxml_html.HtmlElement) -> None:
        tag = el.tag
        if tag in _SKIP or id(el) in self.note_elements:
            return
        if tag == "pre":
            self.kept("code", _fenced(el))
        elif tag == "hr":
            self.kept("rule", "***")
        elif tag == "table":
            self.table(el)
        elif tag in _HEADINGS:
            level = _HEADINGS[tag]
            text = self.inline(el)
            first = not self.blocks and not self.stack
            self.leaf("title" if level == 1 and first else "heading",
                      text, "" if level == 1 and first else str(level))
        elif tag == "p":
            kind = "caption" if "wp-caption-text" in el.get("class", "").split() else "paragraph"
            self.leaf(kind, self.inline(el))
        elif tag == "figcaption":
            self.leaf("caption", self.inline(el))
        elif tag == "blockquote":
            self.stack.append("quote")
            self.container(el)
            self.stack.pop()
        elif tag in ("ul", "ol"):
            self.list_items(el)
        elif tag == "li":  # an item outside any list: its content only
            self.container(el)
        else:  # div, section, figure, article, dl…: their content
            self.container(el)

    def list_items(self, el: lxml_html.HtmlElement) -> None:
        ordered = el.tag == "ol"
        items = [c for c in el if isinstance(c.tag, str) and c.tag == "li"]
        tight = "tight-" if not any(
            isinstance(c.tag, str) and c.tag == "p" for li in items for c in li
        ) else ""
        try:
            number = int(el.get("start", "1")) if ordered else 0
        except ValueError:
            number = 1
        for child in el:
            if not isinstance(child.tag, str) or id(child) in self.note_elements:
                continue
            if child.tag != "li":
                self.block(child)
                continue
            self.stack.append(f"{tight}item:{number}" if ordered else f"{tight}item")
            depth = len(self.stack)
            self.container(child)
            del self.stack[depth - 1:]
            number += 1

    # Inline --------------------------------------------------------------------------

    def inline(self, el: lxml_html.HtmlElement, *, note: _Note | None = None) -> str:
        """`el`'s content as one line of inline Markdown."""
        text = _text(el.text) + "".join(
            self.inline_element(c, note) + _text(c.tail) for c in el
        )
        return _normalize(_finish(text))

    def inline_element(self, el: lxml_html.HtmlElement, note: _Note | None = None) -> str:
        if not isinstance(el.tag, str):
            return ""
        tag = el.tag
        if tag in _SKIP:
            return ""
        target = _ref_target(el, self.note_targets)
        if target is not None:
            label = self.labels.setdefault(target, str(len(self.labels) + 1))
            return _REF_MARK.format(label)
        if note is not None and tag == "a" and _is_backlink(el, note):
            return ""
        inner = _text(el.text) + "".join(
            self.inline_element(c, note) + _text(c.tail) for c in el
        )
        if tag == "br":
            return "\n"
        if tag in _EMPHASIS:
            return _wrap(inner, _EMPHASIS[tag])
        if tag == "code":
            return _code_span(el.text_content())
        if tag == "img":
            src = el.get("src", "")
            alt = _escape(_normalize(el.get("alt", "")))
            return f"![{alt}]({_destination(src)})" if src else ""
        if tag == "a" and el.get("href") and inner.strip():
            lead, body, trail = _split_space(inner)
            return f"{lead}[{body}]({_destination(el.get('href', ''))}){trail}"
        if tag in _BLOCK_TAGS:  # a block inside inline content (a <p> in a note)
            return "\n\n" + inner + "\n\n"
        return inner


def _fenced(pre: lxml_html.HtmlElement) -> str:
    """``<pre>`` as a fenced code block: its text exactly, the language of a
    ``<code class="language-x">`` inside as the info string."""
    code = "".join(map(str, pre.itertext())).removesuffix("\n")
    if (pre.text or "").startswith("\n"):  # not content (HTML's rule; libxml2 keeps it)
        code = code[1:]
    info = ""
    for child in pre.iter("code"):
        for css in child.get("class", "").split():
            if css.startswith("language-"):
                info = css.removeprefix("language-")
    runs = [len(r) for r in re.findall(r"`{3,}|~{3,}", code)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return f"{fence}{info}\n{code}\n{fence}"


def split_document(doc: Document) -> Document:
    """Paragraphs split into sentence segments, as the Markdown importer does."""
    return Document([
        Block(b.layout, split_sentences(b.segments[0]))
        if b.layout.kind == "paragraph" and len(b.segments) == 1 else b
        for b in doc.blocks
    ])


def _is_backlink(el: lxml_html.HtmlElement, note: _Note) -> bool:
    target = _fragment(el.get("href", ""))
    return target in note.ref_ids or el.text_content().strip() in _BACKLINK_TEXT


def _text(text: str | None) -> str:
    """Text from the tree, escaped as Markdown; None for no text."""
    return _escape(text) if text else ""


def _escape(text: str) -> str:
    return _ENTITY_LIKE.sub("&amp;", _MD_SPECIAL.sub(r"\\\1", text))


def _finish(text: str) -> str:
    """References become placeholders once the text around them is escaped."""
    return _REF_MARK_RE.sub(lambda m: f"[^{m.group(1)}]", text)


_SPACE = re.compile(r"[ \t\r\n]+")  # NBSP is typography: kept


def _normalize(text: str) -> str:
    return _SPACE.sub(" ", text).strip(" ")


def _split_space(text: str) -> tuple[str, str, str]:
    body = text.strip(" \t\r\n")
    if not body:
        return text, "", ""
    start = text.index(body[0])
    return text[:start], body, text[start + len(body):]


def _wrap(inner: str, mark: str) -> str:
    """Emphasis around `inner`, with its edge spaces outside the marks
    (``<em> word </em>`` is `` *word* ``: CommonMark needs the marks flush).
    Any Unicode space counts, NBSP and the hair spaces around a dash too:
    ``**known\u200a—\u200a**`` would be read as literal asterisks."""
    body = inner.strip()
    if not body:
        return inner
    start = len(inner) - len(inner.lstrip())
    return f"{inner[:start]}{mark}{body}{mark}{inner[start + len(body):]}"


def _code_span(code: str) -> str:
    code = _normalize(code)
    if not code:
        return ""
    fence = "`" * (max((len(r) for r in re.findall(r"`+", code)), default=0) + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def _destination(url: str) -> str:
    url = url.strip()
    if not url or re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url
