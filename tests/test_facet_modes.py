"""Facets a journalist can steer: all of, any of, none of; facet value search; phrase and title highlights.

Through /api/search, /api/facets/<facet> and the search page, over the seed archive
(read only) and a few written articles; expectations are worked out from the
unfiltered answer's hits, so they follow the data rather than restate it.
"""

import re
from html import unescape
from urllib.parse import urlencode

import pytest

from searchapp import create_app
from written_archive import client_over


@pytest.fixture(scope="module")
def client(seed_index):
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(seed_index[0]), "INDEX_DIR": str(seed_index[1])})
    yield app.test_client()
    app.extensions["search"].close()


def search(client, **params) -> dict:
    answer = client.get("/api/search", query_string={"per_page": 100} | params)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def ids(answer) -> set[str]:
    return {hit["id"] for hit in answer["hits"]}


def counts(answer, facet: str) -> dict[str, int]:
    return {fv["value"]: fv["count"] for fv in answer["facets"][facet]}


def selected(answer, facet: str) -> set[str]:
    return {fv["value"] for fv in answer["facets"][facet] if fv["selected"]}


def count_over(hits, attribute: str) -> dict[str, int]:
    """What a facet's counts over these hits must be."""
    found: dict[str, int] = {}
    for hit in hits:
        for value in hit[attribute]:
            found[value] = found.get(value, 0) + 1
    return found


@pytest.fixture(scope="module")
def everything(client):
    return search(client)


def two_partial_countries(everything) -> tuple[str, str]:
    """Two countries neither of which every article has, the second not on every article the first is on."""
    total = everything["total"]
    partial = [v for v, n in counts(everything, "country").items() if n < total]
    for first in partial:
        for second in partial:
            a = {h["id"] for h in everything["hits"] if first in h["countries"]}
            b = {h["id"] for h in everything["hits"] if second in h["countries"]}
            if a - b and b - a:
                return first, second
    raise AssertionError("the seed archive has two countries on different articles")


# --- any of ---------------------------------------------------------------------


def test_any_of_finds_the_articles_with_either_value(client, everything):
    first, second = two_partial_countries(everything)
    answer = search(client, country_any=[first, second])
    expected = {h["id"] for h in everything["hits"] if {first, second} & set(h["countries"])}
    assert ids(answer) == expected and answer["total"] == len(expected)
    # all of the same two is narrower: both on one article
    both = search(client, country=[first, second])
    assert ids(both) == {h["id"] for h in everything["hits"] if {first, second} <= set(h["countries"])}
    assert ids(both) < ids(answer)


def test_an_any_of_facet_is_counted_as_if_its_own_choice_were_not_applied(client, everything):
    first, second = two_partial_countries(everything)
    answer = search(client, country_any=[first])
    # The country facet: every country over the whole archive, as before choosing
    assert counts(answer, "country") == counts(everything, "country")
    assert selected(answer, "country") == {first}
    # The other facets: over the articles the choice leaves
    kept = [h for h in everything["hits"] if first in h["countries"]]
    assert counts(answer, "official") == count_over(kept, "officials")
    assert counts(answer, "topic") == count_over(kept, "topics")


def test_any_of_counts_keep_the_other_facets_filters(client, everything):
    first, _ = two_partial_countries(everything)
    official = next(v for v, n in counts(everything, "official").items() if n < everything["total"])
    answer = search(client, country_any=[first], official=[official])
    with_official = [h for h in everything["hits"] if official in h["officials"]]
    assert counts(answer, "country") == count_over(with_official, "countries")
    both = [h for h in with_official if first in h["countries"]]
    assert counts(answer, "official") == count_over(both, "officials") and selected(answer, "official") == {official}


def test_two_facets_in_any_of_mode_each_count_without_their_own_choice(client, everything):
    first, _ = two_partial_countries(everything)
    topic = next(v for v, n in counts(everything, "topic").items() if n < everything["total"])
    answer = search(client, country_any=[first], topic_any=[topic])
    with_topic = [h for h in everything["hits"] if topic in h["topics"]]
    with_country = [h for h in everything["hits"] if first in h["countries"]]
    assert counts(answer, "country") == count_over(with_topic, "countries")
    assert counts(answer, "topic") == count_over(with_country, "topics")
    assert ids(answer) == {h["id"] for h in with_topic if first in h["countries"]}


