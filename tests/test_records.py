"""Articles kept as JSON records: the field names real dumps use, .json shapes, HTML in values,
bad lines, and NUL bytes that damage some lines of a .jsonl without costing the rest."""

import datetime
import json
from pathlib import Path

import pytest

from searchapp.reading import Skip, read_file
from searchapp.reading.records import split_records

BODY = (
    "South Korea and Japan agreed on Monday to resume regular talks between their foreign ministers, "
    "officials in Seoul said after a meeting that lasted more than two hours.\n\n"
    "The two governments also discussed export controls and the North's missile launches."
)
FIRST = BODY.split("\n\n")[0]


def write(folder: Path, name: str, content) -> Path:
    path = folder / name
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    path.write_bytes(data)
    return path


def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def read_one(folder: Path, name: str, content):
    result = read_file(write(folder, name, content), folder)
    assert result.skipped == [] and len(result.articles) == 1, result
    return result.articles[0]


# --- field names -------------------------------------------------------------------

URL = "https://k.example/a"
TITLE = "Seoul and Tokyo resume talks"
DUMPS = {  # the shape of a record as each kind of tool writes it
    "plain": {"title": TITLE, "date": "2023-05-08", "source": "Korea Wire", "url": URL, "body": BODY},
    "newspaper3k": {
        "title": TITLE, "publish_date": "2023-05-08 09:30:00", "text": BODY, "url": URL, "source": "Korea Wire",
    },
    "news-please": {
        "title": TITLE, "date_publish": "2023-05-08 09:30:00", "maintext": BODY, "url": URL,
        "source_domain": "www.reuters.com",
    },
    "newsapi": {
        "source": {"id": None, "name": "Korea Wire"}, "title": TITLE, "publishedAt": "2023-05-08T00:30:00Z",
        "content": BODY, "url": URL,
    },
    "json-ld": {
        "@type": "NewsArticle", "headline": TITLE, "datePublished": "2023-05-08T09:30:00+09:00", "articleBody": BODY,
        "publisher": {"@type": "Organization", "name": "Korea Wire"},
    },
    "scraper": {
        "headline": TITLE, "pubDate": "Mon, 08 May 2023 09:30:00 +0900", "article_text": BODY,
        "site_name": "Korea Wire", "link": URL,
    },
    "cms": {"Title": TITLE, "published_at": "2023-05-08", "article": BODY, "outlet": "Korea Wire", "canonical_url": URL},
    "feed-like": {"title": TITLE, "published": "May 8, 2023", "content": BODY.split("\n\n"), "publisher": "Korea Wire"},
}
DATE_FIELD = {
    "plain": "date", "newspaper3k": "publish_date", "news-please": "date_publish", "newsapi": "publishedAt",
    "json-ld": "datePublished", "scraper": "pubDate", "cms": "published_at", "feed-like": "published",
}


@pytest.mark.parametrize("dump", sorted(DUMPS))
def test_each_dump_shape_gives_title_date_source_and_body(tmp_path, dump):
    article = read_one(tmp_path, "dump.jsonl", jsonl(DUMPS[dump]))
    assert article.id == "dump.jsonl#1"
    assert article.title == TITLE
    assert article.date == datetime.date(2023, 5, 8)
    assert article.date_from == f"record field {DATE_FIELD[dump]}"
    assert article.source == ("Reuters" if dump == "news-please" else "Korea Wire")  # a domain through outlets.json
    assert article.body == BODY
    assert article.url == (None if dump in ("json-ld", "feed-like") else URL)


