"""Translation memory: exact and fuzzy matches from approved translations only."""

from __future__ import annotations

from transkit.catalog import Catalog, Entry
from transkit.memory import Suggestion, TranslationMemory
from transkit.status import mark_approved, mark_draft, mark_translated


def _approved(id: str, source: str, target: str) -> Entry:
    entry = Entry(id, source, target)
    mark_approved(entry, reviewer="ana")
    return entry


def _memory() -> TranslationMemory:
    draft = Entry("p-d", "The strike spread to three plants.", "[ES] machine")
    mark_draft(draft, "deepl")
    translated = Entry("p-t", "Nobody expected it.", "Nadie lo esperaba.")
    mark_translated(translated)
    edited_after_approval = _approved("p-e", "Workers marched.", "Los obreros marcharon.")
    edited_after_approval.target = "Los obreros desfilaron."  # changed in another tool
    first = Catalog(
        entries=[
            _approved(
                "p-1",
                "Workers in the refinery stopped work on Tuesday.[^1]",
                "Los trabajadores de la refinería pararon el martes.[^1]",
            ),
            _approved(
                "p-2", "The strike spread to three plants.", "La huelga se extendió a tres plantas."
            ),
            draft,
            translated,
            edited_after_approval,
            Entry("p-u", "Untranslated sentence.", ""),
        ]
    )
    second = Catalog(
        entries=[
            _approved(
                "p-9", "The strike spread to three plants.", "La huelga llegó a tres plantas."
            ),
            _approved(
                "p-8", "The strike spread to three plants.", "La huelga se extendió a tres plantas."
            ),
            _approved(
                "p-7",
                "The strike spread to four plants.",
                "La huelga se extendió a cuatro plantas.",
            ),
        ]
    )
    return TranslationMemory.from_catalogs([("first", first), ("second", second)])


def test_only_approved_translations_are_remembered() -> None:
    memory = _memory()
    assert len(memory) == 5
    assert memory.exact("Nobody expected it.") is None  # translated, not approved
    assert memory.exact("Workers marched.") is None  # approval no longer matches the text
    assert memory.exact("Untranslated sentence.") is None


def test_exact_prefers_the_most_frequent_translation() -> None:
    match = _memory().exact("The strike spread to three plants.")
    assert match == Suggestion(
        100.0,
        "The strike spread to three plants.",
        "La huelga se extendió a tres plantas.",
        "first",
        "p-2",
    )


def test_exact_maps_footnote_labels_onto_the_new_source() -> None:
    match = _memory().exact("Workers in the refinery stopped work on Tuesday.[^7]")
    assert match is not None and match.score == 100.0
    assert match.target == "Los trabajadores de la refinería pararon el martes.[^7]"
    assert match.source.endswith("[^1]")  # what was remembered, as it was


def test_suggest_ranks_fuzzy_matches_with_scores_and_cutoff() -> None:
    memory = _memory()
    found = memory.suggest("The strike spread to four plants!", limit=5, cutoff=70)
    assert [s.id for s in found] == ["p-7", "p-2", "p-9"]  # one per distinct pair
    assert found[0].score < 100 and found[0].score > found[1].score
    assert all(70 <= s.score <= 100 for s in found)
    assert memory.suggest("Something else entirely, about the weather.", cutoff=70) == []
    assert len(memory.suggest("The strike spread to four plants!", limit=1)) == 1
    assert memory.suggest("The strike spread to three plants.")[0].score == 100.0


def test_suggest_can_exclude_the_segment_itself() -> None:
    memory = _memory()
    query = "The strike spread to four plants."
    assert "p-7" not in [s.id for s in memory.suggest(query, exclude_id="p-7")]
    # "doc:id" excludes it in one document only
    assert "p-2" not in [s.id for s in memory.suggest(query, exclude_id="first:p-2")]
    assert "p-2" in [s.id for s in memory.suggest(query, exclude_id="second:p-2")]
    assert memory.exact("The strike spread to four plants.", exclude_id="second:p-7") is None


