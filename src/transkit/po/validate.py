"""A strict, single-pass scanner of PO/POT files.

polib and babel accept broken files without a word (a string cut by a
truncated file loses its end, a duplicated msgid is kept twice), so every
file is scanned here first. It rejects, with the file and line, what GNU
gettext cannot parse: bytes that are not UTF-8, a byte order mark, git
merge-conflict markers, unterminated strings, bad escapes, keywords without
a string, entries cut short (msgid without msgstr), misplaced ``#|`` lines,
unknown keywords and junk, duplicate (msgctxt, msgid) pairs (obsolete entries
included, as in GNU), a missing header. On these its verdict is that of
``msgfmt --check`` (tests/test_po_reader.py fuzzes the two against each
other), except where transkit is stricter:

* the header must declare ``charset=UTF-8``; comments must be UTF-8 too;
* one string per line (GNU also reads ``msgid "a" "b"``, polib does not);
* no plural forms, no ``\\0`` (GNU silently cuts the string there), and
  octal/hex escapes must make UTF-8.

Translations are not checked (msgfmt refuses a msgstr that does not end with
``\\n`` like its msgid): that is for ``transkit check``; a file must open to
be fixed.

It reads what GNU reads (gettext's po-lex.c, read-catalog-abstract.c): one
space after ``#`` or ``#.`` is not part of the comment, ``#!`` is a flag line
like ``#,``, ``# File: f, line:1`` (Solaris) is a reference, a bare ``#~`` or
``#|`` is blank, ``\\a``, octal and hex escapes are decoded, and a backslash
right before a line feed is dropped with it, anywhere, joining two lines (so
``# C:\\`` swallows the comment or keyword on the next line, as in GNU).
(Lines may end in CRLF; the CR is dropped, also from comments, where GNU
would keep it.) So its result doubles as a fast reader.

Most files are in the layout GNU tools and transkit write (comments, then
``#|`` lines, then msgctxt, msgid and msgstr, one keyword and string a line,
entries apart by blank lines). `_read_common_layout` reads those with one
regular expression per entry, and gives up on anything else, which then goes
through the line scanner: so every rejection, and its line, is the scanner's.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import TypeVar

from transkit.errors import PoError

_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_ESCAPES.update({"\\": "\\", '"': '"'})
_ESCAPE = re.compile(r"\\(?:([ntbrfva\\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.|$))")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_WORD = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_CONFLICT = re.compile(r"(?:<{7}|={7}|>{7}|\|{7})(?:[ \t]|$)")
_SOLARIS_REFERENCE = re.compile(
    r" [Ff]ile:[ \t]*.*?[ \t]*,[ \t]*line[ \t]*(?:number[ \t]*)?:[0-9]+[ \t]*$"
)
_BLANK = " \t\f\v"
_KEYWORDS = ("msgctxt", "msgid", "msgstr")
T = TypeVar("T")


@dataclass
class Message:
    """One entry as GNU gettext reads it (the header entry included)."""

    msgid: str
    msgstr: str
    msgctxt: str | None = None
    flags: list[str] = field(default_factory=list)  # as written, fuzzy included
    comments: list[str] = field(default_factory=list)  # translator comments (#)
    notes: list[str] = field(default_factory=list)  # extracted comments (#.)
    references: list[str] = field(default_factory=list)  # #: lines, as written
    previous_msgctxt: str | None = None  # #| msgctxt
    previous_msgid: str | None = None  # #| msgid
    obsolete: bool = False
    line: int = 0  # line of the first keyword (msgctxt or msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None and not self.obsolete


def validate(data: bytes, path: Path | str) -> list[Message]:
    """Scan a whole PO/POT file; return its entries or raise `PoError`."""
    text = _decode(data, path)
    with cyclic_gc_paused():
        entries = _read_common_layout(text, Message)
        return _Scanner(path).scan(text) if entries is None else entries


def scan(data: bytes, path: Path | str, make: Callable[..., T]) -> list[T]:
    """`validate`, each entry made by ``make`` from the fields of a `Message`,
    positionally, in their order: a reader gets its own objects directly."""
    text = _decode(data, path)
    with cyclic_gc_paused():
        entries = _read_common_layout(text, make)
        if entries is None:
            entries = [make(*astuple(m)) for m in _Scanner(path).scan(text)]
    return entries


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Reading a file makes thousands of objects, in no reference cycle; the
    cyclic collector, run every 700 new objects, would walk them over and
    over (a tenth of the reading time) to free nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def header_charset(header: str) -> str | None:
    """The ``charset=`` of a header's Content-Type, located as GNU does."""
    start = header.find("charset=")
    if start < 0:
        return None
    return re.split(r"[ \t\n]", header[start + len("charset=") :], maxsplit=1)[0]


