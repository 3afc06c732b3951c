"""Officials with their roles: the role on the article's date in hits and articles, the page per
official and its JSON twin, the list with counts; through the API and pages over articles written here."""

import datetime
from urllib.parse import quote

import pytest
from written_archive import client_over

from searchapp.facets.model import FacetValue, Span
from searchapp.facets.patterns import facet_patterns
from searchapp.facets.titles import written_titles
from searchapp.knowledge import Knowledge
from searchapp.knowledge.roles import OfficialRole, known_official, role_on

ARTICLES = {
    "kerry-2016.md": "# Wang and Kerry talk sanctions\n\nMarch 7, 2016\n\n"
                     "Foreign Minister Wang Yi met Secretary of State John Kerry in Beijing on Monday. "
                     "China and the United States discussed sanctions on North Korea.\n",
    "seoul-2024.md": "# Talks in Seoul\n\nMay 9, 2024\n\n"
                     "Deputy Foreign Minister Qorvan Delmotte met Wang Yi in Seoul. "
                     "South Korea and China agreed to keep talking, Delmotte said.\n",
    "tokyo-2023.md": "# Tokyo visit\n\nJune 2, 2023\n\n"
                     "Wang Yi visited Tokyo, where Japan raised the East China Sea.\n",
    "undated.md": "# Undated note\n\n"
                  "Deputy Foreign Minister Qorvan Delmotte spoke to reporters about Japan.\n",
    "other.md": "# Other news\n\nJanuary 3, 2020\n\nSecretary of State Mike Pompeo spoke about Iran.\n",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_over(ARTICLES, tmp_path_factory.mktemp("officials")) as client:
        yield client


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.load()


# --- the role lookup (knowledge/roles.py) --------------------------------------------


@pytest.mark.parametrize(
    "name, day, written, expected",
    [
        ("Wang Yi", datetime.date(2016, 3, 7), None,
         OfficialRole("Wang Yi", "Minister of Foreign Affairs", "China", "knowledge")),
        # two roles at once: both, in the knowledge's order
        ("wang yi", datetime.date(2024, 5, 9), None,
         OfficialRole("wang yi", "Director of the Office of the Central Foreign Affairs Commission; "
                                 "Minister of Foreign Affairs", "China", "knowledge")),
        ("王毅", datetime.date(2016, 3, 7), None,
         OfficialRole("王毅", "Minister of Foreign Affairs", "China", "knowledge")),
        # after the last role ended: "Former"
        ("John Kerry", datetime.date(2025, 1, 1), "envoy",
         OfficialRole("John Kerry", "Former Special Presidential Envoy for Climate", "United States", "knowledge")),
        # undated: the knowledge cannot say, the article's title does
        ("Wang Yi", None, "Foreign Minister", OfficialRole("Wang Yi", "Foreign Minister", "China", "article")),
        ("Wang Yi", None, None, OfficialRole("Wang Yi", None, "China", None)),
        ("Qorvan Delmotte", datetime.date(2024, 5, 9), "Deputy Foreign Minister",
         OfficialRole("Qorvan Delmotte", "Deputy Foreign Minister", None, "article")),
    ],
)
def test_role_on_a_day(knowledge, name, day, written, expected):
    assert role_on(knowledge, name, day, written) == expected


def test_known_official_by_alias_any_case(knowledge):
    assert known_official(knowledge, "WANG YI").name == known_official(knowledge, "王毅").name == "Wang Yi"
    assert known_official(knowledge, "Qorvan Delmotte") is None


def test_written_titles_before_and_after_a_name(knowledge):
    text = ("Deputy Foreign Minister Qorvan Delmotte met Lin Quessa, the ministry's spokesperson, "
            "and his counterpart, Orla Venn, said the talks went well.")

    def value(name):
        at = text.index(name)
        return FacetValue(name, (Span(at, at + len(name), name),))

    titles = written_titles(text, (value("Qorvan Delmotte"), value("Lin Quessa"), value("Orla Venn")),
                            facet_patterns(knowledge))
    # "counterpart" says how one stands to another, not a post: no title
    assert titles == {"Qorvan Delmotte": "Deputy Foreign Minister", "Lin Quessa": "the ministry's spokesperson"}


# --- roles in hits and articles -------------------------------------------------------------------


def roles_by_id(client, **params):
    answer = client.get("/api/search", query_string=params | {"per_page": 100}).get_json()
    return {hit["id"]: hit["official_roles"] for hit in answer["hits"]}


def test_hits_carry_each_officials_role_on_the_articles_date(client):
    roles = roles_by_id(client, official="Wang Yi")
    assert roles["kerry-2016.md"] == [
        {"name": "Wang Yi", "role": "Minister of Foreign Affairs", "country": "China", "source": "knowledge"},
        {"name": "John Kerry", "role": "Secretary of State", "country": "United States", "source": "knowledge"},
    ]
    assert roles["seoul-2024.md"][0] == {
        "name": "Qorvan Delmotte", "role": "Deputy Foreign Minister", "country": None, "source": "article"}


def test_officials_stays_the_list_of_names(client):
    answer = client.get("/api/search", query_string={"official": "John Kerry"}).get_json()
    hit = answer["hits"][0]
    assert hit["officials"] == [r["name"] for r in hit["official_roles"]] == ["Wang Yi", "John Kerry"]


def test_the_article_carries_roles_in_json_and_on_its_page(client):
    record = client.get("/api/articles/seoul-2024.md").get_json()
    assert [(r["name"], r["source"]) for r in record["official_roles"]] == [
        ("Qorvan Delmotte", "article"), ("Wang Yi", "knowledge")]
    page = client.get("/articles/seoul-2024.md").get_data(as_text=True)
    assert '<a class="official-link" href="/officials/Qorvan%20Delmotte">Qorvan Delmotte</a> — Deputy Foreign Minister' in page
    assert '<a class="official-link" href="/officials/Wang%20Yi">Wang Yi</a> — Director of the Office' in page


def test_the_search_page_links_every_official_to_its_page(client):
    page = client.get("/", query_string={"q": "sanctions"}).get_data(as_text=True)
    assert '<a class="official-link" href="/officials/John%20Kerry"' in page  # the hit's officials
    assert 'class="official-page-link" href="/officials/John%20Kerry"' in page  # the facet sidebar


# --- the official's page and JSON -----------------------------------------------------------------


def test_an_officials_json(client):
    answer = client.get("/api/officials/Wang Yi").get_json()
    assert {k: answer[k] for k in ("name", "in_knowledge", "country", "aliases", "articles",
                                   "first_mention", "last_mention", "histogram_interval", "undated")} == {
        "name": "Wang Yi", "in_knowledge": True, "country": "China", "aliases": ["王毅"], "articles": 3,
        "first_mention": "2016-03-07", "last_mention": "2024-05-09", "histogram_interval": "year", "undated": 0,
    }
    assert answer["roles"][0] == {"title": "Minister of Foreign Affairs", "kind": "foreign_minister",
                                  "from": "2013-03-16", "to": "2022-12-30"}
    periods = {p["period"]: p["count"] for p in answer["histogram"]}
    assert (periods["2016"], periods["2020"], periods["2023"], periods["2024"]) == (1, 0, 1, 1)
    assert [(h["id"], h["role"]) for h in answer["latest"]] == [
        ("seoul-2024.md", "Director of the Office of the Central Foreign Affairs Commission; Minister of Foreign Affairs"),
        ("tokyo-2023.md", "Director of the Office of the Central Foreign Affairs Commission"),  # before his return, July 2023
        ("kerry-2016.md", "Minister of Foreign Affairs"),
    ]
    assert answer["officials_alongside"] == [{"value": "John Kerry", "count": 1}, {"value": "Qorvan Delmotte", "count": 1}]
    # "East China Sea" is a sea, not China: the Tokyo article counts Japan only
    assert {c["value"]: c["count"] for c in answer["countries_alongside"]} == {
        "China": 2, "Japan": 1, "North Korea": 1, "South Korea": 1, "United States": 1}


def test_an_official_by_alias_or_any_case_is_the_same_official(client):
    assert client.get("/api/officials/王毅").get_json() == client.get("/api/officials/wang yi").get_json() \
        == client.get("/api/officials/Wang Yi").get_json()


def test_an_official_the_knowledge_lacks(client):
    answer = client.get("/api/officials/qorvan delmotte").get_json()
    assert {k: answer[k] for k in ("name", "in_knowledge", "country", "roles", "written_titles", "articles",
                                   "first_mention", "last_mention", "undated")} == {
        "name": "Qorvan Delmotte", "in_knowledge": False, "country": None, "roles": [],
        "written_titles": ["Deputy Foreign Minister"], "articles": 2,
        "first_mention": "2024-05-09", "last_mention": "2024-05-09", "undated": 1,
    }


@pytest.mark.parametrize("name", ["Nobody Known", "x" * 300, "Wang\x00Yi"])
def test_an_unknown_official_is_404(client, name):
    response = client.get(f"/api/officials/{quote(name)}")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
    page = client.get(f"/officials/{quote(name)}")
    assert page.status_code == 404 and "<h1>No such official</h1>" in page.get_data(as_text=True)


def test_an_official_of_the_knowledge_with_no_article(client):
    answer = client.get("/api/officials/Fumio Kishida").get_json()
    assert (answer["articles"], answer["first_mention"], answer["latest"], answer["histogram"]) == (0, None, [], [])


def test_the_officials_page(client):
    response = client.get("/officials/Wang%20Yi")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<link rel="alternate" type="application/json" href="/api/officials/Wang%20Yi">' in page
    assert "<h1>Wang Yi</h1>" in page
    assert "Minister of Foreign Affairs: 16 March 2013 – 30 December 2022" in page
    assert '<a class="facet-value" href="/officials/John%20Kerry"' in page  # officials alongside, to their pages
    assert '<a class="facet-value" href="/?official=Wang+Yi&amp;country=China"' in page  # countries, to the articles
    assert 'href="/?official=Wang+Yi&amp;from=2016-01-01&amp;to=2016-12-31"' in page  # a bar, to its articles
    assert "then Minister of Foreign Affairs" in page
    assert 'href="/?official=Wang+Yi"' in page  # every article


# --- the list ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "prefix, expected",
    [
        ("", ["Wang Yi", "Qorvan Delmotte", "John Kerry", "Mike Pompeo"]),
        ("wang", ["Wang Yi"]),
        ("YI", ["Wang Yi"]),  # any word, any case
        ("délm", ["Qorvan Delmotte"]),  # accents folded
        ("wang y", ["Wang Yi"]),
        ("zz", []),
    ],
)
def test_officials_by_prefix_with_counts(client, prefix, expected):
    answer = client.get("/api/officials", query_string={"prefix": prefix}).get_json()
    assert [o["name"] for o in answer["officials"]] == expected
    assert answer["total"] == len(expected)


