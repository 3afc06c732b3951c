"""Saved web pages: the article text and what the page's tags say about it."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from typing import Iterable

from searchapp.reading.lines import word_count
from searchapp.reading.model import ReadResult, Skip
from searchapp.reading.normalize import normalize_line
from searchapp.reading.page import add_article, given_fields, read_page
from searchapp.reading.sources import known_outlet

HTML_SKIP_TAGS = frozenset(
    "script style noscript template svg canvas iframe nav header footer aside form button select "
    "option label menu dialog object embed video audio".split()
)


HTML_SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu", "dialog"})


HTML_SKIP_CLASS_WORDS = frozenset(
    "share sharing social comment comments related newsletter subscribe subscription promo advert advertisement "
    "ad ads cookie cookies breadcrumb breadcrumbs nav navbar menu sidebar footer masthead popular trending "
    "recommended outbrain taboola".split()
)


HTML_BLOCK_TAGS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 tr td th table blockquote section article main figure figcaption "
    "pre dd dt dl hr address time".split()
)


HTML_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())


HTML_DATE_META = frozenset(
    "article:published_time og:article:published_time og:published_time published_time date pubdate "
    "publishdate publish-date publication_date dc.date dc.date.issued dcterms.created dcterms.date "
    "sailthru.date parsely-pub-date datepublished article.published".split()
)


HTML_SITE_META = frozenset({"og:site_name", "application-name", "publisher", "article:publisher", "dc.publisher"})


class _PageParser(HTMLParser):
    """Article text, headline, date and site name of an HTML page (standard library parser)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.article_blocks: list[str] = []
        self.current: list[str] = []
        self.skip_tag: str | None = None
        self.skip_depth = 0
        self.article_depth = 0
        self.capture: str | None = None  # "title" or "h1" while inside one
        self.title = ""
        self.h1s: list[tuple[str, bool]] = []  # (text, inside <article>)
        self.meta: dict[str, str] = {}
        self.time_datetime: str | None = None
        self.linked_data: list[str] = []  # <script type="application/ld+json"> texts
        self.in_linked_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").casefold()
            if key and attr.get("content") and key not in self.meta:
                self.meta[key] = attr["content"].strip()
            return
        if tag == "time" and attr.get("datetime") and self.time_datetime is None:
            self.time_datetime = attr["datetime"]
        if attr.get("itemprop", "").casefold() == "datepublished" and "datepublished" not in self.meta:
            value = attr.get("datetime") or attr.get("content")
            if value:
                self.meta["datepublished"] = value
        if tag == "script" and attr.get("type", "").casefold() == "application/ld+json":
            self.in_linked_data = True
            self.linked_data.append("")
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth += 1
            return
        if tag == "br":
            self.current.append("\n")  # a line break inside a paragraph; split_lines rejoins wrapped prose
            return
        if tag in HTML_BLOCK_TAGS:
            self._end_block()
        if tag in HTML_VOID_TAGS:
            return
        if self._skipped(tag, attr):
            self.skip_tag, self.skip_depth = tag, 1
            return
        if tag == "article":
            self.article_depth += 1
        if tag == "title" and not self.title or tag == "h1":
            self.capture = tag
            if tag == "h1":
                self.h1s.append(("", self.article_depth > 0))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in HTML_VOID_TAGS and self.skip_tag == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_linked_data = False
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skip_tag = None
            return
        if tag in HTML_BLOCK_TAGS:
            self._end_block()
        if tag == "article" and self.article_depth:
            self.article_depth -= 1
        if tag == self.capture:
            self.capture = None

    def handle_data(self, data: str) -> None:
        if self.in_linked_data:
            self.linked_data[-1] += data
        if self.capture == "title":
            self.title += data
        elif self.capture == "h1":
            text, in_article = self.h1s[-1]
            self.h1s[-1] = (text + data, in_article)
        if self.skip_tag is None and self.capture != "title":
            self.current.append(" ".join(data.split("\n")))

    def close(self) -> None:
        super().close()
        self._end_block()

    def _end_block(self) -> None:
        lines = ("".join(self.current)).split("\n")
        text = "\n".join(" ".join(line.split()) for line in lines if line.strip())
        self.current = []
        if text:
            self.blocks.append(text)
            if self.article_depth:
                self.article_blocks.append(text)

    def _skipped(self, tag: str, attr: dict[str, str]) -> bool:
        if tag == "header" and self.article_depth:
            return False  # an article's own header holds its headline and date
        if tag in HTML_SKIP_TAGS or attr.get("role", "").casefold() in HTML_SKIP_ROLES:
            return True
        if "hidden" in attr or attr.get("aria-hidden") == "true":
            return True
        words = re.split(r"[\s_-]+", f"{attr.get('class', '')} {attr.get('id', '')}".casefold())
        return any(w in HTML_SKIP_CLASS_WORDS for w in words)


