"""``transkit draft`` end to end: the real deepl client against a local DeepL API."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

from deepl_server import FakeDeepL
from transkit.cli import main
from transkit.drafts import plan
from transkit.memory import TranslationMemory
from transkit.project import Project
from transkit.provenance import draft_text
from transkit.status import Status, mark_approved, mark_translated, status_of


def set_config(project: Project, old: str, new: str) -> Project:
    path = project.config.path
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return Project.find(project.root)


def add_config(project: Project, text: str) -> Project:
    path = project.config.path
    path.write_text(path.read_text() + "\n" + text + "\n")
    return Project.find(project.root)


def reset(project: Project, lang: str, doc: str = "sample") -> None:
    """Throw a language's work away: import makes the missing file anew."""
    project.po_path(doc, lang).unlink()
    source = Project.find(project.root).config.sources[doc]
    assert main(["import", source, "--doc", doc]) == 0


def statuses(project: Project, lang: str, doc: str = "sample") -> dict[str, Status]:
    return {e.id: status_of(e) for e in project.load_translation(doc, lang)}


def sent_texts(api: FakeDeepL) -> list[str]:
    return [t for r in api.translate_calls for t in r.body["text"]]


def total_chars(project: Project, doc: str = "sample") -> int:
    """What drafting a whole document bills: its paragraphs' characters, tags free."""
    template = project.load_template(doc)
    pending = {e.id: e.source for e in template}
    units = plan.units(plan.paragraphs(template), pending, plan.contexts(template))
    return sum(u.chars for u in units)


def test_drafts_every_untranslated_segment_with_provenance(make_project, api, capsys) -> None:
    project = make_project()
    assert main(["draft", "--lang", "es"]) == 0
    out = capsys.readouterr().out
    catalog = project.load_translation("sample", "es")
    entries = list(catalog)
    assert len(entries) == 20
    for entry in entries:
        assert status_of(entry) is Status.DRAFT and entry.fuzzy
        assert entry.target == "[ES] " + entry.source  # placeholders came back as [^n]
        assert draft_text(entry) == entry.target
        meta = entry.meta
        assert meta["engine"] == "deepl" and meta["formality"] == "default"
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", meta["date"])
        assert "warning" not in meta
    chars = total_chars(project)  # tags are free
    assert api.character_count == chars
    assert f"20 drafted (20 from DeepL: {chars:,} characters billed" in out
    assert statuses(project, "pt") == dict.fromkeys(statuses(project, "pt"), Status.UNTRANSLATED)


def test_requests_carry_context_protected_footnotes_and_options(make_project, api) -> None:
    make_project()
    assert main(["draft", "--lang", "es"]) == 0
    bodies = [r.body for r in api.translate_calls]
    for body in bodies:
        assert body["source_lang"] == "EN" and body["target_lang"] == "ES"
        assert body["tag_handling"] == "xml" and body["ignore_tags"] == ["x", "v"]
        assert body["non_splitting_tags"] == ["m"]
        assert "formality" not in body and "glossary_id" not in body  # defaults: not sent
        assert all("[^" not in t for t in body["text"])
    texts = sent_texts(api)
    # A paragraph is one text, its sentences marked (DeepL sees the whole paragraph).
    assert (
        '<s id="0">Workers in the refinery stopped work on Tuesday.<x id="1"/></s> '
        '<s id="1">The strike spread to three plants.</s> <s id="2">Nobody expected it.</s>'
    ) in texts
    by_text = {t: b for b in bodies for t in b["text"]}
    quote = by_text[
        '<s id="0">“Several videos show dozens of workers marching,” the paper wrote.</s> '
        '<s id="1">“They called for further strikes.”<x id="2"/></s>'
    ]
    # The context is the section's: title, heading, and the text around the paragraph.
    assert quote["context"].startswith(
        "A small article on the move\n\nWhat the papers say\n\n“Several videos"
    )
    assert "The release of the prisoners." in quote["context"]
    note = by_text["The Telegraph, 11-10-2022."]
    assert note["context"].startswith("A small article on the move\n\nEl Mundo")
    # One request per section, the notes together: 20 segments in 3 requests.
    assert len(bodies) == 3
    assert len(texts) == 17  # the blocks
    assert by_text["A second paragraph of the quote."] is quote


