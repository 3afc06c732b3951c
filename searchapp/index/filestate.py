"""What the index knows of each archive file, so an incremental run reads only what changed.

Every document carries its file's state in the `filestate` column: [path, size, mtime_ns, sha256]
of the file as the run that wrote it read it. A record's document (a .json or .jsonl file's
article) adds the run's generation, the record's id and its digest (RECORD_STATE).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from searchapp.reading import Article

File = tuple[int, int, str]  # size, mtime_ns, sha256 of a file as a run read it
RECORD_STATE = ("path", "size", "mtime_ns", "sha256", "generation", "id", "record_digest")


class FileState(NamedTuple):
    """What the index knows of one archive file: size, time and hash as last read, and for a record
    file (.json, .jsonl) the digest of each record it holds, by id (None: a file indexed whole)."""

    size: int
    mtime_ns: int
    sha256: str
    records: dict[str, str] | None = None


def whole_filestate(path: str, file: File) -> bytes:
    """The column value of a document from a file indexed whole."""
    return json.dumps([path, *file]).encode("utf-8")


def record_filestate(article: Article, file: File, generation: int, record_digest: str) -> bytes:
    """The column value of a record's document: which run wrote it and which record it is."""
    return json.dumps([article.path, *file, generation, article.id, record_digest]).encode("utf-8")


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
