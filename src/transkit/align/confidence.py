"""How sure `transkit align` was of a segment, read back from its PO entry.

The review app orders its "aligned" view by this (lowest first: the likely
misalignments come first) and shows it in the list. Pure: reads the
``# transkit: … engine=align confidence=0.42`` comment `transkit.aligning`
writes, nothing else.
"""

from __future__ import annotations

from transkit.catalog import Entry

#: The engine name `transkit.aligning` records on what it fills in.
ALIGN_ENGINE = "align"


def confidence_of(entry: Entry) -> float | None:
    """The aligner's confidence (0-1) in `entry`'s text; None if `align` did
    not put it there (or a person has changed it since: their text replaced
    the comment)."""
    meta = entry.meta
    if meta.get("engine") != ALIGN_ENGINE:
        return None
    try:
        return float(meta.get("confidence", ""))
    except ValueError:
        return None
