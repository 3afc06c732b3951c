"""Republished stories and the signs real dumps give: whose story it is, and a date in an unpadded address.

Small fixtures in the shapes real files have (a search API's JSON dump, a page's site name); the
rules are checked on the dev set by test_reading_scores.py.
"""

import datetime
import json
from pathlib import Path

import pytest

from searchapp.reading import read_file
from searchapp.reading.dates import date_in_url

TEXT = (
    "South Korea and Japan agreed on Thursday to resume regular visits between their leaders after a gap of "
    "twelve years, officials in both capitals said. The two governments also agreed to restore a pact."
)


def read_page_file(tmp_path: Path, html: str):
    """The one article of a saved page with this HTML."""
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    (article,) = read_file(tmp_path / "page.html", tmp_path).articles
    return article


def read_records(tmp_path: Path, records: list[dict]) -> list:
    path = tmp_path / "news.json"
    path.write_text(json.dumps({"type": "news", "articles": records}), encoding="utf-8")
    return read_file(path, tmp_path).articles


@pytest.mark.parametrize(
    ("record", "source"),
    [
        # a station's name in the dump, Reuters' dateline in the text: the station republished Reuters' story
        ({"source": "The Mighty 790 KFGO", "url": "https://kfgo.com/2026/02/26/talks/",
          "snippet": f"By Jane Doe and John Roe WASHINGTON, Feb 26 (Reuters) - {TEXT}"}, "Reuters"),
        # an aggregator is where the story was read, not whose it is
        ({"source": "AOL.com", "url": "https://www.aol.com/talks-203234426.html", "snippet": TEXT}, None),
        # a site name with a slogan: the part that is the site's own name (its domain's)
        ({"source": "Crude Oil Prices Today | OilPrice.com", "url": "https://oilprice.com/Energy/talks.html",
          "snippet": TEXT}, "OilPrice.com"),
        ({"source": "Harbour Light News", "url": "https://hln.example/talks", "snippet": TEXT}, "Harbour Light News"),
    ],
)
def test_whose_story_a_dumped_record_is(tmp_path, record, source):
    (article,) = read_records(tmp_path, [{"title": "Ministers meet for talks", **record}])
    assert article.source == source


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("https://www.example-news.org/news/2026/2/27/ukraine-talks", datetime.date(2026, 2, 27)),
        ("https://www.example-news.org/2016/01/13/talks/", datetime.date(2016, 1, 13)),
        ("https://www.example-news.org/news/2026/2/30/talks", None),  # no such day
        ("https://www.example-news.org/top/2026/2/", None),  # a month's archive, no day
        ("https://www.example-news.org/story/2026/140/", None),
        # the section between year and month, as CNN wrote its addresses for years
        ("http://www.example-news.org/2011/WORLD/africa/04/06/libya.war/index.html", datetime.date(2011, 4, 6)),
        ("http://www.example-news.org/2011/WORLD/africa/13/06/libya.war/", None),  # no thirteenth month
        ("http://www.example-news.org/2011/a/b/c/04/06/talks/", None),  # too far from the year to be its date
    ],
)
def test_a_date_in_an_address_may_go_unpadded(url, date):
    assert date_in_url(url) == date


# --- Dates printed without their year ---------------------------------------------------

ARCHIVED = """<html><head><title>Daily Planet Online Edition: Breaking News</title></head><body>
<a href="https://web.archive.org/web/{stamp}/http://www.dailyplanet.example/">Home</a>
<div>{dateline}</div>
<p class="body"><span class="headline">Ministers meet for talks in Seoul</span></p>
<p><span class="byline">By Jane Doe</span></p>
<p>SEOUL (AP) -- {text}</p>
<p>The ministers did not say when they would meet again, and aides said a summit was some months away.</p>
<p>Both sides described the first round as frank and useful. Opposition lawmakers in Tokyo questioned whether
the pact could survive another change of government, while business groups welcomed the thaw in relations.</p>
<p>Copyright {copyright} Daily Planet. All rights reserved.</p>
</body></html>"""


@pytest.mark.parametrize(
    ("stamp", "dateline", "copyright", "date"),
    [
        # a web archive saved the page on 24 April 2005: "Apr 24" is that day
        ("20050424121148", "Apr 24, 7:38 AM EDT", "2003", datetime.date(2005, 4, 24)),
        # saved in January: "Dec 30" was the year before
        ("20060102080000", "Fri Dec 30, 7:55 AM ET", "2003", datetime.date(2005, 12, 30)),
        # no capture stamp: the copyright year, where the weekday agrees with it
        ("none", "Thu Sep 22, 7:55 AM ET", "2005", datetime.date(2005, 9, 22)),
        ("none", "Fri Sep 22, 7:55 AM ET", "2005", None),  # 22 Sep 2005 was a Thursday
        ("none", "Sep 22, 7:55 AM ET", "2005", None),  # no weekday: a stale copyright year is no proof
    ],
)
def test_a_date_without_its_year_takes_it_from_the_page(tmp_path, stamp, dateline, copyright, date):
    page = ARCHIVED.format(stamp=stamp, dateline=dateline, copyright=copyright, text=TEXT)
    (tmp_path / "old.html").write_text(page, encoding="utf-8")
    (article,) = read_file(tmp_path / "old.html", tmp_path).articles
    assert article.date == date
    # the page's <title> is the site's, not the story's: the headline printed above the text is
    assert (article.title, article.source) == ("Ministers meet for talks in Seoul", "Associated Press")


