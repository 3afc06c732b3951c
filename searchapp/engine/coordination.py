"""Coordination: a query of plain words finds articles holding most of them, those holding all first.

In the spirit of Lucene's minimum_should_match: one missing word ("U.N." for "UN",
no "arbitration" in a ruling story) must not hide a relevant article. A query's
"concepts" are its top-level parts: a word, an alias group (the typed words or any
of their other names), a quoted phrase. Quoted phrases and field:value terms stay
required; question and stop-like words ("what", "did", "the") are left out; an
article must hold `minimum(n)` of the n other (counted) concepts. Hits rank by how
many counted concepts they hold, then by BM25F; a search's total, facets and pages
are over that one match set. A query with AND/OR/NOT, +/- or brackets means
exactly what it says and is not coordinated.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
from whoosh import query

# Words a question or a phrase is built with: left out of a coordinated query.
OPTIONAL_WORDS = (
    "a an the of in on at to for from by with about into over and or is are was were be been being am "
    "do does did doing done has have had will would can could should shall may might must "
    "what which who whom whose why how when where whether that this these those there "
    "it its i we you they he she my our your their any some many much"
).split()
# Operators and grouping the syntax reads: a query with any of them means exactly what it says.
EXPLICIT = re.compile(r"(?<![^\s(])(?:AND|OR|NOT|ANDNOT|ANDMAYBE)(?![^\s)])|(?<![^\s(])[+-](?=\S)|[()]")


def minimum(counted: int) -> int:
    """How many of `counted` concepts an article must hold: all of one or two, else all but one."""
    return counted if counted <= 2 else counted - 1


class Coordinated(query.Query):
    """Concepts, each "required" or "counted", and a filter (or None) that adds no score.

    Run by the search paths (paths.SearchPath.match), not by Whoosh's matcher.
    """

    def __init__(self, concepts: tuple, kinds: tuple, filter=None):
        self.concepts, self.kinds, self.filter = concepts, kinds, filter
        self.boost = 1.0

    @property
    def subqueries(self):
        return list(self.concepts)

    def children(self):
        return iter(self.concepts)

    def leaves(self):
        for concept in self.concepts:
            yield from concept.leaves()

    def iter_all_terms(self, phrases=True):
        for concept in self.concepts:
            yield from concept.iter_all_terms(phrases=phrases)

    def is_leaf(self):
        return False

    def field(self):
        return None

    def filtered(self, filt) -> "Coordinated":
        return Coordinated(self.concepts, self.kinds, filt)

    def as_whoosh(self):
        """The same matches and scores as Whoosh's own query types: for Whoosh's matcher and the array matcher.

        Scores are the sum of the matched concepts' (an OR of them); the set is every
        required concept and at least `minimum` counted ones (an OR of ANDs, one per choice).
        """
        counted = [c for c, k in zip(self.concepts, self.kinds) if k == "counted"]
        need = minimum(len(counted))
        parts = [c for c, k in zip(self.concepts, self.kinds) if k == "required"]
        if need:
            choices = [query.And(list(chosen)) for chosen in itertools.combinations(counted, need)]
            parts.append(choices[0] if len(choices) == 1 else query.Or(choices))
        if self.filter is not None:
            parts.append(self.filter)
        return query.Require(query.Or(list(self.concepts)), parts[0] if len(parts) == 1 else query.And(parts))

    def matcher(self, searcher, context=None):
        return self.as_whoosh().matcher(searcher, context)

    def estimate_size(self, ixreader):
        return self.as_whoosh().estimate_size(ixreader)

    def __repr__(self):
        return f"Coordinated({list(zip(self.kinds, self.concepts))!r}, filter={self.filter!r})"


def coordinated(parsed, text: str, optional_terms: frozenset[str]):
    """parsed as a Coordinated query when text is plain words (two or more concepts); else parsed.

    Question and stop-like words are left out (they would only add the score of words
    nearly every article holds), unless the query has nothing else ("The Who").
    """
    if EXPLICIT.search(text) or type(parsed) is not query.And or len(parsed.subqueries) < 2:
        return parsed
    kinds = [_kind(concept, optional_terms) for concept in parsed.subqueries]
    kept = [(c, k) for c, k in zip(parsed.subqueries, kinds) if k != "optional"]
    if not kept:  # only stop-like words: they are the query
        kept = [(c, "counted" if k == "optional" else k) for c, k in zip(parsed.subqueries, kinds)]
    if len(kept) == 1:
        return kept[0][0]
    return Coordinated(tuple(c for c, _ in kept), tuple(k for _, k in kept))


def _kind(concept, optional_terms) -> str:
    leaves = list(concept.leaves())
    if any(leaf.field() not in ("title", "body") for leaf in leaves):
        return "required"  # field:value
    if leaves and all(type(leaf) is query.Phrase for leaf in leaves):
        return "required"  # a quoted phrase
    if all(type(leaf) is query.Term and leaf.text in optional_terms for leaf in leaves):
        return "optional"
    return "counted"


def run(match, cq: Coordinated, scored: bool):
    """(ids, scores or None, tiers): cq's matches through match(q, scored), each with its number of counted concepts.

    match is a search path's plain matcher, so both paths coordinate alike.
    """
    found = [(kind, match(concept, scored)) for concept, kind in zip(cq.concepts, cq.kinds)]
    size = 1 + max((int(m.ids[-1]) for _, m in found if len(m.ids)), default=-1)
    # dense over document numbers: one add per concept, no sorting or searching of id lists
    tiers = np.zeros(size, dtype=np.int64)
    keep = np.ones(size, dtype=bool)
    present = np.zeros(size, dtype=bool)
    scores = np.zeros(size) if scored else None
    for kind, m in found:
        present[m.ids] = True
        if kind == "required":
            held = np.zeros(size, dtype=bool)
            held[m.ids] = True
            keep &= held
        elif kind == "counted":
            tiers[m.ids] += 1
        if scored:
            scores[m.ids] += m.scores
    keep &= present & (tiers >= minimum(sum(1 for k in cq.kinds if k == "counted")))
    if cq.filter is not None:
        allowed = match(cq.filter, False).ids
        passes = np.zeros(size, dtype=bool)
        passes[allowed[allowed < size]] = True
        keep &= passes
    ids = np.flatnonzero(keep).astype(np.int64)
    return ids, (scores[ids] if scored else None), tiers[ids]
