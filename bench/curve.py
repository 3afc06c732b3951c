"""How cost grows with the archive: one bench/run.py --real run a size, then one table with the slopes.

    python bench/run.py --real corpus.jsonl --sizes 25000,50000,100000 --workdir /tmp/bench
    python bench/run.py --curve-from /tmp/bench/real-*.json      # the table again, from the runs' JSON

The slope is the exponent b of cost ~ N^b, fitted by least squares on log(cost) against log(N):
1 is linear, below 1 grows slower than the archive, above 1 faster.
"""

from __future__ import annotations

import math
import subprocess
import sys
import time
from pathlib import Path

# Two tables of (column, unit, the figure in one run's JSON): what a build costs, what a search costs.
BUILD_COLUMNS = (
    ("build, ours", "s", lambda f: f["build_ours"]["wall_s"]),
    ("build, FTS5", "s", lambda f: f["build_fts5"]["wall_s"]),
    ("build, tantivy", "s", lambda f: f["build_tantivy"]["wall_s"]),
    ("build peak RSS, ours", "MB", lambda f: f["build_ours"]["peak_rss_mb"]),
    ("index, ours", "MB", lambda f: f["build_ours"]["index_mb"]),
    ("index, FTS5", "MB", lambda f: f["build_fts5"]["index_mb"]),
    ("index, tantivy", "MB", lambda f: f["build_tantivy"]["index_mb"]),
)
SEARCH_COLUMNS = (
    ("full p95, ours", "ms", lambda f: f["search"]["full"]["ours"]["p95"]),
    ("full p95, FTS5", "ms", lambda f: f["search"]["full"]["fts5"]["p95"]),
    ("full p95, tantivy", "ms", lambda f: f["search"]["full"]["tantivy"]["p95"]),
    ("phrase p95, ours", "ms", lambda f: f["search"]["full_by_kind"]["phrases (both kinds)"]["ours"]["p95"]),
    ("phrase p95, FTS5", "ms", lambda f: f["search"]["full_by_kind"]["phrases (both kinds)"]["fts5"]["p95"]),
    ("max, ours", "ms", lambda f: f["search"]["full"]["ours"]["max"]),
    ("worker RSS", "MB", lambda f: f["http_overhead"]["worker_rss_mb"]["vmrss"]),
)
COLUMNS = BUILD_COLUMNS + SEARCH_COLUMNS


def slope(points: list[tuple[float, float]]) -> float | None:
    """The least-squares exponent b of y ~ N^b over (N, y) points with y > 0; None with fewer than two."""
    logs = [(math.log(n), math.log(y)) for n, y in points if n > 0 and y and y > 0]
    if len(logs) < 2:
        return None
    mx = sum(x for x, _ in logs) / len(logs)
    my = sum(y for _, y in logs) / len(logs)
    sxx = sum((x - mx) ** 2 for x, _ in logs)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in logs) / sxx


def _value(f: dict, get):
    try:
        return get(f)
    except (KeyError, TypeError):
        return None


def one_table(runs: list[dict], columns) -> list[str]:
    """A markdown table: a row a size, a column a figure, and the fitted slope of each column."""
    lines = ["| N | " + " | ".join(f"{name} ({unit})" for name, unit, _ in columns) + " |",
             "|" + "---|" * (len(columns) + 1)]
    for f in runs:
        cells = []
        for _, _, get in columns:
            v = _value(f, get)
            cells.append("-" if v is None else f"{v:,.1f}")
        lines.append(f"| {f['n']:,} | " + " | ".join(cells) + " |")
    slopes = []
    for _, _, get in columns:
        b = slope([(f["n"], _value(f, get)) for f in runs])
        slopes.append("-" if b is None else f"{b:.2f}")
    lines.append("| slope (log-log) | " + " | ".join(slopes) + " |")
    return lines


def table(runs: list[dict]) -> str:
    """The build table and the search table, then each run's load average and code."""
    runs = sorted(runs, key=lambda f: f["n"])
    lines = one_table(runs, BUILD_COLUMNS) + [""] + one_table(runs, SEARCH_COLUMNS)
    loads = ", ".join(f"{f['n']:,}: {f['machine']['load_avg_at_start'][0]:.1f}-{f.get('load_avg_at_end', [math.nan])[0]:.1f}"
                      for f in runs)
    codes = sorted({f["machine"]["code"] for f in runs})
    lines += ["", f"load average at start-end of each run: {loads}; code {', '.join(codes)}"]
    return "\n".join(lines)


def run_sizes(args, script: Path, say) -> int:
    """One child run of script a size, each with its log and JSON in the workdir; then the table (curve.md)."""
    import json

    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    runs = []
    for n in (int(s) for s in args.sizes.split(",") if s.strip()):
        out, log = workdir / f"real-{n}.json", workdir / f"real-{n}.log"
        cmd = [sys.executable, str(script), "--real", str(args.real), "--n", str(n), "--json", str(out),
               "--workdir", str(workdir), "--queries", str(args.queries), "--seed", str(args.seed)]
        if args.skip_http or (args.skip_http_from and n >= args.skip_http_from):
            cmd.append("--skip-http")
        say(f"{time.strftime('%H:%M:%S')} N = {n}: {' '.join(cmd)}  (log {log})")
        with open(log, "w") as handle:
            code = subprocess.run(cmd, stdout=handle, stderr=subprocess.STDOUT).returncode
        if code != 0:
            say(f"N = {n} failed (exit {code}); see {log}")
            continue
        runs.append(json.loads(out.read_text()))
        (workdir / "curve.md").write_text(table(runs) + "\n")
    print(table(runs) if runs else "no run finished")
    return 0 if runs else 1
