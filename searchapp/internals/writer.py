"""Every private Whoosh structure the write side uses, in one place, checked before it is used.

A faster commit (FastWriter: chunked sorted runs, preloaded field lengths, postings written a
term at a time with Whoosh's bytes), the writer's temporary files and lock for cleaning up after
a failed run, the names of segment and TOC files, and the segments' document counts. Each was written against whoosh-reloaded 2.7.5
(setup.cfg pins >=2.7.5,<2.8, as check.py knows); fast_writer_supported() checks the version and
that the structures are still there, and open_writer() falls back to Whoosh's own writer, with one
warning in the log, when they are not.
"""

from __future__ import annotations

import logging
import os
import pickle
import re
import zlib
from array import array
from itertools import islice
from pathlib import Path

from whoosh import index, reading, writing
from whoosh.codec import whoosh3
from whoosh.codec.base import OutOfOrderError
from whoosh.filedb.filestore import FileStorage
from whoosh.system import pack_int, pack_ushort
from whoosh.util.numeric import length_to_byte

from searchapp.internals import check
from searchapp.internals.postings import length_bytes

log = logging.getLogger(__name__)

RUN_CHUNK = 4096  # postings per pickle in the writer's sorted runs
INDEX_NAME = getattr(index, "_DEF_INDEX_NAME", "MAIN")  # the name Whoosh gives an index's files

# What FastWriter and release() rely on: (owner, attributes it has, attributes its __init__ sets).
EXPECTED = (
    (writing.PostingPool, ("_open_run", "_remove_run", "_write_run", "_read_run"), ()),
    (writing.SegmentWriter, ("per_document_reader", "cancel", "_flush_segment"),
     ("_tempstorage", "newsegment", "pool", "_searcher", "perdocwriter", "fieldwriter")),
    (whoosh3.W3Codec, (), ("_blocklimit", "_compression", "_inlinelimit")),
    (whoosh3.W3FieldWriter, ("start_field", "finish_field"), ("_tindex", "_postfile")),
    (whoosh3.W3PostingsWriter, ("_write_block", "_mini_ids", "_mini_weights", "_mini_values"), ()),
    (whoosh3.W3TermInfo, ("set_extent", "to_bytes"), ()),
    (reading.TermInfo, (), ("_weight", "_df", "_minlength", "_maxlength", "_maxweight", "_minid", "_maxid")),
    (whoosh3.W3PerDocReader, ("_cached_reader",), ("_doccount",)),
    (index.TOC, ("read", "_segment_pattern"), ()),
    (index.FileIndex, ("_segments",), ()),
)

_problems: list[str] | None = None  # what the check found, once a process


def write_side_problems() -> list[str]:
    """What differs from the Whoosh this module was written against; [] when nothing does.

    Attributes an __init__ sets are looked for among the names its code uses, so that nothing
    has to be built to check them; test_indexer compares FastWriter's index with Whoosh's own.
    """
    problems = [problem for problem in (check.version_problem(),) if problem]
    if getattr(whoosh3, "WHOOSH3_HEADER_MAGIC", None) != b"W3Bl":
        problems.append("whoosh.codec.whoosh3 has another block header")
    for owner, attributes, assigned in EXPECTED:
        missing = [name for name in attributes if not hasattr(owner, name)]
        init_names = getattr(getattr(owner.__init__, "__code__", None), "co_names", ())
        missing += [name for name in assigned if name not in init_names]
        if missing:
            problems.append(f"{owner.__module__}.{owner.__name__} lacks {', '.join(missing)}")
    if not problems and not check.internals_usable():  # FastWriter reads field lengths through postings.py
        problems.append("the length columns are not read as expected (see the search side's warning)")
    return problems


def fast_writer_supported() -> bool:
    """Whether Whoosh's private writer structures look as FastWriter expects; logs once when not."""
    global _problems
    if _problems is None:
        _problems = write_side_problems()
        if _problems:
            log.warning("indexing with Whoosh's own writer, slower: %s", "; ".join(_problems))
    return not _problems


def open_writer(ix, timeout: float):
    """A writer for ix: FastWriter when the internals check out, else Whoosh's public one.

    Both raise whoosh's LockError when another writer holds the lock for timeout seconds.
    """
    if fast_writer_supported():
        return FastWriter(ix, timeout=timeout)
    return ix.writer(timeout=timeout)


class ChunkedPostingPool(writing.PostingPool):
    """Whoosh's posting pool, writing each sorted run to disk a chunk of postings per pickle.

    Whoosh pickles and unpickles every posting on its own as runs spill and merge:
    two Python calls a posting, a third of a large build's commit.
    """

    def _write_run(self, f, items):
        items = iter(items)
        while chunk := list(islice(items, RUN_CHUNK)):
            pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while True:
                yield from pickle.load(f)
        except EOFError:
            return
        finally:
            f.close()
            self._remove_run(path)


