"""Lines of a page: splitting, shape (long, breadcrumb, script) and what is furniture or a byline."""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections import Counter

from searchapp.reading.normalize import normalize_line
from searchapp.reading.rules import ReadingRules

TOP_LINES = 15  # dates, mastheads and titles are only looked for this near the top
LONG_PARAGRAPH_WORDS = 20  # ...and comes before the first paragraph this long
HEADLINE_LINE_WORDS = 25  # a line this short, alone in its file or over a story's fields, is its headline


BYLINE_MAX_WORDS = 14  # of each ";" part: "Reporting by X and Y; Editing by Z"


WRAPPED_LINE_CHARS = 60  # a line this long, not ending a sentence, may run on into the next line


RUN_ON_WORDS = frozenset("the a an of to in and or for with on at by from that as is was were".split())


BREADCRUMB_TAG_SHARE = 0.8  # of a line's words being section or place names ("Asia China Japan News")


SCRIPT_SAMPLE_CHARS = 5000  # the page's main script is judged on this much text


SENTENCE_END = ".!?"


ASCII_LETTER = re.compile(r"[A-Za-z]")


ASCII_WORD = re.compile(r"[A-Za-z]+")


NON_ASCII = re.compile(r"[^\x00-\x7f]")


BREADCRUMB_SEPARATORS = re.compile(r"\s*(?:[|>»/›]|::)\s*")


BYLINE_START = re.compile(
    r"(?i)^(?:by|written by|words by|(?:additional )?(?:reporting|writing|editing|compiled|translated)"
    r"(?: and \w+)? by)\s+(?P<names>.+)$"
)


NOT_A_NAME = frozenset(
    "the a an this that these those then now far contrast comparison way "
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight".split()
)


BYLINE_SMALL_WORDS = frozenset("and & in for of de van von der den bin binti al el da di le la du".split())


BYLINE_WRAPPING = "([—–-•· "  # "(Reporting by X; Editing by Y)", "— Reporting by X"


# "Kim Min-ji, Staff Writer": up to four capitalised names, a comma, a role (the byline_roles class)
NAME_AND_ROLE = re.compile(r"^(?P<names>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}),\s+(?P<role>[^,]+)$")


def word_count(line: str) -> int:
    return len(line.split())


def has_letters(line: str) -> bool:
    return any(ch.isalpha() for ch in line)


# What a generator files for a value it did not have: "source_name: Unknown Source", "author": "N/A"
PLACEHOLDER_VALUE = re.compile(
    r"(?i)\s*(?:unknown(?:\s+(?:source|author|outlet|publisher|site|title|date))?|n/?a|none|null|nil|undefined"
    r"|tbd|not available|no (?:source|author|title|date)|[-—–?]+"
    r"|(?:(?:title|content|text|body|date|source|author|url|link|summary|description)\s+)?"
    r"(?:not\s+found|not\s+available|unavailable|n/?a))\s*\.?\s*"  # a scraper's "Title not found", "Date N/A"
)


def is_placeholder(value: str) -> bool:
    return PLACEHOLDER_VALUE.fullmatch(value) is not None


def is_all_caps(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    """The writing system of a letter ("LATIN", "HANGUL", "CJK", ...)."""
    if ch < "\x80":
        return "LATIN"
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "OTHER"


def main_script(lines: list[str]) -> str:
    """The script most of the page's letters are written in (regexes keep English pages cheap)."""
    text = "\n".join(lines)[:SCRIPT_SAMPLE_CHARS]
    counts = Counter(_script(ch) for ch in NON_ASCII.findall(text) if ch.isalpha())
    counts["LATIN"] += sum(map(len, ASCII_WORD.findall(text)))
    return counts.most_common(1)[0][0] if counts else "LATIN"


def has_script(line: str, script: str) -> bool:
    if script == "LATIN" and ASCII_LETTER.search(line):
        return True
    return any(ch.isalpha() and _script(ch) == script for ch in NON_ASCII.findall(line))


# An HTML tag as scrapers leave it in text ("</p>", "<br/>", '<a href="...">'); "a < b" is no tag.
STRAY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>]{0,500})?/?>")
MARKUP_PASSES = 4  # "&amp;lt;b&amp;gt;": a scraper may escape twice
# a numeric reference may lack its ";" ("the Union, &#39warns"): browsers and html.unescape read it all the same
ENTITY = re.compile(r"&(?:#\d{1,7};?|#[xX][0-9A-Fa-f]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)")


def strip_markup(text: str) -> str:
    """Text with HTML entities decoded and stray tags removed; block tags become line breaks.

    Entities are decoded before tags are looked for again ("&lt;/p&gt;" is a tag once decoded),
    and tags are removed until none is left ("<<b>script>" hides one tag in another).
    """
    for _ in range(MARKUP_PASSES):
        before = text
        if "<" in text:
            text = STRAY_TAG.sub("", BLOCK_TAG.sub("\n", text))
        if "&" in text and ENTITY.search(text):
            text = html.unescape(text)
        if text == before:
            break
    return text


BLOCK_TAG = re.compile(r"(?i)</?(?:p|div|br|li|h[1-6]|tr|blockquote|section|article)\b[^<>]{0,500}/?>")


