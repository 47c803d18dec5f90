"""Errors that reach the user: one line naming the file and line, or the cause.

Exit codes mean one thing each, for every command (the README lists them):

- 0: done, nothing wrong;
- 1: the command ran and found problems (``check`` findings, ``export``'s gate);
- 2: usage error, or input that cannot be read or trusted (a missing or
  malformed file, a FIFO, a file over the size ceiling, a bad setting), and a
  fault that running again will not cure (DeepL refused the key, the quota is
  used up, DeepL rejected the request): the user must change something first;
- 75: a passing fault (DeepL rate-limiting, a DeepL server error, a timeout,
  no connection): nothing received is lost, and running the same command again
  resumes. 75 is EX_TEMPFAIL from BSD's sysexits.h, which schedulers and
  retry wrappers already take for "try again later";
- 3: an internal error, a bug in transkit: one line, and the traceback saved
  to a file, never mixed up with findings;
- 130: interrupted (Ctrl+C); what was already saved is complete;
- 141: the output's reader went away (SIGPIPE: ``transkit status | head``);
- 129, 143: the review app closed by SIGHUP or SIGTERM, after saving.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_ERROR = 2
EXIT_INTERNAL = 3
#: sysexits.h EX_TEMPFAIL: a passing fault, run the same command again to resume.
EXIT_TEMPFAIL = 75
EXIT_INTERRUPTED = 130


class TranskitError(Exception):
    """An error the user can act on; the CLI prints it and exits non-zero."""

    exit_code = EXIT_ERROR

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        *,
        more: tuple[str, ...] = (),
    ):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        #: Further problems of the same run, one line each (``path:line: …``),
        #: so a user fixes them all at once rather than one per run.
        self.more = more

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class PoError(TranskitError):
    """A PO/POT file that GNU gettext would reject (or that we cannot trust)."""


class ConfigError(TranskitError):
    """A missing or malformed project configuration."""


class InputError(TranskitError):
    """A file that is not a readable regular file of sane size."""
