"""An article whose outlet nothing but its own address names: the source is the address's host, so the
source facet shows the site rather than nothing. Hosts that are no outlet (an aggregator's, an archive's,
a code host's, the names kept for examples) still give none, and a known outlet keeps its own name."""

import json

import pytest

from searchapp.reading import read_file

TEXT = ("Fishing crews returned to the northern port on Saturday after the coastguards of the two neighbours "
        "agreed to share patrols of the disputed waters, ending a season of tense encounters at sea.")


def read_record(tmp_path, url):
    record = {"title": "Fishing crews return to the northern port", "date": "2024-05-03", "url": url, "text": TEXT}
    (tmp_path / "story.json").write_text(json.dumps(record), encoding="utf-8")
    (article,) = read_file(tmp_path / "story.json", tmp_path).articles
    return article


@pytest.mark.parametrize(
    "url, source",
    [
        ("https://www.lakeside-gazette.co.uk/news/2024/fishing-crews", "lakeside-gazette.co.uk"),
        ("https://infocom.am/en/article/2024/05/03/fishing", "infocom.am"),
        ("https://m.harbournotes.net/fishing-crews", "harbournotes.net"),
        ("https://news.harbournotes.net/fishing-crews", "news.harbournotes.net"),
        # known outlets keep the name outlets.json gives them
        ("https://www.reuters.com/world/fishing-crews-2024-05-03/", "Reuters"),
        ("https://kyivindependent.com/fishing-crews/", "The Kyiv Independent"),  # by the name it uses for itself
        ("https://www.itv.com/news/2024-05-03/fishing-crews", "ITV News"),
        ("https://muslimnews.co.uk/news/middle-east/fishing-crews", "The Muslim News"),
        # a language service the BBC keeps under its own folder is that service, not BBC News
        ("https://www.bbc.com/portuguese/articles/c844xvm7k1lo", "BBC News Brasil"),
        ("https://www.bbc.co.uk/mundo/noticias-internacional-44290000", "BBC Mundo"),
        ("https://www.bbc.com/news/world-europe-68000000", "BBC News"),
        # hosts that serve other sites' pages name no outlet
        ("https://news.google.com/articles/CBMiZmh0dHBz", None),
        ("https://web.archive.org/web/2024/https://example.net/fishing", None),
        ("https://raw.githubusercontent.com/someone/news/main/fishing.json", None),
        ("https://youtu.be/-jfxo51j7lw?si=GU9xjGBgOK6iQI89", None),  # a video the story links to
        ("https://www.youtube.com/watch?v=-jfxo51j7lw", None),
        ("https://example.org/fishing-crews", None),
        ("http://localhost:8000/fishing-crews", None),
        ("http://192.168.1.20/fishing-crews", None),
        ("https://harbour.test/fishing-crews", None),
    ],
)
def test_the_source_by_the_articles_own_address(tmp_path, url, source):
    assert read_record(tmp_path, url).source == source


def test_a_named_outlet_comes_before_its_address(tmp_path):
    record = {"title": "Fishing crews return", "url": "https://infocom.am/en/fishing", "source": "Infocom",
              "text": TEXT}
    (tmp_path / "story.json").write_text(json.dumps(record), encoding="utf-8")
    assert read_file(tmp_path / "story.json", tmp_path).articles[0].source == "Infocom"


def test_a_feed_dumps_url_of_the_feed_gives_way_to_the_items_link(tmp_path):
    # a feed dumped to JSON: "url" is the feed's own address, "link" the story's
    record = {"url": "http://feeds.harbournotes.net/news/rss.xml", "link": "https://www.harbournotes.net/news/fishing-1",
              "title": "Fishing crews return", "date_published": "2022-10-19 14:49:00+00:00", "description": TEXT}
    (tmp_path / "feed.json").write_text(json.dumps([record, {**record, "link": ""}]), encoding="utf-8")
    item, unlinked = read_file(tmp_path / "feed.json", tmp_path).articles
    assert (item.url, item.source) == ("https://www.harbournotes.net/news/fishing-1", "harbournotes.net")
    assert (unlinked.url, unlinked.source) == ("http://feeds.harbournotes.net/news/rss.xml", "harbournotes.net")
    # the BBC's feeds live at bbci.co.uk
    bbc = {"url": "http://feeds.bbci.co.uk/news/rss.xml", "title": "Fishing crews return", "description": TEXT}
    (tmp_path / "bbc.json").write_text(json.dumps(bbc), encoding="utf-8")
    assert read_file(tmp_path / "bbc.json", tmp_path).articles[0].source == "BBC News"


def test_an_address_urlsplit_refuses_loses_neither_the_article_nor_its_other_fields(tmp_path):
    # "http://[broken": urlsplit raises ValueError; the file was skipped whole for it
    broken = "http://[broken/fishing-crews"
    record = read_record(tmp_path, broken)
    assert (record.title, record.source, record.url) == ("Fishing crews return to the northern port", None, broken)
    post = f"---\ntitle: Fishing crews return\nimage: {broken}.jpg\nsource: Reuters\n---\n{TEXT}\n"
    (tmp_path / "post.md").write_text(post, encoding="utf-8")
    assert read_file(tmp_path / "post.md", tmp_path).articles[0].source == "Reuters"
    page = (f'<!DOCTYPE html><html><head><title>Fishing crews return</title><link rel="canonical" href="{broken}">'
            f'</head><body><h1>Fishing crews return</h1><p>{TEXT} <a href="{broken}">Read the original</a></p></body></html>')
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    assert read_file(tmp_path / "page.html", tmp_path).articles[0].title == "Fishing crews return"


