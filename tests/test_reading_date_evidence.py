"""Which of a page's dates is the story's: the article's own date line over a scraper's stamp at the top,
the dateline over such a stamp on a page without a headline, a record's own date field over its address.
"""

import datetime
import json

import lxml.html
import pytest

from read_one import read_one

from searchapp.reading import read_file
from searchapp.reading.dates import YearClues, date_at_start
from searchapp.reading.page_tags import PageTags
from searchapp.reading.rules import reading_rules

LEAD = (
    "The top diplomats of the two neighbours discussed fishing quotas at a breakfast meeting on the margins of "
    "the regional summit, the foreign ministry said on Thursday."
)
MORE = "They agreed to continue consultations on a three-way meeting as soon as possible, officials said."


def test_a_written_line_under_the_headline_beats_the_scrapers_date_above_it(tmp_path):
    text = (
        " date 2023-11-17 Menu Content\n\nPolitics\n\nNeighbours Agree to Talk Fishing Quotas\n\n"
        "Written: 2023-11-16 10:12:59Updated: 2023-11-16 10:14:45\n\n"
        f"{LEAD}\n\n{MORE}\n"
    )
    article = read_one(tmp_path, "page.txt", text)
    assert (article.title, article.date, article.date_from) == (
        "Neighbours Agree to Talk Fishing Quotas", datetime.date(2023, 11, 16), "a “Written” line",
    )
    assert not article.body.startswith("Written")


def test_without_a_headline_the_dateline_beats_a_stamp_at_the_top(tmp_path):
    text = f" date 2024-02-24 Share:\n\nPORT LOUIS, Feb. 23, 2024 (AFP) — {LEAD}\n\n{MORE}\n"
    article = read_one(tmp_path, "page.txt", text)
    assert (article.date, article.date_from) == (datetime.date(2024, 2, 23), "the dateline")


def test_without_a_dateline_the_stamp_at_the_top_still_dates_the_page(tmp_path):
    article = read_one(tmp_path, "page.txt", f" date 2024-02-24 Share:\n\n{LEAD}\n\n{MORE}\n")
    assert article.date == datetime.date(2024, 2, 24)


def test_a_records_published_date_is_its_date_not_the_day_in_its_address(tmp_path):
    record = {
        "title": "Two neighbours agree on fishing quotas",
        "url": "https://news.example.com/2026/08/10/fishing-quotas/",
        "published_date": "2026-08-11T00:03:18Z",  # as written: the day it states, never shifted
        "summary": LEAD,
    }
    article = read_one(tmp_path, "dump.jsonl", json.dumps(record) + "\n")
    assert (article.date, article.date_from) == (datetime.date(2026, 8, 11), "record field published_date")


PAGE = """<!doctype html><html><head><title>Neighbours agree to talk fishing quotas</title>
<meta property="article:published_time" content="{stamp}"></head><body><article>
<h1>Neighbours agree to talk fishing quotas</h1><div class="byline">By Jane Roe</div><div>Nov 16, 2023 10:00 PM EST</div>
<p>{lead}</p><p>{more}</p></article></body></html>"""


def test_the_day_a_page_prints_beats_its_time_stamp_shifted_to_utc(tmp_path):
    article = read_one(tmp_path, "page.html", PAGE.format(stamp="2023-11-17T03:00:00Z", lead=LEAD, more=MORE))
    assert (article.date, article.date_from) == (datetime.date(2023, 11, 16), "a date line under the headline")


def test_a_local_time_stamp_stays_the_pages_date(tmp_path):
    article = read_one(tmp_path, "page.html", PAGE.format(stamp="2023-11-17T12:00:00+09:00", lead=LEAD, more=MORE))
    assert (article.date, article.date_from) == (datetime.date(2023, 11, 17), "page metadata (article:published_time)")


def test_a_dump_items_dateline_beats_the_dumps_scrape_time(tmp_path):
    dump = {"timestamp": "2026-02-27T19:53:24", "articles": [
        {"title": "Envoys end a round of talks", "text": f"GENEVA, Feb. 25, 2026 (AFP) — {LEAD}\n\n{MORE}"},
        {"title": "Envoys meet again", "text": f"{LEAD}\n\n{MORE}"},
    ]}
    (tmp_path / "news.json").write_text(json.dumps(dump), encoding="utf-8")
    found = [(a.date, a.date_from) for a in read_file(tmp_path / "news.json", tmp_path).articles]
    assert found == [
        (datetime.date(2026, 2, 25), "the dateline"),
        (datetime.date(2026, 2, 27), "the dump's time stamp (when it was scraped)"),  # nothing better
    ]


