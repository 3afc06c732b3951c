"""What HTTP adds to a search: /api/search over a kept-alive connection against the same search in-process.

    python bench/http_overhead.py                                   # a synthetic archive of --n articles
    python bench/http_overhead.py --real /work/shared/corpus/bulk/reuters21578/*.jsonl --n 6000
    python bench/http_overhead.py --index DIR --articles DIR        # an index you have
    python bench/http_overhead.py --server before=/tmp/old-checkout --server after=.
    python bench/http_overhead.py --server granian=. --server gunicorn=.@gunicorn   # the same tree, two servers
    python bench/http_overhead.py --floor ...                       # and the floor: see bench/floor_app.py

For each query of the mix, interleaved: SearchService.search in this process (the request
read from the same parameters by the API's own read_search_request), then the same
/api/search on one http.client connection per server, kept alive when the server keeps
it (gunicorn's sync worker closes it after every answer, so the client opens a new one).
Each server is a tree serving itself as its README says: `python -m searchapp.serve`
(granian) where the tree has searchapp/serve.py, else gunicorn with its gunicorn.conf.py;
`--server NAME=TREE@gunicorn` (or @granian) chooses. The result cache is off
(SEARCH_CACHE_SIZE=0) on every side so every request searches; with --cache it is on
(256) on every side, so from the second round on only what is not the search is left.

Two overheads a request, median and p95: the HTTP time minus the in-process search of the
same query, and the HTTP time minus the server's own took_ms for that request (the work
outside the search, without the noise of timing two searches). To tell the app's share from
the server's, each turn also calls the app in this process as a server would (its WSGI
callable, no socket): that call minus its own took_ms is what the app does outside the search. With several servers the
answers are compared too: byte for byte, but for took_ms. Only 127.0.0.1 is contacted.

With --floor, a WSGI app that only answers (bench/floor_app.py) takes its turn too, once for
each kind of server measured (granian, gunicorn), served as and with the settings of the first
tree served by it, answering as many bytes as that tree's answer to the query: its HTTP time is
what any answer costs on that server, machine and client, and each server's HTTP - took_ms - its
floor's HTTP (for the same request, in the same turn) is what its app adds outside the search.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import make_archive  # noqa: E402
from figures import ROOT, machine, percentiles  # noqa: E402
from http_load import free_port  # noqa: E402
from queries import Query, make_queries  # noqa: E402

TOOK_MS = re.compile(rb'"took_ms":[-+.0-9eE]+')
WARMED = re.compile(r"worker \d+ warmed: ")  # searchapp/serve.py's WARMED, a worker's warm-up done
STARTED = re.compile(r"Started worker-\d+")  # granian's, once a worker's loader has run
PUBLIC_PATH = "internals are not as searchapp expects"  # searchapp/internals/check.py's warning
FLOOR_APP = Path(__file__).resolve().with_name("floor_app.py")


def open_archive(args) -> tuple[Path, Path]:
    """(articles, index): the one given, a real corpus converted and indexed, or a synthetic one."""
    if args.index:
        if not args.articles:
            raise SystemExit("--index needs --articles (the queries are drawn from the articles)")
        return args.articles, args.index
    if args.real:
        from searchapp.facets import Knowledge
        from searchapp.index import reindex

        root = args.workdir / f"real{args.n}"
        make_archive.from_jsonl(args.real, root / "articles", args.n)
        reindex(root / "articles", root / "index", Knowledge.load())  # incremental: a second run only looks
        return root / "articles", root / "index"
    root = args.workdir / f"synthetic{args.n}-{args.seed}"
    return root / "articles", make_archive.build_index(args.n, root, args.seed)


def api_path(query: Query, per_page: int) -> str:
    return "/api/search?" + urllib.parse.urlencode(query.to_params(per_page), doseq=True)


def server_kind(tree: Path) -> str:
    """How a tree serves itself: granian through searchapp/serve.py where it has one, else gunicorn.conf.py."""
    return "granian" if (tree / "searchapp" / "serve.py").exists() else "gunicorn"


class Server:
    """A source tree serving index_dir as its README says: python -m searchapp.serve (granian), or
    gunicorn with the tree's gunicorn.conf.py (kind "gunicorn", and trees from before serve.py)."""

    def __init__(self, name: str, tree: Path, index_dir: Path, articles: Path, workdir: Path, cache_size: int,
                 floor: bool = False, kind: str | None = None):
        """floor: bench/floor_app.py's app instead of the tree's, served the same way with the same settings."""
        self.name, self.tree, self.port, self.floor = name, tree.resolve(), free_port(), floor
        self.kind = kind or server_kind(self.tree)
        env = dict(
            os.environ,
            PYTHONPATH=str(self.tree),  # this tree's searchapp, ahead of the editable install's
            SEARCHAPP_INDEX_DIR=str(index_dir),
            SEARCHAPP_ARTICLES_DIR=str(articles),
            SEARCHAPP_SEARCH_CACHE_SIZE=str(cache_size),
            SEARCHAPP_BIND=f"127.0.0.1:{self.port}",
        )
        if self.kind == "granian":
            command, cwd = [sys.executable, "-m", "searchapp.serve"], self.tree
            if floor:
                command, cwd = [sys.executable, str(FLOOR_APP)], FLOOR_APP.parent
        else:
            gunicorn = Path(sys.executable).with_name("gunicorn")
            command, cwd = [str(gunicorn), "-c", str(self.tree / "gunicorn.conf.py"), "searchapp:create_app()"], self.tree
            if floor:
                env["FLOOR_CONF"] = command[2]
                command, cwd = [str(gunicorn), "-c", str(FLOOR_APP), "floor_app:app"], FLOOR_APP.parent
        self.log_path = workdir / f"server-{name}.log"
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(command, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        self.connections = 0  # how many the client had to open: 1 when the server keeps them alive

    def wait_ready(self, path: str, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while True:
            try:
                status, _ = self.get(path)
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"{self.name}: the server did not start; see {self.log_path}")
                self.conn.close()
                time.sleep(0.3)
                continue
            if status != 200:
                raise SystemExit(f"{self.name}: the server answered {status}; see {self.log_path}")
            return

    def cpu_seconds(self) -> float:
        """CPU time the server's processes (its main one and its workers) have used so far."""
        ticks = 0
        pids = [self.process.pid]
        for pid in pids:
            try:
                with open(f"/proc/{pid}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
                with open(f"/proc/{pid}/task/{pid}/children") as children:
                    pids += [int(child) for child in children.read().split()]
            except (OSError, ValueError):
                continue
        return ticks / os.sysconf("SC_CLK_TCK")

    def wait_started(self, workers: int, seconds: float = 120) -> None:
        """Under granian, until each worker has loaded the app (granian logs it started after its loader ran:
        the worker's search service opened); gunicorn says nothing then, and wait_ready is what there is."""
        deadline = time.monotonic() + seconds
        while self.kind == "granian" and time.monotonic() < deadline:
            self.log.flush()
            if len(STARTED.findall(self.log_path.read_text(errors="replace"))) >= workers:
                return
            time.sleep(0.3)

    def wait_warmed(self, workers: int, seconds: float = 180) -> int:
        """Until each worker has logged that its background warm-up is done (searchapp/serve.py's WARMED,
        in trees that log it); how many did. wait_idle then waits for any other start-up work."""
        deadline = time.monotonic() + seconds
        while True:
            self.log.flush()
            warmed = len(WARMED.findall(self.log_path.read_text(errors="replace")))
            if self.floor or warmed >= workers or time.monotonic() > deadline or not self.logs_warmed():
                return warmed
            time.sleep(0.5)

    def logs_warmed(self) -> bool:
        serve = self.tree / "searchapp" / "serve.py"
        return serve.exists() and "WARMED" in serve.read_text()

    def wait_idle(self, seconds: float = 180, busy: float = 0.05) -> None:
        """Until the server uses under `busy` of a core for a second: work a worker does in the background
        after it starts (decoding its postings) must not run beside the requests measured."""
        deadline = time.monotonic() + seconds
        used = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(1)
            now = self.cpu_seconds()
            if now - used < busy:
                return
            used = now

    def get(self, path: str) -> tuple[int, bytes]:
        """(status, body) of one GET; a kept connection the server closed meanwhile (idle past its keepalive) is opened anew."""
        while True:
            fresh = self.conn.sock is None
            self.connections += fresh
            try:
                self.conn.request("GET", path)
                response = self.conn.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                if fresh:
                    raise

    def stop(self) -> None:
        self.conn.close()
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def measure(index_dir: Path, servers: list[Server], paths: list[str], params: list[dict], rounds: int, cache_size: int) -> dict:
    """Per server: HTTP time, its overheads, the connections opened and the answers that differ from the first server's."""
    from searchapp import create_app, get_service
    from searchapp.web.params import read_search_request, search_limits

    app = create_app({"INDEX_DIR": str(index_dir), "SEARCH_CACHE_SIZE": cache_size})
    rows = {s.name: {"http": [], "took_ms": [], "minus_in_process": [], "minus_took_ms": [], "over_floor": [], "differ": 0}
            for s in servers}
    floors = {s.kind: s for s in servers if s.floor}  # each server's floor is served as it is
    in_process, wsgi_app, wsgi_outside = [], [], []
    environs = [wsgi_environ(path) for path in paths]
    with app.app_context():
        service, limits = get_service(), search_limits()
        service.warm()
        max_filters = app.config["MAX_FILTER_VALUES"]
        for query_params in params:  # the postings cache warm, as the servers' below
            service.search(read_search_request(query_params, max_filters), limits)
        for server in servers:  # a worker's start-up work in the background (its postings) done first
            server.warmed = server.wait_warmed(int(os.environ.get("WEB_CONCURRENCY", "2")))
            server.wait_idle()
        sizes = warm(servers, paths)
        for turn in range(rounds):
            for i, (path, query_params) in enumerate(zip(paths, params)):
                started = time.perf_counter()
                service.search(read_search_request(query_params, max_filters), limits)
                alone = (time.perf_counter() - started) * 1000
                in_process.append(alone)
                started = time.perf_counter()
                body = b"".join(app(dict(environs[i]), lambda status, headers, exc_info=None: None))
                wsgi_app.append((time.perf_counter() - started) * 1000)
                wsgi_outside.append(wsgi_app[-1] - json.loads(body)["took_ms"])
                bodies, times = {}, {}
                shift = (turn + i) % len(servers)  # each server goes first as often as the others
                for server in servers[shift:] + servers[:shift]:
                    asked = f"/?bytes={sizes[i]}" if server.floor else path
                    started = time.perf_counter()
                    status, body = server.get(asked)
                    took = times[server.name] = (time.perf_counter() - started) * 1000
                    if status != 200:
                        raise SystemExit(f"{server.name}: {status} for {asked}: {body[:200]!r}")
                    row = rows[server.name]
                    row["http"].append(took)
                    row["minus_in_process"].append(took - alone)
                    if not server.floor:
                        row["took_ms"].append(json.loads(body)["took_ms"])
                        row["minus_took_ms"].append(took - row["took_ms"][-1])
                        bodies[server.name] = TOOK_MS.sub(b'"took_ms":0', body)
                for server in servers:  # what the app adds outside its search, over what any answer costs
                    floor = floors.get(server.kind)
                    if floor is not None and not server.floor:
                        row = rows[server.name]
                        row["over_floor"].append(row["minus_took_ms"][-1] - times[floor.name])
                first = bodies[servers[0].name]
                for server in servers[1:]:
                    if server.floor:
                        continue
                    if bodies[server.name] != first:
                        rows[server.name]["differ"] += 1
                        rows[server.name].setdefault("differ_examples", []).append(differences(path, first, bodies[server.name]))
    figures = {"in_process": percentiles(in_process), "wsgi_app": percentiles(wsgi_app),
               "wsgi_app_outside_search": percentiles(wsgi_outside)}
    for server in servers:
        row = rows[server.name]
        figures[server.name] = {
            "tree": str(server.tree),
            "server": server.kind,
            "connections_opened": server.connections,
            "floor": server.floor,
            "workers_warmed_before_measuring": getattr(server, "warmed", None),
            # a worker that fell back to Whoosh's public path (searchapp/internals/check.py) searches slower
            "a_worker_on_whooshs_public_path": PUBLIC_PATH in server.log_path.read_text(errors="replace"),
            "answers_differing_from_first_server": None if server is servers[0] or server.floor else row["differ"],
            "differing_examples": row.get("differ_examples", [])[:5],
            **{key: percentiles(row[key]) for key in ("http", "took_ms", "minus_in_process", "minus_took_ms", "over_floor")},
        }
    return figures


def wsgi_environ(path: str) -> dict:
    """The WSGI environ of GET path, as a server on 127.0.0.1 hands it to the app."""
    from werkzeug.test import EnvironBuilder

    route, _, query = path.partition("?")
    return EnvironBuilder(path=route, query_string=query, base_url="http://127.0.0.1/").get_environ()


def warm(servers: list[Server], paths: list[str]) -> list[int]:
    """Every query once (their postings cached), the servers taking turns, on the connections the
    measurement goes on with; returns the bytes of the first server's answers, which the floor answers.

    With two workers, a connection opened anew after warming one may land on the other, whose postings
    cache is cold; so none idles past its keep-alive before the measurement (as one would while the next
    server warmed, or this process warmed its own search)."""
    sizes = []
    for i, path in enumerate(paths):
        for server in servers:
            _, body = server.get(f"/?bytes={sizes[i]}" if server.floor else path)
            if server is servers[0]:
                sizes.append(len(body))
    for server in servers:
        server.connections = 0
    return sizes


def differences(path: str, first: bytes, other: bytes) -> dict:
    """Which keys of two answers to path differ, to tell a changed answer from one that varies by itself."""
    a, b = json.loads(first), json.loads(other)
    hit_keys = {k for x, y in zip(a.get("hits", []), b.get("hits", [])) for k in x.keys() | y.keys() if x.get(k) != y.get(k)}
    return {"path": path, "keys": sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k)),
            "hit_keys": sorted(hit_keys), "bytes_only": a == b}


