"""tantivy (tantivy-py, Rust) as the near-limit peer: the same documents, queries and answer as our engine.

What a compiled engine does with the same work: title and body stemmed (English) with accents
folded, title weighted 2 as in our schema; the facets as untokenized fast fields, filtered by
term and counted over the whole match set with a terms aggregation; 10 snippets from tantivy's
SnippetGenerator; the total. What it does not do that ours does: the spelling suggestion, the
histogram by month, each facet value's evidence spans and the officials' roles on the article's
date, the any-of/none-of filter modes, the search budget (timed_out), the "undated" year, the
facet counts that leave out the facet's own selection, and incremental reindexing by file state.
"""

from __future__ import annotations

import html
import itertools
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import tantivy

from peer_reading import Waits, documents, facet_values, year_of
from queries import Query

FACETS = ("country", "official", "topic", "source", "year")
TEXT_FIELDS = ("title", "body")
TITLE_BOOST = 2.0
ANALYZER = "news"  # registered on every Index opened here: a custom analyzer lives only in the process
HEAP_BYTES = 256_000_000
SNIPPET_CHARS = 160
FACET_SIZE = 10_000  # values counted per facet: all of them, as ours and FTS5 do


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    for name in TEXT_FIELDS:
        builder.add_text_field(name, stored=True, tokenizer_name=ANALYZER, index_option="position")
    builder.add_integer_field("day", fast=True, indexed=False)  # days since 1 Jan 1 AD; 0 undated: newest first
    for name in FACETS:
        builder.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


def _analyzer() -> tantivy.TextAnalyzer:
    """Lowercased, accents folded, English stemming: as close to our analyzer as tantivy's filters come."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def open_index(index_dir: Path, create: bool = False) -> tantivy.Index:
    if create:
        shutil.rmtree(index_dir, ignore_errors=True)
        index_dir.mkdir(parents=True)
    index = tantivy.Index(schema(), path=str(index_dir), reuse=not create)
    index.register_tokenizer(ANALYZER, _analyzer())
    return index


@dataclass
class BuildReport:
    articles: int = 0
    skipped: int = 0
    read_extract_s: float = 0.0  # waiting for documents (our reading and extraction, shared)
    engine_s: float = 0.0  # add_document, commit and the final merge wait


def build(root: Path, index_dir: Path, knowledge, boilerplate: frozenset[str] | None = None,
          threads: int = 1) -> BuildReport:
    """Index our build's documents (peer_reading.py) into a new tantivy index at index_dir.

    One indexing thread: the other core reads and extracts, as in our build and FTS5's.
    """
    waits = Waits()
    docs = documents(root, knowledge, waits, boilerplate, index_dir)
    first = next(docs, None)  # the reading workers fork now, before the writer starts its threads
    report = index_documents(itertools.chain([first] if first else [], docs), index_dir, threads)
    report.skipped, report.read_extract_s = waits.skipped, waits.read_extract_s
    return report


def index_documents(docs, index_dir: Path, threads: int = 1) -> BuildReport:
    """Index the documents into a new tantivy index at index_dir, timing the engine's calls."""
    report = BuildReport()
    index = open_index(index_dir, create=True)
    writer = index.writer(HEAP_BYTES, threads)
    for doc in docs:
        t = time.perf_counter()
        writer.add_document(_tantivy_document(doc))
        report.engine_s += time.perf_counter() - t
        report.articles += 1
    t = time.perf_counter()
    writer.commit()
    writer.wait_merging_threads()
    report.engine_s += time.perf_counter() - t
    return report


def _tantivy_document(doc: dict) -> tantivy.Document:
    d = tantivy.Document()
    d.add_text("id", doc["id"])
    d.add_text("title", doc["title"] or "")
    d.add_text("body", doc["body"] or "")
    d.add_integer("day", doc["date"].toordinal() if doc.get("date") else 0)
    for name in ("country", "official", "topic"):
        for value in facet_values(doc, name):
            d.add_text(name, value)
    if doc.get("source"):
        d.add_text("source", doc["source"])
    year = year_of(doc)
    if year:
        d.add_text("year", year)
    return d


# ---------------------------------------------------------------- queries


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", " ").replace('"', " ") + '"'


def to_query(index: tantivy.Index, query: Query) -> tuple[tantivy.Query, bool]:
    """(the tantivy query, whether it has text to rank and highlight): every part must match."""
    boosts = {"title": TITLE_BOOST, "body": 1.0}
    must = []
    for word in query.words:
        must.append(index.parse_query(_quoted(word), list(TEXT_FIELDS), field_boosts=boosts))
    if query.phrase:
        must.append(index.parse_query(_quoted(" ".join(query.phrase)), list(TEXT_FIELDS), field_boosts=boosts))
    has_text = bool(must)
    constraints = [(name, value) for name, values in query.filters.items() for value in values]
    if query.field:
        name, value = query.field
        if name in TEXT_FIELDS:
            must.append(index.parse_query(_quoted(value), [name]))
            has_text = True
        else:
            constraints.append((name, value))
    schema_ = index.schema
    for name, value in constraints:
        must.append(tantivy.Query.term_query(schema_, name, value))
    if not must:
        return tantivy.Query.all_query(), False
    if len(must) == 1:
        return must[0], has_text
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in must]), has_text


@dataclass
class FullResult:
    total: int
    hits: list[tuple[str, str, str]]  # (id, title, snippet)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def _snippet_html(snippet: tantivy.Snippet) -> str:
    """The fragment HTML-escaped, its matches in <mark> (tantivy's to_html uses <b>)."""
    text, out, at = snippet.fragment(), [], 0
    for r in snippet.highlighted():
        start, end = r.start, r.end
        out += [html.escape(text[at:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


class Peer:
    """An opened tantivy index answering the benchmark's requests."""

    def __init__(self, index_dir: Path):
        self.index = open_index(index_dir)
        self.index.reload()
        self.searcher = self.index.searcher()
        self.aggregation = {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in FACETS}

    def hits(self, query: Query, limit: int = 10) -> list[str]:
        """(a) The top ids by BM25, nothing else."""
        q, has_text = to_query(self.index, query)
        found = self._top(q, has_text, limit, count=False)
        return [self.searcher.doc(address)["id"][0] for _, address in found.hits]

    def _top(self, q, has_text: bool, limit: int, count: bool):
        if has_text:
            return self.searcher.search(q, limit, count=count)
        return self.searcher.search(q, limit, count=count, order_by_field="day", order=tantivy.Order.Desc)

    def full(self, query: Query, limit: int = 10) -> FullResult:
        """(b) The real request: total, top hits with snippets, every facet's counts over the match set."""
        q, has_text = to_query(self.index, query)
        found = self._top(q, has_text, limit, count=True)
        generator = None
        if has_text and found.hits:
            generator = tantivy.SnippetGenerator.create(self.searcher, q, self.index.schema, "body")
            generator.set_max_num_chars(SNIPPET_CHARS)
        hits = []
        for _, address in found.hits:
            doc = self.searcher.doc(address)
            if generator is not None:
                snippet = _snippet_html(generator.snippet_from_doc(doc))
            else:
                snippet = html.escape(doc["body"][0][:200])
            hits.append((doc["id"][0], doc["title"][0], snippet))
        facets = {}
        if found.count:
            counted = self.searcher.aggregate(q, self.aggregation)
            for name in FACETS:
                buckets = counted.get(name, {}).get("buckets", [])
                facets[name] = sorted(((b["key"], b["doc_count"]) for b in buckets), key=lambda vn: (-vn[1], vn[0]))
        return FullResult(found.count, hits, facets)
