"""How a language joins the sentences of a paragraph back together.

Segments are whole sentences without the space between them; most scripts
put one space there, Chinese, Japanese, Thai, Lao, Khmer and Burmese none
(their sentence marks carry the spacing, or the script has no word spaces).
"""

from __future__ import annotations

from transkit.export.markdown import Joiner, join_sentences

#: Base language codes whose sentences are written without a space between them.
NO_SPACE_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})


def base_language(code: str) -> str:
    """``pt_BR`` / ``zh-Hant`` → ``pt`` / ``zh``."""
    return code.replace("-", "_").split("_")[0].lower()


def join_without_space(segments: list[str]) -> str:
    return "".join(s for s in segments if s)


def joiner(language: str) -> Joiner:
    """The sentence joiner for `language`."""
    if base_language(language) in NO_SPACE_LANGUAGES:
        return join_without_space
    return join_sentences
