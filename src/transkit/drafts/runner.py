"""Drafting a project: fill untranslated segments, cheapest source first.

For each language: exact matches from the translation memory (free), then
the draft cache (free), then DeepL: each paragraph as one text, a section's
paragraphs in one request (`plan`). The requests of all languages go out
`CONCURRENCY` at a time from a thread pool; every answer is handled in the
main thread, committed to the cache and saved into the PO file with Ctrl+C
held off, so nothing received is lost and running the same command again
bills only what is still missing. Requests in flight when a run stops are
waited for and cached (DeepL bills them anyway); the characters billed are
counted per attempt, timed-out ones included. Files are written through the
store (`transkit.store`) with the `DRAFT` rule: edits someone else saves
meanwhile win over our drafts. One run per language at a time
(`Project.drafting`), so two runs never bill the same segments.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Protocol

from transkit.catalog import Catalog, Entry, copy_entry
from transkit.config import DraftSettings
from transkit.drafts import plan
from transkit.drafts.cache import Cached, DraftCache, cache_key
from transkit.drafts.deepl import Answer, DeepLEngine, DeepLFault, Pacer, Usage
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
PROTOCOL = "xml-s1"


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
    def note(self, lang: str, message: str) -> None: ...
    def finish(self, lang: str) -> None: ...


class NoProgress:
    """Plain output: no bar, but waits are still told, one line each."""

    def start(self, lang: str, segments: int, chars: int) -> None:
        pass

    def advance(self, lang: str, segments: int, chars: int) -> None:
        pass

    def note(self, lang: str, message: str) -> None:
        print(f"{lang}: {message}", file=sys.stderr, flush=True)

    def finish(self, lang: str) -> None:
        pass


class BudgetReached(TranskitError):
    """``--max-chars`` would be passed by the next request."""

    exit_code = 1


class LanguageRejected(TranskitError):
    """DeepL refused this language's requests (HTTP 400: its code or
    formality): the language stops, the others still run."""


#: Requests in flight at once, all languages together: enough to hide
#: DeepL's round trips, few enough to stay clear of its rate limit.
CONCURRENCY = 4


def _glossary_gone(fault: DeepLFault) -> bool:
    """DeepL says the glossary sent (or its dictionary for the pair) does
    not exist: deleted on DeepL's side."""
    return fault.status in (400, 404) and "glossary" in fault.detail.lower()


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
    #: untouched DeepL drafts made for another target code (PT-PT → PT-BR), by code
    other_variants: Counter[str] = field(default_factory=Counter)
    redrafting: bool = False  # --redraft-variant: those are being redrafted

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


@dataclass
class _Lang:
    """One language's part of a run: what its requests carry, its report,
    and its documents' batches."""

    lang: str
    report: LangReport
    target: _Target
    options: dict[str, str]  # what shapes a translation: in the cache key
    meta: dict[str, str]  # what a draft's comment records
    jobs: list[_Job] = field(default_factory=list)
    glossary_renewed: bool = False


