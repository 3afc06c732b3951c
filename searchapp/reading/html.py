"""Saved web pages: the article text and what the page's tags say about it.

trafilatura finds the main text (and, through htmldate, a date when the tags give
none). What it does not do for a newsroom is done here from the page's own tags:
the schema.org headline over a social og:title, the outlet's own name over a host
name, where the date came from, and the body of pages that carry their article only
in a script's JSON state (pages/state.py).
"""

from __future__ import annotations

from collections import Counter
import functools
import html as html_entities
import re
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from searchapp.reading.dates import YearClues, date_in_url, dates_near_top, parse_date, year_clues
from searchapp.reading.lines import is_long
from searchapp.reading.model import ReadResult, Skip
from searchapp.reading.normalize import outlet_key
from searchapp.reading.page import add_article, given_fields, read_page
from searchapp.reading.rules import ReadingRules
from searchapp.reading.credits import byline_agency
from searchapp.reading.sources import (
    copyright_holder, known_outlet, outlet_line, outlet_of_domain, site_and_section, split_outlet_suffix,
    spelled_as_named, split_site_prefix, strip_site_suffix, suffix_spelling_address,
)
from searchapp.reading.state import linked_data_items, state_paragraphs

PUBLISHED_META = (  # in order of trust: the first one a page has wins
    "article:published_time", "og:article:published_time", "og:published_time", "published_time",
    "datepublished", "pubdate", "publishdate", "publish-date", "publication_date", "date", "dc.date.issued",
    "dc.date", "dcterms.created", "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published",
)
SITE_META = ("og:site_name", "application-name", "publisher", "article:publisher", "dc.publisher", "cse_sitename")
TITLE_META = ("og:title", "twitter:title", "title", "dc.title", "headline", "cse_headline")
# <!doctype html>, <html>, <head>, <body>, or a page that opens with a comment or PHP tag before them
HTML_START = re.compile(rb"(?is)^(?:\s|<!--.*?-->|<\?(?!xml).*?\?>)*<(?:!doctype\s+html|html|head|body|meta|title)\b")
SHORT_BODY_WORDS = 60
BYLINE_LINES = 8  # text pieces under the headline where a byline's date may stand
H1_TITLE_SHARE = 0.6  # of an <h1>'s words found in the page's <title> or og:title
HTML_BLOCK = re.compile(r"(?i)<(?:div|p|article|section|table|h[1-6]|ul|ol|blockquote)[\s>]")
HTML_BLOCKS_FOR_PAGE = 5
TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*$")
SIGN_OFF_TAIL = 20  # characters of a paragraph's last text node, enough to know it on the page
SIGN_OFF_WORDS = 3  # "AP", "— Reuters", "Agence France-Presse"
DATE_PIECES_ABOVE = 3  # text pieces above the article's first line where its date line may stand
TITLE_CHECK_WORDS = 3  # a page title needs this many longer words to be judged against the text
TITLE_SHARE_OF_TEXT = 0.25  # of those words, a headline's text uses at least this share
BYLINE_START = re.compile(r"(?i)by\b")
UTC_STAMP = re.compile(r"(?i)\d(?:Z|[+-]00:?00|\s*(?:UTC|GMT))$")  # a time given in UTC
COPYRIGHT_START = re.compile(r"(?i)(?:©|\(c\)|copyright\b)")
# A link's words that say it leads to the story's original: English, Chinese, Japanese, Korean
ORIGINAL_LINK = re.compile(
    r"(?i)^\W*(?:(?:read|view|see)\s+(?:the\s+)?(?:full\s+|original\s+)?(?:original|story|article|source)|original"
    r"(?:\s+(?:article|story|source|link|report))?|source|原文|阅读原文|閱讀原文|原文链接|原文連結|查看原文|元記事|원문|원문보기)\W*$"
)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# '<?xml version="1.0" encoding="utf-8"?>' over an XHTML page: lxml refuses a declared encoding in decoded text,
# and the text is decoded already
XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")
MASTHEAD_NAMES = frozenset("header masthead site-header site-title site-name site-branding branding logo".split())
BLOCK_CHILDREN = ("p", "div", "li", "ul", "ol", "table", "tr", "td", "section", "article", "header", "footer")
BYLINE_CREDIT_PIECES = 3  # "By" / "Joe Davidson" / "Washington Post": the writer's outlet a few pieces after "By"
SITE_NAME_WORDS = 4  # "HS Blog", "The Daily Planet": a page title this short may be only the site's name
LINKED_OUTLET_LINKS = 2  # links to one known outlet's site that make it the page's own, when nothing else names it
HEADING_WORDS = 3  # a heading under the masthead needs this many words to be taken for the headline