def test_a_category_dataset_line_is_read_from_its_short_description(tmp_path):
    """The public "News Category Dataset" shape: headline, short_description, link, authors, category, date.
    Its only text is the short description; the link's domain names the outlet, the authors are the byline."""
    line = {
        "category": "WORLD NEWS", "headline": "Envoys from Seoul and Tokyo agree to meet again",
        "authors": "Jane Roe, Kim Min-ji", "link": "https://www.huffingtonpost.com/entry/envoys-meet_us_5b0a",
        "short_description": "The two envoys said they would meet again before the summer.", "date": "2018-05-26",
    }
    article = read_one(tmp_path, "news_category.jsonl", jsonl(line))
    assert (article.title, article.body, article.date, article.date_from) == (
        line["headline"], line["short_description"], datetime.date(2018, 5, 26), "record field date"
    )
    assert (article.source, article.url, article.byline) == ("HuffPost", line["link"], "Jane Roe, Kim Min-ji")


@pytest.mark.parametrize(
    ("author", "byline"),
    [(["Jane Roe", "Kim Min-ji"], "Jane Roe, Kim Min-ji"), ("https://www.facebook.com/jane.roe", None)],
)
def test_the_authors_are_one_byline_and_never_the_text(tmp_path, author, byline):
    """A list of names is joined; an author given as a profile address (NewsAPI has them) is no byline."""
    record = {**DUMPS["plain"], "authors": author}
    article = read_one(tmp_path, "a.jsonl", jsonl(record))
    assert (article.byline, article.body) == (byline, BODY)


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("Harbour ferry strike ends after two days - Northshore Evening Post", "Harbour ferry strike ends after two days"),
        ("Harbour ferry strike ends | Local news | The Northshore Evening Post", "Harbour ferry strike ends"),  # a section too
        ("Ferry strike - day two - Northshore Evening Post", "Ferry strike - day two"),  # only the last part is the site's
        ("Harbour ferry strike ends - as it happened", "Harbour ferry strike ends - as it happened"),  # not the site's name
        # an edition's words after the site's name ("- The Associated Press - en Español")
        ("Harbour ferry strike ends - Northshore Evening Post - en Español", "Harbour ferry strike ends"),
        ("Harbour ferry strike ends - day two - in pictures", "Harbour ferry strike ends - day two - in pictures"),
    ],
)
def test_a_title_suffix_naming_the_records_own_source_comes_off(tmp_path, title, headline):
    """NewsAPI files "Headline - Site Name" with the site under source.name: the suffix is the site's, not the headline's,
    whether or not outlets.json knows the site."""
    record = {"source": {"id": None, "name": "Northshore Evening Post"}, "title": title, "content": BODY, "url": URL}
    article = read_one(tmp_path, "newsapi.json", json.dumps({"status": "ok", "articles": [record]}))
    assert (article.title, article.source) == (headline, "Northshore Evening Post")


def test_a_source_name_with_a_dash_of_its_own_comes_off_whole(tmp_path):
    """Google News' feeds file "Headline - HESPRESS English - Morocco News" under the source "HESPRESS English - Morocco
    News": the whole name is the suffix, not only its last part."""
    record = {"source": "Northshore Post - Harbour News", "title": "Ferry strike ends - Northshore Post - Harbour News",
              "content": BODY, "url": URL}
    article = read_one(tmp_path, "items.json", json.dumps([record]))
    assert article.title == "Ferry strike ends"


def test_a_title_suffix_naming_an_edition_of_the_records_source_comes_off(tmp_path):
    """NewsAPI: source.name "POLITICO.eu" (a known outlet's address), title "... - POLITICO Europe" (its edition)."""
    record = {"source": {"id": None, "name": "POLITICO.eu"}, "title": "France drops its invitation - POLITICO Europe",
              "content": BODY, "url": "https://www.politico.eu/article/france-drops-invitation/"}
    article = read_one(tmp_path, "newsapi.json", json.dumps({"status": "ok", "articles": [record]}))
    assert (article.title, article.source) == ("France drops its invitation", "Politico")


