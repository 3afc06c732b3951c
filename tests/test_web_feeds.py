"""Feeds for alerts (searchapp/web/feeds.py): any search as Atom, read back with feedparser as a feed reader would.

(tests/test_feeds.py is the archive's feed *reader*, searchapp/reading/feeds.py.)
"""

import datetime
import re
from urllib.parse import urlsplit

import feedparser
import pytest

from searchapp import create_app
from searchapp.engine import Hit, Marked
from searchapp.index import reindex
from searchapp.web import auth, feeds
from takeout_archive import write_archive


@pytest.fixture
def archive(tmp_path, knowledge):
    """80 synthetic articles (more than a feed holds), indexed in this test's own folder."""
    articles, index_dir = tmp_path / "articles", tmp_path / "index"
    write_archive(articles, 80)
    reindex(articles, index_dir, knowledge)
    return articles, index_dir


@pytest.fixture
def feed_client(archive):
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(archive[0]), "INDEX_DIR": str(archive[1])})
    yield app.test_client()
    if "search" in app.extensions:
        app.extensions["search"].close()


def parsed(client, query: str = ""):
    response = client.get("/feeds/search.atom" + ("?" + query if query else ""))
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.get_data())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def entry_ids(feed) -> list[str]:
    return [e.id for e in feed.entries]


def test_a_feed_is_the_latest_50_matches_newest_first(feed_client):
    feed = parsed(feed_client, "q=talks")
    newest = feed_client.get("/api/search?q=talks&sort=newest&per_page=50").get_json()
    assert newest["total"] > 50
    assert [e.title for e in feed.entries] == [h["title"] for h in newest["hits"]]
    dates = [e.published for e in feed.entries if "published" in e]
    assert dates == sorted(dates, reverse=True) and len(dates) == 50


def test_each_entry_has_title_dates_source_summary_and_a_link_to_the_article_page(feed_client):
    feed = parsed(feed_client, "q=sanctions&country=Japan")
    hits = feed_client.get("/api/search?q=sanctions&country=Japan&sort=newest&per_page=50").get_json()["hits"]
    assert len(feed.entries) == len(hits) > 0
    for entry, hit in zip(feed.entries, hits):
        assert entry.title == hit["title"]
        if hit["date"]:
            assert entry.published == entry.updated == f"{hit['date']}T00:00:00Z"
        assert entry.author == hit["source"]
        assert "<" not in entry.summary and entry.summary_detail.type == "text/plain" and entry.summary
        assert {t.term for t in entry.tags} == set(hit["countries"] + hit["topics"])
        link = urlsplit(entry.link)
        assert link.path == hit["url"]
        assert feed_client.get(link.path).status_code == 200  # the article page itself


def test_entry_ids_stay_the_same_across_a_full_reindex(feed_client, archive, knowledge):
    before = parsed(feed_client, "q=talks")
    reindex(*archive, knowledge, full=True)
    after = parsed(feed_client, "q=talks")
    assert entry_ids(after) == entry_ids(before) and after.feed.id == before.feed.id
    assert all(i.startswith("tag:localhost,2026:article/") for i in entry_ids(after))


def test_a_new_article_that_matches_appears_after_a_reindex(feed_client, archive, knowledge):
    articles, index_dir = archive
    before, everything_before = parsed(feed_client, "q=lighthouse"), parsed(feed_client)
    assert before.entries == [] and len(everything_before.entries) == 50
    (articles / "late").mkdir()
    (articles / "late" / "lighthouse.txt").write_text(
        "Title: Lighthouse talks open in Hanoi\nDate: 2025-06-01\nSource: Example Wire\n\n"
        "Vietnam and Japan opened lighthouse talks on Monday.\n", encoding="utf-8")
    reindex(articles, index_dir, knowledge)
    after = parsed(feed_client, "q=lighthouse")
    assert [e.id for e in after.entries] == ["tag:localhost,2026:article/late/lighthouse.txt"]
    assert after.feed.updated == "2025-06-01T00:00:00Z"
    everything = parsed(feed_client)
    assert everything.entries[0].title == "Lighthouse talks open in Hanoi"  # newest of all, first
    assert entry_ids(everything)[1:] == entry_ids(everything_before)[:49]  # the rest move down, ids kept


