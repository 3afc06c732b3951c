"""bench/run.py --real: our engine beside SQLite FTS5 and tantivy on N articles of real text.

    python bench/run.py --real corpus.jsonl --n 100000 --json bench/out/real-100000.json

The archive is the corpus cycled to N records with new ids (make_archive.real_archive).
All three engines index the documents our build prepares (peer_reading.py): ours and FTS5
end to end from the archive; tantivy from the documents FTS5's build kept, so its end-to-end
figure is its engine time plus the reading time FTS5's build measured on the same documents
(--tantivy-end-to-end reads the archive a third time instead). Every query runs on the three
engines in turn, the order rotating, so a busy moment on the shared machine hits all three.
"""

from __future__ import annotations

import dataclasses
import json
import os
import resource
import shutil
import statistics
import time
from pathlib import Path

import fts5
import make_archive
import tantivy_peer
from children import load_knowledge
from figures import dir_size, machine, percentiles, ratio
from http_load import api_path, start_server, stop_server
from peer_reading import DocumentFile, read_documents
from queries import REAL_KINDS, Query, make_queries

ENGINES = ("ours", "fts5", "tantivy")
NO_SEARCH = "/api/articles/no-such-article"  # a 404 through Flask and the same connection: HTTP's floor
PHRASE_KINDS = ("phrase", "common_phrase")


# ---------------------------------------------------------------- builds, each in a child process


def child_build_ours(archive: Path, index_dir: Path) -> dict:
    """Our full build, with the time its writer waited for prepared files: wall minus that is the engine's."""
    import searchapp.index.build as build_module
    from searchapp.index import reindex

    waited = [0.0]
    prepare, recurring = build_module.prepared_files, build_module.recurring_lines

    def timed_recurring(*args, **kwargs):  # the recurring-line pass reads the archive too
        started = time.perf_counter()
        try:
            return recurring(*args, **kwargs)
        finally:
            waited[0] += time.perf_counter() - started

    def timed(*args, **kwargs):
        outcomes = prepare(*args, **kwargs)
        while True:
            started = time.perf_counter()
            item = next(outcomes, None)
            waited[0] += time.perf_counter() - started
            if item is None:
                return
            yield item

    build_module.prepared_files, build_module.recurring_lines = timed, timed_recurring
    knowledge = load_knowledge()
    shutil.rmtree(index_dir, ignore_errors=True)
    started = time.perf_counter()
    report = reindex(archive, index_dir, knowledge, full=True)
    wall = time.perf_counter() - started
    return {"wall_s": round(wall, 3), "articles": report.articles, "skipped": len(report.skipped),
            "read_extract_s": round(waited[0], 3), "engine_s": round(wall - waited[0], 3)}


def child_build_fts(archive: Path, db_path: Path, keep: Path) -> dict:
    """FTS5's build end to end; the documents it indexes are kept for tantivy (that writing is not counted)."""
    documents = DocumentFile(keep)
    started = time.perf_counter()
    report = fts5.build(archive, db_path, load_knowledge(), keep=documents)
    documents.close()
    wall = time.perf_counter() - started - documents.write_s
    return {"wall_s": round(wall, 3), "articles": report.articles, "skipped": report.skipped,
            "read_extract_s": round(report.read_extract_s, 3), "engine_s": round(report.engine_s, 3),
            "kept_documents_s": round(documents.write_s, 3)}


def child_build_tantivy(source: Path, index_dir: Path) -> dict:
    """tantivy's build: from kept documents (engine only), or from the archive end to end."""
    started = time.perf_counter()
    if source.is_dir():
        report = tantivy_peer.build(source, index_dir, load_knowledge())
    else:
        report = tantivy_peer.index_documents(read_documents(source), index_dir)
    wall = time.perf_counter() - started
    return {"wall_s": round(wall, 3), "articles": report.articles, "skipped": report.skipped,
            "read_extract_s": round(report.read_extract_s, 3), "engine_s": round(report.engine_s, 3),
            "from_archive": source.is_dir()}


CHILDREN = {"real-build-ours": child_build_ours, "real-build-fts": child_build_fts,
            "real-build-tantivy": child_build_tantivy}


