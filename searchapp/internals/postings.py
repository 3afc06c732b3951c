"""Whoosh's on-disk postings read as numpy arrays (kept across requests by segment_tables.py).

Private names of whoosh-reloaded are read at call time, never at import, so that a
release without them fails internals/check.py (and the engine takes Whoosh's public
path) rather than the import of the whole app.

Whoosh's posting reader advances one posting per Python call and parses each
block header with a dozen small reads. The W3 codec's layout is simple: a tag,
then for each block of up to 128 postings a signed length (negative for the
last), a pickled header and the pickled (ids, weights, values). Here a term's
whole extent is read at once and its blocks are decoded into arrays, a pickle
per block rather than calls per posting.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable
from io import BytesIO
from itertools import chain
from pickle import load, loads
from struct import Struct

import numpy as np
from whoosh import system
from whoosh.codec import whoosh3
from whoosh.formats import Characters, Positions
from whoosh.util.numeric import byte_to_length

if TYPE_CHECKING:  # segment_tables imports this module; the name is for the annotation only
    from searchapp.internals.segment_tables import SegmentTables

_BLOCK_LENGTH = Struct("!i")
STOP_EVERY = 8  # blocks decoded between questions to BlockAllowance.stop (a block: a few hundred microseconds)
BLOCK_POSTINGS = 128  # postings in a block of the W3 codec
VALUE_OVERHEAD = 41  # bytes a bytes object and its list slot take beyond its contents
BLOCK_OVERHEAD = 200  # bytes a _Block and its view take beyond the encoded block
# Whoosh keeps each field length as one byte; this is the length each byte stands for.
BYTE_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


@dataclass(frozen=True)
class Postings:
    """One term's postings in one segment, deleted documents included."""

    ids: np.ndarray
    weights: np.ndarray

    @property
    def nbytes(self) -> int:
        return self.ids.nbytes + self.weights.nbytes


def read_matcher(matcher) -> tuple[list[int], list[float], list]:
    """(ids, weights, encoded values) of every posting a Whoosh matcher walks, a call per posting."""
    ids, weights, values = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        values.append(matcher.value())
        matcher.next()
    return ids, weights, values


def term_postings(reader, fieldname: str, btext: bytes) -> Postings:
    blocks = posting_blocks(reader, fieldname, btext)
    if blocks is None:  # a few postings kept inline with the term
        ids, weights, _ = read_matcher(_inline_matcher(reader, fieldname, btext))
        return Postings(np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64))
    ids, weights = [], []
    for block in blocks:
        block_ids, block_weights, _ = block.decode()
        ids.append(block_ids)
        if block_weights is None:
            weights.append(np.ones(len(block_ids)))
        elif isinstance(block_weights, float):
            weights.append(np.full(len(block_ids), block_weights))
        else:
            weights.append(np.array(block_weights, dtype=np.float64))
    return Postings(np.concatenate(ids), np.concatenate(weights))


@dataclass(frozen=True)
class Blocks:
    """A term's posting blocks, still encoded (views into its one read)."""

    blocks: list

    @property
    def nbytes(self) -> int:
        return sum(len(b.data) for b in self.blocks) + BLOCK_OVERHEAD * len(self.blocks)


class SomePositions:
    """One term's documents in one segment, the encoded value (positions) of each, and the positions of those
    decoded so far: each document's are decoded once, when a phrase first asks for it."""

    def __init__(self, ids: np.ndarray, values: list):
        self.ids, self.values = ids, values
        self.decoded = np.zeros(len(ids), dtype=bool)
        self.keys = np.zeros(0, dtype=np.int64)  # (document << 32 | position) of the decoded documents, ascending
        self._values_bytes = ids.nbytes + self.decoded.nbytes + sum(map(len, values)) + VALUE_OVERHEAD * len(values)

    @property
    def nbytes(self) -> int:
        return self._values_bytes + self.keys.nbytes

    def of(self, docs: np.ndarray, fmt) -> np.ndarray:
        """The positions of at least those of docs (ascending) that hold the term, decoding those not decoded yet."""
        if not len(self.ids):
            return self.keys
        at = np.minimum(np.searchsorted(self.ids, docs), len(self.ids) - 1)
        held = at[self.ids[at] == docs]
        missing = held[~self.decoded[held]]
        if len(missing):
            new = position_keys(self.ids[missing], [self.values[i] for i in missing.tolist()], fmt)
            self.keys = np.sort(np.concatenate([self.keys, new]), kind="stable")  # two ascending runs merged
            self.decoded[missing] = True
        return self.keys


