"""Small named accessors for the private parts of Whoosh the search side relies on.

Besides postings.py (the W3 posting and column layout), these are the only
places the engine touches what Whoosh does not publish: a multi-term query's
word list (the `_btexts` hook), BM25F's per-field B values, and the spelling
corrector's `_suggestions` hook. check.py verifies each one at start-up; when
one is missing, the engine takes Whoosh's public path instead (as_terms,
spelling.ListCorrector, searcher.search).
"""

from __future__ import annotations

import copy

from whoosh import query, spelling
from whoosh.scoring import BM25F


def is_plain_bm25(weighting) -> bool:
    """Whether weighting is Whoosh's BM25F with no per-field B: the scores the array matcher reproduces."""
    return type(weighting) is BM25F and not weighting._field_B


def expanded_words(q, reader) -> list[bytes]:
    """The words a wildcard, prefix, fuzzy or range query stands for in reader (Whoosh's `_btexts`)."""
    return list(q._btexts(reader))


class _Chosen:
    """A wildcard, prefix, fuzzy or range query that stands for words chosen once for the whole index.

    _btexts is Whoosh's own (private) hook for a multi-term query's words; both
    Whoosh's matchers and the array matcher read it, so the two still agree.
    """

    chosen: tuple[bytes, ...] = ()

    def _btexts(self, ixreader):
        return list(self.chosen)


class ChosenFuzzyTerm(_Chosen, query.FuzzyTerm):
    pass


class ChosenWildcard(_Chosen, query.Wildcard):
    pass


class ChosenPrefix(_Chosen, query.Prefix):
    pass


class ChosenTermRange(_Chosen, query.TermRange):
    pass


CHOSEN = {query.FuzzyTerm: ChosenFuzzyTerm, query.Wildcard: ChosenWildcard, query.Prefix: ChosenPrefix,
          query.TermRange: ChosenTermRange}
MULTI_TERMS = tuple(CHOSEN)


def with_words(q, words: tuple[bytes, ...]):
    """A copy of q (a FuzzyTerm, Wildcard, Prefix or TermRange) that stands for exactly these words."""
    chosen = copy.copy(q)
    chosen.__class__ = CHOSEN[type(q)]  # the subclass adds no state of its own but the words
    chosen.chosen = tuple(words)
    return chosen


def as_terms(q, words: tuple[bytes, ...]):
    """The public path's stand-in for with_words: the chosen words as an OR of plain terms."""
    if not words:
        return query.NullQuery
    terms = [query.Term(q.fieldname, w.decode("utf-8", "surrogateescape")) for w in words]
    return query.Or(terms, boost=q.boost) if len(terms) > 1 else terms[0]


class FrequencyCorrector(spelling.Corrector):
    """Suggests the archive's words nearest a misspelling, nearest and then commonest first.

    Whoosh's ListCorrector orders by distance only; its `_suggestions` hook is where the
    commonness is added.
    """

    def __init__(self, counts: dict[str, int], words: list[str]):
        self.counts, self.words = counts, words  # words: sorted, for Whoosh's list corrector

    def _suggestions(self, text, maxdist, prefix):
        for score, word in spelling.ListCorrector(self.words)._suggestions(text, maxdist, prefix):
            yield score - 0.5 / self.counts[word], word
