"""Writing `Catalog`s as PO files, byte for byte as GNU ``msgcat`` writes them.

Other tools (msgmerge, msgcat, Poedit with its "wrap like gettext" default)
rewrite PO files in GNU's layout; writing that layout ourselves keeps
diffs between transkit and those tools empty. This follows gettext 0.21's
write-po.c (``msgdomain_list_print_po``, ``message_print``, ``wrap``) with
its defaults: width 79, no ``--escape``, no ``--indent``.

What GNU does, and so do we:

* The header entry comes first; its fields are written one per line, each
  ending in ``\\n``. Then the live entries, then the obsolete ones.
* Comment order: translator ``#``, extracted ``#.``, flags ``#,``, previous
  ``#|``. Comments are not rewrapped; an empty translator comment is ``#``,
  an empty extracted one ``#.``. A translator comment with newlines becomes
  several lines (an extracted one too: GNU would write a broken file).
* Flags: ``fuzzy`` first, and only if the translation is not empty; then the
  ``<lang>-format`` flags GNU knows, in its order; ``range: a..b``;
  ``no-wrap``. Unknown flags, and ``wrap``, are dropped (GNU drops them on
  reading). ``no-wrap`` turns wrapping off for that entry.
* Obsolete entries with an empty translation are dropped. The others get
  ``#~ `` before msgctxt/msgid/msgstr and ``#~| `` before the previous
  msgid; their comments stay plain; their flags lose ``range:``.
* Strings are escaped (``\\\\ \\" \\n \\t`` and ``\\a \\b \\f \\r \\v``) and
  wrapped by `_wrap`.

Formatted entries are remembered (a bounded memo keyed by everything that
is written of them): the review TUI and ``transkit draft`` save the same
catalog after every change, and then only the changed entries are formatted.

Not mirrored: GNU also avoids breaking inside format directives of entries
flagged ``c-format`` etc.; transkit does not use format flags.

An entry ``msgfmt --check`` rejects is refused too (`UnwritableCatalog`,
naming the entry), never written and never silently changed: a translated,
not fuzzy entry whose msgid and msgstr do not both begin, and both end, with
``\\n`` (msgfmt's only check of a single entry without plural or format
flags; it skips fuzzy, untranslated and obsolete entries, and a msgid "").
Where a person's or a machine's text becomes a msgstr, it is fitted first
(`transkit.catalog.fit_newlines`), so this is the last line of defence.

What GNU would not read back as written is refused as well: a comment line
ending in a backslash (GNU joins it with the next line), holding a CR
(transkit's reader takes it for a line end) or a NUL (GNU cuts the line
there), a translator comment that GNU reads as a file reference
(``# File: a.c, line:3``). Text that transkit itself puts in comments is
encoded so that none of this happens (`transkit.catalog.encode_comment`).
"""

from __future__ import annotations

import functools
import io
import re
import sys
from pathlib import Path
from typing import NamedTuple

from transkit.catalog import Catalog, Entry
from transkit.errors import PoError
from transkit.fsutil import write_atomic
from transkit.po.linebreak import BREAK_PROHIBITED, BREAK_UNDEFINED, width_linebreaks
from transkit.po.validate import header_charset, is_solaris_reference

PAGE_WIDTH = 79

#: The format languages of gettext 0.21 (format.c), in the order GNU writes them.
FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace",
    "php", "gcc-internal", "gfc-internal", "ycp",
)  # fmt: skip

_ESCAPES = str.maketrans(
    {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}
    | {"\\": "\\\\", '"': '\\"'}
)
_NEEDS_ESCAPE = re.compile(f"[{re.escape(''.join(map(chr, _ESCAPES)))}]")
_FLAG_SEPARATORS = re.compile(r"[\n \t\r\f\v,]+")
_RANGE = re.compile(r"([0-9]+)\.\.([0-9]+)")
_INT_MAX = 2**31 - 1


class UnwritableCatalog(PoError, ValueError):
    """A catalog that would not be read back as it is: nothing is written.

    A `PoError` (exit code 2, one line) for the commands, and a ValueError
    for the callers that catch what `format_catalog` refuses as one.
    """


def write_catalog(path: Path | str, catalog: Catalog) -> None:
    """Write a catalog atomically: readers see the old file or the new one.

    Raises `UnwritableCatalog` naming the path (and the file is untouched)
    for what `format_catalog` refuses.
    """
    try:
        text = format_catalog(catalog)
    except UnwritableCatalog as exc:
        raise UnwritableCatalog(f"cannot be written: {exc.message}", path) from None
    write_atomic(path, text)