# --- none of --------------------------------------------------------------------


def test_none_of_leaves_the_values_out_and_counts_what_is_left(client, everything):
    first, second = two_partial_countries(everything)
    answer = search(client, country_not=[first, second])
    kept = [h for h in everything["hits"] if not {first, second} & set(h["countries"])]
    assert ids(answer) == {h["id"] for h in kept}
    assert counts(answer, "country") == count_over(kept, "countries")
    assert first not in counts(answer, "country") and selected(answer, "country") == set()


def test_the_three_modes_together(client, everything):
    first, second = two_partial_countries(everything)
    answer = search(client, country=[first], topic_not=["health"], year_any=["undated", "2021"])
    expected = {
        h["id"] for h in everything["hits"]
        if first in h["countries"] and "health" not in h["topics"] and (h["date"] is None or h["date"][:4] == "2021")
    }
    assert ids(answer) == expected


def test_year_undated_in_any_of_and_none_of(client, everything):
    undated = {h["id"] for h in everything["hits"] if h["date"] is None}
    assert undated and undated != ids(everything)
    assert ids(search(client, year_not=["undated"])) == ids(everything) - undated
    year = next(h["date"][:4] for h in everything["hits"] if h["date"])
    dated = {h["id"] for h in everything["hits"] if h["date"] and h["date"][:4] == year}
    assert ids(search(client, year_any=["Undated", year])) == undated | dated


# --- values as a journalist types them --------------------------------------------


@pytest.mark.parametrize("mode", ["country", "country_any", "country_not"])
def test_every_mode_reads_values_in_any_case_and_by_alias(client, everything, mode):
    north = {h["id"] for h in everything["hits"] if "North Korea" in h["countries"]}
    for typed in ("North Korea", "north korea", "DPRK", "N. Korea"):
        found = ids(search(client, **{mode: [typed]}))
        assert found == (ids(everything) - north if mode == "country_not" else north), typed


def test_an_official_by_another_spelling_in_any_of_and_none_of(client, everything):
    yoon = {h["id"] for h in everything["hits"] if "Yoon Suk Yeol" in h["officials"]}
    assert yoon
    answer = search(client, official_any=["Yoon Suk-yeol", "윤석열"])
    assert ids(answer) == yoon and selected(answer, "official") == {"Yoon Suk Yeol"}
    assert ids(search(client, official_not=["yoon suk-yeol"])) == ids(everything) - yoon


# --- bad values -------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, code",
    [
        ("year_any=21", "bad_year_any"),
        ("year_not=someday", "bad_year_not"),
        ("year_any=2021&year_not=undatedd", "bad_year_not"),
    ],
)
def test_bad_values_of_the_new_parameters_are_400s(client, query, code):
    answer = client.get("/api/search?" + query)
    assert answer.status_code == 400
    assert answer.get_json()["error"]["code"] == code


def test_the_filter_limit_counts_every_mode_together(tmp_path, seed_index):
    app = create_app({"TESTING": True, "INDEX_DIR": str(seed_index[1]), "MAX_FILTER_VALUES": 3})
    client = app.test_client()
    try:
        assert client.get("/api/search?country=China&country_any=Japan&topic_not=trade").status_code == 200
        answer = client.get("/api/search?country=China&country_any=Japan&topic_not=trade&year_not=2021")
        assert answer.status_code == 400 and answer.get_json()["error"]["code"] == "too_many_filters"
        page = client.get("/?country=China&country_any=Japan&topic_not=trade&year_not=2021")
        assert page.status_code == 400 and b"at most 3 facet filter values" in page.data
    finally:
        app.extensions["search"].close()


# --- facet value search -------------------------------------------------------------


def facet_values(client, facet: str, **params):
    answer = client.get(f"/api/facets/{facet}", query_string=params)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def words_start(value: str, prefix: str) -> bool:
    return any(word.lower().startswith(prefix) for word in re.split(r"[\s-]+", value))


