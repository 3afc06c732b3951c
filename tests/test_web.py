"""The HTML pages through Flask's test client, over a small index of the seed articles."""

import dataclasses
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from markupsafe import Markup

from searchapp import create_app, get_service
from searchapp.facets import Knowledge
from searchapp.index import reindex
from searchapp.engine import FacetCount, Hit, Marked, SearchRequest, SearchResult
from searchapp.web.facet_links import facet_panels, hit_chips
from searchapp.web.pages import SECURITY_HEADERS, date_origin, snippet_html, sort_options
from searchapp.web.search_urls import SEARCH_PARAMS, SearchUrls, pagination

from article_record import RECORD  # noqa: E402 (tests/ is on the path)

SEED = Path(__file__).parent / "data" / "seed"
SMALL = Path(__file__).parent / "data" / "index" / "small"
UNDATED_ID = "d_pandemic.txt"  # the small archive's one article with no date
HOSTILE = Path(__file__).parent / "browser" / "hostile_article.txt"
HOSTILE_ID = "zz_hostile.txt"


@pytest.fixture
def service(seed_service):
    """What the pages must show: the same service the JSON API uses, over the same seed index."""
    return seed_service


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    """A client over the seed articles plus one whose title and text are hostile HTML.

    The reader removes tags from text; it is switched off here, as a reader bug would, so
    that the index holds the markup and the pages' own escaping is what the tests see.
    """
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(SEED, root / "articles")
    shutil.copy(HOSTILE, root / "articles" / HOSTILE_ID)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("searchapp.reading.page.strip_markup", lambda text: text)
        reindex(root / "articles", root / "index", Knowledge.load())
    app = create_app({"TESTING": True, "INDEX_DIR": str(root / "index"), "ARTICLES_DIR": str(root / "articles")})
    yield app.test_client()
    if "search" in app.extensions:  # made on the first request
        app.extensions["search"].close()


class Elements(HTMLParser):
    """Every element's tag, attributes, text and ancestors, in document order."""

    VOID = {"input", "link", "meta", "br", "img", "hr"}

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.found, self._open = [], []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": "", "parents": list(self._open)}
        self.found.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open and self._open.pop()["tag"] != tag:
            pass

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def select(self, tag, cls=None, inside=None, **attrs):
        """Elements by tag, class and attributes; inside=(tag, class) of an ancestor."""
        return [
            e
            for e in self.found
            if e["tag"] == tag
            and (cls is None or _has_class(e, cls))
            and all(e["attrs"].get(k) == v for k, v in attrs.items())
            and (inside is None or any(p["tag"] == inside[0] and _has_class(p, inside[1]) for p in e["parents"]))
        ]


def _has_class(element, cls) -> bool:
    return cls in element["attrs"].get("class", "").split()


def page_of(response) -> Elements:
    return Elements(response.get_data(as_text=True))


def facet_links(page: Elements, field: str) -> list[tuple[str, str, int]]:
    """(href, value, count) of each value link in one facet of the sidebar."""
    return [
        (a["attrs"]["href"], *_name_and_count(a["text"]))
        for a in page.select("a", "facet-value")
        if any(p["attrs"].get("data-facet") == field for p in a["parents"])
    ]


def _name_and_count(text: str) -> tuple[str, int]:
    name, count = text.strip().rsplit(None, 1)
    return name.removeprefix("✓").strip(), int(count)


def test_the_search_page_shows_the_hits_the_service_finds(client, service):
    result = service.search(SearchRequest(q="sanctions"))
    page = page_of(client.get("/?q=sanctions"))
    titles = [(a["attrs"]["href"], a["text"]) for a in page.select("a", inside=("h2", "hit-title"))]
    assert titles == [(f"/articles/{quote(h.id)}?q=sanctions", h.title) for h in result.hits]
    assert titles
    assert page.select("strong", inside=("p", "summary"))[0]["text"] == str(result.total)


