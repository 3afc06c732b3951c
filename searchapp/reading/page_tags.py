"""What a saved page's own markup says about its article, beyond its main text: the tags in its head
(meta, schema.org items, canonical link, title), its headline's <h1>, the lines printed around that
headline (byline, date line, credit), its links and its copyright notice. html.py asks; each answer is
None where the page does not say.
"""

from __future__ import annotations

import html as html_entities
import re
from collections import Counter

from searchapp.reading.credits import ORIGINAL_ADDRESS, byline_agency
from searchapp.reading.dates import YearClues, dates_near_top, parse_date
from searchapp.reading.lines import SENTENCE_END, is_long
from searchapp.reading.normalize import outlet_key
from searchapp.reading.page_titles import TITLE_SEPARATORS
from searchapp.reading.rules import ReadingRules
from searchapp.reading.sources import (
    copyright_holder, host_of, known_outlet, on_site, outlet_line, outlet_of_address, outlet_of_domain, site_of_address,
    spelled_as_named,
)
from searchapp.reading.state import linked_data_items

TITLE_SHARE_OF_TEXT = 0.25  # of those words, a headline's text uses at least this share
PUBLISHED_META = (  # in order of trust: the first one a page has wins
    "article:published_time", "og:article:published_time", "og:published_time", "published_time",
    "datepublished", "pubdate", "publishdate", "publish-date", "publication_date", "date", "dc.date.issued",
    "dc.date", "dcterms.created", "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published",
    "firstpublishedtime",  # the TRS publishing system of Chinese government and news sites
)
AUTHOR_META = ("article:author", "author", "dc.creator")  # an outlet named as the author credits it
SITE_META = ("og:site_name", "application-name", "publisher", "article:publisher", "dc.publisher", "cse_sitename")
TITLE_META = ("og:title", "twitter:title", "title", "dc.title", "headline", "cse_headline")
BYLINE_LINES = 8  # text pieces under the headline where a byline's date may stand
H1_TITLE_SHARE = 0.6  # of an <h1>'s words found in the page's <title> or og:title
TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*$")
SIGN_OFF_TAIL = 20  # characters of a paragraph's last text node, enough to know it on the page
SIGN_OFF_WORDS = 3  # "AP", "— Reuters", "Agence France-Presse"
DATE_PIECES_ABOVE = 3  # text pieces above the article's first line where its date line may stand
BYLINE_START = re.compile(r"(?i)by\b")
COPYRIGHT_START = re.compile(r"(?i)(?:©|\(c\)|copyright\b)")
# A link's words that say it leads to the story's original: English, Chinese, Japanese, Korean
ORIGINAL_LINK = re.compile(
    r"(?i)^\W*(?:(?:read|view|see)\s+(?:the\s+)?(?:full\s+|original\s+)?(?:original|story|article|source)|original"
    r"(?:\s+(?:article|story|source|link|report))?|source|原文|阅读原文|閱讀原文|原文链接|原文連結|查看原文|元記事|원문|원문보기)\W*$"
)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
MASTHEAD_NAMES = frozenset("header masthead site-header site-title site-name site-branding branding logo".split())
BLOCK_CHILDREN = ("p", "div", "li", "ul", "ol", "table", "tr", "td", "section", "article", "header", "footer")
BYLINE_CREDIT_PIECES = 3  # "By" / "Joe Davidson" / "Washington Post": the writer's outlet a few pieces after "By"
SITE_NAME_WORDS = 4  # "HS Blog", "The Daily Planet": a page title this short may be only the site's name
LINKED_OUTLET_LINKS = 2  # links to one known outlet's site that make it the page's own, when nothing else names it
LOWER_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
HEADING_WORDS = 3  # a heading under the masthead needs this many words to be taken for the headline

TEXT_START_CHARS = 60  # the characters a page's piece and the article's text must start with to be the same text
# "07.12.2017" (day first, as dots write it), "2020-05-21": a date in numbers, the whole of a title's part; not
# "07/12/2017", which may be either day first or month first
NUMERIC_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}")


