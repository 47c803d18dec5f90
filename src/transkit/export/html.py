"""An edition as a standalone HTML5 page: language links, the article, endnotes.

Every footnote reference becomes ``<sup id="ref-N"><a href="#note-N">N</a></sup>``
and every note a list item ``id="note-N"`` with a link back to (the first)
reference. Segment text goes through markdown-it with raw HTML off, so text
is always escaped. The page carries its ``lang``, and a fallback segment (the
source text shown in a gap) carries the source's ``lang`` and a visible mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from transkit.document import Block, plain_container
from transkit.export.assemble import Edition
from transkit.export.blocks import table_at, table_html, verbatim_html
from transkit.export.inline import render_block, to_html, to_text
from transkit.export.joiners import joiner
from transkit.export.links import SEPARATOR, LanguageLink, html_lang

STYLESHEET = """\
:root { color-scheme: light dark; }
body { margin: 0 auto; max-width: 40em; padding: 1.5em 1.25em 4em;
  font: 1.125rem/1.6 Georgia, "Times New Roman", serif; color: #1d1d1d; background: #fffdf8; }
h1, h2, h3, h4, h5, h6 { font-family: system-ui, sans-serif; line-height: 1.25; }
h1 { font-size: 2em; margin: .6em 0 .4em; }
h2 { font-size: 1.35em; margin-top: 1.8em; }
a { color: #0b5394; }
nav.languages { font: .9rem system-ui, sans-serif; color: #666; }
nav.languages strong { color: #1d1d1d; }
.caption { font-style: italic; color: #555; font-size: .95em; }
.byline { font-family: system-ui, sans-serif; font-weight: 600; }
blockquote { margin: 1em 0 1em .25em; padding: 0 0 0 1em; border-left: 3px solid #c9c2b4;
  color: #333; }
li > p { margin: .35em 0; }
sup { line-height: 0; font-size: .75em; }
sup a { text-decoration: none; padding: 0 .1em; }
section.notes { margin-top: 3em; border-top: 1px solid #c9c2b4; font-size: .9em; }
section.notes li.named { list-style: none; }
a.back { text-decoration: none; }
:target { background: #fff1b8; }
.fallback { background: #fff1b8; }
.fallback::before { content: "[" attr(lang) "] "; font: .75em system-ui, sans-serif;
  text-transform: uppercase; color: #8a5a00; }
@media (prefers-color-scheme: dark) {
  body { color: #e6e1d8; background: #1b1a18; }
  a { color: #8ab4f8; }
  nav.languages strong, blockquote { color: #e6e1d8; }
  .caption { color: #b8b2a7; }
  :target, .fallback { background: #4a3c10; }
}
"""

_LEAF_TAGS = {"title": "h1", "caption": "p", "byline": "p", "paragraph": "p"}
_LEAF_CLASSES = {"caption": "caption", "byline": "byline"}


@dataclass
class _References:
    """Footnote references in reading order: the first of each label gets
    ``id="ref-N"`` (the note links back to it), later ones ``ref-N-2``…"""

    notes: set[str]
    seen: dict[str, int] = field(default_factory=dict)

    def __call__(self, label: str) -> str:
        text = escape(label)
        if label not in self.notes:  # no such note: show the number, link nowhere
            return f"<sup>{text}</sup>"
        n = self.seen.get(label, 0) + 1
        self.seen[label] = n
        ref_id = f"ref-{text}" if n == 1 else f"ref-{text}-{n}"
        return f'<sup id="{ref_id}"><a href="#note-{text}" role="doc-noteref">{text}</a></sup>'


@dataclass(frozen=True)
class _Frame:
    """An open container element: blockquote, ul/ol, or li."""

    tag: str
    start: str = ""  # an ordered list's first number
    new: bool = True  # for li: whether the block opens a new item
    tight: bool = False  # for li: an item of a tight list (paragraphs without <p>)
    again: bool = False  # for blockquote, ul, ol: another one right after the last


def _frames(containers: tuple[str, ...]) -> list[_Frame]:
    frames: list[_Frame] = []
    for c in containers:
        again, tight, plain = c.startswith("new-"), "tight-" in c, plain_container(c)
        if plain == "quote":
            frames.append(_Frame("blockquote", again=again))
        elif plain == "item":
            frames += [_Frame("ul", again=again), _Frame("li", tight=tight)]
        elif plain.startswith("item:"):
            frames += [_Frame("ol", start=plain[5:], again=again), _Frame("li", tight=tight)]
        else:  # in-item: inside whatever list and item are open
            frames += [_Frame("list"), _Frame("li", new=False)]
    return frames


def _continues(open_frame: _Frame, wanted: _Frame) -> bool:
    if wanted.tag == "li":
        return open_frame.tag == "li" and not wanted.new
    if wanted.tag == "list":
        return open_frame.tag in ("ul", "ol")
    return open_frame.tag == wanted.tag and not wanted.again


def _tight(stack: list[_Frame]) -> bool:
    """Whether the innermost open item is in a tight list (an ``in-item``
    frame continues the item opened before it)."""
    for frame in reversed(stack):
        if frame.tag == "li" and frame.new:
            return frame.tight
    return False


def _open_tag(frame: _Frame) -> str:
    if frame.tag == "ol" and frame.start not in ("", "1"):
        return f'<ol start="{escape(frame.start)}">'
    if frame.tag == "list":  # continuing an item that was never opened
        return "<ul>"
    return f"<{frame.tag}>"


def _close_tag(frame: _Frame) -> str:
    return "</ul>" if frame.tag == "list" else f"</{frame.tag}>"


def _language_nav(links: Sequence[LanguageLink]) -> str:
    items = []
    for link in links:
        lang = escape(html_lang(link.code))
        name = escape(link.name)
        if link.current:
            items.append(f'<strong lang="{lang}" aria-current="page">{name}</strong>')
        elif not link.linked:  # publishable, not exported yet
            items.append(f'<span lang="{lang}">{name}</span>')
        else:
            href = escape(link.href or "")
            items.append(f'<a href="{href}" hreflang="{lang}" lang="{lang}">{name}</a>')
    return f'<nav class="languages">{SEPARATOR.join(items)}</nav>'


def _title_text(edition: Edition) -> str:
    doc = edition.document
    join = joiner(edition.language)
    for kind in ("title", "meta title", "heading", "paragraph"):
        for block in doc.blocks:
            if kind in (block.layout.kind, f"{block.layout.kind} {block.layout.label}"):
                return to_text(join(block.segments), lambda label: "")
    return ""


def render_html(edition: Edition, links: Sequence[LanguageLink]) -> str:
    """The edition as a complete, deterministic HTML5 document."""
    doc = edition.document
    join = joiner(edition.language)
    source_lang = escape(html_lang(edition.source_language))
    notes = doc.notes()
    refs = _References({b.layout.label for b in notes})

    def render(text: str) -> str:
        return to_html(text, refs)

    def mark(html: str) -> str:
        return f'<span class="fallback" lang="{source_lang}">{html}</span>'

    def inline(index: int, block: Block) -> str:
        return render_block(index, block, edition.fallbacks, render, join, mark)

    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(html_lang(edition.language))}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(_title_text(edition), quote=False)}</title>",
        f"<style>\n{STYLESHEET}</style>",
        "</head>",
        "<body>",
        *([_language_nav(links)] if links else []),
        "<article>",
    ]
    stack: list[_Frame] = []
    note_html: list[tuple[str, str]] = []
    index = -1
    while index + 1 < len(doc.blocks):
        index += 1
        block = doc.blocks[index]
        layout = block.layout
        if layout.kind == "note":
            note_html.append((layout.label, inline(index, block)))
            continue
        if layout.kind in ("meta", "cell", "front-matter", "refs"):
            continue  # not shown, or (cells) shown with their table
        wanted = _frames(layout.containers)
        keep = 0
        while keep < min(len(stack), len(wanted)) and _continues(stack[keep], wanted[keep]):
            keep += 1
        while len(stack) > keep:
            frame = stack.pop()
            out.append("  " * len(stack) + _close_tag(frame))
        for frame in wanted[keep:]:
            out.append("  " * len(stack) + _open_tag(frame))
            stack.append(frame)
        if layout.kind == "table":
            table = table_at(doc.blocks, index)
            out += table_html(
                table,
                lambda n: render(n) if isinstance(n, str) else inline(n, doc.blocks[n]),
                "  " * len(stack),
            )
            continue
        if layout.verbatim:
            out.append(verbatim_html(block))
            continue
        if layout.kind == "paragraph" and stack and stack[-1].tag == "li" and _tight(stack):
            out.append(f"{'  ' * len(stack)}{inline(index, block)}")
            continue
        tag = f"h{layout.label}" if layout.kind == "heading" else _LEAF_TAGS[layout.kind]
        css = _LEAF_CLASSES.get(layout.kind)
        attrs = f' class="{css}"' if css else ""
        out.append(f"{'  ' * len(stack)}<{tag}{attrs}>{inline(index, block)}</{tag}>")
    while stack:
        frame = stack.pop()
        out.append("  " * len(stack) + _close_tag(frame))
    if note_html:
        out.append('<section class="notes" role="doc-endnotes">')
        out.append("<ol>")
        for label, html in note_html:
            out.append(_note_item(label, html, label in refs.seen))
        out.append("</ol>")
        out.append("</section>")
    out += ["</article>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _note_item(label: str, html: str, referenced: bool) -> str:
    text = escape(label)
    back = (
        f' <a class="back" href="#ref-{text}" role="doc-backlink">\u21a9\ufe0e</a>'
        if referenced
        else ""
    )
    if label.isascii() and label.isdigit():
        return f'  <li id="note-{text}" value="{int(label)}">{html}{back}</li>'
    return f'  <li id="note-{text}" class="named"><b>{text}</b> {html}{back}</li>'
