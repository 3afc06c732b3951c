"""Serving in production: python -m searchapp.serve  (granian, a Rust HTTP server, runs the app's WSGI).

Settings come from the environment: SEARCHAPP_BIND (host:port, default 127.0.0.1:8000, or
unix:/path), WEB_CONCURRENCY (worker processes, default 2: a search is CPU work, one worker a
core) and SEARCHAPP_THREADS (threads a worker runs the app in, default 4). The app's own
settings are create_app()'s (README, Configuration).

granian reads, parses and writes HTTP in Rust, outside Python's lock: per request that is about
0.4 ms less than gunicorn's Python worker (bench/README.md, "HTTP overhead under granian").
Connections are kept alive between requests, and a client slow to send its request holds none
of the app's threads, since its bytes are read by the server's own loop. Each worker opens its
own searcher and builds its tables before it takes requests (worker_app), then decodes its most
frequent words' postings in the background (warm_worker).
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
from pathlib import Path

from flask import Flask

from searchapp import create_app

DEFAULT_BIND = "127.0.0.1:8000"
WORKERS = 2
THREADS = 4  # a worker's searches take turns (the search service's lock); a page goes by a long search
# A client that has not sent a whole request's headers this long after connecting, or after its
# last answer, is let go: idle connections do not pile up.
HEADER_READ_TIMEOUT_MS = 5_000
# What is alive after warming (imports, knowledge, the index's tables) lives as long as the worker:
# frozen out of the collector's full passes (50-65 ms at 100,000 articles, about one request in a
# hundred), and a young pass once 10,000 objects more are alive, not 700: a search holds thousands
# for a moment, and walking them again and again was 0.2-0.4 ms a request (0.08 after).
GC_YOUNG_OBJECTS = 10_000

log = logging.getLogger("searchapp.serve")
# Logged by each worker when its background warm-up is done: a worker is at its steady speed from then
# on (bench/http_overhead.py waits for it before measuring; until then requests share the CPU with it).
WARMED = "worker %d warmed: postings of %d words decoded in the background in %.1f s"
_app: Flask | None = None  # made once in the main process; each forked worker warms its own searcher


class ServeError(RuntimeError):
    """A setting that stops the server before it starts, with what to do instead."""


def parse_bind(text: str) -> tuple[str, int] | Path:
    """SEARCHAPP_BIND as (host, port), or the Path of a unix socket ("unix:/run/search.sock")."""
    text = text.strip()
    if text.startswith("unix:"):
        return Path(text[5:])
    host, sep, port = text.rpartition(":")
    if host.startswith("[") and host.endswith("]"):  # [::1]:8000
        host = host[1:-1]
    if not (sep and host and port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        raise ServeError(f"SEARCHAPP_BIND must be host:port or unix:/path, not {text!r}")
    return host, int(port)


def refuse_open_address(binds: list[str], config, environ=os.environ) -> None:
    """Refuse an address other machines can reach while the archive is open to anyone who connects.

    SEARCHAPP_OPEN_WITHOUT_LOGIN=1 allows it, for a proxy on another machine that does the sign-in.
    """
    from searchapp.web.auth import open_binds

    opened = open_binds(binds)
    if opened and not (config["USERS"] or config["API_TOKENS"]) and environ.get("SEARCHAPP_OPEN_WITHOUT_LOGIN") != "1":
        raise ServeError(
            f"not serving {', '.join(opened)}: with no USERS or API_TOKENS configured, anyone who can reach "
            "it would read the whole archive. Configure them (README, \"Access control\") or bind 127.0.0.1."
        )


def warm_worker(app: Flask, logger: logging.Logger = log) -> threading.Thread | None:
    """In each worker, before its first request: open the index and build its tables, then tune the
    collector for a server whose requests make and drop many objects (GC_YOUNG_OBJECTS).

    Then, in a thread of its own, the most frequent words' postings are decoded (SearchService.warm_postings):
    seconds of work that would hold up the first request, and that a search otherwise does on its
    words' first use. Returns that thread (None without an index)."""
    from searchapp import get_service

    with app.app_context():
        service = get_service()
        if not service.warm():
            logger.warning("no index yet in %s: searches will say so until a reindex", app.config["INDEX_DIR"])
            service = None
    gc.freeze()
    gc.set_threshold(GC_YOUNG_OBJECTS, *gc.get_threshold()[1:])
    if service is None:
        return None
    thread = threading.Thread(target=_warm_postings, args=(service, logger), name="warm-postings", daemon=True)
    thread.start()
    return thread


