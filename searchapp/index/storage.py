"""The index folder: the Whoosh index in it, and the JSON side files the builds leave beside it.

Read by the search side (open_index, the vocabulary) as well as the builder.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from whoosh import index
from whoosh.filedb.filestore import FileStorage

META_FILE = "searchapp-meta.json"  # schema version, boilerplate lines and fingerprint of the last full build
# word -> number of articles using it, for spelling suggestions. Incremental runs only
# add to it; search checks that a suggestion finds something before offering it.
VOCABULARY_FILE = "searchapp-words.json"
SIDE_TEMP_PREFIX, SIDE_TEMP_SUFFIX = ".side-", ".tmp"  # a side file being written (write_json)


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
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=SIDE_TEMP_PREFIX, suffix=SIDE_TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            # dumps, not dump: only the one-shot encoder is the C one (a 100,000-word vocabulary: 0.6 -> 0.1 s)
            f.write(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the index files are not
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
