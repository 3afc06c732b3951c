"""Articles kept as JSON records: a .json file (one article, a list, or a list under a key) and
.jsonl (one article a line).

Dumps name their fields after the tool that made them (newspaper3k, news-please, NewsAPI, a
site's own export), so each field is looked for under the names those use, case, "_" and "-"
ignored. A record is read on its own: the indexer re-reads only the records that changed
(split_records gives each one's id and digest, read_records reads a chosen few).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from typing import Iterable

import lxml.html
from lxml import etree

from searchapp.knowledge import Knowledge
from searchapp.reading.dates import date_in_url, parse_date
from searchapp.reading.decoding import decode_bytes
from searchapp.reading.html import html_page
from searchapp.reading.lines import has_letters, is_boilerplate, split_lines
from searchapp.reading.model import NO_BODY, Article, ReadResult, Skip
from searchapp.reading.normalize import normalize_line
from searchapp.reading.page import add_listed_article, given_fields, read_page
from searchapp.reading.rules import ReadingRules, reading_rules
from searchapp.reading.sources import known_outlet, outlet_of_domain

RECORD_KINDS = ("json", "jsonl")

# Article field -> the names dumps give it, in order of trust ("published_at" is also "publishedAt").
# The Guardian's and the New York Times' search APIs: webTitle, webPublicationDate, webUrl; headline {main}, web_url.
FIELD_NAMES = {
    "title": ("title", "headline", "webTitle"),
    "date": (
        "date", "datePublished", "published", "pubDate", "publish_date", "published_at", "date_publish",
        "date_published", "published_date", "publication_date", "webPublicationDate",
    ),
    # trafilatura's JSON: "source" is the page's address, "source-hostname" the site's name
    "source": ("source", "publisher", "site_name", "outlet", "publication", "source_name", "source_hostname"),
    "url": ("url", "link", "canonical_url", "permalink", "web_url"),
    "byline": ("byline", "author", "authors", "creator"),  # kept beside the text, never read as it
}
BODY_NAMES = ("body", "text", "content", "article", "articleBody", "maintext", "article_text", "full_text", "bodyText")
# A search-result or feed dump may hold only a summary: indexed as the text rather than losing the item.
# "short_description": the HuffPost "News Category Dataset" (headline, short_description, link, authors, date).
SUMMARY_NAMES = (
    "description", "summary", "snippet", "abstract", "excerpt", "teaser", "short_description", "lead_paragraph",
    "trailText",
)
# NewsAPI cuts its "content" short and says by how much: "... razed by a mob in Uttar Prade… [+3004 chars]"
CUT_OFF = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")
# A string under a name of the dump's own is its text when it reads as prose: this many words, two sentence ends.
PROSE_MIN_WORDS = 40
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]?(?:\s|$)")
# Objects that hold a record's own fields: the Guardian API's {"fields": {"bodyText": ...}}, and an Elasticsearch
# or OpenSearch export's {"_index": ..., "_id": ..., "_source": {"title": ...}} (elasticdump writes one a line).
NESTED_FIELDS = ("fields", "_source")
DOMAIN_NAMES = ("source_domain", "domain", "hostname")  # a site's domain stands for its outlet when outlets.json knows it
# Keys under which a .json file keeps its list of articles ({"status": "ok", "articles": [...]}).
DUMP_TIME_NAMES = ("timestamp", "scrapedat", "fetchedat", "crawledat", "retrievedat", "generatedat", "date")
SCRAPED_AT = "_scraped_at"  # the dump's time stamp, given to each of its items
# An item's own record of when it was fetched (news-please's date_download, a crawler's first_seen): a scrape
# time, never a publication date, so it dates the item only as the dump's stamp does.
ITEM_SCRAPE_NAMES = ("scrapedat", "fetchedat", "crawledat", "retrievedat", "downloadedat", "datedownload", "firstseen")
LIST_KEYS = (
    "articles", "items", "data", "results", "posts", "entries", "stories", "docs", "records", "item", "entry", "hits",
)
# Objects a list of articles may sit inside: an RSS or Atom feed turned into JSON ({"rss": {"channel":
# {"item": [...]}}}, {"feed": {"entry": [...]}}) and API envelopes ({"response": {"docs": [...]}}).
CONTAINER_KEYS = ("rss", "channel", "feed", "response", "result", "data", "body", "hits")  # a search answer's hits
KNOWN_NAMES = frozenset(  # every name above, as _comparable writes it: none of them is a dump's own name for its text
    re.sub(r"[_\-\s]", "", name.casefold())
    for names in (
        *FIELD_NAMES.values(), BODY_NAMES, SUMMARY_NAMES, NESTED_FIELDS, DOMAIN_NAMES, DUMP_TIME_NAMES, ITEM_SCRAPE_NAMES
    )
    for name in names
)
NO_TEXT = "no article text (none of the fields " + ", ".join(BODY_NAMES + SUMMARY_NAMES) + ")"

# Tags that mark a value as HTML rather than text that mentions a "<".
HTML_TAG = re.compile(
    r"(?i)<(?:!--|!doctype\b|/?(?:p|div|br|hr|span|a|em|strong|b|i|u|h[1-6]|ul|ol|li|blockquote|figure|figcaption"
    r"|img|table|tr|td|th|section|article|header|footer|aside|nav|html|head|body|script|style)\b)[^<>]*>"
)
# Where an object holds a field's text: WordPress's {"rendered": ...}, JSON-LD's {"name": ...}, XML's "#text",
# the New York Times' {"main": ...} headline and {"original": "By ..."} byline, a feed item turned into JSON by
# feedparser ("source": {"href": ..., "title": "Reuters"}) or an Atom entry by xmltodict ("link": {"@href": ...}).
TEXT_KEYS = ("rendered", "name", "value", "text", "#text", "main", "original", "title", "href", "@href")
HTML_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});")
BLOCK_TAGS = frozenset(
    "p div hr li h1 h2 h3 h4 h5 h6 blockquote tr table ul ol section article header footer aside figure "
    "figcaption pre".split()
)
HTML_PAGE_KEEPS = 0.5  # the page reader may drop furniture, not half the record's words
URL_LIKE = re.compile(r"\s*(?:https?://|www\.)", re.I)  # an author field holding a profile address, not a name


@dataclass(frozen=True)
class Record:
    """One article record as written: its id, its own text, and a digest that changes when that text does."""

    id: str  # f"{rel}#{n}": the line of a .jsonl, the place in a .json list; rel for a file of one article
    text: str  # the JSON of the record alone
    digest: str


@dataclass
class RecordFile:
    """A record file split into records, with what was wrong with the file as a whole."""

    records: list[Record]
    skipped: list[Skip]
    warnings: list[str]


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def file_records(data: bytes, kind: str, rel: str) -> RecordFile:
    """A .json or .jsonl file's bytes as its records; decoded as read_file decodes every text file."""
    text, warning, reason = decode_bytes(data)
    if reason:
        return RecordFile([], [Skip(rel, reason)], [])
    found = split_records(text, rel, kind)
    if warning:
        found.warnings.insert(0, f"{rel}: {warning}")
    return found


