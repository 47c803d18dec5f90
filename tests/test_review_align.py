"""Fixing an alignment in the review app, driven with Pilot: the aligned view
(least sure first), the neighbouring aligned text, join, unjoin and moving a
sentence, each saved through the store and undone with Ctrl+Z (#13)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual._xterm_parser import XTermParser

from review_helpers import review_app, run_app, saved, told
from transkit.catalog import Entry
from transkit.cli import main
from transkit.project import Project
from transkit.status import Status, is_joined, mark_draft, mark_translated, status_of
from transkit.tui.app import ReviewApp
from transkit.tui.screens.picker import PickerScreen

DOC = "strike"

ARTICLE = """\
# Oil workers strike

The strike began on 3 October 2022 in Asaluyeh. Workers at three plants stopped work.
They demanded higher wages.

Contract workers joined the strike. The government arrested 250 of them. Their families
protested in front of the governor's office in Bushehr.

Read more at https://example.org/strike.
"""

SPANISH = """\
# Huelga de los trabajadores del petróleo

La huelga comenzó el 3 de octubre de 2022 en Asaluyeh. Los trabajadores de tres
plantas dejaron de trabajar y exigieron salarios más altos.

Los trabajadores contratados se sumaron a la huelga. El gobierno detuvo a 250 de ellos.
Sus familias protestaron frente a la oficina del gobernador en Bushehr.

