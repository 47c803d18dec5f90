"""The review TUI (``transkit review``): Textual is imported only from here."""
