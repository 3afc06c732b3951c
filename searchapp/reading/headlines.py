"""The headline of a page of text: which line is shaped like one, and what to do without one."""

from __future__ import annotations

import re

from searchapp.reading.dates import DATE_OR_TIME
from searchapp.reading.lines import TOP_LINES, as_byline, is_all_caps, is_breadcrumb, is_long, letter_words, word_count
from searchapp.reading.normalize import normalize_line
from searchapp.reading.rules import ReadingRules
from searchapp.reading.sources import known_outlet

HEADLINE_WORDS = (3, 30)  # a headline has this many words...


HEADLINE_MAX_CHARS = 250


PAGE_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—)\s+")  # "Headline | Section | Outlet"
PAGE_TITLE_PARTS = 4
PAGE_TITLE_SUFFIX_WORDS = 8  # what follows the headline in a page title: a section and the outlet's name


# A photo's caption ends with its credit: "... in Tokyo. (AP PHOTO)", "(Reuters/Jane Doe)", "Credit: AP",
# "Photo: Getty Images". A scraped page keeps captions over its headline; a headline never ends so.
PHOTO_CREDIT_END = re.compile(
    r"(?i)(?:\((?:[^()]{0,40}\b)?(?:photo|photograph|picture|image|file)s?\b[^()]{0,60}\)"
    r"|(?<=\S)\s+(?:credit|photo|photograph|picture|image)s?\s*(?:by|credit)?\s*:\s*[^.:]{1,40})\s*$"
)
PHOTO_LABEL_START = re.compile(r"^(?:FILE )?(?:PHOTO|PICTURE|IMAGE)S?\s*:", re.I)  # "FILE PHOTO: Senator ..."


# "China warns U.S.", "... según Corea del Sur y EE.UU.": a headline may end in an abbreviation's full stop
DOTTED_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:[A-Z]{1,2}\.){2,3}$")


# "HEADLINE IN CAPITALS By Jane Doe": a byline run onto the headline's line
HEADLINE_BYLINE = re.compile(r"^(?P<head>.*?\S)\s+(?P<byline>By\s+[A-Z].*)$")


