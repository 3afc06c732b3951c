"""Exports: /api/search.csv and /api/search.jsonl give every match, in the search's order, as the paged API does."""

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from searchapp import create_app, get_service
from searchapp.web import exports
from searchapp.web.exports import COLUMNS, ExportIncomplete
from takeout_archive import FORMULA_TITLES, write_archive

ARTICLES = 3000


@pytest.fixture(scope="session")
def archive_3000(tmp_path_factory, knowledge):
    """3,000 short synthetic articles, indexed once for the session: (articles folder, index folder); read-only."""
    from searchapp.index import reindex

    root = tmp_path_factory.mktemp("takeout")
    write_archive(root / "articles", ARTICLES)
    report = reindex(root / "articles", root / "index", knowledge)
    assert report.articles == ARTICLES and not report.skipped
    return root / "articles", root / "index"


@pytest.fixture(scope="module")
def big(archive_3000):
    """A client over the 3,000 articles (one app, so its searcher is opened once)."""
    articles, index_dir = archive_3000
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(index_dir)})
    yield app.test_client()
    with app.app_context():
        get_service().close()


def paged_hits(client, query: str) -> list[dict]:
    """Every hit of a search through /api/search, 100 a page, as a script had to fetch them."""
    hits, page = [], 1
    while True:
        body = client.get(f"/api/search?{query}&per_page=100&page={page}").get_json()
        hits += body["hits"]
        if page >= body["pages"]:
            assert len(hits) == body["total"]
            return hits
        page += 1


def csv_rows(response) -> list[dict]:
    reader = csv.reader(io.StringIO(response.get_data(as_text=True), newline=""))
    header = next(reader)
    assert tuple(header) == COLUMNS
    return [dict(zip(header, cells)) for cells in reader]


def jsonl_rows(response) -> list[dict]:
    return [json.loads(line) for line in response.get_data(as_text=True).splitlines()]


SEARCHES = ["", "q=sanctions", "q=talks&country=Japan&sort=oldest", "country=China&from=2015&to=2019&sort=newest",
            "q=wang OR blinken&source=Example Wire"]


@pytest.mark.parametrize("query", SEARCHES)
def test_csv_and_jsonl_exports_are_every_match_in_the_paged_apis_order(big, query):
    expected = [h["id"] for h in paged_hits(big, query)]
    assert expected, query
    csv_response, jsonl_response = big.get(f"/api/search.csv?{query}"), big.get(f"/api/search.jsonl?{query}")
    assert [r["id"] for r in csv_rows(csv_response)] == expected
    assert [r["id"] for r in jsonl_rows(jsonl_response)] == expected
    for response in (csv_response, jsonl_response):
        assert response.headers["X-Total-Count"] == str(len(expected))


def test_the_whole_archive_exports_past_any_page_size(big):
    rows = jsonl_rows(big.get("/api/search.jsonl"))
    assert len(rows) == len({r["id"] for r in rows}) == ARTICLES
    dated = [r["date"] for r in rows if r["date"]]
    assert dated == sorted(dated, reverse=True) and rows[-1]["date"] is None  # newest first, undated last


def test_a_row_is_the_apis_hit_with_a_plain_snippet_and_absolute_url(big):
    api_hits = big.get("/api/search?q=sanctions&per_page=100").get_json()["hits"]
    rows = jsonl_rows(big.get("/api/search.jsonl?q=sanctions"))[:100]
    assert list(rows[0]) == list(COLUMNS)
    for hit, row in zip(api_hits, rows, strict=True):
        plain = html.unescape(re.sub("</?mark>", "", hit["snippet"]))
        # Rows are plain text and names: not the title marked as HTML, nor each official's role.
        kept = {k: v for k, v in hit.items() if k not in ("title_html", "official_roles")}
        expected = kept | {"url": "http://localhost" + hit["url"], "snippet": plain, "original_url": None}
        assert row == expected


def test_csv_joins_lists_and_guards_every_formula(big):
    rows = {r["id"]: r for r in jsonl_rows(big.get("/api/search.jsonl"))}
    for cells in csv_rows(big.get("/api/search.csv")):
        row = rows[cells["id"]]
        assert cells["countries"] == "; ".join(row["countries"]) and cells["topics"] == "; ".join(row["topics"])
        assert cells["source"] == row["source"]  # commas and quotes survive the CSV quoting
        if row["title"].startswith(("=", "+", "-", "@")):
            assert cells["title"] == "'" + row["title"]
        else:
            assert cells["title"] == row["title"]
    titles = {r["title"] for r in rows.values()}
    assert set(FORMULA_TITLES) <= titles and any("윤석열" in t and "," in t for t in titles)


@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"), ("+82", "'+82"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("a=b", "a=b"), ("", ""), (None, ""), (7.5, "7.5"), (["China", "Japan"], "China; Japan"), (["=cmd"], "'=cmd"),
])
def test_csv_cells(value, cell):
    assert exports.csv_cell(value) == cell


