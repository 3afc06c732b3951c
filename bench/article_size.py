"""How reading, extraction, indexing and the article page grow with one article's length.

    python bench/article_size.py [--sizes 0.25 0.5 1 2 4] [--timeout 300] [--workdir DIR]
    python bench/article_size.py --profile extract --size 1      # pyinstrument call tree of one stage
    python bench/article_size.py --huge 50                       # one 50 MB file: reindex time, peak RSS, report
    python bench/article_size.py --article-mb 64                 # each stage on the whole article (no text cap)
    python bench/article_size.py --shape one-line                # whole body on one line (or: lines, one-paragraph)

Each size gets one synthetic .txt article (self-written paragraphs dense with officials, titles,
unknown names, surnames alone and countries; hard-wrapped at 72 columns as plain-text archives
are). Each stage runs in a child process with a time limit, so a superlinear stage shows as
"> N s" instead of stalling the run:

    read      searchapp.reading.read_file of the file
    extract   searchapp.facets.extract.extract of the article read
    index     searchapp.index.reindex(full=True) of a folder holding only this file
    page      GET /articles/<id> through Flask's test client (the searcher already open)
    page?q    the same with ?q=<a common word and a name>, as every result link carries

The table gives CPU seconds of the child process per stage and size (the machine is shared:
wall time swings with the load, CPU time much less), then the growth ratio from each size to
the next (2 per doubling is linear, 4 quadratic). A stage whose last run took over a quarter
of the time limit is not run at larger sizes (a quadratic stage would only hit the limit).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import shutil
import sys
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

STAGES = ("read", "extract", "index", "page", "page?q")
QUERY = "said Blinken"  # a word in nearly every paragraph, and a name
LIMITS = None  # ReadLimits for reading and indexing (--read-mb, --article-mb); None: the app's defaults
MB = 1024 * 1024

# Officials the knowledge files know, with the title the press gives them (article dated 2023-06-01).
KNOWN = [
    ("Secretary of State", "Antony Blinken"), ("Foreign Minister", "Park Jin"),
    ("President", "Yoon Suk Yeol"), ("Defense Secretary", "Lloyd Austin"),
    ("Foreign Minister", "Yoko Kamikawa"), ("Foreign Minister", "Sergey Lavrov"),
    ("President", "Ferdinand Marcos Jr."), ("leader", "Kim Jong Un"),
]
GIVEN = ("Daniel Maria Tomas Ingrid Rafael Amara Jonas Leila Mateo Sofia Henrik Nadia Oscar Elena Victor "
         "Greta Samuel Irene Felix Clara Adrian Lucia Bruno Vera Hugo Alma Marcus Helena Emil Rosa").split()
# Surnames are put together from syllables ("Varmonov", "Delrosini"): thousands of them, so
# the number of distinct people grows with the article's length.
SYLLABLES = "var del mon tor ash ben cal dor fen gal hal kor lin mar nor pel ros sel tam vel".split()
ENDINGS = "ov ez son ard ini ley ski ton ek ani".split()
COUNTRIES = [("China", "Beijing", "Chinese"), ("Japan", "Tokyo", "Japanese"), ("South Korea", "Seoul", "South Korean"),
             ("the Philippines", "Manila", "Philippine"), ("Vietnam", "Hanoi", "Vietnamese"),
             ("Indonesia", "Jakarta", "Indonesian"), ("Australia", "Canberra", "Australian"),
             ("India", "New Delhi", "Indian"), ("Russia", "Moscow", "Russian"), ("Germany", "Berlin", "German")]
TEMPLATES = [
    "{t1} {k1} met Foreign Minister {n1} of {c1} in {cap1} on Tuesday, and the two said they would meet "
    "again before the summit. {s1} said the talks on the nuclear programme were frank, and {k1s} said "
    "sanctions would stay until the missile tests stop.",
    "{n2}, the deputy defence minister, told reporters in {cap2} that {t1} {k1} would visit {c2} next "
    "month to discuss the military drills near Taiwan. {s2} said the {adj1} navy would take part, "
    "while {adj2} officials said the exercises threatened the region.",
    "{adj1} Ambassador {n1} said the trade deal with {c2} was close. Analysts said the tariffs would hurt "
    "exporters in {c1} and {c3}, and {s1} declined to say when the agreement would be signed. {k2s} said "
    "his government welcomed the talks.",
    "{t2} {k2} and his counterparts, {n1} and {n2}, condemned the launch in a joint statement, the "
    "ministry in {cap3} said. {s2} said the test broke United Nations resolutions, and {s1} called for "
    "talks with {c3} on the nuclear programme.",
    "Speaking in {cap1}, {t1} {k1} said the alliance with {c1} was stronger than ever. Opposition leader "
    "{n3} said the government had given too much away, and {s3} said his party would vote against the "
    "defence budget when parliament returns.",
]


SHAPES = ("wrapped", "lines", "one-line", "one-paragraph")


def article_text(size: int, seed: int = 1, shape: str = "wrapped") -> str:
    """A .txt article of about size bytes: a header block, then paragraphs laid out as shape says.

    Unknown names come from a pool of 120,000 (given name x surname), so the number of distinct
    people grows with the article's length, as in a long compilation of stories.
    """
    rng = random.Random(seed)
    header = "Title: Ministers meet as drills and trade talks go on\nDate: 2023-06-01\nSource: Bench Wire\n\n"
    paragraphs, length = [], len(header)
    while length < size:
        names = [(rng.choice(GIVEN), _surname_made(rng)) for _ in range(3)]
        (t1, k1), (t2, k2) = rng.sample(KNOWN, 2)
        (c1, cap1, adj1), (c2, cap2, adj2), (c3, cap3, _) = rng.sample(COUNTRIES, 3)
        paragraph = rng.choice(TEMPLATES).format(
            t1=t1, k1=k1, k1s=_surname(k1), t2=t2, k2=k2, k2s=_surname(k2),
            n1=" ".join(names[0]), n2=" ".join(names[1]), n3=" ".join(names[2]),
            s1=names[0][1], s2=names[1][1], s3=names[2][1],
            c1=c1, c2=c2, c3=c3, cap1=cap1, cap2=cap2, cap3=cap3, adj1=adj1, adj2=adj2,
        )
        paragraphs.append(paragraph[0].upper() + paragraph[1:])
        length += len(paragraph) + 3
    return header + _layout(paragraphs, shape)


def _layout(paragraphs: list[str], shape: str) -> str:
    """wrapped: at 72 columns, a blank line between paragraphs; lines: a paragraph a line;
    one-line: the whole body on one line; one-paragraph: the whole body one wrapped paragraph."""
    if shape == "wrapped":
        return "".join(textwrap.fill(p, 72) + "\n\n" for p in paragraphs)
    if shape == "lines":
        return "\n\n".join(paragraphs) + "\n"
    if shape == "one-line":
        return " ".join(paragraphs) + "\n"
    return textwrap.fill(" ".join(paragraphs), 72) + "\n"


def _surname_made(rng: random.Random) -> str:
    return (rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(ENDINGS)).capitalize()


def _surname(name: str) -> str:
    parts = [p for p in name.split() if p not in ("Jr.",)]
    return parts[0] if parts[0] in ("Park", "Yoon", "Kim") else parts[-1]


def article_file(workdir: Path, megabytes: float, shape: str = "wrapped") -> Path:
    """The article of that size and shape, written once under workdir/<size>-<shape>/articles/."""
    folder = workdir / f"{megabytes:g}mb-{shape}" / "articles"
    path = folder / f"article-{megabytes:g}mb.txt"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(article_text(int(megabytes * MB), shape=shape), encoding="utf-8")
    return path


# ---------------------------------------------------------------- stages (run in a child)


def run_stage(stage: str, path: Path) -> float:
    """CPU seconds one stage takes on the article at path (work it needs first is not timed)."""
    from searchapp.facets import Knowledge, extract
    from searchapp.reading import read_file

    articles = path.parent
    index_dir = articles.parent / "index"
    knowledge = Knowledge.load()
    given = {"limits": LIMITS} if LIMITS else {}  # none given: the app's defaults (and older code runs too)
    if stage == "read":
        start = time.process_time()
        read_file(path, articles, **given)
        return time.process_time() - start
    if stage == "extract":
        article = read_file(path, articles, **given).articles[0]
        start = time.process_time()
        extract(article, knowledge)
        return time.process_time() - start
    if stage == "index":
        from searchapp.index import reindex

        shutil.rmtree(index_dir, ignore_errors=True)
        start = time.process_time()
        reindex(articles, index_dir, knowledge, full=True, **({"read_limits": LIMITS} if LIMITS else {}))
        return time.process_time() - start
    return _page_seconds(index_dir, path.name, QUERY if stage == "page?q" else None)


def _page_seconds(index_dir: Path, article_id: str, q: str | None) -> float:
    from searchapp import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)})
    client = app.test_client()
    client.get("/articles/not-there.txt")  # opens the searcher, untimed
    start = time.process_time()
    response = client.get(f"/articles/{article_id}", query_string={"q": q} if q else None)
    seconds = time.process_time() - start
    if response.status_code != 200:
        raise RuntimeError(f"article page answered {response.status_code}")
    return seconds


def _child(stage: str, path: Path, queue) -> None:
    queue.put(run_stage(stage, path))


def timed(stage: str, path: Path, timeout: float) -> float | None:
    """Seconds of one stage in a child process; None when it ran out of time (the child is stopped)."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_child, args=(stage, path, queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.terminate()
        child.join()
        return None
    return queue.get() if child.exitcode == 0 else float("nan")


