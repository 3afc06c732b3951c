"""Facets of an article: the countries, officials and topics it is about.

PROVISIONAL: the dataclasses and function signatures here are the contract the
later stages code against; the extraction rules and knowledge are being written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from searchapp.articles import Article

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

    def values(self, facet: str) -> list[str]:
        """The canonical values of one facet ("countries", "officials", "topics")."""
        return [v.value for v in getattr(self, facet)]


class Knowledge:
    """Country names, officials and topic signals, loaded once and passed in."""

    @classmethod
    def load(cls, extra_dir: Path | None = None) -> "Knowledge":
        return cls()


def extract(article: Article, knowledge: Knowledge) -> Facets:
    return Facets()
