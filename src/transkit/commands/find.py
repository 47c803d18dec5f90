"""Search every document's source and translations (a concordance): each
segment where TEXT occurs, with its translation and status, approved work
first. Case and accents are ignored (``iran`` finds ``Irán``)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transkit.concordance import Hit


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", help="a word or phrase")
    p.add_argument("--lang", help="languages to show, comma-separated (default: the targets)")
    p.add_argument("--doc", help="one document (default: all)")
    p.add_argument("--limit", type=int, default=50, help="at most this many (default 50; 0: all)")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace) -> int:
    from transkit.concordance_index import search
    from transkit.project import Project
    from transkit.terminal import shown

    project = Project.find()
    # The source language's edition only when asked: it repeats the source.
    languages = project.resolve_languages(args.lang, targets_only=not args.lang)
    docs = project.resolve_documents(args.doc)
    result = search(project, args.text, docs, languages, args.limit)
    if args.json:
        data: dict[str, object] = {
            "query": args.text, "total": result.total, "hits": [_json(h) for h in result.hits],
        }
        if result.problems:
            data["_errors"] = result.problems
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print(args.text, result.hits, result.total)
        for line in result.problems:
            print(f"transkit: error: {shown(line)}", file=sys.stderr)
    return 2 if result.problems else 0


def _json(hit: Hit) -> dict[str, str]:
    return {"doc": hit.doc, "id": hit.id, "lang": hit.lang, "status": hit.status.value,
            "source": hit.source, "target": hit.target, "matched": hit.where}


def _print(query: str, hits: list[Hit], total: int) -> None:
    """One block per segment, best first: its source, then each language's
    translation with its status symbol (● approved … · untranslated)."""
    from transkit.terminal import shown

    if not total:
        print(f"No segment holds {shown(query)!r}.")
        return
    color = sys.stdout.isatty()
    groups: dict[tuple[str, str], list[Hit]] = {}
    for hit in hits:
        groups.setdefault((hit.doc, hit.id), []).append(hit)
    for (doc, sid), group in groups.items():
        print(f"{shown(doc)} {sid}: {_marked(group[0].source, query, color)}")
        for hit in group:
            text = _marked(hit.target, query, color) if hit.target else "(untranslated)"
            print(f"  {hit.lang} {hit.status.symbol} {text}")
    more = total - len(hits)
    tail = f"; {more} more not shown (--limit 0 shows all)" if more else ""
    print(f"{total} found in {len(groups)} segments shown{tail}.")


def _marked(text: str, query: str, color: bool) -> str:
    """The text, made safe for the terminal, the matches in bold where it is one."""
    from transkit.concordance import spans
    from transkit.terminal import shown

    if not color:
        return shown(text)
    out, pos = [], 0
    for start, end in spans(text, query):
        out += [shown(text[pos:start]), "\x1b[1;33m", shown(text[start:end]), "\x1b[0m"]
        pos = end
    out.append(shown(text[pos:]))
    return "".join(out)
