"""reindex: bring the index up to date with the archive, incrementally or whole, under a lock.

A run lists the archive, prepares new and changed files (prepare.py, pool.py), puts them into
one writer and commits; whatever stops it, the previous index stays searchable (cleanup.py).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from whoosh import index, writing
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from searchapp.index.cleanup import abandon, remove_leftovers, stale_runs
from searchapp.index.errors import (
    DISK_FULL,
    NOT_ALLOWED,
    ArchiveMissing,
    DiskFull,
    IndexBusy,
    IndexUnwritable,
    index_failure,
)
from searchapp.index.filestate import indexed_files
from searchapp.index.fingerprint import fingerprint
from searchapp.index.pool import prepared_files
from searchapp.index.prepare import Prepared, Reading
from searchapp.index.schema import SCHEMA_VERSION, schema
from searchapp.index.storage import VOCABULARY_FILE, index_exists, open_index, read_json, read_meta, write_json, write_meta
from searchapp.internals import writer as writer_internals
from searchapp.reading import Skip, find_recurring_lines
from searchapp.reading.archive import scan_archive
from searchapp.reading.limits import READ_LIMITS, ReadLimits

if TYPE_CHECKING:
    from searchapp.facets import Knowledge

WRITER_TIMEOUT = 1.0  # seconds to wait for Whoosh's write lock before calling the index busy
REINDEX_LOCK = "searchapp_REINDEX"

Progress = Callable[[int, int], None]  # (files done, files in total)


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


@dataclass(frozen=True)
class Run:
    """One reindex's settings, as reindex() was called."""

    articles_dir: Path
    index_dir: Path
    full: bool
    progress: Progress | None
    follow_links_outside: bool


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
    follow_links_outside: bool = False,
    read_limits: ReadLimits | None = None,
) -> ReindexReport:
    """Bring the index in index_dir up to date with the archive; full=True rebuilds it.

    knowledge (Knowledge.load, with the newsroom's KNOWLEDGE_DIR folder merged in) serves both
    the reading stage (outlets, boilerplate) and extraction.
    follow_links_outside lets symbolic links to files outside the archive in (the
    FOLLOW_LINKS_OUTSIDE_ARCHIVE setting); no archive entry fails a run, each odd one is a skip.
    read_limits bound a file's size and an article's text (READ_MAX_MB and the like; None: the defaults).
    Raises ArchiveMissing or IndexBusy and changes nothing then; DiskFull,
    IndexUnwritable or IndexDamaged (all ReindexError) when the index's side fails. A run that
    fails or is killed at any point leaves the previous index whole: Whoosh renames its table of
    contents into place on commit, and the run's partial files go (now, or when the next run starts).
    """
    articles_dir, index_dir = Path(articles_dir), Path(index_dir)
    check_archive(articles_dir)
    lock = _reindex_lock(index_dir)
    limits_token = READ_LIMITS.set(read_limits or ReadLimits())  # for the run, and its forked workers
    try:
        run = Run(articles_dir, index_dir, full, progress, follow_links_outside)
        return _reindex_locked(run, Reading(knowledge))
    finally:
        READ_LIMITS.reset(limits_token)
        lock.release()


