"""Rebuild the align benchmark's documents from GNOME Help's PO files.

Run: python benchmarks/align_data/make_sample.py PATH/TO/gnome-user-docs/gnome-help

(the folder that holds es/es.po, pt/pt.po and nl/nl.po; the sample committed
here was made from gnome-user-docs commit 46747c67).

GNOME Help (gnome-user-docs, gnome-help/) is written in English and translated
by people, paragraph by paragraph, in PO files (itstool). Its pages are
licensed CC BY 3.0 (the repository's COPYING), and so are the files made here.
The pages below are fully translated, not fuzzy, into es, pt and nl; each PO
file's entries of a page, in source-line order, are rebuilt into one Markdown
document per language: titles as headings, paragraphs, list items and notes
as such, inline Mallard markup reduced to its text. Paragraph k of a language
is then the human translation of the English paragraph k: the gold standard.

Beside them, ``bridge-LANG.tsv``: for each English sentence of the sample that
has one, the closest sentence pair (rapidfuzz ratio ≥ 75) from the *other*
pages of the same PO file: what the project's translation memory would offer.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import polib
from rapidfuzz import fuzz, process

from transkit.align.sentences import split_sentences
from transkit.segmenter import split_sentences as split_english

PAGES = [
    "disk-repair", "user-goodpassword", "nautilus-file-properties-basic", "disk-resize",
    "files-rename", "mouse-problem-notmoving", "net-wireless-noconnection", "files-sort",
    "color-whatisspace", "color-whyimportant", "files-open", "backup-where",
]
LANGS = ("es", "pt", "nl")
HERE = Path(__file__).resolve().parent
_TAG = re.compile(r"<[^>]*>")
_PATH = re.compile(r"\(itstool\) path: (\S+)")


def plain(text: str) -> str:
    text = _TAG.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"([*_`\[\]<>#\\])", r"\\\1", text)


def kind_of(path: str) -> str | None:
    if path.startswith(("info/", "credit", "license")) or "/info/" in path:
        return None
    last = path.rsplit("/", 1)[-1]
    if path == "page/title":
        return "# "
    if last == "title":
        return "## "
    if last != "p":
        return None
    if "/note/" in f"/{path}":
        return "> "
    if "/item/" in f"/{path}":
        return "- "
    return ""


def main(repo: Path) -> None:
    pos = {lang: polib.pofile(str(repo / lang / f"{lang}.po")) for lang in LANGS}
    first = pos["es"]
    docs = {lang: [] for lang in ("en", *LANGS)}
    sample_en: set[str] = set()
    for page in PAGES:
        items = []
        for e in first:
            for f, line in e.occurrences:
                if f == f"C/{page}.page":
                    m = _PATH.search(e.comment or "")
                    items.append((int(line), m.group(1) if m else "", e.msgctxt, e.msgid))
        items.sort()
        for _, path, ctxt, msgid in items:
            prefix = kind_of(path)
            if prefix is None:
                continue
            if prefix == "# " and docs["en"]:
                prefix = "## "  # one document: each page a section
            elif prefix == "## ":
                prefix = "### "
            docs["en"].append(prefix + plain(msgid))
            sample_en.add(msgid)
            for lang in LANGS:
                entry = pos[lang].find(msgid, msgctxt=ctxt) if ctxt else pos[lang].find(msgid)
                assert entry is not None and entry.msgstr and not entry.fuzzy, (lang, msgid)
                docs[lang].append(prefix + plain(entry.msgstr))
    for lang, blocks in docs.items():
        text = "".join(b + ("\n" if b.startswith("- ") else "\n\n") for b in blocks)
        (HERE / f"gnome-help.{lang}.md").write_text(text, encoding="utf-8")
    english = [s for b in docs["en"] for s in split_english(b.lstrip("#>- "))]
    for lang in LANGS:
        pairs: dict[str, str] = {}
        for e in pos[lang]:
            if e.obsolete or e.fuzzy or not e.msgstr or e.msgid in sample_en:
                continue
            src, tgt = split_english(plain(e.msgid)), split_sentences(plain(e.msgstr), lang)
            if len(src) == len(tgt):
                pairs.update(zip(src, tgt, strict=True))
        keys = list(pairs)
        lines = []
        for sentence in english:
            found = process.extractOne(sentence, keys, scorer=fuzz.ratio, score_cutoff=75)
            if found:
                lines.append(f"{sentence}\t{pairs[found[0]]}")
        (HERE / f"bridge-{lang}.tsv").write_text("\n".join(sorted(set(lines))) + "\n",
                                                 encoding="utf-8")
        print(f"{lang}: {len(lines)} of {len(english)} sentences have a memory match")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
