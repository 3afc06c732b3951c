"""Write a deterministic synthetic news archive (or convert a JSON Lines corpus) for benchmarks.

    python bench/make_archive.py N DIR [--seed S]
    python bench/make_archive.py N DIR --from-jsonl FILE [FILE ...]   # a file an article, at most N
    python bench/make_archive.py N DIR --real FILE.jsonl                # N records, copied with new ids

Each article is a .txt file with a header block (Title:, Date:, Source:, a blank
line) and a body. Article i depends only on (seed, i), so a run that was
interrupted resumes where it stopped and any article can be rewritten exactly.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import math
import os
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from searchapp.knowledge import KNOWLEDGE_DIR  # noqa: E402

STAMP = ".archive.json"  # hidden, so the reader never takes it for an article
PER_FOLDER = 1000

FUNCTION_WORDS = (
    "the of to and a in that is for on said with as was by it at from be has have its an "
    "will are this which not would but were their after also had been more they we he she "
    "his her who about than over into two could other there some what all new last since "
    "year while during under between such before when them our can may first one those these"
).split()

# Newsroom words that signal no topic on their own.
NEWSROOM_WORDS = (
    "ministry government officials statement meeting delegation bilateral spokesperson "
    "relations regional cooperation minister president talks agreement press briefing "
    "diplomatic foreign counterpart embassy envoy week monday tuesday wednesday thursday "
    "friday announced according reported country countries leaders state national policy "
    "issue issues council parliament committee senior analysts region international "
    "spokesman capital joint visit partners concerns measures plans support decision "
    "conference session report media agency sources remarks efforts framework dialogue"
).split()

SOURCES = (
    "Yonhap News Agency", "The Korea Herald", "Kyodo News", "Xinhua", "South China Morning Post",
    "The Japan Times", "Reuters", "Associated Press", "AFP", "BBC News",
    "The Diplomat", "Nikkei Asia", "VnExpress", "Philippine Daily Inquirer", "The Hindu",
    "The Straits Times", "The Jakarta Post", "Taipei Times", "NK News", "Asia Times",
)

# The countries this newsroom writes about most, most often first (tests/data/LABELS.md's list);
# the rest of the knowledge file's countries follow in a fixed shuffled order.
# Also the development fallback when the knowledge files are missing.
FALLBACK_COUNTRIES = NEWSY_COUNTRIES = (
    "United States", "China", "Japan", "South Korea", "North Korea", "Russia", "Taiwan",
    "Vietnam", "Philippines", "Indonesia", "India", "Iran", "Afghanistan", "Ukraine",
    "United Kingdom", "France", "Germany", "Australia", "Malaysia", "Thailand", "Singapore",
)
FALLBACK_OFFICIALS = (
    ("Wang Yi", "Foreign Minister"), ("Xi Jinping", "President"),
    ("Antony Blinken", "Secretary of State"), ("Kim Jong Un", "leader"),
    ("Yoon Suk Yeol", "President"), ("Fumio Kishida", "Prime Minister"),
    ("Hua Chunying", "spokesperson"), ("John Kerry", "Secretary of State"),
    ("Park Geun-hye", "President"), ("Sergei Lavrov", "Foreign Minister"),
)
FALLBACK_TOPICS = {
    "nuclear": ("nuclear weapons", "denuclearization", "nuclear talks"),
    "missiles": ("missile launch", "ballistic missile", "THAAD"),
    "sanctions": ("sanctions", "export restrictions", "sanctions resolution"),
    "maritime": ("South China Sea", "freedom of navigation", "disputed islands"),
    "trade": ("free trade agreement", "supply chains", "trade deficit"),
    "security": ("military drills", "defence alliance", "troop deployment"),
    "visits": ("summit", "state visit", "official visit"),
    "health": ("pandemic", "COVID-19", "vaccines"),
    "cyber": ("cyberattack", "cybersecurity", "hackers"),
    "rights": ("human rights", "defectors", "refugees"),
    "climate": ("climate change", "carbon emissions", "renewable energy"),
}


@dataclass(frozen=True)
class Names:
    """What the archive mentions: canonical countries, officials with titles, topic signals."""

    countries: tuple[str, ...]
    officials: tuple[tuple[str, str], ...]  # (name, title as written before the name)
    topics: tuple[tuple[str, tuple[str, ...]], ...]  # (topic id, signal phrases)
    threshold: float = 2.0
    from_knowledge: bool = True


# A handful of names for small archives made without the knowledge files (the tests' archives).
SMALL_NAMES = Names(
    countries=("United States", "China", "Japan", "South Korea", "North Korea", "Vietnam"),
    officials=(("Wang Yi", "Foreign Minister"), ("Antony Blinken", "Secretary of State"), ("Kim Jong Un", "leader")),
    topics=(("sanctions", ("sanctions", "export controls")), ("maritime", ("South China Sea", "freedom of navigation"))),
)


# ---------------------------------------------------------------- knowledge


def _entries(data, list_keys):
    """The list of records in a knowledge file, whether it is a list, a keyed dict or wrapped."""
    if isinstance(data, dict):
        for key in list_keys:
            if isinstance(data.get(key), (list, dict)):
                return _entries(data[key], ())
        return [dict(v, _key=k) if isinstance(v, dict) else {"_key": k, "_value": v} for k, v in data.items()]
    return [e if isinstance(e, dict) else {"_key": e} for e in data if isinstance(e, (dict, str))]


def _first_str(entry, keys):
    for key in keys:
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _strings(value):
    """Every string inside a list/dict/str value (signal lists come in many shapes)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        keys = [k for k in value if isinstance(k, str)]
        nested = [s for v in value.values() if isinstance(v, (list, dict)) for s in _strings(v)]
        text = _first_str(value, ("phrase", "text", "signal", "word", "term", "value"))
        return [text] if text else (nested or keys)
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _role_title(entry):
    """A title to write before an official's name, e.g. "Foreign Minister"."""
    title = _first_str(entry, ("title", "role", "position", "office"))
    if title is None:
        roles = entry.get("roles") or entry.get("positions") or []
        if isinstance(roles, str):
            roles = [roles]
        for role in roles:
            title = role if isinstance(role, str) else _first_str(role, ("title", "role", "position", "office", "name"))
            if title:
                break
    if not title:
        return "official"
    # "President of the United States Joe Biden" reads badly; news copy writes "President Joe Biden".
    title = title.split(" of the ")[0].split(",")[0].strip()
    if title.islower():
        title = title.title()
    return title


