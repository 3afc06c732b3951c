"""The SQLite FTS5 baseline: the same files, reader, extractor and queries as our engine.

Articles go into an FTS5 table (porter stemming, accents folded, like our analyzer);
facets into one table per facet, joined to the match set for filters and GROUP BY counts.
"""

from __future__ import annotations

import html
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from peer_reading import DocumentFile, Waits, documents, facet_values, year_of
from queries import Query

FACETS = ("country", "official", "topic")  # in their own tables; source and year are columns
TITLE_WEIGHT = 2.0  # bm25 column weight of the title against the body's 1.0
SNIPPET_TOKENS = 24
BATCH = 500

SCHEMA = """
CREATE TABLE article(rowid INTEGER PRIMARY KEY, title TEXT, body TEXT);
-- The short per-article values live apart from the text, whose rows spill to overflow pages.
CREATE TABLE meta(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, date TEXT, year TEXT, source TEXT);
CREATE VIRTUAL TABLE doc USING fts5(title, body, content='article', content_rowid='rowid',
                                    tokenize='porter unicode61 remove_diacritics 2');
CREATE TABLE article_country(article INTEGER NOT NULL, value TEXT NOT NULL);
CREATE TABLE article_official(article INTEGER NOT NULL, value TEXT NOT NULL);
CREATE TABLE article_topic(article INTEGER NOT NULL, value TEXT NOT NULL);
"""
# Built after the bulk insert, as any bulk load would.
INDEXES = """
CREATE INDEX meta_year ON meta(year, rowid);
CREATE INDEX meta_source ON meta(source, rowid);
CREATE INDEX article_country_value ON article_country(value, article);
CREATE INDEX article_country_article ON article_country(article, value);
CREATE INDEX article_official_value ON article_official(value, article);
CREATE INDEX article_official_article ON article_official(article, value);
CREATE INDEX article_topic_value ON article_topic(value, article);
CREATE INDEX article_topic_article ON article_topic(article, value);
"""


@dataclass
class BuildReport:
    articles: int = 0
    skipped: int = 0
    read_extract_s: float = 0.0  # waiting for documents: reading and extraction, the same code our build runs
    engine_s: float = 0.0  # inserts, FTS5 indexing, secondary indexes, optimize, commit


def build(root: Path, db_path: Path, knowledge, boilerplate: frozenset[str] | None = None,
          keep: DocumentFile | None = None) -> BuildReport:
    """Index every article under root into a new database at db_path, timing reading and engine apart.

    The documents are our build's own (peer_reading.py); boilerplate None finds the recurring lines as ours does.
    keep: also write each document there (for tantivy's engine-only build), timed by keep itself.
    """
    db_path.unlink(missing_ok=True)
    report, waits = BuildReport(), Waits()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.executescript(SCHEMA)
    pending = []

    def flush():
        t = time.perf_counter()
        conn.executemany("INSERT INTO meta VALUES (?,?,?,?,?)", [p[0][:5] for p in pending])
        texts = [(p[0][0], p[0][5], p[0][6]) for p in pending]
        conn.executemany("INSERT INTO article VALUES (?,?,?)", texts)
        conn.executemany("INSERT INTO doc(rowid, title, body) VALUES (?,?,?)", texts)
        for facet in FACETS:
            rows = [(p[0][0], v) for p in pending for v in p[1][facet]]
            conn.executemany(f"INSERT INTO article_{facet} VALUES (?,?)", rows)
        pending.clear()
        report.engine_s += time.perf_counter() - t

    rowid = 0
    for document in documents(root, knowledge, waits, boilerplate, db_path.parent):
        rowid += 1
        date = document["date"].date().isoformat() if document.get("date") else None
        row = (rowid, document["id"], date, year_of(document), document.get("source"), document["title"], document["body"])
        pending.append((row, {f: facet_values(document, f) for f in FACETS}))
        if keep is not None:
            keep.write(document)
        if len(pending) >= BATCH:
            flush()
    flush()
    t = time.perf_counter()
    conn.executescript(INDEXES)
    conn.execute("INSERT INTO doc(doc) VALUES ('optimize')")
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()
    report.engine_s += time.perf_counter() - t
    report.articles, report.skipped, report.read_extract_s = rowid, waits.skipped, waits.read_extract_s
    return report


# ---------------------------------------------------------------- queries


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def match_expression(query: Query) -> str | None:
    """The FTS5 MATCH text for the query's words, phrase and title field; None when it has none."""
    parts = [_quote(w) for w in query.words]
    if query.phrase:
        parts.append(_quote(" ".join(query.phrase)))
    if query.field and query.field[0] in ("title", "body"):
        parts.append(f"{query.field[0]} : {_quote(query.field[1])}")
    return " AND ".join(parts) or None


