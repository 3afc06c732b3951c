"""The writer's postings gathered term by term as documents are added, for FastWriter's commit.

Whoosh's PostingPool keeps one tuple a posting, sorts them all at the commit and, past its
memory limit, writes sorted runs and merges them a posting at a time: a method call a posting
as documents are added, and a sort or merge of millions of tuples at the commit, about a
third of a large build's writer (bench/perf_notes.md, 17). Documents come in document-number
order, so a term's postings, appended as they come, are already in the order the commit
writes them: only the terms need sorting. Past the memory limit the terms gathered so far go to
a run on disk, sorted; the commit merges runs a term at a time, a term's postings from an
earlier run first (they are earlier documents).
"""

from __future__ import annotations

import heapq
import pickle
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import groupby, islice
from operator import itemgetter

POSTING_BYTES = 112  # memory a gathered posting takes, its value's bytes included (measured; see TermPool.size)
TERM_BYTES = 200  # and a term's own: its key, its list, its slot in the field's dict
RUN_TERMS = 4096  # terms per pickle in a run on disk
_TERM = itemgetter(0)


@dataclass
class Run:
    """One field's terms in one run: its file, and (first term, offset, postings) of each pickled chunk."""

    name: str
    chunks: list[tuple[bytes, int, int]]


class TermPool:
    """Postings by field and term: {fieldname: {term bytes: [docnum, weight, value, docnum, ...]}}.

    A flat list a term (three entries a posting) takes a third of the memory of a tuple a
    posting. A field's term postings come in document order: whoever adds them (add_terms, add)
    adds each document's postings after the previous document's, as Whoosh's writer numbers them.
    A run on disk is a file a field, so that one field's terms can be read without the others'
    (the commit encodes the largest field in a process of its own: postings_writer.py).
    """

    def __init__(self, tempstore, limitmb: float = 256):
        self.tempstore = tempstore
        self.limit = limitmb * 1024 * 1024
        self.size = 0  # estimated bytes gathered in memory since the last run
        self.fields: dict[str, dict[bytes, list]] = {}
        self.runs: list[dict[str, Run]] = []  # each run written so far, oldest first, a Run a field
        self.fieldnames: set[str] = set()  # as Whoosh's pool keeps them
        self.postings: dict[str, int] = {}  # postings gathered a field, runs included
        self._spilled = 0
        self._sorted: dict[str, list[bytes]] = {}  # a field's terms in memory, sorted, once asked for

    def field_terms(self, fieldname: str) -> dict[bytes, list]:
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        return terms

    def add_terms(self, fieldname: str, docnum: int, items, boost: float) -> int:
        """Add one document's postings of a field, (term bytes, frequency, weight, value) as
        field.index() yields them, each weight times boost; returns the frequencies' sum."""
        terms = self.field_terms(fieldname)
        get = terms.get
        if type(items) is not list:  # a text field's postings come as a list (word_postings.py), others as Whoosh yields them
            items = list(items)
        length = new = 0
        for tbytes, freq, weight, vbytes in items:
            length += freq
            postings = get(tbytes)
            if postings is None:
                terms[tbytes] = [docnum, weight * boost, vbytes]
                new += 1
            else:
                postings += (docnum, weight * boost, vbytes)
        count = len(items)
        self.size += count * POSTING_BYTES + new * TERM_BYTES
        self.postings[fieldname] = self.postings.get(fieldname, 0) + count
        return length

    def add(self, item) -> None:
        """Whoosh's pool interface, one posting (fieldname, term bytes, docnum, weight, value): used
        when the commit merges other segments' postings in (add_reader)."""
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self.field_terms(fieldname)
        if docnum == -1:  # Whoosh's marker of a spelling word: the field is kept, the posting is not
            return
        postings = terms.get(tbytes)
        if postings is None:
            terms[tbytes] = [docnum, weight, vbytes]
            self.size += TERM_BYTES
        else:
            postings += (docnum, weight, vbytes)
        self.size += POSTING_BYTES
        self.postings[fieldname] = self.postings.get(fieldname, 0) + 1
        self.spill_if_full()

    def spill_if_full(self) -> None:
        if self.size > self.limit:
            self.spill()

    def spill(self) -> None:
        """Write the terms in memory to a new run, a file a field, each sorted, and start gathering afresh."""
        if not self.fields:
            return
        run: dict[str, Run] = {}
        self.runs.append(run)
        for fieldname in sorted(self.fields):
            name = f"{self._spilled}-{len(run)}.termrun"
            run[fieldname] = Run(name, [])
            f = self.tempstore.create_file(name)
            try:
                sorted_terms = self._memory_terms(fieldname)
                while chunk := list(islice(sorted_terms, RUN_TERMS)):
                    postings = sum(len(flat) for _, flat in chunk) // 3
                    run[fieldname].chunks.append((chunk[0][0], f.tell(), postings))
                    f.write(pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL))
            finally:
                f.close()
        self._spilled += 1
        self.fields = {}
        self._sorted = {}
        self.size = 0

    def terms(self, fieldnames=None):
        """(fieldname, term bytes, flat postings) of every term (of fieldnames only, when given), in
        Whoosh's order (field name, then term). A field that got only spelling markers (in memory or
        in a run) comes as (fieldname, b"", []), a term with no postings."""
        for fieldname in sorted(self.fieldnames if fieldnames is None else fieldnames):
            for tbytes, flat in self.field_sorted(fieldname):
                yield fieldname, tbytes, flat

    def field_sorted(self, fieldname: str, start: bytes = b"", stop: bytes | None = None):
        """(term bytes, flat postings) of one field's terms from start up to stop (None: to the last) in
        order, a term's postings from every run and memory joined in document order. Runs are read, not
        removed: the commit's processes each read part of them, and the writer's temporary folder goes after it."""
        streams = [self._read_run(run[fieldname], start, stop) for run in self.runs if fieldname in run]
        memory = self._memory_terms(fieldname, start, stop)
        if not streams:
            yield from memory
            return
        for tbytes, group in groupby(heapq.merge(*streams, memory, key=_TERM), key=_TERM):  # ties: the earlier stream first
            flat, *more = (flat for _, flat in group)
            for later in more:
                flat += later  # the first is a run's list, read for this once: extended in place
            yield tbytes, flat

    def split_point(self, fieldname: str, share: float) -> bytes | None:
        """The first term of a field past the given share of its postings (estimated from the runs' chunks
        and memory), so that two processes can each encode a part; None when there is no such term."""
        points = [(first, postings) for run in self.runs if fieldname in run for first, _, postings in run[fieldname].chunks]
        terms = self.fields.get(fieldname, {})
        points += [(tbytes, len(terms[tbytes]) // 3) for tbytes in self._sorted_keys(fieldname)]
        points.sort(key=_TERM)
        target, seen = share * sum(postings for _, postings in points), 0
        for tbytes, postings in points:
            seen += postings
            if seen > target:
                return tbytes
        return None

    def _sorted_keys(self, fieldname: str) -> list[bytes]:
        keys = self._sorted.get(fieldname)
        if keys is None:
            keys = self._sorted[fieldname] = sorted(self.fields.get(fieldname, ()))
        return keys

    def _memory_terms(self, fieldname: str, start: bytes = b"", stop: bytes | None = None):
        terms = self.fields.get(fieldname)
        if terms is None:
            return
        if not terms:
            yield b"", []
        keys = self._sorted_keys(fieldname)
        first = bisect_left(keys, start) if start else 0
        last = len(keys) if stop is None else bisect_left(keys, stop)
        for tbytes in keys[first:last]:
            yield tbytes, terms[tbytes]

    def _read_run(self, run: Run, start: bytes, stop: bytes | None):
        f = self.tempstore.open_file(run.name).raw_file()
        try:
            at = bisect_right(run.chunks, start, key=_TERM) - 1  # the chunk that may hold start
            if at > 0:
                f.seek(run.chunks[at][1])
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                for item in chunk:
                    if stop is not None and item[0] >= stop:
                        return
                    if item[0] >= start:
                        yield item
        finally:
            f.close()

    def iter_postings(self):
        """Whoosh's pool interface: every posting as (fieldname, term bytes, docnum, weight, value), sorted."""
        for fieldname, tbytes, flat in self.terms():
            for at in range(0, len(flat), 3):
                yield fieldname, tbytes, flat[at], flat[at + 1], flat[at + 2]

    def cleanup(self) -> None:
        for run in self.runs:
            for field_run in run.values():
                self._remove(field_run.name)
        self.runs = []

    def _remove(self, name: str) -> None:
        try:
            self.tempstore.delete_file(name)
        except OSError:
            pass
