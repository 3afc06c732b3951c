"""A deterministic mix of benchmark queries drawn from the archive itself, so most have hits.

Each query is plain data; it is written out in our search syntax (to_params) and in
SQLite FTS5 syntax (fts5.py) from the same fields, so both engines answer the same thing.
"""

from __future__ import annotations

import random
import re
from collections import Counter
import dataclasses
from dataclasses import dataclass
from pathlib import Path

from searchapp.facets import extract
from searchapp.index.schema import EXTRACTED
from searchapp.reading import archive_files, read_file
from searchapp.reading.records import file_records, read_records

# Queries skip stop words: they match almost every article, and an analyzer that drops
# them (FTS5 keeps them) would make the two engines answer different questions.
from whoosh.analysis import STOP_WORDS

WORD = re.compile(r"[a-z]{3,}")
KINDS = (("words1", 30), ("words2", 20), ("words3", 12), ("phrase", 18), ("field", 20))
# Real text adds the common-word phrases journalists type, stop words and all: the costly phrases.
REAL_KINDS = (("words1", 25), ("words2", 15), ("words3", 10), ("phrase", 18), ("common_phrase", 12), ("field", 20))
COMMON_PHRASES = (
    "said it", "the united states", "foreign minister", "said it expects", "it said", "a spokesman said",
    "the company said", "prime minister", "in the first quarter", "the european community",
)
FACET_OF = EXTRACTED  # index field -> Facets attribute ("country" -> "countries"): the index schema's one table


@dataclass(frozen=True)
class Query:
    kind: str
    words: tuple[str, ...] = ()  # every word must match, in title or body
    phrase: tuple[str, ...] = ()  # consecutive words
    field: tuple[str, str] | None = None  # ("country", "South Korea"), ("title", "word"), ...
    filters: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)  # facet -> values, all must match

    @property
    def q(self) -> str:
        """The query in our search syntax."""
        parts = []
        if self.field:
            name, value = self.field
            parts.append(f'{name}:"{value}"' if " " in value else f"{name}:{value}")
        if self.phrase:
            parts.append('"' + " ".join(self.phrase) + '"')
        parts.extend(self.words)
        return " ".join(parts)

    def to_params(self, per_page: int = 10) -> dict[str, list[str]]:
        """Query parameters as /api/search and web.params.read_search_request take them."""
        params = {"q": [self.q], "per_page": [str(per_page)]}
        for name, values in self.filters.items():
            params[name] = list(values)
        return params

    def describe(self) -> str:
        filters = " ".join(f"{k}={v!r}" for k, vs in self.filters.items() for v in vs)
        return f"[{self.kind}] {self.q}" + (f"  | {filters}" if filters else "")


def _content_words(text: str) -> list[str]:
    return [w for w in WORD.findall(text.lower()) if w not in STOP_WORDS]


def _phrase(rng: random.Random, body: str) -> tuple[str, ...]:
    """Two or three adjacent content words, from one sentence, with no stopword between them."""
    sentences = [s for s in re.split(r"[.!?\n]", body) if s.strip()]
    for _ in range(50):
        tokens = re.findall(r"[A-Za-z]+", rng.choice(sentences))
        size = rng.choice((2, 2, 3))
        if len(tokens) < size:
            continue
        start = rng.randrange(len(tokens) - size + 1)
        run = [t.lower() for t in tokens[start : start + size]]
        if all(len(t) >= 3 and t not in STOP_WORDS for t in run):
            return tuple(run)
    return ()


def make_queries(root: Path, knowledge, count: int = 300, seed: int = 1, sample: int = 400, kinds=KINDS) -> list[Query]:
    """count queries of mixed kinds, each built from one article of the archive (plus 0-2 filters)."""
    rng = random.Random(f"queries:{seed}")
    articles = _sample_articles(root, knowledge, rng, sample)
    seen = _seen_values(articles)
    queries = []
    while len(queries) < count:
        query = _query_from(rng, *rng.choice(articles), seen, kinds)
        if query is not None:
            queries.append(query)
    return queries