def _constraints(query: Query) -> tuple[list[str], list[str]]:
    """SQL conditions on meta a (facet field query and filters) and their parameters."""
    wanted = [(name, value) for name, values in query.filters.items() for value in values]
    if query.field and query.field[0] not in ("title", "body"):
        wanted.append(query.field)
    sql, params = [], []
    for name, value in wanted:
        if name in FACETS:
            sql.append(f"EXISTS (SELECT 1 FROM article_{name} f WHERE f.article = a.rowid AND f.value = ?)")
        else:
            sql.append(f"a.{name} = ?")
        params.append(value)
    return sql, params


def _match_sql(query: Query, columns: str) -> tuple[str, list, str]:
    """SELECT columns over the articles matching the query and its filters; relevance as "score"."""
    where, params = _constraints(query)
    expression = match_expression(query)
    if expression is None:
        # A facet field query alone has no text to rank by: newest first, as our engine sorts it.
        sql = f"SELECT {columns}, a.date AS date, NULL AS score FROM meta a"
        order = "date DESC"
    else:
        sql = f"SELECT {columns}, a.date AS date, bm25(doc, {TITLE_WEIGHT}, 1.0) AS score FROM doc JOIN meta a ON a.rowid = doc.rowid"
        where.insert(0, "doc MATCH ?")
        params.insert(0, expression)
        order = "score"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql, params, order


def search_hits(conn: sqlite3.Connection, query: Query, limit: int = 10) -> list[str]:
    """(a) The top ids by bm25, nothing else."""
    sql, params, order = _match_sql(query, "a.id")
    return [row[0] for row in conn.execute(f"{sql} ORDER BY {order} LIMIT ?", params + [limit])]


@dataclass
class FullResult:
    total: int
    hits: list[tuple[str, str, str]]  # (id, title, snippet)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def _snippet_html(raw: str) -> str:
    """FTS5 marks matches with control characters; escape the text, then turn them into <mark>."""
    return html.escape(raw).replace("\x02", "<mark>").replace("\x03", "</mark>")


def search_full(conn: sqlite3.Connection, query: Query, limit: int = 10) -> FullResult:
    """(b) The real request: total, top hits with snippets, and every facet's counts over the match set."""
    sql, params, order = _match_sql(query, "a.rowid AS rowid")
    # One temp table per connection, emptied per query: re-creating it would re-prepare every statement.
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS m(rowid INTEGER PRIMARY KEY, date TEXT, score REAL)")
    conn.execute("DELETE FROM temp.m")
    conn.execute(f"INSERT INTO temp.m {sql}", params)
    total = conn.execute("SELECT count(*) FROM temp.m").fetchone()[0]
    top = [r[0] for r in conn.execute(f"SELECT rowid FROM temp.m ORDER BY {order} LIMIT ?", (limit,))]
    expression = match_expression(query)
    hits = []
    if top and expression is not None:
        marks = ",".join("?" * len(top))
        rows = conn.execute(
            f"SELECT doc.rowid, a.id, doc.title, snippet(doc, 1, char(2), char(3), '…', {SNIPPET_TOKENS})"
            f" FROM doc JOIN meta a ON a.rowid = doc.rowid WHERE doc MATCH ? AND doc.rowid IN ({marks})",
            [expression, *top],
        )
        by_rowid = {r[0]: (r[1], r[2], _snippet_html(r[3])) for r in rows}
        hits = [by_rowid[r] for r in top if r in by_rowid]
    elif top:
        marks = ",".join("?" * len(top))
        rows = conn.execute(
            f"SELECT t.rowid, a.id, t.title, substr(t.body, 1, 200) FROM article t JOIN meta a ON a.rowid = t.rowid"
            f" WHERE t.rowid IN ({marks})",
            top,
        )
        by_rowid = {r[0]: (r[1], r[2], html.escape(r[3])) for r in rows}
        hits = [by_rowid[r] for r in top]
    facets = {}
    for name in FACETS:
        facets[name] = conn.execute(
            f"SELECT f.value, count(*) AS n FROM temp.m CROSS JOIN article_{name} f ON f.article = m.rowid"
            " GROUP BY f.value ORDER BY n DESC, f.value"
        ).fetchall()
    for name in ("source", "year"):
        facets[name] = conn.execute(
            f"SELECT a.{name}, count(*) AS n FROM temp.m CROSS JOIN meta a ON a.rowid = m.rowid"
            f" WHERE a.{name} IS NOT NULL GROUP BY a.{name} ORDER BY n DESC, a.{name}"
        ).fetchall()
    return FullResult(total, hits, facets)


def connect(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(db_path, check_same_thread=False)