REPOST = """---
layout: post
title: Neighbours agree to talk fishing quotas
date: {posted}
---
<div class="hd"><h1>Neighbours agree to talk fishing quotas</h1></div>
<div class="bd"><div class="byline"><cite>by Jane Roe</cite> – <span>Tue May 18, 2010 8:44 am ET</span></div>
<p>{lead}</p>
<p>{more}</p>
<div class="foot"><p>Post a comment</p></div></div>
"""


def test_a_blog_post_of_a_saved_page_takes_the_pages_own_earlier_date(tmp_path):
    article = read_one(tmp_path, "post.md", REPOST.format(posted="2010-05-19 22:08", lead=LEAD, more=MORE))
    assert article.date == datetime.date(2010, 5, 18)
    assert article.date_from.startswith("the saved page under the front matter")


def test_a_post_dated_before_the_page_it_holds_keeps_its_own_date(tmp_path):
    article = read_one(tmp_path, "post.md", REPOST.format(posted="2010-05-17", lead=LEAD, more=MORE))
    assert (article.date, article.date_from) == (datetime.date(2010, 5, 17), "front matter (date)")


@pytest.mark.parametrize(
    "line, day, date_from",
    [
        ("Published: 03.04.2023 14:05", datetime.date(2023, 4, 3), "a “Published” line"),  # a dotted date: day first
        ("Posted on : Nov.16,2023 10:05 KST", datetime.date(2023, 11, 16), "a “Posted” line"),  # no spaces
        # labels of other languages; those that write the day first read a slashed date so
        ("Stand: 30.06.2025 19:54 Uhr", datetime.date(2025, 6, 30), "a “Stand” line"),  # German: "as of"
        ("Veröffentlicht am 12.03.2024", datetime.date(2024, 3, 12), "a “Veröffentlicht am” line"),
        ("Publié le 05/03/2024 à 10h12", datetime.date(2024, 3, 5), "a “Publié le” line"),
        ("Actualizado: 07/05/2023", datetime.date(2023, 5, 7), "a “Actualizado” line"),
        ("Atualizado em 07/05/2023", datetime.date(2023, 5, 7), "a “Atualizado em” line"),
        ("Updated: 07/05/2023", datetime.date(2023, 7, 5), "a “Updated” line"),  # as American pages write it
        # a blog theme's post line: the date, its author and its categories
        ("Posted on June 23, 2016 by Jane Roe in News, World // Comments (26)", datetime.date(2016, 6, 23),
         "a “Posted” line"),
        ("June 23, 2016 by Jane Roe", datetime.date(2016, 6, 23), "a date line"),
        ("12 Mar 2008 Posted in [Press releases](/news/press-releases)", datetime.date(2008, 3, 12), "a date line"),
    ],
)
def test_a_labelled_date_line_under_the_headline(tmp_path, line, day, date_from):
    text = f"Neighbours Agree to Talk Fishing Quotas\n{line}\n{LEAD}\n{MORE}\n"
    article = read_one(tmp_path, "page.txt", text)
    assert (article.date, article.date_from) == (day, date_from)


def test_a_date_line_over_the_headline_beats_a_sidebars_date(tmp_path):
    """A saved page fragment with no <title>: its one <h1> is the headline, and the date line in the
    headline's own box dates it, not the "latest news" box beside it."""
    page = f"""<html><body>
<div class="sidebar"><div><a>News</a><small>November 16, 2022</small></div><a href="/other.php">Bus groups ask for a surcharge</a></div>
<div class="article"><div class="meta"><a>News</a><a>November 15, 2022 | JANE ROE, Harbour Times</a></div>
<h1>Neighbours agree to talk fishing quotas</h1><p>{LEAD}</p><p>{MORE}</p></div></body></html>"""
    article = read_one(tmp_path, "story.php", page)
    assert (article.title, article.date, article.date_from) == (
        "Neighbours agree to talk fishing quotas", datetime.date(2022, 11, 15), "a date line over the headline",
    )


def test_a_byline_date_with_its_comma_spaced_oddly(tmp_path):
    page = f"""<html><head><title>Neighbours agree to talk fishing quotas</title></head><body>
<h1>Neighbours agree to talk fishing quotas</h1><p class="details">By JANE ROE and JOHN DOE, SEPT. 10 ,2016</p>
<p>{LEAD}</p><p>{MORE}</p></body></html>"""
    assert read_one(tmp_path, "story.html", page).date == datetime.date(2016, 9, 10)


