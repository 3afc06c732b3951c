"""Text files that hold several stories one after another, each cut out as a text of its own.

Three shapes are read: a run of blocks of labelled fields (a headline tool's export: "Title: ...", the
story, "Source: ..."; a scraper's "Media Name - CNN", "URL - ...", "Headline - ...", "Article - ..."; a bot's
list of stories, each field's name in bold: "- **原标题**：...", "- **来源**：..."), or
of blocks each under a line that numbers it ("Article 1:"); a
summary digest's numbered stories ("**Article 1: Headline**", then its fields), grouped by outlet; and a
markdown digest of headings of one level, each under its own address and date (an RSS-to-markdown link
database), or each a link itself ("#### [2024-11-12 Headline](https://...)", a reader's notes on several
stories); and a list of linked headlines, each perhaps with its outlet, date or gist beside it ("1. [Headline](https://...)
— Reuters — 2025-11-01T02:14:18Z", a headline tool's or a bot's daily list). Each story is rewritten in a shape
the text reader already reads, a header block
or a markdown post with its address and date listed, so that its title, date and source are found as
in a file of one story.
"""

from __future__ import annotations

import re

from searchapp.reading.dates import parse_date
from searchapp.reading.lines import HEADLINE_LINE_WORDS, is_long, is_placeholder
from searchapp.reading.markdown import LIST_FIELD, LIST_FIELD_KEYS, list_field_key
from searchapp.reading.sources import WEB_ADDRESS

# "Title: ...", "Headline - ...", "Media Name - ...", "* Publication Date: ...": a field's name at a line's start
# (after a list's bullet, if any), then a colon or a spaced dash, then its value (which may be empty)
# "- **原标题**：...", "- **Source:** ...": a bot's listed fields, the name in bold, in English or Chinese
FIELD_LINE = re.compile(
    r"^\s*(?:[-*+•]\s+)?(?P<bold>\*\*)?(?P<key>[A-Za-z\u4e00-\u9fff][A-Za-z\u4e00-\u9fff ]{0,24}?)[ \t]*(?(bold)(?:\*\*)?)"
    r"(?::|：|[ \t][-–][ \t])(?(bold)(?:\*\*)?)[ \t]*(?P<value>.*?)\s*$"
)
# The fields a block of a story may have, by the header block's name for them; None: the story's text itself
BLOCK_FIELDS = {
    "title": "Title", "headline": "Title", "date": "Date", "published": "Date", "publication date": "Date",
    "source": "Source", "media name": "Source", "media": "Source", "outlet": "Source", "publisher": "Source",
    "url": "URL", "link": "URL", "article": None, "text": None, "body": None, "content": None,
    "description": "Summary", "short description": "Summary", "summary": "Summary",
    "标题": "Title", "原标题": "Title", "来源": "Source", "媒体": "Source", "发布时间": "Date", "发布日期": "Date",
    "日期": "Date", "链接": "URL", "原文链接": "URL", "正文": None, "内容": None, "摘要": "Summary", "原文摘要": "Summary",
}
LISTED_BLOCK_FIELDS = 3  # a bot's listed story, under a preamble of its own: its headline and two more fields

