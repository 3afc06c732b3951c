"""What the pages per official and per country share: one search filtered to the entity, read the same way.

Both pages are a search (newest first) plus one hit sorted oldest for the first mention; the values
most often in the same articles are that search's facet counts with the entity's own value left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, jsonify, render_template, request

from searchapp.engine import BadRequest, Hit, IndexMissing, SearchRequest, SearchResult
from searchapp.web import api

ALONGSIDE = 10  # co-mentioned values listed


@dataclass(frozen=True)
class EntityPage:
    """One search's result read for one official or country: its newest articles and its oldest mention."""

    name: str
    result: SearchResult  # filtered to the entity, newest first
    first: Hit | None  # the oldest mention (undated articles come last)

    @property
    def last(self) -> Hit | None:
        return self.result.hits[0] if self.result.hits else None

    def alongside(self, facet: str) -> list[tuple[str, int]]:
        """The values most often in the same articles, the entity's own value left out."""
        return alongside(self.result, facet)


def iso(value) -> str | None:
    return value.isoformat() if value else None


def alongside(result: SearchResult, facet: str, limit: int = ALONGSIDE) -> list[tuple[str, int]]:
    """The values most often in the result's articles, the filtered (selected) value left out."""
    counts = [(fc.value, fc.count) for fc in result.facets.get(facet, []) if not fc.selected]
    return counts[:limit]


def selected_value(result: SearchResult, facet: str) -> str | None:
    """The index's spelling of the value the filter chose (any case, an alias): the selected facet value."""
    return next((fc.value for fc in result.facets.get(facet, []) if fc.selected), None)


def first_mention(service, filters: dict, limits) -> Hit | None:
    """The oldest article of the filter (undated articles come last)."""
    oldest = service.search(SearchRequest(filters=filters, sort="oldest", per_page=1), limits)
    return oldest.hits[0] if oldest.hits else None


def page_or_404(find: Callable, name: str, what: str, render: Callable):
    """The HTML page of what find(name) finds; 404 when it finds nothing, 503 before any index."""
    try:
        found = find(name)
    except IndexMissing:
        return render_template("no_index.html"), 503
    if found is None:
        return render_template("not_found.html", what=what, id=name), 404
    return render(found)


def json_or_404(find: Callable, name: str, missing: str, to_json: Callable):
    """The JSON of what find(name) finds; a 404 error saying missing when it finds nothing."""
    try:
        found = find(name)
    except IndexMissing as exc:
        return api.index_missing(exc)
    if found is None:
        return api.error(404, "not_found", missing)
    return jsonify(to_json(found))


def bad_request(exc: BadRequest):
    """A bad parameter: the JSON error under /api, the error page elsewhere."""
    if api.is_api_path(request.path):
        return api.bad_request(exc)
    abort(400, exc.message)
