"""The line of links to every version of an article, each named in its own
language ("English · Español · Português · Nederlands"), as on the original
page. Versions are siblings in one folder (``OUT/DOC/LANG.EXT``), so a link
is just ``LANG.EXT``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from transkit.languages import native_name

SEPARATOR = " · "


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in the language itself: "Español"
    href: str | None  # None for the version being read

    @property
    def current(self) -> bool:
        return self.href is None


def language_links(languages: Sequence[str], current: str, extension: str) -> list[LanguageLink]:
    """Links to `languages` (in that order) from the `current` version's file."""
    return [
        LanguageLink(code, native_name(code), None if code == current else f"{code}.{extension}")
        for code in languages
    ]


def html_lang(code: str) -> str:
    """A language code as BCP 47 wants it in ``lang``/``hreflang``: ``pt_BR`` → ``pt-BR``."""
    return code.replace("_", "-")
