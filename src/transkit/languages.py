"""Language codes and names, from babel's CLDR data; plural rules from transkit's
own table (`transkit.plurals`), so that no header depends on babel's version.

Checking a code does not load babel when the code is one of CLDR's locales
(``language-codes.txt``, shipped): every command checks the configured
languages at start-up, and importing babel for it took 4.9 ms of the 65 ms
that ``transkit status`` spends in Python (now 0.3 ms)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from transkit.errors import ConfigError
from transkit.plurals import plural_forms as _shipped_plural_forms

if TYPE_CHECKING:  # babel is imported when a locale is first needed
    from babel import Locale

#: DeepL's target codes where they differ from the plain language code
#: (the deepl client refuses plain PT and EN as targets).
DEEPL_DEFAULTS = {"pt": "PT-PT", "en": "EN-GB", "zh": "ZH-HANS"}


@cache
def _locale(code: str) -> Locale | None:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@cache
def _shipped_codes() -> frozenset[str]:
    text = Path(__file__).with_name("language-codes.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def check_language(code: str, where: str | None = None) -> str:
    """A known language code (``es``, ``pt_BR``), or a clear error. Babel is
    asked only about codes CLDR's locale list lacks (aliases such as ``iw``)."""
    if code.replace("-", "_") in _shipped_codes():
        return code
    if not code or _locale(code) is None:
        raise ConfigError(f"unknown language code {code!r} (use codes such as es, pt, nl)", where)
    return code


def native_name(code: str) -> str:
    """The language's name in itself, capitalized: Español, Nederlands."""
    loc = _locale(code)
    name = loc.get_display_name(loc) if loc else code
    return name[:1].upper() + name[1:] if name else code


def english_name(code: str) -> str:
    loc = _locale(code)
    name = loc.get_display_name("en") if loc else None  # None: babel has no name for it
    return name or code


def plural_forms(code: str) -> str:
    """The PO header's Plural-Forms for `code`: GNU msginit's value, from the
    table transkit ships (pt_PT → pt; an unknown language gets
    ``nplurals=2; plural=(n != 1);``), never babel's CLDR rule, which changed
    for es, pt and ca in babel 2.19."""
    return _shipped_plural_forms(code)


def deepl_code(code: str) -> str:
    return DEEPL_DEFAULTS.get(code.split("_")[0].lower(), code.replace("_", "-").upper())