def test_snippets_keep_their_marks_and_nothing_else(client, service):
    result = service.search(SearchRequest(q="sanctions"))
    body = client.get("/?q=sanctions").get_data(as_text=True)
    snippets = re.findall(r'<p class="snippet" dir="auto">(.*?)</p>', body, re.S)
    assert snippets == [str(snippet_html(h.snippet)) for h in result.hits]
    assert all("<mark>" in s for s in snippets)
    assert set(re.findall(r"</?(\w+)", "".join(snippets))) == {"mark"}


def test_hit_links_carry_the_whole_search_and_the_article_links_back_to_it(client):
    search = "/?q=sanctions&country=China&sort=oldest&per_page=1&page=2"
    page = page_of(client.get(search + "&utm_source=mail"))
    links = [a["attrs"]["href"] for a in page.select("a", inside=("h2", "hit-title"))]
    assert len(links) == 1 and links[0].endswith("?" + search[2:])
    back = page_of(client.get(links[0])).select("a", inside=("p", "back"))
    assert [(a["attrs"]["href"], a["text"]) for a in back] == [(search, "‹ Back to results for sanctions")]


@pytest.mark.parametrize(
    "query, back",
    [
        ("?q=wang&page=2", [("/?q=wang&page=2", "‹ Back to results for wang")]),
        ("?official=Wang+Yi&sort=oldest", [("/?official=Wang+Yi&sort=oldest", "‹ Back to results")]),
        ("?from=April+2021&to=2024&topic=nuclear", [("/?from=April+2021&to=2024&topic=nuclear", "‹ Back to results")]),
        ("?q=&country=&utm_source=mail", []),
        ("", []),
    ],
)
def test_the_back_link_returns_to_the_search_in_the_article_url(client, query, back):
    page = page_of(client.get("/articles/000_6a20b7476f037617.txt" + query))
    assert [(a["attrs"]["href"], a["text"]) for a in page.select("a", inside=("p", "back"))] == back


def test_facet_links_carry_counts_and_add_their_filter(client, service):
    result = service.search(SearchRequest(q="sanctions"))
    page = page_of(client.get("/?q=sanctions"))
    for field in ("country", "source", "year"):
        expected = [
            ("/?" + urlencode([("q", "sanctions"), (field, fc.value)]), fc.value, fc.count)
            for fc in result.facets[field]
        ]
        assert facet_links(page, field) == expected


def test_a_selected_facet_value_links_to_the_search_without_it(client, service):
    result = service.search(SearchRequest(q="sanctions"))
    source = result.facets["source"][0].value
    page = page_of(client.get("/?" + urlencode({"q": "sanctions", "source": source, "page": "1"})))
    selected = page.select("a", "selected")
    assert [(a["attrs"]["href"], _name_and_count(a["text"])[0]) for a in selected] == [("/?q=sanctions", source)]
    chip = page.select("a", "chip", **{"aria-label": f"Remove filter Source: {source}"})
    assert [a["attrs"]["href"] for a in chip] == ["/?q=sanctions"]


@pytest.mark.parametrize(
    "query, change, expected",
    [
        ("q=wang&page=3", ("toggle", "country", "China"), "/?q=wang&country=China"),
        ("q=wang&country=china", ("toggle", "country", "China"), "/?q=wang"),
        ("q=wang&country=China&country=Japan", ("toggle", "country", "China"), "/?q=wang&country=Japan"),
        ("country=South+Korea", ("toggle", "official", "Wang Yi"), "/?country=South+Korea&official=Wang+Yi"),
        ("q=wang&from=2021&to=&sort=oldest", ("without", "from", "to"), "/?q=wang&sort=oldest"),
        ("q=wang&page=2", ("page", 3), "/?q=wang&page=3"),
        ("q=wang&page=2", ("page", 1), "/?q=wang"),
        ("q=wnag&sort=newest&page=4", ("replace", "q", "wang"), "/?sort=newest&q=wang"),
        ("q=a&country=China&year=2021&per_page=5&page=2", ("only_query",), "/?q=a&per_page=5"),
    ],
)
def test_search_urls_change_one_thing(app, query, change, expected):
    with app.test_request_context("/?" + query):
        from flask import request

        urls = SearchUrls(request.args)
        method, *args = change
        assert getattr(urls, method)(*args) == expected