# "**Article 1: Headline**", "**Story 2. Headline**", "**3) Headline**": a summary digest's numbered story
NUMBERED_HEADLINE = re.compile(r"(?i)^\s*\*\*(?:(?:article|story|item)\s*)?\d{1,3}\s*[:.)]\s*(?P<title>[^*]+?)\s*\*\*\s*$")
GROUP_NAME_WORDS = 4
GROUP_SUFFIX = re.compile(r"(?i)\s*\b(?:news\s+)?(?:summary|summaries|articles|stories|headlines)\s*$")
HEADING = re.compile(r"(?m)^(?P<level>#{1,4})[ \t]+(?P<heading>\S.*?)[ \t]*#*[ \t]*$")
# "#### [2024-11-12 Headline](https://...)": a heading that is its story's link, perhaps dated first
LINKED_HEADING = re.compile(r"^\[(?P<text>[^\]\n]+)\]\((?P<url>https?://[^\s()]+)\)$")
DATE_FIRST = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})[ \t]+(?P<rest>\S.*)$")
# A line that is only an address: "- [https://...](https://...)", "[Read it](https://...)", "<https://...>"
ADDRESS_LINE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\[[^\]\n]*\]\((?P<url>https?://[^\s()]+)\)|<?(?P<bare>https?://[^\s<>()\[\]]+)>?)\s*$"
)
LIST_DATE = re.compile(
    r"(?i)^\s*[-*+]\s+(?:\*\*)?(?:date published|published(?: at| on)?|date|pub ?date)(?:\*\*)?\s*:\s*(?P<value>\S.*?)\s*$"
)
LIST_LINE = re.compile(r"^\s*[-*+]\s+\S")
BOLD_LINE = re.compile(r"^\s*\*\*(?P<heading>[^*\n]+?)\*\*\s*\\?\s*$")  # "**Headline**\": a line break after it
SECTION_HEAD_LINES = 4  # a section's address and date stand in its first lines
# "Article 1:", "Article_2", "Story 3.": a line that only numbers the story under it
STORY_MARKER = re.compile(r"(?i)^\s*(?:(?:article|story|item|news)[ _#-]?\d{1,4}|(?:lead|top|main)\s+story)\s*[:.)]?\s*$")
NUMBERED_HEADING = re.compile(r"(?i)^(?:article|story|item)\s*\d{1,3}\s*[:.)]\s*(?=\S)")  # "Article 1: Headline"


def digest_items(text: str, markdown: bool, section_words: frozenset[str]) -> list[str | None] | None:
    """The stories of a digest, each as a text of its own; None for a file of one story. section_words (the
    reading rules') name a paper's desks. A story with nothing to read (a scraper's "Title not found") is None
    in its place, so that the stories after it keep their numbers in the file."""
    if markdown:
        return (
            _title_blocks(text) or _marked_blocks(text) or _numbered_stories(text) or _linked_sections(text)
            or _bold_linked_items(text) or _linked_list_items(text) or _stories_under_desks(text, section_words)
        )
    return _title_blocks(text) or _marked_blocks(text) or _numbered_stories(text) or _addressed_blocks(text)


def _title_blocks(text: str) -> list[str] | None:
    """Blocks of labelled fields, each a story ("Title: ..." or "Media Name - CNN", "URL - ...", "Headline - ...",
    "Article - ..."): the file opens with a field, that field opens two or more blocks, and every block has a
    headline. Each block's fields (wherever in it they stand) are gathered into a header block over its text;
    a summary field is its text only when the block has no other. A bot's list may open with a heading and notes
    of its own: then each story opens with its bold headline field and lists at least two fields more."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    opening = _field(first)
    listed = opening is None  # a bot's list of stories under its own heading: "- **原标题**：...", "- **来源**：..."
    if listed:
        opening = next((key for line in lines if (key := _field(line)) and BLOCK_FIELDS[key] == "Title"), None)
        if opening is None:
            return None
    starts = [n for n, line in enumerate(lines) if _field(line) == opening and not (listed and not _bold(line))]
    if len(starts) < 2:
        return None
    items = []
    for start, end in zip(starts, starts[1:] + [len(lines)]):
        header: dict[str, str] = {}
        own = [line for line in lines[start:end] if not (listed and HEADING.match(line))]  # "## 美国": a desk's
        body, fields = _gathered(own, header)
        if not header.get("Title") or (listed and fields < LISTED_BLOCK_FIELDS):
            return None
        items.append(_header_block(header, body))
    return items


def _marked_blocks(text: str) -> list[str | None] | None:
    """Blocks each under a line that only numbers it ("Article 1:", "Article_2", "Story 3"), the file opening
    with the first: a scraper's dump of stories, each its text or its labelled fields ("Title: ...",
    "Content: ...", "Date: ..."). A field a scraper filled with a placeholder ("Title not found") is no field,
    and a block left with neither headline nor text is None."""
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines) if STORY_MARKER.match(line)]
    if len(starts) < 2 or any(is_long(line) for line in lines[:starts[0]]):
        return None  # a digest's own name and date may stand over its first story; an article's prose may not
    items: list[str | None] = []
    for start, end in zip(starts, starts[1:] + [len(lines)]):
        own = [line for line in lines[start + 1:end] if not _placeholder(line)]
        header: dict[str, str] = {}
        first = next((i for i, line in enumerate(own) if line.strip()), None)
        opening = own[first].strip() if first is not None else ""
        if opening and _field(opening) is None and len(opening.split()) <= HEADLINE_LINE_WORDS and any(map(_field, own)):
            header["Title"] = opening  # "LEAD STORY", then the headline unlabelled over the story's fields
            own = own[first + 1:]
        body, _ = _gathered(own, header)
        items.append(_header_block(header, body) if header.get("Title") or body else None)
    return items


ADDRESSED_BLOCKS_LEAST = 3
SECTION_TAG = re.compile(r"^\[[^\]\n]{1,30}\]\s+(?=\S)")  # "[Technology] Headline": the feed it came from


def _addressed_blocks(text: str) -> list[str] | None:
    """A plain-text digest of feed items, each a block of a headline, perhaps its gist, and its address on the last
    line ("[General] Headline", "Headline cut short...", "https://..."); three or more such blocks and nothing else:
    each block a story of that headline and address."""
    blocks = [block.strip().splitlines() for block in re.split(r"\n[ \t\r]*\n", text) if block.strip()]
    if len(blocks) < ADDRESSED_BLOCKS_LEAST or not all(
        2 <= len(block) <= SECTION_HEAD_LINES and ADDRESS_LINE.match(block[-1]) and len(block[0].split()) <= HEADLINE_LINE_WORDS
        for block in blocks
    ):
        return None
    stories = []
    for block in blocks:
        address = ADDRESS_LINE.match(block[-1])
        header = {"Title": SECTION_TAG.sub("", block[0].strip()), "URL": address["url"] or address["bare"]}
        stories.append(_header_block(header, "\n".join(line.strip() for line in block[1:-1])))
    return stories


def _placeholder(line: str) -> bool:
    """A field line a scraper filled with what it did not find ("Content: Content not found")."""
    return _field(line) is not None and is_placeholder(FIELD_LINE.match(line)["value"])


def _numbered_stories(text: str) -> list[str] | None:
    """A summary digest's numbered stories ("**Article 1: Headline**" then "Publication Date: ...", "Summary:
    ..."), perhaps grouped under a heading per outlet ("## BBC News Summary"): two or more, each with a field
    line of its own, so that a post's bold subheads are never taken for stories. The outlet a group's heading
    names is its stories' source, unless a story names its own."""
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines) if NUMBERED_HEADLINE.match(line)]
    if len(starts) < 2:
        return None
    items = []
    for start, end in zip(starts, starts[1:] + [len(lines)]):
        group = next((m["heading"] for line in reversed(lines[:start]) if (m := HEADING.match(line))), "")
        header = {"Title": NUMBERED_HEADLINE.match(lines[start])["title"]}
        own = [line for line in lines[start + 1:end] if not HEADING.match(line)]  # not the next group's heading
        body, fields = _gathered(own, header)
        if not fields:
            return None
        if "Source" not in header and (outlet := _group_outlet(group)):
            header["Source"] = outlet
        items.append(_header_block(header, body))
    return items


