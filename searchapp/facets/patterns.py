"""The knowledge compiled into the patterns and tables the facet extractors run, once per Knowledge."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from searchapp.facets.inflected import InflectedCountries
from searchapp.facets.phrases import PhraseIndex
from searchapp.facets.text import (
    NAME, NAME_PARTICLES, NAME_TOKEN, POST_RUNS_ON, SPACE, TITLE_ABBREVIATIONS, alternation, form_key, literal, sound_key, spelling_key,
    unaccented,
)
from searchapp.knowledge import Knowledge

ALL_KINDS = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "other"}


@dataclass
class Official:
    name: str
    country: str | None
    aliases: tuple[str, ...]
    roles: tuple[dict, ...]
    surname: str = ""
    keys: tuple[str, ...] = ()  # the aliases' spelling-insensitive keys, for near spellings
    sound_keys: tuple[str, ...] = ()  # the same, transliterations made alike (text.sound_key)

    def holds(self, kinds: set[str], day: datetime.date | None) -> bool:
        """Held a role of one of these kinds, on that day if one is given."""
        for role in self.roles:
            if role.get("kind", "other") not in kinds:
                continue
            start = parse_day(role.get("from")) or datetime.date.min
            end = parse_day(role.get("to")) or datetime.date.max
            if day is None or start <= day <= end:
                return True
        return False

    def in_office(self, kinds: set[str]) -> bool:
        """Holds a role of one of these kinds that the knowledge gives no end: in office now."""
        return any(role.get("kind", "other") in kinds and not role.get("to") for role in self.roles)

    def held_before(self, kinds: set[str], day: datetime.date) -> bool:
        """Had held a role of one of these kinds by that day: a former president is still "Trump" to the press."""
        return any(
            role.get("kind", "other") in kinds and (parse_day(role.get("from")) or datetime.date.min) <= day
            for role in self.roles
        )


def parse_day(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


class FacetPatterns:
    """The knowledge compiled into what extract() runs: big patterns, phrase indexes and lookup
    tables, made once per Knowledge (see facet_patterns)."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.countries, self.officials = knowledge.countries, knowledge.officials
        self.topics, self.titles = knowledge.topics, knowledge.titles
        self.outlets = knowledge.outlets
        self._compile_titles()
        self._compile_countries()
        self._compile_officials()
        self._compile_topics()

    # ------------------------------------------------------------ compiling

    def _compile_titles(self) -> None:
        t = self.titles
        self.title_kinds = {k.lower(): v for k, v in t.get("title_phrases", {}).items()}
        self.formal_title_kinds = {k.lower(): v for k, v in t.get("formal_title_kinds", {}).items()}
        # "counterparts Name One and Name Two", "foreign ministers A B and C D": plurals introduce lists
        self.plural_titles = {_plural(p): kind for p, kind in self.title_kinds.items() if " of " not in p}
        abbreviations = t.get("plural_abbreviations", {})  # "Govs.", "Sens.": written only so, and only as plurals
        self.plural_titles |= {p.lower(): kind for p, kind in abbreviations.items()}
        formal = list(t.get("formal_titles", [])) + list(abbreviations)
        self.title_words = {w for p in list(self.title_kinds) + formal for w in re.split(r"[\s-]+", p.lower())}
        self.title_words |= {_plural(w) for w in self.title_words}
        self.title_words -= set(NAME_PARTICLES)  # "ministro de defensa": "de" still joins "Lula da Silva"
        ordered = sorted(set(self.title_kinds) | set(formal), key=lambda p: (-len(p), p))
        titles = "|".join(
            f"(?i:{_title_literal(p)}{_plural_suffix(p)})" if p in self.title_kinds else _title_literal(p) for p in ordered
        )
        # "Ambassador to South Korea Philip Goldberg", "Ambassador to the US ...": the post's place may sit between
        place_word = rf"(?:(?:[A-Z]\.){{2,}}|[A-Z]{{2,}}(?![\w])|{NAME_TOKEN})"
        # "Special Representative for Afghanistan and Pakistan Richard Olson": two places joined by "and"
        place_name = rf"{place_word}(?:{SPACE}{place_word}){{0,2}}?"
        place = rf"(?:{SPACE}(?:to|for|of|in){SPACE}(?:the{SPACE})?{place_name}(?:{SPACE}and{SPACE}{place_name})?)?"
        # "AFP chief Gen. Romeo Brawner Jr.": a rank may follow the post
        rank = rf"(?:{SPACE}(?P<rank>{titles}))?"
        # "His counterpart, Hiroshige Seko, told": or a comma, then a name closed by a comma or a verb
        said = alternation(t.get("speech_verbs", []))
        # Only words that start like some title are tried (the alternation is long).
        starts = sorted({re.match(r"\w*", p).group(0).lower()[:3] for p in ordered}, key=lambda p: (-len(p), p))
        self.title_start_re = re.compile(rf"(?<![\w-])(?i:{'|'.join(map(re.escape, starts))})")
        # a full stop that is not an abbreviation's: ", Qiu Guohong." closes a name, ", Rep. Jane Roe" does not
        sentence_stop = "".join(f"(?<!{re.escape(a[:-1].title())})" for a in TITLE_ABBREVIATIONS) + r"\.(?![\w.])"
        # "The spokesperson for the Iraqi Ministry of Trade, Mohamed Hanoun, said": before a comma the
        # post may run on, a clause's worth of words; the name closes with a comma, a verb or the sentence
        described = rf"(?P<desc>{POST_RUNS_ON})?"
        self.title_re = re.compile(
            rf"(?<![\w-])(?P<title>{titles}){place}{rank}"
            rf"(?:{SPACE}(?P<name>{NAME})"
            rf"|{described},{SPACE}(?P<comma_name>{NAME})(?=[ \t]*[,;]|{SPACE}(?:{said})\b|{sentence_stop}))"
        )
        # "[Russian President Vladimir] Putin": an editor's brackets hold the start of the name
        self.bracket_re = re.compile(rf"\[(?P<inside>[^\]\n]{{1,80}})\][ \t]*(?P<name>{NAME_TOKEN})")
        # "Govs. Jane Roe of Ohio and John Doe of Iowa": each name may carry its place
        self.list_more_re = re.compile(
            rf"(?:{SPACE}of{SPACE}{place_name})?(?:[ \t]*,[ \t]*(?:and{SPACE})?|,?{SPACE}and{SPACE})(?P<name>{NAME})"
        )
        heads = t.get("appositive_heads", [])
        # "Lee Gyeong-og, vice-minister of ...": a government's deputy posts, hyphenated (a company's vice-president is none)
        deputy = r"(?i:(?:vice|deputy|under)-(?=minister|secretary|premier|governor))?"
        self.appositive_re = re.compile(
            rf"(?<![\w-])(?P<name>{NAME}),{SPACE}(?P<desc>(?:[\w'’.-]+{SPACE}){{0,8}}?{deputy})(?i:(?P<head>{alternation(heads)}))"
            r"(?=[,.;:)]|\s+(?:of|for|at|to|in|on|and|with|since|from|who|whose|that"
            r"|during|under|until|between|before|after|when)\b|\s*$)",
            re.MULTILINE,
        )
        # "Jon Tester (D-MT)", "Sen. Mark Warner, D-Va., said": the US press's party-and-state tag after a politician's name
        state = rf"(?:{alternation(t.get('us_state_tags', [])) or '(?!)'})\.?"
        self.party_tag_re = re.compile(
            rf"(?<![\w-])(?P<name>{NAME})(?:[ \t]*\([DRI]-{state}\)|,[ \t]+[DRI]-{state}(?=[,;)]|\s|$))"
        )
        self.place_prepositions = set(t.get("place_prepositions", []))
        self.affiliation_re = re.compile(rf"(?<![\w-])(?:{alternation(t.get('non_official_affiliations', []))})(?![\w-])")
        self.name_suffixes = set(t.get("name_suffixes", []))
        self.non_official = re.compile(rf"(?i)(?<![\w-])(?:{alternation(t.get('non_official_roles', []))})(?![\w-])")
        self.moved_on = re.compile(rf"(?i)(?<![\w-])(?:{alternation(t.get('moved_on', []))})(?![\w-])")
        # "By Jane Roe and John Doe, Reuters Staff": the credit's run of capitalized words, not the rest
        # of its line, which in flattened copy is the story ("By Jane Roe UNITED NATIONS (Reuters) -
        # Zimbabwe's President Robert Mugabe ...")
        credit_word = r"(?:[A-Z][\w.'’-]*|and|&|de|van|von|der|da|al|bin)"
        credit_starts = alternation(t.get("byline_starts", []))
        self.byline_re = re.compile(
            rf"^[ \t(]*(?:{credit_starts})[ \t]+[A-Z][\w.'’-]*(?:(?:[ \t]+|,[ \t]*){credit_word})*", re.MULTILINE
        )
        self.stopwords = set(t.get("name_stopwords", []))
        self.surname_first = set(t.get("surname_first", []))
        self.korean_rank = {s: i for i, s in enumerate(t.get("korean_surnames", []))}
        self.surname_contexts = {w.lower() for w in t.get("surname_contexts", [])}
        self.word_surnames = set(t.get("word_surnames", []))
        self.headline_small_words = {w.lower() for w in t.get("headline_small_words", [])}
        self.org_titles = set(t.get("org_titles", []))
        self.acronym_org_titles = set(t.get("acronym_org_titles", []))
        self.organisation_words = set(t.get("organisation_words", []))
        # "Baker International Corp": a capitalized word, up to three more, then a company's suffix
        # (across a wrapped line, as wire copy has it)
        suffixes = alternation(t.get("company_suffixes", [])) or "(?!)"
        self.company_re = re.compile(
            rf"(?<![\w'’-])(?P<first>{NAME_TOKEN})(?:\s+[A-Z][\w&'’.-]*){{0,3}}\s+(?:{suffixes})(?![\w])"
        )
        self.not_serving = {w.lower() for w in t.get("not_serving", [])}
        self.japanese_surnames = set(t.get("japanese_surnames", []))

    def _compile_countries(self) -> None:
        c = self.countries
        self.country_forms: dict[str, tuple[str | None, str, dict]] = {}
        for entry in c.get("countries", []):
            name = entry["name"]
            ambiguous = entry.get("ambiguous", {})
            forms = [(name, "name")] + [(f, "name") for f in entry.get("names", [])]
            forms += [(f, "capital") for f in entry.get("capitals", [])]
            for d in entry.get("demonyms", []):
                forms.append((d, "demonym"))
                if not re.search(r"(ese|sh|ch|ss|s|x|z|y|i)$", d):
                    forms.append((d + "s", "demonym"))
                elif d.endswith("i"):
                    forms.append((d + "s", "demonym"))
            for form, kind in forms:
                rules = ambiguous.get(form) or ambiguous.get(form[:-1]) or {}
                self.country_forms[form_key(form)] = (name, kind, rules)
                if form.upper() != form and len(form) > 3 and form[:1].isupper():  # "RUSSIA", not "DEUTSCHE" (Bank)
                    self.country_forms.setdefault(form_key(form.upper()), (name, kind, rules))
            # "Russlands", "Chinas Präsident" (German's genitive), "South Africas Ramaphosa" (a possessive whose
            # apostrophe a scrape lost): a name with an s glued on is still the country
            for form, kind in forms:
                if kind == "name" and len(form) > 3 and form[-1].isalpha() and form[-1] not in "sSxzZ":
                    self.country_forms.setdefault(form_key(form + "s"), (name, kind, ambiguous.get(form) or {}))
        for phrase in [*c.get("non_country_phrases", []), *self._outlets_named_after_places()]:
            self.country_forms[form_key(phrase)] = (None, "none", {})
        self.org_words = set(c.get("org_words", []))
        words = alternation(c.get("government_words", [])) or "(?!)"
        self.capital_place_prepositions = set(c.get("capital_place_prepositions", []))
        self.government_word_re = re.compile(rf"(?i)(?:{words})[ \t]*$")
        self.country_index = PhraseIndex([(f, literal(f), False, f) for f in self.country_forms])
        self._compile_cjk_countries(c)
        self.inflected_countries = InflectedCountries(c.get("countries", []))

    def _outlets_named_after_places(self) -> list[str]:
        """Outlets' names that hold a country's, a capital's or a people's name ("Israel National News", "China
        Daily", "Kyiv Independent"): a credit to one names no country (run after the country forms are in)."""
        names = (n for o in self.outlets.get("outlets", []) for n in (o["name"], *o.get("aliases", [])))
        return [
            name for name in names
            if " " in name.strip() and any(form_key(w) in self.country_forms for w in re.findall(r"[\w'’-]+", name))
        ]

    def _compile_cjk_countries(self, c: dict) -> None:
        """Chinese, Japanese and Korean names, longest first ("北朝鮮" before "朝鮮"): one alternation, no word
        boundaries but the script's own (katakana does not run on, Hangul does not come before)."""
        forms: dict[str, tuple[str, ...]] = {}
        for entry in c.get("countries", []):
            forms.update((form, (entry["name"],)) for form in entry.get("cjk", []))
        forms.update((pair, tuple(names)) for pair, names in c.get("cjk_pairs", {}).items())  # "中美": two countries
        forms.update((phrase, ()) for phrase in c.get("cjk_non_country_phrases", []))
        self.cjk_country_forms = forms
        pairs = c.get("cjk_pairs", {})
        alternatives = [
            _cjk_pair(form) if form in pairs else _cjk_form(form) for form in sorted(forms, key=len, reverse=True)
        ]
        self.cjk_country_re = re.compile("|".join(alternatives)) if alternatives else None

    def _compile_officials(self) -> None:
        self.known: list[Official] = []
        self.known_by_key: dict[str, Official] = {}
        self.known_by_token: dict[str, list[Official]] = {}
        self.known_by_sound: dict[str, list[Official]] = {}  # a name word's sound_key ("lavrov" for "Lawrow")
        self.known_by_surname: dict[str, list[Official]] = {}
        self.given_names: set[str] = set()  # words that start a known name ("Charles" of Charles Michel)
        for entry in self.officials.get("officials", []):
            aliases = tuple(dict.fromkeys([entry["name"], *entry.get("aliases", [])]))
            person = Official(entry["name"], entry.get("country"), aliases, tuple(entry.get("roles", [])))
            person.surname = self.surname_of(person.name)
            person.keys = tuple(spelling_key(alias) for alias in aliases)
            person.sound_keys = tuple(sound_key(key) for key in person.keys)
            self.known.append(person)
            for surname in self._surnames(person, aliases):
                self.known_by_surname.setdefault(surname, []).append(person)
            for alias in aliases:
                self.known_by_key.setdefault(spelling_key(alias), person)
                first = unaccented(alias.split()[0])
                if " " in alias and first != unaccented(person.surname):  # "Kishida Fumio" starts with the surname
                    self.given_names.add(first)
                for token in re.split(r"[\s-]+", alias):
                    self.known_by_token.setdefault(token.lower(), []).append(person)
                    self.known_by_sound.setdefault(sound_key(spelling_key(token)), []).append(person)
        forms = {(form, person.name): person for person in self.known for alias in person.aliases
                 for form in (alias, unaccented(alias))}  # the press often drops the accents
        # A name runs on past a hyphen only into a lowercase syllable ("Yoon Suk" is not "Yoon Suk-yeol");
        # a capital after the hyphen starts the next name, as in "the Ashraf Ghani-Abdullah Abdullah deal".
        self.known_index = PhraseIndex(
            [(form, _flexible_name(form) + r"(?!-(?![A-Z]))", False, person) for (form, _), person in forms.items()]
        )
        # "习近平", "岸田文雄", "윤석열": names in scripts without spaces, found inside the words around them
        written: dict[str, set[str]] = {}
        for person in self.known:
            for alias in person.aliases:
                if CJK_CHAR.search(alias) and " " not in alias.strip():
                    written.setdefault(alias.strip(), set()).add(person.name)
        by_name = {person.name: person for person in self.known}
        self.cjk_known = {alias: by_name[min(names)] for alias, names in written.items() if len(names) == 1}  # one person's
        cjk = [_cjk_form(alias) for alias in sorted(self.cjk_known, key=len, reverse=True)]
        self.cjk_known_re = re.compile("|".join(cjk)) if cjk else None

    def _compile_topics(self) -> None:
        t = self.topics
        self.topic_threshold = float(t.get("threshold", 2))
        self.topic_spread_threshold = float(t.get("spread_threshold", self.topic_threshold))
        listing = t.get("list_sentence", {})
        self.list_items = int(listing.get("min_items", 3))
        self.list_item_words = int(listing.get("max_item_words", 6))
        self.fragment_words = int(t.get("fragment_words", 0))
        signals: dict[str, list[tuple[str, float]]] = {}
        for topic, words in t.get("topics", {}).items():  # weights checked numeric by the loader
            for phrase, weight in words.items():
                signals.setdefault(phrase.lower() if phrase.upper() != phrase else phrase, []).append((topic, float(weight)))
        for phrase in t.get("neutral", []):
            signals.setdefault(phrase.lower(), [])
        self.topic_ids = list(t.get("topics", {}))
        # visits and talks: topics only governments have (extract drops them when no country or official is named)
        self.between_governments = frozenset(t.get("between_governments", []))
        self.topic_signals = signals
        # "会谈", "ミサイル", "제재": signals in scripts without spaces, found inside the words around them
        cjk = sorted((p for p in signals if CJK_CHAR.search(p)), key=len, reverse=True)
        self.cjk_topic_re = re.compile("|".join(_cjk_form(p) for p in cjk)) if cjk else None
        wild = [p for p in signals if p.endswith("*") and not CJK_CHAR.search(p)]
        plain = [p for p in signals if not p.endswith("*") and not CJK_CHAR.search(p)]

        def pattern(p: str) -> str:
            return literal(p[:-1]) + r"[\w-]*" if p.endswith("*") else literal(p)

        self.topic_index = PhraseIndex([(p, pattern(p), p.upper() != p, p) for p in plain + wild])

    def _surnames(self, person: Official, aliases: tuple[str, ...]) -> list[str]:
        """The words a bare mention of this person may use: the canonical surname, and an alias's when it is
        the same name spelt another way ("Zelensky" of Zelenskyy, "Assad" of al-Assad), never another
        name the person goes by ("Charles" of a king's title)."""
        own = unaccented(person.surname)
        found = [own]
        for alias in aliases:
            if " " in alias and (other := unaccented(self.surname_of(alias))) not in found and _spelt_alike(own, other):
                found.append(other)
        return found

    def surname_of(self, name: str) -> str:
        """The word a bare mention of this person uses: family name first for East Asian names."""
        tokens = [t for t in name.split() if t not in self.name_suffixes]
        if len(tokens) > 1 and tokens[0] in self.surname_first:
            return tokens[0]
        return tokens[-1] if tokens else name


