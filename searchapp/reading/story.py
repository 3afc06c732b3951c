"""CNN/Daily Mail .story files: the text, then @highlight lines that summarise it."""

from __future__ import annotations

from searchapp.reading.model import ReadResult, Skip


def read_story(text: str, rel: str, boilerplate: frozenset[str], result: ReadResult) -> None:
    result.skipped.append(Skip(rel, ".story reading is being built"))  # placeholder until the reader lands
