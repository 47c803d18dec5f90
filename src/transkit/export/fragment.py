"""An edition as an HTML fragment to paste into a CMS (WordPress's code editor).

The article of the full page (`render_html`), without what the CMS supplies
itself: no ``<head>``, style sheet or language line (the site links its own
translations), and no ``<h1>`` title (it goes in the CMS's title field; it is
the first line of the ``.txt`` and ``.md`` editions). Footnote references,
notes and their back-links stay, with the same ids as on the full page.
"""

from __future__ import annotations

from transkit.export.assemble import Edition
from transkit.export.html import render_html

_START, _END = "<article>", "</article>"


def render_fragment(edition: Edition) -> str:
    lines = render_html(edition, []).split("\n")
    body = lines[lines.index(_START) + 1 : len(lines) - 1 - lines[::-1].index(_END)]
    titled = any(b.layout.kind == "title" for b in edition.document.blocks)
    if titled and body and body[0].startswith("<h1>"):
        body = body[1:]
    return "\n".join(body) + "\n"