@dataclass
class BlockAllowance:
    """What term_values may still decode: `left` blocks, and only while stop() (asked now and then) says no."""

    left: float = math.inf
    stop: Callable[[], bool] | None = None
    taken: int = 0
    cut: bool = False  # a decoding stopped short

    def take(self) -> bool:
        """Take one block; False (and cut) when none is left or stop() says so."""
        if self.left <= 0 or (self.stop is not None and self.taken % STOP_EVERY == 0 and self.stop()):
            self.cut = True
            return False
        self.left -= 1
        self.taken += 1
        return True


def term_values(
    reader, fieldname: str, btext: bytes, docs: np.ndarray, allowance: BlockAllowance | None = None, blocks=None
) -> tuple[np.ndarray, list]:
    """(those of docs that hold the term, its encoded posting values (positions) in each); docs ascending.

    Only the blocks whose range takes in one of docs are decoded, so a rare word beside
    a common one in a phrase, or the ten hits of a page, read a few blocks of a common
    word's postings rather than all of them. With an allowance, the docs in blocks past
    it are left out. blocks: the term's blocks when already at hand (SegmentTables.blocks).
    """
    blocks = posting_blocks(reader, fieldname, btext) if blocks is None else blocks
    if blocks is None:
        matcher = _inline_matcher(reader, fieldname, btext)
        found, values = [], []
        for doc in docs.tolist():
            if not matcher.is_active():
                break
            matcher.skip_to(doc)
            if matcher.is_active() and matcher.id() == doc:
                found.append(doc)
                values.append(matcher.value())
        return np.array(found, dtype=np.int64), values
    found, values, i = [], [], 0
    for block in blocks:
        if i == len(docs):
            break
        if block.last_id < docs[i]:
            continue
        if allowance is not None and not allowance.take():
            break
        ids, _, block_values = block.decode()
        last = int(np.searchsorted(docs, block.last_id, side="right"))
        wanted = docs[i:last]
        held = wanted[sorted_in(wanted, ids)]
        found.append(held)
        values.extend(block_values[k] for k in np.searchsorted(ids, held).tolist())
        i = last
    return (np.concatenate(found) if found else np.zeros(0, dtype=np.int64)), values


def term_spans(searcher, fieldname: str, btext: bytes, docnums, allowance: BlockAllowance | None = None,
               tables: SegmentTables | None = None):
    """{docnum: [(start, end)]}: a term's characters in each of docnums (global) that holds it, from its postings.

    With an allowance, only that many posting blocks are decoded (see term_values); with
    tables, the term's blocks come from there, unread when a search read them lately.
    """
    wanted = np.array(sorted(docnums), dtype=np.int64)
    spans = {}
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        local = wanted[(wanted >= offset) & (wanted < offset + reader.doc_count_all())] - offset
        if not len(local) or (fieldname, btext) not in reader:
            continue
        decode = reader.schema[fieldname].format.decode_characters
        blocks = tables.blocks(reader, fieldname, btext) if tables is not None else None
        held, values = term_values(reader, fieldname, btext, local, allowance, blocks)
        for doc, value in zip(held.tolist(), values):
            spans[doc + offset] = [(start, end) for _, start, end in decode(value)]
    return spans


@dataclass(frozen=True)
class _Block:
    """One block of a term's postings as Whoosh's W3 codec writes it: up to 128 postings, pickled."""

    last_id: int
    compressed: bool
    data: memoryview

    def decode(self) -> tuple[np.ndarray, object, tuple]:
        """(document numbers, weights as stored, encoded values)."""
        ids, weights, values = loads(zlib.decompress(self.data) if self.compressed else self.data)
        return np.cumsum(np.array(ids, dtype=np.int64)), weights, values  # ids are stored as gaps


def posting_blocks(reader, fieldname: str, btext: bytes):
    """The blocks of a term's posting list, from one read of the whole list, or None when it is kept inline.

    A block's header: count, last id, max weight, compression, min and max length bytes.
    """
    info = reader.term_info(fieldname, btext)
    if info.is_inlined():
        return None
    offset, length = info.extent()
    if isinstance(length, tuple):  # whoosh-reloaded 2.7.5 keeps it as struct.unpack's 1-tuple
        (length,) = length
    raw = reader._terms._postfile.get(offset, length)
    if raw[:4] != whoosh3.WHOOSH3_HEADER_MAGIC:
        raise ValueError(f"not a W3 posting list: {fieldname}:{btext!r}")
    return _iter_blocks(raw)


def _inline_matcher(reader, fieldname: str, btext: bytes):
    """Whoosh's matcher over a term's few postings kept inline with it (deletions not applied)."""
    return reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format)


