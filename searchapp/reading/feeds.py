"""RSS 2.0, RSS 1.0 (RDF) and Atom files: each entry an article, read with feedparser."""

from __future__ import annotations

import html
import io
import re
from collections import Counter
from dataclasses import dataclass

import feedparser

from searchapp.reading.assemble import add_listed_article, given_fields
from searchapp.reading.dates import date_in_url, parse_date
from searchapp.reading.html import html_page
from searchapp.reading.model import NO_BODY, ReadResult, Skip
from searchapp.reading.page import read_page
from searchapp.reading.page_titles import site_and_section
from searchapp.reading.rules import ReadingRules
from searchapp.reading.sources import (
    edition_words, host_of, known_outlet, on_site, outlet_of_address, same_outlet, site_of_address,
)

# The file was decoded already, so the encoding its XML declaration names no longer applies.
XML_DECLARED_ENCODING = re.compile(r"""\A(\ufeff?\s*<\?xml\b[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")


MARKUP = re.compile(r"<[A-Za-z!/]")


TAG = re.compile(r"<[^<>]*>")


# "Yonhap News Agency - North Korea", "NYT > World", "Reuters: Top News": the publisher and a section
FEED_WORDS = re.compile(r"(?i)(?:\s*[-|:]\s*|\s+)(?:rss|atom)(?:\s+(?:news\s+)?feed)?\s*$")  # "news.gov.scot RSS Feed"
FEED_TITLE_PARTS = re.compile(r"\s+(?:[-|>»–—─]|::)\s+|:\s+")
WEB_ENDING = re.compile(r"(?i)\.(?:com|net|org|[a-z]{2})$")  # "Le Monde.fr", "tagesschau.de"
# "The Business Standard (Bangladesh)", "BBC World (kkgithub 纯净版)": a note on the feed after its outlet's name
FEED_NOTE = re.compile(r"\s+\([^()]+\)$")


# "전자신문 · 13:20", "Reuters | 09:15": an item's whole text an outlet's name and the time it came in
ENTRY_CREDIT = re.compile(r"(?P<outlet>[^\W\d][^·|:\n]{0,40}?)\s*[·|]\s*\d{1,2}:\d{2}")


NO_TEXT = "feed entry has no text (no content, summary or description)"  # a tracking image alone is none


DATE_ELEMENTS = (("published", "feed entry published"), ("updated", "feed entry updated"))


@dataclass(frozen=True)
class _Publisher:
    """Who publishes the feed: a known outlet (or the edition of one its title names), and the title as written."""

    known: str | None
    as_written: str | None
    edition_of: str | None = None  # the known outlet whose edition the feed is ("Al Jazeera America")
    home: str | None = None  # the host of the feed's own <link> ("www.defenseone.com", "someone.github.io")

    def name_for(self, url: str | None, rules: ReadingRules) -> str | None:
        """The feed's title as the outlet of an item on the feed's own site; an item a merged feed took from
        another site ("Merged Defense / NATO / SpaceWar Feed", its items on defenseone.com and spacewar.com) is
        that site's."""
        item_site = site_of_address(url, rules) if self.home else None
        if item_site and not (on_site(item_site, self.home) or on_site(self.home, item_site)):
            return item_site
        return self.as_written

    def edition(self, outlet: str | None) -> str | None:
        """An item's outlet, read as this feed's edition when it is the outlet the edition belongs to."""
        return self.known if outlet and outlet == self.edition_of else outlet


def read_feed(text: str, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    feed = _parse(text)
    if not feed.entries:
        problem = feed.get("bozo_exception") if feed.bozo else None
        reason = f"not a readable feed ({problem})" if problem else "feed has no entries (no <item> or <entry>)"
        result.skipped.append(Skip(rel, reason))
        return
    if feed.bozo and not isinstance(feed.get("bozo_exception"), feedparser.ThingsNobodyCaresAboutButMe):
        result.warnings.append(f"{rel}: feed is not well-formed XML ({feed.bozo_exception}); read leniently")
    publisher = _feed_publisher(feed.feed, rules)
    built = _entry_date(feed.feed)[0]
    dated = [_entry_date(entry) for entry in feed.entries]
    fetched = _fetch_stamps([value for value, _ in dated])
    for number, (entry, (value, label)) in enumerate(zip(feed.entries, dated), start=1):
        if value in fetched:  # the fetch time: the item's own text may date its story, else this does
            _read_entry(entry, f"{rel}#{number}", rel, publisher, (None, ""), value, boilerplate, rules, result)
        else:
            _read_entry(entry, f"{rel}#{number}", rel, publisher, (value, label), built, boilerplate, rules, result)


def _fetch_stamps(stamps: list[str | None]) -> set[str]:
    """Time stamps, to the second, that several items share: a merged feed stamps what it fetched with the time it
    fetched it ("Thu, 09 Oct 2025 08:48:54 +0000" on every SpaceWar item), which dates no story. A stamp at
    midnight is a day's date, which items of one day share rightly."""
    counts = Counter(value for value in stamps if value)
    return {value for value, count in counts.items() if count >= FETCHED_TOGETHER and not MIDNIGHT.search(value)}


FETCHED_TOGETHER = 3
MIDNIGHT = re.compile(r"(?:T|\s)00:00(?::00)?(?:\.0+)?(?:\s|Z|[+-]|$)")


def _parse(text: str) -> feedparser.FeedParserDict:
    """Parse from a stream, so feedparser never takes the text for a URL or a file name to open."""
    text = XML_DECLARED_ENCODING.sub(r"\1\2utf-8\2", text, count=1)
    return feedparser.parse(io.BytesIO(text.encode("utf-8")))


def _read_entry(
    entry: dict,
    where: str,
    rel: str,
    publisher: _Publisher,
    written: tuple[str | None, str],
    built: str | None,
    boilerplate: frozenset[str],
    rules: ReadingRules,
    result: ReadResult,
) -> None:
    """One item as an article; written is its own date as written and where (_entry_date), built the date for an
    item whose text gives none either: the feed's own date, or a fetch time the item shares with others."""
    try:
        body = _entry_body(entry, rules)
    except (AssertionError, ValueError) as exc:  # html.parser's rare complaints about broken markup
        result.skipped.append(Skip(where, f"cannot parse the entry's HTML: {exc}"))
        return
    date_value, date_from = written
    credit = ENTRY_CREDIT.fullmatch(body.strip())
    if credit:  # a portal's item says only whose story it is and when: "전자신문 · 13:20"
        body = ""
    raw = {
        "title": _plain_text(entry.get("title_detail")),
        "date": date_value,
        "source": (credit and credit["outlet"]) or publisher.edition(_entry_source(entry, rules)) or publisher.known,
        "url": entry.get("feedburner_origlink") or entry.get("link"),  # FeedBurner's <link> is its own redirect
    }
    given, date = given_fields(raw, where, result.warnings)
    if date:
        given["date_from"] = date_from
    wire = known_outlet(" ".join((entry.get("author") or "").split()), rules)
    if wire and not same_outlet(wire, given.get("source", ""), rules):
        given["wire"] = wire  # <dc:creator>Associated Press</dc:creator> in a paper's feed: the agency's story
    page = read_page(body, boilerplate, rules, given, masthead=False) if body.strip() else None
    if not (page and page.source) and "source" not in given and publisher.as_written:
        given["source"] = publisher.name_for(given.get("url"), rules)  # the channel's name, when nothing better does
    if date is None and not (page and page.date) and not date_in_url(given.get("url", "")) and built:
        # a feed's items are its latest: one without a date of its own is dated as the feed was built, the way
        # a scrape's time stamp dates a page that gives none
        if date := parse_date(built):
            given["date_from"] = "the feed's own date, as the item gives none"
    add_listed_article(result, where, rel, page, given, date, rules, no_text=NO_TEXT if not body.strip() else NO_BODY)


def _entry_body(entry: dict, rules: ReadingRules) -> str:
    """The full text (content:encoded, Atom content) when the entry has it, else its summary or description,
    else the longest text a feed's own element holds (a newspaper's <short_desc>, <excerpt>)."""
    for part in [*entry.get("content", []), entry.get("summary_detail")]:
        text = _detail_text(part, rules) if part else ""
        if text.strip():
            return text
    extra = _own_element_text(entry)
    return html_page(extra, rules)[0] if MARKUP.search(extra) else html.unescape(extra)


# Elements feedparser reads itself: their text is never the story's (a <rights> notice, an <author>'s name).
FEEDPARSER_ELEMENTS = frozenset(
    "title summary subtitle rights copyright author publisher contributors comments license id guid link "
    "guidislink published updated created expired category tags links enclosures".split()
)
OWN_ELEMENT_MIN_WORDS = 12  # shorter is a label or a name, not the story's text


def _own_element_text(entry: dict) -> str:
    """The text of an element the feed made up, as long as a paragraph: feedparser keeps it under its tag's name."""
    texts = [
        value for key, value in entry.items()
        if isinstance(value, str) and key not in FEEDPARSER_ELEMENTS and not key.startswith(("media_", "itunes_"))
        and not key.endswith(("_detail", "_parsed")) and len(value.split()) >= OWN_ELEMENT_MIN_WORDS
    ]
    return max(texts, key=len, default="")


def _detail_text(detail: dict, rules: ReadingRules) -> str:
    """A text construct as plain text: HTML through the page reader, entities decoded."""
    value, kind = detail.get("value") or "", detail.get("type") or ""
    if "html" not in kind:
        return value
    if MARKUP.search(value):
        return html_page(value, rules)[0]
    return html.unescape(value)  # feedparser calls every RSS description HTML; plain text keeps its blank lines


def _plain_text(detail: dict | None) -> str:
    """A short text construct (a title) without markup: "Kim &amp; Moon <b>meet</b>" -> "Kim & Moon meet"."""
    if not detail:
        return ""
    value = detail.get("value") or ""
    if "html" in (detail.get("type") or ""):
        value = html.unescape(TAG.sub("", value))
    return " ".join(value.split())


def _entry_date(entry: dict) -> tuple[str | None, str]:
    """The published date, else the updated one, as written (feedparser's parsed form is shifted to UTC).

    dict.get reads the elements themselves: feedparser's own lookup answers "updated" with "published".
    """
    written = [(dict.get(entry, key), label) for key, label in DATE_ELEMENTS]
    for value, label in written:
        if value and parse_date(value):
            return value, label
    return next((value for value, _ in written if value), None), ""  # given_fields warns that it is unreadable


def _entry_source(entry: dict, rules: ReadingRules) -> str | None:
    """The outlet the entry itself names: its <source> element, else its link's domain when that is known."""
    source = entry.get("source") or {}
    name = _plain_text(source.get("title_detail")) or " ".join((source.get("title") or "").split())
    if name:
        return known_outlet(name, rules) or name
    for url in (source.get("href"), entry.get("link")):
        if outlet := outlet_of_address(url, rules):
            return outlet
    return None


def _feed_publisher(channel: dict, rules: ReadingRules) -> _Publisher:
    """The known outlet the feed's title or its link names, and the title as written as a last resort; none
    for a reader's board (a Feedly feed of stories it gathered from many outlets): its title is the reader's."""
    if _made_by_aggregator(channel, rules):
        return _Publisher(None, None)
    title = FEED_NOTE.sub("", FEED_WORDS.sub("", _plain_text(channel.get("title_detail"))))
    parts = [title, *FEED_TITLE_PARTS.split(title)] if title else []
    known = next((name for part in parts if (name := known_outlet(part, rules))), None)
    # "뉴닉 ─ 세계", "Harbour Gazette - World": the publisher's name, then its section's
    named = (site_and_section(title, rules) or title) if title and not _is_section_name(title, rules) else None
    at_link = outlet_of_address(channel.get("link"), rules)
    # "Le Monde.fr - Actualités et Infos en France": after a separator comes a tagline, not an edition's words;
    # the site's own domain ending adds none either
    first = WEB_ENDING.sub("", FEED_TITLE_PARTS.split(named)[0]) if named else None
    added = edition_words(at_link, first) if at_link and first and not known else None
    if added and not set(added) <= rules.section_words:
        # "Al Jazeera America" on aljazeera.com is the outlet's edition; "UOL Notícias" on uol.com.br its section
        return _Publisher(named, named, edition_of=at_link)
    edition = _edition_in_title(parts[1:] + parts[:1], rules) if named and not known else None
    if edition and at_link in (None, edition[0]):
        # "BBC Ukrainian - Світ" on bbcukrainian.com: a language service of the BBC, whose items link to bbc.com
        return _Publisher(edition[1], edition[1], edition_of=edition[0])
    return _Publisher(known or at_link, named, home=host_of(channel.get("link")))


def _edition_in_title(parts: list[str], rules: ReadingRules) -> tuple[str, str] | None:
    """A known outlet's name and words of an edition's after it ("BBC Ukrainian"): the outlet and the
    edition's name, from the first part of a feed's title that has them; section words alone make no edition."""
    for part in parts:
        words = part.split()
        for end in range(len(words) - 1, 0, -1):
            if outlet := known_outlet(" ".join(words[:end]), rules):
                added = {w.casefold() for w in words[end:]}
                if not added <= rules.section_words and all(w.isalpha() for w in added):
                    return outlet, part
                break
    return None


def _is_section_name(title: str, rules: ReadingRules) -> bool:
    """"Nation & World", "Top Stories": a section's feed, titled without its paper's name."""
    return all(word in rules.tag_words for word in re.findall(r"[\w&'-]+", title.casefold()))


def _made_by_aggregator(channel: dict, rules: ReadingRules) -> bool:
    """Whether the feed's own addresses or its generator are an aggregator's ("https://feedly.com/f/...")."""
    addresses = [channel.get("link"), (channel.get("generator_detail") or {}).get("href")]
    addresses += [link.get("href") for link in channel.get("links") or [] if isinstance(link, dict)]
    return any(outlet_of_address(a, rules) in rules.aggregators for a in addresses if isinstance(a, str))
