"""Who met whom: meetings between officials an article reports, with their date, place and evidence.

Meetings are read from sentence patterns around the officials extraction already found
("X met Y", "X held talks with Y", "a summit between X and Y", "In a call with Y, X said").
Participants are only ever officials' own mentions in those patterns, never pronouns, so a
quoted or merely mentioned official is not one. Planned meetings are not meetings (tests/data/LABELS.md).
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from searchapp.reading import Article

if TYPE_CHECKING:
    from searchapp.facets import Facets


@dataclass(frozen=True)
class Meeting:
    participants: tuple[str, ...]  # canonical official names, sorted
    date: str | None  # ISO day, "YYYY-MM" or "YYYY" as precise as the article says; None: no date known
    place: str | None  # as written ("Busan", "the White House"); None when not stated
    evidence: str  # the sentence that reports it
    start: int  # the sentence's span in Article.text
    end: int


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    names: tuple[str, ...]  # one official; two for "the two leaders" in a paragraph that names two


def _names(group) -> set[str]:
    return {name for m in group for name in m.names}


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTH_NUMBER = {name[:3]: number for number, name in enumerate(MONTHS, 1)}
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?")
# A full stop after these ends no sentence: "Jan. 17", "Gen. Brawner", "Romeo Brawner Jr. said".
ABBREVIATIONS = frozenset("Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec Gen Sen Rep Gov Adm Col Lt Maj Mr Mrs Ms Dr St No "
                          "Jr Sr".split())
SENTENCE_END = re.compile(r"(?<![A-Z])[.!?]+[\"”’']?(?=\s+[\"“‘']?[A-Z0-9])|\n")
MAX_SENTENCE = 2000  # characters; a longer run without a full stop is a table or a list, not a report: skipped
QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")

# The meeting words; capitalized only at a sentence's start: a headline's "Kerry in Seoul for Talks" announces.
NOUN = (r"(?:(?:phone|telephone|video|video conference|conference|courtesy) call|call|meetings?|talks|summit|"
        r"conversation|briefing|(?:news|press) conference|discussions|consultations)")
TRIGGER = re.compile(
    rf"(?P<held>\b(?:held|holds|had)\s+(?:(?!no\b|not\b|never\b)[\w-]+\s+){{0,3}}?{NOUN}(?:\s+with\b)?"
    r"|\breceived\s+an?\s+(?:(?:tele)?phone\s+)?call\s+from\b)"
    # mutual verbs join a coordinated subject alone ("X and Y met"); the others need their object named
    r"|(?P<mutual>\b(?:met|meets|(?:spoke|speaks|talked)\s+(?:(?:by|on the|over the)\s+(?:tele)?phone|by video"
    r"(?: link)?)|(?:shook|shakes|shake)\s+hands)(?:\s+(?:with|to)\b)?"
    r"|\b(?:spoke|speaks|talked|conferred|sat down)\s+(?:with|to)\b)"
    r"|(?P<verb>\b(?:hosted|hosts|received|receives|phoned|telephoned)\b)"
    rf"|(?P<noun>\b{NOUN}(?:\s+(?P<link>with|between)\b)?)", re.I)
# What may stand between a subject and its verb: an apposition, adverbs, a time ("Wang, the minister, also met").
SUBJECT_GAP = re.compile(
    r"(?:\s*\([A-Za-z]{1,5}\))?(?:\s*,[^,;:\"“”()]{1,80},)?\s*,?\s*(?:who\s+)?(?:(?:also|then|later|earlier|last|"
    r"first|separately|briefly|again|previously|reportedly|already|had|has|have|recently|both|all|jointly|"
    r"personally|on|this|that|same|day|"
    r"week|month|year|morning|afternoon|evening|night|weekend|yesterday|today|in|and|"
    + "|".join(WEEKDAYS + MONTHS) + r"|\d{1,4}(?:st|nd|rd|th)?,?)\s+)*"
)
# Words that end a list of titled names: prepositions, verbs, clause words ("met with reporters about Xi").
STOP_WORDS = frozenset(
    "to in on at about after before during while who whom whose which that said says told tells when where but by "
    "as if than because since until into through against without would will could should may might can is are was "
    "were be been being has have had not no over from amid following despite with for last this earlier later "
    "yesterday today".split()) | frozenset(WEEKDAYS + MONTHS)
REPORTING = re.compile(r"\s*(?:,[^,]{0,80},\s*)?(?:said|says|told|added|noted|stressed|according)\b")
NOT_HELD = re.compile(
    r"\b(?:will|would|shall|going to|plans?|planned|planning|scheduled|is to|are to|due to|expected|set to|"
    r"hopes? to|upcoming|ahead of|next (?:week|month|year)|tomorrow|invit\w*|proposed|possible|potential|"
    r"to hold|to meet|to be held|cancell?ed|postponed|called off|scrapped|hold|could|may|might|likely|unlikely|"
    r"request\w*|sought|seek\w*|want\w*)\b|['’]ll\b")
# "X and Y met" with no one after: the clause ends or a time, place or purpose follows ("met the press" is no meeting).
ALONE_NEXT = re.compile(r"\s*(?:$|[,.;:)!?—–]|(?:in|on|at|for|during|after|before|over|last|this|earlier|later|"
                        r"again|briefly|privately|twice|yesterday|today|and|but|amid|to discuss|\w+day)\b)")
# A verb after a listed name: the list has ended and a new clause begun ("Xi met Putin, and Biden visited Kyiv").
VERB_AFTER = re.compile(r"\s+(?:(?!this\b|thus\b|plus\b|across\b|towards\b|whereas\b|unless\b|perhaps\b)"
                        r"[a-z]{3,}(?:ed|s)|is|was|has|had|will|would|can|could|said|told|met|left|went|made|took|"
                        r"gave|came|spoke|held)\b")
# What may stand before a subject: the sentence's start or a clause opener, then titles ("and Chinese President").
OPENS_CLAUSE = re.compile(r"(?:^|[,;:“\"(—–-]|\b(?:and|that|while|but|when|as|after|before|since|because|whereas|"
                          r"where|who|which|then))\s*(?:(?:[A-Z][\w.’'-]*|of|the|de|von)\s+)*$")
TOLD = re.compile(r"\s+(?:\w+\s+)?(?:told|assured|urged|briefed|thanked|asked|reminded)\s+(?P<titles>.*)", re.S)
DURING = re.compile(r"\s+(?:in|during|at)\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,2}$")
FRONTED = re.compile(r"(?:^|\bthat\s+|[;:]\s+)\s*[\"“‘']?(?:[A-Z][a-z]+ing\s+)?(?:In|in|During|during|At|at|After|"
                     r"after|Following|following|On|on|Over|over)\s+[^,;]*$")
THE_TWO = re.compile(r"\b[Tt]he two (?:(?:top|foreign|defen[cs]e|prime|senior)\s+)?(?:leaders|ministers|presidents|"
                     r"premiers|diplomats|envoys|counterparts|heads of state)\b")
# "a visit by Xi", "according to Hua": not a subject; "Ambassador to Athens Nazmi Akiman" is a title and is one.
PREPOSITION_BEFORE = re.compile(r"(?:^|[^\w\s]|\b[a-z][\w'’-]*|\bAccording)\s*\b(?:to|by|from|with|of|for|about|on|"
                                r"against|toward|towards)\s+(?:[\w.'’-]+\s+){0,4}$")


def meetings_in(article: Article, facets: Facets) -> list[Meeting]:
    """The meetings between officials the article reports, one per occasion, in text order."""
    text = article.text
    mentions = _with_the_two(text, _mentions(facets))
    starts = [m.start for m in mentions]
    found: list[tuple[Meeting, bool]] = []
    for start, end in _sentences(text):
        inside = [m for m in mentions[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)] if m.end <= end]
        if len(_names(inside)) < 2 or end - start > MAX_SENTENCE:
            continue
        quoted = [range(q.start(), q.end()) for q in QUOTED.finditer(text, start, end)]
        inside = [m for m in inside if not any(m.start in q for q in quoted)]
        for trigger in TRIGGER.finditer(text, start, end):
            if any(trigger.start() in q for q in quoted):
                continue
            if trigger.group()[0].isupper() and text[start:trigger.start()].strip(" \"“‘'"):
                continue  # capitalized only where a sentence starts ("Talks between"), not a headline's "in Talks"
            names = _participants(text, trigger, inside, start, end)
            if len(names) >= 2:
                date, stated = _date(text[start:end], trigger.start() - start, article.date)
                place = _place(text, trigger.end(), end)
                found.append((Meeting(tuple(sorted(names)), date, place, text[start:end], start, end), stated))
    return _one_per_occasion(found)


def _mentions(facets: Facets) -> list[_Mention]:
    """Every span extraction attributed to an official; a span two officials share is ambiguous and left out."""
    owners: dict[tuple[int, int], set[str]] = {}
    for official in facets.officials:
        for span in official.evidence:
            owners.setdefault((span.start, span.end), set()).add(official.value)
    kept: list[_Mention] = []
    for (s, e), names in sorted(owners.items(), key=lambda item: (item[0][0], -item[0][1])):
        if len(names) == 1 and not (kept and s < kept[-1].end):  # of overlapping spans the first and longest
            kept.append(_Mention(s, e, tuple(names)))
    return kept


def _with_the_two(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """"the two leaders" stands for the two officials its paragraph names, when it names exactly two."""
    pairs, starts = [], [x.start for x in mentions]
    for m in THE_TWO.finditer(text):
        first, last = text.rfind("\n\n", 0, m.start()) + 1, text.find("\n\n", m.end())
        last = len(text) if last < 0 else last
        paragraph = mentions[bisect.bisect_left(starts, first):bisect.bisect_left(starts, last)]
        names = _names(x for x in paragraph if x.end <= last)
        if len(names) == 2 and not any(x.start < m.end() and m.start() < x.end for x in paragraph):
            pairs.append(_Mention(m.start(), m.end(), tuple(sorted(names))))
    return sorted(mentions + pairs, key=lambda x: x.start)


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if text[m.start() - 4:m.start()].split(" ")[-1] in ABBREVIATIONS:
            continue
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    spans = [re.search(r"\S(?:.*\S)?", text[s:e], re.S) for s, e in bounds]
    return [(s + m.start(), s + m.end()) for (s, _), m in zip(bounds, spans) if m]


def _participants(text: str, trigger: re.Match, mentions: list[_Mention], start: int, end: int) -> set[str]:
    """The officials a meeting word joins, by the pattern it stands in; empty when it is planned."""
    if trigger.group("noun") is not None:
        return _noun_participants(text, trigger, mentions, start, end)
    subject = _subject_before(text, trigger.start(), mentions, start)
    if not subject or NOT_HELD.search(text, subject[0].start, trigger.end()):
        return set()
    objects = _group_after(text, trigger.end(), mentions, end)
    alone = not trigger.group("verb") and not re.search(r"\b(?:with|to)$", trigger.group())
    if not objects and (not alone or len(_names(subject)) < 2 or not ALONE_NEXT.match(text, trigger.end(), end)):
        return set()  # no one named to meet: only "X and Y met (in Busan)" names both before the verb
    return _names(subject + objects)


def _noun_participants(text: str, trigger: re.Match, mentions, start: int, end: int) -> set[str]:
    """"a meeting with Y" (its subject: "X's", a fronted "In a call with Y, X said", or the clause's),
    "talks between X and Y", "X told Y during their meeting" and "after their meeting"."""
    noun_start, link = trigger.start(), (trigger.group("link") or "").lower()
    words_before = " ".join(text[start:noun_start].split()[-4:])
    if NOT_HELD.search(words_before) or re.search(r"\b(?:no|not|never|without)\b|\bfor(?:\s+\S+)?$", words_before):
        return set()  # "is expected to hold talks with", "ahead of his meeting with", "for talks with", "had no talks"
    if not link:
        return _told_during(text, noun_start, mentions, start) or _their_meeting(text, noun_start, mentions, start)
    objects = _group_after(text, trigger.end(), mentions, end)
    if not objects:
        return set()
    if NOT_HELD.search(re.split(r"[,;.:“\"]", text[objects[-1].end:min(end, objects[-1].end + 60)])[0]):
        return set()  # "talks between X and Y are planned"
    if link == "between":
        return _names(objects)
    fronted = FRONTED.search(text[start:noun_start]) is not None
    subject = _possessor(text, noun_start, mentions) or (_fronted_subject(text, objects, mentions, end) if fronted
                                                         else _clause_subject(text, noun_start, mentions, start))
    if not subject and fronted and len(_names(objects)) >= 2:
        return _names(objects)  # "During his call with Xi, Biden ...": the list ran on into the main clause's subject
    return _names(subject + objects) if subject else set()


def _possessor(text: str, noun_start: int, mentions) -> list[_Mention]:
    """"Kerry's meeting with": the official whose meeting it is."""
    for m in mentions:
        if m.end < noun_start and re.fullmatch(r"['’]s?\s+(?:[\w-]+\s+){0,3}", text[m.end:noun_start]):
            return [m]
    return []


def _fronted_subject(text, objects, mentions, end) -> list[_Mention]:
    """"In a meeting with Y (in Tokyo), X said": the main clause's subject after the fronted phrase."""
    after = re.match(r"[^,;.]{0,40},\s*", text[objects[-1].end:end])
    if after is None:
        return []
    group = _group_after(text, objects[-1].end + after.end(), mentions, end, reporting_ends=False)
    return group if group and _title_gap(text[objects[-1].end + after.end():group[0].start]) else []


def _clause_subject(text: str, noun_start: int, mentions, start: int) -> list[_Mention]:
    """"Chung told reporters after a meeting with Wang": the nearest official before who is not an object."""
    for m in reversed([m for m in mentions if start <= m.start and m.end <= noun_start]):
        if re.match(r"['’]", text[m.end:m.end + 1]) or PREPOSITION_BEFORE.search(text, start, m.start):
            continue
        if re.search(r"[;]|\b(?:but|while|whereas)\b", text[m.end:noun_start]):
            return []
        return _extend_back(text, m, mentions, start)
    return []


def _told_during(text: str, noun_start: int, mentions, start: int) -> set[str]:
    """"X told Y during his courtesy call": teller and told, when the meeting word follows them."""
    before = [m for m in mentions if start <= m.start and m.end <= noun_start]
    if len(before) < 2 or not DURING.fullmatch(text[before[-1].end:noun_start]):
        return set()
    teller, told = before[-2], before[-1]
    verb = TOLD.fullmatch(text[teller.end:told.start])
    if verb is None or not _title_gap(verb.group("titles")) or NOT_HELD.search(text[teller.end:noun_start]):
        return set()
    return _names([teller, told])


def _their_meeting(text: str, noun_start: int, mentions, start: int) -> set[str]:
    """"X, Y and Z ... after their meeting": the sentence's own subject group."""
    if not re.search(r"\b(?:after|following|during|at|in)\s+their\s+(?:[\w-]+\s+)?$", text[start:noun_start]):
        return set()
    first = [m for m in mentions if start <= m.start and m.end <= noun_start]
    if not first or not _title_gap(text[start:first[0].start]):
        return set()
    group = _group_after(text, start, mentions, noun_start)
    return _names(group) if len(_names(group)) >= 2 else set()


def _subject_before(text: str, pos: int, mentions, start: int) -> list[_Mention]:
    """The official(s) right before a verb: "Wang Yi met", "Wang and Park last met"."""
    before = [m for m in mentions if start <= m.start and m.end <= pos]
    last = before[-1] if before else None
    if last is None or text.startswith(("'", "’"), last.end) or not SUBJECT_GAP.fullmatch(text[last.end:pos]):
        return []  # "Xi's aide met" is not Xi
    return _extend_back(text, last, mentions, start)


def _extend_back(text: str, last: _Mention, mentions, start: int) -> list[_Mention]:
    """A coordinated subject: "Sullivan, Kitamura and Suh"."""
    group = [last]
    for m in reversed([m for m in mentions if start <= m.start and m.end <= last.start]):
        gap = text[m.end:group[0].start]
        if not (_title_gap(gap) and re.search(r",|\band\b|&|\bas well as\b", gap)):
            break
        group.insert(0, m)
    while len(group) > 1 and not OPENS_CLAUSE.search(text[start:group[0].start]):
        group.pop(0)  # "Biden criticized Xi, and Kishida met Yoon": Xi is the object of another verb
    return group


def _group_after(text: str, pos: int, mentions, end: int, reporting_ends: bool = True) -> list[_Mention]:
    """The officials named one after another from pos: "his counterpart Park Jin", "X, Y and Z"."""
    group: list[_Mention] = []
    for m in (m for m in mentions if pos <= m.start and m.end <= end):
        gap = text[(group[-1].end if group else pos):m.start]
        if not _title_gap(gap) or group and not re.search(r",|\band\b|&|\bas well as\b", gap):
            break
        if re.match(r"['’]s?\b", text[m.end:m.end + 2]):
            break  # "Xi's envoy" is not Xi
        speaker = reporting_ends and gap.strip() == "," and REPORTING.match(text, m.end)
        if group and (speaker or _opens_clause_at(text, m, gap)):
            break  # "met Wang Yi, Hua said": the speaker is not met; "met Wang, and Biden met ...": a new clause
        group.append(m)
    return group


def _opens_clause_at(text: str, m: _Mention, gap: str) -> bool:
    """A listed name that is the subject of a new clause: ", and Biden visited", "and Kishida met"."""
    return bool("," in gap and VERB_AFTER.match(text, m.end)
                or text[m.end:m.end + 1] == " " and TRIGGER.match(text, m.end + 1))


def _title_gap(gap: str) -> bool:
    """Only titles, descriptions and list words between names: "and his Japanese counterpart"."""
    words = re.findall(r"\([A-Za-z]{1,5}\)|[^\s,]+", gap)
    return len(words) <= 9 and not any(w.lower() in STOP_WORDS or w in STOP_WORDS or w[:1] in "\"“”;:0123456789"
                                       for w in words)


def _date(sentence: str, pos: int, day: datetime.date | None) -> tuple[str | None, bool]:
    """The meeting's date from the sentence (the expression nearest the meeting word), else the article's.
    Returns the ISO date and whether the sentence stated it."""
    found = []
    for pattern, resolve in DATE_FORMS:
        for m in pattern.finditer(sentence):
            value = resolve(m, day)
            if value is not None:  # a weekday with no article date to count back from says nothing
                found.append((abs(m.start() - pos), value))
    if found:
        return min(found, key=lambda f: f[0])[1], True
    return (day.isoformat() if day else None), False


def _weekday(m: re.Match, day):
    if day is None:
        return None
    back = (day.weekday() - WEEKDAYS.index(m.group("wd"))) % 7
    return (day - datetime.timedelta(days=back or (7 if m.group("last") else 0))).isoformat()


def _year_of(m: re.Match, day, month: int, dom: int = 1) -> int | None:
    """The stated year, else the latest one that puts the date on or before the article's."""
    if m.group("y"):
        return int(m.group("y"))
    return None if day is None else day.year - ((month, dom) > (day.month, day.day))


def _day_in_month(m: re.Match, day):
    month, dom = MONTH_NUMBER[m.group("mon")[:3]], int(m.group("d"))
    year = _year_of(m, day, month, dom)
    try:
        return datetime.date(year, month, dom).isoformat() if year else None
    except ValueError:
        return None


def _month(m: re.Match, day):
    month = MONTH_NUMBER[m.group("mon")[:3]]
    year = _year_of(m, day, month)
    return f"{year}-{month:02d}" if year else None


def _relative(m: re.Match, day):
    if day is None:
        return None
    word = m.group(0).lower()
    if "weekend" in word:
        return (day - datetime.timedelta(days=(day.weekday() - 5) % 7 or 7)).isoformat()
    if "yesterday" in word or "night" in word:
        return (day - datetime.timedelta(days=1)).isoformat()
    if "week" in word:
        return (day - datetime.timedelta(days=7)).isoformat()[:7]
    if "month" in word:
        return (day.replace(day=1) - datetime.timedelta(days=1)).isoformat()[:7]
    return str(day.year - 1) if "last year" in word else day.isoformat()


DATE_FORMS = (
    (re.compile(rf"\b(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d\d))?"),
     _day_in_month),
    (re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{MONTH})(?:\s+(?P<y>(?:19|20)\d\d))?"), _day_in_month),
    (re.compile(r"\b(?P<last>last\s+)?(?P<wd>" + "|".join(WEEKDAYS) + r")\b"), _weekday),
    (re.compile(r"\b(?:in|last)\s+(?P<mon>" + "|".join(MONTHS) + r")\b(?:\s+(?P<y>(?:19|20)\d\d))?"), _month),
    (re.compile(r"\bin\s+(?P<y>(?:19|20)\d\d)\b"), lambda m, day: m.group("y")),
    (re.compile(r"\b(?:last (?:week|weekend|month|year|night)|yesterday|today|this morning|earlier today)\b", re.I),
     _relative),
)
PLACE = re.compile(
    r"\b(?:in|at)\s+(?P<place>(?:the\s+)?[A-Z][\w.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.-]*)*"
    r"(?:['’]s(?:\s+[a-z]+){1,3}\s+of\s+[A-Z][\w-]*)?(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?![\w-])(?!\s+[A-Z]))?"
    r"(?:\s+in\s+[A-Z][\w-]*(?:,\s+[A-Z][\w-]*)?)?)")


def _place(text: str, pos: int, end: int) -> str | None:
    """Where, when the words after the meeting say so: "in Busan", "at the White House"."""
    for m in PLACE.finditer(text, pos, end):
        place = re.sub(rf",\s+(?:{MONTH}|{'|'.join(WEEKDAYS)})$", "", m.group("place").rstrip(".,"))
        first = place.removeprefix("the ").split()[0]
        if first in WEEKDAYS or first.rstrip(".") in MONTHS or re.match(MONTH + r"$", first) or first.isdigit():
            continue
        return place
    return None


def _one_per_occasion(found: list[tuple[Meeting, bool]]) -> list[Meeting]:
    """Repeated mentions of one meeting are one (same people, no stated date or place that differs); the first
    report stands, completed with a date or place only a later one states."""
    kept: list[tuple[Meeting, bool]] = []
    by_people: dict[tuple[str, ...], list[int]] = {}  # indexes into kept, so a long article stays linear
    for meeting, stated in found:
        same = next((i for i in by_people.get(meeting.participants, ()) if not (
            stated and kept[i][1] and kept[i][0].date != meeting.date
            or meeting.place and kept[i][0].place and kept[i][0].place != meeting.place)), None)
        if same is None:
            by_people.setdefault(meeting.participants, []).append(len(kept))
            kept.append((meeting, stated))
            continue
        other, other_stated = kept[same]
        date = meeting.date if stated and not other_stated else other.date
        kept[same] = (replace(other, date=date, place=other.place or meeting.place), stated or other_stated)
    return [m for m, _ in kept]
