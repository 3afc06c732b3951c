"""Which reader reads a file, and the one public call that reads it."""

from __future__ import annotations

from pathlib import Path

from searchapp.reading.decoding import decode_bytes
from searchapp.reading.html import read_html
from searchapp.reading.model import ReadResult, Skip
from searchapp.reading.plaintext import read_text
from searchapp.reading.records import read_jsonl
from searchapp.reading.rules import EXTRA_KNOWLEDGE_DIR


def read_file(
    path: Path, root: Path, boilerplate: frozenset[str] = frozenset(), *, knowledge_dir: Path | None = None
) -> ReadResult:
    """Read one file; never raises for bad content, reports it in ReadResult.skipped.

    boilerplate holds normalize_line() forms of lines to drop (see find_recurring_lines);
    knowledge_dir a newsroom's outlets.json / boilerplate.json that extend the bundled ones.
    """
    token = EXTRA_KNOWLEDGE_DIR.set(Path(knowledge_dir) if knowledge_dir is not None else None)
    try:
        return _read_file(path, root, boilerplate)
    finally:
        EXTRA_KNOWLEDGE_DIR.reset(token)


def _read_file(path: Path, root: Path, boilerplate: frozenset[str]) -> ReadResult:
    rel = path.relative_to(root).as_posix()
    result = ReadResult()
    try:
        data = path.read_bytes()
    except OSError as exc:
        result.skipped.append(Skip(rel, f"cannot read: {exc.strerror or exc}"))
        return result
    text, warning, reason = decode_bytes(data)
    if reason:
        result.skipped.append(Skip(rel, reason))
        return result
    if warning:
        result.warnings.append(f"{rel}: {warning}")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        read_jsonl(text, rel, boilerplate, result)
    elif suffix in (".html", ".htm"):
        read_html(text, rel, boilerplate, result)
    else:
        read_text(text, rel, suffix, boilerplate, result)
    return result


