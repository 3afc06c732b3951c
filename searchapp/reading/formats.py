"""Which reader reads a file, and the one public call that reads it.

The kind of a file is decided by its content first (a PDF is a PDF whatever it is
called; a saved page named .php is a web page) and by its extension where the
content does not tell. Each kind has one reader function in its own module.
"""

from __future__ import annotations

import errno
import importlib
import os
import re
import stat
from pathlib import Path
from typing import Callable

from searchapp.knowledge import Knowledge
from searchapp.reading.decoding import decode_bytes
from searchapp.reading.html import HTML_START
from searchapp.reading.limits import READ_LIMITS, ReadLimits, too_large
from searchapp.reading.model import ReadResult, Skip
from searchapp.reading.plaintext import read_text
from searchapp.reading.rules import ReadingRules, reading_rules
from searchapp.reading.sections import OPENS_WITH_TITLE
from searchapp.reading.tables import looks_numbered

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".mkdn", ""})
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".tab"})
WEB_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".cfm"})
SNIFF_BYTES = 4096
HTML_ANYWHERE = re.compile(rb"(?i)<(?:!doctype\s+html|html[\s>]|head>|body[\s>])")
JSON_START = re.compile(rb'^\s*(?:\{\s*"|\[\s*\{\s*")')  # an object, or a list of objects, with a key
JSON_UNDER_OTHER_NAMES = frozenset({".eml", ".msg", ".txt", ".text", ""})  # not markdown: Hugo's front matter is JSON
FEED_START = re.compile(rb"(?is)^(?:\s|<\?xml.*?\?>|<!--.*?-->)*<(?:rss|feed|rdf:rdf)\b")
MAIL_HEADER = re.compile(rb"(?im)^(?:from|subject|date|to|message-id|mime-version|received|return-path):[ \t]")


def read_file(
    path: Path,
    root: Path,
    boilerplate: frozenset[str] = frozenset(),
    *,
    knowledge: Knowledge | None = None,
    limits: ReadLimits | None = None,
    data: bytes | None = None,
) -> ReadResult:
    """Read one file; never raises for bad content, reports it in ReadResult.skipped.

    boilerplate holds normalize_line() forms of lines to drop (see find_recurring_lines);
    knowledge the loaded knowledge whose outlets and boilerplate classes the readers use (None: the bundled files);
    limits how large a file and an article may be (None: the run's, see limits.READ_LIMITS);
    data the file's bytes when the caller has them from bytes_within_limits (within the limits),
    so that the reindex, which hashes them, reads each file once.
    """
    limits_token = READ_LIMITS.set(limits) if limits is not None else None
    try:
        return _read_file(path, root, boilerplate, reading_rules(knowledge), data)
    finally:
        if limits_token is not None:
            READ_LIMITS.reset(limits_token)


