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
