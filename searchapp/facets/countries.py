"""Countries an article is about: names, short forms, demonyms and capitals, read in context."""

from __future__ import annotations

import bisect
import re

from searchapp.facets.model import FacetValue, Span
from searchapp.facets.patterns import FacetPatterns, cjk_finditer
from searchapp.facets.text import LOWER, UPPER, literal, sentence_at, word_after, word_before


def countries_in(text: str, k: FacetPatterns, bounds) -> list[FacetValue]:
    found: dict[str, list[Span]] = {}
    seen: dict[tuple, bool] = {}  # what a line or sentence was found to hold, asked once each
    for start, end, form in k.country_index.finditer(text):
        country, kind, rules = k.country_forms[form]
        if country is None or not _country_mention_holds(text, start, end, kind, rules, k, bounds, seen):
            continue
        found.setdefault(country, []).append(Span(start, end, text[start:end]))
    for m in GLUED_WORDS.finditer(text):  # "IsraeliPalestinian": a dash lost between two demonyms
        parts = [(p.start(), p.end()) for p in re.finditer(rf"[{UPPER}][{LOWER}]+", m.group(0))]
        forms = [k.country_forms.get(m.group(0)[s:e]) for s, e in parts]
        if not all(f is not None or DEMONYM_SHAPE.fullmatch(m.group(0)[s:e]) for f, (s, e) in zip(forms, parts)):
            continue
        for form, (s, e) in zip(forms, parts):
            if form is not None and form[0] is not None and form[1] == "demonym":
                found.setdefault(form[0], []).append(Span(m.start() + s, m.start() + e, text[m.start() + s:m.start() + e]))
    if k.cjk_country_re is not None and not text.isascii():
        for m in cjk_finditer(k.cjk_country_re, text):  # "美国", "北朝鮮", "미국은": names with no spaces around them
            for country in k.cjk_country_forms.get(m.group(0), ()):  # "中美": two, "中美洲": none
                found.setdefault(country, []).append(Span(m.start(), m.end(), m.group(0)))
    for start, end, country in k.inflected_countries.finditer(text):  # "والصين", "בישראל", "России"
        found.setdefault(country, []).append(Span(start, end, text[start:end]))
    return [FacetValue(c, tuple(spans)) for c, spans in found.items()]


GLUED_WORDS = re.compile(rf"(?<![\w-])[{UPPER}][{LOWER}]{{3,}}(?:[{UPPER}][{LOWER}]{{3,}})+(?![\w])")
DEMONYM_SHAPE = re.compile(r"[A-Z][a-z]+(?:an|ese|i|ish)")


def _country_mention_holds(text, start, end, kind, rules, k: FacetPatterns, bounds, seen: dict) -> bool:
    """Context rules for ambiguous forms: persons, other places, organisations, all-caps lines.

    seen keeps each line's and sentence's answer: a line or sentence with many mentions is read
    once, not once a mention (a long one made that quadratic)."""
    if rules.get("not_in_caps_line"):
        line = _line_around(text, start, end, seen)
        if ("caps", line) not in seen:
            seen["caps", line] = not re.search(r"[a-z]", text[line[0]:line[1]])
        if seen["caps", line]:
            return False
    if text[end:end + 1] == "$":
        return False  # a currency: "US$", "NZ$"
    if kind == "demonym" and re.match(r"-(?:language|speaking)\b", text[end:end + 10]):
        return False  # "a Russian-language forum": a language, no government
    if kind == "capital":
        if _in_dateline(text, start, end):
            return False  # "AMMAN (Reuters) -": where the story was filed, not that country's government
        if re.match(r"-based\b", text[end:end + 7]):
            return False  # "a Washington-based think tank": a place, not its government
        before, before_at = word_before(text, start)
        if before.lower() in k.capital_place_prepositions and not k.government_word_re.search(text[max(0, before_at - 30):before_at]):
            return False  # "In Vienna, diplomats met"; but "the authorities in Seoul said" is its government
    after = word_after(text, end)
    if kind == "capital" or rules:
        if after in k.org_words or after in rules.get("not_before", []):
            return False
    if rules.get("person"):
        before, _ = word_before(text, start)
        if before[:1].isupper() and before.lower() not in k.title_words and before not in k.stopwords and before not in k.country_forms:
            return False  # "Michael Jordan", "Denzel Washington"
        if after[:1].isupper() and after.lower() not in k.title_words and after not in k.stopwords and after not in k.country_forms:
            return False
    near = rules.get("reject_near")
    if near:
        s, e = sentence_at(bounds, start)
        if ("near", s, id(near)) not in seen:
            sentence = text[s:e]
            seen["near", s, id(near)] = any(re.search(rf"(?<![\w-]){literal(w)}(?![\w-])", sentence) for w in near)
        if seen["near", s, id(near)]:
            return False
    return True


# after a dateline's place in capitals: an optional ", Region", an optional "(Agency)", then a dash or colon
DATELINE_AFTER = re.compile(r"(?:,[ \t]+[A-Z][\w .'’-]{1,30}?)?[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:—|–|--|-|:)[ \t]")


def _in_dateline(text: str, start: int, end: int) -> bool:
    """A capital in capitals opening a line and closed like a wire dateline ("AMMAN (Reuters) - ",
    "KYIV: ", "SEOUL, South Korea (AP) — ")."""
    return (
        text[start:end].isupper()
        and (start == 0 or text[start - 1] == "\n")
        and DATELINE_AFTER.match(text, end) is not None
    )


def _line_around(text: str, start: int, end: int, seen: dict) -> tuple[int, int]:
    """Where the line (or lines) holding text[start:end] starts and ends, by bisecting the text's
    line breaks, found once (searching back from each mention was slow on a long line)."""
    if "newlines" not in seen:
        seen["newlines"] = [m.start() for m in re.finditer("\n", text)]
    newlines = seen["newlines"]
    before = bisect.bisect_left(newlines, start)
    after = bisect.bisect_left(newlines, end)
    return (newlines[before - 1] + 1 if before else 0), (newlines[after] if after < len(newlines) else len(text))
