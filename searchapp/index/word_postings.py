"""A text field's postings for the writer, with the analyzer's filters done in one loop.

Whoosh analyses a text as a chain of generators (tokenizer, CJK, lowercase, accent folding,
stemming), each passing one Token object on, and that chain was 60% of adding a document
(bench/perf_notes.md, 15). Without Chinese, Japanese or Korean in the text, what the chain
does to a word depends on the word alone, so each word as written is folded once and
remembered, and the text's words are taken straight from the tokenizer's regular expression.
The postings are the same as Whoosh's own, byte for byte (tests/test_word_postings.py); a text
with CJK, or an analyzer or format other than the schema's, goes through Whoosh's chain.
"""

from __future__ import annotations

from pickle import dumps

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.formats import Characters, Positions
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

from searchapp.index.cjk import CJK, CJKFilter

CHAIN = (RegexTokenizer, CJKFilter, LowercaseFilter, CharsetFilter, StemFilter)  # as schema.analyzer() builds it
FOLDED_LIMIT = 1_000_000  # words as written remembered; past it the memory starts again


class WordPostings:
    """(word, frequency, weight, encoded positions) of a text, as the format's word_values gives them,
    and the (position, word) list the word-pair fields pair up."""

    def __init__(self, analyzer, fmt):
        self.usable = _is_the_schemas_chain(analyzer) and type(fmt) in (Positions, Characters)
        if not self.usable:
            return
        tokenizer, stemmer = analyzer.items[0], analyzer.items[-1]
        self._words = tokenizer.expression.finditer
        self._stem = stemmer.stemfn  # uncached: _folded remembers each word's stem
        self._chars = type(fmt) is Characters  # else Positions
        self._boost = fmt.field_boost
        self._folded: dict[str, str] = {}

    def of(self, text: str) -> tuple[list[tuple[str, int, float, bytes]], list[tuple[int, str]]] | None:
        """The postings and positioned words of text; None when Whoosh's chain must read it (CJK).

        A word's places are kept as the gaps the format encodes (Positions.encode, Characters.encode:
        a count and the pickled list of gaps), worked out as the words come rather than in a second loop.
        """
        if not self.usable or (not text.isascii() and CJK.search(text)):
            return None
        folded = self._folded
        if len(folded) > FOLDED_LIMIT:
            folded.clear()
        stem = self._stem
        seen: dict[str, list] = {}  # word -> [last position, last end, gap, gap, ...]
        positioned: list[tuple[int, str]] = []
        chars = self._chars
        for pos, match in enumerate(self._words(text)):
            written = match.group()
            word = folded.get(written)
            if word is None:
                word = folded[written] = stem(written.lower().translate(accent_map))
            positioned.append((pos, word))
            places = seen.get(word)
            if chars:
                start, end = match.span()
                if places is None:
                    seen[word] = [pos, end, (pos, start, end - start)]
                else:
                    places.append((pos - places[0], start - places[1], end - start))
                    places[0], places[1] = pos, end
            elif places is None:
                seen[word] = [pos, 0, pos]
            else:
                places.append(pos - places[0])
                places[0] = pos
        boost = self._boost
        postings = []
        for word, places in seen.items():
            gaps = places[2:]
            count = len(gaps)
            postings.append((word, count, float(count) * boost, pack_uint(count) + dumps(gaps, 2)))
        return postings, positioned


def _is_the_schemas_chain(analyzer) -> bool:
    """Whether analyzer is schema.analyzer()'s chain with its default settings (an index's pickled schema
    may come from another version: anything else is analysed by Whoosh)."""
    items = getattr(analyzer, "items", None)
    if items is None or tuple(type(item) for item in items) != CHAIN:
        return False
    tokenizer, _, _, charset, stemmer = items
    return (
        not tokenizer.gaps
        and charset.charmap == accent_map
        and not stemmer.ignore
        and stemmer.lang is None
    )
