"""Errors that reach the user: one line naming the file and line, or the cause."""

from __future__ import annotations

from pathlib import Path

#: Exit codes shared by every command.
EXIT_OK = 0
EXIT_PROBLEMS = 1  # the command ran and found problems (check, export gate)
EXIT_ERROR = 2  # usage errors, unreadable or malformed input


class TranskitError(Exception):
    """An error the user can act on; the CLI prints it and exits non-zero."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class PoError(TranskitError):
    """A PO/POT file that GNU gettext would reject (or that we cannot trust)."""


class ConfigError(TranskitError):
    """A missing or malformed project configuration."""
