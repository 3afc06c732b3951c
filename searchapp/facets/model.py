"""What extraction returns: each facet's values with the spans of text that evidence them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from searchapp.facets.meetings import Meeting

FACETS = ("countries", "officials", "topics")


@dataclass(frozen=True)
class Span:
    """Where in Article.text a facet value was seen."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FacetValue:
    value: str  # canonical name ("South Korea", "Wang Yi") or topic id ("nuclear")
    evidence: tuple[Span, ...]


@dataclass(frozen=True)
class Facets:
    countries: tuple[FacetValue, ...] = ()
    officials: tuple[FacetValue, ...] = ()
    topics: tuple[FacetValue, ...] = ()
    # official -> the title the article gave them ("Deputy Foreign Minister"), from titles.py
    official_titles: dict[str, str] = field(default_factory=dict)
    # who met whom, from meetings.py: read once, for the "visits" topic and for the index
    meetings: tuple[Meeting, ...] = ()

    def values(self, facet: str) -> list[str]:
        """The canonical values of one facet ("countries", "officials", "topics")."""
        return [v.value for v in getattr(self, facet)]
