"""Newsroom search: keyword and facet search over an archive of news articles."""

import threading
from pathlib import Path

from flask import Flask, current_app

_service_lock = threading.Lock()


def create_app(test_config=None):
    """Build the Flask app; defaults, then SEARCHAPP_* environment, then test_config."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    app.config.from_mapping(
        ARTICLES_DIR=str(Path.cwd() / "articles"),
        INDEX_DIR=str(Path.cwd() / "index"),
        KNOWLEDGE_DIR=None,
        SEARCH_CACHE_SIZE=256,  # recent results kept for repeated requests; 0 turns the cache off
        POSTINGS_CACHE_MB=256,  # decoded postings of recently searched words, per worker; 0 turns it off
    )
    # SEARCHAPP_ARTICLES_DIR, SEARCHAPP_INDEX_DIR, SEARCHAPP_KNOWLEDGE_DIR, SEARCHAPP_SEARCH_CACHE_SIZE, ...
    app.config.from_prefixed_env("SEARCHAPP", loads=str)
    if test_config is not None:
        app.config.from_mapping(test_config)
    for name in ("SEARCH_CACHE_SIZE", "POSTINGS_CACHE_MB"):
        size = str(app.config[name]).strip()
        if not (size.isascii() and size.isdigit()):
            raise ValueError(f"{name} must be a whole number, 0 or more, not {size!r}")
        app.config[name] = int(size)

    from searchapp import api, cli, web

    cli.init_app(app)
    api.init_app(app)
    web.init_app(app)
    return app


def get_service():
    """The app's one SearchService (app.extensions["search"]), made on first use from INDEX_DIR.

    Made lazily so that each forked server worker opens its own searcher.
    """
    from searchapp.search import POSTINGS_CACHE_MB, SearchService

    app = current_app._get_current_object()
    service = app.extensions.get("search")
    if service is None:
        with _service_lock:
            service = app.extensions.get("search")
            if service is None:
                service = app.extensions["search"] = SearchService(
                    Path(app.config["INDEX_DIR"]),
                    cache_size=int(app.config.get("SEARCH_CACHE_SIZE", 0)),
                    postings_cache_mb=int(app.config.get("POSTINGS_CACHE_MB", POSTINGS_CACHE_MB)),
                )
    return service
