"""What a search asks for: the typed request every front end hands the engine.

The web layer (searchapp/web/params.py) reads query strings into a SearchRequest
and refuses bad ones; the engine takes it as given and validates nothing about HTTP.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

# EXTRACTED: index field -> the Facets and hit attribute ("country" -> "countries"), the one table of
# singular and plural facet names; UNDATED: the year facet's value for articles with no date.
from searchapp.index.schema import EXTRACTED, UNDATED

FACET_FIELDS = ("country", "official", "topic", "source", "year", "country_pair")
SORTS = ("relevance", "newest", "oldest")
# How a facet's values combine: every one (country=), any one (country_any=), none (country_not=).
FILTER_MODES = ("all", "any", "not")
__all__ = ["EXTRACTED", "FACET_FIELDS", "FILTER_MODES", "SORTS", "UNDATED", "BadRequest", "SearchRequest"]


class BadRequest(ValueError):
    """A request that cannot be searched; becomes a 400 (JSON) or a message (HTML)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # keys from FACET_FIELDS
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: str | None = None  # None: relevance with a query, newest without
    page: int = 1
    per_page: int = 20
    any_of: dict[str, tuple[str, ...]] = field(default_factory=dict)  # facet -> values, at least one must match
    none_of: dict[str, tuple[str, ...]] = field(default_factory=dict)  # facet -> values, none may match

    @property
    def effective_sort(self) -> str:
        return self.sort or ("relevance" if self.q else "newest")

    def selections(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """mode ("all", "any", "not") -> facet -> values, the modes with none left out."""
        chosen = {"all": self.filters, "any": self.any_of, "not": self.none_of}
        return {mode: values for mode, values in chosen.items() if values}

    @property
    def offset(self) -> int:
        """How many hits come before this page."""
        return (self.page - 1) * self.per_page

    def cache_key(self) -> tuple:
        """What makes two requests the same search: the filters' order and the implied sort do not count."""
        filters = tuple(
            (mode, tuple(sorted((name, tuple(sorted(values))) for name, values in chosen.items())))
            for mode, chosen in self.selections().items()
        )
        return (self.q, filters, self.date_from, self.date_to, self.effective_sort, self.page, self.per_page)
