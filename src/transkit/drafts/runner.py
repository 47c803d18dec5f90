"""Drafting a project: fill untranslated segments, cheapest source first.

For each language: exact matches from the translation memory (free), then
the draft cache (free), then DeepL in batches. Every batch DeepL answers is
committed to the cache before the next request, and written into the PO file
(atomically) every couple of seconds and whenever the run stops — a fault, a
budget stop, Ctrl+C — so nothing received is lost and running the same
command again bills only what is still missing. Files are written through
the store (`transkit.store`) with the `DRAFT` rule: edits someone else saves
meanwhile win over our drafts. One run per language at a time
(`Project.drafting`), so two runs never bill the same segments.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Protocol

from transkit.catalog import Catalog, Entry, copy_entry
from transkit.config import DraftSettings
from transkit.drafts import plan
from transkit.drafts.cache import Cached, DraftCache, cache_key
from transkit.drafts.deepl import DeepLEngine, DeepLFault, Translation, Usage
from transkit.drafts.glossary_sync import GlossarySync, checksum, entries_of
from transkit.errors import EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS, ConfigError, TranskitError
from transkit.fsutil import os_error_cause
from transkit.memory import TranslationMemory
from transkit.merge import DRAFT, Side
from transkit.project import Project, load_glossary
from transkit.status import Status, status_of
from transkit.store import Store, Version
from transkit.terminal import shown

ENGINES = ("deepl", "memory")
#: Bumped when what we send changes shape, so old cache entries are not reused.
PROTOCOL = "xml-x1"


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl+C until the block is done, then deliver it: a batch is
    committed to the cache and the catalog whole, or not at all."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[tuple[int, FrameType | None]] = []
    previous = signal.signal(signal.SIGINT, lambda sig, frame: caught.append((sig, frame)))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught and callable(previous):
            previous(*caught[0])


class Progress(Protocol):
    def start(self, lang: str, segments: int, chars: int) -> None: ...
    def advance(self, lang: str, segments: int, chars: int) -> None: ...
    def finish(self, lang: str) -> None: ...


class NoProgress:
    def start(self, lang: str, segments: int, chars: int) -> None:
        pass

    def advance(self, lang: str, segments: int, chars: int) -> None:
        pass

    def finish(self, lang: str) -> None:
        pass


class BudgetReached(TranskitError):
    """``--max-chars`` would be passed by the next request."""

    exit_code = 1


class LanguageRejected(TranskitError):
    """DeepL refused this language's requests (HTTP 400: its code or
    formality): the language stops, the others still run."""


def _http_status(fault: DeepLFault) -> int | None:
    """The HTTP status behind a fault: `DeepLEngine` raises its faults while
    handling the client's exception, which stays as their context."""
    status = getattr(fault.__context__, "http_status_code", None)
    return status if isinstance(status, int) else None


def _glossary_gone(fault: DeepLFault) -> bool:
    """DeepL says the glossary sent (or its dictionary for the pair) does
    not exist: deleted on DeepL's side."""
    return _http_status(fault) in (400, 404) and "glossary" in str(fault.__context__).lower()


@dataclass
class _Target:
    """What every request of one language carries; the glossary id changes
    if the glossary has to be made again."""

    code: str  # DeepL's
    formality: str | None
    entries: dict[str, str]  # glossary terms
    glossary_id: str | None = None


@dataclass
class LangReport:
    """What drafting did (or, in a dry run, would do) for one language."""

    lang: str
    target: str = ""  # DeepL's code
    pending: int = 0
    from_memory: int = 0
    from_cache: int = 0
    from_deepl: int = 0
    requests: int = 0
    chars: int = 0  # billed (dry run: would be billed)
    kept: int = 0  # stale segments with a person's text: draft recorded beside it
    superseded: int = 0  # drafts not saved: someone else changed the segment meanwhile
    left: int = 0  # not drafted: memory engine without a match, or a budget stop
    unsaved: int = 0  # drafted, but the PO file could not be written
    flagged: list[str] = field(default_factory=list)  # "doc:id" of drafts to check
    skipped: list[str] = field(default_factory=list)  # "doc:id (why)": too large to send
    failed: str = ""  # why DeepL refused the language (the other languages still ran)

    @property
    def drafted(self) -> int:
        return (
            self.from_memory + self.from_cache + self.from_deepl - self.superseded - self.unsaved
        )