def test_batches_stay_within_50_texts_and_128_kib(make_project, api, chdir: Path) -> None:
    many = " ".join(f"Point number {i} is short." for i in range(120))
    long = " ".join(f"Long sentence {i} " + "word " * 800 + "end." for i in range(40))
    points = "\n\n".join(f"Point {i}." for i in range(60))
    (chdir / "big.md").write_text(f"# Big\n\n{many}\n\n{long}\n\n## Points\n\n{points}\n")
    make_project(source=chdir / "big.md", doc="big")
    assert main(["draft", "--lang", "nl"]) == 0
    calls = api.translate_calls
    counts = [len(r.body["text"]) for r in calls]
    assert max(counts) <= 50 and max(r.size for r in calls) <= 128 * 1024
    texts = sent_texts(api)
    assert sum('<s id="119">' in t for t in texts) == 1  # 120 sentences, one text
    # 40 × 4 KB is too large for one text: sentence by sentence, in 2 requests by size
    assert sum(t.startswith("Long sentence") for t in texts) == 40
    assert sorted(counts) == [11, 11, 31, 50]  # title + 1 + 29 long, 11 long; 50 + 11 points
    assert sum(counts) == 1 + 1 + 40 + 61
    assert all(s is Status.DRAFT for s in statuses(Project.find(chdir), "nl", "big").values())


def test_formality_model_and_regional_codes_come_from_config(make_project, api) -> None:
    project = make_project()
    project = set_config(
        project,
        'deepl = "PT-PT"  # DeepL target code\nformality = "default"',
        'deepl = "PT-BR"\nformality = "prefer_less"',
    )
    add_config(project, '[draft]\nmodel-type = "prefer_quality_optimized"')
    assert main(["draft", "--lang", "pt"]) == 0
    for r in api.translate_calls:
        assert r.body["target_lang"] == "PT-BR"
        assert r.body["formality"] == "prefer_less"
        assert r.body["model_type"] == "prefer_quality_optimized"
    entry = next(iter(project.load_translation("sample", "pt")))
    assert entry.meta["formality"] == "prefer_less"
    assert entry.meta["model"] == "quality_optimized"  # the model DeepL says it used


def test_bad_language_or_draft_settings_are_one_line_errors(make_project, api, capsys) -> None:
    project = make_project()
    path = project.config.path
    good = path.read_text()
    path.write_text(good.replace('deepl = "PT-PT"', 'deepl = "PT"', 1))
    for lang in ("pt", "es"):  # the whole config is checked, whichever language is drafted
        assert main(["draft", "--lang", lang]) == 2
        err = capsys.readouterr().err.strip()
        assert "transkit.toml" in err and "PT-PT or PT-BR" in err and len(err.splitlines()) == 1
    path.write_text(good + '\n[draft]\nmodel-type = "fastest"\n')
    assert main(["draft", "--lang", "es"]) == 2
    assert "[draft] model-type must be one of" in capsys.readouterr().err
    assert api.translate_calls == []


