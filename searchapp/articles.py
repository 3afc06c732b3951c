"""Read one archive file into articles: title, date, source, body; boilerplate out.

Scraped pages carry page furniture (share prompts, menus, player text). It is
removed by classes of patterns kept as data (knowledge/boilerplate.json), by
shape (no letters, wrong script, repeated captions, breadcrumbs) and by
recurrence across the archive (find_recurring_lines). Outlet names and domains
are data too (knowledge/outlets.json).
"""

from __future__ import annotations

import codecs
import contextvars
import datetime
import functools
import html
import json
import math
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable

from dateutil import parser as date_parser

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".jsonl"})
KNOWLEDGE_DIR = Path(__file__).parent / "knowledge"


@dataclass(frozen=True)
class Article:
    """One article as the rest of the pipeline sees it."""

    id: str  # archive-relative posix path; "<file>#<line>" (1-based) for .jsonl records
    path: str  # archive-relative posix path of the file the article came from
    title: str
    body: str  # cleaned text, paragraphs separated by one blank line
    date: datetime.date | None = None
    source: str | None = None
    url: str | None = None
    byline: str | None = None  # "By X (x@outlet.com)": kept out of body so no stage reads it as text

    @property
    def text(self) -> str:
        """The text that facet evidence spans point into."""
        return f"{self.title}\n\n{self.body}"


@dataclass(frozen=True)
class Skip:
    """A file, or a .jsonl line, that was not indexed, and why."""

    path: str  # archive-relative; "<file>#<line>" for one bad .jsonl line
    reason: str


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- Thresholds (the knowledge lives in the JSON files) -----------------------

HEADLINE_WORDS = (3, 30)  # a headline has this many words...
HEADLINE_MAX_CHARS = 250
LONG_PARAGRAPH_WORDS = 20  # ...and comes before the first paragraph this long
TOP_LINES = 15  # dates, mastheads and titles are only looked for this near the top
DATE_LINES_AFTER_LONG = 3  # a date line may follow a long standfirst
BYLINE_MAX_WORDS = 14  # of each ";" part: "Reporting by X and Y; Editing by Z"
DATELINE_BODY_LINES = 3  # a wire dateline ("TOKYO (Reuters) -") counts in the body's first lines only
OUTLET_LINE_WORDS = 6  # "with the Korea JoongAng Daily"
COPYRIGHT_LINE_WORDS = 10  # "© Copyright Thomson Reuters 2024. All rights reserved."
FURNITURE_LINE_WORDS = 14  # "Sign up now: Get ST's newsletters delivered to your inbox"
WRAPPED_LINE_CHARS = 60  # a line this long, not ending a sentence, may run on into the next line
RUN_ON_WORDS = frozenset("the a an of to in and or for with on at by from that as is was were".split())
BREADCRUMB_TAG_SHARE = 0.8  # of a line's words being section or place names ("Asia China Japan News")
RECURRING_MAX_WORDS = 6  # only short lines can be archive boilerplate
RECURRING_BIG_ARCHIVE = 20  # articles; below this a line must be in half of them
RECURRING_MIN_FILES = 5
RECURRING_MIN_SHARE = 0.02
RECURRING_SAMPLE = 5000  # files read to find recurring lines, spread evenly over the archive
BINARY_CONTROL_SHARE = 0.05
MOJIBAKE_MARKERS = ("â€™", "â€œ", "â€", "Ã©", "Ã¨", "Ã¶", "Ã¼")
EARLIEST_DATE = datetime.date(1900, 1, 1)
SCRIPT_SAMPLE_CHARS = 5000  # the page's main script is judged on this much text

SENTENCE_END = ".!?"
ASCII_LETTER = re.compile(r"[A-Za-z]")
ASCII_WORD = re.compile(r"[A-Za-z]+")
NON_ASCII = re.compile(r"[^\x00-\x7f]")
CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0b\x0e-\x1f]")
HEADER_KEYS = ("title", "date", "source", "url")
BREADCRUMB_SEPARATORS = re.compile(r"\s*(?:[|>»/›]|::)\s*")
EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
SOURCE_LINE = re.compile(r"(?i)^\(?(?:source|sources|via)\s*:\s*(?P<name>[^\s()][^()]*?)[.\s)]*$")
HEADER_LINE = re.compile(r"(?i)^(?P<key>title|date|source|url)\s*:\s*(?P<value>.*?)\s*$")
OTHER_HEADER_LINE = re.compile(r"^[A-Za-z][A-Za-z -]{0,20}:\s")  # "Author: ...", "Tags: ..." are allowed, not used
BYLINE_START = re.compile(
    r"(?i)^(?:by|written by|words by|(?:additional )?(?:reporting|writing|editing|compiled|translated)"
    r"(?: and \w+)? by)\s+(?P<names>.+)$"
)
FUNCTION_WORDS = frozenset("the a an to in on for with at by from is are was as of and or takes take".split())
NOT_A_NAME = frozenset(
    "the a an this that these those then now far contrast comparison way "
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight".split()
)
BYLINE_SMALL_WORDS = frozenset("and & in for of de van von der den bin binti al el da di le la du".split())
DATELINE_AGENCY = re.compile(r"^(?:[A-Z][\w .,'/-]{1,40}?)?\((?P<agency>[^()]{2,40})\)\s*(?:-|--|—|–|:)")
# "© Thomson Reuters 2021", "Copyright 2017 United Press International", "(c) AFP": the holder is group "name"
COPYRIGHT_LINE = re.compile(
    r"(?i)^(?:(?:©|\(c\)|copyright)\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?[\s,]*)?(?P<name>[^\d©]+?)"
    r"[\s,.]*(?:\d{4})?[\s,.]*(?:all rights reserved)?[\s.]*$"
)
BYLINE_WRAPPING = "([—–-•· "  # "(Reporting by X; Editing by Y)", "— Reporting by X"
# "Kim Min-ji, Staff Writer": up to four capitalised names, a comma, a role (the byline_roles class)
NAME_AND_ROLE = re.compile(r"^(?P<names>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}),\s+(?P<role>[^,]+)$")
# "HEADLINE IN CAPITALS By Jane Doe": a byline run onto the headline's line
HEADLINE_BYLINE = re.compile(r"^(?P<head>.*?\S)\s+(?P<byline>By\s+[A-Z].*)$")
MARKDOWN_HEADING = re.compile(r"(?m)^#{1,6}\s+")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{1,2}}[-/ ]{_MONTH}[-/ ]\d{{4}}"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}"
    r"|\d{1,2}/\d{1,2}/\d{4})"
)
DATE_OR_TIME = re.compile(rf"(?i:{_DATE})|\b\d{{1,2}}:\d{{2}}\b")
DATE_LABELS = {  # label before a date -> rank (lower wins)
    "published": 0, "posted": 0, "first published": 0, "date": 0, "dated": 0, "created": 0, "on": 0,
    "updated": 2, "last updated": 2, "modified": 2, "last modified": 2,
}
DATELINE_PLACE = re.compile(r"^[A-Z][A-Z .,'/-]*[A-Z]\s*(?:\(|--|—|–|-|:|,)")


