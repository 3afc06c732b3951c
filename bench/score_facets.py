"""Score the reader and extractor against hand labels (a *-gold.json file, see tests/data/LABELS.md).

    python bench/score_facets.py ARCHIVE_DIR GOLD.json [-v] [--knowledge DIR] [--aliases]

Prints precision, recall and F1 per facet (micro-averaged over the labelled articles) and
title/date accuracy, counting "invented" dates (gold null, we gave one). -v lists each
article's misses and extras. --aliases first maps each gold official and source through the
knowledge's names to the one the product shows ("Sergei Lavrov" -> "Sergey Lavrov", "DW" ->
"Deutsche Welle"): labellers spell transliterated names and outlets' short names differently, and
the plain score counts such a label as a miss and an extra. The plain score stays the default.
The scoring arithmetic lives here once; tests import it.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from searchapp.reading import Article, archive_files, find_recurring_lines, read_file  # noqa: E402
from searchapp.facets import Facets, Knowledge, extract  # noqa: E402
from searchapp.knowledge.roles import known_official  # noqa: E402
from searchapp.reading.rules import reading_rules  # noqa: E402
from searchapp.reading.sources import known_outlet  # noqa: E402

# gold key -> Facets attribute; gold files spell the keys either way ("country" or "countries")
FACETS = {"country": "countries", "official": "officials", "topic": "topics"}


@dataclass
class Counts:
    """True positives, false positives and false negatives of one facet."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.fn == 0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ArticleScore:
    """How one labelled article came out: per facet what we missed and what we added."""

    id: str
    misses: dict[str, list[str]] = field(default_factory=dict)
    extras: dict[str, list[str]] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    title_ok: bool | None = None  # None: the gold gives no title
    source_ok: bool | None = None  # None: the gold says nothing about the source
    date_ok: bool | None = None  # None: the gold says nothing about the date
    date_invented: bool = False
    found: bool = True  # False: the labelled file gave no article
    got: dict[str, str | None] = field(default_factory=dict)  # what we read: title, date, source


@dataclass
class Report:
    articles: list[ArticleScore]

    def counts(self, facet: str) -> Counts:
        """Micro-averaged counts of one facet ("country", "official", "topic") over all articles."""
        c = Counts()
        for a in self.articles:
            c.tp += a.hits.get(facet, 0)
            c.fp += len(a.extras.get(facet, []))
            c.fn += len(a.misses.get(facet, []))
        return c

    def accuracy(self, what: str) -> tuple[int, int]:
        """(right, labelled) for "title", "date" or "source"."""
        marks = [getattr(a, f"{what}_ok") for a in self.articles]
        return sum(1 for m in marks if m), sum(1 for m in marks if m is not None)

    @property
    def invented_dates(self) -> int:
        return sum(1 for a in self.articles if a.date_invented)


def fold(value: str) -> str:
    """Accent- and case-insensitive form: "Mevlüt Çavuşoğlu" and "Mevlut Cavusoglu" are one name."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))
    return " ".join(plain.replace("ı", "i").casefold().split())


def score_article(article_id: str, gold: dict, article: Article | None, facets: Facets | None) -> ArticleScore:
    """Compare one article's reading and facets with its gold labels (sets per facet)."""
    score = ArticleScore(article_id, found=article is not None)
    if article is not None:
        date = article.date.isoformat() if article.date else None
        score.got = {"title": article.headline, "date": date, "source": article.source}
    for facet, attr in FACETS.items():
        key = facet if facet in gold else attr
        if key not in gold:
            continue
        want = {fold(v): v for v in gold[key] or []}
        got = {fold(v): v for v in facets.values(attr)} if facets is not None else {}
        score.hits[facet] = len(want.keys() & got.keys())
        score.misses[facet] = sorted(want[k] for k in want.keys() - got.keys())
        score.extras[facet] = sorted(got[k] for k in got.keys() - want.keys())
    if "title" in gold:
        # the headline the reader found: a first sentence standing in for a missing one is no headline
        score.title_ok = article is not None and " ".join((article.headline or "").split()) == " ".join((gold["title"] or "").split())
    if "source" in gold:
        score.source_ok = article is not None and fold(article.source or "") == fold(gold["source"] or "")
    if "date" in gold:
        ours = article.date.isoformat() if article is not None and article.date else None
        score.date_ok = article is not None and ours == gold["date"]
        score.date_invented = gold["date"] is None and ours is not None
    return score


def score_archive(archive: Path, gold: dict, knowledge: Knowledge) -> Report:
    """Read every labelled file of the archive as the index build does (the archive's recurring
    lines out as boilerplate) and score its facets."""
    files = archive_files(archive)
    boilerplate = find_recurring_lines(files, archive)
    articles: dict[str, Article] = {}
    for path in files:
        rel = path.relative_to(archive).as_posix()
        if rel not in gold and not any(key.startswith(rel + "#") for key in gold):
            continue
        for article in read_file(path, archive, boilerplate, knowledge=knowledge).articles:
            articles[article.id] = article
    scores = []
    for article_id, labels in gold.items():
        article = articles.get(article_id)
        facets = extract(article, knowledge) if article is not None else None
        scores.append(score_article(article_id, labels, article, facets))
    return Report(scores)


