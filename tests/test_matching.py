"""Array matching gives Whoosh's own answer: the same documents and the same BM25F scores.

The index (conftest's segmented_index) holds three archives in several
segments with deleted documents, so queries cross segments and skip deletions.
"""

import numpy as np
import pytest
from whoosh import query
from whoosh.codec.base import Automata

from searchapp.engine import matching
from searchapp.internals.segment_tables import SegmentTables
from searchapp.engine.budget import Budget, Limits
from searchapp.engine import SearchRequest, queries
from searchapp.engine.service import first_in_order
from searchapp.internals.readers import expanded_words

QUERIES = [
    "ministry", "said", "wang", "kerry talks", "nuclear sanctions", "south korea china", "minister -security",
    "kerry NOT wang", "NOT ministry", "(nuclear OR sanctions) china", "sanctions OR embargo", "Beijing AND Seoul",
    '"foreign minister"', '"south china sea"', '"security talks"~3', '"said the"', "denuclear*", "minist*", "sanct* talks",
    "pyongyng~", "missle~2", "*", "title:summit", "title:talks body:sea", 'country:"South Korea" talks', "topic:nuclear",
    'official:"Wang Yi"', "source:Reuters", "date:[2015 to 2018]", "date:2021",
    "date:2024-04-26", "date:[2024-04-26 to 2024-05-01]", "year:2024 said", "nosuchwordanywhere",
    # Expansions chosen from the vocabularies (expansion.py), phrases with slop, exclusions of expansions:
    "*ister*", "*a* OR *e*", "?alk*", "title:[a TO d]", "minist~2", '"minister said"~6', '"the talks"~12',
    "said -minist*", "s* t*",
    # Adjacent phrases found through word pairs (schema.WordPairs), in both fields, beside other parts:
    '"said it"', '"the ministry said"', '"the talks on sanctions would go on"', 'title:"south china"',
    '"talks on" minister', '"said the" -"the talks"', '"south china sea" OR "foreign minister said"',
]


@pytest.fixture
def scored_trees(monkeypatch):
    """Whoosh preloads ORs of many terms in indexes under 5,000 documents and then drops their scores;
    larger indexes, which array matching follows, score them as a tree."""
    monkeypatch.setattr(query.Or, "matcher_type", query.Or.DEFAULT_MATCHER)


def whoosh_and_arrays(service, q: str, **filters):
    request = SearchRequest(q=q, filters={k: (v,) for k, v in filters.items()})
    opened = service.opened()
    searcher = opened.searcher
    parsed = queries.parse(opened, request.q)
    filt = queries.filter_query(opened, request)
    if filt is not None:
        parsed = query.And([parsed, filt])
    whoosh = searcher.search(parsed, limit=None)
    arrays = matching.match(searcher, parsed, True, SegmentTables(), opened.segment_date_keys)
    return searcher, whoosh, arrays


def test_the_index_has_several_segments_and_deletions(segmented_index):
    readers = segmented_index.opened().leaf_readers()
    assert len(readers) >= 2
    assert any(r.has_deletions() for r in readers)


