"""Plain text and markdown files: front matter, a `Title:`/`Date:` header block, or neither."""

from __future__ import annotations

import re

from searchapp.reading.assemble import add_article, add_headline_alone, add_listed_article, given_fields
from searchapp.reading.dates import parse_date
from searchapp.reading.digests import digest_items
from searchapp.reading.front_matter import listed_stories, split_front_matter
from searchapp.reading.html import html_page, looks_like_html
from searchapp.reading.lines import HEADLINE_LINE_WORDS, is_long
from searchapp.reading.markdown import LINK, MARKDOWN_SUFFIXES, read_markdown, top_heading
from searchapp.reading.model import ReadResult
from searchapp.reading.page import read_page
from searchapp.reading.records import read_values, with_dump_time
from searchapp.reading.rules import ReadingRules
from searchapp.reading.sources import known_outlet, outlet_of_address

# A header line's key -> the field it gives; "URL Source:" and "Published Time:" are Jina Reader's, whose
# header lines stand a blank line apart above "Markdown Content:".
HEADER_KEYS = {
    "title": "title", "date": "date", "published time": "date", "source": "source", "url": "url", "url source": "url",
    "published": "date", "published on": "date", "publication date": "date", "date published": "date",
    # a Pelican or other static-site post's own names for the story's address
    "src": "url", "link": "url", "original url": "url", "canonical url": "url",
    "subject": "title",  # a mail or newsletter saved as text: its subject line is its headline
}


HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z ]{0,20}?)\s*:\s*(?P<value>.*?)\s*$")


OTHER_HEADER_LINE = re.compile(r"^[A-Za-z][A-Za-z -]{0,20}:\s")  # "Author: ...", "Tags: ..." are allowed, not used


CONTENT_START = re.compile(r"(?i)^(?:markdown )?content:$")  # where Jina Reader's header ends and the page begins


NO_TEXT = "no article text under its front matter"


def _header_block(lines: list[str], rules: ReadingRules) -> tuple[dict[str, str], int] | None:
    """`Title:`/`Date:`/`Source:`/`URL:` lines at the very top, ended by a blank line; more such lines may
    follow after blank lines (a reader tool's "URL Source:", "Published Time:"), up to a "Content:" line.
    A value written as a link ("source: [Al Jazeera](https://www.aljazeera.com/...)", or an <a href>) is its
    text, its address the story's; a source's link to a known outlet names that outlet, however it is labelled."""
    fields: dict[str, str] = {}
    end = None  # past the blank line that closed the block so far
    for n, line in enumerate(lines):
        text = line.strip()
        if not text:
            if fields:
                end = end if end is not None and end > n else n + 1
            continue  # blank lines before the block (under front matter) are no end of it
        if end is not None and CONTENT_START.match(text):
            return fields, n + 1
        match = HEADER_LINE.match(text)
        field = HEADER_KEYS.get(match["key"].casefold()) if match else None
        if end is not None and field is None:
            return fields, end  # the page's own first line
        if field:
            value, address = _linked_value(match["value"])
            if address:
                fields.setdefault("url", address)
                value = (outlet_of_address(address, rules) if field == "source" else None) or value
            fields.setdefault(field, value)
            end = None
        elif not OTHER_HEADER_LINE.match(text):
            # "Title: ..." and the story's first line right under it: a scraper that wrote no blank line between
            return (fields, n) if end is None and "title" in fields and is_long(text) else None
    return (fields, len(lines)) if fields and end is not None else None


def _linked_value(value: str) -> tuple[str, str | None]:
    """(the text, the address) of a value that is one link, markdown or HTML; (value, None) otherwise."""
    link = LINK.fullmatch(value) or HTML_LINK.fullmatch(value)
    if link is None or not link["url"].startswith(("http://", "https://")):
        return value, None
    return link["text"].strip(), link["url"]


HTML_LINK = re.compile(r"(?is)<a\s[^>]*?href\s*=\s*[\"'](?P<url>https?://[^\"'\s]+)[\"'][^>]*>(?P<text>[^<]*)</a>")


def read_text(
    text: str, rel: str, suffix: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult
) -> None:
    """A text or markdown file: one story, or a digest of several (digests.py), each rel#1, rel#2 ..."""
    if suffix in MARKDOWN_SUFFIXES and (listed := listed_stories(text)) is not None:
        stories, block = listed  # each as a dump's record (title, url, source, summary), the page's date its stamp
        read_values(with_dump_time(stories, block), rel, boilerplate, rules, result)
        return
    items = digest_items(text, suffix in MARKDOWN_SUFFIXES, rules.section_words)
    if items is None:
        _read_story(text, rel, rel, suffix, boilerplate, rules, result)
        return
    for n, item in enumerate(items, start=1):
        if item is not None:
            _read_story(item, f"{rel}#{n}", rel, suffix, boilerplate, rules, result, listed=True)


