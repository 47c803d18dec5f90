"""Check translations for what would embarrass us in print: missing or
duplicated segments, out-of-date files, broken footnote references, numbers,
URLs, punctuation, quotes, glossary terms; and the [check] thresholds.

Output: one finding per line, "path:line: severity check: message", then a
summary line (--format grouped: under each file's name; json; github).
Exit codes: 0 clean (warnings allowed), 1 problems found (errors, or warnings
with --strict), 2 usage error or a file that cannot be read. A check that
crashes on an entry is reported there ("internal"); the rest still runs.
Configure in transkit.toml's [check] table (min-approved, min-translated,
disable, severity, strict); silence one check on one segment with a
translator comment: "# transkit-ignore: numbers — reason". --list shows the
checks.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

#: Below this many PO files one process is faster than starting a pool.
PARALLEL_MIN_FILES = 48

Plan = list[tuple[str, list[str]]]  # (document, languages) to check


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "targets",
        nargs="*",
        metavar="DOC|FILE",
        help="documents or .po/.pot files to check (default: the whole project)",
    )
    p.add_argument("--lang", help="languages, comma-separated (default: all)")
    p.add_argument(
        "--format",
        choices=("text", "grouped", "json", "github"),
        default="text",
        help="output format: text (path:line: one finding a line), grouped (by file), json, "
        "github (workflow annotations)",
    )
    p.add_argument("--strict", action="store_true", help="warnings count as errors")
    p.add_argument(
        "--show-silenced", action="store_true", help="list findings silenced by transkit-ignore"
    )
    p.add_argument("-v", "--verbose", action="store_true", help="list clean files too")
    p.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="colour the text"
    )
    p.add_argument("-j", "--jobs", type=int, default=0, help="processes (default: by size)")
    p.add_argument("--list", action="store_true", help="list the checks and exit")


def run(args: argparse.Namespace) -> int:
    from transkit.checks import Policy
    from transkit.checks import report as render
    from transkit.project import Project, load_glossary

    if args.list:
        sys.stdout.write(render.render_list())
        return 0
    project = Project.find()
    config = project.config
    policy = Policy.from_settings(config.check)
    if args.strict:
        policy.strict = True
    glossary = load_glossary(project.root, config.source_language)
    languages = project.resolve_languages(args.lang)
    plan, whole = _plan(project, args.targets, languages)
    job = _Job(str(project.root), config.source_language, policy, glossary)
    files = _run_plan(job, plan, args.jobs)
    if whole:
        files += _orphans(project, languages, every_folder=not args.lang)
        files += _merge_driver(project, policy)
    out = sys.stdout
    if args.format == "json":
        out.write(render.render_json(files))
    elif args.format == "github":
        out.write(render.render_github(files))
    else:
        draw = render.render_grouped if args.format == "grouped" else render.render_text
        out.write(
            draw(
                files,
                color=_use_color(args.color, out),
                show_silenced=args.show_silenced,
                verbose=args.verbose,
            )
        )
    return render.exit_code(files)


# -- what to check ----------------------------------------------------------------------


def _plan(project, targets: list[str], languages: list[str]) -> tuple[Plan, bool]:
    """(document, languages) pairs to check, and whether that is the whole project."""
    from transkit.errors import TranskitError
    from transkit.project import LOCALES, TEMPLATES
    from transkit.terminal import shown

    docs = project.documents()
    if not targets:
        return [(d, languages) for d in docs], True
    wanted: dict[str, list[str]] = {}
    root = project.root.resolve()
    known = set(docs)
    for target in targets:
        if not target.endswith((".po", ".pot", ".toml")) and "/" not in target:
            if target not in known:
                project.resolve_documents(target)  # raises: a clear error for an unknown name
            wanted[target] = list(languages)
            continue
        path = Path(target).resolve()
        try:
            rel = path.relative_to(root).parts
        except ValueError:
            raise TranskitError("not a file of this project", shown(target)) from None
        if rel in (("transkit.toml",), ("glossary.toml",)):
            return [(d, languages) for d in docs], True
        if len(rel) == 2 and rel[0] == TEMPLATES and path.suffix == ".pot":
            wanted[path.stem] = list(languages)
        elif len(rel) == 3 and rel[0] == LOCALES and path.suffix == ".po":
            lang = rel[1]
            if lang not in languages:
                continue
            have = wanted.setdefault(path.stem, [])
            if lang not in have:
                have.append(lang)
        else:
            raise TranskitError(
                f"not a template ({TEMPLATES}/DOC.pot) or translation ({LOCALES}/LANG/DOC.po)",
                shown(target),
            )
    return [(d, [lang for lang in languages if lang in ls]) for d, ls in wanted.items()], False


def _orphans(project, languages: list[str], every_folder: bool):
    """PO files for a document without a template, or (`every_folder`) in the
    folder of a language the project does not configure."""
    from transkit.checks import FileReport
    from transkit.checks.structure import ORPHAN_FILE
    from transkit.project import LOCALES

    docs = set(project.documents())
    configured = set(project.config.all_languages)
    folders = [project.root / LOCALES / lang for lang in languages]
    if every_folder and (project.root / LOCALES).is_dir():
        folders += sorted(
            p for p in (project.root / LOCALES).iterdir() if p.is_dir() and p.name not in configured
        )
    out = []
    for folder in folders:
        lang = folder.name
        for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
            if lang not in configured:
                message = f"language {lang!r} is not configured in transkit.toml"
            elif path.stem not in docs:
                message = f"no template segments/{path.stem}.pot for this file"
            else:
                continue
            shown = _display(path)
            f = ORPHAN_FILE.finding(message, doc=path.stem, lang=lang, path=shown)
            out.append(FileReport(path.stem, lang, shown, [f]))
    return out


def _merge_driver(project, policy):
    """A warning when ``.gitattributes`` hands PO files to transkit's merge
    driver but this clone's git config does not define it: git would then
    fall back to its text merge, and write conflict markers into PO files."""
    from transkit.checks import FileReport
    from transkit.checks.structure import MERGE_DRIVER, merge_attribute_lines
    from transkit.gitmerge import DRIVER, driver_configured

    if not policy.enabled(MERGE_DRIVER.id):
        return []
    path = project.root / ".gitattributes"
    try:
        text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
    except OSError:
        return []  # not ours to report: git reads it, or says why not
    lines = merge_attribute_lines(text, DRIVER)
    if not lines or driver_configured(project.root) is not False:
        return []
    shown = _display(path)
    f = MERGE_DRIVER.finding(
        f"names merge={DRIVER}, but this clone's git config has no merge.{DRIVER}.driver: "
        "git merges PO files as text, with conflict markers (run `transkit git setup`)",
        path=shown, line=lines[0],
    )
    return [FileReport("", "", shown, policy.apply([f]))]


# -- checking (in this process or a pool) -------------------------------------------------


class _Job:
    """What every worker needs; pickled once per task."""

    def __init__(self, root: str, source_lang: str, policy, glossary) -> None:
        self.root = root
        self.source_lang = source_lang
        self.policy = policy
        self.glossary = glossary


def _run_plan(job: _Job, plan: Plan, jobs: int) -> list:
    # Catalogs and findings hold no reference cycles: reference counting frees
    # them, and the cyclic collector would only rescan thousands of live entries.
    from transkit.po.validate import cyclic_gc_paused

    with cyclic_gc_paused():
        return _run_plan_now(job, plan, jobs)


def _run_plan_now(job: _Job, plan: Plan, jobs: int) -> list:
    n_files = sum(len(langs) for _, langs in plan)
    workers = jobs or ((os.cpu_count() or 1) if n_files >= PARALLEL_MIN_FILES else 1)
    workers = max(1, min(workers, len(plan)))
    if workers == 1:
        return [r for doc, langs in plan for r in _check_doc(job, doc, langs)]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Small chunks keep both workers busy to the end, whatever else runs on the machine.
    size = max(1, min(16, len(plan) // (workers * 8)))
    chunks = [plan[i : i + size] for i in range(0, len(plan), size)]
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_set_job, initargs=(job,)
    ) as pool:
        return [r for part in pool.map(_check_chunk, chunks) for r in part]


_JOB: _Job | None = None  # a worker's job, given once when it starts


def _set_job(job: _Job) -> None:
    global _JOB
    _JOB = job
    gc.disable()


def _check_chunk(chunk: Plan) -> list:
    assert _JOB is not None
    return [r for doc, langs in chunk for r in _check_doc(_JOB, doc, langs)]


def _check_doc(job: _Job, doc: str, langs: list[str]) -> list:
    """The reports of one document's template and PO files."""
    from transkit.checks import FileReport, check_template, check_translation
    from transkit.checks.structure import MISSING_FILE, UNSAVED
    from transkit.project import LOCALES, TEMPLATES

    root = Path(job.root)
    template_path = root / TEMPLATES / f"{doc}.pot"
    template, bad = _read(template_path, doc, "")
    out = [bad] if bad else []
    if template is not None:
        shown = _display(template_path)
        report = _guarded(
            lambda: check_template(template, doc=doc, path=shown, policy=job.policy),
            FileReport(doc, "", shown),
        )
        if report.findings or report.silenced:
            out.append(report)
    for lang in langs:
        path = root / LOCALES / lang / f"{doc}.po"
        shown = _display(path)
        leftover = path.with_name(path.name + ".unsaved")
        if leftover.exists():
            f = UNSAVED.finding(
                f"{_display(leftover)} holds edits a review could not save: take what is "
                "missing into this file, then delete it",
                doc=doc, lang=lang, path=shown,
            )
            out.append(FileReport(doc, lang, shown, [f]))
        catalog, bad = _read(path, doc, lang)
        if bad:
            out.append(bad)
            continue
        if catalog is None:
            f = MISSING_FILE.finding(f"no {lang} translation of {doc}", doc=doc, lang=lang,
                                     path=shown)
            out.append(FileReport(doc, lang, shown, [f]))
            continue
        if template is None:
            continue  # the template's own report says why
        out.append(
            _guarded(
                lambda catalog=catalog, lang=lang, shown=shown: check_translation(
                    template,
                    catalog,
                    doc=doc,
                    lang=lang,
                    source_lang=job.source_lang,
                    path=shown,
                    template_path=_display(template_path),
                    policy=job.policy,
                    glossary=job.glossary,
                ),
                FileReport(doc, lang, shown),
            )
        )
    return out


