"""The floor of bench/http_overhead.py: a WSGI app that only answers, served like the product.

    python bench/floor_app.py                          (granian, with searchapp/serve.py's settings)
    gunicorn -c bench/floor_app.py floor_app:app      (FLOOR_CONF: the product's gunicorn.conf.py)

Its time over HTTP is what any answer costs on this server, machine and client: the server's
worker, the loopback and http.client. GET /?bytes=N answers N bytes of JSON, the size of the
product's answer to the same query, so the bytes moved are the same too. Under gunicorn the settings are
the product's gunicorn.conf.py (workers, worker class, threads, keep-alive, ...) without its
hooks, which open the search index; FLOOR_SETTINGS (JSON, {"threads": 1}) changes some of them,
for bench/http_floor.py to compare.
"""

import json
import os

_BODIES: dict[int, bytes] = {}


def app(environ, start_response):
    query = environ.get("QUERY_STRING", "")
    size = int(query[6:]) if query.startswith("bytes=") and query[6:].isdigit() else 0
    body = _BODIES.get(size)
    if body is None:  # {"x":"aaa..."}, at least its 8 bytes
        body = _BODIES[size] = b'{"x":"' + b"a" * max(0, size - 8) + b'"}'
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


if "FLOOR_CONF" in os.environ:  # read as gunicorn's config file: the product's settings, not its hooks
    _settings: dict = {"__file__": os.environ["FLOOR_CONF"]}
    with open(os.environ["FLOOR_CONF"]) as _conf:
        exec(compile(_conf.read(), os.environ["FLOOR_CONF"], "exec"), _settings)
    globals().update({k: v for k, v in _settings.items()
                      if not k.startswith("_") and not callable(v) and not isinstance(v, type(os))})
    globals().update(json.loads(os.environ.get("FLOOR_SETTINGS") or "{}"))


def serve_with_granian() -> None:
    """python bench/floor_app.py: served by granian with the product's settings (searchapp/serve.py's
    SEARCHAPP_BIND, WEB_CONCURRENCY, SEARCHAPP_THREADS), as python -m searchapp.serve serves the app."""
    from searchapp.serve import granian, settings

    _, where, workers, threads = settings()
    granian(where, workers, threads).serve(target_loader=lambda: app, wrap_loader=False)


if __name__ == "__main__":
    serve_with_granian()