@pytest.mark.parametrize(
    "page, pages, expected",
    [
        (1, 1, [1]),
        (1, 4, [1, 2, 3, 4]),
        (1, 10, [1, 2, 3, None, 10]),
        (5, 10, [1, None, 3, 4, 5, 6, 7, None, 10]),
        (10, 10, [1, None, 8, 9, 10]),
        (4, 10, [1, 2, 3, 4, 5, 6, None, 10]),
    ],
)
def test_pagination_numbers(page, pages, expected):
    assert pagination(page, pages) == expected


def test_pages_link_each_other(client):
    page = page_of(client.get("/?per_page=2&page=2"))
    nav = {a["text"].strip(): a["attrs"]["href"] for a in page.select("a", inside=("nav", "pagination"))}
    assert nav == {"‹ Previous": "/?per_page=2", "1": "/?per_page=2", "3": "/?per_page=2&page=3", "Next ›": "/?per_page=2&page=3"}
    assert [e["text"] for e in page.select("span", "current")] == ["2"]


@pytest.mark.parametrize(
    "snippet, expected",
    [
        (Marked("… Wang said <b> …", ((2, 6),)), "… <mark>Wang</mark> said &lt;b&gt; …"),
        (Marked("Tom & Jerry"), "Tom &amp; Jerry"),
        (Marked('<script>alert(1)</script> <img src=x onerror="x()">'), "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&#34;x()&#34;&gt;"),
        (Marked("<mark onclick=x>a", ((16, 17),)), "&lt;mark onclick=x&gt;<mark>a</mark>"),
    ],
)
def test_snippet_html_lets_only_mark_through(snippet, expected):
    assert snippet_html(snippet) == Markup(expected)


HOSTILE_VALUES = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']


@pytest.mark.parametrize("value", HOSTILE_VALUES)
@pytest.mark.parametrize("param", ["q", "country", "from", "sort"])
def test_hostile_parameters_come_back_as_text(client, param, value):
    response = client.get("/?" + urlencode({param: value}))
    body = response.get_data(as_text=True)
    assert response.status_code in (200, 400)
    assert "<script>alert" not in body
    assert "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body or "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in body


def test_a_hostile_query_is_escaped_in_the_box_and_the_heading(client):
    body = client.get("/?q=" + quote("<script>alert(1)</script>")).get_data(as_text=True)
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in body
    assert "<script>alert(1)</script>" not in body