@pytest.mark.parametrize(
    "site_name, source",
    [
        ("HarbourNotes.com", "HarbourNotes.com"),  # a brand written as its domain, in capitals: the site's own name
        ("harbournotes.com", "harbournotes.com"),  # a host name: the page's address names the site
        ("Reuters.com", "Reuters"),  # a known outlet's domain, however written
    ],
)
def test_a_site_name_written_as_a_domain(tmp_path, site_name, source):
    """Not the outlet a link in the text names (a blog's sources at its foot), but the site's own name."""
    page = (
        f'<html><head><title>Fishing crews return</title><meta property="og:site_name" content="{site_name}">'
        '<link rel="canonical" href="https://www.harbournotes.com/article/123-fishing-crews"></head><body><article>'
        f"<h1>Fishing crews return</h1><p>{TEXT}</p><p>{TEXT}</p>"
        '<p>Sources: <a href="https://www.washingtontimes.com/news/2024/may/2/fishing/">one</a>, '
        '<a href="https://www.washingtontimes.com/news/2024/may/1/boats/">two</a></p></article></body></html>'
    )
    (tmp_path / "story.html").write_text(page, encoding="utf-8")
    (article,) = read_file(tmp_path / "story.html", tmp_path).articles
    assert article.source == source


@pytest.mark.parametrize(
    "url, opening, source",
    [
        # a site's own credit or masthead spells its address's name: the source is that name as written
        ("https://menafn.com/1109562617/fishing-crews", "(MENAFN) Fishing crews returned", "MENAFN"),
        ("https://www.harbournotes.net/2024/05/fishing", "Harbour Notes reports that fishing crews returned", "Harbour Notes"),
        ("https://www.lakeside-gazette.co.uk/news/fishing", "The Lakeside Gazette has learned that crews returned",
         "Lakeside Gazette"),  # the name before a country's "co.uk"
        # a name that merely shares letters with the address's is not it
        ("https://www.harbournotes.net/2024/05/fishing", "Harbour crews returned; Notes were taken", "harbournotes.net"),
    ],
)
def test_an_unknown_site_by_the_name_its_text_gives_it(tmp_path, url, opening, source):
    record = {"title": "Fishing crews return", "date": "2024-05-03", "url": url, "text": f"{opening}. {TEXT}"}
    (tmp_path / "story.json").write_text(json.dumps(record), encoding="utf-8")
    (article,) = read_file(tmp_path / "story.json", tmp_path).articles
    assert article.source == source


@pytest.mark.parametrize("filed", ["Unknown Source", "unknown", "N/A", "null", "-", "Source not found", "Source N/A"])
def test_a_placeholder_for_a_missing_source_is_no_source(tmp_path, filed):
    """A generator that had no source writes a stand-in ("source_name: Unknown Source"): the address then names
    the outlet, and the stand-in is never a value of the source facet."""
    front = (f'---\ntitle: "Fishing crews return"\ndate: "2024-05-03"\nsource_url: "https://www.reuters.com/world/x"\n'
             f'source_name: "{filed}"\n---\n{TEXT}\n')
    (tmp_path / "story.md").write_text(front, encoding="utf-8")
    record = {"title": "Fishing crews return", "source": filed, "author": filed, "text": TEXT}
    (tmp_path / "story.json").write_text(json.dumps(record), encoding="utf-8")
    (md,) = read_file(tmp_path / "story.md", tmp_path).articles
    (js,) = read_file(tmp_path / "story.json", tmp_path).articles
    assert (md.source, js.source, js.byline) == ("Reuters", None, None)


@pytest.mark.parametrize("filed, source", [("www.harbourwatch.net", "harbourwatch.net"), ("Harbourwatch.net", "Harbourwatch.net")])
def test_a_publisher_filed_as_an_address_is_the_site_without_its_servers_label(tmp_path, filed, source):
    """A web archive's record files the publisher as the host it crawled ("publisher": "www.gov.uk"): the outlet is the
    site, gov.uk, as an address names it elsewhere; a name already without "www." stays as written."""
    front = f"---\ntitle: Fishing crews return\ndate: 2024-05-03\npublisher: {filed}\n---\n{TEXT}\n"
    (tmp_path / "story.md").write_text(front, encoding="utf-8")
    record = {"title": "Fishing crews return", "date": "2024-05-03", "publisher": filed, "text": TEXT}
    (tmp_path / "story.json").write_text(json.dumps(record), encoding="utf-8")
    (md,) = read_file(tmp_path / "story.md", tmp_path).articles
    (js,) = read_file(tmp_path / "story.json", tmp_path).articles
    assert (md.source, js.source) == (source, source)