class PreloadedLengths:
    """A segment's per-document reader whose field lengths are read once into lists.

    The commit asks for a document's field length once for every posting it
    writes; Whoosh reads each from the column file, a seek and an unpack apiece.
    """

    def __init__(self, reader):
        self._reader = reader
        self._lengths: dict[str, list] = {}

    def __getattr__(self, name):
        return getattr(self._reader, name)

    def doc_field_length(self, docnum, fieldname, default=0):
        lengths = self.lengths(fieldname, default)
        return lengths[docnum] if lengths is not None else default

    def lengths(self, fieldname: str, default) -> list | None:
        """Every document's length of the field (None for none), or None when the field keeps no lengths."""
        if fieldname not in self._lengths:
            self._lengths[fieldname] = self._load(fieldname, default)
        return self._lengths[fieldname]

    def _load(self, fieldname: str, default):
        raw = length_bytes(self._reader, fieldname, self._reader._doccount + 1)  # Whoosh allows docnum == count
        if raw is None:
            return None
        # As Whoosh's doc_field_length: the byte's length, or None for a zero byte.
        table = [whoosh3.byte_to_length(b) if b else None for b in range(256)]
        return [table[b] for b in raw]


class FastWriter(writing.SegmentWriter):
    """Whoosh's segment writer with a faster commit: chunked sorted runs and preloaded field lengths.

    A subclass rather than a codec passed to Whoosh's writer (its public seam): each segment keeps
    its codec in the index's table of contents, so every reader would then need searchapp's class.
    """

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool = ChunkedPostingPool(self._tempstorage, self.newsegment, limitmb=kwargs.get("limitmb", 128))

    def per_document_reader(self):
        return PreloadedLengths(super().per_document_reader())

    def _flush_segment(self):
        """As Whoosh's, with the postings written by write_postings."""
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        write_postings(self.fieldwriter, self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if lengths:
            lengths.close()


def write_postings(fieldwriter, schema, lengths, postings) -> None:
    """Write the segment's sorted postings as Whoosh's FieldWriter.add_postings and W3PostingsWriter do,
    the same bytes, in one loop: a term's postings are gathered in lists and its blocks written at once.

    Whoosh makes a few method calls and type checks for every posting and a dozen for every
    term; the word-pair fields hold a term for nearly every two words of the archive, most of
    them in a single document, so that overhead was most of the commit.
    """
    codec = fieldwriter._codec
    if type(fieldwriter) is not whoosh3.W3FieldWriter or codec._inlinelimit > 1:  # inlined postings: not here
        fieldwriter.add_postings(schema, lengths, postings)
        return
    blocks = _TermBlocks(fieldwriter._postfile, codec._blocklimit, codec._compression)
    tindex = fieldwriter._tindex
    lastfn = lasttext = fieldprefix = None
    field_lengths = None
    ids: list[int] = []
    weights: list = []
    values: list[bytes] = []
    lens: list = []

    def finish_term():
        terminfo = blocks.write(ids, weights, values, lens)
        tindex.add(fieldprefix + lasttext, terminfo.to_bytes())
        ids.clear(), weights.clear(), values.clear(), lens.clear()

    for fieldname, btext, docnum, weight, value in postings:
        if fieldname != lastfn:
            if lastfn is not None and fieldname < lastfn:
                raise OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
            if lasttext is not None:
                finish_term()
            if lastfn is not None:
                fieldwriter.finish_field()
            fieldobj = schema[fieldname]
            fieldwriter.start_field(fieldname, fieldobj)
            fieldprefix = pack_ushort(fieldwriter._fieldid)
            blocks.start_field(fieldobj.format)
            field_lengths = _length_of(lengths, fieldname)
            lastfn, lasttext = fieldname, None
        if docnum == -1:  # Whoosh's marker of a spelling word, not a posting
            continue
        if btext != lasttext:
            if lasttext and btext < lasttext:
                raise OutOfOrderError(f"Term {lastfn}:{lasttext!r} .. {fieldname}:{btext!r}")
            if lasttext is not None:
                finish_term()
            lasttext = btext
        ids.append(docnum)
        weights.append(weight)
        values.append(value)
        lens.append(field_lengths(docnum))
    if lasttext is not None:
        finish_term()
    if lastfn is not None:
        fieldwriter.finish_field()


def _length_of(lengths, fieldname: str):
    """docnum -> the field's length in that document, as add_postings asks the per-document reader."""
    if lengths is None:
        return lambda docnum: 0
    if isinstance(lengths, PreloadedLengths):
        table = lengths.lengths(fieldname, 0)
        if table is not None:
            return table.__getitem__
    return lambda docnum: lengths.doc_field_length(docnum, fieldname)


class _TermBlocks:
    """W3PostingsWriter's blocks for one term at a time: the same header, block info and data bytes."""

    def __init__(self, postfile, blocklimit: int, compression: int):
        self.postfile, self.blocklimit, self.compression = postfile, blocklimit, compression
        self.fixedsize = None

    def start_field(self, format_) -> None:
        self.fixedsize = format_.fixed_value_size()

    def write(self, ids: list[int], weights: list, values: list[bytes], lens: list) -> whoosh3.W3TermInfo:
        """Write one term's postings (one list entry a posting, b"" or None where it has no value) and
        return its term info, with the statistics W3TermInfo.add_block sums up block by block."""
        postfile, limit = self.postfile, self.blocklimit
        start = postfile.tell()
        out = [whoosh3.WHOOSH3_HEADER_MAGIC]
        terminfo = whoosh3.W3TermInfo()
        count = len(ids)
        for begin in range(0, count, limit):
            end = min(begin + limit, count)
            block_ids = array("I", ids[begin:end])
            block_weights = array("f", weights[begin:end])
            maxweight = max(0, *weights[begin:end])  # the first of the highest, as add_posting keeps it
            given = [length for length in lens[begin:end] if length]  # None or 0: the document has no length
            minlength, maxlength = (min(given), max(given)) if given else (None, 0)
            _add_block(terminfo, block_weights, end - begin, minlength, maxlength, maxweight, block_ids)
            data = (_deltas(block_ids), _mini_weights(block_weights), self._mini_values(values[begin:end]))
            databytes = pickle.dumps(data, 2)
            if self.compression:
                databytes = zlib.compress(databytes, self.compression)
            info = (end - begin, block_ids[-1], maxweight, self.compression,
                    length_to_byte(minlength), length_to_byte(maxlength))
            infobytes = pickle.dumps(info, 2)
            size = len(infobytes) + len(databytes)
            out += (pack_int(-size if end == count else size), infobytes, databytes)
        written = b"".join(out)
        postfile.write(written)
        terminfo.set_extent(start, len(written))
        return terminfo

    def _mini_values(self, values: list):
        """W3PostingsWriter._mini_values of a block's values (None or b"" where a posting has none)."""
        fixedsize = self.fixedsize
        if fixedsize == 0:
            return None
        given = [value for value in values if value]
        return tuple(given) if fixedsize is None or fixedsize < 0 else b"".join(given)


def _add_block(terminfo, weights: array, count: int, minlength, maxlength, maxweight, ids: array) -> None:
    """W3TermInfo.add_block, given the block's figures rather than a postings writer holding them."""
    terminfo._weight += sum(weights)
    terminfo._df += count
    terminfo._minlength = minlength if terminfo._minlength is None else min(terminfo._minlength, minlength)
    terminfo._maxlength = max(terminfo._maxlength, maxlength)
    terminfo._maxweight = max(terminfo._maxweight, maxweight)
    if terminfo._minid is None:
        terminfo._minid = ids[0]
    terminfo._maxid = ids[-1]


def _deltas(ids: array) -> tuple:
    """W3PostingsWriter._mini_ids: each document number as the gap from the one before."""
    previous = 0
    gaps = []
    for docnum in ids:
        gaps.append(docnum - previous)
        previous = docnum
    return tuple(gaps)


def _mini_weights(weights: array):
    """W3PostingsWriter._mini_weights: None when every weight is 1, one number when all are equal."""
    if all(w == 1.0 for w in weights):
        return None
    if all(w == weights[0] for w in weights):
        return weights[0]
    return tuple(weights)


def release(writer) -> None:
    """Let go of what a writer that could not cancel holds: its searcher, its sorted runs, its write lock."""
    steps = [
        lambda: writer._searcher and writer._searcher._orig_close(),
        lambda: writer._tempstorage.destroy(),
        lambda: writer.writelock and writer.writelock.release(),
    ]
    for step in steps:
        try:
            step()
        except Exception:  # each is let go even if another fails
            pass
    writer.is_closed = True


def doc_count(ix) -> int:
    """Documents in the index, summed from its segments' own counts.

    Index.doc_count() opens a whole reader to say it (a second on 100,000 articles).
    """
    if not fast_writer_supported():
        return ix.doc_count()
    return sum(segment.doc_count() for segment in ix._segments())


def run_files(index_dir: Path) -> list[Path]:
    """The files in the writer's temporary folder (sorted runs of postings)."""
    runs = index_dir / f"{INDEX_NAME}.tmp"
    return list(runs.iterdir()) if runs.is_dir() else []


def unnamed_files(index_dir: Path, keep: str | None = None) -> list[Path] | None:
    """Segment files the index's table of contents does not name (keep: a segment id to spare), and
    tables of contents half written; None when the table of contents cannot be read.

    With internals other than the checked ones, none: Whoosh's next commit cleans them (clean_files).
    """
    if not fast_writer_supported():
        return []
    try:
        toc = index.TOC.read(FileStorage(str(index_dir)), INDEX_NAME)
        names = os.listdir(index_dir)
    except Exception:
        return None
    named = {segment.segment_id() for segment in toc.segments} | {keep}
    segment_file = index.TOC._segment_pattern(INDEX_NAME)  # Whoosh's own test, as its clean_files uses
    half_written = re.compile(rf"^_{INDEX_NAME}_[0-9]+\.toc\.")  # TOC.write's temporary name
    return [
        index_dir / name
        for name in names
        if half_written.match(name) or ((m := segment_file.match(name)) and m.group(1) not in named)
    ]
