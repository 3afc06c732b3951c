"""Whoosh queries run a posting block at a time: the match set and its BM25F scores as numpy arrays.

Whoosh's matchers advance one posting per Python call; at 100,000 articles
that walk was 90% of a request. Here a term's postings are read a block at a
time into arrays, combined with numpy set operations and scored with Whoosh's
own BM25F formula and statistics, so the ranking is the one Whoosh gives.
Query types with no array form here (phrases, spans, ranges on other fields)
run through Whoosh's own matcher, one segment at a time.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from itertools import chain
from dataclasses import dataclass
from io import BytesIO
from pickle import load, loads
from struct import Struct

import numpy as np
from whoosh import query
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, _lenfield
from whoosh.formats import Characters, Positions
from whoosh.system import _INT_SIZE
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

_BLOCK_LENGTH = Struct("!i")
# Whoosh keeps each field length as one byte; this is the length each byte stands for.
BYTE_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
NO_IDS = np.empty(0, dtype=np.int64)


@dataclass(frozen=True)
class Matches:
    """Document numbers, ascending and distinct, and each one's score (None when unscored)."""

    ids: np.ndarray
    scores: np.ndarray | None

    @classmethod
    def empty(cls, scored: bool) -> "Matches":
        return cls(NO_IDS, np.empty(0) if scored else None)

    def constant(self, score: float, scored: bool) -> "Matches":
        return Matches(self.ids, np.full(len(self.ids), float(score)) if scored else None)

    def boosted(self, boost: float) -> "Matches":
        return self if self.scores is None or boost == 1.0 else Matches(self.ids, self.scores * boost)


@dataclass(frozen=True)
class FacetPostings:
    """One facet field of one segment: its values, and a (document, value index) pair for each posting."""

    values: list[str]
    docs: np.ndarray
    value_ids: np.ndarray

    @classmethod
    def read(cls, reader, fieldname: str) -> "FacetPostings":
        values, docs, value_ids = [], [], []
        for btext in reader.lexicon(fieldname):
            ids = term_postings(reader, fieldname, btext).ids
            docs.append(ids)
            value_ids.append(np.full(len(ids), len(values), dtype=np.int64))
            values.append(btext.decode("utf-8"))
        empty = np.zeros(0, dtype=np.int64)
        return cls(values, np.concatenate(docs) if docs else empty, np.concatenate(value_ids) if value_ids else empty)


def date_keys(reader) -> np.ndarray:
    """Each document's date in one segment as a sortable number (Whoosh's own), 0 when it has none."""
    count = reader.doc_count_all()
    if not reader.has_column("date"):
        return np.zeros(count, dtype=np.int64)
    dated = np.fromiter(reader.column_reader("dated"), dtype=np.int64, count=count)
    # Undated documents hold the column's default, which does not fit an int64.
    dates = np.fromiter(reader.column_reader("date", translate=False), dtype=np.uint64, count=count)
    return np.where(dated != 0, dates, 0).astype(np.int64)


class SegmentTables:
    """Per-segment arrays the matcher reads again and again; segments never change, so they are kept by id.

    Besides whole-segment tables (field lengths, dates, facets) it keeps the decoded
    postings of recently used terms, up to postings_bytes: a common word costs about
    a microsecond a posting to decode, 100 ms at 100,000 articles, and newsroom
    queries repeat their common words.
    """

    def __init__(self, postings_bytes: int = 0):
        self._tables: dict[tuple[str, str], object] = {}
        self.postings_bytes = postings_bytes
        self._postings: OrderedDict[tuple[str, str, bytes], Postings] = OrderedDict()
        self._postings_held = 0

    def get(self, reader, name: str, build):
        key = (reader.segment().segment_id(), name)
        if key not in self._tables:
            self._tables[key] = build(reader)
        return self._tables[key]

    def postings(self, reader, fieldname: str, btext: bytes) -> Postings:
        """term_postings without values, from the cache when this term was decoded lately."""
        key = (reader.segment().segment_id(), fieldname, btext)
        found = self._postings.get(key)
        if found is not None:
            self._postings.move_to_end(key)
            return found
        found = term_postings(reader, fieldname, btext)
        size = found.ids.nbytes + found.weights.nbytes
        if size <= self.postings_bytes // 4:  # one huge term must not push out everything else
            self._postings[key] = found
            self._postings_held += size
            while self._postings_held > self.postings_bytes:
                _, old = self._postings.popitem(last=False)
                self._postings_held -= old.ids.nbytes + old.weights.nbytes
        return found

    def keep_only(self, readers) -> None:
        """Forget the tables and postings of segments that a merge removed."""
        live = {reader.segment().segment_id() for reader in readers}
        for key in [k for k in self._tables if k[0] not in live]:
            del self._tables[key]
        for key in [k for k in self._postings if k[0] not in live]:
            old = self._postings.pop(key)
            self._postings_held -= old.ids.nbytes + old.weights.nbytes


