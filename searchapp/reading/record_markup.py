"""A record's values as text: entities decoded, tags dropped, and an HTML body read as a page or, when the
page reader would drop most of it, as plain paragraphs."""

from __future__ import annotations

import html
import re

import lxml.html
from lxml import etree

from searchapp.reading.html import html_page
from searchapp.reading.lines import ENTITY
from searchapp.reading.rules import ReadingRules

# Tags that mark a value as HTML rather than text that mentions a "<".
HTML_TAG = re.compile(
    r"(?i)<(?:!--|!doctype\b|/?(?:p|div|br|hr|span|a|em|strong|b|i|u|h[1-6]|ul|ol|li|blockquote|figure|figcaption"
    r"|img|table|tr|td|th|section|article|header|footer|aside|nav|html|head|body|script|style)\b)[^<>]*>"
)
BLOCK_TAGS = frozenset(
    "p div hr li h1 h2 h3 h4 h5 h6 blockquote tr table ul ol section article header footer aside figure "
    "figcaption pre".split()
)
CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)  # a feed's wrapper, kept by a relay that turned the feed into JSON
HTML_PAGE_KEEPS = 0.5  # the page reader may drop furniture, not half the record's words


def clean_inline(value: str) -> str:
    """A title or name as text: entities decoded (twice-escaped ones too), tags and CDATA wrappers dropped, one space."""
    value = unescape_entities(CDATA.sub(r"\1", value))
    if HTML_TAG.search(value):
        value = markup_text(value)
    return " ".join(value.split())


def unescape_entities(text: str) -> str:
    for _ in range(3):  # "&amp;amp;" from an export that escaped twice
        if not ENTITY.search(text):
            break
        text = html.unescape(text)
    return text


def clean_body(body: str, rules: ReadingRules) -> tuple[str, dict[str, str]]:
    """A record's body as plain text, and what its page says (title, date, source, url) when it is a page.

    HTML goes through the web-page reader; when that keeps less than half of the words (it judged a
    bare article fragment to be furniture), the markup is turned into paragraphs here instead.
    """
    if not HTML_TAG.search(body) and ENTITY.search(body):
        body = unescape_entities(body)  # "&lt;p&gt;Text&lt;/p&gt;": HTML escaped once more
    tags = HTML_TAG.findall(body)
    if not tags:
        return body, {}
    plain = markup_text(body)
    if len(tags) >= 2:
        try:
            text, given = html_page(body, rules)
        except (etree.ParserError, ValueError, AssertionError):
            text, given = "", {}
        if len(text.split()) >= HTML_PAGE_KEEPS * len(plain.split()):
            return text, given
    return plain, {}


def markup_text(markup: str) -> str:
    """The text of an HTML fragment, a paragraph for each block element; scripts and styles left out."""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^<>]*>", " ", markup)
    for element in [e for e in root.iter("script", "style")]:
        element.drop_tree()
    for element in root.iter():
        if element.tag in BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
        elif element.tag == "br":  # one <br> breaks a line, two a paragraph
            element.tail = "\n" + (element.tail or "")
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", root.text_content()))
    return "\n\n".join(p for p in paragraphs if p)
