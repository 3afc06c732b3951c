"""Small synthetic archives for the export, feed and command tests: thousands of short articles in seconds.

Each article is a .txt file with a header block (Title:, Date:, Source:) and a
two-sentence body naming a country, an official and a topic signal. Some titles
start like spreadsheet formulas or hold commas, quotes and non-Latin names, and
some articles have no date, so exports and feeds meet them.
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path

COUNTRIES = ("China", "Japan", "South Korea", "North Korea", "Vietnam", "United States")
OFFICIALS = ("Foreign Minister Wang Yi", "Secretary of State Antony Blinken", "President Yoon Suk Yeol")
SIGNALS = ("sanctions", "the South China Sea", "a missile launch", "a free trade agreement")
SOURCES = ("Example Wire", "Harbour Daily", "Northern Post, Seoul", 'The "Morning" Bulletin')
WORDS = "talks envoy ministry harbour border drills statement ferry delegation summit week".split()
# Titles that a spreadsheet would take for a formula, unless the export guards them.
FORMULA_TITLES = ("=HYPERLINK(\"http://example.org\",\"click\")", "+82 killed in ferry accident",
                  "-5 degrees at the border talks", "@SUM(A1:A9) protest at the embassy")
UNDATED_EVERY = 50  # every 50th article has no date


def article(i: int, rng: random.Random) -> str:
    country, other = rng.sample(COUNTRIES, 2)
    official, signal = rng.choice(OFFICIALS), rng.choice(SIGNALS)
    words = " ".join(rng.choice(WORDS) for _ in range(12))
    if i % 97 == 5:
        title = FORMULA_TITLES[(i // 97) % len(FORMULA_TITLES)]
    elif i % 31 == 3:
        title = f"{country}, {other} and “{signal}”: 윤석열 talks, part {i}"
    else:
        title = f"{country} and {other} discuss {signal} ({i})"
    day = datetime.date(2010, 1, 1) + datetime.timedelta(days=rng.randrange(15 * 365))
    date = "" if i % UNDATED_EVERY == 7 else f"Date: {day.isoformat()}\n"
    body = (f"{official} said on Monday that {country} and {other} would hold {words} on {signal}.\n\n"
            f"The {signal} talks between {country} and {other} went on through the week.")
    return f"Title: {title}\n{date}Source: {rng.choice(SOURCES)}\n\n{body}\n"


def write_archive(root: Path, n: int, seed: int = 15, start: int = 0) -> list[Path]:
    """Write articles start..start+n-1 under root (200 a folder); article i depends only on (seed, i)."""
    paths = []
    for i in range(start, start + n):
        path = root / f"{i // 200:03d}" / f"story-{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(i, random.Random(f"{seed}:{i}")), encoding="utf-8")
        paths.append(path)
    return paths