def read_regular_file(path: Path, at_most: int = -1) -> bytes:
    """The bytes of a regular file (its first at_most bytes, when given); a FIFO or device put in
    its place after the listing raises instead of blocking the run or reading forever (opened
    without blocking, then checked)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe, device or socket)")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(at_most)
    finally:
        os.close(fd)


def bytes_within_limits(path: Path, limits: ReadLimits) -> tuple[bytes | None, str | None]:
    """(the file's bytes, None), or (None, why it is not read): a file larger than the reader takes
    for its kind (told by its name and first bytes) is skipped before it is read whole."""
    size = path.stat().st_size
    if size > limits.file_bytes:
        reason = too_large(size, detect_kind(path.name, read_regular_file(path, SNIFF_BYTES)), limits)
        if reason:
            return None, reason
    data = read_regular_file(path, max(limits.file_bytes, limits.records_bytes) + 1)  # bounded if it grew since
    return data, too_large(len(data), detect_kind(path.name, data[:SNIFF_BYTES]), limits)


def detect_kind(name: str, head: bytes) -> str | None:
    """The kind of file ("pdf", "html", "feed", ...) from its first bytes and its name; None: not one we read."""
    suffix = Path(name).suffix.lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if suffix == ".docx" or b"word/" in head else None
    text_head = head.lstrip(b"\xef\xbb\xbf")
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix == ".story":
        return "story"
    if suffix in TABLE_SUFFIXES:
        return "table"
    if FEED_START.match(text_head):
        return "feed"
    if HTML_START.match(text_head) or (suffix in WEB_SUFFIXES and HTML_ANYWHERE.search(text_head)):
        return "html"
    if suffix in JSON_UNDER_OTHER_NAMES and JSON_START.match(text_head):
        return "json"  # a JSON dump saved as .eml or .txt ("subject", "from", "body" of a mail API): read as one
    if suffix == ".eml" or (suffix in ("", ".txt", ".msg") and _looks_like_mail(text_head)):
        return "email"
    if suffix in (".rss", ".atom", ".xml"):
        return "feed" if re.search(rb"(?i)<(?:rss|feed|rdf:rdf)\b", text_head) else "xml"  # an export, not a feed
    if suffix in WEB_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES and OPENS_WITH_TITLE.match(head):
        return "sections"  # "## title", "## content", "## publish date": a record saved as markdown
    if suffix in TEXT_SUFFIXES:
        return "numbered" if suffix in (".txt", ".text", "") and looks_numbered(text_head) else "text"
    return None


def _looks_like_mail(head: bytes) -> bool:
    """A message saved with its headers: the file opens with at least three header lines."""
    top = head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    return head[:1].isalpha() and len(MAIL_HEADER.findall(top)) >= 3


# kind -> (module of searchapp.reading, function); imported on first use, so that an archive
# of text files never pays for importing pypdf, python-docx or feedparser (about a second).
BYTES_READERS = {"pdf": ("documents", "read_pdf"), "docx": ("documents", "read_docx")}
TEXT_READERS = {
    "html": ("html", "read_html"),
    "feed": ("feeds", "read_feed"),
    "email": ("newsletters", "read_email"),
    "json": ("records", "read_json"),
    "jsonl": ("records", "read_jsonl"),
    "table": ("records", "read_table"),
    "numbered": ("records", "read_numbered"),
    "story": ("story", "read_story"),
    "sections": ("sections", "read_sections"),
    "xml": ("xml_records", "read_xml"),
}


def _reader(module: str, function: str) -> Callable:
    return getattr(importlib.import_module(f"searchapp.reading.{module}"), function)


def _read_file(
    path: Path, root: Path, boilerplate: frozenset[str], rules: ReadingRules, data: bytes | None = None
) -> ReadResult:
    rel = path.relative_to(root).as_posix()
    result = ReadResult()
    try:
        data, too_large_reason = bytes_within_limits(path, READ_LIMITS.get()) if data is None else (data, None)
    except OSError as exc:
        result.skipped.append(Skip(rel, f"cannot read: {exc.strerror or exc}"))
        return result
    if too_large_reason:
        result.skipped.append(Skip(rel, too_large_reason))
        return result
    kind = detect_kind(path.name, data[:SNIFF_BYTES])
    if kind is None:
        suffix = path.suffix.lower() or "no extension"
        result.skipped.append(Skip(rel, f"not a kind of file the archive reads ({suffix})"))
        return result
    if kind in BYTES_READERS:
        _reader(*BYTES_READERS[kind])(data, rel, boilerplate, rules, result)
        return result
    text, warning, reason = decode_bytes(data)
    if reason:
        result.skipped.append(Skip(rel, reason))
        return result
    if warning:
        result.warnings.append(f"{rel}: {warning}")
    if kind == "text":
        read_text(text, rel, path.suffix.lower(), boilerplate, rules, result)
    else:
        _reader(*TEXT_READERS[kind])(text, rel, boilerplate, rules, result)
    return result