def test_value_search_finds_a_word_start_anywhere_in_the_value(client, everything):
    answer = facet_values(client, "official", prefix="ki")
    officials = counts(everything, "official")
    expected = {v: n for v, n in officials.items() if words_start(v, "ki")}
    assert len(expected) >= 2  # Kim Jong Un, Shigeru Kitamura: the first word and a later one
    assert {v["value"]: v["count"] for v in answer["values"]} == expected
    assert answer["total"] == len(expected) and answer["facet"] == "official" and answer["prefix"] == "ki"
    counts_in_order = [v["count"] for v in answer["values"]]
    assert counts_in_order == sorted(counts_in_order, reverse=True)


@pytest.mark.parametrize("prefix", ["KI", "Kí", " ki "])
def test_value_search_ignores_case_accents_and_spaces(client, prefix):
    assert facet_values(client, "official", prefix=prefix)["values"] == facet_values(client, "official", prefix="ki")["values"]


def test_value_search_finds_the_value_an_alias_names(client):
    values = [v["value"] for v in facet_values(client, "country", prefix="dprk")["values"]]
    assert values == ["North Korea"]


def test_value_search_counts_within_the_search(client):
    within = search(client, q="THAAD OR sanctions", topic=["nuclear"])
    answer = facet_values(client, "country", prefix="", q="THAAD OR sanctions", topic="nuclear", limit=100)
    assert {v["value"]: v["count"] for v in answer["values"]} == counts(within, "country")
    assert {v["value"] for v in answer["values"] if v["selected"]} == set()


def test_value_search_counts_an_any_of_facet_without_its_own_choice(client, everything):
    first, _ = two_partial_countries(everything)
    answer = facet_values(client, "country", limit=100, country_any=first)
    assert {v["value"]: v["count"] for v in answer["values"]} == counts(everything, "country")
    assert [v["value"] for v in answer["values"] if v["selected"]] == [first]


def test_value_search_limit_and_total(client, everything):
    answer = facet_values(client, "official", limit=2)
    assert len(answer["values"]) == 2 and answer["total"] == len(everything["facets"]["official"])


@pytest.mark.parametrize(
    "path, status, code",
    [
        ("/api/facets/officials", 404, "not_found"),
        ("/api/facets/official?limit=0", 400, "bad_limit"),
        ("/api/facets/official?limit=101", 400, "bad_limit"),
        ("/api/facets/official?limit=ten", 400, "bad_limit"),
        ("/api/facets/official?prefix=" + "k" * 101, 400, "bad_prefix"),
        ("/api/facets/year?year_any=21", 400, "bad_year_any"),
        ("/api/facets/official?from=someday", 400, "bad_date"),
    ],
)
def test_value_search_refuses_bad_parameters(client, path, status, code):
    answer = client.get(path)
    assert answer.status_code == status
    assert answer.get_json()["error"]["code"] == code


# --- the page ---------------------------------------------------------------------


