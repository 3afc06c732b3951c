"""The page per country and its JSON twin, through the API and pages over articles written here:
the name through the knowledge, counts and mentions, officials, partners, timeline, latest, and the links to it."""

from urllib.parse import quote

import pytest
from written_archive import client_over


def written(title: str, day: str, text: str) -> str:
    return f"# {title}\n\n{day}\n\n{text}\n"


ARTICLES = {
    "pyongyang-2016.md": written("Sanctions talk", "March 7, 2016",
                                 "Foreign Minister Wang Yi met Secretary of State John Kerry in Beijing on Monday. "
                                 "China and the United States discussed sanctions on North Korea."),
    "seoul-2024.md": written("Talks in Seoul", "May 9, 2024",
                             "Wang Yi met South Korean officials in Seoul. South Korea and China agreed to keep talking."),
    "tokyo-2023.md": written("Tokyo visit", "June 2, 2023", "Wang Yi visited Tokyo, where Japan raised the East China Sea."),
    "dprk-2019.md": written("Missile test", "February 1, 2019",
                            "North Korea fired a missile, and Japan protested to Pyongyang."),
    "other.md": written("Other news", "January 3, 2020", "The weather in Oslo was cold."),
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_over(ARTICLES, tmp_path_factory.mktemp("countries")) as client:
        yield client


def search_ids(client, **params) -> set[str]:
    body = client.get("/api/search", query_string={**params, "per_page": 100}).get_json()
    return {hit["id"] for hit in body["hits"]}


@pytest.mark.parametrize("written", ["China", "china", "CHINA", "People's Republic of China"])
def test_the_country_answers_under_its_knowledge_name(client, written):
    body = client.get(f"/api/countries/{quote(written)}").get_json()
    assert body["name"] == "China"
    assert body["url"] == "/countries/China"
    assert body["articles"] == len(search_ids(client, country="China"))


def test_an_alias_is_the_country_it_names(client):
    dprk = client.get("/api/countries/DPRK").get_json()
    assert dprk["name"] == "North Korea"
    assert {hit["id"] for hit in dprk["latest"]} == search_ids(client, country="North Korea")
    assert dprk["feed_url"] == "/feeds/search.atom?country=North+Korea"


def test_counts_mentions_timeline_and_latest_are_the_filtered_search(client):
    body = client.get("/api/countries/China").get_json()
    search = client.get("/api/search", query_string={"country": "China", "sort": "newest"}).get_json()
    assert body["articles"] == search["total"] == 2  # the East China Sea is no China
    assert [hit["id"] for hit in body["latest"]] == [hit["id"] for hit in search["hits"]]
    dates = sorted(hit["date"] for hit in search["hits"] if hit["date"])
    assert (body["first_mention"], body["last_mention"]) == (dates[0], dates[-1])
    assert body["histogram"] == search["histogram"]
    assert sum(p["count"] for p in body["histogram"]) + body["undated"] == body["articles"]


def test_its_officials_are_the_official_counts_of_its_articles(client):
    body = client.get("/api/countries/China").get_json()
    facet = client.get("/api/search", query_string={"country": "China"}).get_json()["facets"]["official"]
    assert body["officials"] == [{"value": v["value"], "count": v["count"]} for v in facet][:len(body["officials"])]
    assert "Wang Yi" in [o["value"] for o in body["officials"]]


def test_partners_are_the_other_country_of_its_pairs_and_lead_to_the_pair(client):
    body = client.get("/api/countries/China").get_json()
    pairs = client.get("/api/search", query_string={"country": "China"}).get_json()["facets"]["country_pair"]
    naming = [p for p in pairs if "China" in p["value"].split("–")]
    assert naming, "the written articles hold a pair with China"
    assert [(p["pair"], p["count"]) for p in body["partners"]] == [(p["value"], p["count"]) for p in naming][:10]
    for partner in body["partners"]:
        assert sorted([partner["country"], "China"]) == partner["pair"].split("–")
        linked = client.get(partner["search_url"]).get_json()
        assert linked["total"] == partner["count"]


def test_an_unknown_country_is_404_in_json_and_as_a_page(client):
    answer = client.get("/api/countries/Atlantis")
    assert answer.status_code == 404
    assert answer.get_json()["error"]["code"] == "not_found"
    assert client.get("/countries/Atlantis").status_code == 404
    for odd in ["%20", "x" * 300, "China%00"]:
        assert client.get(f"/api/countries/{odd}").status_code == 404


def test_a_known_country_with_no_article_is_a_page_of_none(client):
    body = client.get("/api/countries/Peru").get_json()
    assert (body["name"], body["articles"], body["first_mention"], body["latest"]) == ("Peru", 0, None, [])
    page = client.get("/countries/Peru")
    assert page.status_code == 200
    assert "No article in the archive mentions Peru." in page.get_data(as_text=True)


def test_the_page_shows_the_same_with_its_links(client):
    body = client.get("/api/countries/China").get_json()
    html = client.get("/countries/china").get_data(as_text=True)
    assert "<h1>China</h1>" in html
    assert f'<a href="/?country=China">{body["articles"]} articles</a>' in html
    assert 'href="/feeds/search.atom?country=China"' in html  # Follow
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert '<link rel="alternate" type="application/json" href="/api/countries/China">' in html
    assert 'class="timeline' in html
    assert 'href="/officials/Wang%20Yi"' in html
    for partner in body["partners"]:
        assert f'href="/?country_pair={quote(partner["pair"]).replace("%20", "+")}"' in html
        assert f'<span class="facet-name">{partner["country"]}</span>' in html
    for hit in body["latest"]:
        assert f'href="/articles/{hit["id"]}"' in html


def test_the_article_page_and_the_country_facet_link_to_country_pages(client):
    article = client.get("/articles/seoul-2024.md").get_data(as_text=True)
    assert 'class="country-link" href="/countries/South%20Korea"' in article
    assert 'class="country-link" href="/countries/China"' in article
    search = client.get("/", query_string={"q": "Wang"}).get_data(as_text=True)
    assert 'class="official-page-link country-page-link" href="/countries/China"' in search
