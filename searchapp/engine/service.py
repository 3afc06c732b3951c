"""One search service for every front end: a SearchRequest in, a SearchResult out.

The HTML pages and the JSON API both build a SearchRequest from the query
string and render the SearchResult; Whoosh types stay inside this module and
indexer.py, so a different engine could answer behind the same dataclasses.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import html
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import numpy as np
from dateutil import parser as dateparser
from whoosh import highlight, query, spelling
from whoosh.fields import Schema
from whoosh.qparser import AndGroup, FuzzyTermPlugin, GtLtPlugin, MultifieldParser, PlusMinusPlugin
from whoosh.qparser.dateparse import DateParserPlugin

from searchapp.engine import expansion, matching
from searchapp.index import indexer
from searchapp.internals import postings
from searchapp.engine.budget import Budget, Limits, refusal, text_refusal
from searchapp.engine.snippets import opening, pinpoint_snippet

FACET_FIELDS = ("country", "official", "topic", "source", "year")
SORTS = ("relevance", "newest", "oldest")
MAX_PER_PAGE = 100
MAX_QUERY_CHARS = 1000
MAX_FILTER_VALUES = 50  # facet filter values in one request, all facets together (the MAX_FILTER_VALUES setting)
MAX_NUMBER_DIGITS = 18  # page, per_page: within 64 bits, far from the 4,300 digits int() refuses
# Fields a query may name (field:value); the rest of the schema is internal.
QUERY_FIELDS = ("title", "body", "date", "country", "official", "topic", "source", "year")
PLAIN_WORD = re.compile(r"[^\W_]+")  # letters and digits: what is left of a query the parser cannot read
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
NO_WORDS_MESSAGE = "The query has no words to search for: use letters or digits."
LEADING_MINUS = re.compile(r"(?<![^\s(])-(?=\S)")  # "-word" excludes; "Jong-un" is one word
OPEN_ATTEMPTS = 3  # opening races a reindex's commit, which removes merged segments
MAX_FUZZY_EDITS = 2  # "word~N" asks for at most this many edits
SUGGEST_BELOW = 3  # offer "did you mean" when a query has fewer hits than this
SUGGEST_AT_MOST = 3  # ... and at most this many words unknown to the index
POSTINGS_CACHE_MB = 256  # see postings.SegmentTables
SNIPPET_BLOCKS = 32  # posting blocks (of 128 documents) a page's snippets may decode: about 15 ms
MORE_LIKE_CHARS = 100_000  # an article's first characters whose key terms find articles like it
NO_INDEX_MESSAGE = "There is no index yet: run `flask --app searchapp reindex`."
# The year facet's value for articles with no date (indexer.to_document writes it), so
# they can be counted and selected rather than silently missing from the year facet.
UNDATED = "undated"


class IndexMissing(Exception):
    """There is no index to search yet; the cure is a reindex."""

    def __init__(self, message: str = NO_INDEX_MESSAGE):
        super().__init__(message)
        self.message = message


class BadRequest(ValueError):
    """A request parameter that cannot be used; becomes a 400 (JSON) or a message (HTML)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # keys from FACET_FIELDS
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: str | None = None  # None: relevance with a query, newest without
    page: int = 1
    per_page: int = 20

    @classmethod
    def from_params(cls, params: Mapping, max_filter_values: int = MAX_FILTER_VALUES) -> "SearchRequest":
        """Validate query parameters (a MultiDict, or a dict of lists or strings); raises BadRequest."""
        q = CONTROL_CHARACTERS.sub(" ", _single(params, "q")).strip()  # pasted tabs, newlines, NULs
        if len(q) > MAX_QUERY_CHARS:
            raise BadRequest(
                "bad_query", f"The query is longer than {MAX_QUERY_CHARS:,} characters ({len(q):,}): shorten it."
            )
        filters = {}
        for name in FACET_FIELDS:
            values = tuple(dict.fromkeys(v.strip() for v in _values(params, name) if v.strip()))
            if name == "year":
                values = tuple(dict.fromkeys(_year(v) for v in values))
            if values:
                filters[name] = values
        if sum(len(v) for v in filters.values()) > max_filter_values:
            raise BadRequest("too_many_filters", f"at most {max_filter_values} facet filter values at once")
        date_from = parse_date(_single(params, "from"), "from")
        date_to = parse_date(_single(params, "to"), "to")
        if date_from and date_to and date_from > date_to:
            raise BadRequest("bad_date", f"'from' ({date_from}) is after 'to' ({date_to})")
        sort = _single(params, "sort").strip() or None
        if sort is not None and sort not in SORTS:
            raise BadRequest("bad_sort", f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
        page = _integer(params, "page", 1, 1, None)
        per_page = _integer(params, "per_page", 20, 1, MAX_PER_PAGE)
        return cls(q, filters, date_from, date_to, sort, page, per_page)

    @property
    def effective_sort(self) -> str:
        return self.sort or ("relevance" if self.q else "newest")


def _values(params: Mapping, name: str) -> list[str]:
    if hasattr(params, "getlist"):
        values = params.getlist(name)
    else:
        values = params.get(name, [])
        values = [values] if isinstance(values, str) else list(values)
    for v in values:
        if not isinstance(v, str):
            raise BadRequest(f"bad_{name}", f"{name} must be text, not {type(v).__name__}")
    return values


def _single(params: Mapping, name: str) -> str:
    """The first value of a single-valued parameter, or ""."""
    values = _values(params, name)
    return values[0] if values else ""


def _year(value: str) -> str:
    """A year filter value: four digits, or "undated" in any case (kept lowercase, as indexed)."""
    if value.casefold() == UNDATED:
        return UNDATED
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        raise BadRequest("bad_year", f"year must be four digits or {UNDATED!r}, not {value!r}")
    return value


def _integer(params: Mapping, name: str, default: int, low: int, high: int | None) -> int:
    text = _single(params, name).strip()
    if not text:
        return default
    too_long = len(text) > MAX_NUMBER_DIGITS
    if not (text.isascii() and text.isdigit()) or too_long or int(text) < low or (high and int(text) > high):
        bounds = f"from {low} to {high}" if high else f"{low} or more"
        shown = repr(text) if len(text) <= 20 else f"{text[:12]!r}… ({len(text):,} characters)"
        raise BadRequest(f"bad_{name}", f"{name} must be a whole number {bounds}, not {shown}")
    return int(text)


def parse_date(text: str, bound: str) -> datetime.date | None:
    """Read "2021", "April 2021" or "2021-04-03" as the first ("from") or last ("to") day it covers."""
    text = text.strip()
    if not text:
        return None
    try:
        # Parsing with two different defaults shows which parts the text left out.
        early = dateparser.parse(text, default=datetime.datetime(2000, 1, 1))
        late = dateparser.parse(text, default=datetime.datetime(2001, 12, 28))
    except (ValueError, OverflowError, TypeError):
        raise BadRequest("bad_date", f"{bound}: cannot read {text!r} as a date") from None
    if early.year != late.year:
        raise BadRequest("bad_date", f"{bound}: {text!r} needs a year")
    if early.month != late.month:  # a year alone
        first, last = datetime.date(early.year, 1, 1), datetime.date(early.year, 12, 31)
    elif early.day != late.day:  # a month and a year
        days = calendar.monthrange(early.year, early.month)[1]
        first, last = datetime.date(early.year, early.month, 1), datetime.date(early.year, early.month, days)
    else:
        first = last = early.date()
    return first if bound == "from" else last


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    date: datetime.date | None
    source: str | None
    score: float | None
    snippet: str  # HTML-escaped text whose only markup is <mark>
    countries: list[str]
    officials: list[str]
    topics: list[str]


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SearchResult:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]]  # keys FACET_FIELDS, most frequent first
    suggestion: str | None
    took_ms: float
    # With date bounds: the undated articles that match the query and facet filters,
    # all of which the bounds leave out; None when the request has no date bounds.
    undated_excluded: int | None = None
    # The search ran out of its time budget (budget.Limits): hits and counts are what it found in time.
    timed_out: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.request.per_page))


