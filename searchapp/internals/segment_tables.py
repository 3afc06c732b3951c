"""What the engine keeps of each segment between requests: whole-segment tables and recently decoded postings.

Segments never change once written, so everything here is kept by segment id and
dropped only when a merge removes the segment. The decoding itself is postings.py's.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

from searchapp.internals.postings import (
    BLOCK_POSTINGS,
    BlockAllowance,
    Blocks,
    Postings,
    SomePositions,
    position_keys,
    posting_blocks,
    term_postings,
    term_values,
)

KEEP_POSITIONS = 4  # a word's positions are decoded whole (and kept) when a phrase asks for 1/4 of its documents


class SegmentTables:
    """Per-segment arrays the matcher reads again and again; segments never change, so they are kept by id.

    Besides whole-segment tables (field lengths, dates, facets) it keeps the decoded
    postings (and, for phrases, positions) of recently used terms, up to postings_bytes:
    a common word costs about a microsecond a posting to decode, 100 ms at 100,000
    articles, and newsroom queries repeat their common words.
    """

    def __init__(self, postings_bytes: int = 0):
        self._tables: dict[tuple[str, str], object] = {}
        self.postings_bytes = postings_bytes
        self._postings: OrderedDict[tuple[str, str, bytes], Postings] = OrderedDict()
        self._postings_held = 0

    def get(self, reader, name: str, build):
        key = (segment_id(reader), name)
        if key not in self._tables:
            self._tables[key] = build(reader)
        return self._tables[key]

    def cached(self, reader, fieldname: str, btext: bytes) -> Postings | None:
        """A term's postings if they were decoded lately, else None (the term may or may not be in the segment)."""
        key = (segment_id(reader), fieldname, btext)
        found = self._postings.get(key)
        if found is not None:
            self._postings.move_to_end(key)
        return found

    def postings(self, reader, fieldname: str, btext: bytes) -> Postings:
        """term_postings without values, from the cache when this term was decoded lately."""
        found = self.cached(reader, fieldname, btext)
        if found is None:
            found = term_postings(reader, fieldname, btext)
            self._keep((segment_id(reader), fieldname, btext), found)
        return found

    def positions(self, reader, fieldname: str, btext: bytes, docs: np.ndarray, allowance: BlockAllowance):
        """(document << 32 | position) of a term in at least those of docs (ascending) that hold it.

        When docs are a good part of the term's documents, all its positions are
        decoded and kept for the phrases that follow (common words recur in them).
        Otherwise only the positions of docs are decoded (a pickle a document: the
        costly part), from the term's posting values, which are kept with the
        positions decoded so far when docs touch a good part of its blocks: a phrase's
        word pairs leave a common word few candidates, spread over all its blocks,
        and the next phrase decodes only the documents not decoded yet. (Decoding
        such a word whole once it recurred made that request a spike: "the", 0.3 s at
        20,000 articles under load; decoding its candidates every time cost as much
        at every request.) A decoding the allowance cut short is not kept.
        """
        key = (segment_id(reader), fieldname, btext, "positions")
        found = self._postings.get(key)
        if found is not None:
            self._postings.move_to_end(key)
            return found
        everywhere = self.postings(reader, fieldname, btext).ids
        fmt = reader.schema[fieldname].format
        if len(docs) * KEEP_POSITIONS >= len(everywhere):
            held, values = term_values(reader, fieldname, btext, everywhere, allowance, self.blocks(reader, fieldname, btext))
            found = position_keys(held, values, fmt)
            if not allowance.cut:
                self._keep(key, found)
            return found
        partial_key = (segment_id(reader), fieldname, btext, "some positions")
        kept = self._postings.get(partial_key)
        if kept is None and len(docs) * KEEP_POSITIONS >= len(everywhere) / BLOCK_POSTINGS:
            held, values = term_values(reader, fieldname, btext, everywhere, allowance, self.blocks(reader, fieldname, btext))
            if not allowance.cut:
                kept = SomePositions(held, values)
                self._keep(partial_key, kept)
        if kept is None:
            held, values = term_values(reader, fieldname, btext, docs, allowance, self.blocks(reader, fieldname, btext))
            return position_keys(held, values, fmt)
        before = kept.nbytes
        found = kept.of(docs, fmt)
        if partial_key in self._postings:  # not when too large to keep
            self._postings.move_to_end(partial_key)
            self._grown(partial_key, kept.nbytes - before)
        return found

    def blocks(self, reader, fieldname: str, btext: bytes):
        """The term's posting blocks (as posting_blocks gives them, in a list), or None when kept inline: read once and kept,
        for a word's snippets and phrases read a few of its blocks request after request (a whole read apiece)."""
        key = (segment_id(reader), fieldname, btext, "blocks")
        found = self._postings.get(key)
        if found is not None:
            self._postings.move_to_end(key)
            return found.blocks
        blocks = posting_blocks(reader, fieldname, btext)
        if blocks is None:
            return None
        found = Blocks(list(blocks))
        self._keep(key, found)
        return found.blocks

    def _grown(self, key, more: int) -> None:
        """A kept value grew by more bytes: counted, and the least recently used others out while over the bound."""
        self._postings_held += more
        while self._postings_held > self.postings_bytes and len(self._postings) > 1:
            oldest = next(iter(self._postings))
            if oldest == key:
                self._postings.move_to_end(key)
                continue
            self._postings_held -= self._postings.pop(oldest).nbytes

    def _keep(self, key, value) -> None:
        """Keep value (postings or positions) while the memory allows, least recently used out first."""
        if value.nbytes <= self.postings_bytes // 4:  # one huge term must not push out everything else
            self._postings[key] = value
            self._postings_held += value.nbytes
            while self._postings_held > self.postings_bytes:
                _, old = self._postings.popitem(last=False)
                self._postings_held -= old.nbytes

    def keep_only(self, readers) -> None:
        """Forget the tables and postings of segments that a merge removed."""
        live = {segment_id(reader) for reader in readers}
        for key in [k for k in self._tables if k[0] not in live]:
            del self._tables[key]
        for key in [k for k in self._postings if k[0] not in live]:
            self._postings_held -= self._postings.pop(key).nbytes


def segment_id(reader) -> str | None:
    """What identifies a segment's tables; None for the empty reader of an index with no documents."""
    segment = reader.segment()
    return segment.segment_id() if segment is not None else None
