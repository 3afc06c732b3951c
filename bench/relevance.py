"""How well the product ranks, beside SQLite FTS5, on queries a person has judged.

Both engines index the same files: the product through its own app (`flask reindex`, then
/api/search), FTS5 through bench/fts5.py's build, which reads with the product's reader and
extractor. Prints P@5, R@10 and nDCG@10 per engine, overall and per query kind, and the
queries where the product does worst.

    python bench/relevance.py                                   # the bundled set
    python bench/relevance.py --queries held-out.json --articles DIR [DIR ...] --json out.json
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import sqlite3
import sys
import tempfile
from collections import defaultdict
from pathlib import Path, PurePosixPath

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))  # fts5.py (and the queries.py it imports) sit beside this file

import fts5  # noqa: E402

import searchapp  # noqa: E402
from searchapp.facets import Knowledge  # noqa: E402
from searchapp.reading import archive_files, find_recurring_lines  # noqa: E402

QUERIES = REPO / "tests" / "data" / "relevance" / "queries.json"
ARTICLES = (REPO / "tests" / "data" / "dev", REPO / "tests" / "data" / "seed")
ENGINES = ("product", "fts5")
DEPTH = 10  # results fetched per query: nDCG and recall look this deep
GRADES = (0, 1, 2)
FACET_TABLES = ("country", "official", "topic")  # fts5.py's tables; source and year are columns of meta
META_COLUMNS = ("source", "year")
# A quoted phrase, or a run of anything else up to a space.
QUERY_PART = re.compile(r'"([^"]*)"|(\S+)')
OPERATORS = ("AND", "OR", "NOT")


# ---------------------------------------------------------------- metrics


def dcg(gains: list[float]) -> float:
    """Discounted cumulative gain: the gain at rank i (from 1) counts 1 / log2(i + 1)."""
    return sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains))


def ndcg_at(ranked: list[str], judgments: dict[str, int], k: int = 10) -> float:
    """The top k's DCG over the best DCG the judgments allow; grades are the gains, unjudged is 0."""
    ideal = dcg(sorted(judgments.values(), reverse=True)[:k])
    if ideal == 0:
        raise ValueError("a query needs at least one relevant article to have an nDCG")
    return dcg([judgments.get(name, 0) for name in ranked[:k]]) / ideal


def precision_at(ranked: list[str], judgments: dict[str, int], k: int = 5) -> float:
    """Relevant articles (grade 1 or 2) among the top k, over k: a short list is not excused."""
    return sum(1 for name in ranked[:k] if judgments.get(name, 0) > 0) / k


def recall_at(ranked: list[str], judgments: dict[str, int], k: int = 10) -> float:
    """The share of all relevant articles that the top k holds."""
    relevant = {name for name, grade in judgments.items() if grade > 0}
    if not relevant:
        raise ValueError("a query needs at least one relevant article to have a recall")
    return len(relevant.intersection(ranked[:k])) / len(relevant)


def scores(ranked: list[str], judgments: dict[str, int]) -> dict[str, float]:
    return {
        "p@5": precision_at(ranked, judgments, 5),
        "r@10": recall_at(ranked, judgments, 10),
        "ndcg@10": ndcg_at(ranked, judgments, 10),
    }


def mean(rows: list[dict[str, float]]) -> dict[str, float]:
    return {key: sum(row[key] for row in rows) / len(rows) for key in rows[0]} if rows else {}


# ---------------------------------------------------------------- the judged set


