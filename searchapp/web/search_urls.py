"""The search page's URL state: links to the current search with one thing changed.

The URL holds a search's whole state, so every link on a page repeats it; the
state is kept to the known parameters, each value once.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import request, url_for

from searchapp.engine import FACET_FIELDS, FILTER_MODES, UNDATED
from searchapp.web.params import filter_param

# facet filter parameter -> (facet, mode): country -> (country, all), country_any -> (country, any), ...
FILTER_PARAMS = {filter_param(name, mode): (name, mode) for name in FACET_FIELDS for mode in FILTER_MODES}
# What a search page's URL holds; an article opened from it carries these back.
SEARCH_PARAMS = ("q", *FILTER_PARAMS, "from", "to", "sort", "page", "per_page")
SINGLE_PARAMS = ("q", "from", "to", "sort", "page", "per_page")  # the search reads the first value only


class SearchUrls:
    """Links to the current search with one thing changed; the URL holds the whole state."""

    def __init__(self, args):
        self.pairs = search_state(args.items(multi=True))

    def _url(self, pairs) -> str:
        return with_query(url_for("web.search_page"), pairs)

    def _without_page(self):
        return [p for p in self.pairs if p[0] != "page"]

    def mode_of(self, field: str, value: str) -> str | None:
        """How the facet value is chosen ("all", "any", "not"), or None. Filters match regardless of
        case (country=china chooses "China")."""
        return next(
            (FILTER_PARAMS[k][1] for k, v in self.pairs
             if k in FILTER_PARAMS and FILTER_PARAMS[k][0] == field and v.casefold() == value.casefold()),
            None,
        )

    def is_selected(self, field: str, value: str) -> bool:
        """The value is among the filters as one to have (all of, any of), not one to leave out."""
        return self.mode_of(field, value) in ("all", "any")

    def _without_value(self, field: str, value: str):
        """The state without the page and without field=value in any mode."""
        return [
            (k, v) for k, v in self._without_page()
            if not (k in FILTER_PARAMS and FILTER_PARAMS[k][0] == field and v.casefold() == value.casefold())
        ]

    def toggle(self, field: str, value: str) -> str:
        """Add the filter field=value (all of), or remove it if it is already there in any mode."""
        if self.mode_of(field, value):
            return self._url(self._without_value(field, value))
        return self._url(self._without_page() + [(field, value)])

    def choose(self, field: str, value: str, mode: str) -> str:
        """field=value in this mode ("all", "any", "not"), in no other."""
        return self._url(self._without_value(field, value) + [(filter_param(field, mode), value)])

    def remove(self, param: str, value: str) -> str:
        """Without one filter, as given (country_any=Japan): a chip's remove link."""
        pairs = self._without_page()
        return self._url([(k, v) for k, v in pairs if not (k == param and v.casefold() == value.casefold())])

    def filters(self) -> list[tuple[str, str, str, str]]:
        """(facet, mode, value, param) of each facet filter in the URL, in its order: the chips."""
        return [(*FILTER_PARAMS[k], v, k) for k, v in self.pairs if k in FILTER_PARAMS]

    def without(self, *fields: str) -> str:
        return self._url([p for p in self._without_page() if p[0] not in fields])

    def replace(self, field: str, value: str) -> str:
        """Set one parameter (q, sort), back to page 1."""
        return self._url([p for p in self._without_page() if p[0] != field] + [(field, value)])

    def page(self, number: int) -> str:
        pairs = self._without_page()
        return self._url(pairs + [("page", str(number))] if number > 1 else pairs)

    def undated(self) -> str:
        """This search without its date bounds, narrowed to the undated articles those bounds left out."""
        pairs = [p for p in self._without_page() if p[0] not in ("from", "to", "year")]
        return self._url(pairs + [("year", UNDATED)])

    def only_query(self) -> str:
        """The current words with every filter dropped."""
        return self._url([p for p in self.pairs if p[0] in ("q", "per_page")])

    def article(self, id: str) -> str:
        """A hit's page, carrying this search in the same parameters, so "back to results" returns here."""
        return with_query(url_for("web.article", id=id), search_state(self.pairs))

    def search_path(self) -> str:
        return url_for("web.search_page")

    def state_query(self) -> str:
        """This search's state as a query string, without the page: what the facet value box adds to."""
        return urlencode(self._without_page())

    def facet_values_api(self, field: str) -> str:
        """GET /api/facets/<field> within this search; the page's value box adds prefix=."""
        query = self.state_query()
        return f"{request.script_root}/api/facets/{field}" + ("?" + query if query else "")

    def api(self) -> str:
        query = urlencode(self.pairs)
        return f"{request.script_root}/api/search" + ("?" + query if query else "")


def search_state(pairs) -> list[tuple[str, str]]:
    """The search parameters among pairs, in their order, each value once; empty and unknown ones left out.

    Every link on a page repeats this state, so a repeat or a stranger in the URL would be
    multiplied by the number of links (a 4 KB URL made a 15 MB page).
    """
    seen, state = set(), []
    for k, v in pairs:
        if k not in SEARCH_PARAMS or not v.strip():
            continue
        key = k if k in SINGLE_PARAMS else (k, v.strip().casefold())  # filters match regardless of case
        if key not in seen:
            seen.add(key)
            state.append((k, v))
    return state


def with_query(path: str, pairs) -> str:
    return path + ("?" + urlencode(pairs) if pairs else "")


def pagination(page: int, pages: int, around: int = 2) -> list[int | None]:
    """Page numbers to link: the first, the last and a few around the current; None is a gap."""
    shown = sorted({1, pages, *range(max(1, page - around), min(pages, page + around) + 1)})
    numbers: list[int | None] = []
    for n in shown:
        if numbers and n - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(n)
    return numbers
