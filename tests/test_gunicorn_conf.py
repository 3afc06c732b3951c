"""gunicorn.conf.py served for real: a client keeps one connection for request after request, answered as the app answers."""

import http.client
import os
import sys

import pytest

from running_server import ROOT, TOOK_MS, free_port, running_server


@pytest.fixture
def served(app, tmp_path):
    """The port of gunicorn started with the repository's gunicorn.conf.py over the app's index."""
    port = free_port()
    env = dict(
        os.environ,
        SEARCHAPP_BIND=f"127.0.0.1:{port}",
        SEARCHAPP_INDEX_DIR=app.config["INDEX_DIR"],
        SEARCHAPP_ARTICLES_DIR=app.config["ARTICLES_DIR"],
        WEB_CONCURRENCY="1",
    )
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "searchapp:create_app()"]
    with running_server(command, env, port, tmp_path / "gunicorn.log"):
        yield port


def test_one_connection_answers_request_after_request(served, client):
    conn = http.client.HTTPConnection("127.0.0.1", served, timeout=30)
    paths = ["/api/search?q=minister", "/api/search?q=&per_page=5&sort=oldest", "/api/search?q=nuclear&country=China"]
    opened = None
    for path in paths:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        assert response.status == 200, body
        assert response.getheader("Connection", "").lower() != "close"
        opened = opened or conn.sock
        assert conn.sock is opened  # not closed by the server and opened anew by the client
        expected = client.get(path).get_data()
        assert TOOK_MS.sub(b"", body) == TOOK_MS.sub(b"", expected)
    conn.close()


def test_a_worker_is_warmed_and_its_collector_tuned_before_its_first_request(app):
    """post_worker_init: the search service opened and its tables built, then what that made frozen out
    of the collector's full passes and the young generation's threshold raised."""
    import gc
    import logging
    import runpy
    from types import SimpleNamespace

    from searchapp.serve import GC_YOUNG_OBJECTS

    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    threshold = gc.get_threshold()
    try:
        conf["post_worker_init"](SimpleNamespace(wsgi=app, log=logging.getLogger("test")))
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (GC_YOUNG_OBJECTS, *threshold[1:])
        assert app.extensions["search"]._opened is not None  # warm: opened before any request
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
