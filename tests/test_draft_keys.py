"""The DeepL key is never shown: not as it is, escaped, repr'd, URL-encoded
or in part, in any output, log line or file under the project. A key DeepL
could never accept is refused before any request, in one line that names
DEEPL_AUTH_KEY and what is wrong."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from transkit.cli import main, save_crash_report
from transkit.project import Project
from transkit.redact import scrub


def forms(key: str) -> set[str]:
    """How a message could spell `key` (written out here, not taken from transkit)."""
    escaped = {
        key,
        repr(key)[1:-1],
        ascii(key)[1:-1],
        key.encode("unicode_escape").decode(),
        json.dumps(key)[1:-1],
        repr(key.encode())[2:-1],
    }
    twice = {repr(form)[1:-1] for form in escaped}
    encoded = {quote(key, safe=""), quote_plus(key, safe="")}
    pieces = {key[i : i + 8] for i in range(len(key) - 7)}
    return {f for f in escaped | twice | encoded | pieces if f}


def assert_key_nowhere(key: str, root: Path, *outputs: str) -> None:
    spelled = forms(key)
    for text in outputs:
        for form in spelled:
            assert form not in text, (form, text)
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for form in spelled:
                assert form.encode() not in data, (path, form)


@pytest.fixture
def project(make_project) -> Project:
    return make_project()


BAD_KEYS = [
    ("sekrit-9f8e7d6c\nsecond-line-key:fx", "it holds a line break"),
    ("sekrit-9f8e7d6c\r\nsecond-line-key:fx", "it holds a line break"),
    ("sekrit-9f8e7d6c\x1b[31m-key-0000:fx", "it holds a control character"),
    ("sekrit-9f8e7d6c\tkey-0000-1111:fx", "it holds a control character"),
    ("sekrit-9f8e7d6c–key-ünï-0000:fx", "it holds a character outside ASCII"),
    ("sekrit-9f8e7d6c-key-日本-0000:fx", "it holds a character outside ASCII"),
    ("sekrit-9f8e7d6c key-0000-1111:fx", "it holds a space"),
]


@pytest.mark.parametrize(("key", "problem"), BAD_KEYS)
@pytest.mark.parametrize("dry_run", [False, True])
def test_a_key_deepl_could_never_accept_is_refused_before_any_request(
    project, api, capsys, monkeypatch, caplog, key, problem, dry_run
):
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("DEEPL_AUTH_KEY", key)
    before = project.po_path("sample", "es").read_bytes()
    assert main(["draft", "--lang", "es", *(["--dry-run"] if dry_run else [])]) == 2
    out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("transkit: error: DEEPL_AUTH_KEY cannot be a DeepL API key: ")
    assert problem in lines[0] and "not shown" in lines[0]
    assert api.requests == []
    assert project.po_path("sample", "es").read_bytes() == before
    assert_key_nowhere(key, project.root, out, err, caplog.text)


def test_a_key_with_spaces_around_it_is_still_used(project, api, capsys, monkeypatch):
    monkeypatch.setenv("DEEPL_AUTH_KEY", f"  {api.key}\n")
    assert main(["draft", "--lang", "es"]) == 0
    assert_key_nowhere(api.key, project.root, *capsys.readouterr())


def test_a_key_echoed_by_the_server_in_any_spelling_is_masked(project, api, capsys, caplog):
    """A proxy or server that repeats the key in its error message: as it
    is, URL-encoded, quoted, or a piece of it."""
    caplog.set_level(logging.DEBUG)
    key = api.key
    echo = f"key {key} / {quote(key, safe='')} / {json.dumps(key)} / {key[2:13]} / {key!r}"
    api.fail("/v2/translate", 400, message=echo, times=None)
    assert main(["draft", "--lang", "es"]) == 2
    out, err = capsys.readouterr()
    assert "HTTP 400" in err and "***" in err
    assert_key_nowhere(key, project.root, out, err, caplog.text)


def test_a_refused_key_is_masked_in_every_line_and_file(project, api, capsys, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    key = "wrong-1234-5678-abcd:fx"
    monkeypatch.setenv("DEEPL_AUTH_KEY", key)
    assert main(["draft", "--lang", "es"]) == 2
    out, err = capsys.readouterr()
    assert "HTTP 403" in err
    assert_key_nowhere(key, project.root, out, err, caplog.text)


@pytest.mark.parametrize(("key", "problem"), BAD_KEYS)
def test_a_saved_crash_traceback_holds_no_spelling_of_the_key(project, monkeypatch, key, problem):
    """What requests and http.client put in their messages for such a key
    (the header's repr, as str and as bytes), escaped once more by a chained
    exception's repr, URL-encoded, and cut in part."""
    monkeypatch.setenv("DEEPL_AUTH_KEY", key)
    header = f"DeepL-Auth-Key {key}"
    try:
        try:
            raise ValueError(f"Invalid header value {header.encode('utf-8')!r}")
        except ValueError as inner:
            raise RuntimeError(
                f"in header value: {header!r}; {inner!r}; url={quote(key)}; "
                f"json={json.dumps(header)}; part={key[:9]}...{key[-9:]}"
            ) from inner
    except RuntimeError as exc:
        saved = save_crash_report(exc, ["draft", "--lang", "es"])
    assert isinstance(saved, Path) and saved.parent == project.root / ".transkit" / "crash"
    report = saved.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in report and "***" in report
    assert_key_nowhere(key, project.root, report)


@pytest.mark.parametrize(("key", "problem"), BAD_KEYS)
def test_scrub_masks_every_spelling(key, problem):
    for form in forms(key):
        masked = scrub(f"before {form} after", key)
        assert form not in masked and "***" in masked, (form, masked)
        assert masked.startswith("before") and masked.endswith("after")
    assert scrub("nothing secret here", key) == "nothing secret here"