def _signals(entry: dict) -> tuple[str, ...]:
    """A topic's signal phrases: {phrase: weight} (strongest kept) or lists of phrases; wildcards dropped."""
    weighted = {k: v for k, v in entry.items() if not k.startswith("_") and isinstance(v, (int, float)) and not isinstance(v, bool)}
    if weighted:
        strongest = max(weighted.values())
        signals = [k for k, v in weighted.items() if v == strongest]
    else:
        signals = []
        for key, value in entry.items():
            if key not in ("id", "name", "topic", "_key", "label", "description", "covers") and isinstance(value, (list, dict)):
                signals.extend(_strings(value))
    plain = [s for s in signals if "*" not in s and len(s) > 2]
    return tuple(dict.fromkeys(plain or [s.rstrip("*") for s in signals if len(s.rstrip("*")) > 2]))


def load_names(knowledge_dir: Path = KNOWLEDGE_DIR, *, allow_fallback: bool = False) -> Names:
    """Read countries, officials and topic signals from the knowledge JSON files."""
    paths = [knowledge_dir / f for f in ("countries.json", "officials.json", "topics.json")]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        if not allow_fallback:
            raise SystemExit(f"knowledge files missing: {', '.join(map(str, missing))} (use --dev-fallback)")
        topics = tuple((k, v) for k, v in FALLBACK_TOPICS.items())
        return Names(FALLBACK_COUNTRIES, FALLBACK_OFFICIALS, topics, 2.0, from_knowledge=False)
    countries_raw, officials_raw, topics_raw = (json.loads(p.read_text(encoding="utf-8")) for p in paths)

    countries = []
    for entry in _entries(countries_raw, ("countries", "items", "entries")):
        name = _first_str(entry, ("name", "canonical", "short_name", "_key"))
        if name:
            countries.append(name)

    officials = []
    for entry in _entries(officials_raw, ("officials", "people", "items", "entries")):
        name = _first_str(entry, ("name", "canonical", "full_name", "_key"))
        if name:
            officials.append((name, _role_title(entry)))

    threshold = 2.0
    if isinstance(topics_raw, dict):
        for key in ("threshold", "min_score", "min_signals"):
            if isinstance(topics_raw.get(key), (int, float)):
                threshold = float(topics_raw[key])
    topics = []
    for entry in _entries(topics_raw, ("topics", "taxonomy", "items", "entries")):
        topic_id = _first_str(entry, ("id", "name", "topic", "_key"))
        if topic_id and topic_id.startswith("_"):
            continue
        topics.append((topic_id, _signals(entry)))
    topics = [(t, s) for t, s in topics if t and s]
    if not (countries and officials and topics):
        raise SystemExit(f"knowledge files in {knowledge_dir} hold no countries, officials or topics")
    return Names(tuple(countries), tuple(officials), tuple(topics), threshold)


