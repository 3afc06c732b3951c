"""The JSON Schemas (2020-12, as OpenAPI 3.1 uses) of what the API answers, and example answers.

Built from the engine's own constants (facet names, sorts), so a new facet or sort
shows up here without an edit; tests/test_openapi.py checks every real answer
against these schemas with no undescribed key allowed, so the two cannot drift.
The schemas themselves stay open to new keys: the API only ever adds keys.
"""

from __future__ import annotations

from searchapp.engine import FACET_FIELDS, SORTS
from searchapp.engine.histogram import INTERVALS
from searchapp.web.exports import COLUMNS

TEXT = {"type": "string"}
TEXT_OR_NULL = {"type": ["string", "null"]}
DATE_OR_NULL = {"type": ["string", "null"], "format": "date", "description": "YYYY-MM-DD; null when the article has no date"}
NAMES = {"type": "array", "items": TEXT}
OFFICIAL_ROLES = {"type": "array", "items": {"$ref": "#/components/schemas/OfficialRole"},
                  "description": "each of officials, in order, with the role held on the article's date"}


def obj(description: str, properties: dict) -> dict:
    """An object schema whose every property is always sent."""
    return {"type": "object", "description": description, "required": list(properties), "properties": properties}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def schemas() -> dict:
    return {
        **answer_schemas(),
        "SearchResult": search_result(),
        **article_schemas(),
        **official_schemas(),
        **country_schemas(),
        "ExportRow": export_row(),
        "Description": {
            "type": "object",
            "description": "This OpenAPI 3.1 description.",
            "required": ["openapi", "info", "paths"],
            "properties": {"openapi": {"type": "string", "const": "3.1.0"}, "info": {"type": "object"}, "paths": {"type": "object"}},
            "additionalProperties": True,  # the rest of an OpenAPI document: servers, components, ...
        },
    }


def answer_schemas() -> dict:
    """An error, a facet value, a hit: the parts of the answers."""
    return {
        "Error": obj("Every error: a code for scripts and a message for people.", {
            "error": obj("What went wrong.", {
                "code": {"type": "string", "description": "bad_sort, bad_date, bad_query, not_found, unauthorized, no_index, ..."},
                "message": TEXT,
            }),
        }),
        "FacetValue": obj("One value of a facet and how many matches have it.", {
            "value": TEXT,
            "count": {"type": "integer", "minimum": 0, "description": "matches with this value, over every match"},
            "selected": {"type": "boolean", "description": "the value is among the search's filters (country= or country_any=)"},
        }),
        "FacetValues": obj("A facet's values that a prefix finds, within a search.", {
            "facet": {"type": "string", "enum": list(FACET_FIELDS)},
            "prefix": {"type": "string", "description": "the prefix, as read (spaces trimmed)"},
            "total": {"type": "integer", "minimum": 0, "description": "values the prefix finds, beyond the limit too"},
            "values": {"type": "array", "items": ref("FacetValue")},
        }),
        "Hit": obj("One matching article.", {
            "id": {"type": "string", "description": "the article id: its archive path, and '#' and a record key for one of many in a file"},
            "title": TEXT,
            "title_html": {"type": "string", "description": "the title HTML-escaped, the query's matches in <mark> "
                                                           "(a quoted phrase only whole), as the snippet"},
            "date": DATE_OR_NULL,
            "source": TEXT_OR_NULL,
            "url": {"type": "string", "description": "the article's page on this app"},
            "score": {"type": ["number", "null"], "description": "relevance; null when sorted by date"},
            "snippet": {"type": "string", "description": "HTML-escaped text whose only markup is <mark>"},
            "countries": NAMES,
            "officials": NAMES,
            "official_roles": OFFICIAL_ROLES,
            "topics": NAMES,
        }),
        "OfficialRole": obj("An official of the article with the role held on the article's date.", {
            "name": {"type": "string", "description": "as in officials; its page is /officials/<name>"},
            "role": {"type": ["string", "null"], "description": "the knowledge's roles held that day (joined by '; '), "
                     "'Former ...' the last one ended before it, else the title the article gave; null when none says"},
            "country": {"type": ["string", "null"], "description": "the official's country, from the knowledge"},
            "source": {"type": ["string", "null"], "enum": ["knowledge", "article", None],
                       "description": "where role came from: the knowledge's dated roles, or the article's own words"},
        }),
    }