def test_glossary_is_synced_once_reused_and_replaced_when_it_changes(
    make_project, api, chdir: Path
) -> None:
    project = make_project()
    glossary = chdir / "glossary.toml"
    glossary.write_text(
        '[[term]]\nen = ["workers", "strike"]\nes = "obreros"\nnl = "arbeiders"\n\n'
        '[[term]]\nen = "quote"\nes = "cita"\n'
    )
    assert main(["draft", "--lang", "es,nl"]) == 0
    [(gid, stored)] = api.glossaries.items()
    assert stored["name"] == "transkit test"
    assert stored["dictionaries"] == {
        ("en", "es"): {"workers": "obreros", "strike": "obreros", "quote": "cita"},
        ("en", "nl"): {"workers": "arbeiders", "strike": "arbeiders"},
    }
    assert {r.body["glossary_id"] for r in api.translate_calls} == {gid}
    target = {e.source: e.target for e in project.load_translation("sample", "es")}
    quote = "“Several videos show dozens of workers marching,” the paper wrote."
    assert (
        target[quote] == "[ES] “Several videos show dozens of obreros marching,” the paper wrote."
    )
    assert target["The release of the prisoners."] == "[ES] The release of the prisoners."
    assert "cita" in target["A second paragraph of the quote."]
    assert project.load_translation("sample", "es").entries[0].meta["glossary"]

    # Unchanged terms: no glossary request at all, and the cache answers.
    glossary_calls = len([r for r in api.requests if r.path.startswith("/v3/")])
    reset(project, "es")
    reset(project, "nl")
    before = len(api.translate_calls)
    assert main(["draft", "--lang", "es,nl"]) == 0
    assert len([r for r in api.requests if r.path.startswith("/v3/")]) == glossary_calls
    assert len(api.translate_calls) == before

    # A changed Spanish term replaces that dictionary whole; Dutch is untouched.
    glossary.write_text('[[term]]\nen = "workers"\nes = "trabajadores"\nnl = "arbeiders"\n')
    reset(project, "es")
    reset(project, "nl")
    seen = len(api.requests)
    assert main(["draft", "--lang", "es"]) == 0
    puts = [r for r in api.requests[seen:] if r.method == "PUT"]
    assert [(p.body["source_lang"], p.body["target_lang"]) for p in puts] == [("EN", "ES")]
    assert api.glossaries[gid]["dictionaries"][("en", "es")] == {"workers": "trabajadores"}
    assert len(api.translate_calls) > before  # other terms, other translations: asked again
    target = {e.source: e.target for e in project.load_translation("sample", "es")}
    assert "cita" not in target["A second paragraph of the quote."]

    # No Spanish terms left: that dictionary goes, the glossary stays for Dutch.
    glossary.write_text('[[term]]\nen = "workers"\nnl = "arbeiders"\n')
    reset(project, "es")
    assert main(["draft", "--lang", "es"]) == 0
    assert ("en", "es") not in api.glossaries[gid]["dictionaries"]
    assert "glossary_id" not in api.translate_calls[-1].body


def test_a_lost_glossary_state_finds_the_glossary_by_name(make_project, api, chdir) -> None:
    project = make_project()
    (chdir / "glossary.toml").write_text('[[term]]\nen = "workers"\nes = "obreros"\n')
    assert main(["draft", "--lang", "es"]) == 0
    for path in (chdir / ".transkit").rglob("*.sqlite"):
        path.unlink()
    reset(project, "es")
    assert main(["draft", "--lang", "es"]) == 0
    assert len(api.glossaries) == 1  # found again, not made twice
    # Deleted on DeepL's side: made again.
    api.glossaries.clear()
    (chdir / "glossary.toml").write_text('[[term]]\nen = "workers"\nes = "operarios"\n')
    reset(project, "es")
    assert main(["draft", "--lang", "es"]) == 0
    assert [g["dictionaries"] for g in api.glossaries.values()] == [
        {("en", "es"): {"workers": "operarios"}}
    ]


def test_a_second_run_bills_nothing(make_project, api, capsys) -> None:
    project = make_project()
    assert main(["draft"]) == 0
    first_requests, first_chars = len(api.translate_calls), api.character_count
    assert first_requests == 3 * 3  # three sections (the notes one) per language
    po = {lang: project.po_path("sample", lang).read_bytes() for lang in ("es", "pt", "nl")}
    capsys.readouterr()

    assert main(["draft"]) == 0  # everything drafted: nothing to do
    assert "es (ES): 0 drafted" in capsys.readouterr().out
    for lang in ("es", "pt", "nl"):
        reset(project, lang)  # the drafts thrown away: the cache still has them
    assert main(["draft"]) == 0
    assert "20 drafted (20 from cache)" in capsys.readouterr().out
    assert len(api.translate_calls) == first_requests and api.character_count == first_chars
    for lang in ("es", "pt", "nl"):
        again = [e.target for e in project.load_translation("sample", lang)]
        assert again == [e.target for e in _read(po[lang], project, lang)]
        assert all(t.startswith(f"[{project.config.languages[lang].deepl}] ") for t in again)


def _read(data: bytes, project: Project, lang: str):
    from transkit.po import scan_catalog

    return scan_catalog(data, project.po_path("sample", lang))


