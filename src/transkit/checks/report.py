"""Rendering check results: one finding per line for people and editors
(``path:line: severity check: message``, the GNU and ruff convention that
editors and CI logs make clickable), the older grouped view, JSON for tools,
GitHub workflow commands for annotations on the pull request's lines.

Every text from a file (paths, ids, quoted words in messages, the reasons of
transkit-ignore comments) goes through `transkit.terminal.shown`: an ESC or a
bidi override in a PO file is printed as ``\\x1b`` or ``\\u202e``, never
sent to the terminal. JSON keeps the data exact and writes such characters
as ``\\u`` escapes.

Exit codes (`exit_code`): 0 clean (warnings allowed), 1 an error-level
finding, 2 a file that could not be read (broken syntax, conflict markers,
not a regular file). Usage errors also exit 2, from the CLI.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from transkit.checks import ERROR, UNREADABLE, FileReport, Finding
from transkit.checks.findings import Check, in_order
from transkit.errors import EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS
from transkit.terminal import UNSAFE_RE, shown

_RED, _YELLOW, _BOLD, _DIM, _RESET = "\033[31m", "\033[33m", "\033[1m", "\033[2m", "\033[0m"

FORMATS = ("text", "grouped", "json", "github")


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


def summary_line(files: Sequence[FileReport], show_silenced: bool = False) -> str:
    """``4 files checked: 2 errors, 0 warnings`` (and silenced, unreadable)."""
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
    return summary


def _painter(color: bool) -> Callable[[str, str], str]:
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    return paint


def _clean(files: Sequence[FileReport]) -> bool:
    t = tally(files)
    return not t["errors"] and not t["unreadable"]


# -- text: one finding per line -----------------------------------------------------------


def render_text(
    files: Sequence[FileReport],
    *,
    color: bool = False,
    show_silenced: bool = False,
    verbose: bool = False,
) -> str:
    """``path:line: severity check: [id] message``, one finding per line (the
    line left out when a finding has none), then the summary line. `verbose`
    adds a line with each file's counts."""
    paint = _painter(color)
    lines: list[str] = []
    for f in files:
        path = shown(f.path)
        counts = _counts_text(f)
        if verbose:
            lines.append(f"{path}: {counts or 'checked'}")
        listed = f.findings + (f.silenced if show_silenced else [])
        for x in sorted(listed, key=lambda x: (x.line, x.silenced is not None)):
            where = f"{path}:{x.line}" if x.line else path
            if x.silenced is not None:
                level = paint(_DIM, "silenced")
            elif x.severity == ERROR:
                level = paint(_RED, "error")
            else:
                level = paint(_YELLOW, "warning")
            why = paint(_DIM, f" [{shown(x.silenced)}]") if x.silenced is not None else ""
            lines.append(f"{where}: {level} {x.check}: {_message(x)}{why}")
    good = _clean(files)
    lines.append(paint(_BOLD + ("" if good else _RED), summary_line(files, show_silenced)))
    return "\n".join(lines) + "\n"


def _message(x: Finding) -> str:
    entry = f"{x.entry_id}: " if x.entry_id else ""
    return shown(entry + x.message)


# -- grouped: findings under each file's name -----------------------------------------------


def render_grouped(
    files: Sequence[FileReport],
    *,
    color: bool = False,
    show_silenced: bool = False,
    verbose: bool = False,
) -> str:
    """Findings grouped by file, then a one-line summary (``--format grouped``)."""
    paint = _painter(color)
    lines: list[str] = []
    for f in files:
        listed = f.findings + (f.silenced if show_silenced else [])
        if not listed and not verbose:
            continue
        counts = _counts_text(f)
        lines.append(paint(_BOLD, shown(f.path)) + (paint(_DIM, f"  {counts}") if counts else ""))
        width = max((len(str(x.line)) for x in listed if x.line), default=1)
        for x in sorted(listed, key=lambda x: (x.line, x.silenced is not None)):
            where = str(x.line).rjust(width) if x.line else " " * width
            if x.silenced is not None:
                level = paint(_DIM, "silenced")
            elif x.severity == ERROR:
                level = paint(_RED, "error   ")
            else:
                level = paint(_YELLOW, "warning ")
            why = paint(_DIM, f"  [{shown(x.silenced)}]") if x.silenced is not None else ""
            lines.append(f"  {paint(_DIM, where)}  {level} {x.check:<15} {_message(x)}{why}")
    if lines:
        lines.append("")
    good = _clean(files)
    lines.append(paint(_BOLD + ("" if good else _RED), summary_line(files, show_silenced)))
    return "\n".join(lines) + "\n"


def _counts_text(f: FileReport) -> str:
    if not f.readable or not f.total:
        return ""
    return (
        f"{f.translated} translated, {f.fuzzy} fuzzy, {f.untranslated} untranslated; "
        f"{f.approved} approved" + (f", {f.joined} joined to the previous" if f.joined else "")
    )


def render_list() -> str:
    """``transkit check --list``, and the README's list: every check, its
    default severity, family and meaning, from the registry."""
    return "".join(f"{c.id:<16} {c.severity:<8} {c.family:<10} {_summary(c)}\n"
                   for c in in_order())


def _summary(c: Check) -> str:
    if not c.configurable:
        return f"{c.summary} (cannot be disabled or silenced)"
    return c.summary if c.silenceable else f"{c.summary} (cannot be silenced)"


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
    return _escape_unsafe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


# What json.dumps(ensure_ascii=False) leaves raw: DEL, C1, bidi controls and
# invisible marks (it escapes C0 itself). They occur only inside strings.
_JSON_UNSAFE = re.compile(UNSAFE_RE.pattern.replace("\x00-\x1f", ""))


def _escape_unsafe(text: str) -> str:
    """JSON with DEL, C1 controls, bidi controls and invisible marks written as
    ``\\uXXXX``: the same data, safe on a terminal."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# -- GitHub Actions -----------------------------------------------------------------------


def render_github(files: Sequence[FileReport]) -> str:
    """Workflow commands (``::error file=…,line=…,title=…::message``): GitHub
    shows them on the pull request's changed lines and in the run summary."""
    lines = []
    for f in files:
        for x in f.findings:
            level = "error" if x.severity == ERROR else "warning"
            props = [f"file={_prop(shown(x.path))}"]
            if x.line:
                props.append(f"line={x.line}")
            props.append(f"title={_prop('transkit ' + x.check)}")
            lines.append(f"::{level} {','.join(props)}::{_data(_message(x))}")
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