def format_catalog(catalog: Catalog) -> str:
    """The PO file text of a catalog, as ``msgcat`` would write it.

    Raises `UnwritableCatalog` (a ValueError) for a catalog no reader would
    accept back as it is: a header without ``charset=UTF-8``, two entries
    with the same id and source, a NUL or EOT character in a string, a
    comment GNU would mangle (see the module docstring).
    """
    head, entries = _prepared(catalog)
    if len(entries) > _ENTRY_MEMO:
        return _encode_large(head.encode("utf-8"), entries).decode("utf-8")
    _check_writable(entries)
    return head + "".join(["\n" + _format_entry(_entry_key(entry)) for entry in entries])


def encode_catalog(catalog: Catalog) -> bytes:
    """``format_catalog(catalog).encode("utf-8")``: what is written to disk.

    A large catalog (a 50 MB article's English edition is 160 MB) is
    encoded a few thousand entries at a time into one buffer, so that its
    text is never held twice, as a string and as bytes, or as pieces and
    as their join.
    """
    head, entries = _prepared(catalog)
    if len(entries) > _ENTRY_MEMO:
        return _encode_large(head.encode("utf-8"), entries)
    _check_writable(entries)
    body = "".join(["\n" + _format_entry(_entry_key(entry)) for entry in entries])
    return (head + body).encode("utf-8")


def _prepared(catalog: Catalog) -> tuple[str, list[Entry]]:
    """The header's text, once it is known to be writable, and the entries to
    write in their order (live, then obsolete), not yet checked."""
    header = "".join(f"{key}: {value}\n" for key, value in catalog.header.items())
    charset = header_charset(header)
    if charset is None or charset.upper() != "UTF-8":
        raise UnwritableCatalog("the catalog header must declare Content-Type charset=UTF-8")
    written = [e for e in catalog.entries if not e.obsolete or e.target]
    out: list[str] = []
    _comments(out, "#", catalog.header_comments, "the header")
    _wrap(out, "", "msgid", "")
    _wrap(out, "", "msgstr", header)
    ordered = [e for e in written if not e.obsolete] + [e for e in written if e.obsolete]
    return "".join(out), ordered


#: Entries of a large catalog formatted, then encoded, at a time.
_CHUNK = 4096

#: The last large untranslated catalog written: its entries (`_shape`) and
#: the encoded text of their part of the file.
_last_body: tuple[list[object], memoryview] | None = None


def _encode_large(head: bytes, entries: list[Entry]) -> bytes:
    """The file of a catalog too large for the entry memo, which it would
    only churn (every entry evicted before it comes round again).

    An untranslated one is remembered whole instead: a first import writes
    the same untranslated entries to the template and to every target
    language, and they are formatted once. The text is reused only for
    entries equal to the remembered ones, field by field.
    """
    global _last_body
    shape = None if any(entry.target for entry in entries) else _shape(entries)
    if shape is not None and _last_body is not None and _last_body[0] == shape:
        return b"".join([head, _last_body[1]])  # checked when they were written
    _last_body = None  # let the old text go before the new one is made
    _check_writable(entries)
    out = io.BytesIO()  # grows in place; getvalue() hands over its buffer uncopied
    out.write(head)
    for start in range(0, len(entries), _CHUNK):
        some = entries[start : start + _CHUNK]
        out.write("".join(["\n" + _format_key(_entry_key(entry)) for entry in some]).encode())
    data = out.getvalue()
    if shape is not None:
        _last_body = (shape, memoryview(data)[len(head) :])
    return data


def _shape(entries: list[Entry]) -> list[object]:
    """Everything written of untranslated entries, flat (a list of references
    a third the size of `_entry_key` tuples); each list led by its length,
    so two shapes are equal only if the entries are."""
    flat: list[object] = []
    for e in entries:
        flat += (e.id, e.source, e.fuzzy, e.previous, e.obsolete, len(e.notes), *e.notes)
        flat += (len(e.comments), *e.comments, len(e.flags), *e.flags)
    return flat


def clear_memo() -> None:
    """Forget the formatted entries (benchmarks time cold formatting with it)."""
    global _last_body
    _format_entry.cache_clear()
    _wrapped.cache_clear()
    _last_body = None


def _check_writable(entries: list[Entry]) -> None:
    """Raise for the first entry no reader would take back (see `format_catalog`).

    Each resave of the review app's 10,000-segment file passed here: a loop
    over every entry's every string took 25-35 ms of the save's 50-70, with
    the GIL the app's frames wait for. The strings are searched all at once
    instead, and the loop runs only to name a problem found.
    """
    ids = [e.id for e in entries]
    unique = set(ids)  # ids are (strings hash once); two alike are looked at closer
    blob = "".join(ids) + "".join([e.source for e in entries]) + "".join(
        [e.target for e in entries]) + "".join([e.previous for e in entries if e.previous])
    if len(unique) < len(ids) or "" in unique or "\0" in blob or "\x04" in blob:
        _name_unwritable(entries)


