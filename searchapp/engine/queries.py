"""The search syntax read into Whoosh queries: the parser and its plugins, filters, and the words to mark.

Text the syntax cannot read is searched as its plain words; a query that asks
for more than the budget allows is refused before it runs (budget.py); wildcard
and fuzzy words are chosen from the vocabularies in memory (expansion.py).
"""

from __future__ import annotations

import datetime
import re

from whoosh import query
from whoosh.fields import Schema
from whoosh.qparser import AndGroup, FuzzyTermPlugin, GtLtPlugin, MultifieldParser, PlusMinusPlugin
from whoosh.qparser.dateparse import DateParserPlugin

from searchapp.engine import coordination, expansion
from searchapp.engine.aliases import AliasPlugin
from searchapp.engine.budget import Budget, refusal, text_refusal
from searchapp.engine.request import FACET_FIELDS, UNDATED, BadRequest, SearchRequest
from searchapp.engine.snippets import MarkPlan

# Fields a query may name (field:value); the rest of the schema is internal.
QUERY_FIELDS = ("title", "body", "date", "country", "official", "topic", "source", "year")
PLAIN_WORD = re.compile(r"[^\W_]+")  # letters and digits: what is left of a query the parser cannot read
NO_WORDS_MESSAGE = "The query has no words to search for: use letters or digits."
LEADING_MINUS = re.compile(r"(?<![^\s(])-(?=\S)")  # "-word" excludes; "Jong-un" is one word
MAX_FUZZY_EDITS = 2  # "word~N" asks for at most this many edits
# A "?" after a word, before a space, a quote, a bracket or the end: "Is China interfering in elections?"
QUESTION_MARK = re.compile(r"(?<=[^\W_])\?+(?=[\s\"')]|$)|(?<!\S)\?+(?!\S)")


