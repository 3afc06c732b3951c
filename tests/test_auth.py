"""Access control: off by default; once USERS or API_TOKENS is set, every page, feed and API call needs one."""

import json
import re
import runpy
import shutil
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlsplit

import pytest

from searchapp import create_app
from searchapp.web import auth

PASSWORD = "correct horse battery staple"
PASSWORD_HASH = auth.password_hash(PASSWORD)  # once: scrypt takes a while
TOKEN = "t0k3n-for-the-build-bot"
GUNICORN_CONF = Path(__file__).parents[1] / "gunicorn.conf.py"


@pytest.fixture
def auth_app(tmp_path, seed_index):
    """The app over a copy of the seed index, with one user (ana) and one API token (build-bot)."""
    articles, index_dir = tmp_path / "auth" / "articles", tmp_path / "auth" / "index"
    shutil.copytree(seed_index[0], articles)
    shutil.copytree(seed_index[1], index_dir)
    app = create_app({
        "TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(index_dir), "SECRET_KEY": "test only",
        "USERS": {"ana": PASSWORD_HASH, "bo": PASSWORD_HASH}, "API_TOKENS": {"build-bot": auth.token_hash(TOKEN)},
    })
    yield app
    if "search" in app.extensions:
        app.extensions["search"].close()


@pytest.fixture
def anon(auth_app):
    return auth_app.test_client()


def csrf_of(client, path="/login") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)


def sign_in(client, name="ana", password=PASSWORD, next="/"):
    return client.post("/login", data={"name": name, "password": password, "csrf": csrf_of(client), "next": next})


def login_next(response) -> str:
    """Where a redirect to the sign-in form will return to."""
    location = urlsplit(response.headers["Location"])
    assert location.path == "/login"
    return dict(parse_qsl(location.query))["next"]


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def assert_401(response, code="unauthorized"):
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="newsroom search"'
    assert response.get_json()["error"]["code"] == code


# --- off by default ------------------------------------------------------------


def test_without_credentials_configured_everything_is_open(client):
    assert client.get("/").status_code == 200
    assert client.get("/api/search?q=korea").status_code == 200
    assert client.get("/login").headers["Location"] == "/"
    assert client.post("/logout").headers["Location"] == "/"
    assert "Cache-Control" not in client.get("/").headers
    assert "Sign out" not in client.get("/").get_data(as_text=True)


# --- pages -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/?q=korea&country=China", "/articles/000_6a20b7476f037617.txt?q=x", "/articles/a%0Ab%23c.txt", "/nope"]
)
def test_pages_redirect_to_the_sign_in_form_and_back(anon, path):
    response = anon.get(path)
    assert response.status_code == 302
    assert login_next(response) == path
    assert 'name="next" value="{}"'.format(path.replace("&", "&amp;")) in anon.get(response.headers["Location"]).text


def test_signing_in_with_the_right_password_opens_the_pages(anon):
    response = sign_in(anon, next="/?q=korea")
    assert (response.status_code, response.headers["Location"]) == (302, "/?q=korea")
    page = anon.get("/?q=korea")
    assert page.status_code == 200
    assert "Signed in as <strong>ana</strong>" in page.text
    assert page.headers["Cache-Control"] == "private"
    assert anon.get("/api/search?q=korea").status_code == 200  # the session serves the JSON twins too


@pytest.mark.parametrize("name, password", [("ana", "wrong"), ("ana", ""), ("nobody", PASSWORD), ("", "")])
def test_a_wrong_name_or_password_does_not_sign_in(anon, name, password):
    response = sign_in(anon, name, password)
    assert response.status_code == 200
    assert "Wrong name or password." in response.text
    assert anon.get("/").status_code == 302


@pytest.mark.parametrize("csrf", [None, "", "forged", "é"])
def test_the_sign_in_form_needs_its_csrf_token(anon, csrf):
    csrf_of(anon)  # the session has a token; the post does not send it back
    data = {"name": "ana", "password": PASSWORD} | ({} if csrf is None else {"csrf": csrf})
    response = anon.post("/login", data=data)
    assert response.status_code == 400
    assert "expired" in response.text
    assert anon.get("/").status_code == 302


def test_a_csrf_token_of_another_session_does_not_sign_in(auth_app, anon):
    other = auth_app.test_client()
    data = {"name": "ana", "password": PASSWORD, "csrf": csrf_of(other)}
    csrf_of(anon)
    assert anon.post("/login", data=data).status_code == 400


