"""The search page's URL state: links to the current search with one thing changed.

The URL holds a search's whole state, so every link on a page repeats it; the
state is kept to the known parameters, each value once.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import request, url_for

from searchapp.engine import FACET_FIELDS, UNDATED

# What a search page's URL holds; an article opened from it carries these back.
SEARCH_PARAMS = ("q", *FACET_FIELDS, "from", "to", "sort", "page", "per_page")
SINGLE_PARAMS = ("q", "from", "to", "sort", "page", "per_page")  # the search reads the first value only


class SearchUrls:
    """Links to the current search with one thing changed; the URL holds the whole state."""

    def __init__(self, args):
        self.pairs = search_state(args.items(multi=True))

    def _url(self, pairs) -> str:
        return with_query(url_for("web.search_page"), pairs)

    def _without_page(self):
        return [p for p in self.pairs if p[0] != "page"]

    def is_selected(self, field: str, value: str) -> bool:
        # Facet filters match regardless of case (country=china selects "China").
        return any(k == field and v.casefold() == value.casefold() for k, v in self.pairs)

    def toggle(self, field: str, value: str) -> str:
        """Add the filter field=value, or remove it if it is already there."""
        pairs = self._without_page()
        if self.is_selected(field, value):
            return self._url([(k, v) for k, v in pairs if not (k == field and v.casefold() == value.casefold())])
        return self._url(pairs + [(field, value)])

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
