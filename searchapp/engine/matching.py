"""Whoosh queries run as numpy arrays: the match set and its BM25F scores.

Whoosh's matchers advance one posting per Python call; at 100,000 articles that
walk was 90% of a request. Here each term's postings come as arrays (postings.py),
are combined with set operations over a segment-sized mask and scored with
Whoosh's own BM25F formula and statistics, so the answer is the one Whoosh
gives (tests/test_matching.py compares them). Phrases check positions only for
documents that hold every word; query types with no array form here run
through Whoosh's own matcher, one segment at a time.

A search's Budget is asked between terms, phrase words and blocks of Whoosh's
matcher: once it has run out, what is left to run finds nothing, so the answer
is what was found in time (and never a document that does not match).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh import query

from searchapp.engine import coordination
from searchapp.engine.budget import Budget
from searchapp.index.schema import pair_term, pairs_field
from searchapp.internals.postings import BlockAllowance, field_lengths
from searchapp.internals.segment_tables import SegmentTables
from searchapp.internals.readers import expanded_words, is_plain_bm25

NO_IDS = np.empty(0, dtype=np.int64)
DOCS_PER_CHECK = 1024  # Whoosh's own matcher asks the budget's clock once this many documents


@dataclass(frozen=True)
class Matches:
    """Document numbers, ascending and distinct, and each one's score (None when unscored).

    tiers, for a coordinated query, is how many of its counted concepts each holds: it ranks before the score.
    """

    ids: np.ndarray
    scores: np.ndarray | None
    tiers: np.ndarray | None = None

    @classmethod
    def empty(cls, scored: bool) -> "Matches":
        return cls(NO_IDS, np.empty(0) if scored else None)

    def constant(self, score: float, scored: bool) -> "Matches":
        return Matches(self.ids, np.full(len(self.ids), float(score)) if scored else None)

    def boosted(self, boost: float) -> "Matches":
        return self if self.scores is None or boost == 1.0 else Matches(self.ids, self.scores * boost)


def match(searcher, q, scored: bool, tables: SegmentTables, date_keys=None, budget: Budget | None = None) -> Matches:
    """Every live document q matches, by global document number, with Whoosh's BM25F scores when scored.

    date_keys(reader) gives a segment's sortable dates (0 for undated), for date ranges.
    Once budget has run out, the rest finds nothing: the answer is a subset of the full one.
    """
    budget = budget or Budget()
    parts = []
    for subsearcher, offset in searcher.leaf_searchers():
        found = _SegmentRun(subsearcher, searcher, scored, tables, date_keys, budget).run(q)
        reader = subsearcher.reader()
        if reader.has_deletions() and len(found.ids):
            deleted = np.zeros(reader.doc_count_all(), dtype=bool)
            deleted[np.fromiter(reader.deleted_docs_set, dtype=np.int64)] = True
            live = ~deleted[found.ids]
            found = Matches(found.ids[live], found.scores[live] if scored else None)
        parts.append(Matches(found.ids + offset, found.scores))
    if len(parts) == 1:
        return parts[0]
    return Matches(np.concatenate([p.ids for p in parts]), np.concatenate([p.scores for p in parts]) if scored else None)


def _has_phrase(q) -> bool:
    return any(type(leaf) is query.Phrase for leaf in q.leaves())


def _follows(keys: np.ndarray, ends: np.ndarray, slop: int) -> np.ndarray:
    """For each key (document << 32 | position), whether an end lies 1 to slop positions before it in its document.

    The nearest end before each key decides, found with one search whatever the slop.
    """
    at = np.searchsorted(ends, keys)  # ends[at - 1] < key
    before = ends[np.maximum(at - 1, 0)]
    return (at > 0) & ((before >> 32) == (keys >> 32)) & (keys - before <= slop)


def _keys_of(keys: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """Those of keys (document << 32 | position, ascending) in docs (ascending): each document's run cut out,
    a search per document rather than per key (a common word's kept positions outnumber a phrase's candidates)."""
    starts = np.searchsorted(keys, docs << 32)
    counts = np.searchsorted(keys, (docs + 1) << 32) - starts
    total = int(counts.sum())
    if total == len(keys):
        return keys
    firsts = np.cumsum(counts) - counts  # where each document's run begins in the answer
    return keys[np.arange(total) - np.repeat(firsts - starts, counts)]


def _distinct(ascending: np.ndarray) -> np.ndarray:
    """An ascending array without its repeats (np.unique, without its sort or hash table)."""
    if len(ascending) < 2:
        return ascending
    return ascending[np.concatenate(([True], ascending[1:] != ascending[:-1]))]


class _SegmentRun:
    """One query over one segment: arrays where the query type has an array form, Whoosh's matcher where not."""

    def __init__(self, subsearcher, parent, scored: bool, tables: SegmentTables, date_keys, budget: Budget):
        self.searcher, self.parent, self.scored = subsearcher, parent, scored
        self.reader = subsearcher.reader()
        self.tables, self.date_keys, self.budget = tables, date_keys, budget
        # Scores are Whoosh's only for its plain BM25F; any other model runs through Whoosh.
        self.bm25 = is_plain_bm25(parent.weighting)

    def run(self, q, within: np.ndarray | None = None) -> Matches:
        """The documents q matches; within (a mask over the segment), when given, may limit what costly parts check.

        Every document outside within may or may not be in the answer: the caller intersects.
        """
        kind = type(q)
        if isinstance(q, type(query.NullQuery)) or self.budget.expired():
            return Matches.empty(self.scored)
        if kind is query.Term:
            return self._term(q.fieldname, q.text, q.boost)
        if kind is query.And:
            return self._and(q, within)
        if kind is query.Or and not q.minmatch and not q.scale:
            return self._or([self.run(sub, within) for sub in q.subqueries]).boosted(q.boost)
        if kind is query.AndNot:
            return self._without(self.run(q.a, within), self._excluded(q.b))
        if kind is query.Not:
            return self._without(self._every(), self._excluded(q.query)).constant(q.boost, self.scored)
        if kind is coordination.Coordinated:
            return self.run(q.as_whoosh(), within)
        if kind is query.Require:  # q.a's matches and scores, where q.b matches too
            found = self.run(q.a, within)
            return self._intersect(found, self._unscored(q.b, within).constant(0.0, self.scored))
        if kind is query.ConstantScoreQuery:
            return self._unscored(q.child, within).constant(q.score, self.scored)
        if kind is query.Every:
            return self._every(q.fieldname).constant(q.boost, self.scored)
        if kind is query.Phrase and self._positional(q.fieldname) and q.slop >= 1 and q.words and self.bm25:
            return self._phrase(q, within)
        if isinstance(q, query.NumericRange) and q.fieldname == "date" and self.date_keys is not None:
            return self._date_range(q)
        if isinstance(q, query.MultiTerm) and not isinstance(q, query.NumericRange) and self.bm25:
            return self._multiterm(q)
        return self._whoosh(q)

    def _positional(self, fieldname: str) -> bool:
        schema = self.reader.schema
        return fieldname in schema and bool(schema[fieldname].format) and schema[fieldname].format.supports("positions")

    def _unscored(self, q, within: np.ndarray | None = None) -> Matches:
        previous, self.scored = self.scored, False
        try:
            return self.run(q, within)
        finally:
            self.scored = previous

    def _excluded(self, q) -> Matches:
        """What q leaves out; everything, when the budget ran out before q was complete (a subset stays a subset)."""
        found = self._unscored(q)
        return self._every() if self.budget.expired() else found

    def _every(self, fieldname: str | None = None) -> Matches:
        """Every document, or those with a word in fieldname ("*" reads as title:* OR body:*)."""
        everything = np.arange(self.reader.doc_count_all(), dtype=np.int64)
        if not fieldname or fieldname == "*":
            return Matches(everything, None)
        if fieldname not in self.reader.schema:
            return Matches.empty(False)
        if self.reader.schema[fieldname].scorable:
            return Matches(everything[self._lengths(fieldname) > 0], None)
        return self._or([self._unscored(query.Term(fieldname, t)) for t in self.reader.lexicon(fieldname)])

    def _term(self, fieldname: str, text, boost: float = 1.0) -> Matches:
        schema = self.reader.schema
        if fieldname not in schema:
            return Matches.empty(self.scored)
        field = schema[fieldname]
        try:
            btext = field.to_bytes(text)
        except ValueError:
            return Matches.empty(self.scored)
        postings = self._postings(fieldname, btext)
        if postings is None:
            return Matches.empty(self.scored)
        if self.scored and not self.bm25:
            return self._whoosh(query.Term(fieldname, text, boost=boost))
        if not self.scored:
            return Matches(postings.ids, None)
        return Matches(postings.ids, self._scores(fieldname, btext, postings.ids, postings.weights)).boosted(boost)

    def _postings(self, fieldname: str, btext: bytes):
        """A term's postings in this segment, or None when it has none; the cache spares a lookup on disk."""
        postings = self.tables.cached(self.reader, fieldname, btext)
        if postings is None and (fieldname, btext) in self.reader:
            postings = self.tables.postings(self.reader, fieldname, btext)
        return postings

    def _scores(self, fieldname: str, btext: bytes, ids: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Whoosh's BM25F score of one term in the documents ids, whose term weights are weights."""
        return self._bm25(fieldname, ids, weights, self.parent.idf(fieldname, btext))

    def _bm25(self, fieldname: str, ids: np.ndarray, weights: np.ndarray, idf) -> np.ndarray:
        """Whoosh's BM25F scores of term weights in the documents ids, each term's idf given (one or per weight)."""
        if not self.reader.schema[fieldname].scorable:
            return weights  # Whoosh scores a term of an unscorable field by its weight
        average = self.parent.avg_field_length(fieldname) or 1
        lengths = self._lengths(fieldname)[ids]
        b, k1 = self.parent.weighting.B, self.parent.weighting.K1
        return idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / average)))

    def _lengths(self, fieldname: str) -> np.ndarray:
        return self.tables.get(self.reader, f"length:{fieldname}", lambda r: field_lengths(r, fieldname))

    def _phrase(self, q, within: np.ndarray | None) -> Matches:
        """Words at consecutive positions (or within q.slop): candidates intersected as arrays, then positions checked.

        The candidates of an adjacent phrase with two common words side by side are
        the documents holding those indexed pairs (schema.WordPairs) and its other
        words; a phrase of one such pair is answered by them, longer phrases decode
        positions only there. Otherwise (rarer words, slop, or an index without pairs)
        they are the documents holding every word. Positions are decoded only for candidates
        (in within, when given), and only from the posting blocks that hold them.
        Whoosh scores a phrase as the sum of its words' scores, and so does this.
        """
        field = self.reader.schema[q.fieldname]
        try:
            btexts = [field.to_bytes(word) for word in q.words]
        except ValueError:
            return Matches.empty(self.scored)
        if not all((q.fieldname, b) in self.reader for b in btexts):
            return Matches.empty(self.scored)
        candidates, exact = self._pair_candidates(q, btexts)
        if candidates is None:
            postings = [self.tables.postings(self.reader, q.fieldname, b) for b in btexts]
            candidates = postings[0].ids
            for other in postings[1:]:
                candidates = candidates[self._mask(other.ids)[candidates]]
        if within is not None:
            candidates = candidates[within[candidates]]
        if not exact:
            candidates = self._positioned(q, btexts, candidates)
        if not len(candidates):
            return Matches.empty(self.scored)
        if not self.scored:
            return Matches(candidates, None)
        scores = np.zeros(len(candidates))
        for b in btexts:
            p = self.tables.postings(self.reader, q.fieldname, b)
            where = np.searchsorted(p.ids, candidates)
            scores = scores + self._scores(q.fieldname, b, candidates, p.weights[where])
        return Matches(candidates, scores).boosted(q.boost)

    def _pair_candidates(self, q, btexts: list[bytes]) -> tuple[np.ndarray | None, bool]:
        """(the documents holding the indexed pairs of an adjacent phrase's neighbours and its other words,
        whether they are its answer): exactly when the phrase is one indexed pair. (None, False) when no
        pair of it is indexed (rare words, a phrase with slop, an index built before pairs)."""
        name = pairs_field(q.fieldname)
        if q.slop != 1 or len(q.words) < 2 or name not in self.reader.schema:
            return None, False
        field = self.reader.schema[name]
        paired = [i for i, (a, b) in enumerate(zip(q.words, q.words[1:])) if field.indexes(a, b)]
        if not paired:
            return None, False
        found = []
        for term in dict.fromkeys(pair_term(q.words[i], q.words[i + 1]) for i in paired):
            postings = self._postings(name, field.to_bytes(term))
            if postings is None:  # two of the words are never side by side here
                return NO_IDS, True
            found.append(postings.ids)
        covered = set(paired) | {i + 1 for i in paired}
        found += [self.tables.postings(self.reader, q.fieldname, b).ids for i, b in enumerate(btexts) if i not in covered]
        found.sort(key=len)
        candidates = found[0]
        for ids in found[1:]:
            candidates = candidates[self._mask(ids)[candidates]]
        return candidates, len(q.words) == 2

    def _positioned(self, q, btexts: list[bytes], candidates: np.ndarray) -> np.ndarray:
        """Those of candidates where the phrase's words stand in order, within q.slop of each other."""
        ends = None  # (document << 32 | position) of each place the phrase so far ends, ascending
        decoded: dict[bytes, np.ndarray] = {}  # a word the phrase repeats is decoded once
        for b in btexts:
            if self.budget.expired() or not len(candidates):
                return NO_IDS
            keys = self._position_keys(q.fieldname, b, candidates, decoded)
            ends = keys if ends is None else keys[_follows(keys, ends, q.slop)]
            candidates = _distinct(ends >> 32)
        return candidates

    def _position_keys(self, fieldname: str, btext: bytes, candidates: np.ndarray, decoded: dict) -> np.ndarray:
        """(document << 32 | position) of a word in candidates, read once per phrase (and kept, for common words).

        Candidates only shrink along a phrase, so what was read for the first use serves the rest.
        """
        if btext not in decoded:
            allowance = BlockAllowance(stop=self.budget.expired)
            decoded[btext] = self.tables.positions(self.reader, fieldname, btext, candidates, allowance)
        return _keys_of(decoded[btext], candidates)

    def _and(self, q, within: np.ndarray | None) -> Matches:
        """Cheap parts first; phrases then check positions only in what those left (and in within)."""
        negative = [sub.query for sub in q.subqueries if type(sub) is query.Not]
        positive = [sub for sub in q.subqueries if type(sub) is not query.Not]
        costly = [sub for sub in positive if _has_phrase(sub)]
        results = [self.run(sub) for sub in positive if not _has_phrase(sub)]
        results.sort(key=lambda m: len(m.ids))  # intersect the smallest first
        found = results[0] if results else None
        for other in results[1:]:
            found = self._intersect(found, other)
        for sub in costly:
            limit = within if found is None else self._mask(found.ids)
            result = self.run(sub, limit)
            found = result if found is None else self._intersect(found, result)
        if found is None:
            found = self._every().constant(0.0, self.scored)
        for sub in negative:  # Whoosh's inverse matcher gives each document a score of 1
            found = self._without(found, self._excluded(sub))
            if self.scored:
                found = Matches(found.ids, found.scores + 1.0)
        return found.boosted(q.boost)

    def _intersect(self, found: Matches, other: Matches) -> Matches:
        """The documents in both, each scored with the sum of both scores."""
        if not len(found.ids) or not len(other.ids):
            return Matches.empty(self.scored)
        where = np.full(self.reader.doc_count_all(), -1, dtype=np.int64)
        where[other.ids] = np.arange(len(other.ids))
        theirs = where[found.ids]
        mine = theirs >= 0
        scores = found.scores[mine] + other.scores[theirs[mine]] if self.scored else None
        return Matches(found.ids[mine], scores)

    def _or(self, results: list[Matches]) -> Matches:
        results = [r for r in results if len(r.ids)]
        if not results:
            return Matches.empty(self.scored)
        if len(results) == 1:
            return results[0]
        ids = np.flatnonzero(self._mask(*(r.ids for r in results)))
        if results[0].scores is None:
            return Matches(ids, None)
        total = np.zeros(self.reader.doc_count_all())
        for r in results:
            total[r.ids] += r.scores
        return Matches(ids, total[ids])

    def _without(self, found: Matches, excluded: Matches) -> Matches:
        if not len(found.ids) or not len(excluded.ids):
            return found
        keep = ~self._mask(excluded.ids)[found.ids]
        return Matches(found.ids[keep], found.scores[keep] if found.scores is not None else None)

    def _mask(self, *id_arrays: np.ndarray) -> np.ndarray:
        """A boolean per document of the segment: set for the documents in any of id_arrays.

        Set operations through a dense mask cost a pass over the segment's documents,
        less than sorting the arrays (np.intersect1d, np.unique) once they are large.
        """
        mask = np.zeros(self.reader.doc_count_all(), dtype=bool)
        for ids in id_arrays:
            mask[ids] = True
        return mask

    def _multiterm(self, q) -> Matches:
        """Wildcards, prefixes and fuzzy terms: the segment's terms they expand to, ORed.

        Whoosh asks for constant scores here, but its term matchers fall back to the
        searcher's BM25F (except in small indexes it preloads), so the expanded terms
        are scored like any others.
        """
        words = [w for w in expanded_words(q, self.reader) if w]
        if not words:
            return Matches.empty(self.scored)
        if len(words) == 1:
            return self._term(q.fieldname, words[0])  # as Whoosh: one word, no boost
        found = []  # (word, postings): all the words' postings are scored and summed in one pass
        for word in words:
            postings = None if self.budget.expired() else self._postings(q.fieldname, word)
            if postings is not None and len(postings.ids):
                found.append((word, postings))
        if not found:
            return Matches.empty(self.scored)
        ids = np.concatenate([p.ids for _, p in found])
        union = np.flatnonzero(self._mask(ids))
        if not self.scored:
            return Matches(union, None)
        idf = np.repeat([self.parent.idf(q.fieldname, w) for w, _ in found], [len(p.ids) for _, p in found])
        scores = self._bm25(q.fieldname, ids, np.concatenate([p.weights for _, p in found]), idf)
        total = np.bincount(ids, weights=scores, minlength=self.reader.doc_count_all())
        return Matches(union, total[union]).boosted(q.boost)

    def _date_range(self, q) -> Matches:
        keys = self.date_keys(self.reader)
        keep = keys != 0
        if q.start is not None:
            keep &= (keys > q.start) if q.startexcl else (keys >= q.start)
        if q.end is not None:
            keep &= (keys < q.end) if q.endexcl else (keys <= q.end)
        return Matches(np.flatnonzero(keep).astype(np.int64), None).constant(q.boost, self.scored)

    def _whoosh(self, q) -> Matches:
        """Whoosh's own matcher for query types with no array form here; deleted documents are left out by it."""
        context = self.searcher.context(needs_current=True, weighting=self.parent.weighting if self.scored else None)
        matcher = q.matcher(self.searcher, context)
        ids, scores = [], []
        while matcher.is_active():
            if len(ids) % DOCS_PER_CHECK == DOCS_PER_CHECK - 1 and self.budget.expired():
                break
            ids.append(matcher.id())
            if self.scored:
                scores.append(matcher.score())
            matcher.next()
        ids_array = np.array(ids, dtype=np.int64)
        return Matches(ids_array, np.array(scores, dtype=np.float64) if self.scored else None)
