"""PO/POT files: strict validation, reading into `Catalog`s, GNU-identical writing."""

from transkit.po.reader import parse_catalog, read_catalog, scan_catalog
from transkit.po.writer import encode_catalog, format_catalog, write_catalog

__all__ = [
    "encode_catalog",
    "format_catalog",
    "parse_catalog",
    "read_catalog",
    "scan_catalog",
    "write_catalog",
]