def _name_unwritable(entries: list[Entry]) -> None:
    seen = {("", "")}  # the header's msgid "" without msgctxt
    for entry in entries:
        key = (entry.id, entry.source)
        if key in seen:
            raise UnwritableCatalog(
                f"two entries with id {entry.id!r} and source {entry.source!r}"
            )
        seen.add(key)
        for text in (entry.id, entry.source, entry.target, entry.previous or ""):
            if "\0" in text or "\x04" in text:
                raise UnwritableCatalog(
                    f"NUL or EOT (U+0004) in entry {entry.id!r}: GNU cannot store it"
                )


#: An entry's fields but its line, in `Entry`'s order: what makes its text.
_EntryKey = tuple[
    str, str, str, bool, str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...], bool
]


def _entry_key(entry: Entry) -> _EntryKey:
    return (
        entry.id, entry.source, entry.target, entry.fuzzy, entry.previous,
        tuple(entry.notes), tuple(entry.comments), tuple(entry.flags), entry.obsolete,
    )  # fmt: skip


#: How many formatted entries are remembered: the review app's 10,000-segment files fit.
_ENTRY_MEMO = 32768


@functools.lru_cache(maxsize=_ENTRY_MEMO)
def _format_entry(key: _EntryKey) -> str:
    """The text of an entry, from `_entry_key`: all of it but its line."""
    return _format_key(key)


def _format_key(key: _EntryKey) -> str:
    id, source, target, fuzzy, previous, notes, comments, flags, obsolete = key
    entry = Entry(id, source, target, fuzzy, previous, [*notes], [*comments], [*flags], obsolete)
    out: list[str] = []
    _entry(out, entry)
    return "".join(out)


def _entry(out: list[str], entry: Entry) -> None:
    """One entry: message_print / message_print_obsolete of write-po.c."""
    where = f"entry {entry.id!r}"
    _comments(out, "#", entry.comments, where)
    _comments(out, "#.", [line for note in entry.notes for line in note.split("\n")], where)
    flags = _read_flags(entry.flags)
    fuzzy = bool(entry.target) and (entry.fuzzy or flags.fuzzy)
    if not fuzzy and not entry.obsolete:
        problem = _msgfmt_rejects(entry.source, entry.target)
        if problem:
            raise UnwritableCatalog(f"{where}: {problem} (msgfmt --check rejects that)")
    written = ["fuzzy"] if fuzzy else []
    written += flags.formats
    if flags.range and not entry.obsolete:
        written.append(flags.range)
    if not flags.wrapping:
        written.append("no-wrap")
    if written:
        out.append("#, " + ", ".join(written) + "\n")
    wrapping = flags.wrapping
    prefix = "#~ " if entry.obsolete else ""
    if entry.previous is not None:
        _wrap(out, "#~| " if entry.obsolete else "#| ", "msgid", entry.previous, wrapping)
    if entry.id:
        _wrap(out, prefix, "msgctxt", entry.id, wrapping)
    _wrap(out, prefix, "msgid", entry.source, wrapping)
    multiline = f'{prefix}msgid ""\n'
    if entry.target == entry.source and out[-1].startswith(multiline):
        # The source edition's msgstr is its msgid: past the first line,
        # the same lines (what needs several lines after msgid does after msgstr).
        out.append(f'{prefix}msgstr ""\n' + out[-1][len(multiline) :])
    else:
        _wrap(out, prefix, "msgstr", entry.target, wrapping)


def _comments(out: list[str], marker: str, comments: list[str], where: str) -> None:
    """Comment lines; after the marker a space, unless nothing follows."""
    for comment in comments:
        rest = comment
        while True:
            line, newline, after = rest.partition("\n")
            problem = _mangled(line, marker)
            if problem:
                kind = "translator" if marker == "#" else "extracted"
                raise UnwritableCatalog(f"{where}: {kind} comment {line!r} {problem}")
            out.append(f"{marker} {line}\n" if rest else f"{marker}\n")
            if not newline:
                break
            rest = after


def _msgfmt_rejects(source: str, target: str) -> str | None:
    """Why msgfmt --check rejects this translation (msgl-check.c, check_pair)."""
    if not source or not target:
        return None
    for index, where in ((0, "begins"), (-1, "ends")):
        if (source[index] == "\n") != (target[index] == "\n"):
            has, lacks = ("source", "translation") if source[index] == "\n" else (
                "translation", "source")
            return f"the {has} {where} with a newline and the {lacks} does not"
    return None


def _mangled(line: str, marker: str) -> str | None:
    """What GNU (or transkit's reader) would make of this comment line, if it
    would not read it back as it is."""
    if line.endswith("\\"):
        return "ends in a backslash, which GNU gettext joins with the next line"
    if "\r" in line:
        return "holds a carriage return, which is read as a line end"
    if "\0" in line:
        return "holds a NUL character, where GNU gettext cuts the line"
    if marker == "#" and line.startswith(("File:", "file:")) and is_solaris_reference(" " + line):
        return "reads as a file reference in GNU gettext"
    return None


