"""Officials an article names: known ones, names after a title, in brackets or before a
description ("Name, the foreign minister"), merged by spelling; bare surnames are in surnames.py."""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from searchapp.facets.model import FacetValue, Span
from searchapp.facets.names import Spellings, known_for, merge_unknown, press_order
from searchapp.facets.patterns import FacetPatterns, Official, cjk_finditer
from searchapp.facets.surnames import resolve_surnames
from searchapp.facets.text import (
    NAME_TOKEN_RE, POST_RUNS_ON, SUFFIX_AT_END, TITLE_ABBREVIATIONS, UNDOTTED_INITIALS, SpanSet, spelling_key,
    title_case_lines, word_before,
)
from searchapp.reading import Article


# " and Science": the last words of a portfolio the name's slot cut short
PORTFOLIO_REST = re.compile(r"[ \t]+(?:and|&)[ \t]+[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}(?=,)")
# ", Sung Kim," or ", Sung Kim.": a name of two to four capitalized words set off by commas, after
# the rest of the post ("Commissioner for Human Rights" then " of the Iraqi Ministry of Trade")
COMMA_NAME = re.compile(
    rf"(?:{POST_RUNS_ON})?,[ \t]+(?P<name>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){{1,3}})(?=[ \t]*[,;]|\.(?![\w.]))"
)


@dataclass
class _Mention:
    start: int
    end: int
    name: str  # as written, cleaned
    person: Official | None = None  # a known official
    kind: str | None = None  # title kind when a title introduced it
    title: str | None = None  # that title as written, lower case ("senator")


def _excluded_spans(text: str, k: FacetPatterns, companies: list[re.Match]) -> SpanSet:
    """Bylines and photo credits: the names there are journalists, never officials; and company
    names ("General Electric Credit Corp" after the rank "General" is no officer)."""
    return SpanSet([m.span() for m in k.byline_re.finditer(text)] + [m.span() for m in companies])


def _not_a_name_word(token: str, k: FacetPatterns) -> bool:
    """A stopword, title word or country form; a country form that is also a person's name
    ("Santiago", "Trinidad") may be one."""
    if token in k.stopwords or token.lower() in k.title_words:
        return True
    form = k.country_forms.get(token)
    return form is not None and not form[2].get("person")


_WORDS: "weakref.WeakKeyDictionary[FacetPatterns, tuple[set[str], ...]]" = weakref.WeakKeyDictionary()


def _vocabulary(k: FacetPatterns) -> tuple[set[str], set[str], set[str]]:
    """titles.json's police_ranks, portfolio_words and titles_companies_share as sets, made once
    per compiled knowledge."""
    if k not in _WORDS:
        keys = ("police_ranks", "portfolio_words", "titles_companies_share")
        _WORDS[k] = tuple(set(k.titles.get(key, [])) for key in keys)
    return _WORDS[k]


ACRONYM = re.compile(r"[A-Z]{2,6}")
POSSESSIVE_END = re.compile(r"['’]s$")
NUMBER_AFTER = re.compile(r"[ \t]+\d")
INITIALS_ONLY = re.compile(r"(?:(?:[A-Z]\.)+|[A-Z]{2})(?:[ \t](?:[A-Z]\.)+)*[ \t]\S+(?:[ \t]\S+)?")


def _company_title_and_initials(name: str, title: str, k: FacetPatterns) -> bool:
    """A name of initials and a surname ("W.A. Roe") under a title companies share ("chairman",
    "director"): in English-language copy that is a company officer's (wire stories write
    executives so); a government's are named so in Indian copy under a government's title
    ("Chief Minister M.K. Stalin", "Union minister MM Joshi")."""
    post = " ".join(title.lower().replace(",", " ").split())
    return post in _vocabulary(k)[2] and INITIALS_ONLY.fullmatch(SUFFIX_AT_END.sub("", name)) is not None