@dataclass(frozen=True)
class _Knowledge:
    """The boilerplate patterns and outlet names, compiled once."""

    boilerplate: re.Pattern
    list_heading: re.Pattern  # furniture that opens a list of other stories ("MOST POPULAR")
    long_boilerplate: re.Pattern  # furniture of any length (cookie notices)
    max_words: int
    section_words: frozenset[str]
    tag_words: frozenset[str]  # section and place names that lines of tags are made of
    date_start: re.Pattern
    outlet_names: dict[str, str]  # normalized name/alias -> canonical name
    outlet_domains: dict[str, str]  # domain -> canonical name
    section_labels: frozenset[str]  # "analysis", "exclusive": labels above a headline
    byline_role: re.Pattern  # "staff writer" after a name
    furniture_names: dict[str, str]  # outlet keys trusted inside brand furniture, aliases included
    brand_furniture: tuple[re.Pattern, ...]  # "get st's newsletters"
    credit_prefix: re.Pattern  # "with the" before an outlet's name on a line of its own


# The newsroom's own knowledge folder for the read_file call in progress (None: bundled files only).
_EXTRA_KNOWLEDGE: contextvars.ContextVar[Path | None] = contextvars.ContextVar("extra_knowledge", default=None)


def _knowledge() -> _Knowledge:
    return _load_knowledge(_EXTRA_KNOWLEDGE.get())


def _knowledge_file(name: str, extra_dir: Path | None) -> tuple[dict, dict]:
    """A bundled knowledge file and the newsroom's same-named file ({} when it has none)."""
    bundled = json.loads((KNOWLEDGE_DIR / name).read_text(encoding="utf-8"))
    extra_path = Path(extra_dir) / name if extra_dir is not None else None
    if extra_path is None or not extra_path.is_file():
        return bundled, {}
    try:
        return bundled, json.loads(extra_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"knowledge file {extra_path} cannot be read: {exc}") from exc


def _merged_rules(bundled: dict, extra: dict) -> dict:
    """Newsroom boilerplate rules extend the bundled ones: classes and lists grow, numbers are replaced."""
    rules = {**bundled, "patterns": {k: list(v) for k, v in bundled["patterns"].items()}}
    for key, value in extra.items():
        if key == "patterns":
            for group, patterns in value.items():
                rules["patterns"].setdefault(group, []).extend(patterns)
        elif isinstance(value, list):
            rules[key] = [*rules.get(key, []), *value]
        elif not key.startswith("_"):
            rules[key] = value
    return rules


def _merged_outlets(bundled: dict, extra: dict) -> list[dict]:
    """Newsroom outlets are added; one with a bundled outlet's name replaces it."""
    outlets = {o["name"]: o for o in bundled["outlets"]}
    outlets.update((o["name"], {"aliases": [], "domains": [], **o}) for o in extra.get("outlets", []))
    return list(outlets.values())


def _merged_outlet_lists(bundled: dict, extra: dict, key: str) -> list[str]:
    """A list beside the outlets ("brand_furniture"): the newsroom's entries are added."""
    return [*bundled.get(key, []), *extra.get(key, [])]


@functools.cache
def _load_knowledge(extra_dir: Path | None) -> _Knowledge:
    rules = _merged_rules(*_knowledge_file("boilerplate.json", extra_dir))
    patterns = [p for group in rules["patterns"].values() for p in group]
    long_patterns = rules["any_length_patterns"]
    timezones = "|".join(re.escape(tz) for tz in rules["timezones"])
    labels = "|".join(sorted(DATE_LABELS, key=len, reverse=True))
    zone = rf"(?:Z|[+-]\d{{2}}:?\d{{2}}|\(?(?:{timezones})(?:[+-]\d{{1,2}}(?::?\d{{2}})?)?\)?)"
    date_start = re.compile(
        # "KYODO NEWS - " or "All News " before the date: a label of up to four capitalised words
        rf"^(?P<prefix>(?!(?i:{labels})\b)(?:[A-Z][\w.&'-]*\s+){{0,3}}[A-Z][\w.&'-]*\s*(?:[-|–—•]\s*|\s(?=\d)))?"
        rf"(?:(?i:(?P<label>{labels}))\b\s*(?i:on|at)?\s*[:\-–]?\s*)?"
        rf"(?:\d{{1,2}}[:.]\d{{2}}(?i:\s*[ap]\.?m\.?)?(?:\s*{zone})?,?\s+)?"  # "10:54pm, 26 Apr, 2024"
        r"(?i:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
        rf"(?P<date>(?i:{_DATE}))"
        r"(?:(?:[,\s\-–|]*(?i:at\s+)?|T)"  # "April 3, 20214:31 AM": the time may be glued on
        r"(?P<time>\d{1,2}:\d{2}(?::(?P<sec>\d{2}))?(?:\.\d+)?(?i:\s*[ap]\.?m\.?)?))?"
        rf"(?:\s*{zone})?"
    )
    outlet_files = _knowledge_file("outlets.json", extra_dir)
    outlets = _merged_outlets(*outlet_files)
    names, domains, furniture_names = {}, {}, {}
    for outlet in outlets:
        for alias in [outlet["name"], *outlet["aliases"]]:
            names[_outlet_key(alias)] = outlet["name"]
        for domain in outlet["domains"]:
            domains[domain.lower()] = outlet["name"]
        for alias in outlet.get("furniture_names", []):
            furniture_names[_outlet_key(alias)] = outlet["name"]
    prefixes = sorted((normalize_line(p) for p in _merged_outlet_lists(*outlet_files, "credit_prefixes")), key=len)
    roles = rules["patterns"]["byline_roles"]
    return _Knowledge(
        boilerplate=re.compile("|".join(f"(?:{p})" for p in patterns)),
        list_heading=re.compile("|".join(f"(?:{p})" for p in rules["patterns"]["list_headings"])),
        long_boilerplate=re.compile("|".join(f"(?:{p})" for p in long_patterns)),
        max_words=rules["max_words"],
        section_words=frozenset(w.casefold() for w in rules["section_words"]),
        tag_words=frozenset(w.casefold() for w in [*rules["section_words"], *rules["place_words"]]),
        date_start=date_start,
        outlet_names=names,
        outlet_domains=domains,
        section_labels=frozenset(normalize_line(label) for label in rules["section_labels"]),
        byline_role=re.compile("|".join(f"(?:{p})" for p in roles)),
        furniture_names={**names, **furniture_names},
        brand_furniture=tuple(re.compile(p) for p in _merged_outlet_lists(*outlet_files, "brand_furniture")),
        credit_prefix=re.compile(rf"^(?:{'|'.join(re.escape(p) for p in reversed(prefixes))})\s+" if prefixes else "(?!)"),
    )


