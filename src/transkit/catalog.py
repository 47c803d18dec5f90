r"""Catalogs: the segments of one document in one language, as gettext entries.

This is the in-memory form of a POT or PO file. It knows nothing of the file
syntax (see `transkit.po`) and does no I/O.

What must outlive GNU gettext's tools lives in comments: the block layout in
an extracted comment (``#. paragraph``), transkit's own status metadata in a
translator comment (``# transkit: approved by=ana date=2026-11-25``), the
machine draft in another (``# transkit-draft: …``, `transkit.provenance`).

Text that transkit puts in a comment goes through `encode_comment`, because a
comment line does not hold every text as it is. GNU's lexer (po-lex.c) drops
a backslash right before a line end, in every kind of comment (``#``, ``#.``,
``#:``, ``#~``…), even after another backslash, and joins the line with the
next: a draft ending in ``C:\`` swallowed the ``#, fuzzy`` after it (a draft
became "translated"), a footnote labelled ``C:\`` swallowed its entry's
msgctxt. A line feed ends a comment, a NUL cuts it, and transkit's reader
(like git's line-end handling) takes a CR for part of a line end. So the
encoding is C-like and keeps the text on one line: ``\\`` for a backslash,
``\n`` and ``\r``, ``\xHH`` for the other control characters but tab (C0,
DEL, C1: NEL ends a line for some readers) and ``\uHHHH`` for the line and
paragraph separators U+2028/U+2029; a backslash that would end the comment
is written ``\x5c`` instead, so no encoded text ends in one. Everything else
(tabs, trailing spaces, long lines, any other character) goes through
msgcat, msgmerge and msgattrib byte for byte: tests/test_gnu_roundtrip.py
checks that with the real tools. An escape rather than, say, base64: the
comment stays readable, and text without those characters is unchanged, so
comments written before (drafts were already escaped this way, without the
final-backslash rule) read as they did; `decode_comment` leaves any other
backslash as written.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

META_PREFIX = "transkit:"

_NAMED = {"\\": "\\\\", "\n": "\\n", "\r": "\\r"}
_ENCODED = re.compile(r"[\\\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
_DECODED = re.compile(r"\\(?:([\\nr])|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4}))")
_UNESCAPES = {"\\": "\\", "n": "\n", "r": "\r"}


def encode_comment(text: str) -> str:
    """`text` as the one line of a comment that GNU tools keep byte for byte
    (see the module docstring); `decode_comment` gives it back exactly."""
    if not _ENCODED.search(text):
        return text
    encoded = _ENCODED.sub(_escape_one, text)
    if encoded.endswith("\\\\"):  # a final backslash would join the next line
        encoded = encoded[:-2] + "\\x5c"
    return encoded


def _escape_one(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    return _NAMED.get(ch) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def decode_comment(text: str) -> str:
    """Inverse of `encode_comment`; other backslashes stay as they are."""
    if "\\" not in text:
        return text
    return _DECODED.sub(_unescape_one, text)


def _unescape_one(match: re.Match[str]) -> str:
    named, byte, code = match.groups()
    if named:
        return _UNESCAPES[named]
    return chr(int(byte or code, 16))


@dataclass(slots=True)
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
        """The block layout if this entry starts a block (``paragraph``…),
        decoded (it is written with `layout_comment`)."""
        for note in self.notes:
            if not note.startswith(("TRANSLATORS", " ", *KEPT_PREFIXES)):
                return decode_comment(note)
        return None


#: Extracted comments of a template that hold a verbatim block (code, HTML,
#: a rule…) before or after the entry's block: ``#. kept: code | ```…``.
KEPT_BEFORE, KEPT_AFTER = "kept: ", "kept after: "
KEPT_PREFIXES = (KEPT_BEFORE, KEPT_AFTER)


def is_kept_note(note: str) -> bool:
    """Whether an extracted comment holds a verbatim block (template only)."""
    return note.startswith(KEPT_PREFIXES)


def layout_comment(layout: str) -> str:
    """The extracted comment that records a block's layout: a footnote label
    is the author's text and may end in a backslash (``note C:\\``)."""
    return encode_comment(layout)


def fit_newlines(text: str, source: str) -> str:
    """The translation `text` starting and ending with a newline where its
    source does, and only there (as Poedit does when it saves).

    msgfmt --check rejects a file where a translated msgid and its msgstr do
    not both begin, and both end, with ``\\n``. A stray Enter at the end of a
    translation is dropped, a missing final newline is added; the inside of
    the text is left alone. Only newlines are removed, so a text of nothing
    but newlines, for a source that has none there, becomes empty.
    """
    if not text or not source:
        return text  # untranslated, or a msgid "" that msgfmt does not check
    if source[0] == "\n":
        if text[0] != "\n":
            text = "\n" + text
    elif text[0] == "\n":
        text = text.lstrip("\n")
    if not text:
        return text
    if source[-1] == "\n":
        if text[-1] != "\n":
            text += "\n"
    elif text[-1] == "\n":
        text = text.rstrip("\n")
    return text


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
            meta[key] = decode_comment(value)
        else:
            meta.setdefault("state", word)
    return meta


def format_meta(meta: dict[str, str]) -> str:
    """``STATE key=value …``: values encoded (`encode_comment`), then quoted
    if need be, so any value (a name with a newline…) stays on one line."""
    words = [meta["state"]] if "state" in meta else []
    words += [f"{k}={shlex.quote(encode_comment(v))}" for k, v in meta.items() if k != "state"]
    return " ".join(words)


def copy_entry(entry: Entry) -> Entry:
    """A copy with lists of its own: writers edit copies, never an entry that
    the version they started from shares (copy-on-write; see `transkit.store`)."""
    return replace(
        entry, notes=list(entry.notes), comments=list(entry.comments), flags=list(entry.flags)
    )


@dataclass
class Catalog:
    """The header and entries of one POT/PO file, in file order."""

    header: dict[str, str] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    header_comments: list[str] = field(default_factory=list)
    #: id -> position of each live entry: checked on every lookup, rebuilt
    #: when entries were added, removed or moved (never trusted blindly).
    _positions: dict[str, int] = field(default_factory=dict, init=False, repr=False,
                                       compare=False)

    def __iter__(self) -> Iterator[Entry]:
        """The live (non-obsolete) entries."""
        return (e for e in self.entries if not e.obsolete)

    def position(self, entry_id: str) -> int | None:
        """Where the live entry `entry_id` is in `entries`, or None."""
        i = self._positions.get(entry_id)
        entries = self.entries
        if i is None or i >= len(entries) or entries[i].id != entry_id or entries[i].obsolete:
            self._positions = {e.id: n for n, e in enumerate(entries) if not e.obsolete}
            i = self._positions.get(entry_id)
        return i

    def get(self, entry_id: str) -> Entry | None:
        """The live entry `entry_id`, or None (by the catalog's own index)."""
        i = self.position(entry_id)
        return None if i is None else self.entries[i]

    def by_id(self) -> dict[str, Entry]:
        """A dict of the live entries, for a caller that keeps it."""
        return {e.id: e for e in self}

    def obsolete(self) -> list[Entry]:
        return [e for e in self.entries if e.obsolete]
