"""The line of links to every version of an article, each named in its own
language ("English · Español · Português · Nederlands"), as on the original
page. Versions are siblings in one folder (``OUT/DOC/LANG.EXT``), so a link
is just ``LANG.EXT``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from transkit.languages import native_name

SEPARATOR = " · "


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in the language itself: "Español"
    href: str | None  # None for the version being read, and for one not exported yet
    current: bool = False  # the version being read

    @property
    def linked(self) -> bool:
        return self.href is not None


def language_links(
    languages: Sequence[str],
    current: str,
    extension: str,
    existing: Collection[str] | None = None,
) -> list[LanguageLink]:
    """Links to `languages` (in that order) from the `current` version's file.

    Each version is named; only those in `existing` (files that are there
    once this export is written; None: all) are links, so a page never
    links to a file that was not exported.
    """
    return [
        LanguageLink(
            code,
            native_name(code),
            None if code == current or (existing is not None and code not in existing)
            else f"{code}.{extension}",
            current=code == current,
        )
        for code in languages
    ]


def html_lang(code: str) -> str:
    """A language code as BCP 47 wants it in ``lang``/``hreflang``: ``pt_BR`` → ``pt-BR``."""
    return code.replace("_", "-")
