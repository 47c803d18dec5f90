"""Redraw docs/review.png: the review app on the bundled article, its opening in Spanish.

Run: python docs/screenshot.py   (needs rsvg-convert, from librsvg2-bin)

The project is copied to a temporary folder first, so the repository's
translations are not touched.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from transkit.project import Project
from transkit.provenance import set_draft_text
from transkit.status import mark_approved, mark_draft, mark_translated
from transkit.tui.app import ReviewApp

REPO = Path(__file__).resolve().parent.parent
DOC = "iran-oil-gas"
SIZE = (140, 44)

#: id -> (Spanish, status)
SPANISH = {
    "t-33d498": ("Irán: los trabajadores del petróleo y del gas se movilizan. El régimen adopta "
                 "un tono conciliador mientras continúa la represión", "approved"),
    "c-b6465a": ("Foto de un vídeo: trabajadores petroleros de Bushehr participan en una "
                 "protesta contra el régimen el 10 de octubre.", "approved"),
    "b-79b100": ("Aníbal y Fredo Corvo", "approved"),
    "p-2e4e2e": ("En la situación actual surgen oportunidades y amenazas para los trabajadores "
                 "de Irán y de la región productora de energía que va de Arabia Saudí a Argelia "
                 "y de Kazajistán a Turkmenistán.", "translated"),
    "p-3e5b43": ("Con el movimiento de los trabajadores del sector energético de Irán aparecen "
                 "los primeros signos de un giro en la represión de las protestas.", "draft"),
}


def prepare(folder: Path) -> Project:
    for name in ("transkit.toml", "sources", "segments", "locales"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        else:
            shutil.copy(source, folder / name)
    project = Project.find(folder)
    catalog = project.load_translation(DOC, "es")
    for entry in catalog:
        if entry.id not in SPANISH:
            continue
        entry.target, status = SPANISH[entry.id]
        if status == "approved":
            mark_approved(entry, "Ana", on="2026-11-20")
        elif status == "translated":
            mark_translated(entry, "Ana", on="2026-11-20")
        else:
            set_draft_text(entry, entry.target)
            mark_draft(entry, "deepl", on="2026-11-20")
    project.save_translation(DOC, "es", catalog)
    return project


async def shoot(project: Project, svg: Path) -> None:
    app = ReviewApp(project, DOC, "es", cursor_blink=False, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        while not app.background_done:
            await pilot.pause(0.05)
        await pilot.press("enter")  # into the editor, as a translator would be
        await pilot.pause(0.2)
        app.save_screenshot(filename=svg.name, path=str(svg.parent))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "project")
        folder.mkdir()
        project = prepare(folder)
        os.chdir(folder)
        svg = Path(tmp, "review.svg")
        asyncio.run(shoot(project, svg))
        out = REPO / "docs" / "review.png"
        subprocess.run(["rsvg-convert", "-w", "1726", str(svg), "-o", str(out)], check=True)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
