"""Plural-Forms: the value transkit writes, and what any header may hold.

A new PO file's ``Plural-Forms`` comes from `GNU_PLURAL_FORMS`, shipped
here, never from the installed babel: babel's CLDR data changes between
versions (2.19 gives Spanish, Portuguese and Catalan three forms, ``n %
1000000 == 0``; 2.14–2.18 and GNU msginit give two), and what transkit
writes or accepts must not depend on which babel a machine has.

transkit refuses ``msgid_plural`` entries, so a file's rule never changes
what a reader sees: any rule GNU gettext accepts is fine, the shipped one or
another. `plural_forms_problem` judges a header's value as ``msgfmt
--check`` does (gettext's ``plural.y`` grammar, ``msgl-check.c``): an
``nplurals`` integer, a ``plural`` C expression over ``n`` that parses, and
values in 0…nplurals-1 for n = 0…1000, with no division by zero. The
expression is read by a small parser and evaluated in unsigned 64-bit
arithmetic like GNU's ``plural_eval``; nothing is passed to eval().

Pure: no I/O, no babel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

#: Plural-Forms by language, as GNU gettext writes them. Most are msginit's
#: own table (gettext-tools/src/plural-table.c, which took them from the
#: manual's node "Plural forms"); th, id and ar are from that node too (msginit
#: reads them from CLDR when it can); gl, eu and zh, which neither lists, are
#: CLDR's integer rules in msginit's notation.
GNU_PLURAL_FORMS: dict[str, str] = {
    # -- plural-table.c -------------------------------------------------------------------
    "ja": "nplurals=1; plural=0;",
    "vi": "nplurals=1; plural=0;",
    "ko": "nplurals=1; plural=0;",
    "en": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "nl": "nplurals=2; plural=(n != 1);",
    "sv": "nplurals=2; plural=(n != 1);",
    "da": "nplurals=2; plural=(n != 1);",
    "no": "nplurals=2; plural=(n != 1);",
    "nb": "nplurals=2; plural=(n != 1);",
    "nn": "nplurals=2; plural=(n != 1);",
    "fo": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "bg": "nplurals=2; plural=(n != 1);",
    "el": "nplurals=2; plural=(n != 1);",
    "fi": "nplurals=2; plural=(n != 1);",
    "et": "nplurals=2; plural=(n != 1);",
    "he": "nplurals=2; plural=(n != 1);",
    "eo": "nplurals=2; plural=(n != 1);",
    "hu": "nplurals=2; plural=(n != 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "ca": "nplurals=2; plural=(n != 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "ga": "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;",
    "ro": "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
          "n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
          "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
          "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "be": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
          "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "sr": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
          "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "hr": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
          "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "sk": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    # -- the manual's node "Plural forms" -------------------------------------------------
    "th": "nplurals=1; plural=0;",
    "id": "nplurals=2; plural=(n != 1);",
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
          ": n%100>=11 ? 4 : 5;",
    # -- CLDR, for integers -----------------------------------------------------------------
    "gl": "nplurals=2; plural=(n != 1);",
    "eu": "nplurals=2; plural=(n != 1);",
    "zh": "nplurals=1; plural=0;",
}  # fmt: skip

#: What msginit's template says, and what a language not in the table gets.
DEFAULT_PLURAL_FORMS = "nplurals=2; plural=(n != 1);"

#: msgfmt evaluates the rule for these n (gettext's check_plural_eval).
CHECKED_RANGE = range(1001)

_MASK = (1 << 64) - 1  # unsigned long
_NEGATIVE = 1 << 63  # what (long) val < 0 means for an unsigned long
_MAX_TOKENS = 400  # real rules have under 100; a bound keeps evaluation shallow
_MAX_DEPTH = 40  # nested parentheses, ! and ?: (bison allows more; no real rule needs it)


def plural_forms(code: str) -> str:
    """The Plural-Forms transkit writes for `code` (``es``, ``pt_BR``, ``pt-PT``).

    A region falls back to its language (pt_PT → pt), an unknown language to
    ``nplurals=2; plural=(n != 1);``, as msginit's template has it.
    """
    lang, *rest = code.split(".")[0].split("@")[0].replace("-", "_").split("_")
    lang = lang.lower()
    for part in rest:
        found = GNU_PLURAL_FORMS.get(f"{lang}_{part.upper()}")
        if found:
            return found
    return GNU_PLURAL_FORMS.get(lang, DEFAULT_PLURAL_FORMS)


class PluralFormsError(ValueError):
    """A Plural-Forms value msgfmt would reject; the message is msgfmt's."""


@dataclass(frozen=True)
class PluralRule:
    """A parsed Plural-Forms value: ``rule(n)`` is the form used for `n`."""

    nplurals: int
    expression: str
    _eval: Callable[[int], int] = field(repr=False, compare=False)

    def __call__(self, n: int) -> int:
        return self._eval(n & _MASK)


def parse_plural_forms(value: str) -> PluralRule:
    """Read ``nplurals=N; plural=EXPR;`` as msgfmt does, or raise `PluralFormsError`.

    As in gettext, each part is found anywhere in `value`, ``nplurals`` is
    read as leading digits, and the expression ends at ``;``, a newline or
    the end of the value.
    """
    at = value.find("nplurals=")
    if at < 0:
        raise PluralFormsError("no nplurals=INTEGER in Plural-Forms")
    start = at + len("nplurals=")
    while start < len(value) and value[start] in " \t\n\v\f\r":
        start += 1
    end = start
    while end < len(value) and "0" <= value[end] <= "9":
        end += 1
    if end == start:
        raise PluralFormsError("invalid nplurals value")
    nplurals = int(value[start:end])
    at = value.find("plural=")
    if at < 0:
        raise PluralFormsError("no plural=EXPRESSION in Plural-Forms")
    text = value[at + len("plural=") :]
    return PluralRule(nplurals, _expression_text(text), _Parser(text).parse())


