"""Reading the archive: list its files, read each format, find title, date, source and body.

The one entry point per file is read_file (formats.py picks the reader by content);
archive_listing lists the archive; find_recurring_lines learns the archive's page
furniture. Everything else in this package is a step those three use.
"""

from __future__ import annotations

from searchapp.lazy_names import lazy_names

HOMES = {
    "archive": ("PAGE_ASSET_SUFFIXES", "Listed", "archive_files", "archive_listing"),
    "boilerplate": ("find_recurring_lines",),
    "dates": ("parse_date",),
    "formats": ("read_file",),
    "model": ("Article", "ReadResult", "Skip"),
    "normalize": ("normalize_line",),
}
__all__, __getattr__, __dir__ = lazy_names(__name__, HOMES)
