"""A run that stops leaves the previous index whole: its own partial files go, now or at the next run.

Whoosh renames the table of contents into place on commit, so the index on disk is the previous
one until then; what a failed or killed run leaves is files no table of contents names.
"""

from __future__ import annotations

import os
from pathlib import Path

from searchapp.index.storage import SIDE_TEMP_PREFIX, SIDE_TEMP_SUFFIX
from searchapp.internals import writer as writer_internals


def abandon(writer, index_dir: Path) -> None:
    """Give up the writer's work: the index's table of contents still names the previous segments.

    Whoosh's cancel() closes the new segment's files but leaves them in the folder; after a commit
    that failed half way (a full disk) it may fail itself, so the lock and temporary files are let go here.
    """
    try:
        if not writer.is_closed:
            writer.cancel()
    except Exception:
        writer_internals.release(writer)
    remove_leftovers(index_dir)


def stale_runs(index_dir: Path) -> list[Path]:
    """The sorted runs a killed writer left; taken before this run's writer makes its own."""
    return writer_internals.run_files(index_dir)


def remove_leftovers(index_dir: Path, keep: str | None = None, runs: list[Path] = ()) -> None:
    """Delete what runs that never committed left: segment files no table of contents names, half-
    written TOC and side files, and runs (temporary files from before this run's writer).

    Called only while this process holds both the reindex lock and Whoosh's write lock, so no other
    writer is at work: such files are this run's own, or a killed run's. keep: this run's segment.
    A TOC that cannot be read leaves everything as it is (a full rebuild clears the folder).
    """
    unnamed = writer_internals.unnamed_files(index_dir, keep)
    try:
        names = os.listdir(index_dir)
    except OSError:
        return
    if unnamed is None:
        return
    side_files = [index_dir / name for name in names if name.startswith(SIDE_TEMP_PREFIX) and name.endswith(SIDE_TEMP_SUFFIX)]
    for path in unnamed + side_files + list(runs):
        try:
            path.unlink()
        except OSError:  # gone already, or held open elsewhere: the next commit's cleaning tries again
            pass
