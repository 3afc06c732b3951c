"""E-mail newsletters saved as .eml: the message's text, subject, date and sender."""

from __future__ import annotations

from searchapp.reading.model import ReadResult, Skip


def read_email(text: str, rel: str, boilerplate: frozenset[str], result: ReadResult) -> None:
    result.skipped.append(Skip(rel, "e-mail reading is being built"))  # placeholder until the reader lands
