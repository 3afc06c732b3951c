"""Time an official's page and its JSON beside a plain search, on an index you give (or a synthetic one).

    python bench/official_page.py --index /path/to/index                # the most mentioned officials
    python bench/official_page.py --n 10000 --root /tmp/officials        # make, index, then time

Each figure is the median and the slowest of --repeat requests through the app
(Flask test client, no HTTP), with the result cache off so every request searches:
/api/search?official=<name> (the search the page rests on), /api/officials/<name>,
/officials/<name>, and /api/officials?prefix=; the same for the two most named
countries (/api/countries/<name>, /countries/<name>), and /api/meetings. The officials
timed are the most mentioned (the largest match sets, so the dearest facet counts) and
one at the median.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from urllib.parse import quote

import make_archive

from searchapp import create_app


def timed(client, path: str, repeat: int) -> tuple[float, float]:
    """(median, slowest) milliseconds of repeat GETs of path; each must answer 200."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times), max(times)


def print_timed(client, path: str, repeat: int) -> None:
    median, slowest = timed(client, path, repeat)
    print(f"{path:<52} {median:>10.1f} {slowest:>8.1f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="synthetic articles to make (without --index)")
    parser.add_argument("--root", type=Path, default=Path("bench/out/officials"), help="where to make them")
    parser.add_argument("--index", type=Path, help="an index to time instead")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--officials", type=int, default=3, help="how many of the most mentioned to time")
    args = parser.parse_args(argv)
    index_dir = args.index or make_archive.build_index(args.n, args.root, seed=16)
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "SEARCH_CACHE_SIZE": 0})
    client = app.test_client()
    started = time.perf_counter()
    everyone = client.get("/api/officials").get_json()
    print(f"first request (opens the index, builds the facet tables): {(time.perf_counter() - started) * 1000:.0f} ms; "
          f"{everyone['total']:,} officials, {client.get('/api/search?per_page=1').get_json()['total']:,} articles")
    listed = everyone["officials"]
    chosen = listed[: args.officials] + [listed[len(listed) // 2]]
    print(f"{'path':<52} {'median ms':>10} {'max ms':>8}")
    countries = client.get("/api/search?per_page=1").get_json()["facets"]["country"][:2]
    pages = [(o["name"], o["count"], "official", "officials") for o in chosen]
    pages += [(c["value"], c["count"], "country", "countries") for c in countries]
    for value, count, param, folder in pages:
        name = quote(value)
        print(f"-- {value}: {count:,} articles")
        for path in (f"/api/search?{param}={name}", f"/api/{folder}/{name}", f"/{folder}/{name}"):
            print_timed(client, path, args.repeat)
    top = quote(listed[0]["name"])
    for path in ("/api/officials?prefix=wa", "/api/officials", "/api/meetings", f"/api/meetings?official={top}"):
        print_timed(client, path, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
