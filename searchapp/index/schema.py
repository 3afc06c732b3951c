"""The index's fields and how their text is analysed: what both building and searching an index need.

The search side reads this module (with storage.py and record.py) and never the builder's.
"""

from __future__ import annotations

import functools
import re

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, FieldType, Schema
from whoosh.formats import Existence
from whoosh.support.charset import accent_map

from searchapp.index.cjk import CJKFilter
from searchapp.index.word_postings import WordPostings

# Bump when the schema or what goes into a document changes: the next reindex rebuilds.
SCHEMA_VERSION = 11  # 6: date_from stored; undated articles get the year "undated"; 7: CJK words (cjk.py); 8: meetings;
# 9: country pairs; 10: word pairs (title_pairs, body_pairs); 11: only pairs of two COMMON_WORDS
# Index field -> Facets attribute, for the three extracted facets.
EXTRACTED = {"country": "countries", "official": "officials", "topic": "topics"}
# Words so frequent in news that a phrase of two of them ("said it", "prime minister", "the united
# states") has tens of thousands of candidate documents to check positions in: such neighbours are
# indexed as pairs (WordPairs). A phrase with a rarer word has few candidates, and indexing every
# pair doubled the writer's time and the index's size (bench/perf_notes.md, 14).
COMMON_WORDS = (
    "a about after against all also an and any are as at be because been before being between both but by can "
    "could day days did do does down during each eight even first five for four from had has have he her his how "
    "i if in into is it its just last may more most must new next nine no not now of off on one only or other our "
    "out over per says said say seven she should since six so some still such ten than that the their them then "
    "there these they this those three through to two under up us very was we week weeks were what when where "
    "which while who will with would year years you month months today yesterday "
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august "
    "september october november december "
    "minister ministers ministry foreign prime president vice government official officials spokesman "
    "spokeswoman spokesperson secretary general council security defence defense military talks meeting "
    "leader leaders country countries people party parliament state states united nations national "
    "international news agency press statement according reported told added earlier later percent pct million "
    "billion company north south east west korea china japan chinese japanese korean american european union "
    "white house"
).split()
# The year facet's value for an article with no date: undated articles can be counted and
# selected instead of silently dropping out.
UNDATED = "undated"


def analyzer():
    """Words lowercased, accents folded, stemmed; no stop words, so "US" and "The Hague" stay searchable.

    Chinese, Japanese and Korean words are split right after the tokenizer (cjk.py), so 王毅
    inside a Chinese sentence is a word. The stem cache is unbounded (a plain dict): Whoosh's
    bounded one evicts through a slow Python LFU.
    """
    return RegexTokenizer() | CJKFilter() | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter(cachesize=-1)


def facet_field():
    """A multi-valued exact-match field: commas separate values, so "United States" stays one term."""
    return KEYWORD(commas=True, lowercase=False, scorable=False, stored=False)


def schema() -> Schema:
    """The index schema; facet values and evidence are stored in `record` as plain data (record.py)."""
    title = PairedText(analyzer=analyzer(), phrase=True, stored=True, field_boost=2.0)
    # No spelling=True: it indexes every word a second time (measured: 2.3x the
    # indexing time); "did you mean" reads the vocabulary side file instead.
    # chars=True: each posting keeps its character offsets, so a snippet is cut
    # around them without analysing the body again (12.3 -> 1.0 ms for 10 snippets).
    body = PairedText(analyzer=analyzer(), phrase=True, chars=True, stored=True)
    return Schema(
        id=ID(unique=True, stored=True),
        path=ID(stored=True),
        title=title,
        title_pairs=WordPairs(title, common_words()),  # hidden: no query, facet or page names it (see WordPairs)
        body=body,
        body_pairs=WordPairs(body, common_words()),
        date=DATETIME(stored=True, sortable=True),
        dated=NUMERIC(int, bits=8, sortable=True),  # 1 with a date: sorts undated articles last
        year=facet_field(),
        source=facet_field(),
        country=facet_field(),
        official=facet_field(),
        topic=facet_field(),
        country_pair=facet_field(),  # "China–Japan": countries whose relations the article covers (facets/pairs.py)
        meeting=facet_field(),  # the participants of the article's meetings: /api/meetings?official= finds them
        date_from=STORED(),  # where the reader found the date ("dateline", "front matter", ...)
        filestate=COLUMN(),  # JSON [path, size, mtime_ns, sha256]: read cheaply by incremental runs
        record=STORED(),  # {"source", "url", "byline", "countries", "officials", "topics", "evidence", "meetings", ...}
    )


def pairs_field(fieldname: str) -> str:
    """The hidden field holding the word pairs of a text field."""
    return f"{fieldname}_pairs"


def pair_term(first: str, second: str) -> str:
    """The term of two indexed words at consecutive positions (words never hold a space)."""
    return f"{first} {second}"


def common_words() -> frozenset[str]:
    """COMMON_WORDS as the analyzer indexes them (stemmed)."""
    ana = analyzer()
    return frozenset(t.text for word in COMMON_WORDS for t in ana(word))


