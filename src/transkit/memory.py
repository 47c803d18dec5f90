"""Translation memory: the project's approved translations, found again.

Every approved segment of a language, across all documents, is a unit of
memory. `exact` finds a source said the same way before (footnote numbers
aside: their labels are mapped onto the new source's) and may be used as a
draft; `suggest` ranks similar sources by rapidfuzz's ratio (0–100), to be
offered to a reviewer, never filled in as if translated.

Memories from other tools (TMX files imported into ``memory/``, see
`transkit.tmx`) are suggested beside the project's own work, labelled by
their file, and never used by `exact` unless the caller asks: a
translation nobody in the project approved is not a draft by default.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from transkit.catalog import Catalog
from transkit.document import FOOTNOTE_RE
from transkit.errors import TranskitError
from transkit.status import Status, status_of

if TYPE_CHECKING:
    from transkit.project import Project


@dataclass(frozen=True)
class Suggestion:
    score: float  # 0–100; 100 for an exact match
    source: str  # the remembered source
    target: str  # its approved translation, footnote labels fitted to the query
    doc: str
    id: str
    origin: str = ""  # "" for the project's own work, else the imported memory file


#: The project folder for imported memories: ``memory/NAME.tmx``.
MEMORY_DIR = "memory"


def _key(text: str) -> str:
    """The source with footnote labels blanked: ``rose.[^4]`` ≈ ``rose.[^7]``."""
    return FOOTNOTE_RE.sub("[^]", text)


def _fit_labels(query: str, source: str, target: str) -> str:
    """`target` with `source`'s footnote labels renamed to `query`'s, when
    both name them in the same number; otherwise unchanged."""
    want = FOOTNOTE_RE.findall(query)
    have = FOOTNOTE_RE.findall(source)
    if want == have or len(want) != len(have):
        return target
    mapping: dict[str, str] = {}
    for old, new in zip(have, want, strict=True):
        if mapping.setdefault(old, new) != new:
            return target  # the same label used for two new ones: leave it to a person
    return FOOTNOTE_RE.sub(lambda m: f"[^{mapping.get(m.group(1), m.group(1))}]", target)


@dataclass(frozen=True)
class _Unit:
    source: str
    target: str
    doc: str
    id: str
    origin: str = ""


_NO_UNIT = _Unit("", "", "", "")


@dataclass(frozen=True)
class _Index:
    """The memory as one value, replaced whole when it learns."""

    units: list[_Unit | None]  # None: a unit no longer approved
    keys: list[str | None]  # `_key` of each unit's source, for rapidfuzz
    by_key: dict[str, list[int]]  # key -> positions, for exact matches
    slot: dict[tuple[str, str], int]  # (doc, id) -> position


def _score(score: float) -> float:
    """One decimal; only a match of the whole (label-blind) source shows 100."""
    return 100.0 if score >= 100 else min(round(float(score), 1), 99.9)


@dataclass(frozen=True)
class Learned:
    """One change `TranslationMemory.learn` made: a unit forgotten, one added."""

    forgotten: _Unit | None
    added: _Unit | None

    def revise(self, found: list[Suggestion], query: str, *, limit: int = 5,
               cutoff: float = 70.0, exclude_id: str | None = None) -> list[Suggestion] | None:
        """`found` (what `suggest` gave for `query` before) as `suggest` would
        give it now, without searching the memory again; None when only a
        new search can tell (a unit shown was forgotten)."""
        gone = self.forgotten
        if gone is not None and any((s.doc, s.id) == (gone.doc, gone.id) for s in found):
            return None
        unit = self.added
        if unit is None or TranslationMemory._excluded(unit, exclude_id):
            return found
        score = fuzz.ratio(_key(query), _key(unit.source), score_cutoff=cutoff)
        if not score or any((s.source, s.target) == (unit.source, unit.target) for s in found):
            return found  # below the cutoff, or said already (by a unit met first)
        new = Suggestion(_score(score), unit.source, _fit_labels(query, unit.source, unit.target),
                         unit.doc, unit.id, unit.origin)
        # as `suggest` ranks: the project's own before imported memories among
        # equals; sorted() is stable, so the new one comes after its equals
        ranked = sorted([*found, new], key=lambda s: (-s.score, bool(s.origin)))
        return ranked[:limit]


class TranslationMemory:
    """Approved translations of one language, searchable by source.

    It learns while a review is open (`learn`): an approval made a minute ago
    is offered on the next segment. Learning replaces the index whole (copy
    on write), so a search running in another thread sees the memory as it
    was when the search began, never half of an update.
    """

    def __init__(self, units: Iterable[_Unit], external: Iterable[_Unit] = ()):
        # The project's own units first: equal scores then favour them.
        keep: list[_Unit | None] = [*units, *external]
        keys: list[str | None] = [_key(u.source) for u in keep if u is not None]
        by_key: dict[str, list[int]] = {}
        slot: dict[tuple[str, str], int] = {}
        for i, (unit, key) in enumerate(zip(keep, keys, strict=True)):
            assert unit is not None and key is not None
            by_key.setdefault(key, []).append(i)
            slot.setdefault((unit.doc, unit.id), i)
        self._index = _Index(keep, keys, by_key, slot)
        self.learned = 0  # changes learned: suggestions found before one are out of date

    @classmethod
    def from_catalogs(
        cls, pairs: Iterable[tuple[str, Catalog]], external: Iterable[_Unit] = ()
    ) -> TranslationMemory:
        """From (document name, catalog) pairs; only approved entries count;
        `external`: imported memories' units (`external_units`)."""
        units = [
            _Unit(entry.source, entry.target, doc, entry.id)
            for doc, catalog in pairs
            for entry in catalog
            if entry.source and status_of(entry) is Status.APPROVED
        ]
        return cls(units, external)

    @classmethod
    def from_project(cls, project: Project, lang: str) -> TranslationMemory:
        """Every document's approved translations into `lang`, and the
        imported memories' (unreadable ones left out: see `external_units`)."""
        pairs = [
            (doc, project.load_translation(doc, lang))
            for doc in project.documents()
            if project.po_path(doc, lang).exists()
        ]
        external, _problems = external_units(project.root, project.config.source_language, lang)
        return cls.from_catalogs(pairs, external)

    def __len__(self) -> int:
        return sum(unit is not None for unit in self._index.units)

    def learn(self, doc: str, entry_id: str, source: str, target: str,
              approved: bool) -> Learned | None:
        """Segment `entry_id` of `doc` now reads `target`, approved or not: it
        is (again, or no longer) a unit of memory. What changed, if anything."""
        index = self._index
        slot = index.slot.get((doc, entry_id))
        unit = _Unit(source, target, doc, entry_id) if approved and source else None
        old = index.units[slot] if slot is not None else None
        if unit == old:
            return None
        units, keys = list(index.units), list(index.keys)
        by_key, slots = dict(index.by_key), index.slot
        if slot is None:
            slot = len(units)
            units.append(None)
            keys.append(None)
            slots = {**slots, (doc, entry_id): slot}
        if old is not None:
            old_key = keys[slot] or ""
            by_key[old_key] = [i for i in by_key[old_key] if i != slot]
        units[slot] = unit
        keys[slot] = _key(source) if unit is not None else None
        if unit is not None:
            new_key = keys[slot] or ""
            by_key[new_key] = sorted([*by_key.get(new_key, []), slot])
        self._index = _Index(units, keys, by_key, slots)
        self.learned += 1
        return Learned(old, unit)

    @staticmethod
    def _excluded(unit: _Unit, exclude_id: str | None) -> bool:
        """``exclude_id`` is a segment id (any document) or ``doc:id``."""
        if exclude_id is None:
            return False
        doc, sep, sid = exclude_id.rpartition(":")
        return unit.id == sid and (not sep or unit.doc == doc)

    def exact(
        self, source: str, exclude_id: str | None = None, *, external: bool = False
    ) -> Suggestion | None:
        """The approved translation of this very source, if there is one.

        Where it was translated differently in different places, the most
        frequent translation wins (then the first met). Imported memories
        count only with `external` (and only where the project has none).
        """
        units = self._index.units
        found = [
            unit
            for i in self._index.by_key.get(_key(source), [])
            if (unit := units[i]) is not None and not self._excluded(unit, exclude_id)
            and (external or not unit.origin)
        ]
        if any(not u.origin for u in found):
            found = [u for u in found if not u.origin]
        if not found:
            return None
        counts = Counter(u.target for u in found)
        best = max(found, key=lambda u: counts[u.target])  # max keeps the first of equals
        return Suggestion(
            100.0, best.source, _fit_labels(source, best.source, best.target), best.doc, best.id,
            best.origin,
        )

    def suggest(
        self,
        source: str,
        limit: int = 5,
        cutoff: float = 70.0,
        exclude_id: str | None = None,
    ) -> list[Suggestion]:
        """Similar approved sources with their translations, best first.

        One suggestion per distinct (source, target); ties keep document order.
        """
        index = self._index  # as it is now, whatever `learn` does meanwhile
        if not index.units or limit <= 0:
            return []
        matches = process.extract(  # None keys (units forgotten) are skipped
            _key(source), index.keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        )
        units = index.units  # the project's own first among equals, those learned too
        matches.sort(key=lambda m: (-m[1], bool((units[m[2]] or _NO_UNIT).origin), m[2]))
        out: list[Suggestion] = []
        seen: set[tuple[str, str]] = set()
        for _, score, i in matches:
            unit = index.units[i]
            if unit is None or self._excluded(unit, exclude_id):
                continue
            if (unit.source, unit.target) in seen:
                continue
            seen.add((unit.source, unit.target))
            target = _fit_labels(source, unit.source, unit.target)
            out.append(
                Suggestion(_score(score), unit.source, target, unit.doc, unit.id, unit.origin)
            )
            if len(out) >= limit:
                break
        return out


def external_units(root: Path, source_lang: str, lang: str) -> tuple[list[_Unit], list[str]]:
    """The units of every ``memory/*.tmx`` that pair `source_lang` with
    `lang`, and one line per file that could not be read (the rest still count)."""
    from transkit import tmx
    from transkit.fsutil import read_input

    units: list[_Unit] = []
    problems: list[str] = []
    folder = root / MEMORY_DIR
    for path in sorted(folder.glob("*.tmx")) if folder.is_dir() else []:
        try:
            memory = tmx.read(read_input(path, limit=TMX_LIMIT, what="memory"), str(path))
        except (TranskitError, OSError) as exc:
            problems.append(str(exc))
            continue
        for n, (source, target, unit) in enumerate(tmx.pairs(memory, source_lang, lang), 1):
            units.append(
                _Unit(source, target, path.name, unit.tuid or f"#{n}", origin=path.name)
            )
    return units, problems


#: The largest memory file read (OmegaT's project memories run to tens of MB).
TMX_LIMIT = 256 * 1024 * 1024
