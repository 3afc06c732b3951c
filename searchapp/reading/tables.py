"""Articles kept as a table: a .csv or .tsv dump with a header row ("title,date,publication,url,content",
as scrapers and the Kaggle news datasets write them), and a dataset's text file of one numbered article a
line ("0<TAB>WASHINGTON Donald J Trump on Tuesday named ...").

Each row becomes a record under its header's names, so records.py reads it as it reads a JSON dump's item
(the same field names, the same incremental reindex of the rows that changed).
"""

from __future__ import annotations

import csv
import io
import re

from searchapp.reading.record_fields import body_text

DELIMITERS = ",;\t|"
NUMBERED_LINE = re.compile(r"^\d{1,9}\t(?=\S)")  # "17<TAB>text": a dataset's id, then the article
NUMBERED_LINE_START = re.compile(rb"^\d{1,9}\t\S[^\n]{200}")  # the first line of such a file, a long one
HEADER_CELL_CHARS = 60  # a column's name is short; a first row with a longer cell is data, not a header
FIELD_LIMIT = 1 << 30  # csv's default (128 KB a cell) would refuse a long article's text


def looks_numbered(head: bytes) -> bool:
    """A text file that opens with a numbered article line ("0<TAB>" and a long line of text)."""
    return bool(NUMBERED_LINE_START.match(head.lstrip(b"\xef\xbb\xbf")))


def table_rows(text: str, numbered: bool) -> tuple[list[dict], str | None]:
    """The rows of a table as {column: cell} (a numbered file's as {"text": ...}), and why none are read
    when the table has no column of article text (None when it has one)."""
    if numbered:
        rows = [{"text": NUMBERED_LINE.sub("", line)} for line in text.split("\n") if NUMBERED_LINE.match(line)]
        return rows, None if rows else "no numbered article lines"
    csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = next(reader, None)
        if not header or any(len(cell) > HEADER_CELL_CHARS for cell in header):
            return [], "a table without a header row naming its columns"
        names = [cell.strip() or f"column {n}" for n, cell in enumerate(header, start=1)]
        rows = [dict(zip(names, cells)) for cells in reader if any(cell.strip() for cell in cells)]
    except csv.Error as exc:
        return [], f"not a readable table: {exc}"
    if rows and not any(body_text(row) for row in rows[:20]):
        return [], "no column of article text (its columns: " + ", ".join(names[:12]) + ")"
    return rows, None


def _delimiter(text: str) -> str:
    """The delimiter the header line uses most: a header's names hold no commas, tabs or semicolons."""
    header = text.split("\n", 1)[0]
    return max(DELIMITERS, key=header.count)