def test_dry_run_reports_cost_and_usage_and_changes_nothing(make_project, api, capsys, chdir):
    project = make_project()
    api.character_count, api.character_limit = 1000, 500_000
    before = {p: p.read_bytes() for p in chdir.rglob("*.po")}
    assert main(["draft", "--dry-run", "--lang", "es,nl"]) == 0
    out = capsys.readouterr().out
    chars = total_chars(project)
    assert f"es (ES): 20 to draft; DeepL: 20 segments, {chars:,} characters in 3 requests" in out
    assert f"nl (NL): 20 to draft; DeepL: 20 segments, {chars:,} characters" in out
    assert f"Total to bill: {2 * chars:,} characters." in out
    assert "1,000 of 500,000 characters used this period" in out
    assert "499,000 characters left this period: this run fits." in out
    assert api.translate_calls == [] and len(api.seen("/v2/usage")) == 1
    assert {p: p.read_bytes() for p in chdir.rglob("*.po")} == before
    assert not (chdir / ".transkit" / "cache").exists()

    api.character_limit = 1000 + chars  # room for one language only
    assert main(["draft", "--dry-run", "--lang", "es,nl"]) == 0
    assert f"does NOT fit: {chars:,} characters short" in capsys.readouterr().out


def test_dry_run_without_a_key_still_estimates(make_project, api, capsys, monkeypatch):
    make_project()
    monkeypatch.delenv("DEEPL_AUTH_KEY")
    assert main(["draft", "--dry-run", "--lang", "es", "--max-chars", "100"]) == 0
    out = capsys.readouterr().out
    assert "usage unknown (DEEPL_AUTH_KEY is not set)" in out
    assert "That passes --max-chars 100" in out


def test_max_chars_stops_before_the_budget_and_a_rerun_goes_on(make_project, api, capsys):
    project = make_project()
    assert main(["draft", "--lang", "es", "--max-chars", "200"]) == 1
    captured = capsys.readouterr()
    assert "stopped before passing --max-chars 200" in captured.err
    assert 0 < api.character_count <= 200
    done = [s for s in statuses(project, "es").values() if s is Status.DRAFT]
    assert 0 < len(done) < 20
    assert f"{20 - len(done)} left undrafted" in captured.out
    billed = api.character_count
    assert main(["draft", "--lang", "es"]) == 0
    total = total_chars(project)
    assert api.character_count == total  # the rest only, nothing twice
    assert billed < total
    assert set(statuses(project, "es").values()) == {Status.DRAFT}


def test_a_draft_that_loses_a_footnote_is_flagged(make_project, api, capsys) -> None:
    project = make_project()
    api.translate = lambda text, target, terms: "[ES] " + text.replace('<x id="3"/>', "")
    assert main(["draft", "--lang", "es"]) == 0
    assert "1 flagged for review: sample:q-" in capsys.readouterr().out
    catalog = project.load_translation("sample", "es")
    flagged = [e for e in catalog if "warning" in e.meta]
    assert len(flagged) == 1
    [entry] = flagged
    assert entry.source.endswith("[^3]") and "[^3]" not in entry.target
    assert entry.meta["warning"] == "placeholders" and entry.meta["detail"] == "lost [^3]"
    assert status_of(entry) is Status.DRAFT  # a fuzzy draft to check, never final


def test_a_draft_with_a_moved_footnote_is_flagged(make_project, api) -> None:
    project = make_project()
    api.translate = lambda text, target, terms: (
        '<x id="1"/> [ES] ' + text.replace('<x id="1"/>', "") if 'id="1"' in text else text
    )
    assert main(["draft", "--lang", "es"]) == 0
    flagged = {
        e.id: e.meta["detail"]
        for e in project.load_translation("sample", "es")
        if "warning" in e.meta
    }
    assert list(flagged.values()) == ["moved [^1]"]


def test_translated_and_approved_text_is_never_overwritten(make_project, api) -> None:
    project = make_project()
    catalog = project.load_translation("sample", "es")
    entries = list(catalog)
    entries[0].target = "Un pequeño artículo"
    mark_approved(entries[0], reviewer="ana")
    entries[1].target = "Foto: obreros en la puerta."
    mark_translated(entries[1])
    project.save_translation("sample", "es", catalog)
    assert main(["draft", "--lang", "es", "--include-stale"]) == 0
    after = list(project.load_translation("sample", "es"))
    assert (after[0].target, status_of(after[0])) == ("Un pequeño artículo", Status.APPROVED)
    assert (after[1].target, status_of(after[1])) == (
        "Foto: obreros en la puerta.",
        Status.TRANSLATED,
    )
    assert draft_text(after[0]) is None and draft_text(after[1]) is None
    assert sum(t.count('<s id="') or 1 for t in sent_texts(api)) == 18