# ---------------------------------------------------------------- vocabulary


def _pseudo_words(rng: random.Random, count: int, banned: set[str]) -> list[str]:
    onsets = "b c d f g h k l m n p r s t v z br dr gr kr pl st tr ch sh th".split()
    vowels = "a e i o u ai ea io ou".split()
    codas = ["", "", "", "n", "r", "s", "l", "m", "t", "nd", "st"]
    words, seen = [], set(banned)
    while len(words) < count:
        syllables = rng.choice((2, 2, 3, 3, 3, 4))
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(syllables)) + rng.choice(codas)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


@dataclass(frozen=True)
class Vocabulary:
    words: tuple[str, ...]
    cum_weights: tuple[float, ...]


def make_vocabulary(seed: int, names: Names, size: int = 30000) -> Vocabulary:
    """Function words first, newsroom words among the frequent ranks, pseudo-words after; Zipf weights."""
    rng = random.Random(f"vocabulary:{seed}")
    signal_words = {w.lower() for _, signals in names.topics for s in signals for w in re.findall(r"\w+", s)}
    newsroom = [w for w in NEWSROOM_WORDS if w not in signal_words]
    pseudo = _pseudo_words(rng, size - len(FUNCTION_WORDS) - len(newsroom), signal_words | set(FUNCTION_WORDS))
    ranked = list(FUNCTION_WORDS)
    # Newsroom words spread through ranks ~60-700 so they are common but not stopword-common.
    step = max(1, 640 // len(newsroom))
    for i, word in enumerate(newsroom):
        pseudo.insert(i * step + rng.randrange(step), word)
    ranked.extend(pseudo)
    total, cum = 0.0, []
    for rank in range(1, len(ranked) + 1):
        total += 1.0 / rank**1.05
        cum.append(total)
    return Vocabulary(tuple(ranked), tuple(cum))


def _zipf_cum(count: int, exponent: float) -> list[float]:
    total, cum = 0.0, []
    for rank in range(1, count + 1):
        total += 1.0 / rank**exponent
        cum.append(total)
    return cum


# ---------------------------------------------------------------- articles


class Generator:
    """Builds article i from (seed, i) alone."""

    START = datetime.date(2010, 1, 1).toordinal()
    END = datetime.date(2024, 12, 31).toordinal()

    def __init__(self, seed: int, names: Names):
        self.seed = seed
        self.names = names
        self.vocab = make_vocabulary(seed, names)
        order = random.Random(f"popularity:{seed}")
        newsy = [c for c in NEWSY_COUNTRIES if c in names.countries]
        rest = [c for c in names.countries if c not in newsy]
        order.shuffle(rest)
        self.countries = newsy + rest
        self.officials = list(names.officials)
        order.shuffle(self.officials)
        self.country_cum = _zipf_cum(len(self.countries), 1.1)
        self.official_cum = _zipf_cum(len(self.officials), 0.9)
        self.topic_cum = _zipf_cum(len(names.topics), 0.6)
        self.mentions_per_topic = max(3, math.ceil(names.threshold) + 1)

    def _pick_distinct(self, rng, items, cum, k):
        chosen = []
        for _ in range(k * 4):
            item = rng.choices(items, cum_weights=cum)[0]
            if item not in chosen:
                chosen.append(item)
                if len(chosen) == k:
                    break
        return chosen

    def _words(self, rng, k):
        return rng.choices(self.vocab.words, cum_weights=self.vocab.cum_weights, k=k)

    def article(self, i: int) -> tuple[str, str, str, str]:
        """(title, ISO date, source, body) of article i."""
        rng = random.Random(f"article:{self.seed}:{i}")
        date = datetime.date.fromordinal(rng.randint(self.START, self.END))
        source = SOURCES[min(int(rng.paretovariate(1.2)) - 1, len(SOURCES) - 1)] if rng.random() < 0.5 else rng.choice(SOURCES)
        countries = self._pick_distinct(rng, self.countries, self.country_cum, rng.choice((1, 2, 2, 3, 3, 4)))
        officials = self._pick_distinct(rng, self.officials, self.official_cum, rng.choice((0, 1, 1, 2, 2, 3, 4)))
        topics = self._pick_distinct(rng, self.names.topics, self.topic_cum, rng.choice((1, 1, 2, 2, 3)))

        mentions = []
        for country in countries:
            mentions += [("country", country)] * rng.randint(1, 3)
        for official in officials:
            mentions += [("official", official)] * rng.randint(1, 3)
        for _, signals in topics:
            for _ in range(self.mentions_per_topic):
                mentions.append(("topic", rng.choice(signals)))
        rng.shuffle(mentions)

        target = rng.randint(300, 900)
        words_left = target - 3 * len(mentions)
        sentences, named = [], set()
        while words_left > 0 or mentions:
            length = min(max(words_left, 4), rng.randint(8, 24))
            words = self._words(rng, length)
            words_left -= length
            if mentions and (words_left <= 0 or rng.random() < 0.45):
                kind, text = mentions.pop()
                if kind == "official":
                    name, title = text
                    # The first mention carries the title, as news copy does ("Foreign Minister Wang Yi").
                    words = [name if name in named else f"{title} {name}", "said"] + words
                    named.add(name)
                else:
                    words.insert(rng.randrange(1, len(words) + 1), text)
            sentence = " ".join(words)
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        paragraphs, at = [], 0
        while at < len(sentences):
            size = rng.randint(2, 6)
            paragraphs.append(" ".join(sentences[at : at + size]))
            at += size

        lead = countries[0]
        other = countries[1] if len(countries) > 1 else rng.choice(self.countries)
        topic_phrase = rng.choice(topics[0][1])
        head = " ".join(self._words(rng, rng.randint(1, 3)))
        title = rng.choice(
            (
                f"{lead} and {other} discuss {topic_phrase}",
                f"{lead} {head} over {topic_phrase}",
                f"{topic_phrase[0].upper()}{topic_phrase[1:]}: {lead} {head}",
                f"{lead} says {head} {other}",
            )
        )
        return title, date.isoformat(), source, "\n\n".join(paragraphs)


def article_path(root: Path, i: int) -> Path:
    return root / f"{i // PER_FOLDER:04d}" / f"a{i:07d}.txt"


def render(title: str, date: str, source: str, body: str) -> str:
    return f"Title: {title}\nDate: {date}\nSource: {source}\n\n{body}\n"


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_articles(generator: Generator, root: Path, indices) -> None:
    """Write the given articles, skipping those already there (an interrupted run resumes)."""
    for i in indices:
        path = article_path(root, i)
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, render(*generator.article(i)))


