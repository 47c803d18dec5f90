"""Structure checks: does each PO file hold exactly the template's segments?

A PO must have every segment of ``segments/DOC.pot`` once, nothing else, with
the template's source text (a differing source means the PO was not updated
after the article changed), and a header that says which language it is.
Files that cannot be read at all (conflict markers, broken syntax), and
files missing or left over, are found by the caller, which reads the disk,
and reported through the checks defined here.
"""

from __future__ import annotations

import re

from transkit.catalog import Catalog
from transkit.checks.content import unsafe_problems
from transkit.checks.findings import ERROR, WARNING, Check, define
from transkit.plurals import plural_forms, plural_forms_problem

Problem = tuple[Check, str, str, int]  # (check, message, entry id, line)

_FAMILY = "structure"
UNREADABLE_FILE = define("unreadable", ERROR, _FAMILY,
                         "not a regular file, too large, or no permission to read")
UNPARSEABLE = define("unparseable", ERROR, _FAMILY, "not a valid PO file: gettext would reject it")
CONFLICT = define("conflict", ERROR, _FAMILY, "git conflict markers are left in the file")
MISSING_FILE = define("missing-file", ERROR, _FAMILY,
                      "a configured language has no PO file for the document")
UNSAVED = define("unsaved", ERROR, _FAMILY,
                 "edits a review could not save, left beside the file as NAME.po.unsaved")
ORPHAN_FILE = define("orphan-file", WARNING, _FAMILY,
                     "a PO file without template or configured language")
HEADER = define("header", ERROR, _FAMILY,
                "Language not the folder's, charset not UTF-8, or Plural-Forms invalid")
MISSING = define("missing", ERROR, _FAMILY, "a segment of the template is missing from the PO")
EXTRA = define("extra", ERROR, _FAMILY, "the PO has a segment the template does not")
DUPLICATE = define("duplicate", ERROR, _FAMILY, "a segment id appears more than once")
OUTDATED = define("outdated", ERROR, _FAMILY, "the PO's source text differs from the template's")
CONFLICT_STATUS = define("conflict-status", ERROR, _FAMILY,
                         "a git merge met two texts for a segment: a person keeps one",
                         silenceable=False)
JOINED_ALONE = define("joined-alone", ERROR, _FAMILY,
                      "a segment joined to the one before has no text before it to carry it")
MERGE_DRIVER = define("merge-driver", WARNING, _FAMILY,
                      ".gitattributes names merge=transkit, this clone's git config has no "
                      "driver: git would merge PO files as text")

#: The ids of the checks whose findings mean a file could not be read at all (exit code 2).
UNREADABLE = frozenset({UNREADABLE_FILE.id, UNPARSEABLE.id, CONFLICT.id})

#: Git's conflict markers at the start of a line (``=======`` alone on its line).
CONFLICT_RE = re.compile(rb"^(?:<{7}(?: |$)|={7}$|>{7}(?: |$)|\|{7}(?: |$))", re.MULTILINE)


def conflict_lines(data: bytes) -> list[int]:
    """Lines (1-based) holding git conflict markers; fast on clean files."""
    if b"<<<<<<<" not in data and b">>>>>>>" not in data and b"=======" not in data:
        return []
    return [data.count(b"\n", 0, m.start()) + 1 for m in CONFLICT_RE.finditer(data)]


def merge_attribute_lines(gitattributes: str, driver: str) -> list[int]:
    """Lines (1-based) of a ``.gitattributes`` text that give some files the
    merge driver `driver` (``merge=DRIVER``); comments and macros aside."""
    wanted = f"merge={driver}"
    out: list[int] = []
    for n, line in enumerate(gitattributes.splitlines(), 1):
        fields = line.split()
        if fields and not fields[0].startswith(("#", "[attr]")) and wanted in fields[1:]:
            out.append(n)
    return out


def check_catalog(template: Catalog, catalog: Catalog, template_path: str = "") -> list[Problem]:
    """Missing, extra, duplicate and outdated segments of `catalog`."""
    out: list[Problem] = []
    expected: dict[str, str] = {}
    for t in template:
        expected.setdefault(t.id, t.source)
    seen: dict[str, int] = {}
    for e in catalog:
        if e.id in seen:
            out.append((DUPLICATE, f"segment {e.id} again (first at line {seen[e.id]})",
                        e.id, e.line))
            continue
        seen[e.id] = e.line
        source = expected.get(e.id)
        if source is None:
            out.append((EXTRA, f"segment {e.id} is not in the template", e.id, e.line))
        elif source != e.source:
            out.append((OUTDATED, f"segment {e.id}: source text differs from the template's "
                        "(re-import the document to update this file)", e.id, e.line))
    missing = [i for i in expected if i not in seen]
    if missing:
        lines = {t.id: t.line for t in template}
        for entry_id in missing:
            at = f" (template: {template_path}:{lines[entry_id]})" if template_path else ""
            out.append((MISSING, f"segment {entry_id} is missing{at}", entry_id, 0))
    return out


def check_template_ids(template: Catalog) -> list[Problem]:
    """Duplicate ids in the template itself."""
    out: list[Problem] = []
    seen: dict[str, int] = {}
    for t in template:
        if t.id in seen:
            out.append((DUPLICATE, f"segment {t.id} again in the template (first at line "
                        f"{seen[t.id]})", t.id, t.line))
        else:
            seen[t.id] = t.line
    return out


def check_header(catalog: Catalog, lang: str) -> list[Problem]:
    """Language matches the folder, charset is UTF-8, Plural-Forms is one msgfmt accepts.

    Plural-Forms is judged as ``msgfmt --check`` judges it (`transkit.plurals`),
    not against one language's rule: transkit refuses plural entries, so any
    valid rule (GNU's two forms for Spanish, CLDR's three) reads the same.
    """
    out: list[Problem] = []
    header = catalog.header
    declared = header.get("Language", "")
    if not declared:
        out.append((HEADER, f"no Language header (should be {lang})", "", 1))
    elif _norm_lang(declared) != _norm_lang(lang):
        out.append((HEADER, f"Language is {declared!r} but the file is in the {lang!r} folder",
                    "", 1))
    charset = _charset(header.get("Content-Type", ""))
    if not charset:
        out.append((HEADER, "no charset in Content-Type (should be UTF-8)", "", 1))
    elif charset.upper().replace("_", "-") not in ("UTF-8", "UTF8"):
        out.append((HEADER, f"charset is {charset!r}, not UTF-8", "", 1))
    plural = header.get("Plural-Forms")
    if plural is None:
        out.append((HEADER, f"no Plural-Forms header (msginit writes {plural_forms(lang)!r} "
                    f"for {lang})", "", 1))
    else:
        problem = plural_forms_problem(plural)
        if problem:
            out.append((HEADER, f"Plural-Forms {plural!r}: {problem} (msginit writes "
                        f"{plural_forms(lang)!r} for {lang})", "", 1))
    return out


def check_template_text(template: Catalog) -> list[Problem]:
    """Control characters, bidi controls and invisible marks in the template's
    sources and ids: they reach every translation and every terminal."""
    out: list[Problem] = []
    for t in template:
        for check, message in unsafe_problems(t.source, "the source"):
            out.append((check, message, t.id, t.line))
        for check, message in unsafe_problems(t.id, "the segment id"):
            out.append((check, message, t.id, t.line))
    return out


def _norm_lang(code: str) -> str:
    return code.strip().replace("-", "_").lower()


def _charset(content_type: str) -> str:
    m = re.search(r"charset=([^\s;]+)", content_type)
    return m.group(1) if m else ""
