"""Keys as terminals send them, where Textual's parser gets the name wrong.

Shift+F3 (find previous) arrives in three spellings: ``shift+f3`` (kitty's
protocol), ``ESC[1;2R`` (xterm, tmux, VTE terminals), which Textual takes for
a cursor-position report (row 1, column 2), and ``ESC[25~`` (rxvt, the Linux
console: VT220's F13), which its kitty-key parser turns into the key
``\\x19``. The app asks for no cursor reports in full screen, so a report is
a key: these are given the names VT220 and xterm give them (F15, F13), which
the key table binds to find-previous. xterm's modifyOtherKeys spells
Shift+Enter and Ctrl+Enter ``ESC[27;2;13~`` and ``ESC[27;5;13~``, which come
out as ``shift+\r`` and ``ctrl+\r``.
"""

from __future__ import annotations

from textual import events

#: What Textual's parser makes of a key -> the key's name.
_KEYS = {
    "\x19": "f13",  # ESC[25~
    "shift+\r": "shift+enter",  # xterm's modifyOtherKeys: ESC[27;2;13~
    "ctrl+\r": "ctrl+enter",  # ESC[27;5;13~
}
#: Cursor reports that are really keys: (x, y) -> name. ESC[1;2R is Shift+F3.
_REPORTS = {
    (1, 0): "f15",  # ESC[1;2R
}


def named(event: events.Event) -> events.Event:
    """`event`, or the key event it really is."""
    name: str | None = None
    if isinstance(event, events.Key):
        name = _KEYS.get(event.key)
    elif isinstance(event, events.CursorPosition):
        name = _REPORTS.get((event.x, event.y))
    if name is None:
        return event
    return events.Key(name, None)