def by_format(report: Report) -> dict[str, Report]:
    """The report split by the labelled file's extension (".html", ".md", ...)."""
    groups: dict[str, list[ArticleScore]] = {}
    for a in report.articles:
        groups.setdefault(Path(a.id.split("#")[0]).suffix.lower() or "(none)", []).append(a)
    return {suffix: Report(articles) for suffix, articles in sorted(groups.items())}


def format_table(report: Report) -> str:
    """One line per file format: articles, headline/date/source right, facet F1."""
    lines = [f"{'format':<10}{'files':>6}{'title':>8}{'date':>8}{'source':>8}{'country':>9}{'official':>9}{'topic':>7}"]
    for suffix, part in by_format(report).items():
        marks = [f"{r}/{t}" for r, t in (part.accuracy(w) for w in ("title", "date", "source"))]
        f1s = [f"{part.counts(f).f1:.2f}" for f in FACETS]
        lines.append(f"{suffix:<10}{len(part.articles):>6}" + "".join(f"{m:>8}" for m in marks)
                     + f"{f1s[0]:>9}{f1s[1]:>9}{f1s[2]:>7}")
    return "\n".join(lines)


def format_report(report: Report, verbose: bool = False) -> str:
    lines = [f"{len(report.articles)} labelled articles"]
    lines.append(f"{'facet':<10}{'precision':>10}{'recall':>10}{'F1':>10}{'tp':>6}{'fp':>6}{'fn':>6}")
    for facet in FACETS:
        c = report.counts(facet)
        lines.append(f"{facet:<10}{c.precision:>10.3f}{c.recall:>10.3f}{c.f1:>10.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}")
    right, total = report.accuracy("title")
    lines.append(f"title     {right}/{total} right")
    right, total = report.accuracy("source")
    lines.append(f"source    {right}/{total} right")
    right, total = report.accuracy("date")
    lines.append(f"date      {right}/{total} right, {report.invented_dates} invented (gold null, we gave one)")
    lines.append("")
    lines.append(format_table(report))
    if verbose:
        for a in report.articles:
            problems = []
            if not a.found:
                problems.append("  not read: the file is missing or gave no article")
            for facet in FACETS:
                if a.misses.get(facet):
                    problems.append(f"  {facet} missed: {', '.join(a.misses[facet])}")
                if a.extras.get(facet):
                    problems.append(f"  {facet} extra:  {', '.join(a.extras[facet])}")
            if a.title_ok is False:
                problems.append(f"  title wrong: {a.got.get('title')!r}")
            if a.source_ok is False:
                problems.append(f"  source wrong: {a.got.get('source')!r}")
            if a.date_ok is False:
                problems.append("  date invented" if a.date_invented else f"  date wrong: {a.got.get('date')!r}")
            lines.append(f"{a.id}: {'ok' if not problems else ''}".rstrip())
            lines.extend(problems)
    return "\n".join(lines)


def with_canonical_names(gold: dict, knowledge: Knowledge) -> dict:
    """The gold labels with each official and source the knowledge knows by another name written as the product
    writes it."""
    rules = reading_rules(knowledge)
    mapped = {}
    for article_id, labels in gold.items():
        labels = dict(labels)
        for key in ("official", "officials"):
            if isinstance(labels.get(key), list):
                labels[key] = [(known_official(knowledge, name) or _Named(name)).name for name in labels[key]]
        if isinstance(labels.get("source"), str):
            labels["source"] = known_outlet(labels["source"], rules) or labels["source"]
        mapped[article_id] = labels
    return mapped


@dataclass
class _Named:
    name: str


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path, help="folder of article files")
    parser.add_argument("gold", type=Path, help="JSON file: article id -> labels")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each article's misses and extras")
    parser.add_argument("--knowledge", type=Path, default=None, help="a newsroom's knowledge folder (extends the bundled one)")
    parser.add_argument(
        "--aliases", action="store_true", help="map gold officials and sources through the knowledge's other names first"
    )
    args = parser.parse_args(argv)
    if not args.archive.is_dir():
        parser.error(f"{args.archive} is not a folder")
    try:
        gold = json.loads(args.gold.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        parser.error(f"cannot read gold labels {args.gold}: {exc}")
    if not isinstance(gold, dict):
        parser.error(f"{args.gold} must map article ids to labels")
    knowledge = Knowledge.load(args.knowledge)
    if args.aliases:
        gold = with_canonical_names(gold, knowledge)
    print(format_report(score_archive(args.archive.resolve(), gold, knowledge), args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
