"""The index's fields and how their text is analysed: what both building and searching an index need.

The search side reads this module (with storage.py and record.py) and never the builder's.
"""

from __future__ import annotations

import re

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, FieldType, Schema
from whoosh.formats import Existence
from whoosh.support.charset import accent_map

from searchapp.index.cjk import CJKFilter

# Bump when the schema or what goes into a document changes: the next reindex rebuilds.
SCHEMA_VERSION = 10  # 6: date_from stored; undated articles get the year "undated"; 7: CJK words (cjk.py); 8: meetings;
# 9: country pairs; 10: word pairs (title_pairs, body_pairs)
# Index field -> Facets attribute, for the three extracted facets.
EXTRACTED = {"country": "countries", "official": "officials", "topic": "topics"}
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
        title_pairs=WordPairs(title),  # hidden: no query, facet or page names it (see WordPairs)
        body=body,
        body_pairs=WordPairs(body),
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


def pair_terms(positioned: list[tuple[int, str]]) -> set[str]:
    """pair_term of every two words at consecutive positions, from (position, word) in position order."""
    if not positioned:
        return set()
    first = positioned[0][0]
    words = [word for _, word in positioned]
    if [pos for pos, _ in positioned] == list(range(first, first + len(positioned))):  # the usual: one word a position
        return {pair_term(a, b) for a, b in zip(words, words[1:])}
    at: dict[int, list[str]] = {}
    for pos, word in positioned:
        at.setdefault(pos, []).append(word)
    return {pair_term(a, b) for pos, firsts in at.items() for a in firsts for b in at.get(pos + 1, ())}


def _recorded(tokens, positioned: list):
    """The analyzer's tokens passed on, each kept word's (position, text) noted on the way."""
    for t in tokens:
        if not t.stopped:
            positioned.append((t.pos, t.text))
        yield t


class PairedText(TEXT):
    """A TEXT field that notes the positions of the words it last indexed, so its WordPairs field
    pairs them up without analysing the text a second time (analysis is a quarter of a build)."""

    _last: tuple[str, list] | None = None  # (text, its (position, word) list), set once a text is indexed whole

    def index(self, value, **kwargs):
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
        self._last = (value, positioned)

    def word_pairs(self, text: str) -> set[str]:
        """The pair terms of text: from the words noted when this field indexed the same text, else analysed here."""
        last = self._last  # one read: another thread may index meanwhile, and then the texts differ
        if last is not None and last[0] == text:
            return pair_terms(last[1])
        tokens = self.analyzer(text, positions=True, mode="index")
        return pair_terms([(t.pos, t.text) for t in tokens if not t.stopped])

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_last", None)  # the schema is pickled into the index's table of contents
        return state


class WordPairs(FieldType):
    """Every two words at consecutive positions of a text field as one term ("said it"), without positions.

    A quoted phrase of common words ("said it", "the united states") made Whoosh decode
    the positions of tens of thousands of documents; the documents holding one pair
    term are exactly those where the two words stand side by side, and a longer
    phrase checks positions only in the documents holding all its pairs
    (engine/matching.py). Not stored, not scored, never named by queries, facets or pages.
    """

    def __init__(self, words: PairedText):
        self.words = words
        self.format = Existence()
        self.scorable = self.stored = self.unique = False

    def index(self, value, **kwargs):
        for term in self.words.word_pairs(value):
            yield term.encode("utf-8"), 1, 1.0, b""


WORD = re.compile(r"\w+(?:\.?\w+)*")  # RegexTokenizer's default pattern


def distinct_words(text: str) -> set[str]:
    """The text's words as the analyzer sees them before stemming (lowercased, accents folded)."""
    return set(WORD.findall(text.lower().translate(accent_map)))
