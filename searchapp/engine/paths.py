"""The two ways the engine reads the index: over Whoosh's internals (fast), or through its public API.

The fast path reads postings, field lengths and facet values as arrays
(searchapp/internals/). When internals/check.py finds Whoosh's private
structures not as expected, the service takes the public path instead: Whoosh's
own matcher (searcher.search), its public posting readers and its analyzer for
the words to mark. Both give the same hits; the public one is slower and has
no time budget inside a single Whoosh search.
"""

from __future__ import annotations

import numpy as np
from whoosh import spelling

from searchapp.engine import coordination, matching
from searchapp.engine.budget import Budget
from searchapp.engine.snippets import word_spans
from searchapp.index import schema
from searchapp.internals import postings, readers

SNIPPET_BLOCKS = 32  # posting blocks (of 128 documents) a page's snippets may decode: about 15 ms


class SearchPath:
    """What differs between the two paths; everything else in the engine is shared."""

    name = ""

    def match(self, opened, q, scored: bool, budget: Budget) -> matching.Matches:
        """Every live document q matches, by global document number, with Whoosh's BM25F scores when scored.

        A coordinated query runs concept by concept through the same plain matcher, and
        its matches carry their tiers (how many counted concepts each holds).
        """
        if isinstance(q, coordination.Coordinated):
            ids, scores, tiers = coordination.run(lambda sub, s: self._match(opened, sub, s, budget), q, scored)
            return matching.Matches(ids, scores, tiers)
        return self._match(opened, q, scored, budget)

    def _match(self, opened, q, scored: bool, budget: Budget) -> matching.Matches:
        raise NotImplementedError

    def facet_postings(self, reader, name: str) -> postings.FacetPostings:
        raise NotImplementedError

    def stand_in(self, q, words: tuple[bytes, ...]):
        """The query that stands for the words a wildcard, prefix, fuzzy or range term was given."""
        raise NotImplementedError

    def corrector(self, counts: dict[str, int], words: list[str]) -> spelling.Corrector:
        raise NotImplementedError

    def body_spans(self, opened, docnums: list[int], terms: frozenset[str], budget: Budget, rarity) -> dict:
        """docnum -> [(start, end, term)] of terms in its body; {} when there are none to find."""
        raise NotImplementedError


class FastPath(SearchPath):
    name = "internals"

    def _match(self, opened, q, scored, budget):
        return matching.match(opened.searcher, q, scored, opened.tables, opened.segment_date_keys, budget)

    def facet_postings(self, reader, name):
        return postings.FacetPostings.read(reader, name)

    def stand_in(self, q, words):
        return readers.with_words(q, words)

    def corrector(self, counts, words):
        return readers.FrequencyCorrector(counts, words)

    def body_spans(self, opened, docnums, terms, budget, rarity):
        """Read from the postings' stored character offsets, rarest terms first, within SNIPPET_BLOCKS
        posting blocks (ten common words would otherwise decode a block per hit each). Once the
        budget has run out, the terms not yet read are left unmarked."""
        searcher = opened.searcher
        if not terms or not docnums or not searcher.schema["body"].supports("characters"):
            return {}
        spans: dict[int, list[tuple[int, int, str]]] = {d: [] for d in docnums}
        allowance = postings.BlockAllowance(SNIPPET_BLOCKS, stop=budget.expired)
        for term in sorted(terms, key=lambda t: (rarity(t), t)):
            if budget.expired() or allowance.left <= 0:
                break
            found = postings.term_spans(searcher, "body", term.encode("utf-8"), docnums, allowance, opened.tables)
            for docnum, places in found.items():
                spans[docnum].extend((start, end, term) for start, end in places)
        return spans


def _public_ids(reader, fieldname: str, btext: bytes) -> np.ndarray:
    return np.fromiter(reader.postings(fieldname, btext).all_ids(), dtype=np.int64)


class PublicPath(SearchPath):
    name = "public"

    def _match(self, opened, q, scored, budget):
        if budget.expired():
            return matching.Matches.empty(scored)
        results = opened.searcher.search(q, limit=None, scored=scored)
        if not scored:
            return matching.Matches(np.array(sorted(results.docs()), dtype=np.int64), None)
        by_doc = sorted((docnum, score) for score, docnum in results.top_n)
        ids = np.array([d for d, _ in by_doc], dtype=np.int64)
        return matching.Matches(ids, np.array([s for _, s in by_doc], dtype=np.float64))

    def facet_postings(self, reader, name):
        return postings.FacetPostings.read(reader, name, ids_of=_public_ids)

    def stand_in(self, q, words):
        return readers.as_terms(q, words)

    def corrector(self, counts, words):
        return spelling.ListCorrector(words)

    def body_spans(self, opened, docnums, terms, budget, rarity):
        """Found by analysing each stored body again, as Whoosh's highlighter does."""
        if not terms or budget.expired():
            return {}
        analyzer = schema.analyzer()  # fresh: its stem cache lives as long as this search
        return {d: word_spans(opened.searcher.stored_fields(d).get("body", ""), terms, analyzer) for d in docnums}