def test_signing_in_starts_a_new_session(anon):
    before = csrf_of(anon)
    sign_in(anon)
    assert csrf_of(anon, "/") != before


@pytest.mark.parametrize(
    "next, landing",
    [
        ("/?q=x", "/?q=x"),
        ("/articles/a%0Ab.txt", "/articles/a%0Ab.txt"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
    ],
)
def test_after_signing_in_only_a_path_on_this_site_is_followed(anon, next, landing):
    assert sign_in(anon, next=next).headers["Location"] == landing


def test_signing_out_needs_the_csrf_token_and_ends_the_session(anon):
    sign_in(anon)
    assert anon.post("/logout", data={"csrf": "forged"}).status_code == 400
    assert anon.get("/").status_code == 200
    response = anon.post("/logout", data={"csrf": csrf_of(anon, "/")})
    assert (response.status_code, response.headers["Location"]) == (302, "/login")
    assert anon.get("/").status_code == 302
    assert_401(anon.get("/api/search"))


def test_a_removed_user_is_signed_out(auth_app, anon):
    sign_in(anon)
    auth_app.config["USERS"] = {"bo": PASSWORD_HASH}
    assert anon.get("/").status_code == 302


def test_the_session_cookie_is_signed_httponly_and_same_site(anon):
    cookie = sign_in(anon).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie
    assert "ana" not in cookie.split(";")[0].split(".")[-1]  # the signature part


def test_the_sign_in_page_and_its_styles_need_no_credential(anon):
    page = anon.get("/login")
    assert page.status_code == 200
    assert 'type="password"' in page.text and 'autocomplete="current-password"' in page.text
    assert anon.get("/static/style.css").status_code == 200


# --- the API, feeds and exports -------------------------------------------------


@pytest.mark.parametrize("path", ["/api/search?q=korea", "/api/articles/000_6a20b7476f037617.txt", "/api/nope", "/api"])
def test_the_api_answers_401_without_a_token(anon, path):
    assert_401(anon.get(path))


@pytest.mark.parametrize("header", ["Bearer wrong", "Bearer " + TOKEN + "x", "Bearer " + auth.token_hash(TOKEN)])
def test_a_wrong_token_is_refused(anon, header):
    assert_401(anon.get("/api/search", headers={"Authorization": header}), "invalid_token")


@pytest.mark.parametrize("header", ["Basic YW5hOnBhc3M=", "Token " + TOKEN, "Bearer"])
def test_other_schemes_are_no_credential(anon, header):
    assert_401(anon.get("/api/search", headers={"Authorization": header}))


def test_the_right_token_opens_the_api_and_the_pages(anon):
    assert anon.get("/api/search?q=korea", headers=bearer(TOKEN)).status_code == 200
    assert anon.get("/api/articles/000_6a20b7476f037617.txt", headers=bearer(TOKEN)).status_code == 200
    assert anon.get("/?q=korea", headers=bearer(TOKEN)).status_code == 200
    assert anon.get("/api/nope", headers=bearer(TOKEN)).status_code == 404


def test_endpoints_added_later_are_guarded_too(auth_app):
    """Feeds and exports are guarded by the app's hook, not by each view remembering to ask."""
    auth_app.add_url_rule("/feeds/search.atom", "feed", lambda: "<feed/>")
    auth_app.add_url_rule("/api/search.csv", "csv", lambda: "id,title\n")
    auth_app.add_url_rule("/export/all.jsonl", "export", lambda: "{}\n")
    anon = auth_app.test_client()
    assert_401(anon.get("/feeds/search.atom"))
    assert_401(anon.get("/api/search.csv"))
    assert login_next(anon.get("/export/all.jsonl")) == "/export/all.jsonl"
    for path in ("/feeds/search.atom", "/api/search.csv", "/export/all.jsonl"):
        assert anon.get(path, headers=bearer(TOKEN)).status_code == 200
    sign_in(anon)
    assert anon.get("/feeds/search.atom").status_code == 200


# --- configuration ----------------------------------------------------------------


def test_credentials_come_from_the_environment_as_json(monkeypatch, tmp_path):
    monkeypatch.setenv("SEARCHAPP_USERS", json.dumps({"ana": PASSWORD_HASH}))
    monkeypatch.setenv("SEARCHAPP_API_TOKENS", json.dumps({"bot": auth.token_hash(TOKEN)}))
    monkeypatch.setenv("SEARCHAPP_SECRET_KEY", "from the environment")
    monkeypatch.setenv("SEARCHAPP_SESSION_COOKIE_SECURE", "true")
    monkeypatch.setenv("SEARCHAPP_PERMANENT_SESSION_LIFETIME", "3600")
    app = create_app({"INDEX_DIR": str(tmp_path)})
    assert (app.config["USERS"], app.config["API_TOKENS"]) == ({"ana": PASSWORD_HASH}, {"bot": auth.token_hash(TOKEN)})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.permanent_session_lifetime.total_seconds() == 3600
    assert app.test_client().get("/").status_code == 302


def test_the_instance_config_file_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path))
    (tmp_path / "config.py").write_text(f"SECRET_KEY = 'x'\nUSERS = {{'ana': {PASSWORD_HASH!r}}}\n")
    assert create_app().config["USERS"] == {"ana": PASSWORD_HASH}


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"USERS": {"ana": "hunter2"}}, "not a password hash"),
        ({"USERS": "{not json"}, "JSON object"),
        ({"USERS": {"ana": 1}}, "names to hashes"),
        ({"API_TOKENS": {"bot": TOKEN}}, "not a token hash"),
        ({"API_TOKENS": {"bot": "sha256:" + "g" * 64}}, "not a token hash"),
        ({"USERS": {"ana": PASSWORD_HASH}, "SECRET_KEY": None}, "SECRET_KEY"),
        ({"MAX_FILTER_VALUES": "lots"}, "whole number"),
        ({"POSTINGS_CACHE_MB": "lots"}, "whole number, 0 or more, or auto"),
    ],
)
def test_a_mistaken_setting_stops_the_start_with_a_message(tmp_path, settings, message):
    with pytest.raises(ValueError, match=message):
        create_app({"INDEX_DIR": str(tmp_path), "SECRET_KEY": "x"} | settings)


