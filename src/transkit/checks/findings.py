"""What a check reports (`Finding`) and the list of checks (`CHECKS`).

Every check has a stable id (used in ``[check] disable``, in
``# transkit-ignore: ID — reason`` comments and in the output), a default
severity and a one-line explanation shown with ``transkit check --list``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True)
class Check:
    id: str
    family: str  # structure, content, numbers, policy, transkit
    severity: str
    summary: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: which check, how bad, what, and where (file and line)."""

    check: str
    severity: str
    message: str
    doc: str = ""
    lang: str = ""
    entry_id: str = ""
    path: str = ""
    line: int = 0
    silenced: str | None = None  # the reason of the transkit-ignore comment that silenced it

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def with_severity(self, severity: str) -> Finding:
        return self if severity == self.severity else replace(self, severity=severity)


def finding(check: str, message: str, **where: object) -> Finding:
    """A Finding with the check's default severity."""
    return Finding(check, CHECKS[check].severity, message, **where)  # type: ignore[arg-type]


_E, _W = ERROR, WARNING
_ALL = (
    # -- structure: the files themselves --------------------------------------------------
    Check("unreadable", "structure", _E, "not a regular file, too large, or no permission to read"),
    Check("unparseable", "structure", _E, "not a valid PO file: gettext would reject it"),
    Check("conflict", "structure", _E, "git conflict markers are left in the file"),
    Check("missing-file", "structure", _E, "a configured language has no PO file for the document"),
    Check("orphan-file", "structure", _W, "a PO file without template or configured language"),
    Check("header", "structure", _E,
          "Language not the folder's, charset not UTF-8, or Plural-Forms invalid"),
    Check("missing", "structure", _E, "a segment of the template is missing from the PO"),
    Check("extra", "structure", _E, "the PO has a segment the template does not"),
    Check("duplicate", "structure", _E, "a segment id appears more than once"),
    Check("outdated", "structure", _E, "the PO's source text differs from the template's"),
    # -- content: each translated segment against its source ------------------------------
    Check("newline", "content", _E, "msgfmt rejects it: begins or ends with \\n unlike the source"),
    Check("control-chars", "content", _E,
          "a source, translation or id holds control characters (ESC, BEL…)"),
    Check("invisible-chars", "content", _W,
          "a source, translation or id holds bidi controls or invisible marks"),
    Check("placeholders", "content", _E, "footnote references [^N] differ from the source's"),
    Check("urls", "content", _E, "a URL of the source is missing or changed"),
    Check("numbers", "numbers", _E, "a number or date of the source is missing or misformatted"),
    Check("markup", "content", _E, "Markdown emphasis, code or links are broken (stray * or `)"),
    Check("end-punctuation", "content", _W, "the final punctuation differs from the source's"),
    Check("whitespace", "content", _W, "leading/trailing spaces or line breaks the source lacks"),
    Check("double-space", "content", _W, "two spaces in a row"),
    Check("brackets", "content", _W, "brackets are unbalanced where the source's are not"),
    Check("quotes", "content", _W, "quotation marks are unbalanced where the source's are not"),
    Check("identical", "content", _W, "the translation is the untranslated source"),
    Check("length", "content", _W, "much shorter or longer than the source: something lost?"),
    Check("glossary", "content", _W, "a glossary term is not translated as approved"),
    Check("consistency", "content", _W, "the same source sentence is translated differently"),
    # -- policy ---------------------------------------------------------------------------
    Check("threshold", "policy", _E, "fewer segments approved/translated than [check] requires"),
    Check("bad-ignore", "policy", _W, "a transkit-ignore comment names no known check"),
    # -- transkit itself --------------------------------------------------------------------
    Check("internal", "transkit", _E,
          "a check crashed on this entry: a bug in transkit, please report it"),
)

#: id -> Check, in the order of ``transkit check --list``.
CHECKS: dict[str, Check] = {c.id: c for c in _ALL}

#: Checks whose findings mean a file could not be read at all (exit code 2).
UNREADABLE = frozenset({"unreadable", "unparseable", "conflict"})

#: Checks that configuration cannot disable or soften and transkit-ignore cannot
#: silence: a crashed check has checked nothing, and that must show.
ALWAYS_ON = frozenset({"internal"})
