"""The JSON API: the search service's results for scripts, in the shape docs/DESIGN.md fixes."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BuildError

from searchapp import ArticleIdConverter, get_service, quote_id
from searchapp.engine import FACET_FIELDS, ArticleRecord, BadRequest, Hit, IndexMissing, SearchResult
from searchapp.web.highlight import snippet_json, title_json
from searchapp.web.official_roles import official_roles_json
from searchapp.web.params import facet_value_search, search_limits, search_request
from searchapp.web.timeline import histogram_json, read_interval

bp = Blueprint("api", __name__, url_prefix="/api")


def init_app(app):
    """Register the API; its errors outside its views (no such address, wrong method) are web/errors.py's."""
    app.url_map.converters["article_id"] = ArticleIdConverter
    app.register_blueprint(bp)


def is_api_path(path: str) -> bool:
    return path == bp.url_prefix or path.startswith(bp.url_prefix + "/")


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
    """An HTTP error in the error shape, keeping its headers (a 405's Allow).

    Registered on the blueprint as well as through web/errors.py: inside an API view the
    catch-all below would otherwise take an HTTPException for a 500."""
    if (exc.code or 500) >= 500:
        response, status = internal_error(exc.code or 500)
    else:
        response, status = error(exc.code, exc.name.lower().replace(" ", "_"), exc.description or exc.name)
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response, status


@bp.errorhandler(Exception)
def unexpected(exc: Exception):
    """Never a bare 500 page: log the traceback, answer in the error shape."""
    current_app.logger.exception("unexpected error in %s", request.path)
    return internal_error()


def internal_error(status: int = 500):
    return error(status, "internal_error", "something went wrong on our side; it has been logged")


def article_url(id: str) -> str:
    """Our HTML page for an article; ids may hold "/" and "#", so they are quoted."""
    return article_url_base() + quote_id(id)


def article_url_base() -> str:
    """Our HTML page for an article but the quoted id: the route is built once for the mount point
    (SCRIPT_NAME) the app is served under, not once a request; only the last one is kept."""
    root = request.script_root
    kept = current_app.extensions.get("article_url_base")
    if kept is not None and kept[0] == root:
        return kept[1]
    try:
        base = url_for("web.article", id="-")[:-1]
    except BuildError:
        base = f"{root}/articles/"
    current_app.extensions["article_url_base"] = (root, base)
    return base


def iso(value) -> str | None:
    return value.isoformat() if value else None


def hit_json(hit: Hit, url_base: str | None = None) -> dict:
    """url_base: article_url_base(), when the caller has it already."""
    return {
        "id": hit.id,
        "title": hit.title,
        "title_html": title_json(hit),  # the title HTML-escaped, the query's matches in <mark>, as the snippet
        "date": iso(hit.date),
        "source": hit.source,
        "url": (article_url_base() if url_base is None else url_base) + quote_id(hit.id),
        "score": hit.score,
        "snippet": snippet_json(hit.snippet),
        "countries": hit.countries,
        "officials": hit.officials,
        "official_roles": official_roles_json(hit),  # each official's role on the article's date
        "topics": hit.topics,
    }


def facet_values_json(values) -> list[dict]:
    """Facet counts as JSON objects: each FacetCount's own attributes ({"value", "count", "selected"}),
    read by the encoder, not copied into a new dict a value (a broad search has thousands: 0.37
    against 0.60 us a value, encoding included). Never changed here: they are the result's."""
    return [vars(fc) for fc in values]


def result_json(result: SearchResult, interval: str | None = None) -> dict:
    """interval: the histogram's, year or month; None chooses by the span of the matches."""
    req = result.request
    url_base = article_url_base()
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
        # The search ran out of its time budget (SEARCH_TIME_BUDGET_MS): hits and counts are what it found in time.
        "timed_out": result.timed_out,
        # The knowledge's other names the query's words were also searched as ("DPRK": North Korea, Pyongyang, ...).
        "also_matched": [{"typed": t, "value": v, "forms": list(f)} for t, v, f in result.also_matched],
        # The matches over time: histogram, histogram_interval and undated (web/timeline.py).
        **histogram_json(result.histogram, interval),
        "hits": [hit_json(h, url_base) for h in result.hits],
        "facets": {
            # By hand: dataclasses.asdict deep-copies, 50 ms for the thousands of values of a broad search.
            name: facet_values_json(result.facets.get(name, ()))
            for name in FACET_FIELDS
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
        "official_roles": official_roles_json(record),  # each official's role on the article's date
        "topics": record.topics,
        # Who met whom, as the article reports it (web/meetings.py; /api/meetings finds them across articles).
        "meetings": [m.stored() for m in record.meetings],
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
    req = search_request(request.args)
    interval = read_interval(request.args)
    return jsonify(result_json(get_service().search(req, search_limits()), interval))


@bp.get("/facets/<facet>")
def facet_values(facet: str):
    """One facet's values a word of which starts with prefix, counted within the search the other parameters give."""
    if facet not in FACET_FIELDS:
        return error(404, "not_found", f"no facet {facet!r}: one of {', '.join(FACET_FIELDS)}")
    prefix, limit = facet_value_search(request.args)
    req = search_request(request.args)
    values, total = get_service().facet_values(req, facet, prefix, limit, search_limits())
    return jsonify({"facet": facet, "prefix": prefix, "total": total, "values": facet_values_json(values)})


@bp.get("/articles/<article_id:id>")
def article(id: str):
    record = get_service().article(id)
    if record is None:
        return error(404, "not_found", f"no article with id {id!r}")
    return jsonify(article_json(record))
