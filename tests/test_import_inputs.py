"""What ``transkit import`` reads and writes besides a well-formed article:
devices, FIFOs, symbolic links, huge files, control and bidi characters.
Each is refused (or warned about) in one line, at once, with nothing written."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cli_helpers import fill, one_line, run, small_disks
from conftest import SAMPLE, SEED
from transkit.cli import main
from transkit.project import Project

ARTICLE = "# A title\n\nThe first paragraph. It has two sentences.\n\nThe last one.\n"


def files_under(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink() and ".transkit" not in p.parts
    }


@pytest.fixture
def project(make_project):
    return make_project(source=None)


# -- sources that are not regular files ------------------------------------------------


def test_import_dev_zero_is_refused_at_once(project):
    before = files_under(project.root)
    result = run("import", "/dev/zero", "--doc", "zero", cwd=project.root)
    one_line(result, "/dev/zero: is a device, not a regular file")
    assert files_under(project.root) == before


def test_import_a_fifo_is_refused_at_once(project):
    os.mkfifo(project.root / "article.md")
    result = run("import", "article.md", cwd=project.root, timeout=10)
    one_line(result, "article.md: is a FIFO (named pipe), not a regular file")


def test_import_a_symbolic_link_loop_is_refused(project):
    (project.root / "a.md").symlink_to("b.md")
    (project.root / "b.md").symlink_to("a.md")
    result = run("import", "a.md", cwd=project.root)
    one_line(result, "a.md: a symbolic link loop, not a file")


def test_import_a_symlink_to_a_device_is_refused(project):
    (project.root / "article.md").symlink_to("/dev/zero")
    result = run("import", "article.md", "--to-markdown", "-", cwd=project.root)
    one_line(result, "article.md: is a device, not a regular file")


def test_import_a_huge_source_is_refused_unread(project):
    huge = project.root / "huge.md"
    with open(huge, "wb") as f:
        f.truncate(65 * 1024 * 1024)  # sparse: nothing to write, too big to read
    result = run("import", "huge.md", cwd=project.root)
    one_line(result, "huge.md: source too large: 65.0 MiB (the limit is 64.0 MiB)")


# -- --to-markdown never replaces what is not a regular file -------------------------


def _device(path: Path) -> None:
    """A character device like /dev/null (what /dev/stdout is, to root)."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")


@pytest.mark.parametrize("kind", ["device", "fifo", "symlink", "dangling-symlink", "folder"])
def test_to_markdown_refuses_to_replace_what_is_not_a_regular_file(chdir, kind):
    target = chdir / "out.md"
    kept = chdir / "kept.md"
    kept.write_text("keep me\n")
    if kind == "device":
        _device(target)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        target.symlink_to(kept)
    elif kind == "dangling-symlink":
        target.symlink_to(chdir / "nowhere.md")
    else:
        target.mkdir()
    mode = target.lstat().st_mode
    result = run("import", str(SEED), "--to-markdown", str(target), cwd=chdir, timeout=10)
    line = one_line(result, f"{target}: is ", "not a regular file: not replaced")
    assert "'-' for stdout" in line
    assert target.lstat().st_mode == mode  # the same kind of thing, not replaced
    assert kept.read_text() == "keep me\n"
    assert sorted(p.name for p in chdir.iterdir()) == sorted(
        ["out.md", "kept.md"]
    )  # no temporary file left behind


def test_to_markdown_replaces_a_regular_file_and_dash_is_stdout(chdir, capsys):
    target = chdir / "out.md"
    target.write_text("old\n")
    assert main(["import", str(SAMPLE), "--to-markdown", str(target)]) == 0
    assert target.read_text() == SAMPLE.read_text()
    assert capsys.readouterr().out == f"Wrote {target}; correct it and import that file.\n"
    assert main(["import", str(SAMPLE), "--to-markdown", "-"]) == 0
    assert capsys.readouterr().out == SAMPLE.read_text()


def test_to_markdown_notes_go_to_stderr_so_stdout_is_only_markdown(chdir, capsys):
    assert main(["import", str(SEED), "--to-markdown", "-"]) == 0
    out, err = capsys.readouterr()
    assert "left out" not in out and "lines of page chrome" in err
    assert out.endswith("\n") and not out.endswith("\n\n\n")


# -- control and bidi characters in a source -------------------------------------------


