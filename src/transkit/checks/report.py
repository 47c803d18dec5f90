"""Rendering check results: grouped text for people, JSON for tools, GitHub
workflow commands for annotations on the pull request's lines.

Exit codes (`exit_code`): 0 clean (warnings allowed), 1 an error-level
finding, 2 a file that could not be read (broken syntax, conflict markers).
Usage errors also exit 2, from the CLI.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from transkit.checks import CHECKS, ERROR, UNREADABLE, FileReport, Finding
from transkit.errors import EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS

_RED, _YELLOW, _BOLD, _DIM, _RESET = "\033[31m", "\033[33m", "\033[1m", "\033[2m", "\033[0m"


def exit_code(files: Iterable[FileReport]) -> int:
    code = EXIT_OK
    for f in files:
        if not f.readable or any(x.check in UNREADABLE for x in f.findings):
            return EXIT_ERROR
        if any(x.severity == ERROR for x in f.findings):
            code = EXIT_PROBLEMS
    return code


def tally(files: Sequence[FileReport]) -> dict[str, int]:
    by_severity = Counter(x.severity for f in files for x in f.findings)
    return {
        "files": len(files),
        "errors": by_severity[ERROR],
        "warnings": sum(n for s, n in by_severity.items() if s != ERROR),
        "silenced": sum(len(f.silenced) for f in files),
        "unreadable": sum(1 for f in files if not f.readable),
    }


# -- text -------------------------------------------------------------------------------


def render_text(
    files: Sequence[FileReport],
    *,
    color: bool = False,
    show_silenced: bool = False,
    verbose: bool = False,
) -> str:
    """Findings grouped by file, then a one-line summary."""

    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    lines: list[str] = []
    for f in files:
        shown = f.findings + (f.silenced if show_silenced else [])
        if not shown and not verbose:
            continue
        counts = _counts_text(f)
        lines.append(paint(_BOLD, f.path) + (paint(_DIM, f"  {counts}") if counts else ""))
        width = max((len(str(x.line)) for x in shown if x.line), default=1)
        for x in sorted(shown, key=lambda x: (x.line, x.silenced is not None)):
            where = str(x.line).rjust(width) if x.line else " " * width
            if x.silenced is not None:
                level = paint(_DIM, "silenced")
            elif x.severity == ERROR:
                level = paint(_RED, "error   ")
            else:
                level = paint(_YELLOW, "warning ")
            entry = f"{x.entry_id}: " if x.entry_id else ""
            why = paint(_DIM, f"  [{x.silenced}]") if x.silenced is not None else ""
            lines.append(f"  {paint(_DIM, where)}  {level} {x.check:<15} {entry}{x.message}{why}")
    t = tally(files)
    summary = (
        f"{t['files']} file{'s' * (t['files'] != 1)} checked: "
        f"{t['errors']} error{'s' * (t['errors'] != 1)}, "
        f"{t['warnings']} warning{'s' * (t['warnings'] != 1)}"
    )
    if t["silenced"]:
        more = "" if show_silenced else " (--show-silenced lists them)"
        summary += f", {t['silenced']} silenced{more}"
    if t["unreadable"]:
        summary += f"; {t['unreadable']} unreadable"
    if lines:
        lines.append("")
    good = not t["errors"] and not t["unreadable"]
    lines.append(paint(_BOLD + ("" if good else _RED), summary))
    return "\n".join(lines) + "\n"


def _counts_text(f: FileReport) -> str:
    if not f.readable or not f.total:
        return ""
    return (
        f"{f.translated} translated, {f.fuzzy} fuzzy, {f.untranslated} untranslated; "
        f"{f.approved} approved"
    )


def render_list() -> str:
    """``transkit check --list``: every check, its severity and meaning."""
    rows = [f"{c.id:<16} {c.severity:<8} {c.family:<10} {c.summary}" for c in CHECKS.values()]
    return "\n".join(rows) + "\n"


# -- JSON -------------------------------------------------------------------------------


def render_json(files: Sequence[FileReport]) -> str:
    import json
    data = {
        "version": 1,
        "exit_code": exit_code(files),
        "summary": tally(files),
        "files": [
            {
                "doc": f.doc,
                "lang": f.lang,
                "path": f.path,
                "readable": f.readable,
                **({"counts": f.counts()} if f.readable and f.total else {}),
                "findings": [x.to_dict() for x in f.findings],
                "silenced": [x.to_dict() for x in f.silenced],
            }
            for f in files
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- GitHub Actions -----------------------------------------------------------------------


def render_github(files: Sequence[FileReport]) -> str:
    """Workflow commands (``::error file=…,line=…,title=…::message``): GitHub
    shows them on the pull request's changed lines and in the run summary."""
    lines = []
    for f in files:
        for x in f.findings:
            level = "error" if x.severity == ERROR else "warning"
            props = [f"file={_prop(x.path)}"]
            if x.line:
                props.append(f"line={x.line}")
            props.append(f"title={_prop('transkit ' + x.check)}")
            entry = f"{x.entry_id}: " if x.entry_id else ""
            lines.append(f"::{level} {','.join(props)}::{_data(entry + x.message)}")
    t = tally(files)
    lines.append(
        f"transkit check: {t['files']} files, {t['errors']} errors, {t['warnings']} warnings, "
        f"{t['silenced']} silenced, {t['unreadable']} unreadable"
    )
    return "\n".join(lines) + "\n"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def findings_of(files: Iterable[FileReport]) -> list[Finding]:
    return [x for f in files for x in f.findings]
