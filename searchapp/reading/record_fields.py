"""Which field of a dump's record holds what: title, date, source, address, byline and text, under the
names the tools that write dumps give them (newspaper3k, news-please, NewsAPI, trafilatura, the Guardian's
and the New York Times' APIs, IPTC's ninjs and the wires' JSON, a site's own export), case, "_" and "-"
ignored; and, under a name of the dump's own, whatever reads as prose."""

from __future__ import annotations

import ast
import datetime
import functools
import json
import re

from searchapp.reading.dates import FOUR_DIGIT_YEAR
from searchapp.reading.lines import is_placeholder
from searchapp.reading.page_titles import suffix_names
from searchapp.reading.record_markup import clean_inline
from searchapp.reading.rules import ReadingRules
from searchapp.reading.sources import HOST_NAME, known_outlet, outlet_of_domain, same_outlet, sender_outlet

# Article field -> the names dumps give it, in order of trust ("published_at" is also "publishedAt").
# The Guardian's and the New York Times' search APIs: webTitle, webPublicationDate, webUrl; headline {main}, web_url.
FIELD_NAMES = {
    "title": ("title", "headline", "webTitle", "headlines", "header", "heading",  # a scraper's own names last
              "titulo", "título", "titular", "titre", "titel", "titolo"),  # Spanish, Portuguese, French, German, Italian
    "date": (
        "date", "datePublished", "published", "pubDate", "publish_date", "published_at", "date_publish",
        "date_published", "published_date", "publication_date", "webPublicationDate", "date_posted", "posted_at",
        "published_ts", "published_timestamp", "publish_time", "published_time", "publication_time", "pub_time",
        "published_datetime", "publish_datetime", "publication_datetime", "first_publish_date", "display_date",
        # IPTC's ninjs and dpa's digitalwires, which have no published date: when the item, or this version, was made
        "firstcreated", "content_created", "versioncreated",
        # the agencies' XML (newsml.py), by the element's name: NewsML 1.2, NewsML-G2, NITF
        "DateLineDate", "ThisRevisionCreated", "DateId", "DateIssue", "DatePublication",
        "datetime",  # a script's own record (a datetime saved as a field of that name)
        "fecha", "fecha_publicacion", "data_publicacao", "date_publication", "datum", "data_pubblicazione",
    ),
    # trafilatura's JSON: "source" is the page's address, "source-hostname" the site's name
    "source": (
        "source", "publisher", "site_name", "outlet", "publication", "source_name", "source_hostname", "site",
        "creditline", "copyrightholder",  # a wire item's credit (dpa's digitalwires, IPTC's ninjs)
        "fuente", "fonte", "medio", "quelle",
    ),
    "url": ("url", "link", "canonical_url", "permalink", "web_url", "website_url", "article_url", "href", "enlace", "lien"),
    "byline": ("byline", "author", "authors", "creator", "autor", "auteur", "autore"),  # kept beside the text, never read as it
}
# A record's bare "time" or "ts" (a collector's, or Hacker News' epoch seconds): its date when it has no other,
# and only when it holds a year or an epoch (a "time" of "10:30" is no day).
WEAK_DATE_NAMES = ("time", "ts")
BODY_NAMES = (
    "body", "text", "content", "article", "articleBody", "maintext", "article_text", "full_text", "bodyText",
    "content_elements",  # Arc XP's stories (The Washington Post's, The Boston Globe's): a list of blocks
    "body_html", "body_text",  # a newsroom system's item (Superdesk's NINJS: headline, body_html)
    "article_html",  # dpa's digitalwires
    "contenido", "conteudo", "contenu", "inhalt", "texto", "testo", "cuerpo", "corpo",  # scrapers' own languages
)
BLOCK_TEXT_KEYS = ("content", "text")  # a text block's own: {"type": "p", "content": "..."}; an image block has none
# A search-result or feed dump may hold only a summary: indexed as the text rather than losing the item.
# "short_description": the HuffPost "News Category Dataset" (headline, short_description, link, authors, date).
SUMMARY_NAMES = (
    "description", "summary", "snippet", "abstract", "excerpt", "teaser", "short_description", "lead_paragraph",
    "trailText", "shorttext",  # the tagesschau API's teaser text
    "desc",  # a dashboard's own short name for it
    "resumen", "resumo", "résumé", "chapo", "bajada", "entradilla", "sommario", "zusammenfassung",
)
# NewsAPI cuts its "content" short and says by how much: "... razed by a mob in Uttar Prade… [+3004 chars]"
CUT_OFF = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")
# A string under a name of the dump's own is its text when it reads as prose: this many words, two sentence ends.
PROSE_MIN_WORDS = 40
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]?(?:\s|$)")
SLUG = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$")  # "yahoo_finance": a collector's id for a feed, not an outlet's name
QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")  # a bracket after a source's name: its desk, address or initials
# Objects that hold a record's own fields: the Guardian API's {"fields": {"bodyText": ...}}, and an Elasticsearch
# or OpenSearch export's {"_index": ..., "_id": ..., "_source": {"title": ...}} (elasticdump writes one a line).
NESTED_FIELDS = ("fields", "_source")
# A mail API's message (Gmail's, a mailbox exported as JSON): "from": "The Daily Planet <news@planet.example>"
# sent it, and its "subject" is its title (elsewhere a "subject" may be a topic: Dublin Core's dc:subject).
SENDER_NAMES = ("from", "sender")
SUBJECT_NAMES = ("subject",)
DOMAIN_NAMES = ("source_domain", "domain", "hostname")  # a site's domain stands for its outlet when outlets.json knows it
# A dump's own time stamp, under one of these names beside its list of articles.
DUMP_TIME_NAMES = (
    "timestamp", "scrapedat", "fetchedat", "crawledat", "retrievedat", "generatedat", "asofdate", "date",
    "updated", "updatedat", "lastupdated",  # a dashboard's: when it was built
)
SCRAPED_AT = "_scraped_at"  # the dump's time stamp, given to each of its items
# An item's own record of when it was fetched (news-please's date_download, a crawler's first_seen): a scrape
# time, never a publication date, so it dates the item only as the dump's stamp does.
ITEM_SCRAPE_NAMES = ("scrapedat", "fetchedat", "crawledat", "retrievedat", "downloadedat", "datedownload", "firstseen")
KNOWN_NAMES = frozenset(  # every name above, as comparable writes it: none of them is a dump's own name for its text
    re.sub(r"[_\-\s]", "", name.casefold())
    for names in (
        *FIELD_NAMES.values(), BODY_NAMES, SUMMARY_NAMES, NESTED_FIELDS, DOMAIN_NAMES, DUMP_TIME_NAMES, ITEM_SCRAPE_NAMES,
        SENDER_NAMES, SUBJECT_NAMES, WEAK_DATE_NAMES,
    )
    for name in names
)
_TEXT_NAMES_SHOWN = ("body", "text", "content", "article", "description", "summary")  # the rest would drown the message
NO_TEXT = (
    f"no article text (none of the fields {', '.join(_TEXT_NAMES_SHOWN)} or the "
    f"{len(set(BODY_NAMES + SUMMARY_NAMES) - set(_TEXT_NAMES_SHOWN))} other names dumps give a story's text)"
)
# Where an object holds a field's text: WordPress's {"rendered": ...}, JSON-LD's {"name": ...}, XML's "#text",
# the New York Times' {"main": ...} headline and {"original": "By ..."} byline, a feed item turned into JSON by
# feedparser ("source": {"href": ..., "title": "Reuters"}) or an Atom entry by xmltodict ("link": {"@href": ...}).
TEXT_KEYS = (
    "rendered", "name", "value", "text", "#text", "main", "original", "title", "href", "@href",
    "headline", "basic",  # a site's {"headlines": {"headline": ...}}, Arc XP's {"headlines": {"basic": ...}}
)
URL_LIKE = re.compile(r"\s*(?:https?://|www\.)", re.I)  # an author field holding a profile address, not a name
# A feed's own address ("http://feeds.bbci.co.uk/news/rss.xml", ".../feed/"): an item's address only when it has no other
FEED_ADDRESS = re.compile(r"(?i)^\s*https?://(?:feeds?|rss)\.|\.(?:xml|rss|atom)\s*(?:[?#]|$)|/(?:feed|rss|atom)/?\s*(?:[?#]|$)")


