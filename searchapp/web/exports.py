"""Exports: every match of a search, streamed as CSV or JSON Lines in the search's own order.

The rows come from the same search service and the same request as /api/search,
CHUNK hits at a time: each chunk is one search with its own time budget, and the
service's lock is let go between chunks, so a big export never holds other users
up, and its memory does not grow with the number of rows it sends.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from typing import Iterable, Iterator
from urllib.parse import urljoin

from flask import Blueprint, Response, has_request_context, request, url_for
from werkzeug.exceptions import HTTPException

from searchapp import get_service, quote_id
from searchapp.engine import BadRequest, Hit, IndexMissing, SearchRequest, SearchResult
from searchapp.web import api
from searchapp.web.params import search_limits, search_request
from searchapp.web.search_urls import search_state, with_query

bp = Blueprint("exports", __name__, url_prefix="/api")

# Hits a search fetches at a time: the API's largest page, because the service's result cache keeps
# each chunk as it keeps a page, so an export can fill it no further than a script paging the API
# (with 500, a 20,000-row export left 20,000 hits in it as well; 100 costs 15% more time).
CHUNK = 100
COLUMNS = ("id", "title", "date", "source", "url", "original_url", "score", "countries", "officials", "topics", "snippet")
MULTI_VALUE_SEPARATOR = "; "  # countries, officials, topics in one CSV cell
# A cell a spreadsheet would run as a formula; it gets a leading apostrophe (OWASP's CSV injection advice).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROWS_PER_WRITE = 100  # CSV and JSON Lines rows sent in one piece
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


class ExportIncomplete(Exception):
    """An export could not go on as it began: a chunk ran out of time, or a reindex changed the matches."""


def init_app(app):
    """Register the export routes and the page's link helper."""
    app.register_blueprint(bp)
    app.jinja_env.globals["search_link"] = search_link


def use_api_errors(blueprint: Blueprint) -> None:
    """Answer this blueprint's errors as the API does: one error body, never a bare 500."""
    blueprint.register_error_handler(BadRequest, api.bad_request)
    blueprint.register_error_handler(IndexMissing, api.index_missing)
    blueprint.register_error_handler(ExportIncomplete, lambda exc: api.error(503, "timed_out", str(exc)))
    blueprint.register_error_handler(HTTPException, api.http_error)
    blueprint.register_error_handler(Exception, api.unexpected)


use_api_errors(bp)


# --- the rows -------------------------------------------------------------


def search_hits(req: SearchRequest, limits, limit: int | None = None) -> tuple[SearchResult, Iterator[Hit]]:
    """The first chunk's result, run now, and an iterator over every hit (at most limit) in the search's order.

    The first search runs before anything is sent, so a bad parameter or a missing index
    is still a 400 or 503; a later chunk that runs out of time, or finds the match set
    changed by a reindex, raises ExportIncomplete rather than send a short or muddled file.
    """
    service = get_service()
    size = min(CHUNK, limit) if limit else CHUNK
    first = service.search(dataclasses.replace(req, page=1, per_page=size), limits)
    if first.timed_out:
        raise ExportIncomplete("the search ran out of time before the export began: narrow it, or try again")
    wanted = min(first.total, limit) if limit else first.total

    def hits() -> Iterator[Hit]:
        sent, page, result = 0, 1, first
        while True:
            for hit in result.hits[: wanted - sent]:
                yield hit
            sent += min(len(result.hits), wanted - sent)
            if sent >= wanted or not result.hits:
                return
            page += 1
            result = service.search(dataclasses.replace(req, page=page, per_page=size), limits)
            if result.timed_out:
                raise ExportIncomplete(f"the export stopped after {sent:,} rows: a part of it ran out of time")
            if result.total != first.total:
                raise ExportIncomplete(f"the export stopped after {sent:,} rows: the index changed under it")

    return first, hits()


def rows(hits: Iterable[Hit], pages: str) -> Iterator[dict]:
    """One row a hit; the service and pages (pages_url()) are taken now, so streaming needs no request context."""
    service = get_service()
    return (row(hit, service.article(hit.id), pages) for hit in hits)


def row(hit: Hit, record, pages: str) -> dict:
    """The API's hit with the snippet as plain text, the page absolute, and the original address from record."""
    return {
        "id": hit.id,
        "title": hit.title,
        "date": hit.date.isoformat() if hit.date else None,
        "source": hit.source,
        "url": pages + quote_id(hit.id),
        "original_url": record.url if record else None,  # only the stored record has it
        "score": hit.score,
        "countries": hit.countries,
        "officials": hit.officials,
        "topics": hit.topics,
        "snippet": hit.snippet.text,  # the engine's Marked: plain text and the spans to mark
    }


def pages_url() -> str:
    """Where article pages are, their id to be appended: absolute in a download, which leaves the app;
    a path from the command line, which knows no host. (url_for a row was a fifth of an export's time.)"""
    if has_request_context():
        return urljoin(request.host_url, api.article_url("-"))[:-1]
    return "/articles/"


# --- the formats ------------------------------------------------------------


def csv_cell(value) -> str:
    """A value as a CSV cell: lists joined, nothing a spreadsheet would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = MULTI_VALUE_SEPARATOR.join(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(rows: Iterable[dict]) -> Iterator[str]:
    """CSV (RFC 4180 quoting, a header row) in pieces of ROWS_PER_WRITE rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for n, row in enumerate(rows, 1):
        writer.writerow([csv_cell(row[name]) for name in COLUMNS])
        if n % ROWS_PER_WRITE == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def jsonl_text(rows: Iterable[dict]) -> Iterator[str]:
    """One JSON object a line, in pieces of ROWS_PER_WRITE rows."""
    lines = []
    for row in rows:
        lines.append(json.dumps(row, ensure_ascii=False) + "\n")
        if len(lines) == ROWS_PER_WRITE:
            yield "".join(lines)
            lines = []
    yield "".join(lines)


WRITERS = {"csv": csv_text, "jsonl": jsonl_text}


# --- the routes -------------------------------------------------------------


@bp.get("/search.csv")
def search_csv():
    return export("csv")


@bp.get("/search.jsonl")
def search_jsonl():
    return export("jsonl")


def export(kind: str) -> Response:
    """Every match of the query string's search as a download; the same parameters and 400s as /api/search."""
    req = search_request(request.args)  # page and per_page are checked as in /api/search, then ignored
    first, hits = search_hits(req, search_limits())
    body = (piece.encode("utf-8") for piece in WRITERS[kind](rows(hits, pages_url())))
    response = Response(body, content_type=MEDIA_TYPES[kind])
    response.headers["Content-Disposition"] = f'attachment; filename="{file_name(req)}.{kind}"'
    response.headers["X-Total-Count"] = str(first.total)  # so a script can tell a cut download from a whole one
    return response


def file_name(req: SearchRequest) -> str:
    """search-<the query's words>: plain ASCII, so every browser keeps it."""
    words = re.findall(r"[a-z0-9]+", req.q.lower())
    return "-".join(["search", *words])[:60].rstrip("-")


def search_link(endpoint: str, drop: tuple[str, ...] = ()) -> str:
    """The address of endpoint (an export, the feed) for the search in this request's query string.

    The page's own de-duplicated state (search_state), so a URL of repeats makes one short link.
    """
    pairs = [(k, v) for k, v in search_state(request.args.items(multi=True)) if k not in ("page", "per_page", *drop)]
    return with_query(url_for(endpoint), pairs)
