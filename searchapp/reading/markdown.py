"""Markdown to the plain lines the page reader reads, and what its first lines say.

The first `# heading` is the headline. A link on a line of its own at the top
("Source: [KYODO NEWS: ...](https://english.kyodonews.net/...)") is where the
article came from: its address, and the outlet its domain belongs to.
Markup is taken off, never the words: images go, links keep their text,
emphasis and quote markers go.
"""

from __future__ import annotations

import re

from searchapp.reading.lines import is_long
from searchapp.reading.normalize import normalize_line
from searchapp.reading.rules import ReadingRules
from searchapp.reading.sources import outlet_of_address

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})
TOP_LINES = 12  # the headline is looked for this near the top
CREDIT_LINES = 16  # and the source link this near: under a scrape's keywords, authors, date, image and translation
IMAGE = re.compile(r"!\[[^\]\n]*\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
LINK = re.compile(r"\[(?P<text>[^\]\n]*)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))*)(?:\s+\"[^\"\n]*\")?\)")
REFERENCE = re.compile(r"(?m)^\s{0,3}\[[^\]\n]+\]:\s+\S+.*$")
HEADING = re.compile(r"^\s{0,3}(?P<level>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
SETEXT_RULE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
STRAY_EMPHASIS = re.compile(r"\*{2,}|(?<!\w)_{2,}|_{2,}(?!\w)")
RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
CODE = re.compile(r"`+([^`\n]*)`+")  # "Published :`2024-07-18 19:12:55`": inline code keeps its text
FIELD_HEADING = re.compile(r"(?i)^\s*(?:source|url|feed|rss|date|published|tags?|category)\s*:")
LINK_ONLY = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)")  # "[:house:返回首頁](https://...)": a button, no headline
BARE_ADDRESS = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?$")  # "# www.aljazeera.com": a site, no headline
# "- **URL**: https://...", "- **Published**: ...": the metadata list a scraper writes above the page
# "**Source:** Al Jazeera": the same fields, the colon inside the bold, listed or not
LIST_FIELD = re.compile(
    r"^\s*(?:[-*+]\s+\*\*(?P<key>[A-Za-z][\w ]{0,30}?)\*\*\s*:|(?:[-*+]\s+)?\*\*(?P<inner>[A-Za-z][\w ]{0,30}?):\*\*)"
    r"\s*(?P<value>\S.*?)\s*$"
)
# "- date published: 2022-05-24 03:11:29+00:00": the same, unbolded, for the names LIST_FIELD_KEYS knows only
PLAIN_LIST_FIELD = re.compile(r"^\s*[-*+]\s+(?P<key>[A-Za-z][\w ]{0,30}?)\s*:\s*(?P<value>\S.*?)\s*$")
LIST_FIELD_KEYS = {
    "url": "url", "link": "url", "canonical url": "url", "source url": "url",
    "title": "title", "headline": "title",
    "published": "date", "date": "date", "published at": "date", "publication date": "date", "date published": "date",
    "source": "source", "publisher": "source", "site": "source", "site name": "source",
    # when the page was saved: not its date, but it tells the year of a date printed without one
    "scraped at": "captured", "fetched at": "captured", "crawled at": "captured", "retrieved at": "captured",
}
# "1. [Other story](/news/2017/07/16/other.md) _Context: Beijing_": a list line that is one link (whose text may hold
# brackets of its own) and at most a short or emphasized tail
LINK_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])?\s*!?\[.*\]\((?P<url>(?:[^()\s]|\([^()\s]*\))*)(?:\s+\"[^\"\n]*\")?\)\s*(?P<tail>.*)$")
EMPHASIZED = re.compile(r"^(?:_[^_].*_|\*[^*].*\*)$")
LINK_TAIL_WORDS = 3
LIST_LABEL_WORDS = 6  # "Related", "Read more", "More from the Asia desk"
LABEL_LINE = re.compile(r"^\s{0,3}(?:\*\*(?P<bold>[^*]+?)\*\*|(?P<label>[^\W\d][^:]{0,40}?)\s*:)\s*$")  # "**Read more**", "Related:"
SCHEME = re.compile(r"^(?:[A-Za-z][\w+.-]*:|//)")
ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # "Radio \| News week": a backslash keeps a punctuation mark literal
ESCAPE_BASE = 0xF0000  # escaped marks stand in a private-use plane while markup is taken off, then come back
ESCAPES_BACK = {ESCAPE_BASE + c: c for c in range(0x21, 0x7F)}
INLINE_TAG = re.compile(r"</?(?:br|span|em|strong|b|i|u|sup|sub|small|a|font)\b[^<>]*>", re.I)
SHORT_LINE_WORDS = 12  # a line this short that is mostly a link is a credit, not prose


def list_field_key(listed: re.Match) -> str:
    """The name of a LIST_FIELD (or PLAIN_LIST_FIELD) line's field, as LIST_FIELD_KEYS spells it."""
    return " ".join((listed["key"] or listed.groupdict().get("inner") or "").casefold().split())


def read_markdown(text: str, rules: ReadingRules) -> tuple[str, dict[str, str]]:
    """(plain text, fields): the text with markup off; title, url and source where the top lines give them."""
    fields: dict[str, str] = {}
    lower = None  # the first lower heading at the top, the headline of a post that has no "#" heading
    lines = REFERENCE.sub("", text).splitlines()
    furniture = _link_lists(lines, rules)
    plain: list[str] = []
    prose = _ProseSeen()
    for n, line in enumerate(lines):
        if n in furniture:
            plain.append("")
            continue
        if RULE.match(line) and not (plain and plain[-1].strip() and SETEXT_RULE.match(line)):
            plain.append("")
            continue
        heading = HEADING.match(line)
        listed = (LIST_FIELD.match(line) or PLAIN_LIST_FIELD.match(line)) if n < TOP_LINES else None
        if listed and (field := LIST_FIELD_KEYS.get(list_field_key(listed))):
            if field == "date" and "date" not in fields:
                fields["date_from"] = f"the “{(listed['key'] or listed.groupdict().get('inner') or '').strip()}” line listed at the top"
            fields.setdefault(field, _plain(listed["value"]))
            plain.append("")
            continue
        if heading:
            line = heading["text"]
            plain_heading = _plain(line)
            if heading["level"] == "#" and FIELD_HEADING.match(plain_heading):
                pass  # "# Source:Bloomberg - politics, URL:https://...": a link database's label, no headline
            elif heading["level"] == "#" and "title" not in fields and not BARE_ADDRESS.match(plain_heading) \
                    and (n < TOP_LINES or not prose.seen_in(plain)):  # under a page's ribbons and menus, before its prose
                fields["title"] = plain_heading
            elif lower is None and n < TOP_LINES and not any(is_long(p) for p in plain) and _headline_like(line, plain_heading):
                lower = plain_heading  # "## Headline" under a "### [Home](...)" link: no "#" heading at all
        elif n < CREDIT_LINES and "url" not in fields and (found := _credit_link(line)):
            fields["url"] = found
            outlet = outlet_of_address(found, rules)
            if outlet:
                fields["source"] = outlet
        plain.append(_plain(QUOTE.sub("", line)))
    if "url" in fields and "source" not in fields:
        fields["source"] = outlet_of_address(fields["url"], rules) or ""
    if lower is not None and "title" not in fields and not any(_headline_heading(line) for line in lines):
        fields["title"] = lower
    return "\n".join(plain), {k: v for k, v in fields.items() if v}


class _ProseSeen:
    """Whether a line of prose has come yet, each line looked at once however often it is asked."""

    def __init__(self) -> None:
        self.checked, self.seen = 0, False

    def seen_in(self, lines: list[str]) -> bool:
        if not self.seen:
            self.seen = any(is_long(line) for line in lines[self.checked:])
            self.checked = len(lines)
        return self.seen


def _headline_heading(line: str) -> bool:
    """A "#" heading that may be a headline: not a label of fields ("# Source: ..., URL: ...")."""
    heading = HEADING.match(line)
    return bool(heading) and heading["level"] == "#" and not FIELD_HEADING.match(_plain(heading["text"]))


def _headline_like(written: str, plain: str) -> bool:
    """A lower heading that may stand for a post's headline: not a link alone (a "Home" button), not a bare address,
    and a headline's length (three words, or a dozen letters of a script without spaces), not "## Summary"."""
    if LINK_ONLY.fullmatch(written.strip()) or BARE_ADDRESS.match(plain):
        return False
    return len(plain.split()) >= 3 or len(plain) >= 12


def top_heading(text: str) -> str | None:
    """The first `# heading` near the top, markup and all tags off: a post whose body is mostly HTML
    ("# <p align="center">The world in brief</p>") is read as a page, and that page cannot see it. A lower
    heading that opens the file and reads as a headline is one too ("### 金正恩提出去核化时间表" over a mirrored page)."""
    lines = text.splitlines()[:TOP_LINES]
    first = next((n for n, line in enumerate(lines) if line.strip()), -1)
    for n, line in enumerate(lines):
        heading = HEADING.match(line)
        if heading and (heading["level"] == "#" or (n == first and _headline_like(heading["text"], _plain(heading["text"])))):
            plain = " ".join(ANY_TAG.sub(" ", _plain(heading["text"])).split())
            return plain if plain and not BARE_ADDRESS.match(plain) else None
    return None


def _link_lists(lines: list[str], rules: ReadingRules) -> set[int]:
    """The lines of link lists under a heading: the site's navigation ("Related:", "Changes:" over links to the
    site's own pages) or any list a list heading opens ("Read more", "See also"), heading included.

    Each item is another page's headline, so its countries and officials are not the article's; a list of
    links out of the site under another heading ("Sources:" citing the BBC) is the article's own and stays.
    """
    dropped: set[int] = set()
    for n, line in enumerate(lines):
        label = _list_label(line)
        if label is None or n in dropped:
            continue
        end, urls = n + 1, []
        while end < len(lines) and not HEADING.match(lines[end]) and (not lines[end].strip() or (url := _link_item(lines[end]))):
            if lines[end].strip():
                urls.append(url)
            end += 1
        if urls and (all(not SCHEME.match(url) for url in urls) or rules.list_heading.fullmatch(label)):
            dropped.update(range(n, end))
    return dropped


def _list_label(line: str) -> str | None:
    """What a line that could open a list says ("### Related:" -> "related"): a heading below the headline's level,
    a bold line or a short "Label:" line; None for any other line."""
    heading = HEADING.match(line)
    if heading:
        text = heading["text"] if heading["level"] != "#" else ""
    else:
        label = LABEL_LINE.match(line)
        text = (label["bold"] or label["label"]) if label else ""
    label = normalize_line(_plain(text)).rstrip(": ")
    return label if label and len(label.split()) <= LIST_LABEL_WORDS else None


def _link_item(line: str) -> str | None:
    """The address of a list line that is one link and nothing more than a short tail ("_Context: Beijing_")."""
    match = LINK_ITEM.match(line)
    if not match:
        return None
    tail = match["tail"].strip()
    return match["url"] if not tail or EMPHASIZED.match(tail) or len(tail.split()) <= LINK_TAIL_WORDS else None


def _plain(line: str) -> str:
    line = ESCAPED.sub(lambda m: chr(ESCAPE_BASE + ord(m[1])), line)  # out of the way of emphasis and links
    line = IMAGE.sub("", line)
    line = LINK.sub(lambda m: m["text"], line)
    line = CODE.sub(lambda m: m[1], line)
    line = INLINE_TAG.sub("", line)
    for _ in range(2):  # "***bold italic***", "**_both_**"
        line = EMPHASIS.sub(lambda m: m[2], line)
    return STRAY_EMPHASIS.sub("", line).translate(ESCAPES_BACK).strip()


def _credit_link(line: str) -> str | None:
    """The address of a line that is mostly one link ("Original: [Headline](https://...)")."""
    links = list(LINK.finditer(IMAGE.sub("", line)))
    if len(links) != 1 or not links[0]["url"].startswith(("http://", "https://")):
        return None
    outside = LINK.sub("", IMAGE.sub("", line))
    return links[0]["url"] if len(outside.split()) <= SHORT_LINE_WORDS // 3 and len(line.split()) <= SHORT_LINE_WORDS * 3 else None
