"""The JSON API: the shape docs/DESIGN.md fixes, its errors, and no 500 for any input."""

from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searchapp import create_app, get_service, quote_id
from searchapp.engine import budget
from searchapp.engine import SearchRequest

SMALL = Path(__file__).parent / "data" / "index" / "small"
HIT_KEYS = {
    "id", "title", "title_html", "date", "source", "url", "score", "snippet", "countries", "officials", "official_roles", "topics",
}
ARTICLE_KEYS = {
    "id", "title", "date", "source", "url", "original_url", "path", "body", "countries", "officials", "official_roles", "topics",
    "evidence", "byline", "date_from", "meetings",
}
UNDATED_ID = "d_pandemic.txt"  # the small archive's one article with no date


@pytest.fixture
def small_client(tmp_path, indexed_copy):
    """A client over the small archive, whose ids include a .jsonl "file#line" id."""
    articles, index_dir = indexed_copy(SMALL, tmp_path)
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(index_dir)})
    return app.test_client()


def assert_error(response, status: int, code: str):
    assert response.status_code == status
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]


def test_search_answer_has_the_documented_shape(client, app):
    response = client.get("/api/search?q=THAAD")
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) >= {
        "query", "total", "page", "per_page", "pages", "took_ms", "suggestion", "hits", "facets", "undated_excluded",
    }
    assert (body["query"], body["page"], body["per_page"], body["pages"]) == ("THAAD", 1, 20, 1)
    assert body["total"] == len(body["hits"]) >= 1
    assert set(body["facets"]) == {"country", "official", "topic", "source", "year", "country_pair"}
    for hit in body["hits"]:
        assert set(hit) == HIT_KEYS
        assert "<mark>THAAD</mark>" in hit["snippet"]
        assert hit["url"] == "/articles/" + quote(hit["id"], safe="/")
    for values in body["facets"].values():
        assert all(set(v) == {"value", "count", "selected"} for v in values)


def test_search_json_equals_the_service_result(client, app):
    """The API renders the very result the service returns (the HTML page renders it too)."""
    body = client.get("/api/search?q=korea&per_page=2&page=2&sort=oldest").get_json()
    with app.app_context():
        result = get_service().search(SearchRequest(q="korea", per_page=2, page=2, sort="oldest"))
    assert [h["id"] for h in body["hits"]] == [h.id for h in result.hits]
    assert body["total"] == result.total and body["pages"] == result.pages
    assert body["facets"] == {
        name: [{"value": f.value, "count": f.count, "selected": f.selected} for f in counts]
        for name, counts in result.facets.items()
    }


def test_filters_mark_their_facet_values_selected(small_client):
    body = small_client.get("/api/search?source=Test+Wire&year=2021").get_json()
    assert body["total"] == 2
    assert body["facets"]["source"] == [{"value": "Test Wire", "count": 2, "selected": True}]
    assert body["facets"]["year"] == [{"value": "2021", "count": 2, "selected": True}]


# --- undated articles -------------------------------------------------------------


def hit_ids(body) -> list[str]:
    return [h["id"] for h in body["hits"]]


def test_the_year_facet_counts_undated_articles(small_client):
    body = small_client.get("/api/search").get_json()
    assert body["facets"]["year"] == [
        {"value": "2021", "count": 3, "selected": False},
        {"value": "2019", "count": 1, "selected": False},
        {"value": "2020", "count": 1, "selected": False},
        {"value": "2022", "count": 1, "selected": False},
        {"value": "undated", "count": 1, "selected": False},
    ]
    assert body["undated_excluded"] is None  # no date bounds: nothing to report


@pytest.mark.parametrize(
    "query, expected",
    [
        ("year=undated", [UNDATED_ID]),
        ("year=Undated", [UNDATED_ID]),
        ("year=undated&q=vaccine", [UNDATED_ID]),
        ("year=undated&year=2019", ["e_summit.txt", UNDATED_ID]),  # with another year: either
        ("year=2019&year=undated&sort=oldest", ["e_summit.txt", UNDATED_ID]),
        ("year=undated&source=Test+Wire", []),
        ("q=year:undated", [UNDATED_ID]),
    ],
)
def test_year_undated_selects_the_articles_with_no_date(small_client, query, expected):
    body = small_client.get("/api/search?" + query).get_json()
    assert hit_ids(body) == expected
    if expected and "year=" in query:
        assert {"value": "undated", "count": 1, "selected": True} in body["facets"]["year"]