@pytest.mark.parametrize(
    "url", ["/", "/?q=sanctions", "/?page=0", f"/articles/{HOSTILE_ID}", "/articles/no-such.txt", "/nowhere", "/static/style.css"]
)
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)
    assert {name: response.headers.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_pages_load_nothing_from_outside_and_run_no_inline_script(hostile_client):
    for url in ["/?q=sanctions", f"/articles/{HOSTILE_ID}?q=sanctions"]:
        body = hostile_client.get(url).get_data(as_text=True)
        assert re.findall(r'(?:src|href)="(?:https?:)?//', body) == []
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", body) == []
        assert " style=" not in body and "<style" not in body


def test_an_unknown_article_gets_a_friendly_html_404(client):
    response = client.get("/articles/no/such%23article<b>.txt")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    body = response.get_data(as_text=True)
    assert "No such article" in body
    assert "<code>no/such#article&lt;b&gt;.txt</code>" in body
    assert '<form class="header-search"' in body


@pytest.mark.parametrize(
    "query, message",
    [
        ("page=x", "page must be a whole number"),
        ("per_page=1000", "per_page must be a whole number from 1 to 100"),
        ("sort=best", "sort must be one of relevance, newest, oldest"),
        ("from=someday", "cannot read"),
        ("year=21", "year must be four digits"),
        ("year=undatedx", "year must be four digits or &#39;undated&#39;"),
        ("year=undated&from=someday", "cannot read"),
    ],
)
def test_bad_parameters_get_a_400_page_that_says_what_was_wrong(client, query, message):
    response = client.get("/?q=wang&" + query)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert message in body
    assert 'role="alert"' in body
    assert '<input id="q" type="search" name="q" dir="auto" value="wang"' in body


def test_a_query_with_no_words_gets_a_400_page_that_says_so(client):
    response = client.get("/?" + urlencode({"q": "<>", "country": "China"}))
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    alert = page_of(response).select("div", role="alert")[0]["text"]
    assert "The query has no words to search for: use letters or digits." in alert
    assert '<input id="q" type="search" name="q" dir="auto" value="&lt;&gt;"' in body


def test_a_query_the_syntax_cannot_read_searches_its_words(client, service):
    words = service.search(SearchRequest(q="wang yi"))
    assert words.total
    response = client.get("/?" + urlencode({"q": "<Wang Yi>"}))
    assert response.status_code == 200
    assert page_of(response).select("strong", inside=("p", "summary"))[0]["text"] == str(words.total)


def test_no_index_yet_says_how_to_build_one(tmp_path):
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    for url in ["/", "/articles/000_6a20b7476f037617.txt"]:
        response = client.get(url)
        assert response.status_code == 503
        assert "flask --app searchapp reindex" in response.get_data(as_text=True)


def test_zero_results_name_the_filters_to_drop(client):
    page = page_of(client.get("/?q=sanctions&country=Atlantis&from=1990&to=1991"))
    drops = {a["text"]: a["attrs"]["href"] for a in page.select("a") if a["text"].startswith("Drop")}
    assert drops == {
        "Drop country “Atlantis”": "/?q=sanctions&from=1990&to=1991",
        "Drop the date range": "/?q=sanctions&country=Atlantis",
        "Drop every filter": "/?q=sanctions",
    }


def test_did_you_mean_links_the_respelled_query(client, service):
    suggestion = service.search(SearchRequest(q="sanctoins")).suggestion
    assert suggestion
    page = page_of(client.get("/?q=sanctoins&country=China"))
    links = [a["attrs"]["href"] for a in page.select("a") if a["text"] == suggestion]
    assert links == ["/?" + urlencode([("country", "China"), ("q", suggestion)])]


def test_each_page_links_its_json_twin(client):
    page = page_of(client.get("/?q=sanctions&country=China&page=1"))
    assert [e["attrs"]["href"] for e in page.select("link", rel="alternate", type="application/json")] == [
        "/api/search?q=sanctions&country=China&page=1"
    ]
    page = page_of(client.get("/articles/000_6a20b7476f037617.txt?q=wang"))
    assert [e["attrs"]["href"] for e in page.select("link", rel="alternate", type="application/json")] == [
        "/api/articles/000_6a20b7476f037617.txt"
    ]


def test_the_hostile_article_is_shown_as_text(hostile_client):
    response = hostile_client.get(f"/articles/{HOSTILE_ID}?q=sanctions")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<script>window" not in body and "<img" not in body and "<b>" not in body
    assert "&lt;script&gt;window.__pwned = true&lt;/script&gt;" in body
    page = page_of(response)
    assert page.select("h1")[0]["text"] == HOSTILE.read_text().splitlines()[0]
    # The title's, the hint's and those of the text.
    assert [m["text"].lower() for m in page.select("mark")] == ["sanctions", "highlighted", "sanctions", "sanctions"]


def test_an_article_page_shows_title_meta_paragraphs_and_similar_articles(client, service):
    record = service.article("000_6a20b7476f037617.txt")
    page = page_of(client.get("/articles/000_6a20b7476f037617.txt"))
    assert page.select("h1")[0]["text"] == record.title
    paragraphs = [p["text"] for p in page.select("p", inside=("div", "article-text"))]
    assert paragraphs == [p for p in record.body.split("\n\n") if p.strip()]
    similar = [a["attrs"]["href"] for a in page.select("a", inside=("section", "similar"))]
    assert similar == [f"/articles/{quote(h.id)}" for h in service.more_like_this(record.id, limit=5)]
    assert similar


def test_the_byline_is_under_the_title(client, service):
    record = service.article("001_0e9d00d26df36be8.txt")
    assert record.byline
    found = page_of(client.get("/articles/001_0e9d00d26df36be8.txt")).found
    title = next(n for n, e in enumerate(found) if e["tag"] == "h1")
    assert (found[title + 1]["tag"], found[title + 1]["attrs"], found[title + 1]["text"]) == ("p", {"class": "byline"}, record.byline)
    assert page_of(client.get("/articles/000_6a20b7476f037617.txt")).select("p", "byline") == []


def test_a_hostile_byline_is_shown_as_text(app, client, monkeypatch):
    with app.app_context():
        monkeypatch.setattr(get_service(), "article", lambda id: dataclasses.replace(RECORD, byline="By <b>Kim</b> & Lee"))
    body = client.get("/articles/a/b.jsonl%232").get_data(as_text=True)
    assert '<p class="byline">By &lt;b&gt;Kim&lt;/b&gt; &amp; Lee</p>' in body


def test_hit_chips_show_a_few_values_per_facet_and_always_the_selected_ones(app):
    hit = Hit(
        id="x.txt",
        title="x",
        date=None,
        source=None,
        score=None,
        snippet="",
        countries=["China", "Japan"],
        officials=["A", "B", "C", "D", "E", "F"],
        topics=["nuclear"],
    )
    with app.test_request_context("/?q=talks&official=F"):
        from flask import request

        chips, left_out = hit_chips(hit, SearchUrls(request.args))
    assert [(c.field, c.value, c.selected, c.url) for c in chips] == [
        ("country", "China", False, "/?q=talks&official=F&country=China"),
        ("country", "Japan", False, "/?q=talks&official=F&country=Japan"),
        ("official", "A", False, "/?q=talks&official=F&official=A"),
        ("official", "B", False, "/?q=talks&official=F&official=B"),
        ("official", "C", False, "/?q=talks&official=F&official=C"),
        ("official", "D", False, "/?q=talks&official=F&official=D"),
        ("official", "F", True, "/?q=talks"),
        ("topic", "nuclear", False, "/?q=talks&official=F&topic=nuclear"),
    ]
    assert left_out == 1


@pytest.mark.parametrize(
    "q, sort, expected",
    [
        ("wang", "", [("", "Relevance", True), ("newest", "Newest", False), ("oldest", "Oldest", False)]),
        ("", "", [("relevance", "Relevance", False), ("", "Newest", True), ("oldest", "Oldest", False)]),
        ("", "newest", [("relevance", "Relevance", False), ("newest", "Newest", True), ("oldest", "Oldest", False)]),
        ("wang", "oldest", [("relevance", "Relevance", False), ("newest", "Newest", False), ("oldest", "Oldest", True)]),
        ("wang", "best", [("", "Relevance", True), ("newest", "Newest", False), ("oldest", "Oldest", False)]),
    ],
)
def test_the_default_sort_is_sent_empty_so_a_new_query_gets_its_own_default(q, sort, expected):
    assert sort_options(q, sort) == expected


def test_a_filter_typed_in_another_case_shows_selected_and_toggles_off(client):
    page = page_of(client.get("/?source=china+topix"))
    selected = page.select("a", "selected")
    assert [(a["attrs"]["href"], _name_and_count(a["text"])) for a in selected] == [("/", ("China Topix", 1))]


def test_the_summary_says_how_the_dates_were_read(client):
    page = page_of(client.get("/?from=April+2021&to=2024"))
    summary = " ".join(page.select("p", "summary")[0]["text"].split())
    assert "dated 1 April 2021 to 31 December 2024" in summary


def test_a_page_past_the_end_links_the_last_page(client):
    page = page_of(client.get("/?per_page=2&page=9"))
    assert [a["attrs"]["href"] for a in page.select("a") if a["text"] == "go to the last page"] == ["/?per_page=2&page=3"]


def test_a_long_facet_shows_its_top_values_and_opens_when_a_hidden_one_is_selected(app):
    countries = [FacetCount(f"Country {n}", 20 - n, n == 9) for n in range(11)]
    result = SearchResult(SearchRequest(), 20, [], {"country": countries}, None, 1.0)
    with app.test_request_context("/?country=Country+9"):
        from flask import request

        (panel,) = facet_panels(result, SearchUrls(request.args))
    assert [link.value for link in panel.top] == [f"Country {n}" for n in range(8)]
    assert [(link.value, link.selected, link.url) for link in panel.rest] == [
        ("Country 8", False, "/?country=Country+9&country=Country+8"),
        ("Country 9", True, "/"),
        ("Country 10", False, "/?country=Country+9&country=Country+10"),
    ]
    assert panel.rest_open


# --- undated articles and where dates come from --------------------------------


@pytest.fixture(scope="module")
def small_client(tmp_path_factory, indexed_copy):
    """A client over the small archive: six dated articles and one undated (d_pandemic.txt)."""
    articles, index_dir = indexed_copy(SMALL, tmp_path_factory.mktemp("small_web"))
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(index_dir)})
    yield app.test_client()
    if "search" in app.extensions:
        app.extensions["search"].close()


