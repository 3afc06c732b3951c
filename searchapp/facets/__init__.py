"""Facets of an article: the countries, officials and topics it is about, each with its evidence.

extract(article, knowledge) is the one entry point. Knowledge (searchapp.knowledge, re-exported
here) is loaded once and compiled into facet patterns once. One module a facet (countries,
officials and surnames, topics); text.py and phrases.py hold what they share.
"""

from searchapp.facets.extract import extract
from searchapp.facets.model import FACETS, FacetValue, Facets, Span
from searchapp.knowledge import KNOWLEDGE_DIR, Knowledge, KnowledgeError

__all__ = ["FACETS", "KNOWLEDGE_DIR", "FacetValue", "Facets", "Knowledge", "KnowledgeError", "Span", "extract"]