# --- Lines ---------------------------------------------------------------------

_TRIM = " \t\"'“”‘’«»()[]{}<>.,;:!?*·•|/\\-–—_=+~#…"


def normalize_line(line: str) -> str:
    """The comparable form of a line: NFKC, lower case, one space, no punctuation around it."""
    text = unicodedata.normalize("NFKC", line).casefold()
    return " ".join(text.split()).strip(_TRIM)


def _words(line: str) -> int:
    return len(line.split())


def _has_letters(line: str) -> bool:
    return any(ch.isalpha() for ch in line)


def _is_all_caps(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    """The writing system of a letter ("LATIN", "HANGUL", "CJK", ...)."""
    if ch < "\x80":
        return "LATIN"
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "OTHER"


def _main_script(lines: list[str]) -> str:
    """The script most of the page's letters are written in (regexes keep English pages cheap)."""
    text = "\n".join(lines)[:SCRIPT_SAMPLE_CHARS]
    counts = Counter(_script(ch) for ch in NON_ASCII.findall(text) if ch.isalpha())
    counts["LATIN"] += sum(map(len, ASCII_WORD.findall(text)))
    return counts.most_common(1)[0][0] if counts else "LATIN"


def _has_script(line: str, script: str) -> bool:
    if script == "LATIN" and ASCII_LETTER.search(line):
        return True
    return any(ch.isalpha() and _script(ch) == script for ch in NON_ASCII.findall(line))


def _split_lines(text: str) -> list[str]:
    """Non-empty stripped lines; a hard-wrapped paragraph is joined back into one line."""
    lines: list[str] = []
    previous_blank = True
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            previous_blank = True
            continue
        last = lines[-1] if lines else ""
        wrapped = (
            not previous_blank
            and len(last) >= WRAPPED_LINE_CHARS
            and last[-1] not in SENTENCE_END + ":\"”’)"
            and (line[0].islower() or last.rsplit(" ", 1)[-1] in RUN_ON_WORDS)
            and not _is_boilerplate(line, normalize_line(line))
        )
        if wrapped:
            lines[-1] = f"{last} {line}"
        else:
            lines.append(line)
        previous_blank = False
    return lines


def _is_boilerplate(line: str, norm: str) -> bool:
    """A short line that one of the boilerplate classes matches whole."""
    rules = _knowledge()
    if _words(line) <= rules.max_words:
        return rules.boilerplate.fullmatch(norm) is not None
    return rules.long_boilerplate.fullmatch(norm) is not None


def _is_long(line: str) -> bool:
    words = _words(line)
    # a 12-word headline may end in "?" or "!", a sentence ends in "."
    return words >= LONG_PARAGRAPH_WORDS or (words >= 12 and line.rstrip("\"”’)")[-1:] == ".")


def _is_breadcrumb(line: str) -> bool:
    """A line of section names ("World | Asia", "Asia China Global News News")."""
    if any(ch in line for ch in ".,;:!?\"“”") or not _has_letters(line):
        return False
    separated = BREADCRUMB_SEPARATORS.search(line) is not None
    tokens = [t for t in BREADCRUMB_SEPARATORS.sub(" ", line).split() if t not in {"&", "and"}]
    if len(tokens) < (2 if separated else 3) or not all(t[0].isupper() or t[0].isdigit() for t in tokens):
        return False
    tags = _knowledge().tag_words
    return separated or sum(t.casefold() in tags for t in tokens) / len(tokens) >= BREADCRUMB_TAG_SHARE


def _is_headline(line: str) -> bool:
    """Shaped like a headline: a handful of words, mixed case, no closing full stop."""
    low, high = HEADLINE_WORDS
    return (
        low <= _words(line) <= high
        and len(line) <= HEADLINE_MAX_CHARS
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘([")  # "(LEAD) N. Korea fires ..."
        and any(ch.islower() for ch in line)
        and not line.endswith((".", ":", ",", ";"))
        and "@" not in line
        and "://" not in line
        and DATE_OR_TIME.search(line) is None
        and not _is_breadcrumb(line)
    )


def _byline(line: str) -> str | None:
    """The line itself when it is a byline: "By Choi Si-young (x@heraldcorp.com)", "BY KIM [kim@outlet.com]",
    "Kim Min-ji, Staff Writer", "(Reporting by X and Y; Editing by Z)"."""
    text = line.strip().lstrip(BYLINE_WRAPPING).strip()
    if text.endswith(")") and line.lstrip().startswith("("):
        text = text[:-1].rstrip()
    if not text or text[-1] in SENTENCE_END and not text.endswith(" Jr."):
        return None
    first, *more = text.split(";")
    role = NAME_AND_ROLE.match(first)
    if role and _knowledge().byline_role.fullmatch(normalize_line(role["role"])) and not more:
        return line
    parts = [BYLINE_START.match(part.strip()) for part in (first, *more)]
    if not all(parts) or any(_words(part) > BYLINE_MAX_WORDS for part in (first, *more)):
        return None
    return line if all(_byline_names(match["names"]) for match in parts) else None


def _byline_names(text: str) -> bool:
    """Whether the words after "By" are names ("Choi Si-young (x@...)"), not a sentence ("Monday, both sides")."""
    names = re.split(r"\s[|•·–—-]\s|\d", text)[0]  # "By X | April 4, 2021": the names end there
    names = re.sub(r"\S+@\S+|\([^)]*\)?|\[+[^\]]*\]*", " ", names)
    tokens = [t for t in re.split(r"[\s,;/|]+", names) if t]
    if not tokens or tokens[0].casefold() in NOT_A_NAME:
        return False
    return all(t[0].isupper() or t.casefold() in BYLINE_SMALL_WORDS for t in tokens)


# --- Outlets -------------------------------------------------------------------


def _outlet_key(name: str) -> str:
    key = normalize_line(name)
    key = re.sub(r"^the\s+", "", key)
    return " ".join(re.sub(r"[^\w&]+", " ", key).split())


def _known_outlet(name: str) -> str | None:
    return _knowledge().outlet_names.get(_outlet_key(name))


def _outlet_of_domain(domain: str) -> str | None:
    """The outlet whose domain is domain or one of its parents (mail.heraldcorp.com)."""
    parts = domain.lower().split(".")
    for start in range(len(parts) - 1):
        name = _knowledge().outlet_domains.get(".".join(parts[start:]))
        if name:
            return name
    return None


def _title_case(text: str) -> str:
    """"CHINA TOPIX" -> "China Topix"; two-letter tokens ("NK") stay as they are."""
    def word(token: str) -> str:
        return token if len(token) <= 2 else "-".join(p.capitalize() for p in token.split("-"))

    return " ".join(word(t) for t in text.split())


def _masthead(line: str) -> str | None:
    """The outlet a page's first line names: a known outlet, or an all-caps brand."""
    known = _known_outlet(line)
    if known and _words(line) <= 6:
        return known
    norm = normalize_line(line)
    if (
        not _is_all_caps(line)
        or not 1 <= _words(line) <= 4
        or any(ch.isdigit() or ch in SENTENCE_END + ",;:" for ch in line)
        or _is_boilerplate(line, norm)
        or sum(w in _knowledge().section_words for w in norm.split()) * 2 >= _words(norm)
        or any(w in FUNCTION_WORDS for w in norm.split()[1:])
    ):
        return None
    return _title_case(line)


def _outlet_line(line: str) -> str | None:
    """The outlet a short line of its own names: "KYODO", "(Bloomberg) --", "with the Korea JoongAng Daily"."""
    if _words(line) > OUTLET_LINE_WORDS:
        return None
    return _known_outlet(_knowledge().credit_prefix.sub("", normalize_line(line)))


def _copyright_holder(line: str) -> str | None:
    """The known outlet a copyright line names: "© Thomson Reuters 2021" -> "Reuters"."""
    match = COPYRIGHT_LINE.match(line) if _words(line) <= COPYRIGHT_LINE_WORDS else None
    return _known_outlet(match["name"]) if match else None


def _brand_in_furniture(line: str) -> str | None:
    """The outlet the page's own furniture names: "Get ST's newsletters" -> "The Straits Times"."""
    rules = _knowledge()
    if _words(line) > FURNITURE_LINE_WORDS:
        return None
    norm = normalize_line(line)
    for pattern in rules.brand_furniture:
        match = pattern.match(norm)
        if match and (name := rules.furniture_names.get(_outlet_key(match["name"]))):
            return name
    return None


def _source_from_line(line: str) -> str | None:
    match = SOURCE_LINE.match(line)
    if not match:
        return None
    name = re.split(r"\s*[|•·]\s*", match["name"])[0].strip()
    if not _has_letters(name) or _words(name) > 6:
        return None
    return _known_outlet(name) or name


# --- Dates ---------------------------------------------------------------------


def parse_date(text: str) -> datetime.date | None:
    """A plausible date (1900 .. tomorrow) from text python-dateutil reads, else None."""
    try:
        # The date as the page's own clock shows it; "JST" and friends need no tz database.
        moment = date_parser.parse(text, default=datetime.datetime(2000, 1, 1), ignoretz=True)
    except (ValueError, OverflowError, TypeError):
        return None
    day = moment.date()
    tomorrow = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=1)
    return day if EARLIEST_DATE <= day <= tomorrow else None


@dataclass(frozen=True)
class _DateSeen:
    rank: int  # 0 published or dateline, 1 bare date, 2 updated, 3 time stamp with seconds
    date: datetime.date
    rest: str | None  # the line without its date prefix; None when the line was only a date


def _date_at_start(line: str) -> _DateSeen | None:
    """A date a line starts with: a date line, or a date glued before a DATELINE."""
    match = _knowledge().date_start.match(line)
    if not match:
        return None
    day = parse_date(match["date"])
    if day is None:
        return None
    rest = line[match.end():].strip()
    label = (match["label"] or "").casefold()
    if _prose_words(rest) < 4:
        if label:
            rank = DATE_LABELS[label]
        else:
            rank = 3 if match["sec"] else 1
        return _DateSeen(rank, day, None)
    if DATELINE_PLACE.match(rest) and not match["prefix"]:
        return _DateSeen(DATE_LABELS.get(label, 0), day, rest)
    return None  # a sentence that happens to start with a date


def _date_in_byline(line: str) -> _DateSeen | None:
    """"By Jane Doe | April 4, 2021": the byline stays a byline, its date counts as a bare date."""
    if not _byline(line):
        return None
    found = re.search(rf"(?i:{_DATE})", line)
    day = parse_date(found.group()) if found else None
    return _DateSeen(1, day, line) if day else None


def _prose_words(text: str) -> int:
    """Words of two letters or more: "| Updated : 2016-02-23 18:10" has one."""
    return sum(1 for token in text.split() if sum(ch.isalpha() for ch in token) >= 2)


# --- Reading a page of text ----------------------------------------------------


@dataclass
class _Page:
    title: str
    body: str
    date: datetime.date | None
    source: str | None
    byline: str | None


def _read_page(
    text: str,
    boilerplate: frozenset[str],
    given: dict[str, str],
    *,
    masthead: bool,
) -> _Page | None:
    """Title, date, source, byline and cleaned body of a page; None when no body is left.

    The source is the strongest evidence found: a "Source:" line, then the site's own name (masthead,
    an outlet's line at the top or foot, a title suffix), a copyright line, the byline's mail domain,
    the page's brand furniture ("ST's newsletters"), and last a wire dateline ("TOKYO (Reuters) -").
    """
    lines = _split_lines(text)
    given_title = given.get("title")
    site: str | None = None
    if masthead:
        # the first line that is not furniture ("Back To Top" may come first)
        first = next((i for i, line in enumerate(lines[:3]) if not _is_boilerplate(line, normalize_line(line))), None)
        site = _masthead(lines[first]) if first is not None else None
        if site:
            del lines[first]
    headline_byline = None if given_title else _cut_headline_byline(lines)

    long_lines = [i for i, line in enumerate(lines) if _is_long(line) and not _is_boilerplate(line, normalize_line(line))]
    first_long = long_lines[0] if long_lines else len(lines)
    last_long = long_lines[-1] if long_lines else -1
    top = min(first_long + 1 + DATE_LINES_AFTER_LONG, TOP_LINES, len(lines))
    dates, date_lines = _dates_near_top(lines, top)

    script = _main_script(lines)
    kept: list[tuple[int, str, bool]] = []  # (position, line, recurs across the archive)
    list_starts: list[int] = []  # where "MOST POPULAR" and the like begin lists of other stories
    source_line = copyright_holder = brand = None
    byline: str | None = headline_byline
    for i, line in enumerate(lines):
        norm = normalize_line(line)
        if i in date_lines or not norm:
            continue
        if i >= top and _words(line) <= 6 and (seen := _date_at_start(line)) and seen.rest is None:
            continue  # "Updated 03-Apr-2021" further down: page furniture of an embedded story
        found_source = _source_from_line(line)
        if found_source:
            source_line = source_line or found_source
            continue
        if (i < top or i > last_long) and (outlet := _outlet_line(line)):
            site = site or outlet
            continue  # "BBC News" under the byline, "with the Korea JoongAng Daily" at the foot
        if holder := _copyright_holder(line):
            copyright_holder = copyright_holder or holder
            continue
        if _byline(line):
            byline = byline or line
            continue
        if named := _brand_in_furniture(line):
            brand = brand or named
            continue
        if not _has_script(line, script):
            continue  # no letters, or none of the article's own script
        if _is_boilerplate(line, norm):
            if i > first_long and _knowledge().list_heading.fullmatch(norm):
                list_starts.append(len(kept))
            continue
        if kept and normalize_line(kept[-1][1]) == norm:
            continue  # a photo caption printed twice
        if i < first_long and _is_breadcrumb(line):
            continue
        kept.append((i, line, norm in boilerplate))

    for start in list_starts:
        if not any(_is_long(line) for _, line, _ in kept[start:]):
            del kept[start:]
            break
    kept = _keep_subheads_the_prose_uses(kept, [lines[i] for i in long_lines])
    if given_title:
        title = given_title
        given_norm = normalize_line(given_title)
        # the headline printed on the page: what stands above it is furniture
        above = next((k for k, (i, line, _) in enumerate(kept) if i < top and normalize_line(line) == given_norm), -1)
        title_at = kept[above][0] if above >= 0 else -1
        body_lines = [line for _, line, recurs in kept[above + 1:] if not recurs and normalize_line(line) != given_norm]
    else:
        title, body_lines, title_at = _title_and_body(kept, first_long)
        title, title_outlet = _split_outlet_suffix(title)
        site = site or title_outlet
    if not body_lines:
        return None
    # best rank first; of equals, one under the headline rather than a site's "today" above it
    date = min(dates, key=lambda d: (d[0], d[1] < title_at, d[1]))[2] if dates else None

    mail_domain = next((found for m in EMAIL.findall(byline or "") if (found := _outlet_of_domain(m))), None)
    return _Page(
        title=title,
        body="\n\n".join(body_lines),
        date=date,
        source=source_line or site or copyright_holder or mail_domain or brand or _dateline_agency(body_lines),
        byline=byline,
    )


def _dateline_agency(body_lines: list[str]) -> str | None:
    """The wire a dateline credits ("SEOUL, Jan. 3 (UPI) --") in the body's first lines, when it is a known outlet."""
    for line in body_lines[:DATELINE_BODY_LINES]:
        agency = DATELINE_AGENCY.match(line)
        if agency:
            return _known_outlet(agency["agency"])
    return None


def _keep_subheads_the_prose_uses(kept: list[tuple[int, str, bool]], prose: list[str]) -> list[tuple[int, str, bool]]:
    """A recurring short line that the article's own paragraphs also say ("South China Sea") is a subhead, not
    furniture: keeping it adds no word the article does not already use, dropping it would lose a heading."""
    if not any(recurs for _, _, recurs in kept):
        return kept
    text = " ".join(normalize_line(line) for line in prose)
    return [
        (i, line, recurs and re.search(rf"(?<!\w){re.escape(normalize_line(line))}(?!\w)", text) is None)
        for i, line, recurs in kept
    ]


def _cut_headline_byline(lines: list[str]) -> str | None:
    """"AUKUS AND THE NEW ALIGNMENT By Jane Doe": the byline is cut off the headline's line and returned.

    Only where case tells where the headline ends: an all-caps headline, or one in sentence case
    ("Seoul and Tokyo agree to talks By Jane Doe"); "Launch Condemned By South Korea" is left alone.
    """
    for i, line in enumerate(lines[:TOP_LINES]):
        match = HEADLINE_BYLINE.match(line)
        if match and _headline_before_byline(match["head"]) and _byline(match["byline"]):
            lines[i] = match["head"]
            return match["byline"]
        if _is_long(line):
            return None
    return None


def _headline_before_byline(head: str) -> bool:
    if _is_all_caps(head):
        return _is_caps_headline(head)
    later = [w for w in head.split()[1:] if sum(ch.isalpha() for ch in w) >= 4]
    sentence_case = len(later) >= 2 and sum(w[0].islower() for w in later) * 2 > len(later)
    return sentence_case and _is_headline(head)


def _dates_near_top(lines: list[str], top: int) -> tuple[list[tuple[int, int, datetime.date]], set[int]]:
    """(rank, line number, date) of the date lines among the first top lines, and the lines that are only a date.

    A date glued before a dateline is cut off its line in place.
    """
    dates, date_lines = [], set()
    for i in range(top):
        seen = _date_at_start(lines[i]) or _date_in_byline(lines[i])
        if seen is None:
            continue
        dates.append((seen.rank, i, seen.date))
        if seen.rest is None:
            date_lines.add(i)
        else:
            lines[i] = seen.rest
    return dates, date_lines


def _title_and_body(kept: list[tuple[int, str, bool]], first_long: int) -> tuple[str, list[str], int]:
    """The headline is the first headline-shaped line above the first long paragraph.

    Lines above it (mastheads, kickers, labels) are page furniture and left out.
    Returns the title, the body's lines and the title's line number (-1: none found).
    """
    top = [(k, line) for k, (i, line, recurs) in enumerate(kept) if i < first_long and not _is_section_label(line)]
    ranked = (
        [(k, line) for k, line in top if _is_headline(line) and not _is_all_caps(line) and not kept[k][2]]
        or [(k, line) for k, line in top if _is_headline(line) and not _is_all_caps(line)]
        or [(k, line) for k, line in top if _is_caps_headline(line)]
    )
    if ranked:
        k, title = ranked[0]
        body = [line for _, line, recurs in kept[k + 1:] if not recurs]
        return title, body, kept[k][0]
    body = [line for _, line, recurs in kept if not recurs]
    if not body:
        return "", [], -1
    # a label or kicker in capitals ("ANALYSIS") is no stand-in for a headline
    return _first_sentence(next((line for line in body if not _is_all_caps(line)), body[0])), body, -1


def _is_section_label(line: str) -> bool:
    """"ANALYSIS", "Exclusive:": a label saying what kind of piece follows, never its title."""
    return normalize_line(line) in _knowledge().section_labels


def _is_caps_headline(line: str) -> bool:
    """An all-caps line shaped like a headline: not a short kicker ("NORTH KOREA"), label, outlet or breadcrumb."""
    low, high = HEADLINE_WORDS
    return (
        _is_all_caps(line)
        and low <= _words(line) <= high
        and len(line) <= HEADLINE_MAX_CHARS
        and not line.endswith((".", ":", ",", ";"))
        and DATE_OR_TIME.search(line) is None
        and not _is_section_label(line)
        and _known_outlet(line) is None
        and not _is_breadcrumb(line)
    )


def _split_outlet_suffix(title: str) -> tuple[str, str | None]:
    """"Kerry in Seoul | VOA" -> ("Kerry in Seoul", "Voice of America") when the suffix is a known outlet."""
    match = re.fullmatch(r"(?P<title>.*\S)\s+(?:\||-|–|—)\s+(?P<outlet>\S.*)", title)
    outlet = _known_outlet(match["outlet"]) if match else None
    return (match["title"], outlet) if outlet else (title, None)


def _first_sentence(paragraph: str, max_words: int = 20) -> str:
    """A stand-in title for a page without a headline."""
    sentence = re.split(r"(?<!\b[A-Z]\.)(?<=[.!?])\s+(?=[A-Z\"“])", paragraph, maxsplit=1)[0]  # not after "N."
    words = sentence.split()
    return " ".join(words[:max_words]) + (" …" if len(words) > max_words else "")


def _header_block(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """`Title:`/`Date:`/`Source:`/`URL:` lines at the very top, ended by a blank line."""
    fields: dict[str, str] = {}
    for n, line in enumerate(lines):
        if not line.strip():
            return (fields, n + 1) if fields else None
        match = HEADER_LINE.match(line.strip())
        if match:
            fields[match["key"].casefold()] = match["value"]
        elif not OTHER_HEADER_LINE.match(line.strip()):
            return None
    return None


# --- HTML ----------------------------------------------------------------------

HTML_SKIP_TAGS = frozenset(
    "script style noscript template svg canvas iframe nav header footer aside form button select "
    "option label menu dialog object embed video audio".split()
)
HTML_SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu", "dialog"})
HTML_SKIP_CLASS_WORDS = frozenset(
    "share sharing social comment comments related newsletter subscribe subscription promo advert advertisement "
    "ad ads cookie cookies breadcrumb breadcrumbs nav navbar menu sidebar footer masthead popular trending "
    "recommended outbrain taboola".split()
)
HTML_BLOCK_TAGS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 tr td th table blockquote section article main figure figcaption "
    "pre dd dt dl hr address time".split()
)
HTML_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
HTML_DATE_META = frozenset(
    "article:published_time og:article:published_time og:published_time published_time date pubdate "
    "publishdate publish-date publication_date dc.date dc.date.issued dcterms.created dcterms.date "
    "sailthru.date parsely-pub-date datepublished article.published".split()
)
HTML_SITE_META = frozenset({"og:site_name", "application-name", "publisher", "article:publisher", "dc.publisher"})


class _PageParser(HTMLParser):
    """Article text, headline, date and site name of an HTML page (standard library parser)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.article_blocks: list[str] = []
        self.current: list[str] = []
        self.skip_tag: str | None = None
        self.skip_depth = 0
        self.article_depth = 0
        self.capture: str | None = None  # "title" or "h1" while inside one
        self.title = ""
        self.h1s: list[tuple[str, bool]] = []  # (text, inside <article>)
        self.meta: dict[str, str] = {}
        self.time_datetime: str | None = None
        self.linked_data: list[str] = []  # <script type="application/ld+json"> texts
        self.in_linked_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").casefold()
            if key and attr.get("content") and key not in self.meta:
                self.meta[key] = attr["content"].strip()
            return
        if tag == "time" and attr.get("datetime") and self.time_datetime is None:
            self.time_datetime = attr["datetime"]
        if attr.get("itemprop", "").casefold() == "datepublished" and "datepublished" not in self.meta:
            value = attr.get("datetime") or attr.get("content")
            if value:
                self.meta["datepublished"] = value
        if tag == "script" and attr.get("type", "").casefold() == "application/ld+json":
            self.in_linked_data = True
            self.linked_data.append("")
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth += 1
            return
        if tag == "br":
            self.current.append("\n")  # a line break inside a paragraph; _split_lines rejoins wrapped prose
            return
        if tag in HTML_BLOCK_TAGS:
            self._end_block()
        if tag in HTML_VOID_TAGS:
            return
        if self._skipped(tag, attr):
            self.skip_tag, self.skip_depth = tag, 1
            return
        if tag == "article":
            self.article_depth += 1
        if tag == "title" and not self.title or tag == "h1":
            self.capture = tag
            if tag == "h1":
                self.h1s.append(("", self.article_depth > 0))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in HTML_VOID_TAGS and self.skip_tag == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_linked_data = False
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skip_tag = None
            return
        if tag in HTML_BLOCK_TAGS:
            self._end_block()
        if tag == "article" and self.article_depth:
            self.article_depth -= 1
        if tag == self.capture:
            self.capture = None

    def handle_data(self, data: str) -> None:
        if self.in_linked_data:
            self.linked_data[-1] += data
        if self.capture == "title":
            self.title += data
        elif self.capture == "h1":
            text, in_article = self.h1s[-1]
            self.h1s[-1] = (text + data, in_article)
        if self.skip_tag is None and self.capture != "title":
            self.current.append(" ".join(data.split("\n")))

    def close(self) -> None:
        super().close()
        self._end_block()

    def _end_block(self) -> None:
        lines = ("".join(self.current)).split("\n")
        text = "\n".join(" ".join(line.split()) for line in lines if line.strip())
        self.current = []
        if text:
            self.blocks.append(text)
            if self.article_depth:
                self.article_blocks.append(text)

    def _skipped(self, tag: str, attr: dict[str, str]) -> bool:
        if tag == "header" and self.article_depth:
            return False  # an article's own header holds its headline and date
        if tag in HTML_SKIP_TAGS or attr.get("role", "").casefold() in HTML_SKIP_ROLES:
            return True
        if "hidden" in attr or attr.get("aria-hidden") == "true":
            return True
        words = re.split(r"[\s_-]+", f"{attr.get('class', '')} {attr.get('id', '')}".casefold())
        return any(w in HTML_SKIP_CLASS_WORDS for w in words)


def _html_page(text: str) -> tuple[str, dict[str, str]]:
    """The article text of an HTML page, and what its tags say (title, date, source)."""
    page = _PageParser()
    page.feed(text)
    page.close()
    blocks = page.article_blocks or page.blocks
    given: dict[str, str] = {}
    site = next((v for k, v in page.meta.items() if k in HTML_SITE_META and "://" not in v), None)
    h1s = [(" ".join(h1.split()), in_article) for h1, in_article in page.h1s]
    headings = [h1 for h1, _ in h1s if h1 and normalize_line(h1) != normalize_line(site or "")]
    linked = _linked_data_article(page.linked_data)
    title = (
        next((h1 for h1, in_article in h1s if in_article and h1), "")
        or page.meta.get("og:title", "")
        or linked.get("title", "")
        or next((h1 for h1 in headings if _words(h1) >= 2), "")
        or _strip_site_name(page.title)
    )
    if title:
        given["title"] = html.unescape(" ".join(title.split()))
    date_value = (
        next((v for k, v in page.meta.items() if k in HTML_DATE_META), None) or linked.get("date") or page.time_datetime
    )
    if date_value:
        given["date"] = date_value
    site = site or linked.get("source")
    if site:
        given["source"] = _known_outlet(site) or site
    if page.meta.get("og:url"):
        given["url"] = page.meta["og:url"]
    return "\n\n".join(blocks), given


def _linked_data_article(texts: list[str]) -> dict[str, str]:
    """Headline, datePublished and publisher name of the first schema.org item that has them."""
    def items(node: object) -> Iterable[dict]:
        if isinstance(node, list):
            for child in node:
                yield from items(child)
        elif isinstance(node, dict):
            yield node
            yield from items(node.get("@graph", []))

    for text in texts:
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            continue
        for item in items(data):
            if "headline" not in item and "datePublished" not in item:
                continue
            publisher = item.get("publisher")
            if isinstance(publisher, list):
                publisher = publisher[0] if publisher else None
            found = {
                "title": item.get("headline"),
                "date": item.get("datePublished"),
                "source": publisher.get("name") if isinstance(publisher, dict) else publisher,
            }
            return {k: " ".join(v.split()) for k, v in found.items() if isinstance(v, str) and v.strip()}
    return {}


def _strip_site_name(title: str) -> str:
    """"Headline | Site" -> "Headline": the longest part between separators."""
    parts = re.split(r"\s+(?:\||-|–|—|::|»)\s+", " ".join(title.split()))
    return max(parts, key=len) if parts else ""


# --- Files ---------------------------------------------------------------------


def archive_files(root: Path) -> list[Path]:
    """Every article file under root, sorted; hidden files and folders left out."""
    return [root / listed.path for listed in archive_listing(root)]


@dataclass(frozen=True)
class Listed:
    """An article file as the archive's listing gives it: no Path object, no reading."""

    path: str  # archive-relative, posix
    size: int | None  # None when the file could not be looked at
    mtime_ns: int | None


def archive_listing(root: Path) -> list[Listed]:
    """Every article file under root with its size and time, in the order Path objects sort in.

    One scandir pass and one stat a file: an incremental reindex compares these with
    the index and makes a Path only of files that changed (on 100,000 files,
    Path objects and a second stat cost seconds). Symbolic links to files count;
    linked folders are not followed, as os.walk does not.
    """
    found: list[Listed] = []
    pending = [(os.fspath(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:  # an unreadable folder is passed over, as os.walk does
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, f"{prefix}{entry.name}/"))
            elif os.path.splitext(entry.name)[1].lower() in ARTICLE_SUFFIXES and entry.is_file():
                try:
                    st = entry.stat()
                    found.append(Listed(prefix + entry.name, st.st_size, st.st_mtime_ns))
                except OSError:
                    found.append(Listed(prefix + entry.name, None, None))
    found.sort(key=lambda listed: listed.path.split("/"))
    return found


def _decode(data: bytes) -> tuple[str | None, str | None, str | None]:
    """(text, warning, reason to skip): UTF-8 with or without BOM, else cp1252, else latin-1."""
    if not data:
        return None, None, "empty file"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None, None, "not valid UTF-16 despite its byte order mark"
        return (text, None, None) if text.strip() else (None, None, "only whitespace, no text")
    head = data[:8192]
    if b"\x00" in head:
        return None, None, "binary file (contains NUL bytes), not text"
    controls = len(CONTROL_BYTES.findall(head))
    if controls > BINARY_CONTROL_SHARE * len(head):
        return None, None, "binary file (mostly control bytes), not text"
    try:
        text, warning = data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        for encoding in ("cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            warning = f"not valid UTF-8 (byte {exc.start}); read as {encoding}"
            break
    if not text.strip():
        return None, None, "only whitespace, no text"
    if warning is None and any(marker in text for marker in MOJIBAKE_MARKERS):
        try:  # UTF-8 that was once read as cp1252 and saved again: "Washingtonâ€™s"
            text, warning = _cp1252_bytes(text).decode("utf-8"), "UTF-8 read as cp1252 once (â€™); repaired"
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return text, warning, None


def _cp1252_bytes(text: str) -> bytes:
    """text encoded back to cp1252; its five unmapped bytes (0x81, 0x8d, ...) came through as themselves."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                raise
            out.append(ord(ch))
    return bytes(out)


def _given_fields(raw: dict[str, str], where: str, warnings: list[str]) -> tuple[dict[str, str], datetime.date | None]:
    """Header or record fields, cleaned; an unreadable date is dropped with a warning."""
    given = {k: " ".join(v.split()) for k, v in raw.items() if isinstance(v, str) and v.strip()}
    date = None
    if "date" in given:
        date = parse_date(given["date"])
        if date is None:
            warnings.append(f"{where}: date {given['date']!r} is not a plausible date; ignored")
    return given, date  # a filed source stays as written: "overrides what is inferred"


NO_BODY = "no article text left after removing page boilerplate"


def _add_article(
    result: ReadResult, id_: str, rel: str, page: _Page | None, given: dict[str, str], date: datetime.date | None
) -> None:
    """The page as an article, its filed fields first; a skip when boilerplate left no text."""
    if page is None:
        result.skipped.append(Skip(id_, NO_BODY))
        return
    result.articles.append(
        Article(
            id=id_,
            path=rel,
            title=given.get("title") or page.title,
            body=page.body,
            date=date or page.date,
            source=given.get("source") or page.source,
            url=given.get("url"),
            byline=page.byline,
        )
    )


def _read_text(text: str, rel: str, suffix: str, boilerplate: frozenset[str], result: ReadResult) -> None:
    raw_lines = text.splitlines()
    header = _header_block(raw_lines)
    given, date = _given_fields(header[0] if header else {}, rel, result.warnings)
    if header:
        text = "\n".join(raw_lines[header[1]:])
    if suffix == ".md":
        text = MARKDOWN_HEADING.sub("", text)
    page = _read_page(text, boilerplate, given, masthead=True)
    _add_article(result, rel, rel, page, given, date)


def _read_html(text: str, rel: str, boilerplate: frozenset[str], result: ReadResult) -> None:
    try:
        body, raw = _html_page(text)
    except (AssertionError, ValueError) as exc:  # html.parser's rare complaints about broken markup
        result.skipped.append(Skip(rel, f"cannot parse HTML: {exc}"))
        return
    given, date = _given_fields(raw, rel, result.warnings)
    page = _read_page(body, boilerplate, given, masthead=False)
    _add_article(result, rel, rel, page, given, date)


def _jsonl_records(text: str) -> Iterable[tuple[int, dict | None, str | None]]:
    """(line number, record, reason it is bad) for every non-blank line of a .jsonl file."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"not valid JSON: {exc.msg} (column {exc.colno})"
            continue
        if not isinstance(record, dict):
            yield number, None, f"expected a JSON object, got {type(record).__name__}"
            continue
        if not isinstance(_record_body(record), str) or not _record_body(record).strip():
            yield number, None, "no 'body' or 'text' with the article's text"
            continue
        yield number, record, None


def _record_body(record: dict) -> object:
    return record.get("body") or record.get("text")


def _read_jsonl(text: str, rel: str, boilerplate: frozenset[str], result: ReadResult) -> None:
    for number, record, problem in _jsonl_records(text):
        where = f"{rel}#{number}"
        if problem:
            result.skipped.append(Skip(where, problem))
            continue
        fields = {k: record[k] for k in HEADER_KEYS if record.get(k) is not None}
        for key in [k for k, v in fields.items() if not isinstance(v, str)]:
            result.warnings.append(f"{where}: {key} {fields.pop(key)!r} is not text; ignored")
        given, date = _given_fields(fields, where, result.warnings)
        page = _read_page(_record_body(record), boilerplate, given, masthead=False)
        _add_article(result, where, rel, page, given, date)


def read_file(
    path: Path, root: Path, boilerplate: frozenset[str] = frozenset(), *, knowledge_dir: Path | None = None
) -> ReadResult:
    """Read one file; never raises for bad content, reports it in ReadResult.skipped.

    boilerplate holds normalize_line() forms of lines to drop (see find_recurring_lines);
    knowledge_dir a newsroom's outlets.json / boilerplate.json that extend the bundled ones.
    """
    token = _EXTRA_KNOWLEDGE.set(Path(knowledge_dir) if knowledge_dir is not None else None)
    try:
        return _read_file(path, root, boilerplate)
    finally:
        _EXTRA_KNOWLEDGE.reset(token)


def _read_file(path: Path, root: Path, boilerplate: frozenset[str]) -> ReadResult:
    rel = path.relative_to(root).as_posix()
    result = ReadResult()
    try:
        data = path.read_bytes()
    except OSError as exc:
        result.skipped.append(Skip(rel, f"cannot read: {exc.strerror or exc}"))
        return result
    text, warning, reason = _decode(data)
    if reason:
        result.skipped.append(Skip(rel, reason))
        return result
    if warning:
        result.warnings.append(f"{rel}: {warning}")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        _read_jsonl(text, rel, boilerplate, result)
    elif suffix in (".html", ".htm"):
        _read_html(text, rel, boilerplate, result)
    else:
        _read_text(text, rel, suffix, boilerplate, result)
    return result


# --- Boilerplate that recurs across an archive --------------------------------


def _short_lines(path: Path) -> Iterable[set[str]]:
    """For each document in a file, the normalized forms of its short lines."""
    try:
        text, _, reason = _decode(path.read_bytes())
    except OSError:
        return
    if reason:
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        texts = [_record_body(r) for _, r, bad in _jsonl_records(text) if not bad]
    elif suffix in (".html", ".htm"):
        try:
            texts = [_html_page(text)[0]]
        except (AssertionError, ValueError):
            return
    else:
        texts = [text]
    for doc in texts:
        yield {
            norm
            for line in doc.splitlines()
            if 0 < _words(line) <= RECURRING_MAX_WORDS and (norm := normalize_line(line)) and _has_letters(norm)
        }


def find_recurring_lines(paths: Iterable[Path], root: Path) -> frozenset[str]:
    """Short lines (<= 6 words) that recur across an archive's articles: page furniture.

    From 20 articles up a line must be in max(5, 2%) of them, in a smaller archive in half (and two):
    a subhead three stories of a dozen share ("South China Sea") is no furniture, and the reader
    keeps a recurring line anyway where the article's own paragraphs say it. Reads at most 5,000
    files spread evenly over the archive (sorted order). root is kept for the contract.
    """
    paths = sorted(paths)
    step = max(1, math.ceil(len(paths) / RECURRING_SAMPLE))
    counts: Counter[str] = Counter()
    documents = 0
    for path in paths[::step]:
        for lines in _short_lines(path):
            documents += 1
            counts.update(lines)
    if documents < RECURRING_BIG_ARCHIVE:
        threshold = max(2, math.ceil(documents / 2))
    else:
        threshold = max(RECURRING_MIN_FILES, math.ceil(RECURRING_MIN_SHARE * documents))
    return frozenset(line for line, n in counts.items() if n >= threshold)
