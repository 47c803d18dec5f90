"""Approvals that mean what they say: over an error the app asks once and
records the answer (and `check` still reports the finding, saying so); the
messages after an approval count the whole document, not the filter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from review_helpers import SAMPLE_PLAN, give_statuses, review_app, run_app, saved, told
from transkit.catalog import Entry
from transkit.cli import main
from transkit.project import Project
from transkit.status import Status, approved_over, mark_approved, status_of
from transkit.tui.app import ReviewApp
from transkit.tui.screens.confirm import ConfirmApprovalScreen
from transkit.tui.session import ReviewSession

DOC = "sample"
FOOTNOTED = 8  # “They called for further strikes.”[^2]


@pytest.fixture
def project(make_project: Callable[..., Project]) -> Project:
    project = make_project()
    give_statuses(project, DOC, "es", SAMPLE_PLAN)
    return project


def review(project: Project, **options: Any) -> ReviewApp:
    return review_app(project, DOC, **options)


def entry_on_disk(project: Project, index: int) -> Entry:
    return list(project.load_translation(DOC, "es"))[index]


async def at_footnoted_segment_missing_its_reference(pilot: Any) -> None:
    await pilot.press("ctrl+g", *str(FOOTNOTED + 1), "enter")
    await pilot.press("ctrl+a", *"Pidieron más huelgas.")
    await pilot.pause(0.1)  # the typing is committed: translated


# -- errors are never approved by accident ------------------------------------------------


@pytest.mark.parametrize("back", ["escape", "n", "enter", "ctrl+j", "a"])
def test_approving_over_an_error_asks_and_a_reflex_key_goes_back(project: Project,
                                                                 back: str) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await at_footnoted_segment_missing_its_reference(pilot)
        await pilot.press("ctrl+j")
        assert isinstance(app.screen, ConfirmApprovalScreen)
        shown = str(app.screen.query_one("#confirm-findings").render())
        assert "placeholders" in shown and "missing [^2]" in shown
        await pilot.press(back)
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmApprovalScreen)
        assert app.session.index == FOOTNOTED  # still here, to fix it
        assert app.screen.focused is app.w_editor
        await saved(pilot)

    run_app(app, scenario)
    assert status_of(entry_on_disk(project, FOOTNOTED)) is Status.TRANSLATED


def test_approving_anyway_is_recorded_shown_and_reported_by_check(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await at_footnoted_segment_missing_its_reference(pilot)
        await pilot.press("ctrl+j", "y")
        await saved(pilot)
        assert app.session.index != FOOTNOTED  # on to the next unfinished
        await pilot.press("ctrl+g", *str(FOOTNOTED + 1), "enter")
        await pilot.pause()
        assert "approved anyway by Ana Reviewer" in app.w_checks.plain
        assert "missing [^2]" in app.w_checks.plain

    run_app(app, scenario)
    entry = entry_on_disk(project, FOOTNOTED)
    assert status_of(entry) is Status.APPROVED
    assert entry.meta["over"] == "placeholders"
    capsys.readouterr()
    assert main(["check", "sample"]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if entry.id in line]
    assert any("error placeholders" in line and "missing [^2]" in line
               and "(approved anyway by Ana Reviewer on " in line for line in lines), lines


def test_the_question_is_shown_where_the_checks_pane_is_not(project: Project) -> None:
    """Below 80 columns the aids column (and its Checks pane) is hidden."""
    app = review(project)

    async def scenario(pilot: Any) -> None:
        assert not app.w_checks.display or not app.w_checks.region.width
        await at_footnoted_segment_missing_its_reference(pilot)
        await pilot.press("ctrl+j")
        assert isinstance(app.screen, ConfirmApprovalScreen)
        assert app.screen.query_one("#confirm-findings").region.width > 0

    run_app(app, scenario, size=(70, 30))


def test_a_warning_alone_approves_without_asking(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        # “A second paragraph of the quote.”: a short translation draws only warnings
        await pilot.press("ctrl+g", "1", "0", "enter", "ctrl+a", *"Corto", "ctrl+j")
        assert not isinstance(app.screen, ConfirmApprovalScreen)
        await saved(pilot)

    run_app(app, scenario)
    entry = entry_on_disk(project, 9)
    assert status_of(entry) is Status.APPROVED and "over" not in entry.meta


def test_an_override_is_forgotten_when_the_text_changes() -> None:
    entry = Entry(id="p-1", source="Strikes.[^1]", target="Huelgas.")
    mark_approved(entry, "Ana", on="2026-12-02", over=["placeholders"])
    override = approved_over(entry)
    assert override is not None and override.checks == {"placeholders"}
    assert override.note() == "approved anyway by Ana on 2026-12-02"
    entry.target = "Huelgas, otra vez."  # edited in another tool: no longer approved
    assert approved_over(entry) is None
    mark_approved(entry, "Ana")
    assert approved_over(entry) is None and "over" not in entry.meta


# -- messages that are true -------------------------------------------------------------------


def test_done_inside_a_filter_is_not_claimed_for_the_document(project: Project) -> None:
    """The only needs-work segment approved in the needs-work view, with
    untranslated segments left: no "Every segment is approved."."""
    app = review(project)

    async def scenario(pilot: Any) -> None:
        messages = told(app)
        await pilot.press("f4", "7")  # the filters: all, unfinished, … needs-work
        await pilot.pause()
        assert app.session.filter_name == "needs-work"
        await pilot.press("ctrl+j")
        await saved(pilot)
        assert not any("Every segment is approved" in m for m in messages), messages
        untranslated = app.session.counts[Status.UNTRANSLATED]
        assert untranslated > 0
        assert any(f"{untranslated} untranslated" in m and "needs-work" in m
                   for m in messages), messages

    run_app(app, scenario)


def test_done_when_the_whole_document_is_approved(project: Project) -> None:
    catalog = project.load_translation(DOC, "es")
    live = list(catalog)
    for entry in live[:-1]:
        entry.target = entry.source
        mark_approved(entry, "Ana")
    project.save_translation(DOC, "es", catalog)
    app = review(project)

    async def scenario(pilot: Any) -> None:
        messages = told(app)
        assert app.session.index == len(live) - 1
        await pilot.press(*"Fin", "ctrl+j")
        if isinstance(app.screen, ConfirmApprovalScreen):  # whatever the checks think of it
            await pilot.press("y")
        await saved(pilot)
        assert "Every segment is approved." in messages

    run_app(app, scenario)


def test_unfinished_counts_the_document_not_the_view() -> None:
    catalog = project_free_catalog()
    session = ReviewSession(catalog)
    assert session.set_filter("translated")
    session.approve("Ana")
    assert not session.next_unfinished()  # nothing left in the view…
    assert session.unfinished() == {Status.UNTRANSLATED: 2}  # …but in the document


def project_free_catalog() -> Any:
    from review_helpers import entries
    from transkit.status import mark_translated

    catalog = entries("One.", "Two.", "Three.")
    first = catalog.entries[0]
    first.target = "Uno."
    mark_translated(first, "Ana")
    return catalog


def test_no_other_in_this_view_says_how_many_the_document_has(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        messages = told(app)
        await pilot.press("f4", "7")  # needs-work
        await pilot.pause()
        await pilot.press("f5")  # next untranslated: none in this view
        untranslated = app.session.counts[Status.UNTRANSLATED]
        assert messages[-1] == (f"No other untranslated segment in this view "
                                f"({untranslated} in the document: F4 shows them).")

    run_app(app, scenario)


def test_a_joined_segment_is_not_left_unfinished() -> None:
    from transkit.status import mark_joined

    catalog = project_free_catalog()
    mark_joined(catalog.entries[1], "Ana")
    session = ReviewSession(catalog)
    assert session.unfinished() == {Status.TRANSLATED: 1, Status.UNTRANSLATED: 1}


def test_a_segment_carrying_a_joined_one_is_checked_against_both_sources(
    project: Project,
) -> None:
    """Its text holds the joined sentence's [^2]: no error, no question."""
    from transkit.status import mark_joined, mark_translated

    catalog = project.load_translation(DOC, "es")
    live = list(catalog)
    carrier, joined = live[7], live[8]
    assert joined.layout_note is None  # the same paragraph
    carrier.target = f"ES: {carrier.source} {joined.source}"
    mark_translated(carrier, "Bo")
    mark_joined(joined, "Bo")
    project.save_translation(DOC, "es", catalog)
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("ctrl+g", "8", "enter")
        assert "placeholders" not in app.w_checks.plain
        await pilot.press("ctrl+j")
        assert not isinstance(app.screen, ConfirmApprovalScreen)
        await saved(pilot)

    run_app(app, scenario)
    assert status_of(entry_on_disk(project, 7)) is Status.APPROVED
