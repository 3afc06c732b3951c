"""Serving with gunicorn instead: gunicorn -c gunicorn.conf.py 'searchapp:create_app()'

`python -m searchapp.serve` (granian) is the way the README gives, about 0.4 ms a request
faster (bench/README.md, "HTTP overhead under granian"); this file serves the same app with the
same guard and warm-up (searchapp/serve.py), for a host that runs gunicorn. Without USERS or API_TOKENS
configured, only this machine may connect (see on_starting).
"""

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
    """Refuse an address other machines can reach while the archive is open to anyone who connects
    (searchapp/serve.py's refuse_open_address; SEARCHAPP_OPEN_WITHOUT_LOGIN=1 allows it); check
    Whoosh's internals once, for the workers to inherit the verdict."""
    from searchapp.serve import check_internals_once, refuse_open_address

    refuse_open_address(server.cfg.bind, server.app.wsgi().config)
    check_internals_once()


def post_worker_init(worker):
    """Open the index and build its tables in this worker now, before the first request; then tune
    the garbage collector (searchapp/serve.py's warm_worker)."""
    from searchapp.serve import warm_worker

    warm_worker(worker.wsgi, worker.log)
