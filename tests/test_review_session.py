"""The review TUI's pure parts: session, outline, word diff, terms, keys, saving."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from gettext_tools import msgfmt_check
from review_helpers import entries
from transkit.catalog import Catalog, Entry
from transkit.po import format_catalog, scan_catalog, write_catalog
from transkit.status import Status, mark_approved, mark_draft, status_of
from transkit.tui.keys import KEY_IDS, KEYS
from transkit.tui.outline import Outline
from transkit.tui.safe import shown
from transkit.tui.session import FILTERS, ReviewSession
from transkit.tui.store import head_cut
from transkit.tui.terms import TermMatcher
from transkit.tui.worddiff import word_diff


def session_of(*statuses: str) -> ReviewSession:
    """A session whose segments have these statuses ("-" untranslated)."""
    catalog = entries(*(f"Sentence number {k}." for k in range(len(statuses))))
    for entry, status in zip(catalog.entries, statuses, strict=True):
        if status == "-":
            continue
        entry.target = f"Frase {entry.id}"
        if status == "approved":
            mark_approved(entry, "x")
        elif status == "draft":
            mark_draft(entry, "deepl")
    return ReviewSession(catalog)


# -- moving and finding ------------------------------------------------------------


def test_next_unfinished_skips_approved_and_wraps() -> None:
    s = session_of("-", "approved", "approved", "draft")
    assert s.index == 0
    assert s.next_unfinished() and s.index == 3
    assert s.next_unfinished() and s.index == 0  # wraps around


def test_next_unfinished_when_all_are_approved() -> None:
    s = session_of("approved", "approved")
    assert not s.next_unfinished()
    assert s.index == 0


def test_move_stops_at_the_ends() -> None:
    s = session_of("-", "-")
    assert not s.move(-1)
    assert s.move(1) and s.index == 1
    assert not s.move(1)


def test_filter_shows_only_matching_rows_and_refuses_an_empty_view() -> None:
    s = session_of("-", "draft", "approved", "draft")
    assert s.set_filter("draft")
    assert s.rows == [1, 3]
    assert not s.set_filter("stale")
    assert s.filter_name == "draft" and s.rows == [1, 3]
    assert set(FILTERS["unfinished"]) == set(Status) - {Status.APPROVED, Status.JOINED}


def test_filtered_rows_stay_put_when_a_status_changes() -> None:
    s = session_of("-", "draft", "draft")
    s.set_filter("draft")
    s.approve("ana")
    assert s.rows == [1, 2]  # the approved row is still shown until the filter is set again
    assert s.statuses[1] is Status.APPROVED


def test_go_to_a_hidden_segment_clears_the_filter() -> None:
    s = session_of("-", "draft", "-")
    s.set_filter("draft")
    assert s.go_to(2) is False
    assert s.filter_name == "all" and s.index == 2


def test_search_finds_source_and_translation_in_any_case() -> None:
    s = session_of("-", "draft", "-")
    assert s.search("SENTENCE NUMBER 2") and s.index == 2
    assert s.search("frase p-01") and s.index == 1
    assert not s.search("nowhere")
    assert s.index == 1


def test_search_backwards() -> None:
    s = session_of("-", "-", "-")
    assert s.search("sentence", forward=False) and s.index == 2


def test_resolve_by_number_or_id() -> None:
    s = session_of("-", "-", "-")
    assert s.resolve("2") == 1
    assert s.resolve("p-02") == 2
    assert s.resolve("4") is None
    assert s.resolve("0") is None
    assert s.resolve("nope") is None


# -- changing ------------------------------------------------------------------------


def test_editing_marks_translated_and_counts_follow() -> None:
    s = session_of("-", "draft")
    change = s.set_target("Hola.", "ana")
    assert change is not None and change.id == "p-00"
    assert status_of(s.current) is Status.TRANSLATED
    assert s.current.meta["by"] == "ana"
    assert s.counts[Status.TRANSLATED] == 1 and s.counts[Status.UNTRANSLATED] == 0


def test_the_same_text_is_no_change() -> None:
    s = session_of("draft")
    assert s.set_target(s.current.target) is None
    assert s.statuses[0] is Status.DRAFT


def test_emptying_a_translation_leaves_no_status_behind() -> None:
    s = session_of("approved")
    s.set_target("")
    assert s.current.meta == {} and not s.current.fuzzy
    assert s.statuses[0] is Status.UNTRANSLATED


def test_changes_are_copy_on_write() -> None:
    s = session_of("draft")
    before = s.current
    snapshot = list(s.catalog.entries)
    s.approve("ana")
    assert snapshot[0] is before and before.fuzzy  # the old object is untouched
    assert s.current is not before and not s.current.fuzzy


def test_approve_and_needs_work_refuse_an_empty_translation() -> None:
    s = session_of("-")
    assert s.approve("ana") is None
    assert s.needs_work("ana") is None
    assert s.statuses[0] is Status.UNTRANSLATED


def test_needs_work_is_fuzzy_and_keeps_the_text() -> None:
    s = session_of("approved")
    s.needs_work("ana")
    assert s.statuses[0] is Status.NEEDS_WORK
    assert s.current.fuzzy and s.current.target == "Frase p-00"


def test_restore_draft_makes_a_draft_again() -> None:
    s = session_of("draft")
    s.set_target("Mi versión.")
    s.restore_draft("Machine text.")
    assert s.current.target == "Machine text."
    assert s.statuses[0] is Status.DRAFT


def test_undo_and_redo_move_to_the_segment_they_change() -> None:
    s = session_of("-", "draft")
    s.go_row(1)
    s.approve("ana")
    s.go_row(0)
    change = s.undo()
    assert change is not None and change.id == "p-01"
    assert s.index == 1 and s.statuses[1] is Status.DRAFT
    assert s.redo() is not None
    assert s.statuses[1] is Status.APPROVED
    assert s.undo() is not None and s.undo() is None  # nothing more


def test_a_new_change_clears_redo() -> None:
    s = session_of("draft")
    s.approve()
    s.undo()
    s.set_target("Otra.")
    assert s.redo() is None


def test_typing_in_one_segment_is_one_undo_step() -> None:
    s = session_of("-")
    for text in ("H", "Ho", "Hol", "Hola"):
        s.set_target(text, typing=True)
    s.undo()
    assert s.current.target == "" and s.statuses[0] is Status.UNTRANSLATED
    assert s.undo() is None


def test_typing_after_moving_is_a_new_undo_step() -> None:
    s = session_of("-", "-")
    s.set_target("Uno", typing=True)
    s.move(1)
    s.move(-1)
    s.set_target("Uno más", typing=True)
    s.undo()
    assert s.current.target == "Uno"


def test_adopt_keeps_the_current_segment_and_filter() -> None:
    s = session_of("-", "draft", "draft")
    s.set_filter("draft")
    s.go_row(1)
    fresh = entries("New first.", "Sentence number 0.", "Sentence number 1.", "Sentence number 2.")
    fresh.entries[0].id = "p-new"
    for e in fresh.entries[2:]:
        e.target = "t"
        mark_draft(e, "deepl")
    s.adopt(fresh)
    assert s.current.id == "p-02"
    assert s.filter_name == "draft"


# -- the other pure parts -------------------------------------------------------------


def test_outline_gives_heading_paths_blocks_and_previews() -> None:
    catalog = Catalog(entries=[
        Entry("t-1", "Title", notes=["title"]),
        Entry("h-1", "Part one", notes=["heading 2"]),
        Entry("p-1", "First.", notes=["paragraph"]),
        Entry("p-2", "Second.", notes=[]),
        Entry("h-2", "Detail", notes=["heading 3"]),
        Entry("p-3", "Third.", notes=["quote > paragraph"]),
        Entry("h-3", "Part two", notes=["heading 2"]),
        Entry("p-4", "Fourth.", notes=["paragraph"]),
        Entry("n-1", "A note.", notes=["note 1"]),
    ])
    outline = Outline(catalog)
    info, position = outline.block_of("p-2")
    assert info.headings == ("Part one",) and info.ids == ("p-1", "p-2") and position == 1
    assert outline.block_of("p-3")[0].headings == ("Part one", "Detail")
    assert outline.block_of("p-4")[0].headings == ("Part two",)
    assert outline.block_of("n-1")[0].headings == ("Notes",)
    assert str(outline.block_of("p-3")[0].layout) == "quote > paragraph"
    block = outline.preview("p-2", {"p-1": "Primero."})
    assert block is not None and block.segments == ["Primero.", "Second."]
    assert outline.block_of("nope") is None


def test_word_diff_marks_changed_words_only() -> None:
    ops = word_diff("The strike spread to three plants.", "The strike spread to four plants.")
    assert ops == [("equal", "The strike spread to "), ("delete", "three"),
                   ("insert", "four"), ("equal", " plants.")]
    assert word_diff("same", "same") == [("equal", "same")]


def test_terms_match_whole_words_longest_first_any_case() -> None:
    matcher = TermMatcher([("oil", "petróleo"), ("oil workers", "trabajadores petroleros"),
                           ("strike", "huelga")])
    hits = matcher.find("Oil workers toil; the STRIKE goes on. oil!")
    assert [(h.source, h.target) for h in hits] == [
        ("oil workers", "trabajadores petroleros"), ("strike", "huelga"), ("oil", "petróleo")]
    assert hits[0].start == 0 and hits[0].end == len("Oil workers")
    assert not TermMatcher([]) and TermMatcher([]).find("anything") == []


def test_shown_makes_control_characters_visible_without_changing_length() -> None:
    text = "a\x1b[31mb\x07c\u202ed\x9b"
    assert shown(text) == "a␛[31mb␇c�d�"
    assert len(shown(text)) == len(text)
    assert shown("two\nlines", one_line=True) == "two⏎lines"
    assert shown("two\nlines") == "two\nlines"


def test_every_key_has_a_unique_id_and_the_brief_keys_are_bound() -> None:
    assert len(KEY_IDS) == len(KEYS)
    keys = {k.id: k.keys for k in KEYS}
    assert keys["approve"] == "ctrl+enter,ctrl+j"
    assert keys["next"].startswith("ctrl+down") and keys["previous"].startswith("ctrl+up")
    assert keys["copy_source"] == "ctrl+b" and keys["restore_draft"] == "ctrl+r"
    assert keys["goto"] == "ctrl+g" and keys["quit"] == "ctrl+q" and keys["help"] == "f1"
    assert keys["search"] == "ctrl+f" and keys["search_next"] == "f3"
    assert keys["list.search"] == "slash" and keys["list.help"] == "question_mark"
    assert keys["list.approve"] == "a"
    assert keys["list.previous_language"] == "left_square_bracket"


def _catalog_text() -> Catalog:
    catalog = entries("One sentence that is long enough to be wrapped by the GNU writer "
                      "because it goes on and on.", "Two.", "Three \"quoted\"\nwith a newline.")
    catalog.header = {"Project-Id-Version": "x", "Language": "es",
                      "Content-Type": "text/plain; charset=UTF-8"}
    catalog.header_comments = ["A header comment"]
    catalog.entries[1].target = "Dos."
    mark_draft(catalog.entries[1], "deepl")
    catalog.entries.append(Entry("p-old", "Old.", "Viejo.", obsolete=True))
    catalog.entries.append(Entry("p-gone", "Gone.", "", obsolete=True))
    return catalog


def test_head_cut_ends_after_whole_entries() -> None:
    text = format_catalog(_catalog_text()).encode()
    cut = head_cut(text, 2)
    assert cut is not None
    head = scan_catalog(text[:cut], "x.po")
    assert [e.id for e in head.entries] == ["p-00", "p-01"]
    assert head_cut(text, 50) is None


# -- newlines: only what msgfmt --check accepts is ever saved ---------------------------------


def newline_session() -> ReviewSession:
    """Sources without, ending with, starting with, and both, a newline."""
    return ReviewSession(entries("Plain.", "Ends in a newline.\n", "\nStarts with one.",
                                 "\nBoth.\n"))  # fmt: skip


def test_a_stray_enter_at_the_end_is_not_saved() -> None:
    s = newline_session()
    change = s.set_target("Simple.\n", typing=True)
    assert change is not None and s.current.target == "Simple."
    assert s.set_target("Simple.\n\n") is None  # the same translation: no change
    assert s.set_target("Simple.\nY más.\n").after.target == "Simple.\nY más."  # inside stays
    assert s.set_target("\n\nSimple.").after.target == "Simple."
    assert s.set_target("\n\n") is not None and s.current_status is Status.UNTRANSLATED


@pytest.mark.parametrize(
    ("index", "typed", "saved"),
    [
        (1, "Termina en salto.", "Termina en salto.\n"),
        (1, "Termina en salto.\n\n", "Termina en salto.\n\n"),
        (2, "Empieza con uno.", "\nEmpieza con uno."),
        (2, "Empieza con uno.\n", "\nEmpieza con uno."),
        (3, "Ambos.", "\nAmbos.\n"),
        (3, "\nAmbos.\n", "\nAmbos.\n"),
    ],
)
def test_the_translation_gets_the_newlines_of_its_source(index: int, typed: str,
                                                         saved: str) -> None:
    s = newline_session()
    s.go_to(index)
    assert s.set_target(typed).after.target == saved
    assert s.current_status is Status.TRANSLATED


def test_approving_or_restoring_a_draft_fits_its_newlines() -> None:
    catalog = entries("Plain.", "Ends in a newline.\n")
    for entry, text in zip(catalog.entries, ("Borrador.\n", "Borrador."), strict=True):
        entry.target = text  # as a tool that does not know msgfmt's rule drafted it
        mark_draft(entry, "deepl")
    s = ReviewSession(catalog)
    assert s.approve().after.target == "Borrador."
    s.go_to(1)
    assert s.restore_draft("Otro borrador.").after.target == "Otro borrador.\n"
    assert s.approve().after.target == "Otro borrador.\n"
    assert s.counts[Status.APPROVED] == 2


def test_whatever_is_typed_the_saved_file_passes_msgfmt_check(tmp_path: Path) -> None:
    s = newline_session()
    typed = ["Simple.\n", "Sin salto", "Sin salto\n\n", "\n\nx\n\n", "\n", "a\nb\n", "\nb"]
    for index in range(len(s)):
        s.go_to(index)
        for text in typed:
            s.set_target(text)
            if s.current.target:
                s.approve()
            path = tmp_path / "es.po"
            write_catalog(path, s.catalog)
            check = msgfmt_check(path)
            assert check.returncode == 0, (index, text, check.stderr)


def test_restoring_a_kept_alternative_keeps_the_text_it_replaces() -> None:
    from transkit.merge import add_alternative, alternatives

    catalog = entries("One.", "Two.")
    first = catalog.entries[0]
    first.target = "Uno (Bea)."
    mark_approved(first, "Bea")
    loser = Entry(first.id, first.source, "Uno (Ana).")
    mark_approved(loser, "Ana")
    add_alternative(first, loser)
    session = ReviewSession(catalog)
    assert session.restore_alternative("Nothing kept like this.", "Ana") is None
    change = session.restore_alternative("Uno (Ana).", "Ana")
    assert change is not None and change.before is first  # copy-on-write
    now = session.current
    assert now.target == "Uno (Ana)." and status_of(now) is Status.TRANSLATED
    assert [a.text for a in alternatives(now)] == ["Uno (Bea)."]
    session.undo()
    assert session.current is first


def _conflicted() -> Catalog:
    """Segment 1 of two as a git merge leaves it: Bea's approved text kept,
    Ana's other text an alternative, fuzzy and marked conflict."""
    from transkit.merge import GIT, merge

    base = entries("One.", "Two.")
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    for catalog, text, who in ((ours, "Dos (Ana).", "Ana"), (theirs, "Dos (Bea).", "Bea")):
        catalog.entries[1].target = text
        mark_approved(catalog.entries[1], who)
    return merge(base, ours, theirs, GIT).catalog


