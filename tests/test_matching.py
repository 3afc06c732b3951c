"""Array matching gives Whoosh's own answer: the same documents and the same BM25F scores.

The index holds the seed archive, the small archive and a synthetic one, and
an incremental reindex then adds, changes and removes files, so queries cross
several segments and skip deleted documents.
"""

import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
from whoosh import query

from searchapp import matching
from searchapp.indexer import reindex
from searchapp.search import SearchRequest, SearchService

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import make_archive  # noqa: E402

DATA = Path(__file__).parent / "data"
NAMES = make_archive.Names(
    countries=("United States", "China", "Japan", "South Korea", "North Korea", "Vietnam"),
    officials=(("Wang Yi", "Foreign Minister"), ("Antony Blinken", "Secretary of State"), ("Kim Jong Un", "leader")),
    topics=(("sanctions", ("sanctions", "export controls")), ("maritime", ("South China Sea", "freedom of navigation"))),
)

QUERIES = [
    "ministry", "said", "wang", "kerry talks", "nuclear sanctions", "south korea china", "minister -security",
    "kerry NOT wang", "NOT ministry", "(nuclear OR sanctions) china", "sanctions OR embargo", "Beijing AND Seoul",
    '"foreign minister"', '"south china sea"', '"security talks"~3', '"said the"', "denuclear*", "minist*", "sanct* talks",
    "pyongyng~", "missle~2", "*", "title:summit", "title:talks body:sea", 'country:"South Korea" talks', "topic:nuclear",
    'official:"Wang Yi"', "source:Reuters", "date:[2015 to 2018]", "date:2021",
    "date:2024-04-26", "date:[2024-04-26 to 2024-05-01]", "year:2024 said", "nosuchwordanywhere",
]


@pytest.fixture(scope="module")
def index(tmp_path_factory, knowledge):
    """An index of three archives in several segments, some documents deleted."""
    root = tmp_path_factory.mktemp("matching")
    articles, index_dir = root / "articles", root / "index"
    shutil.copytree(DATA / "seed", articles / "seed")
    shutil.copytree(DATA / "index" / "small", articles / "small")
    make_archive.make_archive(160, articles / "synthetic", seed=3, names=NAMES)
    reindex(articles, index_dir, knowledge)
    synthetic = sorted((articles / "synthetic").rglob("*.txt"))
    for path in synthetic[:12]:
        path.unlink()
    for path in synthetic[12:20]:
        path.write_text(path.read_text(encoding="utf-8") + "\nThe ministry said the talks on sanctions would go on.\n", encoding="utf-8")
    make_archive.make_archive(180, articles / "more", seed=4, names=NAMES)
    reindex(articles, index_dir, knowledge)
    service = SearchService(index_dir)
    yield service
    service.close()


@pytest.fixture
def scored_trees(monkeypatch):
    """Whoosh preloads ORs of many terms in indexes under 5,000 documents and then drops their scores;
    larger indexes, which array matching follows, score them as a tree."""
    monkeypatch.setattr(query.Or, "matcher_type", query.Or.DEFAULT_MATCHER)


def whoosh_and_arrays(service, q: str, **filters):
    request = SearchRequest(q=q, filters={k: (v,) for k, v in filters.items()})
    searcher = service._searcher_or_raise()
    parsed = service._parse(searcher, request.q)
    filt = service._filter(searcher, request)
    if filt is not None:
        parsed = query.And([parsed, filt])
    whoosh = searcher.search(parsed, limit=None)
    arrays = matching.match(searcher, parsed, True, matching.SegmentTables(), service._segment_date_keys)
    return searcher, whoosh, arrays


def test_the_index_has_several_segments_and_deletions(index):
    readers = [r for r, _ in index._searcher_or_raise().reader().leaf_readers()]
    assert len(readers) >= 2
    assert any(r.has_deletions() for r in readers)


