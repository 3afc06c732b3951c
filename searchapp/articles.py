"""Read one archive file into articles: title, date, source, body; boilerplate out.

PROVISIONAL: the dataclasses and function signatures here are the contract the
later stages code against; the reading rules are being written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".jsonl"})


@dataclass(frozen=True)
class Article:
    """One article as the rest of the pipeline sees it."""

    id: str  # archive-relative posix path; "<file>#<line>" (1-based) for .jsonl records
    path: str  # archive-relative posix path of the file the article came from
    title: str
    body: str  # cleaned text, paragraphs separated by one blank line
    date: datetime.date | None = None
    source: str | None = None
    url: str | None = None

    @property
    def text(self) -> str:
        """The text that facet evidence spans point into."""
        return f"{self.title}\n\n{self.body}"


@dataclass(frozen=True)
class Skip:
    """A file, or a .jsonl line, that was not indexed, and why."""

    path: str  # archive-relative; "<file>#<line>" for one bad .jsonl line
    reason: str


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def archive_files(root: Path) -> list[Path]:
    """Every article file under root, sorted; hidden files and folders left out."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix.lower() in ARTICLE_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def read_file(path: Path, root: Path, boilerplate: frozenset[str] = frozenset()) -> ReadResult:
    """Read one file; never raises for bad content, reports it in ReadResult.skipped."""
    rel = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return ReadResult(skipped=[Skip(rel, f"cannot read: {exc}")])
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return ReadResult(skipped=[Skip(rel, "empty file")])
    return ReadResult(articles=[Article(id=rel, path=rel, title=lines[0], body="\n\n".join(lines[1:]))])
