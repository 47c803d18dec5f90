"""Three-way merge of one document's catalogs, by segment id.

Every writer of a PO file merges the same way: the version it started from
(`base`), its own (`ours`) and what is on disk now (`theirs`, written by
anyone: the review app, ``draft``, an editor, ``git merge``). A segment only
one side changed takes that side's change; a segment both changed the same
way is that; a segment both changed differently is a `Conflict`, settled by
the writer's `Rule` — and the translation that lost is never thrown away: it
is kept on the winning entry as an alternative (``# transkit-alt: {…}``), in
the file, where every reviewer and every tool sees it and the review app can
restore it.

An entry has two halves that different writers own: the *source* half
(msgid, extracted notes, whether it is obsolete), which only ``import``
changes, and the *translation* half (msgstr, fuzzy, previous msgid,
translator comments, flags), which reviewers and drafts change. Each half
merges on its own, so an import that edits a source and a reviewer who
approves its translation meanwhile both keep their work.

Pure: no I/O.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum

from transkit.catalog import Catalog, Entry
from transkit.revision import LAST_TRANSLATOR, REVISION_DATE, later_revision
from transkit.status import Status, in_conflict, mark_conflict, status_of

ALT_PREFIX = "transkit-alt:"


class Side(Enum):
    OURS = "ours"
    THEIRS = "theirs"


def _source_half(e: Entry) -> tuple[object, ...]:
    return (e.source, tuple(e.notes), e.obsolete)


def _translation_half(e: Entry) -> tuple[object, ...]:
    return (e.target, e.fuzzy, e.previous, tuple(e.comments), tuple(e.flags))


def same(a: Entry | None, b: Entry | None) -> bool:
    """The same entry wherever each was read (the line number aside)."""
    if a is b:  # writers share unchanged entries (copy-on-write): the usual case
        return True
    if a is None or b is None:
        return False
    return _source_half(a) == _source_half(b) and _translation_half(a) == _translation_half(b)


@dataclass(frozen=True)
class Conflict:
    """One segment whose translation both sides changed, differently."""

    id: str
    base: Entry | None
    ours: Entry
    theirs: Entry
    kept: Side  # whose translation is in the merged file

    @property
    def lost(self) -> Entry:
        """The side whose translation was not kept (it stays as an alternative)."""
        return self.theirs if self.kept is Side.OURS else self.ours


#: Settles a translation conflict: (base, ours, theirs) -> whose half wins.
Resolver = Callable[[Entry | None, Entry, Entry], Side]


@dataclass(frozen=True)
class Rule:
    """How one kind of writer settles what both sides changed."""

    name: str
    translation: Resolver
    #: Whose source half wins when both changed it (only ``import`` changes sources).
    source: Side = Side.THEIRS
    #: Whether a live segment missing from `theirs` may be dropped. Only the
    #: template decides which segments exist; a translator's tool never
    #: deletes one, and a file caught half-written must not delete any.
    theirs_may_drop_live: bool = False
    #: Both sides are peers (two branches of a repository), neither owns the
    #: segments: a segment one side removed and the other changed is kept,
    #: obsolete, with the change; a translation combined with a source the
    #: other side changed is stale; the same text on both sides is no
    #: conflict; and two people's different texts are left for a person: the
    #: segment is marked `conflict` (fuzzy), the other text kept as an alternative.
    peers: bool = False


def _ours(base: Entry | None, ours: Entry, theirs: Entry) -> Side:
    return Side.OURS


def _theirs(base: Entry | None, ours: Entry, theirs: Entry) -> Side:
    return Side.THEIRS


_RANK = {status: rank for rank, status in enumerate(Status)}


def _more_finished(base: Entry | None, ours: Entry, theirs: Entry) -> Side:
    """The further-reviewed translation wins (approved over translated over
    draft…); on a tie, ours."""
    return Side.THEIRS if _RANK[status_of(theirs)] > _RANK[status_of(ours)] else Side.OURS


#: The reviewer's edit on screen goes to disk; what it replaced stays as an alternative.
REVIEW = Rule("review", _ours)
#: A machine draft never replaces what someone else wrote meanwhile.
DRAFT = Rule("draft", _theirs)
#: Import owns the sources and the set of segments; translations are the translators'.
IMPORT = Rule("import", _theirs, source=Side.OURS)
#: Two branches of a repository (the merge driver): the more finished
#: translation stays in msgstr, and a conflict between two people's texts is
#: marked on the segment for a person to settle.
GIT = Rule("git", _more_finished, source=Side.OURS, theirs_may_drop_live=True, peers=True)


@dataclass(frozen=True)
class Merge:
    """The merged catalog and what happened on the way."""

    catalog: Catalog
    conflicts: tuple[Conflict, ...] = ()
    #: Segments ours changed that are no longer in theirs (a re-import dropped them).
    orphaned: tuple[str, ...] = ()
    #: Stale copies recognised in theirs (an editor saving what it read before
    #: our last write): ours kept, nothing to tell.
    reverted: tuple[str, ...] = ()

    @property
    def changed_theirs(self) -> bool:
        return bool(self.conflicts or self.reverted)


@dataclass
class _Index:
    entries: dict[str, Entry] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)


def _key(entry: Entry) -> str:
    # An obsolete entry may share its id with a live one (a segment removed,
    # then added back); they are different records.
    return f"~{entry.id}\0{entry.source}" if entry.obsolete else entry.id


def _index(catalog: Catalog | None) -> _Index:
    index = _Index()
    for entry in catalog.entries if catalog else ():
        key = _key(entry)
        if key not in index.entries:
            index.entries[key] = entry
            index.order.append(key)
    return index


def merge(
    base: Catalog | None,
    ours: Catalog,
    theirs: Catalog,
    rule: Rule,
    *,
    superseded: Mapping[str, Iterable[Entry]] | None = None,
    who: str = "",
    when: str = "",
) -> Merge:
    """`theirs` with what `ours` changed since `base` put on it.

    `base` None means no common version is known: every difference is a
    conflict (as when two files meet for the first time). `superseded`
    gives, per id, versions of an entry that the writer itself has already
    replaced on disk: theirs equal to one of them is a stale copy (an editor
    that read the file before our last save and rewrote it after), not an
    edit, so ours stays. `who`/`when` are recorded on kept alternatives.
    """
    b, o, t = _index(base), _index(ours), _index(theirs)
    superseded = superseded or {}
    conflicts: list[Conflict] = []
    orphaned: list[str] = []
    reverted: list[str] = []
    merged: dict[str, Entry] = {}
    for key in _merge_order(b.order, o.order, t.order):
        be, oe, te = b.entries.get(key), o.entries.get(key), t.entries.get(key)
        if key in merged:
            continue  # an obsolete copy of a segment already kept as an orphan, with its change
        if te is not None and oe is not None:
            if any(same(te, old) for old in superseded.get(key, ())) and not same(te, be):
                reverted.append(key)
                te = be if be is not None else oe
            merged[key] = _merge_entry(be, oe, te, rule, conflicts, who, when)
        elif te is not None:  # not in ours
            if rule.peers and be is not None and not te.obsolete and not same(be, te):
                orphaned.append(te.id)  # changed by theirs, removed by a re-import on ours
                merged[f"~{te.id}\0{te.source}"] = replace(te, obsolete=True)
            elif be is None or not same(be, te) or rule.source is Side.THEIRS:
                merged[key] = te  # theirs added or changed it; only import removes segments
        elif oe is not None:  # not in theirs
            if be is None:
                merged[key] = oe  # ours added it
            elif not same(be, oe):
                if oe.obsolete or (rule.source is Side.OURS and not rule.peers):
                    merged[key] = oe
                else:  # changed by us, removed by a re-import: kept as obsolete (#~)
                    orphaned.append(oe.id)
                    merged[f"~{oe.id}\0{oe.source}"] = replace(oe, obsolete=True)
            elif not oe.obsolete and not rule.theirs_may_drop_live:
                merged[key] = oe  # a live segment is never dropped by a writer's copy
    header = _merge_header(base.header if base else {}, ours.header, theirs.header)
    header_comments = (
        ours.header_comments
        if base is not None and ours.header_comments != base.header_comments
        else theirs.header_comments
    )
    catalog = Catalog(header, list(merged.values()), list(header_comments))
    return Merge(catalog, tuple(conflicts), tuple(orphaned), tuple(reverted))


def _merge_entry(
    be: Entry | None,
    oe: Entry,
    te: Entry,
    rule: Rule,
    conflicts: list[Conflict],
    who: str,
    when: str,
) -> Entry:
    # Source half: obsolete/source/notes.
    src_o, src_t = _source_half(oe), _source_half(te)
    if src_o == src_t or (be is not None and src_o == _source_half(be)):
        source_from = te
    elif be is not None and src_t == _source_half(be):
        source_from = oe
    else:
        source_from = oe if rule.source is Side.OURS else te
    # Translation half.
    tr_o, tr_t = _translation_half(oe), _translation_half(te)
    if tr_o == tr_t or (be is not None and tr_o == _translation_half(be)):
        translation_from = te
    elif be is not None and tr_t == _translation_half(be):
        translation_from = oe
    elif rule.peers and oe.target == te.target:
        # The same text on both sides (approved on one, say): no conflict;
        # the more finished half, with the alternatives both kept.
        kept = rule.translation(be, oe, te)
        translation_from, other = (oe, te) if kept is Side.OURS else (te, oe)
        merged = replace(_combine(source_from, translation_from))
        _carry_alternatives(merged, other)
        return _stale_if_moved(merged, translation_from)
    else:
        kept = rule.translation(be, oe, te)
        conflict = Conflict(oe.id, be, oe, te, kept)
        conflicts.append(conflict)
        translation_from = oe if kept is Side.OURS else te
        merged = replace(_combine(source_from, translation_from))
        if rule.peers:
            _carry_alternatives(merged, conflict.lost)
        if _worth_keeping(conflict.lost) and conflict.lost.target != merged.target:
            add_alternative(merged, conflict.lost, who=who, when=when)
            if rule.peers and merged.target:
                mark_conflict(merged)
        return _stale_if_moved(merged, translation_from) if rule.peers else merged
    merged = _combine(source_from, translation_from)
    return _stale_if_moved(merged, translation_from) if rule.peers else merged


def _carry_alternatives(entry: Entry, other: Entry) -> None:
    """Put on `entry` the alternatives only `other` kept (both sides' are kept)."""
    for alt in alternatives(other):
        if alt.text != entry.target and all(a.text != alt.text for a in alternatives(entry)):
            line = next(c for c in other.comments
                        if c.startswith(ALT_PREFIX) and alt in _alts_of(c))
            entry.comments = [*entry.comments, line]


def _stale_if_moved(merged: Entry, translation_from: Entry) -> Entry:
    """A translation made for a source the other side has since changed is
    stale: it keeps the source it was made for (``#|``) and becomes fuzzy."""
    moved = merged.source != translation_from.source and not merged.obsolete
    if moved and merged.target and merged.previous is None:
        if merged is translation_from:
            merged = replace(merged, comments=list(merged.comments), flags=list(merged.flags))
        merged.previous = translation_from.source
        merged.fuzzy = True
    return merged


def _worth_keeping(entry: Entry) -> bool:
    """A person's text; a machine draft can be made again."""
    return bool(entry.target) and status_of(entry) is not Status.DRAFT


def _combine(source_from: Entry, translation_from: Entry) -> Entry:
    if source_from is translation_from:
        return source_from
    merged = replace(
        translation_from,
        source=source_from.source,
        notes=list(source_from.notes),
        obsolete=source_from.obsolete,
        comments=list(translation_from.comments),
        flags=list(translation_from.flags),
    )
    # An import that changed the source under a translation marks it stale:
    # keep that mark on whichever translation won.
    stale_mark = source_from.previous is not None and source_from.fuzzy
    if stale_mark and merged.previous is None and merged.target:
        merged.previous = source_from.previous
        merged.fuzzy = True
    return merged


def _merge_order(base: list[str], ours: list[str], theirs: list[str]) -> list[str]:
    """Reading order: theirs', unless only ours reordered; the other side's
    new keys go after the key they follow there."""
    common = set(ours) & set(theirs)
    o_common = [k for k in ours if k in common]
    t_common = [k for k in theirs if k in common]
    b_common = [k for k in base if k in common]
    ours_moved = o_common != b_common and t_common == b_common
    spine, other = (ours, theirs) if ours_moved else (theirs, ours)
    out = list(spine)
    placed = set(out)
    inserts: dict[str | None, list[str]] = {}
    before: str | None = None
    for key in other:
        if key in placed:
            before = key
            continue
        inserts.setdefault(before, []).append(key)
        placed.add(key)
    if not inserts:
        return out
    result = list(inserts.get(None, []))
    for key in out:
        result.append(key)
        result.extend(inserts.get(key, []))
    return result


def _merge_header(
    base: Mapping[str, str], ours: Mapping[str, str], theirs: Mapping[str, str]
) -> dict[str, str]:
    out = dict(theirs)
    for key, value in ours.items():
        if base.get(key) != value:
            out[key] = value  # ours changed it (or added it)
    for key in base:
        if key not in ours and theirs.get(key) == base[key]:
            out.pop(key, None)  # ours removed it, theirs left it alone
    later = later_revision(base, ours, theirs)
    if later is not None:  # both sides revised: the later revision, whichever side it is
        for key in (REVISION_DATE, LAST_TRANSLATOR):
            if key in later:
                out[key] = later[key]
    return out


# -- alternatives: a translation that lost a conflict, kept on the entry ------


@dataclass(frozen=True)
class Alternative:
    """A translation that lost a conflict, kept where a reviewer can restore it."""

    text: str
    status: str = ""
    by: str = ""
    date: str = ""


def alternatives(entry: Entry) -> list[Alternative]:
    """The alternatives kept on `entry`, oldest first."""
    out = []
    for comment in entry.comments:
        if comment.startswith(ALT_PREFIX):
            try:
                data = json.loads(comment[len(ALT_PREFIX) :])
                out.append(
                    Alternative(
                        str(data["text"]),
                        str(data.get("status", "")),
                        str(data.get("by", "")),
                        str(data.get("date", "")),
                    )
                )
            except (ValueError, KeyError, TypeError):
                continue  # a hand-mangled line: left in the file, not offered
    return out


def add_alternative(entry: Entry, loser: Entry, *, who: str = "", when: str = "") -> None:
    """Keep `loser`'s translation on `entry` (once), as one JSON comment line.

    JSON keeps it on one line, escapes control characters and ends in ``}``,
    never in a backslash that GNU tools would join with the next line.
    """
    if any(alt.text == loser.target for alt in alternatives(entry)):
        return
    meta = loser.meta
    # A text that was in conflict is recorded with its own status (``kept=``).
    status = meta.get("kept", "") if in_conflict(loser) else ""
    data = {
        "text": loser.target,
        "status": status or status_of(loser).value,
        "by": meta.get("by", who),
        "date": meta.get("date", when),
    }
    line = ALT_PREFIX + " " + json.dumps({k: v for k, v in data.items() if v}, ensure_ascii=False)
    entry.comments = [*entry.comments, line]


def drop_alternative(entry: Entry, text: str) -> None:
    """Forget the alternative with `text` (restored, or dismissed by a reviewer)."""
    entry.comments = [
        c
        for c in entry.comments
        if not (c.startswith(ALT_PREFIX) and any(a.text == text for a in _alts_of(c)))
    ]


def _alts_of(comment: str) -> list[Alternative]:
    return alternatives(Entry(id="", source="", comments=[comment]))