@pytest.mark.parametrize("q", QUERIES)
def test_the_same_documents_and_scores_as_whoosh(segmented_index, scored_trees, q):
    _, whoosh, arrays = whoosh_and_arrays(segmented_index, q)
    assert arrays.ids.tolist() == sorted(whoosh.docs())
    by_doc = {docnum: score for score, docnum in whoosh.top_n}
    assert arrays.scores == pytest.approx([by_doc[d] for d in arrays.ids.tolist()], rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("q, filters", [
    ("said", {"country": "China"}),
    ("talks", {"topic": "sanctions", "year": "2021"}),
    ('"foreign minister"', {"official": "Wang Yi"}),
    ("", {"country": "Japan"}),
])
def test_filters_keep_the_same_documents(segmented_index, scored_trees, q, filters):
    _, whoosh, arrays = whoosh_and_arrays(segmented_index, q, **filters)
    assert arrays.ids.tolist() == sorted(whoosh.docs())


def test_every_query_word_was_found_somewhere(segmented_index):
    """The comparisons above mean something only if most queries match documents."""
    found = [q for q in QUERIES if len(whoosh_and_arrays(segmented_index, q)[2].ids)]
    assert len(found) >= len(QUERIES) - 4


def test_relevance_order_is_whoosh_order(segmented_index, scored_trees):
    for q in ("said", "ministry talks", '"foreign minister"', "minist*"):
        searcher, whoosh, _ = whoosh_and_arrays(segmented_index, q)
        result = segmented_index.search(SearchRequest(q=q, per_page=100))
        expected = [searcher.stored_fields(d)["id"] for _, d in whoosh.top_n[:100]]
        assert [h.id for h in result.hits] == expected
        assert segmented_index.ranked_ids(SearchRequest(q=q), 100) == expected


def test_date_sorts_put_undated_articles_last(segmented_index):
    newest = segmented_index.search(SearchRequest(sort="newest", per_page=100, page=1))
    oldest = segmented_index.search(SearchRequest(sort="oldest", per_page=100, page=1))
    dates = [h.date for h in newest.hits]
    assert [d for d in dates if d] == sorted([d for d in dates if d], reverse=True)
    old = [h.date for h in oldest.hits]
    assert [d for d in old if d] == sorted(d for d in old if d)
    last = segmented_index.search(SearchRequest(sort="oldest", per_page=100, page=newest.pages))
    assert last.hits[-1].date is None


def test_first_in_order_keeps_ties_in_document_order():
    keys = np.array([3.0, 1.0, 2.0, 1.0, 1.0, 5.0])
    assert first_in_order(keys, 2).tolist() == [1, 3]
    assert first_in_order(keys, 4).tolist() == [1, 3, 4, 2]
    assert first_in_order(keys, 10).tolist() == [1, 3, 4, 2, 0, 5]


@pytest.mark.parametrize("q", ["minist*", "sanct*", "*ister*", "?alk*", "s*", "pyongyng~", "missle~2", "title:[a TO d]"])
def test_expansions_under_the_cap_are_whooshs_own(segmented_index, q):
    """Below the cap, the words chosen from the vocabularies are those Whoosh's own query classes read from disk."""
    opened = segmented_index.opened()
    reader = opened.reader
    chosen = queries.parse(opened, q, Budget(Limits(max_expansions=10**6)))
    plain = queries.syntax_parser(opened).parse(q)
    for mine, theirs in zip(chosen.leaves(), plain.leaves()):
        if type(theirs) is query.FuzzyTerm:  # the field's own (stemmed) words, as the search has always read them
            theirs = query.FuzzyTerm(theirs.fieldname, theirs.text, maxdist=mine.maxdist, prefixlength=mine.prefixlength)
            expected = {w for r, _ in reader.leaf_readers()
                        for w in Automata().terms_within(r.cursor(theirs.fieldname), theirs.text, theirs.maxdist,
                                                         theirs.prefixlength)}
        else:
            expected = {w.decode() for w in expanded_words(theirs, reader)}
        assert {w.decode() for w in expanded_words(mine, reader)} == expected


def test_an_expansion_over_the_cap_keeps_the_most_frequent_words_across_segments(segmented_index):
    opened = segmented_index.opened()
    reader = opened.reader
    every = expanded_words(query.Prefix("body", "s"), reader)
    expected = sorted(every, key=lambda w: (-reader.doc_frequency("body", w), w))[:5]
    (body,) = [leaf for leaf in queries.parse(opened, "s*", Budget(Limits(max_expansions=5))).leaves()
               if leaf.field() == "body"]
    assert expanded_words(body, reader) == expected


def test_keys_of_cuts_out_each_documents_positions():
    rng = np.random.default_rng(7)
    for _ in range(200):
        keys = np.unique(rng.integers(0, 50, 200) << 32 | rng.integers(0, 30, 200))
        docs = np.unique(rng.integers(0, 60, rng.integers(0, 40)))
        expected = [k for k in keys.tolist() if (k >> 32) in set(docs.tolist())]
        assert matching._keys_of(keys, docs).tolist() == expected
