"""Honest costs and visible waits, against the local DeepL server (the real
deepl client, nothing patched): the billed figure counts what DeepL billed,
timed-out and interrupted attempts included; every retry is told, in plain
output and above the progress bars, which fit 60 columns whole."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time

import pytest
from rich.console import Console

from deepl_server import FakeDeepL
from transkit.cli import main
from transkit.commands.draft import _Bar
from transkit.drafts import plan
from transkit.project import Project
from transkit.status import Status, status_of


def configure(project: Project, text: str) -> Project:
    path = project.config.path
    path.write_text(path.read_text() + f"\n[draft]\n{text}\n")
    return Project.find(project.root)


def total_chars(project: Project, doc: str = "sample") -> int:
    template = project.load_template(doc)
    pending = {e.id: e.source for e in template}
    units = plan.units(plan.paragraphs(template), pending, plan.contexts(template))
    return sum(u.chars for u in units)


def reported_billed(out: str) -> int:
    m = re.search(r"([\d,]+) characters billed", out)
    assert m, out
    return int(m.group(1).replace(",", ""))


def test_attempts_that_time_out_are_counted_as_billed_as_the_server_bills_them(
    make_project, api: FakeDeepL, capsys
) -> None:
    project = configure(make_project(), "network-retries = 2\ntimeout = 0.5")
    slow = api.fail("/v2/translate", None, delay=1.5, times=2)  # slower than the timeout
    assert main(["draft", "--lang", "es"]) == 0
    out, err = capsys.readouterr()
    time.sleep(1.2)  # the server finishes (and bills) the attempts the client gave up on
    slow.release()
    assert api.character_count > total_chars(project)  # the timed-out ones were billed
    assert reported_billed(out) == api.character_count
    assert "es: DeepL did not answer in time, retry 1/2 in 1 s" in err
    assert {status_of(e) for e in project.load_translation("sample", "es")} == {Status.DRAFT}


def test_a_request_in_flight_at_ctrl_c_is_kept_and_never_billed_twice(
    make_project, api: FakeDeepL
) -> None:
    project = configure(make_project(), "timeout = 5")
    api.fail("/v2/translate", None, after=2, delay=1.0, times=1)  # the 3rd answers late
    proc = subprocess.Popen(
        [sys.executable, "-m", "transkit", "draft", "--lang", "es"],
        cwd=project.root, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 20
    while len(api.translate_calls) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)  # the 3rd is in flight
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err
    billed = api.character_count
    assert reported_billed(out) == billed  # the interrupted request included
    calls = len(api.translate_calls)
    assert main(["draft", "--lang", "es"]) == 0
    assert len(api.translate_calls) == calls  # its answer was kept: nothing sent again
    assert api.character_count == billed == total_chars(project)
    assert {status_of(e) for e in project.load_translation("sample", "es")} == {Status.DRAFT}


def test_a_429_is_told_with_its_retry_and_wait(make_project, api: FakeDeepL, capsys) -> None:
    configure(make_project(), "network-retries = 3")
    api.fail("/v2/translate", 429, times=1)
    assert main(["draft", "--lang", "es"]) == 0
    err = capsys.readouterr().err
    assert "es: DeepL busy (429), retry 1/3 in 1 s" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("width", [60, 80])
def test_the_progress_bar_fits_its_width_and_keeps_its_counts_whole(width: int) -> None:
    screen = io.StringIO()
    console = Console(file=screen, width=width, force_terminal=True, color_system=None)
    bar = _Bar(console)
    bar._progress.live.auto_refresh = False  # one render, below
    bar.start("es", 371, 51_761)
    bar.start("pt", 371, 51_761)
    bar.advance("es", 120, 12_345)
    bar.note("es", "DeepL busy (429), retry 2/5 in 3 s")
    bar.close()
    shown = Console(file=io.StringIO(), width=width, color_system=None, record=True)
    shown.print(bar._progress.get_renderable())
    lines = shown.export_text().splitlines()
    assert all(len(line) <= width for line in lines)
    assert "120/371" in lines[0] and "12,345/51,761 ch" in lines[0]
    assert "0/371" in lines[1] and "0/51,761 ch" in lines[1]
    assert "es: DeepL busy (429), retry 2/5 in 3 s" in screen.getvalue()


def test_no_connection_is_told_at_each_retry(make_project, api: FakeDeepL, capsys, monkeypatch):
    import socket

    configure(make_project(), "network-retries = 1")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"
    monkeypatch.setenv("DEEPL_SERVER_URL", url)
    assert main(["draft", "--lang", "es"]) == 75
    err = capsys.readouterr().err
    assert "es: cannot reach DeepL, retry 1/1 in 1 s" in err
    assert err.strip().splitlines()[-1].startswith("transkit: error: cannot reach DeepL")
