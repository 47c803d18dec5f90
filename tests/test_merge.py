"""The three-way merge every writer of a PO file shares (`transkit.merge`)."""

from __future__ import annotations

import copy
from pathlib import Path

from gettext_tools import msgcat, msgfmt_check
from transkit.catalog import Catalog, Entry
from transkit.merge import (
    DRAFT,
    GIT,
    IMPORT,
    REVIEW,
    Side,
    add_alternative,
    alternatives,
    drop_alternative,
    merge,
)
from transkit.po import format_catalog, scan_catalog
from transkit.status import (
    Status,
    in_conflict,
    mark_approved,
    mark_draft,
    mark_stale,
    mark_translated,
    status_of,
)

HEADER = {
    "Language": "es",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}


def catalog(*entries: Entry) -> Catalog:
    return Catalog(dict(HEADER), list(entries))


def base_catalog() -> Catalog:
    return catalog(
        Entry("p-1", "One.", notes=["paragraph"]),
        Entry("p-2", "Two."),
        Entry("p-3", "Three."),
    )


def edit(cat: Catalog, entry_id: str, text: str, how=mark_translated, **kw) -> Catalog:
    out = copy.deepcopy(cat)
    for entry in out.entries:
        if entry.id == entry_id:
            entry.target = text
            how(entry, **kw) if how is not mark_draft else how(entry, "deepl")
    return out


def by_id(cat: Catalog) -> dict[str, Entry]:
    return {e.id: e for e in cat.entries if not e.obsolete}


def test_edits_of_different_segments_both_land() -> None:
    base = base_catalog()
    ours = edit(base, "p-1", "Uno.", mark_approved)
    theirs = edit(base, "p-2", "Dos.")
    result = merge(base, ours, theirs, REVIEW)
    got = by_id(result.catalog)
    assert got["p-1"].target == "Uno." and status_of(got["p-1"]) is Status.APPROVED
    assert got["p-2"].target == "Dos."
    assert [e.id for e in result.catalog.entries] == ["p-1", "p-2", "p-3"]
    assert result.conflicts == ()


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    base = base_catalog()
    ours = edit(base, "p-1", "Uno.", on="2026-12-01")
    theirs = edit(base, "p-1", "Uno.", on="2026-12-01")
    assert merge(base, ours, theirs, REVIEW).conflicts == ()


def test_review_keeps_ours_and_theirs_as_an_alternative() -> None:
    base = base_catalog()
    ours = edit(base, "p-1", "Uno, mío.")
    theirs = edit(base, "p-1", "Uno, suyo.", mark_approved, reviewer="bea")
    result = merge(base, ours, theirs, REVIEW)
    entry = by_id(result.catalog)["p-1"]
    assert entry.target == "Uno, mío."
    (conflict,) = result.conflicts
    assert conflict.kept is Side.OURS and conflict.lost.target == "Uno, suyo."
    (alt,) = alternatives(entry)
    assert (alt.text, alt.status, alt.by) == ("Uno, suyo.", "approved", "bea")


def test_draft_never_replaces_what_someone_wrote_meanwhile() -> None:
    base = base_catalog()
    ours = edit(base, "p-2", "Dos (máquina).", mark_draft)
    theirs = edit(base, "p-2", "Dos.", mark_approved)
    result = merge(base, ours, theirs, DRAFT)
    entry = by_id(result.catalog)["p-2"]
    assert entry.target == "Dos." and status_of(entry) is Status.APPROVED
    assert alternatives(entry) == []  # a machine draft can be made again
    assert result.conflicts[0].kept is Side.THEIRS


def test_git_rule_keeps_the_more_finished_translation() -> None:
    base = base_catalog()
    ours = edit(base, "p-3", "Tres.", mark_translated)
    theirs = edit(base, "p-3", "Tres!", mark_approved)
    entry = by_id(merge(base, ours, theirs, GIT).catalog)["p-3"]
    assert entry.target == "Tres!" and [a.text for a in alternatives(entry)] == ["Tres."]


