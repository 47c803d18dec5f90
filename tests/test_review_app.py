"""The review TUI driven with Pilot: every action, what it saves, and safety."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region

from gettext_tools import msgfmt_check
from review_helpers import SAMPLE_PLAN, give_statuses, review_app, run_app, saved, spanish
from transkit.cli import main
from transkit.project import Project
from transkit.stats import count
from transkit.status import Status, mark_approved, status_of
from transkit.tui.app import ReviewApp
from transkit.tui.screens.confirm import ConfirmApprovalScreen
from transkit.tui.screens.help import HelpScreen
from transkit.tui.screens.picker import PickerScreen
from transkit.tui.screens.prompt import PromptScreen

DOC = "sample"


@pytest.fixture
def project(make_project: Callable[..., Project]) -> Project:
    """The sample article, Spanish in every status (see SAMPLE_PLAN)."""
    project = make_project()
    give_statuses(project, DOC, "es", SAMPLE_PLAN)
    return project


def review(project: Project, lang: str = "es", **options: Any) -> ReviewApp:
    return review_app(project, DOC, lang, **options)


def on_disk(project: Project, lang: str = "es") -> dict[str, Any]:
    """id -> entry, as the file now says."""
    return project.load_translation(DOC, lang).by_id()


def status_on_disk(project: Project, entry_id: str, lang: str = "es") -> Status:
    return status_of(on_disk(project, lang)[entry_id])


def ids(project: Project) -> list[str]:
    return [e.id for e in project.load_translation(DOC, "es")]


# -- opening -------------------------------------------------------------------------------


def test_opens_on_the_first_unfinished_segment_with_every_pane(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        assert app.session.index == 1  # segment 0 is approved
        assert app.w_editor.text == spanish("Photo: workers at the gate on Oct. 10.")
        assert "Photo: workers at the gate" in app.w_source.plain
        assert "caption" in app.w_source.plain
        assert "Español" in app.w_preview.plain
        assert "pt" in app.w_languages.plain and "not translated" in app.w_languages.plain
        assert app.screen.focused is app.w_editor  # ready to type

    run_app(app, scenario)


def test_source_pane_shows_the_heading_path_and_paragraph(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("ctrl+g", *"9", "enter")  # the quote's 2nd sentence, under a heading
        await pilot.pause()
        assert app.session.index == 8
        text = app.w_source.plain
        assert text.startswith("What the papers say · quote > paragraph")
        assert "sentence 2 of 2" in text
        assert "“Several videos show dozens" in text  # the paragraph around it

    run_app(app, scenario)


# -- deciding ------------------------------------------------------------------------------


def test_a_in_the_list_approves_and_goes_to_the_next_unfinished(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("a")
        await saved(pilot)
        assert app.session.index == 2

    run_app(app, scenario)
    entry = on_disk(project)[ids(project)[1]]
    assert status_of(entry) is Status.APPROVED
    assert entry.meta["by"] == "Ana Reviewer"


@pytest.mark.parametrize("key", ["ctrl+j", "ctrl+enter"])
def test_approve_from_the_editor_takes_the_edit_too(project: Project, key: str) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("enter")  # into the editor
        assert app.screen.focused is app.w_editor
        await pilot.press("end", *"!!")
        await pilot.press(key)
        await saved(pilot)
        assert app.session.index == 2

    run_app(app, scenario)
    entry = on_disk(project)[ids(project)[1]]
    assert entry.target.endswith("10.!!")
    assert status_of(entry) is Status.APPROVED


def test_approving_an_empty_translation_is_refused(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("f5")  # next untranslated
        index = app.session.index
        await pilot.press("a")
        await pilot.pause()
        assert app.session.index == index
        assert app.session.current_status is Status.UNTRANSLATED

    run_app(app, scenario)


@pytest.mark.parametrize("key", ["x", "f2", "alt+n"])
def test_needs_work(project: Project, key: str) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press(key)
        await saved(pilot)

    run_app(app, scenario)
    assert status_on_disk(project, ids(project)[1]) is Status.NEEDS_WORK


# -- writing -------------------------------------------------------------------------------


def test_typing_is_saved_as_translated_after_a_pause(project: Project) -> None:
    app = review(project)
    target = ids(project)[6]  # the heading, untranslated

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("ctrl+g", *"7", "enter", "enter")
        await pilot.press(*"Lo que dicen")
        await pilot.pause(0.2)  # the typing pause is 0.05 s here
        await saved(pilot)
        assert on_disk(project)[target].target == "Lo que dicen"
        assert "Lo que dicen" in app.w_preview.plain

    run_app(app, scenario)
    assert status_on_disk(project, target) is Status.TRANSLATED


def test_save_and_next_or_previous(project: Project) -> None:
    app = review(project, typing_pause=60)  # only leaving the segment commits here
    first = ids(project)[1]

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("enter", "end", *" (ok)", "ctrl+down")
        assert app.session.index == 2
        await pilot.press("ctrl+up")
        assert app.session.index == 1
        await pilot.press("alt+down")  # the fallback
        assert app.session.index == 2
        await saved(pilot)

    run_app(app, scenario)
    assert on_disk(project)[first].target.endswith(" (ok)")


def test_copy_source_into_target(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("f5", "ctrl+b")
        await saved(pilot)
        assert app.w_editor.text == app.session.current.source

    run_app(app, scenario)
    heading = on_disk(project)[ids(project)[6]]
    assert heading.target == heading.source and status_of(heading) is Status.TRANSLATED


def test_restore_the_machine_draft(project: Project) -> None:
    app = review(project)
    draft = ids(project)[3]

    async def scenario(pilot: Any) -> None:
        await pilot.press("f6")  # next draft
        assert app.session.current.id == draft
        await pilot.press("home", *"Mine")
        await pilot.press("ctrl+down")
        await pilot.press("ctrl+up", "ctrl+r")
        await saved(pilot)
        assert app.w_editor.text == "MT: " + app.session.current.source

    run_app(app, scenario)
    entry = on_disk(project)[draft]
    assert entry.target.startswith("MT: ") and status_of(entry) is Status.DRAFT


def test_restore_without_a_recorded_draft_changes_nothing(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        before = app.session.current
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.session.current is before

    run_app(app, scenario)


def test_insert_another_languages_text(project: Project) -> None:
    give_statuses(project, DOC, "pt", {1: "translated"})
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("ctrl+a", "backspace", "ctrl+l")  # empty it, then insert
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("2")  # en first, then pt
        await pilot.pause()
        assert app.w_editor.text == spanish(app.session.current.source)  # pt's text

    run_app(app, scenario)


def test_insert_a_memory_suggestion(make_project: Callable[..., Project], tmp_path: Path) -> None:
    project = make_project()
    other = tmp_path / "other.md"
    other.write_text("Workers in the refinery stopped work on Monday.\n", encoding="utf-8")
    assert main(["import", str(other), "--doc", "other"]) == 0
    catalog = project.load_translation("other", "es")
    entry = next(iter(catalog))
    entry.target = "Los obreros de la refinería pararon el lunes."
    mark_approved(entry, "x")
    project.save_translation("other", "es", catalog)
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("ctrl+g", *"4", "enter")
        for _ in range(100):  # the suggestion worker
            if app.current_suggestions() is not None:
                break
            await pilot.pause(0.02)
        assert "Los obreros de la refinería" in app.w_memory.plain
        assert "%" in app.w_memory.plain
        await pilot.press("enter", "ctrl+t")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("1")
        await pilot.pause()
        assert app.w_editor.text == "Los obreros de la refinería pararon el lunes."

    run_app(app, scenario)


def test_undo_and_redo_of_segment_changes(project: Project) -> None:
    app = review(project)
    caption = ids(project)[1]

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("a")
        assert app.session.index == 2
        await pilot.press("ctrl+z")
        assert app.session.current.id == caption
        assert app.session.current_status is Status.TRANSLATED
        await saved(pilot)
        assert status_on_disk(project, caption) is Status.TRANSLATED
        await pilot.press("ctrl+y")
        await saved(pilot)
        assert status_on_disk(project, caption) is Status.APPROVED

    run_app(app, scenario)


def test_ctrl_z_in_the_editor_undoes_typing_first(project: Project) -> None:
    app = review(project, typing_pause=60)

    async def scenario(pilot: Any) -> None:
        await pilot.press("x")  # needs-work on the caption, on to segment 2
        await pilot.press("enter", "end", *"!", "ctrl+z")
        assert app.w_editor.text == app.session.current.target  # the typing is gone
        await pilot.press("ctrl+z")  # nothing left to type-undo: the needs-work goes
        assert app.session.index == 1
        assert app.session.current_status is Status.TRANSLATED

    run_app(app, scenario)


# -- finding -------------------------------------------------------------------------------


@pytest.mark.parametrize(("keys", "status"), [
    (("f5",), Status.UNTRANSLATED), (("u",), Status.UNTRANSLATED),
    (("f6",), Status.DRAFT), (("d",), Status.DRAFT),
    (("f7",), Status.STALE), (("s",), Status.STALE),
    (("f8",), Status.NEEDS_WORK), (("n",), Status.NEEDS_WORK),  # the next not approved
])
def test_next_by_status(project: Project, keys: tuple[str, ...], status: Status) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press(*keys)
        assert app.session.current_status is status

    run_app(app, scenario)


def test_stale_segment_shows_the_word_diff(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("f7")
        text = app.w_source.plain
        assert "Source changed since translated: No one Nobody expected it." in text

    run_app(app, scenario)


def test_filter_by_status(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("f")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("5")  # all, unfinished, untranslated, stale, draft
        assert app.session.filter_name == "draft"
        assert [app.session.statuses[i] for i in app.session.rows] == [Status.DRAFT] * 2
        await pilot.press("f4", "1")
        assert app.session.filter_name == "all"

    run_app(app, scenario)


@pytest.mark.parametrize("opener", ["slash", "ctrl+f"])
def test_search_source_and_translation(project: Project, opener: str) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press(opener)
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"PRISONERS", "enter")
        assert app.session.current.source == "The release of the prisoners."
        await pilot.press("f3")  # ES: …prisoners is the same segment: wraps back to it
        assert app.session.current.source == "The release of the prisoners."
        await pilot.press(opener, "ctrl+a", "ctrl+k", *"es: nobody", "enter")
        assert app.session.current.source == "Nobody expected it."

    run_app(app, scenario)


def test_f3_without_a_search_asks_for_one(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("f3")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, PromptScreen)

    run_app(app, scenario)


@pytest.mark.parametrize("where", ["13", "l-f945a0"])
def test_goto_by_number_or_id(project: Project, where: str) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("g", *where, "enter")
        assert app.session.current.source == "The release of the prisoners."
        await pilot.press("ctrl+g", *"999", "enter")
        assert app.session.current.source == "The release of the prisoners."

    run_app(app, scenario)


def test_switch_language_keeps_the_segment(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        segment = app.session.current.id
        await pilot.press("right_square_bracket")
        assert app.lang == "pt" and app.session.current.id == segment
        assert "Português" in str(app.w_header.render())
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert app.lang == "en"
        await pilot.press("ctrl+pagedown")
        assert app.lang == "es"

    run_app(app, scenario)


# -- help, palette, quit, keymap ------------------------------------------------------------


@pytest.mark.parametrize("key", ["f1", "question_mark"])
def test_help_lists_every_key(project: Project, key: str) -> None:
    app = review(project, keymap={"approve": "f9"})

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press(key)
        assert isinstance(app.screen, HelpScreen)
        static = app.screen.query_one("Static")  # all of it, scrolled out of view or not
        text = "\n".join(line.text for line in static.render_lines(Region(0, 0, *static.size)))
        assert "F9" in text and "(approve)" in text and "(list.approve)" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

    run_app(app, scenario)


def test_command_palette_runs_actions(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("ctrl+p")
        await pilot.press(*"Needs work")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await saved(pilot)

    run_app(app, scenario)
    assert status_on_disk(project, ids(project)[1]) is Status.NEEDS_WORK


def test_quit_saves_an_edit_still_being_typed(project: Project) -> None:
    app = review(project, typing_pause=60)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("enter", "end", *" fin", "ctrl+q")

    run_app(app, scenario)
    assert on_disk(project)[ids(project)[1]].target.endswith(" fin")
    assert app.return_code in (None, 0)


def test_keys_remapped_in_the_config(project: Project) -> None:
    with open(project.config.path, "a", encoding="utf-8") as f:
        f.write('\n[review.keys]\napprove = ["f9"]\n"list.approve" = "y"\n')
    keymap_project = Project.find(project.root)
    keymap = dict(keymap_project.config.review.keys)
    app = review(keymap_project, keymap=keymap)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("a")  # no longer bound: typed, into the editor
        assert app.session.index == 1 and app.screen.focused is app.w_editor
        await pilot.press("escape", "y")
        assert app.session.index == 2
        await pilot.press("enter", "ctrl+j")
        assert app.session.index == 2
        await pilot.press("f9")
        assert app.session.index == 3

    run_app(app, scenario)


# -- the file on disk ----------------------------------------------------------------------


def test_a_save_waits_while_another_transkit_process_writes(project: Project) -> None:
    app = review(project)
    path = project.po_path(DOC, "es")

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        with project.writing(DOC, "es"):  # as `transkit draft` does while it saves
            before = path.read_bytes()
            await pilot.press("enter", "end", *" (mío)", "ctrl+down")
            await pilot.pause(0.5)
            assert path.read_bytes() == before  # the save waits its turn
            assert "saving…" in app.w_header.render().plain  # and says so
        await saved(pilot)
        await pilot.pause()
        assert "saving…" not in app.w_header.render().plain
        assert on_disk(project)[ids(project)[1]].target.endswith("(mío)")

    run_app(app, scenario)


def test_another_programs_change_is_merged_not_overwritten(project: Project) -> None:
    app = review(project, typing_pause=60)
    theirs, ours = ids(project)[10], ids(project)[1]

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        catalog = project.load_translation(DOC, "es")  # another tool edits segment 10
        catalog.by_id()[theirs].target = "Las demandas eran simples:"
        project.save_translation(DOC, "es", catalog)
        await pilot.press("enter", "end", *" (mío)", "ctrl+down")
        await saved(pilot)
        assert app.session.entry(10).target == "Las demandas eran simples:"

    run_app(app, scenario)
    after = on_disk(project)
    assert after[theirs].target == "Las demandas eran simples:"
    assert after[ours].target.endswith(" (mío)")


def test_two_edits_of_one_segment_keep_ours_and_tell_theirs(project: Project) -> None:
    """Two reviewers, one segment: the later save wins, and its reviewer sees the other text."""
    app = review(project, typing_pause=60)
    shared = ids(project)[1]
    told: list[str] = []
    app.notify = lambda message, **kw: told.append(message)  # type: ignore[method-assign]

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        catalog = project.load_translation(DOC, "es")  # the other reviewer saves first
        catalog.by_id()[shared].target = "Foto: los obreros en la puerta."
        project.save_translation(DOC, "es", catalog)
        await pilot.press("enter", "end", *" (mío)", "ctrl+down")
        await saved(pilot)

    run_app(app, scenario)
    assert on_disk(project)[shared].target.endswith(" (mío)")
    assert any(shared in m and "Foto: los obreros en la puerta." in m for m in told)


def test_the_replaced_reviewer_is_told_and_can_restore_their_text(project: Project) -> None:
    """The first reviewer's approved text was replaced by a second's: the first
    app, taking in the file, says so, lists the kept text first under Ctrl+T,
    and restores it — keeping the second's text in its turn."""
    from transkit.catalog import Catalog, copy_entry
    from transkit.merge import REVIEW, alternatives
    from transkit.status import mark_approved
    from transkit.store import Store

    app = review(project, watch_interval=0.05)
    shared = ids(project)[1]
    anas = on_disk(project)[shared].target + " (Ana)"
    told: list[str] = []
    app.notify = lambda message, **kw: told.append(message)  # type: ignore[method-assign]

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("enter", "end", *" (Ana)", "ctrl+j")  # approved, saved
        await saved(pilot)
        other = Store(project)  # a second reviewer who read the file before Ana's save
        base = other.read(DOC, "es")
        ours = Catalog(dict(base.catalog.header), list(base.catalog.entries))
        i = next(k for k, e in enumerate(ours.entries) if e.id == shared)
        entry = ours.entries[i] = copy_entry(ours.entries[i])
        entry.target = "Foto (Bea)."
        mark_approved(entry, "Bea")
        other.save(DOC, "es", ours, None, REVIEW)  # no common version: ours wins
        for _ in range(100):
            await pilot.pause(0.02)
            if app.session.entry(1).target == "Foto (Bea).":
                break
        assert any(shared in m and "your text was replaced" in m for m in told)
        app.session.go_to(1)
        app.show_current()
        await pilot.pause(0.1)
        assert anas in app.w_memory.plain
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("1")
        await saved(pilot)

    run_app(app, scenario)
    entry = on_disk(project)[shared]
    assert entry.target == anas
    assert [alt.text for alt in alternatives(entry)] == ["Foto (Bea)."]