def test_include_stale_keeps_a_persons_text_and_records_the_new_draft(
    make_project, api, chdir: Path
) -> None:
    project = make_project()
    catalog = project.load_translation("sample", "es")
    by_source = {e.source: e for e in catalog}
    human = by_source["The demands were simple:"]
    human.target = "Las demandas eran simples:"
    mark_translated(human)
    project.save_translation("sample", "es", catalog)
    assert main(["draft", "--lang", "es"]) == 0  # everything else drafted
    source = Path(project.config.sources["sample"]).read_text()
    edited = source.replace("The demands were simple:", "The demands were few:").replace(
        "An end to the repression.", "An end to all repression."
    )
    (chdir / "sample.md").write_text(edited)
    assert main(["import", "sample.md", "--doc", "sample"]) == 0
    stale = {
        e.source: e
        for e in project.load_translation("sample", "es")
        if status_of(e) is Status.STALE
    }
    assert set(stale) == {"The demands were few:", "An end to all repression."}

    calls = len(api.translate_calls)
    assert main(["draft", "--lang", "es"]) == 0
    assert len(api.translate_calls) == calls  # stale ones only on request
    assert main(["draft", "--lang", "es", "--include-stale"]) == 0
    after = {e.source: e for e in project.load_translation("sample", "es")}
    kept = after["The demands were few:"]
    assert kept.target == "Las demandas eran simples:" and status_of(kept) is Status.STALE
    assert draft_text(kept) == "[ES] The demands were few:"
    redrafted = after["An end to all repression."]  # was an untouched machine draft
    assert redrafted.target == "[ES] An end to all repression."
    assert status_of(redrafted) is Status.DRAFT and redrafted.previous is None


def test_memory_engine_fills_exact_matches_and_deepl_uses_them_first(
    make_project, api, chdir: Path, capsys, monkeypatch
) -> None:
    project = make_project()
    catalog = project.load_translation("sample", "es")
    first = next(e for e in catalog if e.source.startswith("Workers in the refinery"))
    first.target = "Los obreros de la refinería pararon el martes.[^1]"
    mark_approved(first, reviewer="ana")
    project.save_translation("sample", "es", catalog)
    (chdir / "other.md").write_text(
        "# Other\n\nWorkers in the refinery stopped work on Tuesday.[^7]\n\n"
        "Workers in the refinery stopped work on Monday.[^8]\n\n[^7]: A.\n\n[^8]: B.\n"
    )
    assert main(["import", "other.md", "--doc", "other"]) == 0

    monkeypatch.delenv("DEEPL_AUTH_KEY")  # the memory needs no key
    assert main(["draft", "other", "--lang", "es", "--engine", "memory"]) == 0
    assert "1 drafted (1 from memory)" in capsys.readouterr().out
    other = {e.source: e for e in project.load_translation("other", "es")}
    exact = other["Workers in the refinery stopped work on Tuesday.[^7]"]
    assert exact.target == "Los obreros de la refinería pararon el martes.[^7]"
    assert status_of(exact) is Status.DRAFT
    assert exact.meta["engine"] == "memory" and exact.meta["origin"] == f"sample:{first.id}"
    fuzzy = other["Workers in the refinery stopped work on Monday.[^8]"]
    assert fuzzy.target == "" and status_of(fuzzy) is Status.UNTRANSLATED  # only suggested
    memory = TranslationMemory.from_project(project, "es")
    [suggestion] = memory.suggest(fuzzy.source)
    assert 80 < suggestion.score < 100
    assert suggestion.target == "Los obreros de la refinería pararon el martes.[^8]"
    assert api.requests == []

    monkeypatch.setenv("DEEPL_AUTH_KEY", api.key)
    reset(project, "es", "other")
    assert main(["draft", "other", "--lang", "es"]) == 0
    assert "(1 from memory, " in capsys.readouterr().out
    assert "Tuesday" not in " ".join(sent_texts(api))  # not billed


