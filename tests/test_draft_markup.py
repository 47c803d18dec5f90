"""Inline Markdown through DeepL: tags for the words, the rest kept aside."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deepl_server import FakeDeepL
from transkit.cli import main
from transkit.drafts import markup, plan
from transkit.project import Project
from transkit.status import Status, status_of

LINKED = 'A *strong* claim, **very** bold: see [the report](https://ex.org/a_(b) "T").[^2]'


@pytest.mark.parametrize("source", [
    LINKED,
    "Use `a*b` and ``x ` y`` and <https://ex.org/q?a=1&b=2> or ![a chart](img/c.png).",
    "Nested *a [link *in* it](u) b*, snake_case, 2 * 3 and _under_.",
    r"Escaped \*stars\* stay text, and *this* is emphasis.",
])
def test_markup_goes_as_tags_and_comes_back_as_it_was(source: str) -> None:
    xml = plan.protect(source)
    assert "<m id=" in xml and "](" not in xml and "`" not in xml
    assert plan.restore(xml, source) == (source, False)


def test_urls_and_code_are_not_sent() -> None:
    xml = plan.protect(LINKED)
    assert xml == ('A <m id="1">strong</m> claim, <m id="2">very</m> bold: see '
                   '<m id="3">the report</m>.<x id="2"/>')
    assert "ex.org" not in plan.protect("Read <https://ex.org> and `x = ex.org`.")


def test_text_without_markup_goes_as_before() -> None:
    for source in ("Plain, with a note.[^1]", "A [reference][r] link is left as text."):
        assert markup.encode(source) is None
        assert plan.restore(plan.protect(source), source) == (source, False)


def test_translated_words_move_with_their_markup() -> None:
    answer = ('Una afirmación <m id="1">fuerte</m>, <m id="2">muy</m> audaz: véase '
              '<m id="3">el informe</m>.<x id="2"/>')
    text, broken = plan.restore(answer, LINKED)
    assert not broken
    assert text == ('Una afirmación *fuerte*, **muy** audaz: véase '
                    '[el informe](https://ex.org/a_(b) "T").[^2]')


def test_translated_text_is_escaped_only_where_it_would_be_markup() -> None:
    answer = ('Ver <m id="1">x</m> [1] y *nota, [^9] y [a](b), `c`, &lt;d@e.f&gt;, '
              'snake_case, 2 * 3, AT&amp;T, &amp;amp;')
    text, _ = plan.restore(answer, "See *x* here.")
    assert text == (r"Ver *x* [1] y \*nota, \[^9] y [a\](b), \`c\`, \<d@e.f>, "
                    r"snake_case, 2 * 3, AT&T, \&amp;")


@pytest.mark.parametrize("answer", [
    'Una afirmación fuerte, <m id="2">muy</m> audaz <m id="3">el informe</m>.<x id="2"/>',
    'Una <m id="1">a</m> <m id="1">b</m> <m id="2">c</m> <m id="3">d</m>.<x id="2"/>',
    'Una <m id="1">a</m> <m id="2">b</m> <m id="3">c</m> <b>d</b>.<x id="2"/>',
    'Una <m id="1">a</m> <m id="2">b <m id="3">c</m>.',  # not XML any more
])
def test_markup_lost_doubled_or_made_up_is_flagged(answer: str) -> None:
    text, broken = plan.restore(answer, LINKED)
    assert broken and "<m" not in text


def test_a_markdown_article_is_drafted_with_its_markup(make_project, api: FakeDeepL,
                                                       chdir: Path) -> None:
    (chdir / "linked.md").write_text(
        f"# Links\n\n{LINKED}\n\n[^2]: A note with `code`.\n", encoding="utf-8")
    make_project(source=chdir / "linked.md", doc="linked")
    assert main(["draft", "linked", "--lang", "es"]) == 0
    texts = [t for r in api.translate_calls for t in r.body["text"]]
    assert not any("ex.org" in t or "](" in t for t in texts)
    catalog = Project.find(chdir).load_translation("linked", "es")
    by_source = {e.source: e for e in catalog}
    entry = by_source[LINKED]
    assert entry.target == f"[ES] {LINKED}"
    assert status_of(entry) is Status.DRAFT and "warning" not in entry.meta
    assert by_source["A note with `code`."].target == "[ES] A note with `code`."


@pytest.mark.parametrize("damage", [
    (r'<m id="3">(.*?)</m>', r"\1"),  # the link's tag lost, its words kept
    (r'<m id="3">', ""),  # half a tag lost: not XML any more
])
def test_a_draft_that_lost_its_markup_is_flagged_for_the_reviewer(
    make_project, api: FakeDeepL, chdir: Path, damage: tuple[str, str]
) -> None:
    (chdir / "linked.md").write_text(f"# Links\n\n{LINKED}\n\n[^2]: A note.\n", encoding="utf-8")
    make_project(source=chdir / "linked.md", doc="linked")
    api.translate = lambda text, target, terms: re.sub(*damage, text)
    assert main(["draft", "linked", "--lang", "es"]) == 0
    entry = {e.source: e for e in Project.find(chdir).load_translation("linked", "es")}[LINKED]
    assert entry.meta["warning"] == "markup" and "links" in entry.meta["detail"]
    assert "<m" not in entry.target and "ex.org" not in entry.target  # the link is gone: shown
    assert entry.target.endswith("the report.[^2]")  # the footnote is not