# ---------------------------------------------------------------- the table


def measure(sizes: list[float], workdir: Path, timeout: float, shape: str, repeat: int = 1) -> dict[str, list]:
    """Seconds per stage and size, the least of repeat runs; "-" where a stage was left out after a slow run."""
    table: dict[str, list] = {stage: [] for stage in STAGES}
    for megabytes in sizes:
        path = article_file(workdir, megabytes, shape)
        for stage in STAGES:
            earlier = table[stage][-1] if table[stage] else 0.0
            if earlier is None or earlier == "-" or (isinstance(earlier, float) and earlier > timeout / 4):
                table[stage].append("-")
            elif stage.startswith("page") and table["index"][-1] in (None, "-"):
                table[stage].append("-")  # no index to show the article from
            else:
                table[stage].append(_least(timed(stage, path, timeout) for _ in range(repeat)))
            print(f"  {megabytes:g} MB {stage}: {_cell(table[stage][-1], timeout)}", file=sys.stderr, flush=True)
    return table


def _least(runs) -> float | None:
    """The fastest run (CPU time on a shared machine only errs upwards); None once one runs out of time."""
    best = None
    for seconds in runs:
        if seconds is None:
            return None
        best = seconds if best is None else min(best, seconds)
    return best


def _cell(value, timeout: float) -> str:
    if value is None:
        return f"> {timeout:g} s"
    if value == "-":
        return "-"
    return f"{value:.2f} s"


