"""transkit export: golden files, the English round trip of the seed, the
completeness gate, safe output paths, and HTML that a strict HTML5 parser accepts.

Golden files live in tests/data/golden/; after an intended change of the
output, regenerate them with ``TRANSKIT_UPDATE_GOLDEN=1 pytest tests/test_export.py``
and read the diff before committing it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import html5lib
import pytest

from conftest import DATA, SEED
from transkit.catalog import Catalog, Entry
from transkit.cli import main
from transkit.commands.export import output_path
from transkit.document import Block, Document, Layout
from transkit.errors import TranskitError
from transkit.export.assemble import Edition, Gap, assemble, select
from transkit.export.html import render_html
from transkit.export.inline import to_text
from transkit.export.joiners import joiner
from transkit.export.links import language_links
from transkit.export.markdown import render_markdown
from transkit.export.text import render_text
from transkit.importers.markdown import parse_markdown
from transkit.project import Project
from transkit.status import Status, mark_approved, mark_draft, mark_stale, mark_translated
from transkit.template import document_from_template

GOLDEN = DATA / "golden"
UPDATE_GOLDEN = os.environ.get("TRANSKIT_UPDATE_GOLDEN") == "1"
FORMATS = ("md", "html", "txt")

# The sample article (tests/data/sample.md) in the three target languages.
SPANISH = {
    "A small article on the move": "Un pequeño artículo en marcha",
    "Photo: workers at the gate on Oct. 10.": "Foto: trabajadores en la puerta el 10 de oct.",
    "Ana Silva and Bo Jansen": "Ana Silva y Bo Jansen",
    "Workers in the refinery stopped work on Tuesday.[^1]":
        "Los trabajadores de la refinería pararon el martes.[^1]",
    "The strike spread to three plants.": "La huelga se extendió a tres plantas.",
    "Nobody expected it.": "Nadie lo *esperaba*.",
    "What the papers say": "Lo que dicen los periódicos",
    "“Several videos show dozens of workers marching,” the paper wrote.":
        "“Varios vídeos muestran a decenas de trabajadores marchando”, escribió el periódico.",
    "“They called for further strikes.”[^2]": "“Llamaron a nuevas huelgas”.[^2]",
    "A second paragraph of the quote.": "Un segundo párrafo de la cita.",
    "The demands were simple:": "Las demandas eran sencillas:",
    "Higher wages, paid on time.": "Salarios más altos, pagados a tiempo.",
    "The release of the prisoners.": "La liberación de los presos.",
    "“We will not stop,” one of them said.[^3]": "“No vamos a parar”, dijo uno de ellos.[^3]",
    "An end to the repression.": "El fin de la represión.",
    "First numbered point.": "Primer punto numerado.",
    "Second numbered point, in the U.S. and elsewhere.":
        "Segundo punto numerado, en EE. UU. y en otros lugares.",
    "El Mundo, 11-10-2022.": "El Mundo, 11-10-2022.",
    "The Telegraph, 11-10-2022.": "The Telegraph, 11-10-2022.",
    "Interview by the authors.": "Entrevista de los autores.",
}
PORTUGUESE = {
    "A small article on the move": "Um pequeno artigo em movimento",
    "Photo: workers at the gate on Oct. 10.": "Foto: trabalhadores no portão a 10 de out.",
    "Ana Silva and Bo Jansen": "Ana Silva e Bo Jansen",
    "Workers in the refinery stopped work on Tuesday.[^1]":
        "Os trabalhadores da refinaria pararam na terça-feira.[^1]",
    "The strike spread to three plants.": "A greve estendeu-se a três fábricas.",
    "Nobody expected it.": "Ninguém o *esperava*.",
    "What the papers say": "O que dizem os jornais",
    "“Several videos show dozens of workers marching,” the paper wrote.":
        "“Vários vídeos mostram dezenas de trabalhadores a marchar”, escreveu o jornal.",
    "“They called for further strikes.”[^2]": "“Apelaram a novas greves.”[^2]",
    "A second paragraph of the quote.": "Um segundo parágrafo da citação.",
    "The demands were simple:": "As reivindicações eram simples:",
    "Higher wages, paid on time.": "Salários mais altos, pagos a tempo.",
    "The release of the prisoners.": "A libertação dos presos.",
    "“We will not stop,” one of them said.[^3]": "“Não vamos parar”, disse um deles.[^3]",
    "An end to the repression.": "O fim da repressão.",
    "First numbered point.": "Primeiro ponto numerado.",
    "Second numbered point, in the U.S. and elsewhere.":
        "Segundo ponto numerado, nos EUA e noutros lugares.",
    "El Mundo, 11-10-2022.": "El Mundo, 11-10-2022.",
    "The Telegraph, 11-10-2022.": "The Telegraph, 11-10-2022.",
    "Interview by the authors.": "Entrevista dos autores.",
}
DUTCH = {
    "A small article on the move": "Een klein artikel in beweging",
    "Photo: workers at the gate on Oct. 10.": "Foto: arbeiders bij de poort op 10 okt.",
    "Ana Silva and Bo Jansen": "Ana Silva en Bo Jansen",
    "Workers in the refinery stopped work on Tuesday.[^1]":
        "De arbeiders in de raffinaderij legden dinsdag het werk neer.[^1]",
    "The strike spread to three plants.": "De staking breidde zich uit naar drie fabrieken.",
    "Nobody expected it.": "Niemand had het *verwacht*.",
    "What the papers say": "Wat de kranten zeggen",
    "“Several videos show dozens of workers marching,” the paper wrote.":
        "“Verschillende video’s tonen tientallen marcherende arbeiders,” schreef de krant.",
    "“They called for further strikes.”[^2]": "“Ze riepen op tot verdere stakingen.”[^2]",
    "A second paragraph of the quote.": "Een tweede alinea van het citaat.",
    "The demands were simple:": "De eisen waren eenvoudig:",
    "Higher wages, paid on time.": "Hogere lonen, op tijd betaald.",
    "The release of the prisoners.": "De vrijlating van de gevangenen.",
    "“We will not stop,” one of them said.[^3]": "“We stoppen niet,” zei een van hen.[^3]",
    "An end to the repression.": "Een einde aan de repressie.",
    "First numbered point.": "Eerste genummerde punt.",
    "Second numbered point, in the U.S. and elsewhere.":
        "Tweede genummerde punt, in de VS en elders.",
    "El Mundo, 11-10-2022.": "El Mundo, 11-10-2022.",
    "The Telegraph, 11-10-2022.": "The Telegraph, 11-10-2022.",
    "Interview by the authors.": "Interview door de auteurs.",
}
TRANSLATIONS = {"es": SPANISH, "pt": PORTUGUESE, "nl": DUTCH}


# -- helpers -------------------------------------------------------------------------


def translate(
    project: Project,
    lang: str,
    texts: Mapping[str, str],
    mark: Callable[[Entry], None] = lambda e: mark_approved(e, reviewer="ana", on="2026-01-02"),
    doc: str = "sample",
) -> Catalog:
    """Fill `lang`'s PO from `texts` (English → translation) and save it."""
    po = project.load_translation(doc, lang)
    for entry in po:
        entry.target = texts[entry.source]
        mark(entry)
    project.save_translation(doc, lang, po)
    return po


