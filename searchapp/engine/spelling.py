"""Did you mean: a respelled query, offered when it finds more than the query typed.

The words come from the vocabulary side file the reindex writes (word -> number
of articles), not from a spelling field: indexing every word twice cost 2.3x
the indexing time.
"""

from __future__ import annotations

from pathlib import Path

from searchapp.engine.budget import Budget
from searchapp.index.storage import read_json

SUGGEST_BELOW = 3  # offer "did you mean" when a query has fewer hits than this
SUGGEST_AT_MOST = 3  # ... and at most this many words unknown to the index


class Speller:
    """The vocabulary side file as a corrector, read again when a reindex has rewritten it."""

    def __init__(self, path: Path):
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._corrector = None
        self._made_by = None  # the search path that made the corrector

    def corrector(self, search_path):
        try:
            stat = self.path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        if self._corrector is None or self._stamp != stamp or self._made_by is not search_path:
            counts = {w: n for w, n in read_json(self.path).items() if isinstance(n, int) and n > 0}
            self._corrector = search_path.corrector(counts, sorted(counts))
            self._stamp, self._made_by = stamp, search_path
        return self._corrector

    def suggestion(self, opened, q, text: str, total: int, count, budget: Budget) -> str | None:
        """A respelling of the query text (parsed as q, total hits) that finds more, by count(text); or None.

        Each unknown word costs a walk over the vocabulary, so a query with many of
        them, or one out of time, gets none.
        """
        if total >= SUGGEST_BELOW or budget.expired():
            return None
        unknown = [
            ("body", word)
            for fieldname, word in q.iter_all_terms()
            if fieldname == "body" and isinstance(word, str) and (fieldname, word) not in opened.reader
        ]
        if not unknown or len(unknown) > SUGGEST_AT_MOST:
            return None
        try:
            correctors = {"body": self.corrector(opened.path)}
            correction = opened.searcher.correct_query(q, text, correctors=correctors, terms=unknown, prefix=1)
            if not correction.string or correction.string == text:
                return None
            finds_more = count(correction.string) > total
        except Exception:  # a suggestion is a nicety: Whoosh's corrector must never break a search
            return None
        return correction.string if finds_more else None
