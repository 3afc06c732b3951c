"""What a search gives back: plain dataclasses, no Whoosh types and no HTML.

Text to highlight travels as Marked (the text and the spans to mark), so only the
web layer (searchapp/web/highlight.py) decides how a mark looks and escapes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from searchapp.engine.histogram import Histogram
from searchapp.engine.request import SearchRequest
from searchapp.index.record import StoredMeeting, StoredRecord
from searchapp.reading.model import title_is_first_sentence

Span = tuple[int, int]


@dataclass(frozen=True)
class Marked:
    """Plain text and the (start, end) spans of it to mark, in order and apart."""

    text: str
    marks: tuple[Span, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.text)


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    date: datetime.date | None
    source: str | None
    score: float | None
    snippet: Marked  # one line of the body: the fragments around the matched words, or the opening
    countries: list[str]
    officials: list[str]
    topics: list[str]
    title_marks: tuple[Span, ...] = ()  # what the query matched in the title, to mark
    # official -> the title the article gave them; the role on the date is knowledge/roles.py's
    official_titles: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int
    selected: bool  # among the filters, in "all of" or "any of" mode


@dataclass(frozen=True)
class SearchResult:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]]  # keys FACET_FIELDS, most frequent first
    suggestion: str | None
    took_ms: float
    # With date bounds: the undated articles that match the query and facet filters,
    # all of which the bounds leave out; None when the request has no date bounds.
    undated_excluded: int | None = None
    # The search ran out of its time budget (budget.Limits): hits and counts are what it found in time.
    timed_out: bool = False
    # What the query's plain words were also searched as: (typed, the value they name, the forms added).
    also_matched: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    # The matches by month (and undated), every match counted, not just the page's.
    histogram: Histogram = Histogram(0, (), 0)

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
    byline: str | None = None  # "By Choi Si-young (x@heraldcorp.com)", as the page printed it
    date_from: str | None = None  # where the reader found the date: "dateline", "front matter", ...
    meetings: list[StoredMeeting] = field(default_factory=list)  # who met whom, as the article reports
    official_titles: dict[str, str] = field(default_factory=dict)  # official -> the title the article gave them

    @property
    def text(self) -> str:
        return f"{self.title}\n\n{self.body}"

    @property
    def headline(self) -> str | None:
        """The title when the file gave a headline; None when the body's first sentence stands in for one."""
        return None if title_is_first_sentence(self.title, self.body) else self.title


def to_date(value) -> datetime.date | None:
    """A stored DATETIME as a date; None for an undated article."""
    return value.date() if isinstance(value, datetime.datetime) else None


def hit_from_stored(fields: dict, score: float | None, snippet: Marked) -> Hit:
    """A hit from an article's stored fields."""
    record = StoredRecord.from_fields(fields)
    return Hit(
        id=fields["id"],
        title=fields.get("title", ""),
        date=to_date(fields.get("date")),
        source=record.source,
        score=round(score, 3) if score is not None else None,
        snippet=snippet,
        countries=record.countries,
        officials=record.officials,
        topics=record.topics,
        official_titles=record.official_titles,
    )


def article_from_stored(fields: dict) -> ArticleRecord:
    """An article whole from its stored fields."""
    record = StoredRecord.from_fields(fields)
    return ArticleRecord(
        id=fields["id"],
        path=fields["path"],
        title=fields.get("title", ""),
        body=fields.get("body", ""),
        date=to_date(fields.get("date")),
        source=record.source,
        url=record.url,
        countries=record.countries,
        officials=record.officials,
        topics=record.topics,
        evidence=record.evidence,
        byline=record.byline,
        date_from=fields.get("date_from") if fields.get("date") else None,
        meetings=record.meetings,
        official_titles=record.official_titles,
    )