def match(searcher, q, scored: bool, tables: SegmentTables, date_keys=None) -> Matches:
    """Every live document q matches, by global document number, with Whoosh's BM25F scores when scored.

    date_keys(reader) gives a segment's sortable dates (0 for undated), for date ranges.
    """
    parts = []
    for subsearcher, offset in searcher.leaf_searchers():
        found = _SegmentRun(subsearcher, searcher, scored, tables, date_keys).run(q)
        reader = subsearcher.reader()
        if reader.has_deletions() and len(found.ids):
            deleted = np.zeros(reader.doc_count_all(), dtype=bool)
            deleted[np.fromiter(reader.deleted_docs_set, dtype=np.int64)] = True
            live = ~deleted[found.ids]
            found = Matches(found.ids[live], found.scores[live] if scored else None)
        parts.append(Matches(found.ids + offset, found.scores))
    if len(parts) == 1:
        return parts[0]
    ids = np.concatenate([p.ids for p in parts]) if parts else NO_IDS
    scores = np.concatenate([p.scores for p in parts]) if scored and parts else None
    return Matches(ids, scores if scored else None)


@dataclass(frozen=True)
class Postings:
    """One term's postings in one segment, deleted documents included."""

    ids: np.ndarray
    weights: np.ndarray


def term_spans(searcher, tables: SegmentTables, fieldname: str, btext: bytes, docnums) -> dict[int, list[tuple[int, int]]]:
    """(start, end) characters of a term in each of docnums (global) that holds it, read from its postings."""
    wanted = np.array(sorted(docnums), dtype=np.int64)
    spans = {}
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        local = wanted[(wanted >= offset) & (wanted < offset + reader.doc_count_all())] - offset
        if not len(local) or (fieldname, btext) not in reader:
            continue
        held = local[_sorted_in(local, tables.postings(reader, fieldname, btext).ids)]
        decode = reader.schema[fieldname].format.decode_characters
        for doc, value in zip(held.tolist(), term_values(reader, fieldname, btext, held)):
            spans[doc + offset] = [(start, end) for _, start, end in decode(value)]
    return spans


def term_postings(reader, fieldname: str, btext: bytes) -> Postings:
    blocks = _blocks(reader, fieldname, btext)
    if blocks is None:  # a few postings kept inline with the term
        matcher = reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format)
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        return Postings(np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64))
    ids, weights = [], []
    for block in blocks:
        block_ids, block_weights, _ = block.decode()
        ids.append(block_ids)
        if block_weights is None:
            weights.append(np.ones(len(block_ids)))
        elif isinstance(block_weights, float):
            weights.append(np.full(len(block_ids), block_weights))
        else:
            weights.append(np.array(block_weights, dtype=np.float64))
    return Postings(np.concatenate(ids), np.concatenate(weights))


def term_values(reader, fieldname: str, btext: bytes, docs: np.ndarray) -> list:
    """The encoded posting values (positions) of one term in docs, all of which hold it; ascending docs.

    Only the blocks that hold one of docs are decoded, so a rare word beside a common one
    in a phrase reads a few blocks of the common word's postings, not all of them.
    """
    blocks = _blocks(reader, fieldname, btext)
    if blocks is None:
        matcher = reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format)
        values = []
        for doc in docs.tolist():
            matcher.skip_to(doc)
            values.append(matcher.value())
        return values
    values, i = [], 0
    for block in blocks:
        if i == len(docs):
            break
        if block.last_id < docs[i]:
            continue
        ids, _, block_values = block.decode()
        last = int(np.searchsorted(docs, block.last_id, side="right"))
        values.extend(block_values[k] for k in np.searchsorted(ids, docs[i:last]).tolist())
        i = last
    return values


@dataclass(frozen=True)
class _Block:
    """One block of a term's postings as Whoosh's W3 codec writes it: up to 128 postings, pickled."""

    last_id: int
    compressed: bool
    data: memoryview

    def decode(self) -> tuple[np.ndarray, object, tuple]:
        """(document numbers, weights as stored, encoded values)."""
        ids, weights, values = loads(zlib.decompress(self.data) if self.compressed else self.data)
        return np.cumsum(np.array(ids, dtype=np.int64)), weights, values  # ids are stored as gaps


