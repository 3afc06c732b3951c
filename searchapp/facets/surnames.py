"""A surname on its own ("Wang said", "President Park", "the Bush administration"):
the article's one person of that name, or the known official it must mean."""

from __future__ import annotations

import datetime
import heapq
import re
from collections import Counter

from searchapp.facets.model import Span
from searchapp.facets.patterns import ALL_KINDS, FacetPatterns, Official, parse_day
from searchapp.facets.text import (
    CAPITALIZED_WORD, LOWER, TITLE_ABBREVIATIONS, UPPER, starts_sentence, title_case_lines, unaccented, word_after,
    word_before,
)


LEADERS = {"head_of_state", "head_of_government"}


def _dated_surname(word, possessive, repeated, day, countries, k: FacetPatterns, paired=False) -> Official | None:
    """A surname repeated on its own ("Yun said ... Yun added"), or possessive ("Biden's First
    Test"), is the one known official of that surname from the article's countries in office
    on the article's date; a leader in office that day needs no country of the article
    ("Trump's special envoy" in a story about Ukraine): leaders are called by surname worldwide.
    Written once, it is only a leader in office that day: of one of the article's countries
    ("Zelenskyy Pushes for Talks" over a story about Ukraine), or of any when no other known
    official has that surname and it is neither a given name ("Charles") nor a family name
    many share ("Lee"): "the Zelenskyy-Putin talk"; such a surname also names any official of one of the
    article's countries serving that day ("Blinken and Lammy in Kyiv"), else a former leader
    ("Biden Inherits Crisis From Trump" in 2021); possessive or repeated, such a surname is a
    former leader too ("Trump's second term" before his return). A family name many share may still name the one
    leader of that name paired with another leader ("Trump, Xi agree", "the Biden-Xi summit"): paired.
    Undated ("Trump says Tehran wants a deal" in a list of headlines), it is only the leader the knowledge
    has in office now, of a surname no other official has, no given name and no short word ("Saw" of Nyo Saw
    starts sentences). Several such officials: no one."""
    known = k.known_by_surname.get(word, [])
    if day is None:
        distinct = len(known) == 1 and len(word) > 3 and word not in k.given_names and word not in k.surname_first
        return known[0] if distinct and known[0].in_office(LEADERS) else None
    if not possessive and not repeated:
        # no other official's surname, nor a given name, nor a family name many share ("Lee", "Tan")
        distinct = len(known) == 1 and word not in k.given_names and word not in k.surname_first
        leaders = [p for p in known if p.holds(LEADERS, day) and (p.country in countries or distinct)]
        if not leaders and paired and len(known) == 1 and word not in k.given_names:
            leaders = [p for p in known if p.holds(LEADERS, day)]
        if not leaders and distinct:  # "Blinken and Lammy in Kyiv": the one official of that name, serving
            leaders = [p for p in known if p.holds(ALL_KINDS, day) and p.country in countries]
        if not leaders and distinct:  # "Biden Inherits Crisis From Trump": the one former leader of that name
            leaders = [p for p in known if p.held_before(LEADERS, day)]
        return leaders[0] if len(leaders) == 1 else None
    candidates = [p for p in known if p.country in countries and p.holds(ALL_KINDS, day)]
    if not candidates:
        candidates = [p for p in known if p.holds(LEADERS, day)]
    if not candidates and possessive and len(known) == 1 and word not in k.given_names and word not in k.surname_first:
        candidates = [p for p in known if p.held_before(LEADERS, day)]  # "Trump's second term", written in 2025
    return candidates[0] if len(candidates) == 1 else None


