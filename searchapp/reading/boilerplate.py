"""Page furniture that recurs across an archive's articles.

Furniture is a short line that stands apart from the text around it: a paragraph of its own
("Share this story", "Advertisement") or a sign-off at the very end (a wire's "Reuter"). A short
line that belongs to the text is not furniture however often it recurs: the tail of a
hard-wrapped sentence ("said."), a lower-case continuation, the head of a sentence the next line
carries on, a label over rows of figures ("Year"). Only lines seen apart in nearly every article
that has them are learned; a line apart in some articles and inside prose in others is prose.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Iterable

from searchapp.reading.decoding import decode_bytes
from searchapp.reading.formats import bytes_within_limits, detect_kind
from searchapp.reading.limits import READ_LIMITS
from searchapp.reading.lines import RUN_ON_WORDS, has_letters, word_count
from searchapp.reading.normalize import normalize_line
from searchapp.reading.records import RECORD_KINDS, record_texts

RECURRING_MAX_WORDS = 6  # only short lines can be archive boilerplate


RECURRING_BIG_ARCHIVE = 20  # articles; below this a line must be in half of them


RECURRING_MIN_FILES = 5


RECURRING_MIN_SHARE = 0.02


RECURRING_APART_SHARE = 0.8  # of the articles that have a line, those where it stands apart as furniture


RECURRING_SAMPLE = 5000  # articles read to find recurring lines, spread evenly over the archive's files and records
RECURRING_MIN_RECORDS = 100  # records read of each sampled record file however many files share the sample


SENTENCE_END = ".!?"
CLOSERS = "\"'”’)]»"


def _documents(path: Path, most_records: int) -> list[str]:
    """The texts of the articles one file holds (of a record file, at most most_records spread over
    it), as the reader will see their lines.

    Web pages are left out: trafilatura keeps to a page's main text already, and extracting
    every sampled page a second time would double the time of a build.
    """
    try:
        data, too_large = bytes_within_limits(path, READ_LIMITS.get())  # the reader's limits: a huge file stays unread
    except OSError:
        return []
    if too_large:
        return []
    kind = detect_kind(path.name, data[:4096])
    if kind not in ("text", *RECORD_KINDS):
        return []
    text, _, reason = decode_bytes(data)
    if reason:
        return []
    if kind in RECORD_KINDS:
        return record_texts(text, path.name, kind, most=most_records)
    return [text]


def _ends_sentence(line: str) -> bool:
    return line.rstrip(CLOSERS)[-1:] in SENTENCE_END


def _carries_on(line: str) -> bool:
    """The line's sentence goes on into the next line: it ends in a comma or a small joining word."""
    return line.endswith((",", ";", "-", "–")) or line.rsplit(None, 1)[-1].casefold() in RUN_ON_WORDS


def _short_lines(text: str) -> tuple[set[str], set[str]]:
    """(every short line, the short lines standing apart as furniture) of one article, normalized.

    A line stands apart when it does not begin in lower case, does not end a sentence or carry one
    on, has below it a blank line or the end, and above it a blank line, the top or a finished
    sentence (for the text's last line, any line that does not carry on into it: a sign-off under
    figures). A line that text follows directly (a caption over figures, a heading in single-spaced
    text) is left to the reader's own rules.
    """
    lines = [line.strip() for line in text.splitlines()]
    end = max((i for i, line in enumerate(lines) if line), default=-1)  # the text's last line
    every: set[str] = set()
    apart: set[str] = set()
    for i, line in enumerate(lines):
        if not 0 < word_count(line) <= RECURRING_MAX_WORDS:
            continue
        norm = normalize_line(line)
        if not norm or not has_letters(norm):
            continue
        every.add(norm)
        above = lines[i - 1] if i > 0 else ""
        below = lines[i + 1] if i + 1 < len(lines) else ""
        if (
            not line[0].islower()
            and not _ends_sentence(line)
            and not _carries_on(line)
            and (not above or _ends_sentence(above) or (i == end and not _carries_on(above)))
            and not below
        ):
            apart.add(norm)
    return every, apart


def find_recurring_lines(paths: Iterable[Path], root: Path) -> frozenset[str]:
    """Short lines (<= 6 words) that recur across an archive's articles standing apart: page furniture.

    From 20 articles up a line must stand apart in max(5, 2%) of them, in a smaller archive in half
    (and two), and in 80% of the articles that have it at all: "said." ending a wrapped sentence
    in hundreds of wire stories is prose. A subhead three stories of a dozen share ("South China
    Sea") is no furniture, and the reader keeps a recurring line anyway where the article's own
    paragraphs say it. Reads some 5,000 articles spread evenly over the archive: at most 5,000
    files (sorted order), and of each record file its share of 5,000 records (at least 100): ten
    dumps of 10,000 lines give 500 each. root is kept for the contract.
    """
    paths = sorted(paths)
    sampled = paths[:: max(1, math.ceil(len(paths) / RECURRING_SAMPLE))]
    most_records = max(RECURRING_MIN_RECORDS, math.ceil(RECURRING_SAMPLE / max(1, len(sampled))))
    seen: Counter[str] = Counter()
    apart: Counter[str] = Counter()
    documents = 0
    for path in sampled:
        for text in _documents(path, most_records):
            documents += 1
            every, furniture = _short_lines(text)
            seen.update(every)
            apart.update(furniture)
    if documents < RECURRING_BIG_ARCHIVE:
        threshold = max(2, math.ceil(documents / 2))
    else:
        threshold = max(RECURRING_MIN_FILES, math.ceil(RECURRING_MIN_SHARE * documents))
    return frozenset(
        line for line, n in apart.items() if n >= threshold and n >= RECURRING_APART_SHARE * seen[line]
    )