def _gathered(lines: list[str], header: dict[str, str]) -> tuple[str, int]:
    """A block's field lines gathered into header (the first of each field; a later one stays in the text), and
    the block's text (its summary when it has no other) with the number of field lines it had."""
    rest, summary, fields = [], [], 0
    for line in lines:
        key = _field(line)
        if key is None:
            if not _bold(line):  # "- **评分**：179": a field of the bot's own
                rest.append(line.strip())
            continue
        fields += 1
        name, value = BLOCK_FIELDS[key], FIELD_LINE.match(line)["value"]
        if name == "Summary":
            summary.append(value)
        elif name is None:
            rest.append(value.strip())  # "Article - Kyiv CNN — ...": the story's text itself
        elif name not in header:
            header[name] = value
        else:
            rest.append(line.strip())
    return "\n".join(rest).strip() or "\n".join(summary).strip(), fields


def _header_block(header: dict[str, str], body: str) -> str:
    """A story as the text reader reads a file of one: its header block, then its text."""
    return "\n".join(f"{k}: {v}" for k, v in header.items()) + "\n\n" + (body + "\n" if body else "")


def _group_outlet(heading: str) -> str | None:
    """"BBC News Summary", "AP Headlines": the name before such a word, of a few words, is the group's outlet;
    a heading without such a word ("Europe", "Latest") names none."""
    name = GROUP_SUFFIX.sub("", heading).strip()
    return name if name != heading.strip() and 0 < len(name.split()) <= GROUP_NAME_WORDS else None