def test_a_scraped_pages_time_stamp_tells_the_year_of_its_date_line(tmp_path):
    page = (
        "# Ministers meet for talks in Seoul\n\n- **URL**: https://www.dailyplanet.example/talks\n"
        "- **Scraped at**: 2026-01-05T02:34:36+00:00\n\nBy Jane Doe\n\nDec 30, 10:50 AM UTC\n\n" + TEXT + "\n"
    )
    (tmp_path / "scraped.md").write_text(page, encoding="utf-8")
    (article,) = read_file(tmp_path / "scraped.md", tmp_path).articles
    assert (article.title, article.date) == ("Ministers meet for talks in Seoul", datetime.date(2025, 12, 30))


# --- Credits a republished story keeps -----------------------------------------------------

SIGNED = """<html><head><title>Ministers meet for talks - Harbour Light News</title>
<meta property="og:site_name" content="Harbour Light News"></head><body><article>
<h1>Ministers meet for talks</h1>
<p>{text}</p>
<p>The ministers did not say when they would meet again, and aides said a summit was some months away.</p>
<p><strong>{sign_off}</strong></p>
</article></body></html>"""


@pytest.mark.parametrize(
    ("sign_off", "source"),
    [("AP", "Associated Press"), ("— Reuters", "Reuters"), ("Harbour Wire", "Harbour Light News"), ("Share", "Harbour Light News")],
)
def test_a_wire_sign_off_after_the_last_paragraph_names_whose_story_it_is(tmp_path, sign_off, source):
    article = read_page_file(tmp_path, SIGNED.format(text=TEXT, sign_off=sign_off))
    assert article.source == source


@pytest.mark.parametrize(
    ("categories", "source"),
    [("fox-news", "Fox News"), ("[engadget]", "Engadget"), ("yahoo-news", None), ("news", None)],
)
def test_a_blog_category_named_after_an_outlet_is_the_last_sign_of_the_source(tmp_path, categories, source):
    post = f'---\nlayout: post\ntitle: "Ministers meet for talks"\ndate: 2017-04-12\ncategories: {categories}\n---\n\n{TEXT}\n'
    (tmp_path / "post.markdown").write_text(post, encoding="utf-8")
    (article,) = read_file(tmp_path / "post.markdown", tmp_path).articles
    assert article.source == source


# --- A scraped page whose navigation comes first ---------------------------------------------

NAVIGATION = "\n".join(["Home", "News", "Home & Garden", "Local News", "Travel & Leisure", "True Crime"] * 3)


def test_a_scraped_page_s_title_line_finds_its_headline_and_date_under_the_navigation(tmp_path):
    page = (
        "# www.dailyplanet.example\n\n## Content\n\n" + NAVIGATION + "\n"
        "Ministers meet for talks in Seoul\nJane Doe\nTue, February 24, 2026 at 10:50 AM UTC\n"
        + TEXT + "\n" + TEXT.replace("Thursday", "Friday") + "\nMore to read\nStay informed with our newsletter\n"
        "Ministers meet for talks in Seoul - Daily Planet\n"
    )
    (tmp_path / "scraped.md").write_text(page, encoding="utf-8")
    (article,) = read_file(tmp_path / "scraped.md", tmp_path).articles
    assert (article.title, article.date) == ("Ministers meet for talks in Seoul", datetime.date(2026, 2, 24))
    assert article.body.startswith("Jane Doe\n\nSouth Korea and Japan agreed")


@pytest.mark.parametrize(
    ("author", "source"),
    [("Associated Press", "Associated Press"), ("Reuters", "Reuters"), ("Jane Doe", "Harbour Light News"), ("Staff Writer", "Harbour Light News")],
)
def test_an_agency_as_the_posts_author_credits_the_agency(tmp_path, author, source):
    post = f'---\ntitle: "Ministers meet for talks"\ndate: 2020-03-09\nauthor: {author}\nsource: Harbour Light News\n---\n\n{TEXT}\n'
    (tmp_path / "post.md").write_text(post, encoding="utf-8")
    (article,) = read_file(tmp_path / "post.md", tmp_path).articles
    assert article.source == source