def translate_all(project: Project) -> None:
    for lang, texts in TRANSLATIONS.items():
        translate(project, lang, texts)


def export(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["export", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def parse_html_strictly(text: str):  # -> the parsed tree
    """html5lib in strict mode raises on any HTML5 parse error."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def edition_of(blocks: list[Block], language: str = "en") -> Edition:
    return Edition(language=language, document=Document(blocks))


# -- golden files -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_matches_golden_file(make_project, capsys, fmt: str) -> None:
    project = make_project()
    translate_all(project)
    code, out, _ = export(capsys, "sample", "--lang", "es", "--format", fmt)
    assert code == 0, out
    produced = (project.root / "export" / "sample" / f"es.{fmt}").read_text(encoding="utf-8")
    golden = GOLDEN / f"sample.es.{fmt}"
    if UPDATE_GOLDEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
        pytest.skip(f"rewrote {golden.name}")
    assert produced == golden.read_text(encoding="utf-8")


def test_export_is_deterministic_and_leaves_no_temp_files(make_project, capsys) -> None:
    project = make_project()
    translate_all(project)
    code, out, _ = export(capsys)
    assert code == 0, out
    first = files_under(project.root / "export")
    assert sorted(first) == [f"sample/{lang}.{fmt}" for lang in ("en", "es", "nl", "pt")
                             for fmt in ("html", "md", "txt")]
    code, out, _ = export(capsys)
    assert code == 0
    assert "0 files written, 12 unchanged" in out
    assert files_under(project.root / "export") == first


def test_every_version_links_to_the_others_in_their_own_names(make_project, capsys) -> None:
    project = make_project()
    translate_all(project)
    assert export(capsys)[0] == 0
    folder = project.root / "export" / "sample"
    for lang in ("en", "es", "pt", "nl"):
        text = (folder / f"{lang}.txt").read_text(encoding="utf-8")
        assert text.splitlines()[0] == "English · Español · Português · Nederlands"
        tree = parse_html_strictly((folder / f"{lang}.html").read_text(encoding="utf-8"))
        assert tree.get("lang") == lang
        nav = tree.find(".//nav")
        hrefs = {a.text: a.get("href") for a in nav.iter("a")}
        others = {"en": "English", "es": "Español", "pt": "Português", "nl": "Nederlands"}
        assert hrefs == {name: f"{code}.html" for code, name in others.items() if code != lang}
        assert nav.find("strong").text == others[lang]
        md = (folder / f"{lang}.md").read_text(encoding="utf-8")
        assert md.splitlines()[0].count("](") == 3


def test_translated_text_and_markup_reach_every_format(make_project, capsys) -> None:
    project = make_project()
    translate_all(project)
    assert export(capsys, "--lang", "es")[0] == 0
    folder = project.root / "export" / "sample"
    txt = (folder / "es.txt").read_text(encoding="utf-8")
    assert "Nadie lo esperaba." in txt  # emphasis markers dropped in plain text
    assert "pararon el martes.[1] La huelga" in txt  # sentences joined, reference kept
    assert txt.rstrip().endswith("[3] Entrevista de los autores.")
    html = (folder / "es.html").read_text(encoding="utf-8")
    assert "Nadie lo <em>esperaba</em>." in html
    assert '<sup id="ref-1"><a href="#note-1" role="doc-noteref">1</a></sup>' in html
    assert '<li id="note-1" value="1">El Mundo, 11-10-2022. <a class="back" href="#ref-1"' in html
    md = (folder / "es.md").read_text(encoding="utf-8")
    assert "Nadie lo *esperaba*." in md
    assert "[^1]: El Mundo, 11-10-2022." in md


# -- the English round trip of the seed ------------------------------------------------


@pytest.fixture(scope="module")
def seed_export(tmp_path_factory) -> dict[str, Any]:
    """The bundled article imported and exported in English (done once: it is big)."""
    root = tmp_path_factory.mktemp("seed")
    old = Path.cwd()
    os.chdir(root)
    try:
        assert main(["init", "--name", "seed", "--languages", "es,pt,nl"]) == 0
        assert main(["import", str(SEED), "--doc", "iran-oil-gas"]) == 0
        assert main(["export", "iran-oil-gas", "--lang", "en"]) == 0
        project = Project.find(root)
        template = project.load_template("iran-oil-gas")
    finally:
        os.chdir(old)
    folder = root / "export" / "iran-oil-gas"
    result: dict[str, Any] = {
        fmt: (folder / f"en.{fmt}").read_text(encoding="utf-8") for fmt in FORMATS
    }
    result["template"] = template
    return result


def _seed_body() -> list[str]:
    """The seed's lines as published: page chrome (comments, the language
    line) left out, by hand-written rules independent of the importer."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    end = next(n for n, line in enumerate(lines) if re.match(r"^\d+ Comments on", line))
    return [line for line in lines[:end] if line.strip() != "Spanish, Portuguese, Dutch"]


def _words(line: str) -> str:
    return " ".join(line.replace("•", "").split())


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("•", ""))


