"""Two translators' branches merged by git: git's text merge, msgcat, transkit's driver.

Run: python benchmarks/bench_gitmerge.py
Needs git and GNU gettext (msgcat, msgfmt) on PATH.

Each scenario is a real repository in a temporary folder: ``transkit init``
and ``import`` of the test article, committed on ``main``; then branch ``ana``
and branch ``bo`` each edit ``locales/es/sample.po`` (through `transkit.po`
and `transkit.status`, as a translator's tool does) and commit; then, on
``bo``, ``git merge ana``. The same repository is merged three ways, chosen by
``.git/info/attributes`` (it overrides the committed ``.gitattributes``):

* ``git text`` — git's default three-way text merge (no driver);
* ``msgcat`` — a driver running ``msgcat --use-first %A %B -o %A`` (ours first);
* ``transkit`` — ``transkit merge-file %O %A %B %P`` (what ``transkit git setup`` registers).

Counted in the merged file: conflicts raised (git's conflict markers, or
segments with transkit's conflict status); translations kept (of the
``(segment, text)`` pairs either branch made: the text is a msgstr, or kept
as a ``transkit-alt`` alternative of that segment); approvals kept (the
segment approved with that text, and live); template errors (segments missing,
extra, duplicated or with another source than the merged template's: what
``transkit check`` reports as structure errors); whether ``msgfmt --check``
accepts it.
A file with conflict markers is no PO: nothing can be read from it ("-").
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import chdir, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from transkit.catalog import Catalog, Entry
from transkit.checks.structure import check_catalog
from transkit.cli import main as transkit
from transkit.errors import TranskitError
from transkit.merge import alternatives
from transkit.po import read_catalog, write_catalog
from transkit.status import (
    Status,
    in_conflict,
    mark_approved,
    mark_draft,
    mark_translated,
    status_of,
)

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "data" / "sample.md"
PO = Path("locales/es/sample.po")
ENV = {
    **os.environ,
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "LC_ALL": "C",
}
for _name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
    ENV.pop(_name, None)

Mark = Callable[..., None]
Edit = dict[str, tuple[str, Mark]]
Work = Callable[[Path, list[str]], None]

#: method -> the lines of .git/info/attributes that choose it
METHODS = {
    "git text": "*.po merge\n*.pot merge\n",
    "msgcat": "*.po merge=msgcat\n*.pot merge=msgcat\n",
    "transkit": "*.po merge=transkit\n*.pot merge=transkit\n",
}


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(["git", *args], cwd=repo, env=ENV, capture_output=True, text=True,
                          check=False)
    if check and done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done


def translate(path: Path, changes: Edit, who: str) -> None:
    catalog = read_catalog(path)
    entries = {e.id: e for e in catalog}
    for entry_id, (text, mark) in changes.items():
        entry = entries[entry_id]
        entry.target = text
        if mark is mark_draft:
            mark_draft(entry, "deepl", on="2026-12-01")
        else:
            mark(entry, who, "2026-12-01")
    write_catalog(path, catalog)


def edits(changes: Callable[[list[str]], Edit], who: str) -> Work:
    return lambda repo, s: translate(repo / PO, changes(s), who)


def reimport(repo: Path, s: list[str]) -> None:
    """The article edited (one sentence changed, one removed, a paragraph added), re-imported."""
    text = (repo / "article.md").read_text(encoding="utf-8")
    text = text.replace("The strike spread to\nthree plants.", "The strike spread to\nfour plants.")
    text = text.replace(" Nobody expected it.", "")
    text = text.replace("## What the papers say", "A new paragraph.\n\n## What the papers say")
    (repo / "article.md").write_text(text, encoding="utf-8")
    with chdir(repo), redirect_stdout(io.StringIO()):
        if transkit(["import", "article.md", "--doc", "sample"]) != 0:
            raise SystemExit("transkit import failed")


@dataclass(frozen=True)
class Scenario:
    name: str
    ana: Work  # merged in ("theirs")
    bo: Work  # the branch merged into ("ours")
    base: Work | None = None  # done on main before both branches


SCENARIOS = [
    Scenario(
        "different segments approved",
        edits(lambda s: {s[3]: ("Uno.", mark_approved), s[5]: ("Tres.", mark_approved)}, "ana"),
        edits(lambda s: {s[4]: ("Dos.", mark_approved), s[6]: ("Cuatro.", mark_approved)}, "bo"),
    ),
    Scenario(
        "same segment, same text",
        edits(lambda s: {s[3]: ("Uno.", mark_approved)}, "ana"),
        edits(lambda s: {s[3]: ("Uno.", mark_translated)}, "bo"),
    ),
    Scenario(
        "same segment, two texts",
        edits(lambda s: {s[3]: ("Uno.", mark_approved), s[4]: ("Dos, dice Ana.", mark_approved)},
              "ana"),
        edits(lambda s: {s[4]: ("Dos, dice Bo.", mark_approved), s[6]: ("Seis.", mark_translated)},
              "bo"),
    ),
    Scenario(
        "re-import vs approvals",
        edits(lambda s: {s[3]: ("Uno.", mark_approved),
                         s[4]: ("Se extendió a tres plantas.", mark_approved),
                         s[5]: ("Nadie lo esperaba.", mark_approved)}, "ana"),
        reimport,
    ),
    Scenario(
        "approval vs untouched draft",
        edits(lambda s: {s[3]: ("Uno.", mark_approved)}, "ana"),
        edits(lambda s: {s[6]: ("Seis (DeepL).", mark_draft)}, "bo"),
        base=edits(lambda s: {s[3]: ("Uno (DeepL).", mark_draft)}, "deepl"),
    ),
]


def made(before: Catalog, after: Catalog) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(translations, approvals) a branch made: (segment, text) pairs new since `before`."""
    old = {e.id: e for e in before}
    texts: set[tuple[str, str]] = set()
    approved: set[tuple[str, str]] = set()
    for e in after:
        was = old.get(e.id)
        if not e.target:
            continue
        if was is None or was.target != e.target:
            texts.add((e.id, e.target))
        if status_of(e) is Status.APPROVED and (was is None or status_of(was) is not Status.APPROVED
                                                 or was.target != e.target):
            approved.add((e.id, e.target))
    return texts, approved


