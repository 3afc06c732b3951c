"""CORS: off by default; CORS_ORIGINS lets named origins read the JSON API and the feeds from a browser."""

import pytest

from searchapp import create_app
from searchapp.web import auth
from searchapp.web.cors import origins_setting

DESK = "https://desk.example.org"
PREFLIGHT = {"Origin": DESK, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization"}


@pytest.fixture
def cors_client(seed_index):
    app = create_app({"TESTING": True, "INDEX_DIR": str(seed_index[1]), "CORS_ORIGINS": [DESK, "http://localhost:8080"]})
    yield app.test_client()
    if "search" in app.extensions:
        app.extensions["search"].close()


def cors_headers(response) -> dict:
    return {k: v for k, v in response.headers.items() if k.startswith("Access-Control-") or k == "Vary"}


def test_off_by_default(client):
    response = client.get("/api/search?q=korea", headers={"Origin": DESK})
    assert cors_headers(response) == {}
    assert "Access-Control-Allow-Origin" not in client.options("/api/search", headers=PREFLIGHT).headers


@pytest.mark.parametrize("path", ["/api/search?q=korea", "/api/search.csv", "/feeds/search.atom", "/api/openapi.json",
                                  "/api/articles/nope", "/api/search?sort=bad"])
def test_a_named_origin_is_echoed_on_every_api_answer_errors_included(cors_client, path):
    response = cors_client.get(path, headers={"Origin": DESK})
    assert response.headers["Access-Control-Allow-Origin"] == DESK
    assert "Origin" in response.vary
    assert "X-Total-Count" in response.headers["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response.headers  # never cookies across origins


@pytest.mark.parametrize("origin", ["https://evil.example.org", "http://desk.example.org", DESK + ":8443", "null"])
def test_other_origins_get_nothing_but_vary(cors_client, origin):
    response = cors_client.get("/api/search?q=korea", headers={"Origin": origin})
    assert response.status_code == 200
    assert cors_headers(response) == {"Vary": "Origin"}


def test_pages_are_no_part_of_it(cors_client):
    assert cors_headers(cors_client.get("/?q=korea", headers={"Origin": DESK})) == {}


def test_a_preflight_from_a_named_origin_is_answered(cors_client):
    response = cors_client.options("/api/search", headers=PREFLIGHT)
    assert response.status_code == 204
    assert cors_headers(response) == {
        "Access-Control-Allow-Origin": DESK, "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Allow-Headers": "Authorization", "Access-Control-Max-Age": "600", "Vary": "Origin",
        "Access-Control-Expose-Headers": "Content-Disposition, ETag, X-Total-Count",
    }


def test_a_preflight_needs_no_token_but_the_call_does(seed_index):
    """Browsers send a preflight without the Authorization header, so it must pass the sign-in check."""
    app = create_app({"TESTING": True, "INDEX_DIR": str(seed_index[1]), "SECRET_KEY": "test only",
                      "API_TOKENS": {"desk": auth.token_hash("desk-token")}, "CORS_ORIGINS": DESK})
    client = app.test_client()
    assert client.options("/api/search", headers=PREFLIGHT).status_code == 204
    refused = client.get("/api/search", headers={"Origin": DESK})
    assert refused.status_code == 401 and refused.headers["Access-Control-Allow-Origin"] == DESK  # the script can read why
    allowed = client.get("/api/search", headers={"Origin": DESK, "Authorization": "Bearer desk-token"})
    assert allowed.status_code == 200 and allowed.headers["Access-Control-Allow-Origin"] == DESK
    app.extensions["search"].close()


@pytest.mark.parametrize("text, origins", [
    ("https://desk.example.org", (DESK,)),
    (" https://desk.example.org/ , http://localhost:8080 ", (DESK, "http://localhost:8080")),
    ('["https://Desk.Example.org", "http://127.0.0.1:3000"]', (DESK, "http://127.0.0.1:3000")),
    ("", ()),
])
def test_the_setting_from_the_environment(monkeypatch, tmp_path, text, origins):
    monkeypatch.setenv("SEARCHAPP_CORS_ORIGINS", text)
    assert create_app({"INDEX_DIR": str(tmp_path)}).config["CORS_ORIGINS"] == origins


@pytest.mark.parametrize("value", ["*", "desk.example.org", "https://desk.example.org/api", "ftp://x.org", '["a"', [1]])
def test_what_is_not_an_origin_is_refused_at_start(value):
    with pytest.raises(ValueError, match="CORS_ORIGINS"):
        origins_setting(value)