@dataclass
class _Job:
    """One document in one language: its catalog and what DeepL must do."""

    doc: str
    lang: str
    version: Version  # the file as last read or written by us: the merge base
    catalog: Catalog = field(init=False)  # ours: the version's entries, copied on write
    batches: list[plan.Batch] = field(default_factory=list)
    before: dict[str, str] = field(default_factory=dict)  # id → target when read
    changed: dict[str, Entry] = field(default_factory=dict)  # drafted since the last save

    def __post_init__(self) -> None:
        self.rebase(self.version)

    def rebase(self, version: Version) -> None:
        """Start from `version` (just read or saved): its entries are shared
        until one is drafted (`own`), so the store sees what changed."""
        self.version = version
        c = version.catalog
        self.catalog = Catalog(dict(c.header), list(c.entries), list(c.header_comments))

    def own(self, entry: Entry) -> Entry:
        """Our own copy of `entry`, in place of the shared one."""
        i = self.catalog.position(entry.id)
        assert i is not None  # drafted entries come from this catalog
        if self.catalog.entries[i] is self.version.catalog.entries[i]:
            self.catalog.entries[i] = copy_entry(entry)
        return self.catalog.entries[i]


class Drafter:
    """One ``transkit draft`` run over some documents and languages."""

    def __init__(
        self,
        project: Project,
        *,
        engine: str = "deepl",
        include_stale: bool = False,
        dry_run: bool = False,
        max_chars: int | None = None,
        progress: Progress | None = None,
        engine_factory: Callable[[DraftSettings], DeepLEngine] | None = None,
    ):
        if engine not in ENGINES:
            raise TranskitError(f"unknown engine {engine!r} (use {' or '.join(ENGINES)})")
        self.project = project
        self.engine_name = engine
        self.include_stale = include_stale
        self.dry_run = dry_run
        self.max_chars = max_chars
        self.progress = progress or NoProgress()
        self.settings = project.config.draft
        self._factory = engine_factory or (
            lambda s: DeepLEngine.from_env(retries=s.network_retries, timeout=s.timeout)
        )
        self._engine: DeepLEngine | None = None
        self._glossary_sync: GlossarySync | None = None
        self.billed = 0  # characters billed in this run, all languages
        self.saved = 0  # drafts put into PO files in this run
        self.reports: list[LangReport] = []
        self.store = Store(project)
        self._glossary = load_glossary(project.root, project.config.source_language)
        self.source_lang = project.config.source_language.split("_")[0].upper()

    # -- the run ---------------------------------------------------------------

    def run(self, docs: list[str], langs: list[str]) -> list[LangReport]:
        for lang in langs:
            self._check_language(lang)
        self.reports = []
        with DraftCache.for_project(self.project.root, create=not self.dry_run) as cache:
            try:
                for lang in langs:
                    if self.dry_run:
                        self._language(cache, docs, lang)
                        continue
                    with self.project.drafting(lang):
                        self._language(cache, docs, lang)
            finally:
                if self._engine is not None:
                    self._engine.close()
                self._engine = self._glossary_sync = None
        return self.reports

    @property
    def exit_code(self) -> int:
        """2 if a language was refused (a bad setting), 1 if segments were
        skipped as too large, else 0."""
        if any(r.failed for r in self.reports):
            return EXIT_ERROR
        if any(r.skipped for r in self.reports):
            return EXIT_PROBLEMS
        return EXIT_OK

    def usage(self) -> Usage:
        """The account's usage and limit (one request)."""
        return self._deepl().usage()

    def _deepl(self) -> DeepLEngine:
        if self._engine is None:
            self._engine = self._factory(self.settings)
        return self._engine

    def _check_language(self, lang: str) -> None:
        """Formality and DeepL code were checked with the config (`transkit.config`)."""
        config = self.project.config
        if lang not in config.languages:
            raise ConfigError(f"{lang!r} is not a target language", config.path)

    def _language(self, cache: DraftCache, docs: list[str], lang: str) -> LangReport:
        lc = self.project.config.languages[lang]
        report = LangReport(lang, lc.deepl.upper())
        self.reports.append(report)  # kept up to date, so a stopped run can still report
        formality = None if lc.formality == "default" else lc.formality
        entries = entries_of(self._glossary.terms(lang))
        options = {
            "source": self.source_lang,
            "formality": lc.formality,
            "model": self.settings.model_type or "",
            "glossary": checksum(entries) if entries else "",
            "protocol": PROTOCOL,
        }
        meta = {
            "model": self.settings.model_type or "",
            "formality": lc.formality,
            "glossary": options["glossary"][:8],
        }

        versions: dict[str, Version] = {}
        for doc in docs:
            path = self.project.po_path(doc, lang)
            if path.exists():
                versions[doc] = self.store.read(doc, lang)
            else:
                print(
                    f"warning: {doc} has no {lang} file yet (run 'transkit import' again); skipped",
                    file=sys.stderr,
                )
        memory = None
        if self.engine_name == "memory" or self.settings.use_memory:
            catalogs = {doc: v.catalog for doc, v in versions.items()}
            memory = TranslationMemory.from_catalogs(self._all_catalogs(lang, catalogs))

        jobs: list[_Job] = []
        for doc, version in versions.items():
            job = _Job(doc, lang, version)
            self._prepare(cache, job, memory, options, meta, report)
            if job.batches:
                jobs.append(job)

        if self.engine_name == "memory":
            report.left += sum(len(b.units) for j in jobs for b in j.batches)
            return report
        units = sum(len(b.units) for j in jobs for b in j.batches)
        chars = sum(b.chars for j in jobs for b in j.batches)
        if self.dry_run:
            report.chars += chars
            report.requests += sum(len(j.batches) for j in jobs)
            return report
        if not jobs:
            return report

        # Only now that DeepL is needed: sync (or drop) this pair's dictionary.
        target = _Target(lc.deepl, formality, entries)
        target.glossary_id = self._glossaries(cache).ensure(self.source_lang, lc.deepl, entries)
        self.progress.start(lang, units, chars)
        try:
            for job in jobs:
                self._send(cache, job, target, options, meta, report)
        except LanguageRejected as exc:
            report.failed = exc.message
            print(f"transkit: error: {shown(exc.message)}", file=sys.stderr)
        finally:
            self.progress.finish(lang)
            report.left = report.pending - report.drafted
        return report

    def _all_catalogs(self, lang: str, loaded: dict[str, Catalog]) -> list[tuple[str, Catalog]]:
        """Every document's catalog in `lang` (the memory spans the project).
        Another document's unreadable file (conflict markers…) is left out of
        the memory with a warning: it stops no one else's drafts."""
        pairs = list(loaded.items())
        for doc in self.project.documents():
            if doc not in loaded and self.project.po_path(doc, lang).exists():
                try:
                    pairs.append((doc, self.project.load_translation(doc, lang)))
                except TranskitError as exc:
                    print(f"warning: {shown(str(exc))}; left out of the translation memory",
                          file=sys.stderr)
        return pairs

    def _glossaries(self, cache: DraftCache) -> GlossarySync:
        if self._glossary_sync is None:
            self._glossary_sync = GlossarySync(self._deepl(), cache, self.settings.glossary_name)
        return self._glossary_sync

    # -- one document ------------------------------------------------------------

    def _prepare(
        self,
        cache: DraftCache,
        job: _Job,
        memory: TranslationMemory | None,
        options: dict[str, str],
        meta: dict[str, str],
        report: LangReport,
    ) -> None:
        """Fill what memory and cache can; leave in the job what DeepL must do."""
        doc = job.doc
        todo = plan.pending(job.catalog, self.include_stale)
        job.before = {e.id: e.target for e in todo}
        report.pending += len(todo)
        found: list[tuple[Entry, str, dict[str, str]]] = []  # memory matches
        rest: list[Entry] = []
        for entry in todo:
            match = memory.exact(entry.source, exclude_id=f"{doc}:{entry.id}") if memory else None
            if match is None:
                rest.append(entry)
            else:
                extra = {"score": "100", "origin": f"{match.doc}:{match.id}"}
                found.append((entry, match.target, extra))
        report.from_memory += len(found)

        hits: list[tuple[Entry, Cached]] = []
        if self.engine_name == "memory":
            units = [plan.Unit(e.id, e.source, "") for e in rest]
            job.batches = [plan.Batch("", units)] if units else []
        else:
            contexts = plan.contexts(self.project.load_template(doc))
            by_id = {e.id: e for e in rest}
            units = [plan.Unit(e.id, plan.protect(e.source), contexts.get(e.id, "")) for e in rest]
            keys = {u.id: cache_key(u.text, u.context, report.target, options) for u in units}
            cached = cache.get_many(keys.values())
            hits = [(by_id[u.id], cached[keys[u.id]]) for u in units if keys[u.id] in cached]
            report.from_cache += len(hits)
            too_large: list[tuple[plan.Unit, int]] = []
            job.batches = plan.batches(
                (u for u in units if keys[u.id] not in cached), too_large=too_large
            )
            for unit, size in too_large:
                self._skip(job, unit, size, "too large for one DeepL request", report)

        if not self.dry_run and (found or hits):
            with interrupts_deferred():
                for entry, text, extra in found:
                    self._apply(job, entry, text, "memory", extra, report)
                for entry, answer in hits:
                    self._apply_deepl(job, entry, answer, meta, report)
                self._save(job, report)

    def _send(
        self,
        cache: DraftCache,
        job: _Job,
        target: _Target,
        options: dict[str, str],
        meta: dict[str, str],
        report: LangReport,
    ) -> None:
        """Send the job's batches. Each answer is committed to the cache, put
        into the catalog and saved to the PO file (atomically; a resave costs
        about a millisecond) with Ctrl+C held off, so nothing received is
        ever lost, and a re-run bills only the rest. A batch DeepL finds too
        large (HTTP 413) is sent again in halves, down to single segments; a
        single segment still too large is skipped."""
        queue = deque(job.batches)
        try:
            while queue:
                batch = queue.popleft()
                if self.max_chars is not None and self.billed + batch.chars > self.max_chars:
                    raise BudgetReached(
                        f"stopped before passing --max-chars {self.max_chars:,}: "
                        f"{self.billed:,} characters billed, the next request needs "
                        f"{batch.chars:,}; drafts so far are saved — run again with a "
                        "higher --max-chars to go on"
                    )
                try:
                    results = self._translate(cache, batch, target)
                except DeepLFault as fault:
                    status = _http_status(fault)
                    if status == 413 and len(batch.units) > 1:
                        half = len(batch.units) // 2
                        queue.extendleft(
                            [
                                plan.Batch(batch.context, batch.units[half:]),
                                plan.Batch(batch.context, batch.units[:half]),
                            ]
                        )
                        continue
                    if status == 413:
                        [unit] = batch.units
                        size = plan.request_size([unit.text], unit.context)
                        self._skip(job, unit, size, "refused by DeepL as too large (HTTP 413)",
                                   report)
                        self.progress.advance(job.lang, 1, batch.chars)
                        continue
                    if status == 400 and not _glossary_gone(fault):
                        raise LanguageRejected(self._rejected(job.lang, fault)) from None
                    raise fault.with_saved(self.saved) from None
                with interrupts_deferred():
                    answers = [Cached(r.text, r.billed, r.model) for r in results]
                    uncached: TranskitError | None = None
                    try:
                        cache.put_many(
                            report.target,
                            {
                                cache_key(u.text, u.context, report.target, options): a
                                for u, a in zip(batch.units, answers, strict=True)
                            },
                        )
                    except TranskitError as fault:  # still save what was bought
                        uncached = fault
                    report.requests += 1
                    for unit, answer in zip(batch.units, answers, strict=True):
                        report.from_deepl += 1
                        report.chars += answer.billed
                        self.billed += answer.billed
                        entry = job.catalog.get(unit.id)
                        if entry is not None:
                            self._apply_deepl(job, entry, answer, meta, report)
                    if job.changed:
                        self._save(job, report)
                    if uncached is not None:
                        raise TranskitError(
                            f"{uncached.message}; {self.saved} drafts saved in this run",
                            uncached.path,
                        )
                self.progress.advance(job.lang, len(batch.units), batch.chars)
        finally:
            if job.changed:
                with interrupts_deferred():
                    self._save(job, report)

    def _translate(
        self, cache: DraftCache, batch: plan.Batch, target: _Target
    ) -> list[Translation]:
        """One request. If DeepL no longer has the glossary (deleted on its
        side while its id stayed cached here), it is made again and the
        request sent once more."""

        def send() -> list[Translation]:
            return self._deepl().translate(
                batch.texts,
                source_lang=self.source_lang,
                target_lang=target.code.upper(),
                context=batch.context,
                formality=target.formality,
                model_type=self.settings.model_type,
                glossary_id=target.glossary_id,
            )

        try:
            return send()
        except DeepLFault as fault:
            if target.glossary_id is None or not _glossary_gone(fault):
                raise
        sync = self._glossaries(cache)
        sync.forget()
        target.glossary_id = sync.ensure(self.source_lang, target.code, target.entries)
        print(
            "warning: the DeepL glossary was gone (deleted on DeepL's side?): made again",
            file=sys.stderr,
        )
        return send()

    def _rejected(self, lang: str, fault: DeepLFault) -> str:
        """DeepL's 400 for a language, naming its entry in transkit.toml."""
        config = self.project.config
        lc = config.languages[lang]
        setting = f'[languages.{lang}] deepl = "{lc.deepl}"'
        if lc.formality != "default":
            setting += f', formality = "{lc.formality}"'
        return (
            f"{config.path}: {setting}: {fault.message}; {lang} not drafted, "
            "the other languages were"
        )

    def _skip(
        self, job: _Job, unit: plan.Unit, size: int, why: str, report: LangReport
    ) -> None:
        """Leave one segment undrafted, named with its size and the limit."""
        limit = f"the limit is {plan.MAX_REQUEST_BYTES:,} bytes"
        note = f"{job.doc}:{unit.id} ({size:,} bytes, {why}; {limit})"
        report.skipped.append(note)
        print(f"warning: {shown(note)}: skipped, the rest is drafted", file=sys.stderr)

    # -- entries -------------------------------------------------------------------

    def _apply_deepl(
        self, job: _Job, entry: Entry, answer: Cached, meta: dict[str, str], report: LangReport
    ) -> None:
        text, leftover = plan.restore(answer.text, entry.source)
        extra = dict(meta)
        if answer.model:
            extra["model"] = answer.model
        if leftover:
            extra["warning"] = "markup"
            extra["detail"] = "markup lost, doubled or made up: compare links and emphasis"
        self._apply(job, entry, text, "deepl", extra, report)

    def _apply(
        self,
        job: _Job,
        entry: Entry,
        text: str,
        engine: str,
        extra: dict[str, str],
        report: LangReport,
    ) -> None:
        if entry.target != job.before.get(entry.id, entry.target) or status_of(entry) not in (
            Status.UNTRANSLATED,
            Status.STALE,
        ):
            report.superseded += 1  # someone else saved this segment meanwhile
            return
        problems = plan.verify(entry.source, text)
        if problems:
            extra = {**extra, "warning": "placeholders", "detail": "; ".join(problems)}
        if "warning" in extra:
            report.flagged.append(f"{job.doc}:{entry.id}")
        entry = job.own(entry)
        if not plan.apply_draft(entry, text, engine, **extra):
            report.kept += 1
        job.changed[entry.id] = entry
        self.saved += 1  # saved with the batch, before the next request

    def _save(self, job: _Job, report: LangReport) -> None:
        """Write the job's catalog. If someone else saved the file since we
        read it (the review TUI, an editor), their file is the base: our
        drafts go only into entries still as we found them. Checked and
        written in turn with the review app (`Project.writing`)."""
        path = self.project.po_path(job.doc, job.lang)
        try:
            self._write(job, report, path)
        except (OSError, TranskitError) as exc:
            # Disk full, a file gone bad meanwhile: what was saved is whole; the
            # rest comes back from the cache (or memory) on the next run, billed
            # once (unless the cache could not be written either).
            report.unsaved = len(job.changed)
            if isinstance(exc, OSError):
                exc = TranskitError(f"cannot write: {os_error_cause(exc)}",
                                    exc.filename or path)
            raise TranskitError(
                f"{exc.message}; {self.saved - report.unsaved} drafts saved in this run — "
                "fix that and run the same command again to resume",
                exc.path,
                exc.line,
            ) from None
        job.changed.clear()

    def _write(self, job: _Job, report: LangReport, path: Path) -> None:
        saved = self.store.save(job.doc, job.lang, job.catalog, job.version, DRAFT)
        if saved.merge is not None:
            lost = {c.id for c in saved.merge.conflicts if c.kept is Side.THEIRS}
            lost.update(saved.merge.orphaned)
            lost &= set(job.changed)
            report.superseded += len(lost)
            self.saved -= len(lost)
        job.rebase(saved.version)