def test_a_wordpress_export_with_rendered_title_and_html_content(tmp_path):
    post = {
        "id": 881, "date": "2023-05-08T09:30:00", "link": URL, "title": {"rendered": "Seoul &#038; Tokyo resume talks"},
        "content": {"rendered": "<p>" + BODY.replace("\n\n", "</p>\n<p>") + "</p>\n", "protected": False},
    }
    article = read_one(tmp_path, "posts.json", json.dumps([post]))
    assert (article.id, article.title, article.url) == ("posts.json#1", "Seoul & Tokyo resume talks", URL)
    assert (article.date, article.date_from) == (datetime.date(2023, 5, 8), "record field date")
    assert article.body.split("\n\n") == BODY.split("\n\n")


def test_a_record_without_a_date_has_none_and_says_nothing_of_where(tmp_path):
    article = read_one(tmp_path, "a.jsonl", jsonl({"title": "Talks resume", "body": BODY}))
    assert (article.date, article.date_from) == (None, None)


def test_unreadable_and_non_text_values_are_ignored_with_a_warning(tmp_path):
    content = jsonl({"title": 7, "pubDate": 20230508, "body": BODY}, {"title": "Talks", "date": "not a date", "body": BODY})
    result = read_file(write(tmp_path, "a.jsonl", content), tmp_path)
    assert [a.date for a in result.articles] == [None, None]
    assert result.warnings == [
        "a.jsonl#1: title 7 is not text; ignored",
        "a.jsonl#1: pubDate 20230508 is not text; ignored",
        "a.jsonl#2: date 'not a date' is not a plausible date; ignored",
    ]


# --- .json shapes -------------------------------------------------------------------

RECORD = {"title": "Seoul and Tokyo resume talks", "date": "2023-05-08", "body": BODY}


def test_a_json_file_of_one_article_has_the_file_as_its_id(tmp_path):
    article = read_one(tmp_path, "one.json", json.dumps(RECORD, indent=2))
    assert (article.id, article.title, article.date) == ("one.json", RECORD["title"], datetime.date(2023, 5, 8))


def test_a_timelines_events_keep_their_story_in_an_object_of_its_own(tmp_path):
    """An event's headline and text sit in {"text": {...}} beside its date and media; its own fields still win."""
    event = {
        "media": {"url": "img/launch.jpg", "caption": "The launch, as the agency showed it", "credit": "Agency"},
        "start_date": {"year": "2017", "month": "07", "day": "04"},
        "link": "https://harbourtimes.example/2017/07/04/launch.html",
        "text": {"headline": "Launch confirmed by both capitals", "text": BODY},
    }
    timeline = {"title": {"text": {"headline": "The launches", "text": ""}}, "events": [event, {**event, "headline": "Own"}]}
    first, second = read_file(write(tmp_path, "timeline.json", json.dumps(timeline)), tmp_path).articles
    assert (first.title, first.body.split("\n")[0]) == ("Launch confirmed by both capitals", BODY.split("\n")[0])
    assert first.date == datetime.date(2017, 7, 4)
    assert second.title == "Own"


def test_a_feed_items_source_object_is_not_taken_for_its_story(tmp_path):
    record = {"summary": BODY, "source": {"href": "https://wire.example", "title": "Harbour Wire"}}
    article = read_one(tmp_path, "a.jsonl", jsonl(record))
    assert article.title != "Harbour Wire" and article.source == "Harbour Wire"


@pytest.mark.parametrize("key", ["articles", "items", "data", "results", "stories"])
def test_a_json_file_holding_a_list_under_a_key(tmp_path, key):
    second = {**RECORD, "title": "Second story"}
    content = json.dumps({"status": "ok", "totalResults": 2, key: [RECORD, second]})
    result = read_file(write(tmp_path, "list.json", content), tmp_path)
    assert [(a.id, a.title) for a in result.articles] == [("list.json#1", RECORD["title"]), ("list.json#2", "Second story")]


def test_a_json_list_numbers_its_items_and_skips_the_bad_ones_by_place(tmp_path):
    content = json.dumps([RECORD, ["not", "an", "object"], {"title": "No text"}, {**RECORD, "title": "Third"}])
    result = read_file(write(tmp_path, "list.json", content), tmp_path)
    assert [a.id for a in result.articles] == ["list.json#1", "list.json#4"]
    assert [s.path for s in result.skipped] == ["list.json#2", "list.json#3"]
    assert result.skipped[0].reason == "expected a JSON object, got list"
    assert result.skipped[1].reason.startswith("no article text")


