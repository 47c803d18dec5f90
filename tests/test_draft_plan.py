"""The pure side of drafting: selection, context, placeholders, batching,
provenance, and the cache's durability."""

from __future__ import annotations

import json
import sqlite3

import pytest

from transkit.catalog import Catalog, Entry
from transkit.drafts import plan
from transkit.drafts.cache import Cached, DraftCache, cache_key
from transkit.provenance import draft_text, set_draft_text
from transkit.status import (
    Status,
    mark_approved,
    mark_draft,
    mark_stale,
    mark_translated,
    status_of,
)

# -- provenance ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["plain", "two\nlines", "back\\slash \\n not a newline", "ends with space ", "", "cr\r\nlf"],
)
def test_draft_text_round_trips_and_stays_one_line(text: str) -> None:
    entry = Entry("p-1", "source", comments=["transkit: draft engine=deepl", "a note"])
    set_draft_text(entry, text)
    [comment] = [c for c in entry.comments if c.startswith("transkit-draft:")]
    assert "\n" not in comment and "\r" not in comment
    assert draft_text(entry) == text
    assert entry.meta == {"state": "draft", "engine": "deepl"}  # the metadata is untouched
    assert "a note" in entry.comments


def test_draft_text_is_replaced_not_repeated_and_can_be_forgotten() -> None:
    entry = Entry("p-1", "source")
    assert draft_text(entry) is None
    set_draft_text(entry, "one")
    set_draft_text(entry, "two")
    assert draft_text(entry) == "two"
    assert len(entry.comments) == 1
    set_draft_text(entry, None)
    assert draft_text(entry) is None and entry.comments == []


# -- which entries, and never overwriting ---------------------------------------


def _entries() -> dict[str, Entry]:
    new = Entry("a", "Untranslated.")
    approved = Entry("b", "Approved.", "Aprobado.")
    mark_approved(approved)
    translated = Entry("c", "Translated.", "Traducido.")
    mark_translated(translated)
    drafted = Entry("d", "Drafted.", "[ES] Drafted.")
    mark_draft(drafted, "deepl")
    stale_human = Entry("e", "Edited source.", "Texto de una persona.")
    mark_translated(stale_human)
    mark_stale(stale_human, "Old source.")
    stale_draft = Entry("f", "Edited too.", "[ES] Old draft.")
    mark_draft(stale_draft, "deepl")
    set_draft_text(stale_draft, "[ES] Old draft.")
    mark_stale(stale_draft, "Old too.")
    return {e.id: e for e in (new, approved, translated, drafted, stale_human, stale_draft)}


def test_pending_takes_untranslated_and_stale_only_on_request() -> None:
    entries = _entries()
    catalog = Catalog(entries=list(entries.values()))
    assert [e.id for e in plan.pending(catalog)] == ["a"]
    assert [e.id for e in plan.pending(catalog, include_stale=True)] == ["a", "e", "f"]


def test_apply_draft_fills_untranslated_as_a_fuzzy_draft_with_provenance() -> None:
    entry = _entries()["a"]
    assert plan.apply_draft(entry, "[ES] Untranslated.", "deepl", model="", formality="less")
    assert status_of(entry) is Status.DRAFT and entry.fuzzy
    assert entry.meta["engine"] == "deepl" and entry.meta["formality"] == "less"
    assert "model" not in entry.meta  # empty values are not recorded
    assert draft_text(entry) == "[ES] Untranslated."


def test_apply_draft_never_overwrites_a_persons_text() -> None:
    entries = _entries()
    for key in "bcd":
        before = (entries[key].target, list(entries[key].comments), entries[key].fuzzy)
        assert not plan.apply_draft(entries[key], "MACHINE", "deepl")
        assert (entries[key].target, entries[key].comments, entries[key].fuzzy) == before
    human = entries["e"]
    assert not plan.apply_draft(human, "[ES] Edited source.", "deepl")
    assert human.target == "Texto de una persona."
    assert status_of(human) is Status.STALE and human.previous == "Old source."
    assert draft_text(human) == "[ES] Edited source."  # offered beside it
    # an untouched draft is replaced only on request (another variant's)
    assert plan.apply_draft(entries["d"], "OTHER", "deepl", redraft=True)
    assert entries["d"].target == "OTHER"