def syntax_parser(opened) -> MultifieldParser:
    """The query syntax parser, built once per opened searcher rather than per query."""

    def build():
        fields = Schema(**{name: opened.searcher.schema[name] for name in QUERY_FIELDS})
        parser = MultifieldParser(["title", "body"], schema=fields, group=AndGroup)
        parser.add_plugin(FuzzyTermPlugin())
        parser.add_plugin(GtLtPlugin())
        parser.add_plugin(DateParserPlugin(free=False))  # no basedate: relative dates read "now" per query
        # "talks -security" as search engines read it; only at a word's start, so
        # "Jong-un" and "COVID-19" stay words.
        parser.add_plugin(PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+(?=\S)", minusexpr=LEADING_MINUS.pattern))
        if opened.aliases is not None:  # plain words naming a country or official find its other names too
            parser.add_plugin(AliasPlugin(opened.aliases))
        return parser

    return opened.memo("parser:syntax", build)


def plain_parser(opened) -> MultifieldParser:
    """A parser that knows no syntax: each word is a word, even "AND" or "title:"."""
    return opened.memo(
        "parser:plain",
        lambda: MultifieldParser(["title", "body"], schema=opened.searcher.schema, group=AndGroup, plugins=[]),
    )


def parse(opened, q: str, budget: Budget | None = None):
    """The Whoosh query for q (every document when empty), its wildcard and fuzzy words chosen within budget.

    Text the query syntax cannot read (pasted markup, a stray bracket) is
    searched as its plain words; BadRequest when it has none, or asks for
    more than the budget's limits allow.
    """
    budget = budget or Budget()
    q = punctuated(q)
    if not q:
        return query.Every()
    if not PLAIN_WORD.search(q) and q.replace("*", "").strip():  # "~~", "<>": no words; "*" is everything
        raise BadRequest("bad_query", NO_WORDS_MESSAGE)
    refused = text_refusal(q, budget.limits)
    if refused:
        raise BadRequest(refused.code, refused.message)
    parser = syntax_parser(opened)
    try:
        parsed = parser.parse(q)
        if parsed is query.NullQuery and LEADING_MINUS.search(q):
            # Only exclusions ("-seoul"): everything but them, as NOT already reads.
            parsed = parser.parse(LEADING_MINUS.sub("NOT ", q))
    except Exception:  # Whoosh's parser and plugins raise bare Exceptions and IndexErrors
        parsed = query.NullQuery
    if parsed is query.NullQuery:
        parsed = plain_words(opened, q)
    parsed = bounded(opened, parsed.accept(lambda node: _adapt(opened, node)), budget)
    return coordination.coordinated(parsed, q, optional_terms(opened))


def punctuated(q: str) -> str:
    """q stripped, a question mark that ends a word read as punctuation ("elections?"), not a wildcard ("te?t")."""
    return QUESTION_MARK.sub("", q).strip()


def optional_terms(opened) -> frozenset[str]:
    """coordination.OPTIONAL_WORDS as the index has them (analysed: "does" is "doe")."""

    def build():
        analyzer = opened.searcher.schema["body"].analyzer
        return frozenset(t.text for word in coordination.OPTIONAL_WORDS for t in analyzer(word))

    return opened.memo("terms:optional", build)


def _adapt(opened, node):
    """Bound a fuzzy term's edits; give a facet term the value's indexed case."""
    if type(node) is query.FuzzyTerm:
        # "word~9" would build an enormous automaton; short words take fewer edits (as
        # Elasticsearch's AUTO: "the~2" would match "a" and "to"); two edits keep the first
        # letter (Whoosh's own FuzzyTerm default), or they walk most of the vocabulary.
        edits = 0 if len(node.text) <= 2 else 1 if len(node.text) <= 5 else MAX_FUZZY_EDITS
        node.maxdist = min(node.maxdist, edits)
        node.prefixlength = min(max(node.prefixlength, 1 if node.maxdist > 1 else 0), len(node.text))
    if isinstance(node, query.Term) and node.fieldname in FACET_FIELDS:
        node.text = opened.stored_value(node.fieldname, node.text)
    return node


def bounded(opened, parsed, budget: Budget):
    """parsed within budget's limits (BadRequest when it asks for more), its multi-term words chosen."""
    refused = refusal(parsed, budget.limits)
    if refused:
        raise BadRequest(refused.code, refused.message)
    return expansion.choose_words(parsed, opened.vocabularies, budget, opened.path.stand_in)


def plain_words(opened, q: str):
    """q's words (letters and digits) AND-ed in title or body, no operators or fields read."""
    words = PLAIN_WORD.findall(q)
    parsed = plain_parser(opened).parse(" ".join(words)) if words else query.NullQuery
    if parsed is query.NullQuery:
        raise BadRequest("bad_query", NO_WORDS_MESSAGE)
    return parsed


def filter_query(opened, req: SearchRequest, dates: bool = True, open_facet: str | None = None):
    """The facet filters and, when dates, the date bounds; None when there are none.

    Per facet: every "all" value must match, at least one "any" value, no "not"
    value. open_facet's "any" values are left out: its counts show what choosing
    another of its values would add. year=undated in "all" mode is the exception:
    an article has one year, so "undated" joins the other year values with OR
    ("undated or 2021"), never to match nothing.
    """
    parts = []
    for name, values in req.filters.items():
        terms = [query.Term(name, opened.stored_value(name, v)) for v in values if v != UNDATED]
        if name == "year" and UNDATED in values:
            undated = query.Term("year", UNDATED)
            terms = [query.Or([undated, query.And(terms)]) if terms else undated]
        parts.extend(terms)
    for name, values in req.any_of.items():
        if name != open_facet:
            parts.append(query.Or([query.Term(name, opened.stored_value(name, v)) for v in values]))
    for name, values in req.none_of.items():
        parts.append(query.Not(query.Or([query.Term(name, opened.stored_value(name, v)) for v in values])))
    if dates and (req.date_from or req.date_to):
        start = datetime.datetime.combine(req.date_from, datetime.time.min) if req.date_from else None
        end = datetime.datetime.combine(req.date_to, datetime.time.max) if req.date_to else None
        parts.append(query.DateRange("date", start, end))
    return query.And(parts) if parts else None


def with_filter(q, filt):
    """q narrowed by filt, which adds no score of its own."""
    if isinstance(q, coordination.Coordinated):
        return q if filt is None else q.filtered(filt)
    return q if filt is None else query.And([q, query.ConstantScoreQuery(filt, 0.0)])


def mark_plan(opened, q, fields=("body",)) -> MarkPlan:
    """What q marks in fields: its words, and its quoted phrases only where they occur whole."""
    return MarkPlan(marked_terms(opened, q, fields), marked_terms(opened, q, fields, phrases=False), marked_phrases(q, fields))


def marked_phrases(q, fields=("body",)) -> tuple[tuple[tuple[str, ...], int], ...]:
    """(indexed words, slop) of each quoted phrase q looks for in fields: marked only where it occurs whole."""
    return tuple(dict.fromkeys(
        (tuple(leaf.words), leaf.slop) for leaf in q.leaves() if type(leaf) is query.Phrase and leaf.field() in fields
    ))


def marked_terms(opened, q, fields=("body",), phrases: bool = True) -> frozenset[str]:
    """The indexed words q looks for in fields, wildcards and fuzzy terms expanded: what gets marked.

    phrases=False leaves out the words of quoted phrases: those are marked only together (marked_phrases).

    (Query.existing_terms would do, but its loop variable overwrites its
    fieldname argument, so it skips every field after the first.)
    """
    return frozenset(
        text.decode("utf-8") if isinstance(text, bytes) else text
        for leaf in q.leaves()
        if leaf.field() in fields
        for _, text in leaf.expanded_terms(opened.reader, phrases=phrases)
    )