def hit_hrefs(page: Elements) -> list[str]:
    return [a["attrs"]["href"].split("?")[0] for a in page.select("a", inside=("h2", "hit-title"))]


def undated_note(page: Elements) -> tuple[str, list[str]]:
    """The undated line's words and its link targets, or ("", [])."""
    notes = page.select("p", "undated-note")
    if not notes:
        return "", []
    links = [a["attrs"]["href"] for a in page.select("a", inside=("p", "undated-note"))]
    return " ".join(notes[0]["text"].split()), links


def test_the_year_facet_offers_undated_articles(small_client):
    page = page_of(small_client.get("/?q=Tokyo+OR+Seoul"))
    assert ("/?q=Tokyo+OR+Seoul&year=undated", "undated", 1) in facet_links(page, "year")
    page = page_of(small_client.get("/?year=undated"))
    assert hit_hrefs(page) == ["/articles/" + UNDATED_ID]
    assert [_name_and_count(a["text"]) for a in page.select("a", "selected")] == [("undated", 1)]
    assert page.select("p", "hit-meta")[0]["text"].split()[0] == "Undated"


def test_undated_with_a_year_shows_either(small_client):
    page = page_of(small_client.get("/?year=2019&year=undated&sort=oldest"))
    assert hit_hrefs(page) == ["/articles/e_summit.txt", "/articles/" + UNDATED_ID]  # undated last