def scrape_time(record: dict) -> str | None:
    """When the item was fetched: its own field for it, else the dump's stamp it was given."""
    keys = keyed(record)
    own = (record[keys[name]] for name in ITEM_SCRAPE_NAMES if name in keys)
    return next((value for value in own if isinstance(value, str) and value.strip()), None) or (
        record[SCRAPED_AT] if isinstance(record.get(SCRAPED_AT), str) else None
    )


def with_nested_fields(record: dict) -> dict:
    """The record with the fields it keeps in an object of their own beside its own, its own first; the object
    itself goes ("_source" would otherwise be read as the source).

    Besides the known holders, a record with no headline of its own takes one from an object of any name
    that holds both a headline and a text: a timeline's event keeps its story as {"text": {"headline": ...,
    "text": ...}} beside its dates and media. A feed item's {"source": {"title": "Reuters"}} has no text.
    A record with no text field at all may hold its article as one field's text (embedded_object).
    """
    for key in NESTED_FIELDS:
        if isinstance(record.get(key), dict):
            record = {**record[key], **{k: v for k, v in record.items() if k != key}}
    keys = keyed(record)
    if _first_key(keys, BODY_NAMES + SUMMARY_NAMES) is None:
        for key, value in record.items():
            if isinstance(value, str) and (inner := embedded_object(value)) is not None and body_field(inner) is not None:
                return with_nested_fields({**inner, **{k: v for k, v in record.items() if k != key}})
    if _first_key(keys, FIELD_NAMES["title"]) is None:
        for key, value in record.items():
            if isinstance(value, dict) and _first_key(keyed(value), FIELD_NAMES["title"]) and body_field(value) is not None:
                return {**value, **{k: v for k, v in record.items() if k != key}}
    return record


