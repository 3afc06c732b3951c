"""Hostile load: does a cheap search stay fast while clients send the worst queries we can build?

    python bench/hostile_load.py /path/to/reuters21578.jsonl --n 19780 [--seconds 30] [--workdir DIR]

Builds (or reuses) an index of the first N articles of a JSON Lines corpus in
--workdir (default: the system's temporary folder, never the repository),
serves it with `gunicorn -c gunicorn.conf.py -w 2` on 127.0.0.1, sends every kind
of query a few times unmeasured (as a server that has run a while), measures a
cheap query alone, then again while 4 attacking clients send the queries in
ATTACKS for --seconds. Prints each attack's latencies and answers, the cheap query's
p50/p95 with and without attack, error counts and the workers' peak RSS.
Every query is drawn afresh, so neither the result cache nor repetition helps.
Only 127.0.0.1 is contacted; every wait has a timeout.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

HOST = "127.0.0.1"  # loopback only
ATTACKERS = 4
REQUEST_TIMEOUT = 130  # seconds: longer than gunicorn's 120 s worker timeout, so a stuck worker shows as such
# Common words of the corpus (stemmed forms are found too): they make the longest postings.
COMMON = (
    "the of said and to a in it march for on dlr mln is from by at be with will year april company new pct "
    "which not inc would corp but share were have market also last two or about had price up bank net their "
    "billion stock trade oil rate government week month first expected told official prices sales quarter"
).split()
LONG = (
    "government official expected february company shares dividend production exports minister agreement "
    "interest quarter american president industry increase financial treasury national"
).split()
LETTERS = "abcdefghijklmnoprstuvwy"
CHEAP = (
    "oil prices", "wheat", "interest rates", "dollar", "japan trade", "coffee", "gold", "opec", "strike",
    "merger", "copper", "sugar exports", "bundesbank", "tax", "grain", "crude", "yen", "takeover bid",
)


def _fuzzy_flood(rng):
    """The issue's query: 124 fuzzy terms of two edits (w001q~2 ... w124q~2)."""
    return {"q": " ".join(f"w{i:03d}{rng.choice(LETTERS)}~2" for i in range(1, 125))}


def _fuzzy_max(rng):
    """As many two-edit fuzzy terms of common long words as admitted (short words get fewer edits)."""
    return {"q": " ".join(f"{w}~2" for w in rng.sample(LONG, 4))}


def _wildcard_flood(rng):
    """The issue's 26 leading-and-trailing wildcards, one a letter: *a* *b* ..."""
    return {"q": " ".join(f"*{c}*" for c in rng.sample(LETTERS, 23) + ["x", "y", "z"])}


def _wildcard_max(rng):
    """As many one-letter leading wildcards as admitted, OR-ed: the most frequent words holding each letter."""
    return {"q": " OR ".join(f"*{c}*" for c in rng.sample(LETTERS, 4))}


def _or_chain(rng):
    """A long OR chain of the commonest words, as long as admitted (32 words and operators)."""
    return {"q": " OR ".join(rng.choice(COMMON) for _ in range(16))}


def _deep_parentheses(rng):
    """Parentheses nested as deep as admitted (10), with ORs of common words at every level."""
    words = [rng.choice(COMMON) for _ in range(9)]
    inner = " OR ".join(rng.choice(COMMON) for _ in range(4))
    return {"q": "".join(f"({w} OR " for w in words) + f"({inner})" + ")" * len(words)}


def _huge_phrase(rng):
    """A sloppy phrase of the commonest words, as long as admitted: each is near the last in most articles."""
    return {"q": '"' + " ".join(rng.choice(COMMON[:12]) for _ in range(31)) + '"~10'}


def _common_phrase(rng):
    """A two-word phrase of the commonest words: positions of most articles to check."""
    return {"q": '"' + " ".join(rng.sample(COMMON[:12], 2)) + '"'}


def _huge_page(rng):
    """A page far past the end of a common word's hits, the most hits a page may hold."""
    return {"q": rng.choice(COMMON), "page": str(rng.randint(10**8, 10**9 - 1)), "per_page": "100"}


def _broad_html(rng):
    """The HTML search page of a common word: every value of every facet is a link on it."""
    return {"q": rng.choice(COMMON), "html": True}


ATTACKS = {f.__name__.lstrip("_"): f for f in (
    _fuzzy_flood, _fuzzy_max, _wildcard_flood, _wildcard_max, _or_chain, _deep_parentheses, _huge_phrase,
    _common_phrase, _huge_page, _broad_html,
)}


