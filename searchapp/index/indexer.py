"""The Whoosh index: its schema, and full and incremental builds from the archive.

Whoosh types stay in this module and search.py; callers pass plain paths and
get plain dataclasses back.
"""

from __future__ import annotations

import datetime
import errno
import functools
import hashlib
import json
import multiprocessing
import os
import pickle
import re
import stat
import tempfile
import threading
import time
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Callable, NamedTuple

from whoosh import index, writing
from whoosh.codec import whoosh3
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.filedb.filestore import FileStorage
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.index import LockError
from whoosh.support.charset import accent_map

from searchapp import reading as reading_package
from searchapp import facets as facets_package
from searchapp.reading import KNOWLEDGE_DIR, Article, Skip, find_recurring_lines, read_file
from searchapp.reading.archive import scan_archive
from searchapp.reading.formats import SNIFF_BYTES, detect_kind
from searchapp.reading.limits import READ_LIMITS, ReadLimits
from searchapp.reading.records import RECORD_KINDS, Record, RecordFile, file_records, read_records
from searchapp.facets import Facets, Knowledge, extract
from searchapp.internals.postings import length_bytes

# Bump when the schema or what goes into a document changes: the next reindex rebuilds.
SCHEMA_VERSION = 6  # 6: date_from stored; undated articles get the year "undated"
META_FILE = "searchapp-meta.json"
# word -> number of articles using it, for spelling suggestions. Incremental runs only
# add to it; search checks that a suggestion finds something before offering it.
VOCABULARY_FILE = "searchapp-words.json"
# Index field -> Facets attribute, for the three extracted facets.
EXTRACTED = {"country": "countries", "official": "officials", "topic": "topics"}
WRITER_TIMEOUT = 1.0  # seconds to wait for Whoosh's write lock before calling the index busy

Progress = Callable[[int, int], None]  # (files done, files in total)


class ReindexError(Exception):
    """A reindex that cannot run; its message is the one line a user sees."""


class IndexBusy(ReindexError):
    """Another reindex holds the index's lock."""


class ArchiveMissing(ReindexError):
    """The archive folder does not exist or cannot be read."""


class KnowledgeUnreadable(ReindexError):
    """A newsroom knowledge file the reading stage needs (outlets.json, boilerplate.json) is broken."""


class DiskFull(ReindexError):
    """The disk holding the index filled up; the run removed its partial files."""


class IndexUnwritable(ReindexError):
    """The index folder cannot be made or written (permissions, a read-only disk)."""


class IndexDamaged(ReindexError):
    """The existing index cannot be read; a full rebuild makes it again from the archive."""


REBUILD_HINT = "a damaged index is rebuilt from the archive by `flask --app searchapp reindex --full`"
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
NOT_ALLOWED = (errno.EACCES, errno.EPERM, errno.EROFS)


def index_failure(exc: BaseException, index_dir: Path, reading_index: bool = False) -> ReindexError | None:
    """The one-line error for a failure on the index's side; None when exc is none of those.

    A full disk and a folder that cannot be written are named as such. Anything else is blamed on
    the index only while the existing index is being opened and read (reading_index): archive
    entries never fail a run, so an error there must not send a newsroom to rebuild a sound index.
    """
    if isinstance(exc, ReindexError):
        return exc
    if isinstance(exc, OSError) and exc.errno in DISK_FULL:
        return DiskFull(
            f"the disk holding the index in {index_dir} is full: the reindex stopped, removed its partial files "
            "and left the index searchable as it was; free some space and run it again"
        )
    if isinstance(exc, OSError) and exc.errno in NOT_ALLOWED:
        return IndexUnwritable(f"cannot write to the index folder {index_dir} ({exc.strerror})")
    if reading_index and isinstance(exc, Exception):
        return IndexDamaged(f"the index in {index_dir} cannot be read ({type(exc).__name__}: {exc}); {REBUILD_HINT}")
    return None


@dataclass
class ReindexReport:
    """What a reindex did, a file at a time; file paths are archive-relative posix paths.

    A record file (.json, .jsonl) counts as one file: added when it brings articles, updated when
    any of its records was added, changed or removed (only those are read again), unchanged when
    none was (a blank line added), removed when no article of it is left. skipped names each record
    that was read and is not indexed ("wire.jsonl#7"): a bad line is read, and named, whenever its
    file changed.
    """

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    full: bool = False
    articles: int = 0  # documents in the index after the run


def analyzer():
    """Words lowercased, accents folded, stemmed; no stop words, so "US" and "The Hague" stay searchable.

    The stem cache is unbounded (a plain dict): Whoosh's bounded one evicts through a slow Python LFU.
    """
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter(cachesize=-1)