NAME_PARTICLE = re.compile(r"(?i)^(?:al|el|ad|as|ash|at|az)-")  # Arabic article: "al-Assad" is also "Assad"


def _spelt_alike(surname: str, other: str) -> bool:
    """One surname spelt two ways: without its article, or a transliteration within two letters of it."""
    a, b = NAME_PARTICLE.sub("", surname).casefold(), NAME_PARTICLE.sub("", other).casefold()
    if a == b:
        return True
    return min(len(a), len(b)) >= 5 and a[:3] == b[:3] and _edit_distance(a, b) <= 2


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _title_literal(title: str) -> str:
    """A title's regex, its words spaced or hyphenated alike: "vice minister", "vice-minister", "prime-minister"."""
    return literal(title).replace(r"\s+", r"(?:\s+|-)")


def _plural_suffix(title: str) -> str:
    """A regex tail that also accepts the plural of a title phrase (no plural for "x of y")."""
    if " of " in title:
        return ""
    return "(?:ies)?" if re.search(r"[^aeiou]y$", title) else "(?:e?s)?"


def _plural(title: str) -> str:
    """ "foreign minister" -> "foreign ministers", "secretary" -> "secretaries"."""
    if re.search(r"[^aeiou]y$", title):
        return title[:-1] + "ies"
    return title + ("es" if title.endswith(("s", "sh", "ch")) else "s")


