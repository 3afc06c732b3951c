"""Saved web pages: the article text and what the page's tags say about it.

trafilatura finds the main text (and, through htmldate, a date when the tags give
none). What it does not do for a newsroom is done here from the page's own tags:
the schema.org headline over a social og:title, the outlet's own name over a host
name, where the date came from, and the body of pages that carry their article only
in a script's JSON state (state.py). What the markup says beyond the main text is page_tags.py's.
"""

from __future__ import annotations

import functools
import re

import lxml.html
from lxml import etree

from searchapp.reading.assemble import add_article, given_fields
from searchapp.reading.dates import date_in_url, parse_date, year_clues
from searchapp.reading.lines import is_long
from searchapp.reading.model import ReadResult, Skip
from searchapp.reading.page import read_page
from searchapp.reading.page_cards import story_cards
from searchapp.reading.page_tags import TITLE_SHARE_OF_TEXT, PageTags, outlet_name, words_of
from searchapp.reading.page_titles import site_and_section, split_outlet_suffix, split_page_title
from searchapp.reading.rules import ReadingRules
from searchapp.reading.sources import known_outlet
from searchapp.reading.state import state_paragraphs

# <!doctype html>, <html>, <head>, <body>, or a page that opens with a comment or PHP tag before them
HTML_START = re.compile(rb"(?is)^(?:\s|<!--.*?-->|<\?(?!xml).*?\?>)*<(?:!doctype\s+html|html|head|body|meta|title)\b")
SHORT_BODY_WORDS = 60
HTML_BLOCK = re.compile(r"(?i)<(?:div|p|article|section|table|h[1-6]|ul|ol|blockquote)[\s>]")
HTML_BLOCKS_FOR_PAGE = 5
TITLE_CHECK_WORDS = 3  # a page title needs this many longer words to be judged against the text
UTC_STAMP = re.compile(r"(?i)\d(?:Z|[+-]00:?00|\s*(?:UTC|GMT))$")  # a time given in UTC
# '<?xml version="1.0" encoding="utf-8"?>' over an XHTML page: lxml refuses a declared encoding in decoded text,
# and the text is decoded already
XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")
SOURCE_LINE_BREAK = re.compile(r"[ \t]*\r?\n\s*")
PREFORMATTED = frozenset({"pre", "textarea", "script", "style", "code"})  # where the source's line breaks are kept
# A page's own title, in its <title> or its title tags: a page of one article, never split into cards (_titled)
TITLED = re.compile(r"""(?is)<title[^>]*>\s*(?P<title>[^<]*[^<\s])|<meta[^>]+["'](?:og:title|twitter:title)["']""")


def read_html(text: str, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    """One saved page as one article; a titleless fragment that lists several stories as cards, an article a card."""
    try:
        tree = None if _titled(text, rules) else _tree(text)  # story_cards only reads it: html_page reuses it
        cards = story_cards(tree) if tree is not None else None
        if cards:
            for n, card in enumerate(cards, start=1):
                given = {"title": card.headline} | ({"url": card.url} if card.url else {})
                add_article(result, f"{rel}#{n}", rel, read_page(card.text, boilerplate, rules, given, masthead=False),
                            given, None, rules)
            return
        body, raw = html_page(text, rules, tree)
    except (etree.ParserError, ValueError) as exc:
        result.skipped.append(Skip(rel, f"cannot parse HTML: {exc}"))
        return
    given, date = given_fields(raw, rel, result.warnings)
    if date is None:
        given.pop("date_from", None)
    page = read_page(body, boilerplate, rules, given, masthead=False)
    add_article(result, rel, rel, page, given, date, rules)


def _titled(text: str, rules: ReadingRules) -> bool:
    """Whether the page has a title of its own: a <title> or title tags; "europe", a section's name, is none."""
    found = TITLED.search(text)
    if found is None or found["title"] is None:
        return found is not None
    words = found["title"].casefold().split()
    return not words or len(words) > 1 or words[0] not in rules.section_words


def html_page(text: str, rules: ReadingRules, tree=None) -> tuple[str, dict[str, str]]:
    """The article text of an HTML page (a paragraph a line), and what its tags say:
    title, date, date_from, source and url, each only where the page gives it; tree is
    the page's, already parsed by _tree, when the caller has it."""
    import trafilatura  # here, not at the top: an archive without web pages never pays its import time

    tree = _tree(text) if tree is None else tree
    tags = PageTags(tree, rules)
    extracted = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=False, config=_extractor_config()
    )
    given: dict[str, str] = {}
    url = tags.url() or (extracted.url if extracted is not None else None)
    site = tags.site(url) or _site_from_extraction(extracted, rules)
    if not site or known_outlet(site, rules) in rules.aggregators:
        site = tags.copyright_holder() or site  # "Copyright © 2005 Los Angeles Times" on the portal that ran its story
    site = site or tags.original_link() or tags.linked_outlet()
    title = tags.headline() or (extracted.title if extracted is not None else None) or ""
    title, site = split_page_title(title, site, url, rules)
    if title:
        site = site or split_outlet_suffix(tags.title, rules)[1]  # "... | India News - Times of India"
    body = (extracted.text or "") if extracted is not None else ""
    if len(body.split()) < SHORT_BODY_WORDS:  # the text may live only in the page's script state
        state = state_paragraphs(tags.scripts, title)
        if sum(len(p.split()) for p in state) > len(body.split()):
            body = "\n".join(state)
    if title and (found := tags.headline_under_site_name(title, body, site)):
        headline, masthead = found
        site, title = site or (title if masthead else None), headline  # "<title>HS Blog</title>" and <h1>HS Blog</h1>
    if title and (named := site_and_section(title, rules)):
        site, title = site or named, ""  # "<title>Pointzon | NEWS</title>": the site's name and a section's
    if title and (not _about_the_text(title, body, rules) or title.casefold() in rules.section_words):
        title = ""  # "New York Post Online Edition: Breaking News": the site's own title; the page's text has the headline
    given.update((k, v) for k, v in (("url", url), ("title", title), ("source", site)) if v)
    clues = year_clues(text)
    given.update((k, str(v)) for k, v in (("captured", clues.captured), ("copyright_year", clues.copyright_year)) if v)
    date, date_from = tags.published()
    shown, shown_from = tags.byline_date(clues)
    if date is None or (shown and _utc_day_beside(date, shown)):
        date, date_from = shown, shown_from  # the day the page shows its readers, not its clock shifted to UTC
    if date is None and (in_title := tags.title_date()):
        date, date_from = in_title, "the page's title"
    if date is None and extracted is not None and extracted.date:
        date = extracted.date
        date_from = "URL path" if url and date_in_url(url) == parse_date(date) else "page text (htmldate)"
    if date is None:
        date, date_from = tags.date_near_text(body, clues)
    if date:
        given["date"], given["date_from"] = date, date_from
    if "source" not in given and (credited := tags.date_line_credit()):
        given["source"] = credited
    if wire := tags.sign_off(body) or tags.byline_credit():
        given["wire"] = wire
    return body, given


