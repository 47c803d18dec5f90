"""git integration: the PO-aware merge driver, its textconv, and setting both up.

Two translators who touch one segment on two branches would otherwise get
git's conflict markers inside a PO file, which no gettext tool reads. git
hands a merge driver three temporary files (``%O`` base, ``%A`` ours, ``%B``
theirs); `merge_files` merges them by segment id with `transkit.merge.GIT`
and writes the result over ``%A``, as ``git merge-file`` does.

The driver writes git's temporary file, not a project file, so it does not go
through the `transkit.store.Store`: no writer of the project holds that file,
there is no version on disk to compare-and-swap against, and git itself
installs the result in the work tree. It writes with `fsutil.write_atomic`
and GNU's canonical form (`transkit.po.format_catalog`) like every writer.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from transkit.catalog import Catalog
from transkit.errors import InputError, PoError, TranskitError
from transkit.fsutil import MAX_PO_BYTES, read_input, write_atomic
from transkit.merge import GIT, alternatives, merge
from transkit.po import format_catalog, scan_catalog
from transkit.project import LOCALES, TEMPLATES
from transkit.status import in_conflict, status_of
from transkit.terminal import shown

#: The merge driver's name in ``.gitattributes`` and git's config.
DRIVER = "transkit"
#: What ``transkit git setup`` puts in ``.gitattributes``, relative to the project root.
ATTRIBUTES = (
    f"{LOCALES}/**/*.po merge={DRIVER} diff={DRIVER}",
    f"{TEMPLATES}/*.pot merge={DRIVER} diff={DRIVER}",
)


@dataclass(frozen=True)
class Merged:
    """What the driver wrote: the segments newly left in conflict."""

    conflicts: tuple[str, ...]


def merge_files(base: Path, ours: Path, theirs: Path, name: str = "") -> Merged:
    """Merge three versions of a PO/POT file; write the result over `ours`.

    An empty `base` (a file both branches added) means no common version:
    every difference is a conflict. Unreadable input is a `PoError` naming
    `name` (the file's path in the repository) and the side, nothing written.
    """
    shown = name or str(ours)
    base_data = _read(base, shown, "base")
    base_catalog = _parse(base_data, shown, "base") if base_data.strip() else None
    ours_catalog = _catalog(ours, shown, "ours")
    theirs_catalog = _catalog(theirs, shown, "theirs")
    result = merge(base_catalog, ours_catalog, theirs_catalog, GIT)
    text = format_catalog(result.catalog)
    conflicted = {c.id for c in result.conflicts}
    left = tuple(e.id for e in result.catalog if e.id in conflicted and in_conflict(e))
    try:
        write_atomic(ours, text)
    except OSError as exc:
        raise TranskitError(f"cannot write the merge: {exc.strerror or exc}", ours) from None
    return Merged(left)


def _read(path: Path, name: str, side: str) -> bytes:
    try:
        return read_input(path, limit=MAX_PO_BYTES, what="PO file")
    except InputError as exc:
        raise PoError(f"{side} version: {exc.message}", name) from None


def _catalog(path: Path, name: str, side: str) -> Catalog:
    return _parse(_read(path, name, side), name, side)


def _parse(data: bytes, name: str, side: str) -> Catalog:
    try:
        return scan_catalog(data, name)
    except PoError as exc:
        raise PoError(f"{side} version: {exc.message}", name, exc.line) from None


# -- textconv: a PO file as segment lines, for git diff and git log -p ---------


def segment_lines(catalog: Catalog) -> list[str]:
    """Each live segment as ``id status`` then its source, translation and
    alternatives, indented: what a reviewer reads in a diff, without PO syntax."""
    out: list[str] = []
    for entry in catalog:
        state = status_of(entry).value + (" CONFLICT" if in_conflict(entry) else "")
        out.append(f"{shown(entry.id)}  [{state if entry.target else 'untranslated'}]")
        out.append(f"  src: {_one_line(entry.source)}")
        if entry.target:
            out.append(f"  txt: {_one_line(entry.target)}")
        for alt in alternatives(entry):
            who = f" {alt.status} by {shown(alt.by)}" if alt.by else f" {alt.status}"
            out.append(f"  alt:{who.rstrip()}: {_one_line(alt.text)}")
    return out


def _one_line(text: str) -> str:
    """One line, every unsafe character escaped (the diff reaches a terminal)."""
    return shown(text.replace("\\", "\\\\"))


def textconv(path: Path) -> str:
    """`segment_lines` of the PO/POT file at `path`, as git's textconv prints it."""
    return "".join(line + "\n" for line in segment_lines(_catalog(path, str(path), "file")))


# -- setup: .gitattributes and the clone's git config ----------------------------


def git_toplevel(folder: Path) -> Path | None:
    """The work tree `folder` is in, or None (not a repository, or no git)."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=folder, capture_output=True, text=True, check=False,
        )
    except OSError:
        return None
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None


def driver_configured(root: Path) -> bool | None:
    """Whether this clone's git config defines ``merge.transkit.driver`` (git's
    own lookup: local, global and system config); None when `root` is in no
    git work tree or git cannot be run."""
    if git_toplevel(root) is None:
        return None
    try:
        done = subprocess.run(
            ["git", "config", "--get", f"merge.{DRIVER}.driver"],
            cwd=root, capture_output=True, text=True, check=False,
        )
    except OSError:
        return None
    if done.returncode not in (0, 1):  # 1: not set; anything else: git could not say
        return None
    return done.returncode == 0 and bool(done.stdout.strip())


def driver_command() -> str:
    """The driver as git runs it: this interpreter (a venv's too) with ``-m transkit``."""
    return f"{shlex.quote(sys.executable)} -m transkit merge-file %O %A %B %P"


def textconv_command() -> str:
    return f"{shlex.quote(sys.executable)} -m transkit git textconv"


def setup(root: Path) -> list[str]:
    """Register the driver for the project at `root`: ``.gitattributes`` lines
    (added once, the file's other lines kept) and this clone's git config
    (``git config`` is per clone: each translator runs it once). What was
    done, one line each; a `TranskitError` outside a git work tree."""
    if git_toplevel(root) is None:
        raise TranskitError("not inside a git repository (git init first)", root)
    done: list[str] = []
    attributes = root / ".gitattributes"
    try:
        old = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise TranskitError(f"cannot read: {exc}", attributes) from None
    present = set(old.splitlines())
    missing = [line for line in ATTRIBUTES if line not in present]
    if missing:
        text = old + ("\n" if old and not old.endswith("\n") else "") + "\n".join(missing) + "\n"
        try:
            write_atomic(attributes, text)
        except OSError as exc:
            raise TranskitError(f"cannot write: {exc.strerror or exc}", attributes) from None
        done.append(f"{attributes.name}: PO and POT files merged and diffed by transkit")
    settings = {
        f"merge.{DRIVER}.name": "transkit: PO files merged by segment id",
        f"merge.{DRIVER}.driver": driver_command(),
        f"diff.{DRIVER}.textconv": textconv_command(),
    }
    for key, value in settings.items():
        result = subprocess.run(
            ["git", "config", "--local", key, value],
            cwd=root, capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            cause = result.stderr.strip().splitlines()[-1:] or ["failed"]
            raise TranskitError(f"git config {key}: {cause[0]}", root)
    done.append(f"git config: merge.{DRIVER} and diff.{DRIVER} set for this clone")
    return done