def search_result() -> dict:
    return obj("One page of a search, with facet counts over every match.", {
        "query": TEXT,
        "total": {"type": "integer", "minimum": 0},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1},
        "pages": {"type": "integer", "minimum": 1},
        "sort": {"type": "string", "enum": list(SORTS)},
        "took_ms": {"type": "number"},
        "suggestion": {"type": ["string", "null"], "description": "a respelled query that finds more"},
        "undated_excluded": {"type": ["integer", "null"], "description": "undated matches that from/to left out; null without from/to"},
        "timed_out": {"type": "boolean", "description": "the search ran out of time: the rest is what it found in time"},
        "also_matched": {"type": "array", "description": "plain query words that name a country or official, also searched as its other names", "items": obj(
            "Words of the query and the other names they were searched as.", {
                "typed": {"type": "string", "description": "the words as typed"},
                "value": {"type": "string", "description": "the country, official or acronym they name"},
                "forms": NAMES,
            })},
        "histogram": {"type": "array", "description": "every match by period, first to last, empty periods too; undated ones apart",
                      "items": obj("One period and its matches.", {
                          "period": {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2})?$", "description": "2023 or 2023-04"},
                          "count": {"type": "integer", "minimum": 0},
                      })},
        "histogram_interval": {"type": "string", "enum": list(INTERVALS),
                               "description": "the interval asked for, else month when the matches span three years or less"},
        "undated": {"type": "integer", "minimum": 0, "description": "matches with no date (in no period)"},
        "hits": {"type": "array", "items": ref("Hit")},
        "facets": obj("Each facet's values, most frequent first.", {
            name: {"type": "array", "items": ref("FacetValue")} for name in FACET_FIELDS
        }),
    })


def article_schemas() -> dict:
    return {
        "Article": obj("One article whole, with its facets and the evidence for them.", {
            "id": TEXT,
            "title": TEXT,
            "date": DATE_OR_NULL,
            "date_from": {"type": ["string", "null"], "description": "where the date was found: dateline, front matter, ..."},
            "source": TEXT_OR_NULL,
            "url": {"type": "string", "description": "the article's page on this app"},
            "original_url": {"type": ["string", "null"], "description": "the original address, when the archive gave one"},
            "byline": TEXT_OR_NULL,
            "path": {"type": "string", "description": "the file in the archive folder"},
            "body": TEXT,
            "countries": NAMES,
            "officials": NAMES,
            "official_roles": OFFICIAL_ROLES,
            "topics": NAMES,
            "meetings": {"type": "array", "items": ref("Meeting"), "description": "who met whom, as the article reports it"},
            "evidence": {
                "type": "object",
                "description": "facet -> value -> the passages of title + blank line + body that gave it",
                "additionalProperties": {"type": "object", "additionalProperties": {"type": "array", "items": ref("Evidence")}},
            },
        }),
        "Meeting": obj("A meeting an article reports, with the sentence that says so.", meeting_properties()),
        "FoundMeeting": obj("A meeting and the article that reports it.", meeting_properties() | {
            "article_id": TEXT, "article_title": TEXT, "article_date": DATE_OR_NULL,
            "article_url": {"type": "string", "description": "the article's page on this app"},
        }),
        "MeetingList": obj("Meetings that include every official asked for, newest first (undated last).", {
            "officials": NAMES,
            "country": TEXT_OR_NULL,
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "meetings": {"type": "array", "items": ref("FoundMeeting")},
        }),
        "Evidence": obj("A passage, by character offsets into the title, a blank line and the body.", {
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
            "text": TEXT,
        }),
    }