def _epoch_as_text(value: object) -> object:
    """A time stamp in seconds or milliseconds since 1970 (an API's 1696183200 or 1696183200000) as its UTC
    time in ISO form; any other value as it is. Only ten or thirteen digits: 2001 to 2286, nothing smaller."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return value
    digits = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if not (digits.isascii() and digits.isdigit() and len(digits) in (10, 13)):
        return value
    seconds = int(digits) / (1000 if len(digits) == 13 else 1)
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).isoformat()


def _without_qualifier(source: str) -> str:
    """"Federal Reserve (FOMC/Press)", "Deutsche Welle (www.dw.com)": the outlet without the desk or address
    a dump adds in brackets."""
    return QUALIFIER.sub("", source) or source


def embedded_object(value: str) -> dict | None:
    """An article saved as the text of one field: {"doc": "{'title': ..., 'content': ...}"}, a script's
    str(dict) or JSON."""
    text = value.strip()
    if not (text.startswith("{") and text.endswith("}")):
        return None
    try:
        found = json.loads(text)
    except ValueError:
        found = python_literal(text)
    return found if isinstance(found, dict) else None


# datetime.datetime(2021, 1, 1, 0, 16, 53, tzinfo=datetime.timezone.utc), datetime.date(2021, 1, 1) in a repr
DATETIME_CALL = re.compile(
    r"datetime\.(?:datetime|date)\((\d{4}),\s*(\d{1,2}),\s*(\d{1,2})((?:,\s*\d+){0,4})"
    r"(?:,\s*tzinfo=[\w.]+(?:\([^()]*\))?)?\)"
)


def python_literal(text: str) -> object | None:
    """A value a script saved as Python's repr (str(dict): single quotes, None, datetime.datetime(...)), read by
    ast.literal_eval, which evaluates literals only; a date or time in it becomes its ISO text."""
    def iso(match: re.Match) -> str:
        year, month, day = (int(g) for g in match.groups()[:3])
        clock = [int(n) for n in re.findall(r"\d+", match[4])][:3]
        stamp = f"{year:04d}-{month:02d}-{day:02d}" + ("T" + ":".join(f"{n:02d}" for n in clock) if clock else "")
        return repr(stamp)

    try:
        return ast.literal_eval(DATETIME_CALL.sub(iso, text))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def _first_key(keys: dict[str, str], names: tuple[str, ...]) -> str | None:
    """The record's own key for the first of names it has (keys: keyed(record))."""
    return next((keys[found] for found in map(comparable, names) if found in keys), None)


def keyed(record: dict) -> dict[str, str]:
    """Comparable key -> the record's own key: "pubDate", "pub_date" and "PubDate" are one name, and a name
    that says its time zone ("published_datetime_utc", "date_gmt") is also the name without it."""
    keys = {re.sub(r"[_\-\s]", "", key.casefold()): key for key in record if isinstance(key, str)}
    for name, key in list(keys.items()):
        if name.endswith(("utc", "gmt")) and len(name) > 3:
            keys.setdefault(name[:-3], key)
    return keys


def body_field(record: dict) -> str | None:
    return _first_key(keyed(record), BODY_NAMES + SUMMARY_NAMES)


@functools.lru_cache(maxsize=4096)  # mostly the constant names above, asked for once a record
def comparable(name: str) -> str:
    return re.sub(r"[_\-\s]", "", name.casefold())