def _bold(line: str) -> bool:
    """A field line whose name is in bold ("- **Title**: ..."), as a bot lists a story's fields."""
    return bool((m := FIELD_LINE.match(line)) and m["bold"])


def _field(line: str) -> str | None:
    """The story field a line gives ("headline"), or None when it is no field line."""
    match = FIELD_LINE.match(line)
    key = " ".join(match["key"].casefold().split()) if match else None
    return key if key in BLOCK_FIELDS else None


def _linked_sections(text: str) -> list[str] | None:
    """Two or more headings of one level ("#" to "####"), each a story under its own address (a line of it in
    the section's first lines, or the heading itself a link), and no prose above the first: each as a
    markdown post of its headline, its address and date listed, and its text."""
    headings = list(HEADING.finditer(text))
    for level in ("#", "##", "###", "####"):
        sections = [h for h in headings if h["level"] == level]
        if len(sections) < 2 or any(is_long(line) for line in text[:sections[0].start()].splitlines()):
            continue
        if (items := _sections_as_posts(text, sections)) is not None:
            return items
    return None


def _sections_as_posts(text: str, sections: list[re.Match]) -> list[str] | None:
    """Each section as a markdown post; None when a section has no address of its own. The section's first
    lines may list its fields ("**Source:** Al Jazeera", "**URL:** https://..."), and its heading may number it
    ("## Article 1: Headline")."""
    items = []
    for section, end in zip(sections, [s.start() for s in sections[1:]] + [len(text)]):
        lines = text[section.end():end].strip("\n").splitlines()
        fielded = _field_run(lines)
        head = lines[:max(SECTION_HEAD_LINES, fielded)]
        fields = {LIST_FIELD_KEYS[key]: m["value"] for line in head
                  if (m := LIST_FIELD.match(line)) and (key := list_field_key(m)) in LIST_FIELD_KEYS}
        heading, date = NUMBERED_HEADING.sub("", section["heading"]), fields.get("date")
        if linked := LINKED_HEADING.match(heading):
            heading, url = linked["text"].strip(), linked["url"]
        elif address := _address_in(head) or (fields.get("url") if WEB_ADDRESS.match(fields.get("url", "")) else None):
            url = address
        else:
            return None
        if dated := DATE_FIRST.match(heading):
            heading, date = dated["rest"], dated["date"]
        date = next((m["value"] for line in head if (m := LIST_DATE.match(line))), date)
        body = [line for n, line in enumerate(lines) if not (n < len(head) and (LIST_LINE.match(line) or n < fielded))]
        items.append(_post(heading, url, date, body, fields.get("source")))
    return items