@dataclass(frozen=True)
class ArticleRecord:
    """One indexed article whole, for the article page and /api/articles/<id>."""

    id: str
    path: str
    title: str
    body: str
    date: datetime.date | None
    source: str | None
    url: str | None  # the original address, when the archive gave one
    countries: list[str]
    officials: list[str]
    topics: list[str]
    # facet ("country", "official", "topic") -> value -> [(start, end), ...] into .text
    evidence: dict[str, dict[str, list[tuple[int, int]]]]
    byline: str | None = None  # "By Choi Si-young (x@heraldcorp.com)", as the page printed it
    date_from: str | None = None  # where the reader found the date: "dateline", "front matter", ...

    @property
    def text(self) -> str:
        return f"{self.title}\n\n{self.body}"


class VocabularyCorrector(spelling.Corrector):
    """Suggests the archive's words nearest a misspelling, nearest and then commonest first."""

    def __init__(self, counts: dict[str, int], words: list[str]):
        self.counts, self.words = counts, words  # words: sorted, for Whoosh's list corrector

    def _suggestions(self, text, maxdist, prefix):
        for score, word in spelling.ListCorrector(self.words)._suggestions(text, maxdist, prefix):
            yield score - 0.5 / self.counts[word], word


def _cache_key(req: SearchRequest) -> tuple:
    """What makes two requests the same search: the filters' order and the implied sort do not count."""
    filters = tuple(sorted((name, tuple(sorted(values))) for name, values in req.filters.items()))
    return (req.q, filters, req.date_from, req.date_to, req.effective_sort, req.page, req.per_page)


