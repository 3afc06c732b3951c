"""A query's first run against its second, after a worker's start-up: how much of a search is decoding postings the cache does not hold yet.

    python bench/cold_warm.py --index DIR --articles DIR [--queries 300] [--seed 1] [--warm-words 1000] [--warm-seconds 3]

The queries are bench/run.py's real-text mix, made from the archive as it makes them (same seed, same
queries). In one process: the search service warmed as a server worker warms it (SearchService.warm:
its tables, then the postings of the most frequent words, --warm-words of them for at most
--warm-seconds; 0 words: none), then every query's top 10 twice (a first, cold pass and a second,
warm one), then every full request. Prints the start-up time and resident memory after it and at
the end, the percentiles of each pass and the load average. bench/run.py's "top 10 only" row is a
first pass without the start-up's postings.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from figures import percentiles  # noqa: E402
from queries import REAL_KINDS, make_queries  # noqa: E402
from real_run import Ours, interleaved, load_knowledge  # noqa: E402


def rss_mb() -> float:
    """This process's resident memory now, in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main(argv: list[str] | None = None) -> None:
    from searchapp.engine.service import WARM_SECONDS, WARM_WORDS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="an index bench/run.py built (index-real<N>)")
    parser.add_argument("--articles", type=Path, required=True, help="the archive it was built from (archive-real<N>)")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warm-words", type=int, default=WARM_WORDS,
                        help="the most frequent body words whose postings start-up decodes (0: none)")
    parser.add_argument("--warm-seconds", type=float, default=WARM_SECONDS, help="start-up's time for them")
    args = parser.parse_args(argv)
    queries = make_queries(args.articles, load_knowledge(), args.queries, args.seed, kinds=REAL_KINDS)
    ours = Ours(args.index)
    print(f"load average at start {os.getloadavg()[0]:.2f}")
    started = time.perf_counter()
    ours.service.warm()  # the tables, as a worker makes them before its first request
    tables = time.perf_counter() - started
    started = time.perf_counter()
    decoded = ours.service.warm_postings(args.warm_words, args.warm_seconds)  # a worker's background thread's work
    print(f"start-up: tables {tables:.2f} s, then {decoded} words' postings {time.perf_counter() - started:.2f} s; "
          f"resident memory {rss_mb():.0f} MB")
    for label, call in (("top 10, first pass", ours.hits), ("top 10, second pass", ours.hits), ("full request", ours.full)):
        ms, _ = interleaved({"ours": call}, queries)
        p = percentiles(ms["ours"])
        print(f"{label:22} p50 {p['p50']:7.2f}  p95 {p['p95']:7.2f}  p99 {p['p99']:7.2f}  max {p['max']:7.2f} ms")
    print(f"resident memory at end {rss_mb():.0f} MB")
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