def test_json_lines_saved_as_json_are_read_line_by_line(tmp_path):
    result = read_file(write(tmp_path, "dump.json", jsonl(RECORD, {**RECORD, "title": "Second"})), tmp_path)
    assert [a.id for a in result.articles] == ["dump.json#1", "dump.json#2"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"title": "cut off', "not valid JSON"),
        ('{"name": "my-package", "version": "1.0.0"}', "no article text"),
        ("[]", "no article records"),
    ],
)
def test_a_json_file_that_holds_no_article_is_skipped_with_its_reason(tmp_path, content, reason):
    result = read_file(write(tmp_path, "x.json", content), tmp_path)
    assert result.articles == [] and len(result.skipped) == 1
    assert result.skipped[0].path == "x.json" and result.skipped[0].reason.startswith(reason)


@pytest.mark.parametrize(
    "filed, source",
    [
        ("New York Times", "The New York Times"),  # a known outlet without the article its own name has
        ("the  washington post", "The Washington Post"),
        ("NYT", "The New York Times"),  # another of its names: one outlet is one value of the source facet
        ("New York Times Magazine", "New York Times Magazine"),
        ("Harbour Times", "Harbour Times"),  # no outlet the knowledge has
    ],
)
def test_a_known_outlet_filed_without_its_leading_the_takes_its_own_name(tmp_path, filed, source):
    assert read_one(tmp_path, "a.jsonl", jsonl({"title": "Talks resume", "source": filed, "body": BODY})).source == source


# --- HTML in values ------------------------------------------------------------------


def test_entities_in_titles_and_sources_are_decoded(tmp_path):
    title = "Seoul &amp; Tokyo: &#8220;talks&#8221; resume &amp;amp; more"
    record = {"title": title, "publisher": "Kim &amp; Lee Wire", "body": BODY}
    article = read_one(tmp_path, "a.jsonl", jsonl(record))
    assert article.title == "Seoul & Tokyo: “talks” resume & more"
    assert article.source == "Kim & Lee Wire"


def test_markup_in_a_title_is_dropped(tmp_path):
    article = read_one(tmp_path, "a.jsonl", jsonl({"title": "<b>Seoul</b> and <i>Tokyo</i> resume talks", "body": BODY}))
    assert article.title == "Seoul and Tokyo resume talks"


@pytest.mark.parametrize(
    "body",
    [
        "".join(f"<p>{p}</p>\n" for p in BODY.split("\n\n")),
        '<div class="story"><p>' + BODY.replace("\n\n", "</p><p>") + "</p></div>",
        "&lt;p&gt;" + BODY.replace("\n\n", "&lt;/p&gt;&lt;p&gt;") + "&lt;/p&gt;",  # escaped once more
        "<html><head><title>x</title></head><body><article><p>" + BODY.replace("\n\n", "</p><p>") + "</p></article></body></html>",
    ],
)
def test_an_html_body_comes_out_as_clean_paragraphs(tmp_path, body):
    article = read_one(tmp_path, "a.jsonl", jsonl({"title": "Talks resume", "body": body}))
    assert "<" not in article.body and "&lt;" not in article.body and "&amp;" not in article.body
    assert FIRST in article.body and "missile launches" in article.body


def test_a_stray_tag_and_entities_in_a_text_body_are_cleaned(tmp_path):
    body = BODY.replace("Seoul said", "Seoul said<br>") + "\n\nAT&amp;T and R&D were not named."
    article = read_one(tmp_path, "a.jsonl", jsonl({"title": "Talks resume", "body": body}))
    assert "<br>" not in article.body and "AT&T and R&D were not named." in article.body


# --- bad lines --------------------------------------------------------------------------