def _clean_name(raw: str, start: int, k: FacetPatterns, after_portfolio: bool = False) -> tuple[str, int]:
    """Drop non-name words at either end ("Monday", "Minister"); return the name and its offset.
    A suffix ("Jr.") stays when the whole name before it does; a run an organisation word ends
    ("Federation", "Board") is no name at all, nor one a police rank starts ("Assistant Chief
    Constable Jane Roe": a police officer, whom LABELS.md does not count). after_portfolio: the
    title named its portfolio ("Minister for Education and Vocational Training"), whose last words
    may have run into the name. Initials without stops ("LK") only start a name."""
    police_ranks, portfolio_words, _ = _vocabulary(k)
    tokens = [(m.group(0), m.start()) for m in NAME_TOKEN_RE.finditer(raw)]
    if tokens and tokens[0][0] in police_ranks:
        return "", start
    while tokens and (_not_a_name_word(tokens[0][0], k) or (after_portfolio and tokens[0][0] in portfolio_words)):
        tokens.pop(0)
    kept = []
    for token, offset in tokens:
        if POSSESSIVE_END.sub("", token) in k.organisation_words:
            return "", start  # "the National Coffee Growers Federation", "General Atomics Aeronautical Systems"
        if _not_a_name_word(token, k) or (kept and UNDOTTED_INITIALS.fullmatch(token)):
            break
        kept.append((token, offset))
        if POSSESSIVE_END.search(token):
            break  # "President Trump’s Gaza plan": the name ends at its possessive
    if kept and UNDOTTED_INITIALS.fullmatch(kept[0][0]) and len(kept) == 1:
        return "", start
    whole = len(kept) == len(tokens)
    while kept and kept[-1][0].endswith("."):
        kept.pop()
    if not kept:
        return "", start
    first = kept[0][1]
    last_token, last_offset = kept[-1]
    end = last_offset + len(last_token)
    suffix = SUFFIX_AT_END.search(raw)
    if whole and len(kept) > 1 and suffix and suffix.start() == end:
        end = len(raw)
    return re.sub(r"['’]s$", "", raw[first:end]), start + first


def officials_in(article: Article, text: str, k: FacetPatterns, countries=()) -> list[FacetValue]:
    """Known and discovered officials; countries (the article's) help read a bare surname."""
    companies = list(k.company_re.finditer(text))  # read once: surnames.py needs them too
    excluded = _excluded_spans(text, k, companies)
    mentions: list[_Mention] = []
    taken = SpanSet()  # full names found so far
    for start, end, person in k.known_index.finditer(text):
        # After a hyphen a name is part of a word ("anti-Trump"), unless a name ends at the
        # hyphen: "the Wang Yi-Antony Blinken call" names both.
        joined = mentions and mentions[-1].end == start - 1
        if excluded.covers(start, end) or (text[start - 1:start] == "-" and not joined):
            continue
        mentions.append(_Mention(start, end, text[start:end], person))
        taken.add(start, end)
    if k.cjk_known_re is not None and not text.isascii():
        for m in cjk_finditer(k.cjk_known_re, text):  # "国家主席习近平表示": no spaces set the name apart
            if not (taken.overlaps(m.start(), m.end()) or excluded.covers(m.start(), m.end())):
                mentions.append(_Mention(m.start(), m.end(), m.group(0), k.cjk_known[m.group(0)]))
                taken.add(m.start(), m.end())
    _bracketed_mentions(text, k, mentions, taken, excluded)
    bare = _titled_mentions(text, k, mentions, taken, excluded)
    _appositive_mentions(text, k, mentions, taken, excluded)
    _party_tagged_mentions(text, k, mentions, taken, excluded)
    people, persons = _people(text, k, mentions, set(countries))
    company_words = {m.group("first") for m in companies}
    resolve_surnames(article, text, k, people, persons, bare, taken, excluded, company_words, set(countries))
    ordered = sorted(people.items(), key=lambda item: min(s.start for s in item[1]))
    return [FacetValue(name, tuple(sorted(spans, key=lambda s: s.start))) for name, spans in ordered]