BYLINED = """<html><head><title>Ministers meet for talks - Harbour Light News</title>
<meta property="og:site_name" content="Harbour Light News"></head><body>
<h1>Ministers meet for talks</h1>
<span class="byline">{byline}</span>
<div class="story"><p>{text}</p>
<p>The ministers did not say when they would meet again, and aides said a summit was some months away.</p></div>
</body></html>"""


@pytest.mark.parametrize(
    ("byline", "source"),
    [
        ("By The Associated Press", "Associated Press"),
        ("By JANE DOE, Associated Press Writer", "Associated Press"),
        ("By Jane Doe, AP Diplomatic Writer", "Associated Press"),
        ("By Jane Doe, Staff Writer", "Harbour Light News"),
        ("By Jane Doe", "Harbour Light News"),
    ],
)
def test_a_byline_crediting_a_wire_under_a_newspapers_headline_names_the_wire(tmp_path, byline, source):
    article = read_page_file(tmp_path, BYLINED.format(text=TEXT, byline=byline))
    assert article.source == source


@pytest.mark.parametrize(
    ("last_line", "source"),
    [
        ("The two ministers also agreed to meet again next year. (Yonhap)", "Yonhap News Agency"),
        ("The two ministers also agreed to meet again next year.", None),
        ("The two ministers also agreed to meet again next year (a first since 2012).", None),
    ],
)
def test_a_wire_credit_closing_a_texts_last_paragraph_names_the_wire(tmp_path, last_line, source):
    (tmp_path / "story.txt").write_text(f"{TEXT}\n\n{last_line}\n", encoding="utf-8")
    (article,) = read_file(tmp_path / "story.txt", tmp_path).articles
    assert article.source == source


WAYBACK = """<html><head><title>Ministers meet for talks</title></head><body>
<form action="/web/submit"><input type="text" name="url" id="wmtbURL" value="{url}"/></form>
<h1>Ministers meet for talks</h1><div><p>{text}</p>
<p>The ministers did not say when they would meet again, and aides said a summit was some months away.</p></div>
</body></html>"""


def test_a_wayback_capture_is_read_as_the_page_it_saved(tmp_path):
    page = WAYBACK.format(text=TEXT, url="http://arstechnica.com:80/news.ars/post/20051228-1234.html")
    article = read_page_file(tmp_path, page)
    assert (article.source, article.url, article.date) == (
        "Ars Technica", "http://arstechnica.com:80/news.ars/post/20051228-1234.html", datetime.date(2005, 12, 28))


BOXED = """<html><head><title>Ministers meet for talks</title></head><body>
<h1>Ministers meet for talks</h1><div class="story">
<p>{text}</p>
{box}
<p>The ministers did not say when they would meet again, and aides said a summit was some months away.</p>
</div></body></html>"""

OTHER_STORIES = ["Flood Waters Rise in the Delta", "Ruritania Names a New Cabinet", "Storm Season Starts Early",
                 "Police: Two Hurt in Market Fire", "Harbour Strike Ends"]


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        (OTHER_STORIES, False),  # a box of links to other stories between paragraphs goes
        (OTHER_STORIES[:2], True),  # a subhead or two stays
        # hard-wrapped prose or a list of names in lower case stays
        (["the ministers said", "that the talks would go on", "and that a summit", "was possible", "next year"], True),
    ],
)
def test_a_box_of_other_stories_headlines_between_paragraphs_is_not_the_articles(tmp_path, lines, kept):
    box = "\n".join(f"<p>{line}</p>" for line in lines)
    article = read_page_file(tmp_path, BOXED.format(text=TEXT, box=box))
    assert all((line in article.body) == kept for line in lines)


@pytest.mark.parametrize(
    ("copied_from", "source"),
    [("https://www.rfa.org/mandarin/TMD-10162013064541.html", "Radio Free Asia"), ("Harbour Light News", None)],
)
def test_a_mirrors_post_names_the_page_it_copied(tmp_path, copied_from, source):
    # a mirror of Chinese-language outlets files each copied page's address as "from"; a name there is no address
    post = (f'---\nlayout: post\ntitle: "韩国不加入美飞弹防御系统"\ndate: 2013-10-15T16:00:00.000Z\nfrom: {copied_from}\n'
            f"comments: True\n---\n<!--1381852800000-->\n\n<div><p>韩国国防部长金宽镇周三表示，韩国不会加入美国的飞弹防御系统，"
            f"而是构建本身的飞弹防御系统，这两者在防御目标和性能方面有所不同。</p></div>\n")
    (tmp_path / "post.md").write_text(post, encoding="utf-8")
    (article,) = read_file(tmp_path / "post.md", tmp_path).articles
    assert (article.source, article.url) == (source, copied_from if source else None)