def test_bad_lines_are_skipped_by_line_number_and_blank_lines_keep_the_count(tmp_path):
    content = jsonl(RECORD, "", '{"title": "broken', '["a", "list"]', {"title": "No text"}, {**RECORD, "title": "Six"})
    result = read_file(write(tmp_path, "w.jsonl", content), tmp_path)
    assert [a.id for a in result.articles] == ["w.jsonl#1", "w.jsonl#6"]
    assert [s.path for s in result.skipped] == ["w.jsonl#3", "w.jsonl#4", "w.jsonl#5"]
    assert result.skipped[0].reason.startswith("not valid JSON")


def test_a_line_separator_inside_a_string_does_not_split_the_record(tmp_path):
    record = {"title": "Talks resume", "body": BODY.replace("Monday", "Monday\u2028(local time)")}
    result = read_file(write(tmp_path, "w.jsonl", jsonl(record, RECORD)), tmp_path)
    assert [a.id for a in result.articles] == ["w.jsonl#1", "w.jsonl#2"] and result.skipped == []


def test_a_headline_only_record_is_still_an_article(tmp_path):
    """A wire flash is all headline; a dump's record with text is an article, never emptied away."""
    records = [{"body": "BRAZIL BANK STRIKE CONTINUES, STOCK MARKET CLOSED"},
               {"body": "NASDAQ COMP 10:01\nCOMP   437.04   OFF 0.74"}]
    result = read_file(write(tmp_path, "flash.jsonl", jsonl(*records)), tmp_path)
    assert result.skipped == []
    assert [(a.title, a.body) for a in result.articles] == [
        ("BRAZIL BANK STRIKE CONTINUES, STOCK MARKET CLOSED", "BRAZIL BANK STRIKE CONTINUES, STOCK MARKET CLOSED"),
        ("NASDAQ COMP 10:01", "COMP 437.04 OFF 0.74"),
    ]


# --- NUL and control bytes -----------------------------------------------------------------


def good_lines(n: int) -> list[str]:
    return [json.dumps({**RECORD, "title": f"Story {i}"}) for i in range(1, n + 1)]


@pytest.mark.parametrize(
    "damage",
    [
        lambda line: line[:40] + "\x00\x00\x00" + line[40:],  # NUL bytes inside a string
        lambda line: "\x00" * 300,  # a block of zeros from a crash mid-write
        lambda line: line[:40] + "\x07" + line[40:],  # a control byte
    ],
)
def test_nul_bytes_in_a_jsonl_cost_only_the_damaged_lines(tmp_path, damage):
    lines = good_lines(5)
    lines[1] = damage(lines[1])
    result = read_file(write(tmp_path, "w.jsonl", "\n".join(lines) + "\n"), tmp_path)
    assert [a.id for a in result.articles] == ["w.jsonl#1", "w.jsonl#3", "w.jsonl#4", "w.jsonl#5"]
    assert [s.path for s in result.skipped] == ["w.jsonl#2"]


def test_a_damaged_first_line_costs_only_that_line(tmp_path):
    lines = ["\x00" * 50 + lines for lines in good_lines(1)] + good_lines(3)[1:]
    result = read_file(write(tmp_path, "w.jsonl", "\n".join(lines)), tmp_path)
    assert [a.id for a in result.articles] == ["w.jsonl#2", "w.jsonl#3"]
    assert [s.path for s in result.skipped] == ["w.jsonl#1"]


@pytest.mark.parametrize("name", ["data.jsonl", "notes.txt"])
def test_a_binary_file_is_still_refused_whole(tmp_path, name):
    result = read_file(write(tmp_path, name, b"\x00\x01\x02PNG\x00" * 50), tmp_path)
    assert result.articles == [] and result.skipped == [Skip(name, "binary file (contains NUL bytes), not text")]


# --- records for the indexer ----------------------------------------------------------------


