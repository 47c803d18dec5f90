"""The concordance as a screen: type a word or phrase, see every segment of
the project that holds it with its translations (approved work first), open
one with Enter. The search runs in a worker over the index of
`transkit.concordance_index`, so typing never waits for it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from transkit.tui.catalogue import Opened
from transkit.tui.safe import shown
from transkit.tui.screens.modal import AnswerScreen

if TYPE_CHECKING:
    from transkit.concordance import Hit
    from transkit.project import Project

#: At most this many hits are listed (the count says how many there are).
LIMIT = 200


class Found(Message):
    def __init__(self, query: str, hits: list[Hit], total: int, problems: list[str]) -> None:
        super().__init__()
        self.query, self.hits, self.total, self.problems = query, hits, total, problems


class ConcordanceScreen(AnswerScreen[Opened]):
    # Here, not in an app's .tcss: both the overview and the review app open it.
    DEFAULT_CSS = """
    ConcordanceScreen {
        align: center middle;
    }

    #concordance {
        width: 90%;
        height: 80%;
        border: round $accent;
        background: $surface;
    }

    #concordance-query {
        margin: 0 0 1 0;
    }

    #concordance-results {
        height: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }

    #concordance-count {
        height: 1;
        color: $text-muted;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="concordance.close", priority=True),
    ]

    def __init__(self, project: Project, languages: list[str], query: str = "") -> None:
        super().__init__()
        self.project = project
        self.languages = languages
        self.initial = query
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="concordance"):
            yield Input(self.initial, placeholder="a word or phrase, then Enter",
                        id="concordance-query")
            yield OptionList(id="concordance-results")
            yield Static("", id="concordance-count", markup=False)

    def on_mount(self) -> None:
        if self.initial:
            self.search(self.initial)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.query_one("#concordance-count", Static).update("searching…")
            self.search(event.value)

    @work(thread=True, exclusive=True)
    def search(self, query: str) -> None:  # worker: posts, never touches widgets
        from transkit.concordance_index import search

        docs = self.project.documents()
        result = search(self.project, query, docs, self.languages, LIMIT)
        self.post_message(Found(query, result.hits, result.total, result.problems))

    def on_found(self, message: Found) -> None:
        self.hits = message.hits
        results = self.query_one("#concordance-results", OptionList)
        results.clear_options()
        results.add_options([_option(hit, message.query) for hit in message.hits])
        more = f", the first {len(message.hits)} shown" if message.total > len(message.hits) else ""
        broken = f"; {len(message.problems)} files unreadable" if message.problems else ""
        count = f"{message.total} found{more}{broken}" if message.total else "nothing found"
        self.query_one("#concordance-count", Static).update(
            f"{count} · Enter opens · Esc closes"
        )
        if message.hits:
            results.highlighted = 0
            results.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.hits[event.option_index]
        self.answer(Opened(hit.doc, hit.lang, hit.id))


def _option(hit: Hit, query: str) -> Option:
    """Two lines, each cut to the width (no wrapping): where and the source,
    then the language, status and translation; each starts a little before
    the match, which is in bold, as a concordance shows a word in context.
    File text goes in as `Text`, never as markup."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(f"{shown(hit.doc, one_line=True)} {hit.id}  ", style="dim")
    text.append_text(_in_context(hit.source, query))
    text.append(f"\n{hit.lang} {hit.status.symbol} ", style="dim")
    text.append_text(_in_context(hit.target, query) if hit.target else Text("(untranslated)"))
    return Option(text)


#: Characters kept before the first match of a line.
LEAD = 30


def _in_context(line: str, query: str) -> Text:
    from transkit.concordance import spans

    found = spans(line, query)
    start = max(0, found[0][0] - LEAD) if found else 0
    if start:  # begin at a word
        space = line.find(" ", start)
        start = space + 1 if 0 <= space < found[0][0] else start
    out = Text("…" if start else "")
    pos = start
    for a, b in found:
        if b <= start:
            continue
        out.append(shown(line[pos:a], one_line=True))
        out.append(shown(line[max(a, start):b], one_line=True), style="bold yellow")
        pos = b
    out.append(shown(line[pos:], one_line=True))
    return out
