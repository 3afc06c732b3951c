"""Facets of an article: the countries, officials and topics it is about.

The knowledge (names, titles, topic signals) is data in searchapp/knowledge/*.json,
compiled once (Knowledge.load); extract applies the label conventions of LABELS.md to
one article at a time, one module a facet.
"""

from __future__ import annotations

from searchapp.facets.countries import countries_in
from searchapp.facets.model import Facets
from searchapp.facets.officials import officials_in
from searchapp.facets.patterns import Knowledge
from searchapp.facets.text import sentence_bounds
from searchapp.facets.topics import topics_in
from searchapp.reading import Article


def extract(article: Article, knowledge: Knowledge) -> Facets:
    """Countries, officials and topics of one article, each value with its evidence spans."""
    text = article.text
    bounds = sentence_bounds(text)
    countries = countries_in(text, knowledge, bounds)
    return Facets(
        countries=tuple(countries),
        officials=tuple(officials_in(article, text, knowledge, [c.value for c in countries])),
        topics=tuple(topics_in(text, knowledge, bounds)),
    )
