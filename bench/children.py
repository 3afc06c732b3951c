"""bench/run.py's child modes: a full build of ours or of FTS5, or an incremental reindex, in a process of its own.

Each runs as `python bench/run.py --child MODE ...` so that its peak memory is its own;
its last line of output is a JSON report.
"""

from __future__ import annotations

import json
import resource
import shutil
import time
from pathlib import Path

import fts5


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