def test_english_text_export_reproduces_every_sentence_of_the_seed(seed_export) -> None:
    exported = seed_export["txt"].splitlines()
    assert exported[0] == "English"  # no other version is complete yet, so none is linked
    body = "\n".join(exported[1:])
    # References are [N] in the export, bare digits in the scrape.
    flattened = re.sub(r"\[(\d+)\]", r"\1", body)
    seed = "\n".join(_seed_body())
    # Same characters in the same order; only white space and bullets are layout.
    assert _squeeze(flattened) == _squeeze(seed)
    for mark in "’“”–─…":
        assert body.count(mark) == seed.count(mark) > 0, mark
    # Every line of the seed is a line of the export, word for word, space for
    # space; but a reference is attached to its word where the scrape had a space.
    lines = [
        re.compile(
            "".join(
                re.escape(part) if n % 2 == 0 else f" ?{part}"
                for n, part in enumerate(re.split(r"\[(\d+)\]", _words(line)))
            )
        )
        for line in body.splitlines()
    ]
    for line in _seed_body():
        if line.strip():
            assert any(pattern.fullmatch(_words(line)) for pattern in lines), line
    assert "\\" not in body  # Markdown escapes (\*) are not shown as such
    assert "*) Although various categories" in body


def test_english_markdown_export_has_real_footnotes_and_round_trips(seed_export) -> None:
    md = seed_export["md"]
    first, blank, rest = md.split("\n", 2)
    assert (first, blank) == ("**English**", "")
    doc = document_from_template(seed_export["template"])
    assert parse_markdown(rest) == doc
    assert len(re.findall(r"^\[\^\d+\]: ", md, flags=re.M)) == 30
    assert len(set(re.findall(r"\[\^(\d+)\](?!:)", md))) == 30


