"""The command line never shows a traceback: each failure is one line on stderr
and an exit code that means one thing (0 clean, 1 problems found, 2 usage
error or unreadable input, 3 internal error, 130 interrupted, 141 the reader
of stdout went away). Real files, real subprocesses where a pipe is involved."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import cli_helpers
from conftest import SAMPLE, SEED
from transkit.cli import main
from transkit.project import Project


def one_error_line(err: str, start: str = "transkit: error: ") -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith(start), err
    assert "Traceback" not in err
    return lines[0]


def transkit(*args: str, cwd: Path, **kwargs) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "transkit", *args], cwd=cwd, stderr=subprocess.PIPE, **kwargs
    )


# -- 1. a bug: one line, exit 3, the traceback saved -------------------------------


class _BrokenTranslations(BaseHTTPRequestHandler):
    """A DeepL-compatible server whose answers lack the billed characters: the
    deepl client fails on them with a TypeError, a fault transkit cannot name."""

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"translations": [{"detected_source_language": "EN"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def broken_deepl(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _BrokenTranslations)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    key = "sekrit-0a1b2c3d-key:fx"
    monkeypatch.setenv("DEEPL_AUTH_KEY", key)
    monkeypatch.setenv("DEEPL_SERVER_URL", f"http://127.0.0.1:{server.server_address[1]}")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    try:
        yield key
    finally:
        server.shutdown()
        server.server_close()


def test_an_unexpected_error_is_one_line_exit_3_and_a_saved_traceback(
    make_project, broken_deepl, capsys
):
    project = make_project()
    path = project.config.path
    path.write_text(path.read_text() + "\n[draft]\nnetwork-retries = 0\n")
    before = project.po_path("sample", "es").read_bytes()
    assert main(["draft", "--lang", "es"]) == 3
    out, err = capsys.readouterr()
    line = one_error_line(err, "transkit: internal error: TypeError: ")
    assert line.endswith("; please report it)")
    saved = Path(line.split("traceback saved to ", 1)[1].split(";")[0])
    assert saved.parent == project.root / ".transkit" / "crash"
    report = saved.read_text()
    assert "Traceback (most recent call last)" in report and "TypeError" in report
    assert "command: transkit draft --lang es" in report
    assert broken_deepl not in report + out + err  # the key is never written
    assert project.po_path("sample", "es").read_bytes() == before


def test_without_a_state_folder_the_traceback_goes_to_the_temp_folder(
    make_project, capsys, monkeypatch, tmp_path
):
    make_project()
    shutil.rmtree(tmp_path / ".transkit")
    (tmp_path / ".transkit").write_text("not a folder")  # so no crash/ inside it
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))

    def dump(*_: object, **__: object) -> None:  # a bug, standing in for any other
        raise RuntimeError("boom \x1b]0;pwned\x07 \u202e")

    monkeypatch.setattr(json, "dump", dump)
    assert main(["status", "--json"]) == 3
    err = capsys.readouterr().err
    line = one_error_line(err, "transkit: internal error: RuntimeError: boom ")
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "\\x1b]0;pwned\\x07 \\u202e" in line
    [saved] = temp.iterdir()
    assert str(saved) in line and "RuntimeError: boom" in saved.read_text()


def test_an_error_message_from_a_file_name_is_shown_not_sent(chdir, capsys):
    assert main(["import", "bad\x1b[2Jname\u202e.md", "--to-markdown", "-"]) == 2
    out, err = capsys.readouterr()
    line = one_error_line(err)
    assert "bad\\x1b[2Jname\\u202e.md" in line
    assert "\x1b" not in out + err and "\u202e" not in out + err


# -- 2. the reader of stdout went away ------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["status", "--json"],
        ["export", "--allow-incomplete"],
        ["import", str(SAMPLE), "--doc", "other"],
        ["import", str(SEED), "--to-markdown", "-"],
    ],
    ids=["status", "status-json", "export", "import", "to-markdown"],
)
def test_a_closed_stdout_ends_quietly_with_141(make_project, args):
    project = make_project()
    proc = transkit(*args, cwd=project.root, stdout=subprocess.PIPE)
    proc.stdout.close()  # as `| head` does once it has what it wants
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141, err
    assert err == ""


def test_head_of_a_long_output(chdir):
    """Output far larger than the pipe's buffer, read in part: the writer is
    blocked mid-output when the reader leaves."""
    article = chdir / "long.md"
    article.write_text("".join(f"Paragraph {n} of a long article.\n\n" for n in range(20000)))
    proc = transkit("import", str(article), "--to-markdown", "-", cwd=chdir,
                    stdout=subprocess.PIPE)
    assert proc.stdout.readline() == b"Paragraph 0 of a long article.\n"
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141, err
    assert err == ""


# -- 4. transkit.toml: a wrong type names the setting, its line and the type wanted ----

CONFIG = """[project]
name = "test"
source-language = "en"