# ---------------------------------------------------------------- the index


def prepare_index(jsonl: Path, n: int, workdir: Path, rebuild: bool) -> Path:
    """The index of the first n articles of jsonl, built in workdir once and reused while the corpus is the same."""
    import make_archive
    from searchapp.facets import Knowledge
    from searchapp.index import reindex

    archive, index_dir, stamp = workdir / f"articles-{n}", workdir / f"index-{n}", workdir / f"index-{n}.json"
    source = {"jsonl": str(jsonl.resolve()), "size": jsonl.stat().st_size, "n": n}
    if not rebuild and stamp.exists() and json.loads(stamp.read_text()).get("source") == source:
        return index_dir
    started = time.perf_counter()
    make_archive.from_jsonl([jsonl], archive, n)
    report = reindex(archive, index_dir, Knowledge.load(), full=True)
    built = {"source": source, "articles": report.articles, "build_s": round(time.perf_counter() - started, 1)}
    stamp.write_text(json.dumps(built))
    print(f"indexed {report.articles:,} articles in {built['build_s']} s", file=sys.stderr)
    return index_dir


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def serve(index_dir: Path, port: int, log: Path) -> subprocess.Popen:
    """gunicorn as the README serves it (gunicorn.conf.py: warmed workers, 120 s timeout), 2 workers, no result cache."""
    env = dict(os.environ, SEARCHAPP_INDEX_DIR=str(index_dir), SEARCHAPP_SEARCH_CACHE_SIZE="0")
    command = [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py", "-w", "2",
               "-b", f"{HOST}:{port}", "searchapp:create_app()"]
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped; see {log}")
        try:
            if get(port, "/api/search", {"q": "oil"})[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer within 300 s; see {log}")


def get(port: int, path: str, params: dict) -> tuple[int, bool]:
    """(HTTP status, whether the answer says it timed out) of one GET on a fresh connection."""
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request("GET", path + "?" + urllib.parse.urlencode(params))
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    if response.status != 200:
        return response.status, False
    if path.startswith("/api/"):
        return response.status, json.loads(body).get("timed_out") is True
    return response.status, b'id="timed-out"' in body


def peak_rss_mb(server: subprocess.Popen) -> list[float]:
    """Each gunicorn worker's peak resident memory (VmHWM), in MB."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    peaks = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(round(int(line.split()[1]) / 1024, 1))
    return peaks


# ---------------------------------------------------------------- the clients


def client(port: int, kinds: list[str], seconds: float, pause: float, seed: int) -> list[tuple]:
    """Send queries of the given kinds ("cheap" or ATTACKS) for `seconds`: [(kind, ms, status, timed_out)]."""
    rng = random.Random(seed)
    stop, sent = time.monotonic() + seconds, []
    while time.monotonic() < stop:
        kind = rng.choice(kinds)
        params = ATTACKS[kind](rng) if kind in ATTACKS else {"q": rng.choice(CHEAP)}
        path = "/" if params.pop("html", False) else "/api/search"
        started = time.perf_counter()
        try:
            status, timed_out = get(port, path, params)
        except (OSError, http.client.HTTPException) as exc:
            status, timed_out = type(exc).__name__, False
        sent.append((kind, (time.perf_counter() - started) * 1000, status, timed_out))
        time.sleep(pause)
    return sent


def warm_up(port: int, kinds: list[str], rounds: int, seed: int) -> None:
    """Send every kind of query a few times, unmeasured: a worker's first searches read postings from disk."""
    rng = random.Random(seed)
    for _ in range(rounds):
        for kind in ["cheap", *kinds]:
            params = ATTACKS[kind](rng) if kind in ATTACKS else {"q": rng.choice(CHEAP)}
            get(port, "/" if params.pop("html", False) else "/api/search", params)


def run_clients(port: int, kinds: list[str], seconds: float, attackers: int, seed: int) -> list[tuple]:
    """One cheap client (a query every 0.2 s) and `attackers` clients sending these ATTACKS back to back."""
    jobs = [(port, ["cheap"], seconds, 0.2, seed)]
    jobs += [(port, kinds, seconds, 0.0, seed + 1 + i) for i in range(attackers)]
    with multiprocessing.Pool(len(jobs)) as pool:
        results = pool.starmap_async(client, jobs).get(timeout=seconds + REQUEST_TIMEOUT + 60)
    return [answer for sent in results for answer in sent]


# ---------------------------------------------------------------- the report


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))], 1) if ordered else float("nan")