@pytest.mark.parametrize(
    "query, total, excluded",
    [
        ("from=2021", 4, 1),
        ("to=2020-12-31", 2, 1),
        ("from=2019&to=2022", 6, 1),
        ("from=2021&q=vaccine", 0, 1),  # the only match is undated
        ("from=2021&source=Test+Wire", 2, 0),  # the undated article is from Harbor Times
        ("from=2021&year=undated", 0, 1),
        ("from=2021&year=2021", 3, 0),  # the year filter, not the dates, leaves it out
        ("q=vaccine", 1, None),
    ],
)
def test_a_date_filter_says_how_many_undated_articles_it_left_out(small_client, query, total, excluded):
    body = small_client.get("/api/search?" + query).get_json()
    assert (body["total"], body["undated_excluded"]) == (total, excluded)
    assert all(v["value"] != "undated" for v in body["facets"]["year"]) or "from" not in query


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_sorts_keep_undated_articles_last(small_client, sort):
    body = small_client.get(f"/api/search?sort={sort}").get_json()
    assert body["total"] == len(body["hits"]) == 7
    assert hit_ids(body)[-1] == UNDATED_ID and body["hits"][-1]["date"] is None
    dates = [h["date"] for h in body["hits"][:-1]]
    assert dates == sorted(dates, reverse=sort == "newest")
    assert hit_ids(small_client.get(f"/api/search?sort={sort}&per_page=3&page=3").get_json()) == [UNDATED_ID]


def test_the_article_says_where_its_date_came_from(small_client):
    dated = small_client.get("/api/articles/a_beijing_seoul.txt").get_json()
    assert (dated["date"], dated["date_from"]) == ("2021-04-03", "the file's header block")
    undated = small_client.get("/api/articles/" + UNDATED_ID).get_json()
    assert (undated["date"], undated["date_from"]) == (None, None)


def test_suggestion_in_the_answer(small_client):
    body = small_client.get("/api/search?q=Pyongyng").get_json()
    assert (body["total"], body["suggestion"]) == (0, "Pyongyang")  # in the case it was typed in


@pytest.mark.parametrize(
    "query, code",
    [
        ("per_page=0", "bad_per_page"),
        ("per_page=101", "bad_per_page"),
        ("per_page=abc", "bad_per_page"),
        ("page=0", "bad_page"),
        ("page=-3", "bad_page"),
        ("sort=best", "bad_sort"),
        ("from=yesterdayish", "bad_date"),
        ("to=2021-13-45", "bad_date"),
        ("from=2022&to=2021", "bad_date"),
        ("year=1e3", "bad_year"),
        ("year=undate", "bad_year"),
        ("year=undated2021", "bad_year"),
        ("year=undated&from=someday", "bad_date"),
        ("q=%3C%3E", "bad_query"),
        ("q=" + "x" * 1001, "bad_query"),
    ],
)
def test_bad_parameters_get_400_in_the_error_shape(client, query, code):
    assert_error(client.get("/api/search?" + query), 400, code)


@pytest.mark.parametrize(
    "q, total",
    [("<security> talks", 1), ("<talks>", 2), ("<script>alert(1)</script>", 0), ("date:[x to y]", 0), ("seoul \U0001f4a5", 2)],
)
def test_a_query_the_syntax_cannot_read_searches_its_words(small_client, q, total):
    body = small_client.get("/api/search?" + urlencode({"q": q})).get_json()
    assert (body["query"], body["total"]) == (q, total)


@pytest.mark.parametrize(
    "q, message",
    [
        ("(((", "The query has no words to search for: use letters or digits."),
        ("<", "The query has no words to search for: use letters or digits."),
        ("~~", "The query has no words to search for: use letters or digits."),
        ("\U0001f4a5", "The query has no words to search for: use letters or digits."),
        ("seoul " * 200, "The query is longer than 1,000 characters (1,199): shorten it."),
    ],
)
def test_a_query_with_nothing_to_search_says_so_in_plain_words(small_client, q, message):
    response = small_client.get("/api/search?" + urlencode({"q": q}))
    assert (response.status_code, response.get_json()) == (400, {"error": {"code": "bad_query", "message": message}})