def split_lines(text: str, rules: ReadingRules) -> list[str]:
    """Non-empty stripped lines; a hard-wrapped paragraph is joined back into one line.

    The line being joined is kept in parts until it ends: adding each wrapped line to one
    string was quadratic in a long paragraph.
    """
    lines: list[str] = []
    parts: list[str] = []  # the line being joined
    length = 0  # of " ".join(parts)
    previous_blank = True
    raw_lines = text.splitlines()
    indented_column = _indented_paragraphs(raw_lines) if "\n " in text or "\n\t" in text else 0
    for raw in raw_lines:
        line = " ".join(raw.split())
        if not line:
            previous_blank = True
            continue
        last = parts[-1] if parts else ""
        wrapped = not previous_blank and not is_boilerplate(line, normalize_line(line), rules) and (
            (
                length >= WRAPPED_LINE_CHARS
                and last[-1] not in SENTENCE_END + ":\"”’)"
                and (line[0].islower() or last.rsplit(" ", 1)[-1] in RUN_ON_WORDS)
            )
            # wire copy that starts each paragraph indented: a line that is not runs on from a full line
            or (indented_column and raw[:1] not in " \t" and len(parts[-1]) >= indented_column)
        )
        if wrapped:
            parts.append(line)
            length += 1 + len(line)
        else:
            if parts:
                lines.append(" ".join(parts))
            parts, length = [line], len(line)
        previous_blank = False
    if parts:
        lines.append(" ".join(parts))
    return lines


def _indented_paragraphs(raw_lines: list[str]) -> int:
    """Where a text sets each paragraph's first line in and runs the rest full width, with no blank line between
    ("    The dry period means ..." in Reuters copy): how long a line must be to run on (half the width the
    lines are wrapped at); 0 for any other text."""
    written = [raw for raw in raw_lines if raw.strip()]
    indented = [raw for raw in written if raw[:1] in " \t" and raw.lstrip()[:1].isupper()]
    blank = len(raw_lines) - len(written)
    if len(indented) < INDENTED_PARAGRAPHS or len(indented) * 2 > len(written) or blank * 10 > len(raw_lines):
        return 0
    lengths = sorted(len(raw.strip()) for raw in written)
    return lengths[int(len(lengths) * 0.9)] // 2


INDENTED_PARAGRAPHS = 3  # paragraphs set in that make a text one of indented paragraphs


def is_boilerplate(line: str, norm: str, rules: ReadingRules) -> bool:
    """A short line that one of the boilerplate classes matches whole."""
    if word_count(line) <= rules.max_words:
        return rules.boilerplate.fullmatch(norm) is not None
    return rules.long_boilerplate.fullmatch(norm) is not None


def is_long(line: str) -> bool:
    words = word_count(line)
    # a 12-word headline may end in "?" or "!", a sentence ends in "."
    return words >= LONG_PARAGRAPH_WORDS or (words >= 12 and line.rstrip("\"”’)")[-1:] == ".")


SECTION_RUBRIC = re.compile(r"^\s*(?P<section>[A-Z][\w&' -]{1,24}?)\s+\|\s+\S[^|]{0,40}$")
HOME_TRAIL = re.compile(r"^\s*(?:Home|HOME)\s*(?:/|»|›|>|\|)\s*\S")


def is_breadcrumb(line: str, rules: ReadingRules) -> bool:
    """A line of section names ("World | Asia", "Asia China Global News News"), a section and a rubric
    ("Asia | Air-traffic control"), or a trail from the home page ("Home / HEADLINES / INDIA / Iranian Foreign
    Minister holds talks ...", the story's headline last)."""
    if HOME_TRAIL.match(line):
        return True
    if (rubric := SECTION_RUBRIC.match(line)) and rubric["section"].casefold() in rules.tag_words:
        return True  # "Asia | Air-traffic control": a magazine's section and the story's rubric over its headline
    if any(ch in line for ch in ".,;:!?\"“”") or not has_letters(line):
        return False
    separated = BREADCRUMB_SEPARATORS.search(line) is not None
    tokens = [t for t in BREADCRUMB_SEPARATORS.sub(" ", line).split() if t not in {"&", "and"}]
    if len(tokens) < (2 if separated else 3) or not all(t[0].isupper() or t[0].isdigit() for t in tokens):
        return False
    tags = rules.tag_words
    return separated or sum(t.casefold() in tags for t in tokens) / len(tokens) >= BREADCRUMB_TAG_SHARE


def as_byline(line: str, rules: ReadingRules) -> str | None:
    """The line itself when it is a byline: "By Choi Si-young (x@heraldcorp.com)", "BY KIM [kim@outlet.com]",
    "Kim Min-ji, Staff Writer", "(Reporting by X and Y; Editing by Z)"."""
    text = line.strip().lstrip(BYLINE_WRAPPING).strip()
    if text.endswith(")") and line.lstrip().startswith("("):
        text = text[:-1].rstrip()
    if not text or text[-1] in SENTENCE_END and not text.endswith(" Jr."):
        return None
    first, *more = text.split(";")
    role = NAME_AND_ROLE.match(first)
    if role and rules.byline_role.fullmatch(normalize_line(role["role"])) and not more:
        return line
    parts = [BYLINE_START.match(part.strip()) for part in (first, *more)]
    if not all(parts) or any(word_count(part) > BYLINE_MAX_WORDS for part in (first, *more)):
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


def letter_words(text: str) -> int:
    """Words of two letters or more: "| Updated : 2016-02-23 18:10" has one, "Yerevan: +14 °C" one."""
    return sum(1 for token in text.split() if sum(ch.isalpha() for ch in token) >= 2)