def print_table(sizes: list[float], table: dict, timeout: float) -> None:
    print("| stage (CPU s) | " + " | ".join(f"{s:g} MB" for s in sizes) + " | growth, size to size |")
    print("|---" * (len(sizes) + 2) + "|")
    for stage, values in table.items():
        ratios = [
            f"{b / a:.1f}" if isinstance(a, float) and isinstance(b, float) and a > 0 else "?"
            for a, b in zip(values, values[1:])
        ]
        print(f"| {stage} | " + " | ".join(_cell(v, timeout) for v in values) + f" | {' '.join(ratios)} |")


# ---------------------------------------------------------------- profile and huge file


def profile(stage: str, megabytes: float, workdir: Path, shape: str) -> None:
    """pyinstrument's call tree of one stage on one size (in this process)."""
    from pyinstrument import Profiler

    path = article_file(workdir, megabytes, shape)
    if stage.startswith("page") and not (path.parent.parent / "index").exists():
        run_stage("index", path)
    profiler = Profiler(interval=0.005)
    profiler.start()
    run_stage(stage, path)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def _huge_child(path: Path, queue) -> None:
    from searchapp.facets import Knowledge
    from searchapp.index import reindex

    index_dir = path.parent.parent / "index"
    shutil.rmtree(index_dir, ignore_errors=True)
    start = time.perf_counter()
    report = reindex(path.parent, index_dir, Knowledge.load(), full=True, **({"read_limits": LIMITS} if LIMITS else {}))
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    notes = [f"skipped {s.path}: {s.reason}" for s in report.skipped] + [f"warning: {w}" for w in report.warnings]
    queue.put((seconds, rss, report.articles, notes))


def huge(megabytes: float, workdir: Path, timeout: float, shape: str) -> None:
    """One file of that size in an archive of its own: reindex time, peak RSS and what the report says."""
    path = article_file(workdir, megabytes, shape)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_huge_child, args=(path, queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.terminate()
        child.join()
        print(f"{megabytes:g} MB file: reindex did not finish in {timeout:g} s")
        return
    seconds, rss, articles, notes = queue.get()
    print(f"{megabytes:g} MB file: reindex {seconds:.1f} s, peak RSS {rss:.0f} MB, {articles} article(s) indexed")
    for note in notes:
        print(f"  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1, 2, 4], help="article sizes in MB")
    parser.add_argument("--timeout", type=float, default=300, help="seconds one stage may take at one size")
    parser.add_argument("--workdir", type=Path, default=REPO / "bench" / "out" / "article_size")
    parser.add_argument("--profile", choices=STAGES, help="print pyinstrument's call tree of this stage")
    parser.add_argument("--size", type=float, default=1, help="article size in MB for --profile")
    parser.add_argument("--huge", type=float, help="reindex one file of this many MB; time, peak RSS, report")
    parser.add_argument("--shape", choices=SHAPES, default="wrapped", help="how the paragraphs are laid out")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each stage and size; the table keeps the least")
    parser.add_argument("--read-mb", type=float, help="the READ_MAX_MB setting (default: the app's)")
    parser.add_argument("--article-mb", type=float, help="the ARTICLE_MAX_MB setting (default: the app's)")
    args = parser.parse_args()
    global LIMITS
    if args.read_mb or args.article_mb:
        from searchapp.reading.limits import limits_from_config

        LIMITS = limits_from_config({"READ_MAX_MB": args.read_mb, "ARTICLE_MAX_MB": args.article_mb})
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.profile:
        profile(args.profile, args.size, args.workdir, args.shape)
    elif args.huge:
        huge(args.huge, args.workdir, args.timeout, args.shape)
    else:
        sizes = " ".join(f"{s:g}" for s in args.sizes)
        given = (("read-mb", args.read_mb), ("article-mb", args.article_mb))
        settings = "".join(f" --{name} {value:g}" for name, value in given if value)
        command = f"python bench/article_size.py --sizes {sizes} --shape {args.shape}{settings} --repeat {args.repeat}"
        print(f"{command}; q={QUERY!r}")
        table = measure(args.sizes, args.workdir, args.timeout, args.shape, args.repeat)
        print_table(args.sizes, table, args.timeout)


if __name__ == "__main__":
    main()