def official_schemas() -> dict:
    """/api/officials/<name> and /api/officials."""
    counted = {"type": "array", "items": obj("A value and how many of the official's articles have it.", {
        "value": TEXT, "count": {"type": "integer", "minimum": 1}})}
    day = {"type": ["string", "null"], "format": "date"}
    return {
        "Official": obj("One official: the knowledge's record, and what the archive says of them.", {
            "name": TEXT,
            "url": {"type": "string", "description": "the official's page on this app"},
            "search_url": {"type": "string", "description": "/api/search filtered to the official"},
            "in_knowledge": {"type": "boolean", "description": "the knowledge files know the official (roles, aliases)"},
            "country": TEXT_OR_NULL,
            "aliases": NAMES,
            "roles": {"type": "array", "items": obj("A role from the knowledge, with its dates (null: open).", {
                "title": TEXT, "kind": TEXT, "from": day, "to": day})},
            "written_titles": {"type": "array", "items": TEXT,
                               "description": "titles the newest articles gave the official, for one the knowledge lacks"},
            "articles": {"type": "integer", "minimum": 0, "description": "articles that mention the official"},
            "first_mention": DATE_OR_NULL,
            "last_mention": DATE_OR_NULL,
            "histogram": {"type": "array", "description": "the articles by period, as in /api/search",
                          "items": obj("One period and its articles.", {
                              "period": {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2})?$"},
                              "count": {"type": "integer", "minimum": 0}})},
            "histogram_interval": {"type": "string", "enum": list(INTERVALS)},
            "undated": {"type": "integer", "minimum": 0, "description": "articles with no date"},
            "officials_alongside": counted,
            "countries_alongside": counted,
            "latest": {"type": "array", "description": "the newest articles, each with the official's role then",
                       "items": obj("A hit, and the official's role on the article's date.", {
                           **answer_schemas()["Hit"]["properties"], "role": TEXT_OR_NULL})},
            "meetings_total": {"type": "integer", "minimum": 0, "description": "meetings the articles report them in"},
            "meetings": {"type": "array", "items": ref("FoundMeeting"), "description": "the newest of them, as /api/meetings"},
            "meetings_url": {"type": "string", "description": "/api/meetings for the official: every one of them"},
        }),
        "OfficialList": obj("Officials of the archive with their article counts, most mentioned first.", {
            "prefix": TEXT,
            "total": {"type": "integer", "minimum": 0, "description": "officials that match the prefix"},
            "officials": {"type": "array", "items": obj("An official and their articles.", {
                "name": TEXT, "count": {"type": "integer", "minimum": 1}, "url": TEXT})},
        }),
    }


def country_schemas() -> dict:
    """/api/countries/<name>."""
    official = official_schemas()["Official"]["properties"]
    return {
        "Country": obj("One country: what the archive says of it.", {
            "name": {"type": "string", "description": "the knowledge's name, as the country facet stores it"},
            "url": {"type": "string", "description": "the country's page on this app"},
            "search_url": {"type": "string", "description": "/api/search filtered to the country"},
            "feed_url": {"type": "string", "description": "/feeds/search.atom filtered to the country: follow it"},
            **{key: official[key] for key in ("articles", "first_mention", "last_mention", "histogram",
                                              "histogram_interval", "undated")},
            "officials": official["officials_alongside"] | {"description": "officials most often in its articles"},
            "partners": {"type": "array", "description": "the countries most often in a country_pair with it",
                         "items": obj("The other country of a pair, the pair's value and its articles.", {
                             "country": TEXT, "pair": TEXT, "count": {"type": "integer", "minimum": 1},
                             "search_url": {"type": "string", "description": "/api/search filtered to the pair"}})},
            "latest": {"type": "array", "items": ref("Hit"), "description": "the newest articles"},
        }),
    }


