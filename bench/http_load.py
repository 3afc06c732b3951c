"""The JSON endpoint under load: the server README.md gives (`python -m searchapp.serve`, granian) serving
the index, clients on kept-alive connections.

Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from figures import ROOT, percentiles
from queries import Query


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api_path(query: Query) -> str:
    return "/api/search?" + urllib.parse.urlencode(query.to_params(per_page=10), doseq=True)


def http_load(index_dir: Path, archive: Path, queries: list[Query], workdir: Path,
              clients: int = 16, seconds: float = 30.0, workers: int = 2, cache: bool = False) -> dict:
    """Serve the index as README.md says and hit /api/search from `clients` threads for `seconds`.

    The clients cycle through the same queries, so the app's result cache would answer
    repeats from memory; it is off unless asked for, to measure the search itself.
    """
    paths = [api_path(q) for q in queries]
    server, port, log = start_server(index_dir, archive, workdir, workers, cache, paths[0])
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
        stop_server(server, log)
    return {
        "clients": clients, "seconds": round(elapsed, 1), "workers": workers, "result_cache": cache,
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1), **{k: v for k, v in percentiles(latencies).items() if k != "n"},
        "errors": len(errors), "error_samples": errors[:5],
    }


def start_server(index_dir: Path, archive: Path, workdir: Path, workers: int, cache: bool, first_path: str):
    """(server, port, log file) of `python -m searchapp.serve` serving the index, once it answers first_path
    with a 200."""
    port = free_port()
    env = dict(os.environ, SEARCHAPP_INDEX_DIR=str(index_dir), SEARCHAPP_ARTICLES_DIR=str(archive),
               SEARCHAPP_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY=str(workers))
    if not cache:
        env["SEARCHAPP_SEARCH_CACHE_SIZE"] = "0"
    log = open(workdir / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "searchapp.serve"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            status = get_status(port, first_path)
        except (ConnectionError, OSError):
            if server.poll() is not None or time.monotonic() > deadline:
                stop_server(server, log)
                raise SystemExit(f"the server did not start; see {workdir / 'server.log'}")
            time.sleep(0.3)
            continue
        if status != 200:
            stop_server(server, log)
            raise SystemExit(f"the server answered {status} to the first query; see {workdir / 'server.log'}")
        return server, port, log


def stop_server(server: subprocess.Popen, log) -> None:
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
