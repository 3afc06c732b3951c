"""Facets of an article: the countries, officials and topics it is about.

The knowledge (names, titles, topic signals) is data in searchapp/knowledge/*.json, loaded
once (Knowledge.load) and compiled once (facet_patterns); extract applies the label
conventions of tests/data/LABELS.md to one article at a time, one module a facet.
"""

from __future__ import annotations

import dataclasses
import re

from searchapp.facets.countries import countries_in
from searchapp.facets.meetings import Meeting, meetings_in
from searchapp.facets.model import Facets, FacetValue, Span
from searchapp.facets.officials import officials_in
from searchapp.facets.patterns import FacetPatterns, facet_patterns
from searchapp.facets.text import form_key, sentence_bounds
from searchapp.facets.titles import written_titles
from searchapp.facets.topics import topics_in
from searchapp.knowledge import Knowledge
from searchapp.reading import Article


# "Lee Teng‑hui" with a non-breaking hyphen (U+2011), as typeset copy has it, is "Lee Teng-hui"
HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})


def extract(article: Article, knowledge: Knowledge) -> Facets:
    """Countries, officials and topics of one article, each value with its evidence spans."""
    patterns = facet_patterns(knowledge)
    text = article.text.translate(HYPHENS)  # one character for one: the evidence spans still index the article
    bounds = sentence_bounds(text)
    countries = countries_in(text, patterns, bounds)
    officials = tuple(officials_in(article, text, patterns, [c.value for c in countries]))
    topics = topics_in(text, patterns, bounds, _telling_headline(article, countries, officials))
    if not countries and not officials:
        # visits and talks are between governments: with no country or official named, the
        # "summit", "meeting" or "joint press conference" is a company's or a church's
        topics = [t for t in topics if t.value not in patterns.between_governments]
    facets = Facets(
        countries=tuple(countries),
        officials=officials,
        topics=tuple(topics),
        official_titles=written_titles(text, officials, patterns),
    )
    meetings = tuple(meetings_in(article, facets))
    if "visits" in patterns.topic_ids:  # a newsroom's own taxonomy may have no such topic
        facets = dataclasses.replace(facets, topics=_with_visits(facets.topics, meetings, text, countries, patterns))
    return dataclasses.replace(facets, meetings=meetings)


def _with_visits(
    topics: tuple[FacetValue, ...], meetings: tuple[Meeting, ...], text: str, countries: list[FacetValue],
    patterns: FacetPatterns,
) -> tuple[FacetValue, ...]:
    """A meeting between officials the article reports is high-level talks (LABELS.md's "visits"),
    however it is worded: "Sullivan met from May 10-11 with ... Wang Yi in Vienna"; so is a visit or a trip to a
    country: "Rubio to visit Israel amid growing tensions", "his first trip to North Korea"."""
    if any(t.value == "visits" for t in topics):
        return topics
    spans = [Span(m.start, m.end, text[m.start:m.end]) for m in meetings]
    spans += [
        span for c in countries for span in c.evidence
        if VISIT_TO.search(text, max(0, span.start - 30), span.start) and _place(span.text, patterns)
    ]
    return (*topics, FacetValue("visits", tuple(spans))) if spans else topics


def _telling_headline(article: Article, countries, officials) -> int:
    """Where the headline ends, when it is most of what the story says: a feed's or a digest's
    item with no text, or one whose line or two of summary sits under a headline that names a
    country or an official ("Israel vows to keep troops in Lebanon"). A company's headline
    ("GM gets Navy contract") over a short item names neither and keeps the usual bar. 0 otherwise."""
    headline_end = len(article.title)
    if not article.body.strip():
        return len(article.text)
    if len(article.body.split(maxsplit=SUMMARY_WORDS)) >= SUMMARY_WORDS:  # a long text is not split whole
        return 0
    named = any(span.start < headline_end for value in (*countries, *officials) for span in value.evidence)
    return headline_end if named else 0


SUMMARY_WORDS = 60  # a feed item's summary or a brief: a paragraph at most


def _place(written: str, patterns: FacetPatterns) -> bool:
    """A country's name or capital as written, not a people's: "visiting American student" is no visit to America."""
    form = patterns.country_forms.get(form_key(written))
    return form is not None and form[1] in ("name", "capital")


# A visit's or a trip's words right before a country's name: "to visit Israel", "a state visit to China"
VISIT_TO = re.compile(r"(?i)\b(?:visit(?:s|ed|ing)?(?:\s+to)?|trip\s+to|tour\s+of)\s+(?:the\s+)?$")
