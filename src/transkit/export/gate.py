"""The export gate's second half: a segment with an error-level finding is
not published, whatever its status.

Approving a segment says a person read it; it does not make a missing
footnote reference come back (`--allow-incomplete` once published Spanish
with notes 3 and 5 orphaned, the gate looking only at status). So the
segments `transkit check` reports an error on are withheld like gaps: a
language with any is refused, or with ``--allow-incomplete`` shows the
source text there, marked; ``--allow-errors`` publishes them as they are.
A finding silenced with a ``transkit-ignore`` comment is a person's
decision and withholds nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from transkit.catalog import Catalog
from transkit.checks import ERROR, Finding, Policy, check_translation
from transkit.document import Block, Document
from transkit.export.assemble import Edition, Gap, segment_status
from transkit.glossary import Glossary
from transkit.template import entry_blocks

#: How a withheld segment is named among the gaps.
ERROR_KIND = "error"


@dataclass(frozen=True)
class Withheld(Gap):
    """A segment whose status would publish it, held back by `finding`."""

    finding: Finding | None = None

    @property
    def kind(self) -> str:
        return ERROR_KIND


def segment_errors(
    template: Catalog,
    translation: Catalog,
    edition: Edition,
    *,
    doc: str,
    path: str,
    source_language: str,
    policy: Policy | None = None,
    glossary: Glossary | None = None,
) -> dict[str, Finding]:
    """Segment id → its first error-level finding, for the segments `edition`
    would publish (a gap shows the source text: its errors are not printed)."""
    report = check_translation(
        template,
        translation,
        doc=doc,
        lang=edition.language,
        source_lang=source_language,
        path=path,
        policy=policy,
        glossary=glossary,
    )
    gaps = {g.id for g in edition.gaps}
    errors: dict[str, Finding] = {}
    for f in report.findings:
        if f.severity == ERROR and f.entry_id and f.entry_id not in gaps:
            errors.setdefault(f.entry_id, f)
    return errors


def withhold(
    edition: Edition, template: Catalog, translation: Catalog, errors: Mapping[str, Finding]
) -> Edition:
    """`edition` with the segments of `errors` turned into gaps: the source
    text in their place, as for any gap."""
    if not errors:
        return edition
    by_id = translation.by_id()
    withheld: list[Gap] = []
    blocks: list[Block] = []
    for b, (_, entries) in enumerate(entry_blocks(template)):
        segments = list(edition.document.blocks[b].segments)
        for s, e in enumerate(entries):
            if e.id in errors:
                segments[s] = e.source
                status = segment_status(e, by_id.get(e.id))
                withheld.append(Withheld(e.id, status, e.source, (b, s), errors[e.id]))
        blocks.append(Block(edition.document.blocks[b].layout, segments))
    gaps = sorted((*edition.gaps, *withheld), key=lambda g: g.position)
    return replace(
        edition,
        document=Document(blocks),
        gaps=tuple(gaps),
        fallbacks=edition.fallbacks | {g.position for g in withheld},
    )


def withheld_of(edition: Edition) -> Sequence[Withheld]:
    return [g for g in edition.gaps if isinstance(g, Withheld)]
