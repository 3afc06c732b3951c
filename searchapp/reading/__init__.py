"""Reading the archive: list its files, read each format, find title, date, source and body.

The one entry point per file is read_file (formats.py picks the reader by content);
archive_listing lists the archive; find_recurring_lines learns the archive's page
furniture. Everything else in this package is a step those three use.
"""

from searchapp.reading.archive import PAGE_ASSET_SUFFIXES, Listed, archive_files, archive_listing
from searchapp.reading.boilerplate import find_recurring_lines
from searchapp.reading.dates import parse_date
from searchapp.reading.formats import read_file
from searchapp.reading.model import Article, ReadResult, Skip
from searchapp.reading.normalize import normalize_line

__all__ = [
    "PAGE_ASSET_SUFFIXES", "Article", "Listed", "ReadResult", "Skip", "archive_files",
    "archive_listing", "find_recurring_lines", "normalize_line", "parse_date", "read_file",
]
