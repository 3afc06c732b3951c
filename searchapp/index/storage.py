"""The index folder: the Whoosh index in it, and the JSON side files the builds leave beside it.

Read by the search side (open_index, the vocabulary) as well as the builder.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import orjson

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
        data = orjson.loads(path.read_bytes())
    except (OSError, ValueError):  # orjson's JSONDecodeError is a ValueError
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data: dict) -> None:
    """Write a side file atomically: a kill leaves the old one or the new one, never half."""
    try:
        # The standard library's compact UTF-8 form with sorted keys, written by orjson (a
        # 56,000-word vocabulary: 35 -> 3 ms, read back 45 -> 20 ms).
        text = orjson.dumps(data, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # what orjson refuses (a non-text key, a huge int) goes to the standard library
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=SIDE_TEMP_PREFIX, suffix=SIDE_TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the index files are not
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