def build(folder: Path, scenario: Scenario) -> tuple[Path, set[tuple[str, str]],
                                                     set[tuple[str, str]]]:
    """The repository with both branches committed; what the branches made."""
    repo = folder / "origin"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Bench")
    git(repo, "config", "user.email", "bench@example.org")
    git(repo, "config", "merge.msgcat.driver", "msgcat --use-first %A %B -o %A")
    shutil.copy(SAMPLE, repo / "article.md")
    with chdir(repo), redirect_stdout(io.StringIO()):
        for args in (["init", "--name", "bench", "--languages", "es"],
                     ["import", "article.md", "--doc", "sample"]):
            if transkit(args) != 0:
                raise SystemExit(f"transkit {args[0]} failed")
    ids = [e.id for e in read_catalog(repo / PO)]
    if scenario.base:
        scenario.base(repo, ids)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    base = read_catalog(repo / PO)
    texts: set[tuple[str, str]] = set()
    approvals: set[tuple[str, str]] = set()
    for name, work in (("ana", scenario.ana), ("bo", scenario.bo)):
        git(repo, "checkout", "-q", "-b", name, "main")
        work(repo, ids)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", name)
        t, a = made(base, read_catalog(repo / PO))
        texts |= t
        approvals |= a
    return repo, texts, approvals


@dataclass(frozen=True)
class Row:
    stopped: bool
    conflicts: int
    kept: int | None
    approved: int | None
    structure: int | None
    valid: bool


def merged_by(origin: Path, method: str, folder: Path, texts: set[tuple[str, str]],
              approvals: set[tuple[str, str]]) -> Row:
    repo = folder / method.replace(" ", "-")
    shutil.copytree(origin, repo, symlinks=True)
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "attributes").write_text(METHODS[method], encoding="utf-8")
    done = git(repo, "merge", "--no-edit", "ana", check=False)
    path = repo / PO
    data = path.read_bytes()
    markers = data.count(b"\n<<<<<<< ") + data.startswith(b"<<<<<<< ")
    valid = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], env=ENV,
                           capture_output=True, check=False).returncode == 0
    if markers:
        return Row(done.returncode != 0, markers, None, None, None, valid)
    try:
        catalog = read_catalog(path)
    except TranskitError:
        return Row(done.returncode != 0, 0, None, None, None, valid)
    entries: dict[str, Entry] = {e.id: e for e in catalog.entries}
    flagged = sum(1 for e in entries.values() if in_conflict(e))
    kept = sum(1 for i, text in texts if i in entries and (
        entries[i].target == text or any(a.text == text for a in alternatives(entries[i]))))
    approved = sum(1 for i, text in approvals if i in entries and entries[i].target == text
                   and not entries[i].obsolete and status_of(entries[i]) is Status.APPROVED)
    structure = len(check_catalog(read_catalog(repo / "segments" / "sample.pot"), catalog))
    return Row(done.returncode != 0, flagged, kept, approved, structure, valid)


def table() -> list[str]:
    head = ("scenario", "method", "git stops", "conflicts", "translations kept",
            "approvals kept", "template errors", "valid PO")
    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory(prefix="bench-gitmerge-") as tmp:
        for n, scenario in enumerate(SCENARIOS):
            folder = Path(tmp) / str(n)
            folder.mkdir()
            origin, texts, approvals = build(folder, scenario)
            for method in METHODS:
                r = merged_by(origin, method, folder, texts, approvals)
                rows.append((
                    scenario.name, method, "yes" if r.stopped else "no", str(r.conflicts),
                    "-" if r.kept is None else f"{r.kept}/{len(texts)}",
                    "-" if r.approved is None else f"{r.approved}/{len(approvals)}",
                    "-" if r.structure is None else str(r.structure),
                    "yes" if r.valid else "no",
                ))
    widths = [max(len(x[i]) for x in (head, *rows)) for i in range(len(head))]

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|",
            *(line(r) for r in rows)]


def main() -> int:
    missing = [tool for tool in ("git", "msgcat", "msgfmt") if shutil.which(tool) is None]
    if missing:
        print(f"bench_gitmerge: needs {', '.join(missing)} on PATH", file=sys.stderr)
        return 2
    print("\n".join(table()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
