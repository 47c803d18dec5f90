"""TMX 1.4b, the translation-memory exchange format, both ways.

OmegaT, Weblate, Poedit, Trados and memoQ all read and write TMX, so it is
how the project's approved work reaches other tools and how their memories
reach the review app. Pure: text in, text out; the command does the files.

Footnote placeholders (``[^4]``) are inline codes, not words: written as
``<ph type="x-footnote">[^4]</ph>`` so a CAT tool protects them, and read
back from any ``<ph>`` whose content is one. Other tools' inline codes
(``<bpt>``, ``<ept>``, ``<it>``, ``<ph>``, ``<hi>``) keep their native text,
so a suggestion shows what the other tool stored.

Reading refuses what a memory file never needs and an attacker would use:
a DOCTYPE that declares entities (the "billion laughs") or external ones.
TMX 1.1 files (OmegaT still writes them) name languages with ``lang``
rather than ``xml:lang``; both are read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from xml.parsers import expat

from transkit.document import FOOTNOTE_RE
from transkit.errors import TranskitError

#: TMX 1.4b's own language attribute is xml:lang; 1.1 used plain lang.
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_INLINE = ("bpt", "ept", "it", "ph", "hi", "ut", "sub")
_FOOTNOTE_ONLY = re.compile(rf"^{FOOTNOTE_RE.pattern}$")


class TmxError(TranskitError):
    """A file that is not a TMX memory transkit can read, with its line."""


@dataclass(frozen=True)
class Variant:
    """One language's text of a unit, with who made it and when (TMX dates)."""

    lang: str
    text: str
    created: str = ""  # TMX date, 20261201T120000Z
    creator: str = ""


@dataclass(frozen=True)
class Unit:
    """A translation unit: the same segment in several languages."""

    variants: tuple[Variant, ...]
    props: tuple[tuple[str, str], ...] = ()
    tuid: str = ""

    def text(self, lang: str) -> str | None:
        """The text in `lang` (a primary tag matches its regions: ``pt`` ~ ``pt-BR``)."""
        for variant in self.variants:
            if same_language(variant.lang, lang):
                return variant.text
        return None

    def prop(self, kind: str) -> str:
        return next((v for k, v in self.props if k == kind), "")


@dataclass(frozen=True)
class Memory:
    """A whole TMX file: the header's facts and its units."""

    source_lang: str
    units: tuple[Unit, ...]
    tool: str = ""
    languages: tuple[str, ...] = field(default=())


def same_language(tag: str, wanted: str) -> bool:
    """``es-ES`` is Spanish for a project's ``es``; ``pt-BR`` is not ``pt-PT``
    when both sides name a region. Case never matters (``EN-US`` = ``en-us``)."""
    a, b = tag.lower().replace("_", "-"), wanted.lower().replace("_", "-")
    if a == b:
        return True
    a_main, _, a_region = a.partition("-")
    b_main, _, b_region = b.partition("-")
    return a_main == b_main and not (a_region and b_region)


def tmx_date(iso_day: str) -> str:
    """``2026-12-01`` (what transkit records) as a TMX date, midnight UTC."""
    digits = iso_day.replace("-", "")
    return f"{digits}T000000Z" if re.fullmatch(r"\d{8}", digits) else ""


# ---------------------------------------------------------------- writing


def write(
    units: Iterable[Unit],
    *,
    source_lang: str,
    created: str,
    tool_version: str,
) -> str:
    """The units as a TMX 1.4b document (UTF-8 text, with its XML declaration)."""
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "transkit",
            "creationtoolversion": tool_version,
            "segtype": "sentence",
            "o-tmf": "transkit",
            "adminlang": "en",
            "srclang": source_lang,
            "datatype": "plaintext",
            "creationdate": created,
        },
    )
    body = ET.SubElement(root, "body")
    segments: list[tuple[ET.Element, str, dict[str, int]]] = []
    for unit in units:
        tu = ET.SubElement(body, "tu", {"tuid": unit.tuid} if unit.tuid else {})
        for kind, value in unit.props:
            ET.SubElement(tu, "prop", type=kind).text = value
        # A footnote keeps one number in every language, even where a
        # translation puts it elsewhere: numbered by the first text's order.
        numbers: dict[str, int] = {}
        for label in FOOTNOTE_RE.findall(unit.variants[0].text if unit.variants else ""):
            numbers.setdefault(label, len(numbers) + 1)
        for variant in unit.variants:
            attrs = {_XML_LANG: variant.lang}
            if variant.created:
                attrs["creationdate"] = variant.created
            if variant.creator:
                attrs["creationid"] = variant.creator
            tuv = ET.SubElement(tu, "tuv", attrs)
            segments.append((ET.SubElement(tuv, "seg"), variant.text, numbers))
    ET.indent(root, space="  ")  # before the segments are filled: their spaces are text
    for seg, text, numbers in segments:
        _fill_segment(seg, text, numbers)
    text = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def _fill_segment(seg: ET.Element, text: str, numbers: dict[str, int]) -> None:
    """Plain text with each footnote placeholder as a ``<ph>`` whose ``x``
    pairs it with the same footnote in the unit's other languages."""
    pos, last = 0, None
    for match in FOOTNOTE_RE.finditer(text):
        chunk = text[pos : match.start()]
        if last is None:
            seg.text = chunk
        else:
            last.tail = chunk
        n = numbers.setdefault(match.group(1), len(numbers) + 1)
        last = ET.SubElement(seg, "ph", x=str(n), type="x-footnote")
        last.text = match.group(0)
        pos = match.end()
    if last is None:
        seg.text = text
    else:
        last.tail = text[pos:]