def _tree(text: str):
    """The page's element tree, its source's line breaks read as spaces."""
    tree = lxml.html.document_fromstring(XML_DECLARATION.sub("", text, count=1))
    _collapse_source_line_breaks(tree)
    return tree


def _collapse_source_line_breaks(tree) -> None:
    """A line break in the page's source is a space, as a browser shows it: a hand-written page that wraps its
    paragraphs' source lines and breaks them with <br> ("Secretary Md<newline>Nazrul Islam") would otherwise
    reach trafilatura, which keeps the source's breaks where a <br> is, as paragraphs cut mid-sentence."""
    kept = {inner for outer in tree.iter(*PREFORMATTED) for inner in outer.iter()}  # read once, not per element
    for element in tree.iter():
        if element.text and "\n" in element.text and element not in kept:
            element.text = SOURCE_LINE_BREAK.sub(" ", element.text)
        if element.tail and "\n" in element.tail and element.getparent() not in kept:  # a tail is its parent's text
            element.tail = SOURCE_LINE_BREAK.sub(" ", element.tail)


def _about_the_text(title: str, body: str, rules: ReadingRules) -> bool:
    """A headline shares words with its article; a page title that shares almost none of its longer words with a
    long text, the site's own name aside, is the site's ("New York Post Online Edition: Breaking News").
    Titles of few such words are given the benefit of doubt."""
    named = title.split()
    outlet_words = next((n for n in range(len(named), 0, -1) if known_outlet(" ".join(named[:n]), rules)), 0)
    words = {w for w in words_of(" ".join(named[outlet_words:])) if len(w) >= 4 and w.isalpha() and w.isascii()}
    text = set(words_of(" ".join(line for line in body.splitlines() if is_long(line))))  # prose, not furniture
    if len(words) < TITLE_CHECK_WORDS or len(text) < SHORT_BODY_WORDS:
        return True
    return len(words & text) >= TITLE_SHARE_OF_TEXT * len(words)


@functools.cache
def _extractor_config():
    """trafilatura's settings, two changed: short articles keep their paragraphs (below 250 characters it
    falls back to extractors that run a whole <article> into one line), and htmldate does not search the
    whole page's text for dates: it took template comments and image paths for publication dates.
    The date line under the headline is read instead (PageTags.byline_date)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return config


def looks_like_html(text: str) -> bool:
    """Text that is a web page, or mostly HTML blocks (a page pasted into a markdown post)."""
    head = text[:4096].encode("utf-8", "replace")
    return bool(HTML_START.match(head)) or len(HTML_BLOCK.findall(text[:20000])) >= HTML_BLOCKS_FOR_PAGE


def _site_from_extraction(extracted, rules: ReadingRules) -> str | None:
    if extracted is None or not extracted.sitename:
        return None
    return outlet_name(extracted.sitename, rules)


def _utc_day_beside(stamp: str, shown: str) -> bool:
    """A time stamp in UTC ("2023-11-17T03:00:00Z") a day off the date the page prints under its headline
    ("Nov 16, 2023 10:00 PM EST"): the tag converted the local time, and the printed day is the story's."""
    day, local = parse_date(stamp), parse_date(shown)
    return bool(UTC_STAMP.search(stamp.strip()) and day and local and abs((day - local).days) == 1)