def export_row() -> dict:
    """A row of /api/search.csv (these columns, in this order) and a line of /api/search.jsonl."""
    properties = {
        "id": TEXT,
        "title": TEXT,
        "date": DATE_OR_NULL,
        "source": TEXT_OR_NULL,
        "url": {"type": "string", "description": "the article's page on this app, absolute"},
        "original_url": {"type": ["string", "null"], "description": "the original address, when the archive gave one"},
        "score": {"type": ["number", "null"], "description": "relevance; null when sorted by date"},
        "countries": NAMES,
        "officials": NAMES,
        "topics": NAMES,
        "snippet": {"type": "string", "description": "plain text, no markup"},
    }
    return obj(
        "One match in an export. In CSV, a list is one cell with its values joined by '; ', and a cell that "
        "starts with =, +, -, @, a tab or a carriage return gets a leading ' so spreadsheets never run it.",
        properties,
    )


# --- example answers (illustrative: made-up articles) --------------------------------

HIT = {
    "id": "2016/07/seoul-thaad.txt",
    "title": "South Korea and US agree on THAAD deployment",
    "title_html": "South Korea and US agree on <mark>THAAD</mark> deployment",
    "date": "2016-07-08",
    "source": "Example Wire",
    "url": "/articles/2016/07/seoul-thaad.txt",
    "score": 7.214,
    "snippet": "… the <mark>THAAD</mark> battery will be deployed by the end of next year, the ministry said …",
    "countries": ["South Korea", "United States", "China"],
    "officials": ["Han Min-koo"],
    "official_roles": [{"name": "Han Min-koo", "role": "Minister of National Defense", "country": "South Korea",
                        "source": "knowledge"}],
    "topics": ["missiles", "security"],
}
SEARCH_RESULT = {
    "query": "THAAD", "total": 1, "page": 1, "per_page": 20, "pages": 1, "sort": "relevance", "took_ms": 3.1,
    "suggestion": None, "undated_excluded": None, "timed_out": False, "also_matched": [],
    "histogram": [{"period": "2016-07", "count": 1}], "histogram_interval": "month", "undated": 0, "hits": [HIT],
    "facets": {name: [] for name in FACET_FIELDS} | {
        "country": [{"value": "China", "count": 1, "selected": True},
                    {"value": "South Korea", "count": 1, "selected": False}],
    },
}
FACET_VALUES = {"facet": "official", "prefix": "ki", "total": 2, "values": [
    {"value": "Kim Jong Un", "count": 1, "selected": False},
    {"value": "Shigeru Kitamura", "count": 1, "selected": False},
]}
ARTICLE = {
    "id": HIT["id"], "title": HIT["title"], "date": HIT["date"], "date_from": "front matter", "source": HIT["source"],
    "url": HIT["url"], "original_url": "https://news.example.org/2016/07/08/thaad", "byline": None,
    "path": HIT["id"], "body": "SEOUL — South Korea and the United States agreed on Friday to deploy THAAD ...",
    "countries": ["South Korea", "United States"], "officials": [], "official_roles": [], "topics": ["missiles"],
    "evidence": {"country": {"South Korea": [{"start": 55, "end": 66, "text": "South Korea"}]}},
    "meetings": [],
}


def meeting_properties() -> dict:
    """A meeting's keys, in /api/articles/<id> and (with its article's) in /api/meetings."""
    return {
        "participants": {**NAMES, "description": "the officials who met, sorted; each has a page /officials/<name>"},
        "countries": {**NAMES, "description": "the participants' countries, as the knowledge has them"},
        "date": {"type": ["string", "null"], "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
                 "description": "as precise as the article: 2023, 2023-04 or 2023-04-03; null when unknown"},
        "place": {"type": ["string", "null"], "description": "as written, when stated"},
        "evidence": {"type": "string", "description": "the sentence that reports the meeting"},
        "start": {"type": "integer", "minimum": 0, "description": "the sentence's offsets into title, blank line, body"},
        "end": {"type": "integer", "minimum": 0},
    }