def _blocks(reader, fieldname: str, btext: bytes):
    """The blocks of a term's posting list, from one read of the whole list, or None when it is kept inline.

    The W3 layout: a 4-byte tag, then per block a signed 4-byte length (negative for
    the last block), a pickled header (count, last id, max weight, compression, min and
    max length bytes) and the pickled data. Whoosh's own reader parses the headers with
    small file reads, which through a compound segment are Python calls apiece.
    """
    info = reader.term_info(fieldname, btext)
    if info.is_inlined():
        return None
    offset, length = info.extent()
    if isinstance(length, tuple):  # whoosh-reloaded 2.7.5 keeps it as struct.unpack's 1-tuple
        (length,) = length
    raw = reader._terms._postfile.get(offset, length)
    if raw[:4] != WHOOSH3_HEADER_MAGIC:
        raise ValueError(f"not a W3 posting list: {fieldname}:{btext!r}")
    return _iter_blocks(raw)


def _iter_blocks(raw: bytes):
    buffer, view = BytesIO(raw), memoryview(raw)
    position = 4
    while True:
        size = _BLOCK_LENGTH.unpack_from(raw, position)[0]
        end = position + 4 + abs(size)
        buffer.seek(position + 4)
        _, last_id, _, compression, _, _ = load(buffer)
        yield _Block(last_id, bool(compression), view[buffer.tell() : end])
        if size < 0:
            return
        position = end


def field_lengths(reader, fieldname: str) -> np.ndarray:
    """Each document's length in fieldname as Whoosh's scorer sees it (the one-byte approximation)."""
    count = reader.doc_count_all()
    column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return np.zeros(count)
    return BYTE_LENGTHS[np.fromiter((column[d] for d in range(count)), dtype=np.uint8, count=count)]


def _position_keys(docs: np.ndarray, encoded: list, fmt) -> np.ndarray:
    """(document << 32 | position) for every position of a term in docs, ascending, from its posting values.

    Whoosh's Positions and Characters formats store a count and a pickled list of
    position gaps (Characters: (gap, start gap, length) triples); those are decoded
    here in one pass for all documents rather than a call per document.
    """
    if type(fmt) not in (Positions, Characters):
        decode = fmt.decode_positions
        keys = [doc << 32 | position for doc, value in zip(docs.tolist(), encoded) for position in decode(value)]
        return np.array(keys, dtype=np.int64)
    codes = [loads(value[_INT_SIZE:] if value.endswith(b".") else value[_INT_SIZE:] + b".") for value in encoded]
    counts = np.fromiter(map(len, codes), dtype=np.int64, count=len(codes))
    total = int(counts.sum())
    if type(fmt) is Characters:
        gaps = np.fromiter((code[0] for doc in codes for code in doc), dtype=np.int64, count=total)
    else:
        gaps = np.fromiter(chain.from_iterable(codes), dtype=np.int64, count=total)
    running = np.cumsum(gaps)
    starts = np.cumsum(counts) - counts  # each document's first position restarts the sum
    before = running[starts[counts > 0]] - gaps[starts[counts > 0]]
    positions = running - np.repeat(before, counts[counts > 0])
    return np.repeat(docs, counts) << 32 | positions


def _sorted_in(needles: np.ndarray, haystack: np.ndarray) -> np.ndarray:
    """For each of needles, whether the ascending array haystack holds it."""
    if not len(haystack):
        return np.zeros(len(needles), dtype=bool)
    at = np.minimum(np.searchsorted(haystack, needles), len(haystack) - 1)
    return haystack[at] == needles


def _distinct(ascending: np.ndarray) -> np.ndarray:
    """An ascending array without its repeats (np.unique, without its sort or hash table)."""
    if len(ascending) < 2:
        return ascending
    return ascending[np.concatenate(([True], ascending[1:] != ascending[:-1]))]


