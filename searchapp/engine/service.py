"""One search service for every front end: a SearchRequest in, a SearchResult out.

The HTML pages, the JSON API, exports and feeds all hand it the same typed
request (web/params.py reads it from the query string) and render the same
result; Whoosh types stay inside engine/, index/ and internals/, so a different
engine could answer behind the same dataclasses.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from pathlib import Path

import numpy as np
from whoosh import query

from searchapp.engine import queries
from searchapp.engine.aliases import AliasTable, collected
from searchapp.engine.budget import Budget, Limits
from searchapp.engine.cache import ResultCache
from searchapp.engine.facet_tables import facet_counts, facet_table, value_search
from searchapp.engine.histogram import Histogram
from searchapp.engine.meetings import MeetingsRequest, MeetingsResult, find_meetings, meeting_table
from searchapp.engine.opened import OpenedIndex
from searchapp.engine.paths import FastPath, PublicPath
from searchapp.engine.request import FACET_FIELDS, UNDATED, BadRequest, SearchRequest
from searchapp.engine.results import ArticleRecord, FacetCount, Hit, SearchResult, article_from_stored, hit_from_stored
from searchapp.engine.snippets import MarkPlan, merged, opening, pinpoint_snippet, word_spans
from searchapp.engine.spelling import Speller
from searchapp.index import schema, storage
from searchapp.internals import check, segment_tables

OPEN_ATTEMPTS = 3  # opening races a reindex's commit, which removes merged segments
POSTINGS_CACHE_MB = None  # None: as much as the index's files, at least AUTO_POSTINGS_MB (postings_budget)
AUTO_POSTINGS_MB = 256
# After a worker starts, the postings of the body's most frequent words (and a quarter as many of
# the title's) are decoded into the postings cache, most frequent first, for at most this long
# (warm_postings, in the background: searchapp/serve.py): a query's first run decodes its words'
# postings, and after a restart that made the first pass over bench/cold_warm.py's queries several
# times slower than the second (bench/README.md, "After a restart").
WARM_WORDS = 1000
WARM_SECONDS = 60.0
MORE_LIKE_CHARS = 100_000  # an article's first characters whose key terms find articles like it
NO_INDEX_MESSAGE = "There is no index yet: run `flask --app searchapp reindex`."
# A folder whose last change is older than this is settled: a change to it now would give it a
# new modification time, even on file systems whose clocks tick by the second (see _current).
SETTLED_NS = 2_000_000_000


class IndexMissing(Exception):
    """There is no index to search yet; the cure is a reindex."""

    def __init__(self, message: str = NO_INDEX_MESSAGE):
        super().__init__(message)
        self.message = message


def postings_budget(index_dir: Path, megabytes: int | None) -> int:
    """Bytes of decoded postings a worker keeps: megabytes, or by default as much as the index's files.

    The words a newsroom searches repeat, and their decoded postings grow with the archive: a
    fixed 256 MB held them at 100,000 Reuters articles but not at 200,000, where the p95 of the
    benchmark's searches went from 46 to 163 ms as they were decoded again and again.
    """
    if megabytes is not None:
        return megabytes << 20
    try:
        size = sum(entry.stat().st_size for entry in index_dir.iterdir() if entry.is_file())
    except OSError:
        size = 0
    return max(AUTO_POSTINGS_MB << 20, size)


class SearchService:
    """Searches one index folder, reusing one Whoosh searcher until the index changes.

    One instance serves a whole process; a lock serialises the use of the
    shared searcher, so threaded servers are safe.
    """

    def __init__(
        self, index_dir: Path, cache_size: int = 0, postings_cache_mb: int | None = POSTINGS_CACHE_MB,
        aliases: AliasTable | None = None,
    ):
        """cache_size: how many recent results to keep for repeated requests (0: none).

        aliases: the knowledge's names (knowledge.compiled(alias_table)); None searches words as typed.

        postings_cache_mb: memory for the decoded postings of recently searched words (0: none; None:
        the index's own size, at least AUTO_POSTINGS_MB, measured each time the index is opened).
        """
        self.index_dir = Path(index_dir)
        self.aliases = aliases
        self._lock = threading.RLock()
        self._opened: OpenedIndex | None = None
        self._settled: tuple[int, int, int] | None = None  # the index folder's stamp when last found current and settled
        # Per-segment arrays (field lengths, dates, facet postings); segments never change, so
        # these survive reopening, and only new or merged segments are read again.
        self._postings_cache_mb = postings_cache_mb
        self._segment_tables = segment_tables.SegmentTables(postings_budget(self.index_dir, postings_cache_mb))
        self.results = ResultCache(cache_size)  # emptied when the index changes
        self.speller = Speller(self.index_dir / storage.VOCABULARY_FILE)
        # Whoosh's internals read as arrays, or its public API when they are not as expected (logged once).
        self.path = FastPath() if check.internals_usable() else PublicPath()

    # -- the searcher ------------------------------------------------------

    def _current(self) -> OpenedIndex | None:
        """The up-to-date opened index, or None when there is none; call with the lock held.

        A changed index gets a freshly opened searcher rather than searcher.refresh():
        Whoosh's refresh reuses the readers of segments it already has, with their
        old deletions, so updated and removed articles would still be found.

        Whoosh tells a change by listing the folder for its newest table of contents; a
        commit adds one, and with it changes the folder's modification time. So once the
        listing has found the index current in a folder that had been settled (unchanged
        for SETTLED_NS), the same folder with the same time needs no listing: one stat a
        request instead (the listing was a request's 0.01 ms, 0.07 ms on a busy machine).
        """
        if self._opened is not None:
            stamp = folder_stamp(self.index_dir)
            if stamp is not None and stamp == self._settled:
                return self._opened
            try:
                if self._opened.searcher.up_to_date():
                    if stamp is not None and time.time_ns() - stamp[2] > SETTLED_NS:
                        self._settled = stamp  # taken before the listing: a commit after it changes the stamp
                    return self._opened
            except Exception:  # the folder was removed or replaced under us
                pass
            self._drop()
        if not storage.index_exists(self.index_dir):
            return None
        for attempt in range(OPEN_ATTEMPTS):
            try:
                searcher = storage.open_index(self.index_dir).searcher()
                break
            except OSError:  # a commit removed a segment between our reading its TOC and opening it
                if attempt == OPEN_ATTEMPTS - 1:
                    raise
        self._opened = OpenedIndex(searcher, self._segment_tables, self.path, self.aliases)
        self._segment_tables.postings_bytes = postings_budget(self.index_dir, self._postings_cache_mb)
        self.results.clear()
        self._segment_tables.keep_only(self._opened.leaf_readers())
        return self._opened

    def opened(self) -> OpenedIndex:
        """The up-to-date opened index; raises IndexMissing. For tests and benchmarks that look inside."""
        with self._lock:
            return self._opened_or_raise()

    def _opened_or_raise(self) -> OpenedIndex:
        opened = self._current()
        if opened is None:
            raise IndexMissing()
        return opened

    def _drop(self):
        self._settled = None
        if self._opened is not None:
            try:
                self._opened.searcher.close()
            except Exception:
                pass
        self._opened = None

    def warm(self) -> bool:
        """Open the searcher and build the facet, date, spelling and meeting tables now, not on the first request.

        Returns False when there is no index yet.
        """
        with self._lock:
            opened = self._current()
            if opened is None:
                return False
            opened.date_keys()
            self._search(opened, SearchRequest(), time.perf_counter(), Budget())  # every facet table, landing counts
            for name in FACET_FIELDS:
                opened.case_map(name)
                facet_table(opened, name)
            for name in ("title", "body"):
                opened.vocabularies(name)
            self.speller.corrector(self.path)
            meeting_table(opened)
            return True

    def warm_postings(self, words: int = WARM_WORDS, seconds: float = WARM_SECONDS) -> int:
        """Decode the postings of the `words` most frequent words of the body (and a quarter as many of
        the title) into the postings cache, most frequent first, stopping after `seconds`; how many it did.

        Only the fast path keeps decoded postings, and only within the cache's memory (POSTINGS_CACHE_MB):
        none with the cache off. The lock is taken a word at a time, so a request waits for one word at most.
        """
        if not isinstance(self.path, FastPath):
            return 0
        deadline = time.perf_counter() + seconds
        done = 0
        with self._lock:
            opened = self._current()
            if opened is None or opened.tables.postings_bytes == 0:
                return 0
            plan = [
                (reader, name, vocabulary.words[at].encode("utf-8", "surrogateescape"))
                for name, count in (("body", words), ("title", words // 4))
                for reader, vocabulary in zip(opened.leaf_readers(), opened.vocabularies(name))
                for at in vocabulary.by_frequency[:count]
            ]
        for reader, name, btext in plan:
            if time.perf_counter() > deadline:
                break
            with self._lock:
                if self._opened is not opened:  # a reindex opened another index meanwhile
                    break
                opened.tables.postings(reader, name, btext)
            done += 1
        return done

    def close(self) -> None:
        with self._lock:
            self._drop()

    # -- searching -----------------------------------------------------------

    def search(self, req: SearchRequest, limits: Limits | None = None) -> SearchResult:
        """Run one search: hits of the requested page, facet counts over every match, a suggestion.

        limits (default Limits()) bound its time and work; one that runs out of time is
        marked timed_out and not cached. Raises BadRequest for a query with no words to
        search or over the limits, IndexMissing before the first reindex.
        """
        started = time.perf_counter()
        limits = limits or Limits()
        with self._lock:
            opened = self._opened_or_raise()
            key = (*req.cache_key(), limits)
            cached = self.results.get(key)
            if cached is not None:
                return dataclasses.replace(cached, request=req, took_ms=_ms(started))
            result = self._search(opened, req, started, Budget(limits))
            self.results.put(key, result)
            return result

    def facet_values(
        self, req: SearchRequest, name: str, prefix: str = "", limit: int = 20, limits: Limits | None = None
    ) -> tuple[list[FacetCount], int]:
        """(one facet's values a word of which starts with prefix, within req's matches, most frequent
        first, at most limit; how many match the prefix): the facet panel's filter box."""
        with self._lock:
            opened = self._opened_or_raise()
            budget = Budget(limits)
            q, matched, _ = self._matched(opened, req, 1, budget)
            return value_search(opened, matched, req, q, budget, name, prefix, limit)

    def ranked_ids(self, req: SearchRequest, limit: int, limits: Limits | None = None) -> list[str]:
        """The ids of the first `limit` matches in the request's order (its page ignored).

        The search without facet counts, snippets or suggestion: what benchmarks time
        as matching and ranking, and what tests compare with Whoosh's own order.
        """
        with self._lock:
            opened = self._opened_or_raise()
            budget = Budget(limits)
            _, _, ranked = self._matched(opened, req, limit, budget)
            return [opened.searcher.stored_fields(docnum)["id"] for docnum, _ in ranked]

    def _search(self, opened: OpenedIndex, req: SearchRequest, started: float, budget: Budget) -> SearchResult:
        """search() without the result cache; call with the lock held."""
        wanted = req.offset + req.per_page
        with collected() as expansions:
            q, matched, ranked = self._matched(opened, req, wanted, budget)
        also = tuple(dict.fromkeys((e.typed, e.value, e.shown) for e in expansions))
        page = ranked[req.offset : wanted]
        hits = self._hits(opened, q if req.q else None, page, budget)
        facets = facet_counts(opened, matched, req, q, budget)
        suggestion = self._suggestion(opened, q, req, len(matched), budget) if req.q else None
        undated_excluded = self._undated_excluded(opened, q, req, budget)
        histogram = Histogram.of(opened.date_keys()[matched])
        return SearchResult(
            req, len(matched), hits, facets, suggestion, _ms(started), undated_excluded, budget.timed_out, also,
            histogram,
        )

    def _matched(self, opened: OpenedIndex, req: SearchRequest, wanted: int, budget: Budget):
        """(the query run, every match as global docnums, the first `wanted` [(docnum, score or None)] in order)."""
        q = queries.parse(opened, req.q, budget)
        filt = queries.filter_query(opened, req)
        try:
            matched, ranked = self._ranked(opened, q, filt, req.effective_sort, wanted, budget)
        except query.QueryError:  # the syntax read, but Whoosh cannot run it: search the words
            q = queries.bounded(opened, queries.plain_words(opened, req.q), budget)
            matched, ranked = self._ranked(opened, q, filt, req.effective_sort, wanted, budget)
        return q, matched, ranked

    def _ranked(self, opened: OpenedIndex, q, filt, sort: str, wanted: int, budget: Budget):
        """(the match set as global docnums, the first `wanted` [(docnum, score or None)] in the requested order).

        Ties keep document order, as Whoosh's collector does. A coordinated query ranks
        by how many of its concepts a match holds first, then by score.
        """
        scored = sort == "relevance"
        found = self.path.match(opened, queries.with_filter(q, filt), scored, budget)
        if scored:
            keys = -found.scores
            if found.tiers is not None and len(keys):
                # tiers are whole numbers; a score spread below one tier's width keeps their order
                spread = float(np.ptp(keys)) + 1.0
                keys = -found.tiers * spread + keys
            order = first_in_order(keys, wanted)
            return found.ids, [(int(found.ids[i]), float(found.scores[i])) for i in order]
        keys = opened.date_keys()[found.ids]
        if sort == "newest":
            order = first_in_order(-keys, wanted)
        else:
            order = first_in_order(np.where(keys == 0, np.iinfo(np.int64).max, keys), wanted)
        return found.ids, [(int(found.ids[i]), None) for i in order]

    def _hits(self, opened: OpenedIndex, q, page: list[tuple[int, float | None]], budget: Budget) -> list[Hit]:
        """The page's hits; with a query q, each snippet is cut around the body's matched words (a quoted
        phrase's only where it is whole) and the matches in the title are marked."""
        body, title = (queries.mark_plan(opened, q), queries.mark_plan(opened, q, ("title",))) if q else (MarkPlan(),) * 2
        docnums = [d for d, _ in page]
        spans = self.path.body_spans(opened, docnums, body.terms, budget, opened.frequency("body"))
        analyzer = schema.analyzer()  # fresh: its stem cache lives as long as this search
        hits = []
        for docnum, score in page:
            fields = opened.searcher.stored_fields(docnum)
            hit = self._hit(fields, score, body.spans(fields.get("body", ""), spans.get(docnum)))
            hits.append(dataclasses.replace(hit, title_marks=title.marks(hit.title, analyzer)))
        return hits

    @staticmethod
    def _hit(fields: dict, score: float | None, spans=None) -> Hit:
        """A hit from stored fields; the snippet is the fragments around spans, or the opening lines."""
        body = fields.get("body", "")
        snippet = pinpoint_snippet(body, spans) if spans else None
        return hit_from_stored(fields, score, snippet or opening(body))

    def _suggestion(self, opened: OpenedIndex, q, req: SearchRequest, total: int, budget: Budget) -> str | None:
        """A respelled query that finds more than this one (with the same filters), or None."""
        filt = queries.filter_query(opened, req)

        def count(text: str) -> int:
            found = self.path.match(opened, queries.with_filter(queries.parse(opened, text, budget), filt), False, budget)
            return len(found.ids)

        # the text q was parsed from: a "?" read as punctuation is gone from it
        return self.speller.suggestion(opened, q, queries.punctuated(req.q), total, count, budget)

    def _undated_excluded(self, opened: OpenedIndex, q, req: SearchRequest, budget: Budget) -> int | None:
        """How many undated articles match q and the facet filters: date bounds leave out every one of them.

        None without date bounds, so "no date filter" differs from "a filter that left none out".
        """
        if not (req.date_from or req.date_to):
            return None
        facets = queries.filter_query(opened, req, dates=False)
        undated = query.Term("year", UNDATED)
        filt = query.And([facets, undated]) if facets is not None else undated
        return len(self.path.match(opened, queries.with_filter(q, filt), False, budget).ids)

    # -- meetings ------------------------------------------------------------

    def meetings(self, ask: MeetingsRequest) -> MeetingsResult:
        """The meetings articles report that include every official asked for (engine/meetings.py)."""
        with self._lock:
            return find_meetings(self._opened_or_raise(), ask)

    # -- articles ------------------------------------------------------------

    def article(self, id: str) -> ArticleRecord | None:
        """One indexed article whole, or None when the index has no such id."""
        with self._lock:
            fields = self._opened_or_raise().searcher.document(id=id)
        return article_from_stored(fields) if fields is not None else None

    def more_like_this(self, id: str, limit: int = 5) -> list[Hit]:
        """Articles whose words are most like this one's (Whoosh's key-term query), best first."""
        with self._lock:
            searcher = self._opened_or_raise().searcher
            docnum = searcher.document_number(id=id)
            if docnum is None:
                return []
            # The key terms of a long article come from its first MORE_LIKE_CHARS: Whoosh analyses the
            # text it is given word by word (a 4 MB article: seconds a page view).
            body = searcher.stored_fields(docnum).get("body") or ""
            results = searcher.more_like(docnum, "body", text=body[:MORE_LIKE_CHARS], top=limit)
            return [self._hit(h.fields(), h.score) for h in results]

    def highlight_terms(self, q: str, limits: Limits | None = None) -> list[str]:
        """The indexed words (stemmed, wildcards and fuzzy terms expanded) that q looks for in title or body."""
        with self._lock:
            opened = self._current()
            if opened is None or not q.strip():
                return []
            try:
                parsed = queries.parse(opened, q.strip(), Budget(limits))
            except BadRequest:
                return []
            return sorted(queries.marked_terms(opened, parsed, ("title", "body")))

    def highlight_spans(self, text: str, q: str) -> list[tuple[int, int]]:
        """(start, end) of each word of text that q matches, in order: for the article page's marks."""
        with self._lock:
            opened = self._current()
            if opened is None or not q.strip():
                return []
            try:
                plan = queries.mark_plan(opened, queries.parse(opened, q.strip(), Budget()), ("title", "body"))
            except BadRequest:
                return []
        # A fresh analyzer: its stem cache lives as long as this call, not as long as the process.
        return list(merged((s, e) for s, e, _ in plan.spans(text, word_spans(text, plan.terms, schema.analyzer()))))


def folder_stamp(folder: Path) -> tuple[int, int, int] | None:
    """(device, inode, modification time in ns) of a folder: which folder it is and when it last changed."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_mtime_ns


def first_in_order(keys: np.ndarray, wanted: int) -> np.ndarray:
    """Positions of the `wanted` smallest keys, smallest first, ties in position order; the rest are not sorted."""
    if wanted < len(keys):
        cut = np.partition(keys, wanted - 1)[wanted - 1]
        candidates = np.flatnonzero(keys <= cut)  # ties at the cut all come along, in order
    else:
        candidates = np.arange(len(keys))
    return candidates[np.argsort(keys[candidates], kind="stable")][:wanted]


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