@pytest.mark.parametrize("filed", ["9:43", "Sep 22", "March 2024", "2023"])
def test_a_date_field_missing_its_day_month_or_year_gives_no_date(tmp_path, filed):
    # a ticker's "date": "9:43" was read as 1 January 2000, the filler dateutil puts in a missing part
    record = {"title": "Iran answers the strikes on its sites", "date": filed,
              "text": "Officials in Tehran said on Saturday that the country had fired missiles at two bases."}
    article = read_one(tmp_path, "ticker.json", json.dumps([record]))
    assert (article.date, article.date_from) == (None, None)
    dated = read_one(tmp_path, "dated.json", json.dumps([{**record, "date": "Jan 1, 2000"}]))
    assert dated.date == datetime.date(2000, 1, 1)  # a real first of January is read


def test_a_writers_name_and_place_before_the_date_line(tmp_path):
    # "Yashwant Raj,Washington|Sep 20, 2016 09:26 IST": a details line of name, place and date under the headline
    page = ("<html><body><h2>Envoys snub the bid to raise the dispute at the assembly</h2>"
            "<p class='details'>Jane Roe,Washington|Sep 20, 2016 09:26 IST</p>"
            "<p>The prime minister raised the dispute in his first meetings upon his arrival in New York on Monday, "
            "but found no traction with either of the two governments he had written to.</p>"
            "<p>His foreign office said the letters had gone to every permanent member of the council.</p></body></html>")
    article = read_one(tmp_path, "story.php", page)
    assert article.date == datetime.date(2016, 9, 20)



def test_a_date_line_that_opens_with_a_bar_after_a_byline_set_in_its_own_box():
    # "<b>By Jane Roe</b></font><font> | August 15, 2003 | Page 7</font>": the date's line starts with the bar
    seen = date_at_start("| August 15, 2003 | Page 7", reading_rules())
    assert seen is not None and seen.date == datetime.date(2003, 8, 15)


def test_a_date_line_beside_a_text_whose_first_piece_runs_on_past_its_first_paragraph():
    # an old page's <font> holds the first paragraph and the ones after it as one piece of the page
    first = "The ministers of the two coastal states met on Thursday to prepare an agreement on fisheries."
    page = ("<html><body><font><b>Coastal states to sign</b></font><font>July 28, 2006 | Page 3</font>"
            f"<font>{first} Fishing crews have waited three years for it.</font></body></html>")
    tags = PageTags(lxml.html.document_fromstring(page), reading_rules())
    assert tags.date_near_text(f"{first}\nFishing crews have waited three years for it.", YearClues()) == (
        "2006-07-28", "a date line beside the headline")


@pytest.mark.parametrize("filed, day", [("2021年10月15日", datetime.date(2021, 10, 15)),
                                        ("2019年03月28日 08:52", datetime.date(2019, 3, 28)),
                                        ("2021년 10월 15일", datetime.date(2021, 10, 15))])
def test_a_date_written_as_chinese_japanese_and_korean_write_it(tmp_path, filed, day):
    record = {"title": "Ministers meet for talks", "date": filed,
              "text": "Officials of the two coastal states met on Thursday to prepare an agreement on fisheries."}
    assert read_one(tmp_path, "cjk.json", json.dumps([record], ensure_ascii=False)).date == day


def test_a_chinese_government_pages_first_published_time(tmp_path):
    # the TRS system's <meta name="firstpublishedtime">; the page's generation time sits in another tag
    page = ("<html><head><title>关于批准发行特别国债的决议_中国政府网</title>"
            '<meta name="others" content="页面生成时间 2023-10-23 11:23:36">'
            '<meta name="firstpublishedtime" content="2007-08-20-23:59:59"></head><body>'
            "<h1>关于批准发行特别国债的决议</h1><p>第十届全国人民代表大会常务委员会第二十九次会议审议了国务院关于提请审议财政部发行特别国债"
            "购买外汇及调整年末国债余额限额的议案，会议同意。</p><p>会议决定批准财政部发行特别国债。</p></body></html>")
    article = read_one(tmp_path, "gov.html", page)
    assert (article.date, article.date_from) == (datetime.date(2007, 8, 20), "page metadata (firstpublishedtime)")


def test_a_date_line_with_the_outlet_and_its_editor_dates_the_story_and_names_the_outlet(tmp_path):
    """"2013-06-22 11:01 Xinhua Web Editor: Su Jie" under the headline, as China's English sites print it."""
    text = f"Neighbours discuss fishing quotas\n2013-06-22 11:01 Xinhua Web Editor: Jane Roe\n\n{LEAD}\n\n{MORE}\n"
    article = read_one(tmp_path, "story.txt", text)
    assert (article.date, article.source) == (datetime.date(2013, 6, 22), "Xinhua")
    assert "Editor" not in article.body


def test_a_sentence_opening_with_a_date_is_no_date_line():
    rules = reading_rules(None)
    assert date_at_start("2013-06-22 was the day the ministers met to talk about quotas", rules) is None