@pytest.mark.parametrize(
    "query",
    [
        "q=(((", "q=%22unclosed", "q=AND", "q=NOT+NOT", "q=title:", "q=*", "q=~~", "q=a~9/9", "q=country:",
        "q=%00", "q=%F0%9F%92%A5", "q=date:>", "q=date:[2020+to]", "q=%5C", "q=a^x", "q=year:abc",
        "country=%00", "official=" + "y" * 500, "page=99999999999999999999", "q=official:%22%22",
        "country=China&country=&topic=nuclear", "sort=", "per_page=", "from=&to=",
    ],
)
def test_no_input_yields_a_500(client, query):
    response = client.get("/api/search?" + query)
    assert response.status_code in (200, 400)
    assert response.is_json


@pytest.mark.parametrize("id", ["a_beijing_seoul.txt", "f_wire.jsonl#1"])
def test_article_is_whole_with_its_facets(small_client, id):
    body = small_client.get("/api/articles/" + quote(id, safe="/")).get_json()
    assert set(body) == ARTICLE_KEYS
    assert (body["id"], body["path"], body["url"]) == (id, id.split("#")[0], "/articles/" + quote(id, safe="/"))
    text = f"{body['title']}\n\n{body['body']}"
    for facet, values in body["evidence"].items():
        assert facet in ("country", "official", "topic")
        for spans in values.values():
            assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)
    assert set(body["evidence"].get("country", {})) == set(body["countries"])


def test_article_byline_or_null(client, app):
    with app.app_context():
        records = [get_service().article(h.id) for h in get_service().search(SearchRequest(per_page=100)).hits]
    bylines = {r.id: client.get("/api/articles/" + quote(r.id, safe="/")).get_json()["byline"] for r in records}
    assert bylines == {r.id: r.byline for r in records}
    assert None in bylines.values() and "By Choi Si-young (siyoungchoi@heraldcorp.com)" in bylines.values()


def test_article_original_url_and_date(small_client):
    body = small_client.get("/api/articles/f_wire.jsonl%231").get_json()
    assert (body["original_url"], body["date"], body["source"]) == (
        "https://example.org/taipei-cyber", "2022-01-15", "Island Post",
    )


@pytest.mark.parametrize(
    "path", ["/api/articles/nope.txt", "/api/articles/a/b/c.txt", "/api/articles/%00", "/api/nothing", "/api/"]
)
def test_unknown_things_get_404_in_the_error_shape(client, path):
    assert_error(client.get(path), 404, "not_found")


@pytest.mark.parametrize("method, path", [("post", "/api/search"), ("delete", "/api/articles/a.txt")])
def test_wrong_methods_get_405_in_the_error_shape(client, method, path):
    response = getattr(client, method)(path)
    assert_error(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]


def test_no_index_yet_is_a_503_that_says_what_to_do(tmp_path):
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "ARTICLES_DIR": str(tmp_path)})
    response = app.test_client().get("/api/search?q=x")
    assert_error(response, 503, "no_index")
    assert "reindex" in response.get_json()["error"]["message"]


def test_unexpected_errors_are_logged_and_answered_in_the_error_shape(app, client, monkeypatch):
    def broken(self, req):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("searchapp.engine.service.SearchService.search", broken)
    assert_error(client.get("/api/search?q=x"), 500, "internal_error")
    assert "disk on fire" not in client.get("/api/search?q=x").get_data(as_text=True)


SYNTAX = ['"', "(", ")", ":", "~", "*", "?", "^", "[", "]", "{", "}", "<", ">", "!", "+", "-", "/", "\\", " ", "AND", "OR",
          "NOT", "TO", "date:", "country:", "title:", "source:", "year:", "seoul", "talks", "2021", "April", "~2", "9", "'",
          "&", "#", "\x00", "é", "💥", "date:[", "date:>", ","]
VALUES = ["", "0", "1", "-1", "100", "101", "1e3", "x", "2021", "April 2021", "2021-02-30", "99999999999999999999", "\x00",
          "newest", "relevance", "tomorrow", "  ", "undated", "UNDATED"]
PARAMS = ["q", "country", "official", "topic", "source", "year", "from", "to", "sort", "page", "per_page"]