[languages.es]
deepl = "ES"
formality = "default"
publish = "approved"

[documents.sample]
source = "sample.md"
"""


@pytest.mark.parametrize(
    ("edits", "message"),  # message: "LINE: …", LINE where the setting named is written
    [
        ({'[project]\nname = "test"': 'project = "x"\n[other]\nname = "test"'},
         "1: project must be a table ([project]), not a string"),
        ({"": "languages = 5\n", "[languages.es]": "[other]"},
         "1: languages must be a table ([languages]), not an integer"),
        ({"": "documents = 5\n", "[documents.sample]": "[other]"},
         "1: documents must be a table ([documents]), not an integer"),
        ({"[languages.es]": "[languages]\nes = 5\n[other]"},
         "6: languages.es must be a table ([languages.es]), not an integer"),
        ({'formality = "default"': "formality = 3"},
         "7: [languages.es] formality must be a string, not an integer"),
        ({'deepl = "ES"': 'deepl = ["ES"]'},
         "6: [languages.es] deepl must be a string, not an array"),
        ({'publish = "approved"': "publish = true"},
         "8: [languages.es] publish must be a string, not a boolean"),
        ({'name = "test"': "name = 5"}, "2: [project] name must be a string, not an integer"),
        ({'source-language = "en"': "source-language = 1.5"},
         "3: [project] source-language must be a string, not a number"),
        ({'source = "sample.md"': "source = 2024-01-01"},
         "11: [documents.sample] source must be a string, not a date or time"),
        ({'[documents.sample]\nsource = "sample.md"': '[documents]\nsample = "sample.md"'},
         "11: documents.sample must be a table ([documents.sample]), not a string"),
        ({"": "draft = 5\n"}, "1: draft must be a table ([draft]), not an integer"),
        ({"": "check = 'x'\n"}, "1: check must be a table ([check]), not a string"),
        ({"": "review = []\n"}, "1: review must be a table ([review]), not an array"),
    ],
)
def test_a_setting_of_the_wrong_type_is_named(chdir, capsys, edits, message):
    text = CONFIG
    for old, new in edits.items():  # "": `new` goes first, as top-level keys must
        assert old in text
        text = text.replace(old, new, 1) if old else new + text
    (chdir / "transkit.toml").write_text(text)
    for command in (["status"], ["export"], ["draft", "--dry-run"]):
        assert main(command) == 2
        line = one_error_line(capsys.readouterr().err)
        assert line == f"transkit: error: {chdir / 'transkit.toml'}:{message}"


def test_a_huge_config_is_refused(chdir, capsys):
    (chdir / "transkit.toml").write_text(CONFIG + "#" * (2 << 20) + "\n")
    assert main(["status"]) == 2
    assert "config file too large" in one_error_line(capsys.readouterr().err)


def test_a_config_that_is_not_utf8_names_its_line(chdir, capsys):
    (chdir / "transkit.toml").write_bytes(CONFIG.encode().replace(b'"test"', b'"t\xe9st"'))
    assert main(["status"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert line.endswith("transkit.toml:2: not UTF-8 text")


def test_init_writes_a_name_with_control_characters_as_valid_toml(chdir, capsys):
    assert main(["init", "--name", "tab\there\x1b"]) == 0
    assert Project.find(chdir).config.name == "tab\there\x1b"


# -- 3. export --out must be a folder ---------------------------------------------------


def export_tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


@pytest.mark.parametrize("out", ["a-file", "/dev/null", "/proc/self", "/sys"])
def test_export_out_that_is_not_a_writable_folder_is_one_line(make_project, capsys, out):
    project = make_project()
    if out == "a-file":
        (project.root / out).write_text("mine\n")
    before = export_tree(project.root)
    assert main(["export", "--allow-incomplete", "--out", out]) == 2
    captured = capsys.readouterr()
    line = one_error_line(captured.err)
    assert "--out takes a folder" in line or "cannot create the folder" in line, line
    assert "Exported" not in captured.out
    assert export_tree(project.root) == before  # nothing written, no folder made
    if out == "a-file":
        assert (project.root / out).read_text() == "mine\n"


def test_export_refuses_to_replace_an_output_that_is_not_a_regular_file(make_project, capsys):
    project = make_project()
    folder = project.root / "export" / "sample"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "es.md")
    assert main(["export", "--allow-incomplete", "--out", "export"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert line.endswith("es.md: is a FIFO (named pipe), not a regular file: not replaced")
    assert sorted(p.name for p in folder.iterdir()) == ["es.md"]  # nothing else written
    assert stat.S_ISFIFO((folder / "es.md").lstat().st_mode)


def test_export_into_a_folder_under_a_file_makes_no_folders(make_project, capsys):
    project = make_project()
    (project.root / "out").mkdir()
    (project.root / "out" / "sample").write_text("a file where the doc's folder goes\n")
    assert main(["export", "--allow-incomplete", "--out", "out"]) == 2
    assert one_error_line(capsys.readouterr().err).endswith(
        "out/sample: is a regular file, not a folder"
    )


# -- 6. a PO file that is a FIFO, a device or a symlink loop -------------------------


def _replace_po(project: Project, kind: str, lang: str = "es") -> Path:
    path = project.po_path("sample", lang)
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        path.symlink_to(path.with_name("other.po"))
        path.with_name("other.po").symlink_to(path)
    return path


PO_KINDS = {
    "fifo": "is a FIFO (named pipe), not a regular file",
    "dev-zero": "is a device, not a regular file",
    "loop": "a symbolic link loop, not a file",
}


@pytest.mark.parametrize("kind", list(PO_KINDS))
def test_review_refuses_a_po_file_that_is_not_a_regular_file_before_starting(
    make_project, kind
):
    project = make_project()
    path = _replace_po(project, kind)
    started = time.monotonic()
    result = cli_helpers.run("review", "sample", "--lang", "es", cwd=project.root, tty=True)
    assert result.code == 2, result.err_text
    cli_helpers.one_line(result, f"{path}: {PO_KINDS[kind]}")
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_status_refuses_a_po_file_that_is_not_a_regular_file(make_project, kind):
    project = make_project()
    path = _replace_po(project, kind)
    result = cli_helpers.run("status", cwd=project.root, timeout=5)
    cli_helpers.one_line(result, f"{path}: {PO_KINDS[kind]}")


def test_a_glossary_that_is_a_fifo_is_refused_at_once(make_project, api):
    project = make_project()
    os.mkfifo(project.root / "glossary.toml")
    result = cli_helpers.run("draft", "--lang", "es", cwd=project.root, timeout=10)
    cli_helpers.one_line(result, "glossary.toml: is a FIFO (named pipe), not a regular file")


# -- 5. DEEPL_SERVER_URL --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://[bad", "Invalid IPv6 URL"),
        ("api.deepl.com", "it must start with https://"),
        ("ftp://example.org", "it must start with https://"),
        ("https://", "it names no host"),
        ("http://a b/", "its host holds a space"),
        ("http://example.org:99999", "Port out of range"),
    ],
)
def test_a_bad_deepl_server_url_is_named_and_nothing_is_sent(
    make_project, api, capsys, monkeypatch, url, problem
):
    project = make_project()
    monkeypatch.setenv("DEEPL_SERVER_URL", url)
    before = project.po_path("sample", "es").read_bytes()
    assert main(["draft", "--lang", "es"]) == 2
    out, err = capsys.readouterr()
    line = one_error_line(err)
    assert line.startswith(f"transkit: error: DEEPL_SERVER_URL is not a usable URL: {problem}")
    assert api.key not in out + err
    assert api.requests == []
    assert project.po_path("sample", "es").read_bytes() == before


# -- 9. text from files is shown, never sent --------------------------------------------


def test_export_shows_control_characters_of_untranslated_source_as_escapes(
    make_project, capsys
):
    project = make_project()
    sentence = "Nobody expected it."
    files = [project.template_path("sample")] + [
        project.po_path("sample", lang) for lang in project.config.all_languages
    ]
    for path in files:
        text = path.read_text()
        assert sentence in text
        # ESC ] 0 ; … BEL retitles a terminal window, ESC [ 2 J clears it.
        path.write_text(text.replace(sentence, "Nobody\\033]0;pwned\\a expected\\033[2J it."))
    capsys.readouterr()
    assert main(["export"]) == 1  # nothing translated: every language is listed with its gaps
    out, err = capsys.readouterr()
    raw = (out + err).encode()
    assert b"\x1b" not in raw and b"\x07" not in raw
    assert "Nobody\\x1b]0;pwned\\x07 expected\\x1b[2J it." in out
