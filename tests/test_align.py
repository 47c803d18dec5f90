"""The alignment core: each shape, structure and anchors, the target
language's own sentence splitting, and the translator's join / unjoin / move."""

from __future__ import annotations

import pytest

from transkit.align.aligner import Aligner, Alignment, Segment, SourceBlock, TargetBlock
from transkit.align.edits import EditError, join_with_previous, move_sentence, unjoin
from transkit.align.sentences import split_sentences
from transkit.catalog import Entry
from transkit.document import Layout
from transkit.status import Status, mark_approved, mark_joined, status_of

P = Layout("paragraph")


def src(*blocks: tuple[Layout, list[str]] | list[str]) -> list[SourceBlock]:
    out = []
    n = 0
    for b in blocks:
        layout, texts = b if isinstance(b, tuple) else (P, b)
        segs = []
        for t in texts:
            n += 1
            segs.append(Segment(f"s{n}", t))
        out.append(SourceBlock(layout, tuple(segs)))
    return out


def tgt(*blocks: tuple[Layout, list[str]] | list[str]) -> list[TargetBlock]:
    out = []
    for n, b in enumerate(blocks, 1):
        layout, texts = b if isinstance(b, tuple) else (P, b)
        out.append(TargetBlock(layout, tuple(texts), n))
    return out


def texts(result: Alignment) -> dict[str, str]:
    return {a.id: a.text for a in result.aligned}


STRIKE_EN = [
    "The strike began on 3 October 2022 in Asaluyeh.",
    "Workers at three plants stopped work.",
    "They demanded higher wages and permanent contracts for everyone.",
]
STRIKE_ES = [
    "La huelga comenzó el 3 de octubre de 2022 en Asaluyeh.",
    "Los trabajadores de tres plantas dejaron de trabajar.",
    "Exigieron salarios más altos y contratos permanentes para todos.",
]


def test_one_to_one_sentences_pair_in_order() -> None:
    result = Aligner("es").align(src(STRIKE_EN), tgt(STRIKE_ES))
    assert texts(result) == dict(zip(["s1", "s2", "s3"], STRIKE_ES, strict=True))
    assert not result.unaligned and not result.unused
    assert all(a.confidence >= 0.5 for a in result.aligned)


def test_one_segment_translated_as_two_sentences_gets_both() -> None:  # 1:2
    en = [STRIKE_EN[0], "Workers at three plants stopped work and demanded higher wages.",
          "The government answered with arrests."]
    es = [STRIKE_ES[0], "Los trabajadores de tres plantas dejaron de trabajar.",
          "Exigieron salarios más altos.", "El gobierno respondió con detenciones."]
    got = texts(Aligner("es").align(src(en), tgt(es)))
    assert got["s2"] == "Los trabajadores de tres plantas dejaron de trabajar. " \
        "Exigieron salarios más altos."
    assert got["s3"] == es[3]


def test_two_segments_in_one_sentence_join_the_second() -> None:  # 2:1
    en = [STRIKE_EN[0], "Workers at three plants stopped work.", "They demanded higher wages.",
          "The government answered with arrests."]
    es = [STRIKE_ES[0],
          "Los trabajadores de tres plantas dejaron de trabajar y exigieron salarios más altos.",
          "El gobierno respondió con detenciones."]
    result = Aligner("es").align(src(en), tgt(es))
    by_id = result.by_id()
    assert by_id["s2"].text == es[1] and not by_id["s2"].joined
    assert by_id["s3"].joined and by_id["s3"].text == ""
    assert by_id["s4"].text == es[2]


def test_a_sentence_left_out_of_the_translation_stays_unaligned() -> None:  # 1:0
    en = ["The strike began on 3 October 2022 in Asaluyeh.",
          "Around four thousand workers at the three gas refineries of the South Pars field, "
          "most of them on temporary contracts, put down their tools that morning.",
          "It lasted 12 days."]
    es = ["La huelga comenzó el 3 de octubre de 2022 en Asaluyeh.", "Duró 12 días."]
    result = Aligner("es").align(src(en), tgt(es))
    assert result.unaligned == ["s2"]
    assert texts(result) == {"s1": es[0], "s3": es[1]}


