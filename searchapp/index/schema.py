"""The index's fields and how their text is analysed: what both building and searching an index need.

The search side reads this module (with storage.py and record.py) and never the builder's.
"""

from __future__ import annotations

import re

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from searchapp.index.cjk import CJKFilter

# Bump when the schema or what goes into a document changes: the next reindex rebuilds.
SCHEMA_VERSION = 9  # 6: date_from stored; undated articles get the year "undated"; 7: CJK words (cjk.py); 8: meetings;
# 9: country pairs
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
    return Schema(
        id=ID(unique=True, stored=True),
        path=ID(stored=True),
        title=TEXT(analyzer=analyzer(), phrase=True, stored=True, field_boost=2.0),
        # No spelling=True: it indexes every word a second time (measured: 2.3x the
        # indexing time); "did you mean" reads the vocabulary side file instead.
        # chars=True: each posting keeps its character offsets, so a snippet is cut
        # around them without analysing the body again (12.3 -> 1.0 ms for 10 snippets).
        body=TEXT(analyzer=analyzer(), phrase=True, chars=True, stored=True),
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


WORD = re.compile(r"\w+(?:\.?\w+)*")  # RegexTokenizer's default pattern


def distinct_words(text: str) -> set[str]:
    """The text's words as the analyzer sees them before stemming (lowercased, accents folded)."""
    return set(WORD.findall(text.lower().translate(accent_map)))