def test_english_html_export_is_valid_and_links_every_note(seed_export) -> None:
    tree = parse_html_strictly(seed_export["html"])
    assert tree.get("lang") == "en"
    notes = tree.findall(".//section/ol/li")
    assert [li.get("id") for li in notes] == [f"note-{k}" for k in range(1, 31)]
    refs = [s for s in tree.iter("sup")]
    assert [s.get("id") for s in refs] == [f"ref-{k}" for k in range(1, 31)]
    for k, (sup, li) in enumerate(zip(refs, notes, strict=True), start=1):
        assert sup.find("a").get("href") == f"#note-{k}"
        assert li.find("a[@class='back']").get("href") == f"#ref-{k}"
    text = "".join(tree.find(".//article").itertext())
    assert "the proletarian man ─ and children, for that matter ─ remain" in text


# -- the completeness gate ---------------------------------------------------------------


def _half_done_spanish(project: Project) -> dict[str, str]:
    """es: approved but for one missing, one draft, one stale and one
    translated-not-approved segment. Returns id → kind for those."""
    po = translate(project, "es", SPANISH)
    entries = list(po)
    missing, draft, stale, unreviewed = entries[4], entries[6], entries[10], entries[12]
    missing.target = ""
    missing.set_meta(None)
    mark_draft(draft, engine="deepl", on="2026-01-03")
    mark_translated(stale, translator="bo", on="2026-01-03")
    mark_stale(stale, old_source="The demands were few:")
    mark_translated(unreviewed, translator="bo", on="2026-01-03")
    project.save_translation("sample", "es", po)
    return {missing.id: "missing", draft.id: "draft", stale.id: "stale",
            unreviewed.id: "unreviewed"}


