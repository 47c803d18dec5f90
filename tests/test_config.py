"""transkit.toml: one schema, checked in one place (`transkit.config`).

Every case writes a real transkit.toml and runs the command line: a mistake
anywhere in the file is one line naming the file, the line and the setting,
exit code 2, whichever command runs. The cases marked "silent before" were
accepted without a word until the schema covered every section.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from transkit.cli import main
from transkit.config import (
    CHECK,
    DRAFT,
    LANGUAGE,
    PROJECT,
    SCHEMA,
    Derived,
    default_config_text,
    load_config,
    parse_config,
    reference_table,
)
from transkit.export.assemble import PUBLISHABLE
from transkit.languages import _shipped_codes, check_language
from transkit.project import Project

BASE = """\
[project]
name = "test"
source-language = "en"

[languages.es]
deepl = "ES"
formality = "default"
publish = "approved"

[languages.pt]
deepl = "PT-PT"

[documents.sample]
source = "sample.md"
"""


def refused(chdir: Path, capsys: pytest.CaptureFixture[str], text: str,
            command: tuple[str, ...] = ("status",)) -> tuple[int | None, str]:
    """Write `text` as transkit.toml, run `command`: (line, message) of its one error."""
    path = chdir / "transkit.toml"
    path.write_text(text, encoding="utf-8")
    assert main(list(command)) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    m = re.fullmatch(rf"transkit: error: {re.escape(str(path))}:(?:(\d+):)? (.*)", lines[0])
    assert m, lines[0]
    return (int(m.group(1)) if m.group(1) else None), m.group(2)


def line_of(text: str, start: str) -> int:
    """The number of the first line of `text` that starts with `start`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def edited(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


# -- unknown keys: every section, with the nearest known key --------------------------

UNKNOWN = [
    # (text, the line's start, message); silent before but for [check] and [review.keys]
    (edited('name = "test"', 'nmae = "test"'), "nmae",
     "unknown key 'nmae' in [project]; did you mean 'name'?"),
    (edited('formality = "default"', 'formalty = "default"'), "formalty",
     "unknown key 'formalty' in [languages.es]; did you mean 'formality'?"),
    (edited('source = "sample.md"', 'sorce = "sample.md"'), "sorce",
     "unknown key 'sorce' in [documents.sample]; did you mean 'source'?"),
    (BASE + '[draft]\nmodle-type = "quality_optimized"\n', "modle-type",
     "unknown key 'modle-type' in [draft]; did you mean 'model-type'?"),
    (BASE + "[draft]\nnetwork_retries = 2\n", "network_retries",
     "unknown key 'network_retries' in [draft]; did you mean 'network-retries'?"),
    (BASE + "[check]\nmin-aproved = 50\n", "min-aproved",
     "unknown key 'min-aproved' in [check]; did you mean 'min-approved'?"),
    (BASE + "[review]\nkey = {}\n", "key", "unknown key 'key' in [review]; did you mean 'keys'?"),
    (BASE + '[review.keys]\napprov = "f9"\n', "approv",
     "unknown action 'approv' in [review.keys]; did you mean 'approve'?"),
    (BASE + '[review.keys]\n"list.aprove" = "y"\n', '"list.aprove"',
     "unknown action 'list.aprove' in [review.keys]; did you mean 'list.approve'?"),
    (BASE + "[drafts]\ntimeout = 5\n", "[drafts]",
     "unknown section 'drafts'; did you mean 'draft'?"),
    (BASE + '[draft]\ncolour = "red"\n', "colour",
     "unknown key 'colour' in [draft] (known: model-type, network-retries, timeout, "
     "use-memory, glossary-name)"),
    (BASE + '[check]\ndisable = ["lenght"]\n', "disable",
     "unknown check 'lenght' in [check] disable; did you mean 'length'?"),
    (BASE + '[check]\nseverity = {numbrs = "error"}\n', "severity",
     "unknown check 'numbrs' in [check] severity; did you mean 'numbers'?"),
]


@pytest.mark.parametrize(("text", "start", "message"), UNKNOWN)
def test_an_unknown_key_is_named_with_its_line_and_the_nearest_known_one(
    chdir: Path, capsys: pytest.CaptureFixture[str], text: str, start: str, message: str
) -> None:
    assert refused(chdir, capsys, text) == (line_of(text, start), message)


@pytest.mark.parametrize("command", [
    ("status",), ("check",), ("export",), ("draft", "--dry-run"), ("review",),
    ("import", "article.md"),
])
def test_every_command_refuses_the_same_mistake(
    chdir: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    """Silent before: ``[draft] modle-type`` was ignored by every command."""
    (chdir / "article.md").write_text("# A title\n\nA sentence.\n", encoding="utf-8")
    text = BASE + '[draft]\nmodle-type = "latency_optimized"\n'
    assert refused(chdir, capsys, text, command) == (
        line_of(text, "modle-type"),
        "unknown key 'modle-type' in [draft]; did you mean 'model-type'?",
    )


# -- wrong types and values ----------------------------------------------------------

WRONG = [
    ("[draft]\nnetwork-retries = \"3\"",
     "[draft] network-retries must be a whole number ≥ 0, not a string"),
    ("[draft]\nnetwork-retries = -1", "[draft] network-retries must be a whole number ≥ 0, not -1"),
    ("[draft]\ntimeout = 0", "[draft] timeout must be a number of seconds > 0, not 0"),
    ("[draft]\ntimeout = inf", "[draft] timeout must be a number of seconds > 0, not inf"),
    ("[draft]\ntimeout = true", "[draft] timeout must be a number of seconds > 0, not a boolean"),
    ('[draft]\nuse-memory = "yes"', "[draft] use-memory must be true or false, not a string"),
    ("[draft]\nglossary-name = 5", "[draft] glossary-name must be a string, not an integer"),
    ("[check]\nstrict = 1", "[check] strict must be true or false, not an integer"),
    ('[check]\nmin-approved = "all"',
     "[check] min-approved must be a percentage or a table {es = 100}, not a string"),
    ("[check]\nmin-approved = 150", "[check] min-approved must be a percentage, 0 to 100, not 150"),
    ("[check]\nmin-translated = {es = -5}",
     "[check] min-translated.es must be a percentage, 0 to 100, not -5"),
    ("[check]\nmin-approved = {es = 100, fr = 50}",
     "[check] min-approved: language 'fr' is not configured"),
    ('[check]\ndisable = "length"', "[check] disable must be a list of check ids, not a string"),
    ('[check]\nseverity = "error"',
     '[check] severity must be a table {check = "error"}, not a string'),
    ('[check]\ndisable = ["internal"]',
     "[check] disable: 'internal' reports a check that crashed and cannot be configured "
     "(disable the check that crashes instead)"),
    ("[review.keys]\napprove = 5",
     '[review.keys] approve must be a key or a list of keys, e.g. "ctrl+s"'),
    ('[review.keys]\napprove = "ctrl+s,ctrl+t"',
     '[review.keys] approve must be a key or a list of keys, e.g. "ctrl+s"'),
    ('[review]\nkeys = "x"', "review.keys must be a table ([review.keys]), not a string"),
]


@pytest.mark.parametrize(("table", "message"), WRONG)
def test_a_wrong_type_or_value_names_the_setting_and_what_it_must_be(
    chdir: Path, capsys: pytest.CaptureFixture[str], table: str, message: str
) -> None:
    text = BASE + "\n" + table + "\n"
    key = table.splitlines()[-1].split("=")[0].strip()
    assert refused(chdir, capsys, text) == (line_of(text, key), message)


ENUMS = [
    # silent before on every command but draft: formality, deepl
    (edited('formality = "default"', 'formality = "formal"'), "formality",
     "[languages.es] formality must be one of default, more, less, prefer_more, prefer_less, "
     "not 'formal'"),
    (edited('publish = "approved"', 'publish = "draft"'), "publish",
     "[languages.es] publish must be one of approved, translated, not 'draft'"),
    (edited('deepl = "PT-PT"', 'deepl = "PT"'), 'deepl = "PT"',
     "[languages.pt] deepl = 'PT' is not a DeepL target: name the variant "
     "(PT-PT or PT-BR, EN-GB or EN-US)"),
    (edited('deepl = "ES"', 'deepl = "Spanish please"'), "deepl",
     "[languages.es] deepl must be a DeepL target code such as ES or PT-BR, "
     "not 'Spanish please'"),
    (BASE + '[draft]\nmodel-type = "fastest"\n', "model-type",
     "[draft] model-type must be one of quality_optimized, latency_optimized, "
     "prefer_quality_optimized, not 'fastest'"),
    (BASE + '[check]\nseverity = {numbers = "fatal"}\n', "severity",
     "[check] severity.numbers must be one of error, warning, not 'fatal'"),
    (edited('source-language = "en"', 'source-language = "english"'), "source-language",
     "unknown language code 'english' (use codes such as es, pt, nl)"),
    (edited("[languages.pt]", "[languages.xx]"), "[languages.xx]",
     "unknown language code 'xx' (use codes such as es, pt, nl)"),
    (edited("[languages.pt]", "[languages.en]"), "[languages.en]",
     "the source language 'en' is also listed as a target"),
    (edited("[documents.sample]", "[documents.Sample]"), "[documents.Sample]",
     "bad document name 'Sample': use lower-case letters, digits, '-', '_' or '.'"),
]


@pytest.mark.parametrize(("text", "start", "message"), ENUMS)
def test_an_enumerated_value_lists_the_allowed_ones(
    chdir: Path, capsys: pytest.CaptureFixture[str], text: str, start: str, message: str
) -> None:
    assert refused(chdir, capsys, text) == (line_of(text, start), message)


def test_the_first_mistake_in_file_order_is_reported(
    chdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = edited('formality = "default"', "formality = 1") + "[draft]\ntimout = 5\n"
    assert refused(chdir, capsys, text) == (
        7, "[languages.es] formality must be a string, not an integer")


def test_a_line_is_found_through_inline_tables_and_quoted_keys(
    chdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = BASE + '\n[check]\nstrict = false\nseverity = {length = "error", "numbers" = "loud"}\n'
    assert refused(chdir, capsys, text) == (
        line_of(text, "severity"), "[check] severity.numbers must be one of error, warning, "
        "not 'loud'")


# -- what a valid file gives ---------------------------------------------------------


def test_defaults_come_from_the_schema(tmp_path: Path) -> None:
    root = tmp_path / "my-articles"
    config = parse_config("[languages.es]\n[languages.pt]\n", root)
    assert config.project.name == "my-articles" and config.source_language == "en"
    assert config.languages["pt"].deepl == "PT-PT" and config.languages["es"].deepl == "ES"
    assert dict(config.documents) == {} and config.sources == {}
    assert config.draft.glossary_name == "transkit my-articles"
    assert dict(config.check.min_approved) == {} and config.check.disable == frozenset()
    assert dict(config.review.keys) == {}
    for section, settings in ((PROJECT, config.project), (LANGUAGE, config.languages["es"]),
                              (DRAFT, config.draft), (CHECK, config.check)):
        for spec in section.fields:
            if not isinstance(spec.default, Derived) and spec.default is not None:
                assert getattr(settings, spec.attr) == spec.default, spec.key


def test_settings_are_typed_and_frozen(tmp_path: Path) -> None:
    text = BASE + """
[draft]
model-type = "prefer_quality_optimized"
network-retries = 0
timeout = 2
use-memory = false

[check]
min-approved = 80
min-translated = {es = 100}
disable = ["length"]
severity = {identical = "error"}

[review.keys]
approve = ["f9", "ctrl+s"]
"list.approve" = "y"
"""
    config = parse_config(text, tmp_path)
    assert config.draft.model_type == "prefer_quality_optimized"
    assert config.draft.timeout == 2.0 and isinstance(config.draft.timeout, float)
    assert (config.draft.network_retries, config.draft.use_memory) == (0, False)
    assert dict(config.check.min_approved) == {"es": 80.0, "pt": 80.0}  # a number: every target
    assert dict(config.check.min_translated) == {"es": 100.0}
    assert config.check.disable == {"length"} and dict(config.check.severity) == {
        "identical": "error"}
    assert dict(config.review.keys) == {"approve": "f9,ctrl+s", "list.approve": "y"}
    assert config.sources == {"sample": "sample.md"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.draft.timeout = 5  # type: ignore[misc]
    with pytest.raises(TypeError):
        config.check.min_approved["es"] = 0  # type: ignore[index]


def test_init_output_and_this_repository_validate(chdir: Path) -> None:
    codes = sorted(_shipped_codes() - {"en"})
    text = default_config_text("all of CLDR", "en", codes)
    assert list(parse_config(text, chdir).languages) == codes
    assert main(["init", "--languages", "es,pt_BR,nl,zh,sr_Latn,es_419"]) == 0
    assert list(Project.find(chdir).config.languages) == ["es", "pt_BR", "nl", "zh", "sr_Latn",
                                                          "es_419"]
    assert main(["status"]) == 0
    assert load_config(REPO).languages


def test_publish_levels_are_the_export_gates() -> None:
    assert LANGUAGE.setting("publish").kind.values == tuple(PUBLISHABLE)  # type: ignore[union-attr]


# -- the README's table ----------------------------------------------------------------


def test_the_readme_table_is_the_schema() -> None:
    """Run ``python3 tools/config_reference.py --write`` after changing the schema."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for section in SCHEMA:
        for spec in (*section.fields, *((section.each,) if section.each else ())):
            assert f"`[{section.title}] {spec.key}`" in readme, spec.key
    assert reference_table() in readme


# -- start-up --------------------------------------------------------------------------


def test_language_codes_are_checked_without_babel_where_they_can_be() -> None:
    probe = (
        "import sys; from transkit.cli import main; code = main(['status']); "
        "print(code, 'babel' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out[-2:] == ["0", "False"]
    assert check_language("pt-BR") == "pt-BR" and check_language("iw") == "iw"  # babel's alias
