"""PDF and Word documents: their text, and title and date from the document's metadata."""

from __future__ import annotations

from searchapp.reading.model import ReadResult, Skip


def read_pdf(data: bytes, rel: str, boilerplate: frozenset[str], result: ReadResult) -> None:
    result.skipped.append(Skip(rel, "PDF reading is being built"))  # placeholder until the reader lands


def read_docx(data: bytes, rel: str, boilerplate: frozenset[str], result: ReadResult) -> None:
    result.skipped.append(Skip(rel, "DOCX reading is being built"))  # placeholder until the reader lands
