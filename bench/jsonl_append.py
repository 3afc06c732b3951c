"""Time an incremental reindex after appending lines to one large .jsonl file.

    python bench/jsonl_append.py /path/to/reuters21578.jsonl [--lines 20000] [--append 10] [--workdir DIR] [--reuse]

Builds a --lines line .jsonl from the given dump (its lines in order, again from the top when
it has fewer), indexes it with `flask --app searchapp reindex --full`, times an incremental
`flask --app searchapp reindex --articles DIR` with nothing changed (start-up, loading the
knowledge, reading the index's file states), then appends --append more lines and times the
same command again, with the report it prints. The copy lives in a temporary folder (or --workdir), never
in the repository: a corpus licensed for research may not travel with the code. --reuse keeps the
--workdir's copy and index from an earlier run (appended to by it) instead of building them again,
which on a busy machine takes minutes. Each run says how many segments the index has after it: every
few runs with --reuse Whoosh's commit merges the small segments the appends made, and that run is slower.

The command runs in this script's checkout (Flask's --app puts the working folder first on sys.path),
so to time another version of the code, run the copy of this script inside that version's checkout.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def dump_lines(source: Path) -> itertools.cycle:
    lines = [line for line in source.read_text(encoding="utf-8").split("\n") if line.strip()]
    if not lines:
        sys.exit(f"{source}: no lines")
    return itertools.cycle(lines)


def flask_reindex(articles: Path, index_dir: Path, *extra: str) -> tuple[str, str]:
    """How long the whole `flask reindex` command took, wall and CPU, and what it printed first.

    The CPU seconds (the command's and its reading workers', user and system) tell more than the
    wall time on a machine others share: there the wall time is mostly waiting for a core.
    """
    # A user's installed command runs from cached bytecode; a shell that sets PYTHONDONTWRITEBYTECODE
    # (as some sandboxes and CI images do) would make every run compile the app anew (0.3 s and more).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["SEARCHAPP_INDEX_DIR"] = str(index_dir)
    flask = Path(sys.executable).with_name("flask")
    command = [str(flask), "--app", "searchapp", "reindex", "--articles", str(articles), *extra]
    cpu_before = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before
    if done.returncode != 0:
        sys.exit(f"reindex failed:\n{done.stderr}")
    load = os.getloadavg()[0]
    took = f"{seconds:.2f} s (CPU {cpu:.2f} s, load {load:.1f}, {segment_count(index_dir)} segments after)"
    return took, "\n".join(done.stdout.splitlines()[:2])


def segment_count(index_dir: Path) -> int:
    """The index's segments, as its table of contents lists them."""
    from whoosh import index

    with index.open_dir(str(index_dir)).reader() as reader:
        return len(reader.leaf_readers())


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dump", type=Path, help="a .jsonl file of articles, e.g. Reuters-21578 as JSON Lines")
    parser.add_argument("--lines", type=int, default=20000)
    parser.add_argument("--append", type=int, default=10)
    parser.add_argument("--workdir", type=Path, default=None, help="default: a temporary folder, removed after")
    parser.add_argument("--reuse", action="store_true", help="keep the --workdir's copy and index from an earlier run")
    args = parser.parse_args()
    if args.reuse and args.workdir is None:
        parser.error("--reuse needs --workdir")

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="jsonl-append-"))
    articles, index_dir = workdir / "articles", workdir / "index"
    big = articles / "dump.jsonl"
    source = dump_lines(args.dump)
    reuse = args.reuse and big.is_file() and index_dir.is_dir()
    if not reuse:
        shutil.rmtree(articles, ignore_errors=True)
        shutil.rmtree(index_dir, ignore_errors=True)
        articles.mkdir(parents=True)
        big.write_text("".join(f"{line}\n" for line in itertools.islice(source, args.lines)), encoding="utf-8")
    try:
        if reuse:
            with big.open(encoding="utf-8") as f:
                print(f"reusing {big} ({sum(1 for _ in f)} lines) and its index")
        else:
            took, said = flask_reindex(articles, index_dir, "--full")
            print(f"full build of {args.lines} lines: {took}\n{said}")
        took, said = flask_reindex(articles, index_dir)
        print(f"incremental reindex with nothing changed: {took} (the command's fixed cost)")
        with big.open("a", encoding="utf-8") as f:
            f.write("".join(f"{line}\n" for line in itertools.islice(source, args.append)))
        took, said = flask_reindex(articles, index_dir)
        print(f"incremental reindex after appending {args.append} lines: {took} (whole command)\n{said}")
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