def test_downloads_are_named_and_typed(big):
    response = big.get("/api/search.csv?q=South China Sea&country=Japan")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="search-south-china-sea.csv"'
    response = big.get("/api/search.jsonl?country=Japan")
    assert response.headers["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="search.jsonl"'


def test_each_chunk_is_its_own_search_with_the_budget(big, monkeypatch):
    """No search asks for more than a chunk; the export asks chunk after chunk, each with the app's limits."""
    monkeypatch.setattr(exports, "CHUNK", 700)
    big.get("/api/search")  # the app's service, made on first use
    service = big.application.extensions["search"]
    asked = []
    original = service.search
    monkeypatch.setattr(service, "search", lambda req, limits=None: asked.append((req, limits)) or original(req, limits))
    rows = csv_rows(big.get("/api/search.csv?q=talks"))
    assert [(req.page, req.per_page) for req, _ in asked] == [(page, 700) for page in range(1, 6)]
    assert len(rows) == big.get("/api/search?q=talks").get_json()["total"] > 4 * 700
    assert all(limits is not None and limits == asked[0][1] for _, limits in asked)


@pytest.mark.parametrize("query", ["sort=sideways", "from=someday", "per_page=500", "year=21", "q=" + "x" * 1001])
@pytest.mark.parametrize("kind", ["csv", "jsonl"])
def test_the_same_400s_as_the_api(client, query, kind):
    expected = client.get(f"/api/search?{query}")
    response = client.get(f"/api/search.{kind}?{query}")
    assert expected.status_code == response.status_code == 400
    assert response.get_json() == expected.get_json()


def test_no_index_is_a_503(tmp_path):
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")}).test_client()
    response = client.get("/api/search.csv")
    assert response.status_code == 503 and response.get_json()["error"]["code"] == "no_index"


def test_an_export_out_of_time_before_it_begins_is_a_503_not_a_short_file(app, client):
    app.config["SEARCH_TIME_BUDGET_MS"] = 0
    response = client.get("/api/search.jsonl?q=korea")
    assert response.status_code == 503 and response.get_json()["error"]["code"] == "timed_out"


def test_an_export_the_index_changed_under_stops_rather_than_mix_two_indexes(app, client, monkeypatch):
    """A reindex between two chunks: the download breaks off (a cut transfer) instead of skipping or repeating rows."""
    from searchapp.facets import Knowledge
    from searchapp.index import reindex

    monkeypatch.setattr(exports, "CHUNK", 2)
    monkeypatch.setattr(exports, "ROWS_PER_WRITE", 1)
    response = client.get("/api/search.csv", buffered=False)
    pieces = iter(response.response)
    assert next(pieces).decode().startswith("id,title")
    articles = Path(app.config["ARTICLES_DIR"])
    shutil.copy(articles / "000_6a20b7476f037617.txt", articles / "copy.txt")
    reindex(articles, Path(app.config["INDEX_DIR"]), Knowledge.load())
    with pytest.raises(ExportIncomplete, match="index changed"):
        list(pieces)


def test_a_chunk_out_of_time_stops_the_export_rather_than_send_a_short_file(app, client, monkeypatch):
    """The budget is per chunk: when a later chunk runs out of it, the download breaks off."""
    import dataclasses

    monkeypatch.setattr(exports, "CHUNK", 2)
    monkeypatch.setattr(exports, "ROWS_PER_WRITE", 1)
    client.get("/api/search")  # the app's service, made on first use
    service = app.extensions["search"]
    search = service.search

    def second_chunk_out_of_time(req, limits=None):
        result = search(req, limits)
        return dataclasses.replace(result, timed_out=True) if req.page == 2 else result

    monkeypatch.setattr(service, "search", second_chunk_out_of_time)
    pieces = iter(client.get("/api/search.jsonl", buffered=False).response)
    assert [json.loads(next(pieces))["id"] for _ in range(2)] == api_ids(client, "")[:2]
    with pytest.raises(ExportIncomplete, match="after 2 rows: a part of it ran out of time"):
        list(pieces)


def api_ids(client, query: str) -> list[str]:
    return [h["id"] for h in client.get(f"/api/search?{query}&per_page=100").get_json()["hits"]]


def test_exports_need_a_credential_when_access_control_is_on(tmp_path, seed_index):
    from searchapp.web import auth

    app = create_app({"TESTING": True, "INDEX_DIR": str(seed_index[1]), "SECRET_KEY": "test only",
                      "API_TOKENS": {"bot": auth.token_hash("s3cret")}})
    client = app.test_client()
    for path in ("/api/search.csv?q=korea", "/api/search.jsonl"):
        assert client.get(path).status_code == 401
        assert client.get(path, headers={"Authorization": "Bearer s3cret"}).status_code == 200
    app.extensions["search"].close()


def test_the_search_page_offers_every_match_for_download(client):
    page = client.get("/?q=korea&country=China&page=2&per_page=1").get_data(as_text=True)
    links = dict(re.findall(r'<a href="([^"]+)" download>([^<]+)</a>', page))
    assert links == {"/api/search.csv?q=korea&amp;country=China": "CSV",
                     "/api/search.jsonl?q=korea&amp;country=China": "JSON Lines"}
    expected = [h["id"] for h in client.get("/api/search?q=korea&country=China").get_json()["hits"]]
    assert f"Download all {len(expected)}:" in page and len(expected) > 1
    assert [r["id"] for r in csv_rows(client.get(html.unescape(next(iter(links)))))] == expected
    assert " download>" not in client.get("/?q=zzzqqqx").get_data(as_text=True)  # nothing to download