def test_progress_bar_only_on_a_terminal(make_project, api, capsys) -> None:
    project = make_project()
    assert main(["draft", "--lang", "es"]) == 0
    assert capsys.readouterr().err == ""  # pytest's stderr is no terminal: no bar, no noise

    master, slave = pty.openpty()  # now a real terminal for stderr
    proc = subprocess.Popen(
        [sys.executable, "-m", "transkit", "draft", "--lang", "nl"],
        cwd=project.root,
        stdout=subprocess.PIPE,
        stderr=slave,
        text=True,
    )
    os.close(slave)
    screen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 10)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        screen += chunk
    os.close(master)
    out, _ = proc.communicate(timeout=10)
    assert proc.returncode == 0
    text = screen.decode(errors="replace")
    chars = total_chars(project)
    assert " nl " in text and "20/20" in text and f"{chars}/{chars} ch" in text
    assert out.startswith("nl (NL): 20 drafted")  # the summary stays on stdout, bar-free


def test_a_pair_deepl_has_no_glossary_for_is_drafted_without_one(
    make_project, api, chdir: Path, capsys
) -> None:
    make_project(languages="es,ja")
    (chdir / "glossary.toml").write_text(
        '[[term]]\nen = "workers"\nes = "obreros"\nja = "労働者"\n'
    )
    assert main(["draft"]) == 0
    assert "DeepL has no glossaries for EN→JA; drafting without one" in capsys.readouterr().err
    by_target = {r.body["target_lang"]: r.body for r in api.translate_calls}
    assert "glossary_id" in by_target["ES"] and "glossary_id" not in by_target["JA"]
    assert len(api.seen("/v2/glossary-language-pairs")) == 1


def test_a_draft_waits_while_the_review_app_writes_the_file(make_project, api):
    """Check-then-write under one lock: a draft must not rename its version over
    the file between a reviewer's save and noticing it (an edit was lost so)."""
    project = make_project()
    path = project.po_path("sample", "es")
    results: list[int] = []
    run = threading.Thread(target=lambda: results.append(main(["draft", "--lang", "es"])))
    with project.writing("sample", "es"):  # as the review app does while it saves
        run.start()
        deadline = time.monotonic() + 10
        while not api.translate_calls and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.5)
        assert 1 <= len(api.translate_calls) <= 3  # answers are in, their saves wait
        assert "transkit: draft" not in path.read_text(encoding="utf-8")
        catalog = project.load_translation("sample", "es")
        first = next(iter(catalog))
        first.target = "Un artículo"
        mark_translated(first, translator="ana")
        project.save_translation("sample", "es", catalog)
    run.join(timeout=20)
    assert results == [0]
    after = list(project.load_translation("sample", "es"))
    assert (after[0].target, status_of(after[0])) == ("Un artículo", Status.TRANSLATED)
    assert all(status_of(e) is Status.DRAFT for e in after[1:])


def test_edits_saved_meanwhile_by_someone_else_win(make_project, api, capsys):
    project = make_project()
    hold = api.fail("/v2/translate", None, after=2, delay=20, times=1)  # the 3rd request waits
    results: list[int] = []
    run = threading.Thread(target=lambda: results.append(main(["draft", "--lang", "es"])))
    run.start()
    deadline = time.monotonic() + 10
    while len(api.translate_calls) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)  # the first two answers saved
    # Meanwhile a translator saves the file: the title (drafted and saved already)
    # and the last footnote (not drafted yet) get a person's text.
    catalog = project.load_translation("sample", "es")
    entries = list(catalog)
    for entry, text in ((entries[0], "Un artículo"), (entries[-1], "Entrevista de los autores.")):
        entry.target = text
        mark_translated(entry, translator="ana")
    project.save_translation("sample", "es", catalog)
    hold.release()
    run.join(timeout=20)
    assert results == [0]
    assert "1 not saved: changed by someone else meanwhile" in capsys.readouterr().out
    after = list(project.load_translation("sample", "es"))
    assert [(e.target, status_of(e)) for e in (after[0], after[-1])] == [
        ("Un artículo", Status.TRANSLATED),
        ("Entrevista de los autores.", Status.TRANSLATED),
    ]
    assert all(status_of(e) is Status.DRAFT for e in after[1:-1])