@lru_cache(maxsize=256)
def plural_forms_problem(value: str) -> str | None:
    """Why msgfmt --check would reject this Plural-Forms value, or None.

    Cached: a project has a handful of distinct values, and each is
    evaluated for 1,001 values of n.
    """
    try:
        rule = parse_plural_forms(value)
    except PluralFormsError as exc:
        return str(exc)
    try:
        for n in CHECKED_RANGE:
            form = rule(n)
            if form >= _NEGATIVE:
                return "plural expression can produce negative values"
            if form >= rule.nplurals:
                return (
                    f"nplurals = {rule.nplurals} but plural expression can produce values "
                    f"as large as {form}"
                )
    except ZeroDivisionError:
        return "plural expression can produce division by zero"
    return None


# -- the expression: gettext's plural.y -----------------------------------------------------

Eval = Callable[[int], int]

_BINARY: dict[str, Callable[[int, int], int]] = {
    "*": lambda a, b: (a * b) & _MASK,
    "/": lambda a, b: a // b,  # ZeroDivisionError, as C raises SIGFPE
    "%": lambda a, b: a % b,
    "+": lambda a, b: (a + b) & _MASK,
    "-": lambda a, b: (a - b) & _MASK,
    "<": lambda a, b: int(a < b),
    ">": lambda a, b: int(a > b),
    "<=": lambda a, b: int(a <= b),
    ">=": lambda a, b: int(a >= b),
    "==": lambda a, b: int(a == b),
    "!=": lambda a, b: int(a != b),
}
#: Binary operators by precedence level, loosest first (after ?: then || then &&).
_LEVELS = (("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"))


def _expression_text(text: str) -> str:
    for i, ch in enumerate(text):
        if ch in ";\n":
            return text[:i].strip()
    return text.strip()


def _tokens(text: str) -> list[str | int]:
    """gettext's yylex: numbers, ``n``, operators; blanks are spaces and tabs."""
    out: list[str | int] = []
    i, size = 0, len(text)
    while i < size:
        ch = text[i]
        if ch in ";\n":
            break
        if ch in " \t":
            i += 1
            continue
        if "0" <= ch <= "9":
            j = i
            while j < size and "0" <= text[j] <= "9":
                j += 1
            out.append(int(text[i:j]) & _MASK)
            i = j
        elif text.startswith(("==", "!=", "<=", ">=", "&&", "||"), i):
            out.append(text[i : i + 2])
            i += 2
        elif ch in "n?:()!<>*/%+-":
            out.append(ch)
            i += 1
        else:
            raise PluralFormsError("invalid plural expression")
        if len(out) > _MAX_TOKENS:
            raise PluralFormsError(
                f"invalid plural expression (over {_MAX_TOKENS} tokens: too long for transkit)"
            )
    return out


class _Parser:
    """Recursive descent over plural.y's grammar, building closures over n."""

    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.at = 0
        self.depth = 0

    def parse(self) -> Eval:
        result = self.conditional()
        if self.at != len(self.tokens):
            raise PluralFormsError("invalid plural expression")
        return result

    def peek(self) -> str | int | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, token: str) -> None:
        if self.peek() != token:
            raise PluralFormsError("invalid plural expression")
        self.at += 1

    def nested(self) -> None:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise PluralFormsError(
                f"invalid plural expression (nested over {_MAX_DEPTH} deep: too deep for transkit)"
            )

    def conditional(self) -> Eval:
        """``a ? b : c``, right-associative, the loosest operator."""
        test = self.logical("||")
        if self.peek() != "?":
            return test
        self.at += 1
        self.nested()
        then = self.conditional()
        self.take(":")
        other = self.conditional()
        self.depth -= 1
        return lambda n: then(n) if test(n) else other(n)

    def logical(self, op: str) -> Eval:
        operand: Callable[[], Eval] = (
            (lambda: self.logical("&&")) if op == "||" else (lambda: self.binary(0))
        )
        left = operand()
        while self.peek() == op:
            self.at += 1
            right = operand()
            if op == "||":
                left = (lambda a, b: lambda n: 1 if a(n) or b(n) else 0)(left, right)
            else:
                left = (lambda a, b: lambda n: 1 if a(n) and b(n) else 0)(left, right)
        return left

    def binary(self, level: int) -> Eval:
        if level == len(_LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in _LEVELS[level]:
            fn = _BINARY[str(self.tokens[self.at])]
            self.at += 1
            right = self.binary(level + 1)
            left = (lambda f, a, b: lambda n: f(a(n), b(n)))(fn, left, right)
        return left

    def unary(self) -> Eval:
        token = self.peek()
        if token == "!":
            self.at += 1
            self.nested()
            inner = self.unary()
            self.depth -= 1
            return lambda n: 0 if inner(n) else 1
        if token == "n":
            self.at += 1
            return lambda n: n
        if isinstance(token, int):
            self.at += 1
            return lambda n: token
        if token == "(":
            self.at += 1
            self.nested()
            inner = self.conditional()
            self.take(")")
            self.depth -= 1
            return inner
        raise PluralFormsError("invalid plural expression")