def test_a_translators_addition_is_reported_unused_with_its_place() -> None:  # 0:1
    es = [STRIKE_ES[0], "(Nota del traductor: Asaluyeh está en la provincia de Bushehr, "
          "en la costa del golfo Pérsico, y alberga el mayor complejo gasístico del país.)",
          STRIKE_ES[1], STRIKE_ES[2]]
    result = Aligner("es").align(src(STRIKE_EN), tgt(es))
    assert texts(result) == dict(zip(["s1", "s2", "s3"], STRIKE_ES, strict=True))
    assert [(u.block, u.text[:22], u.after) for u in result.unused] == [
        (1, "(Nota del traductor: A", "s3")
    ]


PARAGRAPHS_EN = [
    ["The strike began on 3 October 2022 in Asaluyeh.", "It spread within a week."],
    ["By 10 October, 4,000 workers at 14 plants had stopped work.",
     "Managers called the police."],
    ["The union's statement is at https://example.org/statement."],
    ["Families gathered outside the governor's office in Bushehr.",
     "They demanded the release of 250 workers."],
]
PARAGRAPHS_ES = [
    ["La huelga comenzó el 3 de octubre de 2022 en Asaluyeh.", "Se extendió en una semana."],
    ["Para el 10 de octubre, 4.000 trabajadores de 14 plantas habían parado.",
     "Los directivos llamaron a la policía."],
    ["El comunicado del sindicato está en https://example.org/statement."],
    ["Las familias se reunieron frente a la oficina del gobernador en Bushehr.",
     "Exigieron la liberación de 250 trabajadores."],
]


def test_a_translators_note_is_left_over_rather_than_paired() -> None:
    # A short note after a long paragraph looks like its last sentence split
    # in two, or like a paragraph of its own: only its opening tells.
    en = [["The strike began on 3 October 2022 in Asaluyeh.",
           "It spread within a week to the refineries of Abadan and Bandar Abbas.",
           "Managers first ignored it.", "Then they called the police and the army."],
          *PARAGRAPHS_EN[1:]]
    es = [["La huelga comenzó el 3 de octubre de 2022 en Asaluyeh.",
           "En una semana se extendió a las refinerías de Abadán y Bandar Abbas.",
           "Al principio los directivos la ignoraron.",
           "Luego llamaron a la policía y al ejército."],
          ["(N. del T.: Abadán está en Juzestán.)"], *PARAGRAPHS_ES[1:]]
    result = Aligner("es").align(src(*en), tgt(*es))
    assert [u.text[:9] for u in result.unused] == ["(N. del T"]
    assert texts(result)["s4"] == "Luego llamaron a la policía y al ejército."


def test_a_missing_paragraph_leaves_only_its_segments_unaligned() -> None:
    es = [PARAGRAPHS_ES[0], PARAGRAPHS_ES[2], PARAGRAPHS_ES[3]]
    result = Aligner("es").align(src(*PARAGRAPHS_EN), tgt(*es))
    assert result.unaligned == ["s3", "s4"]
    got = texts(result)
    assert got["s5"].startswith("El comunicado") and got["s6"].startswith("Las familias")
    assert got["s7"].startswith("Exigieron") and got["s1"].startswith("La huelga")


def test_two_paragraphs_merged_in_the_translation_still_align() -> None:  # blocks 2:1
    es = [PARAGRAPHS_ES[0], PARAGRAPHS_ES[1] + PARAGRAPHS_ES[2], PARAGRAPHS_ES[3]]
    got = texts(Aligner("es").align(src(*PARAGRAPHS_EN), tgt(*es)))
    assert got["s3"].startswith("Para el 10") and got["s5"].startswith("El comunicado")
    assert got["s7"].startswith("Exigieron")


