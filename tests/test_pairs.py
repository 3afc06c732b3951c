"""Country pairs from sentences written for the purpose: governments acting on each other make a pair,
two countries named together do not."""

import datetime

import pytest

from searchapp.facets import extract
from searchapp.facets.pairs import country_pairs, pair_value
from searchapp.facets.text import sentence_bounds
from searchapp.reading import Article


@pytest.fixture(scope="module")
def pairs_of(knowledge):
    def pairs(body: str, meetings=()) -> list[str]:
        article = Article(id="t", path="t", title="Report", body=body, date=datetime.date(2023, 5, 1))
        return country_pairs(article.text, extract(article, knowledge), sentence_bounds(article.text), meetings)

    return pairs


@pytest.mark.parametrize("sentence, expected", [
    ("China warned Japan on Monday against new export controls.", ["China–Japan"]),
    ("Beijing accused Washington of meddling in its affairs.", ["China–United States"]),
    ("Talks between Seoul and Tokyo resumed after a year.", ["Japan–South Korea"]),
    ("Relations between China and India have cooled.", ["China–India"]),
    ("Russia and Ukraine signed a grain deal in Istanbul.", ["Russia–Ukraine"]),
    ("The United States imposed sanctions on Iran.", ["Iran–United States"]),
    ("Pyongyang threatened Seoul with retaliation.", ["North Korea–South Korea"]),
])
def test_governments_acting_on_each_other_make_a_pair(pairs_of, sentence, expected):
    assert pairs_of(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The minister visited China and Japan last week.",
    "Exports to Germany and France rose by 4 percent.",
    "China said Japan's economy was slowing.",
    "Officials from Brazil, Argentina and Chile attended the forum.",
    "The Chinese embassy in Paris hosted a reception.",
    "Japan is an ally. China is a neighbour.",
    "Both China and Russia abstained in the vote.",
])
def test_countries_only_named_together_make_no_pair(pairs_of, sentence):
    assert pairs_of(sentence) == []


def test_a_meeting_of_officials_of_two_countries_makes_their_pair(pairs_of):
    assert pairs_of("Nothing else here.", [("China", "United States"), ("China",), ("Japan", "South Korea", "China")]) == [
        "China–Japan", "China–South Korea", "China–United States", "Japan–South Korea",
    ]


def test_a_pair_is_spelled_one_way():
    assert pair_value("United States", "China") == pair_value("China", "United States") == "China–United States"


def test_country_pair_is_a_facet_counted_and_filtered_like_the_others(client):
    pairs = client.get("/api/search").get_json()["facets"]["country_pair"]
    assert pairs and all("–" in p["value"] and p["value"] == pair_value(*p["value"].split("–")) for p in pairs)
    top = pairs[0]
    narrowed = client.get("/api/search", query_string={"country_pair": top["value"], "per_page": 100}).get_json()
    assert narrowed["total"] == top["count"]
    chosen = next(p for p in narrowed["facets"]["country_pair"] if p["value"] == top["value"])
    assert chosen["selected"] and chosen["count"] == top["count"]
    a, b = top["value"].split("–")
    assert all({a, b} <= set(h["countries"]) or a in h["countries"] or b in h["countries"] for h in narrowed["hits"])
    assert client.get("/", query_string={"country_pair": top["value"]}).status_code == 200
