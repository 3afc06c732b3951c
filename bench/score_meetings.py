"""Score the meetings extractor against hand labels (tests/data/meetings-gold.json, see tests/data/LABELS.md).

    python bench/score_meetings.py GOLD.json ARCHIVE_DIR [ARCHIVE_DIR ...] [--knowledge DIR]

Reads each folder as the index build does, extracts facets and meetings, and matches them
with the labelled meetings of the same article: a found meeting matches a labelled one when
their participant sets are equal. Prints precision, recall and F1 (micro-averaged), how often
matched meetings agree on date and place, and every miss and false positive with its evidence.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from score_facets import Counts, fold  # noqa: E402

from searchapp.facets import Knowledge, extract  # noqa: E402
from searchapp.facets.meetings import Meeting, meetings_in  # noqa: E402
from searchapp.reading import archive_files, find_recurring_lines, read_file  # noqa: E402


@dataclass
class ArticleMeetings:
    """One labelled article: the meetings matched, missed (labelled, not found) and extra (found, not labelled)."""

    id: str
    matched: list[tuple[dict, Meeting]] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)
    extras: list[Meeting] = field(default_factory=list)


@dataclass
class Report:
    articles: list[ArticleMeetings]
    unread: list[str] = field(default_factory=list)  # labelled ids no given folder holds

    @property
    def counts(self) -> Counts:
        return Counts(sum(len(a.matched) for a in self.articles), sum(len(a.extras) for a in self.articles),
                      sum(len(a.misses) for a in self.articles))

    def agreement(self, what: str) -> tuple[int, int]:
        """(agreeing, matched) for "date" or "place" over the matched meetings."""
        pairs = [(gold, found) for a in self.articles for gold, found in a.matched]
        if what == "date":
            return sum(1 for g, f in pairs if g.get("date") == f.date), len(pairs)
        return sum(1 for g, f in pairs if _same_place(g.get("place"), f.place)), len(pairs)


def _same_place(gold: str | None, found: str | None) -> bool:
    """"Busan" and "South Korea's port city of Busan" agree: one names the other."""
    if gold is None or found is None:
        return gold is found
    return fold(gold) in fold(found) or fold(found) in fold(gold)


def participants_key(names) -> frozenset[str]:
    """Names compared by their letters only, so "Chang-ho Jin" and "Chang Ho-jin" are one person."""
    return frozenset(re.sub(r"[^a-z]", "", fold(n)) for n in names)


def score_article(article_id: str, gold: list[dict], found: list[Meeting]) -> ArticleMeetings:
    """Match found meetings to labelled ones by participant set, each labelled meeting at most once."""
    score = ArticleMeetings(article_id)
    left = list(found)
    for labelled in gold:
        key = participants_key(labelled["participants"])
        same = next((m for m in left if participants_key(m.participants) == key), None)
        if same is None:
            score.misses.append(labelled)
        else:
            left.remove(same)
            score.matched.append((labelled, same))
    score.extras = left
    return score


def read_labelled(archives: list[Path], gold: dict, knowledge: Knowledge) -> dict:
    """The labelled articles the folders hold, read as the index build reads them (recurring lines out)."""
    articles = {}
    for archive in archives:
        files = archive_files(archive)
        boilerplate = find_recurring_lines(files, archive)
        for path in files:
            rel = path.relative_to(archive).as_posix()
            if rel in gold or any(key.startswith(rel + "#") for key in gold):
                for article in read_file(path, archive, boilerplate, knowledge=knowledge).articles:
                    articles[article.id] = article
    return articles


def score_archives(archives: list[Path], gold: dict, knowledge: Knowledge) -> Report:
    articles = read_labelled(archives, gold, knowledge)
    report = Report([], sorted(set(gold) - set(articles)))
    for article_id, labelled in gold.items():
        if article_id in articles:
            article = articles[article_id]
            report.articles.append(score_article(article_id, labelled, meetings_in(article, extract(article, knowledge))))
    return report


def format_report(report: Report) -> str:
    c = report.counts
    lines = [f"{len(report.articles)} labelled articles, {c.tp + c.fn} labelled meetings, {c.tp + c.fp} found"]
    if report.unread:
        lines.append(f"{len(report.unread)} labelled articles are in none of these folders (not scored)")
    lines.append(f"{'precision':>10}{'recall':>10}{'F1':>10}{'tp':>6}{'fp':>6}{'fn':>6}")
    lines.append(f"{c.precision:>10.3f}{c.recall:>10.3f}{c.f1:>10.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}")
    for what in ("date", "place"):
        right, total = report.agreement(what)
        lines.append(f"{what} agrees on {right}/{total} matched meetings")
    for a in report.articles:
        for m in a.misses:
            lines.append(f"MISS  {a.id}: {' + '.join(m['participants'])}\n      {m.get('evidence', '')}")
        for m in a.extras:
            lines.append(f"EXTRA {a.id}: {' + '.join(m.participants)}\n      {m.evidence}")
    return "\n".join(lines)


def load_gold(path: Path) -> dict:
    """The labels, checked: article id -> list of meetings, each with two or more participants."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(gold, dict):
        raise ValueError("must map article ids to lists of meetings")
    for article_id, meetings in gold.items():
        if not isinstance(meetings, list) or not all(
                isinstance(m, dict) and isinstance(m.get("participants"), list) and len(m["participants"]) >= 2
                and all(isinstance(n, str) for n in m["participants"]) for m in meetings):
            raise ValueError(f"{article_id}: each meeting needs a list of two or more participant names")
    return gold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="JSON file: article id -> labelled meetings")
    parser.add_argument("archives", type=Path, nargs="+", help="folders the labelled ids are relative to")
    parser.add_argument("--knowledge", type=Path, default=None, help="a newsroom's knowledge folder (extends the bundled one)")
    args = parser.parse_args(argv)
    for archive in args.archives:
        if not archive.is_dir():
            parser.error(f"{archive} is not a folder")
    try:
        gold = load_gold(args.gold)
    except (OSError, ValueError) as exc:
        parser.error(f"cannot read gold labels {args.gold}: {exc}")
    archives = [a.resolve() for a in args.archives]
    print(format_report(score_archives(archives, gold, Knowledge.load(args.knowledge))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