def load_queries(path: Path) -> list[dict]:
    """The judged queries, checked: a broken file is a clear message, never a traceback."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise SystemExit(f"cannot read the queries file {path}: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise SystemExit(f"the queries file {path} is not JSON: {exc}") from None
    queries = data.get("queries") if isinstance(data, dict) else None
    if not isinstance(queries, list) or not queries:
        raise SystemExit(f"{path}: expected an object with a non-empty \"queries\" list")
    seen = set()
    for n, query in enumerate(queries, 1):
        where = f"{path}: query {n}"
        if not isinstance(query, dict):
            raise SystemExit(f"{where} is not an object")
        if not isinstance(query.get("q"), str):
            raise SystemExit(f"{where} has no \"q\" text")
        query.setdefault("id", f"q{n}")
        query.setdefault("kind", "other")
        query.setdefault("filters", {})
        if query["id"] in seen:
            raise SystemExit(f"{where}: the id {query['id']!r} is used twice")
        seen.add(query["id"])
        filters = query["filters"]
        if not isinstance(filters, dict) or not all(
            isinstance(values, list) and all(isinstance(v, str) for v in values) for values in filters.values()
        ):
            raise SystemExit(f"{where}: \"filters\" must map a facet to a list of values")
        unknown = set(filters) - set(FACET_TABLES) - set(META_COLUMNS)
        if unknown:
            known = ", ".join(FACET_TABLES + META_COLUMNS)
            raise SystemExit(f"{where}: unknown filter {sorted(unknown)[0]!r}; known: {known}")
        judgments = query.get("judgments")
        if not isinstance(judgments, dict) or not all(grade in GRADES for grade in judgments.values()):
            raise SystemExit(f"{where}: \"judgments\" must map article file names to grades 0, 1 or 2")
        if not any(judgments.values()):
            raise SystemExit(f"{where} ({query['id']}) judges no article relevant, so it cannot be scored")
    return queries


# ---------------------------------------------------------------- one archive for both engines


def gather_articles(dirs: list[Path], archive: Path) -> dict[str, list[str]]:
    """Copy each folder into its own subfolder of archive, leaving out README files (notes on a
    corpus, not articles); returns each file name with the archive paths that carry it."""
    names: dict[str, list[str]] = defaultdict(list)
    for n, source in enumerate(dirs):
        source = Path(source)
        if not source.is_dir():
            raise SystemExit(f"not a folder of articles: {source}")
        target = archive / f"{n}-{source.name}"
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("README*", "readme*"))
        for path in sorted(target.rglob("*")):
            if path.is_file():
                names[path.name].append(path.relative_to(archive).as_posix())
    return names


def file_name(article_id: str) -> str:
    """Hits come back as archive-relative ids ("0-dev/dev_001.html"); judgments are keyed by file name.
    A file holding several articles (feeds, JSONL) gives ids with a "#" part; its name is before it."""
    return PurePosixPath(article_id.split("#", 1)[0]).name


def check_judged_files(queries: list[dict], names: dict[str, list[str]]) -> None:
    """Every judged name must be exactly one file of the articles given, or the scores would lie."""
    judged = sorted({name for q in queries for name in q["judgments"]})
    missing = [name for name in judged if name not in names]
    if missing:
        raise SystemExit(f"judged articles not among the articles given: {', '.join(missing[:10])}"
                         + (f" and {len(missing) - 10} more" if len(missing) > 10 else ""))
    twice = [name for name in judged if len(names[name]) > 1]
    if twice:
        raise SystemExit(f"judged article {twice[0]} is more than one file: {', '.join(names[twice[0]])}")


def ranked_names(article_ids: list[str]) -> list[str]:
    """File names in rank order, each once (several articles of one file count as that file)."""
    seen: list[str] = []
    for article_id in article_ids:
        name = file_name(article_id)
        if name not in seen:
            seen.append(name)
    return seen


# ---------------------------------------------------------------- the product


class Product:
    """The product as a newsroom runs it: create_app, `flask reindex`, GET /api/search."""

    def __init__(self, archive: Path, index_dir: Path):
        self.app = searchapp.create_app({"ARTICLES_DIR": str(archive), "INDEX_DIR": str(index_dir), "TESTING": True})
        result = self.app.test_cli_runner().invoke(args=["reindex", "--full"])
        if result.exit_code != 0:
            cause = result.exception if not isinstance(result.exception, SystemExit) else None
            detail = f" ({cause!r})" if cause else ""
            raise SystemExit(f"the product's reindex failed: {result.output.strip()}{detail}")
        self.client = self.app.test_client()

    def search(self, q: str, filters: dict[str, list[str]]) -> tuple[list[str], str | None]:
        """Article ids of the first page of DEPTH hits, and the error the API gave, if any."""
        params = [("q", q), ("per_page", str(DEPTH))] + [(name, v) for name, values in filters.items() for v in values]
        response = self.client.get("/api/search", query_string=params)
        body = response.get_json(silent=True) or {}
        if response.status_code != 200:
            message = (body.get("error") or {}).get("message") if isinstance(body, dict) else None
            return [], f"HTTP {response.status_code}: {message or response.get_data(as_text=True)[:200]}"
        return [hit["id"] for hit in body["hits"]], None


# ---------------------------------------------------------------- FTS5


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts5_expression(q: str) -> str | None:
    """The query as a script author would hand it to FTS5: every word (and quoted phrase) required,
    AND/OR/NOT passed through. FTS5's own tokenizer splits each quoted part ("U.N." is the phrase "u n")."""
    parts = []
    for phrase, word in QUERY_PART.findall(q):
        if word in OPERATORS:
            if parts and parts[-1] not in OPERATORS:
                parts.append(word)
        elif phrase.strip() or word:
            parts.append(_quote(phrase.strip() or word))
    while parts and parts[-1] in OPERATORS:
        parts.pop()
    return " ".join(parts) or None


