import pytest

from transkit.segmenter import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One here. Two there.", ["One here.", "Two there."]),
        ("On Oct. 11, reports emerged. Then more.", ["On Oct. 11, reports emerged.", "Then more."]),
        ("Met on Sept. 15 in Moscow. Fine.", ["Met on Sept. 15 in Moscow.", "Fine."]),
        (
            "Counter U.S. influence in the region. Next.",
            ["Counter U.S. influence in the region.", "Next."],
        ),
        ("Rightly M. Jahangiry observes it. Yes.", ["Rightly M. Jahangiry observes it.", "Yes."]),
        ("Based on F.C. Iran: what now?", ["Based on F.C. Iran: what now?"]),
        ("He said “we strike.” Then he left.", ["He said “we strike.”", "Then he left."]),
        (
            "Called for strikes.” [^1] A source said.",
            ["Called for strikes.” [^1]", "A source said."],
        ),
        ("In exile.[^2] A source said.", ["In exile.[^2]", "A source said."]),
        ("the end of words. (…)” [^14]", ["the end of words. (…)” [^14]"]),
        (
            "“… what if labor unrest grew? In that case, no.",
            ["“… what if labor unrest grew?", "In that case, no."],
        ),
        ("e.g. this one. And i.e. that one.", ["e.g. this one.", "And i.e. that one."]),
        ("What about it? See here! Done.", ["What about it?", "See here!", "Done."]),
        ("lowercase after. period stays", ["lowercase after. period stays"]),
        ("In 1979. The fall.", ["In 1979.", "The fall."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_split_is_lossless() -> None:
    text = "A first one. Then Oct. 10 came. “Quoted.” [^3] Last … one. Final!"
    assert " ".join(split_sentences(text)) == text
