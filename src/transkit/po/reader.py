"""Reading PO/POT files into `Catalog`s.

Every file is validated first (`transkit.po.validate`), because polib and
babel accept broken files silently. Then:

* `parse_catalog` reads it with polib and cross-checks polib's reading
  against the validator's, entry by entry. polib has known gaps, where the
  validator's reading (GNU's) is kept: it strips comment lines and drops
  empty ``#.`` lines, ignores ``#~|`` lines, reads ``#,fuzzy`` (no space)
  as the flag "uzzy", does not decode ``\\a``, octal or hex escapes, its
  header comments lose their first two characters whatever they are. Any
  other disagreement is a `PoError`: two readers that disagree on a file
  mean the file cannot be trusted. Where polib's line parser refuses a
  layout GNU reads (``#text``, ``#|msgid``, a bare ``#~``), the validator's
  reading is returned.
* `scan_catalog` builds the same `Catalog` from the validator alone, without
  polib: the fast path for commands that read thousands of files.

Header comments are the header entry's translator comments; its other
comments and flags (a POT's ``#, fuzzy``) are not kept. A missing msgctxt
becomes the id ``""``. Entry.line is the line of the entry's msgctxt, or of
its msgid when it has none.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import polib

from transkit.catalog import Catalog, Entry
from transkit.errors import InputError, PoError
from transkit.fsutil import MAX_PO_BYTES, read_input
from transkit.po.validate import scan


def read_catalog(path: Path | str, *, fast: bool = False) -> Catalog:
    """Read and validate a PO/POT file: with polib, or with `fast` the
    validator alone (for commands that read many files just to count).

    Only a regular file under `MAX_PO_BYTES` is read (`read_input`): a FIFO,
    a device, a symlink loop or a huge file is a `PoError` naming the path at
    once, never a hang (callers handle unreadable files as `PoError`s).
    """
    try:
        data = read_input(path, limit=MAX_PO_BYTES, what="PO file")
    except InputError as exc:
        raise PoError(exc.message, path) from None
    return scan_catalog(data, path) if fast else parse_catalog(data, path)


def scan_catalog(data: bytes, path: Path | str) -> Catalog:
    """Validate and read the content of a PO/POT file, without polib."""
    catalog = Catalog()
    for record in scan(data, path, _entry_or_header):
        if isinstance(record, _Header):
            catalog.header, catalog.header_comments = record
        else:
            catalog.entries.append(record)
    return catalog


def parse_catalog(data: bytes, path: Path | str) -> Catalog:
    """Validate and read the content of a PO/POT file with polib."""
    gnu = scan_catalog(data, path)
    # GNU joins a line ending in a backslash with the next (see validate.gnu_lines).
    text = data.decode("utf-8").replace("\\\n", "")
    try:
        po = polib.pofile(_LineFeedText(text))
    except OSError:  # polib's line parser refuses some layouts GNU reads, e.g. "#text"
        return gnu
    entries = [_from_polib(entry) for entry in po]
    if len(entries) != len(gnu.entries):
        raise PoError("polib and GNU gettext disagree on the number of entries", path)
    catalog = Catalog(header=dict(po.metadata), header_comments=gnu.header_comments)
    if catalog.header != gnu.header:
        raise PoError("polib and GNU gettext read the header differently", path)
    for entry, expected in zip(entries, gnu.entries, strict=True):
        _fill_polib_gaps(entry, expected)
        if entry != expected:
            raise PoError("polib and GNU gettext read this entry differently", path, entry.line)
        catalog.entries.append(entry)
    return catalog


class _LineFeedText(str):
    """File content for polib, which must split lines at ``\\n`` only.

    polib splits its input with str.splitlines(), which also breaks at
    U+2028, U+0085, form feeds…: characters a PO string may hold as they are.
    """

    __slots__ = ()

    def splitlines(self, keepends: bool = False) -> list[str]:
        return self.split("\n")


def _from_polib(entry: polib.POEntry) -> Entry:
    return Entry(
        id=entry.msgctxt or "",
        source=entry.msgid,
        target=entry.msgstr,
        fuzzy="fuzzy" in entry.flags,
        previous=entry.previous_msgid,
        notes=entry.comment.split("\n") if entry.comment else [],
        comments=entry.tcomment.split("\n") if entry.tcomment else [],
        flags=[flag for flag in entry.flags if flag != "fuzzy"],
        obsolete=bool(entry.obsolete),
    )


def _fill_polib_gaps(entry: Entry, gnu: Entry) -> None:
    """Replace what polib is known to misread by GNU's reading (see module doc)."""
    entry.line = gnu.line
    entry.comments = gnu.comments
    entry.notes = gnu.notes
    entry.flags = gnu.flags
    entry.fuzzy = gnu.fuzzy
    if entry.obsolete:
        entry.previous = gnu.previous
    for name in ("id", "source", "target", "previous"):
        value = getattr(entry, name)
        if value is not None and "\\" in value:  # an escape polib left undecoded
            setattr(entry, name, getattr(gnu, name))


class _Header(NamedTuple):
    fields: dict[str, str]
    comments: list[str]


def _entry_or_header(
    msgid: str,
    msgstr: str,
    msgctxt: str | None,
    flags: list[str],
    comments: list[str],
    notes: list[str],
    references: list[str],
    previous_msgctxt: str | None,
    previous_msgid: str | None,
    obsolete: bool,
    line: int,
) -> Entry | _Header:
    """What `scan` reads of a message (its fields are a `Message`'s)."""
    if msgid == "" and msgctxt is None and not obsolete:
        return _Header(header_fields(msgstr), comments)
    fuzzy = "fuzzy" in flags
    other_flags = [flag for flag in flags if flag != "fuzzy"] if fuzzy else flags
    return Entry(
        msgctxt or "", msgid, msgstr, fuzzy, previous_msgid, notes, comments, other_flags,
        obsolete, line,
    )  # fmt: skip


def header_fields(text: str) -> dict[str, str]:
    """``Key: value`` lines of a header entry, in order, as polib reads them.

    Values are stripped; a line without a colon continues the previous value.
    """
    fields: dict[str, str] = {}
    key = None
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    for line in lines:
        name, colon, value = line.partition(":")
        if colon:
            key = name
            fields[key] = value.strip()
        elif key is not None:
            fields[key] += "\n" + line.strip()
    return fields
