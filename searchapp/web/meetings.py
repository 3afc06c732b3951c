"""/api/meetings: who met whom, with the sentence that says so, newest first.

The parameters are checked here, at the edge; the dates and pages are read as a
search reads them (params.read_search_request), so they take the same forms and 400s.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from werkzeug.exceptions import HTTPException

from searchapp import get_service
from searchapp.engine import BadRequest, IndexMissing
from searchapp.engine.meetings import FoundMeeting, MeetingsRequest
from searchapp.index.record import StoredMeeting
from searchapp.web import api
from searchapp.web.params import CONTROL_CHARACTERS, read_search_request

bp = Blueprint("meetings", __name__, url_prefix="/api")
MAX_OFFICIALS = 10
MAX_NAME_CHARS = 200


def init_app(app):
    app.register_blueprint(bp)


# The API's one error shape (web/api.py) for this blueprint's views too.
bp.register_error_handler(BadRequest, api.bad_request)
bp.register_error_handler(IndexMissing, api.index_missing)
bp.register_error_handler(HTTPException, api.http_error)
bp.register_error_handler(Exception, api.unexpected)


def meetings_request(args) -> MeetingsRequest:
    """official (repeatable), country, from, to, page, per_page; raises BadRequest."""
    officials = tuple(dict.fromkeys(_name(v, "official") for v in args.getlist("official") if v.strip()))
    if len(officials) > MAX_OFFICIALS:
        raise BadRequest("too_many_filters", f"at most {MAX_OFFICIALS} officials at once")
    country = _name(args.get("country", ""), "country") or None
    paging = read_search_request({k: args.getlist(k) for k in ("from", "to", "page", "per_page")})
    return MeetingsRequest(officials, country, paging.date_from, paging.date_to, paging.page, paging.per_page)


def _name(value: str, what: str) -> str:
    value = CONTROL_CHARACTERS.sub(" ", value).strip()
    if len(value) > MAX_NAME_CHARS:
        raise BadRequest(f"bad_{what}", f"{what} must be at most {MAX_NAME_CHARS} characters")
    return value


def meeting_json(m: StoredMeeting) -> dict:
    """A meeting as /api/articles/<id> gives it (its article is the one asked for)."""
    return m.stored()


def found_json(found: FoundMeeting) -> dict:
    return meeting_json(found.meeting) | {
        "article_id": found.article_id,
        "article_title": found.article_title,
        "article_date": found.article_date.isoformat() if found.article_date else None,
        "article_url": api.article_url(found.article_id),
    }


@bp.get("/meetings")
def meetings():
    ask = meetings_request(request.args)
    result = get_service().meetings(ask)
    return jsonify({
        "officials": list(ask.officials),
        "country": ask.country,
        "total": result.total,
        "page": ask.page,
        "per_page": ask.per_page,
        "pages": max(1, -(-result.total // ask.per_page)),
        "meetings": [found_json(f) for f in result.meetings],
    })
