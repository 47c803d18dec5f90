"""How many findings do the content checks raise on a correctly translated project?

Every finding on such a project is a false positive or a real slip of its
translators; the README's figures for python-docs-es come from this script:

    git clone --depth 1 https://github.com/python/python-docs-es /tmp/python-docs-es
    .venv/bin/python benchmarks/check_false_positives.py /tmp/python-docs-es --lang es

It reads every PO file under the folder (one that does not parse is named and
skipped), checks each translated, non-fuzzy entry against its msgid, and
prints the count of findings per check, then `--examples N` of each.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

from transkit.checks.content import EntryChecker
from transkit.errors import TranskitError
from transkit.po import read_catalog


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folder", type=Path)
    p.add_argument("--source", default="en", help="the msgids' language (default: en)")
    p.add_argument("--lang", required=True, help="the translations' language")
    p.add_argument("--examples", type=int, default=0, help="show this many per check")
    args = p.parse_args()
    checker = EntryChecker(args.source, args.lang)
    counts: Counter[tuple[str, str]] = Counter()
    examples: defaultdict[str, list[str]] = defaultdict(list)
    segments = 0
    for path in sorted(args.folder.rglob("*.po")):
        try:
            catalog = read_catalog(path)
        except TranskitError as exc:
            print(f"skipped: {exc}", file=sys.stderr)
            continue
        for e in catalog.entries:
            if e.obsolete or e.fuzzy or not e.target or not e.source:
                continue
            segments += 1
            for check, message in checker.problems(e.source, e.target):
                counts[check.id, check.severity] += 1
                if len(examples[check.id]) < args.examples:
                    where = path.relative_to(args.folder)
                    examples[check.id].append(f"  {where}:{e.line}: {message}")
    print(f"{segments:,} translated segments")
    for (check, severity), n in counts.most_common():
        print(f"{check:<16} {severity:<8} {n:>6,}")
        for line in examples[check]:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
