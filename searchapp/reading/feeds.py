"""RSS and Atom files: each item an article."""

from __future__ import annotations

from searchapp.reading.model import ReadResult, Skip


def read_feed(text: str, rel: str, boilerplate: frozenset[str], result: ReadResult) -> None:
    result.skipped.append(Skip(rel, "feed reading is being built"))  # placeholder until the reader lands