def _guarded(check, empty):
    """`check()`'s report; if it raises (a bug in transkit), `empty` with an
    ``internal`` finding, so that the other files are still checked."""
    try:
        return check()
    except Exception as exc:
        from transkit.checks.findings import INTERNAL, crash_message

        message = crash_message("", exc, "checking this file")
        empty.findings.append(
            INTERNAL.finding(message, doc=empty.doc, lang=empty.lang, path=empty.path)
        )
        return empty


def _read(path: Path, doc: str, lang: str):
    """(catalog, None), (None, None) for a missing file, or (None, report of why
    the file cannot be read)."""
    from transkit.checks import FileReport
    from transkit.checks.findings import INTERNAL, Check, crash_message
    from transkit.checks.structure import CONFLICT, UNPARSEABLE, UNREADABLE_FILE, conflict_lines
    from transkit.errors import InputError, PoError
    from transkit.fsutil import MAX_PO_BYTES, read_input
    from transkit.po import scan_catalog

    if not os.path.lexists(path):
        return None, None
    shown = _display(path)

    def unreadable(check: Check, message: str, line: int = 0):
        f = check.finding(message, doc=doc, lang=lang, path=shown, line=line)
        return None, FileReport(doc, lang, shown, [f], readable=False)

    try:
        data = read_input(path, limit=MAX_PO_BYTES, what="PO file")
    except InputError as exc:  # a FIFO, a device, a folder, too large, no permission
        return unreadable(UNREADABLE_FILE, exc.message)
    lines = conflict_lines(data)
    if lines:
        found = [
            CONFLICT.finding("git conflict marker: resolve the merge", doc=doc, lang=lang,
                             path=shown, line=n)
            for n in lines
        ]
        return None, FileReport(doc, lang, shown, found, readable=False)
    try:
        return scan_catalog(data, path), None
    except PoError as exc:
        return unreadable(UNPARSEABLE, exc.message, exc.line or 0)
    except Exception as exc:  # a bug in the reader: report it, check the other files
        message = crash_message("", exc, "reading this file")
        f = INTERNAL.finding(message, doc=doc, lang=lang, path=shown)
        return None, FileReport(doc, lang, shown, [f])


def _display(path: Path) -> str:
    """The path as CI annotations need it: relative to the current folder."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return os.path.relpath(path) if path.is_absolute() else str(path)


def _use_color(choice: str, stream) -> bool:
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
