"""A page per official (/officials/<name>) and its JSON twin, and the list of officials with counts.

Everything on them is one search filtered to the official (official=<name>): its total, facet
counts (who and which countries share the articles), histogram and newest hits, plus one
more hit sorted oldest for the first mention, and their meetings as /api/meetings finds them
(the articles whose meetings name them). Roles, country and aliases come from the knowledge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Blueprint, jsonify, render_template, request, url_for

from searchapp import get_knowledge, get_service
from searchapp.engine import BadRequest, Hit, IndexMissing, SearchRequest
from searchapp.engine.meetings import MeetingsRequest, MeetingsResult
from searchapp.knowledge.roles import (
    KnownOfficial,
    OfficialRole,
    fold,
    known_official,
    role_on,
)
from searchapp.web import api
from searchapp.web.entity_pages import (
    EntityPage,
    bad_request,
    first_mention,
    iso,
    json_or_404,
    page_or_404,
    selected_value,
)
from searchapp.web.meetings import found_json
from searchapp.web.official_roles import official_roles
from searchapp.web.params import CONTROL_CHARACTERS, search_limits
from searchapp.web.search_urls import with_query
from searchapp.web.timeline import chart, histogram_json

bp = Blueprint("officials", __name__)
bp.register_error_handler(BadRequest, bad_request)

LATEST = 10  # newest articles listed on the page
MEETINGS = 10  # newest meetings listed on the page
MAX_PREFIX_CHARS = 100
MAX_NAME_CHARS = 200
MAX_LISTED = 1000  # /api/officials answers at most this many


def init_app(app):
    """Register the pages and JSON, and official_roles() for the other templates (hits, article page)."""
    app.register_blueprint(bp)
    app.jinja_env.globals["official_roles"] = official_roles
    app.jinja_env.globals["official_url"] = official_url


def official_url(name: str) -> str:
    return url_for("officials.page", name=name)


@dataclass(frozen=True)
class OfficialPage(EntityPage):
    """What the page and /api/officials/<name> show: one search's result read for one official."""

    known: KnownOfficial | None = None
    written_titles: list[str] = field(default_factory=list)  # titles the newest articles gave them (for officials the knowledge lacks)
    meetings: MeetingsResult | None = None  # the newest meetings they took part in (engine/meetings.py)

    def roles_then(self) -> list[tuple[Hit, OfficialRole]]:
        """The newest articles, each with the role the official held on its date."""
        return [(hit, self.role_then(hit)) for hit in self.result.hits]

    def role_then(self, hit: Hit) -> OfficialRole:
        return role_on(get_knowledge(), self.name, hit.date, hit.official_titles.get(self.name))


def official_page(name: str) -> OfficialPage | None:
    """The official's page, or None when neither the knowledge nor the index knows the name."""
    name = name.strip()
    if not name or len(name) > MAX_NAME_CHARS or CONTROL_CHARACTERS.search(name):
        return None  # no official is named so
    known = known_official(get_knowledge(), name)
    service, limits = get_service(), search_limits()
    filters = {"official": (known.name if known else name,)}
    result = service.search(SearchRequest(filters=filters, sort="newest", per_page=LATEST), limits)
    if result.total == 0 and known is None:
        return None
    canonical = known.name if known else (selected_value(result, "official") or name)
    titles = [hit.official_titles.get(canonical) for hit in result.hits]
    meetings = service.meetings(MeetingsRequest(officials=(canonical,), per_page=MEETINGS))
    return OfficialPage(canonical, result, first_mention(service, filters, limits), known=known,
                        written_titles=list(dict.fromkeys(t for t in titles if t)), meetings=meetings)


def search_url(name: str, **more) -> str:
    return with_query(url_for("web.search_page"), [("official", name), *more.items()])


def official_json(page: OfficialPage) -> dict:
    known = page.known
    return {
        "name": page.name,
        "url": official_url(page.name),
        "search_url": with_query(url_for("api.search"), [("official", page.name)]),
        "in_knowledge": known is not None,
        "country": known.country if known else None,
        "aliases": list(known.aliases) if known else [],
        "roles": [{"title": r.title, "kind": r.kind, "from": iso(r.start), "to": iso(r.end)} for r in known.roles]
        if known else [],
        "written_titles": page.written_titles,
        "articles": page.result.total,
        "first_mention": iso(page.first.date) if page.first else None,
        "last_mention": iso(page.last.date) if page.last else None,
        **histogram_json(page.result.histogram, None),
        "officials_alongside": [{"value": v, "count": n} for v, n in page.alongside("official")],
        "countries_alongside": [{"value": v, "count": n} for v, n in page.alongside("country")],
        "latest": [api.hit_json(hit) | {"role": role.role} for hit, role in page.roles_then()],
        "meetings_total": page.meetings.total,
        "meetings": [found_json(found) for found in page.meetings.meetings],
        "meetings_url": with_query(url_for("meetings.meetings"), [("official", page.name)]),
    }


@bp.get("/officials/<path:name>")
def page(name: str):
    return page_or_404(official_page, name, "official", lambda found: render_template(
        "official.html",
        page=found,
        chart=chart(found.result.histogram, None, lambda first, last: search_url(found.name, **{"from": first, "to": last})),
        search_url=search_url,
        api_url=url_for("officials.api_official", name=found.name),
        feed_url=url_for("feeds.search_feed", official=found.name),
        meetings_url=with_query(url_for("meetings.meetings"), [("official", found.name)]),
    ))


@bp.get("/api/officials/<path:name>")
def api_official(name: str):
    return json_or_404(official_page, name, f"no official named {name[:200]!r} in the archive or the knowledge",
                       official_json)


@bp.get("/api/officials")
def api_officials():
    """Officials with their article counts, most mentioned first; prefix= matches the start of any word."""
    prefix = request.args.get("prefix", "").strip()
    if len(prefix) > MAX_PREFIX_CHARS:
        return api.error(400, "bad_prefix", f"prefix must be at most {MAX_PREFIX_CHARS} characters")
    try:
        counts = get_service().search(SearchRequest(per_page=1), search_limits()).facets.get("official", [])
    except IndexMissing as exc:
        return api.index_missing(exc)
    except BadRequest as exc:
        return api.bad_request(exc)
    wanted = fold(prefix)
    matching = [fc for fc in counts if not wanted or any(w.startswith(wanted) for w in words(fc.value))]
    return jsonify({
        "prefix": prefix,
        "total": len(matching),
        "officials": [{"name": fc.value, "count": fc.count, "url": official_url(fc.value)} for fc in matching[:MAX_LISTED]],
    })


def words(name: str) -> list[str]:
    """A name's folded words, and its whole folded form: "Yoon Suk-yeol" is found by "suk", "yeol" and "yoon s"."""
    folded = fold(name)
    parts = folded.replace("-", " ").split()
    return [folded, *parts, *(folded[folded.find(p):] for p in parts[1:])]