@pytest.mark.parametrize(
    ("char", "shown"),
    [("\x1b", "\\x1b"), ("\x07", "\\x07"), ("\x00", "\\x00"), ("\x9b", "\\x9b"),
     ("\x7f", "\\x7f"), ("\x0c", "\\x0c")],
)
def test_a_control_character_in_the_source_refuses_the_import(project, capsys, char, shown):
    source = project.root / "source.md"
    text = ARTICLE.replace("The last one.", f"The last{char}]0;pwned{char} one.")
    source.write_text(text, encoding="utf-8")
    before = files_under(project.root)
    assert main(["import", "source.md"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith(f"transkit: error: source.md:5: control character {shown} ")
    assert "1 more in all" in line and "remove them" in line
    assert char not in out + err and "\x07" not in err and "\x1b" not in err
    assert files_under(project.root) == before  # nothing written, not even the config


def test_every_line_with_a_control_character_is_named_in_one_run(project, capsys):
    """Every problem at once: on main only the first line was named ("and 2
    more"), so fixing a source took one run per character."""
    source = project.root / "source.md"
    text = ARTICLE.replace("The last one.", "The \x1b last \x07 one.")
    lines = text.split("\n")
    lines[0] += "\x00"
    source.write_text("\n".join(lines), encoding="utf-8")
    assert main(["import", "source.md"]) == 2
    _, err = capsys.readouterr()
    assert err.splitlines() == [
        "transkit: error: source.md:1: control character \\x00 in the source, 2 more in all: "
        "an article holds none; remove them and import again",
        "transkit: error: source.md:5: control characters \\x1b \\x07",
    ]


def test_control_characters_also_stop_to_markdown(chdir, capsys):
    (chdir / "source.txt").write_text("Title\n\nA line with \x1b[2J in it.\n")
    assert main(["import", "source.txt", "--to-markdown", "-"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "source.txt:3: control character \\x1b" in err
    assert "\x1b" not in err


def test_bidi_and_invisible_characters_are_imported_with_one_warning_each(project, capsys):
    source = project.root / "source.md"
    text = ARTICLE.replace("two sentences", "two \u202esentences\u202c").replace(
        "The last one.", "The\u200b last\u202e one."
    )
    source.write_bytes(text.encode())
    assert main(["import", "source.md", "--doc", "bidi"]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "source.md:3: warning: bidi control \\u202e (RIGHT-TO-LEFT OVERRIDE) in the source, "
        "2 times: imported; check that the text needs it",
        "source.md:3: warning: bidi control \\u202c (POP DIRECTIONAL FORMATTING) in the source: "
        "imported; check that the text needs it",
        "source.md:5: warning: invisible character \\u200b (ZERO WIDTH SPACE) in the source: "
        "imported; check that the text needs it",
    ]
    for char in "\u202e\u202c\u200b":
        assert char not in out + err
    pot = (project.root / "segments" / "bidi.pot").read_text()
    assert "\u202e" in pot  # imported as written


def test_to_markdown_on_a_terminal_shows_bidi_characters_as_escapes(chdir):
    (chdir / "source.md").write_bytes("# Title\r\n\r\nSome \u202etext\u202c here.\r\n".encode())
    result = run("import", "source.md", "--to-markdown", "-", cwd=chdir, tty=True)
    assert result.code == 0, result.err_text
    assert "\u202e".encode() not in result.out + result.err
    assert b"Some \\u202etext\\u202c here." in result.out
    assert b"\\x0d" not in result.out  # CRLF is a line break, not a character to show
    assert result.err_text.count("warning: bidi control") == 2


def test_a_source_that_is_not_utf8_names_its_line(project, capsys):
    (project.root / "source.md").write_bytes(b"# Title\n\nCaf\xe9 society.\n")
    assert main(["import", "source.md"]) == 2
    assert capsys.readouterr().err == "transkit: error: source.md:3: not UTF-8 text\n"


# -- a full disk -----------------------------------------------------------------------


@pytest.fixture
def tiny_disk() -> Iterator[Callable[[Path, int], None]]:
    with small_disks() as mount:
        yield mount


def test_import_on_a_full_disk_is_one_line_and_a_rerun_finishes(chdir, capsys, tiny_disk):
    tiny_disk(chdir, 1 << 20)
    assert main(["init", "--name", "test"]) == 0
    filler = fill(chdir)
    capsys.readouterr()
    assert main(["import", str(SAMPLE), "--doc", "sample"]) == 2  # the locks' folder first
    assert capsys.readouterr().err == (
        f"transkit: error: {chdir / '.transkit'}: cannot take the write lock: "
        "No space left on device (ENOSPC); 0 of 5 files written: run the same import again "
        "to finish\n"
    )
    filler.unlink()
    assert main(["import", str(SEED), "--doc", "other"]) == 0  # makes .transkit/locks
    filler = fill(chdir)
    capsys.readouterr()
    assert main(["import", str(SAMPLE), "--doc", "sample"]) == 2
    err = capsys.readouterr().err
    [line] = err.splitlines()
    assert line.startswith(f"transkit: error: {chdir / 'segments' / 'sample.pot'}: cannot write: ")
    assert "No space left on device (ENOSPC); 0 of 5 files written" in line
    assert "run the same import again" in line
    assert [p.name for p in (chdir / "segments").iterdir()] == ["other.pot"]  # no temporary

    filler.unlink()
    assert main(["import", str(SAMPLE), "--doc", "sample"]) == 0
    assert len(list((chdir / "locales").rglob("sample.po"))) == 4
    assert "sample" in Project.find(chdir).config.sources


def test_init_on_a_full_disk_is_one_line(chdir, capsys, tiny_disk):
    tiny_disk(chdir, 1 << 20)
    fill(chdir)
    assert main(["init"]) == 2
    # The .gitignore comes first (it ignores export/), then transkit.toml.
    assert capsys.readouterr().err == (
        f"transkit: error: {chdir / '.gitignore'}: cannot write: "
        "No space left on device (ENOSPC)\n"
    )
    assert not (chdir / "transkit.toml").exists()
