"""Segment text (inline Markdown with ``[^N]`` placeholders) → HTML or plain text.

Parsed with markdown-it-py, never by hand: escapes (``\\*``), emphasis,
links and code spans follow CommonMark exactly. Raw HTML is off, so a ``<b>``
typed in a segment is shown as text, never obeyed. Footnote references are
parsed by the footnote plugin (any ``[^label]``, as `FOOTNOTE_RE` sees them)
and handed to the caller's `ref` function, which decides how they look.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from transkit.document import Block

RefFormat = Callable[[str], str]  # footnote label -> its rendering


def _render_footnote_ref(self: Any, tokens: Sequence[Token], idx: int, options: Any,
                         env: Any) -> str:
    ref: RefFormat = env["ref"]
    return ref(tokens[idx].meta["label"])


@cache
def parser() -> MarkdownIt:
    """CommonMark without raw HTML or typographic replacements (the text's own
    quotes and dashes are the typography), plus footnote references."""
    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False, "typographer": False})
    footnote_plugin(md, inline=False, move_to_end=False, always_match_refs=True)
    md.add_render_rule("footnote_ref", _render_footnote_ref)
    return md


def _children(text: str, env: dict[str, Any]) -> list[Token]:
    tokens = parser().parseInline(text, env)
    return list(tokens[0].children or []) if tokens else []


def to_html(text: str, ref: RefFormat) -> str:
    """Inline Markdown → an HTML fragment; `ref(label)` gives each reference's HTML."""
    md = parser()
    env: dict[str, Any] = {"ref": ref}
    renderer = md.renderer  # typed as the renderer protocol, which has no renderInline
    assert isinstance(renderer, RendererHTML)
    return renderer.renderInline(_children(text, env), md.options, env)


def to_text(text: str, ref: RefFormat) -> str:
    """Inline Markdown → plain text: markup dropped, escapes resolved, a link
    shown as ``text (url)`` unless its text is the address itself."""
    out: list[str] = []
    link_starts: list[tuple[int, str]] = []
    for tok in _children(text, {}):
        kind = tok.type
        if kind in ("text", "code_inline"):
            out.append(tok.content)
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n")
        elif kind == "image":
            out.append(tok.content)
        elif kind == "footnote_ref":
            out.append(ref(tok.meta["label"]))
        elif kind == "link_open":
            link_starts.append((len(out), str(tok.attrs.get("href", ""))))
        elif kind == "link_close" and link_starts:
            start, href = link_starts.pop()
            label = "".join(out[start:])
            if href and href not in (label, f"mailto:{label}"):
                out.append(f" ({href})")
        # emphasis and other markup: no mark in plain text
    return "".join(out)


def render_block(
    index: int,
    block: Block,
    fallbacks: frozenset[tuple[int, int]],
    render: Callable[[str], str],
    join: Callable[[list[str]], str],
    mark: Callable[[str], str],
) -> str:
    """A block's rendered text. Rendered whole (so markup may span sentences)
    unless some of its segments are fallbacks: then sentence by sentence, with
    `mark` around each fallback's rendering."""
    if not any((index, s) in fallbacks for s in range(len(block.segments))):
        return render(join(block.segments))
    parts = [
        mark(render(text)) if (index, s) in fallbacks else render(text)
        for s, text in enumerate(block.segments)
        if text
    ]
    return join(parts)
