"""The floor of bench/http_overhead.py under other gunicorn settings: what serving any answer costs with each.

    python bench/http_floor.py                                  # the settings compared for gunicorn.conf.py
    python bench/http_floor.py --setting 'threads=1' --setting 'worker_class="gevent"'

bench/floor_app.py (an app that only answers as many bytes as asked) is served by gunicorn
with this tree's gunicorn.conf.py, once as it is and once a --setting (name=JSON value, several
joined by ";"), one worker each; one kept-alive http.client connection per server asks the
servers in turn, each going first as often as the others, for answers the sizes of a real
search's (2 to 60 KB). A setting whose worker class is not installed is reported and left out.
Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import ROOT, machine, percentiles  # noqa: E402
from http_overhead import Server  # noqa: E402

DEFAULT_SETTINGS = ('threads=1', 'threads=2', 'worker_class="gevent"', 'http_parser="fast"')
SIZES = (12_000, 2_000, 40_000, 9_000, 60_000)  # bytes, as /api/search answers at 100,000 articles
NEEDS = {"gevent": "gevent", "fast": "gunicorn_h1c"}  # a setting's value -> the module it needs


def parse_setting(text: str) -> dict:
    """'threads=1;keepalive=2' -> {"threads": 1, "keepalive": 2}; values are JSON."""
    settings = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        name, _, value = part.partition("=")
        try:
            settings[name.strip()] = json.loads(value)
        except ValueError:
            raise SystemExit(f"--setting {part!r}: the value must be JSON (strings in double quotes)") from None
    return settings


def missing_module(settings: dict) -> str | None:
    for value in settings.values():
        module = NEEDS.get(value) if isinstance(value, str) else None
        if module and importlib.util.find_spec(module) is None:
            return module
    return None


class FloorServer(Server):
    """The floor app with this tree's settings and some changed."""

    def __init__(self, name: str, settings: dict, workdir: Path):
        workdir.mkdir(parents=True, exist_ok=True)
        os.environ["FLOOR_SETTINGS"] = json.dumps(settings)
        try:
            super().__init__(name, ROOT, ROOT / "index", ROOT / "articles", workdir, 0, floor=True)
        finally:
            del os.environ["FLOOR_SETTINGS"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setting", action="append", help="name=JSON value[;name=value...] (repeatable)")
    parser.add_argument("--requests", type=int, default=1000, help="a server")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/http_floor"))
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    os.environ["WEB_CONCURRENCY"] = "1"  # one connection: the other workers would idle
    about = machine()
    choices = {"gunicorn.conf.py": {}}
    for text in args.setting or DEFAULT_SETTINGS:
        settings = parse_setting(text)
        module = missing_module(settings)
        if module:
            print(f"left out {text}: {module} is not installed")
        else:
            choices[text] = settings
    servers = []
    try:
        for i, (name, settings) in enumerate(choices.items()):
            servers.append(FloorServer(name, settings, args.workdir / str(i)))
        for server in servers:
            server.wait_ready("/?bytes=10")
            for size in SIZES:
                server.get(f"/?bytes={size}")
            server.connections = 0
        times = {server.name: [] for server in servers}
        for i in range(args.requests):
            shift = i % len(servers)
            for server in servers[shift:] + servers[:shift]:
                started = time.perf_counter()
                status, _ = server.get(f"/?bytes={SIZES[i % len(SIZES)]}")
                times[server.name].append((time.perf_counter() - started) * 1000)
                if status != 200:
                    raise SystemExit(f"{server.name}: {status}")
    finally:
        for server in servers:
            server.stop()
    print(f"load average at start {about['load_avg_at_start']}, at end {os.getloadavg()}")
    print(f"{args.requests} requests a server, one kept-alive connection each; milliseconds, p50 / p95")
    for server in servers:
        p = percentiles(times[server.name])
        print(f"  {server.name:32} {p['p50']:6.2f} / {p['p95']:6.2f}   connections opened {server.connections}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
