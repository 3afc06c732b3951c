"""Coordination: a query of plain words finds articles holding most of them, those holding all first.

In the spirit of Lucene's minimum_should_match: one missing word ("U.N." for "UN",
no "arbitration" in a ruling story) must not hide a relevant article. A query's
"concepts" are its top-level parts: a word, an alias group (the typed words or any
of their other names), a quoted phrase. Quoted phrases and fielded terms stay
required; question and stop-like words ("what", "did", "the") are optional and
never counted. An article must hold `minimum(n)` of the n counted concepts; hits
are ranked by how many they hold, then by BM25F. A query with AND/OR/NOT, +/-
or brackets keeps its strict meaning and is not coordinated.
"""

from __future__ import annotations

import itertools
import re
import numpy as np
from whoosh import query

from searchapp.engine.budget import Budget

# Words a question or a phrase is built with: searched, but never required or counted.
OPTIONAL_WORDS = (
    "a an the of in on at to for from by with about into over and or is are was were be been being am "
    "do does did doing done has have had will would can could should shall may might must "
    "what which who whom whose why how when where whether that this these those there "
    "it its i we you they he she my our your their any some many much"
).split()
# Operators and grouping the syntax reads: a query with any of them means exactly what it says.
EXPLICIT = re.compile(r"(?<![^\s(])(?:AND|OR|NOT|ANDNOT|ANDMAYBE)(?![^\s)])|(?<![^\s(])[+-](?=\S)|[()]")


SLOP = 1  # words typed side by side: the bonus phrase wants them side by side


def minimum(counted: int) -> int:
    """How many of `counted` concepts an article must hold: all of one or two, else all but one."""
    return counted if counted <= 2 else counted - 1


class Coordinated(query.Query):
    """Concepts, each required, counted or optional, and an optional filter that adds no score.

    Run by the search paths (paths.SearchPath.match), not by Whoosh's matcher.
    """

    def __init__(self, concepts: tuple, kinds: tuple, filter=None):
        self.concepts, self.kinds, self.filter = concepts, kinds, filter  # kinds: "required", "counted", "optional"
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
    """parsed as a Coordinated query when text is plain words (two or more concepts); else parsed."""
    if EXPLICIT.search(text) or type(parsed) is not query.And or len(parsed.subqueries) < 2:
        return parsed
    kinds = tuple(_kind(concept, optional_terms) for concept in parsed.subqueries)
    if "counted" not in kinds:  # only stop-like words ("the who"): every one counts
        kinds = tuple("counted" if k == "optional" else k for k in kinds)
    adjacent = _adjacent_pairs(parsed.subqueries, kinds)
    return Coordinated(tuple(parsed.subqueries) + adjacent, kinds + ("optional",) * len(adjacent))


def _word(concept) -> str | None:
    """The one indexed word a concept looks for in title and body, or None (an alias group, a phrase, a wildcard)."""
    leaves = list(concept.leaves())
    if leaves and all(type(leaf) is query.Term and leaf.field() in ("title", "body") for leaf in leaves):
        words = {leaf.text for leaf in leaves}
        return words.pop() if len(words) == 1 else None
    return None


def _adjacent_pairs(concepts, kinds) -> tuple:
    """Each two counted words typed side by side, as an optional phrase: articles that keep them together score more."""
    pairs = []
    for (a, kind_a), (b, kind_b) in zip(zip(concepts, kinds), zip(concepts[1:], kinds[1:])):
        words = (_word(a), _word(b))
        if kind_a == kind_b == "counted" and None not in words:
            pairs.append(query.Or([query.Phrase(field, list(words), slop=SLOP) for field in ("title", "body")]))
    return tuple(pairs)


def _kind(concept, optional_terms) -> str:
    leaves = list(concept.leaves())
    if any(leaf.field() not in ("title", "body") for leaf in leaves):
        return "required"  # field:value
    if leaves and all(type(leaf) is query.Phrase for leaf in leaves):
        return "required"  # a quoted phrase
    if all(type(leaf) is query.Term and leaf.text in optional_terms for leaf in leaves):
        return "optional"
    return "counted"


def run(match, cq: Coordinated, scored: bool, budget: Budget):
    """(ids, scores or None, tiers): cq's matches through match(q, scored), each with its number of counted concepts.

    match is a search path's plain matcher, so both paths coordinate alike.
    """
    allowed = None
    if cq.filter is not None:
        allowed = match(cq.filter, False).ids
    counted = sum(1 for k in cq.kinds if k == "counted")
    need = minimum(counted)
    found = [(kind, match(concept, scored)) for concept, kind in zip(cq.concepts, cq.kinds)]
    ids = np.unique(np.concatenate([m.ids for _, m in found])) if found else np.empty(0, dtype=np.int64)
    if allowed is not None:
        ids = ids[np.isin(ids, allowed, assume_unique=True)]
    tiers = np.zeros(len(ids), dtype=np.int64)
    keep = np.ones(len(ids), dtype=bool)
    scores = np.zeros(len(ids)) if scored else None
    for kind, m in found:
        where = np.searchsorted(m.ids, ids)
        has = (where < len(m.ids)) & (m.ids[np.minimum(where, len(m.ids) - 1)] == ids) if len(m.ids) else np.zeros(len(ids), bool)
        if kind == "required":
            keep &= has
        elif kind == "counted":
            tiers += has
        if scored:
            scores[has] += m.scores[where[has]]
    keep &= tiers >= need
    return ids[keep], (scores[keep] if scored else None), tiers[keep]
