"""A term's postings encoded at the commit into the very bytes Whoosh's own writer writes.

FastWriter (writer.py) gathers the postings; this module writes them: each term's blocks as
W3PostingsWriter would (but that a small block's data is stored without zlib, COMPRESS_FROM) and its
term-table entry as OrderedHashWriter.add would, a term at a time rather than through Whoosh's
per-posting calls. Whoosh's public reader reads what it writes, unchanged; why it is done by hand
and what it saves are in bench/perf_notes.md, 15-17. Written against whoosh-reloaded 2.7.5, as the
rest of the write side: writer.write_side_problems() checks the structures before any of this runs.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import traceback
from array import array
from hashlib import md5
from itertools import chain
from operator import sub
from struct import Struct

from whoosh.codec import whoosh3
from whoosh.filedb import filetables
from whoosh.filedb.filestore import FileStorage
from whoosh.system import pack_int, pack_ushort
from whoosh.util.numeric import length_to_byte

try:
    from deflate import zlib_compress  # setup.cfg installs it; see COMPRESS_FROM
except ImportError:  # an install without it writes the same format, a little slower
    from zlib import compress as zlib_compress

# A block's data under this many bytes is stored as it is: zlib makes such a block no smaller (its header and
# checksum outweigh what it saves) at 8 µs a call, and two thirds of the blocks are that small (one posting of a
# rare word or word pair). Each block's info says whether its data is compressed, and Whoosh's reader reads both.
COMPRESS_FROM = 128
# Larger blocks are compressed by libdeflate (the deflate package) in zlib's format, which any zlib reads: on
# 3,000 Reuters articles' blocks 28 µs a block against zlib's 48 at the same level, and 0.6% smaller.

TERM_INFO_FORMAT = "!BfIBBfII"  # W3TermInfo's figures, as _TermBlocks packs them
# The commit encodes the field with the most postings in a forked process (Aside) from this many: some 6,000
# Reuters articles' body words; below it the commit takes a second or two and a fork saves little.
ASIDE_FROM = 500_000
ASIDE_SHARE = 0.7  # of that field's postings, the child's: the parent encodes the rest and the other fields
COPY_BYTES = 1 << 20


def write_terms(fieldwriter, schema, lengths, pool) -> None:
    """Write the segment's terms, as TermPool (pool) gathered them, with the bytes Whoosh's
    FieldWriter.add_postings, W3PostingsWriter and the term table write.

    Whoosh makes a few method calls and type checks for every posting and a dozen for every
    term; the word-pair fields hold a term for nearly every two common words of the archive, most of
    them in a single document, so that overhead was most of the commit. The field with the most
    postings (the body's, most of the commit) is encoded in part by a forked process meanwhile (Aside).
    """
    codec = fieldwriter._codec
    if type(fieldwriter) is not whoosh3.W3FieldWriter or codec._inlinelimit > 1:  # inlined postings: not here
        fieldwriter.add_postings(schema, lengths, _postings(pool.terms()))
        return
    blocks = _TermBlocks(fieldwriter._postfile, codec._blocklimit, codec._compression)
    table = _TermTable(fieldwriter._tindex)
    aside = Aside.start(pool, schema, lengths, codec)
    try:
        for fieldname in sorted(pool.fieldnames):
            fieldobj = schema[fieldname]
            fieldwriter.start_field(fieldname, fieldobj)  # numbers the field: its terms' keys start with the number
            prefix = pack_ushort(fieldwriter._fieldid)
            start = b""
            if aside and fieldname == aside.fieldname:  # its first terms are the child's
                aside.prefix, start = prefix, aside.stop
                table.hold()  # the terms after the child's wait for them
            if start is not None:
                blocks.start_field(fieldobj.format)
                field_lengths = _length_of(lengths, fieldname)
                for tbytes, flat in pool.field_sorted(fieldname, start):
                    if flat:  # else only spelling markers (never in searchapp's schema)
                        ids = flat[0::3]
                        table.add(prefix + tbytes, blocks.write(ids, flat[1::3], flat[2::3], field_lengths(ids)))
            fieldwriter.finish_field()
        if aside:
            table.release(before=aside.finish(fieldwriter._postfile))
    except BaseException:
        if aside:
            aside.cancel()
        raise
    table.flush()


def _postings(terms):
    """TermPool.terms as Whoosh's sorted postings, for a field writer other than W3's."""
    for fieldname, tbytes, flat in terms:
        for at in range(0, len(flat), 3):
            yield fieldname, tbytes, flat[at], flat[at + 1], flat[at + 2]


def _length_of(lengths, fieldname: str):
    """A term's document numbers -> the field's length in each, as add_postings asks the per-document reader.

    FastWriter's reader (writer.PreloadedLengths) has a table of a field's lengths, or None when the field
    keeps none (each is then doc_field_length's default, 0); any other is asked document by document.
    Its class is tested by that method, not imported: writer.py imports this module.
    """
    if lengths is None:
        return _zeros
    if _preloaded(lengths):
        table = lengths.lengths(fieldname, 0)
        return _zeros if table is None else lambda ids: list(map(table.__getitem__, ids))
    return lambda ids: [lengths.doc_field_length(docnum, fieldname) for docnum in ids]


def _preloaded(lengths) -> bool:
    return callable(getattr(type(lengths), "lengths", None))


def _zeros(ids: list) -> list:
    return [0] * len(ids)


class Aside:
    """A field's first terms encoded by a forked copy of this process while this one encodes the rest.

    The commit runs after the reading workers have finished, on one core, and the body field's
    postings are three quarters of it (bench/perf_notes.md, 18). The child takes the largest field's
    terms up to stop (ASIDE_SHARE of its postings: the parent has the other fields besides); it reads
    them from its copy of the pool (memory, and the field's run files), writes their blocks to a file
    of its own, with offsets from 0, and the terms' infos to another. finish() appends those blocks to
    the segment's postings and gives the terms' keys and infos, their offsets moved by where the blocks landed.
    """

    POSTINGS = "aside.pst"
    TERMS = "aside.trm"

    def __init__(self, pool, fieldname: str, stop: bytes | None, pid: int):
        self.pool, self.fieldname, self.stop, self.pid = pool, fieldname, stop, pid
        self.prefix = b""  # the field's key prefix, as the parent's field writer numbered it

    @classmethod
    def start(cls, pool, schema, lengths, codec) -> Aside | None:
        """The largest field's encoding started in a forked process, when it is large enough to be worth a
        fork (ASIDE_FROM postings) and this process can fork: else None, and this process encodes it."""
        counts = pool.postings
        if not counts or not hasattr(os, "fork") or not isinstance(pool.tempstore, FileStorage):
            return None
        fieldname = max(sorted(counts), key=counts.__getitem__)
        if counts[fieldname] < ASIDE_FROM or fieldname not in pool.fieldnames:
            return None
        if lengths is not None and not _preloaded(lengths):  # asked document by document: files shared with the child
            return None
        field_lengths = _length_of(lengths, fieldname)  # read here, before the fork
        fmt = schema[fieldname].format
        stop = pool.split_point(fieldname, ASIDE_SHARE)
        try:
            pid = os.fork()
        except OSError:
            return None
        if pid == 0:  # the child: never returns
            status = 1
            try:
                cls._encode(pool, fieldname, stop, fmt, field_lengths, codec)
                status = 0
            except BaseException:  # noqa: BLE001 - said on stderr; the parent raises on the status
                traceback.print_exc()
                sys.stderr.flush()
            finally:
                os._exit(status)  # nothing of the parent's (open files, buffers, atexit) is touched on the way out
        return cls(pool, fieldname, stop, pid)

    @classmethod
    def _encode(cls, pool, fieldname: str, stop: bytes | None, fmt, field_lengths, codec) -> None:
        store = pool.tempstore
        postfile = store.create_file(cls.POSTINGS)
        blocks = _TermBlocks(postfile, codec._blocklimit, codec._compression)
        blocks.start_field(fmt)
        terms, infos = [], []
        for tbytes, flat in pool.field_sorted(fieldname, b"", stop):
            if flat:
                ids = flat[0::3]
                terms.append(tbytes)
                infos.append(blocks.write(ids, flat[1::3], flat[2::3], field_lengths(ids)))
        postfile.close()
        out = store.create_file(cls.TERMS)
        out.write(pickle.dumps((terms, infos), pickle.HIGHEST_PROTOCOL))
        out.close()

    def finish(self, postfile):
        """Wait for the child; append its blocks to postfile; (key, term info) of its terms, in order."""
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        store = self.pool.tempstore
        if status != 0:
            raise RuntimeError(f"the process encoding the {self.fieldname!r} field's postings failed (status {status})")
        base = postfile.tell()
        with store.open_file(self.POSTINGS) as blocks:
            while chunk := blocks.read(COPY_BYTES):
                postfile.write(chunk)
        with store.open_file(self.TERMS) as f:
            terms, infos = pickle.loads(f.read())
        for name in (self.POSTINGS, self.TERMS):
            store.delete_file(name)
        prefix, extent = self.prefix, _EXTENT
        for tbytes, info in zip(terms, infos):
            start, length = extent.unpack_from(info, len(info) - extent.size)
            yield prefix + tbytes, info[: -extent.size] + extent.pack(start + base, length)

    def cancel(self) -> None:
        """Stop the child, when the commit fails before it is waited for."""
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = 0


class _TermBlocks:
    """W3PostingsWriter's blocks for one term at a time: the same header, block info and data bytes but
    that a small block's data is stored without zlib (COMPRESS_FROM), and the term's W3TermInfo.to_bytes,
    with the statistics W3TermInfo.add_block sums up block by block."""

    def __init__(self, postfile, blocklimit: int, compression: int):
        self.postfile, self.blocklimit, self.compression = postfile, blocklimit, compression
        self.fixedsize = None

    def start_field(self, format_) -> None:
        self.fixedsize = format_.fixed_value_size()

    def write(self, ids: list[int], weights: list, values: list[bytes], lens: list) -> bytes:
        """Write one term's postings (one list entry a posting, b"" or None where it has no value) and
        return its term info's bytes."""
        postfile, limit, compression = self.postfile, self.blocklimit, self.compression
        start = postfile.tell()
        out = [whoosh3.WHOOSH3_HEADER_MAGIC]
        count = len(ids)
        weight, minlength, maxlength, maxweight = 0, None, 0, 0  # as TermInfo() starts them
        for begin in range(0, count, limit):
            if count <= limit:
                end, block_ids, block_weights, block_values, block_lens = count, ids, weights, values, lens
            else:
                end = min(begin + limit, count)
                block_ids, block_weights = ids[begin:end], weights[begin:end]
                block_values, block_lens = values[begin:end], lens[begin:end]
            floats = array("f", block_weights)
            block_maxweight = max(0, *block_weights)  # the first of the highest, as add_posting keeps it
            given = [length for length in block_lens if length]  # None or 0: the document has no length
            block_min, block_max = (min(given), max(given)) if given else (None, 0)
            weight += sum(floats)
            minlength = block_min if minlength is None else min(minlength, block_min)
            maxlength = max(maxlength, block_max)
            maxweight = max(maxweight, block_maxweight)
            gaps = tuple(map(sub, block_ids, chain((0,), block_ids)))  # W3PostingsWriter._mini_ids
            data = (gaps, _mini_weights(floats), self._mini_values(block_values))
            databytes = pickle.dumps(data, 2)
            block_compression = compression if len(databytes) >= COMPRESS_FROM else 0
            if block_compression:
                databytes = zlib_compress(databytes, block_compression)
            info = (end - begin, block_ids[-1], block_maxweight, block_compression,
                    _length_byte(block_min), _length_byte(block_max))
            infobytes = pickle.dumps(info, 2)
            size = len(infobytes) + len(databytes)
            out += (pack_int(-size if end == count else size), infobytes, databytes)
        written = b"".join(out)
        postfile.write(written)
        minbyte = 0 if minlength is None else _length_byte(minlength)
        return _TERM_INFO.pack(False, weight, count, minbyte, _length_byte(maxlength), maxweight,
                               ids[0], ids[-1], start, len(written))

    def _mini_values(self, values: list):
        """W3PostingsWriter._mini_values of a block's values (None or b"" where a posting has none)."""
        fixedsize = self.fixedsize
        if fixedsize == 0:
            return None
        given = [value for value in values if value]
        return tuple(given) if fixedsize is None or fixedsize < 0 else b"".join(given)


# W3TermInfo.to_bytes of a term whose postings are not inlined: its figures, then pack_long(offset) + pack_int(length).
_TERM_INFO = Struct(TERM_INFO_FORMAT + "qi")
_EXTENT = Struct("!qi")  # the end of a term info: where its blocks start in the postings file, and their length
_LENGTH_BYTES: dict = {}
_RECORD_LENGTHS = Struct("!ii")  # filetables._lengths: a term-table record's key and value lengths


def _length_byte(length) -> int:
    """length_to_byte, remembered: a bisect a call, twice a block."""
    byte = _LENGTH_BYTES.get(length)
    if byte is None:
        byte = _LENGTH_BYTES[length] = length_to_byte(length)
    return byte


def _mini_weights(weights: array):
    """W3PostingsWriter._mini_weights: None when every weight is 1, one number when all are equal."""
    count = len(weights)
    if weights.count(1.0) == count:
        return None
    if weights.count(weights[0]) == count:
        return weights[0]
    return tuple(weights)


class _TermTable:
    """OrderedHashWriter.add for terms a batch at a time: the same records, hashes and key positions.

    Whoosh's add makes two tell()s, three writes and an md5 hex string for every term. Between hold()
    and release(), what is added waits for terms that come before it (an Aside's).
    """

    BATCH = 4096

    def __init__(self, tindex):
        self.tindex = tindex
        self.md5 = tindex.hashfn is filetables.md5_hash
        self.keys: list[bytes] = []
        self.values: list[bytes] = []
        self.holding = False

    def add(self, key: bytes, value: bytes) -> None:
        self.keys.append(key)
        self.values.append(value)
        if len(self.keys) >= self.BATCH and not self.holding:
            self.flush()

    def hold(self) -> None:
        self.flush()
        self.holding = True

    def release(self, before) -> None:
        """Add before's (key, value) pairs, then what waited since hold()."""
        held = zip(self.keys, self.values)
        self.keys, self.values, self.holding = [], [], False
        for key, value in chain(before, held):
            self.add(key, value)

    def flush(self) -> None:
        keys, values, tindex = self.keys, self.values, self.tindex
        if not keys:
            return
        previous = [tindex.lastkey] + keys[:-1]
        if any(key <= before for key, before in zip(keys, previous)):
            bad = next(i for i, (key, before) in enumerate(zip(keys, previous)) if key <= before)
            raise ValueError(f"Keys must increase: {previous[bad]!r}..{keys[bad]!r}")
        dbfile, buckets, hashfn, pack_lengths = tindex.dbfile, tindex.buckets, tindex.hashfn, _RECORD_LENGTHS.pack
        position = dbfile.tell()
        positions, parts = [], []
        for key, value in zip(keys, values):
            positions.append(position)
            if self.md5:  # md5_hash: the digest's low 32 bits, as int(hexdigest, 16) & 0xFFFFFFFF gives them
                hashed = int.from_bytes(md5(key, usedforsecurity=False).digest()[12:], "big")
            else:
                hashed = hashfn(key)
            buckets[hashed & 255].append((hashed, position))
            parts += (pack_lengths(len(key), len(value)), key, value)
            position += 8 + len(key) + len(value)
        dbfile.write(b"".join(parts))
        _extend(tindex.index, positions)
        tindex.lastkey = keys[-1]
        keys.clear()
        values.clear()


def _extend(growable, numbers: list[int]) -> None:
    """GrowableArray.extend: at once when the numbers fit its type, else one at a time as Whoosh retypes it."""
    if isinstance(growable.array, array):
        try:
            more = array(growable.array.typecode, numbers)
        except OverflowError:
            pass
        else:
            growable.array.extend(more)
            return
    growable.extend(numbers)
