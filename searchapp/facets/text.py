"""Words, names and sentences as the facets read them: the name patterns, spelling keys,
sentence bounds, the words around a position, and a set of spans tested by bisection."""

from __future__ import annotations

import bisect
import re
import unicodedata

# A word that can be part of a person's name: capitalized, with lowercase letters, maybe hyphenated.
UPPER, LOWER = "A-ZÀ-ÖØ-ÞĀ-ſ", "a-zß-öø-ÿĀ-ſ"  # Latin letters with accents ("Sánchez", "Erdoğan")
# "McCain", "DiCarlo", "O'Brien", "al-Assad": a capital may sit inside a surname, so a token
# runs to the end of its word ("Rosemary DiCarlo" is never cut to "Rosemary Di").
# A generational suffix ends a name and belongs to it: "Romeo Brawner Jr.", "Benigno Aquino III".
NAME_SUFFIX = r"(?:Jr\.?|Sr\.?|II|III|IV)(?![\w])"
# Initials stand for given names, as Indian names are often written: "M.K. Stalin", "P. Krishnan",
# and without stops "LK Advani" (two capitals, only right before a capitalized word; officials.py
# keeps them only at a name's start, and acronyms such as "UN" or "PM" are name_stopwords).
INITIALS = r"(?<![\w.])(?:(?:[A-Z]\.){1,3}|[A-Z]{2}(?=[ \t][A-Z][a-z]))"
NAME_TOKEN = (
    rf"(?:(?!{NAME_SUFFIX})(?:(?:al|el|bin)-)?(?:[{UPPER}]['’])?(?:[{UPPER}][{LOWER}]{{0,2}}(?=[{UPPER}]))?[{UPPER}][{LOWER}]+"
    rf"(?:['’][{UPPER}{LOWER}]+)?(?:-[{UPPER}{LOWER}][{LOWER}]+)*(?![\w])|{INITIALS})"
)
UNDOTTED_INITIALS = re.compile(r"[A-Z]{2}")
# Lower-case particles inside a name: "Ursula von der Leyen", "Mohammed bin Salman", "Lula da Silva".
NAME_PARTICLES = ("von", "van", "der", "den", "de", "da", "del", "della", "di", "du", "dos", "das", "bin", "bint", "ibn", "al", "el", "le", "la")
NAME_PARTICLE = f"(?:{'|'.join(NAME_PARTICLES)})"
# "his counterpart, Mr. Gedu Andargachew,": a courtesy title may open the name (officials.py drops it)
HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Dr)\.?[ \t])?"
NAME = rf"{HONORIFIC}{NAME_TOKEN}(?:(?:[ \t]{NAME_PARTICLE}){{0,2}}[ \t]{NAME_TOKEN}){{0,4}}(?:[ \t]{NAME_SUFFIX})?"
NAME_TOKEN_RE = re.compile(NAME_TOKEN)
SUFFIX_AT_END = re.compile(rf"[ \t]{NAME_SUFFIX}$")
CAPITALIZED_WORD = re.compile(rf"(?<![\w'’-])[{UPPER}][{UPPER}{LOWER}]*[{LOWER}](?![\w-])")
TITLE_ABBREVIATIONS = {"gen.", "sen.", "rep.", "gov.", "adm.", "col.", "lt.", "maj.", "brig.", "cdr.", "mr.", "mrs.", "ms.",
                       "dr.", "u.s.", "u.k."}
SPACE = r"[ \t\u00a0]+"
# " of the Iraqi Ministry of Trade", " for emergency situations", " de la justice": a post's words after its
# title, up to a comma
POST_RUNS_ON = rf"{SPACE}(?:of|for|to|on|in|at|and|de|del|des|du|della|degli|da|do|für){SPACE}[^,.;:!?\n\"“”]{{1,60}}?"
# a full stop before a capital or a digit, a line break, or a Chinese or Japanese full stop ("。", "！", "？")
SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bSt)(?<!\bNo)[.!?]+[\"”’']?(?=\s+[\"“‘']?[A-Z0-9])|[。！？]+[”」』]?|\n"
)


