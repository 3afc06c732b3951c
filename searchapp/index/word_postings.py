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

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.formats import Characters, Positions
from whoosh.support.charset import accent_map

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
        self._chars = type(fmt) is Characters
        self._encode = fmt.encode
        self._boost = fmt.field_boost
        self._folded: dict[str, str] = {}

    def of(self, text: str) -> tuple[list[tuple[str, int, float, bytes]], list[tuple[int, str]]] | None:
        """The postings and positioned words of text; None when Whoosh's chain must read it (CJK)."""
        if not self.usable or (not text.isascii() and CJK.search(text)):
            return None
        folded = self._folded
        if len(folded) > FOLDED_LIMIT:
            folded.clear()
        stem, chars = self._stem, self._chars
        seen: dict[str, list] = {}
        positioned: list[tuple[int, str]] = []
        for pos, match in enumerate(self._words(text)):
            written = match.group()
            word = folded.get(written)
            if word is None:
                word = folded[written] = stem(written.lower().translate(accent_map))
            positioned.append((pos, word))
            entry = (pos, match.start(), match.end()) if chars else pos
            places = seen.get(word)
            if places is None:
                seen[word] = [entry]
            else:
                places.append(entry)
        encode, boost = self._encode, self._boost
        return [(word, len(p), float(len(p)) * boost, encode(p)) for word, p in seen.items()], positioned


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