# A nickname in quotes between given name and surname: "Jim 'Mad Dog' Mattis"
CJK_LETTERS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3"  # kana, Han, Hangul syllables
CJK_CHAR = re.compile(f"[{CJK_LETTERS}]")
KATAKANA = "\u30a0-\u30ff"
HANGUL = "\uac00-\ud7a3"


CJK_RUN = re.compile(f"[{CJK_LETTERS}]+")


def cjk_finditer(pattern: re.Pattern, text: str):
    """pattern's matches inside the text's runs of CJK letters only: an English text with curly quotes is not
    ASCII, and the long alternation tried at each of its positions cost 200 ms for 100 KB."""
    for run in CJK_RUN.finditer(text):
        yield from pattern.finditer(text, run.start(), run.end())


def _cjk_form(form: str) -> str:
    """A Chinese, Japanese or Korean name (a country's, a person's) as a pattern: a katakana name may not run on
    into more katakana ("シリア" is not in "シリアル"), a Korean one may not follow another syllable of a word."""
    pattern = re.escape(form)
    if re.fullmatch(f"[{KATAKANA}]+", form):
        return f"(?<![{KATAKANA}]){pattern}(?![{KATAKANA}])"
    if re.fullmatch(f"[{HANGUL}]+", form):
        return f"(?<![{HANGUL}]){pattern}"
    return pattern


