"""Catalogs: the segments of one document in one language, as gettext entries.

This is the in-memory form of a POT or PO file. It knows nothing of the file
syntax (see `transkit.po`) and does no I/O.

What must outlive GNU gettext's tools lives in comments: the block layout in
an extracted comment (``#. paragraph``), transkit's own status metadata in a
translator comment (``# transkit: approved by=ana date=2026-11-25``).
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field

META_PREFIX = "transkit:"


@dataclass
class Entry:
    """One segment: id (msgctxt), source (msgid) and translation (msgstr)."""

    id: str
    source: str
    target: str = ""
    fuzzy: bool = False
    previous: str | None = None  # the source this target was made for (#| msgid)
    notes: list[str] = field(default_factory=list)  # extracted comments (#.)
    comments: list[str] = field(default_factory=list)  # translator comments (#)
    flags: list[str] = field(default_factory=list)  # other #, flags, kept as they are
    obsolete: bool = False
    line: int = 0  # where the entry starts in the file it was read from; 0 if new

    # -- transkit metadata, kept in one translator comment -------------------

    @property
    def meta(self) -> dict[str, str]:
        """``# transkit: STATE key=value …`` as a dict; STATE under ``state``."""
        for comment in self.comments:
            if comment.startswith(META_PREFIX):
                return parse_meta(comment[len(META_PREFIX) :])
        return {}

    def set_meta(self, meta: dict[str, str] | None) -> None:
        """Replace (or with None/empty, remove) the metadata comment."""
        kept = [c for c in self.comments if not c.startswith(META_PREFIX)]
        if meta:
            kept.append(f"{META_PREFIX} {format_meta(meta)}")
        self.comments = kept

    @property
    def layout_note(self) -> str | None:
        """The block layout if this entry starts a block (``paragraph``…)."""
        for note in self.notes:
            if not note.startswith(("TRANSLATORS", " ")):
                return note
        return None


def parse_meta(text: str) -> dict[str, str]:
    if "'" in text or '"' in text:  # shlex is slow; only quoted values need it
        try:
            words = shlex.split(text)
        except ValueError:
            words = text.split()
    else:
        words = text.split()
    meta: dict[str, str] = {}
    for word in words:
        key, sep, value = word.partition("=")
        if sep:
            meta[key] = value
        else:
            meta.setdefault("state", word)
    return meta


def format_meta(meta: dict[str, str]) -> str:
    words = [meta["state"]] if "state" in meta else []
    words += [f"{k}={shlex.quote(v)}" for k, v in meta.items() if k != "state"]
    return " ".join(words)


@dataclass
class Catalog:
    """The header and entries of one POT/PO file, in file order."""

    header: dict[str, str] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    header_comments: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[Entry]:
        """The live (non-obsolete) entries."""
        return (e for e in self.entries if not e.obsolete)

    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self}

    def obsolete(self) -> list[Entry]:
        return [e for e in self.entries if e.obsolete]
