"""Files prepared for the writer in file order: here, or by forked worker processes when there is much to read.

The workers read and extract, a few files or a big record file's records a task; the documents
come back in file order to the one writer in the parent.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from searchapp.index.filestate import File, FileState
from searchapp.index.prepare import (
    Prepared,
    Reading,
    RecordChanges,
    carry_file_state,
    may_hold_records,
    prepare_or_skip,
    read_some_records,
    read_within_limits,
    record_changes,
    relative,
)
from searchapp.reading.formats import SNIFF_BYTES, detect_kind
from searchapp.reading.records import RECORD_KINDS, Record, RecordFile, file_records

PARALLEL_MIN_FILES = 500  # fewer files are read in this process: starting workers costs about a second
CHUNK_FILES = 32  # files a worker reads per task: large enough to amortise pickling, small for memory
SPLIT_RECORD_BYTES = 1 << 20  # a record file this big is read by the workers in parts (some 500 articles up)
CHUNK_RECORDS = 64  # records a worker reads per task
_reading: tuple | None = None  # (reading, boilerplate) in a worker process


def prepared_files(
    files: list[Path], root: Path, reading: Reading, boilerplate, known: dict[str, FileState], index_dir: Path
) -> Iterator[Prepared]:
    """Each file prepared, in file order; a big record file may come in parts (fate "part").

    Workers serve runs with much to read, full or incremental: many files, or a record file with
    a megabyte of new lines (a new dump, or a big one appended to); a few changed files are read here.
    """
    olds = [known.get(relative(path, root)) for path in files] if known else [None] * len(files)
    if _worker_count() > 0 and (len(files) >= PARALLEL_MIN_FILES or any(map(_worth_splitting, files, olds))):
        return _prepare_in_workers(files, olds, root, reading, boilerplate, index_dir)
    return (prepare_or_skip(path, root, reading, boilerplate, old) for path, old in zip(files, olds))


def _worker_count() -> int:
    """Reading workers beside the writer: one a core this process may use, at most 4.

    Not one core fewer for the writer: a wire dump's short articles cost more to read and extract
    than to write, and one worker left the writer waiting half the time. When the writer is the
    slower side the workers run ahead only a few tasks (_prepare_in_workers) and then wait, so
    the writer gets its core back. One core: no workers.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(4, cores) if cores > 1 else 0


@dataclass
class FilesTask:
    """Files a worker reads whole, each with what the index knows of it (None: nothing)."""

    paths: list[Path]
    olds: list[FileState | None]
    root: Path


@dataclass
class RecordsTask:
    """Some new or changed records of one big record file, split in the parent.

    The first part brings the file's skips and the deletions (delete_ids: None deletes the file's
    documents by path when it is known, as read whole by an older version).
    """

    rel: str
    file: File
    records: list[Record]
    found: RecordFile | None  # the first part only
    last: bool
    known: bool
    delete_ids: list[str] | None


@dataclass
class InParts:
    """A record file read in parts, as the parent keeps it: what only all its parts decide."""

    changes: RecordChanges
    file: File
    documents: int = 0  # documents its parts brought so far


def _prepare_in_workers(files, olds, root, reading: Reading, boilerplate, index_dir: Path):
    """Prepared files in file order, read by a pool of forked processes a few tasks ahead of the writer.

    Forked rather than spawned: spawning would re-run the caller's main script in each worker.
    """
    workers = _worker_count()
    context = multiprocessing.get_context("fork")
    initargs = (os.getpid(), reading, boilerplate, Path(index_dir).resolve())
    with ProcessPoolExecutor(workers, context, initializer=_start_worker, initargs=initargs) as pool:
        pending: deque = deque()
        try:
            for task, parts in _tasks(files, olds, root):
                pending.append((pool.submit(_run_task, task), parts))
                if len(pending) > 2 * workers:  # bounded read-ahead keeps memory flat
                    yield from _results(*pending.popleft(), reading, boilerplate)
            while pending:
                yield from _results(*pending.popleft(), reading, boilerplate)
        finally:
            for future, _ in pending:
                future.cancel()


def _results(future, parts: InParts | None, reading: Reading, boilerplate) -> list[Prepared]:
    """A task's prepared files; a file in parts is finished on its last part, as prepare_records finishes one."""
    outcomes = future.result()
    if parts is not None:
        [prepared] = outcomes
        parts.documents += len(prepared.documents)
        if prepared.fate != "part" and parts.changes.gone is not None:
            prepared.kept = len(parts.changes.kept)
            prepared.changed = bool(parts.changes.gone or parts.documents)
            if not parts.documents:
                carry_file_state(prepared, parts.changes.kept, parts.file, reading, boilerplate)
    return outcomes


def _tasks(files: list[Path], olds: list, root: Path):
    """The workers' tasks in file order, each with its InParts when it is part of a file in parts:
    a few files a task, and a big record file's new records in parts."""
    batch: list[Path] = []
    batch_olds: list = []
    for path, old in zip(files, olds):
        parts = _record_parts(path, root, old) if _worth_splitting(path, old) else None
        if parts is None:
            batch.append(path)
            batch_olds.append(old)
            if len(batch) < CHUNK_FILES:
                continue
            parts = []
        if batch:
            yield FilesTask(batch, batch_olds, root), None
            batch, batch_olds = [], []
        yield from parts
    if batch:
        yield FilesTask(batch, batch_olds, root), None


def _worth_splitting(path: Path, old: FileState | None) -> bool:
    """A record file with a megabyte more than the index knows of it (all of it when new)."""
    try:
        return may_hold_records(path) and path.stat().st_size - (old.size if old else 0) >= SPLIT_RECORD_BYTES
    except OSError:
        return False


def _record_parts(path: Path, root: Path, old: FileState | None) -> list[tuple[RecordsTask, InParts]] | None:
    """A big record file's new and changed records in parts, split here for the workers; None: let a
    worker read it whole (when it cannot be read, is over its size limit, is unchanged or has no
    record to read: only deletions, which prepare_records makes)."""
    rel = relative(path, root)
    try:
        st = path.stat()
        if old and old[:2] == (st.st_size, st.st_mtime_ns):
            return None
        data = read_within_limits(path)
    except OSError:
        return None
    kind = detect_kind(path.name, data[:SNIFF_BYTES]) if data is not None else None
    if kind not in RECORD_KINDS:
        return None
    file = (st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())
    if old and old[2] == file[2]:
        return None
    found = file_records(data, kind, rel)
    changes = record_changes(found, old)
    if not changes.fresh:
        return None
    fresh = changes.fresh
    chunks = [fresh[i : i + CHUNK_RECORDS] for i in range(0, len(fresh), CHUNK_RECORDS)]
    parts = InParts(changes, file)
    last = len(chunks) - 1
    return [
        (RecordsTask(rel, file, chunk, found if n == 0 else None, n == last, bool(old), changes.gone if n == 0 else []), parts)
        for n, chunk in enumerate(chunks)
    ]


def _run_task(task) -> list[Prepared]:
    """Files or records read and extracted in a worker: no index access, as prepare.py's."""
    reading, boilerplate = _reading
    if isinstance(task, FilesTask):
        return [prepare_or_skip(path, task.root, reading, boilerplate, old) for path, old in zip(task.paths, task.olds)]
    prepared = read_some_records(task.rel, task.records, task.file, reading, boilerplate, task.known, task.found)
    prepared.fate = "read" if task.last else "part"
    prepared.delete_ids = None if task.delete_ids is None else list(task.delete_ids)
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