def facet_field():
    """A multi-valued exact-match field: commas separate values, so "United States" stays one term."""
    return KEYWORD(commas=True, lowercase=False, scorable=False, stored=False)


def schema() -> Schema:
    """The index schema; facet values and evidence are stored in `record` as plain data."""
    return Schema(
        id=ID(unique=True, stored=True),
        path=ID(stored=True),
        title=TEXT(analyzer=analyzer(), phrase=True, stored=True, field_boost=2.0),
        # No spelling=True: it indexes every word a second time (measured: 2.3x the
        # indexing time); "did you mean" reads the vocabulary side file instead.
        # chars=True: each posting keeps its character offsets, so a snippet is cut
        # around them without analysing the body again (12.3 -> 1.0 ms for 10 snippets).
        body=TEXT(analyzer=analyzer(), phrase=True, chars=True, stored=True),
        date=DATETIME(stored=True, sortable=True),
        dated=NUMERIC(int, bits=8, sortable=True),  # 1 with a date: sorts undated articles last
        year=facet_field(),
        source=facet_field(),
        country=facet_field(),
        official=facet_field(),
        topic=facet_field(),
        date_from=STORED(),  # where the reader found the date ("dateline", "front matter", ...)
        filestate=COLUMN(),  # JSON [path, size, mtime_ns, sha256]: read cheaply by incremental runs
        record=STORED(),  # {"source", "url", "byline", "countries", "officials", "topics", "evidence"}
    )


def fingerprint(knowledge: Knowledge, knowledge_dir: Path | None = None) -> str:
    """What the documents were made with: the reading and extraction code and the knowledge data.

    The reading stage loads its own files (outlets.json, boilerplate.json), bundled and
    the newsroom's, so every knowledge file in both folders counts, by name and content.
    """
    h = hashlib.sha256()
    packages = (reading_package, facets_package)  # the reading and extraction code
    code = [path for package in packages for path in sorted(Path(package.__file__).parent.glob("*.py"))]
    for path in code:
        h.update(path.read_bytes())
    # The knowledge files' contents, as Knowledge keeps them (compiled patterns left out).
    data = [getattr(knowledge, name, None) for name in ("countries", "officials", "topics", "titles")]
    h.update(json.dumps(data, sort_keys=True, default=sorted).encode("utf-8"))
    folders = [Path(KNOWLEDGE_DIR)] + ([Path(knowledge_dir)] if knowledge_dir is not None else [])
    for n, folder in enumerate(folders):
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            h.update(f"{n}/{path.name}\0".encode("utf-8"))
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


WORD = re.compile(r"\w+(?:\.?\w+)*")  # RegexTokenizer's default pattern


def distinct_words(text: str) -> set[str]:
    """The text's words as the analyzer sees them before stemming (lowercased, accents folded)."""
    return set(WORD.findall(text.lower().translate(accent_map)))


def index_exists(index_dir: Path) -> bool:
    return index_dir.is_dir() and index.exists_in(str(index_dir))


def open_index(index_dir: Path):
    """The Whoosh index in index_dir; raises whoosh's EmptyIndexError when there is none.

    Without mmap: Whoosh then reads each part of a segment's compound file in place,
    where over mmap it copies every part into memory as a reader opens (0.7 s and a
    copy of the index in each web worker at 100,000 articles; 0.07 s without).
    """
    return FileStorage(str(index_dir), supports_mmap=False).open_index()


def read_meta(index_dir: Path) -> dict:
    return read_json(index_dir / META_FILE)


def write_meta(index_dir: Path, meta: dict) -> None:
    write_json(index_dir / META_FILE, meta)


