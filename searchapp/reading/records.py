"""Articles kept as records: a .json file (one article, a list, or a list under a key), .jsonl (one
article a line), and a table's rows (tables.py: a .csv or .tsv dump, a dataset's numbered lines).

Which field holds what is record_fields.py's job, turning values into text record_markup.py's.
A record is read on its own: the indexer re-reads only the records that changed (split_records
gives each one's id and digest, read_records reads a chosen few).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import math
from dataclasses import dataclass
from typing import Iterable

from searchapp.knowledge import Knowledge
from searchapp.reading.assemble import add_listed_article, given_fields
from searchapp.reading.dates import date_in_url, parse_date
from searchapp.reading.headlines import HEADLINE_WORDS
from searchapp.reading.decoding import decode_bytes
from searchapp.reading.lines import has_letters, is_boilerplate, split_lines
from searchapp.reading.model import NO_BODY, Article, ReadResult, Skip
from searchapp.reading.normalize import normalize_line
from searchapp.reading.page import read_page
from searchapp.reading.record_fields import (
    DUMP_TIME_NAMES, KNOWN_NAMES, NO_TEXT, SCRAPED_AT, body_field, body_text, comparable, embedded_object, header_fields,
    keyed, python_literal, scrape_time, with_nested_fields,
)
from searchapp.reading.record_markup import HTML_TAG, clean_body, markup_text, unescape_entities
from searchapp.reading.rules import ReadingRules, reading_rules
from searchapp.reading.sources import WEB_ADDRESS
from searchapp.reading.tables import table_rows

RECORD_KINDS = ("json", "jsonl", "table", "numbered")
# Keys under which a .json file keeps its list of articles ({"status": "ok", "articles": [...]}).
LIST_KEYS = (
    "articles", "items", "data", "results", "posts", "entries", "stories", "docs", "records", "item", "entry", "hits",
    "teaser", "teasers",  # the tagesschau API's {"teaser": [...]}, a news site's list of teasers
    "titles", "headlines",  # {"titles": ["<![CDATA[Headline]]>", ...]}: a feed's headlines, listed alone
)
# Objects a list of articles may sit inside: an RSS or Atom feed turned into JSON ({"rss": {"channel":
# {"item": [...]}}}, {"feed": {"entry": [...]}}) and API envelopes ({"response": {"docs": [...]}}).
CONTAINER_KEYS = ("rss", "channel", "feed", "response", "result", "data", "body", "hits")  # a search answer's hits





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
    """The records of a .jsonl (one a line; a bad line is found when it is read), a .json file or a table."""
    if kind in ("table", "numbered"):
        rows, reason = table_rows(text, numbered=kind == "numbered")
        if reason:
            return RecordFile([], [Skip(rel, reason)], [])
        return RecordFile([_record(f"{rel}#{n}", row) for n, row in enumerate(rows, start=1)], [], [])
    if kind == "jsonl" and not _is_json_list(text):  # a dump's list saved under .jsonl is read as the list
        return RecordFile(_jsonl_records(text, rel), [], [])
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and _first_line_is_object(text):  # JSON Lines saved as .json
            return RecordFile(_jsonl_records(text, rel), [], [])
        value = python_literal(text) if text.lstrip()[:1] in ("{", "[") else None  # a script's str(dict)
        if not isinstance(value, (dict, list)):
            return RecordFile([], [Skip(rel, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")], [])
    if isinstance(value, dict) and (rows := _indexed_rows(value) or _headline_addresses(value)) is not None:
        value = rows
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict) and body_field(value[0]) is None:
        value = value[0]  # [{"result": [...]}]: an API's envelope, saved inside a list
    if isinstance(value, dict) and ((field := body_field(value)) is None or _holds_items(value, field)):
        value = with_dump_time(_article_list(value), value)
    if isinstance(value, dict):
        return RecordFile([_record(rel, value)], [], [])
    if isinstance(value, list) and value:
        return RecordFile([_record(f"{rel}#{n}", item) for n, item in enumerate(value, start=1)], [], [])
    return RecordFile([], [Skip(rel, "no article records: neither an article object nor a list of them")], [])


def _indexed_rows(value: dict) -> list | None:
    """The rows of a table pandas saved with to_json(): a Series as {"0": ..., "1": ...} (a list of headlines
    under their numbers), a frame as {"title": {"0": ...}, "text": {"0": ...}} (one object a column); None for
    any other object."""
    if len(value) > 1 and all(key.isdigit() for key in value):
        return [value[key] for key in sorted(value, key=int)]
    columns = list(value.values())
    if (
        columns and all(isinstance(c, dict) and c and all(key.isdigit() for key in c) for c in columns)
        and any(comparable(name) in KNOWN_NAMES for name in value)
    ):
        index = sorted({key for column in columns for key in column}, key=int)
        return [{name: column.get(key) for name, column in value.items()} for key in index]
    return None


def _headline_addresses(value: dict) -> list | None:
    """{"Headline": "https://...", ...}, or such maps under their sections' names ({"Brasil": {...}, "Mundo":
    {...}}): a scraper's headlines keyed to their addresses, each a listed story, in the order of the file; None
    for any other object."""
    sections = list(value.values()) if all(isinstance(v, dict) for v in value.values()) else [value]
    stories = []
    for section in sections:  # a section may be empty ("Vídeos": {})
        if not all(
            isinstance(url, str) and WEB_ADDRESS.match(url) and len(headline.split()) >= HEADLINE_WORDS[0]
            for headline, url in section.items()
        ):
            return None
        stories += [{"title": headline, "url": url.strip()} for headline, url in section.items()]
    return stories if len(stories) > 1 else None


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


def with_dump_time(items: object, holder: dict) -> object:
    """Items under a dump's own time stamp ({"timestamp": ..., "articles": [...]}) carry it as SCRAPED_AT:
    tests/data/LABELS.md takes a scrape time for the date only when nothing better is given, and so does the reader."""
    if not isinstance(items, list) or items is holder:
        return items
    keys = keyed(holder)
    stamp = next((holder[keys[k]] for k in DUMP_TIME_NAMES if k in keys and isinstance(holder[keys[k]], str)), None)
    if stamp is None:
        return items
    return [{**item, SCRAPED_AT: stamp} if isinstance(item, dict) else item for item in items]


def _holds_items(value: dict, field: str) -> bool:
    """A list key named like a text ("teaser") that holds a list of objects: the items, not the text (a "content"
    list of blocks is a story's text)."""
    items = value[field]
    return field.casefold() in LIST_KEYS and isinstance(items, list) and bool(items) and all(isinstance(i, dict) for i in items)


def _article_list(holder: dict, depth: int = 0) -> object:
    """The list of articles an object holds under a known key, or its only list of objects, or either inside
    a container object (a feed, an API envelope, an answer's only object) up to four levels down; else the object."""
    for key in LIST_KEYS:
        if isinstance(holder.get(key), list):
            return _sections_read_through(holder[key])
    lists = [v for v in holder.values() if isinstance(v, list) and v and all(isinstance(i, dict) for i in v)]
    if len(lists) == 1:
        return _sections_read_through(lists[0])
    if len(lists) > 1 and _all_articles(lists):
        return [item for items in lists for item in items]  # {"china": [...], "global": [...]}: one after the other
    if depth < 4:
        # a known container, or the one object an answer wraps its list in, whatever its name
        # (a GraphQL answer: {"data": {"rssFetch": {"rssFetchData": {"items": [...]}}}})
        objects = [v for v in holder.values() if isinstance(v, dict)]
        inners = [holder[key] for key in CONTAINER_KEYS if isinstance(holder.get(key), dict)]
        for inner in inners + (objects if len(objects) == 1 else []):
            found = _article_list(inner, depth + 1)
            if found is not inner:
                return found
        # a digest of sections, each an object with its own list ({"china": {"count": 10, "articles": [...]}, ...})
        sections = [found for inner in objects if isinstance(found := _article_list(inner, depth + 1), list)]
        if len(sections) > 1 and _all_articles(sections):
            return [item for items in sections for item in items]
    return holder


def _sections_read_through(items: list) -> list:
    """[{"title": "Middle East", "items": [...]}, ...]: a list of sections, none with a text of its own and each
    with its own list of articles, is those articles one after the other (a dashboard's digest by region)."""
    if not items or not all(isinstance(item, dict) and body_field(item) is None for item in items):
        return items
    inner = [_article_list(item, depth=4) for item in items]  # the section's own list, not one further down
    if all(isinstance(found, list) for found in inner) and _all_articles(inner):
        return [article for found in inner for article in found]
    return items


def _all_articles(lists: list[list]) -> bool:
    """Every item of every list is an object with an article's text: lists an object holds side by side are
    read one after the other only then, not a record's lists of tags or images."""
    return all(isinstance(item, dict) and body_field(item) is not None for items in lists for item in items)


def read_records(
    records: Iterable[Record], rel: str, boilerplate: frozenset[str], *, knowledge: Knowledge | None = None
) -> ReadResult:
    """Read the given records of one file (all of them, or the ones that changed); as read_file does."""
    rules = reading_rules(knowledge)
    result = ReadResult()
    for record in records:
        read_record(record, rel, boilerplate, rules, result)
    return result


def read_values(values: list[object], rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    """Articles given as values another reader parsed (an XML export's items): rel's one, or rel#1, rel#2 ..."""
    ids = [rel] if len(values) == 1 else [f"{rel}#{n}" for n in range(1, len(values) + 1)]
    for id_, value in zip(ids, values):
        read_record(_record(id_, value), rel, boilerplate, rules, result)


def read_jsonl(text: str, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    _read_split(split_records(text, rel, "jsonl"), rel, boilerplate, rules, result)


def read_json(text: str, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    _read_split(split_records(text, rel, "json"), rel, boilerplate, rules, result)


def read_table(text: str, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    _read_split(split_records(text, rel, "table"), rel, boilerplate, rules, result)


def read_numbered(text: str, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    _read_split(split_records(text, rel, "numbered"), rel, boilerplate, rules, result)


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
    listed_headline = False
    if isinstance(value, str):  # a list of strings: each an article saved as JSON text, or a headline alone
        inner = embedded_object(value)
        listed_headline = inner is None and _headline_alone(value)
        value = inner or ({"title": value} if listed_headline else value)
    if not isinstance(value, dict):
        result.skipped.append(Skip(where, f"expected a JSON object, got {type(value).__name__}"))
        return
    value = with_nested_fields(value)
    body, from_page = clean_body(body_text(value) or "", rules)
    raw, date_field = header_fields(value, where, result.warnings, rules)
    given, date = given_fields({**from_page, **raw}, where, result.warnings)
    if date is not None and date_field:
        given["date_from"] = f"record field {date_field}"
    if date is not None and (in_url := date_in_url(given.get("url", ""))) and date - in_url > URL_DATE_LEAD:
        # a story cannot come out after the day its own address gives: a later "date" is when a list saved it
        date, given["date_from"] = in_url, f"URL path, earlier than the record's {date_field} field"
    if date is None:
        given.pop("date_from", None)
    body = _flat_page_story(body, given.get("title"))
    page = read_page(body, boilerplate, rules, given, masthead=False) if body else None
    scraped_at = scrape_time(value)
    if date is None and (page is None or page.date is None) and scraped_at is not None:
        # the day it was scraped, only when neither the record, its text (a dateline) nor its address dates it
        if not date_in_url(given.get("url", "")) and (date := parse_date(scraped_at)):
            given["date_from"] = "the dump's time stamp (when it was scraped)"
    if page is None:
        article = _text_as_it_is(body, where, rel, given, date, rules)
        if article is not None:
            result.articles.append(article)
            return
    no_text = NO_BODY if body else NO_TEXT
    add_listed_article(result, where, rel, page, given, date, rules, no_text=no_text, headline_enough=listed_headline)


FLAT_PAGE_WORDS = 150  # a text this long on one line is a whole page flattened, menus and all


# "© Copyright AFP 2023. All rights reserved.": where a flattened page's story ends and its footer begins
COPYRIGHT_NOTICE = re.compile(r"(?i)(?:©|\(c\)|copyright)\s.{0,80}?all rights reserved\.?")


def _flat_page_story(body: str, title: str | None) -> str:
    """A page a scraper flattened onto one line ("... Editions Australia Edition India Edition ... <headline> By
    ... <story> © Copyright AFP 2023. All rights reserved. MOST READ ..."): the site's menus before the story's
    own headline, in its first third, and its footer from a copyright notice in its last third are no part of it."""
    if not title or len(title) < 20 or "\n" in body.strip() or len(body.split()) < FLAT_PAGE_WORDS:
        return body
    at = body.find(title)
    if 0 < at <= len(body) // 3:
        body = body[at + len(title):].lstrip()
    notice = COPYRIGHT_NOTICE.search(body, len(body) * 2 // 3)
    return body[:notice.start()].rstrip() if notice else body


def _headline_alone(value: str) -> bool:
    """A string of a list that is a headline's length on one line; a longer one is some other text."""
    return "\n" not in value.strip() and 0 < len(value.split()) <= HEADLINE_WORDS[1]


URL_DATE_LEAD = datetime.timedelta(days=1)  # a time zone apart: the address's day and the field's may differ by one


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
        headline_given=True if given.get("title") else None,
    )


def record_texts(text: str, rel: str, kind: str, most: int | None = None) -> list[str]:
    """The plain body of every record with one, for learning the archive's page furniture; of at most
    `most` records spread evenly over the file, picked before their fields are read, which costs the most."""
    records = split_records(text, rel, kind).records
    if most is not None and len(records) > most:
        records = records[:: math.ceil(len(records) / most)]
    texts = []
    for record in records:
        try:
            value = json.loads(record.text)
        except json.JSONDecodeError:
            continue
        body = body_text(with_nested_fields(value)) if isinstance(value, dict) else None
        if body:
            texts.append(markup_text(body) if HTML_TAG.search(body) else unescape_entities(body))
    return texts