def test_memory_from_a_project_spans_its_documents(make_project, chdir) -> None:
    from transkit.cli import main

    project = make_project()
    (chdir / "other.md").write_text("# A small article on the move\n\nSomething new.\n")
    assert main(["import", "other.md", "--doc", "other"]) == 0
    catalog = project.load_translation("other", "es")
    title = next(iter(catalog))
    title.target = "Un pequeño artículo en marcha"
    mark_approved(title)
    project.save_translation("other", "es", catalog)

    memory = TranslationMemory.from_project(project, "es")
    assert len(memory) == 1
    assert memory.exact("A small article on the move") == Suggestion(
        100.0, "A small article on the move", "Un pequeño artículo en marcha", "other", title.id
    )
    assert len(TranslationMemory.from_project(project, "nl")) == 0


def test_an_approval_is_learned_at_once_and_a_withdrawn_one_forgotten() -> None:
    memory = _memory()
    source = "Nobody expected it."  # translated in "first", not approved
    assert memory.exact(source) is None
    assert memory.learn("first", "p-t", source, "Nadie lo esperaba.", approved=True)
    assert memory.exact(source) == Suggestion(100.0, source, "Nadie lo esperaba.", "first", "p-t")
    assert [s.target for s in memory.suggest("Nobody expected it!")] == ["Nadie lo esperaba."]
    assert len(memory) == 6
    assert not memory.learn("first", "p-t", source, "Nadie lo esperaba.", approved=True)
    # approved again with other words: the old text is no longer offered
    memory.learn("first", "p-t", source, "Nadie se lo esperaba.", approved=True)
    assert [s.target for s in memory.suggest(source)] == ["Nadie se lo esperaba."]
    # undone (or sent back): forgotten, for exact and similar matches alike
    assert memory.learn("first", "p-t", source, "Nadie se lo esperaba.", approved=False)
    assert memory.exact(source) is None
    assert memory.suggest("Nobody expected it!") == []
    assert len(memory) == 5


def test_withdrawing_an_approval_read_from_the_files() -> None:
    memory = _memory()
    source = "The strike spread to three plants."
    memory.learn("first", "p-2", source, "La huelga se extendió a tres plantas.", approved=False)
    memory.learn("second", "p-8", source, "La huelga se extendió a tres plantas.", approved=False)
    found = memory.exact(source)
    assert found is not None and (found.doc, found.id) == ("second", "p-9")
    assert [s.id for s in memory.suggest(source)] == ["p-9", "p-7"]


def test_a_search_begun_before_learning_sees_one_memory() -> None:
    memory = _memory()
    before = memory._index
    memory.learn("third", "p-1", "A new sentence.", "Una frase nueva.", approved=True)
    assert memory._index is not before
    assert len(before.units) == 5 and len(memory._index.units) == 6


def test_suggestions_revised_after_learning_are_what_a_new_search_finds() -> None:
    queries = ["The strike spread to four plants!", "Nobody expected it.",
               "The strike spread to three plants.", "Workers in the refinery stopped work."]
    changes = [
        ("first", "p-t", "Nobody expected it.", "Nadie lo esperaba.", True),
        ("third", "p-1", "The strike spread to five plants.", "Cinco plantas.", True),
        ("third", "p-2", "The strike spread to three plants.", "La huelga se extendió a tres "
         "plantas.", True),  # said already: not offered twice
        ("second", "p-7", "The strike spread to four plants.", "", False),  # a shown one goes
        ("third", "p-1", "The strike spread to five plants.", "Cinco fábricas.", True),
    ]
    memory = _memory()
    found = {q: memory.suggest(q, limit=3, exclude_id="first:p-2") for q in queries}
    for doc, sid, source, target, approved in changes:
        learned = memory.learn(doc, sid, source, target, approved)
        assert learned is not None
        for q in queries:
            revised = learned.revise(found[q], q, limit=3, exclude_id="first:p-2")
            fresh = memory.suggest(q, limit=3, exclude_id="first:p-2")
            if revised is None:  # only a new search can tell
                assert any((s.doc, s.id) == (doc, sid) for s in found[q])
                revised = fresh
            assert revised == fresh, (doc, sid, q)
            found[q] = revised
