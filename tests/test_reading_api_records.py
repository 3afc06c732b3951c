"""Records as two newspapers' search APIs give them, saved as they came: the New York Times' (headline
{main}, pub_date, web_url, byline {original}, lead_paragraph) and the Guardian's (webTitle,
webPublicationDate, webUrl, the text and byline in a "fields" object).
"""

import datetime
import json

from searchapp.reading import Article, read_file

LEAD = "The foreign ministers of the two neighbours agreed on Monday to reopen a hotline between their navies."


def read(tmp_path, name, value):
    (tmp_path / name).write_text(json.dumps(value), encoding="utf-8")
    return read_file(tmp_path / name, tmp_path)


def test_a_times_search_answer_gives_each_doc_as_an_article(tmp_path):
    answer = {"status": "OK", "response": {"docs": [{
        "abstract": "The ministers agreed to reopen a naval hotline.",
        "web_url": "https://www.nytimes.com/2019/01/07/world/asia/hotline.html",
        "lead_paragraph": LEAD,
        "source": "The New York Times",
        "headline": {"main": "Neighbours Reopen a Naval Hotline", "kicker": None, "print_headline": "Hotline Reopened"},
        "pub_date": "2019-01-07T05:00:00+0000",
        "byline": {"original": "By Jane Roe", "person": [{"firstname": "Jane", "lastname": "Roe"}]},
    }]}}
    result = read(tmp_path, "nyt.json", answer)
    assert result.articles == [Article(
        id="nyt.json#1", path="nyt.json", title="Neighbours Reopen a Naval Hotline",
        body="The ministers agreed to reopen a naval hotline.", date=datetime.date(2019, 1, 7),
        source="The New York Times", url="https://www.nytimes.com/2019/01/07/world/asia/hotline.html",
        byline="By Jane Roe", date_from="record field pub_date",
    )]


def test_a_guardian_search_answer_reads_the_text_in_its_fields_object(tmp_path):
    answer = {"response": {"status": "ok", "results": [{
        "id": "world/2019/jan/07/hotline", "type": "article", "sectionName": "World news",
        "webPublicationDate": "2019-01-07T18:30:00Z", "webTitle": "Neighbours reopen naval hotline",
        "webUrl": "https://www.theguardian.com/world/2019/jan/07/hotline",
        "fields": {"trailText": "A hotline is back.", "bodyText": LEAD + " Officials welcomed the step.", "byline": "Jane Roe"},
    }]}}
    (article,) = read(tmp_path, "guardian.json", answer).articles
    assert (article.title, article.date, article.url, article.byline, article.body) == (
        "Neighbours reopen naval hotline", datetime.date(2019, 1, 7),
        "https://www.theguardian.com/world/2019/jan/07/hotline", "Jane Roe", LEAD + " Officials welcomed the step.",
    )
    assert article.source == "The Guardian"  # the address's domain


def test_feed_entries_turned_into_json_name_their_source_and_link_in_objects(tmp_path):
    item = {
        "title": "Neighbours reopen naval hotline",
        "link": {"@rel": "alternate", "@href": "https://harbourlight.example/2019/01/07/hotline"},  # Atom by xmltodict
        "source": {"href": "https://www.reuters.com", "title": "Reuters"},
        "published": "Mon, 07 Jan 2019 18:30:00 GMT",
        "summary": LEAD,
    }
    (article,) = read(tmp_path, "items.json", [item]).articles
    assert (article.source, article.url, article.date) == (
        "Reuters", "https://harbourlight.example/2019/01/07/hotline", datetime.date(2019, 1, 7),
    )


def test_a_search_engines_export_reads_each_hits_source(tmp_path):
    doc = {"title": "Neighbours reopen naval hotline", "body": LEAD, "published_at": "2019-01-07",
           "source": "Harbour Light"}
    answer = {"took": 3, "hits": {"total": {"value": 1}, "hits": [{"_index": "news", "_id": "a1", "_source": doc}]}}
    (article,) = read(tmp_path, "search.json", answer).articles
    assert (article.id, article.title, article.body, article.date, article.source) == (
        "search.json#1", "Neighbours reopen naval hotline", LEAD, datetime.date(2019, 1, 7), "Harbour Light",
    )
    (tmp_path / "dump.jsonl").write_text(json.dumps({"_index": "news", "_id": "a1", "_source": doc}) + "\n")
    (line,) = read_file(tmp_path / "dump.jsonl", tmp_path).articles  # elasticdump: one hit a line
    assert (line.title, line.body) == ("Neighbours reopen naval hotline", LEAD)


def test_trafilaturas_json_output_names_the_site_and_files_the_address_as_source(tmp_path):
    saved = {
        "title": "Neighbours reopen naval hotline", "author": "Jane Roe", "hostname": "harbourlight.example",
        "date": "2019-01-07", "source": "https://harbourlight.example/2019/01/07/hotline",
        "source-hostname": "Harbour Light", "text": LEAD, "excerpt": "A hotline is back.",
    }
    (article,) = read(tmp_path, "page.json", saved).articles
    assert (article.source, article.url, article.date) == (
        "Harbour Light", "https://harbourlight.example/2019/01/07/hotline", datetime.date(2019, 1, 7),
    )


def test_a_dashboards_digest_of_sections_reads_each_sections_items_in_order(tmp_path):
    """{"bullets": [...], "categories": [{"title": "Middle East", "items": [{"title", "desc"}, ...]}, ...]}: the sections
    hold no text of their own; their items are the articles, numbered across the file in its order."""
    digest = {"updated": "2026/06/06 10:31", "bullets": ["Ceasefire holds", "Talks stall"], "categories": [
        {"icon": "*", "title": "Middle East", "items": [{"title": "Ceasefire holds in the south", "desc": LEAD}]},
        {"icon": "*", "title": "Asia", "items": [
            {"title": "Hotline reopened", "desc": LEAD}, {"title": "Talks stall", "desc": LEAD.replace("Monday", "Friday")},
        ]},
    ]}
    result = read(tmp_path, "geopolitics.json", digest)
    assert [(a.id, a.title, a.body) for a in result.articles] == [
        ("geopolitics.json#1", "Ceasefire holds in the south", LEAD),
        ("geopolitics.json#2", "Hotline reopened", LEAD),
        ("geopolitics.json#3", "Talks stall", LEAD.replace("Monday", "Friday")),
    ]