def test_numbers_and_urls_anchor_blocks_of_similar_length() -> None:
    # Two paragraphs of similar length, the translation's order swapped: only
    # the anchors (a date, a URL) can tell which is which.
    en = [["On 3 October 1,700 workers left."], ["See https://example.org/a for it."]]
    es = [["Véalo en https://example.org/a ahora."], ["El 3 de octubre se fueron 1.700."]]
    result = Aligner("es").align(src(*en), tgt(*es))
    got = texts(result)
    # no ordering can pair both: the one kept is paired by its anchors, not by place
    assert all(("1.700" in t) == (k == "s1") for k, t in got.items())


def test_a_moved_endnote_pairs_by_its_label() -> None:
    note = Layout("note", "1")
    note2 = Layout("note", "2")
    en = [(P, ["Workers struck.[^1]", "Families protested.[^2]"]),
          (note, ["Reported by ILNA on 4 October."]),
          (note2, ["Confirmed by the union later that month."])]
    es = [(P, ["Los trabajadores hicieron huelga.[^1]", "Las familias protestaron.[^2]"]),
          (note2, ["Confirmado por el sindicato más tarde ese mes."]),
          (note, ["Informado por ILNA el 4 de octubre."])]
    got = texts(Aligner("es").align(src(*en), tgt(*es)))
    assert got["s3"] == "Informado por ILNA el 4 de octubre."
    assert got["s4"] == "Confirmado por el sindicato más tarde ese mes."
    assert got["s1"].endswith("[^1]") and got["s2"].endswith("[^2]")


def test_headings_pair_with_headings() -> None:
    h2 = Layout("heading", "2")
    en = [(h2, ["The strike"]), (P, ["Workers at three plants stopped work."]),
          (h2, ["The arrests"]), (P, ["The government arrested dozens of workers."])]
    es = [(h2, ["La huelga"]), (P, ["Los trabajadores de tres plantas pararon."]),
          (h2, ["Las detenciones"]), (P, ["El gobierno detuvo a decenas de trabajadores."])]
    got = texts(Aligner("es").align(src(*en), tgt(*es)))
    assert got == {"s1": "La huelga", "s2": "Los trabajadores de tres plantas pararon.",
                   "s3": "Las detenciones", "s4": "El gobierno detuvo a decenas de trabajadores."}


def test_a_bridge_decides_what_length_cannot() -> None:
    # Two sentences of equal length, one of them missing in the translation:
    # without a bridge either could be the one left out; the drafts tell.
    en = ["Workers occupied the plant.", "Managers called the police."]
    es = ["Los directivos llamaron a la policía."]
    plain = Aligner("es").align(src(en), tgt(es))
    bridged_src = [SourceBlock(P, (Segment("s1", en[0], "Los trabajadores ocuparon la planta."),
                                   Segment("s2", en[1], "Los gerentes llamaron a la policía.")))]
    bridged = Aligner("es").align(bridged_src, tgt(es))
    assert texts(bridged) == {"s2": es[0]} and bridged.unaligned == ["s1"]
    assert len(plain.aligned) + len(plain.unaligned) == 2