def pair_terms(positioned: list[tuple[int, str]], common: frozenset[str] | None = None) -> set[str]:
    """pair_term of every two words at consecutive positions, from (position, word) in position order;
    with common, only of two words both in it."""
    if not positioned:
        return set()
    first = positioned[0][0]
    words = [word for _, word in positioned]
    if [pos for pos, _ in positioned] == list(range(first, first + len(positioned))):  # the usual: one word a position
        pairs = zip(words, words[1:])
    else:
        at: dict[int, list[str]] = {}
        for pos, word in positioned:
            at.setdefault(pos, []).append(word)
        pairs = ((a, b) for pos, firsts in at.items() for a in firsts for b in at.get(pos + 1, ()))
    if common is None:
        return {pair_term(a, b) for a, b in pairs}
    return {pair_term(a, b) for a, b in pairs if a in common and b in common}


@functools.lru_cache(maxsize=4)
def _encoded(words: frozenset[str]) -> frozenset[bytes]:
    return frozenset(word.encode("utf-8") for word in words)


def _recorded(tokens, positioned: list):
    """The analyzer's tokens passed on, each kept word's (position, text) noted on the way."""
    for t in tokens:
        if not t.stopped:
            positioned.append((t.pos, t.text))
        yield t


class PairedText(TEXT):
    """A TEXT field that notes the positions of the words it last indexed, so its WordPairs field
    pairs them up without analysing the text a second time (analysis is a quarter of a build)."""

    # (text, its words one a position or None, else its (position, word) list), set once a text is indexed whole
    _last: tuple[str, list | None, list | None] | None = None
    _postings: WordPostings | None = None  # the analyzer's chain in one loop, made on first use

    def index(self, value, **kwargs):
        """field.index(): for the writer's call on a text, the postings as a list (word_postings.py), else
        Whoosh's chain's, as a generator."""
        if not kwargs and isinstance(value, str):  # the writer's call; other options go through Whoosh's chain
            if self._postings is None:
                self._postings = WordPostings(self.analyzer, self.format)
            fast = self._postings.of(value)
            if fast is not None:
                postings, words = fast
                self._last = (value, words, None)
                return postings
        return self._chain_index(value, **kwargs)

    def _chain_index(self, value, **kwargs):
        if not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        positioned: list[tuple[int, str]] = []
        analyze = self.analyzer

        def recording(text, **options):
            return _recorded(analyze(text, **options), positioned)

        kwargs.setdefault("mode", "index")
        for word, freq, weight, encoded in self.format.word_values(value, recording, **kwargs):
            yield word.encode("utf-8"), freq, weight, encoded
        self._last = (value, None, positioned)

    def positioned(self, text: str) -> list[tuple[int, str]]:
        """(position, word) of text's words: those noted when this field indexed the same text, else analysed here."""
        last = self._last  # one read: another thread may index meanwhile, and then the texts differ
        if last is not None and last[0] == text:
            return last[2] if last[1] is None else [(pos, word.decode("utf-8")) for pos, word in enumerate(last[1])]
        tokens = self.analyzer(text, positions=True, mode="index")
        return [(t.pos, t.text) for t in tokens if not t.stopped]

    def pair_term_bytes(self, text: str, common: frozenset[str] | None) -> set[bytes]:
        """pair_terms of text's words (with common, only pairs of two of them), UTF-8, from the terms noted
        when this field indexed the same text by word_postings.py's loop (one a position), else from positioned()."""
        last = self._last
        if last is None or last[0] != text or last[1] is None:
            return {term.encode("utf-8") for term in pair_terms(self.positioned(text), common)}
        words = last[1]
        if common is None:
            return {a + b" " + b for a, b in zip(words, words[1:])}  # pair_term's, in bytes
        common = _encoded(common)
        return {a + b" " + b for a, b in zip(words, words[1:]) if a in common and b in common}

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_last", None)  # the schema is pickled into the index's table of contents
        state.pop("_postings", None)
        return state


class WordPairs(FieldType):
    """Two common words at consecutive positions of a text field as one term ("said it"), without positions.

    A quoted phrase of common words ("said it", "the united states") made Whoosh decode
    the positions of tens of thousands of documents; the documents holding one pair
    term are exactly those where the two words stand side by side, and a longer
    phrase checks positions only in the documents holding all its pairs and rarer
    words (engine/matching.py). Not stored, not scored, never named by queries, facets or pages.
    """

    common: frozenset[str] | None = None  # the words whose neighbours are paired (None: every word)

    def __init__(self, words: PairedText, common: frozenset[str] | None = None):
        self.words = words
        self.common = common
        self.format = Existence()
        self.scorable = self.stored = self.unique = False

    def indexes(self, first: str, second: str) -> bool:
        """Whether the pair of these two words is indexed where they stand side by side."""
        return self.common is None or (first in self.common and second in self.common)

    def index(self, value, **kwargs):
        return [(term, 1, 1.0, b"") for term in self.words.pair_term_bytes(value, self.common)]


WORD = re.compile(r"\w+(?:\.?\w+)*")  # RegexTokenizer's default pattern


def distinct_words(text: str) -> set[str]:
    """The text's words as the analyzer sees them before stemming (lowercased, accents folded)."""
    return set(WORD.findall(text.lower().translate(accent_map)))