def test_drafts_record_the_variant_and_a_change_of_variant_is_told_then_redrafted(
    make_project, api, capsys
) -> None:
    project = make_project()
    assert main(["draft", "--lang", "pt"]) == 0
    assert "target=PT-PT" in project.po_path("sample", "pt").read_text(encoding="utf-8")
    assert {e.meta["target"] for e in project.load_translation("sample", "pt")} == {"PT-PT"}
    catalog = project.load_translation("sample", "pt")
    person = next(iter(catalog))
    person.target = "Um pequeno artigo"
    mark_translated(person, translator="ana")
    project.save_translation("sample", "pt", catalog)
    project = set_config(project, 'deepl = "PT-PT"', 'deepl = "PT-BR"')
    capsys.readouterr()

    calls = len(api.translate_calls)
    assert main(["draft", "--lang", "pt"]) == 0
    out = capsys.readouterr().out
    assert len(api.translate_calls) == calls  # nothing redrafted unasked
    assert (
        "19 untouched drafts were made for PT-PT, not PT-BR: "
        "'transkit draft --lang pt --redraft-variant' redrafts them"
    ) in out
    assert main(["draft", "--lang", "pt", "--dry-run"]) == 0
    assert "19 untouched drafts were made for PT-PT" in capsys.readouterr().out

    assert main(["draft", "--lang", "pt", "--redraft-variant"]) == 0
    out = capsys.readouterr().out
    assert "pt (PT-BR): 19 drafted (19 from DeepL" in out and "untouched" not in out
    after = list(project.load_translation("sample", "pt"))
    assert (after[0].target, status_of(after[0])) == ("Um pequeno artigo", Status.TRANSLATED)
    for entry in after[1:]:
        assert entry.target.startswith("[PT-BR] ") and entry.meta["target"] == "PT-BR"
        assert status_of(entry) is Status.DRAFT and draft_text(entry) == entry.target
    assert {r.body["target_lang"] for r in api.translate_calls[calls:]} == {"PT-BR"}


def test_the_article_takes_few_requests_sent_concurrently(make_project, api, capsys) -> None:
    """The bundled article (371 segments): 117 requests per language, one at a
    time, before; now at most 10 per language, 4 in flight at once."""
    from conftest import SEED

    project = make_project(source=SEED, doc="article")
    api.latency = 0.3  # a distant server's round trip
    started = time.monotonic()
    assert main(["draft"]) == 0
    wall = time.monotonic() - started
    per_language: dict[str, int] = {}
    for r in api.translate_calls:
        per_language[r.body["target_lang"]] = per_language.get(r.body["target_lang"], 0) + 1
    assert set(per_language) == {"ES", "PT-PT", "NL"}
    assert max(per_language.values()) <= 10
    # one after another they would take 27 × 0.3 s; together well under that
    assert wall < 0.3 * sum(per_language.values()) * 0.6
    assert api.character_count == 3 * total_chars(project, "article")
    out = capsys.readouterr().out
    for lang in ("es", "pt", "nl"):
        assert set(statuses(project, lang, "article").values()) == {Status.DRAFT}
        assert f"{lang} (" in out


def test_a_paragraph_whose_sentence_tags_break_is_drafted_sentence_by_sentence(
    make_project, api, capsys
) -> None:
    project = make_project()

    def merging(text: str, target: str, terms: dict[str, str]) -> str:
        """Like an engine that joins two sentences into one: the tags go."""
        if '<s id="1">' in text:
            return "[ES] " + re.sub(r"</?s[^>]*>", "", text)
        return f"[{target}] {text}"

    api.translate = merging
    assert main(["draft", "--lang", "es"]) == 0
    out, err = capsys.readouterr()
    texts = sent_texts(api)
    paragraphs = [t for t in texts if '<s id="1">' in t]
    assert len(paragraphs) == 2  # the first paragraph and the quote
    assert "Nobody expected it." in texts  # then its sentences, one text each
    assert err.count("sentence tags; its") == 2 and "drafted one by one" in err
    after = list(project.load_translation("sample", "es"))
    assert all(e.target == "[ES] " + e.source for e in after)
    assert "20 drafted (20 from DeepL" in out

    calls = len(api.translate_calls)
    reset(project, "es")  # the drafts thrown away: paragraph and sentences are cached
    assert main(["draft", "--lang", "es"]) == 0
    assert len(api.translate_calls) == calls
    assert "20 drafted (20 from cache)" in capsys.readouterr().out