class _SegmentRun:
    """One query over one segment: arrays where the query type has an array form, Whoosh's matcher where not."""

    def __init__(self, subsearcher, parent, scored: bool, tables: SegmentTables, date_keys):
        self.searcher, self.parent, self.scored = subsearcher, parent, scored
        self.reader = subsearcher.reader()
        self.tables, self.date_keys = tables, date_keys
        weighting = parent.weighting
        # Scores are Whoosh's only for its plain BM25F; any other model runs through Whoosh.
        self.bm25 = type(weighting) is BM25F and not weighting._field_B

    def run(self, q, within: np.ndarray | None = None) -> Matches:
        """The documents q matches; within (a mask over the segment), when given, may limit what costly parts check.

        Every document outside within may or may not be in the answer: the caller intersects.
        """
        kind = type(q)
        if isinstance(q, type(query.NullQuery)):
            return Matches.empty(self.scored)
        if kind is query.Term:
            return self._term(q.fieldname, q.text, q.boost)
        if kind is query.And:
            return self._and(q, within)
        if kind is query.Or and not q.minmatch and not q.scale:
            return self._or([self.run(sub, within) for sub in q.subqueries]).boosted(q.boost)
        if kind is query.AndNot:
            return self._without(self.run(q.a, within), self._unscored(q.b))
        if kind is query.Not:
            return self._without(self._every(), self._unscored(q.query)).constant(q.boost, self.scored)
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

    def _every(self, fieldname: str | None = None) -> Matches:
        """Every document, or those with a word in fieldname ("*" reads as title:* OR body:*)."""
        everything = np.arange(self.reader.doc_count_all(), dtype=np.int64)
        if not fieldname or fieldname == "*":
            return Matches(everything, None)
        if fieldname not in self.reader.schema:
            return Matches.empty(False)
        if self.reader.schema[fieldname].scorable:
            lengths = self.tables.get(self.reader, f"length:{fieldname}", lambda r: field_lengths(r, fieldname))
            return Matches(everything[lengths > 0], None)
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
        if (fieldname, btext) not in self.reader:
            return Matches.empty(self.scored)
        if self.scored and not self.bm25:
            return self._whoosh(query.Term(fieldname, text, boost=boost))
        postings = self.tables.postings(self.reader, fieldname, btext)
        if not self.scored:
            return Matches(postings.ids, None)
        return Matches(postings.ids, self._scores(fieldname, btext, postings.ids, postings.weights)).boosted(boost)

    def _scores(self, fieldname: str, btext: bytes, ids: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Whoosh's BM25F score of one term in the documents ids, whose term weights are weights."""
        if not self.reader.schema[fieldname].scorable:
            return weights  # Whoosh scores a term of an unscorable field by its weight
        idf = self.parent.idf(fieldname, btext)
        average = self.parent.avg_field_length(fieldname) or 1
        lengths = self.tables.get(self.reader, f"length:{fieldname}", lambda r: field_lengths(r, fieldname))[ids]
        b, k1 = self.parent.weighting.B, self.parent.weighting.K1
        return idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / average)))

    def _phrase(self, q, within: np.ndarray | None) -> Matches:
        """Words at consecutive positions (or within q.slop): candidates intersected as arrays, then positions checked.

        Positions are decoded only for candidates (in within, when given), and only
        from the posting blocks that hold them. Whoosh scores a phrase as the sum of
        its words' scores, and so does this.
        """
        field = self.reader.schema[q.fieldname]
        try:
            btexts = [field.to_bytes(word) for word in q.words]
        except ValueError:
            return Matches.empty(self.scored)
        if not all((q.fieldname, b) in self.reader for b in btexts):
            return Matches.empty(self.scored)
        postings = [self.tables.postings(self.reader, q.fieldname, b) for b in btexts]
        candidates = postings[0].ids if within is None else postings[0].ids[within[postings[0].ids]]
        for other in postings[1:]:
            candidates = candidates[self._mask(other.ids)[candidates]]
        ends = None  # (document << 32 | position) of each place the phrase so far ends, ascending
        for b in btexts:
            keys = _position_keys(candidates, term_values(self.reader, q.fieldname, b, candidates), field.format)
            if ends is None:
                ends = keys
            else:
                follows = np.zeros(len(keys), dtype=bool)
                for gap in range(1, q.slop + 1):  # this word within slop positions after the phrase so far
                    follows |= _sorted_in(keys - gap, ends)
                ends = keys[follows]
            candidates = _distinct(ends >> 32)
            if not len(candidates):
                return Matches.empty(self.scored)
        if not self.scored:
            return Matches(candidates, None)
        scores = np.zeros(len(candidates))
        for b, p in zip(btexts, postings):
            where = np.searchsorted(p.ids, candidates)
            scores = scores + self._scores(q.fieldname, b, candidates, p.weights[where])
        return Matches(candidates, scores).boosted(q.boost)

    def _and(self, q, within: np.ndarray | None) -> Matches:
        """Cheap parts first; phrases then check positions only in what those left (and in within)."""
        negative = [sub.query for sub in q.subqueries if type(sub) is query.Not]
        positive = [sub for sub in q.subqueries if type(sub) is not query.Not]
        costly = [sub for sub in positive if any(type(leaf) is query.Phrase for leaf in sub.leaves())]
        results = [self.run(sub) for sub in positive if not any(sub is c for c in costly)]
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
            found = self._without(found, self._unscored(sub))
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
        words = [w for w in q._btexts(self.reader) if w]
        if not words:
            return Matches.empty(self.scored)
        if len(words) == 1:
            return self._term(q.fieldname, words[0])
        return self._or([self._term(q.fieldname, w) for w in words]).boosted(q.boost)

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
            ids.append(matcher.id())
            if self.scored:
                scores.append(matcher.score())
            matcher.next()
        ids_array = np.array(ids, dtype=np.int64)
        return Matches(ids_array, np.array(scores, dtype=np.float64) if self.scored else None)