def _iter_blocks(raw: bytes):
    buffer, view = BytesIO(raw), memoryview(raw)
    position = 4
    while True:
        size = _BLOCK_LENGTH.unpack_from(raw, position)[0]
        end = position + 4 + abs(size)
        buffer.seek(position + 4)
        _, last_id, _, compression, _, _ = load(buffer)
        yield _Block(last_id, bool(compression), view[buffer.tell() : end])
        if size < 0:
            return
        position = end


def position_keys(docs: np.ndarray, encoded: list, fmt) -> np.ndarray:
    """(document << 32 | position) for every position of a term in docs, ascending, from its posting values.

    Whoosh's Positions and Characters formats store a count and a pickled list of
    position gaps (Characters: (gap, start gap, length) triples); those are decoded
    here in one pass for all documents rather than a call per document.
    """
    if type(fmt) not in (Positions, Characters):
        decode = fmt.decode_positions
        keys = [doc << 32 | position for doc, value in zip(docs.tolist(), encoded) for position in decode(value)]
        return np.array(keys, dtype=np.int64)
    skip = system._INT_SIZE  # the count before the pickle
    codes = [loads(value[skip:] if value.endswith(b".") else value[skip:] + b".") for value in encoded]
    counts = np.fromiter(map(len, codes), dtype=np.int64, count=len(codes))
    total = int(counts.sum())
    if type(fmt) is Characters:
        gaps = np.fromiter((code[0] for doc in codes for code in doc), dtype=np.int64, count=total)
    else:
        gaps = np.fromiter(chain.from_iterable(codes), dtype=np.int64, count=total)
    running = np.cumsum(gaps)
    starts = np.cumsum(counts) - counts  # each document's first position restarts the sum
    before = running[starts[counts > 0]] - gaps[starts[counts > 0]]
    positions = running - np.repeat(before, counts[counts > 0])
    return np.repeat(docs, counts) << 32 | positions


def length_bytes(perdoc, fieldname: str, count: int) -> bytes | None:
    """The one-byte field lengths of count documents, read whole from a segment's column; None without one.

    Whoosh reads them a document at a time, a seek and an unpack apiece.
    """
    column = perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
    if column is None:
        return None
    stored = column._dbfile.get(column._basepos, min(column._count, count))
    return stored + bytes(count - len(stored))  # documents past the column's end have length 0


def field_lengths(reader, fieldname: str) -> np.ndarray:
    """Each document's length in fieldname as Whoosh's scorer sees it (the one-byte approximation)."""
    count = reader.doc_count_all()
    raw = length_bytes(reader._perdoc, fieldname, count) if count else None
    if raw is None:
        return np.zeros(count)
    return BYTE_LENGTHS[np.frombuffer(raw, dtype=np.uint8)]


def date_keys(reader) -> np.ndarray:
    """Each document's date in one segment as a sortable number (Whoosh's own), 0 when it has none."""
    count = reader.doc_count_all()
    if not reader.has_column("date"):
        return np.zeros(count, dtype=np.int64)
    dated = np.fromiter(reader.column_reader("dated"), dtype=np.int64, count=count)
    # Undated documents hold the column's default, which does not fit an int64.
    dates = np.fromiter(reader.column_reader("date", translate=False), dtype=np.uint64, count=count)
    return np.where(dated != 0, dates, 0).astype(np.int64)


@dataclass(frozen=True)
class FacetPostings:
    """One facet field of one segment: its values, and a (document, value index) pair for each posting."""

    values: list[str]
    docs: np.ndarray
    value_ids: np.ndarray

    @classmethod
    def read(cls, reader, fieldname: str, ids_of=None) -> "FacetPostings":
        """ids_of(reader, fieldname, btext): a value's documents; by default decoded from the W3 blocks."""
        ids_of = ids_of or (lambda r, f, b: term_postings(r, f, b).ids)
        values, docs, value_ids = [], [], []
        for btext in reader.lexicon(fieldname):
            ids = ids_of(reader, fieldname, btext)
            docs.append(ids)
            value_ids.append(np.full(len(ids), len(values), dtype=np.int64))
            values.append(btext.decode("utf-8"))
        empty = np.zeros(0, dtype=np.int64)
        return cls(values, np.concatenate(docs) if docs else empty, np.concatenate(value_ids) if value_ids else empty)


def sorted_in(needles: np.ndarray, haystack: np.ndarray) -> np.ndarray:
    """For each of needles, whether the ascending array haystack holds it."""
    if not len(haystack):
        return np.zeros(len(needles), dtype=bool)
    at = np.minimum(np.searchsorted(haystack, needles), len(haystack) - 1)
    return haystack[at] == needles
