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
    # True: the file gave the title as its headline; False: the body's first sentence stands in for one;
    # None: the reader cannot say, and the text decides (title_is_first_sentence). How the reader judged the
    # title, not part of the article: two readings of one article are equal whatever each knew of it.
    headline_given: bool | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        """The text that facet evidence spans point into."""
        return f"{self.title}\n\n{self.body}"

    @property
    def headline(self) -> str | None:
        """The title when the file gave a headline; None when the body's first sentence stands in for one
        (a page, a PDF or a record with no headline still needs a line to be listed by)."""
        if self.headline_given is not None:
            return self.title if self.headline_given else None
        return None if title_is_first_sentence(self.title, self.body) else self.title


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


def title_is_first_sentence(title: str, body: str) -> bool:
    """Whether the title is the body's first sentence standing in for a headline the file did not give."""
    stem = title.removesuffix(" …")
    return bool(stem) and any(paragraph.startswith(stem) for paragraph in body.split("\n\n"))