# -- the target language's own sentences ----------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "sentences"),
    [
        ("es", "Vive en EE. UU. desde 2010. Luego volvió.",
         ["Vive en EE. UU. desde 2010.", "Luego volvió."]),
        ("nl", "Er zijn o.a. fabrieken in Gent. Dat is d.w.z. slecht. Nieuwe zin.",
         ["Er zijn o.a. fabrieken in Gent.", "Dat is d.w.z. slecht.", "Nieuwe zin."]),
        ("pt", "Há muitos, p. ex. fábricas. Outra frase.",
         ["Há muitos, p. ex. fábricas.", "Outra frase."]),
        ("pt_BR", "Há muitos, p. ex. fábricas. Outra frase.",
         ["Há muitos, p. ex. fábricas.", "Outra frase."]),
        ("es", "Huyó al exilio.[^2] Después volvió. «¿Qué?», dijo.",
         ["Huyó al exilio.[^2]", "Después volvió.", "«¿Qué?», dijo."]),
        ("es", "Lo dijo el Sr. Pérez. Y la Dra. Gómez también.",
         ["Lo dijo el Sr. Pérez.", "Y la Dra. Gómez también."]),
        # a quoted paragraph is several segments of the source: split inside the quotes
        ("es", "“Varios vídeos muestran a obreros. La región está en Juzestán. (…) Mientras "
         "tanto, nada.” [^1] Fin.",
         ["“Varios vídeos muestran a obreros.", "La región está en Juzestán.",
          "(…) Mientras tanto, nada.” [^1]", "Fin."]),
    ],
)
def test_translations_split_by_their_own_languages_rules(
    lang: str, text: str, sentences: list[str]
) -> None:
    assert split_sentences(text, lang) == sentences


def test_an_abbreviation_does_not_cut_a_sentence_out_of_the_alignment() -> None:
    en = ["She has lived in the U.S. since 2010.", "Then she came back."]
    es_text = "Vive en EE. UU. desde 2010. Luego volvió."
    result = Aligner("es").align(src(en), tgt(split_sentences(es_text, "es")))
    assert texts(result) == {"s1": "Vive en EE. UU. desde 2010.", "s2": "Luego volvió."}


# -- the translator's fix-ups -----------------------------------------------------------


def entries(*targets: str, first_layout: str = "paragraph") -> list[Entry]:
    out = []
    for n, t in enumerate(targets, 1):
        e = Entry(f"s{n}", f"Source {n}.", t)
        if n == 1:
            e.notes = [first_layout]
        if t:
            mark_approved(e, "ana", "2026-12-01")
        out.append(e)
    return out


def test_join_with_previous_moves_the_text_and_marks_the_segment_joined() -> None:
    es = entries("Primera frase.", "Segunda frase.")
    edit = join_with_previous(es, 1, who="bo", on="2026-12-02")
    carrier, joined = edit.changed
    assert carrier.target == "Primera frase. Segunda frase."
    assert status_of(carrier) is Status.TRANSLATED  # no longer the approved text
    assert status_of(joined) is Status.JOINED and joined.target == ""
    assert status_of(es[1]) is Status.APPROVED  # the originals are untouched


def test_unjoin_gives_the_last_sentence_back() -> None:
    es = entries("Una frase. Otra frase.", "")
    mark_joined(es[1])
    carrier, freed = unjoin(es, 1, "es", who="bo").changed
    assert (carrier.target, freed.target) == ("Una frase.", "Otra frase.")
    assert status_of(freed) is Status.TRANSLATED


def test_unjoin_of_a_one_sentence_carrier_leaves_the_segment_untranslated() -> None:
    es = entries("Una sola frase que cubre ambas.", "")
    mark_joined(es[1])
    (freed,) = unjoin(es, 1, "es").changed
    assert status_of(freed) is Status.UNTRANSLATED and not freed.comments


def test_move_sentence_to_the_next_and_previous_segment() -> None:
    es = entries("Una frase. Otra frase.", "Tercera.")
    here, there = move_sentence(es, 0, +1, "es", who="bo").changed
    assert (here.target, there.target) == ("Una frase.", "Otra frase. Tercera.")
    back = move_sentence([here, there], 1, -1, "es").changed
    assert [e.target for e in back] == ["Una frase. Otra frase.", "Tercera."]


def test_fix_ups_refuse_to_cross_a_paragraph() -> None:
    es = entries("Una.", "Dos.")
    es[1].notes = ["paragraph"]  # starts a new block
    with pytest.raises(EditError):
        join_with_previous(es, 1)
    with pytest.raises(EditError):
        move_sentence(es, 0, +1, "es")
    with pytest.raises(EditError):
        unjoin(es, 0, "es")
