"""Meetings in the index: stored per article, found by /api/meetings, shown by /api/articles/<id>."""

import pytest

from searchapp.engine.meetings import _within
import datetime
from pathlib import Path


def all_meetings(client, **params):
    answer = client.get("/api/meetings", query_string=params | {"per_page": 100})
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def test_every_meeting_is_one_an_article_reports_with_its_evidence(client):
    answer = all_meetings(client)
    assert answer["total"] == len(answer["meetings"]) > 0
    for m in answer["meetings"]:
        article = client.get(m["article_url"].replace("/articles/", "/api/articles/", 1)).get_json()
        assert {k: v for k, v in m.items() if not k.startswith("article_")} in article["meetings"]
        assert m["article_title"] == article["title"]
        text = article["title"] + "\n\n" + article["body"]
        assert text[m["start"]:m["end"]] == m["evidence"]
        assert len(m["participants"]) >= 2 and m["participants"] == sorted(m["participants"])


def test_newest_first_undated_last(client):
    dates = [m["date"] for m in all_meetings(client)["meetings"]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[: len(dated)] == dated


def test_officials_given_must_all_take_part(client):
    everything = all_meetings(client)["meetings"]
    someone = everything[0]["participants"][0]
    pair = everything[0]["participants"][:2]
    assert all_meetings(client, official=someone)["meetings"] == [m for m in everything if someone in m["participants"]]
    both = all_meetings(client, official=pair)["meetings"]
    assert both == [m for m in everything if set(pair) <= set(m["participants"])] and both
    assert all_meetings(client, official=someone.upper())["total"] == all_meetings(client, official=someone)["total"]
    assert all_meetings(client, official="Nobody Atall")["total"] == 0


def test_country_is_a_participants_or_the_articles(client):
    everything = all_meetings(client)["meetings"]
    country = everything[0]["countries"][0] if everything[0]["countries"] else "China"
    got = all_meetings(client, country=country)["meetings"]
    assert got and all(
        country in m["countries"] or country in client.get("/api/articles/" + m["article_id"]).get_json()["countries"]
        for m in got
    )


def test_dates_keep_the_meetings_in_the_bounds_and_pages_split_them(client):
    everything = all_meetings(client)["meetings"]
    year = next(m["date"][:4] for m in everything if m["date"])
    got = all_meetings(client, **{"from": year, "to": year})["meetings"]
    assert got == [m for m in everything if m["date"] and m["date"][:4] == year]
    first = client.get("/api/meetings?per_page=1&page=2").get_json()
    assert first["meetings"] == everything[1:2] and first["pages"] == len(everything)


@pytest.mark.parametrize("query, code", [
    ("from=someday", "bad_date"), ("per_page=0", "bad_per_page"), ("official=" + "x" * 201, "bad_official"),
    ("&".join(f"official=o{i}" for i in range(11)), "too_many_filters"),
])
def test_bad_parameters_are_a_400(client, query, code):
    answer = client.get("/api/meetings?" + query)
    assert answer.status_code == 400 and answer.get_json()["error"]["code"] == code


@pytest.mark.parametrize("date, first, last, inside", [
    ("2023", datetime.date(2023, 6, 1), None, True),
    ("2023-04", datetime.date(2023, 5, 1), None, False),
    ("2023-04", None, datetime.date(2023, 4, 1), True),
    ("2023-04-30", datetime.date(2023, 4, 30), datetime.date(2023, 4, 30), True),
    (None, None, datetime.date(2030, 1, 1), False),
])
def test_a_meeting_as_precise_as_its_article_overlaps_the_bounds(date, first, last, inside):
    assert _within(date, first, last) == inside


def test_the_article_page_shows_its_meetings(client):
    m = all_meetings(client)["meetings"][0]
    page = client.get(m["article_url"]).get_data(as_text=True)
    section = page[page.index('id="meetings"'):]
    section = section[: section.index("</section>")]
    assert " and ".join(m["participants"]) in section and m["evidence"].replace("'", "&#39;").replace('"', "&#34;") in section


def test_the_meetings_follow_a_reindex_and_a_warm_up_reads_them(app, client):
    """The table of meetings is read once per opened index: a reindex brings the new article's meeting."""
    before = all_meetings(client)
    article = ("---\ntitle: Lavrov hosts Wang in Moscow\ndate: 2026-11-30\n---\n\n"
               "Chinese Foreign Minister Wang Yi held talks with Russian Foreign Minister Sergey Lavrov in Moscow "
               "on Monday, the ministries said.\n")
    (Path(app.config["ARTICLES_DIR"]) / "zz-lavrov-wang.md").write_text(article, encoding="utf-8")
    assert app.test_cli_runner().invoke(args=["reindex"]).exit_code == 0
    after = all_meetings(client)
    assert after["total"] == before["total"] + 1
    newest = after["meetings"][0]
    assert set(newest["participants"]) == {"Sergey Lavrov", "Wang Yi"} and newest["date"] == "2026-11-30"
    assert all_meetings(client, official=["sergey lavrov", "Wang Yi"])["meetings"] == [newest]
    service = app.extensions["search"]
    assert service.warm() and "meetings" in service.opened().made
