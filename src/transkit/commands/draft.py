"""Fill untranslated segments with drafts for a translator to review: exact
matches from the project's approved translations first (free), then DeepL
(DEEPL_AUTH_KEY), through a local cache so nothing is billed twice. Drafts
are fuzzy; translated and approved text is never overwritten. Nothing
received is lost: after a fault or Ctrl+C, run the same command again."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import TaskID

    from transkit.drafts.deepl import Usage
    from transkit.drafts.runner import Drafter


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("doc", nargs="?", help="one document (default: all)")
    p.add_argument("--lang", help="target languages, comma-separated (default: all)")
    p.add_argument(
        "--engine",
        choices=("deepl", "memory"),
        default="deepl",
        help="deepl (default; exact memory matches are used first) or memory only",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="show what would be billed per language and the account's usage; change nothing",
    )
    p.add_argument(
        "--max-chars",
        type=_count,
        metavar="N",
        help="stop before this run's billed characters would pass N",
    )
    p.add_argument(
        "--include-stale",
        action="store_true",
        help="also draft segments whose source changed (a person's text is kept; "
        "the new draft is recorded beside it)",
    )
    p.add_argument(
        "--redraft-variant",
        action="store_true",
        help="redraft untouched DeepL drafts made for another variant of the language "
        "(after changing deepl = \"PT-PT\" to \"PT-BR\", say)",
    )


def _count(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def run(args: argparse.Namespace) -> int:
    from transkit.drafts.runner import Drafter, describe
    from transkit.project import Project
    from transkit.terminal import shown

    project = Project.find()
    docs = project.resolve_documents(args.doc)
    langs = project.resolve_languages(args.lang, targets_only=True)
    if not docs:
        print("No documents yet: transkit import ARTICLE")
        return 0
    progress = _Bar() if sys.stderr.isatty() and not args.dry_run else None
    drafter = Drafter(
        project,
        engine=args.engine,
        include_stale=args.include_stale,
        dry_run=args.dry_run,
        max_chars=args.max_chars,
        progress=progress,
        redraft_variant=args.redraft_variant,
    )
    try:
        drafter.run(docs, langs)
    finally:
        if progress is not None:
            progress.close()
        if not args.dry_run:
            for report in drafter.reports:
                print(shown(describe(report)))
    if args.dry_run:
        return _dry_run_report(drafter, args)
    return drafter.exit_code


def _dry_run_report(drafter: Drafter, args: argparse.Namespace) -> int:
    from transkit.drafts.deepl import ENV_KEY, DeepLFault
    from transkit.terminal import shown

    print("Dry run: nothing is sent to DeepL or written.")
    total = 0
    for r in drafter.reports:
        line = f"{r.lang} ({r.target}): {r.pending} to draft"
        found = [f"{r.from_memory} from memory"] if r.from_memory else []
        if r.from_cache:
            found.append(f"{r.from_cache} from cache")
        if found:
            line += f" ({', '.join(found)}, free)"
        if args.engine == "memory":
            line += f"; {r.left} without an exact match stay untranslated"
        else:
            billed = r.pending - r.from_memory - r.from_cache
            line += f"; DeepL: {billed} segments, {r.chars:,} characters in {r.requests} requests"
        for code, n in sorted(r.other_variants.items()):
            line += (f"; {n} untouched drafts were made for {code}, not {r.target}: "
                     "--redraft-variant redrafts them")
        print(shown(line))
        total += r.chars
    if args.engine == "memory":
        return 0
    print(f"Total to bill: {total:,} characters.")
    if args.max_chars is not None and total > args.max_chars:
        print(f"That passes --max-chars {args.max_chars:,}: the run would stop before it.")
    if total == 0:
        return 0
    try:
        usage = _quick_usage(drafter)
    except DeepLFault as fault:
        if ENV_KEY in fault.message and "not set" in fault.message:
            print(f"DeepL account: usage unknown ({ENV_KEY} is not set).")
            return 0
        if fault.transient:  # the plan above stands; no retries for a look-up
            print(shown(f"DeepL account: usage unknown ({fault.cause})."))
            return 0
        raise
    print(f"DeepL account: {usage}.")
    if usage.count is not None and usage.limit is not None:
        left = max(usage.limit - usage.count, 0)
        verdict = "fits" if total <= left else f"does NOT fit: {total - left:,} characters short"
        print(f"{left:,} characters left this period: this run {verdict}.")
    return 0


#: A dry run's usage look-up waits at most this long, and is not retried.
USAGE_TIMEOUT = 3.0


def _quick_usage(drafter: Drafter) -> Usage:
    """The account's usage in one try: a dry run answers in seconds even when
    DeepL cannot be reached, instead of going through the client's retries."""
    from transkit.drafts.deepl import DeepLEngine

    timeout = min(drafter.settings.timeout, USAGE_TIMEOUT)
    engine = DeepLEngine.from_env(retries=0, timeout=timeout)
    try:
        return engine.usage()
    finally:
        engine.close()


class _Bar:
    """A rich progress bar per language on stderr: segments and characters,
    a spinner that turns while requests are out, and every retry told above
    the bars. Narrow terminals lose the bar's width, never the counts."""

    def __init__(self, console: Console | None = None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.table import Column

        def fixed(template: str) -> TextColumn:
            return TextColumn(template, table_column=Column(no_wrap=True))

        self._progress = Progress(
            SpinnerColumn(),
            fixed("{task.description}"),
            BarColumn(bar_width=None, table_column=Column(ratio=1, min_width=3)),
            MofNCompleteColumn(table_column=Column(no_wrap=True)),
            fixed("{task.fields[chars]:,}/{task.fields[total_chars]:,} ch"),
            TimeElapsedColumn(table_column=Column(no_wrap=True)),
            console=console or Console(stderr=True),
            expand=True,
        )
        self._tasks: dict[str, TaskID] = {}
        self._started = False

    def start(self, lang: str, segments: int, chars: int) -> None:
        if not self._started:
            self._progress.start()
            self._started = True
        self._tasks[lang] = self._progress.add_task(
            lang, total=segments, chars=0, total_chars=chars
        )

    def advance(self, lang: str, segments: int, chars: int) -> None:
        task = self._tasks[lang]
        done = self._progress.tasks[self._progress.task_ids.index(task)].fields["chars"]
        self._progress.update(task, advance=segments, chars=done + chars)

    def note(self, lang: str, message: str) -> None:
        """A retry, above the bars (the bars keep running under it)."""
        from rich.text import Text

        self._progress.console.print(Text(f"{lang}: {message}"), highlight=False)

    def finish(self, lang: str) -> None:
        pass

    def close(self) -> None:
        if self._started:
            self._progress.stop()
