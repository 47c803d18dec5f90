"""The translation store: settled reads, three-way merges, compare-and-swap installs.

The race tests run a real second process that edits the same PO file the way
editors do — replace-by-rename (vim, most editors, ``sed -i``) and rewrite in
place (polib's ``save``) — taking no lock, while this process approves other
segments through the store as the review app does. Nothing may be lost.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from gettext_tools import msgfmt_check
from transkit.catalog import Catalog
from transkit.merge import DRAFT, REVIEW, alternatives
from transkit.project import Project
from transkit.status import Status, mark_approved, mark_translated, status_of
from transkit.store import Store, Version, exchange_supported

SEGMENTS = 300


@pytest.fixture
def long_project(make_project, tmp_path: Path) -> Project:
    source = tmp_path / "long.md"
    source.write_text(
        "\n\n".join(f"Paragraph number {i} says something." for i in range(SEGMENTS)) + "\n",
        encoding="utf-8",
    )
    return make_project(source=source, doc="long", languages="es")


def approve(version: Version, index: int, text: str) -> Catalog:
    """`version`'s catalog with one segment approved, copy-on-write."""
    catalog = Catalog(dict(version.catalog.header), list(version.catalog.entries),
                      list(version.catalog.header_comments))
    entry = copy.deepcopy(catalog.entries[index])
    entry.target = text
    mark_approved(entry, "ana", "2026-12-01")
    catalog.entries[index] = entry
    return catalog


def test_a_save_nobody_raced_writes_ours_as_it_is(long_project: Project) -> None:
    store = Store(long_project)
    base = store.read("long", "es")
    saved = store.save("long", "es", approve(base, 3, "Párrafo 3."), base, REVIEW)
    assert saved.merge is None and saved.written
    assert store.path("long", "es").read_bytes() == saved.version.data
    assert msgfmt_check(store.path("long", "es")).returncode == 0
    again = store.save("long", "es", saved.version.catalog, saved.version, REVIEW)
    assert not again.written  # nothing changed: the file is not touched


def test_a_save_merges_what_another_writer_saved_meanwhile(long_project: Project) -> None:
    store = Store(long_project)
    base = store.read("long", "es")
    other = Store(long_project)
    theirs = other.read("long", "es")
    other.save("long", "es", approve(theirs, 5, "Cinco."), theirs, REVIEW)
    saved = store.save("long", "es", approve(base, 6, "Seis."), base, REVIEW)
    entries = store.read("long", "es").catalog.entries
    assert (entries[5].target, entries[6].target) == ("Cinco.", "Seis.")
    assert saved.merge is not None and saved.merge.conflicts == ()


def test_both_reviewers_of_one_segment_learn_it_and_the_loser_is_kept(
    long_project: Project,
) -> None:
    a, b = Store(long_project), Store(long_project)
    base_a, base_b = a.read("long", "es"), b.read("long", "es")
    b.save("long", "es", approve(base_b, 7, "Siete (de Bea)."), base_b, REVIEW)
    saved = a.save("long", "es", approve(base_a, 7, "Siete (de Ana)."), base_a, REVIEW)
    (conflict,) = saved.conflicts
    assert conflict.lost.target == "Siete (de Bea)."
    on_disk = a.read("long", "es").catalog.entries[7]
    assert on_disk.target == "Siete (de Ana)."
    # B, whose approval was replaced, finds its text kept on the segment.
    assert [alt.text for alt in alternatives(on_disk)] == ["Siete (de Bea)."]


def test_a_draft_never_overwrites_a_reviewer(long_project: Project) -> None:
    drafter, reviewer = Store(long_project), Store(long_project)
    base_d, base_r = drafter.read("long", "es"), reviewer.read("long", "es")
    reviewer.save("long", "es", approve(base_r, 8, "Ocho."), base_r, REVIEW)
    draft = Catalog(dict(base_d.catalog.header), copy.deepcopy(base_d.catalog.entries))
    draft.entries[8].target, draft.entries[8].fuzzy = "Ocho (máquina).", True
    drafter.save("long", "es", draft, base_d, DRAFT)
    entry = drafter.read("long", "es").catalog.entries[8]
    assert entry.target == "Ocho." and status_of(entry) is Status.APPROVED


