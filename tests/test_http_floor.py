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
