"""One search service for every front end: a SearchRequest in, a SearchResult out.

PROVISIONAL: the dataclasses below are the contract web.py and api.py code
against; the service itself is being written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

FACET_FIELDS = ("country", "official", "topic", "source", "year")
SORTS = ("relevance", "newest", "oldest")


class BadRequest(ValueError):
    """A request parameter that cannot be used; becomes a 400 (JSON) or a message (HTML)."""

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


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    date: datetime.date | None
    source: str | None
    score: float | None
    snippet: str  # HTML-escaped text whose only markup is <mark>
    countries: list[str]
    officials: list[str]
    topics: list[str]


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SearchResult:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]]  # keys FACET_FIELDS, most frequent first
    suggestion: str | None
    took_ms: float

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.per_page))


@dataclass(frozen=True)
class ArticleRecord:
    """One indexed article whole, for the article page and /api/articles/<id>."""

    id: str
    path: str
    title: str
    body: str
    date: datetime.date | None
    source: str | None
    url: str | None  # the original address, when the archive gave one
    countries: list[str]
    officials: list[str]
    topics: list[str]
    # facet ("country", "official", "topic") -> value -> [(start, end), ...] into .text
    evidence: dict[str, dict[str, list[tuple[int, int]]]]

    @property
    def text(self) -> str:
        return f"{self.title}\n\n{self.body}"
