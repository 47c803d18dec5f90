"""Policy: which checks run, how severe they are, what must be done, what is silenced.

Configured in ``transkit.toml`` (checked there, `transkit.config.CHECK`)::

    [check]
    min-approved = {es = 100, nl = 60}   # % of segments approved, per language
    min-translated = 0                   # % translated or approved; a number = every target
    disable = ["length"]                 # checks that do not run
    severity = {identical = "error"}     # per-check severity overrides
    strict = false                       # true: warnings count as errors (like --strict)

A translator silences one check on one segment, visibly, with a translator
comment (``# `` in the PO file, kept by every gettext tool)::

    # transkit-ignore: numbers — "the Twelver Shia" keeps no digit
    # transkit-ignore: quotes, brackets — the quotation closes in the next segment

The report counts silenced findings and ``--show-silenced`` lists them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from transkit.checks.findings import (
    ALWAYS_ON,
    CHECKS,
    ERROR,
    WARNING,
    Finding,
    define,
    nearest,
)

if TYPE_CHECKING:  # the settings' type only: the core reads no config file
    from transkit.config import CheckSettings

_FAMILY = "policy"
THRESHOLD = define("threshold", ERROR, _FAMILY,
                   "fewer segments approved/translated than [check] requires")
BAD_IGNORE = define("bad-ignore", WARNING, _FAMILY,
                    "a transkit-ignore comment names an unknown check or one it cannot silence",
                    silenceable=False)

IGNORE_PREFIX = "transkit-ignore:"
_REASON_SPLIT = re.compile(r"\s+(?:—|–|--|-)\s+|\s*[—–]\s*")


@dataclass
class Policy:
    disabled: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)  # check id -> severity override
    strict: bool = False
    min_approved: dict[str, float] = field(default_factory=dict)  # lang -> percent
    min_translated: dict[str, float] = field(default_factory=dict)

    def enabled(self, check: str) -> bool:
        return check not in self.disabled or check in ALWAYS_ON

    def severity_of(self, check: str) -> str:
        if check in ALWAYS_ON:
            return CHECKS[check].severity
        severity = self.severity.get(check) or CHECKS[check].severity
        return ERROR if self.strict and severity == WARNING else severity

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """Drop disabled checks, set each finding's configured severity."""
        return [
            f.with_severity(self.severity_of(f.check)) for f in findings if self.enabled(f.check)
        ]

    @classmethod
    def from_settings(cls, settings: CheckSettings) -> Policy:
        """The ``[check]`` table of transkit.toml, as `transkit.config` checked it."""
        return cls(
            settings.disable,
            dict(settings.severity),
            settings.strict,
            dict(settings.min_approved),
            dict(settings.min_translated),
        )


# -- silencing --------------------------------------------------------------------------


def silences(comments: Iterable[str]) -> dict[str, str]:
    """check id -> reason, from ``transkit-ignore: ID[, ID…] — reason`` comments.
    Unknown ids are kept, so that `ignore_problems` can report them."""
    out: dict[str, str] = {}
    for comment in comments:
        if not comment.startswith(IGNORE_PREFIX):
            continue
        body = comment[len(IGNORE_PREFIX) :].strip()
        parts = _REASON_SPLIT.split(body, maxsplit=1)
        ids = parts[0]
        reason = parts[1].strip() if len(parts) > 1 else ""
        for check in re.split(r"[\s,]+", ids.strip()):
            if check:
                out[check] = reason
    return out


def ignore_problems(silenced: Mapping[str, str]) -> list[str]:
    """A `BAD_IGNORE` message for each id a transkit-ignore comment cannot
    silence: unknown (with the nearest check's id, if one is close), or not
    silenceable."""
    out = []
    for check in silenced:
        if check not in CHECKS:
            near = nearest(check)
            hint = f" (did you mean {near!r}?)" if near else ""
            out.append(f"transkit-ignore names no check {check!r}{hint}")
        elif not CHECKS[check].silenceable:
            out.append(f"transkit-ignore cannot silence {check!r}")
    return out


# -- thresholds -------------------------------------------------------------------------


def threshold_problems(
    policy: Policy, lang: str, total: int, approved: int, translated: int
) -> list[str]:
    """Messages for each threshold `lang` falls short of. `translated` counts
    every final segment (translated or approved)."""
    out = []
    for key, wanted, done in (
        ("min-approved", policy.min_approved.get(lang), approved),
        ("min-translated", policy.min_translated.get(lang), translated),
    ):
        if wanted is None or not total:
            continue
        pct = 100 * done / total
        if pct + 1e-9 < wanted:
            word = key.removeprefix("min-")
            out.append(
                f"{pct:.0f}% of segments {word} ({done} of {total}); "
                f"[check] {key} for {lang} is {wanted:g}%"
            )
    return out