def child_main(mode: str, paths: list[str]) -> None:
    result = CHILDREN[mode](*map(Path, paths))
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    result["peak_rss_children_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    print(json.dumps(result))


# ---------------------------------------------------------------- searching


class Ours:
    """Our search service as the app makes it (get_service: the knowledge's aliases, no result cache):
    the real request (per_page 10) and the top 10 alone."""

    def __init__(self, index_dir: Path):
        from searchapp.engine import SearchService
        from searchapp.engine.aliases import alias_table

        self.service = SearchService(index_dir, cache_size=0, aliases=load_knowledge().compiled(alias_table))

    def full(self, query: Query):
        from searchapp.web.params import read_search_request

        return self.service.search(read_search_request(query.to_params(per_page=10)))

    def hits(self, query: Query):
        from searchapp.web.params import read_search_request

        request = dataclasses.replace(read_search_request(query.to_params(per_page=10)), sort="relevance")
        return self.service.ranked_ids(request, 10)


def interleaved(calls: dict, queries: list[Query]) -> tuple[dict[str, list[float]], dict[str, list]]:
    """Each query on every engine in turn, the first engine rotating: ({engine: ms per query}, {engine: answers})."""
    names = list(calls)
    times = {name: [0.0] * len(queries) for name in names}
    answers = {name: [None] * len(queries) for name in names}
    for i, query in enumerate(queries):
        for name in names[i % len(names):] + names[: i % len(names)]:
            started = time.perf_counter()
            answers[name][i] = calls[name](query)
            times[name][i] = (time.perf_counter() - started) * 1000
    return times, answers


def by_kind(queries: list[Query], times: dict[str, list[float]]) -> dict:
    """{kind: {engine: p50/p95/max}} for each query kind, and for all the phrase kinds together."""
    groups = {kind: [i for i, q in enumerate(queries) if q.kind == kind] for kind in dict.fromkeys(q.kind for q in queries)}
    groups["phrases (both kinds)"] = [i for i, q in enumerate(queries) if q.kind in PHRASE_KINDS]
    return {kind: {name: percentiles([ms[i] for i in picked]) for name, ms in times.items()}
            for kind, picked in groups.items() if picked}


def slowest(queries: list[Query], times: dict[str, list[float]], count: int = 5) -> dict:
    """Each engine's slowest queries, to read what a p95 or max is made of."""
    return {name: [(round(ms[i], 1), queries[i].describe()) for i in sorted(range(len(ms)), key=lambda i: -ms[i])[:count]]
            for name, ms in times.items()}


def retime_slowest(calls: dict, queries: list[Query], times: dict[str, list[float]], count: int = 10, repeat: int = 3) -> dict:
    """Each engine's slowest queries run again (interleaved, `repeat` times): a slow query stays slow,
    a busy moment of the shared machine does not. {engine: [(first ms, best ms of the reruns, query)]}."""
    slow = sorted({i for ms in times.values() for i in sorted(range(len(ms)), key=lambda i: -ms[i])[:count]})
    again = {name: {i: [] for i in slow} for name in calls}
    for _ in range(repeat):
        rerun, _ = interleaved(calls, [queries[i] for i in slow])
        for name, ms in rerun.items():
            for i, t in zip(slow, ms):
                again[name][i].append(t)
    return {name: sorted(((round(times[name][i], 1), round(min(again[name][i]), 1), queries[i].describe()) for i in slow),
                         reverse=True)[:count] for name in calls}


def search_all(index_dir: Path, db_path: Path, tantivy_dir: Path, queries: list[Query]) -> dict:
    ours, conn, peer = Ours(index_dir), fts5.connect(db_path), tantivy_peer.Peer(tantivy_dir)
    full = {"ours": ours.full, "fts5": lambda q: fts5.search_full(conn, q), "tantivy": peer.full}
    hits = {"ours": ours.hits, "fts5": lambda q: fts5.search_hits(conn, q), "tantivy": peer.hits}
    interleaved(full, queries[:20])  # open searchers, facet tables, page caches
    hits_ms, _ = interleaved(hits, queries)
    full_ms, answers = interleaved(full, queries)
    totals = {name: [a.total for a in answers[name]] for name in full}
    figures = {
        "slowest_retimed": retime_slowest(full, queries, full_ms),
        "hits_only": {name: percentiles(ms) for name, ms in hits_ms.items()},
        "full": {name: percentiles(ms) for name, ms in full_ms.items()},
        "full_by_kind": by_kind(queries, full_ms),
        "slowest_full": slowest(queries, full_ms),
        "zero_hit_queries": {name: sum(1 for t in ts if t == 0) for name, ts in totals.items()},
        "mean_total": {name: round(statistics.fmean(ts), 1) for name, ts in totals.items()},
        "same_total_as_ours": {name: round(sum(a == b for a, b in zip(totals["ours"], ts)) / len(queries), 3)
                               for name, ts in totals.items() if name != "ours"},
        "total_disagreements": {name: [(q.describe(), a, b) for q, a, b in zip(queries, totals["ours"], ts) if a != b][:8]
                                for name, ts in totals.items() if name != "ours"},
    }
    ours.service.close()
    conn.close()
    return figures


# ---------------------------------------------------------------- HTTP overhead and the worker's memory


def http_overhead(index_dir: Path, archive: Path, queries: list[Query], workdir: Path) -> dict:
    """The same requests in this process and over the served /api/search (`python -m searchapp.serve`, one worker, one kept-alive
    connection, sequential), interleaved: the median of the per-request difference, and the worker's RSS."""
    import http.client

    ours = Ours(index_dir)
    paths = [api_path(q) for q in queries]
    server, port, log = start_server(index_dir, archive, workdir, 1, False, paths[0])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def over_http(path: str) -> int:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status

    try:
        worker = worker_pid(server.pid)
        for query, path in zip(queries, paths):  # both sides equally warm: every query once
            ours.full(query)
            over_http(path)
        inside, outside, floor, errors = [], [], [], 0
        for i, (query, path) in enumerate(zip(queries, paths)):
            for side in ((0, 1, 2) if i % 2 else (2, 1, 0)):
                started = time.perf_counter()
                if side == 0:
                    ours.full(query)
                elif side == 1:
                    errors += over_http(path) != 200
                else:  # the floor: a request that searches nothing (an unknown article's 404), same connection
                    over_http(NO_SEARCH)
                (inside, outside, floor)[side].append((time.perf_counter() - started) * 1000)
        rss = process_rss_mb(worker)
    finally:
        conn.close()
        stop_server(server, log)
        ours.service.close()
    differences = [b - a for a, b in zip(inside, outside)]
    return {"requests": len(queries), "errors": errors,
            "in_process_median_ms": round(statistics.median(inside), 2),
            "http_median_ms": round(statistics.median(outside), 2),
            "overhead_median_ms": round(statistics.median(differences), 2),
            "no_search_request_median_ms": round(statistics.median(floor), 2),
            "in_process": percentiles(inside), "http": percentiles(outside),
            "worker_rss_mb": rss}


def worker_pid(master: int) -> int | None:
    """The server's one worker: the master's child process."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            kids = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        except OSError:
            return None
        if kids:
            return int(kids[0])
        time.sleep(0.1)
    return None


def process_rss_mb(pid: int | None) -> dict | None:
    """The process's resident memory now and at its peak (VmRSS, VmHWM)."""
    if pid is None:
        return None
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    values = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {key.lower(): round(int(values[key].split()[0]) / 1024, 1) for key in ("VmRSS", "VmHWM") if key in values}


# ---------------------------------------------------------------- the run


def run_real(args, run_child, say) -> dict:
    """Build the three indexes of N real articles, search them interleaved, time HTTP; the figures."""
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    tag = f"real{args.n}"
    archive, index_dir = workdir / f"archive-{tag}", workdir / f"index-{tag}"
    db_path, tantivy_dir, kept = workdir / f"fts5-{tag}.sqlite", workdir / f"tantivy-{tag}", workdir / f"documents-{tag}.pickle"
    figures = {"mode": "real", "n": args.n, "corpus": str(args.real), "machine": machine(), "archive": str(archive),
               "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}

    def checkpoint():
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(figures, indent=1, default=str))

    say(f"archive {archive}")
    stamp = make_archive.real_archive(args.real, args.n, archive)
    figures.update(archive_mb=round(dir_size(archive) / 1e6, 1), archive_files=len(list(archive.glob("*.jsonl"))),
                   corpus_records=stamp.get("corpus_records"))

    builds = workdir / f"builds-{tag}.json"
    if args.reuse_index and builds.exists() and index_dir.exists() and db_path.exists() and tantivy_dir.exists():
        say("reusing the three indexes an earlier run built, and its build figures")
        figures.update(json.loads(builds.read_text()))
    else:
        say("full build (ours)...")
        figures["build_ours"] = run_child(["real-build-ours", str(archive), str(index_dir)])
        figures["build_ours"]["index_mb"] = round(dir_size(index_dir) / 1e6, 1)
        checkpoint()
        say("full build (FTS5)...")
        figures["build_fts5"] = run_child(["real-build-fts", str(archive), str(db_path), str(kept)])
        figures["build_fts5"]["index_mb"] = round(sum(p.stat().st_size for p in db_path.parent.glob(db_path.name + "*")) / 1e6, 1)
        say("full build (tantivy)...")
        source = archive if args.tantivy_end_to_end else kept
        build = run_child(["real-build-tantivy", str(source), str(tantivy_dir)])
        if not build["from_archive"]:
            # The same documents' reading and extraction, as FTS5's build measured it.
            build["read_extract_s"] = figures["build_fts5"]["read_extract_s"]
            build["wall_s"] = round(build["engine_s"] + build["read_extract_s"], 3)
            build["wall_is_estimate"] = True
        build["index_mb"] = round(dir_size(tantivy_dir) / 1e6, 1)
        figures["build_tantivy"] = build
        kept.unlink(missing_ok=True)
        for name in ENGINES:
            b = figures[f"build_{name}"]
            b["articles_per_s"] = round(b["articles"] / b["wall_s"], 1) if b["wall_s"] else None
        checkpoint()
        builds.write_text(json.dumps({**{f"build_{name}": figures[f"build_{name}"] for name in ENGINES},
                                      "builds_code": figures["machine"]["code"]}))
    say("queries...")
    queries = make_queries(archive, load_knowledge(), args.queries, args.seed, kinds=REAL_KINDS)
    (workdir / f"queries-{tag}.txt").write_text("\n".join(q.describe() for q in queries) + "\n")
    figures["kinds"] = {kind: sum(q.kind == kind for q in queries) for kind, _ in REAL_KINDS}
    say("searching, interleaved...")
    figures["search"] = search_all(index_dir, db_path, tantivy_dir, queries)
    checkpoint()
    if not args.skip_http:
        say("HTTP overhead: python -m searchapp.serve, one worker, one kept-alive connection...")
        figures["http_overhead"] = http_overhead(index_dir, archive, queries, workdir)
    figures["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    figures["load_avg_at_end"] = os.getloadavg()
    checkpoint()
    if not args.keep_indexes:
        shutil.rmtree(tantivy_dir, ignore_errors=True)
        shutil.rmtree(index_dir, ignore_errors=True)
        for path in db_path.parent.glob(db_path.name + "*"):
            path.unlink()
    return figures


# ---------------------------------------------------------------- the summary


def targets(f: dict) -> list[tuple[str, bool | None, str]]:
    """Issue 13's targets, each (what, met, the figures that say so)."""
    s, out = f["search"], []
    ours, fts = s["full"]["ours"], s["full"]["fts5"]
    out.append(("full request p95 <= FTS5's", ours["p95"] <= fts["p95"], f"{ours['p95']} vs {fts['p95']} ms"))
    phrases = s["full_by_kind"].get("phrases (both kinds)", {})
    if phrases:
        o, p = phrases["ours"], phrases["fts5"]
        out.append(("phrase queries p95 <= 2x FTS5's", o["p95"] <= 2 * p["p95"], f"{o['p95']} vs {p['p95']} ms"))
    best = max((best for _, best, _ in s.get("slowest_retimed", {}).get("ours", [])), default=None)
    again = "" if best is None else f"; the slowest run again, best of 3: at most {best} ms"
    out.append(("no query over 250 ms (ours)", ours["max"] <= 250, f"max {ours['max']} ms{again}"))
    h = f.get("http_overhead")
    if h:
        out.append(("HTTP overhead < 2 ms a request", h["overhead_median_ms"] < 2, f"median {h['overhead_median_ms']} ms"))
    b, fb = f["build_ours"], f["build_fts5"]
    rate = ratio(b["articles_per_s"], fb["articles_per_s"])
    out.append(("full build end to end >= 0.7x FTS5's rate", rate is not None and rate >= 0.7, f"{rate}x"))
    return out


def table(f: dict) -> str:
    m, s = f["machine"], f["search"]
    lines = [
        f"N = {f['n']:,} real articles ({f['corpus_records']:,} corpus records cycled, {f['archive_files']} .jsonl files, "
        f"{f['archive_mb']} MB); {m['nproc']} cores, {m['cpu']}, Python {m['python']}, SQLite {m['sqlite']}",
        f"code {m['code']}; load average at start {m['load_avg_at_start'][0]:.2f}, at end {f['load_avg_at_end'][0]:.2f}",
        "",
        f"{'measure':46} {'ours':>9} {'FTS5':>9} {'tantivy':>9} {'ours/FTS5':>9}",
    ]

    def row(label, values):
        cells = ["-" if v is None else (f"{v:,.1f}" if isinstance(v, float) else str(v)) for v in values]
        r = ratio(values[0], values[1])
        lines.append(f"{label:46} {cells[0]:>9} {cells[1]:>9} {cells[2]:>9} {'' if r is None else r:>9}")

    builds = [f[f"build_{name}"] for name in ENGINES]
    row("full build: articles/s (end to end)", [b["articles_per_s"] for b in builds])
    row("full build: wall s", [b["wall_s"] for b in builds])
    row("  waiting for reading+extraction s", [b["read_extract_s"] for b in builds])
    row("  engine only s", [b["engine_s"] for b in builds])
    row("full build: peak RSS MB", [b["peak_rss_mb"] for b in builds])
    row("  its reading workers' peak RSS MB", [b["peak_rss_children_mb"] for b in builds])
    row("index size MB", [b["index_mb"] for b in builds])
    for kind, label in (("hits_only", "top 10 only"), ("full", "full request")):
        for p in ("p50", "p95", "p99", "max"):
            row(f"{label} {p} ms", [s[kind][name][p] for name in ENGINES])
    for kind, per in s["full_by_kind"].items():
        n = per["ours"]["n"]
        for p in ("p50", "p95", "max"):
            row(f"  {kind} ({n}) {p} ms", [per[name][p] for name in ENGINES])
    row("queries with no hit", [s["zero_hit_queries"][name] for name in ENGINES])
    row("mean matches per query", [s["mean_total"][name] for name in ENGINES])
    agree = s["same_total_as_ours"]
    lines.append(f"same match count as ours: FTS5 {100 * agree['fts5']:.0f}%, tantivy {100 * agree['tantivy']:.0f}% of queries")
    for name in ENGINES:
        slow = s.get("slowest_retimed", {}).get(name, [])[:3]
        if slow:
            lines.append(f"{name}: slowest (ms as measured -> best of 3 reruns): "
                         + "; ".join(f"{first} -> {best} {q}" for first, best, q in slow))
    if f.get("builds_code") and f["builds_code"] != m["code"]:
        lines.append(f"build figures and indexes from an earlier run at {f['builds_code']}; searches at {m['code']}")
    if f["build_tantivy"].get("wall_is_estimate"):
        lines.append("tantivy's build indexed the documents FTS5's build kept: its end-to-end figure is its engine "
                     "time plus FTS5's wait for the same reading and extraction")
    h = f.get("http_overhead")
    if h:
        rss = h["worker_rss_mb"] or {}
        lines += ["", f"HTTP: {h['requests']} requests in-process and over python -m searchapp.serve (one worker) on one kept-alive connection, "
                      f"interleaved: median {h['in_process_median_ms']} ms vs {h['http_median_ms']} ms, overhead "
                      f"(median of per-request differences) {h['overhead_median_ms']} ms; a request that searches "
                      f"nothing (404) {h.get('no_search_request_median_ms')} ms; {h['errors']} errors; "
                      f"worker RSS {rss.get('vmrss')} MB (peak {rss.get('vmhwm')} MB)"]
    lines += ["", "issue 13's targets:"]
    for what, met, detail in targets(f):
        lines.append(f"  {'met ' if met else 'MISS'}  {what}: {detail}")
    return "\n".join(lines)
