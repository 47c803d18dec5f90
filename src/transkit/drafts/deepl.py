"""The thin adapter around the official ``deepl`` client.

Everything DeepL-specific that is not a pure decision lives here: building
the client from the environment (``DEEPL_AUTH_KEY``, ``DEEPL_SERVER_URL``),
the client's retry and timeout settings, the calls transkit makes, and
turning the client's exceptions into one line that names the cause and the
remedy. The key is held only by the client; every message is scrubbed of it.
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from transkit.drafts.markup import FOOTNOTE_TAG, MARKUP_TAG, VERBATIM_TAG
from transkit.drafts.plan import SENTENCE_TAG
from transkit.errors import EXIT_ERROR, EXIT_TEMPFAIL, TranskitError
from transkit.redact import scrub

ENV_KEY = "DEEPL_AUTH_KEY"
ENV_URL = "DEEPL_SERVER_URL"
#: What a fault that running again may cure ends with.
RESUME = "run the same command again to resume"


class DeepLFault(TranskitError):
    """DeepL could not be used: the message says why and what to do.

    A `transient` fault (rate limit, server error, timeout, no connection)
    passes by itself: the message ends with `RESUME` and the exit code is
    `EXIT_TEMPFAIL`. Any other (a refused key, the quota, a rejected request)
    needs the user to change something first: no "run again", exit `EXIT_ERROR`.
    """

    def __init__(
        self,
        message: str,
        *,
        transient: bool = False,
        saved: int | None = None,
        status: int | None = None,
        detail: str = "",
        billed: int = 0,
    ):
        self.cause, self.transient, self.saved = message, transient, saved
        self.status = status  # the HTTP status DeepL answered with, if it answered
        self.detail = detail  # DeepL's own message (scrubbed), e.g. "Glossary not found"
        self.billed = billed  # characters of attempts that got no answer: DeepL may bill them
        text = message
        if saved is not None:
            text += f"; {saved} drafts saved in this run"
            text += f" — {RESUME}" if transient else " are kept"
        elif transient:
            text += f" — {RESUME}"
        super().__init__(text)
        self.exit_code = EXIT_TEMPFAIL if transient else EXIT_ERROR

    def with_saved(self, saved: int) -> DeepLFault:
        """The same fault, telling how many drafts this run saved before it."""
        return DeepLFault(self.cause, transient=self.transient, saved=saved, status=self.status,
                          detail=self.detail, billed=self.billed)


@dataclass(frozen=True)
class Translation:
    text: str  # as DeepL answered: XML, placeholders still tags
    billed: int
    model: str = ""


@dataclass(frozen=True)
class Answer:
    """DeepL's translations of one request, and the characters of earlier
    attempts of it that timed out: DeepL went on translating those and billed
    them, though no answer came back."""

    translations: list[Translation]
    unanswered: int = 0


#: Backoff between attempts (seconds): the deepl client's own schedule.
BACKOFF_INITIAL = 1.0
BACKOFF_MULTIPLIER = 1.6
BACKOFF_MAX = 60.0

T = TypeVar("T")


@dataclass
class Pacer:
    """Shared by every engine of a run: a 429 to one request holds back
    all of them until its wait is over, so concurrent requests honour it;
    `stop` ends every wait and retry (the run is over)."""

    _until: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    stopped: threading.Event = field(default_factory=threading.Event)

    def stop(self) -> None:
        self.stopped.set()

    def hold(self, seconds: float) -> None:
        with self._lock:
            self._until = max(self._until, time.monotonic() + seconds)

    def wait(self) -> None:
        while (left := self._until - time.monotonic()) > 0 and not self.stopped.is_set():
            self.stopped.wait(min(left, 0.5))


@dataclass(frozen=True)
class _Attempt:
    """How one failed attempt went: worth retrying, how to say so, and
    whether DeepL may have billed it (it was sent and got no answer)."""

    retry: bool
    what: str
    billed: bool


@dataclass(frozen=True)
class Usage:
    count: int | None
    limit: int | None

    def __str__(self) -> str:
        if self.count is None or self.limit is None:
            return "unknown"
        return f"{self.count:,} of {self.limit:,} characters used this period"


def auth_key(environ: Mapping[str, str] | None = None) -> str:
    key = (os.environ if environ is None else environ).get(ENV_KEY, "").strip()
    if not key:
        raise DeepLFault(
            f"{ENV_KEY} is not set: export your DeepL API key "
            "(or draft from approved translations with --engine memory)"
        )
    problem = key_problem(key)
    if problem:
        raise DeepLFault(
            f"{ENV_KEY} cannot be a DeepL API key: {problem}; copy the key again from "
            "your DeepL account (it is not shown here)"
        )
    return key


def key_problem(key: str) -> str | None:
    """Why DeepL could never accept `key` (it travels in an HTTP header), or
    None. Names the kind of character, never the key or a piece of it."""
    if any(c in "\r\n\v\f\x85\u2028\u2029" for c in key):
        return "it holds a line break"
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in key):
        return "it holds a control character"
    if any(ord(c) > 0x7E for c in key):
        return "it holds a character outside ASCII (a typographic dash or quote?)"
    if any(c.isspace() for c in key):
        return "it holds a space"
    return None


def server_url(environ: Mapping[str, str] | None = None) -> str | None:
    """``DEEPL_SERVER_URL`` checked (None if unset): http(s) with a host, or a
    `DeepLFault` naming the variable and the problem, before any request.
    The value itself is not repeated (it may carry a proxy's password)."""
    from urllib.parse import urlsplit

    url = (os.environ if environ is None else environ).get(ENV_URL, "").strip()
    if not url:
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        problem = str(exc) or "it cannot be parsed"
    else:
        if parts.scheme not in ("http", "https"):
            problem = "it must start with https:// (or http://)"
        elif not parts.hostname:
            problem = "it names no host"
        elif any(c.isspace() or ord(c) < 0x20 for c in parts.netloc):
            problem = "its host holds a space or a control character"
        else:
            return url
    raise DeepLFault(
        f"{ENV_URL} is not a usable URL: {problem}; set it to the DeepL API's address "
        "(such as https://api.deepl.com) or a proxy's, or unset it"
    )


def _without_password(url: str) -> str:
    """`url` for messages: a proxy's password (``user:pw@``) left out."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")))


#: The loggers that see requests and answers (an answer may repeat the key).
_LOGGERS = ("deepl", "urllib3.connectionpool", "requests")


class _KeyFilter(logging.Filter):
    """Logs the key in no spelling: each record's text is scrubbed of it."""

    def __init__(self, key: str):
        super().__init__()
        self.key = key

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = scrub(message, self.key)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        return True


class DeepLEngine:
    """A DeepL client set up for transkit's requests."""

    def __init__(
        self,
        key: str,
        server_url: str | None = None,
        *,
        retries: int,
        timeout: float,
    ):
        """`retries` and `timeout` come from ``[draft]`` (`config.DraftSettings`),
        where their defaults are."""
        import deepl

        from transkit import __version__

        # The client keeps these as module settings; set them for every engine
        # so one project's values never leak into the next.
        # The client retries nothing itself: `_call` does, so that every retry
        # is shown and every attempt's cost counted.
        deepl.http_client.max_network_retries = 0
        deepl.http_client.min_connection_timeout = timeout
        self.retries, self.timeout = retries, timeout
        self.pacer = Pacer()
        #: Told of every retry ("DeepL busy (429), retry 2/5 in 3 s").
        self.notify: Callable[[str], None] | None = None
        self._key = key
        self._log_filter = _KeyFilter(key)
        for name in _LOGGERS:
            logging.getLogger(name).addFilter(self._log_filter)
        self._client = deepl.DeepLClient(key, server_url=server_url, send_platform_info=False)
        self._client.set_app_info("transkit", __version__)
        self.server_url = _without_password(self._client.server_url)

    @classmethod
    def from_env(cls, *, retries: int, timeout: float) -> DeepLEngine:
        url = server_url()
        return cls(auth_key(), url, retries=retries, timeout=timeout)

    def close(self) -> None:
        self._client.close()  # type: ignore[no-untyped-call]  # deepl leaves close() unannotated
        for name in _LOGGERS:
            logging.getLogger(name).removeFilter(self._log_filter)

    # -- translation ---------------------------------------------------------

    def translate(
        self,
        texts: Sequence[str],
        *,
        source_lang: str,
        target_lang: str,
        context: str = "",
        formality: str | None = None,
        model_type: str | None = None,
        glossary_id: str | None = None,
        billable: int = 0,
        notify: Callable[[str], None] | None = None,
    ) -> Answer:
        """Translate protected texts (XML, placeholders as ignored tags,
        sentences of a paragraph as splitting tags). `billable` is what DeepL
        bills for them, counted for each attempt that times out."""

        def send() -> Any:  # deepl's TextResult, or a list of them
            return self._client.translate_text(
                list(texts),
                source_lang=source_lang,
                target_lang=target_lang,
                context=context or None,
                formality=formality,
                model_type=model_type,
                glossary=glossary_id,
                tag_handling="xml",
                ignore_tags=[FOOTNOTE_TAG, VERBATIM_TAG],
                non_splitting_tags=[MARKUP_TAG],
                splitting_tags=[SENTENCE_TAG],
                preserve_formatting=True,
            )

        unanswered: list[int] = []
        results = self._call(send, billable, notify, unanswered)
        if not isinstance(results, list):  # one TextResult only for one str, not a list
            results = [results]
        if len(results) != len(texts):
            raise DeepLFault(
                f"DeepL answered {len(results)} texts for {len(texts)} sent "
                "(nothing was saved from that request)",
                transient=True,
                billed=sum(unanswered) + billable,
            )
        return Answer(
            [Translation(r.text, int(r.billed_characters), r.model_type_used or "")
             for r in results],
            sum(unanswered),
        )

    def usage(self) -> Usage:
        usage = self._call(self._client.get_usage)
        return Usage(usage.character.count, usage.character.limit)

    # -- attempts ----------------------------------------------------------------

    def _call(
        self,
        send: Callable[[], T],
        billable: int = 0,
        notify: Callable[[str], None] | None = None,
        unanswered: list[int] | None = None,
    ) -> T:
        """`send` tried up to 1 + retries times. Between attempts: a wait that
        grows (1 s, 1.6 s, 2.6 s…) and is told (`notify`); a 429 holds back
        every engine sharing the pacer. Attempts that timed out add
        `billable` to `unanswered` (and to the fault's `billed`)."""
        lost = [] if unanswered is None else unanswered
        notify = notify or self.notify
        backoff = BACKOFF_INITIAL
        for attempt in range(self.retries + 1):
            self.pacer.wait()
            try:
                return send()
            except Exception as exc:
                how = self._attempt(exc)
                if how.billed:
                    lost.append(billable)
                if not how.retry or attempt == self.retries or self.pacer.stopped.is_set():
                    fault = self.fault(exc)
                    fault.billed = sum(lost)
                    raise fault from None
            delay = backoff * (1 + 0.1 * random.uniform(-1, 1))
            backoff = min(backoff * BACKOFF_MULTIPLIER, BACKOFF_MAX)
            if how.what.startswith("DeepL busy"):
                self.pacer.hold(delay)
            if notify is not None:
                notify(f"{how.what}, retry {attempt + 1}/{self.retries} in {round(delay)} s")
            self.pacer.stopped.wait(delay)
        raise AssertionError("unreachable")  # the last attempt returns or raises

    def _attempt(self, exc: Exception) -> _Attempt:
        import deepl
        import requests

        if isinstance(exc, deepl.TooManyRequestsException):
            return _Attempt(True, "DeepL busy (429)", False)
        if isinstance(exc, deepl.ConnectionException):
            cause = exc.__cause__
            if isinstance(cause, requests.exceptions.ConnectTimeout):
                return _Attempt(True, "cannot reach DeepL", False)
            if isinstance(cause, requests.exceptions.Timeout):
                return _Attempt(True, "DeepL did not answer in time", True)
            return _Attempt(bool(exc.should_retry), "cannot reach DeepL", False)
        status = getattr(exc, "http_status_code", None)
        if isinstance(exc, deepl.DeepLException) and isinstance(status, int) and status >= 500:
            return _Attempt(True, f"DeepL's server failed (HTTP {status})", False)
        return _Attempt(False, "", False)

    # -- glossaries (v3: one glossary, one dictionary per language pair) -------

    def glossary_pairs(self) -> set[tuple[str, str]]:
        pairs = self._call(self._client.get_glossary_languages)
        return {(p.source_lang.upper(), p.target_lang.upper()) for p in pairs}

    def find_glossary(self, name: str) -> str | None:
        found = self._call(self._client.list_multilingual_glossaries)
        return next((g.glossary_id for g in found if g.name == name), None)

    def create_glossary(self, name: str, source: str, target: str, entries: dict[str, str]) -> str:
        from deepl.api_data import MultilingualGlossaryDictionaryEntries

        info = self._call(
            lambda: self._client.create_multilingual_glossary(
                name, [MultilingualGlossaryDictionaryEntries(source, target, entries)]
            )
        )
        return info.glossary_id

    def replace_dictionary(
        self, glossary_id: str, source: str, target: str, entries: dict[str, str]
    ) -> bool:
        """Replace (never merge) one language pair's terms; False if the
        glossary no longer exists."""
        import deepl
        from deepl.api_data import MultilingualGlossaryDictionaryEntries

        try:
            self._client.replace_multilingual_glossary_dictionary(
                glossary_id, MultilingualGlossaryDictionaryEntries(source, target, entries)
            )
        except deepl.GlossaryNotFoundException:
            return False
        except Exception as exc:
            raise self.fault(exc) from None
        return True

    def delete_dictionary(self, glossary_id: str, source: str, target: str) -> None:
        import deepl

        try:
            self._client.delete_multilingual_glossary_dictionary(
                glossary_id, source_lang=source, target_lang=target
            )
        except deepl.GlossaryNotFoundException:
            pass
        except Exception as exc:
            raise self.fault(exc) from None

    # -- faults ----------------------------------------------------------------

    def fault(self, exc: Exception) -> DeepLFault:
        """The client's exception as one line: the cause, then the remedy."""
        message, transient = describe(exc, self.server_url, self.retries, self.timeout)
        status = getattr(exc, "http_status_code", None)
        return DeepLFault(
            scrub(message, self._key),
            transient=transient,
            status=status if isinstance(status, int) else None,
            detail=scrub(str(exc), self._key),
        )


def describe(
    exc: Exception, server_url: str, retries: int, timeout: float
) -> tuple[str, bool]:
    """What went wrong and what to do, and whether the fault is transient
    (passes by itself: running again resumes) or needs a change first."""
    import deepl
    import requests

    status = getattr(exc, "http_status_code", None)
    tries = f"after {retries} retries" if retries else "with retries off"
    if isinstance(exc, deepl.AuthorizationException):
        return (
            f"DeepL refused the API key (HTTP 403): check {ENV_KEY} "
            "(a Free account's key ends in ':fx')"
        ), False
    if isinstance(exc, deepl.QuotaExceededException):
        return (
            "DeepL's character quota for this billing period is used up (HTTP 456): "
            "raise the cost limit in your DeepL account or wait for the next period"
        ), False
    if isinstance(exc, deepl.TooManyRequestsException):
        return f"DeepL is rate-limiting this key (HTTP 429) {tries}: wait a minute", True
    if isinstance(exc, deepl.ConnectionException):
        cause = exc.__cause__
        if isinstance(cause, requests.exceptions.Timeout):
            return (
                f"DeepL at {server_url} did not answer in time ({tries}): "
                "check the network, or raise [draft] timeout in transkit.toml"
            ), True
        return (
            f"cannot reach DeepL at {server_url}: check the network connection"
            f" (or {ENV_URL}, if set)"
        ), True
    if isinstance(exc, deepl.DeepLException) and status is not None and status >= 500:
        return f"DeepL's server failed (HTTP {status}) {tries}: try again later", True
    if isinstance(exc, deepl.DeepLException) and status == 400:
        detail = str(exc).split("message: ", 1)[-1] if "message: " in str(exc) else str(exc)
        return (
            f"DeepL rejected the request (HTTP 400: {detail}): check the languages' "
            "deepl and formality settings in transkit.toml"
        ), False
    if isinstance(exc, deepl.DeepLException) and status == 413:
        return (
            "DeepL refused a request as too large (HTTP 413): a proxy in between "
            f"({ENV_URL}) may take less than DeepL's 128 KiB; else please report it"
        ), False
    if isinstance(exc, deepl.DeepLException):
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return f"DeepL failed: {first}", False
    raise exc  # not DeepL's: a bug of ours, let it show
