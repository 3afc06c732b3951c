"""Benchmark our engine against SQLite FTS5 on one synthetic archive, and print the figures.

    python bench/run.py --n 10000 [--workdir bench/out] [--skip-http] [--skip-fts] [--json OUT]
    python bench/run.py --n 10000 --profile      # pyinstrument profiles of the build and search paths
    python bench/run.py --real corpus.jsonl --n 100000 --json OUT   # real text, FTS5 and tantivy beside (real_run.py)
    python bench/run.py --real corpus.jsonl --sizes 25000,50000,100000   # how cost grows, one run a size (curve.py)

The archive (and, with --reuse-index, both indexes) is kept in the workdir and reused
when N and the seed match. Builds run in a child process so their peak memory is theirs.
Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

import curve  # noqa: E402
import fts5  # noqa: E402
import make_archive  # noqa: E402
import real_run  # noqa: E402
from children import child_main, load_knowledge, write_profile  # noqa: E402
from figures import dir_size, machine, percentiles, search_figures, table  # noqa: E402
from http_load import http_load  # noqa: E402
from queries import Query, make_queries  # noqa: E402

CHANGED = 10  # files changed, and files added, for the incremental reindex
INCOMING = "zz-incoming"  # folder of the added files; removed again after the measurement
INCREMENTAL_TIMEOUT = 300  # seconds
BACKUP = ".incremental-backup"  # hidden: the changed files' originals while the measurement runs


def run_child(args: list[str], profile: Path | None = None, timeout: float | None = None) -> dict:
    """Run this script in a child mode; its last stdout line is a JSON report."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    if profile:
        cmd += ["--profile-out", str(profile)]
    started = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        # A killed reindex leaves the previous index whole (docs/DESIGN.md), so stopping is safe.
        return {"timed_out": True, "process_wall_s": round(time.perf_counter() - started, 3)}
    if proc.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{proc.stderr[-4000:]}")
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    report["process_wall_s"] = round(time.perf_counter() - started, 3)
    return report


# ---------------------------------------------------------------- our engine


class Ours:
    """Our search service, and a hits-only path through its matching and ranking."""

    def __init__(self, index_dir: Path, postings_cache_mb: int | None = None):
        from searchapp.engine import SearchService

        options = {} if postings_cache_mb is None else {"postings_cache_mb": postings_cache_mb}  # None: the default
        self.service = SearchService(index_dir, **options)

    def full(self, query: Query):
        from searchapp.web.params import read_search_request

        return self.service.search(read_search_request(query.to_params(per_page=10)))

    def hits(self, query: Query):
        """(a) Top 10 by relevance with no facet counts, no snippets, no suggestion: the service's ranked_ids."""
        from searchapp.web.params import read_search_request

        request = dataclasses.replace(read_search_request(query.to_params(per_page=10)), sort="relevance")
        return self.service.ranked_ids(request, 10)


def time_calls(fn, queries: list[Query]) -> tuple[list[float], list]:
    times, answers = [], []
    for query in queries:
        started = time.perf_counter()
        answers.append(fn(query))
        times.append((time.perf_counter() - started) * 1000)
    return times, answers


# ---------------------------------------------------------------- incremental reindex