def test_the_same_search_is_the_same_feed(feed_client):
    ids = {parsed(feed_client, q).feed.id for q in (
        "q=talks&country=Japan&country=China", "country=china&q=  talks &country=JAPAN&sort=oldest&page=3&per_page=999")}
    assert len(ids) == 1
    assert parsed(feed_client, "q=talks&country=Japan").feed.id not in ids
    assert parsed(feed_client, "from=2015").feed.id == parsed(feed_client, "from=2015-01-01").feed.id



def test_any_of_and_none_of_filters_make_feeds_of_their_own(feed_client):
    """country=Japan, country_any=Japan and country_not=Japan are three searches: three feeds, titled apart."""
    feeds = [parsed(feed_client, q).feed for q in ("country=Japan", "country_any=Japan", "country_not=Japan")]
    assert len({f.id for f in feeds}) == 3
    assert len({f.title for f in feeds}) == 3
    assert "not Japan" in feeds[2].title

def test_the_feed_links_itself_and_its_search_page(feed_client):
    feed = parsed(feed_client, "q=talks&sort=oldest&country=Japan")
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"] == "http://localhost/feeds/search.atom?q=talks&country=Japan"
    assert links["alternate"] == "http://localhost/?q=talks&country=Japan"
    assert feed.feed.title == "Newsroom search: “talks” · country: Japan"


def test_a_feed_reader_polling_again_gets_304_until_something_changes(feed_client):
    first = feed_client.get("/feeds/search.atom?q=talks")
    again = feed_client.get("/feeds/search.atom?q=talks", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.get_data()


@pytest.mark.parametrize("query, code", [("from=someday", "bad_date"), ("year=21", "bad_year"), ("q=~~", "bad_query")])
def test_bad_parameters_are_400_in_the_api_error_shape(feed_client, query, code):
    response = feed_client.get(f"/feeds/search.atom?{query}")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == code


def test_text_xml_cannot_carry_is_left_out(app):
    """Titles and ids may hold control characters (a file name, a pasted title); the feed still parses."""
    hit = Hit("odd\x01name #1.txt", "Bell\x07 and tab\tin a title", datetime.date(2021, 4, 3), "Wire\x0b",
              None, Marked("snippet \x00 text"), ["China"], [], [])
    with app.test_request_context("/feeds/search.atom"):
        from searchapp.engine import SearchRequest

        feed = feedparser.parse(feeds.atom_feed(SearchRequest(q="bell"), [hit]))
    assert feed.bozo == 0
    entry = feed.entries[0]
    assert (entry.title, entry.author, entry.summary) == ("Bell and tab\tin a title", "Wire", "snippet  text")
    assert entry.id == "tag:localhost,2026:article/odd%01name%20%231.txt"


def test_an_undated_article_has_a_fixed_date_so_it_never_looks_new(app):
    hit = Hit("undated.txt", "No date", None, None, None, Marked("text"), [], [], [])
    with app.test_request_context("/feeds/search.atom"):
        from searchapp.engine import SearchRequest

        feed = feedparser.parse(feeds.atom_feed(SearchRequest(), [hit]))
    assert feed.entries[0].updated == "1970-01-01T00:00:00Z" and "published" not in feed.entries[0]


def test_a_token_opens_the_feed_when_access_control_is_on(seed_index):
    app = create_app({"TESTING": True, "INDEX_DIR": str(seed_index[1]), "SECRET_KEY": "test only",
                      "API_TOKENS": {"reader": auth.token_hash("feed-token")}})
    client = app.test_client()
    assert client.get("/feeds/search.atom?q=korea").status_code == 401
    response = client.get("/feeds/search.atom?q=korea", headers={"Authorization": "Bearer feed-token"})
    assert response.status_code == 200 and feedparser.parse(response.get_data()).entries
    app.extensions["search"].close()


def test_the_search_page_links_its_feed_and_offers_to_follow_it(client):
    page = client.get("/?q=korea&sort=oldest&page=2").get_data(as_text=True)
    assert ('<link rel="alternate" type="application/atom+xml" title="Alerts for this search (Atom)" '
            'href="/feeds/search.atom?q=korea">') in page
    follow = re.search(r'<a href="([^"]+)" type="application/atom\+xml"[^>]*>Follow this search</a>', page)
    assert follow and follow.group(1) == "/feeds/search.atom?q=korea"
    assert feedparser.parse(client.get(follow.group(1)).get_data()).entries
    assert "Follow this search" in client.get("/?q=zzzqqqx").get_data(as_text=True)  # alerts for what is not there yet
    assert "application/atom+xml" not in client.get("/?sort=sideways").get_data(as_text=True)