def _bare_word_may_be_surname(text, start, end, titled, k: FacetPatterns) -> bool:
    """The capitalized word at start..end may stand alone for a person: no other name around it
    ("Choi Si-young", "Gorky Park"), not a word that starts sentences ("He said"), not a role
    that is never an official's ("actor Lee's"). The second of two hyphened surnames ends a name
    whatever follows: "Trump-Xi Truce" in a title-case headline."""
    word = text[start:end]
    after = word_after(text, end)
    if (
        text[start - 1:start] != "-"
        and after[:1].isupper()
        and after not in k.stopwords
        and after.lower() not in k.title_words
        and after not in k.country_forms
        and not (_headline_verb(after, k) and _in_headline(text, start, k))
        and not _verb_after_pair(text, start, after, k)
    ):
        return False  # another name follows: "Choi Si-young" is not "Choi", nor "writes Jonathan Marcus" "Jonathan"
    if titled is not None:
        return True
    initials = INITIALS_BEFORE.search(text, max(0, start - 12), start)
    if initials and initials[1].replace(" ", "") not in k.country_forms:
        return False  # "A.K. Sharma", "J. Smith": someone's initials, so someone else's full name ("U.S." is no one's)
    before, before_at = word_before(text, start)
    if word in k.stopwords or k.non_official.fullmatch(before):
        return False
    return not (
        before[:1].isupper()
        and before.lower() not in k.title_words
        and before.lower() not in TITLE_ABBREVIATIONS
        and before not in k.stopwords
        and before not in k.country_forms
        and re.sub(r"['’]s$", "", before) not in k.country_forms  # "Germany's Merkel", "China's Xi": whose leader
        and not starts_sentence(text, before_at)
        # "Oil Rises on Speculation Trump Plans to ...": in a title-case headline every word is capitalized, and a
        # surname before its verb is the subject, unless a given name stands before it ("Bill Gates Pledges")
        and not (before not in k.given_names and _headline_verb(after, k) and _in_headline(text, start, k))
    )  # "Gorky Park", "Central Park"


INITIALS_BEFORE = re.compile(r"(?<![\w.])((?:[A-Z]\.[ \t]?){1,3})[ \t]*$")


def _in_headline(text: str, at: int, k: FacetPatterns) -> bool:
    """Whether the line around at is set in title case, as a headline is: only there does a capitalized word
    ending in s read as a verb ("Zelenskyy Pushes for Talks"); in a sentence it is a name ("Jonathan Marcus")."""
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    line = text[start:end if end >= 0 else len(text)]
    return bool(title_case_lines(line, k.headline_small_words))


def _verb_after_pair(text: str, start: int, after: str, k: FacetPatterns) -> bool:
    """"Trump and Xi Agree to a Truce": in a headline, the word after the second of two joined surnames is the
    pair's verb, unless it is a known name's word."""
    return (
        after.lower() not in k.known_by_token
        and JOINED_BEFORE.search(text, max(0, start - 40), start) is not None
        and _in_headline(text, start, k)
    )


def _headline_verb(word: str, k: FacetPatterns) -> bool:
    """A capitalized present-tense verb, as a headline puts one after its subject ("Zelenskyy
    Pushes for Talks", "Putin Signals ..."): ends in a single s and is no known official's name word."""
    return (
        len(word) > 3
        and word[1:].islower()
        and word.endswith("s")
        and not word.endswith("ss")
        and word.lower() not in k.known_by_token
    )


# Two surnames joined by a hyphen: "the Zelenskyy-Putin talk", "a Trump-Kim summit"
CAPITALIZED = rf"[{UPPER}][{UPPER}{LOWER}]*[{LOWER}]"
HYPHENED_PAIR = re.compile(rf"(?<![\w'’-])({CAPITALIZED})-({CAPITALIZED})(?![\w-])")


def _bare_words(text: str, k: FacetPatterns, by_surname):
    """(start, end, word) of each capitalized word, and of both halves of a hyphened pair whose
    halves are both surnames someone may go by (not "Anti-Trump": "Anti" is no one's).
    A generator: a list of every capitalized word of a 50 MB text took gigabytes."""
    halves = []
    for m in HYPHENED_PAIR.finditer(text):
        if all(unaccented(m.group(i)) in by_surname or unaccented(m.group(i)) in k.known_by_surname for i in (1, 2)):
            halves += [(m.start(1), m.end(1), m.group(1)), (m.start(2), m.end(2), m.group(2))]
    words = ((m.start(), m.end(), m.group(0)) for m in CAPITALIZED_WORD.finditer(text))
    return heapq.merge(words, halves)