def test_a_token_is_kept_as_its_hash_and_found_by_it():
    stored = {"a": auth.token_hash("one"), "b": auth.token_hash("two")}
    assert [auth.token_owner(stored, t) for t in ("one", "two", "three", "", "é")] == ["a", "b", None, None, None]
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", auth.token_hash("one"))
    assert auth.new_token() != auth.new_token() and len(auth.new_token()) >= 40


def test_check_user():
    users = {"ana": PASSWORD_HASH}
    assert auth.check_user(users, "ana", PASSWORD)
    assert not auth.check_user(users, "ana", PASSWORD + " ")
    assert not auth.check_user(users, "bo", PASSWORD)


# --- who may serve beyond this machine -----------------------------------------------


@pytest.mark.parametrize(
    "binds, opened",
    [
        (["127.0.0.1:8000"], []),
        (["localhost:8000", "[::1]:8000", "127.0.0.2:80", "unix:/run/search.sock"], []),
        (["0.0.0.0:8000"], ["0.0.0.0:8000"]),
        (["[::]:8000", ":8000", "10.1.2.3:80", "search.newsroom.example:80"],
         ["[::]:8000", ":8000", "10.1.2.3:80", "search.newsroom.example:80"]),
    ],
)
def test_open_binds(binds, opened):
    assert auth.open_binds(binds) == opened


def gunicorn_starts(app, bind: str) -> bool:
    """Run gunicorn.conf.py's on_starting as gunicorn would; False when it refuses."""
    hooks = runpy.run_path(str(GUNICORN_CONF))
    server = SimpleNamespace(cfg=SimpleNamespace(bind=[bind]), app=SimpleNamespace(wsgi=lambda: app))
    try:
        hooks["on_starting"](server)
    except RuntimeError as exc:
        assert "USERS or API_TOKENS" in str(exc)
        return False
    return True


def test_gunicorn_serves_other_machines_only_with_credentials(app, auth_app, monkeypatch):
    monkeypatch.delenv("SEARCHAPP_OPEN_WITHOUT_LOGIN", raising=False)
    assert gunicorn_starts(app, "127.0.0.1:8000")
    assert not gunicorn_starts(app, "0.0.0.0:8000")
    assert gunicorn_starts(auth_app, "0.0.0.0:8000")
    monkeypatch.setenv("SEARCHAPP_OPEN_WITHOUT_LOGIN", "1")
    assert gunicorn_starts(app, "0.0.0.0:8000")


def test_flask_run_serves_loopback_by_default():
    from flask.cli import run_command

    assert next(p for p in run_command.params if p.name == "host").default == "127.0.0.1"
