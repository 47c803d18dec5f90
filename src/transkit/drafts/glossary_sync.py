"""Keep one DeepL glossary in step with the project's glossary file.

DeepL's v3 glossaries hold one dictionary per language pair (base codes:
EN→ES, EN→PT, EN→NL). A pair's dictionary is replaced whole, never merged,
when its terms change, and reused without any request while they do not:
the checksum of the terms last sent is kept in the draft cache's state with
the glossary's id. If that state is lost, the glossary is found again by its
name rather than created twice; if it was deleted on DeepL, it is created
again.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from transkit.drafts.cache import DraftCache

if TYPE_CHECKING:
    from transkit.drafts.deepl import DeepLEngine

STATE_PREFIX = "glossary:"


def base_code(code: str) -> str:
    """DeepL glossaries use base languages: PT-BR → PT."""
    return code.split("-")[0].split("_")[0].upper()


def entries_of(terms: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Terms as DeepL's entries: stripped, blank ones dropped, first wins."""
    entries: dict[str, str] = {}
    for source, target in terms:
        source, target = source.strip(), target.strip()
        if source and target:
            entries.setdefault(source, target)
    return entries


def checksum(entries: dict[str, str]) -> str:
    """Identifies a set of terms; part of the cache key of every translation
    made with them."""
    data = json.dumps(sorted(entries.items()), ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


class GlossarySync:
    """Lazily makes the DeepL glossary match the terms, once per pair."""

    def __init__(self, engine: DeepLEngine, cache: DraftCache, name: str):
        self.engine, self.cache, self.name = engine, cache, name
        self._supported: set[tuple[str, str]] | None = None
        raw = cache.get_state(STATE_PREFIX + name)
        state = json.loads(raw) if raw else {}
        self._id: str | None = state.get("id")
        self._pairs: dict[str, str] = dict(state.get("pairs", {}))

    def _save(self) -> None:
        value = json.dumps({"id": self._id, "pairs": self._pairs}) if self._id else None
        self.cache.set_state(STATE_PREFIX + self.name, value)

    def forget(self) -> None:
        """Drop the cached id (DeepL said the glossary is gone): the next
        `ensure` finds it by name or creates it again."""
        self._id, self._pairs = None, {}
        self._save()

    def ensure(self, source: str, target: str, entries: dict[str, str]) -> str | None:
        """The glossary id to translate source→target with (None: no terms,
        or a pair DeepL has no glossaries for)."""
        source, target = base_code(source), base_code(target)
        pair = f"{source}-{target}"
        if not entries:
            if self._id and pair in self._pairs:
                self.engine.delete_dictionary(self._id, source, target)
                del self._pairs[pair]
                self._save()
            return None
        wanted = checksum(entries)
        if self._id and self._pairs.get(pair) == wanted:
            return self._id
        if not self._pair_supported(source, target):
            return None
        if self._id is None:
            self._id = self.engine.find_glossary(self.name)
            self._pairs = {}
        if self._id and not self.engine.replace_dictionary(self._id, source, target, entries):
            self._id, self._pairs = None, {}
        if self._id is None:
            self._id = self.engine.create_glossary(self.name, source, target, entries)
        self._pairs[pair] = wanted
        self._save()
        return self._id

    def _pair_supported(self, source: str, target: str) -> bool:
        if self._supported is None:
            self._supported = self.engine.glossary_pairs()
        if (source, target) in self._supported:
            return True
        print(
            f"warning: DeepL has no glossaries for {source}→{target}; drafting without one",
            file=sys.stderr,
        )
        return False
