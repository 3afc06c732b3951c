"""Time a whole export (/api/search.csv, /api/search.jsonl) and the worker's memory after it.

    python bench/export_speed.py --n 20000 --root /tmp/exports        # make, index, then export
    python bench/export_speed.py --index /path/to/index                # an index you already have
    python bench/export_speed.py --index /path/to/index --cache-size 0 # without the result cache

The archive is bench/make_archive.py's synthetic one. Memory is the process's
peak resident size: with the result cache off it should barely grow with the
number of rows; with it on, the cache keeps each chunk as it keeps a page.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import make_archive

from searchapp import create_app


def export(client, path: str) -> None:
    started = time.perf_counter()
    response = client.get(path, buffered=False)
    lines = size = 0
    for piece in response.response:
        lines += piece.count(b"\n")
        size += len(piece)
    seconds = time.perf_counter() - started
    print(f"{path}: {lines:,} lines, {size / 1e6:.1f} MB in {seconds:.2f} s ({lines / seconds:,.0f} lines/s), "
          f"X-Total-Count {response.headers['X-Total-Count']}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="synthetic articles to make (without --index)")
    parser.add_argument("--root", type=Path, default=Path("bench/out/exports"), help="where to make them")
    parser.add_argument("--index", type=Path, help="an index to export from instead")
    parser.add_argument("--cache-size", type=int, default=256, help="SEARCH_CACHE_SIZE (0: off)")
    parser.add_argument("--query", default="", help="the search's query string, e.g. 'q=talks&country=Japan'")
    args = parser.parse_args(argv)
    index_dir = args.index or make_archive.build_index(args.n, args.root, seed=15)
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "SEARCH_CACHE_SIZE": args.cache_size})
    client = app.test_client()
    client.get("/api/search")  # open the searcher first: its tables are not the export's
    print(f"after opening the index: max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
    for kind in ("csv", "jsonl"):
        export(client, f"/api/search.{kind}?{args.query}")
    print(f"after the exports: max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