def _is_headline(line: str, rules: ReadingRules, low: int = HEADLINE_WORDS[0]) -> bool:
    """Shaped like a headline: a handful of words (low at least), mixed case, no closing full stop."""
    high = HEADLINE_WORDS[1]
    return (
        low <= word_count(line) <= high
        and letter_words(line) >= min(low, 2)
        and len(line) <= HEADLINE_MAX_CHARS
        and (
            ((line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘([") and any(ch.islower() for ch in line))
            or _uncased(line)  # "(LEAD) N. Korea fires ...", mixed case; or Korean, Arabic, with no case at all
        )
        and (not line.endswith((".", ":", ",", ";")) or DOTTED_ABBREVIATION_END.search(line) is not None
             or (line.endswith(".") and _title_cased(line)))
        and "@" not in line
        and "://" not in line
        and DATE_OR_TIME.search(line) is None
        and PHOTO_CREDIT_END.search(line) is None
        and PHOTO_LABEL_START.match(line) is None
        and not is_breadcrumb(line, rules)
    )


def _uncased(line: str) -> bool:
    """Written mostly in a script without capitals (Chinese, Korean, Japanese, Arabic): case says nothing of it."""
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and 2 * sum(not (ch.isupper() or ch.islower()) for ch in letters) > len(letters)


def _title_cased(line: str) -> bool:
    """Every longer word after the first capitalized, as a headline in Title Case ("Boy, 11, Graduates From
    College."), which a sentence of prose never is: such a line is a headline whatever its last mark."""
    later = [w for w in line.split()[1:] if sum(ch.isalpha() for ch in w) >= 4]
    return len(later) >= TITLE_CASE_WORDS and all(w[0].isupper() for w in later)


TITLE_CASE_WORDS = 3


def cut_headline_byline(lines: list[str], rules: ReadingRules) -> str | None:
    """"AUKUS AND THE NEW ALIGNMENT By Jane Doe": the byline is cut off the headline's line and returned.

    Only where case tells where the headline ends: an all-caps headline, or one in sentence case
    ("Seoul and Tokyo agree to talks By Jane Doe"); "Launch Condemned By South Korea" is left alone.
    """
    for i, line in enumerate(lines[:TOP_LINES]):
        match = HEADLINE_BYLINE.match(line)
        if match and _headline_before_byline(match["head"], rules) and as_byline(match["byline"], rules):
            lines[i] = match["head"]
            return match["byline"]
        if is_long(line):
            return None
    return None


def _headline_before_byline(head: str, rules: ReadingRules) -> bool:
    if is_all_caps(head):
        return _is_caps_headline(head, rules)
    later = [w for w in head.split()[1:] if sum(ch.isalpha() for ch in w) >= 4]
    sentence_case = len(later) >= 2 and sum(w[0].islower() for w in later) * 2 > len(later)
    return sentence_case and _is_headline(head, rules)


def title_and_body(
    kept: list[tuple[int, str, bool]], first_long: int, rules: ReadingRules, page_lines: list[str] = ()
) -> tuple[str, list[str], int]:
    """The headline is the first headline-shaped line above the first long paragraph, or the one that
    the page's own title line (among page_lines, furniture included) repeats.

    Lines above it (mastheads, kickers, labels) are page furniture and left out.
    Returns the title, the body's lines and the title's line number (-1: none found).
    """
    top = [(k, line) for k, (i, line, recurs) in enumerate(kept) if i < first_long and not _is_section_label(line, rules)]
    titled = _page_title_heads(page_lines)
    ranked = (
        [(k, line) for k, line in top if normalize_line(line) in titled and _is_headline(line, rules)]
        or [(k, line) for k, line in top if _is_headline(line, rules) and not is_all_caps(line) and not kept[k][2]]
        or [(k, line) for k, line in top if _is_headline(line, rules) and not is_all_caps(line)]
        or _long_headline_first(kept, first_long, rules)
        or [(k, line) for k, line in top if _is_caps_headline(line, rules)]
        # "Opinion" / "Editorial" / "Looking east": under a section's label, a headline of two words
        or [(k, line) for k, line in top if k and _is_section_label(kept[k - 1][1], rules) and _is_headline(line, rules, 2)]
    )
    if ranked:
        k, title = ranked[0]
        body = [line for _, line, recurs in kept[k + 1:] if not recurs]
        return title, body, kept[k][0]
    body = [line for _, line, recurs in kept if not recurs]
    if not body:
        return "", [], -1
    # a label ("Opinion", "Editorial") or a kicker in capitals ("ANALYSIS") is no stand-in for a headline
    labels = (line for line in body if not is_all_caps(line) and not _is_section_label(line, rules))
    return _first_sentence(next(labels, body[0])), body, -1


def _long_headline_first(kept: list[tuple[int, str, bool]], first_long: int, rules: ReadingRules) -> list[tuple[int, str]]:
    """A headline long enough to count as a paragraph (twenty words, as Spanish papers write them; or twelve that
    end in "EE.UU."): the first long line, when it is shaped like a headline, ends in no ellipsis and stands right
    over a paragraph that ends a sentence, with nothing but lines in capitals (labels, kickers) above it."""
    k = next((k for k, (i, _, _) in enumerate(kept) if i == first_long), None)
    if k is None or k + 1 >= len(kept) or any(not is_all_caps(line) for _, line, _ in kept[:k]):
        return []
    line, after = kept[k][1], kept[k + 1][1]
    if _is_headline(line, rules) and not line.endswith(("…", "]", ")")) and is_long(after) and after.rstrip("\"”’)")[-1:] in ".!?":
        return [(k, line)]
    return []


def _page_title_heads(page_lines: list[str]) -> set[str]:
    """What the page's own title line says the headline is: a scraped page's text keeps its <title>
    ("Starmer: Putin standing in the way - AOL", "Headline | Section | Al Jazeera") at the top or the foot,
    where a navigation's links ("Home & Garden") would otherwise come first."""
    heads = set()
    for line in page_lines:
        parts = PAGE_TITLE_SEPARATOR.split(line)
        for n in range(1, min(len(parts), PAGE_TITLE_PARTS)):
            head = normalize_line(" ".join(parts[:n]) if n == 1 else line.rsplit(parts[n], 1)[0])
            if word_count(head) >= HEADLINE_WORDS[0] and word_count(" ".join(parts[n:])) <= PAGE_TITLE_SUFFIX_WORDS:
                heads.add(head)
    return heads


def _is_section_label(line: str, rules: ReadingRules) -> bool:
    """"ANALYSIS", "Exclusive:": a label saying what kind of piece follows, never its title."""
    return normalize_line(line) in rules.section_labels


def _is_caps_headline(line: str, rules: ReadingRules) -> bool:
    """An all-caps line shaped like a headline: not a short kicker ("NORTH KOREA"), label, outlet or breadcrumb."""
    low, high = HEADLINE_WORDS
    return (
        is_all_caps(line)
        and low <= word_count(line) <= high
        and len(line) <= HEADLINE_MAX_CHARS
        and not line.endswith((".", ":", ",", ";"))
        and DATE_OR_TIME.search(line) is None
        and not _is_section_label(line, rules)
        and known_outlet(line, rules) is None
        and not is_breadcrumb(line, rules)
    )


def _first_sentence(paragraph: str, max_words: int = 20) -> str:
    """A stand-in title for a page without a headline."""
    sentence = re.split(r"(?<!\b[A-Z]\.)(?<=[.!?])\s+(?=[A-Z\"“])", paragraph, maxsplit=1)[0]  # not after "N."
    words = sentence.split()
    return " ".join(words[:max_words]) + (" …" if len(words) > max_words else "")