# "Lagos, Nigeria": a place before its country, as a dateline writes it
PLACE_BEFORE_COUNTRY = re.compile(rf"(?<![\w'’-])([{UPPER}][{LOWER}][\w'’-]*),[ \t]+([{UPPER}][\w'’. -]{{2,30}}?)(?=[ \t]*[,:(–—-]|\s*$)", re.M)


def _places(text: str, k: FacetPatterns) -> set[str]:
    """Surname-like words the article writes as a place before its country ("Lagos, Nigeria" in a dateline): on
    their own they are that place again, not a known official of that surname (Ricardo Lagos)."""
    return {
        unaccented(m.group(1)) for m in PLACE_BEFORE_COUNTRY.finditer(text)
        if unaccented(m.group(1)) in k.known_by_surname and k.country_forms.get(m.group(2).strip(), (None,))[0]
    }


def resolve_surnames(
    article, text, k: FacetPatterns, people, persons, bare, taken, excluded, company_words=frozenset(), countries=()
) -> None:
    """A bare surname is the article's one person of that name, or, after a title or before
    "administration", the one known official of that name and kind; company_words are the first
    words of the company names in the text ("Baker" of "Baker International Corp")."""
    by_surname: dict[str, set[str]] = {}  # the word a bare mention uses -> who it may mean
    maybe: dict[str, set[str]] = {}  # also the other end of names that could be in either order
    for name, person in persons.items():
        surname = unaccented(person.surname if person else k.surname_of(name))
        by_surname.setdefault(surname, set()).add(name)
        tokens = name.split()
        for token in (tokens[0], tokens[-1]):
            if token != surname and token in k.surname_first:
                maybe.setdefault(token, set()).add(name)  # "Sung Kim" may be called "Kim"
    bare_at = {mm.start: mm for mm in bare}
    # a company's first word ("Baker International Corp") and a place before its country ("Lagos, Nigeria")
    not_people = (company_words | _places(text, k)) - by_surname.keys()
    # Counted in a pass of its own: a list of every capitalized word's match of a 50 MB text took gigabytes.
    counts = Counter(m.group(0) for m in CAPITALIZED_WORD.finditer(text))
    for start, end, written in _bare_words(text, k, by_surname):
        word = unaccented(written)
        if word not in by_surname and (word not in k.known_by_surname or word in not_people):
            continue  # "Baker said" after "Baker International Corp": the company, not James Baker
        if taken.overlaps(start, end) or excluded.covers(start, end):
            continue
        titled = bare_at.get(start)
        if not _bare_word_may_be_surname(text, start, end, titled, k):
            continue
        names = by_surname.get(word, set())
        if _more_than_one(names, maybe.get(word, set())):
            continue  # two people of that name in the article: not clear which
        if len(names) == 1:
            people[next(iter(names))].append(Span(start, end, written))
            continue
        if maybe.get(word):
            continue
        after = word_after(text, end)
        if titled is not None:
            kinds = {titled.kind}  # "President Park": a head of state; "spokesperson Wang": an "other" role
        elif re.sub(r"['’]s$", "", after.lower()) in k.surname_contexts:  # "the Trump administration's"
            kinds = {"head_of_state", "head_of_government"}
        elif word in k.word_surnames:
            continue  # "Key findings", "the official English version": a word, not John Key or Bill English
        elif word_before(text, start)[0].lower() == "the" and text[end:end + 1] in ("", ",", ".", ";", ":", ")"):
            continue  # "expelled the Higgins,": a ship, a house, a team; the press writes no one "the Higgins"
        else:
            possessive = re.match(r"['’]s\b", text[end:end + 3]) is not None
            paired = _paired_with_leader(text, start, end, article.date, k)
            person = _dated_surname(word, possessive, counts[written] > 1, article.date, countries, k, paired)
            if person is not None:
                people.setdefault(person.name, []).append(Span(start, end, written))
                persons[person.name] = person
                by_surname.setdefault(word, set()).add(person.name)
            continue
        if titled is not None and titled.kind == "other":
            # "other" is every post: the post written must be one the person held ("Secretary Kerry"),
            # and on a dated article, held some post that day
            candidates = [p for p in k.known_by_surname.get(word, []) if _held_as_written(p, titled.title)]
            if article.date is not None:
                candidates = [p for p in candidates if p.holds(ALL_KINDS, article.date)]
        else:
            candidates = [p for p in k.known_by_surname.get(word, []) if p.holds(kinds, None)]
            in_office = [p for p in candidates if p.holds(kinds, article.date)]
            if article.date is not None and in_office:
                candidates = in_office
        if len(candidates) > 1 and titled is None:
            candidates = [_leader_of_the_era(candidates, kinds, article.date)]  # "the Bush administration"
        if len(candidates) == 1:
            person = candidates[0]
            people.setdefault(person.name, []).append(Span(start, end, written))
            persons[person.name] = person
            by_surname.setdefault(word, set()).add(person.name)


