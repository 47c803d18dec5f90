"""``PO-Revision-Date`` and ``Last-Translator``, kept as Poedit keeps them.

A save that changes a translation (its text or its status) stamps the
header with the time and the translator; a save that changes nothing
changes no byte. Only the store stamps (`transkit.store.Store.save`), for
the writers that translate (the review app, ``draft``), never ``import``,
which changes sources.

When two versions of a file meet (`transkit.merge`, the git merge driver
among them) and both stamped, the later revision wins, its translator with
it: the same header whichever branch is merged into which, and no
``CONFLICT`` for a header field. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from transkit.catalog import Catalog

REVISION_DATE = "PO-Revision-Date"
LAST_TRANSLATOR = "Last-Translator"
#: GNU's and Poedit's form: ``2026-12-02 01:15+0100``.
DATE_FORMAT = "%Y-%m-%d %H:%M%z"
# Where a missing field goes: before the first of these the header has.
_AFTER = {
    REVISION_DATE: ("Last-Translator", "Language-Team", "Language", "MIME-Version"),
    LAST_TRANSLATOR: ("Language-Team", "Language", "MIME-Version"),
}


def revision_date(now: datetime) -> str:
    """`now` (timezone-aware) as a PO header writes it."""
    return now.strftime(DATE_FORMAT)


def translations_changed(before: Catalog | None, after: Catalog) -> bool:
    """Whether `after` changes a translation of `before`: a live segment's
    text, fuzzy flag or translator comments (where its status is kept)."""
    old = {e.id: e for e in before.entries if not e.obsolete} if before is not None else {}
    for e in after.entries:
        if e.obsolete:
            continue
        o = old.get(e.id)
        if o is e:  # shared, unchanged (copy-on-write): the usual case
            continue
        if o is None:
            if e.target:
                return True
        elif o.target != e.target or o.fuzzy != e.fuzzy or o.comments != e.comments:
            return True
    return False


def revised(catalog: Catalog, date: str, translator: str = "") -> Catalog:
    """`catalog` with its header stamped: `date`, and `translator` unless empty
    (an unknown translator leaves the field as it is). A new Catalog sharing
    the entries: a version a writer holds is never changed in place."""
    header = _with(dict(catalog.header), REVISION_DATE, date)
    if translator:
        header = _with(header, LAST_TRANSLATOR, translator)
    return Catalog(header, list(catalog.entries), list(catalog.header_comments))


def _with(header: dict[str, str], key: str, value: str) -> dict[str, str]:
    if key in header:
        header[key] = value
        return header
    before = next((k for k in _AFTER[key] if k in header), None)
    if before is None:
        header[key] = value
        return header
    out: dict[str, str] = {}
    for k, v in header.items():
        if k == before:
            out[key] = value
        out[k] = v
    return out


def later_revision(
    base: Mapping[str, str], ours: Mapping[str, str], theirs: Mapping[str, str]
) -> Mapping[str, str] | None:
    """Of two headers that both changed the revision date since `base`, the
    later one's (ties broken by the text, so the choice is the same either
    way round); None when at most one side changed it."""
    a, b = ours.get(REVISION_DATE), theirs.get(REVISION_DATE)
    if a == b or a == base.get(REVISION_DATE) or b == base.get(REVISION_DATE):
        return None
    return max((ours, theirs), key=_revision_key)


def _revision_key(header: Mapping[str, str]) -> tuple[float, str, str]:
    date = header.get(REVISION_DATE, "")
    try:
        moment = datetime.strptime(date.strip(), DATE_FORMAT).timestamp()
    except ValueError:  # YEAR-MO-DA HO:MI+ZONE, a hand-written value: older than any
        moment = float("-inf")
    return moment, date, header.get(LAST_TRANSLATOR, "")


def carried(ours: Catalog, theirs: Catalog) -> Catalog:
    """`ours` with the revision fields `theirs` (the file on disk) holds: only
    the store stamps them, so a writer's copy of the header, read before its
    last save was stamped, never turns them back."""
    fields = {k: theirs.header[k] for k in (REVISION_DATE, LAST_TRANSLATOR) if k in theirs.header}
    if all(ours.header.get(k) == v for k, v in fields.items()):
        return ours
    header = dict(ours.header)
    for key, value in fields.items():
        header = _with(header, key, value)
    return Catalog(header, list(ours.entries), list(ours.header_comments))