# ---------------------------------------------------------------- reading


def read(data: bytes, path: str = "<tmx>") -> Memory:
    """Parse a TMX file (1.1 to 1.4b). A `TmxError` names the line of what is wrong."""
    root = _parse(data, path)
    if root.tag != "tmx":
        raise TmxError(f"not a TMX file (its root element is <{root.tag}>)", path)
    header = root.find("header")
    body = root.find("body")
    if header is None or body is None:
        raise TmxError("a TMX file needs a <header> and a <body>", path)
    source_lang = header.get("srclang", "")
    units: list[Unit] = []
    seen: dict[str, None] = {}
    for tu in body.iter("tu"):
        variants = []
        for tuv in tu.findall("tuv"):
            lang = tuv.get(_XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            if not lang or seg is None:
                continue
            seen.setdefault(lang, None)
            variants.append(
                Variant(
                    lang,
                    _segment_text(seg),
                    tuv.get("creationdate") or tu.get("creationdate") or "",
                    tuv.get("creationid") or tu.get("creationid") or "",
                )
            )
        props = tuple((p.get("type", ""), p.text or "") for p in tu.findall("prop"))
        if variants:
            units.append(Unit(tuple(variants), props, tu.get("tuid", "")))
    return Memory(source_lang, tuple(units), header.get("creationtool", ""), tuple(seen))


def _segment_text(seg: ET.Element) -> str:
    """A ``<seg>``'s text: footnote ``<ph>``s as placeholders, other inline
    codes as the native text they carry."""
    parts = [seg.text or ""]
    for child in seg:
        if child.tag in _INLINE:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _parse(data: bytes, path: str) -> ET.Element:
    _refuse_entities(data, path)
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        line, _col = exc.position
        raise TmxError(f"not well-formed XML ({expat.ErrorString(exc.code)})", path, line) from None


def _refuse_entities(data: bytes, path: str) -> None:
    """A first pass with expat alone, which reports declarations as it meets
    them (ElementTree's parser would expand them before we could look)."""
    scan = expat.ParserCreate()

    def refuse(name: str, *_: object) -> None:
        raise TmxError(
            f"declares the entity {name!r}; a memory needs none (refused as unsafe)",
            path, scan.CurrentLineNumber,
        )

    scan.EntityDeclHandler = refuse
    scan.UnparsedEntityDeclHandler = refuse
    try:
        scan.Parse(data, True)
    except expat.ExpatError as exc:
        raise TmxError(
            f"not well-formed XML ({expat.ErrorString(exc.code)})", path, exc.lineno
        ) from None


def pairs(memory: Memory, source: str, target: str) -> list[tuple[str, str, Unit]]:
    """(source text, target text, unit) for every unit that has both languages."""
    out = []
    for unit in memory.units:
        s, t = unit.text(source), unit.text(target)
        if s and t:
            out.append((s, t, unit))
    return out


def units_of(rows: Sequence[tuple[str, str, str, str, str, str]], source_lang: str,
             target_lang: str) -> list[Unit]:
    """Units from (document, segment id, source, target, date, person) rows."""
    return [
        Unit(
            (
                Variant(source_lang, source),
                Variant(target_lang, target, tmx_date(day), person),
            ),
            (("x-document", doc), ("x-segment", sid)),
            f"{doc}:{sid}",
        )
        for doc, sid, source, target, day, person in rows
    ]