def test_apply_draft_replaces_a_stale_untouched_draft() -> None:
    entry = _entries()["f"]
    assert plan.apply_draft(entry, "[ES] Edited too.", "deepl")
    assert entry.target == "[ES] Edited too."
    assert status_of(entry) is Status.DRAFT and entry.previous is None


# -- placeholders -------------------------------------------------------------------


def test_protect_escapes_text_and_turns_footnotes_into_tags() -> None:
    text = "Tom & Jerry <3 said “no”.[^4] Then[^a-1] more."
    xml = plan.protect(text)
    assert xml == 'Tom &amp; Jerry &lt;3 said “no”.<x id="4"/> Then<x id="a-1"/> more.'
    assert plan.restore(xml) == (text, False)


def test_restore_accepts_the_tag_forms_deepl_may_return() -> None:
    assert plan.restore("a<x id='4'></x> b< x  id = \"5\" /> c") == ("a[^4] b[^5] c", False)
    assert plan.restore("AT&amp;T &#233;&#x41; &copy") == ("AT&T éA &copy", False)
    assert plan.restore("made <b>up</b>") == ("made <b>up</b>", True)


@pytest.mark.parametrize(
    ("draft", "problems"),
    [
        ("Los obreros pararon.[^1] Nadie[^2] lo esperaba.", []),
        ("Los obreros pararon[^1]. Nadie[^2] lo esperaba.", []),  # before the period: fine
        ("Los obreros pararon. Nadie[^2] lo esperaba.", ["lost [^1]"]),
        ("Los obreros[^1][^1] pararon. Nadie[^2] lo esperaba.", ["added [^1]"]),
        ("Nadie[^2] lo esperaba. Los obreros pararon.[^1]", ["reordered [^1] [^2]"]),
    ],
)
def test_verify_finds_lost_added_and_reordered_placeholders(
    draft: str, problems: list[str]
) -> None:
    assert plan.verify("Workers stopped.[^1] Nobody[^2] expected it.", draft) == problems


def test_verify_finds_a_footnote_moved_away_from_the_end() -> None:
    source = "The strike spread to three plants.[^3]"
    assert plan.verify(source, "La huelga se extendió a tres plantas.[^3]") == []
    assert plan.verify(source, "La huelga se extendió a tres plantas[^3].") == []
    assert plan.verify(source, "La huelga[^3] se extendió a tres plantas.") == ["moved [^3]"]


# -- context ----------------------------------------------------------------------


def _template() -> Catalog:
    rows = [
        ("t-1", "title", "A small article"),
        ("p-1", "paragraph", "Workers stopped work.[^1]"),
        ("h-1", "heading 2", "What the papers say"),
        ("q-1", "quote > paragraph", "Several videos show workers."),
        ("q-2", None, "They called for strikes.[^2]"),
        ("p-2", "paragraph", "The demands were simple."),
        ("n-1", "note 1", "El Mundo, 11-10-2022."),
        ("n-2", "note 2", "The Telegraph."),
    ]
    return Catalog(entries=[Entry(i, s, notes=[n] if n else []) for i, n, s in rows])


def test_contexts_are_shared_by_a_section_title_heading_and_its_text() -> None:
    ctx = plan.contexts(_template())
    quote = "Several videos show workers. They called for strikes."
    section = f"A small article\n\nWhat the papers say\n\n{quote}\n\nThe demands were simple."
    assert ctx["h-1"] == ctx["q-1"] == ctx["q-2"] == ctx["p-2"] == section
    assert ctx["t-1"] == ctx["p-1"] == "A small article\n\nWorkers stopped work."
    assert ctx["n-1"] == ctx["n-2"] == "A small article\n\nEl Mundo, 11-10-2022.\n\nThe Telegraph."
    assert all("[^" not in c for c in ctx.values())


# -- paragraphs as one text ------------------------------------------------------------


def test_a_paragraph_travels_as_one_text_with_its_sentences_tagged() -> None:
    template = _template()
    pending = {e.id: e.source for e in template if e.id != "p-2"}
    units = plan.units(plan.paragraphs(template), pending, plan.contexts(template))
    assert [u.segments for u in units] == [
        ("t-1",), ("p-1",), ("h-1",), ("q-1", "q-2"), ("n-1",), ("n-2",)
    ]
    quote = units[3]
    assert quote.text == (
        '<s id="0">Several videos show workers.</s> '
        '<s id="1">They called for strikes.<x id="2"/></s>'
    )
    assert quote.chars == len("Several videos show workers. They called for strikes.")
    answer = quote.text.replace("Several", "Varios").replace("They", "Ellos")
    assert plan.split(quote, answer) == ["Varios videos show workers.",
                                         'Ellos called for strikes.<x id="2"/>']
    assert [u.text for u in plan.sentences(quote)] == [
        "Several videos show workers.", 'They called for strikes.<x id="2"/>'
    ]