def report(figures: dict, requests: int) -> str:
    lines = [f"{requests} requests a server; milliseconds, p50 / p95",
             f"  in-process SearchService.search     {figures['in_process']['p50']:7.2f} / {figures['in_process']['p95']:7.2f}",
             f"  in-process app call (WSGI, no HTTP) {figures['wsgi_app']['p50']:7.2f} / {figures['wsgi_app']['p95']:7.2f}",
             f"    its time outside its search       {figures['wsgi_app_outside_search']['p50']:7.2f} / "
             f"{figures['wsgi_app_outside_search']['p95']:7.2f}"]
    for name, f in figures.items():
        if not isinstance(f, dict) or name in ("in_process", "wsgi_app", "wsgi_app_outside_search", "machine"):
            continue
        lines.append(f"{name} ({f['server']}, {'the floor, bench/floor_app.py, with ' if f['floor'] else ''}{f['tree']}): "
                     f"{f['connections_opened']} connection(s) opened while measuring (0: the warm-up's, kept alive)"
                     + (f", {f['workers_warmed_before_measuring']} worker(s) logged their warm-up done before it"
                        if f["workers_warmed_before_measuring"] else "")
                     + (", A WORKER SEARCHED ON WHOOSH'S PUBLIC PATH (see its log)" if f["a_worker_on_whooshs_public_path"] else "")
                     + ("" if f["answers_differing_from_first_server"] is None
                        else f", {f['answers_differing_from_first_server']} answer(s) differ from the first server's"))
        keys = (("http", "HTTP (as many bytes)"),) if f["floor"] else (
            ("http", "HTTP /api/search"), ("took_ms", "its took_ms (the server's search)"),
            ("minus_in_process", "overhead: HTTP - in-process"),
            ("minus_took_ms", "overhead: HTTP - server took_ms"),
            ("over_floor", "HTTP - took_ms - the floor's HTTP"))
        for key, label in keys:
            if f[key].get("n"):
                lines.append(f"  {label:35} {f[key]['p50']:7.2f} / {f[key]['p95']:7.2f}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, help="an existing index (with --articles)")
    parser.add_argument("--articles", type=Path, help="the archive the index was built from")
    parser.add_argument("--real", type=Path, nargs="+", metavar="JSONL", help="index up to --n records of these files")
    parser.add_argument("--n", type=int, default=3000, help="articles (synthetic, or at most this many real ones)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "http_overhead")
    parser.add_argument("--queries", type=int, default=60, help="queries drawn from the archive; the empty query is added")
    parser.add_argument("--rounds", type=int, default=5, help="times through the query mix")
    parser.add_argument("--per-page", type=int, default=10)
    parser.add_argument("--cache", action="store_true", help="the result cache on, in-process and in the servers")
    parser.add_argument("--server", action="append", metavar="NAME=TREE[@SERVER]",
                        help="a source tree to serve (repeatable; default: this one), as its README says or "
                             "with SERVER (granian or gunicorn)")
    parser.add_argument("--floor", action="store_true",
                        help="serve bench/floor_app.py too, once for each server kind, with the settings of the "
                             "first tree served so (the floor)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)

    articles, index_dir = open_archive(args)
    from searchapp.knowledge import Knowledge

    queries = [Query("all")] + make_queries(articles, Knowledge.load(), args.queries, args.seed)
    paths = [api_path(q, args.per_page) for q in queries]
    params = [q.to_params(args.per_page) for q in queries]

    trees = [spec.partition("=") for spec in args.server or [f"this={ROOT}"]]
    cache_size = 256 if args.cache else 0
    about = machine()
    servers = []
    try:
        for name, _, spec in trees:
            tree, _, kind = spec.rpartition("@") if "@" in spec else (spec, "", "")
            if kind not in ("", "granian", "gunicorn"):
                raise SystemExit(f"--server {name}={spec}: the server is granian or gunicorn, not {kind!r}")
            servers.append(Server(name, Path(tree or ROOT), index_dir, articles, args.workdir, cache_size, kind=kind or None))
            # One tree's workers started (their check of Whoosh's internals done) before the next tree's start:
            # the checks of several at once share a temporary folder, and one may fail (searchapp/serve.py).
            servers[-1].wait_ready(paths[0])
            servers[-1].wait_started(int(os.environ.get("WEB_CONCURRENCY", "2")))
        if args.floor:
            for kind in dict.fromkeys(s.kind for s in servers):
                first = next(s for s in servers if s.kind == kind)
                servers.append(Server(f"floor-{kind}", first.tree, index_dir, articles, args.workdir, cache_size,
                                      floor=True, kind=kind))
        for server in servers:
            server.wait_ready(paths[0])
        figures = measure(index_dir, servers, paths, params, args.rounds, cache_size)
    finally:
        for server in servers:
            server.stop()
    figures.update(machine=about, load_avg_at_end=os.getloadavg(), queries=len(queries), result_cache=cache_size)
    print(f"index {index_dir}, {len(queries)} queries x {args.rounds} rounds, per_page {args.per_page}, "
          f"result cache {cache_size or 'off'}")
    print(f"load average at start {about['load_avg_at_start']}, at end {figures['load_avg_at_end']}")
    print(report(figures, len(queries) * args.rounds))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