def _some(what: str, items: list[str]) -> str:
    """``3 skipped: a, b, c`` — the first five named, the rest counted."""
    return f"{len(items)} {what}: {', '.join(items[:5])}" + (" …" if len(items) > 5 else "")


def describe(report: LangReport) -> str:
    """One summary line for a language."""
    parts = [f"{report.drafted} drafted"]
    sources = []
    if report.from_memory:
        sources.append(f"{report.from_memory} from memory")
    if report.from_cache:
        sources.append(f"{report.from_cache} from cache")
    if report.from_deepl:
        sources.append(
            f"{report.from_deepl} from DeepL: {report.chars:,} characters billed "
            f"in {report.requests} requests"
        )
    if sources:
        parts[0] += f" ({', '.join(sources)})"
    if report.kept:
        parts.append(f"{report.kept} stale kept as they were, new draft recorded beside them")
    if report.flagged:
        parts.append(_some("flagged for review", report.flagged))
    if report.superseded:
        parts.append(f"{report.superseded} not saved: changed by someone else meanwhile")
    if report.unsaved:
        parts.append(f"{report.unsaved} not saved: the file could not be written")
    if report.skipped:
        parts.append(_some("skipped", report.skipped))
    if report.left:
        parts.append(f"{report.left} left undrafted")
    if report.failed:
        parts.append(f"failed: {report.failed}")
    return f"{report.lang} ({report.target}): " + "; ".join(parts)