def _read_story(
    text: str, id_: str, rel: str, suffix: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult,
    listed: bool = False,
) -> None:
    """One story: front matter or a header block first, then the page's own lines. A digest's listed story whose
    few words are all taken for furniture (a gist in another language than its headline) is still found by its
    headline."""
    fields, text, problem = split_front_matter(text)
    if problem:
        result.warnings.append(f"{id_}: {problem}")
    from_front_matter = bool(fields)
    if from_front_matter and not text.strip() and fields.get("text"):
        text = fields["text"]  # the story kept in the block itself
    elif from_front_matter and not text.strip() and fields.get("summary"):
        # an aggregator's post of a story it links to: its excerpt is all the text there is
        text = fields["summary"]
        result.warnings.append(f"{id_}: {NO_TEXT}; indexed by its title and {fields['summary_key']}")
    raw_lines = text.splitlines()
    header = _header_block(raw_lines, rules)
    if header:
        fields = {**header[0], **fields}
        text = "\n".join(raw_lines[header[1]:])
    if looks_like_html(text):  # a saved page pasted under front matter
        if suffix in MARKDOWN_SUFFIXES and (heading := top_heading(text)):
            fields.setdefault("title", heading)  # a markdown post's own headline over the HTML it holds
        text, tags = html_page(text, rules)
        if _reposted(tags, fields):  # the post's date is the day it was made; the saved page dates the story
            fields["date"] = tags["date"]
            fields["date_from"] = f"the saved page under the front matter ({tags['date_from']})"
        elif fields.get("date"):
            tags.pop("date_from", None)  # the file's own date, not where the page's would have come from
        fields = {**tags, **fields}  # what the file itself filed wins over the page's tags
    elif suffix in MARKDOWN_SUFFIXES or from_front_matter:
        text, markdown_fields = read_markdown(text, rules)
        fields = {**markdown_fields, **fields}
    if outlet := known_outlet(fields.get("category", "").replace("-", " "), rules):
        fields["category_outlet"] = outlet
    if outlet := outlet_of_address(fields.get("image"), rules):
        fields["image_outlet"] = outlet  # an aggregator's image host ("s.yimg.com") is dropped with the other signs
    if outlet := known_outlet(fields.get("author", ""), rules):
        fields["wire"] = outlet  # "author: Associated Press": a republished agency story credits the agency
    kept = ("title", "date", "source", "url", "captured", "copyright_year", "category_outlet", "image_outlet", "wire")
    raw = {k: v for k, v in fields.items() if k in kept}
    given, date = given_fields(raw, id_, result.warnings)
    if date is not None:
        given["date_from"] = _date_from(fields, from_front_matter)
    page = read_page(text, boilerplate, rules, given, masthead=True)
    if from_front_matter and not text.strip():
        # a headline and a link; a date alone makes no article of an empty post, a stub
        add_listed_article(result, id_, rel, page, given, date, rules, no_text=NO_TEXT, dated_headline=False)
    elif page is None and not given.get("title") and (headline := _headline_alone(text)):
        add_headline_alone(result, id_, rel, {**given, "title": headline}, date, rules,
                           "the file holds a headline alone; indexed by it")
    elif page is None and given.get("title") and (not text.strip() or _headline_alone(text) == given["title"]):
        add_headline_alone(result, id_, rel, given, date, rules, "no text under its headline; indexed by it")
    elif page is None and given.get("title") and listed:
        add_headline_alone(result, id_, rel, given, date, rules, "its text was all page furniture; indexed by its headline")
    else:
        add_article(result, id_, rel, page, given, date, rules)


def _headline_alone(text: str) -> str | None:
    """The one line a file holds, however often it repeats it, when that line is as short as a headline:
    a wire's flash ("FLASH: ... SWORN IN AS PRESIDENT") saved on its own."""
    lines = {" ".join(line.split()) for line in text.splitlines() if line.strip()}
    if len(lines) != 1:
        return None
    (line,) = lines
    return line if len(line.split()) <= HEADLINE_LINE_WORDS else None


def _reposted(tags: dict[str, str], fields: dict[str, str]) -> bool:
    """A blog post of a saved page (a reader's archive of news stories): the page's own date, earlier than the
    post's, is the story's."""
    page_day = parse_date(tags["date"]) if tags.get("date") else None
    post_day = parse_date(fields["date"]) if fields.get("date") else None
    return bool(page_day and post_day and page_day < post_day)


def _date_from(fields: dict[str, str], from_front_matter: bool) -> str:
    if "date_from" in fields:
        return fields["date_from"]
    if from_front_matter:
        return f"front matter ({fields.get('date_key', 'date')})"
    return "the file's header block"