def split_records(text: str, rel: str, kind: str) -> RecordFile:
    """The records of a .jsonl (one a line; a bad line is found when it is read) or of a .json file."""
    if kind == "jsonl" and not _is_json_list(text):  # a dump's list saved under .jsonl is read as the list
        return RecordFile(_jsonl_records(text, rel), [], [])
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and _first_line_is_object(text):  # JSON Lines saved as .json
            return RecordFile(_jsonl_records(text, rel), [], [])
        return RecordFile([], [Skip(rel, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")], [])
    if isinstance(value, dict) and _body_field(value) is None:
        value = _with_dump_time(_article_list(value), value)
    if isinstance(value, dict):
        return RecordFile([_record(rel, value)], [], [])
    if isinstance(value, list) and value:
        return RecordFile([_record(f"{rel}#{n}", item) for n, item in enumerate(value, start=1)], [], [])
    return RecordFile([], [Skip(rel, "no article records: neither an article object nor a list of them")], [])


def _jsonl_records(text: str, rel: str) -> list[Record]:
    """One record a non-blank line; lines end at "\\n" only, as a string may hold U+2028 and friends."""
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if line.strip():
            records.append(Record(f"{rel}#{number}", line, _digest(line)))
    return records


def _is_json_list(text: str) -> bool:
    """Whether the whole text is one JSON list (an array of articles, however its lines break)."""
    if text.lstrip()[:1] != "[":
        return False
    try:
        return isinstance(json.loads(text), list)
    except json.JSONDecodeError:
        return False


def _first_line_is_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text.lstrip().split("\n", 1)[0]), dict)
    except json.JSONDecodeError:
        return False


def _record(id_: str, value: object) -> Record:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return Record(id_, text, _digest(text))


def _with_dump_time(items: object, holder: dict) -> object:
    """Items under a dump's own time stamp ({"timestamp": ..., "articles": [...]}) carry it as SCRAPED_AT:
    tests/data/LABELS.md takes a scrape time for the date only when nothing better is given, and so does the reader."""
    if not isinstance(items, list) or items is holder:
        return items
    keys = _keyed(holder)
    stamp = next((holder[keys[k]] for k in DUMP_TIME_NAMES if k in keys and isinstance(holder[keys[k]], str)), None)
    if stamp is None:
        return items
    return [{**item, SCRAPED_AT: stamp} if isinstance(item, dict) else item for item in items]


def _article_list(holder: dict, depth: int = 0) -> object:
    """The list of articles an object holds under a known key, or its only list of objects, or either inside
    a container object (a feed, an API envelope) up to three levels down; else the object."""
    for key in LIST_KEYS:
        if isinstance(holder.get(key), list):
            return holder[key]
    lists = [v for v in holder.values() if isinstance(v, list) and v and all(isinstance(i, dict) for i in v)]
    if len(lists) == 1:
        return lists[0]
    if depth < 3:
        for key in CONTAINER_KEYS:
            inner = holder.get(key)
            if isinstance(inner, dict):
                found = _article_list(inner, depth + 1)
                if found is not inner:
                    return found
    return holder


def read_records(
    records: Iterable[Record], rel: str, boilerplate: frozenset[str], *, knowledge: Knowledge | None = None
) -> ReadResult:
    """Read the given records of one file (all of them, or the ones that changed); as read_file does."""
    rules = reading_rules(knowledge)
    result = ReadResult()
    for record in records:
        read_record(record, rel, boilerplate, rules, result)
    return result


def read_jsonl(text: str, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    _read_split(split_records(text, rel, "jsonl"), rel, boilerplate, rules, result)


def read_json(text: str, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    _read_split(split_records(text, rel, "json"), rel, boilerplate, rules, result)


def _read_split(found: RecordFile, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    result.skipped.extend(found.skipped)
    result.warnings.extend(found.warnings)
    for record in found.records:
        read_record(record, rel, boilerplate, rules, result)


def read_record(record: Record, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    """One record to one article, or a skip saying why it is none."""
    where = record.id
    try:
        value = json.loads(record.text)
    except json.JSONDecodeError as exc:
        result.skipped.append(Skip(where, f"not valid JSON: {exc.msg} (column {exc.colno})"))
        return
    if not isinstance(value, dict):
        result.skipped.append(Skip(where, f"expected a JSON object, got {type(value).__name__}"))
        return
    value = _with_nested_fields(value)
    body, from_page = clean_body(_body_text(value) or "", rules)
    raw, date_field = _header_fields(value, where, result.warnings, rules)
    given, date = given_fields({**from_page, **raw}, where, result.warnings)
    if date is not None and date_field:
        given["date_from"] = f"record field {date_field}"
    if date is None:
        given.pop("date_from", None)
    page = read_page(body, boilerplate, rules, given, masthead=False) if body else None
    scraped_at = _scrape_time(value)
    if date is None and (page is None or page.date is None) and scraped_at is not None:
        # the day it was scraped, only when neither the record, its text (a dateline) nor its address dates it
        if not date_in_url(given.get("url", "")) and (date := parse_date(scraped_at)):
            given["date_from"] = "the dump's time stamp (when it was scraped)"
    if page is None:
        article = _text_as_it_is(body, where, rel, given, date, rules)
        if article is not None:
            result.articles.append(article)
            return
    add_listed_article(result, where, rel, page, given, date, rules, no_text=NO_BODY if body else NO_TEXT)


def _scrape_time(record: dict) -> str | None:
    """When the item was fetched: its own field for it, else the dump's stamp it was given."""
    keys = _keyed(record)
    own = (record[keys[name]] for name in ITEM_SCRAPE_NAMES if name in keys)
    return next((value for value in own if isinstance(value, str) and value.strip()), None) or (
        record[SCRAPED_AT] if isinstance(record.get(SCRAPED_AT), str) else None
    )


def _with_nested_fields(record: dict) -> dict:
    """The record with the fields it keeps in an object of their own beside its own, its own first; the object
    itself goes ("_source" would otherwise be read as the source)."""
    for key in NESTED_FIELDS:
        if isinstance(record.get(key), dict):
            record = {**record[key], **{k: v for k, v in record.items() if k != key}}
    return record


def _keyed(record: dict) -> dict[str, str]:
    """Comparable key -> the record's own key: "pubDate", "pub_date" and "PubDate" are one name."""
    return {re.sub(r"[_\-\s]", "", key.casefold()): key for key in record if isinstance(key, str)}


def _body_field(record: dict) -> str | None:
    keys = _keyed(record)
    return next((keys[name] for name in (_comparable(n) for n in BODY_NAMES + SUMMARY_NAMES) if name in keys), None)


def _comparable(name: str) -> str:
    return re.sub(r"[_\-\s]", "", name.casefold())


def _body_text(record: dict) -> str | None:
    """The first body field with text, else prose under a name of the dump's own or the first summary, the
    longer of the two; a list of paragraphs is joined."""
    keys = _keyed(record)
    body, summary = _named_text(record, keys, BODY_NAMES), _named_text(record, keys, SUMMARY_NAMES)
    if body is not None and (cut := CUT_OFF.search(body)):
        # NewsAPI's text is the story's first 200 characters: its description is the rest of what the dump holds
        kept = body[:cut.start()].rstrip()
        body = (kept.rsplit(" ", 1)[0] if kept[-1:].isalnum() else kept) + " …"  # the cut word goes
        if summary is not None and " ".join(summary.split()[:8]) not in body:
            body = f"{summary}\n\n{body}"
    if body is not None:
        return body
    prose = _prose_field(record)
    if prose is not None and (summary is None or len(prose) > len(summary)):
        return prose
    return summary


def _named_text(record: dict, keys: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(keys.get(_comparable(name), ""))
        if isinstance(value, list) and all(isinstance(p, str) for p in value):
            value = "\n\n".join(value)
        value = _text_of(value)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _prose_field(record: dict) -> str | None:
    """The longest run of sentences under a name no field above has ("raw_text", "story_text", "texto"):
    scrapers name the text as they like, and an article lost for its field's name is lost from every search."""
    found = [
        value for key, value in record.items()
        if isinstance(key, str) and isinstance(value, str) and _comparable(key) not in KNOWN_NAMES and _is_prose(value)
    ]
    return max(found, key=len, default=None)


def _is_prose(value: str) -> bool:
    """Sentences, not an identifier, an address or a list of tags: enough words and at least two sentence ends."""
    return (
        len(value.split()) >= PROSE_MIN_WORDS
        and len(SENTENCE_END.findall(value)) >= 2
        and not URL_LIKE.match(value)
    )


def _header_fields(
    record: dict, where: str, warnings: list[str], rules: ReadingRules
) -> tuple[dict[str, str], str | None]:
    """Title, date, source and url as text (entities and tags gone), and the name the date was filed under."""
    keys = _keyed(record)
    fields: dict[str, str] = {}
    date_field = None
    for field, names in FIELD_NAMES.items():
        for key in dict.fromkeys(keys[c] for c in map(_comparable, names) if c in keys):
            value = _text_of(record[key])
            if field == "byline" and isinstance(value, list) and all(isinstance(v, str) for v in value):
                value = ", ".join(v.strip() for v in value if v.strip())  # ["Jane Doe", "Kim Min-ji"]
            if value is None or value == "" or (field == "byline" and isinstance(value, str) and URL_LIKE.match(value)):
                continue  # NewsAPI's author is at times a profile address, not a name
            if not isinstance(value, str):
                warnings.append(f"{where}: {key} {value!r} is not text; ignored")
                continue
            if field == "source" and URL_LIKE.match(value):
                fields.setdefault("source_url", value.strip())  # trafilatura files the page's address as "source"
                continue
            fields[field] = clean_inline(value)
            date_field = key if field == "date" else date_field
            break
    if source_url := fields.pop("source_url", None):
        fields.setdefault("url", source_url)
    wire = known_outlet(fields.get("byline", ""), rules)
    if wire and wire != known_outlet(fields.get("source", ""), rules):
        fields["wire"] = wire  # NewsAPI's "author": "Reuters" on a CNBC item: the agency's story, republished
    if "source" not in fields:
        domains = [record[keys[c]] for c in map(_comparable, DOMAIN_NAMES) if c in keys]
        domain = next((d.strip().lower().removeprefix("www.") for d in domains if isinstance(d, str)), None)
        if domain and (outlet := outlet_of_domain(domain, rules)):
            fields["source"] = outlet
    return {k: v for k, v in fields.items() if v}, date_field


def _text_of(value: object) -> object:
    """A value given as an object ({"rendered": ...}, {"@type": "Organization", "name": ...}) or a list of
    them: the object's text; any other value as it is."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        value = value[0]
    if isinstance(value, dict):
        return next((value[key] for key in TEXT_KEYS if isinstance(value.get(key), str)), value)
    return value


def clean_inline(value: str) -> str:
    """A title or name as text: entities decoded (twice-escaped ones too), tags dropped, one space."""
    value = _unescape(value)
    if HTML_TAG.search(value):
        value = _markup_text(value)
    return " ".join(value.split())


def _unescape(text: str) -> str:
    for _ in range(3):  # "&amp;amp;" from an export that escaped twice
        if not HTML_ENTITY.search(text):
            break
        text = html.unescape(text)
    return text


def clean_body(body: str, rules: ReadingRules) -> tuple[str, dict[str, str]]:
    """A record's body as plain text, and what its page says (title, date, source, url) when it is a page.

    HTML goes through the web-page reader; when that keeps less than half of the words (it judged a
    bare article fragment to be furniture), the markup is turned into paragraphs here instead.
    """
    if not HTML_TAG.search(body) and HTML_ENTITY.search(body):
        body = _unescape(body)  # "&lt;p&gt;Text&lt;/p&gt;": HTML escaped once more
    tags = HTML_TAG.findall(body)
    if not tags:
        return body, {}
    plain = _markup_text(body)
    if len(tags) >= 2:
        try:
            text, given = html_page(body, rules)
        except (etree.ParserError, ValueError, AssertionError):
            text, given = "", {}
        if len(text.split()) >= HTML_PAGE_KEEPS * len(plain.split()):
            return text, given
    return plain, {}


def _markup_text(markup: str) -> str:
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


def _text_as_it_is(body: str, where: str, rel: str, given: dict[str, str], date, rules: ReadingRules) -> Article | None:
    """A record the page reader leaves empty is still an article when it has text: the dump says it is one.

    A wire flash is all headline ("BRAZIL BANK STRIKE CONTINUES"), a rates table has no paragraph:
    the first line stands for a missing title and the lines are the body. Known furniture stays out.
    """
    lines = [line for line in split_lines(body, rules) if has_letters(line) and not is_boilerplate(line, normalize_line(line), rules)]
    if not lines:
        return None
    title = given.get("title") or lines[0]
    body_lines = lines[1:] if not given.get("title") and len(lines) > 1 else lines
    return Article(
        id=where,
        path=rel,
        title=title,
        body="\n\n".join(body_lines),
        date=date,
        source=given.get("wire") or given.get("source"),
        url=given.get("url"),
        byline=given.get("byline"),
        date_from=given.get("date_from") if date else None,
    )


def record_texts(text: str, rel: str, kind: str) -> list[str]:
    """The plain body of every record with one, for learning the archive's page furniture."""
    texts = []
    for record in split_records(text, rel, kind).records:
        try:
            value = json.loads(record.text)
        except json.JSONDecodeError:
            continue
        body = _body_text(_with_nested_fields(value)) if isinstance(value, dict) else None
        if body:
            texts.append(_markup_text(body) if HTML_TAG.search(body) else _unescape(body))
    return texts
