"""What DeepL already answered, so nothing is billed twice.

The cache is an SQLite file under the project root,
``.transkit/cache/deepl.sqlite`` (the folder ignores itself with its own
``.gitignore``). SQLite because every batch is one transaction: Ctrl+C or a
crash mid-write leaves the previous state, never a torn record, and two runs
at once wait for each other instead of interleaving lines. Entries are keyed
by a hash of everything that shapes a translation (protected text, context,
target language and the request options), so a changed glossary, formality
or model asks DeepL again while an unchanged segment never does.

It also keeps small state that must outlive a run (the glossary's id and
checksums), never the API key.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from transkit.errors import TranskitError
from transkit.fsutil import STATE_DIR, ignored_folder, os_error_cause

CACHE_DIR = "cache"  # in the project's state_dir
CACHE_FILE = "deepl.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    target_lang TEXT NOT NULL,
    text TEXT NOT NULL,
    billed INTEGER NOT NULL,
    model TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS state (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Cached:
    text: str  # DeepL's answer as received (placeholders still as tags)
    billed: int  # what it cost when it was bought
    model: str = ""


def cache_key(text: str, context: str, target_lang: str, options: Mapping[str, object]) -> str:
    payload = json.dumps([text, context, target_lang, dict(options)], sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def cache_path(root: Path) -> Path:
    return root / STATE_DIR / CACHE_DIR / CACHE_FILE


class DraftCache:
    """The cache of one project; use as a context manager."""

    def __init__(self, path: Path, *, create: bool = True):
        """With ``create=False`` (a dry run) a missing cache is read as empty
        and nothing is written to disk."""
        self.path = path
        try:
            if create:
                ignored_folder(path.parent.parent)
                path.parent.mkdir(parents=True, exist_ok=True)
            where = str(path) if create or path.exists() else ":memory:"
            self._db = sqlite3.connect(where, timeout=30)
            self._db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            cause = os_error_cause(exc) if isinstance(exc, OSError) else str(exc)
            raise TranskitError(f"cannot open the draft cache: {cause}", path) from None

    @classmethod
    def for_project(cls, root: Path, *, create: bool = True) -> DraftCache:
        return cls(cache_path(root), create=create)

    def __enter__(self) -> DraftCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def get_many(self, keys: Iterable[str]) -> dict[str, Cached]:
        keys = list(dict.fromkeys(keys))
        found: dict[str, Cached] = {}
        for start in range(0, len(keys), 500):  # SQLite's bound-parameter limit
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, text, billed, model FROM translations WHERE key IN ({marks})",
                chunk,
            )
            for key, text, billed, model in rows:
                found[key] = Cached(text, billed, model)
        return found

    def put_many(self, target_lang: str, items: Mapping[str, Cached]) -> None:
        """Store one batch's answers in one transaction (all or none, even on
        a full disk)."""
        with self._writing():
            self._db.executemany(
                "INSERT OR REPLACE INTO translations (key, target_lang, text, billed, model)"
                " VALUES (?, ?, ?, ?, ?)",
                [(k, target_lang, c.text, c.billed, c.model) for k, c in items.items()],
            )

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """One transaction; SQLite's refusal (disk full, locked, read-only) as
        one line naming the cache."""
        try:
            with self._db:
                yield
        except sqlite3.Error as exc:
            raise TranskitError(f"cannot write the draft cache: {exc}", self.path) from None

    def get_state(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_state(self, name: str, value: str | None) -> None:
        with self._writing():
            if value is None:
                self._db.execute("DELETE FROM state WHERE name = ?", (name,))
            else:
                self._db.execute(
                    "INSERT OR REPLACE INTO state (name, value) VALUES (?, ?)", (name, value)
                )