def test_gate_refuses_an_incomplete_language_and_lists_its_gaps(make_project, capsys) -> None:
    project = make_project()
    translate_all(project)
    gaps = _half_done_spanish(project)
    code, out, err = export(capsys)
    assert code == 1
    assert "1 language version(s) not exported" in err
    assert "sample/es: not exported: 4 of 20 segments not approved" in out
    assert "(1 missing, 1 stale, 1 draft, 1 unreviewed)" in out
    for seg_id, kind in gaps.items():
        assert re.search(rf"^  {kind} +{re.escape(seg_id)}  \S", out, flags=re.M), (kind, out)
    assert "The strike spread to three plants." in out  # first words of the missing one
    folder = project.root / "export" / "sample"
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{lang}.{fmt}" for lang in ("en", "nl", "pt") for fmt in ("html", "md", "txt")
    ]
    # The others do not link to the version that was not published.
    assert "es.html" not in (folder / "en.html").read_text(encoding="utf-8")
    assert "Español" not in (folder / "pt.txt").read_text(encoding="utf-8")


def test_gate_follows_the_language_publish_level(make_project, capsys) -> None:
    project = make_project()
    translate_all(project)
    gaps = _half_done_spanish(project)
    config = project.config.path
    text = config.read_text(encoding="utf-8")
    lowered = re.sub(r'(\[languages\.es\][^\[]*?)"approved"', r'\1"translated"', text)
    assert lowered != text
    config.write_text(lowered, encoding="utf-8")
    code, out, _ = export(capsys, "--lang", "es")
    assert code == 1
    assert "3 of 20 segments not translated (1 missing, 1 stale, 1 draft)" in out
    unreviewed = next(i for i, k in gaps.items() if k == "unreviewed")
    assert unreviewed not in out


def test_allow_incomplete_fills_gaps_with_marked_english(make_project, capsys) -> None:
    project = make_project()
    translate_all(project)
    _half_done_spanish(project)
    code, out, _ = export(capsys, "--lang", "es", "--allow-incomplete")
    assert code == 0
    assert "sample/es: 4 of 20 segments are EN text, marked [EN]" in out
    folder = project.root / "export" / "sample"
    txt = (folder / "es.txt").read_text(encoding="utf-8")
    assert "pararon el martes.[1] [EN] The strike spread to three plants. Nadie" in txt
    assert txt.count("[EN] ") == 4
    md = (folder / "es.md").read_text(encoding="utf-8")
    assert "\\[EN\\] The strike spread to three plants." in md
    assert md.count("\\[EN\\] ") == 4
    html = (folder / "es.html").read_text(encoding="utf-8")
    parse_html_strictly(html)
    assert '<span class="fallback" lang="en">The strike spread to three plants.</span>' in html
    assert html.count('class="fallback"') == 4


def test_a_po_never_merged_since_the_source_changed_is_stale(make_project, capsys) -> None:
    project = make_project()
    template = project.load_template("sample")
    po = project.load_translation("sample", "es")
    for entry in po:
        entry.target = SPANISH[entry.source]
        mark_approved(entry)
    first = next(iter(po))
    first.source = "An older title"  # as if the PO predates an edit of the source
    edition = assemble(template, po, "es")
    assert [(g.id, g.kind) for g in edition.gaps] == [(first.id, "stale")]


# -- safety ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "lang"),
    [("../evil", "es"), ("/etc/passwd", "es"), ("..", "es"), ("sample", "../es"),
     ("sample", "/tmp/es"), ("sample", "es/../../x"), ("sample", "")],
)
def test_output_names_cannot_leave_the_output_folder(tmp_path: Path, doc: str, lang: str) -> None:
    with pytest.raises(TranskitError):
        output_path(tmp_path / "out", doc, lang, "html")
    assert not (tmp_path / "out").exists()


