"""searchapp/serve.py: python -m searchapp.serve (granian) served for real, its guard and its warm-up."""

import gc
import http.client
import logging
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from running_server import ROOT, TOOK_MS, free_port, running_server
from searchapp import serve

def serve_env(app, **settings) -> dict:
    env = dict(os.environ, SEARCHAPP_INDEX_DIR=app.config["INDEX_DIR"], SEARCHAPP_ARTICLES_DIR=app.config["ARTICLES_DIR"])
    env.pop("SEARCHAPP_OPEN_WITHOUT_LOGIN", None)
    env.update(settings)
    return env


@pytest.fixture
def served(app, tmp_path):
    """The port of python -m searchapp.serve over the app's index: one worker, one thread for the app."""
    port = free_port()
    env = serve_env(app, SEARCHAPP_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1", SEARCHAPP_THREADS="1")
    with running_server([sys.executable, "-m", "searchapp.serve"], env, port, tmp_path / "serve.log"):
        yield port


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()


def test_one_connection_answers_request_after_request_as_the_app_does(served, client):
    conn = http.client.HTTPConnection("127.0.0.1", served, timeout=30)
    opened = None
    for path in ("/api/search?q=minister", "/api/search?q=&per_page=5&sort=oldest", "/api/search?q=nuclear&country=China",
                 "/api/search?page=0", "/api/articles/no-such-article"):
        status, body = get(conn, path)
        opened = opened or conn.sock
        assert conn.sock is opened  # kept alive: not closed by the server and opened anew by the client
        expected = client.get(path)
        assert (status, TOOK_MS.sub(b"", body)) == (expected.status_code, TOOK_MS.sub(b"", expected.get_data()))
    conn.close()


def test_a_slow_client_does_not_hold_the_apps_only_thread(served):
    """A client that sent half its request and waits: the server's loop holds it, and another client's
    request is answered by the app's one thread while the slow one is still connected, unanswered."""
    slow = socket.create_connection(("127.0.0.1", served), timeout=30)
    slow.sendall(b"GET /api/search?q=minister HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # no blank line: not done
    try:
        conn = http.client.HTTPConnection("127.0.0.1", served, timeout=30)
        status, body = get(conn, "/api/search?q=minister")
        assert status == 200 and b'"hits"' in body
        conn.close()
        slow.setblocking(False)
        with pytest.raises(BlockingIOError):  # still open, nothing answered: neither served nor dropped
            slow.recv(1)
    finally:
        slow.close()


def test_an_open_address_without_credentials_is_refused_with_a_reason(app):
    done = subprocess.run(
        [sys.executable, "-m", "searchapp.serve"], cwd=ROOT, env=serve_env(app, SEARCHAPP_BIND=f"0.0.0.0:{free_port()}"),
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 2
    assert "not serving 0.0.0.0" in done.stdout and "USERS or API_TOKENS" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize("name, value, message", [
    ("SEARCHAPP_BIND", "8000", "SEARCHAPP_BIND must be host:port or unix:/path, not '8000'"),
    ("SEARCHAPP_BIND", "127.0.0.1:http", "SEARCHAPP_BIND must be host:port or unix:/path, not '127.0.0.1:http'"),
    ("WEB_CONCURRENCY", "two", "WEB_CONCURRENCY must be a whole number, 1 or more, not 'two'"),
    ("SEARCHAPP_THREADS", "0", "SEARCHAPP_THREADS must be a whole number, 1 or more, not '0'"),
])
def test_a_bad_setting_stops_the_server_with_a_message(app, name, value, message):
    env = serve_env(app, SEARCHAPP_BIND=f"127.0.0.1:{free_port()}")
    env[name] = value
    done = subprocess.run([sys.executable, "-m", "searchapp.serve"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (2, f"searchapp.serve: {message}")


def test_open_addresses_need_credentials_or_the_proxys_word(app, monkeypatch):
    monkeypatch.delenv("SEARCHAPP_OPEN_WITHOUT_LOGIN", raising=False)
    serve.refuse_open_address(["127.0.0.1:8000", "unix:/run/search.sock"], app.config)
    with pytest.raises(serve.ServeError, match="not serving 0.0.0.0:8000, \\[::\\]:80"):
        serve.refuse_open_address(["0.0.0.0:8000", "[::]:80"], app.config)
    serve.refuse_open_address(["0.0.0.0:8000"], {"USERS": {}, "API_TOKENS": {"bot": "sha256:..."}})
    serve.refuse_open_address(["0.0.0.0:8000"], app.config, {"SEARCHAPP_OPEN_WITHOUT_LOGIN": "1"})


@pytest.mark.parametrize("text, where", [
    ("127.0.0.1:8000", ("127.0.0.1", 8000)),
    (" [::1]:8080 ", ("::1", 8080)),
    ("0.0.0.0:80", ("0.0.0.0", 80)),
    ("unix:/run/search.sock", Path("/run/search.sock")),
])
def test_parse_bind(text, where):
    assert serve.parse_bind(text) == where


def test_each_worker_is_warmed_and_its_collector_tuned_before_its_first_request(app, monkeypatch):
    """worker_app, granian's loader in each worker: the main process's app, its search service opened
    and its tables built, then what that made frozen out of the collector's full passes."""
    monkeypatch.setattr(serve, "_app", app)
    threshold = gc.get_threshold()
    try:
        assert serve.worker_app() is app
        assert app.extensions["search"]._opened is not None  # opened before any request
        assert {"date", "case:country"} <= app.extensions["search"]._opened.made
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (serve.GC_YOUNG_OBJECTS, *threshold[1:])
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_then_the_most_frequent_words_postings_are_decoded_in_the_background(app, caplog):
    threshold = gc.get_threshold()
    caplog.set_level(logging.INFO, logger=serve.log.name)
    try:
        thread = serve.warm_worker(app)
        thread.join(60)
        assert not thread.is_alive() and thread.daemon
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
    opened = app.extensions["search"].opened()
    reader, vocabulary = opened.leaf_readers()[0], opened.vocabularies("body")[0]
    assert opened.tables.cached(reader, "body", vocabulary.words[vocabulary.by_frequency[0]].encode()) is not None
    words = len({w for v in opened.vocabularies("body") for w in v.words})
    done = [r.getMessage() for r in caplog.records if r.name == serve.log.name]
    assert len(done) == 1 and done[0].startswith(f"worker {os.getpid()} warmed: postings of ")
    assert 0 < int(done[0].split(" of ")[1].split()[0]) <= words + words // 4  # the words it decoded


def test_each_served_worker_says_when_it_is_warmed_and_searches_on_the_fast_path(app, tmp_path):
    """Two workers served for real: each logs its warm-up done (what bench/http_overhead.py waits for), and
    Whoosh's internals were checked once, before they started, not by both at once."""
    port, log_path = free_port(), tmp_path / "serve.log"
    env = serve_env(app, SEARCHAPP_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="2")
    with running_server([sys.executable, "-m", "searchapp.serve"], env, port, log_path):
        deadline = time.monotonic() + 60
        while log_path.read_text().count(" warmed: postings of ") < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
    log = log_path.read_text()
    warmed = re.findall(r"worker (\d+) warmed: postings of (\d+) words", log)
    assert len({pid for pid, _ in warmed}) == 2, log
    assert all(int(words) > 0 for _, words in warmed), log  # 0: a worker on Whoosh's public path
    assert "internals are not as searchapp expects" not in log


def test_the_server_checks_whooshs_internals_before_its_workers_fork(app, monkeypatch):
    from searchapp.internals import check

    monkeypatch.setattr(check, "_verdict", None)
    monkeypatch.setattr(serve, "_app", None)
    serve.server(serve_env(app, SEARCHAPP_BIND=f"127.0.0.1:{free_port()}"))
    assert check._verdict is True


def test_no_index_no_background_work(tmp_path):
    from searchapp import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none"), "ARTICLES_DIR": str(tmp_path)})
    threshold = gc.get_threshold()
    try:
        assert serve.warm_worker(app) is None
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
