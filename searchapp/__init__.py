"""Newsroom search: keyword and facet search over an archive of news articles."""

import datetime
import re
import threading
from pathlib import Path
from urllib.parse import quote

from flask import Flask, current_app
from werkzeug.routing import PathConverter

_service_lock = threading.Lock()
_knowledge_lock = threading.Lock()
TRUE_WORDS = ("1", "true", "yes", "on")


def create_app(test_config=None):
    """Build the Flask app; defaults, then instance/config.py, then SEARCHAPP_* environment, then test_config."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="web/templates",
        static_folder="web/static",
    )
    from searchapp.web.json_provider import OrjsonProvider

    app.json = OrjsonProvider(app)  # Flask's JSON, byte for byte, written faster
    app.config.from_mapping(default_settings())
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)  # a newsroom's instance/config.py
    # SEARCHAPP_ARTICLES_DIR, SEARCHAPP_INDEX_DIR, SEARCHAPP_KNOWLEDGE_DIR, SEARCHAPP_SEARCH_CACHE_SIZE, ...
    app.config.from_prefixed_env("SEARCHAPP", loads=str)
    if test_config is not None:
        app.config.from_mapping(test_config)
    read_settings(app.config)
    register_parts(app)
    return app


def default_settings() -> dict:
    """Every setting's default (README, Configuration); the folders are the working directory's at start."""
    return {
        "ARTICLES_DIR": str(Path.cwd() / "articles"),
        "INDEX_DIR": str(Path.cwd() / "index"),
        "KNOWLEDGE_DIR": None,
        "SEARCH_CACHE_SIZE": 256,  # recent results kept for repeated requests; 0 turns the cache off
        # Decoded postings of recently searched words, per worker, in MB: "auto" is the index's size
        # on disk, at least 256; 0 turns it off.
        "POSTINGS_CACHE_MB": "auto",
        "MAX_FILTER_VALUES": 50,  # facet filter values in one search; more is a 400
        # Search budgets (searchapp/engine/budget.py, README "Budgets"): a search stops after this many
        # milliseconds with what it found; wildcard and fuzzy words expand to at most SEARCH_MAX_EXPANSIONS
        # words; a query with more fuzzy words, wildcards or words than these is a 400.
        "SEARCH_TIME_BUDGET_MS": 2000,
        "SEARCH_MAX_EXPANSIONS": 20,
        "SEARCH_MAX_FUZZY_TERMS": 4,
        "SEARCH_MAX_WILDCARDS": 4,
        "SEARCH_MAX_QUERY_WORDS": 32,
        # Access control (README, "Access control"): off while both are empty.
        "USERS": {},  # name -> password hash (`flask hash-password`); JSON text from the environment
        "API_TOKENS": {},  # name -> token hash (`flask new-token NAME`); JSON text from the environment
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,  # set it when a TLS proxy is in front
        "PERMANENT_SESSION_LIFETIME": 12 * 3600,  # seconds a sign-in lasts: a working day
        "CORS_ORIGINS": (),  # web origins whose pages may call the API and feeds (README, Configuration); none: CORS off
    }


def register_parts(app: Flask) -> None:
    """The error pages, CORS, sign-in, commands, API, exports, feeds, description and pages, in that order."""
    from searchapp import cli
    from searchapp.web import (
        api,
        auth,
        cors,
        countries,
        errors,
        exports,
        feeds,
        meetings,
        officials,
        openapi,
    )
    from searchapp.web import pages as web

    errors.init_app(app)
    cors.init_app(app)  # before auth: a browser's preflight carries no credential
    auth.init_app(app)
    cli.init_app(app)
    api.init_app(app)
    exports.init_app(app)
    feeds.init_app(app)
    openapi.init_app(app)
    web.init_app(app)
    officials.init_app(app)
    countries.init_app(app)
    meetings.init_app(app)


def read_settings(config) -> None:
    """Turn settings that arrive as text (from the environment) into numbers and flags, or refuse them."""
    from searchapp.engine.budget import CONFIG_KEYS

    numbers = ("SEARCH_CACHE_SIZE", "POSTINGS_CACHE_MB", "MAX_FILTER_VALUES", "PERMANENT_SESSION_LIFETIME")
    for name in numbers + tuple(CONFIG_KEYS.values()):
        if isinstance(config[name], datetime.timedelta) or config[name] is None:
            continue
        if name == "POSTINGS_CACHE_MB" and str(config[name]).strip().lower() == "auto":
            config[name] = None  # by the index's size (engine/service.py, postings_budget)
            continue
        size = str(config[name]).strip()
        if not (size.isascii() and size.isdigit()):
            also = ", or auto" if name == "POSTINGS_CACHE_MB" else ""
            raise ValueError(f"{name} must be a whole number, 0 or more{also}, not {size!r}")
        config[name] = int(size)
    if isinstance(config["SESSION_COOKIE_SECURE"], str):
        config["SESSION_COOKIE_SECURE"] = config["SESSION_COOKIE_SECURE"].strip().lower() in TRUE_WORDS


class ArticleIdConverter(PathConverter):
    """An article id in a URL: an archive path, so "/" and any other character, a newline included.

    Werkzeug's path converter stops at a newline, and file names may hold one.
    """

    regex = "[^/](?s:.)*?"

    def to_url(self, value: str) -> str:
        return quote_id(value)


# Characters quote() leaves as they are with safe="/", and the "#" of a record's id ("wire.jsonl#7").
_PLAIN_ID = re.compile(r"[A-Za-z0-9_.~/#-]*")


def quote_id(id: str) -> str:
    """An article id as URL path text: all but "/" percent-quoted ("#", "?", "%" and spaces too).

    Most ids are plain file names and record numbers, for which that is only "#" -> "%23"
    (quote() itself was a tenth of a search answer's time, 20 ids an answer)."""
    if _PLAIN_ID.fullmatch(id):
        return id.replace("#", "%23")
    return quote(id, safe="/", errors="surrogateescape")


def get_knowledge():
    """The app's one Knowledge (the bundled files with KNOWLEDGE_DIR merged in), loaded on first use and kept.

    The search service's aliases and the pages' roles read this one copy.
    """
    from searchapp.knowledge import Knowledge

    app = current_app._get_current_object()
    knowledge = app.extensions.get("knowledge")
    if knowledge is None:
        with _knowledge_lock:
            knowledge = app.extensions.get("knowledge")
            if knowledge is None:
                folder = app.config.get("KNOWLEDGE_DIR")
                knowledge = app.extensions["knowledge"] = Knowledge.load(Path(folder) if folder else None)
    return knowledge


def get_service():
    """The app's one SearchService (app.extensions["search"]), made on first use from INDEX_DIR.

    Made lazily so that each forked server worker opens its own searcher.
    """
    from searchapp.engine import POSTINGS_CACHE_MB, SearchService
    from searchapp.engine.aliases import alias_table

    app = current_app._get_current_object()
    service = app.extensions.get("search")
    if service is None:
        knowledge = get_knowledge()
        with _service_lock:
            service = app.extensions.get("search")
            if service is None:
                service = app.extensions["search"] = SearchService(
                    Path(app.config["INDEX_DIR"]),
                    cache_size=int(app.config.get("SEARCH_CACHE_SIZE", 0)),
                    postings_cache_mb=app.config.get("POSTINGS_CACHE_MB", POSTINGS_CACHE_MB),
                    aliases=knowledge.compiled(alias_table),
                )
    return service