def test_an_external_change_is_picked_up_while_idle(project: Project) -> None:
    app = review(project, watch_interval=0.05)
    theirs = ids(project)[10]

    async def scenario(pilot: Any) -> None:
        catalog = project.load_translation(DOC, "es")
        catalog.by_id()[theirs].target = "Las demandas eran simples:"
        project.save_translation(DOC, "es", catalog)
        for _ in range(100):
            await pilot.pause(0.02)
            if app.session.entry(10).target:
                break
        assert app.session.entry(10).target == "Las demandas eran simples:"

    run_app(app, scenario)


def test_what_the_app_saves_is_what_status_and_msgfmt_count(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("a", "a", "x", "f5", "ctrl+b", "f5", "enter", *"Hola", "ctrl+down")
        await saved(pilot)
        app.counts = dict(app.session.counts)

    run_app(app, scenario)
    counts = app.counts  # type: ignore[attr-defined]
    capsys.readouterr()
    assert main(["status", DOC, "--lang", "es", "--json"]) == 0
    reported = json.loads(capsys.readouterr().out)[DOC]["es"]["by_status"]
    assert {s: v["segments"] for s, v in reported.items()} == {
        s.value: counts.get(s, 0) for s in Status}
    path = project.po_path(DOC, "es")
    stats = subprocess.run(["msgfmt", "--statistics", "-o", os.devnull, str(path)],
                           capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"},
                           check=True).stderr
    final, fuzzy, empty = count(project.load_translation(DOC, "es")).gettext_view()
    assert stats.startswith(f"{final} translated messages, {fuzzy} fuzzy translations, "
                            f"{empty} untranslated messages")
    assert final == counts.get(Status.APPROVED, 0) + counts.get(Status.TRANSLATED, 0)


# -- hostile text ----------------------------------------------------------------------------

HOSTILE = [
    "[b]bold?[/b]",
    "[/",
    "[TODO]",
    "[@click=app.quit]x[/]",
    "[link=https://example.com]link[/link]",
    "\x1b[2J\x1b]0;title\x07",
]


def test_hostile_strings_show_literally_and_fire_nothing(project: Project) -> None:
    catalog = project.load_translation(DOC, "es")
    live = list(catalog)
    text = " ".join(HOSTILE[:5])
    live[1].target = text
    live[2].target = "before " + HOSTILE[5] + " after"
    project.save_translation(DOC, "es", catalog)
    app = review(project)

    async def scenario(pilot: Any) -> None:
        assert app.session.current.target == text
        assert app.w_editor.text == text
        assert text in app.w_preview.plain
        svg = app.export_screenshot()
        for piece in HOSTILE[:5]:
            assert piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
                .replace(" ", "&#160;") in svg
        await pilot.click("#preview", offset=(2, 1))  # on the @click text: nothing may fire
        await pilot.click("#editor", offset=(3, 1))
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape", "down")
        assert "␛[2J␛]0;title␇" in app.w_preview.plain  # control characters made visible
        assert "\x1b" not in app.export_screenshot()

    run_app(app, scenario)
    assert on_disk(project)[ids(project)[1]].target == text  # nothing rewritten


def test_hostile_source_in_the_list_and_other_languages(make_project: Callable[..., Project],
                                                        tmp_path: Path) -> None:
    source = tmp_path / "hostile.md"
    source.write_text("Plain first.\n\nAn [@click=app.quit]x[/] and [b]tags[/b] here.\n",
                      encoding="utf-8")
    project = make_project(source=source, doc=DOC)
    app = review(project, lang="pt")

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("down")
        row = app.w_list.render_line(1).text
        assert "An [@click=app.quit]x[/] and [b]tags[/b] here." in app.w_source.plain
        assert "[@click=app.quit]x[/]" in row
        await pilot.click("#segments", offset=(30, 1))
        await pilot.pause()
        assert app.is_running

    run_app(app, scenario)


# -- the command --------------------------------------------------------------------------


def test_review_command_needs_a_terminal(project: Project,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review"]) == 2
    assert "needs a terminal" in capsys.readouterr().err


def test_review_command_with_several_documents(project: Project, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """No longer "which document?": the overview opens (in a terminal; see
    test_overview.py), so only the terminal and the language are checked here."""
    other = tmp_path / "other.md"
    other.write_text("Another article.\n", encoding="utf-8")
    assert main(["import", str(other), "--doc", "other"]) == 0
    capsys.readouterr()
    assert main(["review"]) == 2
    assert "needs a terminal" in capsys.readouterr().err
    assert main(["review", DOC, "--lang", "fr"]) == 2
    assert "language 'fr' is not configured" in capsys.readouterr().err


def test_review_command_refuses_bad_key_config(project: Project,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    with open(project.config.path, "a", encoding="utf-8") as f:
        f.write('\n[review.keys]\napprov = "f9"\n')
    assert main(["review", DOC]) == 2
    assert "unknown action 'approv'" in capsys.readouterr().err


def test_a_long_file_opens_on_its_head_and_reads_the_rest(project: Project) -> None:
    app = review(project, head=5)
    assert len(app.session) == 5 and app.file.partial

    async def scenario(pilot: Any) -> None:
        assert len(app.session) == 20 and not app.file.partial
        assert app.session.index == 1  # still where it opened
        await pilot.pause()
        assert "reading the rest" not in app.w_header.render().plain

    run_app(app, scenario)


def test_an_unreadable_file_is_not_overwritten_and_the_edit_is_kept(project: Project) -> None:
    app = review(project, typing_pause=60)
    path = project.po_path(DOC, "es")

    async def scenario(pilot: Any) -> None:
        path.write_text('msgid "broken\n', encoding="utf-8")  # another program's mistake
        await pilot.press("enter", "end", *" (mío)", "ctrl+down")
        for _ in range(100):
            await pilot.pause(0.02)
            if app.file.failed:
                break
        assert str(path) in app.file.failed  # the error names the file
        assert path.read_text(encoding="utf-8") == 'msgid "broken\n'
        await pilot.press("ctrl+q")

    run_app(app, scenario)
    assert path.read_text(encoding="utf-8") == 'msgid "broken\n'
    rescued = path.with_name(path.name + ".unsaved").read_text(encoding="utf-8")
    assert "(mío)" in rescued
    assert "your version is in" in app.exit_note


def test_list_keys_and_mouse(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("end")
        assert app.session.index == 19
        await pilot.press("home", "j", "j", "k")
        assert app.session.index == 1
        await pilot.press("pagedown")
        assert app.session.index == 19  # the whole sample fits in a page
        await pilot.press("pageup")
        assert app.session.index == 0
        await pilot.click("#segments", offset=(10, 5))
        assert app.session.index == 5
        assert "Nobody expected it." in app.w_source.plain

    run_app(app, scenario)


def test_keys_arriving_faster_than_frames_are_all_obeyed(project: Project) -> None:
    """A held-down arrow key: the terminal sends presses faster than the app paints."""
    from textual import events

    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("home")
        for _ in range(7):  # queued at once, before any of them is handled
            app.post_message(events.Key("down", None))
        await pilot.pause()
        assert app.session.row == 7 and app.w_list.cursor == 7
        for _ in range(3):
            app.post_message(events.Key("up", None))
        await pilot.pause()
        assert app.session.row == 4 and app.w_list.cursor == 4
        # "up, up, a" in one burst approves the row the cursor reached
        target = ids(project)[2]
        assert status_on_disk(project, target) is Status.NEEDS_WORK
        for key, char in (("up", None), ("up", None), ("a", "a")):
            app.post_message(events.Key(key, char))
        await saved(pilot)
        assert status_on_disk(project, target) is Status.APPROVED

    run_app(app, scenario)


def test_typing_straight_on_after_a_key_lands_where_the_key_went(project: Project) -> None:
    """Enter, type, Ctrl+J, type, Ctrl+J, all in one burst, as from a fast typist."""
    from textual import events
    from textual.keys import _character_to_key

    app = review(project)
    first, second = ids(project)[8], ids(project)[9]

    def burst(*keys: str) -> None:
        for key in keys:
            char = key if len(key) == 1 else None
            app.post_message(events.Key(_character_to_key(key) if char else key, char))

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.click("#segments", offset=(10, 8))
        assert app.session.current.id == first and not app.session.current.target
        burst("enter", *"Hola[^2]", "ctrl+j", *"Adiós", "ctrl+j")
        await saved(pilot)
        catalog = on_disk(project)
        assert catalog[first].target == "Hola[^2]"  # "a" was typed, not the list's approve key
        assert catalog[second].target == "Adiós"  # not appended to the segment before
        assert status_of(catalog[first]) is status_of(catalog[second]) is Status.APPROVED
        # the editor's own keys too: Backspace and Left in turn with the typing
        burst(*"abc", "backspace", *"de", "left", "X")
        await pilot.pause()
        assert app.w_editor.text == "abdXe"

    run_app(app, scenario)


def test_keys_after_a_prompt_go_to_the_screen_behind_it(project: Project) -> None:
    """Go to 12, Enter, Enter, typing: the second Enter is the list's, not the prompt's
    again (answering twice popped the review screen itself)."""
    from textual import events

    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        for key in ("ctrl+g", "1", "2", "enter", "enter", "O", "k", "ctrl+j"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await saved(pilot)
        assert isinstance(app.screen, type(app.get_default_screen()))
        assert on_disk(project)[ids(project)[11]].target == "Ok"
        for key in ("f1", "f1", "f1", "escape"):  # open, close, open, close
            app.post_message(events.Key(key, None))
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)

    run_app(app, scenario)


def test_the_list_scrolls_a_third_of_a_page_past_its_edge(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        segments = app.w_list
        height = segments.scrollable_content_region.height
        assert height < 20  # the sample does not fit: the list must scroll
        await pilot.press("home", *["down"] * (height - 1))
        assert segments.scroll_offset.y == 0  # the cursor is on the last line in view
        await pilot.press("down")
        assert app.session.row == height
        # It jumped: the cursor sits a third of the way down, what follows in view.
        assert segments.scroll_offset.y == height - height // 3
        await pilot.press("up")
        assert segments.scroll_offset.y == height - height // 3  # still in view: no scroll
        await pilot.press("end")
        assert segments.scroll_offset.y == 20 - height

    run_app(app, scenario, size=(120, 14))


def test_the_thumb_shows_the_position_and_a_click_on_it_jumps(project: Project) -> None:
    app = review(project)

    def thumb_lines() -> list[int]:
        segments = app.w_list
        thumb = segments._styles()["thumb"]
        return [y for y in range(segments.scrollable_content_region.height)
                if list(segments.render_line(y))[-1].style == thumb]

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        segments = app.w_list
        height = segments.scrollable_content_region.height
        await pilot.press("home")
        top = thumb_lines()
        assert top and top[0] == 0 and len(top) < height
        await pilot.press("end")
        bottom = thumb_lines()
        assert bottom[-1] == height - 1 and len(bottom) == len(top)
        await pilot.press("home")
        await pilot.click("#segments", offset=(segments.size.width - 1, height - 1))
        assert app.session.row == 19  # the bottom of the bar is the end of the document

    run_app(app, scenario, size=(120, 14))


@pytest.mark.parametrize(("size", "list_width", "aids", "ids_shown"), [
    ((120, 36), 40, True, True),
    ((100, 30), 30, True, False),  # below 110 columns: no ids (README)
    ((78, 24), 24, False, False),
])
def test_narrow_terminals_get_a_narrower_list_then_no_aids(
    project: Project, size: tuple[int, int], list_width: int, aids: bool, ids_shown: bool
) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        assert app.w_list.size.width == list_width
        assert app.screen.query_one("#aids").display is aids
        row = "".join(seg.text for seg in app.w_list.render_line(0))
        assert (ids(project)[0] in row) is ids_shown
        assert "A small" in row

    run_app(app, scenario, size=size)


def test_search_backwards_with_shift_f3(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("slash", *"numbered", "enter")
        assert app.session.index == 15
        await pilot.press("f3")
        assert app.session.index == 16
        await pilot.press("shift+f3")
        assert app.session.index == 15

    run_app(app, scenario)


def test_a_reload_while_typing_keeps_the_typing_and_their_change(project: Project) -> None:
    app = review(project, watch_interval=0.05, typing_pause=60)
    theirs, ours = ids(project)[10], ids(project)[1]

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("enter", "end", *" (mío)")  # typed, not yet committed
        catalog = project.load_translation(DOC, "es")
        catalog.by_id()[theirs].target = "Las demandas eran simples:"
        project.save_translation(DOC, "es", catalog)
        for _ in range(100):
            await pilot.pause(0.02)
            if app.session.entry(10).target:
                break
        await saved(pilot)
        assert app.w_editor.text.endswith(" (mío)")

    run_app(app, scenario)
    after = on_disk(project)
    assert after[theirs].target == "Las demandas eran simples:"
    assert after[ours].target.endswith(" (mío)")


def test_an_enter_typed_at_the_end_is_not_saved_and_msgfmt_accepts_the_file(
    project: Project,
) -> None:
    """msgfmt --check rejects a msgstr ending in a newline its msgid lacks: the
    translator's stray Enter at the end was saved as ``"…\\n"``."""
    app = review(project)
    typed, approved = ids(project)[6], ids(project)[8]  # untranslated, sources without \n

    async def scenario(pilot: Any) -> None:
        # Enter no longer types a line break (it saves and goes on), but a
        # paste or another tool can still end a translation with one.
        await pilot.press("ctrl+g", *"7", "enter")
        await pilot.press(*"Lo que dicen")
        app.w_editor.insert("\n")
        await pilot.press("ctrl+down")  # save and next
        await pilot.press("ctrl+g", *"9", "enter")
        await pilot.press(*"Dicen[^2]")
        app.w_editor.insert("\n\n")
        await pilot.press("ctrl+j")  # approve
        await saved(pilot)

    run_app(app, scenario)
    assert on_disk(project)[typed].target == "Lo que dicen"
    assert on_disk(project)[approved].target == "Dicen[^2]"
    assert status_on_disk(project, approved) is Status.APPROVED
    assert msgfmt_check(project.po_path(DOC, "es")).returncode == 0


@pytest.fixture
def tiny_disk() -> Any:
    from cli_helpers import small_disks

    with small_disks() as mount:
        yield mount


@pytest.mark.parametrize("choice", ["another-file", "terminal"])
def test_a_full_disk_at_quit_loses_no_edit(project: Project, tiny_disk: Any,
                                           choice: str) -> None:
    """No room for the file nor for a copy beside it: quitting asks where the
    edits go, and they go there."""
    from cli_helpers import fill

    folder = project.po_path(DOC, "es").parent
    tiny_disk(folder, 1 << 20)
    app = review(project, typing_pause=60)
    elsewhere = project.root / "rescued.po"  # on another disk than the full one
    shared = ids(project)[1]

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        fill(folder)
        await pilot.press("enter", "end", *" (sin disco)", "ctrl+j")
        await pilot.pause(0.3)
        await pilot.press("ctrl+q")
        await pilot.pause(0.1)
        assert app.is_running and app.unsaved  # asked, not gone
        if choice == "another-file":
            await pilot.press("2")
            await pilot.pause(0.1)
            await pilot.press(*"rescued.po", "enter")
        else:
            await pilot.press("3")
        await pilot.pause(0.2)

    run_app(app, scenario)
    if choice == "another-file":
        text = elsewhere.read_text(encoding="utf-8")
        assert "rescued.po" in app.exit_note
    else:
        text = app.exit_dump
    assert " (sin disco)" in text
    from transkit.po import scan_catalog

    rescued = scan_catalog(text.encode(), "rescued").by_id()[shared]
    assert status_of(rescued) is Status.APPROVED


def test_try_again_at_quit_saves_once_the_disk_has_room(project: Project,
                                                        tiny_disk: Any) -> None:
    """The first choice when no disk took the edits: room was made meanwhile,
    so the next try saves them and the app closes."""
    from cli_helpers import fill

    folder = project.po_path(DOC, "es").parent
    tiny_disk(folder, 1 << 20)
    app = review(project, typing_pause=60)
    shared = ids(project)[1]

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        filler = fill(folder)
        await pilot.press("enter", "end", *" (otra vez)", "ctrl+j")
        await pilot.pause(0.3)
        await pilot.press("ctrl+q")
        await pilot.pause(0.1)
        assert app.is_running and app.unsaved  # asked, not gone
        filler.unlink()
        await pilot.press("1")
        await pilot.pause(0.3)
        assert not app.is_running

    run_app(app, scenario)
    assert not app.unsaved and app.return_code in (0, None)
    assert on_disk(project)[shared].target.endswith(" (otra vez)")
    assert status_on_disk(project, shared) is Status.APPROVED


def test_a_git_merge_conflict_is_settled_with_ctrl_t_and_approved(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """A segment two branches translated differently: F9 finds it, the aids
    show the other text, Ctrl+T 1 takes it, Ctrl+J approves; the file is then
    approved, unmarked, clean for ``check`` and for msgfmt."""
    from transkit.catalog import Catalog
    from transkit.merge import GIT, alternatives, merge
    from transkit.status import in_conflict, mark_translated

    target = ids(project)[8]
    base = project.load_translation(DOC, "es")
    sides = []
    for text, mark, who in (("Uno (Bo).", mark_translated, "bo"), ("Uno (Ana).", mark_approved,
                                                                    "ana")):
        side = project.load_translation(DOC, "es")
        entry = side.by_id()[target]
        entry.target = text
        mark(entry, who)
        sides.append(side)
    merged: Catalog = merge(base, sides[0], sides[1], GIT).catalog
    assert in_conflict(merged.by_id()[target])  # Ana's approved text kept, Bo's the other
    project.save_translation(DOC, "es", merged)
    assert _structure_findings(capsys, target) == ["conflict-status"]
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")  # from the editor, where the app opens, to the list
        await pilot.press("f9")
        await pilot.pause()
        assert app.session.current.id == target
        assert app.session.current_status is Status.CONFLICT
        assert app.w_editor.text == "Uno (Ana)."
        assert "Uno (Bo)." in app.w_memory.plain  # the other text, among the aids
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("1")
        await pilot.pause()
        assert app.session.current.target == "Uno (Bo)."
        assert app.session.current_status is Status.TRANSLATED
        await pilot.press("ctrl+j")  # "Uno (Bo)." lacks the source's [^2]: asked first
        assert isinstance(app.screen, ConfirmApprovalScreen)
        await pilot.press("y")
        await saved(pilot)

    run_app(app, scenario)
    entry = on_disk(project)[target]
    assert (entry.target, status_of(entry)) == ("Uno (Bo).", Status.APPROVED)
    assert not in_conflict(entry) and "conflict" not in entry.meta.values()
    assert [(a.text, a.status) for a in alternatives(entry)] == [("Uno (Ana).", "approved")]
    assert msgfmt_check(project.po_path(DOC, "es")).returncode == 0
    assert _structure_findings(capsys, target) == []


def _structure_findings(capsys: pytest.CaptureFixture[str], entry_id: str) -> list[str]:
    """The structure checks ``transkit check`` reports on one segment (the
    test texts are too short for the content checks)."""
    from transkit.checks import CHECKS

    capsys.readouterr()
    main(["check", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    return [f["check"] for file in report["files"] for f in file["findings"]
            if f["entry_id"] == entry_id and CHECKS[f["check"]].family == "structure"]