def test_export_refuses_traversal_on_the_command_line(make_project, capsys) -> None:
    project = make_project()
    translate_all(project)
    before = files_under(project.root)
    for argv in (["../sample"], ["sample", "--lang", "../es"], ["sample", "--format", "../md"]):
        code, _, err = export(capsys, *argv)
        assert code == 2 and err.startswith("transkit: error: "), argv
    assert files_under(project.root) == before


def test_export_refuses_a_symlink_out_of_the_output_folder(make_project, capsys, tmp_path):
    project = make_project()
    translate_all(project)
    outside = tmp_path / "outside"
    outside.mkdir()
    out = project.root / "site"
    out.mkdir()
    (out / "sample").symlink_to(outside)
    code, _, err = export(capsys, "--out", str(out))
    assert code == 2 and "refusing to write outside" in err
    assert list(outside.iterdir()) == []


def test_out_option_chooses_the_folder(make_project, capsys, tmp_path) -> None:
    project = make_project()
    translate_all(project)
    code, out, _ = export(capsys, "--out", str(tmp_path / "pub"), "--format", "txt,html")
    assert code == 0, out
    assert sorted(files_under(tmp_path / "pub")) == [
        f"sample/{lang}.{fmt}" for lang in ("en", "es", "nl", "pt") for fmt in ("html", "txt")
    ]
    assert not (project.root / "export").exists()


def test_a_malformed_po_stops_the_export_before_any_write(make_project, capsys) -> None:
    project = make_project()
    translate_all(project)
    path = project.po_path("sample", "nl")
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    code, _, err = export(capsys)
    assert code == 2 and "nl/sample.po" in err
    assert not (project.root / "export").exists()


# -- rendering details (pure) --------------------------------------------------------------


def test_segment_text_is_inline_markdown_never_raw_html() -> None:
    para = Block(Layout("paragraph"), [
        "\\*) A <script>alert(1)</script> & [a link](https://example.org/x) `<b>`.",
        "Ends *here*.[^1]",
    ])
    note = Block(Layout("note", "1"), ["See <https://example.org>."])
    edition = edition_of([Block(Layout("title"), ["T <i>"]), para, note])
    links = language_links(["en", "es"], "en", "html")
    html = render_html(edition, links)
    tree = parse_html_strictly(html)
    assert tree.find(".//script") is None and tree.find(".//i") is None
    assert tree.find(".//title").text == "T <i>"
    assert "*) A &lt;script&gt;alert(1)&lt;/script&gt; &amp; " in html
    assert '<a href="https://example.org/x">a link</a> <code>&lt;b&gt;</code>' in html
    text = render_text(edition, language_links(["en", "es"], "en", "txt"))
    assert "*) A <script>alert(1)</script> & a link (https://example.org/x) <b>." in text
    assert "<b>. Ends here.[1]\n" in text
    assert "[1] See https://example.org." in text


def test_repeated_and_unknown_references_keep_the_html_valid() -> None:
    edition = edition_of([
        Block(Layout("paragraph"), ["One.[^a] Two.[^a] Three.[^9]"]),
        Block(Layout("note", "a"), ["A named note."]),
        Block(Layout("note", "2"), ["Never referenced."]),
    ])
    html = render_html(edition, [])
    tree = parse_html_strictly(html)
    assert [s.get("id") for s in tree.iter("sup")] == ["ref-a", "ref-a-2", None]
    assert "<sup>9</sup>" in html  # no note 9: nothing to link to
    items = tree.findall(".//section/ol/li")
    assert items[0].get("class") == "named" and items[0].find("a").get("href") == "#ref-a"
    assert items[1].get("value") == "2" and items[1].find("a") is None


