"""The check registry (`CHECKS`, `define`) and what a check reports (`Finding`).

Every check is defined once, by `define` in the module of its family
(`structure`, `content`, `policy`; `internal` here), with its stable id (used
in ``[check] disable``, in ``# transkit-ignore: ID — reason`` comments and in
the output), default severity, one-line summary (``transkit check --list``,
the README), the function that runs it if it is a per-segment check, and
whether configuration may disable it and a comment silence it. Findings are
made by the check itself (`Check.finding`), so an id cannot be misspelt
where a finding is made; `Finding` refuses an id nobody defined.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)

#: The families, in the order of ``transkit check --list``; each but ``transkit``
#: is the module (``transkit.checks.<family>``) that defines its checks.
FAMILIES = ("structure", "content", "policy", "transkit")

_ID = re.compile(r"[a-z]+(?:-[a-z]+)*")


@dataclass(frozen=True, slots=True, eq=False)
class Check:
    """One check, as `define` registered it (compared by identity)."""

    id: str
    severity: str  # the default; [check] severity may override it
    family: str
    summary: str
    #: The per-segment function, for content checks (`transkit.checks.content.Runner`).
    run: Callable[..., None] | None = None
    configurable: bool = True  # [check] disable and severity may change it
    silenceable: bool = True  # a transkit-ignore comment may silence it

    def finding(
        self,
        message: str,
        *,
        doc: str = "",
        lang: str = "",
        entry_id: str = "",
        path: str = "",
        line: int = 0,
    ) -> Finding:
        """A finding of this check, with its default severity."""
        return Finding(self.id, self.severity, message, doc, lang, entry_id, path, line)


#: id -> Check, in the order of definition.
CHECKS: dict[str, Check] = {}

#: The ids of the checks that are not `Check.configurable` (kept by `define`).
ALWAYS_ON: set[str] = set()


def define(
    id: str,
    severity: str,
    family: str,
    summary: str,
    run: Callable[..., None] | None = None,
    *,
    configurable: bool = True,
    silenceable: bool = True,
) -> Check:
    """Register a check. The one place its id is written: everything else
    refers to the returned object."""
    if not _ID.fullmatch(id):
        raise ValueError(f"check id {id!r}: lower-case words joined by hyphens")
    if id in CHECKS:
        raise ValueError(f"check {id!r} is defined twice")
    if severity not in SEVERITIES or family not in FAMILIES:
        raise ValueError(f"check {id!r}: severity {severity!r} or family {family!r} unknown")
    check = Check(id, severity, family, summary, run, configurable, silenceable and configurable)
    CHECKS[id] = check
    if not configurable:
        ALWAYS_ON.add(id)
    return check


def in_order() -> list[Check]:
    """Every check, family by family (`FAMILIES`), in the order of definition within each."""
    return sorted(CHECKS.values(), key=lambda c: FAMILIES.index(c.family))


def nearest(name: str) -> str | None:
    """The defined check id closest to a misspelt `name`, if one is close."""
    close = difflib.get_close_matches(name.lower(), CHECKS, n=1, cutoff=0.6)
    return close[0] if close else None


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: which check, how bad, what, and where (file and line)."""

    check: str  # the id: findings are data (JSON, pickled between processes)
    severity: str
    message: str
    doc: str = ""
    lang: str = ""
    entry_id: str = ""
    path: str = ""
    line: int = 0
    silenced: str | None = None  # the reason of the transkit-ignore comment that silenced it

    def __post_init__(self) -> None:
        if self.check not in CHECKS:
            raise ValueError(f"a finding of {self.check!r}, which is no defined check")

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def with_severity(self, severity: str) -> Finding:
        return self if severity == self.severity else replace(self, severity=severity)


# -- transkit itself --------------------------------------------------------------------

#: A crashed check has checked nothing, and that must show: configuration cannot
#: disable or soften it, and transkit-ignore cannot silence it.
INTERNAL = define(
    "internal", ERROR, "transkit",
    "a check crashed on this entry: a bug in transkit, please report it",
    configurable=False,
)  # fmt: skip


def crash_message(check: str, exc: BaseException, what: str = "") -> str:
    """The message of an `INTERNAL` finding: which check crashed (or `what`
    did, "reading this file"), and how."""
    detail = str(exc)
    detail = f": {detail[:120]}{'…' * (len(detail) > 120)}" if detail else ""
    return (f"{what or f'the {check} check'} crashed here ({type(exc).__name__}{detail}); "
            "this is a bug in transkit, please report it (the rest of the report is complete)")
