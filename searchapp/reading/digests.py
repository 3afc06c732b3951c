"""Text files that hold several stories one after another, each cut out as a text of its own.

Two shapes are read: a run of "Title:" blocks (a headline tool's export: "Title: ...", the story,
"Source: ..."), and a markdown digest of "## headline" sections, each under its own address and
date (an RSS-to-markdown link database). Each story is rewritten in a shape the text reader
already reads, a header block or a markdown post with its address and date listed, so that its
title, date and source are found as in a file of one story.
"""

from __future__ import annotations

import re

from searchapp.reading.lines import is_long

# "Title: Square Enix's presentation ..." at a line's start: where a block begins
TITLE_LINE = re.compile(r"(?im)^[ \t]*title[ \t]*:[ \t]*\S")
KEY_LINE = re.compile(r"^\s*(?P<key>title|date|published|source|url|link)\s*:\s*(?P<value>\S.*?)\s*$", re.I)
BLOCK_KEYS = {"title": "Title", "date": "Date", "published": "Date", "source": "Source", "url": "URL", "link": "URL"}

SECTION = re.compile(r"(?m)^##[ \t]+(?P<heading>\S.*?)[ \t]*#*[ \t]*$")
# A line that is only an address: "- [https://...](https://...)", "[Read it](https://...)", "<https://...>"
ADDRESS_LINE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\[[^\]\n]*\]\((?P<url>https?://[^\s()]+)\)|<?(?P<bare>https?://[^\s<>()\[\]]+)>?)\s*$"
)
LIST_DATE = re.compile(
    r"(?i)^\s*[-*+]\s+(?:\*\*)?(?:date published|published(?: at| on)?|date|pub ?date)(?:\*\*)?\s*:\s*(?P<value>\S.*?)\s*$"
)
LIST_LINE = re.compile(r"^\s*[-*+]\s+\S")
SECTION_HEAD_LINES = 4  # a section's address and date stand in its first lines


def digest_items(text: str, markdown: bool) -> list[str] | None:
    """The stories of a digest, each as a text of its own; None for a file of one story."""
    return _title_blocks(text) or (_linked_sections(text) if markdown else None)


def _title_blocks(text: str) -> list[str] | None:
    """Two or more "Title:" blocks and nothing before the first: each block with its key lines (Title, Date,
    Source, URL, wherever in the block they stand) gathered into a header block over the rest."""
    starts = [m.start() for m in TITLE_LINE.finditer(text)]
    if len(starts) < 2 or text[:starts[0]].strip():
        return None
    items = []
    for start, end in zip(starts, starts[1:] + [len(text)]):
        header, rest = {}, []
        for line in text[start:end].splitlines():
            key = KEY_LINE.match(line)
            if key and (name := BLOCK_KEYS[key["key"].casefold()]) not in header:
                header[name] = key["value"]
            else:
                rest.append(line.strip())
        body = "\n".join(rest).strip()
        items.append("\n".join(f"{k}: {v}" for k, v in header.items()) + ("\n\n" + body if body else "") + "\n")
    return items


def _linked_sections(text: str) -> list[str] | None:
    """Two or more "## headline" sections, each with a line of its own address in its first lines, and no
    prose above the first: each as a markdown post of its headline, its address and date listed, and its text."""
    sections = list(SECTION.finditer(text))
    if len(sections) < 2 or any(is_long(line) for line in text[:sections[0].start()].splitlines()):
        return None
    items = []
    for section, end in zip(sections, [s.start() for s in sections[1:]] + [len(text)]):
        lines = text[section.end():end].strip("\n").splitlines()
        head = lines[:SECTION_HEAD_LINES]
        address = next((m for line in head if (m := ADDRESS_LINE.match(line))), None)
        if address is None:
            return None
        date = next((m["value"] for line in head if (m := LIST_DATE.match(line))), None)
        listed = [f"- **URL**: {address['url'] or address['bare']}"] + ([f"- **Published**: {date}"] if date else [])
        body = [line for n, line in enumerate(lines) if not (n < SECTION_HEAD_LINES and LIST_LINE.match(line))]
        items.append(f"# {section['heading']}\n\n" + "\n".join(listed) + "\n\n" + "\n".join(body).strip() + "\n")
    return items
