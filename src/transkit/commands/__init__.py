"""One module per ``transkit`` command (see `transkit.cli`)."""