def _reindex_lock(index_dir: Path):
    """Our own lock, held: it covers the whole run, including creating a first index, which
    Whoosh's writer lock cannot (creating clears the folder)."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        lock = FileStorage(str(index_dir)).lock(REINDEX_LOCK)
        locked = lock.acquire(blocking=False)
    except OSError as exc:
        failure = index_failure(exc, index_dir)
        raise failure or IndexUnwritable(f"cannot use the index folder {index_dir} ({exc.strerror or exc})") from None
    if not locked:
        raise IndexBusy(f"another reindex is running on {index_dir}; try again when it has finished")
    return lock


def _reindex_locked(run: Run, reading: Reading) -> ReindexReport:
    """One run under the reindex lock: whatever stops it, the previous index stays searchable and
    the run's own partial files go (abandon), and the error says whether the disk or the index failed."""
    index_dir = run.index_dir
    meta = read_meta(index_dir)
    runs = stale_runs(index_dir)  # before this run's writer makes its own
    ix, writer, full = _open_writer(index_dir, meta, run.full)
    run, reading = replace(run, full=full), replace(reading, generation=writer.generation)
    try:
        remove_leftovers(index_dir, keep=writer.newsegment.segment_id(), runs=runs)  # a killed run's
        report, boilerplate, vocabulary, made_with = _fill_writer(writer, ix, run, reading, meta)
        if full:
            writer.commit(mergetype=writing.CLEAR)
        else:
            writer.commit()
    except BaseException as exc:
        abandon(writer, index_dir)
        failure = index_failure(exc, index_dir)
        if failure is None or failure is exc:
            raise
        raise failure from exc
    _save_side_files(index_dir, full, vocabulary, boilerplate, made_with)
    report.articles = writer_internals.doc_count(open_index(index_dir))
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
        return ix, writer_internals.open_writer(ix, timeout=WRITER_TIMEOUT), full
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


def _fill_writer(writer, ix, run: Run, reading: Reading, meta: dict):
    """Put the archive's new and changed files into the writer and take out the files gone.

    Returns (report, boilerplate, vocabulary, fingerprint) for the side files written after the commit.
    Entries the listing passes over (odd names, links, pipes, unreadable folders) open the report's skips.
    """
    articles_dir = run.articles_dir
    try:
        listing = scan_archive(articles_dir, follow_links_outside=run.follow_links_outside)
    except OSError as exc:  # the archive folder itself
        raise ArchiveMissing(f"archive folder cannot be read: {articles_dir} ({exc.strerror or exc})") from None
    report = ReindexReport(full=run.full, skipped=list(listing.skipped))
    if run.full:
        writer.schema = schema()  # a rebuild may bring a new schema
        files = [articles_dir / listed.path for listed in listing.files]
        boilerplate = recurring_lines(files, articles_dir)
        before = _previous_files(ix, report)
        known = {}
    else:
        boilerplate = frozenset(meta.get("boilerplate", []))
        # The writer's own searcher: its deletions below reuse it instead of opening another reader.
        before = known = _read_index(run.index_dir, lambda: indexed_files(writer.searcher().reader()))
        # Size and time as indexed: unchanged, with no Path made and no file opened.
        files = [
            articles_dir / listed.path
            for listed in listing.files
            if known.get(listed.path, ())[:2] != (listed.size, listed.mtime_ns)
        ]
        report.unchanged = len(listing.files) - len(files)
    made_with = fingerprint(reading.knowledge)
    if not run.full and meta.get("fingerprint") != made_with:
        report.warnings.append(
            "the reading or extraction rules or the knowledge files changed since the last full build; "
            "run `flask --app searchapp reindex --full` to apply them to unchanged articles"
        )
    vocabulary: Counter[str] = Counter()
    outcomes = prepared_files(files, articles_dir, reading, boilerplate, known, run.index_dir)
    _write_files(writer, outcomes, len(files), report, vocabulary, run.progress)
    seen = {listed.path for listed in listing.files}
    for path in sorted(set(before) - seen):
        if not run.full:  # a full build clears everything anyway
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


def _previous_files(ix, report: ReindexReport) -> dict:
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


def _write_files(writer, outcomes, total: int, report: ReindexReport, vocabulary: Counter, progress) -> None:
    """Add the prepared files to the writer, reporting each file's fate and counting their words."""
    if progress:
        progress(0, total)
    done = written = 0  # written: documents of the file in hand, whose records may come in parts
    for outcome in outcomes:
        written += len(outcome.documents)
        _apply(writer, outcome, report, vocabulary, written)
        if outcome.fate != "part":
            done, written = done + 1, 0
            if progress:
                progress(done, total)


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