class _Flags(NamedTuple):
    formats: tuple[str, ...]  # <lang>-format and no-<lang>-format, in GNU's order
    range: str | None  # "range: a..b"
    wrapping: bool
    fuzzy: bool


def _read_flags(flags: list[str]) -> _Flags:
    """The ``#,`` flags as po_parse_comment_special reads them.

    Words are split at commas and spaces; unknown words are ignored; a later
    word overrides an earlier one.
    """
    if not flags:
        return _NO_FLAGS
    formats: dict[str, str] = {}
    value_range = None
    wrapping = True
    fuzzy = False
    words = iter(_FLAG_SEPARATORS.split(", ".join(flags)))
    for word in words:
        fuzzy = fuzzy or word == "fuzzy"
        if word.endswith("-format"):
            language = word.removesuffix("-format")
            kind = "yes"
            for prefix, value in (("no-", "no"), ("possible-", "yes"), ("impossible-", "")):
                if language.startswith(prefix):
                    language, kind = language[len(prefix) :], value
                    break
            if language in FORMAT_LANGUAGES:
                formats[language] = kind  # "" (impossible) is not written
                continue
        if word == "range:":
            match = _RANGE.match(next(words, ""))
            if match:
                low, high = (min(int(n), _INT_MAX) for n in match.groups())
                if low <= high:
                    value_range = f"range: {low}..{high}"
                    continue
        if word in ("wrap", "no-wrap"):
            wrapping = word == "wrap"
    written = tuple(
        f"{language}-format" if formats[language] == "yes" else f"no-{language}-format"
        for language in FORMAT_LANGUAGES
        if formats.get(language)
    )
    return _Flags(written, value_range, wrapping, fuzzy)


_NO_FLAGS = _Flags((), None, True, False)


def _wrap(out: list[str], prefix: str, name: str, value: str, wrapping: bool = True) -> None:
    """Write ``name "value"`` as GNU's wrap() does, e.g. ``#| msgid "…"``.

    The value is cut after each ``\\n``; each portion is escaped and broken
    where libunistring allows a break, so that lines fit in 79 columns with
    the prefix and both quotes. If the value has an inner newline or needs
    more than one line, the first line is ``name ""``.
    """
    out.append(_wrapped(prefix, name, value, wrapping))


@functools.lru_cache(maxsize=4096)  # a sentence repeated in many entries is wrapped once
def _wrapped(prefix: str, name: str, value: str, wrapping: bool) -> str:
    out: list[str] = []
    width = (PAGE_WIDTH if wrapping else sys.maxsize) - 1 - (len(prefix) + 1)
    first_line = True
    for portion, last in _portions(value):
        text = _escape(portion)
        breaks = _breaks(text, width, 0)
        if first_line:
            first_line = False
            start = len(name) + 1  # after 'name "'
            # A text that breaks at column 0 breaks at `start` too: only a
            # text without breaks needs to be tried there.
            if not portion or (
                last and start <= width and not breaks and not _breaks(text, width, start)
            ):
                out.append(f'{prefix}{name} "{text}"\n')
                continue
            out.append(f'{prefix}{name} ""\n')
        ends = [*breaks, len(text)]
        out += [f'{prefix}"{text[a:b]}"\n' for a, b in zip([0, *breaks], ends, strict=True)]
    return "".join(out)


def _portions(value: str) -> list[tuple[str, bool]]:
    """The value cut after each newline, with a flag on the last portion."""
    if "\n" not in value:
        return [(value, True)]
    lines = value.split("\n")
    portions = [line + "\n" for line in lines[:-1]]
    if lines[-1] or not portions:
        portions.append(lines[-1])
    return [(portion, i == len(portions) - 1) for i, portion in enumerate(portions)]


def _escape(text: str) -> str:
    if text.isprintable() and '"' not in text and "\\" not in text:
        return text  # the common case; the other escaped characters are controls
    return text.translate(_ESCAPES) if _NEEDS_ESCAPE.search(text) else text


def _breaks(text: str, width: int, start: int) -> list[int]:
    """Where ulc_width_linebreaks breaks an escaped text, its first line at ``start``:
    never inside an escape sequence, nor just before a final ``\\n``."""
    overrides = None
    if "\\" in text:
        overrides = [BREAK_UNDEFINED] * len(text)
        backslash = text.find("\\")
        while backslash >= 0:
            overrides[backslash + 1] = BREAK_PROHIBITED
            backslash = text.find("\\", backslash + 2)
        if text.endswith("\\n"):
            overrides[-2] = BREAK_PROHIBITED
    return width_linebreaks(text, width, start, 0, overrides)