def _sample_articles(root: Path, knowledge, rng: random.Random, sample: int) -> list:
    """(article, facets) of up to `sample` files of the archive (records of a JSON Lines archive), picked by rng."""
    files = archive_files(root)
    if files and all(f.suffix == ".jsonl" for f in files):
        return _sample_records(root, files, knowledge, rng, sample)
    picked = sorted(rng.sample(range(len(files)), min(sample, len(files))))
    articles = [(article, extract(article, knowledge)) for i in picked for article in read_file(files[i], root).articles]
    if not articles:
        raise ValueError(f"no readable articles in {root}")
    return articles


def _sample_records(root: Path, files: list[Path], knowledge, rng: random.Random, sample: int) -> list:
    """(article, facets) of up to `sample` records spread over the archive's .jsonl files, read as our reader reads them."""
    lines = [f.read_bytes().count(b"\n") for f in files]
    picked = sorted(rng.sample(range(sum(lines)), min(sample, sum(lines))))
    articles, start = [], 0
    for path, count in zip(files, lines):
        mine = [i - start for i in picked if start <= i < start + count]
        start += count
        if mine:
            rel = path.relative_to(root).as_posix()
            records = file_records(path.read_bytes(), "jsonl", rel).records
            chosen = [records[i] for i in mine if i < len(records)]
            read = read_records(chosen, rel, frozenset(), knowledge=knowledge)
            articles += [(article, extract(article, knowledge)) for article in read.articles]
    if not articles:
        raise ValueError(f"no readable articles in {root}")
    return articles


def _seen_values(articles) -> dict[str, Counter]:
    """Facet values seen across the sample, for filters that may or may not match the source article."""
    seen = {name: Counter() for name in ("country", "official", "topic", "source", "year")}
    for article, facets in articles:
        for name, attr in FACET_OF.items():
            seen[name].update(facets.values(attr))
        if article.source:
            seen["source"][article.source] += 1
        if article.date:
            seen["year"][str(article.date.year)] += 1
    return seen


def _query_from(rng: random.Random, article, facets, seen: dict[str, Counter], kinds=KINDS) -> Query | None:
    """One query of a kind drawn by KINDS' weights from this article's words and facets; None when it has none to give."""
    own = {name: facets.values(attr) for name, attr in FACET_OF.items()}
    own["source"] = [article.source] if article.source else []
    own["year"] = [str(article.date.year)] if article.date else []
    words = _content_words(article.title + " " + article.body)
    if not words:
        return None
    kind = rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
    query = {"kind": kind}
    if kind == "common_phrase":
        query["phrase"] = tuple(rng.choice(COMMON_PHRASES).split())
    elif kind.startswith("words"):
        query["words"] = tuple(dict.fromkeys(rng.choice(words) for _ in range(int(kind[-1]))))
    elif kind == "phrase":
        query["phrase"] = _phrase(rng, article.body)
        if not query["phrase"]:
            return None
    else:
        name = rng.choice(("country", "country", "official", "topic", "title"))
        if name == "title":
            title_words = _content_words(article.title)
            if not title_words:
                return None
            query["field"] = ("title", rng.choice(title_words))
        elif own[name]:
            query["field"] = (name, rng.choice(own[name]))
        else:
            return None
        if rng.random() < 0.5:
            query["words"] = (rng.choice(words),)
    return Query(filters=_filters(rng, own, seen, query.get("field")), **query)


def _filters(rng: random.Random, own: dict, seen: dict[str, Counter], field) -> dict[str, tuple[str, ...]]:
    """0-2 facet filters: mostly a value of the article the query came from (so hits remain), sometimes any value."""
    filters = {}
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        name = rng.choice(("country", "country", "official", "topic", "topic", "source", "year"))
        pool = own[name] if rng.random() < 0.8 else list(seen[name])
        if pool:
            value = rng.choice(sorted(pool))
            if value not in filters.get(name, ()) and (name, value) != field:
                filters[name] = filters.get(name, ()) + (value,)
    return filters
