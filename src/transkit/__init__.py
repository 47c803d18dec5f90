"""transkit: terminal-first translation management for long articles."""

__version__ = "0.1.0"