def _bracketed_mentions(text, k: FacetPatterns, mentions, taken, excluded) -> None:
    """ "[Russian President Vladimir] Putin": a quote's editor put the given name (and title) in
    brackets; the name read across them is a known official's, evidenced by the words outside."""
    for m in k.bracket_re.finditer(text):
        start, end = m.span("name")
        if taken.overlaps(start, end) or excluded.covers(start, end):
            continue
        words = NAME_TOKEN_RE.findall(m.group("inside"))
        person = None
        for n in (2, 1):  # "Vladimir Putin", or a middle name too: "Kim Jong Un"
            if len(words) >= n and not any(_not_a_name_word(w, k) for w in words[-n:]):
                person = person or k.known_by_key.get(spelling_key(" ".join(words[-n:] + [m.group("name")])))
        if person is not None:
            mentions.append(_Mention(start, end, person.name, person))
            taken.add(start, end)


def _titled_mentions(text, k: FacetPatterns, mentions, taken, excluded) -> list[_Mention]:
    """Names after a title ("Foreign Minister Wang Yi") go to mentions; a title then one word
    ("President Park") is returned for surname resolution."""
    bare: list[_Mention] = []
    for m in _titles_in(text, k):
        if not _title_holds(text, m, k):
            continue
        title = re.sub(r"\s+", " ", m.group("title").lower())
        kind = k.title_kinds.get(title) or k.formal_title_kinds.get(title) or k.plural_titles.get(title, "other")
        group = "name" if m.group("name") else "comma_name"
        names = [(m.group(group), m.start(group))]
        rank = re.sub(r"\s+", " ", (m.group("rank") or "").lower())
        if any(t in k.plural_titles and t not in k.title_kinds for t in (title, rank)):  # "Republican Reps. A and B"
            more = k.list_more_re.match(text, m.end(group))
            while more:
                names.append((more.group("name"), more.start("name")))
                more = k.list_more_re.match(text, more.end("name"))
        portfolio = group == "name" and " " in text[m.end("title"):m.start("name")].strip()
        for raw, raw_at in names:
            name, at = _clean_name(raw, raw_at, k, after_portfolio=portfolio and raw_at == m.start("name"))
            if " " not in name and group == "name" and (after := _comma_name_after(text, m.end(group))):
                # "special envoy for North Korea, Sung Kim,", "Commissioner for Human Rights, Volker Türk,":
                # the post's place took the name's slot ("Korea" is no name, "Rights" no surname); the full
                # name after the comma is the official's
                name, at = _clean_name(after.group("name"), after.start("name"), k)
                if " " not in name or k.affiliation_re.search(text, m.end("title"), after.start("name")):
                    continue
            if not name or excluded.covers(at, at + len(name)) or taken.overlaps(at, at + len(name)):
                continue
            if NUMBER_AFTER.match(text, at + len(name)):
                continue  # "a spokesperson for Space Launch Delta 45": a unit's name runs on into its number
            if " " not in name and group == "comma_name":
                continue  # "the minister, Yang, said": too loose a tie for a bare surname
            if group == "comma_name" and _affiliation_in(text, m, k):
                continue  # "former Director, Student Assessment, Faculty of Medicine, University of ...": a unit
            if _company_title_and_initials(name, text[m.start("title"):at], k):
                continue  # the post as written, rank and all: "Chief Minister", not "Chief"
            mention = _Mention(at, at + len(name), name, kind=kind, title=title)
            (mentions if " " in name else bare).append(mention)
            if " " in name:
                taken.add(at, at + len(name))
    return bare


def _comma_name_after(text: str, pos: int) -> re.Match | None:
    """", Sung Kim," after pos and the rest of the post, or after the rest of a portfolio joined by "and"
    ("Minister for Higher Education and Science, Christina Egelund,": the name's slot took "Education")."""
    rest = PORTFOLIO_REST.match(text, pos)
    return COMMA_NAME.match(text, pos) or (COMMA_NAME.match(text, rest.end()) if rest else None)


def _affiliation_follows(text: str, pos: int, k: FacetPatterns) -> bool:
    """Whether a chain of commas from pos goes on to a university's, company's or think tank's name
    in the same sentence: "Title, Unit, Faculty, University of X" is a résumé line, and the words
    after the title's comma are a unit's name, not a person's."""
    chain = re.match(r",[^.;\n]{0,80}", text[pos:pos + 81])
    return chain is not None and k.affiliation_re.search(chain.group(0)) is not None


