"""Every private Whoosh structure the write side uses, in one place, checked before it is used.

A faster writer (FastWriter: postings gathered by term, preloaded field lengths, and a commit whose
postings and term table postings_writer.py writes a term at a time in Whoosh's format), the writer's
temporary files and lock for cleaning up after a failed run, the names of segment and TOC files, and the segments' document counts. Each was written against whoosh-reloaded 2.7.5
(setup.cfg pins >=2.7.5,<2.8, as check.py knows); fast_writer_supported() checks the version and
that the structures are still there, and open_writer() falls back to Whoosh's own writer, with one
warning in the log, when they are not.
"""

from __future__ import annotations

import gc
import logging
import os
import re
from contextlib import contextmanager
from pathlib import Path

from whoosh import analysis, columns, fields, formats, index, writing
from whoosh.codec import whoosh3
from whoosh.filedb import filetables
from whoosh.filedb.filestore import FileStorage

from searchapp.internals import check
from searchapp.internals.postings import length_bytes
from searchapp.internals.postings_writer import TERM_INFO_FORMAT, write_terms
from searchapp.internals.term_pool import TermPool

try:
    from deflate import zlib_compress  # setup.cfg installs it
except ImportError:  # then the stored fields are compressed as Whoosh compresses them
    zlib_compress = None

log = logging.getLogger(__name__)

POOL_MB = 256  # the writer's gathered postings in memory (an estimate) before a run goes to disk
# Fields whose postings depend on the value alone (dates, numbers, facet values): a value's postings are
# remembered, up to SIMPLE_VALUES values a field, since archives repeat them from article to article.
SIMPLE_FIELDS = (fields.ID, fields.KEYWORD, fields.NUMERIC, fields.DATETIME)
SIMPLE_VALUES = 10_000
INDEX_NAME = getattr(index, "_DEF_INDEX_NAME", "MAIN")  # the name Whoosh gives an index's files
# A document's stored fields are pickled and compressed in zlib's format, by libdeflate at its level 1 rather
# than by zlib at Whoosh's level 3: 0.74 against 1.21 s for 19,779 Reuters documents, and no larger (17.50
# against 17.55 MB); Whoosh's reader decompresses either with zlib (bench/perf_notes.md, 19).
STORED_LEVEL = 1

