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

The names below can be imported from searchapp.engine itself. They are looked up on first use
(PEP 562), as searchapp.index's are: a front end that names a result type, or a command that only
reindexes, does not import the search machinery (numpy, Whoosh's queries) with it.
"""

from __future__ import annotations

from searchapp.lazy_names import lazy_names

HOMES = {
    "budget": ("Budget", "Limits"),
    "request": ("EXTRACTED", "FACET_FIELDS", "FILTER_MODES", "SORTS", "UNDATED", "BadRequest", "SearchRequest"),
    "results": ("ArticleRecord", "FacetCount", "Hit", "Marked", "SearchResult"),
    "service": ("POSTINGS_CACHE_MB", "IndexMissing", "SearchService"),
}
__all__, __getattr__, __dir__ = lazy_names(__name__, HOMES)
