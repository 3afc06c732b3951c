"""One archive file made ready for the writer: read once, its articles extracted, their documents built.

Nothing here touches the index, so a file is prepared alike in this process or in a worker (pool.py).
"""

from __future__ import annotations

import errno
import functools
import hashlib
import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from searchapp.facets import Facets, extract
from searchapp.facets.pairs import country_pairs
from searchapp.facets.text import sentence_bounds
from searchapp.index.document import to_document
from searchapp.index.errors import ReindexError
from searchapp.index.filestate import File, FileState, record_filestate
from searchapp.index.record import StoredMeeting
from searchapp.index.schema import distinct_words
from searchapp.knowledge.roles import known_official
from searchapp.reading import Article, Skip, read_file
from searchapp.reading.formats import SNIFF_BYTES, bytes_within_limits, detect_kind
from searchapp.reading.limits import READ_LIMITS
from searchapp.reading.records import RECORD_KINDS, Record, RecordFile, file_records, read_records

if TYPE_CHECKING:
    from searchapp.facets import Knowledge

RECORD_SUFFIXES = (".json", ".jsonl", ".ndjson")


@dataclass(frozen=True)
class Reading:
    """What turns a file into documents: the knowledge (reading and extraction),
    and the index generation the run writes (it stamps record documents; see filestate.py)."""

    knowledge: Knowledge
    generation: int = 0


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


@functools.lru_cache(maxsize=8)
def _prefix(root: str) -> str:
    return os.path.join(root, "")


def relative(path: Path, root: Path) -> str:
    """The archive-relative posix path; string slicing, as pathlib's relative_to costs seconds per 100,000 files."""
    text, prefix = str(path), _prefix(str(root))
    if text.startswith(prefix):
        return text[len(prefix):].replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def may_hold_records(path: Path) -> bool:
    """Named like a record file; its content decides (detect_kind), as read_file's does."""
    return path.suffix.lower() in RECORD_SUFFIXES


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_within_limits(path: Path) -> bytes | None:
    """The file's bytes, read once for its hash and its reader; None when it is over its size limit
    (the reader then skips it unread, with the reason)."""
    data, too_large = bytes_within_limits(path, READ_LIMITS.get())
    return None if too_large else data


def prepare_or_skip(path: Path, root: Path, reading: Reading, boilerplate, old: FileState | None) -> Prepared:
    """prepare_file, where a reader's failure on one odd file costs that file, never the run."""
    try:
        return prepare_file(path, root, reading, boilerplate, old)
    except ReindexError:
        raise
    except Exception as exc:
        rel = relative(path, root)
        reason = f"could not be read ({type(exc).__name__}: {exc})"
        return Prepared(rel, "unreadable", bool(old), skipped=[Skip(rel, reason)])


def prepare_file(path: Path, root: Path, reading: Reading, boilerplate, old: FileState | None) -> Prepared:
    """Read and extract one file unless its size, time or hash shows it unchanged; no index access.

    The file is read once: the same bytes are hashed and read (or split into records).
    """
    rel = relative(path, root)
    try:
        st = path.stat()
        if old and old[:2] == (st.st_size, st.st_mtime_ns):
            return Prepared(rel, "unchanged", True)
        if not stat.S_ISREG(st.st_mode):  # swapped for a pipe or device since the listing: opening it could block
            raise OSError(errno.EINVAL, "not a regular file (a pipe, device or socket)")
        data = read_within_limits(path)
        if data is not None:
            digest = hashlib.sha256(data).hexdigest()
        else:  # too large to read: hashed only where the hash may show it unchanged (limits lowered since)
            digest = file_hash(path) if old and old.size == st.st_size else ""
    except OSError as exc:
        return Prepared(rel, "unreadable", bool(old), skipped=[Skip(rel, f"cannot read: {exc.strerror or exc}")])
    if old and old[2] == digest:
        return Prepared(rel, "unchanged", True)  # touched, not changed
    file = (st.st_size, st.st_mtime_ns, digest)
    kind = detect_kind(path.name, data[:SNIFF_BYTES]) if data is not None else None
    if kind in RECORD_KINDS:
        return prepare_records(rel, file_records(data, kind, rel), file, reading, boilerplate, old)
    result = read_file(path, root, boilerplate, knowledge=reading.knowledge, data=data)
    prepared = Prepared(rel, "read", bool(old), skipped=list(result.skipped), warnings=list(result.warnings))
    for article in result.articles:
        _add_document(prepared, article, file, reading)
    return prepared


