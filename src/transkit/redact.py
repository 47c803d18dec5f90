"""Keeping a secret (the DeepL API key) out of every line transkit prints,
logs or saves.

A key can reach a message in many spellings: as it is, escaped by ``repr``
or JSON (a line break as ``\\n``, once or twice over), as the ``repr`` of its
UTF-8 bytes (``\\xc3\\xa9``), or URL-encoded (``%0A``, ``+``). `scrub`
replaces every one of them, and any piece of them of `MIN_PIECE` characters
or more (a message cut short, a key split over two lines), with `MASK`.
"""

from __future__ import annotations

import json
from urllib.parse import quote, quote_plus

#: Pieces of a secret this long or longer are masked wherever they appear.
MIN_PIECE = 8
MASK = "***"


def _escaped(text: str) -> set[str]:
    """`text` as escaping functions would show it (without their quotes)."""
    return {
        repr(text)[1:-1],
        ascii(text)[1:-1],
        text.encode("unicode_escape").decode("ascii"),
        json.dumps(text)[1:-1],
        json.dumps(text, ensure_ascii=False)[1:-1],
        repr(text.encode("utf-8", "surrogatepass"))[2:-1],
    }


def _url_encoded(text: str) -> set[str]:
    encoded = {quote(text, safe=""), quote(text), quote_plus(text, safe=""), quote_plus(text)}
    return encoded | {_lower_hex(e) for e in encoded}


def _lower_hex(text: str) -> str:
    parts = text.split("%")
    return parts[0] + "".join(p[:2].lower() + p[2:] for p in parts[1:])


def spellings(secret: str) -> set[str]:
    """Every spelling of `secret` that `scrub` removes."""
    if not secret:
        return set()
    once = {secret} | _escaped(secret)
    twice = set(once)
    for form in once:
        twice |= _escaped(form)
    every = set(twice)
    for form in once:
        every |= _url_encoded(form)
    return {form for form in every if form}


def scrub(text: str, secret: str) -> str:
    """`text` with `secret` in any spelling (and any long piece of one) masked."""
    if not secret or not text:
        return text
    forms = spellings(secret)
    for form in sorted(forms, key=len, reverse=True):
        text = text.replace(form, MASK)
    if len(secret) < MIN_PIECE:
        return text
    pieces = {form[i : i + MIN_PIECE] for form in forms for i in range(len(form) - MIN_PIECE + 1)}
    covered = [False] * len(text)
    for i in range(len(text) - MIN_PIECE + 1):
        if text[i : i + MIN_PIECE] in pieces:
            covered[i : i + MIN_PIECE] = [True] * MIN_PIECE
    if not any(covered):
        return text
    out: list[str] = []
    for i, char in enumerate(text):
        if not covered[i]:
            out.append(char)
        elif i == 0 or not covered[i - 1]:
            out.append(MASK)
    return "".join(out)
