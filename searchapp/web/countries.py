"""A page per country (/countries/<name>) and its JSON twin.

Everything on them is one search filtered to the country (country=<name>): its total, facet
counts (its officials, and its partners as the country_pair facet counts them), histogram and
newest hits, plus one more hit sorted oldest for the first mention. The name is the knowledge's
(any case or accents, or an alias: DPRK is North Korea), as the engine reads a country filter.
"""

from __future__ import annotations

from flask import Blueprint, render_template, url_for

from searchapp import get_knowledge, get_service
from searchapp.engine import BadRequest, SearchRequest
from searchapp.engine.aliases import alias_table
from searchapp.facets.pairs import PAIR_SEPARATOR, pair_value
from searchapp.web import api
from searchapp.web import entity_pages as shared
from searchapp.web.params import CONTROL_CHARACTERS, search_limits
from searchapp.web.search_urls import with_query
from searchapp.web.timeline import chart, histogram_json

bp = Blueprint("countries", __name__)
bp.register_error_handler(BadRequest, shared.bad_request)

LATEST = 10  # newest articles listed on the page
MAX_NAME_CHARS = 200


def init_app(app):
    """Register the page and JSON, and country_url() for the other templates (article page, facets)."""
    app.register_blueprint(bp)
    app.jinja_env.globals["country_url"] = country_url


def country_url(name: str) -> str:
    return url_for("countries.page", name=name)


class CountryPage(shared.EntityPage):
    """What the page and /api/countries/<name> show: one search's result read for one country."""

    def officials(self) -> list[tuple[str, int]]:
        return self.alongside("official")

    def partners(self) -> list[tuple[str, int]]:
        """The country_pair counts of the pairs naming this country, each shown as the other country."""
        found = []
        for fc in self.result.facets.get("country_pair", []):
            sides = fc.value.split(PAIR_SEPARATOR)
            if self.name in sides and len(sides) == 2:
                found.append((sides[1] if sides[0] == self.name else sides[0], fc.count))
        return found[:shared.ALONGSIDE]


def country_page(name: str) -> CountryPage | None:
    """The country's page, or None when the knowledge names no such country (an archive without it is a page of none)."""
    name = name.strip()
    if not name or len(name) > MAX_NAME_CHARS or CONTROL_CHARACTERS.search(name):
        return None  # no country is named so
    # The search first, as the official's page does: no index is a 503 whatever the name.
    service, limits = get_service(), search_limits()
    filters = {"country": (name,)}  # the engine reads it through the knowledge (OpenedIndex.stored_value)
    result = service.search(SearchRequest(filters=filters, sort="newest", per_page=LATEST), limits)
    canonical = get_knowledge().compiled(alias_table).canonical_facet_value("country", name)
    if canonical is None:
        return None
    stored = shared.selected_value(result, "country") or canonical
    return CountryPage(stored, result, shared.first_mention(service, filters, limits))


def search_url(name: str, **more) -> str:
    return with_query(url_for("web.search_page"), [("country", name), *more.items()])


def pair_url(name: str, partner: str) -> str:
    """The search filtered to the pair of name and partner."""
    return with_query(url_for("web.search_page"), [("country_pair", pair_value(name, partner))])


def country_json(page: CountryPage) -> dict:
    return {
        "name": page.name,
        "url": country_url(page.name),
        "search_url": with_query(url_for("api.search"), [("country", page.name)]),
        "feed_url": url_for("feeds.search_feed", country=page.name),
        "articles": page.result.total,
        "first_mention": shared.iso(page.first.date) if page.first else None,
        "last_mention": shared.iso(page.last.date) if page.last else None,
        **histogram_json(page.result.histogram, None),
        "officials": [{"value": v, "count": n} for v, n in page.officials()],
        "partners": [{"country": other, "pair": pair_value(page.name, other), "count": count,
                      "search_url": with_query(url_for("api.search"), [("country_pair", pair_value(page.name, other))])}
                     for other, count in page.partners()],
        "latest": [api.hit_json(hit) for hit in page.result.hits],
    }


@bp.get("/countries/<path:name>")
def page(name: str):
    return shared.page_or_404(country_page, name, "country", lambda found: render_template(
        "country.html",
        page=found,
        chart=chart(found.result.histogram, None, lambda first, last: search_url(found.name, **{"from": first, "to": last})),
        search_url=search_url,
        pair_url=pair_url,
        api_url=url_for("countries.api_country", name=found.name),
        feed_url=url_for("feeds.search_feed", country=found.name),
    ))


@bp.get("/api/countries/<path:name>")
def api_country(name: str):
    return shared.json_or_404(country_page, name, f"no country named {name[:200]!r} in the knowledge", country_json)
