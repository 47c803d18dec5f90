"""The review app's Textual bindings, made from the key table (`transkit.review_keys`)."""

from __future__ import annotations

from typing import Any

from transkit.review_keys import KEY_IDS, KEYS, Key, effective_keys

__all__ = ["KEYS", "KEY_IDS", "Key", "bindings", "effective_keys"]


def bindings(where: str) -> list[Any]:
    """Textual `Binding`s for one place ("screen", "list" or "app")."""
    from textual.binding import Binding

    return [
        Binding(k.keys, k.action, k.label, show=k.show, key_display=k.display,
                priority=k.priority, tooltip=k.help, id=k.id)
        for k in KEYS
        if k.where == where
    ]