MEETINGS = {"officials": ["Wang Yi"], "country": None, "total": 1, "page": 1, "per_page": 20, "pages": 1, "meetings": [{
    "participants": ["John Kerry", "Wang Yi"], "countries": ["China", "United States"], "date": "2016-02-23",
    "place": "Washington", "evidence": "Wang Yi met John Kerry in Washington on Tuesday.", "start": 120, "end": 168,
    "article_id": "2016/02/wang-kerry.txt", "article_title": "Wang, Kerry in talks", "article_date": "2016-02-24",
    "article_url": "/articles/2016/02/wang-kerry.txt",
}]}
ROW = {key: value for key, value in HIT.items() if key not in ("official_roles", "title_html")} | {  # exports: names, text
    "url": "http://localhost:5000/articles/2016/07/seoul-thaad.txt", "original_url": ARTICLE["original_url"],
    "snippet": "… the THAAD battery will be deployed by the end of next year, the ministry said …",
}
OFFICIAL = {
    "name": "Han Min-koo", "url": "/officials/Han%20Min-koo", "search_url": "/api/search?official=Han+Min-koo",
    "in_knowledge": True, "country": "South Korea", "aliases": ["Han Min Koo", "한민구"],
    "roles": [{"title": "Minister of National Defense", "kind": "defence_minister", "from": "2014-06-30", "to": "2017-07-14"}],
    "written_titles": [], "articles": 1, "first_mention": "2016-07-08", "last_mention": "2016-07-08",
    "histogram": [{"period": "2016-07", "count": 1}], "histogram_interval": "month", "undated": 0,
    "officials_alongside": [], "countries_alongside": [{"value": "South Korea", "count": 1}, {"value": "United States", "count": 1}],
    "latest": [HIT | {"score": None, "role": "Minister of National Defense"}],
    "meetings_total": 0, "meetings": [], "meetings_url": "/api/meetings?official=Han+Min-koo",
}
COUNTRY = {
    "name": "South Korea", "url": "/countries/South%20Korea", "search_url": "/api/search?country=South+Korea",
    "feed_url": "/feeds/search.atom?country=South+Korea", "articles": 1, "first_mention": "2016-07-08",
    "last_mention": "2016-07-08", "histogram": [{"period": "2016-07", "count": 1}], "histogram_interval": "month",
    "undated": 0, "officials": [{"value": "Han Min-koo", "count": 1}],
    "partners": [{"country": "United States", "pair": "South Korea–United States", "count": 1,
                  "search_url": "/api/search?country_pair=South+Korea%E2%80%93United+States"}],
    "latest": [HIT | {"score": None}],
}
OFFICIALS = {"prefix": "han", "total": 1, "officials": [{"name": "Han Min-koo", "count": 1, "url": "/officials/Han%20Min-koo"}]}
CSV = (
    ",".join(COLUMNS) + "\r\n"
    + "2016/07/seoul-thaad.txt,South Korea and US agree on THAAD deployment,2016-07-08,Example Wire,"
    "http://localhost:5000/articles/2016/07/seoul-thaad.txt,https://news.example.org/2016/07/08/thaad,7.214,"
    "South Korea; United States; China,Han Min-koo,missiles; security,"
    "\"… the THAAD battery will be deployed by the end of next year, the ministry said …\"\r\n"
)
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>tag:localhost,2026:search?q=THAAD</id>
  <title>Newsroom search: “THAAD”</title>
  <updated>2016-07-08T00:00:00Z</updated>
  <link rel="self" type="application/atom+xml" href="http://localhost:5000/feeds/search.atom?q=THAAD"/>
  <author><name>Newsroom search</name></author>
  <entry>
    <id>tag:localhost,2026:article/2016/07/seoul-thaad.txt</id>
    <title>South Korea and US agree on THAAD deployment</title>
    <updated>2016-07-08T00:00:00Z</updated>
    <published>2016-07-08T00:00:00Z</published>
    <author><name>Example Wire</name></author>
    <category term="South Korea"/>
    <link rel="alternate" type="text/html" href="http://localhost:5000/articles/2016/07/seoul-thaad.txt"/>
    <summary type="text">… the THAAD battery will be deployed by the end of next year, the ministry said …</summary>
  </entry>
</feed>
"""