@pytest.mark.parametrize("q", QUERIES)
def test_the_same_documents_and_scores_as_whoosh(index, scored_trees, q):
    _, whoosh, arrays = whoosh_and_arrays(index, q)
    assert arrays.ids.tolist() == sorted(whoosh.docs())
    by_doc = {docnum: score for score, docnum in whoosh.top_n}
    assert arrays.scores == pytest.approx([by_doc[d] for d in arrays.ids.tolist()], rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("q, filters", [
    ("said", {"country": "China"}),
    ("talks", {"topic": "sanctions", "year": "2021"}),
    ('"foreign minister"', {"official": "Wang Yi"}),
    ("", {"country": "Japan"}),
])
def test_filters_keep_the_same_documents(index, scored_trees, q, filters):
    _, whoosh, arrays = whoosh_and_arrays(index, q, **filters)
    assert arrays.ids.tolist() == sorted(whoosh.docs())


def test_every_query_word_was_found_somewhere(index):
    """The comparisons above mean something only if most queries match documents."""
    found = [q for q in QUERIES if len(whoosh_and_arrays(index, q)[2].ids)]
    assert len(found) >= len(QUERIES) - 4


def test_block_reading_equals_whoosh_postings(index):
    """Documents, weights and the positions of any chosen documents, as Whoosh's own reader gives them."""
    searcher = index._searcher_or_raise()
    for reader, _ in searcher.reader().leaf_readers():
        for term in (b"said", b"ministri", b"talk", b"wang"):
            if ("body", term) not in reader:
                continue
            postings = matching.term_postings(reader, "body", term)
            raw = reader._terms.matcher("body", term, reader.schema["body"].format)
            ids, weights, values = [], [], []
            while raw.is_active():
                ids.append(raw.id())
                weights.append(raw.weight())
                values.append(raw.value())
                raw.next()
            assert postings.ids.tolist() == ids
            assert postings.weights.tolist() == weights
            some = postings.ids[::7]
            assert matching.term_values(reader, "body", term, some) == values[::7]


def test_relevance_order_is_whoosh_order(index, scored_trees):
    for q in ("said", "ministry talks", '"foreign minister"', "minist*"):
        searcher, whoosh, _ = whoosh_and_arrays(index, q)
        result = index.search(SearchRequest(q=q, per_page=100))
        expected = [searcher.stored_fields(d)["id"] for _, d in whoosh.top_n[:100]]
        assert [h.id for h in result.hits] == expected


def test_date_sorts_put_undated_articles_last(index):
    newest = index.search(SearchRequest(sort="newest", per_page=100, page=1))
    oldest = index.search(SearchRequest(sort="oldest", per_page=100, page=1))
    dates = [h.date for h in newest.hits]
    assert [d for d in dates if d] == sorted([d for d in dates if d], reverse=True)
    old = [h.date for h in oldest.hits]
    assert [d for d in old if d] == sorted(d for d in old if d)
    last = index.search(SearchRequest(sort="oldest", per_page=100, page=newest.pages))
    assert last.hits[-1].date is None


def test_first_in_order_keeps_ties_in_document_order():
    from searchapp.search import _first_in_order

    keys = np.array([3.0, 1.0, 2.0, 1.0, 1.0, 5.0])
    assert _first_in_order(keys, 2).tolist() == [1, 3]
    assert _first_in_order(keys, 4).tolist() == [1, 3, 4, 2]
    assert _first_in_order(keys, 10).tolist() == [1, 3, 4, 2, 0, 5]


def test_cached_postings_give_the_same_answers_within_their_bound(index):
    searcher = index._searcher_or_raise()
    parsed = [index._parse(searcher, q) for q in QUERIES]
    uncached = [matching.match(searcher, p, True, matching.SegmentTables(0), index._segment_date_keys) for p in parsed]
    tables = matching.SegmentTables(postings_bytes=64 << 10)
    for _ in range(2):  # the second round reads from the cache
        for p, expected in zip(parsed, uncached):
            found = matching.match(searcher, p, True, tables, index._segment_date_keys)
            assert found.ids.tolist() == expected.ids.tolist()
            assert found.scores.tolist() == expected.scores.tolist()
    held = sum(p.ids.nbytes + p.weights.nbytes for p in tables._postings.values())
    assert 0 < held == tables._postings_held <= 64 << 10