def _decode(data: bytes, path: Path | str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise PoError("invalid UTF-8 (transkit reads only UTF-8 files)", path, line) from None
    if text.startswith("\ufeff"):
        raise PoError("byte order mark at the start (GNU gettext rejects it)", path, 1)
    nul = data.find(b"\0")
    if nul >= 0:
        raise PoError("NUL character", path, data.count(b"\n", 0, nul) + 1)
    return text


def gnu_lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines of `text` as GNU's lexer reads them, each with its number.

    po-lex.c (lex_getc) drops a backslash that comes right before a line feed,
    with the line feed, wherever it is: in a comment, a string, a keyword, even
    after another backslash. A line so joined has the number of its first.
    """
    lines = text.split("\n")
    if "\\\n" not in text:
        yield from enumerate(lines, 1)
        return
    last = len(lines) - 1
    parts: list[str] = []
    first = 0
    for index, line in enumerate(lines):
        if not parts:
            first = index + 1
        if index < last and line.endswith("\\"):
            parts.append(line[:-1])
            continue
        if parts:
            parts.append(line)
            line = "".join(parts)
            parts = []
        yield first, line


def is_solaris_reference(comment: str) -> bool:
    """Whether GNU reads ``#`` + `comment` as a file reference (Solaris style),
    not a translator comment: ``# File: a.c, line:3``."""
    return comment.startswith((" File:", " file:")) and bool(_SOLARIS_REFERENCE.match(comment))


def _comment_fields(lines: Iterable[str]) -> tuple[list[str], list[str], list[str], list[str]]:
    """The flags, comments, notes and references of an entry from its comment
    lines (``#…`` but not ``#~`` or ``#|``), as GNU reads them."""
    flags: list[str] = []
    comments: list[str] = []
    notes: list[str] = []
    references: list[str] = []
    for line in lines:
        kind = line[1:2]
        if kind == ".":
            notes.append(line[3:] if line.startswith("#. ") else line[2:])
        elif kind == ":":
            references.append(line[2:].strip())
        elif kind in (",", "!"):
            flags += [flag.strip() for flag in line[2:].split(",") if flag.strip()]
        elif is_solaris_reference(line[1:]):
            references.append(line[1:].strip())
        else:
            comments.append(line[2:] if kind == " " else line[1:])
    return flags, comments, notes, references


# -- the fast path: files in the common layout ------------------------------------


class _Unusual(Exception):
    """Something `_read_common_layout` leaves to the line scanner."""


def _field(prefix: str, keyword: str, group: str) -> str:
    """``prefix keyword "…"`` and its continuation lines ``prefix"…"``.

    The group holds the lines' contents with the joints between them; what
    the quotes hold is checked by `_string` (``.*`` is what sre scans fastest).
    """
    p = re.escape(prefix)
    return rf'{p}{keyword} "(?P<{group}>.*(?:"\n{p}".*)*)"\n'


def _entry_pattern(prefix: str, previous_prefix: str) -> re.Pattern[str]:
    """Blank lines, then one entry: comments, ``#|`` lines, msgctxt, msgid, msgstr."""
    return re.compile(
        r"\n*(?P<comments>(?:#(?![~|]).*\n)*)"
        rf"(?:(?:{_field(previous_prefix, 'msgctxt', 'pctxt')})?"
        rf"{_field(previous_prefix, 'msgid', 'pid')})?"
        r"(?P<keyword>)"  # where Message.line is
        rf"(?:{_field(prefix, 'msgctxt', 'ctxt')})?"
        rf"{_field(prefix, 'msgid', 'id')}{_field(prefix, 'msgstr', 'str')}"
    )


_LIVE_ENTRY = _entry_pattern("", "#| ")
_OBSOLETE_ENTRY = _entry_pattern("#~ ", "#~| ")
_GROUPS = tuple(
    _LIVE_ENTRY.groupindex[name] for name in ("comments", "pctxt", "pid", "ctxt", "id", "str")
)
_KEYWORD = _LIVE_ENTRY.groupindex["keyword"]  # (group numbers: faster than names)
# What is between two lines of a string, and of a #| string.
_LIVE_JOINTS = ('"\n"', '"\n#| "')
_OBSOLETE_JOINTS = ('"\n#~ "', '"\n#~| "')
# What a line's quotes may hold here: no quote unless escaped, only the
# escapes GNU writes (octal and hex ones go to the scanner).
_PLAIN_CONTENT = re.compile(r'[^"\\]*(?:\\[ntbrfva"\\][^"\\]*)*')
_PLAIN_ESCAPE = re.compile(r"\\(.)")


def _read_common_layout(text: str, make: Callable[..., T]) -> list[T] | None:
    """The entries of a file in the common layout, or None for the line scanner.

    None for anything the layout does not cover (CR line ends, stray blanks,
    octal escapes…) and for anything wrong (duplicates, no UTF-8 header…):
    the scanner finds the error and its line. Accepting only well-formed
    text of the layout, this reads it as the scanner does.
    """
    if "\r" in text or "\x04" in text or "\\\n" in text:
        return None
    entries: list[T] = []
    seen: set[tuple[str | None, str]] = set()
    charset = None
    end = len(text.rstrip("\n"))
    position = counted = 0
    line = 1  # of `counted`
    try:
        while position < end:
            match = _LIVE_ENTRY.match(text, position) or _OBSOLETE_ENTRY.match(text, position)
            if match is None:
                return None
            position = match.end()
            comments, pctxt, pid, ctxt, msgid, msgstr = match.group(*_GROUPS)
            obsolete = match.re is _OBSOLETE_ENTRY
            joint, previous_joint = _OBSOLETE_JOINTS if obsolete else _LIVE_JOINTS
            msgid = _string(msgid, joint)
            msgstr = _string(msgstr, joint)
            if ctxt is not None:
                ctxt = _string(ctxt, joint)
            key = (ctxt, msgid)
            if key in seen:
                return None
            seen.add(key)
            if msgid == "" and ctxt is None and not obsolete:
                charset = header_charset(msgstr)
            if pctxt is not None:
                pctxt = _string(pctxt, previous_joint)
            if pid is not None:
                pid = _string(pid, previous_joint)
            keyword = match.start(_KEYWORD)
            line += text.count("\n", counted, keyword)
            counted = keyword
            fields = _comment_fields(comments[:-1].split("\n")) if comments else ([], [], [], [])
            entries.append(make(msgid, msgstr, ctxt, *fields, pctxt, pid, obsolete, line))
    except _Unusual:
        return None
    if charset is None or charset.upper() != "UTF-8":
        return None  # no header, or not UTF-8
    return entries


def _string(lines: str, joint: str) -> str:
    """The value of a string from the contents of its lines and the joints between."""
    value = lines.replace(joint, "")
    if '"' not in value and "\\" not in value:
        return value
    if not all(map(_PLAIN_CONTENT.fullmatch, lines.split(joint))):
        raise _Unusual
    return _PLAIN_ESCAPE.sub(lambda m: _ESCAPES[m[1]], value)


class _Scanner:
    """The state of one scan; `scan` is the only entry point."""

    def __init__(self, path: Path | str) -> None:
        self.path = path
        self.messages: list[Message] = []
        self.seen: dict[tuple[str | None, str], int] = {}
        self.pending = Message("", "")  # the next entry, from its #| lines
        self.comment_lines: list[str] = []  # the next entry's comments
        self.current: Message | None = None  # entry whose msgstr is not complete
        self.has_msgid = False
        self.has_msgstr = False
        self.target: str | None = None  # field that continuation strings extend
        self.target_obsolete = False
        self.previous_line = 0  # where pending #| lines start; 0 if there are none
        self.previous_obsolete = False

    def error(self, line: int, message: str) -> PoError:
        return PoError(message, self.path, line)

    def scan(self, text: str) -> list[Message]:
        for number, line in gnu_lines(text):
            self.scan_line(line[:-1] if line.endswith("\r") else line, number)
        self.finish_entry()
        if self.previous_line:
            raise self.error(self.previous_line, "#| lines without an entry after them")
        if not any(message.is_header for message in self.messages):
            raise self.error(1, 'no header entry (msgid "" with charset=UTF-8)')
        return self.messages

    # -- lines -----------------------------------------------------------------

    def scan_line(self, line: str, number: int) -> None:
        stripped = line.lstrip(_BLANK)
        if not stripped:
            return
        if stripped[0] == "#":
            obsolete = stripped.startswith("#~")
            rest = stripped[2:] if obsolete else stripped
            previous = rest.startswith("|") if obsolete else rest.startswith("#|")
            if previous:
                rest = rest[1:] if obsolete else rest[2:]
            if obsolete or previous:
                rest = rest.lstrip(_BLANK)
                if not rest:
                    return  # a bare "#~" or "#|" is blank, as in GNU
            if previous:
                self.scan_previous(rest, number, obsolete)
            elif rest.startswith("#"):
                self.scan_comment(rest, number)
            else:
                self.scan_message_line(rest, number, obsolete=True)
        elif _CONFLICT.match(line):
            raise self.error(number, "git merge conflict marker")
        else:
            self.scan_message_line(stripped, number, obsolete=False)

    def scan_comment(self, line: str, number: int) -> None:
        self.end_entry_before(number)
        if self.previous_line:
            raise self.error(number, "comment after #| lines (they go right before msgid)")
        self.target = None
        self.comment_lines.append(line)

    def scan_previous(self, body: str, number: int, obsolete: bool) -> None:
        """A ``#|`` (or ``#~|``) line: the msgctxt/msgid before a msgmerge."""
        if body.startswith('"'):
            if self.target not in ("previous_msgctxt", "previous_msgid"):
                raise self.error(number, "#| string without #| msgctxt or #| msgid before it")
            self.extend(self.pending, body, number, obsolete)
            return
        self.end_entry_before(number)
        keyword = self.keyword(body, number, ("msgctxt", "msgid"))
        value = self.string(body[len(keyword) :], keyword, number)
        pending = self.pending
        if pending.previous_msgid is not None or (
            keyword == "msgctxt" and pending.previous_msgctxt is not None
        ):
            raise self.error(number, f"misplaced #| {keyword} (one #| msgctxt, then one #| msgid)")
        if self.previous_line and obsolete != self.previous_obsolete:
            raise self.error(number, "inconsistent use of #~ (obsolete marker) within an entry")
        setattr(pending, f"previous_{keyword}", value)
        self.previous_line = self.previous_line or number
        self.previous_obsolete = obsolete
        self.target = f"previous_{keyword}"
        self.target_obsolete = obsolete

    def scan_message_line(self, line: str, number: int, obsolete: bool) -> None:
        if line.startswith('"'):
            if self.target not in _KEYWORDS:
                raise self.error(number, "string without a keyword (msgid, msgstr…) before it")
            self.extend(self.current, line, number, obsolete)
            return
        keyword = self.keyword(line, number, _KEYWORDS)
        value = self.string(line[len(keyword) :], keyword, number)
        current = self.current
        if current is not None and self.has_msgstr:
            self.finish_entry()
            current = None
        if current is not None and current.obsolete != obsolete:
            raise self.error(number, "inconsistent use of #~ (obsolete marker) within an entry")
        if keyword == "msgstr":
            if current is None or not self.has_msgid:
                raise self.error(number, "msgstr without msgid before it")
            current.msgstr = value
            self.has_msgstr = True
        elif keyword == "msgid":
            if current is None:
                current = self.start_entry(number, obsolete)
            elif self.has_msgid:
                raise self.truncated(current)
            current.msgid = value
            self.has_msgid = True
        else:
            if current is not None:
                raise self.truncated(current)
            self.start_entry(number, obsolete).msgctxt = value
        self.target = keyword
        self.target_obsolete = obsolete

    def keyword(self, line: str, number: int, allowed: tuple[str, ...]) -> str:
        match = _WORD.match(line)
        if match is None:
            raise self.error(number, f"syntax error: unexpected {line[:20]!r}")
        word = match.group()
        indexed = line[len(word) :].lstrip(_BLANK).startswith("[")
        if word == "msgid_plural" or (word == "msgstr" and indexed):
            raise self.error(number, "plural forms are not used by transkit")
        if word not in allowed:
            raise self.error(number, f"unknown keyword {word!r}")
        return word

    def string(self, rest: str, keyword: str, number: int) -> str:
        """The one quoted string that must follow a keyword."""
        body = rest.lstrip(_BLANK)
        if not body:
            raise self.error(number, f"{keyword} without a string")
        if not body.startswith('"') or len(body) == len(rest):
            raise self.error(number, f"expected a space and a quoted string after {keyword}")
        return self.quoted(body, number)

    def quoted(self, body: str, number: int) -> str:
        match = _QUOTED.match(body)
        if match is None:
            raise self.error(number, "unterminated string")
        if body[match.end() :].strip(_BLANK):
            raise self.error(number, "unexpected text after the string")
        value = self.unescape(match.group(1), number)
        if "\x04" in value:
            raise self.error(number, "context separator <EOT> (U+0004) within a string")
        return value

    def unescape(self, text: str, number: int) -> str:
        if "\\" not in text:
            return text
        parts: list[str] = []
        has_bytes = False
        position = 0
        for match in _ESCAPE.finditer(text):
            parts.append(text[position : match.start()])
            simple, octal, hexa, bad = match.groups()
            if simple:
                parts.append(_ESCAPES[simple])
            elif octal or hexa:
                byte = (int(octal, 8) if octal else int(hexa, 16)) & 0xFF  # a byte, as in GNU
                if byte == 0:
                    raise self.error(number, f"escape {match.group()!r} makes a NUL byte")
                parts.append(chr(byte) if byte < 0x80 else chr(0xDC00 + byte))
                has_bytes = has_bytes or byte >= 0x80
            else:
                raise self.error(number, f"invalid escape sequence \\{bad}")
            position = match.end()
        parts.append(text[position:])
        value = "".join(parts)
        if not has_bytes:
            return value
        try:  # bytes from escapes are surrogate-escaped; they must form UTF-8
            return value.encode("utf-8", "surrogateescape").decode("utf-8")
        except UnicodeDecodeError:
            raise self.error(number, "octal or hex escapes make invalid UTF-8") from None

    def extend(self, owner: Message | None, body: str, number: int, obsolete: bool) -> None:
        """A continuation string: append it to the field being read."""
        if obsolete != self.target_obsolete:
            raise self.error(number, "inconsistent use of #~ (obsolete marker) within an entry")
        value = self.quoted(body, number)
        setattr(owner, str(self.target), getattr(owner, str(self.target)) + value)

    # -- entries ---------------------------------------------------------------

    def start_entry(self, number: int, obsolete: bool) -> Message:
        """Begin an entry at a msgctxt/msgid; the comments before it are its own."""
        if self.previous_line and obsolete != self.previous_obsolete:
            raise self.error(number, "inconsistent use of #~ (obsolete marker) within an entry")
        if self.pending.previous_msgctxt is not None and self.pending.previous_msgid is None:
            raise self.error(number, "#| msgctxt without #| msgid after it")
        entry = self.pending
        entry.line = number
        entry.obsolete = obsolete
        entry.flags, entry.comments, entry.notes, entry.references = _comment_fields(
            self.comment_lines
        )
        self.pending = Message("", "")
        self.comment_lines = []
        self.previous_line = 0
        self.current = entry
        self.has_msgid = self.has_msgstr = False
        return entry

    def end_entry_before(self, number: int) -> None:
        """A comment line: the entry being read must be complete by now."""
        if self.current is not None:
            if not self.has_msgstr:
                raise self.truncated(self.current)
            self.finish_entry()

    def truncated(self, entry: Message) -> PoError:
        what = "msgid" if self.has_msgid else "msgctxt"
        needs = "msgstr" if self.has_msgid else "msgid"
        return self.error(entry.line, f"{what} without {needs} (entry cut short?)")

    def finish_entry(self) -> None:
        entry = self.current
        if entry is None:
            return
        if not self.has_msgstr:
            raise self.truncated(entry)
        key = (entry.msgctxt, entry.msgid)
        first = self.seen.setdefault(key, entry.line)
        if first != entry.line:
            raise self.error(
                entry.line, f"duplicate message definition (first defined at line {first})"
            )
        if entry.is_header:
            self.check_charset(entry)
        self.messages.append(entry)
        self.current = None
        self.target = None

    def check_charset(self, header: Message) -> None:
        charset = header_charset(header.msgstr)
        if charset is None:
            raise self.error(header.line, "header has no charset (transkit needs charset=UTF-8)")
        if charset.upper() != "UTF-8":
            raise self.error(header.line, f"charset {charset} is not UTF-8 (transkit needs UTF-8)")
