"""Feed entries and dump records that carry a headline and a link but no text of their own.

A journalist still wants to find such an item by its headline: it is indexed with an empty body and a
warning that says why, while an item with neither text nor a place to read it stays a skip.
"""

import datetime
import json

from searchapp.reading import Article, Skip, read_file

PIXEL = '&lt;img src="https://feeds.example.net/~r/world/~4/aB3dE" height="1" width="1" alt=""/&gt;'
FEED = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
<channel>
  <title>Harbour Light News - World</title>
  <link>https://harbourlight.example/world</link>
  <item>
    <title>Coastguards of two neighbours hold first joint patrol</title>
    <link>https://feeds.example.net/~r/world/~3/aB3dE/story.html</link>
    <pubDate>Tue, 31 Dec 2019 08:15:00 GMT</pubDate>
    <description>{PIXEL}</description>
    <feedburner:origLink>https://harbourlight.example/2019/12/31/world/joint-patrol/index.html</feedburner:origLink>
  </item>
  <item>
    <title>Ministers agree on a hotline</title>
    <link>https://harbourlight.example/2019/12/30/world/hotline/index.html</link>
    <pubDate>Mon, 30 Dec 2019 10:00:00 GMT</pubDate>
    <description>The two defence ministers agreed on Monday to open a hotline between their navies.{PIXEL}</description>
  </item>
  <item><title>A headline and nothing else</title><description>{PIXEL}</description></item>
