"""Facet counts over a whole match set: each facet joined once into one table, counted with numpy.

Whoosh's groupedby with allow_overlap walks every hit's values in Python; here a
facet's (document, value) pairs over the whole index are joined once per opened
searcher, and a count is one bincount over the documents in the match.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from searchapp.engine import queries
from searchapp.engine.aliases import fold
from searchapp.engine.budget import Budget
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


def facet_counts(opened, matched: np.ndarray, req: SearchRequest, q=None, budget=None) -> dict[str, list[FacetCount]]:
    """Every value of every facet over the whole match set, most frequent first (ties by name).

    A facet with "any of" values is counted as if those were not chosen (the rule of
    faceted search: its counts show what choosing another value adds), which takes one
    more match of q for each such facet. The landing page's counts (no query, filters
    or dates) are kept until the index changes.
    """
    everything = not (req.q or req.selections() or req.date_from or req.date_to)
    if everything:
        memo = opened.memo("facets:everything", lambda: _count(opened, matched, req, {}))
        return {name: list(counts) for name, counts in memo.items()}
    reopened = {name: _matched_without_any(opened, q, req, name, budget) for name in req.any_of}
    return _count(opened, matched, req, reopened)


def _matched_without_any(opened, q, req: SearchRequest, name: str, budget) -> np.ndarray:
    """What q matches under every filter but the facet name's own "any of" values."""
    filt = queries.filter_query(opened, req, open_facet=name)
    return opened.path.match(opened, queries.with_filter(q, filt), False, budget or Budget()).ids


def _mask(opened, matched: np.ndarray) -> np.ndarray:
    in_match = np.zeros(opened.reader.doc_count_all(), dtype=bool)
    in_match[matched] = True
    return in_match


def _count(opened, matched: np.ndarray, req: SearchRequest, reopened: dict[str, np.ndarray]) -> dict[str, list[FacetCount]]:
    """reopened: facet -> the match set it is counted over instead of matched."""
    in_match = _mask(opened, matched)
    facets = {}
    for name in FACET_FIELDS:
        over = _mask(opened, reopened[name]) if name in reopened else in_match
        counts = facet_table(opened, name).count(over)
        selected = _selected(opened, name, req)
        ranked = sorted(counts.items(), key=lambda vn: (-vn[1], vn[0]))
        facets[name] = [FacetCount(v, n, v.lower() in selected) for v, n in ranked]
    return facets


def _selected(opened, name: str, req: SearchRequest) -> set[str]:
    """A facet's values chosen in "all of" or "any of" mode, lowercase as stored (given in any case or by an alias)."""
    return {opened.stored_value(name, v).lower() for v in (*req.filters.get(name, ()), *req.any_of.get(name, ()))}


def value_search(opened, matched: np.ndarray, req: SearchRequest, q, budget, name: str, prefix: str, limit: int):
    """(the values of one facet that a word of starts with prefix, most frequent first, up to limit; how many
    there are), counted as facet_counts counts them: "Ki" finds Fumio Kishida and Kim Jong Un, "kishi"
    finds Kishida, and "dprk" North Korea, in any case and accent. An empty prefix gives every value."""
    reopened = {name: _matched_without_any(opened, q, req, name, budget)} if name in req.any_of else {}
    over = _mask(opened, reopened.get(name, matched))
    counts = facet_table(opened, name).count(over)
    wanted = fold(prefix)
    named = (opened.stored_value(name, prefix) if prefix.strip() else "").lower()
    found = [
        (v, n) for v, n in counts.items()
        if not wanted or f" {fold(v)}".find(f" {wanted}") >= 0 or v.lower() == named
    ]
    found.sort(key=lambda vn: (-vn[1], vn[0]))
    selected = _selected(opened, name, req)
    values = [FacetCount(v, n, v.lower() in selected) for v, n in found[:limit]]
    return values, len(found)
