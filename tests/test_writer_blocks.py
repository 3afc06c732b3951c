"""FastWriter's own choices in what it writes: small blocks stored without zlib, and the term pool's runs.

test_indexer's test_our_writer_writes_what_whoosh_writes checks that every posting, statistic and
stored field reads back as Whoosh's own writer writes them; these check the rules that make the bytes differ.
"""

from __future__ import annotations

import pickle
import zlib

import pytest
from whoosh import index
from whoosh.filedb.filestore import RamStorage

from searchapp.index.schema import schema
from searchapp.internals import postings
from searchapp.internals.postings_writer import COMPRESS_FROM
from searchapp.internals.term_pool import TermPool
from searchapp.internals.writer import FastWriter

TEXTS = [
    "Seoul and Beijing held security talks on Tuesday, the foreign ministry said.",
    "The talks in Seoul went on; Beijing said the talks were useful and would resume.",
    "Trade talks resumed in Geneva. " + "Beijing said the talks would go on. " * 40,
]


def small_index(tmp_path, copies: int = 60):
    """An index of the texts repeated (so some words have blocks of many postings) and one odd word each."""
    tmp_path.mkdir(exist_ok=True)
    ix = index.create_in(str(tmp_path), schema())
    writer = FastWriter(ix)
    for n in range(copies):
        text = TEXTS[n % len(TEXTS)]
        writer.add_document(id=str(n), path=f"{n}.txt", title=f"Note {n}", body=f"{text} word{n}", body_pairs=text)
    writer.commit()
    return ix


def test_a_block_is_compressed_exactly_when_its_data_is_not_small(tmp_path):
    with small_index(tmp_path).reader() as reader:
        seen = {True: 0, False: 0}
        for fieldname, btext in reader.all_terms():
            for block in postings.posting_blocks(reader, fieldname, btext) or ():
                raw = zlib.decompress(block.data) if block.compressed else bytes(block.data)
                assert block.compressed == (len(raw) >= COMPRESS_FROM), (fieldname, btext)
                pickle.loads(raw)  # the block's (ids, weights, values) as Whoosh pickles them
                seen[block.compressed] += 1
    assert seen[True] and seen[False]


def test_blocks_stored_as_they_are_read_the_same_through_whooshs_matcher(tmp_path):
    """A rare word's one posting (a small block, not compressed) and a common word's (compressed) both
    give Whoosh's own matcher the documents, weights and positions they were written with."""
    with small_index(tmp_path).reader() as reader:
        rare = reader.postings("body", b"word7")
        assert rare.all_ids().__next__() == 7 and reader.doc_frequency("body", b"word7") == 1
        positions = reader.postings("body", b"word7").items_as("positions")
        assert [(doc, list(p)) for doc, p in positions] == [(7, [len(TEXTS[1].split())])]
        common = list(reader.postings("body", b"talk").all_ids())
        assert common == list(range(60))


def flat(pool: TermPool) -> list:
    """pool.terms() as lists, without the empty entries of fields that got only spelling markers."""
    return [(f, t, list(p)) for f, t, p in pool.terms() if p]


@pytest.mark.parametrize("limitmb", [1e-9, 100])
def test_the_term_pool_gives_each_term_its_postings_in_document_order_whether_runs_spilled_or_not(limitmb):
    pool = TermPool(RamStorage(), limitmb=limitmb)
    pool.add_terms("body", 0, [(b"b", 1, 1.0, b"x"), (b"a", 2, 2.0, b"y")], 1.0)
    pool.spill_if_full()
    pool.add_terms("title", 1, [(b"a", 1, 1.0, b"")], 2.0)
    pool.add_terms("body", 1, [(b"a", 1, 1.0, b"z")], 1.0)
    pool.spill_if_full()
    pool.add(("body", b"a", 2, 1.5, b"w"))  # Whoosh's interface, as a merged segment's postings come
    pool.add(("body", b"c", -1, 1.0, b""))  # a spelling marker keeps its field, adds no posting
    assert bool(pool.runs) == (limitmb < 1)
    assert flat(pool) == [
        ("body", b"a", [0, 2.0, b"y", 1, 1.0, b"z", 2, 1.5, b"w"]),
        ("body", b"b", [0, 1.0, b"x"]),
        ("title", b"a", [1, 2.0, b""]),
    ]
    pool.cleanup()
    assert pool.runs == [] and pool.tempstore.list() == []  # the runs are read, kept until the writer cleans up