def test_the_page_shows_chips_with_their_modes_and_links_for_every_mode(client, everything):
    first, second = two_partial_countries(everything)
    page = client.get("/", query_string={"country_any": first, "country_not": second, "official": "Wang Yi"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    chips = [" ".join(unescape(re.sub(r"<[^>]+>", "", c)).split()) for c in re.findall(r'<a class="chip chip-selected[^"]*"[^>]*>(.*?)</a>', html, re.S)]
    assert chips == [f"Country (any of): {first} ×", f"Country (not): {second} ×", "Official: Wang Yi ×"]
    # The form keeps each filter in its own parameter, so a new query keeps the modes
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
    assert [(k, unescape(v)) for k, v in hidden] == [("country_any", first), ("country_not", second), ("official", "Wang Yi")]
    # Every value not chosen offers "or" and "not"; their links add the value in that mode
    for label, mode in (("Any of", "country_any"), ("Exclude", "country_not")):
        links = re.findall(rf'href="([^"]+)" aria-label="{label}:? country:? (?!pair)([^"]+)"', html)
        assert links, label
        for href, value in links:
            assert urlencode({mode: unescape(value)}) in unescape(href)


def test_the_page_counts_as_the_api_does(client, everything):
    first, second = two_partial_countries(everything)
    query = {"country_any": [first, second], "topic_not": "trade"}
    answer = search(client, **query)
    html = client.get("/", query_string=query).get_data(as_text=True)
    shown = dict(re.findall(r'aria-label="([^":]+): (\d+) articles?[^"]*"', html))
    for facet in ("country", "official"):
        for value, count in counts(answer, facet).items():
            assert int(shown[value]) == count, value


def test_links_carry_only_known_parameters(client):
    html = client.get("/?country_any=China&stranger=1&country_nope=Japan").get_data(as_text=True)
    assert "stranger" not in html and "country_nope" not in html
    assert "country_any=China" in html


# --- highlights ---------------------------------------------------------------------


def marks(html: str) -> list[str]:
    return [unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", html)]


def test_a_quoted_phrase_is_marked_whole_and_never_its_words_alone(client):
    answer = search(client, q='"South China Sea"')
    assert answer["hits"]
    for hit in answer["hits"]:
        assert marks(hit["snippet"]) and {m.lower() for m in marks(hit["snippet"])} == {"south china sea"}
        assert set(m.lower() for m in marks(hit["title_html"])) <= {"south china sea"}
    # A lone "China" is in those articles, and a word searched alone is marked there
    both = search(client, q='"South China Sea" China')
    assert any("China" in marks(hit["snippet"]) for hit in both["hits"])


def test_the_title_is_marked_and_kept_as_it_was(client):
    answer = search(client, q="Korea")
    assert answer["hits"]
    for hit in answer["hits"]:
        assert unescape(re.sub(r"</?mark>", "", hit["title_html"])) == hit["title"]
        if re.search(r"\bKorea\b", hit["title"]):  # "Korean" is another word
            assert "Korea" in marks(hit["title_html"])
    html = client.get("/?q=Korea").get_data(as_text=True)
    titles = re.findall(r'<h2 class="hit-title" dir="auto"><a [^>]*>(.*?)</a></h2>', html, re.S)
    assert any("<mark>Korea</mark>" in t for t in titles)


def test_without_a_query_nothing_is_marked(client):
    for hit in search(client)["hits"]:
        assert "<mark>" not in hit["title_html"] and "<mark>" not in hit["snippet"]


def test_the_article_page_marks_a_phrase_whole(client):
    hit = search(client, q='"South China Sea"')["hits"][0]
    html = client.get(hit["url"], query_string={"q": '"South China Sea"'}).get_data(as_text=True)
    text = html.split("</header>", 1)[-1].split("are <mark>highlighted</mark>", 1)[-1]  # past the hint's own mark
    assert marks(text) and {m.lower() for m in marks(text)} == {"south china sea"}


CJK = {
    "kishida.md": "# 岸田文雄首相が記者会見\n\n2023年5月21日\n\n岸田文雄首相は、広島で記者会見を開き、核軍縮について語った。\n",
    "other.md": "# Talks\n\nMarch 7, 2024\n\nTalks resumed after the summit.\n",
}


@pytest.fixture(scope="module")
def cjk_client(tmp_path_factory):
    with client_over(CJK, tmp_path_factory.mktemp("cjk_marks")) as client:
        yield client


def test_cjk_bigrams_are_one_mark(cjk_client):
    (hit,) = cjk_client.get("/api/search", query_string={"q": "岸田文雄"}).get_json()["hits"]
    assert marks(hit["snippet"]) == ["岸田文雄"]
    assert marks(hit["title_html"]) == ["岸田文雄"]
    html = cjk_client.get("/", query_string={"q": "岸田文雄"}).get_data(as_text=True)
    assert "<mark>岸田文雄</mark>" in html and "</mark><mark>" not in html


def test_the_country_pair_facet_has_every_mode_and_value_search(client, everything):
    pairs = counts(everything, "country_pair")
    partial = [v for v, n in pairs.items() if n < everything["total"]]
    assert len(partial) >= 2, "the seed archive pairs countries on some articles only"
    first, second = partial[:2]
    having = {v: {h["id"] for h in search(client, country_pair=[v])["hits"]} for v in (first, second)}
    assert ids(search(client, country_pair_any=[first, second])) == having[first] | having[second]
    assert ids(search(client, country_pair_not=[first])) == ids(everything) - having[first]
    assert counts(search(client, country_pair_any=[first]), "country_pair") == pairs
    word = first.split("–")[1].split()[0][:3]  # the start of a word after the dash: "Kor" in China–North Korea
    found = {v["value"] for v in facet_values(client, "country_pair", prefix=word, limit=100)["values"]}
    assert first in found and found == {v for v in pairs if words_start(v.replace("–", " "), word.lower())}
