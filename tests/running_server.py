"""A server process started for a test and stopped after it: one start-and-wait loop for every server kind.

Shared by the tests that serve the app for real (python -m searchapp.serve, gunicorn with gunicorn.conf.py)."""

import re
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOK_MS = re.compile(rb'"took_ms":[-+.0-9eE]+')  # the one part of an answer that differs between two runs
START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(command: list[str], env: dict, port: int, log_path: Path):
    """Run command from the repository's root until it accepts connections on port; stop it afterwards.
    A server that exits or does not listen in time fails the test with its log."""
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + START_SECONDS
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    assert server.poll() is None, log_path.read_text()
                    assert time.monotonic() < deadline, f"{command[2]} did not start in {START_SECONDS} s"
                    time.sleep(0.2)
            yield server
        finally:
            server.terminate()
            server.wait(30)
