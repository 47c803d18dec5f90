"""The README's Configuration table, made from the schema in ``transkit.config``.

Run: .venv/bin/python tools/config_reference.py [--write]

Prints the table; ``--write`` puts it into README.md between the
``<!-- config-reference -->`` markers. ``tests/test_config.py`` fails while
the README and the schema differ, so the documentation cannot drift.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from transkit.config import reference_table

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- config-reference -->\n", "<!-- /config-reference -->\n"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help="update README.md in place")
    args = parser.parse_args()
    table = reference_table()
    if not args.write:
        sys.stdout.write(table)
        return 0
    text = README.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"{README}: the markers {START.strip()} and {END.strip()} are missing",
              file=sys.stderr)
        return 2
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    README.write_text(before + START + table + END + after, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