class Fts5:
    """bench/fts5.py's database: porter unicode61 remove_diacritics 2, bm25 with the title weighted like our schema."""

    def __init__(self, archive: Path, db_path: Path):
        boilerplate = find_recurring_lines(archive_files(archive), archive)  # what the product's reindex strips
        fts5.build(archive, db_path, Knowledge.load(), boilerplate)
        self.conn = sqlite3.connect(db_path)

    def search(self, q: str, filters: dict[str, list[str]]) -> tuple[list[str], str | None]:
        where, params = [], []
        for name, values in filters.items():
            for value in values:
                if name in FACET_TABLES:
                    where.append(f"EXISTS (SELECT 1 FROM article_{name} f WHERE f.article = a.rowid AND f.value = ?)")
                else:
                    where.append(f"a.{name} = ?")
                params.append(value)
        expression = fts5_expression(q)
        if expression is None:  # no words: every (filtered) article, newest first, as the product lists them
            sql, order = "SELECT a.id FROM meta a", "a.date DESC"
        else:
            sql = "SELECT a.id FROM doc JOIN meta a ON a.rowid = doc.rowid"
            where.insert(0, "doc MATCH ?")
            params.insert(0, expression)
            order = f"bm25(doc, {fts5.TITLE_WEIGHT}, 1.0)"
        if where:
            sql += " WHERE " + " AND ".join(where)
        try:
            rows = self.conn.execute(f"{sql} ORDER BY {order} LIMIT ?", params + [DEPTH]).fetchall()
        except sqlite3.OperationalError as exc:  # FTS5's syntax is stricter than ours (a stray operator)
            return [], f"FTS5: {exc}"
        return [row[0] for row in rows], None

    def close(self) -> None:
        self.conn.close()


# ---------------------------------------------------------------- the run