@pytest.mark.parametrize(
    "answer",
    [
        '[ES] <s id="0">A.</s> <s id="1">B.</s>',  # words outside the sentences
        '<s id="0">A. B.</s>',  # two sentences merged
        '<s id="1">B.</s> <s id="0">A.</s>',  # reordered
        '<s id="0">A.</s> <s id="1">B.',  # a tag lost
        '<s id="0">A. <s id="1">B.</s></s>',  # nested
    ],
)
def test_broken_sentence_tags_are_noticed(answer: str) -> None:
    unit = plan.paragraph([("a", "A."), ("b", "B.")], "")
    assert plan.split(unit, answer) is None


# -- batching ------------------------------------------------------------------------


def test_batches_share_one_context_and_respect_the_text_limit() -> None:
    units = [plan.Unit(f"s{i}", f"Sentence {i}.", "A") for i in range(120)]
    units += [plan.Unit("x", "Other.", "B"), plan.Unit("y", "Again.", "A")]
    batches = plan.batches(units)
    assert [len(b.units) for b in batches] == [50, 50, 20, 1, 1]
    assert [b.context for b in batches] == ["A", "A", "A", "B", "A"]
    assert [u.id for b in batches for u in b.units] == [u.id for u in units]


def test_batches_respect_the_byte_limit_including_context_and_escapes() -> None:
    context = "c" * 5000
    text = "é" * 2000  # 6 bytes each once requests encodes the JSON ASCII-only
    units = [plan.Unit(f"s{i}", text, context) for i in range(30)]
    batches = plan.batches(units)
    assert len(batches) > 1
    for b in batches:
        body = json.dumps({"text": b.texts, "context": b.context, "target_lang": "PT-BR"})
        assert len(body) <= plan.MAX_REQUEST_BYTES
        assert len(b.units) <= plan.MAX_TEXTS
    with pytest.raises(ValueError, match="s0 is too long"):
        plan.batches([plan.Unit("s0", "x" * plan.MAX_REQUEST_BYTES, "")])


# -- cache ---------------------------------------------------------------------------


def test_cache_key_depends_on_everything_that_shapes_a_translation() -> None:
    base = cache_key("Text.", "ctx", "ES", {"formality": "default"})
    assert base == cache_key("Text.", "ctx", "ES", {"formality": "default"})
    assert base != cache_key("Text!", "ctx", "ES", {"formality": "default"})
    assert base != cache_key("Text.", "other", "ES", {"formality": "default"})
    assert base != cache_key("Text.", "ctx", "NL", {"formality": "default"})
    assert base != cache_key("Text.", "ctx", "ES", {"formality": "less"})


def test_cache_persists_and_an_interrupted_batch_leaves_the_previous_state(tmp_path) -> None:
    path = tmp_path / ".transkit" / "cache" / "deepl.sqlite"
    with DraftCache(path) as cache:
        cache.put_many("ES", {"k1": Cached("[ES] one", 3, "m")})
        cache.set_state("glossary:x", '{"id": "g"}')
    assert (tmp_path / ".transkit" / ".gitignore").read_text().strip().endswith("*")
    # A batch cut off before its commit (Ctrl+C, crash) leaves nothing half-written.
    db = sqlite3.connect(path)
    db.execute("BEGIN")
    db.execute("INSERT INTO translations VALUES ('k2', 'ES', 'torn', 1, '')")
    db.close()  # no commit
    with DraftCache(path) as cache:
        assert cache.get_many(["k1", "k2"]) == {"k1": Cached("[ES] one", 3, "m")}
        assert cache.get_state("glossary:x") == '{"id": "g"}'
        cache.set_state("glossary:x", None)
        assert cache.get_state("glossary:x") is None


def test_a_dry_run_cache_writes_nothing(tmp_path) -> None:
    path = tmp_path / ".transkit" / "cache" / "deepl.sqlite"
    with DraftCache(path, create=False) as cache:
        assert cache.get_many(["k"]) == {}
    assert not (tmp_path / ".transkit").exists()
