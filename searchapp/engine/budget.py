"""A search's allowance of time and work: the limits the newsroom configures, and one search's account.

The web layer reads the limits from Flask's config at call time and passes them
down as a plain Limits. The service refuses a query that asks for more than the
limits allow before running it, and checks the clock between terms and posting
blocks (never per document): a search that runs out stops and answers with what
it has found, marked timed out, rather than holding a server worker.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Mapping

from whoosh import query


@dataclass(frozen=True)
class Limits:
    """How much one search may cost; the names of the Flask config keys are in CONFIG_KEYS."""

    time_ms: int = 2000  # well under gunicorn's 120 s timeout, far over a real search's tens of ms
    max_expansions: int = 20  # words one wildcard, prefix, fuzzy term or range stands for: the most frequent
    max_fuzzy_terms: int = 4  # "word~" terms in one query
    max_wildcards: int = 4  # wildcard, prefix ("word*") and range terms in one query
    max_words: int = 32  # as Google: words, operators and field:words in one query, each phrase's words counted


CONFIG_KEYS = {
    "time_ms": "SEARCH_TIME_BUDGET_MS",
    "max_expansions": "SEARCH_MAX_EXPANSIONS",
    "max_fuzzy_terms": "SEARCH_MAX_FUZZY_TERMS",
    "max_wildcards": "SEARCH_MAX_WILDCARDS",
    "max_words": "SEARCH_MAX_QUERY_WORDS",
}


def from_config(config: Mapping) -> Limits:
    """Limits from a Flask config (or any mapping); a missing key keeps its default."""
    return Limits(**{name: int(config[key]) for name, key in CONFIG_KEYS.items() if key in config})


def now() -> float:
    """The clock budgets run on; tests replace it to expire a budget after a set number of checks."""
    return time.monotonic()


class Budget:
    """One search's account: its deadline, whether it was passed, and counts of the work done."""

    def __init__(self, limits: Limits | None = None):
        self.limits = limits or Limits()
        self.deadline = now() + self.limits.time_ms / 1000
        self.timed_out = False
        self.checks = 0  # clock readings: how often the search stopped to ask
        self.expanded = 0  # words chosen for wildcard, prefix, fuzzy and range terms

    def expired(self) -> bool:
        """True once the deadline has passed; it stays true, so every caller stops the same way."""
        if not self.timed_out:
            self.checks += 1
            self.timed_out = now() >= self.deadline
        return self.timed_out


@dataclass(frozen=True)
class Refusal:
    """A limit the query breaks: an error code and a message that says what to change."""

    code: str
    message: str


FUZZY = (query.FuzzyTerm,)
WILDCARDS = (query.Wildcard, query.Prefix, query.TermRange)
MAX_NESTING = 10  # levels of parentheses: Whoosh's parser copies each level's contents into the next
TOKEN = re.compile(r'[^\s()"]+')  # a word, operator or field:word as typed


def text_refusal(text: str, limits: Limits) -> Refusal | None:
    """The first limit the query text breaks, or None: checked before parsing, whose cost grows with both."""
    words = len(TOKEN.findall(text))
    if words > limits.max_words:
        return Refusal(
            "too_many_words",
            f"The query has {words} words and operators; at most {limits.max_words} can be searched at once.",
        )
    depth = deepest = 0
    for bracket in re.findall(r"[()]", text):
        depth = max(0, depth + (1 if bracket == "(" else -1))
        deepest = max(deepest, depth)
    if deepest > MAX_NESTING:
        return Refusal("too_deep", f"The query nests parentheses {deepest} deep; at most {MAX_NESTING} levels.")
    return None


def refusal(q, limits: Limits) -> Refusal | None:
    """The first limit the parsed query q breaks, or None; a word searched in several fields counts once."""
    terms = _distinct_terms(q)
    fuzzy = sum(1 for leaf in terms if isinstance(leaf, FUZZY))
    wildcards = sum(1 for leaf in terms if isinstance(leaf, WILDCARDS))
    if fuzzy > limits.max_fuzzy_terms:
        return Refusal(
            "too_many_fuzzy_terms",
            f"The query has {fuzzy} fuzzy words (word~); at most {limits.max_fuzzy_terms} can be searched at once.",
        )
    if wildcards > limits.max_wildcards:
        return Refusal(
            "too_many_wildcards",
            f"The query has {wildcards} wildcard words (with * or ?) or ranges; "
            f"at most {limits.max_wildcards} can be searched at once.",
        )
    return None


def _distinct_terms(q) -> list:
    """q's leaves, one for each term however many fields it is searched in (the parser copies it per field)."""
    distinct = {}
    for leaf in q.leaves():
        key = (
            type(leaf),
            getattr(leaf, "text", None),
            getattr(leaf, "maxdist", None),
            getattr(leaf, "prefixlength", None),
            getattr(leaf, "start", None),
            getattr(leaf, "end", None),
        )
        distinct.setdefault(key, leaf)
    return list(distinct.values())