def literal(phrase: str) -> str:
    """A regex for a phrase: straight and curly apostrophes alike, any run of spaces."""
    parts = []
    for ch in phrase:
        if ch in "'’":
            parts.append("['’]")
        elif ch == " ":
            parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def alternation(phrases, flags_for=lambda p: "") -> str:
    """One alternation, longest phrase first so the longest form wins at a position."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(f"(?{flags_for(p)}:{literal(p)})" if flags_for(p) else literal(p) for p in ordered)


def unaccented(text: str) -> str:
    """The text without diacritics: "Mevlüt Çavuşoğlu" -> "Mevlut Cavusoglu" (as English press writes it)."""
    if text.isascii():
        return text
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return plain.replace("ı", "i").replace("ł", "l").replace("Ł", "L")


def spelling_key(name: str) -> str:
    """Spelling-insensitive key of a name: "Yoon Suk-yeol", "Yoon Suk Yeol" and accented forms agree."""
    return re.sub(r"[^a-z]", "", unaccented(name).lower())


# How German and other European copy transliterates Russian, Ukrainian and Persian names: "Sergej
# Lawrow" is "Sergei Lavrov", "Wolodymyr Selenskyj" is "Volodymyr Zelensky", "Madschid Tacht-Rawantschi"
# is "Majid Takht-Ravanchi"
TRANSLITERATIONS = (("dsch", "j"), ("tsch", "ch"), ("sch", "sh"), ("kh", "ch"), ("w", "v"), ("j", "i"), ("y", "i"), ("z", "s"))


def sound_key(key: str) -> str:
    """A spelling key with transliterations made alike; compared only with known officials' names."""
    for written, sound in TRANSLITERATIONS:
        key = key.replace(written, sound)
    return key


def form_key(form: str) -> str:
    """Forms as written in text map back to their entry: one space, straight apostrophes."""
    return re.sub(r"\s+", " ", form).replace("’", "'")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in SENTENCE_END.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def title_case_lines(text: str, small_words: set[str]) -> list[tuple[int, int]]:
    """Headlines and subheads: short lines whose words, small ones aside, are nearly all capitalized."""
    spans, start = [], 0
    for line in text.split("\n"):
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if w.lower() not in small_words]
        if line.rstrip().endswith(".") or not 3 <= len(words) <= 25:
            pass  # a sentence, or too short or long for a headline
        elif sum(not w[0].isupper() for w in words) <= len(words) // 8:
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def sentence_at(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    lo, hi = 0, len(bounds) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if bounds[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return bounds[lo] if bounds else (0, 0)


def word_before(text: str, pos: int) -> tuple[str, int]:
    """The word that ends right before pos (one space apart), and where it starts."""
    m = re.search(r"([A-Za-z][\w.'’-]*)[ \t]$", text[max(0, pos - 40):pos])
    if not m or (m.group(1).endswith(".") and m.group(1).lower() not in TITLE_ABBREVIATIONS):
        return "", pos  # a full stop before: the word at pos starts a sentence
    return m.group(1), pos - (len(m.group(0)))


def word_after(text: str, pos: int) -> str:
    m = re.match(r"[ \t]([A-Za-z][\w'’-]*)", text[pos:pos + 40])
    return m.group(1) if m else ""


def starts_sentence(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?:\n"


class SpanSet:
    """Spans kept in order, those that overlap or touch merged into one, so that each test is a
    bisection and extraction stays linear in the article's length."""

    def __init__(self, spans=()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        lo = bisect.bisect_left(self.starts, start)
        if lo > 0 and self.ends[lo - 1] >= start:  # the span before reaches this one
            lo -= 1
        hi = bisect.bisect_right(self.starts, end)  # the spans starting within this one
        if lo < hi:
            start, end = min(start, self.starts[lo]), max(end, *self.ends[lo:hi])
        self.starts[lo:hi] = [start]
        self.ends[lo:hi] = [end]

    def overlaps(self, start: int, end: int) -> bool:
        at = bisect.bisect_left(self.starts, end)  # the last span starting before end
        return at > 0 and self.ends[at - 1] > start

    def covers(self, start: int, end: int) -> bool:
        at = bisect.bisect_right(self.starts, start)  # the last span starting at or before start
        return at > 0 and self.ends[at - 1] >= end
