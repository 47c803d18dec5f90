"""Running the real GNU gettext tools (msgcat, msgfmt) from tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

_ENV = {**os.environ, "LC_ALL": "C"}  # untranslated diagnostics


def msgcat(path: Path) -> str:
    """What ``msgcat`` (default options) writes for a PO file; fails on errors."""
    result = subprocess.run(
        ["msgcat", str(path)], capture_output=True, env=_ENV, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode("utf-8")


def msgcat_parses(path: Path) -> bool:
    """Whether GNU can parse a PO file at all (msgcat checks no translations)."""
    result = subprocess.run(
        ["msgcat", "-o", os.devnull, str(path)], capture_output=True, env=_ENV, check=False
    )
    return result.returncode == 0


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    """Run ``msgfmt --check`` on a PO file (output discarded)."""
    return subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        env=_ENV,
        check=False,
    )