def _add_document(prepared: Prepared, article: Article, file: File, reading: Reading, record: Record | None = None):
    """Extract one article's facets and add its document; a record's document carries its digest."""
    facets = extract(article, reading.knowledge)
    meetings = stored_meetings(facets, reading.knowledge)
    pairs = country_pairs(article.text, facets, sentence_bounds(article.text), [m.countries for m in meetings])
    document = to_document(article, facets, *file, meetings=meetings, country_pairs=pairs)
    if record is not None:
        document["filestate"] = record_filestate(article, file, reading.generation, record.digest)
    prepared.documents.append(document)
    prepared.words.update(distinct_words(article.text))


def stored_meetings(facets: Facets, knowledge: Knowledge) -> list[StoredMeeting]:
    """The article's meetings, each with its participants' countries as the knowledge has them."""
    found = []
    for m in facets.meetings:
        countries = {o.country for o in (known_official(knowledge, p) for p in m.participants) if o and o.country}
        found.append(StoredMeeting(m.participants, tuple(sorted(countries)), m.date, m.place, m.evidence, m.start, m.end))
    return found


@dataclass
class RecordChanges:
    """How a changed record file's records differ from what the index holds."""

    fresh: list[Record]  # new or changed: to be read
    gone: list[str] | None  # ids of documents to delete; None: the file was not indexed by record
    kept: list[Record]  # unchanged, left in the index as they are


def record_changes(found: RecordFile, old: FileState | None) -> RecordChanges:
    """Which records to read and which documents to delete, by each record's id and digest."""
    indexed = old.records if old else None
    if indexed is None:  # new, or indexed whole by an older version: every record is read
        return RecordChanges(list(found.records), None, [])
    current = {record.id: record.digest for record in found.records}
    return RecordChanges(
        fresh=[record for record in found.records if indexed.get(record.id) != record.digest],
        gone=[id_ for id_, digest in indexed.items() if current.get(id_) != digest],
        kept=[record for record in found.records if indexed.get(record.id) == record.digest],
    )


def prepare_records(rel: str, found: RecordFile, file: File, reading: Reading, boilerplate, old: FileState | None):
    """A new or changed record file: only records whose id and digest the index lacks are read and
    extracted, records changed or gone are deleted by id, and the others are left as they are."""
    changes = record_changes(found, old)
    prepared = read_some_records(rel, changes.fresh, file, reading, boilerplate, bool(old), found)
    if changes.gone is None:
        return prepared
    prepared.delete_ids, prepared.kept = list(changes.gone), len(changes.kept)
    prepared.changed = bool(changes.gone or prepared.documents)
    if not prepared.documents:
        carry_file_state(prepared, changes.kept, file, reading, boilerplate)
    return prepared


def carry_file_state(prepared: Prepared, kept: list[Record], file: File, reading: Reading, boilerplate) -> None:
    """When no document comes of a changed file's records read, one unchanged record is read again
    all the same, so that a document carries the file's new state and the next run sees it unchanged."""
    if not kept:
        return
    carrier = kept[-1]
    carried = read_some_records(prepared.rel, [carrier], file, reading, boilerplate, True)
    prepared.documents += carried.documents  # its words are in the vocabulary already
    prepared.skipped += carried.skipped
    prepared.delete_ids.append(carrier.id)
    prepared.kept -= 1


def read_some_records(rel, records: list[Record], file: File, reading: Reading, boilerplate, known, found=None):
    """Read and extract some records of one file; found's file-wide skips and warnings come first."""
    result = read_records(records, rel, boilerplate, knowledge=reading.knowledge)
    prepared = Prepared(rel, "read", known)
    prepared.skipped = (found.skipped if found else []) + result.skipped
    prepared.warnings = (found.warnings if found else []) + result.warnings
    by_id = {record.id: record for record in records}
    for article in result.articles:
        _add_document(prepared, article, file, reading, by_id[article.id])
    return prepared
