"""JSON Lines dumps: one article a line."""

from __future__ import annotations

import json
from typing import Iterable

from searchapp.reading.model import ReadResult, Skip
from searchapp.reading.page import add_article, given_fields, read_page
from searchapp.reading.plaintext import HEADER_KEYS


def jsonl_records(text: str) -> Iterable[tuple[int, dict | None, str | None]]:
    """(line number, record, reason it is bad) for every non-blank line of a .jsonl file."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"not valid JSON: {exc.msg} (column {exc.colno})"
            continue
        if not isinstance(record, dict):
            yield number, None, f"expected a JSON object, got {type(record).__name__}"
            continue
        if not isinstance(record_body(record), str) or not record_body(record).strip():
            yield number, None, "no 'body' or 'text' with the article's text"
            continue
        yield number, record, None


def record_body(record: dict) -> object:
    return record.get("body") or record.get("text")


def read_jsonl(text: str, rel: str, boilerplate: frozenset[str], result: ReadResult) -> None:
    for number, record, problem in jsonl_records(text):
        where = f"{rel}#{number}"
        if problem:
            result.skipped.append(Skip(where, problem))
            continue
        fields = {k: record[k] for k in HEADER_KEYS if record.get(k) is not None}
        for key in [k for k, v in fields.items() if not isinstance(v, str)]:
            result.warnings.append(f"{where}: {key} {fields.pop(key)!r} is not text; ignored")
        given, date = given_fields(fields, where, result.warnings)
        page = read_page(record_body(record), boilerplate, given, masthead=False)
        add_article(result, where, rel, page, given, date)




def read_json(text: str, rel: str, boilerplate: frozenset[str], result: ReadResult) -> None:
    result.skipped.append(Skip(rel, ".json reading is being built"))  # placeholder until the reader lands