</channel>
</rss>"""


def test_a_feed_entry_whose_description_is_only_a_tracking_image_is_found_by_its_headline(tmp_path):
    (tmp_path / "world.xml").write_text(FEED, encoding="utf-8")
    result = read_file(tmp_path / "world.xml", tmp_path)
    first, second = result.articles
    assert first == Article(
        id="world.xml#1",
        path="world.xml",
        title="Coastguards of two neighbours hold first joint patrol",
        body="",
        date=datetime.date(2019, 12, 31),
        source="Harbour Light News",  # the channel's title without its section's name, as for any entry of this feed
        url="https://harbourlight.example/2019/12/31/world/joint-patrol/index.html",  # FeedBurner's original, not its redirect
        date_from="feed entry published",
    )
    assert second.body == "The two defence ministers agreed on Monday to open a hotline between their navies."
    assert result.warnings == [
        "world.xml#1: feed entry has no text (no content, summary or description); indexed by its headline and link alone"
    ]
    assert result.skipped == [Skip("world.xml#3", "feed entry has no text (no content, summary or description)")]


def test_a_record_with_a_headline_and_link_but_no_text_is_found_by_its_headline(tmp_path):
    records = [
        {"title": "Envoys to meet in Geneva", "url": "https://harbourlight.example/2024/03/05/envoys", "description": None,
         "publishedAt": "2024-03-05T08:00:00Z"},
        {"title": "Envoys to meet in Geneva", "description": None},  # nowhere to read it: not an article
        {"title": "Envoys met", "url": "https://harbourlight.example/2024/03/06/met", "content": "<img src='x.gif'>"},
    ]
    (tmp_path / "search.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = read_file(tmp_path / "search.jsonl", tmp_path)
    assert [(a.id, a.title, a.body, a.date) for a in result.articles] == [
        ("search.jsonl#1", "Envoys to meet in Geneva", "", datetime.date(2024, 3, 5)),
        ("search.jsonl#3", "Envoys met", "", datetime.date(2024, 3, 6)),  # from its address
    ]
    assert [s.path for s in result.skipped] == ["search.jsonl#2"]
    assert result.skipped[0].reason.startswith("no article text (none of the fields")
    assert [w.split(":")[0] for w in result.warnings] == ["search.jsonl#1", "search.jsonl#3"]
    assert all(w.endswith("indexed by its headline and link alone") for w in result.warnings)


def test_a_dataset_of_dated_headlines_is_an_article_a_headline(tmp_path):
    """A collector's headlines ("heading", an epoch in milliseconds, the agency's id) with no text and no link: the
    date says when, so each headline is found by its words, not skipped."""
    records = [
        {"date_time": 1593513601000, "place": "Beijing", "source": "xinhua", "heading": "Egyptian new PM completes cabinet line-up"},
        {"source": "xinhua", "heading": "Senior official rules out military intervention"},  # no date, no link: skipped
    ]
    (tmp_path / "headlines.json").write_text(json.dumps(records), encoding="utf-8")
    result = read_file(tmp_path / "headlines.json", tmp_path)
    assert [(a.title, a.body, a.date, a.source) for a in result.articles] == [
        ("Egyptian new PM completes cabinet line-up", "", datetime.date(2020, 6, 30), "Xinhua")
    ]
    assert [s.path for s in result.skipped] == ["headlines.json#2"]
    assert result.warnings[0].endswith("indexed by its headline alone")


def test_headlines_keyed_to_their_addresses_are_stories_in_the_files_order(tmp_path):
    """A scraper's {"Headline": "https://..."} map, or such maps under their sections' names (the shape of the
    BBC News Brasil and Reuters dumps news getters write): each headline a story, numbered across sections."""
    sections = {
        "Brasil": {"Como rodovia que liga Amazônia ao resto do país divide o governo Lula":
                   "https://www.bbc.com/portuguese/articles/clkk12xnmj2o"},
        "Vídeos": {},
        "Internacional": {
            "O que se sabe sobre o submarino nuclear russo que chegou a Cuba": "https://www.bbc.com/portuguese/articles/c844xvm",
            "Netanyahu fica na 'corda bamba' entre pressões opostas dos EUA": "https://www.bbc.com/portuguese/articles/c0ww",
        },
    }
    (tmp_path / "bbc.json").write_text(json.dumps(sections, ensure_ascii=False), encoding="utf-8")
    articles = read_file(tmp_path / "bbc.json", tmp_path).articles
    assert [(a.id, a.source) for a in articles] == [("bbc.json#1", "BBC News Brasil"), ("bbc.json#2", "BBC News Brasil"),
                                                   ("bbc.json#3", "BBC News Brasil")]
    assert articles[1].title == "O que se sabe sobre o submarino nuclear russo que chegou a Cuba"
    flat = {"EU plans tight car CO2 limits under green finance rules":
            "https://www.reuters.com/article/us-europe-finance-autos/eu-plans-tight-car-co2-limits-idUSKBN2801JS",
            "ECB must incorporate climate change into policy approach: Villeroy":
            "https://www.reuters.com/article/us-ecb-policy-climate/ecb-must-incorporate-idUSKBN2802AB"}
    (tmp_path / "reuters.json").write_text(json.dumps(flat), encoding="utf-8")
    assert [(a.title, a.source) for a in read_file(tmp_path / "reuters.json", tmp_path).articles] == [
        (title, "Reuters") for title in flat]
    # an object of a story's own links is no list of headlines
    (tmp_path / "one.json").write_text(json.dumps({"url": "https://www.reuters.com/a", "image": "https://x.example/i.jpg"}))
    assert read_file(tmp_path / "one.json", tmp_path).articles == []


def test_a_feeds_headlines_listed_in_their_cdata_wrappers(tmp_path):
    """{"titles": ["<![CDATA[...]]>", ...]}: a script kept a feed's titles as the feed wrote them."""
    titles = {"titles": ["BBC News", "<![CDATA[Syria leader vows to protect Druze after sectarian violence prompts "
                                      "Israeli strikes]]>", "<![CDATA[Busiest UK airports raise drop off charges, says RAC]]>"]}
    (tmp_path / "bbc.json").write_text(json.dumps(titles), encoding="utf-8")
    articles = read_file(tmp_path / "bbc.json", tmp_path).articles
    assert [(a.id, a.title) for a in articles][1:] == [
        ("bbc.json#2", "Syria leader vows to protect Druze after sectarian violence prompts Israeli strikes"),
        ("bbc.json#3", "Busiest UK airports raise drop off charges, says RAC"),
    ]
