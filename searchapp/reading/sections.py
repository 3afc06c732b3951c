"""A record written out as markdown sections, one heading a field: "## title", "## content",
"## publish date", "## authors" (a scraper saving newspaper3k's or a similar Article's fields).

Read as the record it is, so its fields mean what they mean in a JSON dump (record_fields.py):
the title is the section under "title", the date the one under "publish date", and the
summary, keywords and image sections stay out of the text.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from searchapp.reading.markdown import read_markdown
from searchapp.reading.model import ReadResult
from searchapp.reading.plaintext import read_text
from searchapp.reading.record_fields import BODY_NAMES, FIELD_NAMES, KNOWN_NAMES, comparable
from searchapp.reading.records import read_values
from searchapp.reading.rules import ReadingRules

# A field's heading: "## title", "# Publish Date", "### top image"; a heading of more words is the text's own
FIELD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(?P<name>[A-Za-z][A-Za-z_ ]{0,20}?)[ \t]*#*[ \t]*$", re.MULTILINE)
# Fields a scraper writes that no dump reader needs, kept out of the text: newspaper3k's and the like
OTHER_FIELDS = frozenset({"keywords", "topimage", "image", "images", "movies", "videos", "tags", "metadescription"})
# The file opens with a title section (bytes, for formats.detect_kind's look at a file's first bytes)
OPENS_WITH_TITLE = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*#{1,6}[ \t]+(?i:" + b"|".join(n.encode() for n in FIELD_NAMES["title"]) + rb")[ \t]*\r?\n"
)


TITLE_KEYS = frozenset(map(comparable, FIELD_NAMES["title"]))
BODY_KEYS = frozenset(map(comparable, BODY_NAMES))


def _field(name: str) -> bool:
    key = comparable(name)
    return key in KNOWN_NAMES or key in OTHER_FIELDS


def sections_record(text: str) -> dict[str, str] | None:
    """The fields the sections hold, by heading; None when the file is not written so: it must open
    with a title section and have a text section (a heading inside the text stays in it)."""
    headings = [m for m in FIELD_HEADING.finditer(text) if _field(m["name"])]
    if not headings or comparable(headings[0]["name"]) not in TITLE_KEYS:
        return None
    if text[:headings[0].start()].strip():
        return None
    record: dict[str, str] = {}
    for m, following in zip(headings, [*headings[1:], None]):
        value = text[m.end():following.start() if following else len(text)].strip()
        record.setdefault(m["name"].strip(), value)
    if not any(comparable(name) in BODY_KEYS for name in record):
        return None
    return record


def read_sections(text: str, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    """The file's one article, from its sections; a file that only opens like one is read as text."""
    record = sections_record(text)
    if record is None:  # a "# Title" heading but no text section: a markdown page after all
        read_text(text, rel, PurePosixPath(rel).suffix.lower(), boilerplate, rules, result)
        return
    plain = {name: read_markdown(value, rules)[0].strip() for name, value in record.items()}  # subheads, links, emphasis
    read_values([plain], rel, boilerplate, rules, result)
