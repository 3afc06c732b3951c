"""Posting lists read a block at a time give what Whoosh's own reader gives, and the cache keeps its bound."""

from pathlib import Path

import numpy as np
import pytest

from searchapp.engine import matching, queries
from searchapp.internals import postings
from searchapp.internals.segment_tables import KEEP_POSITIONS, SegmentTables
from test_matching import QUERIES


def test_block_reading_equals_whoosh_postings(segmented_index):
    """Documents, weights and the positions of any chosen documents, as Whoosh's own reader gives them."""
    for reader in segmented_index.opened().leaf_readers():
        for term in (b"said", b"ministri", b"talk", b"wang"):
            if ("body", term) not in reader:
                continue
            found = postings.term_postings(reader, "body", term)
            # Whoosh's own posting reader, deleted documents included as in term_postings
            ids, weights, values = postings.read_matcher(reader._terms.matcher("body", term, reader.schema["body"].format))
            assert found.ids.tolist() == ids
            assert found.weights.tolist() == weights
            some = found.ids[::7]
            held, some_values = postings.term_values(reader, "body", term, some)
            assert held.tolist() == some.tolist() and some_values == values[::7]
            everything = np.arange(reader.doc_count_all())  # most of which do not hold the term
            held, all_values = postings.term_values(reader, "body", term, everything)
            assert held.tolist() == ids and all_values == values


def test_cached_postings_give_the_same_answers_within_their_bound(segmented_index):
    opened = segmented_index.opened()
    searcher, date_keys = opened.searcher, opened.segment_date_keys
    parsed = [queries.parse(opened, q) for q in QUERIES]
    uncached = [matching.match(searcher, p, True, SegmentTables(0), date_keys) for p in parsed]
    tables = SegmentTables(postings_bytes=64 << 10)
    for _ in range(2):  # the second round reads from the cache
        for p, expected in zip(parsed, uncached):
            found = matching.match(searcher, p, True, tables, date_keys)
            assert found.ids.tolist() == expected.ids.tolist()
            assert found.scores.tolist() == expected.scores.tolist()
    held = sum(kept.nbytes for kept in tables._postings.values())  # postings, and positions for phrases
    assert 0 < held == tables._postings_held <= 64 << 10


def test_positions_of_a_few_documents_come_from_the_kept_values(segmented_index):
    """A few candidates of a common word: their positions alone, from the word's values, kept with the values for
    the next phrase, which decodes only documents not decoded yet."""
    for reader in segmented_index.opened().leaf_readers():
        if ("body", b"the") not in reader:
            continue
        fmt = reader.schema["body"].format
        every = postings.term_postings(reader, "body", b"the").ids
        few = every[:: KEEP_POSITIONS * 2]
        held, values = postings.term_values(reader, "body", b"the", few)
        expected = postings.position_keys(held, values, fmt).tolist()
        more = every[1 :: KEEP_POSITIONS * 2]
        held, values = postings.term_values(reader, "body", b"the", np.union1d(few, more))
        both = postings.position_keys(held, values, fmt).tolist()
        tables = SegmentTables(postings_bytes=64 << 20)
        for _ in range(2):  # the second time from the kept values and positions
            assert tables.positions(reader, "body", b"the", few, postings.BlockAllowance()).tolist() == expected
            assert [key[3] for key in tables._postings if key[2:3] == (b"the",) and len(key) == 4] == ["blocks", "some positions"]
        # other candidates: theirs decoded and added to those kept
        assert tables.positions(reader, "body", b"the", more, postings.BlockAllowance()).tolist() == both
        assert tables._postings_held == sum(kept.nbytes for kept in tables._postings.values())


def test_spans_from_kept_blocks_equal_spans_read_from_disk(segmented_index):
    searcher = segmented_index.opened().searcher
    docnums = list(range(0, searcher.doc_count_all(), 3))
    tables = SegmentTables(postings_bytes=64 << 20)
    for term in (b"said", b"the", b"talk", b"wang"):
        expected = postings.term_spans(searcher, "body", term, docnums)
        for _ in range(2):  # the second time from the kept blocks
            assert postings.term_spans(searcher, "body", term, docnums, tables=tables) == expected
        assert expected
    assert any(key[-1] == "blocks" for key in tables._postings)


def test_the_postings_cache_grows_with_the_index_unless_a_size_is_set(tmp_path):
    from searchapp.engine.service import AUTO_POSTINGS_MB, postings_budget

    assert postings_budget(tmp_path, 64) == 64 << 20
    assert postings_budget(tmp_path, 0) == 0
    assert postings_budget(tmp_path, None) == AUTO_POSTINGS_MB << 20  # a small index: the floor
    with open(tmp_path / "big.seg", "wb") as f:  # sparse: a size on paper, no disk used
        f.truncate((AUTO_POSTINGS_MB + 100) << 20)
    assert postings_budget(tmp_path, None) == (AUTO_POSTINGS_MB + 100) << 20
    assert postings_budget(tmp_path / "missing", None) == AUTO_POSTINGS_MB << 20


@pytest.mark.parametrize("setting, expected", [("auto", None), (" AUTO ", None), ("512", 512), (0, 0)])
def test_the_postings_cache_setting_reads_auto_or_megabytes(tmp_path, setting, expected):
    from searchapp import create_app

    app = create_app({"INDEX_DIR": str(tmp_path), "POSTINGS_CACHE_MB": setting})
    assert app.config["POSTINGS_CACHE_MB"] == expected


def test_an_opened_index_sets_the_automatic_budget_by_its_size_then(tmp_path, knowledge):
    from searchapp.engine import SearchService
    from searchapp.engine.service import AUTO_POSTINGS_MB
    from searchapp.index import reindex

    seed = Path(__file__).parent / "data" / "seed"
    reindex(seed, tmp_path / "index", knowledge)
    service = SearchService(tmp_path / "index")
    service.opened()
    assert service._segment_tables.postings_bytes == AUTO_POSTINGS_MB << 20
    with open(tmp_path / "index" / "grown.bin", "wb") as f:  # the index grew (sparse: no disk used)
        f.truncate((AUTO_POSTINGS_MB + 50) << 20)
    reindex(seed, tmp_path / "index", knowledge, full=True)  # a new generation: opened again
    service.opened()
    assert service._segment_tables.postings_bytes > (AUTO_POSTINGS_MB + 50) << 20
    assert SearchService(tmp_path / "index", postings_cache_mb=8)._segment_tables.postings_bytes == 8 << 20
