"""Wildcard, prefix, fuzzy and range terms expanded to a bounded list of the index's words.

Whoosh expands them by seeking through the on-disk term table, about a
millisecond a seek: one "word~2" took seconds, and "*x*" read the postings of
every word holding an x. Here each segment's words in a field are kept in
memory once, sorted, with their document frequencies, an order by frequency and
a bit mask of the characters each holds; a term stands for at most
Limits.max_expansions words: the most frequent (a fuzzy term's own word first).

A wildcard tries the words that hold its letters, most frequent first, and
stops at the cap: so leading wildcards ("*x*") are allowed, and cost about what
"x*" costs. A fuzzy term measures only the words of about its length and
characters. The budget's clock is read every CHECK_EVERY words tried.
"""

from __future__ import annotations

import fnmatch
import heapq
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy as np
from whoosh import fields, query

from searchapp.engine.budget import Budget
from searchapp.internals.readers import CHOSEN, with_words

LAST = "\U0010ffff"  # after every character: the end of a prefix's range
CHECK_EVERY = 256  # words tried between readings of the clock
NOTHING = np.zeros(0, dtype=np.int64)


def character_bits(text: str) -> int:
    """A 64-bit mask with a bit for each letter, digit (and, hashed, other character) in text."""
    bits = 0
    for c in set(text):
        if "a" <= c <= "z":
            bits |= 1 << (ord(c) - 97)
        elif "0" <= c <= "9":
            bits |= 1 << (ord(c) - 48 + 26)
        else:
            bits |= 1 << (36 + ord(c) % 28)
    return bits


def pair_bits(text: str) -> int:
    """A 64-bit mask with a bit for each pair of adjacent characters in text (hashed; the same within a process)."""
    bits = 0
    for i in range(len(text) - 1):
        bits |= 1 << (hash(text[i : i + 2]) & 63)
    return bits


@dataclass(frozen=True)
class Vocabulary:
    """One field's words in one segment: sorted, their document frequencies, most frequent first, their characters."""

    words: list[str]
    frequencies: np.ndarray
    by_frequency: np.ndarray  # positions in words, most frequent first, ties in word order
    characters: np.ndarray  # character_bits of each word, as uint64
    pairs: np.ndarray  # pair_bits of each word, as uint64
    lengths: np.ndarray

    @classmethod
    def read(cls, reader, fieldname: str) -> "Vocabulary":
        words, frequencies = [], []
        field = reader.schema[fieldname] if fieldname in reader.schema else None
        if field is not None and not isinstance(field, fields.NUMERIC):  # numbers and dates have no words
            for btext, info in reader.iter_field(fieldname):
                words.append(btext.decode("utf-8", "surrogateescape"))
                frequencies.append(info.doc_frequency())
        counts = np.array(frequencies, dtype=np.int64)
        characters = np.fromiter(map(character_bits, words), dtype=np.uint64, count=len(words))
        pairs = np.fromiter(map(pair_bits, words), dtype=np.uint64, count=len(words))
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        return cls(words, counts, np.argsort(-counts, kind="stable"), characters, pairs, lengths)

    def frequency(self, word: str) -> int:
        at = bisect_left(self.words, word)
        return int(self.frequencies[at]) if at < len(self.words) and self.words[at] == word else 0

    def most_frequent(self, positions: np.ndarray, limit: int) -> np.ndarray:
        """The `limit` most frequent of positions, most frequent first (ties in word order)."""
        return positions[np.lexsort((positions, -self.frequencies[positions]))][:limit]

    def with_prefix(self, prefix: str) -> np.ndarray:
        """The positions of the words that start with prefix, in word order."""
        return np.arange(bisect_left(self.words, prefix), bisect_left(self.words, prefix + LAST), dtype=np.int64)

    def matching(self, pattern: re.Pattern, prefix: str, required: int, limit: int, budget: Budget) -> np.ndarray:
        """The `limit` most frequent words that start with prefix, hold the required characters and match pattern."""
        if prefix:
            tried = self.most_frequent(self.with_prefix(prefix), len(self.words))
        else:
            tried = self.by_frequency
        tried = tried[(self.characters[tried] & np.uint64(required)) == np.uint64(required)]
        found = []
        for start in range(0, len(tried), CHECK_EVERY):
            if len(found) >= limit or (start and budget.expired()):
                break
            found += [at for at in tried[start : start + CHECK_EVERY].tolist() if pattern.match(self.words[at])]
        return np.array(found[:limit], dtype=np.int64)

    def within(self, text: str, edits: int, prefix: int, budget: Budget) -> np.ndarray:
        """The positions of the words at most `edits` from text that share its first `prefix` characters.

        Length, the characters held and the pairs of adjacent characters rule out most
        words at once (an edit changes at most two of the characters a word holds, and
        four of its pairs); the rest are measured.
        """
        tried = self.with_prefix(text[:prefix])
        tried = tried[np.abs(self.lengths[tried] - len(text)) <= edits]
        tried = tried[np.bitwise_count(self.characters[tried] ^ np.uint64(character_bits(text))) <= 2 * edits]
        tried = tried[np.bitwise_count(self.pairs[tried] ^ np.uint64(pair_bits(text))) <= 4 * edits]
        found = []
        for n, at in enumerate(tried.tolist()):
            if n % CHECK_EVERY == CHECK_EVERY - 1 and budget.expired():
                break
            if levenshtein_within(text[prefix:], self.words[at][prefix:], edits):
                found.append(at)
        return np.array(found, dtype=np.int64)