def test_a_date_filter_says_how_many_undated_articles_it_leaves_out_and_links_them(small_client):
    page = page_of(small_client.get("/?q=Tokyo+OR+Seoul&from=2021&sort=newest&page=1"))
    assert undated_note(page) == (
        "1 undated article is not shown by the date filter: show it.",
        ["/?q=Tokyo+OR+Seoul&sort=newest&year=undated"],
    )
    shown = page_of(small_client.get("/?q=Tokyo+OR+Seoul&sort=newest&year=undated"))
    assert hit_hrefs(shown) == ["/articles/" + UNDATED_ID]


@pytest.mark.parametrize("query", ["/", "/?q=Tokyo", "/?from=2021&source=Test+Wire", "/?from=2021&year=2021"])
def test_no_undated_line_when_none_were_left_out(small_client, query):
    assert undated_note(page_of(small_client.get(query))) == ("", [])


def test_the_undated_line_counts_in_plural(app, client, monkeypatch):
    with app.app_context():
        service = get_service()
        search = service.search
        monkeypatch.setattr(
            service, "search", lambda req, limits=None: dataclasses.replace(search(req, limits), undated_excluded=1234)
        )
    page = page_of(client.get("/?from=2021&year=2024"))
    assert undated_note(page) == ("1,234 undated articles are not shown by the date filter: show them.", ["/?year=undated"])


def test_undated_always_shows_in_the_year_facet_even_when_rare(app):
    years = [FacetCount(str(2000 + n), 20 - n, False) for n in range(10)] + [FacetCount("undated", 1, False)]
    result = SearchResult(SearchRequest(), 200, [], {"year": years}, None, 1.0)
    with app.test_request_context("/"):
        from flask import request

        (panel,) = facet_panels(result, SearchUrls(request.args))
    assert [link.value for link in panel.top] == [str(2000 + n) for n in range(8)] + ["undated"]
    assert [link.value for link in panel.rest] == ["2008", "2009"]


