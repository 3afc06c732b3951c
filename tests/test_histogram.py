"""The matches over time: engine/histogram.py on date keys, and /api/search's histogram against the hits."""

import collections
import datetime
import re

import numpy as np
import pytest
from whoosh.util.times import datetime_to_long

from searchapp.engine import SearchRequest
from searchapp.engine.histogram import Histogram, Period


def keys(*dates) -> np.ndarray:
    return np.array([datetime_to_long(datetime.datetime(*d)) if d else 0 for d in dates], dtype=np.int64)


def test_months_between_the_first_and_last_match_are_all_there_empty_ones_too():
    h = Histogram.of(keys((2021, 12, 31), (2022, 2, 1, 13, 5), (2022, 2, 28), ()))
    assert h.periods() == [
        Period("2021-12", 1, datetime.date(2021, 12, 1), datetime.date(2021, 12, 31)),
        Period("2022-01", 0, datetime.date(2022, 1, 1), datetime.date(2022, 1, 31)),
        Period("2022-02", 2, datetime.date(2022, 2, 1), datetime.date(2022, 2, 28)),
    ]
    assert h.undated == 1
    assert [(p.period, p.count) for p in h.periods("year")] == [("2021", 1), ("2022", 2)]


def test_a_span_over_three_years_is_counted_by_year_unless_months_are_asked_for():
    h = Histogram.of(keys((2019, 1, 5), (2023, 6, 1), (2023, 6, 2)))
    assert h.default_interval() == "year"
    assert [(p.period, p.count) for p in h.periods()] == [("2019", 1), ("2020", 0), ("2021", 0), ("2022", 0), ("2023", 2)]
    months = h.periods("month")
    assert (months[0].period, months[-1].period, len(months), sum(p.count for p in months)) == ("2019-01", "2023-06", 54, 3)


def test_no_dated_match_gives_no_periods():
    assert Histogram.of(keys((), ())).periods() == [] and Histogram.of(keys((), ())).undated == 2
    assert Histogram.of(keys()).periods("year") == []


def test_an_unknown_interval_is_refused():
    with pytest.raises(ValueError):
        Histogram.of(keys((2020, 1, 1))).periods("week")


@pytest.mark.parametrize("params", [{}, {"q": "sanctions"}, {"country": "China"}, {"from": "2017", "to": "2018"}])
def test_the_histogram_counts_every_match_by_its_date(client, params):
    """Against the dates of all the hits, read page by page."""
    answer = client.get("/api/search", query_string=params | {"per_page": 100}).get_json()
    hits = answer["hits"]
    assert answer["total"] == len(hits)  # the seed archive fits one page
    interval = answer["histogram_interval"]
    width = 7 if interval == "month" else 4
    expected = collections.Counter(h["date"][:width] for h in hits if h["date"])
    got = {p["period"]: p["count"] for p in answer["histogram"]}
    assert {k: v for k, v in got.items() if v} == dict(expected)
    assert answer["undated"] == sum(1 for h in hits if not h["date"])
    assert sum(got.values()) + answer["undated"] == answer["total"]


def test_interval_chooses_the_periods_and_a_bad_one_is_a_400(client):
    by_year = client.get("/api/search?interval=year").get_json()["histogram"]
    by_month = client.get("/api/search?interval=month").get_json()["histogram"]
    assert all(re.fullmatch(r"\d{4}", p["period"]) for p in by_year)
    assert all(re.fullmatch(r"\d{4}-\d\d", p["period"]) for p in by_month)
    assert sum(p["count"] for p in by_year) == sum(p["count"] for p in by_month) > 0
    bad = client.get("/api/search?interval=week")
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "bad_interval"
    assert client.get("/?interval=week").status_code == 400


def test_the_page_draws_a_bar_linking_each_period_to_its_articles(client):
    page = client.get("/?interval=year").get_data(as_text=True)
    bars = re.findall(r'<a href="([^"]+)" aria-label="(\d{4}): (\d+) articles?" class="timeline-bar">', page)
    answer = client.get("/api/search?interval=year").get_json()
    assert [(period, int(n)) for _, period, n in bars] == [(p["period"], p["count"]) for p in answer["histogram"]]
    url, period, count = next(b for b in bars if int(b[2]) > 0)
    followed = client.get(url.replace("&amp;", "&"))
    assert f"from={period}-01-01" in url and f"to={period}-12-31" in url
    assert re.search(rf"<strong>{count}</strong> articles?", followed.get_data(as_text=True))


def test_the_service_keeps_months_so_one_cached_result_serves_both_intervals(seed_service):
    result = seed_service.search(SearchRequest())
    assert sum(result.histogram.months) + result.histogram.undated == result.total