def test_random_inputs_never_yield_a_500(small_client):
    """Seeded random queries and parameters: every answer is a 200 or a 400 in the error shape."""
    import random
    from urllib.parse import urlencode

    rng = random.Random(3)
    for _ in range(300):
        q = "".join(rng.choice(SYNTAX) for _ in range(rng.randint(1, 8)))
        params = [("q", q)] + [(rng.choice(PARAMS), rng.choice(VALUES)) for _ in range(rng.randint(0, 3))]
        response = small_client.get("/api/search?" + urlencode(params))
        assert response.status_code in (200, 400), params
        if response.status_code == 400:
            assert set(response.get_json()["error"]) == {"code", "message"}


def test_hit_urls_without_the_web_pages(seed_index):
    """An app with only the API still links hits to /articles/<quoted id>."""
    from flask import Flask

    from searchapp.web import api

    app = Flask("api_only")
    app.config["INDEX_DIR"] = str(seed_index[1])
    api.init_app(app)
    body = app.test_client().get("/api/search?per_page=100").get_json()
    assert body["total"] == 5
    assert [h["url"] for h in body["hits"]] == ["/articles/" + quote(h["id"], safe="/") for h in body["hits"]]
    app.extensions["search"].close()


def test_hit_urls_follow_the_mount_point_of_each_request(client):
    """The link base is kept between requests; one served under a prefix (SCRIPT_NAME) still gets its own."""
    for root in ("", "/newsroom", "/desk/search", ""):
        body = client.get("/api/search?per_page=100", base_url=f"http://localhost{root}/").get_json()
        assert body["total"] and [h["url"] for h in body["hits"]] == [
            f"{root}/articles/" + quote(h["id"], safe="/") for h in body["hits"]
        ]


# --- limits, and errors that are JSON wherever they arise (issue 11) ----------------


@pytest.mark.parametrize("name", ["page", "per_page"])
@pytest.mark.parametrize("digits", [19, 4301])
def test_a_number_too_long_is_a_400_not_a_500(client, name, digits):
    """int() refuses more than 4,300 digits; no page of any archive needs 19."""
    response = client.get(f"/api/search?{name}=" + "9" * digits)
    assert_error(response, 400, f"bad_{name}")
    assert len(response.get_json()["error"]["message"]) < 120  # the number is not echoed back whole


def test_more_filter_values_than_the_limit_is_a_400(client):
    values = urlencode([("country", f"Country {n}") for n in range(51)])
    assert_error(client.get("/api/search?" + values), 400, "too_many_filters")
    assert client.get("/api/search?" + urlencode([("country", "China")] * 200)).status_code == 200  # one value


def test_the_filter_limit_is_a_setting(app, client):
    app.config["MAX_FILTER_VALUES"] = 2
    assert client.get("/api/search?country=China&topic=nuclear").status_code == 200
    assert_error(client.get("/api/search?country=China&topic=nuclear&source=Yonhap"), 400, "too_many_filters")


@pytest.mark.parametrize(
    "path", ["/api/articles/x%0Ay", "/api/nope", "/api/", "/api/articles/", "/api/search/more", "/api/%0A"]
)
def test_every_api_404_is_json(client, path):
    assert_error(client.get(path), 404, "not_found")


def test_a_failure_outside_the_api_views_is_still_json(app, client):
    """A hook failing on an address no route matched has no blueprint handler: the app-wide one answers."""
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.before_request
    def broken():
        raise RuntimeError("disk on fire")

    assert_error(client.get("/api/nope"), 500, "internal_error")
    assert (client.get("/nope").status_code, client.get("/nope").mimetype) == (500, "text/html")


ODD_IDS = ["a\nb.txt", "two words.txt", "hash#1.txt", "100%.txt", "what?.txt", "ünï €.txt", "a&b=c+d;e.txt",
           "sub dir/x%2Fy.txt", "tab\there.txt", "rep\ufffdlaced.txt"]


@pytest.fixture(scope="module")
def odd_client(tmp_path_factory, indexed_copy):
    """A client over articles whose file names hold newlines, spaces, '#', '%', '?' and more."""
    source = tmp_path_factory.mktemp("odd_source")
    for n, id in enumerate(ODD_IDS):
        (source / id).parent.mkdir(parents=True, exist_ok=True)
        (source / id).write_text(f"Title: Odd name {n}\nDate: 2021-04-0{n % 9 + 1}\n\nEnvoys met in Hanoi.\n",
                                 encoding="utf-8")
    articles, index_dir = indexed_copy(source, tmp_path_factory.mktemp("odd"))
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(index_dir)})
    yield app.test_client()
    app.extensions["search"].close()