def test_records_have_ids_and_digests_that_follow_their_own_text():
    before = split_records(jsonl(RECORD, {**RECORD, "title": "Two"}), "w.jsonl", "jsonl").records
    after = split_records(jsonl(RECORD, {**RECORD, "title": "Two, changed"}, RECORD), "w.jsonl", "jsonl").records
    assert [r.id for r in after] == ["w.jsonl#1", "w.jsonl#2", "w.jsonl#3"]
    assert after[0].digest == before[0].digest and after[1].digest != before[1].digest
    assert after[2].digest == after[0].digest  # the same text on another line: the id tells them apart


def test_a_dump_with_only_a_summary_is_indexed_from_it(tmp_path):
    """Search-result and feed dumps often carry a snippet, not the text: the item is kept, not lost."""
    items = {"articles": [{
        "title": "Seoul and Tokyo agree to talks",
        "url": "https://www.reuters.com/world/asia-pacific/seoul-tokyo-2024-03-05/",
        "snippet": "South Korea and Japan agreed on Tuesday to resume talks on export controls, officials said.",
        "publishedAt": "2024-03-05T08:00:00Z",
    }]}
    path = tmp_path / "search.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    (article,) = read_file(path, tmp_path).articles
    assert (article.id, article.title, article.date, article.source, article.body) == (
        "search.json#1",
        "Seoul and Tokyo agree to talks",
        datetime.date(2024, 3, 5),
        "Reuters",
        "South Korea and Japan agreed on Tuesday to resume talks on export controls, officials said.",
    )


@pytest.mark.parametrize("stamp", ["timestamp", "updated", "lastUpdated"])
def test_items_of_a_dump_without_dates_take_its_time_stamp_as_labels_do(tmp_path, stamp):
    """tests/data/LABELS.md: a scrape time stamp counts only when nothing better is given; an item's own date wins.
    A dashboard says when it was "updated"."""
    dump = {stamp: "2026-02-27T19:53:24", "articles": [
        {"title": "Talks end in Geneva", "snippet": "Ukrainian and Russian envoys ended a round of talks in Geneva."},
        {"title": "Envoys meet again", "snippet": "The envoys met again in Abu Dhabi.", "date": "2026-03-02"},
    ]}
    path = tmp_path / "news.json"
    path.write_text(json.dumps(dump), encoding="utf-8")
    found = [(a.id, a.date, a.date_from) for a in read_file(path, tmp_path).articles]
    assert found == [
        ("news.json#1", datetime.date(2026, 2, 27), "the dump's time stamp (when it was scraped)"),
        ("news.json#2", datetime.date(2026, 3, 2), "record field date"),
    ]


@pytest.mark.parametrize("shape", [
    lambda items: {"@version": "2.0", "channel": {"title": "World - Harbor Times", "description": "All the news", "item": items}},
    lambda items: {"rss": {"channel": {"title": "World", "item": items}}},
    lambda items: {"feed": {"title": "World", "entry": items}},
    lambda items: {"status": "ok", "response": {"total": 2, "docs": items}},
])
def test_a_feed_or_api_answer_turned_into_json_gives_its_items(tmp_path, shape):
    items = [
        {"title": "Ministers meet in Lima", "description": "The ministers met on Tuesday to talk trade.",
         "link": "https://harbortimes.example/lima", "pubDate": "Tue, 28 Jan 2020 16:02:03 GMT"},
        {"title": "Talks resume", "description": "Talks resumed on Wednesday in Geneva.",
         "link": "https://harbortimes.example/geneva", "pubDate": "Wed, 29 Jan 2020 10:00:00 GMT"},
    ]
    path = tmp_path / "world.json"
    path.write_text(json.dumps(shape(items)), encoding="utf-8")
    result = read_file(path, tmp_path)
    assert result.skipped == []
    assert [(a.id, a.title, a.date) for a in result.articles] == [
        ("world.json#1", "Ministers meet in Lima", datetime.date(2020, 1, 28)),
        ("world.json#2", "Talks resume", datetime.date(2020, 1, 29)),
    ]
    assert result.articles[1].body == "Talks resumed on Wednesday in Geneva."
