"""Checks on translations: what would embarrass the collective in print.

Pure functions over catalogs and entries (no I/O): `check_entry` for one
segment (the review screen's inline warnings), `check_translation` for one
PO file against its template (``transkit check``). Each family's checks are
defined in its own module (`structure`, `content`, `policy`) into one
registry, `CHECKS` (`findings`); `numbers` reads numbers for the content
check of that name; `report` renders.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from transkit.catalog import Catalog, Entry
from transkit.checks.content import (
    CONSISTENCY,
    CONTROL_CHARS,
    ON_SEGMENTS,
    QUOTES,
    EntryChecker,
    consistency,
    quotes_settled,
    unsafe_problems,
)
from transkit.checks.findings import (
    CHECKS,
    ERROR,
    INTERNAL,
    WARNING,
    Check,
    Finding,
    crash_message,
)
from transkit.checks.policy import (
    BAD_IGNORE,
    THRESHOLD,
    Policy,
    ignore_problems,
    silences,
    threshold_problems,
)
from transkit.checks.structure import (
    CONFLICT_STATUS,
    DUPLICATE,
    EXTRA,
    HEADER,
    JOINED_ALONE,
    MISSING,
    OUTDATED,
    UNREADABLE,
    check_catalog,
    check_header,
    check_template_ids,
    check_template_text,
)
from transkit.glossary import Glossary
from transkit.merge import alternatives
from transkit.status import (
    Override,
    Status,
    approved_over,
    carriers,
    covered_source,
    in_conflict,
    is_joined,
    status_of,
)
from transkit.template import entry_blocks

if TYPE_CHECKING:
    from transkit.document import Layout

__all__ = [
    "CHECKS",
    "ERROR",
    "INTERNAL",
    "UNREADABLE",
    "WARNING",
    "Check",
    "FileReport",
    "Finding",
    "Policy",
    "check_entry",
    "check_template",
    "check_translation",
]

_IGNORE = "transkit-ignore:"
_META = "transkit:"
#: What `check_catalog` checks, as a crash message names it.
_CATALOG_CHECKS = f"structure ({', '.join(c.id for c in (MISSING, EXTRA, DUPLICATE, OUTDATED))})"


@dataclass
class FileReport:
    """Everything `transkit check` learned about one PO file."""

    doc: str
    lang: str
    path: str
    findings: list[Finding] = field(default_factory=list)
    silenced: list[Finding] = field(default_factory=list)
    readable: bool = True
    total: int = 0
    translated: int = 0  # final: translated or approved (msgfmt's "translated")
    fuzzy: int = 0  # non-empty and fuzzy: drafts, needs-work, stale
    untranslated: int = 0
    approved: int = 0
    joined: int = 0  # no text of their own: the segment before covers them

    def counts(self) -> dict[str, int]:
        return {
            "segments": self.total,
            "translated": self.translated,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "approved": self.approved,
            "joined": self.joined,
        }


def check_entry(
    entry: Entry,
    *,
    source_lang: str,
    target_lang: str,
    glossary: Glossary | None = None,
    kind: str = "",
    policy: Policy | None = None,
    include_silenced: bool = False,
    block: Sequence[tuple[str, str, str]] = (),
) -> list[Finding]:
    """The content findings for one segment (nothing for an empty translation).

    `kind` is the block kind (``paragraph``, ``note``, ``byline``…) if known;
    `block`, the segments of its block as (id, source, translation), lets a
    quotation that spans segments count as the paragraph's (`quotes_settled`).
    Findings silenced by a ``transkit-ignore`` comment are left out unless
    `include_silenced` (they then carry the reason in ``silenced``).
    """
    if not entry.target:
        return []
    policy = policy or Policy()
    checker = EntryChecker(source_lang, target_lang, glossary, _enabled(policy))
    quiet = _silences(entry)
    out = []
    problems = checker.problems(entry.source, entry.target, kind or _kind(entry))
    if (
        block
        and any(check is QUOTES for check, _ in problems)
        and entry.id in quotes_settled(list(block))
    ):
        problems = [p for p in problems if p[0] is not QUOTES]
    for check, message in problems:
        f = check.finding(message, lang=target_lang, entry_id=entry.id, line=entry.line)
        f = f.with_severity(policy.severity_of(check.id))
        if check.id in quiet and check.silenceable:
            if include_silenced:
                out.append(_silenced(f, quiet[check.id]))
        else:
            out.append(f)
    return out


def check_template(
    template: Catalog, *, doc: str, path: str, policy: Policy | None = None
) -> FileReport:
    """The template's own problems: a segment id used twice, control characters
    or invisible marks in a source or id."""
    policy = policy or Policy()
    report = FileReport(doc, "", path)
    raw: list[Finding] = []
    for part, run in ((DUPLICATE, check_template_ids), (CONTROL_CHARS, check_template_text)):
        try:
            problems = run(template)
        except Exception as exc:  # a bug in one check must not hide the others
            problems = [(INTERNAL, crash_message(part.id, exc), "", 0)]
        raw += [
            check.finding(message, doc=doc, entry_id=entry_id, path=path, line=line)
            for check, message, entry_id, line in problems
        ]
    report.findings = policy.apply(raw)
    return report


def check_translation(
    template: Catalog,
    catalog: Catalog,
    *,
    doc: str,
    lang: str,
    source_lang: str,
    path: str,
    template_path: str = "",
    policy: Policy | None = None,
    glossary: Glossary | None = None,
) -> FileReport:
    """Check one PO file against its template: structure, header, every
    translated segment, consistency within the document, thresholds.

    A check that raises becomes an ``internal`` finding (on its segment, or on
    the file) naming it; every other check still runs.
    """
    policy = policy or Policy()
    report = FileReport(doc, lang, path)
    raw: list[Finding] = []

    def add(check: Check, message: str, entry_id: str = "", line: int = 0) -> None:
        raw.append(check.finding(message, doc=doc, lang=lang, entry_id=entry_id, path=path,
                                 line=line))

    def crashed(part: str, exc: Exception, entry_id: str = "", line: int = 0) -> None:
        add(INTERNAL, crash_message(part, exc), entry_id, line)

    if policy.enabled(HEADER.id):
        try:
            for check, message, entry_id, line in check_header(catalog, lang):
                add(check, message, entry_id, line)
        except Exception as exc:
            crashed(HEADER.id, exc, "", 1)
    try:
        for check, message, entry_id, line in check_catalog(template, catalog, template_path):
            add(check, message, entry_id, line)
    except Exception as exc:
        crashed(_CATALOG_CHECKS, exc)

    blocks = entry_blocks(template, strict=False)
    kinds = {e.id: layout.kind for layout, entries in blocks for e in entries}
    checker = EntryChecker(source_lang, lang, glossary, _enabled(policy))
    problems = checker.problems
    translated_entries: list[tuple[str, str, str, int]] = []
    quiet_by_id: dict[str, dict[str, str]] = {}
    overrides: dict[str, Override] = {}  # approved over these errors: still reported, and said
    quiet: dict[str, str] | None  # an entry's silences; a finding may be on no entry
    total = final = fuzzy = approved = 0
    # Segments joined to the one before: not missing, and the one before is
    # checked against the sources it covers (its numbers, references…).
    joins = carriers(catalog.entries) if any(is_joined(e) for e in catalog) else {}
    covered = {j.id: c for c, js in joins.items() if c for j in js}
    alone = {j.id for j in joins.get("", ())}  # joined, with no text before to carry them
    finished: dict[str, Status] = {}  # a carrier's status, for what it covers
    joined = joined_final = joined_approved = 0
    for e in catalog.entries:
        if e.obsolete:
            continue
        total += 1
        if not e.id.isprintable():
            for check, message in unsafe_problems(e.id, "the segment id"):
                add(check, message, e.id, e.line)
        comments = e.comments
        if comments and (len(comments) > 1 or not comments[0].startswith(_META)):
            try:
                quiet = _silences(e)
            except Exception as exc:
                crashed("transkit-ignore", exc, e.id, e.line)
                quiet = {}
            if quiet:
                quiet_by_id[e.id] = quiet
                for message in ignore_problems(quiet):
                    add(BAD_IGNORE, message, e.id, e.line)
        target = e.target
        if not target:
            carrier = covered.get(e.id)
            if carrier is not None:
                joined += 1
                status = finished.get(carrier, Status.UNTRANSLATED)
                joined_approved += status is Status.APPROVED
                joined_final += status.final
            elif e.id in alone:
                add(JOINED_ALONE, "joined to the segment before, which has no text here (or "
                    "starts a paragraph): nothing publishes it; unjoin it (Alt+U) or translate "
                    "the one before", e.id, e.line)
            continue
        source = covered_source(e, joins[e.id]) if e.id in joins else e.source
        if e.fuzzy:
            fuzzy += 1
            if comments and in_conflict(e):
                add(CONFLICT_STATUS, "translated differently on two branches: approve one "
                    f"text ({len(alternatives(e))} other kept as transkit-alt)", e.id, e.line)
        else:
            final += 1
            try:
                if status_of(e) is Status.APPROVED:
                    approved += 1
                    override = approved_over(e)
                    if override is not None:
                        overrides[e.id] = override
            except Exception as exc:
                crashed("approval", exc, e.id, e.line)
        if e.id in joins:
            finished[e.id] = status_of(e)
        translated_entries.append((e.id, source, target, e.line))
        for check, message in problems(source, target, kinds.get(e.id, "")):
            add(check, message, e.id, e.line)
    if any(f.check == QUOTES.id for f in raw):  # rare: the paragraphs are looked at only then
        quoted = _quotes_settled(blocks, translated_entries)
        raw = [f for f in raw if f.check != QUOTES.id or f.entry_id not in quoted]
    if policy.enabled(CONSISTENCY.id):
        try:
            for entry_id, line, message in consistency(translated_entries):
                add(CONSISTENCY, message, entry_id, line)
        except Exception as exc:
            crashed(CONSISTENCY.id, exc)
    report.total, report.translated, report.fuzzy = total, final, fuzzy
    report.untranslated = total - final - fuzzy - joined
    report.approved, report.joined = approved, joined
    # a joined segment is as finished as the segment that covers it
    for message in threshold_problems(
        policy, lang, total, approved + joined_approved, final + joined_final
    ):
        add(THRESHOLD, message)

    for f in policy.apply(raw):
        override = overrides.get(f.entry_id) if f.entry_id else None
        if override is not None and f.check in override.checks:
            f = replace(f, message=f"{f.message} ({override.note()})")
        quiet = quiet_by_id.get(f.entry_id) if f.entry_id else None
        if quiet and f.check in quiet and CHECKS[f.check].silenceable:
            report.silenced.append(_silenced(f, quiet[f.check]))
        else:
            report.findings.append(f)
    return report


# -- helpers ----------------------------------------------------------------------------


def _enabled(policy: Policy) -> set[str]:
    return {c.id for c in ON_SEGMENTS if policy.enabled(c.id)}


def _silences(entry: Entry) -> dict[str, str]:
    if not any(c.startswith(_IGNORE) for c in entry.comments):
        return {}
    return silences(entry.comments)


def _silenced(f: Finding, reason: str) -> Finding:
    return replace(f, silenced=reason or "(no reason given)")


def _kind(entry: Entry) -> str:
    note = entry.layout_note
    return _kind_of(note) if note else ""


@cache
def _kind_of(layout: str) -> str:
    """``quote > paragraph`` → ``paragraph``."""
    return layout.rsplit(">", 1)[-1].split()[0]


def _quotes_settled(
    blocks: list[tuple[Layout, list[Entry]]], translated: list[tuple[str, str, str, int]]
) -> set[str]:
    """`quotes_settled` over every block of the template, with the PO's texts."""
    texts = {entry_id: (source, target) for entry_id, source, target, _ in translated}
    settled: set[str] = set()
    for _, entries in blocks:
        if len(entries) > 1:
            block = [(e.id, *texts.get(e.id, (e.source, ""))) for e in entries]
            settled |= quotes_settled(block)
    return settled
