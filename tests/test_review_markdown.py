"""The review app on a Markdown post with code, HTML and a table: only the
segments are reviewed, never the verbatim blocks (driven through Pilot)."""

from __future__ import annotations

from typing import Any

from review_helpers import run_app
from test_markdown_features import POST
from transkit.cli import main
from transkit.tui.app import ReviewApp


def test_the_review_app_lists_segments_only(make_project) -> None:
    project = make_project(languages="es")
    (project.root / "post.md").write_text(POST, encoding="utf-8")
    assert main(["import", "post.md", "--doc", "post"]) == 0
    app = ReviewApp(
        project,
        "post",
        "es",
        reviewer="Ana",
        cursor_blink=False,
        watch_interval=0,
        typing_pause=0.05,
    )
    seen: list[str] = []

    async def scenario(pilot: Any) -> None:
        assert len(app.session.rows) == 6
        await pilot.press("escape")  # the app opens in the editor: to the list
        for _ in range(6):
            seen.append(app.w_source.plain)
            await pilot.press("down")
            await pilot.pause()

    run_app(app, scenario)
    text = "\n".join(seen)
    assert "Revolution" in text and "Strikes: a year on" in text
    assert "transkit draft" not in text and "<figure>" not in text and "1979" not in text


def test_drafts_send_segments_only(make_project, api, capsys) -> None:
    """Through the real deepl client against the local server: code, HTML,
    numbers and front matter keys are never sent, never billed."""
    project = make_project(languages="es")
    (project.root / "post.md").write_text(POST, encoding="utf-8")
    assert main(["import", "post.md", "--doc", "post"]) == 0
    assert main(["draft", "post", "--lang", "es"]) == 0
    sent = [t for r in api.translate_calls for t in r.body["text"]]
    assert len(sent) == 6
    joined = " ".join(sent) + " ".join(str(r.body.get("context", "")) for r in api.translate_calls)
    assert "transkit draft" not in joined and "figure" not in joined and "1979" not in joined
    catalog = project.load_translation("post", "es")
    assert all(e.target for e in catalog.entries)
