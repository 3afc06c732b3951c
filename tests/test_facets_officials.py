"""Officials found by the posts written before their names (knowledge/titles.json) and by the
knowledge's own list, in sentences of our own."""

import datetime

import pytest

from searchapp.facets import Knowledge, extract
from searchapp.reading import Article


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.load()


def officials_of(knowledge, body: str, day: str = "2018-06-01", title: str = "Headline") -> list[str]:
    article = Article(id="t.txt", path="t.txt", title=title, body=body, date=datetime.date.fromisoformat(day))
    return extract(article, knowledge).values("officials")


@pytest.mark.parametrize(
    "body, expected",
    [
        # prosecutors appointed to investigate the government, and police chiefs, are officials
        ("Special counsel Jane Roe declined to comment. Roe has said little.", ["Jane Roe"]),
        ("The independent counsel Ann Example filed the report.", ["Ann Example"]),
        ("The blast killed ten, said the provincial chief of police Omar Testname.", ["Omar Testname"]),
        # the post alone, or a lawyer described by it, names no one
        ("The team's special counsel, a lawyer, said so.", []),
    ],
)
def test_investigators_and_police_chiefs_named_after_their_post(knowledge, body, expected):
    assert officials_of(knowledge, body) == expected


def _holders(knowledge, country: str, titles: set[str], day: datetime.date) -> set[str]:
    return {
        p["name"] for p in knowledge.officials["officials"] if p["country"] == country
        for r in p["roles"]
        if r["title"] in titles and r["from"] <= day.isoformat() and (r["to"] is None or day.isoformat() < r["to"])
    }


US_LAW_AND_INTELLIGENCE = {
    "Attorney General": {"Attorney General of the United States", "Acting Attorney General of the United States"},
    "FBI": {"Director of the Federal Bureau of Investigation"},
    "CIA": {"Director of the Central Intelligence Agency"},
    "Senate majority leader": {"Senate Majority Leader"},
}


@pytest.mark.parametrize("day", [datetime.date(y, 6, 1) for y in (2010, 2014, 2018, 2022, 2025)], ids=str)
@pytest.mark.parametrize("post", US_LAW_AND_INTELLIGENCE)
def test_us_law_enforcement_and_intelligence_chiefs_are_known(knowledge, post, day):
    """The posts US security reporting names most after the cabinet's: one holder on each day."""
    assert len(_holders(knowledge, "United States", US_LAW_AND_INTELLIGENCE[post], day)) == 1


def test_a_known_officials_possessive_surname_in_a_headline(knowledge):
    body = "U.S. officials said the special counsel's report was due."
    assert officials_of(knowledge, body, day="2018-11-20", title="Mueller's Probe Goes On, Whitaker Says") == ["Robert Mueller"]