def read_json(path: Path) -> dict:
    """A side file's contents; {} when it is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data: dict) -> None:
    """Write a side file atomically: a kill leaves the old one or the new one, never half."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".side-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            # dumps, not dump: only the one-shot encoder is the C one (a 100,000-word vocabulary: 0.6 -> 0.1 s)
            f.write(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the index files are not
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def to_document(article: Article, facets: Facets, size: int, mtime: int, digest: str) -> dict:
    """One Whoosh document for one article."""
    values = {name: facets.values(attr) for name, attr in EXTRACTED.items()}
    evidence = {
        name: {fv.value: [[s.start, s.end] for s in fv.evidence] for fv in getattr(facets, attr)}
        for name, attr in EXTRACTED.items()
    }
    doc = dict(
        id=article.id,
        path=article.path,
        title=article.title,
        body=article.body,
        dated=1 if article.date else 0,
        filestate=json.dumps([article.path, size, mtime, digest]).encode("utf-8"),
        record={
            "source": article.source,
            "url": article.url,
            "byline": article.byline,
            "countries": values["country"],
            "officials": values["official"],
            "topics": values["topic"],
            "evidence": evidence,
        },
    )
    if article.date:
        doc["date"] = datetime.datetime.combine(article.date, datetime.time())
        doc["year"] = str(article.date.year)
        if article.date_from:
            doc["date_from"] = article.date_from
    else:
        # search.UNDATED: undated articles are a value of the year facet, so they can
        # be counted and selected instead of silently dropping out.
        doc["year"] = "undated"
    if article.source:
        doc["source"] = article.source.replace(",", " ")
    for name, vals in values.items():
        if vals:
            doc[name] = ",".join(v.replace(",", " ") for v in vals)
    return doc


class FileState(NamedTuple):
    """What the index knows of one archive file: size, time and hash as last read, and for a record
    file (.json, .jsonl) the digest of each record it holds, by id (None: a file indexed whole)."""

    size: int
    mtime_ns: int
    sha256: str
    records: dict[str, str] | None = None


def indexed_files(reader) -> dict[str, FileState]:
    """path -> FileState of every file the index holds documents from.

    The column is read whole and its JSON parsed as one array: one call instead of
    one a document (0.49 -> 0.26 s at 100,000 articles). A record file's documents are
    written a few at a time, so they carry the file's state of different runs: the state
    of the latest run (the highest index generation) is the file's.
    """
    if reader.doc_count() == 0:
        return {}
    deleted = set()
    for segment, offset in reader.leaf_readers():
        if segment.has_deletions():
            deleted.update(offset + docnum for docnum in segment.deleted_docs_set)
    values = reader.column_reader("filestate", translate=False)
    states = json.loads(b"[" + b",".join(v for d, v in enumerate(values) if v and d not in deleted) + b"]")
    whole = {state[0] for state in states if len(state) < len(RECORD_STATE)}
    newest: dict[str, tuple] = {}
    records: dict[str, dict[str, str]] = {}
    for state in states:
        path = state[0]
        generation = state[4] if len(state) >= len(RECORD_STATE) else -1
        if path not in newest or generation > newest[path][0]:
            newest[path] = (generation, state[1:4])
        if path not in whole:
            records.setdefault(path, {})[state[5]] = state[6]
    return {path: FileState(*file, records.get(path)) for path, (_, file) in newest.items()}


# A record's document says which run wrote it and which record it is: [path, size, mtime_ns, sha256] of
# the file as that run read it, then these. A whole file's documents carry the first four only.
RECORD_STATE = ("path", "size", "mtime_ns", "sha256", "generation", "id", "record_digest")


def record_filestate(article: Article, file: tuple[int, int, str], generation: int, record_digest: str) -> bytes:
    return json.dumps([article.path, *file, generation, article.id, record_digest]).encode("utf-8")


RUN_CHUNK = 4096  # postings per pickle in the writer's sorted runs


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


class Writer(writing.SegmentWriter):
    """Whoosh's segment writer with a faster commit: chunked sorted runs and preloaded field lengths."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool = ChunkedPostingPool(self._tempstorage, self.newsegment, limitmb=kwargs.get("limitmb", 128))

    def per_document_reader(self):
        return PreloadedLengths(super().per_document_reader())


def check_archive(articles_dir: Path) -> None:
    if not articles_dir.exists():
        raise ArchiveMissing(f"archive folder not found: {articles_dir}")
    if not articles_dir.is_dir():
        raise ArchiveMissing(f"the archive is not a folder: {articles_dir}")
    if not os.access(articles_dir, os.R_OK | os.X_OK):
        raise ArchiveMissing(f"archive folder cannot be read: {articles_dir}")


def reindex(
    articles_dir: Path,
    index_dir: Path,
    knowledge: Knowledge,
    *,
    full: bool = False,
    progress: Progress | None = None,
    knowledge_dir: Path | None = None,
    follow_links_outside: bool = False,
    read_limits: ReadLimits | None = None,
) -> ReindexReport:
    """Bring the index in index_dir up to date with the archive; full=True rebuilds it.

    knowledge_dir is the newsroom's knowledge folder (KNOWLEDGE_DIR), the one knowledge
    was loaded from; the reading stage takes its outlets.json and boilerplate.json from it.
    follow_links_outside lets symbolic links to files outside the archive in (the
    FOLLOW_LINKS_OUTSIDE_ARCHIVE setting); no archive entry fails a run, each odd one is a skip.
    read_limits bound a file's size and an article's text (READ_MAX_MB and the like; None: the defaults).
    Raises ArchiveMissing, IndexBusy or KnowledgeUnreadable and changes nothing then; DiskFull,
    IndexUnwritable or IndexDamaged (all ReindexError) when the index's side fails. A run that
    fails or is killed at any point leaves the previous index whole: Whoosh renames its table of
    contents into place on commit, and the run's partial files go (now, or when the next run starts).
    """
    articles_dir, index_dir = Path(articles_dir), Path(index_dir)
    check_archive(articles_dir)
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        # Our own lock covers the whole run, including creating a first index,
        # which Whoosh's writer lock cannot (creating clears the folder).
        lock = FileStorage(str(index_dir)).lock("searchapp_REINDEX")
        locked = lock.acquire(blocking=False)
    except OSError as exc:
        failure = index_failure(exc, index_dir)
        raise failure or IndexUnwritable(f"cannot use the index folder {index_dir} ({exc.strerror or exc})") from None
    if not locked:
        raise IndexBusy(f"another reindex is running on {index_dir}; try again when it has finished")
    limits_token = READ_LIMITS.set(read_limits or ReadLimits())  # for the run, and its forked workers
    try:
        reading = Reading(knowledge, knowledge_dir)
        return _reindex_locked(articles_dir, index_dir, reading, full, progress, follow_links_outside)
    finally:
        READ_LIMITS.reset(limits_token)
        lock.release()


@dataclass(frozen=True)
class Reading:
    """What turns a file into documents: the extraction knowledge, the newsroom's knowledge folder,
    and the index generation the run writes (it stamps record documents; see indexed_files)."""

    knowledge: Knowledge
    knowledge_dir: Path | None = None
    generation: int = 0


def _reindex_locked(articles_dir, index_dir, reading: Reading, full, progress, follow_links_outside) -> ReindexReport:
    """One run under the reindex lock: whatever stops it, the previous index stays searchable and
    the run's own partial files go (_abandon), and the error says whether the disk or the index failed."""
    meta = read_meta(index_dir)
    stale_runs = _temporary_files(index_dir)  # before this run's writer makes its own
    ix, writer, full = _open_writer(index_dir, meta, full)
    reading = replace(reading, generation=writer.generation)
    try:
        _remove_leftovers(index_dir, keep=writer.newsegment.segment_id(), runs=stale_runs)  # a killed run's
        run = _fill_writer(writer, ix, articles_dir, index_dir, reading, meta, full, progress, follow_links_outside)
        if full:
            writer.commit(mergetype=writing.CLEAR)
        else:
            writer.commit()
    except BaseException as exc:
        _abandon(writer, index_dir)
        failure = index_failure(exc, index_dir)
        if failure is None or failure is exc:
            raise
        raise failure from exc
    report, boilerplate, vocabulary, made_with = run
    _save_side_files(index_dir, full, vocabulary, boilerplate, made_with)
    # Summed from the segments' own counts: Index.doc_count() opens a whole reader (a second on 100,000 articles).
    report.articles = sum(segment.doc_count() for segment in open_index(index_dir)._segments())
    return report


def _open_writer(index_dir: Path, meta: dict, full: bool):
    """The index (made when there is none), its writer, and whether the run must rebuild it whole."""
    try:
        if not index_exists(index_dir):
            index.create_in(str(index_dir), schema())
            full = True
        elif meta.get("schema_version") != SCHEMA_VERSION:
            full = True
        ix = open_index(index_dir)
        return ix, Writer(ix, timeout=WRITER_TIMEOUT), full
    except LockError:
        raise IndexBusy(f"the index in {index_dir} is locked by another writer; try again later") from None
    except Exception as exc:
        raise index_failure(exc, index_dir, reading_index=True) from exc


def _read_index(index_dir: Path, read: Callable):
    """What read() gets from the existing index; a failure there is the index's (or its disk's)."""
    try:
        return read()
    except Exception as exc:
        raise index_failure(exc, index_dir, reading_index=True) from exc


def _fill_writer(writer, ix, articles_dir, index_dir, reading: Reading, meta, full, progress, follow_links_outside):
    """Put the archive's new and changed files into the writer and take out the files gone.

    Returns (report, boilerplate, vocabulary, fingerprint) for the side files written after the commit.
    Entries the listing passes over (odd names, links, pipes, unreadable folders) open the report's skips.
    """
    try:
        listing = scan_archive(articles_dir, follow_links_outside=follow_links_outside)
    except OSError as exc:  # the archive folder itself
        raise ArchiveMissing(f"archive folder cannot be read: {articles_dir} ({exc.strerror or exc})") from None
    report = ReindexReport(full=full, skipped=list(listing.skipped))
    if full:
        writer.schema = schema()  # a rebuild may bring a new schema
        files = [articles_dir / listed.path for listed in listing.files]
        boilerplate = recurring_lines(files, articles_dir)
        before = _previous_files(ix, report)
        known = {}
    else:
        boilerplate = frozenset(meta.get("boilerplate", []))
        # The writer's own searcher: its deletions below reuse it instead of opening another reader.
        before = known = _read_index(index_dir, lambda: indexed_files(writer.searcher().reader()))
        # Size and time as indexed: unchanged, with no Path made and no file opened.
        files = [
            articles_dir / listed.path
            for listed in listing.files
            if known.get(listed.path, ())[:2] != (listed.size, listed.mtime_ns)
        ]
        report.unchanged = len(listing.files) - len(files)
    made_with = fingerprint(reading.knowledge, reading.knowledge_dir)
    if not full and meta.get("fingerprint") != made_with:
        report.warnings.append(
            "the reading or extraction rules or the knowledge files changed since the last full build; "
            "run `flask --app searchapp reindex --full` to apply them to unchanged articles"
        )
    vocabulary: Counter[str] = Counter()
    _write_files(writer, files, articles_dir, reading, boilerplate, known, report, vocabulary, progress, index_dir)
    seen = {listed.path for listed in listing.files}
    for path in sorted(set(before) - seen):
        if not full:  # a full build clears everything anyway
            writer.delete_by_term("path", path)
        report.removed.append(path)
    return report, boilerplate, vocabulary, made_with


def _save_side_files(index_dir: Path, full: bool, vocabulary: Counter, boilerplate, made_with: str) -> None:
    """The vocabulary, and after a full build the meta file; after the commit, so a full disk here
    leaves the new index searchable and only asks for a rebuild to write them."""
    try:
        if full or vocabulary:  # a run that added no article leaves the vocabulary as it is
            if not full:
                vocabulary.update(read_json(index_dir / VOCABULARY_FILE))
            write_json(index_dir / VOCABULARY_FILE, dict(vocabulary))
        if full:
            meta = {"schema_version": SCHEMA_VERSION, "boilerplate": sorted(boilerplate), "fingerprint": made_with}
            write_meta(index_dir, meta)
    except OSError as exc:
        if exc.errno not in DISK_FULL + NOT_ALLOWED:
            raise
        error, cause = (DiskFull, "the disk is full") if exc.errno in DISK_FULL else (IndexUnwritable, exc.strerror)
        raise error(
            f"the index in {index_dir} is updated, but its word list and settings could not be saved ({cause}); "
            "once that is fixed, run `flask --app searchapp reindex --full`"
        ) from None


# -- a run that stops: the previous index stays, the run's own files go ------------

SEGMENT_FILE = index.TOC._segment_pattern(index._DEF_INDEX_NAME)  # Whoosh's own test, as clean_files uses
# A TOC and a side file being written (TOC.write's temporary name, write_json's).
HALF_WRITTEN = re.compile(rf"^_{index._DEF_INDEX_NAME}_[0-9]+\.toc\.|^\.side-.*\.tmp$")


def _abandon(writer, index_dir: Path) -> None:
    """Give up the writer's work: the index's table of contents still names the previous segments.

    Whoosh's cancel() closes the new segment's files but leaves them in the folder; after a commit
    that failed half way (a full disk) it may fail itself, so the lock and temporary files are let go here.
    """
    try:
        if not writer.is_closed:
            writer.cancel()
    except Exception:
        _let_go(writer)
    _remove_leftovers(index_dir)


def _let_go(writer) -> None:
    """Release what a writer that could not cancel holds: its searcher, its sorted runs, its write lock."""
    steps = [
        lambda: writer._searcher and writer._searcher._orig_close(),
        writer._tempstorage.destroy,
        lambda: writer.writelock and writer.writelock.release(),
    ]
    for step in steps:
        try:
            step()
        except Exception:  # each is let go even if another fails
            pass
    writer.is_closed = True


def _temporary_files(index_dir: Path) -> list[Path]:
    """The files in the writer's temporary folder (sorted runs of postings)."""
    runs = index_dir / f"{index._DEF_INDEX_NAME}.tmp"
    return list(runs.iterdir()) if runs.is_dir() else []


def _remove_leftovers(index_dir: Path, keep: str | None = None, runs: list[Path] = ()) -> None:
    """Delete what runs that never committed left: segment files no table of contents names, half-
    written TOC and side files, and runs (temporary files from before this run's writer).

    Called only while this process holds both the reindex lock and Whoosh's write lock, so no other
    writer is at work: such files are this run's own, or a killed run's. keep: this run's segment.
    A TOC that cannot be read leaves everything as it is (a full rebuild clears the folder).
    """
    try:
        toc = index.TOC.read(FileStorage(str(index_dir)), index._DEF_INDEX_NAME)
        names = os.listdir(index_dir)
    except Exception:
        return
    named = {segment.segment_id() for segment in toc.segments} | {keep}
    leftovers = [
        index_dir / name
        for name in names
        if HALF_WRITTEN.match(name) or ((m := SEGMENT_FILE.match(name)) and m.group(1) not in named)
    ]
    for path in leftovers + list(runs):
        try:
            path.unlink()
        except OSError:  # gone already, or held open elsewhere: the next commit's cleaning tries again
            pass


def _previous_files(ix, report: ReindexReport) -> dict[str, tuple[int, int, str]]:
    """What a full rebuild replaces, for its report; a damaged or older index is rebuilt all the same."""
    if "filestate" not in ix.schema:
        return {}
    try:
        with ix.reader() as reader:
            return indexed_files(reader)
    except Exception as exc:  # whatever Whoosh raises on damaged files: the rebuild does not read them
        report.warnings.append(f"the previous index could not be read ({type(exc).__name__}); rebuilt from scratch")
        return {}


def recurring_lines(files: list[Path], root: Path) -> frozenset[str]:
    """Lines that recur across the archive (site furniture), from the reading stage."""
    return frozenset(find_recurring_lines(files, root))


def _write_files(writer, files, root, reading: Reading, boilerplate, known, report, vocabulary, progress, index_dir) -> None:
    """Add new and changed files to the writer, reporting each file's fate and counting their words.

    Reading and extraction run in worker processes when a full build has many files or a big
    record file; the documents come back in file order to this process's one writer.
    """
    total = len(files)
    if progress:
        progress(0, total)
    many = len(files) >= PARALLEL_MIN_FILES or any(map(_is_big_record_file, files))
    if not known and many and _worker_count() > 0:  # a full build
        outcomes = _prepare_in_workers(files, root, reading, boilerplate, index_dir)
    else:
        outcomes = (_prepare_or_skip(path, root, reading, boilerplate, known.get(_rel(path, root))) for path in files)
    done = written = 0  # written: documents of the file in hand, whose records may come in parts
    for outcome in outcomes:
        written += len(outcome.documents)
        _apply(writer, outcome, report, vocabulary, written)
        if outcome.fate != "part":
            done, written = done + 1, 0
            if progress:
                progress(done, total)


@functools.lru_cache(maxsize=8)
def _prefix(root: str) -> str:
    return os.path.join(root, "")


def _rel(path: Path, root: Path) -> str:
    """The archive-relative posix path; string slicing, as pathlib's relative_to costs seconds per 100,000 files."""
    text, prefix = str(path), _prefix(str(root))
    if text.startswith(prefix):
        return text[len(prefix):].replace(os.sep, "/")
    return path.relative_to(root).as_posix()


@dataclass
class Prepared:
    """One file, or one part of a big record file's records, made ready for the writer."""

    rel: str
    fate: str  # "unchanged", "unreadable", "read", or "part": records of a file whose last part comes later
    known: bool  # the index already holds documents from this path
    documents: list[dict] = field(default_factory=list)
    words: Counter = field(default_factory=Counter)  # word -> articles of this file using it
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    delete_ids: list[str] | None = None  # records to take out by id; None: all of the file's documents
    kept: int = 0  # documents of the file left in the index as they are
    changed: bool = True  # an article of the file was added, changed or removed


def _prepare_or_skip(path: Path, root: Path, reading: Reading, boilerplate, old: FileState | None) -> Prepared:
    """_prepare_file, where a reader's failure on one odd file costs that file, never the run."""
    try:
        return _prepare_file(path, root, reading, boilerplate, old)
    except ReindexError:
        raise
    except Exception as exc:
        rel = _rel(path, root)
        reason = f"could not be read ({type(exc).__name__}: {exc})"
        return Prepared(rel, "unreadable", bool(old), skipped=[Skip(rel, reason)])


def _prepare_file(path: Path, root: Path, reading: Reading, boilerplate, old: FileState | None) -> Prepared:
    """Read and extract one file unless its size, time or hash shows it unchanged; no index access."""
    rel = _rel(path, root)
    try:
        st = path.stat()
        if old and old[:2] == (st.st_size, st.st_mtime_ns):
            return Prepared(rel, "unchanged", True)
        if not stat.S_ISREG(st.st_mode):  # swapped for a pipe or device since the listing: opening it could block
            raise OSError(errno.EINVAL, "not a regular file (a pipe, device or socket)")
        data = path.read_bytes() if _may_hold_records(path) else None
        digest = hashlib.sha256(data).hexdigest() if data is not None else file_hash(path)
    except OSError as exc:
        return Prepared(rel, "unreadable", bool(old), skipped=[Skip(rel, f"cannot read: {exc.strerror or exc}")])
    if old and old[2] == digest:
        return Prepared(rel, "unchanged", True)  # touched, not changed
    file = (st.st_size, st.st_mtime_ns, digest)
    kind = detect_kind(path.name, data[:SNIFF_BYTES]) if data is not None else None
    if kind in RECORD_KINDS:
        return _prepare_records(rel, file_records(data, kind, rel), file, reading, boilerplate, old)
    try:
        result = read_file(path, root, boilerplate, knowledge_dir=reading.knowledge_dir)
    except ValueError as exc:  # read_file reports bad articles; it raises only for bad knowledge files
        raise KnowledgeUnreadable(f"cannot load the knowledge files: {exc}") from None
    prepared = Prepared(rel, "read", bool(old), skipped=list(result.skipped), warnings=list(result.warnings))
    for article in result.articles:
        _add_document(prepared, article, file, reading)
    return prepared


def _add_document(prepared: Prepared, article: Article, file: tuple, reading: Reading, record: Record | None = None):
    """Extract one article's facets and add its document; a record's document carries its digest."""
    facets = extract(article, reading.knowledge)
    document = to_document(article, facets, *file)
    if record is not None:
        document["filestate"] = record_filestate(article, file, reading.generation, record.digest)
    prepared.documents.append(document)
    prepared.words.update(distinct_words(article.text))


# -- record files: only the records that changed ------------------------------------

RECORD_SUFFIXES = (".json", ".jsonl", ".ndjson")


def _may_hold_records(path: Path) -> bool:
    """Named like a record file; its content decides (detect_kind), as read_file's does."""
    return path.suffix.lower() in RECORD_SUFFIXES


def _prepare_records(rel: str, found: RecordFile, file, reading: Reading, boilerplate, old: FileState | None):
    """A new or changed record file: only records whose id and digest the index lacks are read and
    extracted, records changed or gone are deleted by id, and the others are left as they are.

    When no document comes of the records read, one unchanged record is read again all the same,
    so that a document carries the file's new state and the next run sees the file unchanged.
    """
    indexed = old.records if old else None
    if indexed is None:  # new, or indexed whole by an older version: every record is read
        return _read_records(rel, found.records, file, reading, boilerplate, bool(old), found)
    current = {record.id: record.digest for record in found.records}
    gone = [id_ for id_, digest in indexed.items() if current.get(id_) != digest]
    kept = [record for record in found.records if indexed.get(record.id) == record.digest]
    fresh = [record for record in found.records if indexed.get(record.id) != record.digest]
    prepared = _read_records(rel, fresh, file, reading, boilerplate, True, found)
    prepared.changed = bool(gone or prepared.documents)
    if not prepared.documents and kept:
        carrier = kept.pop()
        gone.append(carrier.id)
        carried = _read_records(rel, [carrier], file, reading, boilerplate, True)
        prepared.documents = carried.documents  # its words are in the vocabulary already
        prepared.skipped += carried.skipped
    prepared.delete_ids, prepared.kept = gone, len(kept)
    return prepared


def _read_records(rel, records: list[Record], file, reading: Reading, boilerplate, known, found=None) -> Prepared:
    """Read and extract some records of one file; found's file-wide skips and warnings come first."""
    try:
        result = read_records(records, rel, boilerplate, knowledge_dir=reading.knowledge_dir)
    except ValueError as exc:  # as read_file: only a bad knowledge file raises
        raise KnowledgeUnreadable(f"cannot load the knowledge files: {exc}") from None
    prepared = Prepared(rel, "read", known)
    prepared.skipped = (found.skipped if found else []) + result.skipped
    prepared.warnings = (found.warnings if found else []) + result.warnings
    by_id = {record.id: record for record in records}
    for article in result.articles:
        _add_document(prepared, article, file, reading, by_id[article.id])
    return prepared


def _apply(writer, prepared: Prepared, report: ReindexReport, vocabulary: Counter, written: int) -> None:
    """Put one prepared file (or part of one) into the writer, and the file into the report.

    written counts the file's documents added in this run, its earlier parts' included.
    """
    report.skipped.extend(prepared.skipped)
    report.warnings.extend(prepared.warnings)
    if prepared.fate == "unchanged":
        report.unchanged += 1
        return
    if prepared.delete_ids is not None:
        for id_ in prepared.delete_ids:
            writer.delete_by_term("id", id_)
    elif prepared.known:
        writer.delete_by_term("path", prepared.rel)
    for document in prepared.documents:
        writer.add_document(**document)
    vocabulary.update(prepared.words)
    if prepared.fate == "part":
        return
    if not prepared.known:
        if written:
            report.added.append(prepared.rel)
    elif not written and not prepared.kept:
        report.removed.append(prepared.rel)  # it was indexed, now none of it can be read
    elif prepared.changed:
        report.updated.append(prepared.rel)
    else:
        report.unchanged += 1


# -- reading in worker processes -------------------------------------------------

PARALLEL_MIN_FILES = 500  # fewer files are read in this process: starting workers costs about a second
CHUNK_FILES = 32  # files a worker reads per task: large enough to amortise pickling, small for memory
SPLIT_RECORD_BYTES = 1 << 20  # a record file this big is read by the workers in parts (some 500 articles up)
CHUNK_RECORDS = 64  # records a worker reads per task
_reading: tuple | None = None  # (reading, boilerplate) in a worker process


def _worker_count() -> int:
    """Reading workers beside this process, which keeps one core for the writer."""
    return min(4, (os.cpu_count() or 1) - 1)


@dataclass
class FilesTask:
    """Files a worker reads whole."""

    paths: list[Path]
    root: Path


@dataclass
class RecordsTask:
    """Some records of one big record file, read in the parent; the first part brings the file's skips."""

    rel: str
    file: tuple[int, int, str]  # size, mtime_ns, sha256
    records: list[Record]
    found: RecordFile | None  # the first part only
    last: bool


def _prepare_in_workers(files, root, reading: Reading, boilerplate, index_dir: Path):
    """Prepared files in file order, read by a pool of forked processes a few tasks ahead of the writer.

    Forked rather than spawned: spawning would re-run the caller's main script in each worker.
    """
    workers = _worker_count()
    context = multiprocessing.get_context("fork")
    initargs = (os.getpid(), reading, boilerplate, Path(index_dir).resolve())
    with ProcessPoolExecutor(workers, context, initializer=_start_worker, initargs=initargs) as pool:
        pending: deque = deque()
        try:
            for task in _tasks(files, root):
                pending.append(pool.submit(_run_task, task))
                if len(pending) > 2 * workers:  # bounded read-ahead keeps memory flat
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def _tasks(files: list[Path], root: Path):
    """The workers' tasks in file order: a few files each, and a big record file's records in parts."""
    batch: list[Path] = []
    for path in files:
        parts = _record_parts(path, root) if _is_big_record_file(path) else None
        if parts is None:
            batch.append(path)
            if len(batch) < CHUNK_FILES:
                continue
            parts = []
        if batch:
            yield FilesTask(batch, root)
            batch = []
        yield from parts
    if batch:
        yield FilesTask(batch, root)


def _is_big_record_file(path: Path) -> bool:
    try:
        return _may_hold_records(path) and path.stat().st_size >= SPLIT_RECORD_BYTES
    except OSError:
        return False


def _record_parts(path: Path, root: Path) -> list[RecordsTask] | None:
    """A big record file split into its records here, for the workers; None: let a worker read it whole."""
    rel = _rel(path, root)
    try:
        st = path.stat()
        data = path.read_bytes()
    except OSError:
        return None  # the worker reports why
    kind = detect_kind(path.name, data[:SNIFF_BYTES])
    if kind not in RECORD_KINDS:
        return None
    found = file_records(data, kind, rel)
    file = (st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())
    chunks = [found.records[i : i + CHUNK_RECORDS] for i in range(0, len(found.records), CHUNK_RECORDS)] or [[]]
    last = len(chunks) - 1
    return [RecordsTask(rel, file, chunk, found if n == 0 else None, n == last) for n, chunk in enumerate(chunks)]


def _run_task(task) -> list[Prepared]:
    """New files and records only: workers serve full builds, where nothing is indexed yet."""
    reading, boilerplate = _reading
    if isinstance(task, FilesTask):
        return [_prepare_or_skip(path, task.root, reading, boilerplate, None) for path in task.paths]
    prepared = _read_records(task.rel, task.records, task.file, reading, boilerplate, False, task.found)
    prepared.fate = "read" if task.last else "part"
    return [prepared]


def _start_worker(parent: int, reading: Reading, boilerplate, index_dir: Path) -> None:
    global _reading
    _reading = (reading, boilerplate)
    _close_index_files(index_dir)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _close_index_files(index_dir: Path) -> None:
    """Close this forked worker's copies of the index's files, so its locks die with the parent (Linux)."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return
    for fd in list(fds.iterdir()):
        try:
            target = os.readlink(fd)
            if target.startswith(str(index_dir) + os.sep):
                os.close(int(fd.name))
        except OSError:
            pass


def _exit_when_orphaned(parent: int) -> None:
    """A killed reindex leaves no reading workers behind for more than a second."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)
