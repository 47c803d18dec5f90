"""A local DeepL API for tests: the subset of v2/v3 the deepl client 1.32 calls.

The real ``deepl`` client talks to it over HTTP on 127.0.0.1, so tests
exercise the client's own request building, retries and error mapping.
It checks what the real service checks (key, target codes, at most 50
texts and 128 KiB per request, well-formed XML with tag handling, quota),
translates deterministically ("[ES] " + text, or + each sentence of a
paragraph, tags kept, glossary terms replaced), bills characters outside
tags, records every request, adds a latency on request, and plays
scripted faults.

Endpoints: POST /v2/translate, GET /v2/usage, GET /v2/languages,
GET /v2/glossary-language-pairs, and the v3 glossaries the client's
multilingual-glossary methods use: POST/GET /v3/glossaries,
GET/DELETE /v3/glossaries/{id}, PUT/DELETE /v3/glossaries/{id}/dictionaries,
GET /v3/glossaries/{id}/entries.
"""

from __future__ import annotations

import json
import re
import socket
import struct
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MAX_TEXTS = 50
MAX_BODY = 128 * 1024
GLOSSARY_PAIRS = [("en", t) for t in ("es", "pt", "nl", "de", "fr")]


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    query: dict[str, str]
    body: dict | None
    size: int  # body bytes


@dataclass
class Fault:
    """Answer matching requests with `status` (after `delay` seconds), once
    `after` of them went through, for `times` requests (None: for ever)."""

    path: str
    status: int | None = None
    after: int = 0
    times: int | None = 1
    delay: float = 0.0
    message: str | None = None  # the error's message (default: "scripted fault N")
    reset: bool = False  # drop the connection (TCP reset) instead of answering
    match: str | None = None  # only requests whose body holds this text (None: all)
    seen: int = 0
    released: threading.Event = field(default_factory=threading.Event)

    def release(self) -> None:
        """End the delay of requests waiting now (and of later ones)."""
        self.released.set()

    def fires(self) -> bool:
        self.seen += 1
        n = self.seen - self.after
        return n > 0 and (self.times is None or n <= self.times)


def default_translate(text: str, target: str, terms: dict[str, str]) -> str:
    """``[ES] `` + the text with glossary terms replaced (tags untouched);
    a paragraph's sentences (``<s id="N">`` tags) each get their ``[ES] ``."""
    if "<s id=" in text:
        return re.sub(
            r'(<s id="[^"]*">)(.*?)(</s>)',
            lambda m: m.group(1) + default_translate(m.group(2), target, terms) + m.group(3),
            text,
            flags=re.DOTALL,
        )
    parts = re.split(r"(<[^>]*>)", text)
    for i, part in enumerate(parts):
        if part.startswith("<"):
            continue
        for source, target_term in terms.items():
            part = re.sub(rf"(?<!\w){re.escape(source)}(?!\w)", target_term, part)
        parts[i] = part
    return f"[{target}] " + "".join(parts)


@dataclass
class FakeDeepL:
    key: str = "test-key-0000:fx"
    character_count: int = 0
    character_limit: int = 1_000_000
    requests: list[Seen] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    glossaries: dict[str, dict] = field(default_factory=dict)
    translate: Callable[[str, str, dict[str, str]], str] = default_translate
    #: Knob: bodies over this many bytes get 413 (DeepL's 128 KiB by default).
    max_body: int = MAX_BODY
    #: Knob: the target codes /v2/translate accepts (None: all but PT and EN).
    targets: frozenset[str] | None = None
    #: Knob: seconds added to every request (a distant server's round trip).
    latency: float = 0.0

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # -- control ---------------------------------------------------------------

    def start(self) -> FakeDeepL:
        fake = self

        class Handler(_Handler):
            server_state = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        for fault in self.faults:
            fault.release()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def fail(self, path: str, status: int | None = None, **kw) -> Fault:
        fault = Fault(path, status, **kw)
        self.faults.append(fault)
        return fault

    def seen(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]

    @property
    def translate_calls(self) -> list[Seen]:
        return self.seen("/v2/translate")


