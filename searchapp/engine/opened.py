"""One opened Whoosh searcher and the tables derived from it, each made once per opening.

A reindex makes the service open a fresh searcher, and with it a fresh
OpenedIndex: nothing derived from the old one can linger. Per-segment arrays
(field lengths, dates, facet postings, vocabularies) live in the SegmentTables
shared across openings, since segments never change.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from searchapp.engine import expansion
from searchapp.engine.aliases import AliasTable
from searchapp.engine.paths import SearchPath
from searchapp.internals import postings
from searchapp.internals.segment_tables import SegmentTables


class OpenedIndex:
    def __init__(self, searcher, tables: SegmentTables, path: SearchPath, aliases: AliasTable | None = None):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.tables = tables
        self.path = path  # the fast path over Whoosh's internals, or Whoosh's public one
        self.aliases = aliases  # the knowledge's names for countries and officials (aliases.py); None: as typed
        self._memo: dict[str, object] = {}

    def memo(self, key: str, build: Callable[[], object]):
        """What build() makes, made once for this opening."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    @property
    def made(self) -> set[str]:
        """The keys of what has been made so far (warming makes them all)."""
        return set(self._memo)

    def leaf_readers(self) -> list:
        return [reader for reader, _ in self.reader.leaf_readers()]

    def case_map(self, name: str) -> dict[str, str]:
        """Facet values by their lowercase form, so country:china finds "China"."""
        return self.memo(f"case:{name}", lambda: {v.lower(): v for v in self.reader.field_terms(name)})

    def stored_value(self, name: str, value: str) -> str:
        """A facet value as the index stores it: through the knowledge's names (country=DPRK is
        North Korea, official=Yoon Suk-yeol is Yoon Suk Yeol), else in any case."""
        named = self.aliases.canonical_facet_value(name, value) if self.aliases else None
        value = named or value
        return self.case_map(name).get(value.lower(), value)

    def vocabularies(self, fieldname: str) -> list[expansion.Vocabulary]:
        """Each segment's words in fieldname, read once per segment: what wildcards and fuzzy terms expand over."""
        return [
            self.tables.get(reader, f"vocabulary:{fieldname}", lambda r: expansion.Vocabulary.read(r, fieldname))
            for reader in self.leaf_readers()
        ]

    def frequency(self, fieldname: str) -> Callable[[str], int]:
        """word -> how many documents hold it in fieldname, from the vocabularies in memory."""
        vocabularies = self.vocabularies(fieldname)
        return lambda word: sum(v.frequency(word) for v in vocabularies)

    def segment_date_keys(self, reader) -> np.ndarray:
        """One segment's dates as sortable numbers, 0 for an undated article."""
        return self.tables.get(reader, "date", postings.date_keys)

    def date_keys(self) -> np.ndarray:
        """Each document's date as a sortable number, 0 when it has none; by global document number."""

        def build():
            segments = [self.segment_date_keys(reader) for reader in self.leaf_readers()]
            return np.concatenate(segments) if segments else np.zeros(0, dtype=np.int64)

        return self.memo("date", build)
