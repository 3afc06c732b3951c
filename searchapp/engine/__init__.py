"""The search engine: a SearchRequest in, a SearchResult (text and spans, no HTML) out.

request.py    the typed request every front end hands in
results.py    hits, facet counts, the result, an article whole
service.py    SearchService: opens the index, runs searches, caches results
opened.py     one opened searcher and the tables made from it, made anew when the index changes
queries.py    the search syntax read into Whoosh queries, filters, words to mark
coordination.py  plain words: all but one of three or more, those holding more ranked first
aliases.py    the knowledge's other names for a country or official, for words and filters
matching.py   queries run as numpy arrays (expansion.py: wildcard and fuzzy words)
facet_tables.py, histogram.py, snippets.py, spelling.py, cache.py, budget.py: one job each
paths.py      the fast path over Whoosh's internals, or its public API as fallback
"""

from searchapp.engine.budget import Budget, Limits
from searchapp.engine.request import EXTRACTED, FACET_FIELDS, FILTER_MODES, SORTS, UNDATED, BadRequest, SearchRequest
from searchapp.engine.results import ArticleRecord, FacetCount, Hit, Marked, SearchResult
from searchapp.engine.service import POSTINGS_CACHE_MB, IndexMissing, SearchService

__all__ = [
    "ArticleRecord", "BadRequest", "Budget", "EXTRACTED", "FACET_FIELDS", "FILTER_MODES", "FacetCount", "Hit",
    "IndexMissing", "Limits",
    "Marked", "POSTINGS_CACHE_MB", "SORTS", "SearchRequest", "SearchResult", "SearchService", "UNDATED",
]