def _warm_postings(service, logger: logging.Logger) -> None:
    """warm_worker's background part; logs WARMED when it is done."""
    started = time.perf_counter()
    words = service.warm_postings()
    logger.info(WARMED, os.getpid(), words, time.perf_counter() - started)


def worker_app() -> Flask:
    """granian's loader, run in each worker: the app made in the main process, warmed here."""
    app = _app if _app is not None else create_app()  # a worker spawned, not forked, makes its own
    warm_worker(app)
    return app


def settings(environ=os.environ) -> tuple[str, tuple[str, int] | Path, int, int]:
    """(SEARCHAPP_BIND as given, where it binds, workers, threads a worker) from the environment."""
    bind = environ.get("SEARCHAPP_BIND", DEFAULT_BIND)
    return bind, parse_bind(bind), _number(environ, "WEB_CONCURRENCY", WORKERS), _number(environ, "SEARCHAPP_THREADS", THREADS)


def server(environ=os.environ):
    """The granian server for these settings, refusing an open address first; serve() runs it."""
    global _app
    bind, where, workers, threads = settings(environ)
    _app = create_app()  # the settings checked once, and the imported code shared by the forked workers
    refuse_open_address([bind], _app.config, environ)
    check_internals_once()
    return granian(where, workers, threads)


def check_internals_once() -> None:
    """Check Whoosh's internals (searchapp/internals/check.py) in the main process, before the workers
    fork: they inherit the verdict. Checked by each worker, the workers wrote their sample indexes in
    the same temporary folder at the same moment (Whoosh names it after the index: /tmp/MAIN.tmp), one
    could remove the other's files, and that worker then searched through Whoosh's public API, several
    times slower, until it was restarted."""
    from searchapp.internals import check

    check.internals_usable()


def granian(where: tuple[str, int] | Path, workers: int, threads: int):
    """granian with this app's serving settings, for any WSGI app: serve(target_loader=...) gives it
    the app in each worker (bench/floor_app.py serves its own with the same settings)."""
    from granian import Granian
    from granian.constants import HTTPModes, Interfaces
    from granian.http import HTTP1Settings
    from granian.log import LOGGING_CONFIG

    place = {"uds": where} if isinstance(where, Path) else {"address": where[0], "port": where[1]}
    return Granian(
        "searchapp:create_app",  # granian's name for the app; the target_loader given to serve() makes it
        interface=Interfaces.WSGI,
        http=HTTPModes.http1,
        workers=workers,
        blocking_threads=threads,
        http1_settings=HTTP1Settings(header_read_timeout=HEADER_READ_TIMEOUT_MS),
        websockets=False,
        # granian's own loggers as it sets them, and this module's INFO lines (a worker's WARMED) on its console
        log_dictconfig={"loggers": {**LOGGING_CONFIG["loggers"], "searchapp.serve": SERVE_LOGGER}},
        **place,
    )


SERVE_LOGGER = {"handlers": ["console"], "level": "INFO", "propagate": False}


def _number(environ, name: str, default: int) -> int:
    text = environ.get(name, "").strip() or str(default)
    if not (text.isascii() and text.isdigit() and int(text) > 0):
        raise ServeError(f"{name} must be a whole number, 1 or more, not {text!r}")
    return int(text)


def main() -> int:
    try:
        granian = server()
    except (ServeError, ValueError) as exc:  # ValueError: create_app's settings
        print(f"searchapp.serve: {exc}", flush=True)
        return 2
    granian.serve(target_loader=worker_app, wrap_loader=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
