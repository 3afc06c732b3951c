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
    ],
)
def test_a_date_in_an_address_may_go_unpadded(url, date):
    assert date_in_url(url) == date
