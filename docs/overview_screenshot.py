"""Redraw docs/overview.png and docs/concordance.png: the catalogue overview of
a project of several articles, and the concordance open on it.

Run: python docs/overview_screenshot.py   (needs rsvg-convert, from librsvg2-bin)

The bundled article is copied, under other names, into a temporary project
with translations in several states; the repository is not touched.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

from transkit.project import Project
from transkit.status import mark_approved, mark_draft, mark_stale, mark_translated
from transkit.tui.overview import OverviewApp

REPO = Path(__file__).resolve().parent.parent
DOC = "iran-oil-gas"
NAMES = ("iran-oil-gas", "chile-copper-strike", "france-pensions", "iraq-oil-workers",
         "nigeria-fuel-subsidy", "sudan-resistance-committees", "turkey-metal-workers",
         "uk-rail-strikes", "us-auto-workers")
SIZE = (120, 24)


def project_in(folder: Path) -> Project:
    shutil.copy(REPO / "transkit.toml", folder / "transkit.toml")
    shutil.copytree(REPO / "segments", folder / "segments")
    shutil.copytree(REPO / "locales", folder / "locales")
    project = Project.find(folder)
    rng = random.Random(4)
    for k, name in enumerate(NAMES):
        if name != DOC:
            shutil.copy(folder / "segments" / f"{DOC}.pot", folder / "segments" / f"{name}.pot")
        if name != DOC:
            shutil.copy(folder / "locales" / "en" / f"{DOC}.po",
                        folder / "locales" / "en" / f"{name}.po")
        for lang in project.config.languages:
            src = folder / "locales" / lang / f"{DOC}.po"
            if name != DOC:
                shutil.copy(src, folder / "locales" / lang / f"{name}.po")
            catalog = project.load_translation(name, lang)
            done = rng.random() if k % 3 else 1.0
            for n, entry in enumerate(catalog):
                roll = n / len(catalog.entries)
                if roll > done:
                    break
                entry.target = f"[{lang}] {entry.source}"
                if roll < done * 0.6:
                    mark_approved(entry, "ana")
                elif roll < done * 0.8:
                    mark_translated(entry, "bo")
                else:
                    mark_draft(entry, "deepl")
                if n == 40 and k == 4:
                    mark_stale(entry, "An older source.")
            project.save_translation(name, lang, catalog)
    return project


async def shoot(project: Project, out: Path) -> None:
    app = OverviewApp(project)
    async with app.run_test(size=SIZE) as pilot:
        while app.counting:
            await pilot.pause(0.05)
        await pilot.press("s")
        await pilot.pause()
        (out / "overview.svg").write_text(app.export_screenshot(), encoding="utf-8")
        await pilot.press("ctrl+f", *"Pasdaran", "enter")
        for _ in range(100):
            await pilot.pause(0.05)
            if getattr(app.screen, "hits", None):
                break
        (out / "concordance.svg").write_text(app.export_screenshot(), encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.chdir(folder)
        project = project_in(folder)
        asyncio.run(shoot(project, folder))
        for name in ("overview", "concordance"):
            subprocess.run(["rsvg-convert", "-o", str(REPO / "docs" / f"{name}.png"),
                            str(folder / f"{name}.svg")], check=True)
            print(f"wrote docs/{name}.png")


if __name__ == "__main__":
    main()
