"""Reading the archive: list its files, read each format, find title, date, source and body.

The one entry point per file is read_file (formats.py picks the reader by content);
archive_listing lists the archive; find_recurring_lines learns the archive's page
furniture. Everything else in this package is a step those three use.
"""

from __future__ import annotations

import importlib

HOMES = {
    "archive": ("PAGE_ASSET_SUFFIXES", "Listed", "archive_files", "archive_listing"),
    "boilerplate": ("find_recurring_lines",),
    "dates": ("parse_date",),
    "formats": ("read_file",),
    "model": ("Article", "ReadResult", "Skip"),
    "normalize": ("normalize_line",),
}
HOME = {name: module for module, names in HOMES.items() for name in names}
__all__ = sorted(HOME)


def __getattr__(name: str):
    """Looked up on first use (PEP 562): the search side names an Article without importing every reader."""
    if name not in HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{HOME[name]}"), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(HOME))