def incremental(archive: Path, index_dir: Path, n: int, seed: int, names) -> dict:
    """Add 10 files and change 10, time an incremental reindex, then put the archive and index back."""
    generator = make_archive.Generator(seed, names)
    changed = [make_archive.article_path(archive, n * (k + 1) // (CHANGED + 1)) for k in range(CHANGED)]
    backup = archive / BACKUP
    try:
        backup.mkdir(exist_ok=True)
        for path in changed:
            shutil.copy2(path, backup / path.relative_to(archive).as_posix().replace("/", "__"))
        incoming = archive / INCOMING
        incoming.mkdir(exist_ok=True)
        for k in range(CHANGED):
            title, date, source, body = generator.article(n + k)
            (incoming / f"new{k:02d}.txt").write_text(make_archive.render(title, date, source, body), encoding="utf-8")
        for path in changed:
            with open(path, "a", encoding="utf-8") as f:
                f.write("\nA correction was appended to this article after publication.\n")
        # If the engine's rules or knowledge changed since the full build, reindex rebuilds
        # everything; that is no incremental figure, so give up after a while.
        result = run_child(["reindex", str(archive), str(index_dir)], timeout=INCREMENTAL_TIMEOUT)
    finally:
        restore_archive(archive)
    result["rebuilt_everything"] = result.get("timed_out", False) or result.get("added", 0) > CHANGED
    # The index goes back to matching the archive, so it can be reused by the next run.
    result["restore"] = run_child(["reindex", str(archive), str(index_dir)], timeout=INCREMENTAL_TIMEOUT)
    return result


def restore_archive(archive: Path) -> None:
    """Undo the incremental run's edits (also those of a run that was killed half way)."""
    shutil.rmtree(archive / INCOMING, ignore_errors=True)
    backup = archive / BACKUP
    if backup.is_dir():
        for saved in backup.iterdir():
            shutil.copy2(saved, archive / saved.name.replace("__", "/"))
        shutil.rmtree(backup)


# ---------------------------------------------------------------- the run


def build_or_reuse(reuse: bool, stamp: Path, built: Path, child_args: list[str], label: str, say) -> dict:
    """A full build's figures: the earlier run's when its index is reused, else a fresh build's (kept in stamp)."""
    if reuse and stamp.exists() and built.exists():
        return {**json.loads(stamp.read_text()), "reused": True}
    say(f"full build ({label})...")
    build = run_child(child_args)
    stamp.write_text(json.dumps(build))
    return build


def arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--archive", type=Path, help="use this archive (made by make_archive.py) instead of one keyed by N and seed")
    parser.add_argument("--workdir", type=Path, default=BENCH / "out")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-fts", action="store_true")
    parser.add_argument("--skip-incremental", action="store_true")
    parser.add_argument("--reuse-index", action="store_true", help="keep indexes built by an earlier run with the same N and seed")
    parser.add_argument("--http-seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--http-cache", action="store_true", help="leave the app's result cache on (the query mix repeats)")
    parser.add_argument("--profile", action="store_true", help="profile the build and the real requests instead of timing them")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--dev-fallback", action="store_true", help="a built-in name list when the knowledge files are missing")
    parser.add_argument("--real", type=Path, metavar="JSONL", help="real text: this JSON Lines corpus cycled to N articles, "
                        "FTS5 and tantivy beside ours (real_run.py)")
    parser.add_argument("--tantivy-end-to-end", action="store_true", help="with --real: tantivy reads the archive itself "
                        "instead of indexing the documents FTS5's build kept")
    parser.add_argument("--keep-indexes", action="store_true", help="with --real: keep the FTS5 and tantivy indexes")
    parser.add_argument("--sizes", help="with --real: N,N,... one run a size, then the growth table (curve.py)")
    parser.add_argument("--skip-http-from", type=int, help="with --sizes: no HTTP figures from this N up")
    parser.add_argument("--curve-from", type=Path, nargs="+", metavar="JSON", help="the growth table from these --real runs' JSON")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def say(*parts) -> None:
    print(*parts, file=sys.stderr, flush=True)


def archive_and_tag(args, workdir: Path, names) -> tuple[Path, str]:
    """The archive to measure and the tag its index and figures are kept under (args.n, args.seed updated)."""
    if args.archive:
        # An archive made earlier (perhaps from older knowledge files): keep its N, seed and name.
        archive = args.archive.resolve()
        stamp = make_archive.read_stamp(archive) or {}
        if not stamp.get("complete", stamp.get("kind") == "jsonl"):
            raise SystemExit(f"{archive} holds no complete archive made by make_archive.py")
        args.n, args.seed = stamp["n"], stamp.get("seed", args.seed)
        tag = archive.name.removeprefix("archive-")
    else:
        tag = f"n{args.n}-s{args.seed}-k{make_archive.names_digest(names)}"
        archive = workdir / f"archive-{tag}"
    return archive, tag


def prepare_archive(args, archive: Path, names) -> dict:
    """Make the archive (unless --archive gave one) and undo any half-run measurement's changes."""
    say(f"archive {archive}")
    started = time.perf_counter()
    if not args.archive:
        make_archive.make_archive(args.n, archive, args.seed, names=names)
    restore_archive(archive)
    return {"archive_s": round(time.perf_counter() - started, 1), "archive_mb": round(dir_size(archive) / 1e6, 1)}


def main(argv=None) -> int:
    args = arguments(argv)
    if args.child:
        if args.child[0] in real_run.CHILDREN:
            real_run.child_main(args.child[0], args.child[1:])
        else:
            child_main(args)
        return 0
    if args.curve_from:
        print(curve.table([json.loads(p.read_text()) for p in args.curve_from]))
        return 0
    if args.real and args.sizes:
        return curve.run_sizes(args, Path(__file__).resolve(), say)
    if args.real:
        figures = real_run.run_real(args, run_child, say)
        print(real_run.table(figures))
        return 0
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    names = make_archive.load_names(allow_fallback=args.dev_fallback)
    archive, tag = archive_and_tag(args, workdir, names)
    index_dir = workdir / f"index-{tag}"
    db_path = workdir / f"fts5-{tag}.sqlite"
    figures = {"n": args.n, "seed": args.seed, "machine": machine(), "archive": str(archive),
               "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}

    def checkpoint():
        """Keep what is measured so far: a long run that dies late still leaves its figures."""
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1, default=str))

    figures.update(prepare_archive(args, archive, names))

    if args.profile:
        return profile(args, archive, index_dir, workdir, say)

    figures["build_ours"] = build_ours(args, archive, index_dir, workdir / f"build-ours-{tag}.json")
    checkpoint()
    if not args.skip_fts:
        figures["build_fts5"] = build_fts5(args, archive, db_path, workdir / f"build-fts5-{tag}.json")
        # Ours minus the reading and extraction both builds share, measured in the FTS5 run.
        figures["build_ours"]["engine_s_estimate"] = round(
            figures["build_ours"]["wall_s"] - figures["build_fts5"]["read_extract_s"], 3
        )
        checkpoint()

    say("queries...")
    queries = make_queries(archive, load_knowledge(), args.queries, args.seed)
    (workdir / f"queries-{tag}.txt").write_text("\n".join(q.describe() for q in queries) + "\n")
    figures["search_ours"], results = search_ours(index_dir, queries)
    checkpoint()
    if not args.skip_fts:
        figures.update(search_fts5(db_path, queries, results))
        checkpoint()

    if not args.skip_http:
        say(f"HTTP: python -m searchapp.serve, 2 workers, {args.clients} clients, {args.http_seconds:.0f} s...")
        figures["http"] = http_load(index_dir, archive, queries, workdir, args.clients, args.http_seconds,
                                    cache=args.http_cache)
        checkpoint()

    if not args.skip_incremental:
        say("incremental reindex...")
        figures["incremental"] = incremental(archive, index_dir, args.n, args.seed, names)

    figures["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    figures["load_avg_at_end"] = os.getloadavg()
    checkpoint()
    print(table(figures, CHANGED))
    return 0


def build_ours(args, archive: Path, index_dir: Path, stamp: Path) -> dict:
    """Our full build's figures (or an earlier run's, with --reuse-index)."""
    build = build_or_reuse(args.reuse_index, stamp, index_dir / "searchapp-meta.json",
                           ["build-ours", str(archive), str(index_dir)], "ours", say)
    build["articles_per_s"] = round(build["articles"] / build["wall_s"], 1)
    build["index_mb"] = round(dir_size(index_dir) / 1e6, 1)
    return build


def build_fts5(args, archive: Path, db_path: Path, stamp: Path) -> dict:
    """The SQLite FTS5 baseline's full build figures (or an earlier run's, with --reuse-index)."""
    build = build_or_reuse(args.reuse_index, stamp, db_path, ["build-fts", str(archive), str(db_path)], "FTS5", say)
    build["articles_per_s"] = round(build["articles"] / build["wall_s"], 1)
    build["engine_articles_per_s"] = round(build["articles"] / build["engine_s"], 1)
    build["index_mb"] = round(sum(p.stat().st_size for p in db_path.parent.glob(db_path.name + "*")) / 1e6, 1)
    return build


def search_ours(index_dir: Path, queries: list[Query]) -> tuple[dict, list]:
    """(our search figures, each query's SearchResult): hits only, whole searches, and whole with no postings cache."""
    ours = Ours(index_dir)
    for query in queries[:20]:  # warm the searcher and caches before timing
        ours.full(query)
    hits_ms, _ = time_calls(ours.hits, queries)
    full_ms, results = time_calls(ours.full, queries)
    figures = search_figures(hits_ms, full_ms, results)
    # Every word decoded afresh for every request: what the postings cache saves, and the cold case.
    cold = Ours(index_dir, postings_cache_mb=0)
    cold.full(queries[0])  # the facet and date tables, which any warm worker has
    figures["full_postings_cache_off"] = percentiles(time_calls(cold.full, queries)[0])
    cold.service.close()
    ours.service.close()
    return figures, results


def search_fts5(db_path: Path, queries: list[Query], results) -> dict:
    """FTS5's search figures, and how often its totals agree with ours (results)."""
    conn = fts5.connect(db_path)
    for query in queries[:20]:
        fts5.search_full(conn, query)
    f_hits_ms, _ = time_calls(lambda q: fts5.search_hits(conn, q), queries)
    f_full_ms, f_results = time_calls(lambda q: fts5.search_full(conn, q), queries)
    disagreements = [(q.describe(), a.total, b.total) for q, a, b in zip(queries, results, f_results) if a.total != b.total]
    return {
        "search_fts5": search_figures(f_hits_ms, f_full_ms, f_results),
        "total_agreement": sum(1 for a, b in zip(results, f_results) if a.total == b.total) / len(queries),
        "total_disagreements": disagreements[:10],
    }


def profile(args, archive: Path, index_dir: Path, workdir: Path, say) -> int:
    """pyinstrument profiles of a full build (child process) and of the real request path."""
    from pyinstrument import Profiler

    out = workdir / f"profile-n{args.n}"
    if args.reuse_index and (index_dir / "searchapp-meta.json").exists():
        build = {}  # search only, on the index an earlier run built
    else:
        say("profiling the full build...")
        build = run_child(["build-ours", str(archive), str(index_dir)], profile=out.with_name(out.name + "-build"))
    queries = make_queries(archive, load_knowledge(), args.queries, args.seed)
    ours = Ours(index_dir)
    for query in queries[:20]:
        ours.full(query)
    say("profiling the search requests...")
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for query in queries:
        ours.full(query)
    profiler.stop()
    top_search = write_profile(profiler, out.with_name(out.name + "-search"))
    for name, top in (("build", build.get("top")), ("search (real requests)", top_search)):
        if top is None:
            continue
        print(f"\nTop self-time functions, {name}:")
        for row in top:
            print(f"  {row['self_pct']:5.1f}%  {row['self_s']:8.3f} s  {row['function']}  ({row['where']})")
    print(f"\nCall trees: {out}-build.txt/.html and {out}-search.txt/.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
