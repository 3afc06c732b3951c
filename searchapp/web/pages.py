"""The journalists' HTML pages: the search page and the article page.

Both call the same search service as the JSON API with the same SearchRequest,
so a page and its JSON twin (linked with rel="alternate") never disagree. The
views are here; what they show is made by search_urls (links to the search with
one thing changed), facet_links (filters and chips), article_text (the marked-up
text) and evidence (why the article has its facets).
"""

from __future__ import annotations

import datetime

from flask import Blueprint, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from searchapp import ArticleIdConverter, get_service, quote_id
from searchapp.engine import SORTS, BadRequest, IndexMissing
from searchapp.web.article_text import article_paragraphs, query_marks
from searchapp.web.evidence import why_facets
from searchapp.web.facet_links import FACET_LABELS, MODE_LABELS, facet_panels, hit_chips
from searchapp.web.highlight import marked, snippet_html, title_html
from searchapp.web.params import search_limits, search_request
from searchapp.web.search_urls import SearchUrls, pagination, search_state, with_query
from searchapp.web.timeline import chart, period_url, read_interval

bp = Blueprint("web", __name__)

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def init_app(app):
    """Register the pages and the security headers on every response (error pages: error_page)."""
    app.url_map.converters["article_id"] = ArticleIdConverter
    app.register_blueprint(bp)
    app.after_request(add_security_headers)
    app.jinja_env.filters["snippet_html"] = snippet_html
    app.jinja_env.filters["title_html"] = title_html
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["date_origin"] = date_origin


def add_security_headers(response):
    """Each security header a view has not set itself.

    Not by Headers.setdefault: a header it lacks costs it two scans and an exception, a
    request's 0.014 ms for these three; one set of the names the response has is enough."""
    headers = response.headers
    present = {name.lower() for name in headers.keys()}
    for name, key, value in _SECURITY_HEADERS:
        if key not in present:
            headers.add(name, value)
    return response


_SECURITY_HEADERS = tuple((name, name.lower(), value) for name, value in SECURITY_HEADERS.items())


def error_page(exc: HTTPException):
    """An HTTP error as a page: "not found", an apology for our own failure (the traceback is in the
    log), or the error's own words; its headers (a 405's Allow) are kept."""
    headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
    code = exc.code or 500
    if code == 404:
        return render_template("not_found.html", what="page"), 404, headers
    message = None if code >= 500 else exc.description
    return render_template("error.html", message=message), code, headers


# --- the search page -------------------------------------------------------


@bp.get("/")
def search_page():
    urls = SearchUrls(request.args)
    try:
        req = search_request(request.args)
        interval = read_interval(request.args)
        result = get_service().search(req, search_limits())
    except BadRequest as exc:
        return render_template("search.html", urls=urls, error=exc, result=None, **_form(request.args)), 400
    except IndexMissing:
        return render_template("no_index.html"), 503
    return render_template(
        "search.html",
        urls=urls,
        error=None,
        result=result,
        facets=facet_panels(result, urls),
        chart=chart(result.histogram, interval, lambda first, last: period_url(urls, first, last)),
        pagination=pagination(result.request.page, result.pages),
        chips_of=lambda hit: hit_chips(hit, urls),
        **_form(request.args),
    )


def _form(args) -> dict:
    """What the search form shows: the raw parameters (each once), so a bad value can be corrected."""
    return {
        "q": args.get("q", ""),
        "date_from": args.get("from", ""),
        "date_to": args.get("to", ""),
        "sort_options": sort_options(args.get("q", "").strip(), args.get("sort", "").strip()),
        "filters": SearchUrls(args).filters(),  # (facet, mode, value, param)
        "per_page": args.get("per_page", ""),
        "facet_labels": FACET_LABELS,
        "mode_labels": MODE_LABELS,
    }


def sort_options(q: str, sort: str) -> list[tuple[str, str, bool]]:
    """(value, label, selected) for the sort menu.

    The default order (relevance with words, newest without) is sent as "", so
    a new query typed on a page sorted by default gets its own default.
    """
    default = "relevance" if q else "newest"
    chosen = sort if sort in SORTS else default
    return [
        ("" if option == default and chosen == default and sort != option else option, option.capitalize(), option == chosen)
        for option in SORTS
    ]


# --- the article page ------------------------------------------------------


@bp.get("/articles/<article_id:id>")
def article(id):
    service = get_service()
    try:
        record = service.article(id)
        if record is None:
            return render_template("not_found.html", what="article", id=id), 404
        similar = service.more_like_this(id, limit=5)
    except IndexMissing:
        return render_template("no_index.html"), 503
    q = request.args.get("q", "")
    state = search_state(request.args.items(multi=True))
    marks = query_marks(service, record.text, q)
    return render_template(
        "article.html",
        record=record,
        q=q,
        title_html=marked(record.text, 0, len(record.title), marks),
        paragraphs=article_paragraphs(record, marks),
        why=why_facets(record),
        similar=similar,
        original_url=record.url if (record.url or "").startswith(("http://", "https://")) else None,
        api_url=f"{request.script_root}/api/articles/{quote_id(id)}",
        back_url=with_query(url_for("web.search_page"), state) if state else None,
    )


# --- template filters --------------------------------------------------------


def long_date(value: datetime.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def date_origin(date_from: str) -> str:
    """The reader's "dateline", "the file's own fields" or "a date line" as a phrase: "Date from the dateline",
    "Date from a date line"."""
    return f"Date from {date_from}" if date_from.startswith(("the ", "a ", "an ")) else f"Date from the {date_from}"