def test_a_conflict_has_its_own_status_filter_and_counts() -> None:
    session = ReviewSession(_conflicted())
    assert session.statuses == [Status.UNTRANSLATED, Status.CONFLICT]
    assert session.counts[Status.CONFLICT] == 1
    assert session.next_with(FILTERS["conflict"]) and session.index == 1
    assert Status.CONFLICT in FILTERS["unfinished"]
    assert session.set_filter("conflict") and session.rows == [1]


@pytest.mark.parametrize("take_other", [False, True])
def test_a_conflict_is_settled_by_approving_or_by_taking_the_other_text(
    take_other: bool, tmp_path: Path
) -> None:
    """Either way the conflict mark goes and the text not chosen stays as an
    alternative (for the record, and to change one's mind with Ctrl+T)."""
    from transkit.merge import alternatives
    from transkit.status import in_conflict

    session = ReviewSession(_conflicted())
    session.go_to(1)
    kept, other = session.current.target, alternatives(session.current)[0]
    assert other.status == "approved"  # its own status, not "conflict"
    if take_other:
        assert session.restore_alternative(other.text, "Cy") is not None
        assert status_of(session.current) is Status.TRANSLATED
        assert not in_conflict(session.current)
        (back,) = alternatives(session.current)
        assert (back.text, back.status) == (kept, "approved")
    assert session.approve("Cy") is not None
    now = session.current
    assert status_of(now) is Status.APPROVED and not in_conflict(now) and not now.fuzzy
    assert now.target == (other.text if take_other else kept)
    assert [a.text for a in alternatives(now)] == [kept if take_other else other.text]
    assert not any("conflict" in c for c in now.comments if c.startswith("transkit:"))
    path = tmp_path / "es.po"
    write_catalog(path, session.catalog)
    assert msgfmt_check(path).returncode == 0
