"""No stuck states: what used to stop ``transkit draft`` at the same place on every
re-run (a 413, a segment over the request limit, a glossary deleted on DeepL's side,
one language's bad code) now skips or recovers, says what, and drafts the rest.
The real deepl client against the local server; its fault knobs, nothing patched."""

from __future__ import annotations

from pathlib import Path

from deepl_server import FakeDeepL
from transkit.cli import main
from transkit.drafts import plan
from transkit.project import Project
from transkit.status import Status, status_of


def statuses(project: Project, lang: str, doc: str) -> dict[str, Status]:
    return {e.id: status_of(e) for e in project.load_translation(doc, lang)}


def ids_by_source(project: Project, doc: str) -> dict[str, str]:
    return {e.source: e.id for e in project.load_template(doc)}


def sentence(i: int, words: int) -> str:
    return f"Sentence {i} " + " ".join(f"w{i}x{k}" for k in range(words)) + " end."


def test_a_413_splits_the_batch_in_halves_and_skips_a_single_segment_still_too_large(
    make_project, api: FakeDeepL, chdir: Path, capsys
) -> None:
    paragraph = " ".join(sentence(i, 50) for i in range(8))  # one text of 8 sentences
    huge = sentence(99, 1000)
    (chdir / "big.md").write_text(
        f"# Big\n\n{paragraph}\n\n## Other\n\nA short one.\n\n{huge}\n"
    )
    project = make_project(source=chdir / "big.md", doc="big")
    assert main(["draft", "--lang", "es"]) == 0  # DeepL's real limit: all fits
    assert len(api.translate_calls) == 2  # one request per section
    [first] = [r for r in api.translate_calls if r.body["text"][0] == "Big"]
    context = first.body["context"]
    overhead = first.size - (plan.request_size(first.body["text"], context)
                             - plan.REQUEST_OVERHEAD)

    def size(texts: list[str], context: str) -> int:  # the body the server will see
        return plan.request_size(texts, context) - plan.REQUEST_OVERHEAD + overhead

    sentences = [plan.protect(sentence(i, 50)) for i in range(8)]
    assert size(sentences[:4], context) < size(sentences, context) - 500
    assert size([huge], "") > size(sentences, context)
    capsys.readouterr()

    api.max_body = size(sentences[:4], context) + 100  # stricter than its documented limit
    calls = len(api.translate_calls)
    assert main(["draft", "--lang", "nl"]) == 1  # not everything was drafted
    out, err = capsys.readouterr()
    sent = [r.body["text"] for r in api.translate_calls[calls:]]
    # the paragraph went sentence by sentence: 8 refused, then 4 + 4 answered
    assert [len(t) for t in sent if t[0].startswith("Sentence 0")] == [8, 4]
    assert [len(t) for t in sent if t[0].startswith("Sentence 4")] == [4]
    assert sum(t == [huge] for t in sent) == 2  # refused with its context, then without
    huge_id = ids_by_source(project, "big")[huge]
    got = statuses(project, "nl", "big")
    assert got.pop(huge_id) is Status.UNTRANSLATED
    assert set(got.values()) == {Status.DRAFT}
    note = (
        f"big:{huge_id} ({plan.request_size([huge], ''):,} bytes, refused by DeepL as too "
        f"large (HTTP 413); the limit is {128 * 1024:,} bytes)"
    )
    assert f"nl (NL): {len(got)} drafted" in out and f"1 skipped: {note}" in out
    assert note in err and "Traceback" not in err


def test_a_segment_over_the_request_limit_is_skipped_and_the_rest_drafted(
    make_project, api: FakeDeepL, chdir: Path, capsys
) -> None:
    huge = "This sentence never ends " + "and goes on " * 12_000 + "until here."
    (chdir / "long.md").write_text(f"# Long\n\nA short one. {huge}\n\nThe last one.\n")
    project = make_project(source=chdir / "long.md", doc="long")
    huge_id = ids_by_source(project, "long")[huge]
    assert main(["draft", "--lang", "es"]) == 1  # not everything was drafted
    out, err = capsys.readouterr()
    assert all(huge not in t for r in api.translate_calls for t in r.body["text"])
    got = statuses(project, "es", "long")
    assert got.pop(huge_id) is Status.UNTRANSLATED
    assert len(got) == 3 and set(got.values()) == {Status.DRAFT}
    assert f"long:{huge_id} (" in out and "too large for one DeepL request" in out
    assert f"the limit is {128 * 1024:,} bytes" in out and "1 skipped" in out
    assert f"long:{huge_id}" in err and "Traceback" not in err


def test_a_glossary_deleted_on_deepls_side_is_made_again_and_the_request_retried(
    make_project, api: FakeDeepL, chdir: Path, capsys
) -> None:
    project = make_project()
    (chdir / "glossary.toml").write_text('[[term]]\nen = "workers"\nes = "obreros"\n')
    assert main(["draft", "--lang", "es"]) == 0
    api.glossaries.clear()  # deleted on DeepL's side; its id stays cached here
    (chdir / "more.md").write_text("# More\n\nThe workers went home.\n")
    assert main(["import", str(chdir / "more.md"), "--doc", "more"]) == 0
    capsys.readouterr()

    assert main(["draft", "--lang", "es"]) == 0
    err = capsys.readouterr().err
    [(gid, stored)] = api.glossaries.items()
    assert stored["dictionaries"] == {("en", "es"): {"workers": "obreros"}}
    assert api.translate_calls[-1].body["glossary_id"] == gid
    targets = {e.source: e.target for e in project.load_translation("more", "es")}
    assert targets["The workers went home."] == "[ES] The obreros went home."
    assert "glossary was gone" in err and "Traceback" not in err

    # The new id is kept: the next run sends it at once, with no glossary request.
    (chdir / "last.md").write_text("# Last\n\nThe workers came back.\n")
    assert main(["import", str(chdir / "last.md"), "--doc", "last"]) == 0
    seen = len(api.requests)
    assert main(["draft", "--lang", "es"]) == 0
    assert [r.path for r in api.requests[seen:]] == ["/v2/translate"]
    assert api.translate_calls[-1].body["glossary_id"] == gid


def test_a_bad_target_code_names_its_entry_and_the_other_languages_still_run(
    make_project, api: FakeDeepL, capsys
) -> None:
    project = make_project()
    path = project.config.path
    path.write_text(path.read_text().replace('deepl = "ES"', 'deepl = "XX"', 1))
    api.targets = frozenset({"ES", "PT-PT", "PT-BR", "NL"})
    assert main(["draft"]) == 2
    out, err = capsys.readouterr()
    assert '[languages.es] deepl = "XX"' in err and "transkit.toml" in err
    assert "HTTP 400" in err and "Traceback" not in err
    assert "es (XX): 0 drafted" in out and '[languages.es] deepl = "XX"' in out
    for lang in ("pt", "nl"):
        assert set(statuses(project, lang, "sample").values()) == {Status.DRAFT}
        assert f"{lang} ({lang.upper()}" in out
    assert set(statuses(project, "es", "sample").values()) == {Status.UNTRANSLATED}
