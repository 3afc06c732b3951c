"""The records the reading stage hands on: an article, a skipped file, one file's result."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


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
    byline: str | None = None  # "By X (x@outlet.com)": kept out of body so no stage reads it as text
    date_from: str | None = None  # where the date was found: "front matter", "page metadata", "dateline", ...

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


NO_BODY = "no article text left after removing page boilerplate"