def _stories_under_desks(text: str, section_words: frozenset[str]) -> list[str] | None:
    """A daily digest filed by desk: short headings of one level, most naming a paper's desk ("## Politics &
    Governance", "## Economy & Business"), under two or more of them a story each, headed one level down by a
    headline ("### India Launches Airstrikes on Pakistan ...") over its own paragraphs. An article's subheads
    ("## What happened") name no desk. Each story is a markdown post of its headline and text."""
    headings = list(HEADING.finditer(text))
    for level in ("#", "##", "###"):
        desks = [h for h in headings if h["level"] == level]
        stories = [h for h in headings if h["level"] == level + "#"]
        if len(desks) < 2 or len(stories) < 2 or any(len(h["heading"].split()) > DESK_WORDS for h in desks):
            continue
        named = [h for h in desks if set(re.findall(r"[\w-]+", h["heading"].casefold())) & section_words - {"and"}]
        if 2 * len(named) < len(desks):
            continue
        if any(len(h["heading"].split()) < STORY_HEADLINE_WORDS for h in stories):
            continue
        under = {max((d.start() for d in desks if d.start() < h.start()), default=None) for h in stories}
        if None in under or len(under) < 2:
            continue  # a story above every desk, or all under one: a post with subheads
        ends = sorted(h.start() for h in headings if len(h["level"]) <= len(level) + 1)
        items = []
        for story in stories:
            end = next((e for e in ends if e > story.start()), len(text))
            body = text[story.end():end].strip()
            if not any(is_long(line) for line in body.splitlines()):
                return None  # a headline with no story under it: a table of contents
            items.append(f"# {story['heading']}\n\n{body}\n")
        return items
    return None


DESK_WORDS = 4  # "Politics & Governance", "Crime & Justice"
STORY_HEADLINE_WORDS = 5


def _field_run(lines: list[str]) -> int:
    """How many of a section's first lines list its fields, one a line ("**Source:** Al Jazeera")."""
    return next((n for n, line in enumerate(lines) if not LIST_FIELD.match(line)), len(lines))


def _bold_linked_items(text: str) -> list[str] | None:
    """A reading list: two or more bold lines, each a headline with its address in the lines under it
    ("**Headline**\\", "`What it is about.`\\", "https://..."), and no prose above the first: each as a
    markdown post of its headline, its address and the words under it."""
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines) if BOLD_LINE.match(line)]
    if len(starts) < 2 or any(is_long(line) for line in lines[:starts[0]]):
        return None
    items = []
    for start, end in zip(starts, starts[1:] + [len(lines)]):
        own = lines[start + 1:end]
        url = _address_in(own[:SECTION_HEAD_LINES])
        if url is None:
            return None
        body = [line.rstrip().rstrip("\\").strip().strip("`") for line in own if not ADDRESS_LINE.match(line)]
        items.append(_post(BOLD_LINE.match(lines[start])["heading"].strip(), url, None, body))
    return items


# "1. [Headline](https://...) — Outlet — 2025-11-01T02:14:18Z", "- **BBC – World**: "[Headline](https://...)" - gist":
# a list item whose link is its story's headline, perhaps after a short label (the outlet's), with fields after it
LINKED_ITEM = re.compile(
    r"^(?:[-*+]|\d{1,3}[.)])[ \t]+(?P<label>[^\[\n]{0,60}?)\[(?P<text>[^\]\n]{12,300})\]"
    r"\((?P<url>https?://[^\s()]+)\)(?P<after>.*)$"
)
ITEM_PARTS = re.compile(r"\s+[—–|-]\s+|^\s*[—–|-]\s+")  # " — Outlet — date", " - gist"
LABEL_MARKS = "*_\"“”'‘’:`"
ITEM_NAME_WORDS, ITEM_NAME_CHARS = 6, 50  # an outlet's or writer's name beside the link; a longer part is its gist
LINKED_ITEMS_LEAST = 3
CJK_PUNCTUATION = re.compile(r"[。、，！？；]")  # a sentence's marks: no name or date has them


def _linked_list_items(text: str) -> list[str] | None:
    """A list of three or more linked headlines, more of them than lines of prose outside them (so an article's
    "Related" links stay its own): each as a markdown post of its headline and address, the outlet (the label
    before the link, or the first name after it) and the date beside it, and its gist and indented lines as text."""
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines) if LINKED_ITEM.match(line)]
    if len(starts) < LINKED_ITEMS_LEAST or _under_references_heading(lines, starts[0]):
        return None
    owned = set()
    items = []
    for start, end in zip(starts, starts[1:] + [len(lines)]):
        run = _indented_run(lines[start + 1:end])
        owned.update(range(start, start + 1 + len(run)))
        items.append(_linked_item(LINKED_ITEM.match(lines[start]), [line.strip() for line in run if line.strip()]))
    prose = sum(1 for n, line in enumerate(lines) if n not in owned and is_long(line))
    return items if prose < len(items) else None