def read_html(text: str, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    """One saved page as one article."""
    try:
        body, raw = html_page(text, rules)
    except (etree.ParserError, ValueError) as exc:
        result.skipped.append(Skip(rel, f"cannot parse HTML: {exc}"))
        return
    given, date = given_fields(raw, rel, result.warnings)
    if date is None:
        given.pop("date_from", None)
    page = read_page(body, boilerplate, rules, given, masthead=False)
    add_article(result, rel, rel, page, given, date, rules)


def html_page(text: str, rules: ReadingRules) -> tuple[str, dict[str, str]]:
    """The article text of an HTML page (a paragraph a line), and what its tags say:
    title, date, date_from, source and url, each only where the page gives it."""
    import trafilatura  # here, not at the top: an archive without web pages never pays its import time

    tree = lxml.html.document_fromstring(XML_DECLARATION.sub("", text, count=1))
    tags = _PageTags(tree, rules)
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
    if title:
        site = site or suffix_spelling_address(title, url)
        title, prefix_outlet = split_site_prefix(title, site, rules)
        site = site or prefix_outlet
        title, suffix_outlet = split_outlet_suffix(strip_site_suffix(title, site, rules), rules)
        site = site or suffix_outlet or split_outlet_suffix(tags.title, rules)[1]  # "... | India News - Times of India"
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


def _about_the_text(title: str, body: str, rules: ReadingRules) -> bool:
    """A headline shares words with its article; a page title that shares almost none of its longer words with a
    long text, the site's own name aside, is the site's ("New York Post Online Edition: Breaking News").
    Titles of few such words are given the benefit of doubt."""
    named = title.split()
    outlet_words = next((n for n in range(len(named), 0, -1) if known_outlet(" ".join(named[:n]), rules)), 0)
    words = {w for w in _words_of(" ".join(named[outlet_words:])) if len(w) >= 4 and w.isalpha() and w.isascii()}
    text = set(_words_of(" ".join(line for line in body.splitlines() if is_long(line))))  # prose, not furniture
    if len(words) < TITLE_CHECK_WORDS or len(text) < SHORT_BODY_WORDS:
        return True
    return len(words & text) >= TITLE_SHARE_OF_TEXT * len(words)


@functools.cache
def _extractor_config():
    """trafilatura's settings, two changed: short articles keep their paragraphs (below 250 characters it
    falls back to extractors that run a whole <article> into one line), and htmldate does not search the
    whole page's text for dates: it took template comments and image paths for publication dates.
    The date line under the headline is read instead (_PageTags.byline_date)."""
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
    return _outlet_name(extracted.sitename, rules)


def _outlet_name(name: str, rules: ReadingRules) -> str | None:
    """An outlet's own name: a known outlet's canonical name, a domain's outlet, or the name as written."""
    name = " ".join(html_entities.unescape(name).split())
    if not name or "://" in name:
        return None
    if " " not in name and "." in name:  # "timesofindia.indiatimes.com" is a host, not a name
        return outlet_of_domain(name, rules)
    return known_outlet(name, rules) or name


def _words_of(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _in_masthead(node) -> bool:
    """A node inside the site's header: a <header> outside the article, or a box whose id or class says so
    (<div id="header">, <h1 class="site-title">, <header id="masthead">)."""
    for box in (node, *node.iterancestors()):
        if box.tag in ("article", "main"):
            return False
        names = set(f"{box.get('id') or ''} {box.get('class') or ''}".casefold().split())
        site_header = box.tag == "header" and not any(a.tag in ("article", "main") for a in box.iterancestors())
        if site_header or names & MASTHEAD_NAMES:
            return True
    return False


def _utc_day_beside(stamp: str, shown: str) -> bool:
    """A time stamp in UTC ("2023-11-17T03:00:00Z") a day off the date the page prints under its headline
    ("Nov 16, 2023 10:00 PM EST"): the tag converted the local time, and the printed day is the story's."""
    day, local = parse_date(stamp), parse_date(shown)
    return bool(UTC_STAMP.search(stamp.strip()) and day and local and abs((day - local).days) == 1)


def _line_from(node) -> str:
    """The text a node starts, up to its first <br> or block child: one printed line."""
    parts = [node.text or ""]
    for child in node:
        if isinstance(child.tag, str) and child.tag in ("br", *BLOCK_CHILDREN):
            break
        parts.extend((child.text_content() if isinstance(child.tag, str) else "", child.tail or ""))
    return " ".join(" ".join(parts).split())


def _share_of(text: str, words: set[str]) -> float:
    """The share of text's longer words (four letters or more) that words holds."""
    own = [w for w in _words_of(text) if len(w) >= 4]
    return sum(w in words for w in own) / len(own) if own else 0.0


def _shares_words(h1: str, titles: list[str]) -> bool:
    """An <h1> whose words the page's titles mostly repeat is the headline; a logo or section <h1> is not."""
    words = _words_of(h1)
    if len(words) < 2:
        return False
    return any(sum(w in set(_words_of(t)) for w in words) >= H1_TITLE_SHARE * len(words) for t in titles)


class _PageTags:
    """What a page's head says about its article: meta tags, schema.org items, canonical link, title."""

    def __init__(self, tree, rules: ReadingRules) -> None:
        self.rules = rules
        self.meta: dict[str, str] = {}
        for node in tree.iter("meta"):
            key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().casefold()
            value = (node.get("content") or node.get("value") or "").strip()
            if key and value and key not in self.meta:
                self.meta[key] = value
        self.scripts = [node.text_content() for node in tree.iter("script") if node.text]
        linked = [node.text_content() for node in tree.iter("script") if (node.get("type") or "").casefold() == "application/ld+json"]
        self.article = next(linked_data_items(linked), {})
        self.canonical = next((n.get("href") for n in tree.iter("link") if (n.get("rel") or "").casefold() == "canonical"), None)
        # a Wayback Machine capture names the page it saved in its toolbar's address box
        self.captured_url = next((n.get("value") for n in tree.xpath('//input[@id="wmtbURL"]') if n.get("value")), None)
        self.time = next((n.get("datetime") for n in tree.iter("time") if n.get("datetime")), None)
        self.itemprop_date = next(
            (n.get("datetime") or n.get("content") for n in tree.iter() if isinstance(n.tag, str)
             and (n.get("itemprop") or "").casefold() == "datepublished" and (n.get("datetime") or n.get("content"))),
            None,
        )
        title = tree.find(".//title")
        self.title = " ".join(title.text_content().split()) if title is not None else ""
        self.h1s = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
        self.article_h1s = [" ".join(h.text_content().split()) for h in tree.xpath("//article//h1")]
        self.h2s = [" ".join(h.text_content().split()) for h in tree.iter("h2")]
        self.h1_nodes = list(tree.iter("h1"))
        body = tree.find("body")
        self.pieces = [  # the page's visible text, a piece per text node
            piece for node in (body if body is not None else tree).iter()
            if isinstance(node.tag, str) and node.tag not in ("script", "style")
            for piece in (" ".join((node.text or "").split()), " ".join((node.tail or "").split())) if piece
        ]
        self.headline_node = None  # the <h1> the headline was read from, once headline() has run
        self.body = body if body is not None else tree

    def headline(self) -> str | None:
        """The schema.org headline (a social og:title is often another text), whole where it was cut short;
        else the page's visible <h1> headline, else the OpenGraph, Twitter or <title> title."""
        titles = [self.meta.get(key, "") for key in TITLE_META] + [self.title]
        titles = [" ".join(html_entities.unescape(t).split()) for t in titles if t and t.strip()]
        h1s = [h for h in [*self.article_h1s, *self.h1s] if h]
        headline = " ".join(html_entities.unescape(self.article.get("headline", "")).split())
        if headline and TRUNCATED.search(headline):
            stem = TRUNCATED.sub("", headline).rstrip()
            headline = next((c for c in [*h1s, *titles] if c.startswith(stem) and len(c) > len(stem)), stem)
        headline = headline or next((h for h in h1s if _shares_words(h, titles)), None) or next(iter(titles), None)
        if not headline and len(set(h1s)) == 1:
            headline = h1s[0]  # a page with no <title> or title tags at all, and one <h1>: a saved fragment's headline
        if headline:  # "<em>The Interview</em> Is ...": a tag's text lost what og:title's quotes keep
            same_words = [c for c in [*h1s, *titles] if _words_of(c) == _words_of(headline)]
            headline = max(same_words, key=len, default=headline)
            words = _words_of(headline)
            self.headline_node = next((n for n in self.h1_nodes if _words_of(n.text_content()) == words), None)
        return headline

    def headline_under_site_name(self, title: str, body: str, site: str | None) -> tuple[str, bool] | None:
        """(the article's heading, whether the page prints the title as its masthead's <h1>) when the title found is
        only the site's name (the name its tags give, or a short title) whose words the article's prose never uses,
        while a heading of a headline's length (the og:title, an <h1> after the masthead, else an <h2> under a
        header box) shares the prose's words ("HS Blog" over "Polling in an Era of Political Polarization")."""
        words = _words_of(title)
        if not (1 <= len(words) <= SITE_NAME_WORDS or (site and outlet_key(title) == outlet_key(site))):
            return None
        prose = set(_words_of(" ".join(line for line in body.splitlines() if is_long(line))))
        if _share_of(title, prose) >= TITLE_SHARE_OF_TEXT:
            return None
        masthead = next((i for i, h1 in enumerate(self.h1s) if _words_of(h1) == words), None)
        below = self.h1s[masthead + 1:] if masthead is not None else self.h1s
        # an <h2> only under a masthead that its container calls one: an article's own subheads are <h2>s too
        boxed = masthead is not None and _in_masthead(self.h1_nodes[masthead])
        social = [" ".join(html_entities.unescape(self.meta.get(k, "")).split()) for k in ("og:title", "twitter:title")]
        for headings in (social, below, self.h2s if boxed else []):
            for heading in headings:
                if len(_words_of(heading)) >= HEADING_WORDS and _share_of(heading, prose) >= TITLE_SHARE_OF_TEXT:
                    return heading, masthead is not None
        return None

    def url(self) -> str | None:
        for url in (self.canonical, self.meta.get("og:url"), self.article.get("url"), self.captured_url):
            if url and url.startswith(("http://", "https://")):
                return url
        return None

    def site(self, url: str | None) -> str | None:
        """The outlet: the page's own address where outlets.json knows it (a site name "ABC News" on
        abc.net.au is the Australian one), else the publisher or site name the tags give."""
        host = urlsplit(url).hostname if url else None
        by_domain = outlet_of_domain(host, self.rules) if host else None
        if by_domain:
            return by_domain
        for name in [self.article.get("publisher", "")] + [self.meta.get(key, "") for key in SITE_META]:
            if name and (outlet := _outlet_name(name, self.rules)):
                return outlet
        return None

    def byline_date(self, clues: YearClues) -> tuple[str | None, str | None]:
        """A date line among the few lines under the headline: "TNN / Updated: Oct 9, 2019, 11:05 IST"; else
        over it, beside the headline in its own box ("News | November 15, 2022 | Jane Roe" above the <h1>),
        where a sidebar's dates for other stories are not."""
        if self.headline_node is None:
            return None, None
        date, where = self._best_date(self._under_headline(), clues, "under the headline")
        over = self._beside_headline(DATE_PIECES_ABOVE, preceding=True)  # in the box that holds the <h1>
        return (date, where) if date else self._best_date(over, clues, "over the headline")

    def date_line_credit(self) -> str | None:
        """The outlet a date line beside the headline credits, before the date or after it with the writer
        ("November 15, 2022 | JANE ROE, Inquirer.net"): on a page with no site name in its tags, the source."""
        if self.headline_node is None:
            return None
        lines = self._under_headline() + self._beside_headline(DATE_PIECES_ABOVE, preceding=True)
        found, _ = dates_near_top(lines, len(lines), self.rules)
        credits = (known_outlet(d.credit, self.rules) for d in found if d.credit)
        return next((outlet for outlet in credits if outlet and outlet not in self.rules.aggregators), None)

    def linked_outlet(self) -> str | None:
        """The known outlet most of the page's links point to, at least LINKED_OUTLET_LINKS of them and more than
        to any other: a page saved with its links whole links its own site's sections ("theguardian.com/us-news/...")
        more than anyone's. A weak sign, for a page whose tags name no site."""
        counts = Counter()
        for node in self.body.iter("a"):
            host = urlsplit(node.get("href") or "").hostname if "://" in (node.get("href") or "") else None
            if host and (outlet := outlet_of_domain(host, self.rules)) and outlet not in self.rules.aggregators:
                counts[outlet] += 1
        ranked = counts.most_common(2) + [(None, 0)] * 2
        (outlet, count), (_, runner_up) = ranked[0], ranked[1]
        return outlet if count >= LINKED_OUTLET_LINKS and count > runner_up else None

    def original_link(self) -> str | None:
        """The known outlet a link to the original story points to ("Read the original", "阅读原文", "원문보기"):
        a page that saved or translated another outlet's story says where it is from so."""
        for node in self.body.iter("a"):
            href = node.get("href") or ""
            if "://" in href and ORIGINAL_LINK.search(" ".join(node.text_content().split())):
                host = urlsplit(href).hostname
                if host and (outlet := outlet_of_domain(host, self.rules)):
                    return outlet
        return None

    def copyright_holder(self) -> str | None:
        """The outlet (not an aggregator) a dated copyright notice on the page names, read up to its line's end:
        "Copyright &copy; 2005 <a>Los Angeles Times</a><br>", a footer extractors leave out of the text. A notice
        without a year is a photo's credit ("© AFP"), not the page's."""
        for node in self.body.iter():
            if isinstance(node.tag, str) and node.text and COPYRIGHT_START.match(node.text.strip()):
                line = _line_from(node)
                holder = copyright_holder(line, self.rules) if YEAR.search(line) else None
                if holder and holder not in self.rules.aggregators:
                    return holder
        return None

    def byline_credit(self) -> str | None:
        """The wire a byline under the headline credits ("By The Associated Press" on a newspaper's page), or the
        outlet printed on a line of its own under the writer's name ("By Joe Davidson" / "Washington Post" on a
        paper that ran the story): lines extractors drop as too short to be text."""
        lines = self._under_headline()
        if found := next((found for line in lines if (found := byline_agency(line, self.rules))), None):
            return found
        by = next((i for i, line in enumerate(lines) if BYLINE_START.match(line)), None)
        under = lines[by + 1:by + 1 + BYLINE_CREDIT_PIECES] if by is not None else []
        return next((found for line in under if (found := outlet_line(line, self.rules))), None)

    def _under_headline(self) -> list[str]:
        """The first few text lines after the headline's <h1>, where a byline and its date stand."""
        return self._beside_headline(BYLINE_LINES, preceding=False) if self.headline_node is not None else []

    def _beside_headline(self, count: int, preceding: bool) -> list[str]:
        """The count text lines nearest the headline's <h1> among its siblings, after it or before it."""
        lines: list[str] = []
        for node in self.headline_node.itersiblings(preceding=preceding):
            if not isinstance(node.tag, str):  # a comment or processing instruction
                continue
            texts = [t for t in (" ".join(x.split()) for x in node.itertext()) if t]
            lines = texts + lines if preceding else lines + texts
            if len(lines) >= count:
                break
        return lines[-count:] if preceding else lines[:count]

    def date_near_text(self, body: str, clues: YearClues) -> tuple[str | None, str | None]:
        """A date line beside where the article's text starts on the page ("Apr 24, 7:38 AM EDT" above an
        old wire page's headline, which has no <h1> to look under)."""
        first = next((" ".join(line.split()) for line in body.splitlines() if line.strip()), "")
        at = next((i for i, piece in enumerate(self.pieces) if first and piece == first), None)
        if at is None:
            return None, None
        return self._best_date(self.pieces[max(0, at - DATE_PIECES_ABOVE):at + BYLINE_LINES], clues, "beside the headline")

    def sign_off(self, body: str) -> str | None:
        """The wire credited on a line of its own right after the article's last paragraph ("<p><b>AP</b></p>"),
        which extractors drop as too short to be text: a republished wire story's sign-off."""
        prose = [" ".join(line.split()) for line in body.splitlines() if is_long(line)]
        if not prose:
            return None
        last = max((i for i, piece in enumerate(self.pieces) if len(piece) >= SIGN_OFF_TAIL and prose[-1].endswith(piece)), default=None)
        after = self.pieces[last + 1] if last is not None and last + 1 < len(self.pieces) else ""
        name = after.strip(" -–—()")
        if not 0 < len(name.split()) <= SIGN_OFF_WORDS or not spelled_as_named(name, self.rules):
            return None  # a heading "Conversation" over the comments is not The Conversation's sign-off
        return known_outlet(name, self.rules)

    def _best_date(self, lines: list[str], clues: YearClues, where: str) -> tuple[str | None, str | None]:
        found, _ = dates_near_top(lines, len(lines), self.rules, clues)
        best = min(found, key=lambda d: (d.rank, d.line)) if found else None
        return (best.date.isoformat(), f"{best.where} {where}") if best else (None, None)

    def published(self) -> tuple[str | None, str | None]:
        """The publication date the tags give, and which tag gave it."""
        if self.article.get("datePublished"):
            return self.article["datePublished"], "page metadata (schema.org datePublished)"
        for key in PUBLISHED_META:
            if self.meta.get(key) and parse_date(self.meta[key]):
                return self.meta[key], f"page metadata ({key})"
        for value, where in ((self.itemprop_date, "datePublished"), (self.time, "<time datetime>")):
            if value and parse_date(value):
                return value, f"page metadata ({where})"
        return None, None
