"""Plain text and markdown files, with an optional `Title:`/`Date:` header block."""

from __future__ import annotations

import re

from searchapp.reading.model import ReadResult
from searchapp.reading.page import add_article, given_fields, read_page

HEADER_KEYS = ("title", "date", "source", "url")


HEADER_LINE = re.compile(r"(?i)^(?P<key>title|date|source|url)\s*:\s*(?P<value>.*?)\s*$")


OTHER_HEADER_LINE = re.compile(r"^[A-Za-z][A-Za-z -]{0,20}:\s")  # "Author: ...", "Tags: ..." are allowed, not used


MARKDOWN_HEADING = re.compile(r"(?m)^#{1,6}\s+")


def _header_block(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """`Title:`/`Date:`/`Source:`/`URL:` lines at the very top, ended by a blank line."""
    fields: dict[str, str] = {}
    for n, line in enumerate(lines):
        if not line.strip():
            return (fields, n + 1) if fields else None
        match = HEADER_LINE.match(line.strip())
        if match:
            fields[match["key"].casefold()] = match["value"]
        elif not OTHER_HEADER_LINE.match(line.strip()):
            return None
    return None


def read_text(text: str, rel: str, suffix: str, boilerplate: frozenset[str], result: ReadResult) -> None:
    raw_lines = text.splitlines()
    header = _header_block(raw_lines)
    given, date = given_fields(header[0] if header else {}, rel, result.warnings)
    if header:
        text = "\n".join(raw_lines[header[1]:])
    if suffix == ".md":
        text = MARKDOWN_HEADING.sub("", text)
    page = read_page(text, boilerplate, given, masthead=True)
    add_article(result, rel, rel, page, given, date)


