"""Machine drafts: DeepL and the translation memory, cheap, faithful, resumable.

`plan` decides (pure), `provenance` records the draft beside the text,
`cache` and `glossary_sync` remember what DeepL already has, `deepl` is the
thin adapter around the client, and `runner` puts them together for
``transkit draft``. Nothing here imports ``deepl`` at module level.
"""