@dataclass
class _Sending:
    """One request to send: a batch of one document in one language."""

    work: _Lang
    job: _Job
    batch: plan.Batch
    glossary_id: str | None = None  # the one it was sent with


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
        redraft_variant: bool = False,
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
        self.redraft_variant = redraft_variant
        self._engine: DeepLEngine | None = None  # the main thread's
        self._engines: list[DeepLEngine] = []  # every thread's, closed after the run
        self._engines_lock = threading.Lock()
        self._local = threading.local()
        self._pacer = Pacer()
        self._glossary_sync: GlossarySync | None = None
        self.billed = 0  # characters billed in this run, all languages
        self.saved = 0  # drafts put into PO files in this run
        self.reports: list[LangReport] = []
        self.store = Store(project)
        self._glossary = load_glossary(project.root, project.config.source_language)
        self.source_lang = project.config.source_language.split("_")[0].upper()

    # -- the run ---------------------------------------------------------------

    def run(self, docs: list[str], langs: list[str]) -> list[LangReport]:
        """Prepare every language (memory, cache, glossary), then send what
        is left of all of them together, a few requests at a time."""
        for lang in langs:
            self._check_language(lang)
        self.reports = []
        self._pacer = Pacer()  # the last run's was stopped
        with DraftCache.for_project(self.project.root, create=not self.dry_run) as cache, \
                ExitStack() as locks:
            try:
                work: list[_Lang] = []
                for lang in langs:
                    if not self.dry_run:
                        locks.enter_context(self.project.drafting(lang))
                    prepared = self._language(cache, docs, lang)
                    if prepared is not None:
                        work.append(prepared)
                if work:
                    self._send_all(cache, work)
            finally:
                for engine in self._engines:
                    engine.close()
                self._engines.clear()
                self._local = threading.local()  # closed: the next run makes new ones
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
        """This thread's engine: each sending thread has its own client
        (an HTTP session is not shared between threads), all one pacer."""
        engine: DeepLEngine | None = getattr(self._local, "engine", None)
        if engine is None:
            with self._engines_lock:
                engine = self._factory(self.settings)
                engine.pacer = self._pacer
                self._engines.append(engine)
            self._local.engine = engine
            if threading.current_thread() is threading.main_thread():
                self._engine = engine
        return engine

    def _check_language(self, lang: str) -> None:
        """Formality and DeepL code were checked with the config (`transkit.config`)."""
        config = self.project.config
        if lang not in config.languages:
            raise ConfigError(f"{lang!r} is not a target language", config.path)

    def _language(self, cache: DraftCache, docs: list[str], lang: str) -> _Lang | None:
        """One language's drafts from memory and cache, and what it leaves
        for DeepL (None: nothing)."""
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
            "target": report.target,
            "model": self.settings.model_type or "",
            "formality": lc.formality,
            "glossary": options["glossary"][:8],
        }
        work = _Lang(lang, report, _Target(lc.deepl, formality, entries), options, meta)

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

        for doc, version in versions.items():
            job = _Job(doc, lang, version)
            self._prepare(cache, job, memory, work)
            if job.batches:
                work.jobs.append(job)
        self._tell_variants(work, versions)

        jobs = work.jobs
        if self.engine_name == "memory":
            report.left += sum(len(u.segments) for j in jobs for b in j.batches for u in b.units)
            return None
        if self.dry_run:
            report.chars += sum(b.chars for j in jobs for b in j.batches)
            report.requests += sum(len(j.batches) for j in jobs)
            return None
        if not jobs:
            return None
        # Only now that DeepL is needed: sync (or drop) this pair's dictionary.
        work.target.glossary_id = self._glossaries(cache).ensure(
            self.source_lang, lc.deepl, entries
        )
        return work

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
        work: _Lang,
    ) -> None:
        """Fill what memory and cache can; leave in the job what DeepL must do."""
        doc, report = job.doc, work.report
        todo = plan.pending(job.catalog, self.include_stale, self._redraft(work.report.target))
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

        hits: list[tuple[plan.Unit, Cached]] = []
        if self.engine_name == "memory":
            units = [plan.Unit(e.id, e.source, "") for e in rest]
            job.batches = [plan.Batch("", units)] if units else []
        else:
            template = self.project.load_template(doc)
            contexts = plan.contexts(template)
            units = plan.units(
                plan.paragraphs(template), {e.id: e.source for e in rest}, contexts
            )
            hits, missing = self._from_cache(cache, job, units, work)
            too_large: list[tuple[plan.Unit, int]] = []
            job.batches = plan.batches(self._fitting(missing), too_large=too_large)
            for unit, size in too_large:
                self._skip(job, unit, size, "too large for one DeepL request", report)

        if not self.dry_run and (found or hits):
            with interrupts_deferred():
                for entry, text, extra in found:
                    self._apply(job, entry, text, "memory", extra, report)
                for unit, answer in hits:
                    self._apply_unit(job, unit, answer, work.meta, report)
                self._save(job, report)

    def _from_cache(
        self, cache: DraftCache, job: _Job, units: list[plan.Unit], work: _Lang
    ) -> tuple[list[tuple[plan.Unit, Cached]], list[plan.Unit]]:
        """The units the cache answers (a paragraph whose cached answer has
        broken tags is looked up sentence by sentence), and the rest."""
        hits: list[tuple[plan.Unit, Cached]] = []
        missing: list[plan.Unit] = []
        key = self._key_of(work)
        cached = cache.get_many(key(u) for u in units)
        broken: list[plan.Unit] = []
        for unit in units:
            answer = cached.get(key(unit))
            if answer is None:
                missing.append(unit)
            elif plan.split(unit, answer.text) is None:
                self._tell_broken(job, unit)
                broken += plan.sentences(unit)
            else:
                hits.append((unit, answer))
        work.report.from_cache += sum(len(u.segments) for u, _ in hits)
        if broken:  # (counted by the call that finds them)
            more, rest = self._from_cache(cache, job, broken, work)
            hits += more
            missing += rest
        return hits, missing

    @staticmethod
    def _fitting(units: list[plan.Unit]) -> list[plan.Unit]:
        """A paragraph too large for one request goes sentence by sentence."""
        out: list[plan.Unit] = []
        for unit in units:
            too_large = plan.request_size([unit.text], unit.context) > plan.MAX_REQUEST_BYTES
            out += plan.sentences(unit) if unit.ids and too_large else [unit]
        return out

    def _redraft(self, target: str) -> str | None:
        """The target code whose other variants' drafts are redrafted, if asked."""
        return target if self.redraft_variant and self.engine_name == "deepl" else None

    def _tell_variants(self, work: _Lang, versions: dict[str, Version]) -> None:
        """Count the untouched drafts made for another variant of the language."""
        report = work.report
        report.redrafting = self._redraft(report.target) is not None
        if report.redrafting:
            return
        for version in versions.values():
            report.other_variants += plan.other_variants(version.catalog, report.target)

    def _key_of(self, work: _Lang) -> Callable[[plan.Unit], str]:
        return lambda u: cache_key(u.text, u.context, work.report.target, work.options)

    def _send_all(self, cache: DraftCache, work: list[_Lang]) -> None:
        """Send every language's batches, `CONCURRENCY` at a time (the
        languages' batches taken in turn). Each answer is handled here, in
        the main thread: committed to the cache, put into the catalog and
        saved through the store, with Ctrl+C held off, so nothing received is
        ever lost and a re-run bills only the rest. A batch DeepL finds too
        large (HTTP 413) is sent again in halves, a paragraph then sentence by
        sentence, a single sentence without its context; if still too large,
        it is skipped. A fault that
        stops the run lets the requests in flight finish (they are paid for)."""
        queue: deque[_Sending] = deque()
        lanes = [deque(_Sending(w, j, b) for j in w.jobs for b in j.batches) for w in work]
        while any(lanes):
            for lane in lanes:
                if lane:
                    queue.append(lane.popleft())
        for w in work:
            units = [u for j in w.jobs for b in j.batches for u in b.units]
            self.progress.start(w.lang, sum(len(u.segments) for u in units),
                                sum(u.chars for u in units))
        inflight: dict[Future[Answer], _Sending] = {}
        stop: TranskitError | None = None
        pool = ThreadPoolExecutor(max_workers=CONCURRENCY, thread_name_prefix="deepl")
        try:
            while queue or inflight:
                while queue and stop is None and len(inflight) < CONCURRENCY:
                    sending = queue.popleft()
                    if sending.work.report.failed:
                        continue
                    batch = sending.batch
                    owed = sum(s.batch.chars for s in inflight.values())
                    if self.max_chars is not None and (
                        self.billed + owed + batch.chars > self.max_chars
                    ):
                        stop = BudgetReached(
                            f"stopped before passing --max-chars {self.max_chars:,}: "
                            f"{self.billed + owed:,} characters billed, the next request "
                            f"needs {batch.chars:,}; drafts so far are saved — run again "
                            "with a higher --max-chars to go on"
                        )
                        break
                    sending.glossary_id = sending.work.target.glossary_id
                    inflight[pool.submit(self._translate, sending)] = sending
                if not inflight:
                    break
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                for future in [f for f in inflight if f in done]:  # in the order sent
                    sending = inflight.pop(future)
                    try:
                        answer = future.result()
                    except DeepLFault as fault:
                        self._charge(sending.work, fault.billed)
                        try:
                            queue.extendleft(reversed(self._retry(cache, sending, fault)))
                        except LanguageRejected as exc:
                            if not sending.work.report.failed:  # said once per language
                                sending.work.report.failed = exc.message
                                print(f"transkit: error: {shown(exc.message)}",
                                      file=sys.stderr)
                        except DeepLFault as fatal:
                            stop = stop or fatal
                        continue
                    again = self._receive(cache, sending, answer)
                    queue.extendleft(reversed(again))
            if stop is not None:
                if isinstance(stop, DeepLFault):
                    raise stop.with_saved(self.saved)
                raise stop
        except BaseException as exc:
            # Ctrl+C, a cache or store failure: what is in flight is paid for.
            self._drain(cache, inflight, told=isinstance(exc, KeyboardInterrupt))
            raise
        finally:
            self._pacer.stop()  # no thread retries or waits any more
            pool.shutdown(wait=False, cancel_futures=True)
            for w in work:
                for job in w.jobs:
                    if job.changed:
                        with interrupts_deferred():
                            self._save(job, w.report)
                self.progress.finish(w.lang)
                w.report.left = w.report.pending - w.report.drafted

    def _drain(
        self, cache: DraftCache, inflight: dict[Future[Answer], _Sending], *, told: bool
    ) -> None:
        """The run stops with requests in flight: DeepL bills them whatever
        we do, so wait for their answers (a timeout at most; Ctrl+C again
        stops waiting) and keep them in the cache, where the next run finds
        them instead of paying again. What never answers counts as billed."""
        if not inflight:
            return
        self._pacer.stop()  # their retries, if any, are not waited for
        limit = self.settings.timeout + 1
        if told:
            print(
                f"transkit: waiting up to {limit:g} s for {len(inflight)} requests DeepL bills "
                "anyway, to keep their answers (Ctrl+C again to leave now)",
                file=sys.stderr, flush=True,
            )
        try:
            done, _ = wait(inflight, timeout=limit)
        except KeyboardInterrupt:
            done = set()
        for future in done:
            sending = inflight.pop(future)
            w, batch = sending.work, sending.batch
            try:
                answer = future.result()
            except DeepLFault as fault:
                self._charge(w, fault.billed)
                continue
            self._charge(w, answer.unanswered + sum(t.billed for t in answer.translations))
            key = self._key_of(w)
            with contextlib.suppress(TranskitError), interrupts_deferred():
                cache.put_many(w.report.target, {
                    key(u): Cached(t.text, t.billed, t.model)
                    for u, t in zip(batch.units, answer.translations, strict=True)
                })
        for sending in inflight.values():
            self._charge(sending.work, sending.batch.chars)
        inflight.clear()

    def _charge(self, work: _Lang, chars: int) -> None:
        """Count characters DeepL billed without an answer reaching us."""
        work.report.chars += chars
        self.billed += chars

    def _translate(self, sending: _Sending) -> Answer:
        """One request (in a sending thread)."""
        w, batch = sending.work, sending.batch
        return self._deepl().translate(
            batch.texts,
            source_lang=self.source_lang,
            target_lang=w.target.code.upper(),
            context=batch.context,
            formality=w.target.formality,
            model_type=self.settings.model_type,
            glossary_id=sending.glossary_id,
            billable=batch.chars,
            notify=lambda message: self.progress.note(w.lang, message),
        )

    def _retry(self, cache: DraftCache, sending: _Sending, fault: DeepLFault) -> list[_Sending]:
        """What to send instead of a request DeepL refused, or the fault
        raised again: halves for a 413, a glossary made again if DeepL lost
        it, `LanguageRejected` for a 400."""
        w, job, batch = sending.work, sending.job, sending.batch
        if fault.status == 413 and len(batch.units) > 1:
            half = len(batch.units) // 2
            return [
                _Sending(w, job, plan.Batch(batch.context, batch.units[:half])),
                _Sending(w, job, plan.Batch(batch.context, batch.units[half:])),
            ]
        if fault.status == 413:
            [unit] = batch.units
            if unit.ids:
                return [_Sending(w, job, plan.Batch(batch.context, plan.sentences(unit)))]
            if batch.context:  # the context is a help, the segment a must: without it
                return [_Sending(w, job, plan.Batch("", [unit]))]
            size = plan.request_size([unit.text], batch.context)
            self._skip(job, unit, size, "refused by DeepL as too large (HTTP 413)", w.report)
            self.progress.advance(w.lang, 1, batch.chars)
            return []
        if _glossary_gone(fault) and sending.glossary_id is not None:
            if w.target.glossary_id == sending.glossary_id:  # not made again meanwhile
                if w.glossary_renewed:
                    raise fault
                sync = self._glossaries(cache)
                sync.forget()
                w.target.glossary_id = sync.ensure(self.source_lang, w.target.code,
                                                   w.target.entries)
                w.glossary_renewed = True
                print(
                    "warning: the DeepL glossary was gone (deleted on DeepL's side?): made again",
                    file=sys.stderr,
                )
            return [sending]
        if fault.status == 400:
            raise LanguageRejected(self._rejected(w.lang, fault)) from None
        raise fault

    def _receive(self, cache: DraftCache, sending: _Sending, answer: Answer) -> list[_Sending]:
        """One answer into the cache, the catalog and the PO file, as one
        step Ctrl+C cannot cut; paragraphs whose tags came back broken are
        returned to be sent again sentence by sentence."""
        w, job, batch = sending.work, sending.job, sending.batch
        report = w.report
        key = self._key_of(w)
        broken: list[plan.Unit] = []
        with interrupts_deferred():
            answers = [Cached(r.text, r.billed, r.model) for r in answer.translations]
            uncached: TranskitError | None = None
            try:
                cache.put_many(
                    report.target, {key(u): a for u, a in zip(batch.units, answers, strict=True)}
                )
            except TranskitError as fault:  # still save what was bought
                uncached = fault
            report.requests += 1
            self._charge(w, answer.unanswered)
            for unit, cached in zip(batch.units, answers, strict=True):
                self._charge(w, cached.billed)
                if not self._apply_unit(job, unit, cached, w.meta, report, count=True):
                    broken.append(unit)
            if job.changed:
                self._save(job, report)
            if uncached is not None:
                raise TranskitError(
                    f"{uncached.message}; {self.saved} drafts saved in this run",
                    uncached.path,
                )
        done = [u for u in batch.units if u not in broken]
        self.progress.advance(w.lang, sum(len(u.segments) for u in done),
                              sum(u.chars for u in done))
        again: list[_Sending] = []
        for unit in broken:
            self._tell_broken(job, unit)
            again.append(_Sending(w, job, plan.Batch(unit.context, plan.sentences(unit))))
        return again

    def _tell_broken(self, job: _Job, unit: plan.Unit) -> None:
        print(
            f"warning: {shown(job.doc)}:{shown(unit.id)}…: DeepL broke this paragraph's "
            f"sentence tags; its {len(unit.segments)} sentences are drafted one by one",
            file=sys.stderr,
        )

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

    def _apply_unit(
        self,
        job: _Job,
        unit: plan.Unit,
        answer: Cached,
        meta: dict[str, str],
        report: LangReport,
        *,
        count: bool = False,
    ) -> bool:
        """Put DeepL's answer for a unit into its segments; False if it was a
        paragraph whose sentence tags came back broken (nothing applied).
        `count`: the segments came from DeepL in this run."""
        parts = plan.split(unit, answer.text)
        if parts is None:
            return False
        for sid, part in zip(unit.segments, parts, strict=True):
            entry = job.catalog.get(sid)
            if count:
                report.from_deepl += 1
            if entry is not None:
                self._apply_deepl(job, entry, Cached(part, 0, answer.model), meta, report)
        return True

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
            *((Status.DRAFT,) if entry.id in job.before else ()),  # a redraft on request
        ):
            report.superseded += 1  # someone else saved this segment meanwhile
            return
        problems = plan.verify(entry.source, text)
        if problems:  # a draft that lost markup too records both
            warnings = [w for w in (extra.get("warning"), "placeholders") if w]
            details = [d for d in (extra.get("detail"), "; ".join(problems)) if d]
            extra = {**extra, "warning": ",".join(warnings), "detail": "; ".join(details)}
        if "warning" in extra:
            report.flagged.append(f"{job.doc}:{entry.id}")
        redraft = entry.id in job.before and status_of(entry) is Status.DRAFT
        entry = job.own(entry)
        if not plan.apply_draft(entry, text, engine, redraft=redraft, **extra):
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
    for code, n in sorted(report.other_variants.items()):
        parts.append(
            f"{n} untouched drafts were made for {code}, not {report.target}: "
            f"'transkit draft --lang {report.lang} --redraft-variant' redrafts them"
        )
    if report.failed:
        parts.append(f"failed: {report.failed}")
    return f"{report.lang} ({report.target}): " + "; ".join(parts)