Más información en https://example.org/strike.
"""

# The segments, by position: 0 title; 1-3 the first paragraph; 4-6 the second; 7 the last.
STRIKE, WORKERS, DEMANDED = 1, 2, 3
CONTRACT, ARRESTED, FAMILIES = 4, 5, 6


@pytest.fixture
def project(make_project: Any, chdir: Path) -> Project:
    """The article aligned by the real `transkit align`: segment 3 ("They
    demanded higher wages") is joined to segment 2, whose Spanish sentence
    covers both."""
    (chdir / "article.md").write_text(ARTICLE, encoding="utf-8")
    (chdir / "es.md").write_text(SPANISH, encoding="utf-8")
    project: Project = make_project(chdir / "article.md", doc=DOC, languages="es,pt")
    assert main(["align", DOC, "--lang", "es", str(chdir / "es.md")]) == 0
    live = list(project.load_translation(DOC, "es"))
    assert is_joined(live[DEMANDED]), "the fixture needs align's 2:1 join"
    return project


def live(project: Project) -> list[Entry]:
    return list(project.load_translation(DOC, "es"))


def misalign(project: Project) -> None:
    """What a misalignment looks like: segment 4 holds its own sentence and
    segment 5's, segment 5 holds segment 6's, segment 6 is empty."""
    catalog = project.load_translation(DOC, "es")
    entries = list(catalog)
    texts = {
        CONTRACT: "Los trabajadores contratados se sumaron a la huelga. "
                  "El gobierno detuvo a 250 de ellos.",
        ARRESTED: "Sus familias protestaron frente a la oficina del gobernador en Bushehr.",
        FAMILIES: "",
    }
    for index, text in texts.items():
        entry = entries[index]
        entry.target = text
        if text:
            mark_draft(entry, "align", on="2026-12-01", confidence=f"0.{index}0")
        else:
            entry.fuzzy = False
            entry.set_meta(None)
    project.save_translation(DOC, "es", catalog)


def review(project: Project) -> ReviewApp:
    return review_app(project, DOC)


async def go(pilot: Any, index: int) -> None:
    """To segment `index` (0-based) with Ctrl+G, as a reviewer does."""
    await pilot.press("ctrl+g", *str(index + 1), "enter")
    assert pilot.app.session.index == index


# -- the aligned view ------------------------------------------------------------------


def test_the_aligned_view_lists_what_align_filled_least_sure_first(project: Project) -> None:
    misalign(project)
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("f4")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("0")  # the tenth choice: after the nine status filters
        s = app.session
        assert s.filter_name == "aligned"
        confidences = [s.confidence(i) for i in s.rows]
        assert confidences == sorted(confidences)  # type: ignore[type-var]
        # segment 6 was emptied: not aligned any more; the set misalignment comes first
        assert s.rows[:2] == [CONTRACT, ARRESTED]
        assert FAMILIES not in s.rows and 0 in s.rows
        assert s.index == CONTRACT  # the least sure, to start from
        assert "aligned" in app.w_header.render().plain
        # the list shows each row's confidence
        first_row = app.w_list.render_line(0).text
        assert "0.40" in first_row and "Contract workers" in first_row
        # a change does not make rows jump (as every filter), Ctrl+Z still works
        await pilot.press("alt+right")
        assert s.rows[:2] == [CONTRACT, ARRESTED]

    run_app(app, scenario)


def test_the_neighbouring_aligned_text_is_shown(project: Project) -> None:
    misalign(project)
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await go(pilot, ARRESTED)
        text = app.w_source.plain
        # the sentence that belongs here sits at the end of the segment before
        assert "prev 5 ~ 0.40: Los trabajadores contratados se sumaron a la huelga. " \
               "El gobierno detuvo a 250 de ellos." in text
        assert "next 7 ·: (untranslated)" in text
        await go(pilot, WORKERS)
        assert "next 4 ↑ 0." in app.w_source.plain  # the joined one after it, with its confidence
        assert "(joined to the segment before it)" in app.w_source.plain

    run_app(app, scenario)


def test_no_neighbours_where_nothing_is_aligned(make_project: Any) -> None:
    project = make_project(doc="sample")
    app = ReviewApp(project, "sample", "es", reviewer="Ana", cursor_blink=False,
                    watch_interval=0)

    async def scenario(pilot: Any) -> None:
        assert "prev " not in app.w_source.plain and "next " not in app.w_source.plain

    run_app(app, scenario)


# -- moving a sentence -------------------------------------------------------------------


@pytest.mark.parametrize("key", ["alt+right", "alt+l"])
def test_move_the_last_sentence_to_the_next_segment(project: Project, key: str) -> None:
    misalign(project)
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await go(pilot, ARRESTED)
        await pilot.press(key)  # "Sus familias…" goes on to segment 7
        await pilot.press("ctrl+g", *str(CONTRACT + 1), "enter", key)
        await saved(pilot)
        after = live(project)
        assert after[CONTRACT].target == "Los trabajadores contratados se sumaron a la huelga."
        assert after[ARRESTED].target == "El gobierno detuvo a 250 de ellos."
        assert after[FAMILIES].target.startswith("Sus familias protestaron")
        for k in (CONTRACT, ARRESTED, FAMILIES):  # a person's text now: translated, by them
            assert status_of(after[k]) is Status.TRANSLATED
            assert after[k].meta["by"] == "Ana Reviewer"
        assert app.session.index == CONTRACT  # the cursor stays
        assert app.w_editor.text == after[CONTRACT].target

        await pilot.press("ctrl+z")  # one step: both segments back
        await saved(pilot)
        back = live(project)
        assert back[CONTRACT].target.endswith("El gobierno detuvo a 250 de ellos.")
        assert back[ARRESTED].target == ""  # as the first move left it
        assert status_of(back[CONTRACT]) is Status.DRAFT
        assert status_of(back[ARRESTED]) is Status.UNTRANSLATED
        assert back[FAMILIES].target.startswith("Sus familias")  # the first move stands
        assert app.session.index == CONTRACT

        await pilot.press("ctrl+y")
        await saved(pilot)
        assert live(project)[ARRESTED].target == "El gobierno detuvo a 250 de ellos."

    run_app(app, scenario)


def test_move_the_first_sentence_to_the_previous_segment(project: Project) -> None:
    misalign(project)
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await go(pilot, CONTRACT)
        await pilot.press("alt+left")  # its first sentence to segment 4: not in its paragraph
        assert live(project)[CONTRACT].target.startswith("Los trabajadores contratados")
        await go(pilot, ARRESTED)
        await pilot.press("alt+left")
        await saved(pilot)
        after = live(project)
        assert after[CONTRACT].target.endswith(
            "El gobierno detuvo a 250 de ellos. Sus familias protestaron frente a la "
            "oficina del gobernador en Bushehr.")
        assert after[ARRESTED].target == ""
        assert status_of(after[ARRESTED]) is Status.UNTRANSLATED

    run_app(app, scenario)


def test_the_natural_split_of_two_sentences_typed_into_one_segment(project: Project) -> None:
    """Hand translation: two sentences written into one segment; the second
    goes to the next segment with one key."""
    catalog = project.load_translation(DOC, "es")
    entries = list(catalog)
    for k in (CONTRACT, ARRESTED, FAMILIES):
        entries[k].target = ""
        entries[k].fuzzy = False
        entries[k].set_meta(None)
    project.save_translation(DOC, "es", catalog)
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await go(pilot, CONTRACT)
        await pilot.press(*"Se sumaron. Fueron detenidos.")
        await pilot.press("alt+right")
        await saved(pilot)
        after = live(project)
        assert after[CONTRACT].target == "Se sumaron."
        assert after[ARRESTED].target == "Fueron detenidos."
        assert app.w_editor.text == "Se sumaron."

    run_app(app, scenario)


def test_a_move_across_a_paragraph_is_refused_in_words(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        messages = told(app)
        await go(pilot, FAMILIES)
        before = live(project)
        await pilot.press("alt+right")  # the next segment starts another paragraph
        assert messages == ["no segment there in this paragraph."]
        await saved(pilot)
        assert [e.target for e in live(project)] == [e.target for e in before]

    run_app(app, scenario)


# -- join and unjoin -----------------------------------------------------------------------


def test_join_with_previous_and_undo(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await go(pilot, ARRESTED)
        await pilot.press("alt+j")
        await saved(pilot)
        after = live(project)
        assert after[CONTRACT].target == ("Los trabajadores contratados se sumaron a la "
                                          "huelga. El gobierno detuvo a 250 de ellos.")
        assert status_of(after[CONTRACT]) is Status.TRANSLATED
        assert is_joined(after[ARRESTED])
        assert app.session.current_status is Status.JOINED
        assert app.w_editor.text == ""

        await pilot.press("ctrl+z")
        await saved(pilot)
        back = live(project)
        assert back[CONTRACT].target == "Los trabajadores contratados se sumaron a la huelga."
        assert back[ARRESTED].target == "El gobierno detuvo a 250 de ellos."
        assert status_of(back[CONTRACT]) is status_of(back[ARRESTED]) is Status.DRAFT

    run_app(app, scenario)


def test_join_by_hand_then_unjoin_splits_again(project: Project) -> None:
    catalog = project.load_translation(DOC, "es")
    entries = list(catalog)
    entries[CONTRACT].target = "Se sumaron."
    mark_translated(entries[CONTRACT], "Bo", on="2026-12-01")
    entries[ARRESTED].target = "Fueron detenidos."
    mark_translated(entries[ARRESTED], "Bo", on="2026-12-01")
    project.save_translation(DOC, "es", catalog)
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await go(pilot, ARRESTED)
        await pilot.press("alt+j")
        await saved(pilot)
        assert live(project)[CONTRACT].target == "Se sumaron. Fueron detenidos."
        await pilot.press("alt+u")
        await saved(pilot)
        after = live(project)
        assert after[CONTRACT].target == "Se sumaron."
        assert after[ARRESTED].target == "Fueron detenidos."
        assert status_of(after[ARRESTED]) is Status.TRANSLATED

    run_app(app, scenario)


def test_unjoin_what_align_joined(project: Project) -> None:
    """Align's 2:1: one Spanish sentence covers segments 2 and 3; unjoined,
    segment 3 is left to translate (the sentence cannot be split in two)."""
    app = review(project)

    async def scenario(pilot: Any) -> None:
        messages = told(app)
        await go(pilot, WORKERS)
        await pilot.press("alt+u")
        assert messages == ["not joined to the previous segment."]
        await go(pilot, DEMANDED)
        assert app.session.current_status is Status.JOINED
        await pilot.press("alt+u")
        await saved(pilot)
        after = live(project)
        assert not is_joined(after[DEMANDED])
        assert status_of(after[DEMANDED]) is Status.UNTRANSLATED
        assert after[WORKERS].target.startswith("Los trabajadores de tres")
        assert app.session.current_status is Status.UNTRANSLATED

        await pilot.press("ctrl+z")
        await saved(pilot)
        assert is_joined(live(project)[DEMANDED])

    run_app(app, scenario)


# -- keys as terminals send them ----------------------------------------------------------------


@pytest.mark.parametrize(("raw", "key"), [
    ("\x1b[1;3D", "alt+left"), ("\x1b[1;3C", "alt+right"),
    ("\x1bh", "alt+h"), ("\x1bl", "alt+l"), ("\x1bj", "alt+j"), ("\x1bu", "alt+u"),
])
def test_the_keys_are_what_terminals_send(raw: str, key: str) -> None:
    parser = XTermParser()
    keys = [getattr(e, "key", None) for e in [*parser.feed(raw), *parser.feed("")]]
    assert keys == [key]


# -- the session underneath (pure) ------------------------------------------------------------


def test_the_session_orders_the_aligned_view_and_finds_rows_in_it(project: Project) -> None:
    from transkit.align.edits import join_with_previous
    from transkit.tui.session import ReviewSession

    misalign(project)
    session = ReviewSession(project.load_translation(DOC, "es"))
    assert session.set_filter("aligned")
    assert session.rows[:2] == [CONTRACT, ARRESTED]
    assert session.row_of(ARRESTED) == 1 and session.row_of(FAMILIES) is None
    assert session.go_to(ARRESTED) and session.index == ARRESTED
    # one step however many segments it changed; undone, both come back
    live_entries = [session.entry(i) for i in range(len(session))]
    done = session.apply("join", join_with_previous(live_entries, ARRESTED).changed)
    assert [c.id for c in done] == [live_entries[ARRESTED].id, live_entries[CONTRACT].id]
    assert session.statuses[ARRESTED] is Status.JOINED
    undone = session.undo_step()
    assert {c.id for c in undone} == {live_entries[ARRESTED].id, live_entries[CONTRACT].id}
    assert session.entry(CONTRACT) is live_entries[CONTRACT]
    assert session.entry(ARRESTED) is live_entries[ARRESTED]
    assert session.index == ARRESTED and not session.can_undo
    assert len(session.redo_step()) == 2 and session.statuses[ARRESTED] is Status.JOINED
    assert not session.set_filter("conflict") and session.filter_name == "aligned"
    assert session.set_filter("all") and session.row_of(FAMILIES) == FAMILIES


def test_a_fix_up_that_demotes_an_approval_says_so(project: Project) -> None:
    from transkit.status import mark_approved

    catalog = project.load_translation(DOC, "es")
    mark_approved(list(catalog)[CONTRACT], "Bo", on="2026-12-01")
    project.save_translation(DOC, "es", catalog)
    app = review(project)

    async def scenario(pilot: Any) -> None:
        messages = told(app)
        await go(pilot, ARRESTED)
        await pilot.press("alt+left")  # into an approved text: it is demoted, and said
        assert len(messages) == 1 and "approved" in messages[0]
        await saved(pilot)
        assert status_of(live(project)[CONTRACT]) is Status.TRANSLATED
        await pilot.press("ctrl+z")
        await saved(pilot)
        assert status_of(live(project)[CONTRACT]) is Status.APPROVED
        await go(pilot, FAMILIES)
        await pilot.press("alt+j")  # between drafts: the pane shows it, nothing to say
        assert len(messages) == 1

    run_app(app, scenario)
