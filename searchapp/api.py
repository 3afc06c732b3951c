"""The JSON API: the search service's results for scripts, in the shape DESIGN.md fixes."""

from __future__ import annotations

import dataclasses
from urllib.parse import quote

from flask import Blueprint, current_app, jsonify, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BuildError

from searchapp import get_service
from searchapp.search import FACET_FIELDS, ArticleRecord, BadRequest, Hit, IndexMissing, SearchRequest, SearchResult

bp = Blueprint("api", __name__, url_prefix="/api")


def init_app(app):
    app.register_blueprint(bp)
    # A wrong method is refused while routing, before the blueprint's own handlers apply.
    app.register_error_handler(405, method_not_allowed)


def method_not_allowed(exc: HTTPException):
    if request.path.startswith(bp.url_prefix + "/"):
        response = http_error(exc)[0]
        response.status_code = 405
        response.headers["Allow"] = ", ".join(exc.valid_methods or ["GET"])
        return response
    return exc


def error(status: int, code: str, message: str):
    """The one error body of the API."""
    return jsonify({"error": {"code": code, "message": message}}), status


@bp.errorhandler(BadRequest)
def bad_request(exc: BadRequest):
    return error(400, exc.code, exc.message)


@bp.errorhandler(IndexMissing)
def index_missing(exc: IndexMissing):
    return error(503, "no_index", exc.message)


@bp.errorhandler(HTTPException)
def http_error(exc: HTTPException):
    return error(exc.code or 500, exc.name.lower().replace(" ", "_"), exc.description or exc.name)


@bp.errorhandler(Exception)
def unexpected(exc: Exception):
    """Never a bare 500 page: log the traceback, answer in the error shape."""
    current_app.logger.exception("unexpected error in %s", request.path)
    return error(500, "internal_error", "something went wrong on our side; it has been logged")


def article_url(id: str) -> str:
    """Our HTML page for an article; ids may hold "/" and "#", so they are quoted."""
    try:
        return url_for("web.article", id=id)
    except BuildError:
        return f"{request.script_root}/articles/{quote(id, safe='/')}"


def iso(value) -> str | None:
    return value.isoformat() if value else None


def hit_json(hit: Hit) -> dict:
    return {
        "id": hit.id,
        "title": hit.title,
        "date": iso(hit.date),
        "source": hit.source,
        "url": article_url(hit.id),
        "score": hit.score,
        "snippet": hit.snippet,
        "countries": hit.countries,
        "officials": hit.officials,
        "topics": hit.topics,
    }


def result_json(result: SearchResult) -> dict:
    req = result.request
    return {
        "query": req.q,
        "total": result.total,
        "page": req.page,
        "per_page": req.per_page,
        "pages": result.pages,
        "sort": req.effective_sort,
        "took_ms": result.took_ms,
        "suggestion": result.suggestion,
        # Undated articles a from/to bound left out; null without from/to (see SearchResult).
        "undated_excluded": result.undated_excluded,
        "hits": [hit_json(h) for h in result.hits],
        "facets": {
            name: [dataclasses.asdict(fc) for fc in result.facets.get(name, [])] for name in FACET_FIELDS
        },
    }


def article_json(record: ArticleRecord) -> dict:
    text = record.text
    return {
        "id": record.id,
        "title": record.title,
        "date": iso(record.date),
        "date_from": record.date_from,  # where the date was found ("dateline", ...); null with no date
        "source": record.source,
        "url": article_url(record.id),
        "original_url": record.url,
        "byline": record.byline,
        "path": record.path,
        "body": record.body,
        "countries": record.countries,
        "officials": record.officials,
        "topics": record.topics,
        "evidence": {
            facet: {
                value: [{"start": s, "end": e, "text": text[s:e]} for s, e in spans]
                for value, spans in values.items()
            }
            for facet, values in record.evidence.items()
        },
    }


@bp.get("/search")
def search():
    req = SearchRequest.from_params(request.args)
    return jsonify(result_json(get_service().search(req)))


@bp.get("/articles/<path:id>")
def article(id: str):
    record = get_service().article(id)
    if record is None:
        return error(404, "not_found", f"no article with id {id!r}")
    return jsonify(article_json(record))


@bp.route("/", defaults={"anything": ""})
@bp.route("/<path:anything>")
def unknown(anything: str):
    """Unknown API addresses answer in the error shape too, not with an HTML page."""
    return error(404, "not_found", f"no API endpoint /api/{anything}")