# What FastWriter and release() rely on: (owner, attributes it has, attributes its __init__ sets).
EXPECTED = (
    (writing.SegmentWriter,
     ("per_document_reader", "cancel", "_flush_segment", "_check_state", "_doc_boost", "_field_boost", "_check_fields"),
     ("_tempstorage", "newsegment", "pool", "_searcher", "perdocwriter", "fieldwriter", "docnum", "_added")),
    (whoosh3.W3Codec, (), ("_blocklimit", "_compression", "_inlinelimit")),
    (whoosh3.W3FieldWriter, ("start_field", "finish_field"), ("_tindex", "_postfile")),
    (whoosh3.W3PostingsWriter, ("_write_block", "_mini_ids", "_mini_weights", "_mini_values"), ()),
    (whoosh3.W3TermInfo, ("set_extent", "to_bytes", "_struct"), ()),
    (whoosh3.W3PerDocWriter, ("start_doc", "add_field", "add_column_value", "finish_doc", "cancel_doc"), ("_colwriters",)),
    (columns.WrappedColumnWriter, (), ("_child",)),
    (columns.CompressedBytesColumn.Writer, (), ("_level", "_compress")),
    (whoosh3.W3PerDocReader, ("_cached_reader",), ("_doccount",)),
    (filetables.HashWriter, (), ("dbfile", "hashfn", "buckets")),
    (filetables.OrderedHashWriter, (), ("index", "lastkey")),
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
    if getattr(getattr(whoosh3.W3TermInfo, "_struct", None), "format", None) != TERM_INFO_FORMAT:
        problems.append("whoosh.codec.whoosh3.W3TermInfo packs other figures")
    if getattr(getattr(filetables, "_lengths", None), "format", None) != "!ii" or not hasattr(filetables, "md5_hash"):
        problems.append("whoosh.filedb.filetables writes other records")
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
    """Whoosh's segment writer with postings gathered by term (term_pool.py), preloaded field
    lengths and a commit that writes a term's blocks and its term-table entry in one go.

    A subclass rather than a codec passed to Whoosh's writer (its public seam): each segment keeps
    its codec in the index's table of contents, so every reader would then need searchapp's class.
    """

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool = TermPool(self._tempstorage, limitmb=kwargs.get("limitmb", POOL_MB))
        self._simple_terms: dict[str, dict] = {}  # field name -> {value: its postings}, for SIMPLE_FIELDS
        self._plain_schema: tuple | None = None  # (schema, whether it has no spelling words or term vectors)
        _compress_stored_by_libdeflate(self.perdocwriter)

    def add_document(self, **fields):
        """As SegmentWriter.add_document, with each field's postings handed to the pool at once and
        the postings of a repeated value of a simple field (a date, a facet value) remembered."""
        if not self._is_plain():  # spelling words or term vectors: Whoosh's own way
            return super().add_document(**fields)
        self._check_state()
        perdocwriter, schema, docnum, pool = self.perdocwriter, self.schema, self.docnum, self.pool
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    length = pool.add_terms(fieldname, docnum, self._terms_of(fieldname, field, value), fieldboost)
                    if not field.scorable:
                        length = 0
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        pool.spill_if_full()
        self._added = True
        self.docnum += 1

    def _is_plain(self) -> bool:
        """Whether the schema has no spelling words or term vectors; checked again when a rebuild gives
        the writer another schema (build.py), which also forgets the remembered postings."""
        if self._plain_schema is None or self._plain_schema[0] is not self.schema:
            plain = not any(field.separate_spelling() or field.vector for _, field in self.schema.items())
            self._plain_schema = (self.schema, plain)
            self._simple_terms = {}
        return self._plain_schema[1]

    def _terms_of(self, fieldname: str, field, value):
        """field.index(value); for a field of SIMPLE_FIELDS the same value's postings are remembered, and
        a plain ID field's one term is made here (a unique one, the article id, never repeats)."""
        if type(field) not in SIMPLE_FIELDS:
            return field.index(value)
        if field.unique:
            if type(value) is str and _is_plain_id(field):
                return [(value.encode("utf-8"), 1, field.format.field_boost, b"")]  # what Existence.word_values gives
            return field.index(value)
        known = self._simple_terms.get(fieldname)
        if known is None:
            known = self._simple_terms[fieldname] = {}
        try:
            return known[value]
        except KeyError:
            pass
        except TypeError:  # a value that cannot be a key (a list of words)
            return field.index(value)
        if len(known) >= SIMPLE_VALUES:
            known.clear()
        terms = known[value] = tuple(field.index(value))
        return terms

    def per_document_reader(self):
        return PreloadedLengths(super().per_document_reader())

    def _flush_segment(self):
        """As Whoosh's, with the postings written by write_terms, the cyclic garbage collector paused.

        The pool holds a list a term (hundreds of thousands); the commit's short-lived objects made
        the collector walk them all, again and again: 4.6 of 15.4 s of a 20,000-article commit.
        The commit makes no reference cycles (what it makes goes when its references do).
        """
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        with _collector_paused():
            write_terms(self.fieldwriter, self.schema, lengths, self.pool)
        self.fieldwriter.close()
        if lengths:
            lengths.close()


def _is_plain_id(field) -> bool:
    """An ID field as fields.ID() makes it: the whole value, as it is, is its one term (IDTokenizer, Existence)."""
    return (
        type(field) is fields.ID
        and type(field.analyzer) is analysis.IDTokenizer
        and type(field.format) is formats.Existence
    )


def _compress_stored_by_libdeflate(perdocwriter) -> None:
    """Have the stored fields' column compress by libdeflate (STORED_LEVEL), when it is Whoosh's zlib one."""
    stored = getattr(perdocwriter, "_colwriters", {}).get("_stored")
    child = getattr(stored, "_child", None)
    if zlib_compress is not None and type(child) is columns.CompressedBytesColumn.Writer:
        child._compress, child._level = zlib_compress, STORED_LEVEL


@contextmanager
def _collector_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()



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
