"""Every key of the review screen: one table, each binding with an id.

Pure data, so that transkit.toml's ``[review.keys]`` is checked against it
without loading the review app; `transkit.tui.keys` makes Textual bindings of it.

The ids are what ``[review.keys]`` in transkit.toml remaps (Textual's keymap,
`App.set_keymap`), what the help screen lists and what the README documents.
Keys that need modifiers have a fallback: most terminals send Ctrl+Enter as
Ctrl+J, and some swallow Ctrl+arrows, so those come with Alt+arrows.

"screen" keys work everywhere on the review screen, also while typing in the
editor; "editor" keys only in the editor; "list" keys are single letters,
active only when the segment list has the focus (in the editor they are text).
The app opens in the editor; a letter that is no list key, typed in the list,
goes to the editor, so typing a word there never fires commands.

One scheme a translator coming from Poedit or OmegaT can trust: their reflex
keys do what they expect or nothing, and never destroy or demote work —
Ctrl+N is "next segment" (OmegaT), Ctrl+U "next untranslated" (OmegaT; not
Textual's delete-to-line-start), Ctrl+A "select all", Enter "save and next"
(OmegaT; a line break is Shift+Enter or Alt+Enter, and only where the source
has one). What destroys or demotes (clear, needs work) has a key of its own,
says so, and Ctrl+Z undoes it.

Every key some terminals do not send or send otherwise (modified Enter,
arrows, Home/End, Delete, shifted F-keys) has a fallback after it; every
action is also in the command palette (Ctrl+P) by name.

Bindings are priority bindings: the app runs them when the key arrives, before
it hands the next key to the focused widget. A plain binding runs only after
the key has bubbled up from the editor, by which time keys typed right after
it (a fast typist, a held key, a paste) were already typed into the segment
being left. Undo and redo are the exception: the editor undoes typing first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    id: str
    keys: str  # Textual key names, comma-separated: the first is the one shown
    action: str
    label: str  # short, for the footer
    help: str  # one line, for the help screen
    where: str = "screen"  # "screen", "editor", "list" or "app"
    show: bool = False  # in the footer
    display: str | None = None  # how the footer writes the key
    priority: bool = True  # see the module's docstring


KEYS: tuple[Key, ...] = (
    # -- deciding ---------------------------------------------------------------
    # Approve and keep share their keys: the footer shows the one that applies
    # (`keep` on a stale segment), and each runs only where it applies.
    Key("approve", "ctrl+enter,ctrl+j", "app.decide('approve')", "Approve",
        "approve, go to the next unfinished (over an error finding: asks first)",
        show=True, display="^⏎"),
    Key("keep", "ctrl+enter,ctrl+j", "app.decide('keep')", "Keep",
        "stale segment: keep the translation for the new source (approves it)",
        show=True, display="^⏎"),
    Key("needs_work", "f2,alt+n", "app.needs_work", "Needs work",
        "send back: needs-work, go to the next unfinished (Ctrl+Z undoes)"),
    Key("next", "ctrl+down,alt+down,ctrl+n", "app.step(1)", "Next",
        "save and go to the next segment (Ctrl+N as in OmegaT)", show=True, display="^↓"),
    Key("previous", "ctrl+up,alt+up", "app.step(-1)", "Prev",
        "save and go to the previous segment", display="^↑"),
    # -- writing ------------------------------------------------------------------
    Key("select_all", "ctrl+a,alt+a", "app.select_all", "Select all",
        "select the whole translation"),
    Key("clear", "ctrl+delete,alt+x", "app.clear", "Clear",
        "clear the translation (Ctrl+Z undoes)"),
    Key("copy_source", "ctrl+b", "app.copy_source", "Copy source",
        "copy the source into the translation"),
    Key("restore_draft", "ctrl+r", "app.restore_draft", "Restore draft",
        "put the machine draft back (status draft)"),
    Key("insert_language", "ctrl+l", "app.insert_language", "Other language",
        "insert this segment's text in another language"),
    Key("insert_memory", "ctrl+t", "app.insert_memory", "Memory",
        "insert a translation-memory suggestion (then 1-5)"),
    Key("undo", "ctrl+z", "app.undo", "Undo",
        "undo: typing first, then the last change to any segment", priority=False),
    Key("redo", "ctrl+y", "app.redo", "Redo", "redo the last undone change", priority=False),
    # -- aligning (also hand translation: two sentences in one segment) -----------
    # Alt+arrows sideways: a sentence goes left to the previous segment or right
    # to the next; Alt+H / Alt+L (vi's left and right) where the terminal takes
    # Alt+arrows (macOS sends Option+arrows as Alt+B / Alt+F, word moves).
    Key("move_sentence_previous", "alt+left,alt+h", "app.move_sentence(-1)",
        "Sentence to prev", "move the first sentence to the end of the previous segment",
        display="M-←"),
    Key("move_sentence_next", "alt+right,alt+l", "app.move_sentence(1)",
        "Sentence to next", "move the last sentence to the start of the next segment",
        display="M-→"),
    Key("join_previous", "alt+j", "app.join_previous", "Join prev",
        "join with the previous segment: one sentence covers both (Ctrl+Z undoes)"),
    Key("unjoin", "alt+u", "app.unjoin", "Unjoin",
        "unjoin: this segment gets its own sentence back from the one it was joined to"),
    # -- finding ------------------------------------------------------------------
    Key("next_unfinished", "f8", "app.next_status('unfinished')", "Next unfinished",
        "next segment that is not approved"),
    Key("next_untranslated", "f5,ctrl+u", "app.next_status('untranslated')",
        "Next untranslated", "next untranslated segment (Ctrl+U as in OmegaT)"),
    Key("next_draft", "f6", "app.next_status('draft')", "Next draft", "next machine draft"),
    Key("next_stale", "f7", "app.next_status('stale')", "Next stale",
        "next segment whose source changed"),
    Key("next_conflict", "f9", "app.next_status('conflict')", "Next conflict",
        "next conflict: two texts met in a git merge"),
    Key("filter", "f4", "app.filter", "Filter",
        "show only segments in one status, or aligned ones, least sure first", show=True),
    Key("search", "ctrl+f", "app.search", "Search", "search source and translation",
        show=True),
    Key("search_next", "f3", "app.search_next(1)", "Find next", "next match of the search"),
    # Shift+F3 as terminals send it: F15 (xterm, tmux, VTE: ESC[1;2R) or F13
    # (rxvt, the Linux console: ESC[25~); `transkit.tui.terminal_keys` names both.
    Key("search_previous", "shift+f3,f15,f13", "app.search_next(-1)", "Find prev",
        "previous match of the search"),
    Key("concordance", "f12,alt+f", "app.concordance", "Find everywhere",
        "search every document (the concordance): the selected text, or type one"),
    Key("goto", "ctrl+g", "app.goto", "Go to", "go to a segment by number or id", show=True),
    Key("next_language", "ctrl+pagedown,alt+pagedown", "app.switch_language(1)", "Next lang",
        "review the next language"),
    Key("previous_language", "ctrl+pageup,alt+pageup", "app.switch_language(-1)", "Prev lang",
        "review the previous language"),
    Key("focus_list", "escape", "app.focus_list", "List", "from the editor to the segment list"),
    Key("help", "f1", "app.help", "Help", "all keys", show=True),
    # -- the editor's own -----------------------------------------------------------
    Key("editor.next", "enter", "app.step(1)", "Next",
        "save and go to the next segment (a line break is Shift+Enter)", where="editor"),
    # Terminals without kitty's keyboard protocol (xterm, VTE, tmux) send
    # Shift+Enter and Alt+Enter as a plain Enter: Ctrl+O (Emacs's open-line) then.
    Key("editor.line_break", "shift+enter,alt+enter,ctrl+o", "app.line_break", "Line break",
        "a line break, where the source has one", where="editor"),
    Key("editor.start", "ctrl+home,alt+home", "app.editor_edge(-1)", "Start",
        "to the start of the translation", where="editor"),
    Key("editor.end", "ctrl+end,alt+end", "app.editor_edge(1)", "End",
        "to the end of the translation", where="editor"),
    # -- the list's single keys ---------------------------------------------------------
    Key("list.edit", "enter,e", "app.focus_editor", "Edit", "edit the translation",
        where="list", show=True, display="⏎"),
    Key("list.approve", "a", "app.approve", "Approve",
        "approve (or keep, if stale) and go on", where="list", show=True),
    Key("list.needs_work", "x", "app.needs_work", "Needs work", "mark needs-work and go on",
        where="list"),
    Key("list.next_unfinished", "n", "app.next_status('unfinished')", "Next unfinished",
        "next segment that is not approved", where="list"),
    Key("list.next_untranslated", "u", "app.next_status('untranslated')", "Untranslated",
        "next untranslated segment", where="list"),
    Key("list.next_draft", "d", "app.next_status('draft')", "Draft", "next machine draft",
        where="list"),
    Key("list.next_stale", "s", "app.next_status('stale')", "Stale", "next stale segment",
        where="list"),
    Key("list.next_conflict", "c", "app.next_status('conflict')", "Conflict",
        "next conflict", where="list"),
    Key("list.filter", "f", "app.filter", "Filter", "filter by status", where="list"),
    Key("list.search", "slash", "app.search", "Search", "search", where="list"),
    Key("list.goto", "g", "app.goto", "Go to", "go to a segment", where="list"),
    Key("list.next_language", "right_square_bracket", "app.switch_language(1)", "Next lang",
        "next language", where="list"),
    Key("list.previous_language", "left_square_bracket", "app.switch_language(-1)",
        "Prev lang", "previous language", where="list"),
    Key("list.help", "question_mark", "app.help", "Help", "all keys", where="list"),
    Key("list.up", "up,k", "app.step(-1)", "Up", "previous row", where="list"),
    Key("list.down", "down,j", "app.step(1)", "Down", "next row", where="list"),
    Key("list.page_up", "pageup", "app.page(-1)", "Page up", "a page up", where="list"),
    Key("list.page_down", "pagedown", "app.page(1)", "Page down", "a page down",
        where="list"),
    Key("list.first", "home,ctrl+home", "app.edge(-1)", "First", "first row", where="list"),
    Key("list.last", "end,ctrl+end", "app.edge(1)", "Last", "last row", where="list"),
    # -- the app's own ----------------------------------------------------------------
    Key("command_palette", "ctrl+p", "command_palette", "Commands",
        "command palette: every action by name", where="app"),
    Key("quit", "ctrl+q", "quit", "Quit", "quit (everything is already saved)", where="app",
        show=True),
)

KEY_IDS = frozenset(k.id for k in KEYS)


def effective_keys(keymap: Mapping[str, str]) -> list[tuple[Key, str]]:
    """Each action with the keys it answers to now (the config's, else the default)."""
    return [(k, keymap.get(k.id, k.keys)) for k in KEYS]