def levenshtein_within(a: str, b: str, edits: int) -> bool:
    """Whether b is at most `edits` insertions, deletions or substitutions from a, as Whoosh's automaton counts.

    Only the diagonal band of the distance table within `edits` of the corner is filled:
    a path outside it makes more edits than allowed.
    """
    if abs(len(a) - len(b)) > edits:
        return False
    over = edits + 1  # stands for any distance over the limit
    previous = [j if j <= edits else over for j in range(len(b) + 1)]
    for i, char in enumerate(a, 1):
        low, high = max(1, i - edits), min(len(b), i + edits)
        current = [i if i <= edits else over] + [over] * len(b)
        for j in range(low, high + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != b[j - 1]))
        if min(current[low - 1 : high + 1]) > edits:
            return False
        previous = current
    return previous[-1] <= edits


def finder(q, limit: int):
    """A function (Vocabulary, Budget) -> positions of at most `limit` words q stands for, most frequent first.

    Built once per query term, for all segments. A fuzzy term's own word is kept
    beyond the limit, so expand can put it first.
    """
    if isinstance(q, query.FuzzyTerm):

        def fuzzy(vocabulary, budget):
            found = vocabulary.within(q.text, q.maxdist, q.prefixlength, budget)
            own = found[[vocabulary.words[i] == q.text for i in found.tolist()]] if len(found) else NOTHING
            return np.concatenate([own, vocabulary.most_frequent(found, limit)])

        return fuzzy
    if isinstance(q, query.Prefix):
        return lambda vocabulary, budget: vocabulary.most_frequent(vocabulary.with_prefix(q.text), limit)
    if isinstance(q, query.Wildcard):
        prefix = re.split(r"[*?\[]", q.text, maxsplit=1)[0]
        pattern = re.compile(fnmatch.translate(q.text))  # Whoosh's own reading of a wildcard
        required = 0 if "[" in q.text else character_bits(re.sub(r"[*?]", "", q.text))
        return lambda vocabulary, budget: vocabulary.matching(pattern, prefix, required, limit, budget)
    if isinstance(q, query.TermRange):
        return lambda vocabulary, budget: vocabulary.most_frequent(_in_range(vocabulary, q), limit)
    raise TypeError(f"no expansion for {type(q).__name__}")


def _in_range(vocabulary: Vocabulary, q) -> np.ndarray:
    """The positions of the words in a term range, its ends included or not as the query says."""
    words = vocabulary.words
    first = 0 if q.start is None else (bisect_right if q.startexcl else bisect_left)(words, q.start)
    last = len(words) if q.end is None else (bisect_left if q.endexcl else bisect_right)(words, q.end)
    return np.arange(first, max(first, last), dtype=np.int64)


def expand(q, vocabularies: list[Vocabulary], budget: Budget) -> tuple[bytes, ...]:
    """The words q stands for: at most budget.limits.max_expansions, the most frequent in the index first.

    A fuzzy term's own word, when the index has it, always comes first; ties go in
    word order. In an index of several segments the choice is made among each
    segment's most frequent words.
    """
    limit = budget.limits.max_expansions
    find, own = finder(q, limit), q.text if isinstance(q, query.FuzzyTerm) else None
    candidates: set[str] = set()
    for vocabulary in vocabularies:
        if budget.expired():
            break
        candidates.update(vocabulary.words[i] for i in find(vocabulary, budget).tolist())
    if len(vocabularies) == 1:
        counts = {w: vocabularies[0].frequency(w) for w in candidates}
    else:
        counts = {w: sum(v.frequency(w) for v in vocabularies) for w in candidates}
    chosen = heapq.nsmallest(limit, counts, key=lambda w: (w != own, -counts[w], w))
    budget.expanded += len(chosen)
    return tuple(w.encode("utf-8", "surrogateescape") for w in chosen)


def choose_words(q, vocabularies_of, budget: Budget, stand_in=with_words):
    """q with each wildcard, prefix, fuzzy and range term standing for its chosen words.

    vocabularies_of(fieldname) gives each segment's Vocabulary; a term the query
    repeats is expanded once per field. stand_in(term, words) makes the query that
    stands for them (readers.with_words, or readers.as_terms on Whoosh's public path).
    """
    chosen: dict[str, tuple[bytes, ...]] = {}

    def choose(node):
        if type(node) not in CHOSEN:
            return node
        key = repr(node)
        if key not in chosen:
            chosen[key] = expand(node, vocabularies_of(node.fieldname), budget)
        return stand_in(node, chosen[key])

    return q.accept(choose)