def _to_date(value) -> datetime.date | None:
    return value.date() if isinstance(value, datetime.datetime) else None


class SearchService:
    """Searches one index folder, reusing one Whoosh searcher until the index changes.

    One instance serves a whole process; a lock serialises the use of the
    shared searcher, so threaded servers are safe.
    """

    def __init__(self, index_dir: Path, cache_size: int = 0, postings_cache_mb: int = POSTINGS_CACHE_MB):
        """cache_size: how many recent results to keep for repeated requests (0: none).

        postings_cache_mb: memory for the decoded postings of recently searched words (0: none).
        """
        self.index_dir = Path(index_dir)
        self.cache_size = cache_size
        self._lock = threading.RLock()
        self._searcher = None
        self._case_maps: dict[str, dict[str, str]] = {}  # facet field -> lowercased value -> value
        # Per-segment arrays (field lengths, dates, facet postings); segments never change, so
        # these survive reopening, and only new or merged segments are read again.
        self._segment_tables = postings.SegmentTables(postings_cache_mb << 20)
        self._doc_values: dict[str, object] = {}  # facet field (or "date") -> its table over global docnums
        self._facet_memo: dict[str, dict[str, list[FacetCount]]] = {}
        self._parsers: dict[str, MultifieldParser] = {}  # "syntax" and "plain", for the open searcher's schema
        self._vocabulary: tuple[tuple[int, int] | None, VocabularyCorrector] | None = None
        # normalised request -> SearchResult, least recently used first; emptied when the index changes
        self._results: OrderedDict[tuple, SearchResult] = OrderedDict()

    # -- the searcher ------------------------------------------------------

    def _current(self):
        """The up-to-date searcher, or None when there is no index; call with the lock held.

        A changed index gets a freshly opened searcher rather than searcher.refresh():
        Whoosh's refresh reuses the readers of segments it already has, with their
        old deletions, so updated and removed articles would still be found.
        """
        if self._searcher is not None:
            try:
                if self._searcher.up_to_date():
                    return self._searcher
            except Exception:  # the folder was removed or replaced under us
                pass
            self._drop()
        if not indexer.index_exists(self.index_dir):
            return None
        for attempt in range(OPEN_ATTEMPTS):
            try:
                self._searcher = indexer.open_index(self.index_dir).searcher()
                break
            except OSError:  # a commit removed a segment between our reading its TOC and opening it
                if attempt == OPEN_ATTEMPTS - 1:
                    raise
        self._case_maps, self._doc_values, self._facet_memo, self._parsers = {}, {}, {}, {}
        self._results.clear()
        self._segment_tables.keep_only(reader for reader, _ in self._searcher.reader().leaf_readers())
        return self._searcher

    def _searcher_or_raise(self):
        searcher = self._current()
        if searcher is None:
            raise IndexMissing()
        return searcher

    def _drop(self):
        if self._searcher is not None:
            try:
                self._searcher.close()
            except Exception:
                pass
        self._searcher = None

    def warm(self) -> bool:
        """Open the searcher and build the facet, date and spelling tables now, not on the first request.

        Returns False when there is no index yet.
        """
        with self._lock:
            searcher = self._current()
            if searcher is None:
                return False
            self._date_keys(searcher)
            self._search(searcher, SearchRequest(), time.perf_counter(), Budget())  # every facet table, landing counts
            for name in FACET_FIELDS:
                self._case_map(searcher, name)
            for name in ("title", "body"):
                self._vocabularies(searcher, name)
            self._corrector()
            return True

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _case_map(self, searcher, name: str) -> dict[str, str]:
        """Facet values by their lowercase form, so country:china finds "China"."""
        if name not in self._case_maps:
            self._case_maps[name] = {v.lower(): v for v in searcher.reader().field_terms(name)}
        return self._case_maps[name]

    def _facet_table(self, searcher, name: str) -> "FacetTable":
        """One facet's (document, value) pairs over the whole index, joined once per opened searcher."""
        if name not in self._doc_values:
            segments = [
                (self._segment_tables.get(reader, name, lambda r: postings.FacetPostings.read(r, name)), offset)
                for reader, offset in searcher.reader().leaf_readers()
            ]
            self._doc_values[name] = FacetTable.join(segments)
        return self._doc_values[name]

    def _facets(self, searcher, matched, req: SearchRequest) -> dict[str, list[FacetCount]]:
        """Every value of every facet over the whole match set, most frequent first (ties by name)."""
        everything = not (req.q or req.filters or req.date_from or req.date_to)
        if everything and "everything" in self._facet_memo:
            memo = self._facet_memo["everything"]  # the landing page's counts, until the index changes
            return {name: list(counts) for name, counts in memo.items()}
        in_match = np.zeros(searcher.reader().doc_count_all(), dtype=bool)
        in_match[matched] = True
        facets = {}
        for name in FACET_FIELDS:
            counts = self._facet_table(searcher, name).count(in_match)
            selected = {v.lower() for v in req.filters.get(name, ())}  # filters match in any case
            ranked = sorted(counts.items(), key=lambda vn: (-vn[1], vn[0]))
            facets[name] = [FacetCount(v, n, v.lower() in selected) for v, n in ranked]
        if everything:
            self._facet_memo["everything"] = facets
        return facets

    # -- queries ----------------------------------------------------------

    def _parser(self, searcher) -> MultifieldParser:
        """The query syntax parser, built once per opened searcher rather than per query."""
        if "syntax" not in self._parsers:
            fields = Schema(**{name: searcher.schema[name] for name in QUERY_FIELDS})
            parser = MultifieldParser(["title", "body"], schema=fields, group=AndGroup)
            parser.add_plugin(FuzzyTermPlugin())
            parser.add_plugin(GtLtPlugin())
            parser.add_plugin(DateParserPlugin(free=False))  # no basedate: relative dates read "now" per query
            # "talks -security" as search engines read it; only at a word's start, so
            # "Jong-un" and "COVID-19" stay words.
            parser.add_plugin(PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+(?=\S)", minusexpr=LEADING_MINUS.pattern))
            self._parsers["syntax"] = parser
        return self._parsers["syntax"]

    def _parse(self, searcher, q: str, budget: Budget | None = None):
        """The Whoosh query for q (every document when empty), its wildcard and fuzzy words chosen within budget.

        Text the query syntax cannot read (pasted markup, a stray bracket) is
        searched as its plain words; BadRequest when it has none, or asks for
        more than the budget's limits allow.
        """
        budget = budget or Budget()
        q = q.strip()
        if not q:
            return query.Every()
        if not PLAIN_WORD.search(q) and q.replace("*", "").strip():  # "~~", "<>": no words; "*" is everything
            raise BadRequest("bad_query", NO_WORDS_MESSAGE)
        refused = text_refusal(q, budget.limits)
        if refused:
            raise BadRequest(refused.code, refused.message)
        try:
            parsed = self._parser(searcher).parse(q)
            if parsed is query.NullQuery and LEADING_MINUS.search(q):
                # Only exclusions ("-seoul"): everything but them, as NOT already reads.
                parsed = self._parser(searcher).parse(LEADING_MINUS.sub("NOT ", q))
        except Exception:  # Whoosh's parser and plugins raise bare Exceptions and IndexErrors
            parsed = query.NullQuery
        if parsed is query.NullQuery:
            parsed = self._plain_words(searcher, q)

        def adapt(node):
            if type(node) is query.FuzzyTerm:
                # "word~9" would build an enormous automaton; short words take fewer edits (as
                # Elasticsearch's AUTO: "the~2" would match "a" and "to"); two edits keep the first
                # letter (Whoosh's own FuzzyTerm default), or they walk most of the vocabulary.
                edits = 0 if len(node.text) <= 2 else 1 if len(node.text) <= 5 else MAX_FUZZY_EDITS
                node.maxdist = min(node.maxdist, edits)
                node.prefixlength = min(max(node.prefixlength, 1 if node.maxdist > 1 else 0), len(node.text))
            if isinstance(node, query.Term) and node.fieldname in FACET_FIELDS:
                node.text = self._case_map(searcher, node.fieldname).get(node.text.lower(), node.text)
            return node

        return self._bounded(searcher, parsed.accept(adapt), budget)

    def _bounded(self, searcher, parsed, budget: Budget):
        """parsed within budget's limits (BadRequest when it asks for more), its multi-term words chosen."""
        refused = refusal(parsed, budget.limits)
        if refused:
            raise BadRequest(refused.code, refused.message)
        return expansion.choose_words(parsed, lambda fieldname: self._vocabularies(searcher, fieldname), budget)

    def _vocabularies(self, searcher, fieldname: str) -> list[expansion.Vocabulary]:
        """Each segment's words in fieldname, read once per segment: what wildcards and fuzzy terms expand over."""
        return [
            self._segment_tables.get(reader, f"vocabulary:{fieldname}", lambda r: expansion.Vocabulary.read(r, fieldname))
            for reader, _ in searcher.reader().leaf_readers()
        ]

    def _frequency(self, searcher, fieldname: str):
        """word -> how many documents hold it in fieldname, from the vocabularies in memory."""
        vocabularies = self._vocabularies(searcher, fieldname)
        return lambda word: sum(v.frequency(word) for v in vocabularies)

    def _plain_words(self, searcher, q: str):
        """q's words (letters and digits) AND-ed in title or body, no operators or fields read."""
        words = PLAIN_WORD.findall(q)
        parsed = self._plain_parser(searcher).parse(" ".join(words)) if words else query.NullQuery
        if parsed is query.NullQuery:
            raise BadRequest("bad_query", NO_WORDS_MESSAGE)
        return parsed

    def _plain_parser(self, searcher) -> MultifieldParser:
        """A parser that knows no syntax: each word is a word, even "AND" or "title:"."""
        if "plain" not in self._parsers:
            self._parsers["plain"] = MultifieldParser(["title", "body"], schema=searcher.schema, group=AndGroup, plugins=[])
        return self._parsers["plain"]

    def _filter(self, searcher, req: SearchRequest, dates: bool = True):
        """The facet filters (every value must match) and, when dates, the date bounds; None when there are none.

        year=undated is the exception: an article has one year, so "undated" joins
        the other year values with OR ("undated or 2021"), never to match nothing.
        """
        parts = []
        for name, values in req.filters.items():
            terms = [query.Term(name, self._case_map(searcher, name).get(v.lower(), v)) for v in values if v != UNDATED]
            if name == "year" and UNDATED in values:
                undated = query.Term("year", UNDATED)
                terms = [query.Or([undated, query.And(terms)]) if terms else undated]
            parts.extend(terms)
        if dates and (req.date_from or req.date_to):
            start = datetime.datetime.combine(req.date_from, datetime.time.min) if req.date_from else None
            end = datetime.datetime.combine(req.date_to, datetime.time.max) if req.date_to else None
            parts.append(query.DateRange("date", start, end))
        return query.And(parts) if parts else None

    # -- the service --------------------------------------------------------

    def search(self, req: SearchRequest, limits: Limits | None = None) -> SearchResult:
        """Run one search: hits of the requested page, facet counts over every match, a suggestion.

        limits (default Limits()) bound its time and work; one that runs out of time is
        marked timed_out and not cached. Raises BadRequest for a query with no words to
        search or over the limits, IndexMissing before the first reindex.
        """
        started = time.perf_counter()
        limits = limits or Limits()
        with self._lock:
            searcher = self._searcher_or_raise()
            key = (*_cache_key(req), limits)
            cached = self._results.get(key) if self.cache_size > 0 else None
            if cached is not None:
                self._results.move_to_end(key)
                return dataclasses.replace(cached, request=req, took_ms=_ms(started))
            result = self._search(searcher, req, started, Budget(limits))
            if self.cache_size > 0 and not result.timed_out:  # another try may finish
                self._results[key] = result
                while len(self._results) > self.cache_size:
                    self._results.popitem(last=False)
            return result

    def _search(self, searcher, req: SearchRequest, started: float, budget: Budget) -> SearchResult:
        """search() without the result cache; call with the lock held."""
        q = self._parse(searcher, req.q, budget)
        filt = self._filter(searcher, req)
        offset = (req.page - 1) * req.per_page
        wanted = offset + req.per_page
        try:
            matched, ranked = self._ranked(searcher, q, filt, req.effective_sort, wanted, budget)
        except query.QueryError:  # the syntax read, but Whoosh cannot run it: search the words
            q = self._bounded(searcher, self._plain_words(searcher, req.q), budget)
            matched, ranked = self._ranked(searcher, q, filt, req.effective_sort, wanted, budget)
        terms = self._terms(searcher, q) if req.q else frozenset()
        page = ranked[offset:wanted]
        rarity = self._frequency(searcher, "body")
        spans = self._match_spans(searcher, [d for d, _ in page], terms, budget, rarity)
        hits = [self._hit(searcher.stored_fields(d), score, spans.get(d)) for d, score in page]
        facets = self._facets(searcher, matched, req)
        suggestion = self._suggestion(searcher, q, req, filt, len(matched), budget) if req.q else None
        undated_excluded = self._undated_excluded(searcher, q, req, budget)
        return SearchResult(
            req, len(matched), hits, facets, suggestion, _ms(started), undated_excluded, budget.timed_out
        )

    def _undated_excluded(self, searcher, q, req: SearchRequest, budget: Budget) -> int | None:
        """How many undated articles match q and the facet filters: date bounds leave out every one of them.

        None without date bounds, so "no date filter" differs from "a filter that left none out".
        """
        if not (req.date_from or req.date_to):
            return None
        facets = self._filter(searcher, req, dates=False)
        undated = query.Term("year", UNDATED)
        filt = query.And([facets, undated]) if facets is not None else undated
        found = matching.match(searcher, query.And([q, query.ConstantScoreQuery(filt, 0.0)]), False,
                               self._segment_tables, self._segment_date_keys, budget)
        return len(found.ids)

    def _ranked(self, searcher, q, filt, sort: str, wanted: int, budget: Budget):
        """(the match set as global docnums, the first `wanted` [(docnum, score or None)] in the requested order).

        Ties keep document order, as Whoosh's collector does.
        """
        if filt is not None:
            # Filters join the query with no score of their own.
            q = query.And([q, query.ConstantScoreQuery(filt, 0.0)])
        scored = sort == "relevance"
        found = matching.match(searcher, q, scored, self._segment_tables, self._segment_date_keys, budget)
        if scored:
            order = _first_in_order(-found.scores, wanted)
            return found.ids, [(int(found.ids[i]), float(found.scores[i])) for i in order]
        keys = self._date_keys(searcher)[found.ids]
        if sort == "newest":
            order = _first_in_order(-keys, wanted)
        else:
            order = _first_in_order(np.where(keys == 0, np.iinfo(np.int64).max, keys), wanted)
        return found.ids, [(int(found.ids[i]), None) for i in order]

    def _segment_date_keys(self, reader) -> np.ndarray:
        """One segment's dates as sortable numbers, 0 for an undated article."""
        return self._segment_tables.get(reader, "date", postings.date_keys)

    def _date_keys(self, searcher) -> np.ndarray:
        """Each document's date as a sortable number, 0 when it has none; by global document number."""
        if "date" not in self._doc_values:
            segments = [self._segment_date_keys(reader) for reader, _ in searcher.reader().leaf_readers()]
            self._doc_values["date"] = np.concatenate(segments) if segments else np.zeros(0, dtype=np.int64)
        return self._doc_values["date"]

    @staticmethod
    def _terms(searcher, q, fields=("body",)) -> frozenset[str]:
        """The indexed words q looks for in fields, wildcards and fuzzy terms expanded: what gets marked.

        (Query.existing_terms would do, but its loop variable overwrites its
        fieldname argument, so it skips every field after the first.)
        """
        reader = searcher.reader()
        return frozenset(
            text.decode("utf-8") if isinstance(text, bytes) else text
            for leaf in q.leaves()
            if leaf.field() in fields
            for _, text in leaf.expanded_terms(reader, phrases=True)
        )

    @staticmethod
    def _match_spans(searcher, docnums: list[int], terms: frozenset[str], budget: Budget, rarity):
        """docnum -> [(start, end, term)] of terms in its body, read from the postings; {} if the index has none.

        Rarest terms first (rarity: word -> document frequency), within SNIPPET_BLOCKS
        posting blocks: ten common words would otherwise decode a block per hit each.
        Once the budget has run out, the terms not yet read are left unmarked.
        """
        if not terms or not docnums or not searcher.schema["body"].supports("characters"):
            return {}
        spans: dict[int, list[tuple[int, int, str]]] = {d: [] for d in docnums}
        allowance = postings.BlockAllowance(SNIPPET_BLOCKS, stop=budget.expired)
        for term in sorted(terms, key=lambda t: (rarity(t), t)):
            if budget.expired() or allowance.left <= 0:
                break
            found = postings.term_spans(searcher, "body", term.encode("utf-8"), docnums, allowance)
            for docnum, places in found.items():
                spans[docnum].extend((start, end, term) for start, end in places)
        return spans

    @staticmethod
    def _hit(fields: dict, score: float | None, spans=None) -> Hit:
        """A hit from stored fields; the snippet is the fragments around spans, or the opening lines.

        spans, the matched words' offsets from the postings, spare analysing the body again.
        """
        record = fields.get("record", {})
        body = fields.get("body", "")
        snippet = " ".join(pinpoint_snippet(body, spans).split()) if spans else ""  # one line; <mark> has no spaces
        return Hit(
            id=fields["id"],
            title=fields.get("title", ""),
            date=_to_date(fields.get("date")),
            source=record.get("source"),
            score=round(score, 3) if score is not None else None,
            snippet=snippet or opening(body),
            countries=list(record.get("countries", [])),
            officials=list(record.get("officials", [])),
            topics=list(record.get("topics", [])),
        )

    def _suggestion(self, searcher, q, req: SearchRequest, filt, total: int, budget: Budget) -> str | None:
        """A respelled query when this one finds little and the respelling finds more.

        Each unknown word costs a walk over the vocabulary, so a query with many of
        them, or one out of time, gets none.
        """
        if total >= SUGGEST_BELOW or budget.expired():
            return None
        reader = searcher.reader()
        unknown = [
            ("body", text)
            for fieldname, text in q.iter_all_terms()
            if fieldname == "body" and isinstance(text, str) and (fieldname, text) not in reader
        ]
        if not unknown or len(unknown) > SUGGEST_AT_MOST:
            return None
        try:
            correctors = {"body": self._corrector()}
            correction = searcher.correct_query(q, req.q, correctors=correctors, terms=unknown, prefix=1)
            if not correction.string or correction.string == req.q:
                return None
            better = self._parse(searcher, correction.string, budget)
            found = matching.match(searcher, query.And([better, filt]) if filt else better, False,
                                   self._segment_tables, self._segment_date_keys, budget)
            finds_more = len(found.ids) > total
        except Exception:  # a suggestion is a nicety: Whoosh's corrector must never break a search
            return None
        return correction.string if finds_more else None

    def _corrector(self) -> VocabularyCorrector:
        """The vocabulary side file as a corrector, read again when a reindex has rewritten it."""
        path = self.index_dir / indexer.VOCABULARY_FILE
        try:
            stat = path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        if self._vocabulary is None or self._vocabulary[0] != stamp:
            counts = {w: n for w, n in indexer.read_json(path).items() if isinstance(n, int) and n > 0}
            self._vocabulary = (stamp, VocabularyCorrector(counts, sorted(counts)))
        return self._vocabulary[1]

    def article(self, id: str) -> ArticleRecord | None:
        """One indexed article whole, or None when the index has no such id."""
        with self._lock:
            fields = self._searcher_or_raise().document(id=id)
        if fields is None:
            return None
        record = fields.get("record", {})
        evidence = {
            name: {value: [tuple(span) for span in spans] for value, spans in values.items()}
            for name, values in record.get("evidence", {}).items()
        }
        return ArticleRecord(
            id=fields["id"],
            path=fields["path"],
            title=fields.get("title", ""),
            body=fields.get("body", ""),
            date=_to_date(fields.get("date")),
            source=record.get("source"),
            url=record.get("url"),
            countries=list(record.get("countries", [])),
            officials=list(record.get("officials", [])),
            topics=list(record.get("topics", [])),
            evidence=evidence,
            byline=record.get("byline"),
            date_from=fields.get("date_from") if fields.get("date") else None,
        )

    def more_like_this(self, id: str, limit: int = 5) -> list[Hit]:
        """Articles whose words are most like this one's (Whoosh's key-term query), best first."""
        with self._lock:
            searcher = self._searcher_or_raise()
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
            searcher = self._current()
            if searcher is None or not q.strip():
                return []
            try:
                parsed = self._parse(searcher, q.strip(), Budget(limits))
            except BadRequest:
                return []
            return sorted(self._terms(searcher, parsed, ("title", "body")))

    def highlight_text(self, text: str, q: str) -> str:
        """The whole text HTML-escaped, with <mark> around the words q matches: for the article page."""
        out, pos = [], 0
        for start, end in self.highlight_spans(text, q):
            out += [html.escape(text[pos:start], quote=False), f"<mark>{html.escape(text[start:end], quote=False)}</mark>"]
            pos = end
        out.append(html.escape(text[pos:], quote=False))
        return "".join(out)

    def highlight_spans(self, text: str, q: str) -> list[tuple[int, int]]:
        """(start, end) of each word of text that q matches, in order."""
        terms = frozenset(self.highlight_terms(q))
        return _term_spans(text, terms) if terms else []


def _term_spans(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    """Where the words whose indexed form is one of terms are: the words Whoosh's highlighter marks.

    Each distinct word goes through the analyzer once (its filters look at one word at a time);
    Whoosh's highlighter ran every word of the text through it, seconds for a long article.
    """
    analyzer = indexer.analyzer()
    matches: dict[str, bool] = {}
    spans = []
    for m in analyzer[0].expression.finditer(text):  # the analyzer's own tokenizer pattern
        word = m.group()
        if word not in matches:
            matches[word] = any(t.text in terms for t in analyzer(word, mode="query", removestops=False))
        if matches[word]:
            spans.append(m.span())
    return spans


def _first_in_order(keys: np.ndarray, wanted: int) -> np.ndarray:
    """Positions of the `wanted` smallest keys, smallest first, ties in position order; the rest are not sorted."""
    if wanted < len(keys):
        cut = np.partition(keys, wanted - 1)[wanted - 1]
        candidates = np.flatnonzero(keys <= cut)  # ties at the cut all come along, in order
    else:
        candidates = np.arange(len(keys))
    return candidates[np.argsort(keys[candidates], kind="stable")][:wanted]


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


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