class _Handler(BaseHTTPRequestHandler):
    server_state: FakeDeepL

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_PATCH(self) -> None:
        self._serve("PATCH")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    # -- plumbing ----------------------------------------------------------------

    def _reply(self, status: int, payload: object = None) -> None:
        data = b"" if payload is None else json.dumps(payload).encode()
        try:
            self.send_response(status)
            if payload is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the client gave up (timeout test)
            pass

    def _serve(self, method: str) -> None:
        fake = self.server_state
        split = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(split.query).items()}
        size = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(size) if size else b""
        body: dict | None = None
        if raw:
            if "json" in (self.headers.get("Content-Type") or ""):
                body = json.loads(raw)
            else:
                body = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
        if fake.latency:
            time.sleep(fake.latency)
        with fake.lock:
            fake.requests.append(Seen(method, split.path, query, body, size))
            text = raw.decode(errors="replace")
            fired = [
                f for f in fake.faults
                if split.path.startswith(f.path) and (f.match is None or f.match in text)
                and f.fires()
            ]
        for fault in fired:
            if fault.delay:
                fault.released.wait(fault.delay)
            if fault.reset:
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.connection.close()  # an RST: "connection reset by peer"
                self.close_connection = True
                return
            if fault.status is not None:
                message = fault.message or f"scripted fault {fault.status}"
                self._reply(fault.status, {"message": message})
                return
        if self.headers.get("Authorization") != f"DeepL-Auth-Key {fake.key}":
            self._reply(403, {"message": "Wrong authentication key"})
            return
        if size > fake.max_body:
            self._reply(413, {"message": "Request Entity Too Large"})
            return
        route = (method, split.path)
        parts = split.path.strip("/").split("/")
        if route == ("POST", "/v2/translate"):
            self._translate(body or {})
        elif route == ("GET", "/v2/usage"):
            self._reply(
                200,
                {"character_count": fake.character_count, "character_limit": fake.character_limit},
            )
        elif route == ("GET", "/v2/languages"):
            langs = ["ES", "PT-PT", "PT-BR", "NL", "DE", "FR", "EN-GB", "EN-US"]
            self._reply(
                200, [{"language": c, "name": c, "supports_formality": True} for c in langs]
            )
        elif route == ("GET", "/v2/glossary-language-pairs"):
            pairs = [{"source_lang": s, "target_lang": t} for s, t in GLOSSARY_PAIRS]
            self._reply(200, {"supported_languages": pairs})
        elif parts[:2] == ["v3", "glossaries"]:
            self._glossaries(method, parts[2:], query, body or {})
        else:
            self._reply(404, {"message": f"no route {method} {split.path}"})

    # -- translate -----------------------------------------------------------------

    def _translate(self, body: dict) -> None:
        fake = self.server_state
        texts = body.get("text")
        target = str(body.get("target_lang", "")).upper()
        if not isinstance(texts, list) or not texts:
            self._reply(400, {"message": "Parameter 'text' not specified."})
            return
        if len(texts) > MAX_TEXTS:
            self._reply(400, {"message": f"Too many texts: {len(texts)} > {MAX_TEXTS}"})
            return
        known = fake.targets
        if target in ("", "PT", "EN") or (known is not None and target not in known):
            self._reply(400, {"message": f"Value for 'target_lang' not supported: {target}"})
            return
        if body.get("tag_handling") == "xml":
            for text in texts:
                try:
                    ET.fromstring(f"<r>{text}</r>")
                except ET.ParseError:
                    self._reply(400, {"message": f"Invalid XML: {text[:40]}"})
                    return
        terms: dict[str, str] = {}
        if "glossary_id" in body:
            glossary = fake.glossaries.get(body["glossary_id"])
            pair = (str(body.get("source_lang", "")).lower(), target.split("-")[0].lower())
            if glossary is None or pair not in glossary["dictionaries"]:
                self._reply(400, {"message": "Invalid glossary for this language pair"})
                return
            terms = glossary["dictionaries"][pair]
        billed = sum(billable(t, body.get("tag_handling") == "xml") for t in texts)
        with fake.lock:
            if fake.character_count + billed > fake.character_limit:
                quota_out = True
            else:
                quota_out = False
                fake.character_count += billed
        if quota_out:
            self._reply(456, {"message": "Quota exceeded"})
            return
        model = body.get("model_type")
        used = "quality_optimized" if model == "prefer_quality_optimized" else model
        translations = []
        for text in texts:
            item = {
                "detected_source_language": "EN",
                "text": fake.translate(text, target, terms),
                "billed_characters": billable(text, body.get("tag_handling") == "xml"),
            }
            if used:
                item["model_type_used"] = used
            translations.append(item)
        self._reply(200, {"translations": translations})

    # -- glossaries (v3) ---------------------------------------------------------------

    def _glossaries(self, method: str, rest: list[str], query: dict, body: dict) -> None:
        fake = self.server_state
        if not rest:
            if method == "POST":
                gid = str(uuid.uuid4())
                dictionaries = {}
                for d in body.get("dictionaries", []):
                    dictionaries[(d["source_lang"].lower(), d["target_lang"].lower())] = _tsv(
                        d["entries"]
                    )
                fake.glossaries[gid] = {"name": body["name"], "dictionaries": dictionaries}
                self._reply(201, _info(gid, fake.glossaries[gid]))
            elif method == "GET":
                self._reply(200, {"glossaries": [_info(g, v) for g, v in fake.glossaries.items()]})
            else:
                self._reply(405, {"message": "method not allowed"})
            return
        gid, sub = rest[0], rest[1:]
        glossary = fake.glossaries.get(gid)
        if glossary is None:
            self._reply(404, {"message": "Glossary not found"})
            return
        if not sub and method == "GET":
            self._reply(200, _info(gid, glossary))
        elif not sub and method == "DELETE":
            del fake.glossaries[gid]
            self._reply(204)
        elif sub == ["dictionaries"] and method == "PUT":
            pair = (body["source_lang"].lower(), body["target_lang"].lower())
            glossary["dictionaries"][pair] = _tsv(body["entries"])
            self._reply(200, _dict_info(pair, glossary["dictionaries"][pair]))
        elif sub == ["dictionaries"] and method == "DELETE":
            pair = (query.get("source_lang", "").lower(), query.get("target_lang", "").lower())
            if glossary["dictionaries"].pop(pair, None) is None:
                self._reply(404, {"message": "Glossary dictionary not found"})
            else:
                self._reply(204)
        elif sub == ["entries"] and method == "GET":
            pair = (query.get("source_lang", "").lower(), query.get("target_lang", "").lower())
            entries = glossary["dictionaries"].get(pair)
            if entries is None:
                self._reply(404, {"message": "Glossary dictionary not found"})
                return
            tsv = "\n".join(f"{s}\t{t}" for s, t in entries.items())
            self._reply(
                200,
                {
                    "dictionaries": [
                        {
                            "source_lang": pair[0],
                            "target_lang": pair[1],
                            "entries": tsv,
                            "entries_format": "tsv",
                        }
                    ]
                },
            )
        else:
            self._reply(405, {"message": "method not allowed"})


def billable(text: str, tags: bool) -> int:
    """What DeepL bills for a text: with tag handling, tags are free."""
    return len(re.sub(r"<[^<>]*>", "", text)) if tags else len(text)


def _tsv(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        if line:
            source, target = line.split("\t", 1)
            out[source] = target
    return out


def _dict_info(pair: tuple[str, str], entries: dict[str, str]) -> dict:
    return {"source_lang": pair[0], "target_lang": pair[1], "entry_count": len(entries)}


def _info(gid: str, glossary: dict) -> dict:
    return {
        "glossary_id": gid,
        "name": glossary["name"],
        "creation_time": "2025-01-01T00:00:00.000000Z",
        "dictionaries": [_dict_info(p, e) for p, e in glossary["dictionaries"].items()],
    }
