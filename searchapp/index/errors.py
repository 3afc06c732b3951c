"""Why a reindex could not run: one exception a cause, whose message is the one line a user sees.

Each names the side that failed (the archive, the disk, the index folder, the index itself), so
that a newsroom is never sent to rebuild a sound index for someone else's fault.
"""

from __future__ import annotations

import errno
from pathlib import Path


class ReindexError(Exception):
    """A reindex that cannot run; its message is the one line a user sees."""


class IndexBusy(ReindexError):
    """Another reindex holds the index's lock."""


class ArchiveMissing(ReindexError):
    """The archive folder does not exist or cannot be read."""


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
