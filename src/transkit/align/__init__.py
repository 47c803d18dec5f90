"""Aligning an existing human translation to a document's segments (pure core).

`sentences` splits a translation with its own language's rules, `aligner`
pairs blocks by structure and anchors and then sentences within them, and
`edits` holds the join / unjoin / move operations a translator makes by hand.
Nothing here reads or writes a file: `transkit.aligning` is the adapter.
"""
