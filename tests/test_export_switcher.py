"""Export for where it is published: the language switcher names every version
that can be published and links only the files that exist; the HTML fragment
is the article alone, to paste into a CMS (WordPress's code editor)."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest

from test_export import TRANSLATIONS, export, parse_html_strictly, translate, translate_all
from transkit.project import Project


def nav(path: Path) -> str:
    match = re.search(r'<nav class="languages">(.*)</nav>', path.read_text(encoding="utf-8"))
    assert match is not None, path
    return match.group(1)


def linked(path: Path) -> list[str]:
    return re.findall(r'href="([a-z]+)\.html"', nav(path))


def named(path: Path) -> list[str]:
    return re.findall(r'lang="([a-z]+)"[^>]*>', nav(path))


@pytest.fixture
def project(make_project) -> Project:
    return make_project()


def test_english_alone_links_nothing(project, capsys) -> None:
    code, _, _ = export(capsys, "sample", "--lang", "en", "--format", "html")
    assert code == 0
    page = project.root / "export/sample/en.html"
    assert named(page) == ["en"]  # nothing else can be published yet
    assert linked(page) == []


def test_a_later_language_is_added_to_the_versions_exported_before(project, capsys) -> None:
    translate(project, "es", TRANSLATIONS["es"])
    assert export(capsys, "sample", "--lang", "en", "--format", "html")[0] == 0
    en = project.root / "export/sample/en.html"
    assert named(en) == ["en", "es"] and linked(en) == []  # es can be published, not yet there
    assert export(capsys, "sample", "--lang", "es", "--format", "html")[0] == 0
    es = project.root / "export/sample/es.html"
    assert linked(es) == ["en"]
    assert linked(en) == ["es"]  # the English page now links the Spanish one
    parse_html_strictly(en.read_text(encoding="utf-8"))


def test_english_is_not_linked_when_it_was_not_exported(project, capsys) -> None:
    translate_all(project)
    assert export(capsys, "sample", "--lang", "es", "--format", "html,md")[0] == 0
    es = project.root / "export/sample/es.html"
    assert named(es) == ["en", "es", "pt", "nl"]
    assert linked(es) == []
    assert not (project.root / "export/sample/en.html").exists()
    md = (project.root / "export/sample/es.md").read_text(encoding="utf-8").splitlines()[0]
    assert md == "English · **Español** · Português · Nederlands"


def test_all_languages_link_each_other(project, capsys) -> None:
    translate_all(project)
    assert export(capsys, "sample", "--format", "html")[0] == 0
    for lang in ("en", "es", "pt", "nl"):
        page = project.root / f"export/sample/{lang}.html"
        assert linked(page) == [x for x in ("en", "es", "pt", "nl") if x != lang]


def test_the_fragment_is_the_article_alone(project, capsys) -> None:
    translate_all(project)
    code, out, _ = export(capsys, "sample", "--lang", "es", "--format", "fragment")
    assert code == 0, out
    folder = project.root / "export/sample"
    assert sorted(p.name for p in folder.iterdir()) == ["es.fragment.html"]
    fragment = (folder / "es.fragment.html").read_text(encoding="utf-8")
    for page_only in ("<html", "<head", "<body", "<style", "<nav", "<article", "<h1"):
        assert page_only not in fragment
    assert fragment.startswith('<p class="caption">Foto: trabajadores')
    assert '<a href="#note-1" role="doc-noteref">1</a>' in fragment
    assert '<section class="notes" role="doc-endnotes">' in fragment
    html5lib.HTMLParser(strict=True).parseFragment(fragment)
    # the full page holds the same article
    assert export(capsys, "sample", "--lang", "es", "--format", "html")[0] == 0
    page = (folder / "es.html").read_text(encoding="utf-8")
    assert fragment in page


def test_the_fragment_is_only_written_when_asked_for(project, capsys) -> None:
    assert export(capsys, "sample", "--lang", "en")[0] == 0
    names = sorted(p.name for p in (project.root / "export/sample").iterdir())
    assert names == ["en.html", "en.md", "en.txt"]
    assert export(capsys, "sample", "--lang", "en", "--format", "all,fragment")[0] == 0
    assert (project.root / "export/sample/en.fragment.html").is_file()
