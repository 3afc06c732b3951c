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
from itertools import groupby, islice
from operator import itemgetter

POSTING_BYTES = 112  # memory a gathered posting takes, its value's bytes included (measured; see TermPool.size)
TERM_BYTES = 200  # and a term's own: its key, its list, its slot in the field's dict
RUN_TERMS = 4096  # terms per pickle in a run on disk
_KEY = itemgetter(0, 1)


class TermPool:
    """Postings by field and term: {fieldname: {term bytes: [docnum, weight, value, docnum, ...]}}.

    A flat list a term (three entries a posting) takes a third of the memory of a tuple a
    posting. A field's term postings come in document order: whoever adds them (add_terms, add)
    adds each document's postings after the previous document's, as Whoosh's writer numbers them.
    """

    def __init__(self, tempstore, limitmb: float = 256):
        self.tempstore = tempstore
        self.limit = limitmb * 1024 * 1024
        self.size = 0  # estimated bytes gathered in memory since the last run
        self.fields: dict[str, dict[bytes, list]] = {}
        self.runs: list[str] = []  # names in tempstore of the runs written so far, oldest first
        self.fieldnames: set[str] = set()  # as Whoosh's pool keeps them

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
        length = count = new = 0
        for tbytes, freq, weight, vbytes in items:
            length += freq
            count += 1
            postings = terms.get(tbytes)
            if postings is None:
                terms[tbytes] = [docnum, weight * boost, vbytes]
                new += 1
            else:
                postings += (docnum, weight * boost, vbytes)
        self.size += count * POSTING_BYTES + new * TERM_BYTES
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
        self.spill_if_full()

    def spill_if_full(self) -> None:
        if self.size > self.limit:
            self.spill()

    def spill(self) -> None:
        """Write the terms in memory to a new run, sorted, and start gathering afresh."""
        if not self.fields:
            return
        name = f"{len(self.runs)}.termrun"
        f = self.tempstore.create_file(name)
        try:
            sorted_terms = self._memory_terms()
            while chunk := list(islice(sorted_terms, RUN_TERMS)):
                f.write(pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL))
        finally:
            f.close()
        self.runs.append(name)
        self.fields = {}
        self.size = 0

    def terms(self):
        """(fieldname, term bytes, flat postings) of every term, in Whoosh's order (field name, then
        term); a term's postings from every run and memory joined in document order. A field that got
        only spelling markers (in memory or in a run) comes as (fieldname, b"", []), a term with no postings."""
        if not self.runs:
            yield from self._memory_terms()
            return
        streams = [self._read_run(name) for name in self.runs] + [self._memory_terms()]
        self.runs = []
        for key, group in groupby(heapq.merge(*streams, key=_KEY), key=_KEY):  # ties: the earlier stream first
            flats = [flat for _, _, flat in group]
            yield key[0], key[1], flats[0] if len(flats) == 1 else [posting for flat in flats for posting in flat]

    def _memory_terms(self):
        fields = self.fields
        for fieldname in sorted(fields):
            terms = fields[fieldname]
            if not terms:
                yield fieldname, b"", []
            for tbytes in sorted(terms):
                yield fieldname, tbytes, terms[tbytes]

    def _read_run(self, name: str):
        f = self.tempstore.open_file(name).raw_file()
        try:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove(name)

    def iter_postings(self):
        """Whoosh's pool interface: every posting as (fieldname, term bytes, docnum, weight, value), sorted."""
        for fieldname, tbytes, flat in self.terms():
            for at in range(0, len(flat), 3):
                yield fieldname, tbytes, flat[at], flat[at + 1], flat[at + 2]

    def cleanup(self) -> None:
        for name in self.runs:
            self._remove(name)
        self.runs = []

    def _remove(self, name: str) -> None:
        try:
            self.tempstore.delete_file(name)
        except OSError:
            pass
