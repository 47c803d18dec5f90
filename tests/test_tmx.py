"""TMX in and out: our files read by two independent readers, another tool's
file read by ours, unsafe or broken files refused with their line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from transkit import tmx
from transkit.cli import main
from transkit.memory import TranslationMemory
from transkit.project import Project
from transkit.status import mark_approved, mark_translated

DATA = Path(__file__).resolve().parent / "data" / "tmx"
OMEGAT = DATA / "omegat-libreoffice-guides-pt-BR.tmx"

ROWS = [
    ("strikes", "p-1", "Workers rose.[^4] Then[^5] more.", "Luego[^5] los obreros.[^4] Más.",
     "2026-12-01", "ana"),
    ("strikes", "p-2", "A & B <C> \"quoted\"", "A y B <C> «citado»", "2026-11-30", ""),
    ("other", "h-3", "[^1]Starts with a note", "[^1]Empieza con una nota", "", "bo"),
]


def _written() -> str:
    units = tmx.units_of(ROWS, "en", "es")
    return tmx.write(units, source_lang="en", created="20261201T120000Z", tool_version="0.1.0")


def test_our_tmx_reads_back_with_footnotes_as_inline_codes() -> None:
    text = _written()
    assert '<ph x="1" type="x-footnote">[^4]</ph>' in text
    # The translation moved note 5 first: it keeps the number of the source's note 5.
    assert 'Luego<ph x="2" type="x-footnote">[^5]</ph>' in text
    assert "<seg><ph" in text  # a segment that starts with a code is not indented into
    memory = tmx.read(text.encode())
    assert memory.source_lang == "en"
    got = [(s, t, u.prop("x-document"), u.prop("x-segment"))
           for s, t, u in tmx.pairs(memory, "en", "es")]
    assert got == [(r[2], r[3], r[0], r[1]) for r in ROWS]
    es = memory.units[0].variants[1]
    assert (es.created, es.creator) == ("20261201T000000Z", "ana")


def test_translate_toolkit_reads_the_same_pairs(tmp_path: Path) -> None:
    from translate.misc.xml_helpers import getXMLlang
    from translate.storage.tmx import tmxfile

    path = tmp_path / "out.tmx"
    path.write_text(_written(), encoding="utf-8")
    store = tmxfile.parsefile(str(path))
    assert [(u.source, u.target, u.getid()) for u in store.units] == [
        (r[2], r[3], f"{r[0]}:{r[1]}") for r in ROWS
    ]
    assert store.getsourcelanguage() == "en"
    langs = {tuple(getXMLlang(n) for n in u.getlanguageNodes()) for u in store.units}
    assert langs == {("en", "es")}


def test_a_second_independent_reader_validates_it(tmp_path: Path) -> None:
    """PythonTmx (python-tmx) builds typed TMX 1.4 objects and validates them."""
    import PythonTmx
    from PythonTmx.utils import validate

    root = etree.fromstring(_written().encode())
    doc = PythonTmx.from_element(root)
    validate(doc)
    first = doc.tus[0].tuvs[0].content
    assert first[0] == "Workers rose."
    assert isinstance(first[1], PythonTmx.Ph) and first[1].content == ["[^4]"]
    assert first[1].type == "x-footnote"


def test_another_tools_tmx_is_read() -> None:
    """OmegaT 6 writes TMX 1.1: languages in ``lang``, regions upper-case."""
    memory = tmx.read(OMEGAT.read_bytes(), str(OMEGAT))
    assert memory.tool == "OmegaT"
    assert memory.languages == ("en-US", "pt-BR")
    found = tmx.pairs(memory, "en", "pt")  # the project's codes carry no region
    assert len(found) == 5
    source, target, unit = found[1]
    assert source == "</f1><f3>It runs on Windows, macOS, and GNU/Linux."
    assert target == "</f1><f3>Ele é executado no Windows, macOS e GNU/Linux."
    assert unit.variants[1].creator == "olivier-tdf"
    assert tmx.pairs(memory, "en", "es") == []


def test_regions_must_agree_only_when_both_name_one() -> None:
    assert tmx.same_language("pt-BR", "pt")
    assert tmx.same_language("PT_br", "pt-BR")
    assert not tmx.same_language("pt-BR", "pt-PT")
    assert not tmx.same_language("es", "en")


@pytest.mark.parametrize(
    ("data", "line", "cause"),
    [
        (b'<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY lol "lol">\n]>\n<tmx/>', 3,
         "declares the entity 'lol'"),
        (b'<?xml version="1.0"?>\n<tmx version="1.4">\n<header/>\n<body>\n<tu>\n</body></tmx>',
         6, "not well-formed XML (mismatched tag)"),
        (b"<xliff/>", None, "not a TMX file (its root element is <xliff>)"),
        (b'<tmx version="1.4"><body/></tmx>', None, "needs a <header> and a <body>"),
    ],
)
def test_unsafe_or_broken_files_are_refused_with_their_line(
    data: bytes, line: int | None, cause: str
) -> None:
    with pytest.raises(tmx.TmxError) as caught:
        tmx.read(data, "mem.tmx")
    assert caught.value.line == line
    assert cause in str(caught.value)
    assert str(caught.value).startswith("mem.tmx:")


# -- the commands ---------------------------------------------------------------------


def _approve_first(project: Project, lang: str, texts: list[str]) -> None:
    catalog = project.load_translation("sample", lang)
    for entry, text in zip(catalog, texts, strict=False):
        entry.target = text
        mark_approved(entry, "ana", on="2026-11-02")
    project.save_translation("sample", lang, catalog)


def test_memory_export_writes_approved_segments(
    make_project: Callable[..., Project], chdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project()
    _approve_first(project, "es", ["Uno.", "Dos."])
    catalog = project.load_translation("sample", "es")
    third = list(catalog)[2]
    third.target = "Tres, sin revisar."
    mark_translated(third, "bo")
    project.save_translation("sample", "es", catalog)

    assert main(["memory", "export", "--lang", "es", "es.tmx"]) == 0
    assert "Wrote 2 approved segments (en → es)" in capsys.readouterr().out
    pairs = tmx.pairs(tmx.read((chdir / "es.tmx").read_bytes()), "en", "es")
    assert [t for _, t, _ in pairs] == ["Uno.", "Dos."]
    assert pairs[0][2].variants[1].created == "20261102T000000Z"

    assert main(["memory", "export", "--lang", "es", "--translated", "all.tmx"]) == 0
    pairs = tmx.pairs(tmx.read((chdir / "all.tmx").read_bytes()), "en", "es")
    assert [t for _, t, _ in pairs] == ["Uno.", "Dos.", "Tres, sin revisar."]
    assert main(["memory", "export", "--lang", "es,pt", "x.tmx"]) == 2


def test_memory_import_keeps_the_file_apart_and_labels_its_suggestions(
    make_project: Callable[..., Project], chdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project()
    assert main(["memory", "import", str(OMEGAT), "--name", "lo-guides"]) == 0
    out = capsys.readouterr().out
    assert "Kept memory/lo-guides.tmx from OmegaT: units per language: pt 5." in out
    assert (chdir / "memory" / "lo-guides.tmx").read_bytes() == OMEGAT.read_bytes()
    assert main(["memory", "list"]) == 0
    assert "memory/lo-guides.tmx: 5 units (es 0, pt 5, nl 0)" in capsys.readouterr().out

    memory = TranslationMemory.from_project(project, "pt")
    query = "It runs on Windows, macOS and GNU/Linux."
    (best,) = memory.suggest(query, limit=1)
    assert best.origin == "lo-guides.tmx"
    assert best.target.endswith("Ele é executado no Windows, macOS e GNU/Linux.")
    # Never a draft unless asked: an outside memory is nobody's approval here.
    exact_source = "<f0>Area</f0>: Modify fill and transparency."
    assert memory.exact(exact_source) is None
    found = memory.exact(exact_source, external=True)
    assert found is not None and found.origin == "lo-guides.tmx"


def test_memory_import_refuses_what_it_cannot_use(
    make_project: Callable[..., Project], chdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_project(languages="es,nl")
    assert main(["memory", "import", str(OMEGAT)]) == 2
    err = capsys.readouterr().err
    assert "no unit pairs en with a project language (its languages: en-US, pt-BR)" in err
    bomb = chdir / "bomb.tmx"
    bomb.write_text('<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY a "aaaa">]>\n<tmx/>')
    assert main(["memory", "import", str(bomb)]) == 2
    assert "bomb.tmx:2: declares the entity 'a'" in capsys.readouterr().err
    assert not (chdir / "memory").exists()


def test_a_broken_imported_memory_leaves_the_others_working(
    make_project: Callable[..., Project], chdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project()
    assert main(["memory", "import", str(OMEGAT)]) == 0
    (chdir / "memory" / "broken.tmx").write_text("<tmx>", encoding="utf-8")
    capsys.readouterr()
    assert main(["memory", "list"]) == 2
    captured = capsys.readouterr()
    assert "broken.tmx:1: not well-formed XML" in captured.err
    assert "omegat-libreoffice-guides-pt-br.tmx: 5 units" in captured.out
    assert len(TranslationMemory.from_project(project, "pt")) == 5


def test_the_review_app_suggests_from_an_imported_memory(
    make_project: Callable[..., Project], chdir: Path
) -> None:
    """OmegaT's memory, imported, shows in the Memory pane under its file's name."""
    from review_helpers import run_app
    from transkit.tui.app import ReviewApp

    project = make_project()
    tools = chdir / "tools.md"
    tools.write_text("It runs on Windows, macOS and GNU/Linux.\n", encoding="utf-8")
    assert main(["import", str(tools), "--doc", "tools"]) == 0
    assert main(["memory", "import", str(OMEGAT), "--name", "lo-guides"]) == 0
    app = ReviewApp(project, "tools", "pt", reviewer="Ana", cursor_blink=False,
                    watch_interval=0, typing_pause=0.05)

    async def scenario(pilot: object) -> None:
        for _ in range(200):  # the memory and suggestion workers
            if app.current_suggestions():
                break
            await pilot.pause(0.02)  # type: ignore[attr-defined]
        shown = app.w_memory.plain
        assert "Ele é executado no Windows, macOS e GNU/Linux." in shown
        assert "lo-guides.tmx" in shown

    run_app(app, scenario)
