"""Facet counts over a whole match set: each facet joined once into one table, counted with numpy.

Whoosh's groupedby with allow_overlap walks every hit's values in Python; here a
facet's (document, value) pairs over the whole index are joined once per opened
searcher, and a count is one bincount over the documents in the match.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from searchapp.engine.request import FACET_FIELDS, SearchRequest
from searchapp.engine.results import FacetCount


@dataclass(frozen=True)
class FacetTable:
    """One facet over the whole index: its values, and (document, value index) for every document that has one."""

    values: list[str]
    docs: np.ndarray
    value_ids: np.ndarray

    @classmethod
    def join(cls, segments) -> "FacetTable":
        """Join (postings.FacetPostings, docnum offset) of each segment under one list of values."""
        values = sorted({v for postings, _ in segments for v in postings.values})
        index = {v: i for i, v in enumerate(values)}
        docs = [postings.docs + offset for postings, offset in segments]
        ids = [np.array([index[v] for v in postings.values], dtype=np.int64)[postings.value_ids] for postings, _ in segments]
        empty = np.zeros(0, dtype=np.int64)
        return cls(values, np.concatenate(docs) if docs else empty, np.concatenate(ids) if ids else empty)

    def count(self, in_match: np.ndarray) -> dict[str, int]:
        """value -> how many documents with in_match[docnum] set have it; values with none are left out."""
        counts = np.bincount(self.value_ids[in_match[self.docs]], minlength=len(self.values))
        return {self.values[i]: int(counts[i]) for i in np.flatnonzero(counts)}


def facet_table(opened, name: str) -> FacetTable:
    """One facet's (document, value) pairs over the whole index, joined once per opened searcher."""

    def build():
        segments = [
            (opened.tables.get(reader, name, lambda r: opened.path.facet_postings(r, name)), offset)
            for reader, offset in opened.reader.leaf_readers()
        ]
        return FacetTable.join(segments)

    return opened.memo(f"facet:{name}", build)


def facet_counts(opened, matched: np.ndarray, req: SearchRequest) -> dict[str, list[FacetCount]]:
    """Every value of every facet over the whole match set, most frequent first (ties by name).

    The landing page's counts (no query, filters or dates) are kept until the index changes.
    """
    everything = not (req.q or req.filters or req.date_from or req.date_to)
    if everything:
        memo = opened.memo("facets:everything", lambda: _count(opened, matched, req))
        return {name: list(counts) for name, counts in memo.items()}
    return _count(opened, matched, req)


def _count(opened, matched: np.ndarray, req: SearchRequest) -> dict[str, list[FacetCount]]:
    in_match = np.zeros(opened.reader.doc_count_all(), dtype=bool)
    in_match[matched] = True
    facets = {}
    for name in FACET_FIELDS:
        counts = facet_table(opened, name).count(in_match)
        selected = {opened.stored_value(name, v).lower() for v in req.filters.get(name, ())}  # any case or alias
        ranked = sorted(counts.items(), key=lambda vn: (-vn[1], vn[0]))
        facets[name] = [FacetCount(v, n, v.lower() in selected) for v, n in ranked]
    return facets
