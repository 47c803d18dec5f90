"""Commands that main added since the model gained verbatim blocks: the
export gate's withheld segments and ``transkit align`` must skip code, HTML
and tables' shapes just as status, drafts and review do."""

from __future__ import annotations

from pathlib import Path

from transkit.cli import main
from transkit.merge import REVIEW
from transkit.status import Status, mark_approved, status_of
from transkit.store import Store

POST = """\
# Strikes

```sh
transkit export --lang es
```

Workers stopped work on Tuesday.[^1] The strike spread.

| Year | Event |
|---|---|
| 1979 | Revolution |

[^1]: El Mundo, 11-10-2022.
"""

SPANISH = """\
# Huelgas

```sh
transkit export --lang es
```

Los obreros pararon el martes.[^1] La huelga se extendió.

| Año | Suceso |
|---|---|
| 1979 | Revolución |

[^1]: El Mundo, 11-10-2022.
"""


def _project(make_project, chdir: Path):
    (chdir / "post.md").write_text(POST, encoding="utf-8")
    return make_project(chdir / "post.md", doc="post", languages="es")


def test_a_withheld_segment_leaves_code_and_table_in_place(make_project, chdir, capsys) -> None:
    """One segment with an error (its footnote reference lost) is withheld:
    the English shows in its place, and only there."""
    project = _project(make_project, chdir)
    store = Store(project)
    version = store.read("post", "es")
    catalog = version.catalog
    spanish = {
        "Strikes": "Huelgas",
        "Workers stopped work on Tuesday.[^1]": "Los obreros pararon el martes.",  # lost [^1]
        "The strike spread.": "La huelga se extendió.",
        "Year": "Año",
        "Event": "Suceso",
        "Revolution": "Revolución",
        "El Mundo, 11-10-2022.": "El Mundo, 11-10-2022.",
    }
    for entry in catalog.entries:
        entry.target = spanish[entry.source]
        mark_approved(entry, reviewer="ana", on="2026-12-01")
    store.save("post", "es", catalog, version, REVIEW)
    assert main(["export", "post", "--lang", "es", "--format", "md", "--allow-incomplete"]) == 0
    md = (chdir / "export" / "post" / "es.md").read_text(encoding="utf-8")
    assert "```sh\ntranskit export --lang es\n```" in md
    assert "\\[EN\\] Workers stopped work on Tuesday.[^1] La huelga se extendió." in md
    assert "| Año | Suceso |" in md and "| 1979 | Revolución |" in md


def test_align_skips_code_and_aligns_the_prose(make_project, chdir, capsys) -> None:
    project = _project(make_project, chdir)
    (chdir / "es.md").write_text(SPANISH, encoding="utf-8")
    assert main(["align", "post", "--lang", "es", "es.md"]) == 0
    out = capsys.readouterr().out
    assert "transkit export" not in out  # the code is no unused text
    catalog = project.load_translation("post", "es")
    by_source = {e.source: e for e in catalog.entries}
    assert by_source["Workers stopped work on Tuesday.[^1]"].target.startswith("Los obreros")
    assert by_source["Revolution"].target == "Revolución"
    assert status_of(by_source["Revolution"]) is Status.DRAFT