def _affiliation_in(text: str, m: re.Match, k: FacetPatterns) -> bool:
    """Whether the post a comma name follows is a company's, university's or think tank's: named in the
    words the title runs on with ("the chairman of Toyota Motor Corp, Akio Toyoda,") or in a chain of
    commas after the name."""
    desc = m.group("desc") or ""
    if k.affiliation_re.search(desc) or k.company_re.search(desc):
        return True
    return _affiliation_follows(text, m.end("comma_name"), k)


def _title_holds(text: str, m: re.Match, k: FacetPatterns) -> bool:
    """A title match names a government post: not a think tank's ("Asan Institute president"),
    not a retired officer's ("retired Rear Admiral"), and a lower-case "chief" only after an
    organisation's name ("AFP chief", "UN chief")."""
    if k.affiliation_re.search(_just_before(text, m.start(), 40)):
        return False
    before, _ = word_before(text, m.start())
    if before.lower() in k.not_serving:
        return False
    written = m.group("title")
    if written in k.acronym_org_titles and ACRONYM.fullmatch(before) and before not in k.country_forms:
        return False  # "EDS President Kim Brace", "UAW President": a company's or union's ("US President": a country's)
    if written in k.org_titles:
        return before[:1].isupper() and before.lower() not in k.headline_small_words
    if written in COMPANY_SHARED_TITLES:  # "president Pierre Peladeau told Reuters": a company's, in lower case
        return _governments_title(text, m.start(), k)
    return True


# Titles a company's officers hold too; written in lower case, they are a government's only after a country or
# a body ("Russian president Vladimir Putin", "Senate president", "party chairman")
COMPANY_SHARED_TITLES = frozenset({"president", "vice president", "vice-president", "chairman", "chairwoman"})
TRANSPARENT_WORDS = frozenset({"acting", "outgoing", "incoming", "interim", "deputy", "the"})
# "former president Duterte", "deposed president Ferdinand Marcos": a past head of state
PAST_HOLDER_WORDS = frozenset({"former", "then", "late", "ex", "deposed", "ousted", "exiled", "assassinated", "slain"})
GOVERNMENT_BODY_WORDS = frozenset({"party", "parliament", "parliamentary", "assembly", "senate", "council", "committee",
                                   "subcommittee", "commission", "country's", "nation's", "state's", "republic's"})
WORD_BEFORE = re.compile(r"([A-Za-z][\w.'’-]*)[\s,]*$")


def _governments_title(text: str, start: int, k: FacetPatterns) -> bool:
    """Whether the words before a lower-case title shared with companies make it a government's: a capitalized
    word (a country, its people, a body: "Russian", "U.S.", "Senate"), a body's word ("party chairman") or a
    word saying the post was held ("former president Duterte"), looking past "acting", "deputy" and "the"."""
    at = start
    for _ in range(3):
        found = WORD_BEFORE.search(text, max(0, at - 40), at)
        if not found:
            return False
        before, at = found[1], found.start()
        if before[:1].isupper() or before in k.country_forms or before.lower() in GOVERNMENT_BODY_WORDS | PAST_HOLDER_WORDS:
            return True
        if before.lower() not in TRANSPARENT_WORDS:
            return False
    return False


def _appositive_mentions(text, k: FacetPatterns, mentions, taken, excluded) -> None:
    """ "Name, the ... minister": a full name followed by an official's description."""
    for m in k.appositive_re.finditer(text):
        rest = re.match(r"[^,.;\n]{0,120}", text[m.end():m.end() + 120]).group(0)  # not a copy of the rest
        described = text[m.start("desc"):m.end()]  # "a community leader": the head belongs to the role
        if k.non_official.search(described) or k.affiliation_re.search(m.group("desc") + rest):
            continue  # "Victor Cha, a senior vice president at the Center for ...": an analyst
        if k.moved_on.search(described + rest):
            continue  # "a former adviser ... who is now at a foundation": no official any more
        name, at = _clean_name(m.group("name"), m.start("name"), k)
        if " " not in name or at + len(name) != m.end("name"):
            continue
        if _company_title_and_initials(name, re.sub(r"\s+", " ", m.group("head")), k):
            continue  # "A.W. Roe, finance director of ..."
        if excluded.covers(at, at + len(name)) or taken.overlaps(at, at + len(name)):
            continue
        if word_before(text, at)[0] in k.place_prepositions and not re.match(r"(?:who|whose)\b", m.group("desc")):
            continue  # "in New York, the president said": a place, not a person ("to Name, who serves as": a person)
        mentions.append(_Mention(at, at + len(name), name))
        taken.add(at, at + len(name))