def title_date_part(title: str) -> str | None:
    """A date that is a part of its own in a page's title ("Headline | Africa | DW | 21.05.2020"), in numbers only."""
    return next(
        (part for part in TITLE_SEPARATORS.split(" ".join(title.split()))[1:] if NUMERIC_DATE.fullmatch(part) and parse_date(part)),
        None,
    )


def outlet_name(name: str, rules: ReadingRules) -> str | None:
    """An outlet's own name: a known outlet's canonical name, a domain's outlet, or the name as written."""
    name = " ".join(html_entities.unescape(name).split())
    if not name or "://" in name:
        return None
    if " " not in name and "." in name:  # "timesofindia.indiatimes.com" is a host, not a name...
        # ...but "ConservativeHQ.com", "Sify.com" written with capitals are a site's brand
        return outlet_of_domain(name.lower(), rules) or (name if not name.islower() else None)
    return known_outlet(name, rules) or name


def _names_the_host(name: str, url: str | None) -> bool:
    """A site name that is the page's own host, or its domain ("harbournotes.com" on www.harbournotes.com)."""
    host = host_of(url) or ""
    name = name.strip().lower()
    return bool(name) and " " not in name and on_site(host, name)


def words_of(text: str) -> list[str]:
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
    own = [w for w in words_of(text) if len(w) >= 4]
    return sum(w in words for w in own) / len(own) if own else 0.0


def _shares_words(h1: str, titles: list[str]) -> bool:
    """An <h1> whose words the page's titles mostly repeat is the headline; a logo or section <h1> is not."""
    words = words_of(h1)
    if len(words) < 2:
        return False
    return any(sum(w in set(words_of(t)) for w in words) >= H1_TITLE_SHARE * len(words) for t in titles)