def summary(answers: list[tuple], kind: str) -> dict:
    mine = [a for a in answers if a[0] == kind]
    times = [ms for _, ms, _, _ in mine]
    statuses = [status for _, _, status, _ in mine]
    return {
        "sent": len(mine),
        "200": statuses.count(200),
        "400": statuses.count(400),
        "errors": len([s for s in statuses if s not in (200, 400)]),
        "timed_out": sum(1 for a in mine if a[3]),
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "max_ms": percentile(times, 100),
    }


def report(figures: dict) -> list[str]:
    lines = [
        f"hostile load: {figures['articles']:,} articles, gunicorn -w 2, {ATTACKERS} attacking clients "
        f"+ 1 cheap client, {figures['seconds']:g} s, code {figures['code']}",
        f"load average at the start {figures['load_avg'][0][0]:.2f}, at the end {figures['load_avg'][1][0]:.2f}",
        f"{'query':<18}{'sent':>6}{'200':>6}{'400':>6}{'errors':>8}{'timed out':>11}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}",
    ]
    for kind, row in figures["attacks"].items():
        lines.append(f"{kind:<18}{row['sent']:>6}{row['200']:>6}{row['400']:>6}{row['errors']:>8}{row['timed_out']:>11}"
                     f"{row['p50_ms']:>9}{row['p95_ms']:>9}{row['max_ms']:>9}")
    for label, row in (("cheap, alone", figures["cheap_alone"]), ("cheap, attacked", figures["cheap_attacked"])):
        lines.append(f"{label:<18}{row['sent']:>6}{row['200']:>6}{row['400']:>6}{row['errors']:>8}{row['timed_out']:>11}"
                     f"{row['p50_ms']:>9}{row['p95_ms']:>9}{row['max_ms']:>9}")
    lines.append(f"workers' peak RSS: {', '.join(f'{mb} MB' for mb in figures['peak_rss_mb'])}")
    verdict = "met" if figures["cheap_attacked"]["p95_ms"] < 150 else "NOT met"
    lines.append(f"target cheap p95 < 150 ms under attack: {verdict}")
    return lines


def code_version() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "searchapp"], cwd=ROOT, capture_output=True, text=True).stdout
    return head + (" + uncommitted changes in searchapp/" if dirty.strip() else "")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("jsonl", type=Path, help="the corpus, e.g. reuters21578.jsonl (read, never copied)")
    parser.add_argument("--n", type=int, default=19780, help="articles to index (at most)")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the attack")
    parser.add_argument("--alone-seconds", type=float, default=10.0, help="length of the cheap-only run")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "newsroom-hostile")
    parser.add_argument("--rebuild", action="store_true", help="index again even if the workdir has the index")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warm-rounds", type=int, default=20, help="unmeasured rounds of every query kind first")
    parser.add_argument("--attacks", help=f"comma-separated kinds to send (default all: {','.join(ATTACKS)})")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    kinds = args.attacks.split(",") if args.attacks else list(ATTACKS)
    if set(kinds) - set(ATTACKS):
        parser.error(f"unknown attacks {sorted(set(kinds) - set(ATTACKS))}; known: {', '.join(ATTACKS)}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    index_dir = prepare_index(args.jsonl, args.n, args.workdir, args.rebuild)
    load_at_start = os.getloadavg()
    port = free_port()
    server = serve(index_dir, port, args.workdir / "gunicorn.log")
    try:
        warm_up(port, kinds, args.warm_rounds, args.seed + 1000)
        alone = run_clients(port, kinds, args.alone_seconds, 0, args.seed)
        attacked = run_clients(port, kinds, args.seconds, ATTACKERS, args.seed + 100)
        peaks = peak_rss_mb(server)
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
    stamp = json.loads((args.workdir / f"index-{args.n}.json").read_text())
    figures = {
        "articles": stamp["articles"], "seconds": args.seconds, "code": code_version(),
        "attacks": {kind: summary(attacked, kind) for kind in kinds},
        "cheap_alone": summary(alone, "cheap"), "cheap_attacked": summary(attacked, "cheap"),
        "peak_rss_mb": peaks, "load_avg": [load_at_start, os.getloadavg()],
    }
    print("\n".join(report(figures)))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