def test_git_rule_marks_two_peoples_texts_as_a_conflict_until_one_is_approved() -> None:
    base = base_catalog()
    ours = edit(base, "p-3", "Tres.", mark_translated, translator="bo")
    theirs = edit(base, "p-3", "Tres!", mark_approved, reviewer="ana")
    entry = by_id(merge(base, ours, theirs, GIT).catalog)["p-3"]
    assert in_conflict(entry) and entry.fuzzy and status_of(entry) is Status.CONFLICT
    assert entry.meta["kept"] == "approved" and entry.meta["by"] == "ana"
    mark_approved(entry, "bo")  # a person settles it
    assert not in_conflict(entry) and status_of(entry) is Status.APPROVED


def test_git_rule_a_machine_draft_against_a_persons_text_is_no_conflict_mark() -> None:
    base = base_catalog()
    ours = edit(base, "p-3", "Tres (DeepL).", mark_draft)
    theirs = edit(base, "p-3", "Tres.", mark_translated)
    entry = by_id(merge(base, ours, theirs, GIT).catalog)["p-3"]
    assert entry.target == "Tres." and not in_conflict(entry) and alternatives(entry) == []


def test_git_rule_a_segment_removed_on_one_branch_and_changed_on_the_other_is_obsolete() -> None:
    base = base_catalog()
    reimported = copy.deepcopy(base)
    reimported.entries[2].obsolete = True
    translated = edit(base, "p-3", "Tres.", mark_approved)
    for ours, theirs in ((reimported, translated), (translated, reimported)):
        result = merge(base, ours, theirs, GIT).catalog
        assert [e.id for e in result] == ["p-1", "p-2"]
        assert [(e.id, e.target) for e in result.obsolete()] == [("p-3", "Tres.")]


def test_a_segment_missing_from_theirs_is_kept() -> None:
    """A file caught half-written, or an editor that dropped a line: no live
    segment is lost by a writer's merge."""
    base = base_catalog()
    ours = edit(base, "p-1", "Uno.")
    theirs = catalog(*copy.deepcopy(base.entries[:2]))
    assert [e.id for e in merge(base, ours, theirs, REVIEW).catalog.entries] == [
        "p-1",
        "p-2",
        "p-3",
    ]


def test_an_edit_of_a_segment_a_reimport_removed_becomes_obsolete() -> None:
    base = base_catalog()
    ours = edit(base, "p-2", "Dos.")
    theirs = catalog(*copy.deepcopy([base.entries[0], base.entries[2]]))
    theirs_ids = [e.id for e in theirs.entries]
    result = merge(
        base,
        ours,
        theirs,
        REVIEW,
    )
    assert result.orphaned == ("p-2",)
    kept = [e for e in result.catalog.entries if e.obsolete]
    assert [(e.id, e.target) for e in kept] == [("p-2", "Dos.")]
    assert [e.id for e in result.catalog.entries if not e.obsolete] == theirs_ids


def test_import_moves_and_inserts_while_a_reviewer_approves() -> None:
    base = base_catalog()
    ours = copy.deepcopy(base)  # the import: p-3 first, a new p-4 after p-1
    ours.entries = [ours.entries[2], ours.entries[0], Entry("p-4", "Four."), ours.entries[1]]
    theirs = edit(base, "p-2", "Dos.", mark_approved)
    result = merge(base, ours, theirs, IMPORT)
    assert [e.id for e in result.catalog.entries] == ["p-3", "p-1", "p-4", "p-2"]
    assert status_of(by_id(result.catalog)["p-2"]) is Status.APPROVED


def test_import_edits_a_source_a_reviewer_just_approved() -> None:
    base = edit(base_catalog(), "p-1", "Uno.", mark_translated)
    ours = copy.deepcopy(base)
    entry = by_id(ours)["p-1"]
    mark_stale(entry, entry.source)
    entry.source = "One, edited."
    theirs = edit(base, "p-1", "Uno, revisado.", mark_approved)
    merged = by_id(merge(base, ours, theirs, IMPORT).catalog)["p-1"]
    assert (merged.source, merged.target) == ("One, edited.", "Uno, revisado.")
    assert status_of(merged) is Status.STALE and merged.previous == "One."


