"""How much the reader takes: a file's size before it is read, one article's text after.

A 50 MB text file read whole, then its lines, words and names, held a reindex for minutes
at a gigabyte; a file over its limit is now skipped unread with the reason, and an article's
text beyond its limit is cut (with a warning) so extraction and the article page stay bounded.
"""

from __future__ import annotations

import contextvars
import math
from dataclasses import dataclass

MB = 1024 * 1024
MANY_ARTICLE_KINDS = frozenset({"feed", "json", "jsonl", "xml", "table", "numbered"})  # files that hold many articles, read a record at a time


@dataclass(frozen=True)
class ReadLimits:
    """file_bytes: a file of one article (text, markdown, web page, mail, story, PDF, Word);
    records_bytes: a feed, .json/.jsonl file or table; article_chars: one article's text indexed."""

    file_bytes: int = 20 * MB
    records_bytes: int = 200 * MB
    article_chars: int = 1 * MB

    def for_kind(self, kind: str | None) -> int:
        """The most bytes a file of this kind ("text", "jsonl", ...) may have."""
        return self.records_bytes if kind in MANY_ARTICLE_KINDS else self.file_bytes


# The limits of the read in progress: read_file sets them for its call, reindex for its run.
READ_LIMITS: contextvars.ContextVar[ReadLimits] = contextvars.ContextVar("read_limits", default=ReadLimits())
CONFIG_KEYS = ("READ_MAX_MB", "RECORDS_MAX_MB", "ARTICLE_MAX_MB")  # the settings, in ReadLimits' order


def limits_from_config(config) -> ReadLimits:
    """The limits a newsroom set (megabytes, from instance/config.py or SEARCHAPP_* environment text);
    the defaults for those it did not. Raises ValueError for a setting that is no number above 0."""
    default = ReadLimits()
    values = []
    for name, fallback in zip(CONFIG_KEYS, (default.file_bytes, default.records_bytes, default.article_chars)):
        raw = config.get(name)
        if raw is None or str(raw).strip() == "":
            values.append(fallback)
            continue
        try:
            size = float(str(raw).strip())
        except ValueError:
            size = math.nan
        if not (math.isfinite(size) and size > 0):
            raise ValueError(f"{name} must be a number of megabytes above 0, not {raw!r}")
        values.append(int(size * MB))
    return ReadLimits(*values)


def megabytes(size: int) -> str:
    """ "50.0 MB", "20 MB", "1.5 KB": a size as the skip reasons and warnings say it."""
    if size % MB == 0 and size:
        return f"{size // MB} MB"
    if size >= MB // 10:
        return f"{size / MB:.1f} MB"
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} bytes"


def too_large(size: int, kind: str | None, limits: ReadLimits) -> str | None:
    """Why a file of this size and kind is not read, or None when it is within its limit."""
    limit = limits.for_kind(kind)
    if size <= limit:
        return None
    what = "a file of many articles" if kind in MANY_ARTICLE_KINDS else "a file of one article"
    return f"file is {megabytes(size)}, larger than the {megabytes(limit)} the reader takes for {what}; not read"


def capped(body: str, where: str, warnings: list[str]) -> str:
    """The body, cut at the paragraph (or space) before the article limit, with a warning when cut."""
    limit = READ_LIMITS.get().article_chars
    if len(body) <= limit:
        return body
    cut = body.rfind("\n\n", 0, limit)
    if cut < limit // 2:  # no paragraph break in the second half: cut at a space
        cut = body.rfind(" ", 0, limit)
    cut = cut if cut > 0 else limit
    warnings.append(
        f"{where}: article text is {megabytes(len(body))}, longer than the {megabytes(limit)} of one article "
        f"the index takes; only its first {megabytes(cut)} is indexed"
    )
    return body[:cut].rstrip()
