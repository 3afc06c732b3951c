"""The benchmark's measurements made readable: the machine, percentiles, and the table bench/run.py prints."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
    exported = ROOT / ".commit"  # a tree exported with git archive for a long run: no .git, the commit written here
    if exported.is_file():
        return exported.read_text().strip() + " (exported tree)"
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


def table(f: dict, changed: int) -> str:
    """The figures as a readable table, with ours/FTS5 ratios (changed: files added and changed by the incremental run)."""
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
            row(f"incremental reindex, {changed} added + {changed} changed: s", inc["wall_s"])
            row("  same, as a process (imports included): s", inc["process_wall_s"])
    if "http" in f:
        h = f["http"]
        lines.append("")
        cache = {True: "result cache on", False: "result cache off"}.get(h.get("result_cache"), "app's default cache")
        lines.append(f"JSON endpoint, python -m searchapp.serve, {h['workers']} workers ({cache}), {h['clients']} clients for {h['seconds']} s "
                     f"(clients on the same machine): {h['rps']} requests/s, p50 {h.get('p50')} ms, "
                     f"p99 {h.get('p99')} ms, {h['errors']} errors of {h['requests']}")
    return "\n".join(lines)
