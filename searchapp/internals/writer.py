"""Every private Whoosh structure the write side uses, in one place, checked before it is used.

A faster commit (FastWriter: chunked sorted runs, preloaded field lengths), the writer's
temporary files and lock for cleaning up after a failed run, the names of segment and TOC
files, and the segments' document counts. Each was written against whoosh-reloaded 2.7.5
(setup.cfg pins >=2.7.5,<2.8, as check.py knows); fast_writer_supported() checks the version and
that the structures are still there, and open_writer() falls back to Whoosh's own writer, with one
warning in the log, when they are not.
"""

from __future__ import annotations

import logging
import os
import pickle
import re
from itertools import islice
from pathlib import Path

from whoosh import index, writing
from whoosh.codec import whoosh3
from whoosh.filedb.filestore import FileStorage

from searchapp.internals import check
from searchapp.internals.postings import length_bytes

log = logging.getLogger(__name__)

RUN_CHUNK = 4096  # postings per pickle in the writer's sorted runs
INDEX_NAME = getattr(index, "_DEF_INDEX_NAME", "MAIN")  # the name Whoosh gives an index's files

# What FastWriter and release() rely on: (owner, attributes it has, attributes its __init__ sets).
EXPECTED = (
    (writing.PostingPool, ("_open_run", "_remove_run", "_write_run", "_read_run"), ()),
    (writing.SegmentWriter, ("per_document_reader", "cancel"), ("_tempstorage", "newsegment", "pool", "_searcher")),
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
        if fieldname not in self._lengths:
            self._lengths[fieldname] = self._load(fieldname, default)
        lengths = self._lengths[fieldname]
        return lengths[docnum] if lengths is not None else default

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
