"""Shared fixtures: real projects in temporary folders, made with transkit itself."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from deepl_server import FakeDeepL
    from transkit.project import Project


REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = REPO / "sources" / "iran-oil-gas.txt"
SAMPLE = DATA / "sample.md"


@pytest.fixture
def chdir(tmp_path: Path) -> Iterator[Path]:
    """Run the test inside `tmp_path` (commands find the project from the cwd)."""
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


@pytest.fixture
def make_project(chdir: Path) -> Callable[..., Project]:
    """``make_project(source=SAMPLE, doc="sample")``: init + import, in the cwd."""

    from transkit.cli import main
    from transkit.project import Project

    def make(source: Path = SAMPLE, doc: str = "sample", languages: str = "es,pt,nl") -> Project:
        assert main(["init", "--name", "test", "--languages", languages]) == 0
        if source is not None:
            assert main(["import", str(source), "--doc", doc]) == 0
        return Project.find(chdir)

    return make


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDeepL]:
    """A local DeepL-compatible server, and the environment that points the
    real deepl client at it (the key is a fake one the tests look for)."""
    from deepl_server import FakeDeepL

    server = FakeDeepL(key="sekrit-9f8e7d6c-key:fx").start()
    monkeypatch.setenv("DEEPL_AUTH_KEY", server.key)
    monkeypatch.setenv("DEEPL_SERVER_URL", server.url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    try:
        yield server
    finally:
        server.stop()
