"""Benchmark our engine against SQLite FTS5 on one synthetic archive, and print the figures.

    python bench/run.py --n 10000 [--workdir bench/out] [--skip-http] [--skip-fts] [--json OUT]
    python bench/run.py --n 10000 --profile      # pyinstrument profiles of the build and search paths

The archive (and, with --reuse-index, both indexes) is kept in the workdir and reused
when N and the seed match. Builds run in a child process so their peak memory is theirs.
Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import dataclasses
import http.client
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

import fts5  # noqa: E402
import make_archive  # noqa: E402
from queries import Query, make_queries  # noqa: E402

CHANGED = 10  # files changed, and files added, for the incremental reindex
INCOMING = "zz-incoming"  # folder of the added files; removed again after the measurement
INCREMENTAL_TIMEOUT = 300  # seconds
BACKUP = ".incremental-backup"  # hidden: the changed files' originals while the measurement runs


# ---------------------------------------------------------------- helpers


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = None
    try:
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(mem_kb / 1024**2, 1) if mem_kb else None,
        "python": platform.python_version(),
        "sqlite": __import__("sqlite3").sqlite_version,
        "platform": platform.platform(),
        "load_avg_at_start": os.getloadavg(),
        "code": code_version(),
    }


def code_version() -> str:
    """The commit measured, and whether the engine's files differ from it (others edit the tree too)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "searchapp"], cwd=ROOT, capture_output=True, text=True).stdout
    except OSError:
        return "unknown"
    return head + (" + uncommitted changes in searchapp/" if dirty.strip() else "")


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def percentiles(values_ms: list[float]) -> dict:
    if not values_ms:
        return {"n": 0}
    ordered = sorted(values_ms)

    def pick(p):
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]

    return {
        "n": len(ordered),
        "p50": round(pick(50), 2),
        "p95": round(pick(95), 2),
        "p99": round(pick(99), 2),
        "mean": round(statistics.fmean(ordered), 2),
        "max": round(ordered[-1], 2),
    }


def run_child(args: list[str], profile: Path | None = None, timeout: float | None = None) -> dict:
    """Run this script in a child mode; its last stdout line is a JSON report."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    if profile:
        cmd += ["--profile-out", str(profile)]
    started = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        # A killed reindex leaves the previous index whole (DESIGN.md), so stopping is safe.
        return {"timed_out": True, "process_wall_s": round(time.perf_counter() - started, 3)}
    if proc.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{proc.stderr[-4000:]}")
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    report["process_wall_s"] = round(time.perf_counter() - started, 3)
    return report


def load_knowledge():
    from searchapp.facets import Knowledge

    return Knowledge.load()


def top_functions(profiler, limit: int = 8) -> list[dict]:
    """The functions with the most self time in a pyinstrument session, via its pstats renderer."""
    import marshal

    from pyinstrument.renderers import PstatsRenderer

    raw = profiler.output(renderer=PstatsRenderer())
    stats = marshal.loads(raw.encode("utf-8", errors="surrogateescape"))
    total = sum(v[2] for v in stats.values()) or 1.0
    rows = [
        {"function": func, "where": f"{file}:{line}", "self_s": round(tottime, 3),
         "self_pct": round(100 * tottime / total, 1), "cum_s": round(cumtime, 3)}
        for (file, line, func), (_cc, _nc, tottime, cumtime, _callers) in stats.items()
    ]
    rows.sort(key=lambda r: -r["self_s"])
    return rows[:limit]


def write_profile(profiler, out: Path) -> list[dict]:
    """Write the call tree as text and return the top self-time functions."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".txt").write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    out.with_suffix(".html").write_text(profiler.output_html())
    top = top_functions(profiler)
    out.with_suffix(".top.json").write_text(json.dumps(top, indent=1))
    return top


# ---------------------------------------------------------------- child modes (own process)


def child_build_ours(archive: Path, index_dir: Path, profile_out: Path | None) -> dict:
    from searchapp.index import reindex

    knowledge = load_knowledge()
    if index_dir.exists():
        shutil.rmtree(index_dir)
    profiler = None
    if profile_out:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.002)
        profiler.start()
    started = time.perf_counter()
    report = reindex(archive, index_dir, knowledge, full=True)
    wall = time.perf_counter() - started
    result = {"wall_s": round(wall, 3), "added": len(report.added), "skipped": len(report.skipped),
              "articles": report.articles}
    if profiler:
        profiler.stop()
        result["top"] = write_profile(profiler, profile_out)
    return result


def child_build_fts(archive: Path, db_path: Path) -> dict:
    knowledge = load_knowledge()
    started = time.perf_counter()
    boilerplate, boilerplate_s = boilerplate_of(archive)
    report = fts5.build(archive, db_path, knowledge, boilerplate)
    wall = time.perf_counter() - started
    return {"wall_s": round(wall, 3), "articles": report.articles, "skipped": report.skipped,
            "read_extract_s": round(report.read_extract_s + boilerplate_s, 3), "engine_s": round(report.engine_s, 3)}