def test_officials_list_counts_and_links(client):
    answer = client.get("/api/officials", query_string={"prefix": "wang"}).get_json()
    assert answer == {"prefix": "wang", "total": 1,
                      "officials": [{"name": "Wang Yi", "count": 3, "url": "/officials/Wang%20Yi"}]}


def test_a_too_long_prefix_is_400(client):
    response = client.get("/api/officials", query_string={"prefix": "x" * 101})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_prefix"


# --- meetings ----------------------------------------------------------------------------------


def test_an_officials_meetings_in_json_and_on_the_page(client):
    answer = client.get("/api/officials/John Kerry").get_json()
    assert (answer["meetings_total"], answer["meetings_url"]) == (1, "/api/meetings?official=John+Kerry")
    assert answer["meetings"] == client.get(answer["meetings_url"]).get_json()["meetings"] == [{
        "participants": ["John Kerry", "Wang Yi"], "countries": ["China", "United States"], "date": "2016-03-07",
        "place": "Beijing", "evidence": "Foreign Minister Wang Yi met Secretary of State John Kerry in Beijing on Monday.",
        "start": 31, "end": 111, "article_id": "kerry-2016.md", "article_title": "Wang and Kerry talk sanctions",
        "article_date": "2016-03-07", "article_url": "/articles/kerry-2016.md",
    }]
    page = client.get("/officials/John%20Kerry").get_data(as_text=True)
    assert '<strong>John Kerry and <a class="official-link" href="/officials/Wang%20Yi">Wang Yi</a></strong>' in page
    assert "Foreign Minister Wang Yi met Secretary of State John Kerry in Beijing on Monday." in page
    # an official in no meeting says so, rather than showing an empty list
    assert "No meeting of Mike Pompeo found in the articles." in client.get("/officials/Mike%20Pompeo").get_data(as_text=True)


def test_an_officials_page_links_a_feed_of_their_newest_articles(client):
    """The page's Follow link and <link rel=alternate> are the search feed filtered to the official."""
    import feedparser

    page = client.get("/officials/Wang%20Yi").get_data(as_text=True)
    assert 'type="application/atom+xml"' in page
    feed_url = "/feeds/search.atom?official=Wang+Yi"
    assert page.count(f'href="{feed_url}"') == 2
    feed = feedparser.parse(client.get(feed_url).get_data())
    assert feed.bozo == 0 and feed.entries
    api = client.get("/api/search?official=Wang+Yi&sort=newest&per_page=50").get_json()
    assert [e.link.rsplit("/articles/", 1)[1] for e in feed.entries] == [h["url"].rsplit("/articles/", 1)[1] for h in api["hits"]]