def test_nested_containers_become_nested_html() -> None:
    blocks = [
        Block(Layout("paragraph", "", ("quote",)), ["Quoted."]),
        Block(Layout("paragraph", "", ("quote", "item")), ["Listed in the quote."]),
        Block(Layout("paragraph", "", ("quote", "in-item", "quote")), ["Deeper."]),
        Block(Layout("paragraph", "", ("item:3",)), ["Third."]),
        Block(Layout("paragraph", "", ("item:4",)), ["Fourth."]),
        Block(Layout("heading", "3"), ["After"]),
    ]
    tree = parse_html_strictly(render_html(edition_of(blocks), []))
    article = tree.find(".//article")
    quote, ol, h3 = list(article)
    assert quote.tag == "blockquote" and h3.tag == "h3"
    assert quote.find("ul/li/blockquote/p").text == "Deeper."
    assert ol.get("start") == "3" and [li.find("p").text for li in ol] == ["Third.", "Fourth."]
    text = render_text(edition_of(blocks), [])
    assert "    Quoted.\n\n      • Listed in the quote.\n            Deeper.\n" in text
    assert "            Deeper.\n\n  3. Third.\n  4. Fourth.\n\nAfter\n" in text


def test_languages_without_spaces_join_sentences_without_them() -> None:
    assert joiner("ja")(["今日は晴れ。", "明日は雨。"]) == "今日は晴れ。明日は雨。"
    assert joiner("zh_Hant")(["一。", "二。"]) == "一。二。"
    assert joiner("pt_BR")(["Um.", "Dois."]) == "Um. Dois."
    edition = edition_of([Block(Layout("paragraph"), ["今日は晴れ。", "明日は雨。"])], "ja")
    assert "今日は晴れ。明日は雨。" in render_text(edition, [])
    assert "<p>今日は晴れ。明日は雨。</p>" in render_html(edition, [])


def test_markdown_export_reads_back_as_the_same_blocks_in_every_language(make_project) -> None:
    project = make_project()
    translate_all(project)
    template = project.load_template("sample")
    for lang in ("en", "es", "pt", "nl"):
        edition = assemble(template, project.load_translation("sample", lang), lang)
        assert edition.complete
        # Read back whole paragraphs: the English sentence splitter is not for Spanish.
        back = parse_markdown(render_markdown(edition.document), sentences=False)
        assert [(b.layout, b.text) for b in back.blocks] == [
            (b.layout, b.text) for b in edition.document.blocks
        ]


def test_inline_text_resolves_escapes() -> None:
    assert to_text("\\*) 5 \\* 3 \\[x\\] a\\_b", lambda label: "") == "*) 5 * 3 [x] a_b"


def test_selection_links_only_to_versions_that_are_published() -> None:
    gap = Gap("p-1", Status.DRAFT, "Text.", (0, 0))
    editions = {
        "en": edition_of([]),
        "es": Edition("es", Document(), gaps=(gap,)),
        "pt": edition_of([], "pt"),
        "nl": Edition("nl", Document(), gaps=(gap,)),
    }
    chosen = select(editions, ["es", "pt"])
    assert (chosen.published, chosen.refused, chosen.linked) == (["pt"], ["es"], ["en", "pt"])
    forced = select(editions, ["es"], allow_incomplete=True)
    assert (forced.published, forced.refused, forced.linked) == (["es"], [], ["en", "es", "pt"])


def test_gate_refuses_a_segment_left_in_conflict_by_a_git_merge(make_project, capsys) -> None:
    """Two people's texts met: neither is published until a person settles it,
    even at the lowest publish level and whichever was approved before."""
    from transkit.merge import add_alternative
    from transkit.status import mark_conflict

    project = make_project()
    translate_all(project)
    po = project.load_translation("sample", "es")
    entry = list(po)[3]
    other = Entry(entry.id, entry.source, target="Otra versión.")
    mark_translated(other, translator="bo", on="2026-01-03")
    add_alternative(entry, other)
    mark_conflict(entry)
    project.save_translation("sample", "es", po)
    code, out, _ = export(capsys)
    assert code == 1
    assert "(1 conflict)" in out
    assert re.search(rf"^  conflict +{re.escape(entry.id)}  \S", out, flags=re.M), out
    assert not (project.root / "export" / "sample" / "es.html").exists()