def html_page(text: str) -> tuple[str, dict[str, str]]:
    """The article text of an HTML page, and what its tags say (title, date, source)."""
    page = _PageParser()
    page.feed(text)
    page.close()
    blocks = page.article_blocks or page.blocks
    given: dict[str, str] = {}
    site = next((v for k, v in page.meta.items() if k in HTML_SITE_META and "://" not in v), None)
    h1s = [(" ".join(h1.split()), in_article) for h1, in_article in page.h1s]
    headings = [h1 for h1, _ in h1s if h1 and normalize_line(h1) != normalize_line(site or "")]
    linked = _linked_data_article(page.linked_data)
    title = (
        next((h1 for h1, in_article in h1s if in_article and h1), "")
        or page.meta.get("og:title", "")
        or linked.get("title", "")
        or next((h1 for h1 in headings if word_count(h1) >= 2), "")
        or _strip_site_name(page.title)
    )
    if title:
        given["title"] = html.unescape(" ".join(title.split()))
    date_value = (
        next((v for k, v in page.meta.items() if k in HTML_DATE_META), None) or linked.get("date") or page.time_datetime
    )
    if date_value:
        given["date"] = date_value
    site = site or linked.get("source")
    if site:
        given["source"] = known_outlet(site) or site
    if page.meta.get("og:url"):
        given["url"] = page.meta["og:url"]
    return "\n\n".join(blocks), given


def _linked_data_article(texts: list[str]) -> dict[str, str]:
    """Headline, datePublished and publisher name of the first schema.org item that has them."""
    def items(node: object) -> Iterable[dict]:
        if isinstance(node, list):
            for child in node:
                yield from items(child)
        elif isinstance(node, dict):
            yield node
            yield from items(node.get("@graph", []))

    for text in texts:
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            continue
        for item in items(data):
            if "headline" not in item and "datePublished" not in item:
                continue
            publisher = item.get("publisher")
            if isinstance(publisher, list):
                publisher = publisher[0] if publisher else None
            found = {
                "title": item.get("headline"),
                "date": item.get("datePublished"),
                "source": publisher.get("name") if isinstance(publisher, dict) else publisher,
            }
            return {k: " ".join(v.split()) for k, v in found.items() if isinstance(v, str) and v.strip()}
    return {}


def _strip_site_name(title: str) -> str:
    """"Headline | Site" -> "Headline": the longest part between separators."""
    parts = re.split(r"\s+(?:\||-|–|—|::|»)\s+", " ".join(title.split()))
    return max(parts, key=len) if parts else ""


def read_html(text: str, rel: str, boilerplate: frozenset[str], result: ReadResult) -> None:
    try:
        body, raw = html_page(text)
    except (AssertionError, ValueError) as exc:  # html.parser's rare complaints about broken markup
        result.skipped.append(Skip(rel, f"cannot parse HTML: {exc}"))
        return
    given, date = given_fields(raw, rel, result.warnings)
    page = read_page(body, boilerplate, given, masthead=False)
    add_article(result, rel, rel, page, given, date)