class PageTags:
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
        self.h1_nodes = list(tree.iter("h1"))
        self.h1s = [" ".join(h.text_content().split()) for h in self.h1_nodes]
        self.article_h1s = [" ".join(h.text_content().split()) for h in tree.xpath("//article//h1")]
        # "<h1 class="articleHeadline">", "<h1 itemprop="headline">": the page marks which <h1> is the story's
        self.marked_h1s = [
            text for h, text in zip(self.h1_nodes, self.h1s)
            if "headline" in " ".join(h.get(a, "") for a in ("class", "id", "itemprop")).casefold()
        ]
        self.h2s = [" ".join(h.text_content().split()) for h in tree.iter("h2")]
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
        else the <h1> the page marks as its headline; else the page's visible <h1> headline, else the OpenGraph,
        Twitter or <title> title."""
        titles = [self.meta.get(key, "") for key in TITLE_META] + [self.title]
        titles = [" ".join(html_entities.unescape(t).split()) for t in titles if t and t.strip()]
        h1s = [h for h in [*self.article_h1s, *self.h1s] if h]
        headline = " ".join(html_entities.unescape(self.article.get("headline", "")).split())
        if headline and TRUNCATED.search(headline):
            stem = TRUNCATED.sub("", headline).rstrip()
            headline = next((c for c in [*h1s, *titles] if c.startswith(stem) and len(c) > len(stem)), stem)
        marked = [h for h in self.marked_h1s if h]
        headline = headline or (marked[0] if len(set(marked)) == 1 else None)
        headline = headline or next((h for h in h1s if _shares_words(h, titles)), None) or next(iter(titles), None)
        if not headline and len(set(h1s)) == 1:
            headline = h1s[0]  # a page with no <title> or title tags at all, and one <h1>: a saved fragment's headline
        if not headline and not h1s:  # a fragment (a template's story box) whose one heading is an <h5>
            lower = [text for h in self.body.iter(*LOWER_HEADINGS) if (text := " ".join(h.text_content().split()))]
            headline = lower[0] if len(lower) == 1 else None
        if headline:  # "<em>The Interview</em> Is ...": a tag's text lost what og:title's quotes keep
            same_words = [c for c in [*h1s, *titles] if words_of(c) == words_of(headline)]
            headline = max(same_words, key=len, default=headline)
            words = words_of(headline)
            self.headline_node = next((n for n in self.h1_nodes if words_of(n.text_content()) == words), None)
        return headline

    def headline_under_site_name(self, title: str, body: str, site: str | None) -> tuple[str, bool] | None:
        """(the article's heading, whether the page prints the title as its masthead's <h1>) when the title found is
        only the site's name (the name its tags give, or a short title) whose words the article's prose never uses,
        while a heading of a headline's length (the og:title, an <h1> after the masthead, else an <h2> under a
        header box) shares the prose's words ("HS Blog" over "Polling in an Era of Political Polarization")."""
        words = words_of(title)
        if not (1 <= len(words) <= SITE_NAME_WORDS or (site and outlet_key(title) == outlet_key(site))):
            return None
        prose = set(words_of(" ".join(line for line in body.splitlines() if is_long(line))))
        if _share_of(title, prose) >= TITLE_SHARE_OF_TEXT:
            return None
        masthead = next((i for i, h1 in enumerate(self.h1s) if words_of(h1) == words), None)
        below = self.h1s[masthead + 1:] if masthead is not None else self.h1s
        # an <h2> only under a masthead that its container calls one: an article's own subheads are <h2>s too
        boxed = masthead is not None and _in_masthead(self.h1_nodes[masthead])
        social = [" ".join(html_entities.unescape(self.meta.get(k, "")).split()) for k in ("og:title", "twitter:title")]
        # a page of no headings that prints its headline as the text's first line, set off in bold ("<p><font
        # style='font-weight:bold'>2nd Grand Workshop ...</font></p>" under "<title>Rodong Sinmun</title>")
        first_line = next((line.strip() for line in body.splitlines() if line.strip()), "")
        lead = [first_line] if first_line and not is_long(first_line) and first_line[-1] not in SENTENCE_END else []
        for headings in (social, below, self.h2s if boxed else [], lead if not self.h1s else []):
            for heading in headings:
                if len(words_of(heading)) >= HEADING_WORDS and _share_of(heading, prose) >= TITLE_SHARE_OF_TEXT:
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
        by_domain = outlet_of_address(url, self.rules)
        if by_domain:
            return by_domain
        for name in [self.article.get("publisher", "")] + [self.meta.get(key, "") for key in SITE_META]:
            if name and (outlet := outlet_name(name, self.rules)):
                return outlet
            if name and _names_the_host(name, url):
                return site_of_address(url, self.rules)  # "harbournotes.com" on www.harbournotes.com: the site itself
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
            if (outlet := outlet_of_address(node.get("href"), self.rules)) and outlet not in self.rules.aggregators:
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
                if outlet := outlet_of_address(href, self.rules):
                    return outlet
        for text in self.body.itertext():  # or labels its bare address: "原文地址：https://www.rfa.org/..."
            for m in ORIGINAL_ADDRESS.finditer(text):
                if outlet := outlet_of_address(m["address"], self.rules):
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
        for key in AUTHOR_META:  # <meta name="author" content="新华网">: a portal's copy of an agency's story
            author = " ".join(self.meta.get(key, "").split())
            if author and (outlet := known_outlet(author, self.rules)) and outlet not in self.rules.aggregators:
                return outlet
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
        old wire page's headline, which has no <h1> to look under); an old page's <font> may hold the text's
        first paragraph and the ones after it in one piece, which starts as the text does."""
        first = next((" ".join(line.split()) for line in body.splitlines() if line.strip()), "")
        start = first[:TEXT_START_CHARS] if len(first) >= TEXT_START_CHARS else None  # a piece may run on past it
        at = next((i for i, piece in enumerate(self.pieces) if first and (piece == first or piece[:TEXT_START_CHARS] == start)), None)
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

    def title_date(self) -> str | None:
        """A date that is a part of its own in the page's <title> or og:title ("Headline - 07.12.2017 - LA NACION",
        "Headline | Africa | DW | 21.05.2020"): the day the page gives its story, in numbers only."""
        return next((part for title in (self.title, self.meta.get("og:title", "")) if (part := title_date_part(title))), None)

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