def body_text(record: dict) -> str | None:
    """The first body field with text, else prose under a name of the dump's own or the first summary, the
    longer of the two; a list of paragraphs is joined."""
    keys = keyed(record)
    body, summary = _named_text(record, keys, BODY_NAMES), _named_text(record, keys, SUMMARY_NAMES)
    if body is not None and (cut := _cut_off(body)):
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


def _cut_off(body: str) -> re.Match | None:
    """NewsAPI's "[+1234 chars]" at the text's end. Looked for only where the text ends so: the pattern,
    tried at every space of a long body, was a tenth of a wire dump's reading time."""
    return CUT_OFF.search(body) if body.rstrip().endswith(" chars]") else None


def _named_text(record: dict, keys: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(keys.get(comparable(name), ""))
        if isinstance(value, list) and all(isinstance(p, str) for p in value):
            value = "\n\n".join(value)
        elif isinstance(value, list) and value and all(isinstance(p, dict) for p in value):
            value = blocks_text(value)
        value = _text_of(value)
        if isinstance(value, str) and value.strip():
            return value
    return None


def blocks_text(blocks: list[dict]) -> str | None:
    """A text given as a list of blocks, a paragraph a block ({"type": "p", "content": "..."}), as a content API
    gives it; blocks without text of their own (images, embeds) are left out."""
    texts = (_block_text(block) for block in blocks)
    return "\n\n".join(text for text in texts if text.strip()) or None


def _block_text(block: dict) -> str:
    own = next((block[k] for k in BLOCK_TEXT_KEYS if isinstance(block.get(k), str)), None)
    if own is not None:
        return own
    runs = block.get("content")
    if isinstance(runs, list) and all(isinstance(run, dict) for run in runs):
        # a rich-text editor's paragraph (ProseMirror, Tiptap, Statamic's Bard): its runs of text, links and all
        return "".join(run["text"] if isinstance(run.get("text"), str) else _block_text(run) for run in runs)
    return ""


def _prose_field(record: dict) -> str | None:
    """The longest run of sentences under a name no field above has ("raw_text", "story_text", "texto"), or a list
    of paragraphs ("body_paragraphs"): scrapers name the text as they like, and an article lost for its field's
    name is lost from every search."""
    found = [
        text for key, value in _nested_items(record)
        if isinstance(key, str) and comparable(key) not in KNOWN_NAMES and (text := _paragraphs_text(value)) is not None
        and _is_prose(text)
    ]
    return max(found, key=len, default=None)


NESTED_PROSE_DEPTH = 3  # objects within objects a scraper's record may keep its text in


def _nested_items(record: dict, depth: int = NESTED_PROSE_DEPTH):
    """The record's fields, and those of the objects it nests ({"article": {"body": {"paragraphs": [...]}}}, a
    homemade scraper's), down to depth levels."""
    for key, value in record.items():
        yield key, value
        if isinstance(value, dict) and depth > 0:
            yield from _nested_items(value, depth - 1)


def _paragraphs_text(value: object) -> str | None:
    """A string, or a list of strings joined as paragraphs; None for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(p, str) for p in value):
        return "\n\n".join(value)
    return None


def _is_prose(value: str) -> bool:
    """Sentences, not an identifier, an address or a list of tags: enough words and at least two sentence ends."""
    return (
        len(value.split()) >= PROSE_MIN_WORDS
        and len(SENTENCE_END.findall(value)) >= 2
        and not URL_LIKE.match(value)
    )


def header_fields(
    record: dict, where: str, warnings: list[str], rules: ReadingRules
) -> tuple[dict[str, str], str | None]:
    """Title, date, source and url as text (entities and tags gone), and the name the date was filed under."""
    keys = keyed(record)
    fields: dict[str, str] = {}
    date_field = None
    for field, names in FIELD_NAMES.items():
        for key in dict.fromkeys(keys[c] for c in map(comparable, names) if c in keys):
            value = _text_of(record[key])
            if field == "date":
                value = _epoch_as_text(value)
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                if field == "byline":
                    value = ", ".join(v.strip() for v in value if v.strip())  # ["Jane Doe", "Kim Min-ji"]
                else:  # a feed turned into JSON gives each element as a list: "link": ["https://...", ""]
                    value = next((v for v in value if v.strip()), "")
            if value is None or value == "" or (field == "byline" and isinstance(value, str) and URL_LIKE.match(value)):
                continue  # NewsAPI's author is at times a profile address, not a name
            if not isinstance(value, str):
                warnings.append(f"{where}: {key} {value!r} is not text; ignored")
                continue
            if is_placeholder(value):
                continue  # "source": "Unknown", "author": "N/A": the scraper had no value to give
            if field == "url" and FEED_ADDRESS.search(value):
                fields.setdefault("feed_url", value.strip())  # a feed dump's "url" of the feed, beside the item's "link"
                continue
            if field == "source" and URL_LIKE.match(value) and not HOST_NAME.fullmatch(value.strip()):
                # trafilatura files the page's address as "source"; a host alone ("www.gov.uk") names the site
                fields.setdefault("source_url", value.strip())
                continue
            if field == "source" and SLUG.match(value.strip()):
                value = known_outlet(value.replace("_", " "), rules) or ""  # "reuters_markets_via_gnews": a feed's id
                if not value:
                    continue
            fields[field] = clean_inline(value) if field != "source" else _without_qualifier(clean_inline(value))
            date_field = key if field == "date" else date_field
            break
    if "url" not in fields and (named := _address_named_so(record)):
        fields["url"] = named  # "Link on the Article": a homemade scraper's own name for the story's address
    if "date" not in fields and (weak := _weak_date(record, keys)):
        date_field, fields["date"] = weak
    for address in (fields.pop("source_url", None), fields.pop("feed_url", None)):
        if address:
            fields.setdefault("url", address)
    byline = fields.get("byline", "")
    wire = known_outlet(byline, rules) or (byline if suffix_names(fields.get("title", ""), byline) else None)
    if wire and not same_outlet(wire, fields.get("source", ""), rules):
        # NewsAPI's "author": "Reuters" on a CNBC item: the agency's story, republished; an author the title's suffix
        # repeats ("... - Mumbai Mirror" by "Mumbai Mirror" under The Times of India) is the outlet that wrote it
        fields["wire"] = wire
    for field, value in _message_fields(record, keys, rules).items():
        fields.setdefault(field, value)
    if "source" not in fields:
        domains = [record[keys[c]] for c in map(comparable, DOMAIN_NAMES) if c in keys]
        domain = next((d.strip().lower().removeprefix("www.") for d in domains if isinstance(d, str)), None)
        if domain and (outlet := outlet_of_domain(domain, rules)):
            fields["source"] = outlet
    return {k: v for k, v in fields.items() if v}, date_field


def _address_named_so(record: dict) -> str | None:
    """The one web address a record files under a key that says link or URL, none of a picture, a feed or a
    profile: the story's, under a name no list can hold ("Link on the Article", "articleLink"), or in an object
    of its own ({"title": {"text": ..., "link": ...}})."""
    found = {
        value.strip() for key, value in _nested_items(record)
        if isinstance(value, str) and URL_LIKE.match(value) and len(value.split()) == 1
        and ADDRESS_KEY.search(comparable(str(key))) and not OTHER_ADDRESS_KEY.search(comparable(str(key)))
    }
    return found.pop() if len(found) == 1 else None


ADDRESS_KEY = re.compile(r"link|url|href")
OTHER_ADDRESS_KEY = re.compile(r"image|img|photo|picture|thumb|video|media|icon|logo|feed|rss|author|profile|avatar|comment")


def _weak_date(record: dict, keys: dict[str, str]) -> tuple[str, str] | None:
    """(the field's name, its value) of a bare "time" or "ts" that holds a year or an epoch, else None."""
    weak = ((keys[c], _epoch_as_text(record[keys[c]])) for c in map(comparable, WEAK_DATE_NAMES) if c in keys)
    return next(((k, v) for k, v in weak if isinstance(v, str) and FOUR_DIGIT_YEAR.search(v)), None)


def _message_fields(record: dict, keys: dict[str, str], rules: ReadingRules) -> dict[str, str]:
    """A mail API's message: its subject as the title and its sender as the source; {} for any other record
    (a sender is a "from" holding an address)."""
    senders = [record[keys[c]] for c in map(comparable, SENDER_NAMES) if c in keys]
    sent_by = next((v for v in senders if isinstance(v, str) and "@" in v), None)
    if sent_by is None:
        return {}
    found = {}
    subject = next((record[keys[c]] for c in map(comparable, SUBJECT_NAMES) if c in keys), None)
    if isinstance(subject, str) and subject.strip():
        found["title"] = clean_inline(subject)
    known, named = sender_outlet(sent_by, rules)
    if known or named:
        found["source"] = known or named  # the sender as named, when it is no outlet the knowledge knows
    return found


def _text_of(value: object) -> object:
    """A value given as an object ({"rendered": ...}, {"@type": "Organization", "name": ...}) or a list of
    them: the object's text; any other value as it is."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        value = value[0]
    if isinstance(value, dict):
        return next((value[key] for key in TEXT_KEYS if isinstance(value.get(key), str)), value)
    return value
