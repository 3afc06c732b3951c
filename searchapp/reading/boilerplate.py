"""Page furniture that recurs across an archive's articles."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Iterable

from searchapp.reading.decoding import decode_bytes
from searchapp.reading.html import html_page
from searchapp.reading.lines import has_letters, word_count
from searchapp.reading.normalize import normalize_line
from searchapp.reading.records import jsonl_records, record_body

RECURRING_MAX_WORDS = 6  # only short lines can be archive boilerplate


RECURRING_BIG_ARCHIVE = 20  # articles; below this a line must be in half of them


RECURRING_MIN_FILES = 5


RECURRING_MIN_SHARE = 0.02


RECURRING_SAMPLE = 5000  # files read to find recurring lines, spread evenly over the archive


def _short_lines(path: Path) -> Iterable[set[str]]:
    """For each document in a file, the normalized forms of its short lines."""
    try:
        text, _, reason = decode_bytes(path.read_bytes())
    except OSError:
        return
    if reason:
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        texts = [record_body(r) for _, r, bad in jsonl_records(text) if not bad]
    elif suffix in (".html", ".htm"):
        try:
            texts = [html_page(text)[0]]
        except (AssertionError, ValueError):
            return
    else:
        texts = [text]
    for doc in texts:
        yield {
            norm
            for line in doc.splitlines()
            if 0 < word_count(line) <= RECURRING_MAX_WORDS and (norm := normalize_line(line)) and has_letters(norm)
        }


def find_recurring_lines(paths: Iterable[Path], root: Path) -> frozenset[str]:
    """Short lines (<= 6 words) that recur across an archive's articles: page furniture.

    From 20 articles up a line must be in max(5, 2%) of them, in a smaller archive in half (and two):
    a subhead three stories of a dozen share ("South China Sea") is no furniture, and the reader
    keeps a recurring line anyway where the article's own paragraphs say it. Reads at most 5,000
    files spread evenly over the archive (sorted order). root is kept for the contract.
    """
    paths = sorted(paths)
    step = max(1, math.ceil(len(paths) / RECURRING_SAMPLE))
    counts: Counter[str] = Counter()
    documents = 0
    for path in paths[::step]:
        for lines in _short_lines(path):
            documents += 1
            counts.update(lines)
    if documents < RECURRING_BIG_ARCHIVE:
        threshold = max(2, math.ceil(documents / 2))
    else:
        threshold = max(RECURRING_MIN_FILES, math.ceil(RECURRING_MIN_SHARE * documents))
    return frozenset(line for line, n in counts.items() if n >= threshold)


