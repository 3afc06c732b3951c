"""The archive read and extracted exactly as our full build does it, for the peer engines (FTS5, tantivy).

Every engine in bench/run.py indexes the documents that searchapp.index prepares: the same
listing, recurring-line pass, readers, extraction (facets, meetings, country pairs) and the
same reading workers. So an end-to-end build figure differs between engines only by what
each engine does with the documents, and the time an engine waited for them is measured.
"""

from __future__ import annotations

import pickle
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from searchapp.index.build import recurring_lines
from searchapp.index.pool import prepared_files
from searchapp.index.prepare import Reading
from searchapp.reading.archive import scan_archive


@dataclass
class Waits:
    """Seconds spent waiting for documents (reading and extraction not hidden behind the engine), and skips."""

    read_extract_s: float = 0.0
    boilerplate_s: float = 0.0
    skipped: int = 0


def documents(root: Path, knowledge, waits: Waits, boilerplate: frozenset[str] | None = None,
              engine_dir: Path | None = None) -> Iterator[dict]:
    """Each article's document as our writer receives it, in archive order; waits adds up the time it took.

    engine_dir: the peer's files, which the forked reading workers close (as ours close the index's).
    """
    started = time.perf_counter()
    files = [root / listed.path for listed in scan_archive(root).files]
    if boilerplate is None:
        boilerplate = recurring_lines(files, root)
    waits.boilerplate_s = time.perf_counter() - started
    waits.read_extract_s += waits.boilerplate_s
    prepared = prepared_files(files, root, Reading(knowledge), boilerplate, {}, engine_dir or root)
    while True:
        started = time.perf_counter()
        item = next(prepared, None)
        waits.read_extract_s += time.perf_counter() - started
        if item is None:
            return
        waits.skipped += len(item.skipped)
        yield from item.documents


def facet_values(document: dict, name: str) -> list[str]:
    """A facet's values in a document (commas separate them, as in our KEYWORD fields)."""
    text = document.get(name)
    return [v for v in text.split(",") if v] if text else []


def year_of(document: dict) -> str | None:
    return document.get("year") if document.get("date") else None


PEER_FIELDS = ("id", "title", "body", "date", "year", "source", "country", "official", "topic")


class DocumentFile:
    """The peers' fields of each document, pickled to a file as one build reads them, for another engine's
    build to index without reading the archive again; the time spent writing is kept apart (write_s)."""

    BATCH = 1000

    def __init__(self, path: Path):
        self.path, self.batch, self.write_s, self.count = path, [], 0.0, 0
        self.handle = open(path, "wb")

    def write(self, document: dict) -> None:
        started = time.perf_counter()
        self.batch.append({k: document[k] for k in PEER_FIELDS if k in document})
        if len(self.batch) >= self.BATCH:
            self._flush()
        self.write_s += time.perf_counter() - started

    def _flush(self) -> None:
        pickle.dump(self.batch, self.handle, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += len(self.batch)
        self.batch = []

    def close(self) -> None:
        started = time.perf_counter()
        self._flush()
        self.handle.close()
        self.write_s += time.perf_counter() - started


def read_documents(path: Path) -> Iterator[dict]:
    """The documents a DocumentFile holds, in order."""
    with open(path, "rb") as handle:
        while True:
            try:
                yield from pickle.load(handle)
            except EOFError:
                return