# "Trump, Xi", "Trump and Xi", "Biden-Xi", "Xi & Putin": two surnames joined as a pair of leaders
JOINED_AFTER = re.compile(rf"[ \t]*(?:,|and|&|[-–—/])[ \t]*({CAPITALIZED})(?![\w-])")
JOINED_BEFORE = re.compile(rf"(?<![\w'’-])({CAPITALIZED})[ \t]*(?:,|and|&|[-–—/])[ \t]*$")


def _paired_with_leader(text: str, start: int, end: int, day, k: FacetPatterns) -> bool:
    """The word is joined to the surname of a leader in office that day, the only known official of that name."""
    if day is None:
        return False
    partners = [m.group(1) for m in (JOINED_AFTER.match(text, end), JOINED_BEFORE.search(text, max(0, start - 40), start)) if m]
    for partner in partners:
        known = k.known_by_surname.get(unaccented(partner), [])
        if len(known) == 1 and known[0].holds(LEADERS, day):
            return True
    return False


def _held_as_written(person: Official, title: str | None) -> bool:
    """Whether one of the person's roles is the post the article wrote, for a title of kind
    "other", which covers every post: "Senator Baker" is not Treasury Secretary Baker, nor "vice
    president for Merrill Lynch" Attorney General Lynch. Words compare by their first five
    letters ("spokesman" is a "Spokesperson")."""
    written = {w[:5] for w in re.findall(r"[a-z]+", title or "") if len(w) > 3}
    return any(
        written & {w[:5] for w in re.findall(r"[a-z]+", role.get("title", "").lower()) if len(w) > 3}
        for role in person.roles
    )


def _leader_of_the_era(candidates: list[Official], kinds: set[str], day: datetime.date | None) -> Official:
    """Of several leaders sharing a surname ("the Bush administration"), the one whose time in
    office lies closest to the article's date; undated, the one who held office longest (the
    best-known), then the one listed first."""
    def terms(person):
        for role in person.roles:
            if role.get("kind", "other") in kinds:
                start = parse_day(role.get("from")) or datetime.date.min
                yield start, parse_day(role.get("to")) or datetime.date.today()

    def distance(person):
        if day is None:
            return -sum((end - start).days for start, end in terms(person))
        return min(max((start - day).days, (day - end).days, 0) for start, end in terms(person))

    return min(candidates, key=distance)


def _more_than_one(names: set[str], more: set[str]) -> bool:
    """Whether the two sets together hold two names or more, without building their union
    (a surname many people of an article share made that a pass over all of them a mention)."""
    if len(names) > 1 or len(more) > 1:
        return True
    return len(names | more) > 1