@pytest.mark.parametrize("limitmb", [1e-9, 100], ids=["runs-spilled", "in-memory"])
def test_a_fields_terms_come_from_its_own_runs_in_parts_that_make_the_whole(limitmb, monkeypatch):
    """Runs hold a file a field, in chunks whose first terms are known, so that the commit's aside
    process reads the body's first terms and the parent the rest and the other fields."""
    monkeypatch.setattr("searchapp.internals.term_pool.RUN_TERMS", 2)  # chunks of two terms
    pool = TermPool(RamStorage(), limitmb=limitmb)
    for docnum in range(3):
        words = [w for w in (b"a", b"b", b"c", b"d", b"e") if docnum or w != b"c"]
        pool.add_terms("body", docnum, [(w, 1, 1.0, b"%d" % docnum) for w in words], 1.0)
        pool.add_terms("title", docnum, [(b"t", 1, 1.0, b"")], 2.0)
        pool.spill_if_full()
    whole = list(pool.field_sorted("body"))
    assert [t for t, _ in whole] == [b"a", b"b", b"c", b"d", b"e"]
    assert dict(whole)[b"c"] == [1, 1.0, b"1", 2, 1.0, b"2"] and dict(whole)[b"a"] == [0, 1.0, b"0", 1, 1.0, b"1", 2, 1.0, b"2"]
    assert pool.postings == {"body": 14, "title": 3}
    stop = pool.split_point("body", 0.5)
    assert stop in (b"c", b"d")  # past half of the 14 postings, estimated from whole chunks when spilled
    assert list(pool.field_sorted("body", b"", stop)) + list(pool.field_sorted("body", stop)) == whole
    assert list(pool.terms({"title"})) == [("title", b"t", [0, 2.0, b"", 1, 2.0, b"", 2, 2.0, b""])]
    assert len(pool.tempstore.list()) == (6 if limitmb < 1 else 0)
    pool.cleanup()
    assert pool.runs == [] and pool.tempstore.list() == []


def test_a_failed_aside_process_fails_the_commit_naming_its_field(tmp_path, monkeypatch):
    from searchapp.internals import postings_writer

    def broken(cls, *args):
        raise OSError("no space left")

    monkeypatch.setattr(postings_writer, "ASIDE_FROM", 1)
    monkeypatch.setattr(postings_writer.Aside, "_encode", classmethod(broken))
    with pytest.raises(RuntimeError, match="'body' field's postings failed"):
        small_index(tmp_path)


def test_a_field_with_only_spelling_markers_comes_with_no_postings():
    pool = TermPool(RamStorage())
    pool.add(("spell", b"word", -1, 1.0, b""))
    assert list(pool.terms()) == [("spell", b"", [])]
    assert list(pool.iter_postings()) == []


def test_without_libdeflate_the_standard_zlib_writes_blocks_that_read_the_same(tmp_path, monkeypatch):
    from searchapp.internals import postings_writer

    with small_index(tmp_path / "libdeflate").reader() as reader:
        expected = [(f, t, list(reader.postings(f, t).items_as("weight"))) for f, t in reader.all_terms()]
    monkeypatch.setattr(postings_writer, "zlib_compress", zlib.compress)  # as an install without the deflate package
    with small_index(tmp_path / "zlib").reader() as reader:
        assert [(f, t, list(reader.postings(f, t).items_as("weight"))) for f, t in reader.all_terms()] == expected
