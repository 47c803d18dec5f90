"""Upgrade ``constraints.txt``: the versions the tests, the linters and tox run against.

Run: python3 tools/lock.py

Installs transkit with every extra into a fresh virtual environment (so it works
where system Python refuses installs, PEP 668), takes the newest releases that
satisfy ``pyproject.toml``, and writes them as exact pins. Commit the result on
its own, with the test run it causes: an upgrade that breaks something then
shows in one commit, instead of turning CI red some night without a line
changed here. ``.ci/run``, tox and the README's install commands all read this
file (pip's ``-c`` / ``PIP_CONSTRAINT``); pyproject.toml keeps its lower bounds
for whoever installs transkit into an environment of their own.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "constraints.txt"
#: Installed besides transkit's own extras: the runner and the build backend
#: (tox's packaging environment builds transkit with setuptools under these pins).
TOOLS = ["tox", "setuptools", "wheel"]
HEADER = """\
# The versions CI, tox and the README's install commands use (pip -c / PIP_CONSTRAINT).
# Made by `python3 tools/lock.py` with Python {python}; upgrade with the same
# command and commit the result on its own.
"""


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="transkit-lock-") as tmp:
        venv.create(tmp, with_pip=True)
        python = str(Path(tmp) / "bin" / "python")
        pip = [python, "-m", "pip", "--disable-pip-version-check", "--quiet"]
        subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
        everything = [f"{ROOT}[test,lint]", *TOOLS]
        subprocess.run([*pip, "install", "--upgrade", "-e", *everything], check=True)
        frozen = subprocess.run(
            [*pip, "freeze", "--all", "--exclude-editable", "--exclude", "pip"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    pins = sorted((line for line in frozen.splitlines() if "==" in line), key=str.lower)
    version = ".".join(map(str, sys.version_info[:3]))
    OUT.write_text(HEADER.format(python=version) + "\n".join(pins) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(pins)} pins")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
