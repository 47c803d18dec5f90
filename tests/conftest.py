"""Shared fixtures: real projects in temporary folders, made with transkit itself."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
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