def run(queries_path: Path = QUERIES, article_dirs=ARTICLES, workdir: Path | None = None) -> dict:
    """Index the articles into both engines, run every judged query and score it; returns plain data."""
    queries = load_queries(Path(queries_path))
    with tempfile.TemporaryDirectory(prefix="relevance-", dir=workdir) as tmp:
        tmp = Path(tmp)
        archive = tmp / "archive"
        archive.mkdir()
        names = gather_articles([Path(d) for d in article_dirs], archive)
        check_judged_files(queries, names)
        engines = {"product": Product(archive, tmp / "index"), "fts5": Fts5(archive, tmp / "fts5.sqlite")}
        try:
            rows = []
            for query in queries:
                row = {key: query[key] for key in ("id", "kind", "q", "filters")}
                row["relevant"] = sorted(name for name, grade in query["judgments"].items() if grade > 0)
                for name, engine in engines.items():
                    ids, error = engine.search(query["q"], query["filters"])
                    ranked = ranked_names(ids)
                    row[name] = {"hits": ranked, "error": error, **scores(ranked, query["judgments"])}
                rows.append(row)
        finally:
            engines["fts5"].close()
    return summarize(rows, queries_path, article_dirs)


def summarize(rows: list[dict], queries_path, article_dirs) -> dict:
    by_kind = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row)
    metrics = ("p@5", "r@10", "ndcg@10")
    return {
        "queries_file": str(queries_path),
        "articles": [str(d) for d in article_dirs],
        "queries": len(rows),
        "engines": {
            engine: {
                "overall": mean([{m: row[engine][m] for m in metrics} for row in rows]),
                "by_kind": {
                    kind: {"queries": len(group), **mean([{m: row[engine][m] for m in metrics} for row in group])}
                    for kind, group in sorted(by_kind.items())
                },
            }
            for engine in ENGINES
        },
        "per_query": rows,
    }


# ---------------------------------------------------------------- printing


def worst_first(row: dict) -> tuple[float, float]:
    """The product's lowest nDCG first; among equals, where FTS5 does better first."""
    return row["product"]["ndcg@10"], row["product"]["ndcg@10"] - row["fts5"]["ndcg@10"]


def report(result: dict, worst: int = 10) -> str:
    engines = result["engines"]
    lines = [f"{result['queries']} judged queries over {', '.join(result['articles'])}", ""]
    lines.append(f"{'':24}{'P@5':>16}{'R@10':>16}{'nDCG@10':>16}")
    lines.append(f"{'':24}" + "".join(f"{'product':>8}{'fts5':>8}" for _ in range(3)))

    def line(label: str, a: dict, b: dict) -> str:
        return f"{label:24}" + "".join(f"{a[m]:8.3f}{b[m]:8.3f}" for m in ("p@5", "r@10", "ndcg@10"))

    lines.append(line("overall", engines["product"]["overall"], engines["fts5"]["overall"]))
    for kind, product in engines["product"]["by_kind"].items():
        lines.append(line(f"  {kind} ({product['queries']})", product, engines["fts5"]["by_kind"][kind]))
    rows = sorted(result["per_query"], key=worst_first)
    shown = min(worst, len(rows))
    lines += ["", f"The product's {shown} worst queries (nDCG@10 product / fts5; relevant articles it missed):"]
    for row in rows[:worst]:
        filters = " ".join(f"{k}={v}" for k, vs in row["filters"].items() for v in vs)
        missed = [name for name in row["relevant"] if name not in row["product"]["hits"]]
        lines.append(f"  {row['product']['ndcg@10']:.3f} / {row['fts5']['ndcg@10']:.3f}  [{row['kind']}] {row['q']}"
                     + (f"  | {filters}" if filters else ""))
        if missed:
            lines.append(f"        missed: {', '.join(missed)}")
        for engine in ENGINES:
            if row[engine]["error"]:
                lines.append(f"        {engine} error: {row[engine]['error']}")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=Path, default=QUERIES, help="judged queries (default: %(default)s)")
    parser.add_argument("--articles", type=Path, nargs="+", default=list(ARTICLES), metavar="DIR",
                        help="folders of the judged articles (default: tests/data/dev and tests/data/seed)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every figure and each query's hits here")
    parser.add_argument("--worst", type=int, default=10, help="how many of the product's worst queries to list")
    args = parser.parse_args(argv)
    if args.worst < 0:
        parser.error("--worst must be 0 or more")
    result = run(args.queries, args.articles)
    print(report(result, args.worst))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