def test_odd_article_ids_round_trip_through_their_urls(odd_client):
    hits = odd_client.get("/api/search?per_page=100").get_json()["hits"]
    assert sorted(h["id"] for h in hits) == sorted(ODD_IDS)
    for hit in hits:
        assert hit["url"] == "/articles/" + quote(hit["id"], safe="/")
        body = odd_client.get("/api" + hit["url"]).get_json()
        assert (body["id"], body["title"]) == (hit["id"], hit["title"])


# --- search budgets (issue 11) --------------------------------------------------

TIMED_OUT_NOTICE = "The search took too long; results may be incomplete."


def test_a_search_within_its_budget_says_it_did_not_time_out(client):
    body = client.get("/api/search?q=THAAD").get_json()
    assert body["timed_out"] is False and body["total"] >= 1
    assert TIMED_OUT_NOTICE not in client.get("/?q=THAAD").get_data(as_text=True)


def test_a_search_out_of_time_answers_what_it_found_and_says_so(app, client):
    """The budget is read from the config at each request; 0 ms runs out at the first check."""
    app.config["SEARCH_TIME_BUDGET_MS"] = 0
    response = client.get("/api/search?q=THAAD")
    assert response.status_code == 200
    body = response.get_json()
    assert body["timed_out"] is True
    assert {"query", "total", "page", "pages", "hits", "facets", "suggestion", "undated_excluded"} <= set(body)
    assert body["total"] == len(body["hits"]) == 0
    assert set(body["facets"]) == {"country", "official", "topic", "source", "year", "country_pair"}


def test_the_search_page_shows_when_a_search_ran_out_of_time(app, client):
    app.config["SEARCH_TIME_BUDGET_MS"] = 0
    page = client.get("/?q=THAAD")
    assert page.status_code == 200
    assert f'id="timed-out" role="status">{TIMED_OUT_NOTICE}</p>' in page.get_data(as_text=True)


@pytest.mark.parametrize(
    "q, code",
    [
        (" ".join(f"w{i:03d}q~2" for i in range(1, 125)), "too_many_words"),  # the 94.9 s query
        ("korea~ seoul~ summit~ missile~ sanctions~", "too_many_fuzzy_terms"),
        (" ".join(f"*{c}*" for c in "abcdefghijklmnopqrstuvwxyz"), "too_many_wildcards"),  # the 26 *x*
        ("(" * 20 + "korea" + ")" * 20, "too_deep"),
    ],
)
def test_a_query_over_the_limits_is_a_400_in_the_error_shape(client, q, code):
    assert_error(client.get("/api/search?" + urlencode({"q": q})), 400, code)
    page = client.get("/?" + urlencode({"q": q}))
    assert page.status_code == 400 and "at most" in page.get_data(as_text=True)


def test_the_limits_are_settings_read_at_each_request(app, client):
    assert client.get("/api/search?q=korea~ seoul~").status_code == 200
    app.config["SEARCH_MAX_FUZZY_TERMS"] = 1
    assert_error(client.get("/api/search?q=korea~ seoul~"), 400, "too_many_fuzzy_terms")


def test_budget_settings_from_the_environment_are_whole_numbers(monkeypatch, tmp_path):
    monkeypatch.setenv("SEARCHAPP_SEARCH_TIME_BUDGET_MS", "1500")
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path)})
    assert app.config["SEARCH_TIME_BUDGET_MS"] == 1500
    monkeypatch.setenv("SEARCHAPP_SEARCH_MAX_EXPANSIONS", "lots")
    with pytest.raises(ValueError, match="SEARCH_MAX_EXPANSIONS"):
        create_app({"TESTING": True, "INDEX_DIR": str(tmp_path)})


def test_the_app_defaults_are_the_service_defaults(app):
    assert budget.from_config(app.config) == budget.Limits()


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("#/~-._ ?%"), max_size=20))
def test_an_article_id_in_a_url_is_quoted_as_urllib_quotes_it(id):
    assert quote_id(id) == quote(id, safe="/", errors="surrogateescape")


def test_a_record_ids_hash_is_quoted():
    assert quote_id("wire/2024.jsonl#17") == "wire/2024.jsonl%2317"
