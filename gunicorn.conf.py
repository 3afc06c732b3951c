"""Serving settings: gunicorn -c gunicorn.conf.py 'searchapp:create_app()'

Each worker opens its own searcher and builds its facet tables before it takes
requests, so the first searches are as fast as the rest. Without USERS or
API_TOKENS configured, only this machine may connect (see on_starting).
"""

import gc
import os

bind = os.environ.get("SEARCHAPP_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))  # a search is CPU work: one worker a core
# Threads, so that a client's connection is kept alive between requests: the sync worker closes
# each one after its answer, so every request paid for a new one. A worker's searches still take
# turns (the search service's lock); its threads read, write and wait on sockets meanwhile, and a
# slow client holds one thread, not the whole worker. Measured against threads 1 and 2, gevent's
# worker and gunicorn's C parser (bench/README.md, "HTTP overhead"): none answered sooner, and
# gevent would hold a page request up behind a long search, where a thread lets it through.
worker_class = "gthread"
threads = 4
# Loading the app once in the master shares its imported code between workers; the
# searcher and tables are still made per worker (open files must not be shared).
preload_app = True
# Warming a 100,000-article index takes seconds; the default 30 s leaves little room on a loaded machine.
timeout = 120
graceful_timeout = 30
keepalive = 5  # seconds an idle connection stays open for its next request


def on_starting(server):
    """Refuse an address other machines can reach while the archive is open to anyone who connects.

    SEARCHAPP_OPEN_WITHOUT_LOGIN=1 allows it, for a proxy on another machine that does the sign-in.
    """
    from searchapp.web.auth import open_binds

    opened = open_binds(server.cfg.bind)
    config = server.app.wsgi().config
    if opened and not (config["USERS"] or config["API_TOKENS"]) and os.environ.get("SEARCHAPP_OPEN_WITHOUT_LOGIN") != "1":
        raise RuntimeError(
            f"not serving {', '.join(opened)}: with no USERS or API_TOKENS configured, anyone who can reach "
            "it would read the whole archive. Configure them (README, \"Access control\") or bind 127.0.0.1."
        )


def post_worker_init(worker):
    """Open the index and build its tables in this worker now, before the first request; then tune
    the garbage collector for a server whose requests make and drop many objects (see below)."""
    from searchapp import get_service

    app = worker.wsgi
    with app.app_context():
        if not get_service().warm():
            worker.log.warning("no index yet in %s: searches will say so until a reindex", app.config["INDEX_DIR"])
    # What is made by now (imports, knowledge, the index's tables) lives as long as the worker: out of
    # the full passes, which walked it all each time (50-65 ms at 100,000 articles, about one request
    # in a hundred; 13-22 ms after). And a young pass once 10,000 objects more are alive, not 700: a search
    # holds thousands for a moment, and walking them again and again was 0.2-0.4 ms a request (0.08 after).
    gc.freeze()
    gc.set_threshold(GC_YOUNG_OBJECTS, *gc.get_threshold()[1:])


GC_YOUNG_OBJECTS = 10_000
