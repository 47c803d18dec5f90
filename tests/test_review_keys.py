"""The key scheme (transkit.review_keys), driven in Pilot: where the app opens,
what a Poedit or OmegaT reflex does, line breaks, and Shift+F3 as terminals
really send it (through Textual's own input parser)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from textual._xterm_parser import XTermParser

from review_helpers import SAMPLE_PLAN, give_statuses, review_app, run_app, saved, spanish, told
from test_review_panes import help_rows
from transkit.project import Project
from transkit.review_keys import KEYS
from transkit.status import Status, status_of
from transkit.tui.app import ReviewApp
from transkit.tui.screens.help import HelpScreen

DOC = "sample"


@pytest.fixture
def project(make_project: Callable[..., Project]) -> Project:
    project = make_project()
    give_statuses(project, DOC, "es", SAMPLE_PLAN)
    return project


def review(project: Project, **options: Any) -> ReviewApp:
    return review_app(project, DOC, **options)


def ids(project: Project) -> list[str]:
    return [e.id for e in project.load_translation(DOC, "es")]


def on_disk(project: Project) -> dict[str, Any]:
    return project.load_translation(DOC, "es").by_id()


async def terminal_sends(pilot: Any, raw: str) -> None:
    """`raw` as a terminal writes it, read by Textual's own parser and posted
    to the app as its driver does."""
    parser = XTermParser()
    for event in [*parser.feed(raw), *parser.feed("")]:
        pilot.app.post_message(event)
    await pilot.pause()


# -- opening ---------------------------------------------------------------------------


def test_opens_in_the_editor_of_the_first_unfinished_segment(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        assert app.session.index == 1  # 0 is approved
        assert app.screen.focused is app.w_editor
        await pilot.press(*"Irán")  # straight into the translation
        assert app.w_editor.text.endswith("Irán")
        assert app.session.index == 1

    run_app(app, scenario)


def test_a_word_typed_in_the_list_goes_to_the_editor_not_to_commands(project: Project) -> None:
    """Focus in the list, "Irán": `n` (next unfinished) must not jump."""
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("escape")
        assert app.screen.focused is app.w_list
        start = app.session.index
        await pilot.press(*"Irán")
        assert app.session.index == start
        assert app.screen.focused is app.w_editor
        assert app.w_editor.text.endswith("Irán")
        await pilot.press("escape", "n")  # a list key on its own still works
        assert app.session.index != start

    run_app(app, scenario)


# -- reflex keys of Poedit and OmegaT ----------------------------------------------------


def test_ctrl_a_selects_the_whole_translation(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("ctrl+a")
        assert app.w_editor.selected_text == app.w_editor.text != ""
        await pilot.press(*"Nuevo")
        assert app.w_editor.text == "Nuevo"
        await pilot.press("escape", "alt+a")  # the fallback, from the list too
        assert app.screen.focused is app.w_editor
        assert app.w_editor.selected_text == "Nuevo"

    run_app(app, scenario)


@pytest.mark.parametrize("key", ["ctrl+delete", "alt+x"])
def test_clear_empties_a_long_translation_in_one_undoable_step(project: Project,
                                                                key: str) -> None:
    app = review(project)
    segment = ids(project)[1]
    long = "Primera línea,\nsegunda línea\ny la tercera."

    async def scenario(pilot: Any) -> None:
        app.w_editor.load_text(long)
        app.commit_editor()
        await pilot.press(key)
        assert app.w_editor.text == ""
        assert app.session.current_status is Status.UNTRANSLATED
        await saved(pilot)
        assert on_disk(project)[segment].target == ""
        await pilot.press("ctrl+z")
        assert app.w_editor.text == long
        await saved(pilot)

    run_app(app, scenario)
    assert on_disk(project)[segment].target == long


def test_ctrl_u_goes_to_the_next_untranslated_and_deletes_nothing(project: Project) -> None:
    app = review(project)
    segment = ids(project)[1]

    async def scenario(pilot: Any) -> None:
        before = app.w_editor.text
        await pilot.press("ctrl+u")
        assert app.session.current_status is Status.UNTRANSLATED
        assert app.session.index == 6
        await saved(pilot)
        assert on_disk(project)[segment].target == before

    run_app(app, scenario)


def test_ctrl_n_goes_to_the_next_segment_and_demotes_nothing(project: Project) -> None:
    app = review(project)
    approved = ids(project)[0]

    async def scenario(pilot: Any) -> None:
        await pilot.press("ctrl+g", "1", "enter")
        assert app.session.index == 0 and app.session.current_status is Status.APPROVED
        await pilot.press("ctrl+n")
        assert app.session.index == 1
        await saved(pilot)

    run_app(app, scenario)
    assert status_of(on_disk(project)[approved]) is Status.APPROVED


def test_enter_in_the_editor_saves_and_goes_on_without_a_line_break(project: Project) -> None:
    app = review(project)
    first = ids(project)[1]

    async def scenario(pilot: Any) -> None:
        await pilot.press("end", *" (ok)", "enter")
        assert app.session.index == 2
        await saved(pilot)

    run_app(app, scenario)
    entry = on_disk(project)[first]
    assert entry.target == spanish("Photo: workers at the gate on Oct. 10.") + " (ok)"
    assert status_of(entry) is Status.TRANSLATED


@pytest.mark.parametrize("key", ["shift+enter", "alt+enter", "ctrl+o", "\x1b[27;2;13~"])
def test_a_line_break_only_where_the_source_has_one(project: Project, key: str) -> None:
    """Shift+Enter as kitty's protocol and xterm's modifyOtherKeys send it;
    Ctrl+O where the terminal sends it as a plain Enter."""

    async def press(pilot: Any) -> None:
        if key.startswith("\x1b"):
            await terminal_sends(pilot, key)
        else:
            await pilot.press(key)

    catalog = project.load_translation(DOC, "es")
    verse = list(catalog)[2]
    verse.source = "First line,\nsecond line."
    project.save_translation(DOC, "es", catalog)
    app = review(project)

    async def scenario(pilot: Any) -> None:
        messages = told(app)
        assert app.session.index == 1  # a source of one line
        await pilot.press("end")
        await press(pilot)
        assert "\n" not in app.w_editor.text and app.session.index == 1
        assert messages and "no line break" in messages[-1]
        await pilot.press("ctrl+down")  # the verse
        await pilot.press("ctrl+a", *"Primera,")
        await press(pilot)
        await pilot.press(*"segunda.")
        assert app.w_editor.text == "Primera,\nsegunda."

    run_app(app, scenario)


@pytest.mark.parametrize("keys", [("ctrl+end", "ctrl+home"), ("alt+end", "alt+home")])
def test_ctrl_end_and_ctrl_home_in_the_editor(project: Project, keys: tuple[str, str]) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        app.w_editor.load_text("uno\ndos\ntres")
        await pilot.press(keys[1])
        assert app.w_editor.cursor_location == (0, 0)
        await pilot.press(keys[0])
        assert app.w_editor.cursor_location == (2, 4)
        await pilot.press(keys[1])
        await terminal_sends(pilot, "\x1b[1;5F")  # Ctrl+End as xterm sends it
        assert app.w_editor.cursor_location == (2, 4)
        await pilot.press("escape", keys[0].replace("alt", "ctrl"))  # in the list: last row
        assert app.session.row == len(app.session.rows) - 1

    run_app(app, scenario)


# -- find previous, however Shift+F3 arrives ----------------------------------------------


@pytest.mark.parametrize("raw", [
    "\x1b[1;2R",  # xterm, tmux, VTE (gnome-terminal…): Textual reads a cursor report
    "\x1b[25~",  # rxvt, the Linux console
    "\x1b[13;2~",  # kitty, and terminals that send Shift+F3 by its own number
])
def test_shift_f3_finds_backwards_as_every_terminal_sends_it(project: Project, raw: str) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("ctrl+f", *"the", "enter")
        first = app.session.index
        await pilot.press("f3")
        second = app.session.index
        assert second != first
        await terminal_sends(pilot, raw)
        assert app.session.index == first
        assert app.w_editor.text == app.session.current.target  # nothing typed

    run_app(app, scenario)


def test_an_unknown_cursor_report_is_not_a_key(project: Project) -> None:
    app = review(project)

    async def scenario(pilot: Any) -> None:
        await pilot.press("ctrl+f", *"the", "enter", "f3")
        where = app.session.index
        await terminal_sends(pilot, "\x1b[12;40R")
        assert app.session.index == where

    run_app(app, scenario)


def test_ctrl_enter_as_xterm_modify_other_keys_sends_it_approves(project: Project) -> None:
    app = review(project)
    segment = ids(project)[4]  # a draft: "MT: …", no error finding

    async def scenario(pilot: Any) -> None:
        await pilot.press("f6", "f6")
        assert app.session.current.id == segment
        await terminal_sends(pilot, "\x1b[27;5;13~")
        await saved(pilot)
        assert app.session.current.id != segment

    run_app(app, scenario)
    assert status_of(on_disk(project)[segment]) is Status.APPROVED


# -- stale: Ctrl+J keeps ---------------------------------------------------------------------


def _footer_labels(app: ReviewApp) -> dict[str, str]:
    return {key: b.binding.description for key, b in app.screen.active_bindings.items()
            if b.binding.show and b.enabled}


def test_ctrl_j_on_a_stale_segment_says_keep_in_the_footer_and_help(project: Project) -> None:
    app = review(project)
    stale = ids(project)[5]

    async def scenario(pilot: Any) -> None:
        assert _footer_labels(app)["ctrl+enter"] == "Approve"
        await pilot.press("f7")
        assert app.session.current.id == stale
        await pilot.pause()
        assert _footer_labels(app)["ctrl+enter"] == "Keep"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.pause()
        text = " ".join(" ".join(row.split()) for row in help_rows(app))
        assert "stale segment: keep the translation for the new source" in text
        await pilot.press("escape", "ctrl+j")
        await saved(pilot)

    run_app(app, scenario)
    assert status_of(on_disk(project)[stale]) is Status.APPROVED


# -- the table ---------------------------------------------------------------------------------


def test_every_key_has_an_id_and_fragile_keys_a_fallback() -> None:
    """Keys terminals may swallow or spell otherwise come with another."""
    assert len({k.id for k in KEYS}) == len(KEYS)
    fragile = ("enter", "up", "down", "home", "end", "delete", "pageup", "pagedown", "f3")
    for key in KEYS:
        first = key.keys.split(",")[0]
        modifier, _, name = first.rpartition("+")
        if modifier and name in fragile:
            assert "," in key.keys, f"{key.id} ({first}) has no fallback"


def test_no_reflex_key_destroys_or_demotes() -> None:
    """Ctrl+U, Ctrl+A, Ctrl+N and Enter are bound, and to nothing that
    deletes text or lowers a status."""
    harmless = {"app.step(1)", "app.select_all", "app.next_status('untranslated')",
                "app.focus_editor"}
    for reflex in ("ctrl+u", "ctrl+a", "ctrl+n", "enter"):
        actions = {k.action for k in KEYS if reflex in k.keys.split(",")}
        assert actions and actions <= harmless, (reflex, actions)


def test_approve_remapped_alone_still_works_on_a_stale_segment(project: Project) -> None:
    app = review(project, keymap={"approve": "f10"})
    stale = ids(project)[5]

    async def scenario(pilot: Any) -> None:
        await pilot.press("f7")
        assert app.session.current.id == stale
        await pilot.press("f10")
        await saved(pilot)

    run_app(app, scenario)
    assert status_of(on_disk(project)[stale]) is Status.APPROVED


def test_shift_f3_in_a_real_terminal(make_project: Callable[..., Project]) -> None:
    """xterm's Shift+F3 (ESC[1;2R) through a pty, the real driver and parser:
    search "strike", F3 to the second match, Shift+F3 back to the first, copy
    the source there and approve: the first match is the one approved."""
    from test_review_signals import Terminal

    project = make_project()
    live = list(project.load_translation(DOC, "es"))
    matches = [e.id for e in live if "strike" in e.source.casefold()]
    assert len(matches) >= 2
    term = Terminal(project.root)
    try:
        term.wait_for(b"approved")
        time.sleep(0.5)
        for keys in (b"\x06", b"strike", b"\r", b"\x1bOR", b"\x1b[1;2R", b"\x02", b"\n"):
            term.type(keys)  # Ctrl+F, the query, Enter, F3, Shift+F3, Ctrl+B, Ctrl+J
            time.sleep(0.15)
        time.sleep(0.5)
        term.type(b"\x11")  # Ctrl+Q
        assert term.proc.wait(timeout=20) == 0
    finally:
        if term.proc.poll() is None:
            term.proc.kill()
        term.close()
    approved = [e.id for e in project.load_translation(DOC, "es")
                if status_of(e) is Status.APPROVED]
    assert approved == [matches[0]]
