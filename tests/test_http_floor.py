"""bench/floor_app.py and bench/http_floor.py: the floor answers as many bytes as asked, with the product's
gunicorn settings (some changed on request) and none of its hooks."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import http_floor  # noqa: E402


def load_floor_app(monkeypatch, conf=None, settings=None):
    """bench/floor_app.py imported afresh, as gunicorn reads it, with these FLOOR_CONF and FLOOR_SETTINGS."""
    for name, value in (("FLOOR_CONF", conf), ("FLOOR_SETTINGS", settings)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("floor_app_under_test", ROOT / "bench" / "floor_app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def answer(module, query: str) -> tuple[list, bytes]:
    started = []
    body = b"".join(module.app({"QUERY_STRING": query}, lambda status, headers: started.append((status, headers))))
    return started, body


@pytest.mark.parametrize("query, size", [("bytes=19000", 19000), ("bytes=0", 8), ("bytes=x", 8), ("", 8)])
def test_the_floor_answers_json_of_the_size_asked(monkeypatch, query, size):
    started, body = answer(load_floor_app(monkeypatch), query)
    assert len(body) == size and json.loads(body)["x"] == "a" * (size - 8)
    assert started == [("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(size))])]


def test_the_floor_takes_the_products_settings_not_its_hooks(monkeypatch):
    module = load_floor_app(monkeypatch, conf=str(ROOT / "gunicorn.conf.py"))
    assert (module.worker_class, module.threads, module.preload_app) == ("gthread", 4, True)
    assert not hasattr(module, "post_worker_init") and not hasattr(module, "on_starting")


def test_floor_settings_change_some_of_them(monkeypatch):
    module = load_floor_app(monkeypatch, conf=str(ROOT / "gunicorn.conf.py"),
                            settings='{"threads": 1, "worker_class": "gevent"}')
    assert (module.worker_class, module.threads, module.preload_app) == ("gevent", 1, True)


def test_a_setting_is_names_and_json_values():
    assert http_floor.parse_setting('threads=1; worker_class="gevent"') == {"threads": 1, "worker_class": "gevent"}
    with pytest.raises(SystemExit, match="must be JSON"):
        http_floor.parse_setting("worker_class=gevent")


def test_the_floor_is_served_by_granian_with_the_products_settings(tmp_path):
    """python bench/floor_app.py: searchapp/serve.py's granian, with its SEARCHAPP_BIND, serving the floor."""
    import http.client
    import os
    import socket
    import subprocess
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, SEARCHAPP_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1")
    with open(tmp_path / "floor.log", "w") as log:
        server = subprocess.Popen([sys.executable, str(ROOT / "bench" / "floor_app.py")], cwd=ROOT / "bench", env=env,
                                  stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    conn.request("GET", "/?bytes=5000")
                    response = conn.getresponse()
                    break
                except OSError:
                    assert server.poll() is None, (tmp_path / "floor.log").read_text()
                    assert time.monotonic() < deadline, "the floor did not start in 60 s"
                    time.sleep(0.2)
            body = response.read()
            assert (response.status, response.getheader("server"), len(body)) == (200, "granian", 5000)
        finally:
            server.terminate()
            server.wait(30)