def article_meta(page: Elements) -> str:
    return " ".join(page.select("p", "article-meta")[0]["text"].split())


def test_the_article_page_says_where_the_date_came_from(small_client):
    date_from = small_client.get("/api/articles/a_beijing_seoul.txt").get_json()["date_from"]
    assert date_from  # the reader's own words ("the file's header block"), not ours to fix here
    page = page_of(small_client.get("/articles/a_beijing_seoul.txt"))
    assert article_meta(page).startswith(f"3 April 2021 ({date_origin(date_from)}) · Test Wire")
    page = page_of(small_client.get("/articles/" + UNDATED_ID))
    assert article_meta(page).startswith("No date found in the file · Harbor Times")


@pytest.mark.parametrize(
    "date_from, shown",
    [("dateline", "(Date from the dateline)"), ("URL path", "(Date from the URL path)"), (None, "1 July 2023 ·"),
     ("a date line", "(Date from a date line)"), ("a “Post by” line", "(Date from a “Post by” line)")],
)
def test_each_date_origin_reads_as_a_phrase(app, client, monkeypatch, date_from, shown):
    with app.app_context():
        monkeypatch.setattr(get_service(), "article", lambda id: dataclasses.replace(RECORD, date_from=date_from))
    meta = article_meta(page_of(client.get("/articles/a/b.jsonl%232")))
    assert meta.startswith("1 July 2023") and shown in meta


# --- pages of hostile URLs and odd article ids (issue 11) ---------------------------


def all_urls(page: Elements) -> list[str]:
    """Every link, form target and alternate of a page."""
    return [e["attrs"][attr] for e in page.found for attr in ("href", "action") if e["attrs"].get(attr)]


def test_a_long_url_of_repeats_and_strangers_gives_the_page_of_its_known_values(client):
    """Each link repeats the page's state: a 4 KB URL of repeats made a page of megabytes."""
    plain = "/?q=korea&country=South+Korea&sort=oldest"
    hostile = plain + "&country=south+korea" * 40 + "&sort=newest" * 20 + ("&utm_campaign=" + "x" * 40) * 60
    assert len(hostile) > 4096
    expected, response = client.get(plain), client.get(hostile)
    assert response.status_code == 200
    assert len(response.data) < len(expected.data) + 1000
    page = page_of(response)
    for url in all_urls(page):
        query = urlsplit(url).query
        pairs = [(k, v.casefold()) for k, v in parse_qsl(query)]
        assert len(pairs) == len(set(pairs)) and {k for k, _ in pairs} <= set(SEARCH_PARAMS), url
        assert "sort=newest" not in query and len(url) < 200, url
    hidden = [(i["attrs"]["name"], i["attrs"]["value"]) for i in page.select("input", type="hidden")]
    assert hidden == [("country", "South Korea")]


@pytest.mark.parametrize("query", ["page=" + "9" * 4301, "per_page=" + "9" * 4301, "page=" + "1" * 19])
def test_a_number_too_long_gets_a_400_page(client, query):
    response = client.get("/?" + query)
    assert (response.status_code, response.mimetype) == (400, "text/html")
    assert "must be a whole number" in response.get_data(as_text=True)


def test_more_filter_values_than_the_limit_get_a_400_page(client):
    response = client.get("/?" + urlencode([("country", f"Country {n}") for n in range(51)]))
    assert response.status_code == 400
    assert "at most 50 facet filter values" in response.get_data(as_text=True)


@pytest.mark.parametrize("path, status", [("/nope", 404), ("/articles/", 404), ("/static/nope.css", 404)])
def test_unknown_pages_get_an_html_404(client, path, status):
    response = client.get(path)
    assert (response.status_code, response.mimetype) == (status, "text/html")
    assert "Page not found" in response.get_data(as_text=True)


def test_a_wrong_method_on_a_page_gets_an_html_405_with_allow(client):
    response = client.post("/")
    assert (response.status_code, response.mimetype) == (405, "text/html")
    assert "GET" in response.headers["Allow"]


