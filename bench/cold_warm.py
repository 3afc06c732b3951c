"""A query's first run against its second: how much of a search is decoding postings the cache does not hold yet.

    python bench/cold_warm.py --index DIR --articles DIR [--queries 300] [--seed 1]

The queries are bench/run.py's real-text mix, made from the archive as it makes them (same seed, same
queries). In one process: the search service warmed on the first 20 full requests, then every query's
top 10 twice (a first, cold pass and a second, warm one), then every full request. Prints the
percentiles of each pass and the load average. bench/run.py's "top 10 only" row is the first pass.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from figures import percentiles  # noqa: E402
from queries import REAL_KINDS, make_queries  # noqa: E402
from real_run import Ours, interleaved, load_knowledge  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="an index bench/run.py built (index-real<N>)")
    parser.add_argument("--articles", type=Path, required=True, help="the archive it was built from (archive-real<N>)")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    queries = make_queries(args.articles, load_knowledge(), args.queries, args.seed, kinds=REAL_KINDS)
    ours = Ours(args.index)
    interleaved({"ours": ours.full}, queries[:20])  # open the searcher, build the facet tables
    print(f"load average at start {os.getloadavg()[0]:.2f}")
    for label, call in (("top 10, first pass", ours.hits), ("top 10, second pass", ours.hits), ("full request", ours.full)):
        ms, _ = interleaved({"ours": call}, queries)
        p = percentiles(ms["ours"])
        print(f"{label:22} p50 {p['p50']:7.2f}  p95 {p['p95']:7.2f}  p99 {p['p99']:7.2f}  max {p['max']:7.2f} ms")
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