def test_a_half_written_file_is_read_once_it_settles(long_project: Project) -> None:
    """An editor rewriting in place: the reader sees a truncated file first."""
    store = Store(long_project, settle=0.05)
    path = store.path("long", "es")
    whole = path.read_bytes()
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            with open({str(path)!r}, "r+b") as f:
                f.truncate(0); f.write({whole!r}[:len({whole!r}) // 2 + 7]); f.flush()
                print("half", flush=True)
                time.sleep(0.3)
                f.seek(0); f.write({whole!r}); f.flush()
        """)], stdout=subprocess.PIPE, text=True,
    )
    # Read once the file is half written, however slow the child was to start.
    assert child.stdout is not None and child.stdout.readline() == "half\n"
    version = store.read("long", "es")  # neither an error nor half a file
    child.wait()
    assert version.data == whole and len(version.catalog.entries) == SEGMENTS


EDITOR = textwrap.dedent("""
    import os, random, re, sys, time
    import polib
    path, mode = sys.argv[1:3]
    first, count = map(int, sys.argv[3:5])
    low, high = map(float, sys.argv[5:7])
    rng = random.Random(first)
    for k in range(first, first + count):
        if mode == "polib":   # read, change one entry, save in place (no lock)
            po = polib.pofile(path, wrapwidth=79)
            po[k].msgstr = f"externo {k}"
            po.save(path)
        else:                 # read, change one line, replace by rename (no lock)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            pattern = rf'(msgid "Paragraph number {k} says something\\."\\nmsgstr )""'
            text, n = re.subn(pattern, rf'\\1"externo {k}"', text)
            assert n == 1, k
            tmp = f"{path}.editor~"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, path)
        time.sleep(rng.uniform(low, high))
""")


@pytest.mark.parametrize(
    ("mode", "pace"),
    [("rename", (0.0, 0.004)), ("polib", (0.0, 0.004)),
     ("rename", (0.005, 0.03)), ("polib", (0.005, 0.03))],
    ids=["rename-stress", "in-place-stress", "rename-human", "in-place-human"],
)
def test_an_editor_racing_the_app_loses_nothing(
    long_project: Project, mode: str, pace: tuple[float, float]
) -> None:
    """200 outside edits of segments 0–199 while we approve 200–299: all of
    both are on disk at the end, whatever the editor and its pace. (Human
    pace is scaled down to keep the suite fast: what matters is that both
    sides' saves interleave, which they do at any pace.)"""
    store = Store(long_project)
    path = store.path("long", "es")
    outside = 200
    editor = subprocess.Popen(
        [sys.executable, "-c", EDITOR, str(path), mode, "0", str(outside), *map(str, pace)]
    )
    base = store.read("long", "es")
    ours = 0
    low, high = pace
    while editor.poll() is None or ours < 100:
        if ours < 100:
            base = store.save(
                "long", "es", approve(base, 200 + ours, f"aprobado {ours}"), base, REVIEW
            ).version
            ours += 1
        elif store.changed(base, "long", "es"):  # the app's watcher: re-read, merge
            base = store.save("long", "es", base.catalog, base, REVIEW).version
        time.sleep((low + high) / 2)
    assert editor.wait() == 0
    # The app's watcher sees the editor's last save and merges once more.
    base = store.save("long", "es", base.catalog, base, REVIEW).version
    final = store.read("long", "es").catalog.entries
    lost_outside = [k for k in range(outside) if final[k].target != f"externo {k}"]
    lost_ours = [
        k for k in range(100)
        if final[200 + k].target != f"aprobado {k}"
        or status_of(final[200 + k]) is not Status.APPROVED
    ]
    assert (lost_outside, lost_ours) == ([], [])
    assert msgfmt_check(path).returncode == 0


def test_this_machine_swaps_files_atomically(tmp_path: Path) -> None:
    """The race tests above prove the exchange path; say so if it is absent."""
    if sys.platform != "linux":
        pytest.skip("renameat2(RENAME_EXCHANGE) is Linux's")
    assert exchange_supported(tmp_path)


def test_a_file_created_meanwhile_is_merged_not_replaced(long_project: Project) -> None:
    store = Store(long_project)
    base = store.read("long", "es")
    path = store.path("long", "es")
    os.unlink(path)
    rival = approve(base, 1, "Uno (otro).")
    Store(long_project).save("long", "es", rival, None, REVIEW)
    store.save("long", "es", approve(base, 2, "Dos."), base, REVIEW)
    entries = store.read("long", "es").catalog.entries
    assert (entries[1].target, entries[2].target) == ("Uno (otro).", "Dos.")


def test_unchanged_entries_are_not_copied(long_project: Project) -> None:
    """Writers hold entries copy-on-write; the store never edits one in place."""
    store = Store(long_project)
    base = store.read("long", "es")
    before = copy.deepcopy(base.catalog.entries)
    other = Store(long_project)
    theirs = other.read("long", "es")
    other.save("long", "es", approve(theirs, 9, "Nueve."), theirs, REVIEW)
    ours = approve(base, 9, "Nueve, mío.")
    store.save("long", "es", ours, base, REVIEW)
    assert base.catalog.entries == before
    mark_translated(ours.entries[9])  # still ours to change