def read_stamp(root: Path) -> dict | None:
    try:
        return json.loads((root / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def names_digest(names: Names) -> str:
    """A short fingerprint of the names, so an archive made from other knowledge is not reused."""
    data = json.dumps([names.countries, names.officials, names.topics, names.threshold])
    return hashlib.sha1(data.encode("utf-8")).hexdigest()[:10]


def make_archive(n: int, root: Path, seed: int = 1, *, names: Names | None = None, progress=None) -> dict:
    """Write articles 0..n-1 under root, resuming an interrupted run; a stamp records what was made."""
    if n < 1:
        raise SystemExit("N must be at least 1")
    names = names or load_names()
    stamp = {"kind": "synthetic", "n": n, "seed": seed, "names": names_digest(names)}
    old = read_stamp(root)
    if old == dict(stamp, complete=True):
        return old
    if old is not None and (old.get("kind"), old.get("seed"), old.get("names"), old.get("n")) != (
        "synthetic", seed, stamp["names"], n
    ):
        raise SystemExit(f"{root} holds another archive ({old}); choose an empty folder")
    if old is None and root.exists() and any(root.iterdir()):
        raise SystemExit(f"{root} is not empty and holds no archive stamp; choose an empty folder")
    root.mkdir(parents=True, exist_ok=True)
    _write_atomically(root / STAMP, json.dumps(dict(stamp, complete=False)))
    generator = Generator(seed, names)
    for start in range(0, n, PER_FOLDER):
        write_articles(generator, root, range(start, min(n, start + PER_FOLDER)))
        if progress:
            progress(min(n, start + PER_FOLDER), n)
    stamp["complete"] = True
    _write_atomically(root / STAMP, json.dumps(stamp))
    return stamp


# ---------------------------------------------------------------- JSON Lines


def build_index(n: int, root: Path, seed: int) -> Path:
    """A synthetic archive of n articles in root/articles, indexed into root/index, for the benchmarks that time the app."""
    from searchapp.facets import Knowledge
    from searchapp.index import reindex

    articles, index_dir = root / "articles", root / "index"
    make_archive(n, articles, seed=seed)
    started = time.perf_counter()
    report = reindex(articles, index_dir, Knowledge.load())
    print(f"indexed {report.articles:,} articles in {time.perf_counter() - started:.1f} s")
    return index_dir


def _one_line(value) -> str:
    return re.sub(r"\s+", " ", str(value)).strip()


def from_jsonl(files: list[Path], root: Path, limit: int) -> dict:
    """Turn JSON Lines records (title, date, source, body or text) into header-block .txt files."""
    root.mkdir(parents=True, exist_ok=True)
    written, bad = 0, []
    for file in files:
        with open(file, encoding="utf-8", errors="replace") as handle:
            for line_no, line in enumerate(handle, 1):
                if written >= limit:
                    break
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError:
                    bad.append(f"{file}:{line_no}: not JSON")
                    continue
                body = record.get("body") or record.get("text") if isinstance(record, dict) else None
                if not isinstance(body, str) or not body.strip():
                    bad.append(f"{file}:{line_no}: no body or text")
                    continue
                header = [f"Title: {_one_line(record.get('title') or body.strip().splitlines()[0])}"]
                for key, label in (("date", "Date"), ("source", "Source"), ("url", "URL")):
                    if record.get(key):
                        header.append(f"{label}: {_one_line(record[key])}")
                path = article_path(root, written)
                path.parent.mkdir(parents=True, exist_ok=True)
                _write_atomically(path, "\n".join(header) + "\n\n" + body.strip() + "\n")
                written += 1
    stamp = {"kind": "jsonl", "n": written, "files": [str(f) for f in files], "bad_lines": len(bad)}
    _write_atomically(root / STAMP, json.dumps(stamp))
    for message in bad[:20]:
        print("skipped", message, file=sys.stderr)
    return stamp


# ---------------------------------------------------------------- real text, copied up to N


REAL_PER_FILE = 10_000  # records a .jsonl file of the real archive holds


def real_path(root: Path, k: int) -> Path:
    return root / f"wire-{k:03d}.jsonl"


def _source_records(source: Path) -> list[dict]:
    """The corpus's records that have a body, in file order."""
    records = []
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line) if line.strip() else None
            if isinstance(record, dict) and isinstance(record.get("body"), str) and record["body"].strip():
                records.append(record)
    if not records:
        raise SystemExit(f"{source} holds no record with a body")
    return records


def real_archive(source: Path, n: int, root: Path) -> dict:
    """N records of a real JSON Lines corpus as .jsonl files of REAL_PER_FILE records each, under root.

    Record i is the corpus's record i % len(corpus) with the id "<its id>~<i // len(corpus)>", so the
    corpus is cycled when N exceeds it and every copy is an article of its own. JSON Lines rather than
    a file an article: that is how a wire archive arrives, and 400,000 small files would measure the
    file system's listing more than the engines. Several files rather than one, because one .jsonl of
    400,000 articles (~400 MB) is over the reader's 200 MB limit for a record file (reading/limits.py).
    """
    if n < 1:
        raise SystemExit("N must be at least 1")
    stat = source.stat()
    stamp = {"kind": "real", "n": n, "source": str(source.resolve()), "source_size": stat.st_size,
             "per_file": REAL_PER_FILE}
    old = read_stamp(root)
    if old == dict(stamp, complete=True):
        return old
    if old is None and root.exists() and any(root.iterdir()):
        raise SystemExit(f"{root} is not empty and holds no archive stamp; choose an empty folder")
    if old is not None and old.get("kind") != "real":
        raise SystemExit(f"{root} holds another archive ({old}); choose an empty folder")
    root.mkdir(parents=True, exist_ok=True)
    for stale in root.glob("wire-*.jsonl"):
        stale.unlink()
    _write_atomically(root / STAMP, json.dumps(dict(stamp, complete=False)))
    records = _source_records(source)
    for k, start in enumerate(range(0, n, REAL_PER_FILE)):
        lines = []
        for i in range(start, min(n, start + REAL_PER_FILE)):
            record = dict(records[i % len(records)])
            record["id"] = f"{record.get('id') or i % len(records)}~{i // len(records)}"
            lines.append(json.dumps(record, ensure_ascii=False))
        _write_atomically(real_path(root, k), "\n".join(lines) + "\n")
    stamp["complete"] = True
    stamp["corpus_records"] = len(records)
    _write_atomically(root / STAMP, json.dumps(stamp))
    return stamp


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles (with --from-jsonl: at most this many)")
    parser.add_argument("dir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--from-jsonl", type=Path, nargs="+", metavar="FILE")
    parser.add_argument("--real", type=Path, metavar="FILE", help="a JSON Lines corpus cycled to N records (real_archive)")
    parser.add_argument("--knowledge", type=Path, default=KNOWLEDGE_DIR, help="folder with countries/officials/topics.json")
    parser.add_argument("--dev-fallback", action="store_true", help="use a small built-in name list if the knowledge files are missing")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.real:
        stamp = real_archive(args.real, args.n, args.dir)
    elif args.from_jsonl:
        stamp = from_jsonl(args.from_jsonl, args.dir, args.n)
    else:
        names = load_names(args.knowledge, allow_fallback=args.dev_fallback)
        tty = sys.stderr.isatty()
        progress = (lambda done, n: print(f"\r{done}/{n}", end="", file=sys.stderr)) if tty else None
        stamp = make_archive(args.n, args.dir, args.seed, names=names, progress=progress)
        if tty:
            print(file=sys.stderr)
    print(f"{stamp['n']} articles in {args.dir} ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
