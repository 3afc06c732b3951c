"""A text field's postings for the writer, with the analyzer's filters done in one loop.

Whoosh analyses a text as a chain of generators (tokenizer, CJK, lowercase, accent folding,
stemming), each passing one Token object on, and that chain was 60% of adding a document
(bench/perf_notes.md, 15). Without Chinese, Japanese or Korean in the text, what the chain
does to a word depends on the word alone, so each word as written is folded once and
remembered. The text is cut by the tokenizer's own expression (re.split: the pieces between the
words and the words, end to end), so that a word's character offsets are running sums of the
pieces' lengths, with no match object a word (bench/perf_notes.md, 19). The postings are the same
as Whoosh's own, byte for byte (tests/test_word_postings.py); a text with CJK, or an analyzer,
tokenizer expression or format other than the schema's, goes through Whoosh's chain.
"""

from __future__ import annotations

import functools
import re
from itertools import accumulate, count
from pickle import dumps

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.formats import Characters, Positions
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

from searchapp.index.cjk import CJK, CJKFilter

CHAIN = (RegexTokenizer, CJKFilter, LowercaseFilter, CharsetFilter, StemFilter)  # as schema.analyzer() builds it
TOKENS = r"[\w\*]+(\.?[\w\*]+)*"  # RegexTokenizer's default expression (whoosh-reloaded 2.7.5)
# The same words, as one group for re.split: it returns the text's pieces, between-words and word by turns.
# Possessive: the words are the longest matches either way, and sre tries no shorter ones (10% faster).
SPLIT_WORDS = re.compile(r"([\w*]++(?:\.?+[\w*]++)*+)")
FOLDED_LIMIT = 1_000_000  # words as written remembered; past it the memory starts again
# Most words of a text occur once in it (1.1 of 1.8 million postings of the body in 20,000 Reuters articles):
# such a posting's value is built from pieces of pickle's own output rather than by a pickle.dumps call
# (0.6 against 1.2 µs): protocol 2's bytes for an int under 65,536 (K or M and its bytes), between those of
# a list of one tuple of them, or of one int, and the count in front (Positions.encode, Characters.encode).
SMALL = 1 << 16
_ONE_PLACE = (pack_uint(1) + b"\x80\x02]q\x00", b"\x87q\x01a.")  # before, and after a (pos, start, length) tuple
_ONE_POSITION = (pack_uint(1) + b"\x80\x02]q\x00", b"a.")  # and around a position
_COUNTS = [pack_uint(n) for n in range(256)]


@functools.cache
def _pickled_ints() -> list[bytes]:
    """pickle's protocol 2 bytes of each int under SMALL (made once a process that writes: 3 MB)."""
    return [dumps(n, 2)[2:-1] for n in range(SMALL)]


class Folded(dict):
    """A word as written -> the term the chain indexes (lowercased, accents folded, stemmed; UTF-8), worked
    out on first sight: folded[word] for every word of a text is then a C-level map."""

    def __init__(self, stem):
        super().__init__()
        self._stem = stem

    def __missing__(self, written: str) -> bytes:
        word = self[written] = self._stem(written.lower().translate(accent_map)).encode("utf-8")
        return word


class WordPostings:
    """(term bytes, frequency, weight, encoded positions) of a text, as field.index() gives them, and
    the terms of the text's words in order (one a position) for the word-pair fields."""

    def __init__(self, analyzer, fmt):
        self.usable = _is_the_schemas_chain(analyzer) and type(fmt) in (Positions, Characters)
        if not self.usable:
            return
        stemmer = analyzer.items[-1]
        self._chars = type(fmt) is Characters  # else Positions
        self._boost = fmt.field_boost
        self._folded = Folded(stemmer.stemfn)  # uncached stem: _folded remembers each word's
        self._pickled = _pickled_ints()

    def of(self, text: str) -> tuple[list[tuple[bytes, int, float, bytes]], list[bytes]] | None:
        """The postings and the terms of text's words in order; None when Whoosh's chain must read it (CJK).

        A word's places are kept as the gaps the format encodes (Positions.encode, Characters.encode:
        a count and the pickled list of gaps), worked out as the words come rather than in a second loop.
        """
        if not self.usable or (not text.isascii() and CJK.search(text)):
            return None
        folded = self._folded
        if len(folded) > FOLDED_LIMIT:
            folded.clear()
        pieces = SPLIT_WORDS.split(text)
        words = list(map(folded.__getitem__, pieces[1::2]))
        seen: dict[bytes, list] = {}  # term -> [last position, last end, gap, gap, ...]
        if self._chars:
            offsets = list(accumulate(map(len, pieces)))  # a word's start, then its end, by turns
            for pos, word, start, end in zip(count(), words, offsets[::2], offsets[1::2]):
                places = seen.get(word)
                if places is None:
                    seen[word] = [pos, end, (pos, start, end - start)]
                else:
                    places.append((pos - places[0], start - places[1], end - start))
                    places[0], places[1] = pos, end
        else:
            for pos, word in enumerate(words):
                places = seen.get(word)
                if places is None:
                    seen[word] = [pos, 0, pos]
                else:
                    places.append(pos - places[0])
                    places[0] = pos
        return self._postings(seen), words

    def _postings(self, seen: dict[bytes, list]) -> list[tuple[bytes, int, float, bytes]]:
        """Each word's posting, its value encoded as Positions.encode or Characters.encode does."""
        chars, pickled, counts = self._chars, self._pickled, _COUNTS
        weight = float(self._boost)
        head, tail = _ONE_PLACE if chars else _ONE_POSITION
        postings = []
        for word, places in seen.items():
            if len(places) == 3:  # one place
                place = places[2]
                if chars:
                    pos, start, length = place
                    if start < SMALL and pos < SMALL and length < SMALL:
                        postings.append((word, 1, weight, b"".join((head, pickled[pos], pickled[start], pickled[length], tail))))
                        continue
                elif place < SMALL:
                    postings.append((word, 1, weight, b"".join((head, pickled[place], tail))))
                    continue
            gaps = places[2:]
            n = len(gaps)
            postings.append((word, n, n * weight, (counts[n] if n < 256 else pack_uint(n)) + dumps(gaps, 2)))
        return postings


def _is_the_schemas_chain(analyzer) -> bool:
    """Whether analyzer is schema.analyzer()'s chain with its default settings (an index's pickled schema
    may come from another version: anything else is analysed by Whoosh)."""
    items = getattr(analyzer, "items", None)
    if items is None or tuple(type(item) for item in items) != CHAIN:
        return False
    tokenizer, _, _, charset, stemmer = items
    return (
        tokenizer.expression.pattern == TOKENS
        and tokenizer.expression.flags == re.compile(TOKENS).flags
        and not tokenizer.gaps
        and charset.charmap == accent_map
        and not stemmer.ignore
        and stemmer.lang is None
    )