def boilerplate_of(archive: Path) -> tuple[frozenset[str], float]:
    """The recurring lines our full build drops, found the same way, and its cost."""
    from searchapp.reading import archive_files
    from searchapp.index import recurring_lines

    started = time.perf_counter()
    lines = recurring_lines(archive_files(archive), archive)
    return lines, time.perf_counter() - started


def child_reindex(archive: Path, index_dir: Path) -> dict:
    from searchapp.index import reindex

    knowledge = load_knowledge()
    started = time.perf_counter()
    report = reindex(archive, index_dir, knowledge)
    wall = time.perf_counter() - started
    return {"wall_s": round(wall, 3), "added": len(report.added), "updated": len(report.updated),
            "removed": len(report.removed), "unchanged": report.unchanged}


def child_main(args) -> None:
    mode, *paths = args.child
    profile_out = Path(args.profile_out) if args.profile_out else None
    if mode == "build-ours":
        result = child_build_ours(Path(paths[0]), Path(paths[1]), profile_out)
    elif mode == "build-fts":
        result = child_build_fts(Path(paths[0]), Path(paths[1]))
    elif mode == "reindex":
        result = child_reindex(Path(paths[0]), Path(paths[1]))
    else:
        raise SystemExit(f"unknown child mode {mode}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["peak_rss_mb"] = round(own / 1024, 1)
    result["peak_rss_children_mb"] = round(kids / 1024, 1)  # Whoosh procs>1 writers, if any
    print(json.dumps(result))


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


# ---------------------------------------------------------------- HTTP under gunicorn


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api_path(query: Query) -> str:
    return "/api/search?" + urllib.parse.urlencode(query.to_params(per_page=10), doseq=True)


def http_load(index_dir: Path, archive: Path, queries: list[Query], workdir: Path,
              clients: int = 16, seconds: float = 30.0, workers: int = 2, cache: bool = False) -> dict:
    """Serve the index with gunicorn and hit /api/search from `clients` threads for `seconds`.

    The clients cycle through the same queries, so the app's result cache would answer
    repeats from memory; it is off unless asked for, to measure the search itself.
    """
    paths = [api_path(q) for q in queries]
    server, port, log = start_gunicorn(index_dir, archive, workdir, workers, cache, paths[0])
    try:
        for path in paths[:20]:  # warm both workers' searchers before the clock starts
            get_status(port, path)
        latencies, errors = [], []
        stop_at = time.monotonic() + seconds

        def client(offset: int):
            mine, bad = client_latencies(port, paths[offset:] + paths[:offset], clients, stop_at)
            latencies.extend(mine)  # list.extend holds the GIL: no lock needed
            errors.extend(bad)

        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(seconds + 60)
        elapsed = time.perf_counter() - started
    finally:
        stop_gunicorn(server, log)
    return {
        "clients": clients, "seconds": round(elapsed, 1), "workers": workers, "result_cache": cache,
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1), **{k: v for k, v in percentiles(latencies).items() if k != "n"},
        "errors": len(errors), "error_samples": errors[:5],
    }