def test_a_stale_copy_from_an_editor_does_not_undo_our_save() -> None:
    """An editor read the file before our save and rewrote it after, with an
    edit of its own: its copy of our segment is the version we replaced."""
    before = base_catalog()
    written = edit(before, "p-1", "Uno.", mark_approved)  # our save
    theirs = edit(before, "p-3", "Tres.")  # their rewrite, from the old copy
    result = merge(written, written, theirs, REVIEW, superseded={"p-1": [before.entries[0]]})
    got = by_id(result.catalog)
    assert status_of(got["p-1"]) is Status.APPROVED and got["p-3"].target == "Tres."
    assert result.reverted == ("p-1",) and result.conflicts == ()


def test_headers_merge_by_key() -> None:
    base = base_catalog()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.header["PO-Revision-Date"] = "2026-12-01 10:00+0000"
    theirs.header["Last-Translator"] = "bea"
    header = merge(base, ours, theirs, REVIEW).catalog.header
    assert header["PO-Revision-Date"] == "2026-12-01 10:00+0000"
    assert header["Last-Translator"] == "bea"


def test_alternatives_survive_gnu_tools_whatever_the_text(tmp_path: Path) -> None:
    entry = Entry("p-1", "One.", target="Uno.")
    mark_translated(entry)
    for text in ["C:\\", 'dice "no"\ny luego\\', "tab\there \x1b[2J", "}"]:
        loser = Entry("p-1", "One.", target=text)
        mark_translated(loser, "bea")
        add_alternative(entry, loser)
    path = tmp_path / "alt.po"
    path.write_text(format_catalog(catalog(entry)), encoding="utf-8")
    assert msgfmt_check(path).returncode == 0
    assert msgcat(path) == path.read_text(encoding="utf-8")
    back = scan_catalog(path.read_bytes(), path).entries[0]
    texts = [a.text for a in alternatives(back)]
    assert texts == ["C:\\", 'dice "no"\ny luego\\', "tab\there \x1b[2J", "}"]
    drop_alternative(back, "C:\\")
    assert alternatives(back)[0].text == 'dice "no"\ny luego\\'


def test_the_catalog_finds_entries_by_id_whatever_happened_to_the_list() -> None:
    cat = base_catalog()
    assert cat.get("p-2") is cat.entries[1] and cat.position("p-3") == 2
    cat.entries.insert(0, Entry("p-0", "Zero."))  # moved: the index follows
    assert cat.position("p-3") == 3 and cat.get("p-0") is cat.entries[0]
    cat.entries[1] = replaced = Entry("p-1", "One, again.")  # replaced in place
    assert cat.get("p-1") is replaced
    cat.entries[2].obsolete = True
    assert cat.get("p-2") is None and cat.get("nothing") is None


def test_a_conflict_is_its_own_status_ranked_above_a_draft_and_below_needs_work() -> None:
    """A machine draft never takes msgstr from two people's texts; a conflict met
    again keeps the kept text's own status; a moved source does not hide it."""
    from transkit.status import mark_conflict, mark_needs_work

    statuses = list(Status)
    assert statuses.index(Status.DRAFT) < statuses.index(Status.CONFLICT)
    assert statuses.index(Status.CONFLICT) < statuses.index(Status.NEEDS_WORK)
    base = base_catalog()
    ours = edit(base, "p-3", "Tres.", mark_translated, translator="bo")
    theirs = edit(base, "p-3", "Tres!", mark_approved, reviewer="ana")
    conflicted = merge(base, ours, theirs, GIT).catalog
    drafted = edit(base, "p-3", "Tres (DeepL).", mark_draft)
    entry = by_id(merge(base, drafted, conflicted, GIT).catalog)["p-3"]
    assert entry.target == "Tres!" and status_of(entry) is Status.CONFLICT
    mark_conflict(entry)  # met again
    assert entry.meta["kept"] == "approved"
    entry.previous = "Old three."
    assert status_of(entry) is Status.CONFLICT
    sent_back = edit(base, "p-3", "Tres?", mark_needs_work, reviewer="cy")
    entry = by_id(merge(base, conflicted, sent_back, GIT).catalog)["p-3"]
    assert entry.target == "Tres?" and entry.meta["kept"] == "needs-work"
    assert {(a.text, a.status) for a in alternatives(entry)} >= {("Tres!", "approved")}