def _party_tagged_mentions(text, k: FacetPatterns, mentions, taken, excluded) -> None:
    """ "Democrats Jon Tester (D-MT), Claire McCaskill (D-MO)": a full name the US press tags with a party and a
    state is a politician's, whatever words stand before it."""
    for m in k.party_tag_re.finditer(text):
        name, at = _clean_name(m.group("name"), m.start("name"), k)
        first, _, rest = name.partition(" ")
        if f"{first.lower().rstrip('.')}." in TITLE_ABBREVIATIONS and " " in rest:
            name, at = rest, at + len(first) + 1  # "Sen Bob Packwood (R-Ore.)": a title written without its stop
        if " " not in name or at + len(name) != m.end("name"):
            continue
        if excluded.covers(at, at + len(name)) or taken.overlaps(at, at + len(name)):
            continue
        mentions.append(_Mention(at, at + len(name), name))
        taken.add(at, at + len(name))


def _people(text, k: FacetPatterns, mentions, countries: set[str]):
    """Full names: known ones by key, unknown ones by their press-order form.
    Returns the evidence per canonical name and the known official (or None) behind each."""
    people: dict[str, list[Span]] = {}
    persons: dict[str, Official | None] = {}
    spellings = Spellings()  # people's names by spelling, for merge_unknown
    in_article = {mm.person.name: mm.person for mm in mentions if mm.person}  # each official once
    headlines = said_elsewhere = None
    for mm in sorted(mentions, key=lambda x: x.start):
        ordered = press_order(mm.name, k, countries)
        known = in_article.values()
        person = mm.person or known_for(mm.name, k, known) or known_for(ordered, k, known)
        if person is None and headlines is None:
            headlines = SpanSet(title_case_lines(text, k.headline_small_words))
        if person is None and headlines.covers(mm.start, mm.end):
            if said_elsewhere is None:
                in_headlines = {m.name for m in mentions if headlines.covers(m.start, m.end)}
                said_elsewhere = _said_outside(text, in_headlines, headlines)
            if mm.name not in said_elsewhere:
                continue  # "Foreign Minister Conveys Concern Over ...": capitals of a headline, not a name
        canonical = person.name if person else merge_unknown(ordered, people, persons, spellings)
        people.setdefault(canonical, []).append(Span(mm.start, mm.end, text[mm.start:mm.end]))
        persons[canonical] = person
        spellings.add(canonical)
        if person:
            in_article[person.name] = person
    return people, persons


def _titles_in(text: str, k: FacetPatterns):
    """title_re's matches, left to right and not overlapping, tried only where a title may start."""
    start = k.title_start_re.search(text)
    while start:
        m = k.title_re.match(text, start.start())
        if m:
            yield m
        start = k.title_start_re.search(text, m.end() if m else start.end())


def _said_outside(text: str, names: set[str], headlines: SpanSet) -> set[str]:
    """Which of names also appear outside the headlines (in running text).

    One pass over the text for all of them: where a name's first letters stand, the names
    starting so are looked up by length (a search of the whole text per name was quadratic
    in an article with many headlines)."""
    if not names:
        return set()
    width = min(3, min(map(len, names)))
    lengths: dict[str, set[int]] = {}
    for name in names:
        lengths.setdefault(name[:width], set()).add(len(name))
    firsts = re.compile(f"[{re.escape(''.join(sorted({name[0] for name in names})))}]")
    found = set()
    for m in firsts.finditer(text):
        at = m.start()
        for length in lengths.get(text[at:at + width], ()):
            name = text[at:at + length]
            if name in names and not headlines.covers(at, at + length):
                found.add(name)
    return found


def _just_before(text: str, pos: int, width: int) -> str:
    """Up to width characters before pos, from the last sentence or line break on."""
    stretch = text[max(0, pos - width):pos]
    return re.split(r"[.!?;\n]\s", stretch)[-1]
