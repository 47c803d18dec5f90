"""Each document's progress per language, for the catalogue overview.

Counting means reading every PO file: at 200 documents × 4 languages that is
over a second even with the fast reader, and the overview must paint in a
fraction of one. So the counts are kept in ``.transkit/cache/progress.json``
with each file's stamp (mtime, size, inode) and recounted only for files
that changed; the overview paints what the cache knows at once and fills in
the rest as it is counted. A cache, nothing more: a corrupt one is ignored.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from transkit.fsutil import stamp_of, state_dir, write_cache
from transkit.po import read_catalog
from transkit.stats import Counts, count, counts_from_dict

_VERSION = 2  # 2: joined_done


class ProgressCache:
    """Counts by PO file path (relative to the project), valid while the stamp holds."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._path = state_dir(root) / "cache" / "progress.json"
        self._entries: dict[str, tuple[list[int], dict[str, object]]] = {}
        self._dirty = False
        with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
            data = json.loads(self._path.read_text(encoding="utf-8"))
            if data.get("version") == _VERSION:
                self._entries = {k: (v[0], v[1]) for k, v in data["files"].items()}

    def known(self, path: Path) -> Counts | None:
        """The cached counts of `path` if it has not changed since, else None."""
        entry = self._entries.get(self._key(path))
        stamp = stamp_of(path)
        if entry is None or stamp is None or list(stamp) != entry[0]:
            return None
        try:
            return counts_from_dict(entry[1])
        except (KeyError, ValueError, TypeError, AttributeError):
            return None

    def count(self, path: Path) -> Counts:
        """Count `path` now (a `TranskitError` if it cannot be read) and remember it."""
        stamp = stamp_of(path)
        counts = count(read_catalog(path, fast=True))
        if stamp is not None and stamp == stamp_of(path):  # not changed while read
            self._entries[self._key(path)] = (list(stamp), counts.to_dict())
            self._dirty = True
        return counts

    def save(self) -> None:
        """Write the cache if anything was counted."""
        if not self._dirty:
            return
        data = {"version": _VERSION, "files": {k: list(v) for k, v in self._entries.items()}}
        write_cache(self._path, json.dumps(data))
        self._dirty = False

    def _key(self, path: Path) -> str:
        with contextlib.suppress(ValueError):
            return str(path.relative_to(self.root))
        return str(path)