def _cjk_pair(pair: str) -> str:
    """Two countries' one-letter abbreviations joined ("中美", "俄乌"). Where the first letter often ends
    another word, only where the pair opens one ("会谈中美方表示": "in the talks, the US side said"; "今日美股":
    "today's US stocks"; "玉米中"); and never before a name's next letter, where the second starts that
    name ("中美国": "in ... the United States")."""
    opening = "" if pair[0] in STARTS_NO_WORD_END else rf"(?<![{CJK_LETTERS}])"
    return rf"{opening}{re.escape(pair)}(?![{NAME_GOES_ON}])"


NAME_GOES_ON = "国國罗羅本鲜鮮克朗拉湾灣律西"  # 美国, 俄罗斯, 日本, 朝鲜, 乌克兰, 伊朗, 伊拉克, 台湾, 菲律宾, 露西亜
STARTS_NO_WORD_END = "俄乌烏韩韓"  # abbreviations that end no common word ("中", "日", "美", "朝", "米", "台" do)


# a quoted nickname ("Benjamin \"Bibi\" Netanyahu") or a middle initial ("Donald J. Trump", "Donald J Trump")
NICKNAME = r"(?:\s+[\"“‘'][A-Z][\w .-]{0,20}[\"”’']|\s+[A-Z]\.?(?=\s))?"


def _flexible_name(alias: str) -> str:
    """A name pattern that tolerates hyphen/space and case differences after the first word,
    and a quoted nickname or a middle initial after it."""
    tokens = [t for t in re.split(r"[\s-]+", alias) if t]
    parts = [literal(tokens[0]) + (NICKNAME if len(tokens) > 1 else "")]
    for token in tokens[1:]:
        first = token[0]
        head = f"[{first.upper()}{first.lower()}]" if first.isalpha() else re.escape(first)
        parts.append(r"[\s-]+" + head + literal(token[1:]))
    return "".join(parts)


def facet_patterns(knowledge: Knowledge) -> FacetPatterns:
    """The facet patterns of this knowledge, compiled the first time they are asked for."""
    return knowledge.compiled(FacetPatterns)
