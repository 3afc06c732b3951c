"""Files prepared for the writer in file order: here, or by forked worker processes in a big build.

The workers read and extract; the documents come back in file order to the one writer in
the parent, which keeps a core to itself.
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
    may_hold_records,
    prepare_or_skip,
    read_some_records,
    read_within_limits,
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

    Workers serve full builds (nothing known yet) of many files or with a big record file.
    """
    many = len(files) >= PARALLEL_MIN_FILES or any(map(_is_big_record_file, files))
    if not known and many and _worker_count() > 0:  # a full build
        return _prepare_in_workers(files, root, reading, boilerplate, index_dir)
    return (prepare_or_skip(path, root, reading, boilerplate, known.get(relative(path, root))) for path in files)


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
    """Files a worker reads whole."""

    paths: list[Path]
    root: Path


@dataclass
class RecordsTask:
    """Some records of one big record file, read in the parent; the first part brings the file's skips."""

    rel: str
    file: File
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
        return may_hold_records(path) and path.stat().st_size >= SPLIT_RECORD_BYTES
    except OSError:
        return False


def _record_parts(path: Path, root: Path) -> list[RecordsTask] | None:
    """A big record file split into its records here, for the workers; None: let a worker read it whole
    (and report it, when it cannot be read or is over its size limit)."""
    rel = relative(path, root)
    try:
        st = path.stat()
        data = read_within_limits(path)
    except OSError:
        return None
    kind = detect_kind(path.name, data[:SNIFF_BYTES]) if data is not None else None
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
        return [prepare_or_skip(path, task.root, reading, boilerplate, None) for path in task.paths]
    prepared = read_some_records(task.rel, task.records, task.file, reading, boilerplate, False, task.found)
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
