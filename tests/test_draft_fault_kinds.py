"""DeepL faults by kind, against the local server: a passing fault (429, 5xx,
timeout, no connection, a reset) exits 75 (EX_TEMPFAIL) and says to run the
same command again; one the user must fix first (403, 456, 400; 413 where the
runner does not split the request) exits 2
and never says "again". Each is one line. A dry run answers in seconds when
the usage look-up fails, with the plan still printed."""

from __future__ import annotations

import socket
import time

import pytest

from transkit.cli import main
from transkit.errors import EXIT_ERROR, EXIT_TEMPFAIL
from transkit.project import Project

RESUME = "run the same command again to resume"


@pytest.fixture
def project(make_project) -> Project:
    project = make_project()
    path = project.config.path
    path.write_text(path.read_text() + "\n[draft]\nnetwork-retries = 0\ntimeout = 0.5\n")
    return Project.find(project.root)


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("transkit: error: ")
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (429, ["HTTP 429", "wait a minute"]),
        (500, ["HTTP 500", "try again later"]),
        (502, ["HTTP 502", "try again later"]),
        (503, ["HTTP 503", "try again later"]),
        (504, ["HTTP 504", "try again later"]),
    ],
)
def test_a_passing_fault_exits_75_and_says_run_again(project, api, capsys, status, words):
    api.fail("/v2/translate", status, after=1, times=None)
    assert main(["draft", "--lang", "es"]) == EXIT_TEMPFAIL == 75
    line = one_line(capsys.readouterr().err)
    for word in [*words, "drafts saved in this run", RESUME]:
        assert word in line
    assert line.endswith(RESUME)


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (403, ["HTTP 403", "DEEPL_AUTH_KEY", "drafts saved in this run are kept"]),
        (456, ["HTTP 456", "quota", "raise the cost limit", "drafts saved in this run are kept"]),
        (400, ["HTTP 400", '[languages.es] deepl = "ES"']),  # the runner names the setting
    ],
)
def test_a_fault_to_fix_first_exits_2_and_never_says_run_again(
    project, api, capsys, status, words
):
    api.fail("/v2/translate", status, after=1, times=None)
    assert main(["draft", "--lang", "es"]) == EXIT_ERROR == 2
    line = one_line(capsys.readouterr().err)
    for word in words:
        assert word in line
    assert "again" not in line


@pytest.mark.parametrize(
    ("status", "words"),
    [(413, ["HTTP 413", "too large"]), (403, ["HTTP 403"]), (400, ["HTTP 400"])],
)
def test_a_usage_look_up_refused_exits_2_without_run_again(
    make_project, api, capsys, status, words
):
    """Outside the translate requests (a 413 there is split by the runner):
    the dry run's usage look-up."""
    make_project()
    api.fail("/v2/usage", status, times=None)
    assert main(["draft", "--lang", "es", "--dry-run"]) == 2
    line = one_line(capsys.readouterr().err)
    for word in words:
        assert word in line
    assert "again" not in line


def test_a_fault_before_any_draft_has_the_same_advice(project, api, capsys):
    api.fail("/v2/translate", 403, times=None)
    assert main(["draft", "--lang", "es"]) == 2
    line = one_line(capsys.readouterr().err)
    assert "0 drafts saved in this run are kept" in line and "again" not in line


def test_a_timeout_exits_75(project, api, capsys):
    api.fail("/v2/translate", None, delay=5, times=1)
    assert main(["draft", "--lang", "es"]) == 75
    line = one_line(capsys.readouterr().err)
    assert "did not answer in time" in line and line.endswith(RESUME)


def test_a_reset_connection_exits_75(project, api, capsys):
    api.fail("/v2/translate", after=1, reset=True, times=None)
    assert main(["draft", "--lang", "es"]) == 75
    line = one_line(capsys.readouterr().err)
    assert f"cannot reach DeepL at {api.url}" in line and line.endswith(RESUME)


def dead_url() -> str:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def test_a_refused_connection_exits_75(project, api, capsys, monkeypatch):
    monkeypatch.setenv("DEEPL_SERVER_URL", dead_url())
    assert main(["draft", "--lang", "es"]) == 75
    line = one_line(capsys.readouterr().err)
    assert "cannot reach DeepL" in line and line.endswith(RESUME)


# -- a dry run: the plan stands, the usage look-up is one quick try --------------------


@pytest.fixture
def default_project(make_project) -> Project:
    """The sample project with the default retries and timeout."""
    return make_project()


def assert_plan_printed(out: str) -> None:
    assert "Dry run: nothing is sent to DeepL or written." in out
    assert "es (ES): 20 to draft" in out
    assert "Total to bill: " in out


def test_a_dry_run_with_deepl_unreachable_answers_quickly(
    default_project, api, capsys, monkeypatch
):
    url = dead_url()
    monkeypatch.setenv("DEEPL_SERVER_URL", url)
    started = time.monotonic()
    assert main(["draft", "--lang", "es", "--dry-run"]) == 0
    assert time.monotonic() - started < 5
    out, err = capsys.readouterr()
    assert_plan_printed(out)
    assert f"DeepL account: usage unknown (cannot reach DeepL at {url}" in out
    assert sum("DeepL account" in line for line in out.splitlines()) == 1
    assert err == ""


def test_a_dry_run_does_not_retry_a_failing_usage_endpoint(default_project, api, capsys):
    api.fail("/v2/usage", 503, times=None)
    started = time.monotonic()
    assert main(["draft", "--lang", "es", "--dry-run"]) == 0
    assert time.monotonic() - started < 5
    out, err = capsys.readouterr()
    assert_plan_printed(out)
    assert "DeepL account: usage unknown (DeepL's server failed (HTTP 503)" in out
    assert len(api.seen("/v2/usage")) == 1  # one try, no retries
    assert api.translate_calls == [] and err == ""


def test_a_dry_run_with_a_refused_key_is_one_error_line_after_the_plan(
    default_project, api, capsys
):
    api.fail("/v2/usage", 403, times=None)
    assert main(["draft", "--lang", "es", "--dry-run"]) == 2
    out, err = capsys.readouterr()
    assert_plan_printed(out)
    line = one_line(err)
    assert "HTTP 403" in line and "again" not in line
