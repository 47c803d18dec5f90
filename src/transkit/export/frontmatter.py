"""Front matter (YAML ``---`` or TOML ``+++``): the values worth translating.

Front matter is kept verbatim; only its ``title`` and ``description`` become
segments, when written on one line as a plain or quoted string. Exporting a
language puts each translated value back on its own line, re-quoted (a JSON
string is a valid YAML double-quoted and TOML basic string); a value equal
to the original leaves the line as it was, so the source language's export
gives the front matter back byte for byte. Anything else (nested keys, block
scalars, arrays) is no segment and passes through untouched.
"""

from __future__ import annotations

import json
import re
import tomllib

#: The keys whose values are translated, in the order they become segments.
TRANSLATED_KEYS = ("title", "description")

_YAML_LINE = re.compile(r"^(?P<key>title|description)[ \t]*:[ \t]+(?P<value>\S.*?)[ \t]*$")
_TOML_LINE = re.compile(r"^(?P<key>title|description)[ \t]*=[ \t]*(?P<value>\S.*?)[ \t]*$")
_YAML_PLAIN_COMMENT = re.compile(r"[ \t]+#.*$")
_YAML_INDICATORS = tuple("[]{}&*!|>%@`#,?:-")


def is_toml(front_matter: str) -> bool:
    return front_matter.startswith("+++")


def values(front_matter: str) -> dict[str, str]:
    """The translatable values of a front matter block (delimiters included)."""
    found: dict[str, str] = {}
    for line in front_matter.split("\n")[1:-1]:
        key_value = _value_of(line, toml=is_toml(front_matter))
        if key_value and key_value[0] not in found and key_value[1].strip():
            found[key_value[0]] = key_value[1]
    return {k: found[k] for k in TRANSLATED_KEYS if k in found}


def with_values(front_matter: str, new: dict[str, str]) -> str:
    """`front_matter` with the values of `new` put in place of the originals
    (each key's first line); lines whose value is unchanged stay as written."""
    toml = is_toml(front_matter)
    lines = front_matter.split("\n")
    done: set[str] = set()
    for n, line in enumerate(lines[1:-1], start=1):
        key_value = _value_of(line, toml=toml)
        if not key_value or key_value[0] in done or key_value[0] not in new:
            continue
        key, old = key_value
        done.add(key)
        if new[key] != old:
            lines[n] = f"{key} = {_quoted(new[key])}" if toml else f"{key}: {_quoted(new[key])}"
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _value_of(line: str, *, toml: bool) -> tuple[str, str] | None:
    m = (_TOML_LINE if toml else _YAML_LINE).match(line)
    if not m:
        return None
    key, raw = m.group("key"), m.group("value")
    value = _toml_value(line) if toml else _yaml_value(raw)
    return (key, value) if value is not None else None


def _toml_value(line: str) -> str | None:
    try:
        parsed = tomllib.loads(line)
    except tomllib.TOMLDecodeError:
        return None
    value = next(iter(parsed.values()), None)
    return value if isinstance(value, str) and "\n" not in value else None


def _yaml_value(raw: str) -> str | None:
    """A one-line YAML scalar: double-quoted, single-quoted or plain."""
    if raw.startswith('"'):
        try:
            value = json.loads(raw)
        except ValueError:
            return None
        return value if isinstance(value, str) else None
    if raw.startswith("'"):
        if len(raw) < 2 or not raw.endswith("'") or "'" in raw[1:-1].replace("''", ""):
            return None
        return raw[1:-1].replace("''", "'")
    if raw.startswith(_YAML_INDICATORS) or ": " in raw:
        return None
    plain = _YAML_PLAIN_COMMENT.sub("", raw)
    if plain in ("null", "~", "true", "false") or _looks_numeric(plain):
        return None
    return plain


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
