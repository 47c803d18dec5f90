"""Who translates, for a PO header's ``Last-Translator``: the language's
``translator`` setting in transkit.toml, else git's ``user.name`` and
``user.email`` (what git records as the author of the commit), else nobody
(the field is then left as it is)."""

from __future__ import annotations

import contextlib
import re
import subprocess
from pathlib import Path

from transkit.config import Config

# Control characters and the brackets that delimit the address.
_UNFIT = re.compile(r"[\x00-\x1f\x7f<>]")


def last_translator(config: Config, lang: str) -> str:
    """``Name <email>`` for a save of `lang`'s files; '' if nobody is known."""
    settings = config.languages.get(lang)
    if settings is not None and settings.translator:
        return settings.translator
    return git_identity(config.root)


def git_identity(root: Path) -> str:
    """git's ``user.name <user.email>`` as seen from `root` ('' without a name)."""
    name = _git_config(root, "user.name")
    if not name:
        return ""
    email = _git_config(root, "user.email")
    return f"{name} <{email}>" if email and " " not in email else name


def _git_config(root: Path, key: str) -> str:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(
            ["git", "config", "--get", key],
            cwd=root, capture_output=True, text=True, errors="replace", timeout=5,
            check=False,
        )
        if out.returncode == 0:
            return " ".join(_UNFIT.sub(" ", out.stdout).split())
    return ""