def start_gunicorn(index_dir: Path, archive: Path, workdir: Path, workers: int, cache: bool, first_path: str):
    """(server, port, log file) of gunicorn serving the index, once it answers first_path with a 200."""
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    env = dict(os.environ, SEARCHAPP_INDEX_DIR=str(index_dir), SEARCHAPP_ARTICLES_DIR=str(archive))
    if not cache:
        env["SEARCHAPP_SEARCH_CACHE_SIZE"] = "0"
    log = open(workdir / "gunicorn.log", "w")
    server = subprocess.Popen(
        [str(gunicorn), "-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "60", "searchapp:create_app()"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            status = get_status(port, first_path)
        except (ConnectionError, OSError):
            if server.poll() is not None or time.monotonic() > deadline:
                stop_gunicorn(server, log)
                raise SystemExit(f"gunicorn did not start; see {workdir / 'gunicorn.log'}")
            time.sleep(0.3)
            continue
        if status != 200:
            stop_gunicorn(server, log)
            raise SystemExit(f"gunicorn answered {status} to the first query; see {workdir / 'gunicorn.log'}")
        return server, port, log


def stop_gunicorn(server: subprocess.Popen, log) -> None:
    server.terminate()
    try:
        server.wait(20)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


def get_status(port: int, path: str) -> int:
    """The status of one GET on a fresh connection, its body read."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def client_latencies(port: int, paths: list[str], step: int, stop_at: float) -> tuple[list[float], list[str]]:
    """One client on one kept-alive connection: every step-th of paths in turn until stop_at.

    Returns (each request's milliseconds, a line for each that failed).
    """
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, errors, i = [], [], 0
    while time.monotonic() < stop_at:
        path = paths[i % len(paths)]
        i += step
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{response.status} {path}")
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{type(exc).__name__} {path}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies.append((time.perf_counter() - started) * 1000)
    conn.close()
    return latencies, errors


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


def ratio(ours, theirs):
    if not ours or not theirs:
        return None
    return round(ours / theirs, 2)


def search_figures(hits_ms: list[float], full_ms: list[float], results) -> dict:
    """One engine's latencies for both kinds of search, and how many matches its real requests found."""
    return {
        "hits_only": percentiles(hits_ms), "full": percentiles(full_ms),
        "zero_hit_queries": sum(1 for r in results if r.total == 0),
        "mean_total": round(statistics.fmean(r.total for r in results), 1),
    }


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
        child_main(args)
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
        say(f"HTTP: gunicorn -w 2, {args.clients} clients, {args.http_seconds:.0f} s...")
        figures["http"] = http_load(index_dir, archive, queries, workdir, args.clients, args.http_seconds,
                                    cache=args.http_cache)
        checkpoint()

    if not args.skip_incremental:
        say("incremental reindex...")
        figures["incremental"] = incremental(archive, index_dir, args.n, args.seed, names)

    figures["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    figures["load_avg_at_end"] = os.getloadavg()
    checkpoint()
    print(table(figures))
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


def table(f: dict) -> str:
    """The figures as a readable table, with ours/FTS5 ratios."""
    m = f["machine"]
    lines = [
        f"N = {f['n']} articles (seed {f['seed']}, {f['archive_mb']} MB of text); "
        f"{m['nproc']} cores, {m['cpu']}, Python {m['python']}, SQLite {m['sqlite']}",
        f"code {m['code']}; load average at start {m['load_avg_at_start'][0]:.2f}, at end {f.get('load_avg_at_end', [float('nan')])[0]:.2f}",
        "",
        f"{'measure':44} {'ours':>10} {'FTS5':>10} {'ours/FTS5':>10}",
    ]

    def row(label, ours, theirs=None, better=""):
        r = ratio(ours, theirs) if theirs is not None else None
        fmt = lambda v: "-" if v is None else (f"{v:.1f}" if isinstance(v, float) else str(v))  # noqa: E731
        lines.append(f"{label:44} {fmt(ours):>10} {fmt(theirs):>10} {fmt(r):>10} {better}")

    b, fb = f["build_ours"], f.get("build_fts5", {})
    for name, build in (("ours", b), ("FTS5", fb)):
        if build.get("reused"):
            lines.append(f"({name}: build figures from the earlier run that built the reused index)")
    row("full build: articles/s (end to end)", b["articles_per_s"], fb.get("articles_per_s"), "(higher is better)")
    row("full build: wall s", b["wall_s"], fb.get("wall_s"))
    if fb:
        row("  of which read+extract s (shared code)", None, fb["read_extract_s"])
        row("  engine only s (ours estimated)", b.get("engine_s_estimate"), fb["engine_s"])
    row("full build: peak RSS MB", b["peak_rss_mb"], fb.get("peak_rss_mb"))
    if b.get("peak_rss_children_mb"):
        row("  peak RSS of its children MB", b["peak_rss_children_mb"], fb.get("peak_rss_children_mb"))
    row("index size MB", b["index_mb"], fb.get("index_mb"))
    so, sf = f["search_ours"], f.get("search_fts5", {})
    for kind, label in (("hits_only", "(a) hits only"), ("full", "(b) real request")):
        for p in ("p50", "p95", "p99"):
            row(f"{label} {p} ms", so[kind][p], sf.get(kind, {}).get(p))
    if "full_postings_cache_off" in so:
        for p in ("p50", "p95", "p99"):
            row(f"(b) with the postings cache off {p} ms", so["full_postings_cache_off"][p], sf.get("full", {}).get(p))
    row("queries with no hit", so["zero_hit_queries"], sf.get("zero_hit_queries"))
    row("mean matches per query", so["mean_total"], sf.get("mean_total"))
    if "total_agreement" in f:
        lines.append(f"same match count as FTS5 on {100 * f['total_agreement']:.0f}% of queries")
    if "incremental" in f:
        inc = f["incremental"]
        if inc.get("rebuilt_everything"):
            lines.append("incremental reindex: not measured; the index's rules or knowledge changed since the "
                         "full build, so reindex rebuilt (or began rebuilding) everything")
        else:
            row(f"incremental reindex, {CHANGED} added + {CHANGED} changed: s", inc["wall_s"])
            row("  same, as a process (imports included): s", inc["process_wall_s"])
    if "http" in f:
        h = f["http"]
        lines.append("")
        cache = {True: "result cache on", False: "result cache off"}.get(h.get("result_cache"), "app's default cache")
        lines.append(f"JSON endpoint, gunicorn -w {h['workers']} ({cache}), {h['clients']} clients for {h['seconds']} s "
                     f"(clients on the same machine): {h['rps']} requests/s, p50 {h.get('p50')} ms, "
                     f"p99 {h.get('p99')} ms, {h['errors']} errors of {h['requests']}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