def _under_references_heading(lines: list[str], first: int) -> bool:
    """Whether the list stands under a heading that names it a story's references ("## Sources", "**Related
    coverage**", "Read more:"): the links a post cites, not the stories of a digest."""
    above = next((line for line in reversed(lines[:first]) if line.strip()), "")
    words = re.sub(r"[#*_:>\s]+", " ", above).strip().casefold()
    return words in REFERENCE_HEADINGS


REFERENCE_HEADINGS = frozenset((
    "source", "sources", "reference", "references", "related", "related articles", "related stories",
    "related coverage", "related links", "read more", "see also", "further reading", "more on this story",
    "citations", "notes", "bibliography",
))


def _indented_run(lines: list[str]) -> list[str]:
    """An item's own lines under it: indented ones, and the blank lines between them."""
    run = []
    for line in lines:
        if line.strip() and not line[:1].isspace():
            break
        run.append(line)
    return run


def _linked_item(item: re.Match, more: list[str]) -> str:
    """One listed story as a markdown post; a label of no letters ("6558 [Headline](...)", a tool's id) names no one."""
    label = item["label"].strip().strip(LABEL_MARKS).strip()
    label = label if any(ch.isalpha() for ch in label) else ""
    parts = [p.strip().strip(LABEL_MARKS).strip() for p in ITEM_PARTS.split(item["after"].strip(LABEL_MARKS + " "))]
    parts = [TIME_AFTER.sub("", piece.strip()) for p in parts for piece in _with_bracket_opened(p) if piece.strip()]
    date = next((p for p in parts if _name_like(p) and parse_date(p)), None)
    names = [p for p in parts if p != date and _name_like(p)]
    gist = [p for p in parts if p != date and p not in names]
    source = _label_outlet(label) if label else (names[0] if names else None)
    return _post(item["text"].strip(), item["url"], date, gist + more, source)


# "CNBC 9:28 AM CT": a credit with the time it was posted, not a date: the outlet is the words before it
TIME_AFTER = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?$")
BRACKETED_END = re.compile(r"^(?P<head>[^()]*?)\s*\((?P<inside>[^()]*)\)\s*$")


def _with_bracket_opened(part: str) -> list[str]:
    """"theguardian.com (2025-04-05, Trust: 0.75)" -> the name, then what the brackets list."""
    bracketed = BRACKETED_END.match(part)
    return [bracketed["head"], *bracketed["inside"].split(",")] if bracketed else [part]


def _name_like(part: str) -> bool:
    """As short as a name or a date ("The Times of India", "2025-11-01T02:14:18Z"), in words and in letters
    (a gist in Japanese or Chinese is one long "word")."""
    return len(part.split()) <= ITEM_NAME_WORDS and len(part) <= ITEM_NAME_CHARS and not CJK_PUNCTUATION.search(part)


def _label_outlet(label: str) -> str:
    """"BBC – World News" -> "BBC": a feed's label names its outlet first, then the feed."""
    return re.split(r"\s+[—–|-]\s+", label)[0]


def _address_in(lines: list[str]) -> str | None:
    """The address of the first line among lines that is only an address."""
    address = next((m for line in lines if (m := ADDRESS_LINE.match(line))), None)
    return (address["url"] or address["bare"]) if address else None


def _post(heading: str, url: str, date: str | None, body: list[str], source: str | None = None) -> str:
    """A digest's story as a markdown post: its headline, its address, date and source listed, and its text."""
    listed = [f"- **URL**: {url}"] + ([f"- **Published**: {date}"] if date else [])
    listed += [f"- **Source**: {source}"] if source else []
    return f"# {heading}\n\n" + "\n".join(listed) + "\n\n" + "\n".join(body).strip() + "\n"