ODD_IDS = ["a\nb.txt", "two words.txt", "hash#1.txt", "100%.txt", "what?.txt", "ünï €.txt", "a&b=c+d;e.txt",
           "sub dir/x%2Fy.txt", "tab\there.txt"]


@pytest.fixture(scope="module")
def odd_client(tmp_path_factory):
    """A client over articles whose file names hold a newline, spaces, '#', '%', '?' and more."""
    root = tmp_path_factory.mktemp("odd")
    for n, id in enumerate(ODD_IDS):
        (root / "articles" / id).parent.mkdir(parents=True, exist_ok=True)
        (root / "articles" / id).write_text(f"Title: Odd name {n}\nDate: 2021-04-0{n + 1}\n\nEnvoys met in Hanoi.\n",
                                            encoding="utf-8")
    reindex(root / "articles", root / "index", Knowledge.load())
    app = create_app({"TESTING": True, "INDEX_DIR": str(root / "index"), "ARTICLES_DIR": str(root / "articles")})
    yield app.test_client()
    app.extensions["search"].close()


def test_an_article_with_an_odd_file_name_opens_from_its_link(odd_client):
    page = page_of(odd_client.get("/?q=envoys&per_page=100"))
    links = {a["text"]: a["attrs"]["href"] for a in page.select("a", inside=("h2", "hit-title"))}
    assert sorted(links) == sorted(f"Odd name {n}" for n in range(len(ODD_IDS)))
    for title, href in links.items():
        article = odd_client.get(href)
        assert article.status_code == 200, href
        assert page_of(article).select("h1")[0]["text"] == title
        alternate = page_of(article).select("link", rel="alternate")[0]["attrs"]["href"]
        assert odd_client.get(alternate).get_json()["title"] == title


def test_the_highlighted_text_is_what_whooshs_highlighter_gave(service):
    """The marks are found a distinct word at a time now (Whoosh's highlighter ran every word of a
    long article through the analyzer: seconds a page); they are the words it marked."""
    import html

    from whoosh import highlight

    from searchapp import index as indexer
    from searchapp.web.highlight import snippet_json

    class MarkFormatter(highlight.HtmlFormatter):  # Whoosh's HTML formatter with a bare <mark>
        def format_token(self, text, token, replace=False):
            return f"<mark>{html.escape(highlight.get_text(text, token, replace), quote=False)}</mark>"

    text = "Seoul's sanctions <b>U.S.</b> & Blinken's talks; the U.S.-led talk, Çavuşoğlu and cavusoglu. 3.5 x_y"
    marked = 0
    for q in ("sanction* OR Seoul", "talks", "U.S.", "cavusoglu", "said Blinken", "3.5", "talk~1", "nothing"):
        terms = service.highlight_terms(q)
        whole, analyzer = highlight.WholeFragmenter(charlimit=None), indexer.analyzer()
        whoosh = highlight.highlight(text, terms, analyzer, whole, MarkFormatter(), top=1, minscore=0) if terms else ""
        highlighted = snippet_json(Marked(text, tuple(service.highlight_spans(text, q))))
        assert highlighted == (whoosh or html.escape(text, quote=False)), q
        marked += "<mark>" in whoosh
    assert marked >= 6


@pytest.mark.parametrize("url", [None, "https://www.bbc.com/portuguese/articles/c844xvm"])
def test_a_headline_alone_says_so_and_where_the_story_is(app, client, monkeypatch, url):
    """A feed item or a list's headline keeps no text: the page says so rather than showing nothing."""
    with app.app_context():
        monkeypatch.setattr(get_service(), "article", lambda id: dataclasses.replace(RECORD, body="", url=url))
    page = page_of(client.get("/articles/a/b.jsonl%232"))
    [note] = page.select("p", "no-text")
    assert note["text"].startswith("The file keeps only this headline")
    assert ("original page" in note["text"]) is (url is not None)
    with app.app_context():
        monkeypatch.setattr(get_service(), "article", lambda id: RECORD)
    assert page_of(client.get("/articles/a/b.jsonl%232")).select("p", "no-text") == []
