"""Facets of an article: the countries, officials and topics it is about.

The knowledge (names, titles, topic signals) is data in searchapp/knowledge/*.json;
this module turns it into a few big compiled patterns once (Knowledge.load) and
applies the label conventions of LABELS.md to one article at a time (extract).
"""

from __future__ import annotations

import bisect
import datetime
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from searchapp.reading import Article

FACETS = ("countries", "officials", "topics")
KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
ALL_KINDS = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "other"}
KNOWLEDGE_FILES = ("countries.json", "officials.json", "topics.json", "titles.json")


@dataclass(frozen=True)
class Span:
    """Where in Article.text a facet value was seen."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FacetValue:
    value: str  # canonical name ("South Korea", "Wang Yi") or topic id ("nuclear")
    evidence: tuple[Span, ...]


@dataclass(frozen=True)
class Facets:
    countries: tuple[FacetValue, ...] = ()
    officials: tuple[FacetValue, ...] = ()
    topics: tuple[FacetValue, ...] = ()

    def values(self, facet: str) -> list[str]:
        """The canonical values of one facet ("countries", "officials", "topics")."""
        return [v.value for v in getattr(self, facet)]


class KnowledgeError(ValueError):
    """A knowledge file is missing, not JSON, or not in the expected shape."""


# ---------------------------------------------------------------- text helpers

# A word that can be part of a person's name: capitalized, with lowercase letters, maybe hyphenated.
UPPER, LOWER = "A-ZÀ-ÖØ-ÞĀ-ſ", "a-zß-öø-ÿĀ-ſ"  # Latin letters with accents ("Sánchez", "Erdoğan")
# "McCain", "DiCarlo", "O'Brien", "al-Assad": a capital may sit inside a surname, so a token
# runs to the end of its word ("Rosemary DiCarlo" is never cut to "Rosemary Di").
# A generational suffix ends a name and belongs to it: "Romeo Brawner Jr.", "Benigno Aquino III".
NAME_SUFFIX = r"(?:Jr\.?|Sr\.?|II|III|IV)(?![\w])"
NAME_TOKEN = (
    rf"(?:(?!{NAME_SUFFIX})(?:(?:al|el|bin)-)?(?:[{UPPER}]['’])?[{UPPER}][{LOWER}]+(?:[{UPPER}][{LOWER}]+)*"
    rf"(?:['’][{UPPER}{LOWER}]+)?(?:-[{UPPER}{LOWER}][{LOWER}]+)*(?![\w])|[A-Z]\.)"
)
# Lower-case particles inside a name: "Ursula von der Leyen", "Mohammed bin Salman", "Lula da Silva".
NAME_PARTICLE = r"(?:von|van|der|den|de|da|del|della|di|du|dos|das|bin|bint|ibn|al|el|le|la)"
NAME = rf"{NAME_TOKEN}(?:(?:[ \t]{NAME_PARTICLE}){{0,2}}[ \t]{NAME_TOKEN}){{0,3}}(?:[ \t]{NAME_SUFFIX})?"
NAME_TOKEN_RE = re.compile(NAME_TOKEN)
SUFFIX_AT_END = re.compile(rf"[ \t]{NAME_SUFFIX}$")
CAPITALIZED_WORD = re.compile(rf"(?<![\w'’-])[{UPPER}][{UPPER}{LOWER}]*[{LOWER}](?![\w-])")
TITLE_ABBREVIATIONS = {"gen.", "sen.", "rep.", "gov.", "adm.", "col.", "lt.", "maj.", "brig.", "cdr.", "mr.", "mrs.", "ms.",
                       "dr.", "u.s.", "u.k."}
SPACE = r"[ \t\u00a0]+"
SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bSt)(?<!\bNo)[.!?]+[\"”’']?(?=\s+[\"“‘']?[A-Z0-9])|\n")


def _literal(phrase: str) -> str:
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


def _alternation(phrases, flags_for=lambda p: "") -> str:
    """One alternation, longest phrase first so the longest form wins at a position."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(f"(?{flags_for(p)}:{_literal(p)})" if flags_for(p) else _literal(p) for p in ordered)


class _PhraseIndex:
    """Many phrase patterns matched in one left-to-right pass, leftmost and longest first.

    Each word of the text tries only the patterns that start with its first three letters,
    which keeps thousands of names as fast as a handful (one big alternation tries every
    one at every position).
    """

    def __init__(self, entries):
        """entries: (phrase as written, regex source, ignore_case, payload)."""
        grouped: dict[tuple[str, bool], list] = {}
        for phrase, source, ignore_case, payload in entries:
            first = re.match(r"\w+", phrase)
            word = first.group(0) if first else phrase[:1]
            key = (word.lower() if ignore_case else word)[:3]
            grouped.setdefault((key, ignore_case), []).append((phrase, source, payload))
        self.exact: dict[str, tuple[re.Pattern, list]] = {}  # by the word's first letters as written
        self.folded: dict[str, tuple[re.Pattern, list]] = {}  # by its first letters in lower case
        for (key, ignore_case), items in grouped.items():
            items.sort(key=lambda item: -len(item[0]))
            body = "|".join(f"({source})" for _, source, _ in items)
            pattern = re.compile(rf"(?:{body})(?![\w])", re.IGNORECASE if ignore_case else 0)
            (self.folded if ignore_case else self.exact)[key] = (pattern, [payload for _, _, payload in items])
        # Only words starting as some phrase starts are worth a look; the regex engine skips the
        # others (a Python step for every word of the text was most of the time).
        firsts = {key[0] for key in self.exact} | {c for key in self.folded for c in (key[0], key[0].upper())}
        starts = [_prefix_trie(self.exact)] if self.exact else []
        starts += [f"(?i:{_prefix_trie(self.folded)})"] if self.folded else []
        first_class = "".join(re.escape(c) for c in sorted(firsts))
        self.words = re.compile(rf"(?<!\w)(?=[{first_class}])(?:{'|'.join(starts)})") if firsts else None

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        """(start, end, payload) of each match, not overlapping."""
        end = len(text) if end is None else end
        last = start
        exact, folded = self.exact, self.folded
        if self.words is None:
            return
        for word in self.words.finditer(text, start, end):
            at = word.start()
            if at < last:
                continue
            prefix = word.group(0)[:3]
            best = None
            for found in (exact.get(prefix), folded.get(prefix.lower())):
                if found is None:
                    continue
                m = found[0].match(text, at, end)
                if m and (best is None or m.end() > best[1]):
                    best = (at, m.end(), found[1][m.lastindex - 1])
            if best:
                yield best
                last = best[1]


def _prefix_trie(keys) -> str:
    """A regex for a word that starts with one of keys, a key shorter than 3 letters being the
    whole word (as _PhraseIndex looks words up by their first 3 letters). Built as a trie, so
    hundreds of keys cost one walk down a word's letters."""
    tree: dict = {}
    for key in keys:
        node = tree
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = len(key) >= 3  # the key ends here: the word may go on, or must end
    return _trie_regex(tree)


def _trie_regex(node: dict) -> str:
    branches = []
    for ch, child in sorted(node.items()):
        if ch == "":
            branches.append(r"\w*" if child else r"(?!\w)")
        else:
            branches.append(re.escape(ch) + _trie_regex(child))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _unaccented(text: str) -> str:
    """The text without diacritics: "Mevlüt Çavuşoğlu" -> "Mevlut Cavusoglu" (as English press writes it)."""
    if text.isascii():
        return text
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return plain.replace("ı", "i").replace("ł", "l").replace("Ł", "L")


def _key(name: str) -> str:
    """Spelling-insensitive key of a name: "Yoon Suk-yeol", "Yoon Suk Yeol" and accented forms agree."""
    return re.sub(r"[^a-z]", "", _unaccented(name).lower())


def _form_key(form: str) -> str:
    """Forms as written in text map back to their entry: one space, straight apostrophes."""
    return re.sub(r"\s+", " ", form).replace("’", "'")


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in SENTENCE_END.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def _sentence_at(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    lo, hi = 0, len(bounds) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if bounds[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return bounds[lo] if bounds else (0, 0)


def _word_before(text: str, pos: int) -> tuple[str, int]:
    """The word that ends right before pos (one space apart), and where it starts."""
    m = re.search(r"([A-Za-z][\w.'’-]*)[ \t]$", text[max(0, pos - 40):pos])
    if not m or (m.group(1).endswith(".") and m.group(1).lower() not in TITLE_ABBREVIATIONS):
        return "", pos  # a full stop before: the word at pos starts a sentence
    return m.group(1), pos - (len(m.group(0)))


def _word_after(text: str, pos: int) -> str:
    m = re.match(r"[ \t]([A-Za-z][\w'’-]*)", text[pos:pos + 40])
    return m.group(1) if m else ""


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?:\n"


# ---------------------------------------------------------------- loading


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"cannot read knowledge file {path}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"knowledge file {path} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"knowledge file {path} must hold a JSON object")
    return data


def _merge_records(base: list, extra: list, path: Path, what: str) -> list:
    """Records keyed by "name": same name replaces the bundled one, a new name is added."""
    merged = {}
    for record in list(base) + list(extra):
        if not isinstance(record, dict) or not isinstance(record.get("name"), str):
            raise KnowledgeError(f"{path}: every entry of {what!r} needs a \"name\"")
        merged[record["name"]] = record
    return list(merged.values())


def _merge(name: str, base: dict, extra: dict, path: Path) -> dict:
    """A newsroom's file extends or overrides the bundled one of the same name."""
    merged = dict(base)
    for key, value in extra.items():
        old = merged.get(key)
        if key in ("countries", "officials"):
            merged[key] = _merge_records(old or [], value, path, key)
        elif isinstance(old, dict) and isinstance(value, dict):
            merged[key] = {**old, **value}
        elif isinstance(old, list) and isinstance(value, list):
            merged[key] = old + [v for v in value if v not in old]
        else:
            merged[key] = value
    return merged


@dataclass
class Official:
    name: str
    country: str | None
    aliases: tuple[str, ...]
    roles: tuple[dict, ...]
    surname: str = ""
    keys: tuple[str, ...] = ()  # the aliases' spelling-insensitive keys, for near spellings

    def holds(self, kinds: set[str], day: datetime.date | None) -> bool:
        """Held a role of one of these kinds, on that day if one is given."""
        for role in self.roles:
            if role.get("kind", "other") not in kinds:
                continue
            start = _parse_day(role.get("from")) or datetime.date.min
            end = _parse_day(role.get("to")) or datetime.date.max
            if day is None or start <= day <= end:
                return True
        return False


def _records(data: dict, key: str, file: str) -> list[dict]:
    """The named records of a knowledge file, checked so a bad entry gets a clear error."""
    records = data.get(key, [])
    if not isinstance(records, list) or not all(isinstance(r, dict) and isinstance(r.get("name"), str) for r in records):
        raise KnowledgeError(f"{file}: {key!r} must be a list of entries, each with a \"name\"")
    return records


def _parse_day(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


class Knowledge:
    """Country names, officials and topic signals, loaded once and passed in."""

    def __init__(self, countries: dict, officials: dict, topics: dict, titles: dict) -> None:
        """Compile the knowledge files' contents into the patterns extract() runs."""
        self.countries, self.officials, self.topics, self.titles = countries, officials, topics, titles
        self._compile_titles()
        self._compile_countries()
        self._compile_officials()
        self._compile_topics()

    @classmethod
    def load(cls, extra_dir: Path | None = None) -> "Knowledge":
        """The bundled knowledge files, extended or overridden by same-named files in extra_dir."""
        if extra_dir is not None and not Path(extra_dir).is_dir():
            raise KnowledgeError(f"knowledge folder {extra_dir} does not exist")
        data = {}
        for name in KNOWLEDGE_FILES:
            bundled = KNOWLEDGE_DIR / name
            data[name] = _read_json(bundled) if bundled.is_file() else {}
            if extra_dir is not None:
                extra = Path(extra_dir) / name
                if extra.is_file():
                    data[name] = _merge(name, data[name], _read_json(extra), extra)
        return cls(data["countries.json"], data["officials.json"], data["topics.json"], data["titles.json"])

    # ------------------------------------------------------------ compiling

    def _compile_titles(self) -> None:
        t = self.titles
        self.title_kinds = {k.lower(): v for k, v in t.get("title_phrases", {}).items()}
        # "counterparts Name One and Name Two", "foreign ministers A B and C D": plurals introduce lists
        self.plural_titles = {_plural(p): kind for p, kind in self.title_kinds.items() if " of " not in p}
        formal = list(t.get("formal_titles", []))
        self.title_words = {w for p in list(self.title_kinds) + formal for w in re.split(r"[\s-]+", p.lower())}
        self.title_words |= {_plural(w) for w in self.title_words}
        ordered = sorted(set(self.title_kinds) | set(formal), key=lambda p: (-len(p), p))
        titles = "|".join(
            f"(?i:{_literal(p)}{_plural_suffix(p)})" if p in self.title_kinds else _literal(p) for p in ordered
        )
        # "Ambassador to South Korea Philip Goldberg", "Ambassador to the US ...": the post's place may sit between
        place_word = rf"(?:(?:[A-Z]\.){{2,}}|[A-Z]{{2,}}(?![\w])|{NAME_TOKEN})"
        # "Special Representative for Afghanistan and Pakistan Richard Olson": two places joined by "and"
        place_name = rf"{place_word}(?:{SPACE}{place_word}){{0,2}}?"
        place = rf"(?:{SPACE}(?:to|for|of|in){SPACE}(?:the{SPACE})?{place_name}(?:{SPACE}and{SPACE}{place_name})?)?"
        # "AFP chief Gen. Romeo Brawner Jr.": a rank may follow the post
        rank = rf"(?:{SPACE}(?:{titles}))?"
        # "His counterpart, Hiroshige Seko, told": or a comma, then a name closed by a comma or a verb
        said = _alternation(t.get("speech_verbs", []))
        # Only words that start like some title are tried (the alternation is long).
        starts = sorted({re.match(r"\w*", p).group(0).lower()[:3] for p in ordered}, key=lambda p: (-len(p), p))
        self.title_start_re = re.compile(rf"(?<![\w-])(?i:{'|'.join(map(re.escape, starts))})")
        self.title_re = re.compile(
            rf"(?<![\w-])(?P<title>{titles}){place}{rank}"
            rf"(?:{SPACE}(?P<name>{NAME})|,{SPACE}(?P<comma_name>{NAME})(?=[ \t]*[,;]|{SPACE}(?:{said})\b))"
        )
        # "[Russian President Vladimir] Putin": an editor's brackets hold the start of the name
        self.bracket_re = re.compile(rf"\[(?P<inside>[^\]\n]{{1,80}})\][ \t]*(?P<name>{NAME_TOKEN})")
        self.list_more_re = re.compile(rf"(?:[ \t]*,[ \t]*(?:and{SPACE})?|,?{SPACE}and{SPACE})(?P<name>{NAME})")
        heads = t.get("appositive_heads", [])
        self.appositive_re = re.compile(
            rf"(?<![\w-])(?P<name>{NAME}),{SPACE}(?P<desc>(?:[\w'’.-]+{SPACE}){{0,8}}?)(?i:(?P<head>{_alternation(heads)}))"
            rf"(?=[,.;:)]|\s+(?:of|for|at|to|in|on|and|with|since|from|who|whose|that)\b|\s*$)",
            re.MULTILINE,
        )
        self.place_prepositions = set(t.get("place_prepositions", []))
        self.affiliation_re = re.compile(rf"(?<![\w-])(?:{_alternation(t.get('non_official_affiliations', []))})(?![\w-])")
        self.name_suffixes = set(t.get("name_suffixes", []))
        self.non_official = re.compile(rf"(?i)(?<![\w-])(?:{_alternation(t.get('non_official_roles', []))})(?![\w-])")
        self.moved_on = re.compile(rf"(?i)(?<![\w-])(?:{_alternation(t.get('moved_on', []))})(?![\w-])")
        self.byline_re = re.compile(
            rf"^[ \t(]*(?:{_alternation(t.get('byline_starts', []))})[ \t]+[A-Z][^\n]*$", re.MULTILINE
        )
        self.stopwords = set(t.get("name_stopwords", []))
        self.surname_first = set(t.get("surname_first", []))
        self.korean_rank = {s: i for i, s in enumerate(t.get("korean_surnames", []))}
        self.surname_contexts = {w.lower() for w in t.get("surname_contexts", [])}
        self.headline_small_words = {w.lower() for w in t.get("headline_small_words", [])}
        self.org_titles = set(t.get("org_titles", []))
        self.not_serving = {w.lower() for w in t.get("not_serving", [])}
        self.japanese_surnames = set(t.get("japanese_surnames", []))

    def _compile_countries(self) -> None:
        c = self.countries
        self.country_forms: dict[str, tuple[str | None, str, dict]] = {}
        for entry in _records(c, "countries", "countries.json"):
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
                self.country_forms[_form_key(form)] = (name, kind, rules)
                if form.upper() != form and len(form) > 3:
                    self.country_forms.setdefault(_form_key(form.upper()), (name, kind, rules))
        for phrase in c.get("non_country_phrases", []):
            self.country_forms[_form_key(phrase)] = (None, "none", {})
        self.org_words = set(c.get("org_words", []))
        words = _alternation(c.get("government_words", [])) or "(?!)"
        self.capital_place_prepositions = set(c.get("capital_place_prepositions", []))
        self.government_word_re = re.compile(rf"(?i)(?:{words})[ \t]*$")
        self.country_index = _PhraseIndex([(f, _literal(f), False, f) for f in self.country_forms])

    def _compile_officials(self) -> None:
        self.known: list[Official] = []
        self.known_by_key: dict[str, Official] = {}
        self.known_by_token: dict[str, list[Official]] = {}
        self.known_by_surname: dict[str, list[Official]] = {}
        for entry in _records(self.officials, "officials", "officials.json"):
            aliases = tuple(dict.fromkeys([entry["name"], *entry.get("aliases", [])]))
            person = Official(entry["name"], entry.get("country"), aliases, tuple(entry.get("roles", [])))
            person.surname = self.surname_of(person.name)
            person.keys = tuple(_key(alias) for alias in aliases)
            self.known.append(person)
            self.known_by_surname.setdefault(_unaccented(person.surname), []).append(person)
            for alias in aliases:
                self.known_by_key.setdefault(_key(alias), person)
                for token in re.split(r"[\s-]+", alias):
                    self.known_by_token.setdefault(token.lower(), []).append(person)
        forms = {(form, person.name): person for person in self.known for alias in person.aliases
                 for form in (alias, _unaccented(alias))}  # the press often drops the accents
        self.known_index = _PhraseIndex(
            [(form, _flexible_name(form) + r"(?!-)", False, person) for (form, _), person in forms.items()]
        )

    def _compile_topics(self) -> None:
        t = self.topics
        self.topic_threshold = float(t.get("threshold", 2))
        self.topic_spread_threshold = float(t.get("spread_threshold", self.topic_threshold))
        listing = t.get("list_sentence", {})
        self.list_items = int(listing.get("min_items", 3))
        self.list_item_words = int(listing.get("max_item_words", 6))
        self.fragment_words = int(t.get("fragment_words", 0))
        signals: dict[str, list[tuple[str, float]]] = {}
        for topic, words in t.get("topics", {}).items():
            if not isinstance(words, dict) or not all(isinstance(w, (int, float)) for w in words.values()):
                raise KnowledgeError(f"topics.json: topic {topic!r} must map signal phrases to numeric weights")
            for phrase, weight in words.items():
                signals.setdefault(phrase.lower() if phrase.upper() != phrase else phrase, []).append((topic, float(weight)))
        for phrase in t.get("neutral", []):
            signals.setdefault(phrase.lower(), [])
        self.topic_ids = list(t.get("topics", {}))
        self.topic_signals = signals
        wild = [p for p in signals if p.endswith("*")]
        plain = [p for p in signals if not p.endswith("*")]

        def pattern(p: str) -> str:
            return _literal(p[:-1]) + r"[\w-]*" if p.endswith("*") else _literal(p)

        self.topic_index = _PhraseIndex([(p, pattern(p), p.upper() != p, p) for p in plain + wild])

    def surname_of(self, name: str) -> str:
        """The word a bare mention of this person uses: family name first for East Asian names."""
        tokens = [t for t in name.split() if t not in self.name_suffixes]
        if len(tokens) > 1 and tokens[0] in self.surname_first:
            return tokens[0]
        return tokens[-1] if tokens else name


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
NICKNAME = r"(?:\s+[\"“‘'][A-Z][\w .-]{0,20}[\"”’'])?"


def _flexible_name(alias: str) -> str:
    """A name pattern that tolerates hyphen/space and case differences after the first word,
    and a quoted nickname after it."""
    tokens = [t for t in re.split(r"[\s-]+", alias) if t]
    parts = [_literal(tokens[0]) + (NICKNAME if len(tokens) > 1 else "")]
    for token in tokens[1:]:
        first = token[0]
        head = f"[{first.upper()}{first.lower()}]" if first.isalpha() else re.escape(first)
        parts.append(r"[\s-]+" + head + _literal(token[1:]))
    return "".join(parts)


# ---------------------------------------------------------------- countries


def _countries(text: str, k: Knowledge, bounds) -> list[FacetValue]:
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
    return [FacetValue(c, tuple(spans)) for c, spans in found.items()]


GLUED_WORDS = re.compile(rf"(?<![\w-])[{UPPER}][{LOWER}]{{3,}}(?:[{UPPER}][{LOWER}]{{3,}})+(?![\w])")
DEMONYM_SHAPE = re.compile(r"[A-Z][a-z]+(?:an|ese|i|ish)")


def _country_mention_holds(text, start, end, kind, rules, k: Knowledge, bounds, seen: dict) -> bool:
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
        if re.match(r"-based\b", text[end:end + 7]):
            return False  # "a Washington-based think tank": a place, not its government
        before, before_at = _word_before(text, start)
        if before.lower() in k.capital_place_prepositions and not k.government_word_re.search(text[max(0, before_at - 30):before_at]):
            return False  # "In Vienna, diplomats met"; but "the authorities in Seoul said" is its government
    after = _word_after(text, end)
    if kind == "capital" or rules:
        if after in k.org_words or after in rules.get("not_before", []):
            return False
    if rules.get("person"):
        before, _ = _word_before(text, start)
        if before[:1].isupper() and before.lower() not in k.title_words and before not in k.stopwords and before not in k.country_forms:
            return False  # "Michael Jordan", "Denzel Washington"
        if after[:1].isupper() and after.lower() not in k.title_words and after not in k.stopwords and after not in k.country_forms:
            return False
    near = rules.get("reject_near")
    if near:
        s, e = _sentence_at(bounds, start)
        if ("near", s, id(near)) not in seen:
            sentence = text[s:e]
            seen["near", s, id(near)] = any(re.search(rf"(?<![\w-]){_literal(w)}(?![\w-])", sentence) for w in near)
        if seen["near", s, id(near)]:
            return False
    return True


def _line_around(text: str, start: int, end: int, seen: dict) -> tuple[int, int]:
    """Where the line (or lines) holding text[start:end] starts and ends, by bisecting the text's
    line breaks, found once (searching back from each mention was slow on a long line)."""
    if "newlines" not in seen:
        seen["newlines"] = [m.start() for m in re.finditer("\n", text)]
    newlines = seen["newlines"]
    before = bisect.bisect_left(newlines, start)
    after = bisect.bisect_left(newlines, end)
    return (newlines[before - 1] + 1 if before else 0), (newlines[after] if after < len(newlines) else len(text))


# ---------------------------------------------------------------- officials


@dataclass
class _Mention:
    start: int
    end: int
    name: str  # as written, cleaned
    person: Official | None = None  # a known official
    kind: str | None = None  # title kind when a title introduced it


class _SpanSet:
    """Spans that do not overlap, kept in order, so that each test is a bisection and
    extraction stays linear in the article's length."""

    def __init__(self, spans=()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        at = bisect.bisect_left(self.starts, start)
        self.starts.insert(at, start)
        self.ends.insert(at, end)

    def overlaps(self, start: int, end: int) -> bool:
        at = bisect.bisect_left(self.starts, end)  # the last span starting before end
        return at > 0 and self.ends[at - 1] > start

    def covers(self, start: int, end: int) -> bool:
        at = bisect.bisect_right(self.starts, start)  # the last span starting at or before start
        return at > 0 and self.ends[at - 1] >= end


def _excluded_spans(text: str, k: Knowledge) -> _SpanSet:
    """Bylines and photo credits: the names there are journalists, never officials."""
    return _SpanSet((m.start(), m.end()) for m in k.byline_re.finditer(text))


def _not_a_name_word(token: str, k: Knowledge) -> bool:
    """A stopword, title word or country form; a country form that is also a person's name
    ("Santiago", "Trinidad") may be one."""
    if token in k.stopwords or token.lower() in k.title_words:
        return True
    form = k.country_forms.get(token)
    return form is not None and not form[2].get("person")


def _clean_name(raw: str, start: int, k: Knowledge) -> tuple[str, int]:
    """Drop non-name words at either end ("Monday", "Minister"); return the name and its offset.
    A suffix ("Jr.") stays when the whole name before it does."""
    tokens = [(m.group(0), m.start()) for m in NAME_TOKEN_RE.finditer(raw)]
    while tokens and _not_a_name_word(tokens[0][0], k):
        tokens.pop(0)
    kept = []
    for token, offset in tokens:
        if _not_a_name_word(token, k):
            break
        kept.append((token, offset))
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


def _press_order(name: str, k: Knowledge, countries: set[str]) -> str:
    """The form English-language press uses: Korean family name first ("Chang Ho-jin"),
    Japanese given name first ("Endo Kazuya" -> "Kazuya Endo", in an article about Japan),
    a Hong Kong name by its English given name and surname ("Carrie Lam Cheng Yuet-ngor" ->
    "Carrie Lam", "Donald Tsang Yam-kuen" -> "Donald Tsang")."""
    name = _korean_order(name, k)
    tokens = name.split()
    if len(tokens) >= 3 and tokens[0] not in k.surname_first and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", tokens[-1]):
        return f"{tokens[0]} {tokens[1]}"
    if (
        "Japan" in countries
        and len(tokens) == 2
        and tokens[0] in k.japanese_surnames
        and tokens[1] not in k.japanese_surnames
    ):
        return f"{tokens[1]} {tokens[0]}"
    return name


def _korean_order(name: str, k: Knowledge) -> str:
    """ "Chang-ho Jin" or "Ho-jin Chang" -> "Chang Ho-jin": press order, surname chosen by frequency."""
    m = re.fullmatch(r"([A-Z][a-z]+)-([a-z]+) ([A-Z][a-z]+)", name)
    if not m:
        return name
    a, b, c = m.groups()
    rank_a, rank_c = k.korean_rank.get(a), k.korean_rank.get(c)
    if rank_a is None and rank_c is None:
        return name
    if rank_c is None or (rank_a is not None and rank_a < rank_c):
        return f"{a} {b.capitalize()}-{c.lower()}"
    return f"{c} {a}-{b}"


def _close(a: str, b: str) -> bool:
    """At most one letter inserted, dropped or changed (misspellings such as "Bliken")."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def _known_for(name: str, k: Knowledge, in_article) -> Official | None:
    """A known official this written name stands for: same key, or a near spelling of one of
    the article's officials (in_article, each once) or of an official sharing a word of it."""
    tokens = name.split()
    person = k.known_by_key.get(_key(name)) or (len(tokens) == 2 and k.known_by_key.get(_key(tokens[1] + tokens[0])))
    if person:
        return person  # East Asian names come in either order: "Kamikawa Yoko" is "Yoko Kamikawa"
    initials = [t for t in tokens[1:-1] if re.fullmatch(r"[A-Z]\.?", t)]
    if initials and len(tokens) - len(initials) >= 2:  # "Sergei V. Lavrov" is "Sergei Lavrov"
        plain = " ".join(t for t in tokens if t not in initials or t in (tokens[0], tokens[-1]))
        person = _known_for(plain, k, in_article)
        if person:
            return person
    key = _key(name)
    if len(key) < 8:
        return None
    candidates = list(in_article)
    for token in re.split(r"[\s-]+", name):
        candidates.extend(k.known_by_token.get(token.lower(), []))
    for person in candidates:
        if any(alias_key[:1] == key[:1] and _close(key, alias_key) for alias_key in person.keys):
            return person
    return None


def _officials(article: Article, text: str, k: Knowledge, countries=()) -> list[FacetValue]:
    """Known and discovered officials; countries (the article's) help read a bare surname."""
    excluded = _excluded_spans(text, k)
    mentions: list[_Mention] = []
    taken = _SpanSet()  # full names found so far
    for start, end, person in k.known_index.finditer(text):
        if excluded.covers(start, end) or text[start - 1:start] == "-":
            continue
        mentions.append(_Mention(start, end, text[start:end], person))
        taken.add(start, end)
    _bracketed_mentions(text, k, mentions, taken, excluded)
    bare = _titled_mentions(text, k, mentions, taken, excluded)
    _appositive_mentions(text, k, mentions, taken, excluded)
    people, persons = _people(text, k, mentions, set(countries))
    _resolve_surnames(article, text, k, people, persons, bare, taken, excluded, set(countries))
    ordered = sorted(people.items(), key=lambda item: min(s.start for s in item[1]))
    return [FacetValue(name, tuple(sorted(spans, key=lambda s: s.start))) for name, spans in ordered]


def _bracketed_mentions(text, k: Knowledge, mentions, taken, excluded) -> None:
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
                person = person or k.known_by_key.get(_key(" ".join(words[-n:] + [m.group("name")])))
        if person is not None:
            mentions.append(_Mention(start, end, person.name, person))
            taken.add(start, end)


def _titled_mentions(text, k: Knowledge, mentions, taken, excluded) -> list[_Mention]:
    """Names after a title ("Foreign Minister Wang Yi") go to mentions; a title then one word
    ("President Park") is returned for surname resolution."""
    bare: list[_Mention] = []
    for m in _titles_in(text, k):
        if not _title_holds(text, m, k):
            continue
        title = re.sub(r"\s+", " ", m.group("title").lower())
        kind = k.title_kinds.get(title) or k.plural_titles.get(title, "other")
        group = "name" if m.group("name") else "comma_name"
        names = [(m.group(group), m.start(group))]
        if title in k.plural_titles and title not in k.title_kinds:
            more = k.list_more_re.match(text, m.end(group))
            while more:
                names.append((more.group("name"), more.start("name")))
                more = k.list_more_re.match(text, more.end("name"))
        for raw, raw_at in names:
            name, at = _clean_name(raw, raw_at, k)
            if not name or excluded.covers(at, at + len(name)) or taken.overlaps(at, at + len(name)):
                continue
            if " " not in name and group == "comma_name":
                continue  # "the minister, Yang, said": too loose a tie for a bare surname
            mention = _Mention(at, at + len(name), name, kind=kind)
            (mentions if " " in name else bare).append(mention)
            if " " in name:
                taken.add(at, at + len(name))
    return bare


def _title_holds(text: str, m: re.Match, k: Knowledge) -> bool:
    """A title match names a government post: not a think tank's ("Asan Institute president"),
    not a retired officer's ("retired Rear Admiral"), and a lower-case "chief" only after an
    organisation's name ("AFP chief", "UN chief")."""
    if k.affiliation_re.search(_just_before(text, m.start(), 40)):
        return False
    before, _ = _word_before(text, m.start())
    if before.lower() in k.not_serving:
        return False
    written = m.group("title")
    if written in k.org_titles:
        return before[:1].isupper() and before.lower() not in k.headline_small_words
    return True


def _appositive_mentions(text, k: Knowledge, mentions, taken, excluded) -> None:
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
        if excluded.covers(at, at + len(name)) or taken.overlaps(at, at + len(name)):
            continue
        if _word_before(text, at)[0] in k.place_prepositions and not re.match(r"(?:who|whose)\b", m.group("desc")):
            continue  # "in New York, the president said": a place, not a person ("to Name, who serves as": a person)
        mentions.append(_Mention(at, at + len(name), name))
        taken.add(at, at + len(name))


def _people(text, k: Knowledge, mentions, countries: set[str]):
    """Full names: known ones by key, unknown ones by their press-order form.
    Returns the evidence per canonical name and the known official (or None) behind each."""
    people: dict[str, list[Span]] = {}
    persons: dict[str, Official | None] = {}
    spellings = _Spellings()  # people's names by spelling, for _merge_unknown
    in_article = {mm.person.name: mm.person for mm in mentions if mm.person}  # each official once
    headlines = said_elsewhere = None
    for mm in sorted(mentions, key=lambda x: x.start):
        ordered = _press_order(mm.name, k, countries)
        known = in_article.values()
        person = mm.person or _known_for(mm.name, k, known) or _known_for(ordered, k, known)
        if person is None and headlines is None:
            headlines = _SpanSet(_title_case_lines(text, k))
        if person is None and headlines.covers(mm.start, mm.end):
            if said_elsewhere is None:
                in_headlines = {m.name for m in mentions if headlines.covers(m.start, m.end)}
                said_elsewhere = _said_outside(text, in_headlines, headlines)
            if mm.name not in said_elsewhere:
                continue  # "Foreign Minister Conveys Concern Over ...": capitals of a headline, not a name
        canonical = person.name if person else _merge_unknown(ordered, people, persons, spellings)
        people.setdefault(canonical, []).append(Span(mm.start, mm.end, text[mm.start:mm.end]))
        persons[canonical] = person
        spellings.add(canonical)
        if person:
            in_article[person.name] = person
    return people, persons


def _titles_in(text: str, k: Knowledge):
    """title_re's matches, left to right and not overlapping, tried only where a title may start."""
    start = k.title_start_re.search(text)
    while start:
        m = k.title_re.match(text, start.start())
        if m:
            yield m
        start = k.title_start_re.search(text, m.end() if m else start.end())


def _title_case_lines(text: str, k: Knowledge) -> list[tuple[int, int]]:
    """Headlines and subheads: short lines whose words, small ones aside, are nearly all capitalized."""
    spans, start = [], 0
    for line in text.split("\n"):
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if w.lower() not in k.headline_small_words]
        if line.rstrip().endswith(".") or not 3 <= len(words) <= 25:
            pass  # a sentence, or too short or long for a headline
        elif sum(not w[0].isupper() for w in words) <= len(words) // 8:
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _said_outside(text: str, names: set[str], headlines: _SpanSet) -> set[str]:
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


def _merge_unknown(name: str, people: dict, persons: dict, spellings: "_Spellings") -> str:
    """An unknown name spelled like one already seen in the article is that person; with a
    suffix ("Romeo Brawner Jr.") it is the fuller form of the same name and replaces it."""
    key = _key(SUFFIX_AT_END.sub("", name))
    for seen in spellings.like(key, near=len(key) >= 8):
        seen_key = spellings.keys[seen]
        if seen_key == key and persons.get(seen) is None and len(name) > len(seen):
            people[name] = people.pop(seen)
            persons[name] = persons.pop(seen)
            spellings.remove(seen)
            spellings.add(name)
            return name
        if seen_key == key or (len(key) >= 8 and _close(key, seen_key)):
            return seen
    return name


class _Spellings:
    """The article's people by spelling key and by that key with one letter left out, so the
    first person a new name is spelled like (the same key, or one letter off) takes a few
    lookups; comparing it with everyone seen so far made extraction quadratic."""

    def __init__(self) -> None:
        self.order: dict[str, int] = {}  # name -> when people got it (a dict's order)
        self.keys: dict[str, str] = {}
        self.by_variant: dict[str, set[str]] = {}
        self.added = 0

    def add(self, name: str) -> None:
        if name in self.order:
            return  # people keeps a name where it was first put
        key = _key(SUFFIX_AT_END.sub("", name))
        self.order[name] = self.added
        self.added += 1
        self.keys[name] = key
        for variant in _one_left_out(key):
            self.by_variant.setdefault(variant, set()).add(name)

    def remove(self, name: str) -> None:
        del self.order[name]
        for variant in _one_left_out(self.keys.pop(name)):
            self.by_variant[variant].discard(name)

    def like(self, key: str, near: bool) -> list[str]:
        """Names whose key is key (near: or within one letter of it, and some others), in people's order."""
        found = set().union(*(self.by_variant.get(v, ()) for v in (_one_left_out(key) if near else (key,))))
        return sorted(found, key=self.order.__getitem__)


def _one_left_out(key: str) -> set[str]:
    """The key, and the key with each one of its letters left out: two keys one insertion,
    deletion or change apart share one of these."""
    return {key} | {key[:i] + key[i + 1:] for i in range(len(key))}


def _dated_surname(word, possessive, repeated, day, countries, k: Knowledge) -> Official | None:
    """A surname repeated on its own ("Yun said ... Yun added"), or possessive ("Biden's First
    Test"), is the one known official of that surname from the article's countries in office
    on the article's date; no date or several such officials: no one."""
    if day is None or (not possessive and not repeated):
        return None
    candidates = [p for p in k.known_by_surname.get(word, []) if p.country in countries and p.holds(ALL_KINDS, day)]
    return candidates[0] if len(candidates) == 1 else None


def _bare_word_may_be_surname(text, start, end, titled, k: Knowledge) -> bool:
    """The capitalized word at start..end may stand alone for a person: no other name around it
    ("Choi Si-young", "Gorky Park"), not a word that starts sentences ("He said"), not a role
    that is never an official's ("actor Lee's")."""
    word = text[start:end]
    after = _word_after(text, end)
    if after[:1].isupper() and after not in k.stopwords and after.lower() not in k.title_words and after not in k.country_forms:
        return False  # another name follows: "Choi Si-young" is not "Choi"
    if titled is not None:
        return True
    before, before_at = _word_before(text, start)
    if word in k.stopwords or k.non_official.fullmatch(before):
        return False
    return not (
        before[:1].isupper()
        and before.lower() not in k.title_words
        and before.lower() not in TITLE_ABBREVIATIONS
        and before not in k.stopwords
        and before not in k.country_forms
        and not _starts_sentence(text, before_at)
    )  # "Gorky Park", "Central Park"


def _resolve_surnames(article, text, k: Knowledge, people, persons, bare, taken, excluded, countries=()) -> None:
    """A bare surname is the article's one person of that name, or, after a title or before
    "administration", the one known official of that name and kind."""
    by_surname: dict[str, set[str]] = {}  # the word a bare mention uses -> who it may mean
    maybe: dict[str, set[str]] = {}  # also the other end of names that could be in either order
    for name, person in persons.items():
        surname = _unaccented(person.surname if person else k.surname_of(name))
        by_surname.setdefault(surname, set()).add(name)
        tokens = name.split()
        for token in (tokens[0], tokens[-1]):
            if token != surname and token in k.surname_first:
                maybe.setdefault(token, set()).add(name)  # "Sung Kim" may be called "Kim"
    bare_at = {mm.start: mm for mm in bare}
    # Counted in a pass of its own: a list of every capitalized word's match of a 50 MB text took gigabytes.
    counts = Counter(m.group(0) for m in CAPITALIZED_WORD.finditer(text))
    for m in CAPITALIZED_WORD.finditer(text):
        start, end = m.start(), m.end()
        word = _unaccented(m.group(0))
        if word not in by_surname and word not in k.known_by_surname:
            continue
        if taken.overlaps(start, end) or excluded.covers(start, end):
            continue
        titled = bare_at.get(start)
        if not _bare_word_may_be_surname(text, start, end, titled, k):
            continue
        names = by_surname.get(word, set())
        if _more_than_one(names, maybe.get(word, set())):
            continue  # two people of that name in the article: not clear which
        if len(names) == 1:
            people[next(iter(names))].append(Span(start, end, m.group(0)))
            continue
        if maybe.get(word):
            continue
        after = _word_after(text, end)
        if titled is not None:
            kinds = {titled.kind}  # "President Park": a head of state; "spokesperson Wang": an "other" role
        elif re.sub(r"['’]s$", "", after.lower()) in k.surname_contexts:  # "the Trump administration's"
            kinds = {"head_of_state", "head_of_government"}
        else:
            possessive = re.match(r"['’]s\b", text[end:end + 3]) is not None
            person = _dated_surname(word, possessive, counts[m.group(0)] > 1, article.date, countries, k)
            if person is not None:
                people.setdefault(person.name, []).append(Span(start, end, m.group(0)))
                persons[person.name] = person
                by_surname.setdefault(word, set()).add(person.name)
            continue
        candidates = [p for p in k.known_by_surname.get(word, []) if p.holds(kinds, None)]
        in_office = [p for p in candidates if p.holds(kinds, article.date)]
        if article.date is not None and in_office:
            candidates = in_office
        if len(candidates) > 1 and titled is None:
            candidates = [_leader_of_the_era(candidates, kinds, article.date)]  # "the Bush administration"
        if len(candidates) == 1:
            person = candidates[0]
            people.setdefault(person.name, []).append(Span(start, end, m.group(0)))
            persons[person.name] = person
            by_surname.setdefault(word, set()).add(person.name)


def _leader_of_the_era(candidates: list[Official], kinds: set[str], day: datetime.date | None) -> Official:
    """Of several leaders sharing a surname ("the Bush administration"), the one whose time in
    office lies closest to the article's date; undated, the one who held office longest (the
    best-known), then the one listed first."""
    def terms(person):
        for role in person.roles:
            if role.get("kind", "other") in kinds:
                start = _parse_day(role.get("from")) or datetime.date.min
                yield start, _parse_day(role.get("to")) or datetime.date.today()

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


# ---------------------------------------------------------------- topics


def _is_list(sentence: str, k: Knowledge) -> bool:
    """A sentence that enumerates things ("climate change, the talks with Iran, aid, and
    Afghanistan") spends less than a sentence on each of them; so does a fragment of a few
    words (a caption such as "Coronavirus - USA", a label)."""
    if len(re.findall(r"\w+", sentence)) < k.fragment_words and not re.search(r"[.!?][\"”’']?\s*$", sentence):
        return True
    run = longest = 0
    for item in re.split(r"[,;]", sentence):
        run = run + 1 if 0 < len(item.split()) <= k.list_item_words else 0
        longest = max(longest, run)
    return longest >= k.list_items


def _topics(text: str, k: Knowledge, bounds) -> list[FacetValue]:
    """Topics the article spends a sentence on: one sentence whose distinct signals reach the
    threshold, or different hints across sentences that reach spread_threshold (one word
    repeated is one hint: "meeting" five times says no more than once)."""
    starts = [s for s, _ in bounds]
    per_sentence: dict[int, dict[str, dict[str, float]]] = {}  # sentence -> topic -> signal -> weight
    evidence: dict[tuple[int, str], list[Span]] = {}
    for m_start, m_end, phrase in k.topic_index.finditer(text):
        sentence = bisect.bisect_right(starts, m_start) - 1
        topics = per_sentence.setdefault(sentence, {})
        for topic, weight in k.topic_signals[phrase]:
            topics.setdefault(topic, {})[phrase] = weight
            evidence.setdefault((sentence, topic), []).append(Span(m_start, m_end, text[m_start:m_end]))
    strongest: dict[str, float] = {}
    hints: dict[str, dict[str, float]] = {}  # topic -> each signal once, however often it recurs
    spans: dict[str, list[Span]] = {}
    seen: set[str] = set()  # a headline repeated on a page says its topic once
    for sentence, topics in per_sentence.items():
        s, e = bounds[sentence]
        wording = " ".join(text[s:e].split()).lower()
        if wording in seen:
            continue
        seen.add(wording)
        factor = 0.5 if _is_list(text[s:e], k) else 1.0
        for topic, signals in topics.items():
            strongest[topic] = max(strongest.get(topic, 0.0), sum(signals.values()) * factor)
            seen_signals = hints.setdefault(topic, {})
            for phrase, weight in signals.items():
                seen_signals[phrase] = max(seen_signals.get(phrase, 0.0), weight * factor)
            spans.setdefault(topic, []).extend(evidence[(sentence, topic)])
    return [
        FacetValue(topic, tuple(spans[topic]))
        for topic in k.topic_ids
        if strongest.get(topic, 0.0) >= k.topic_threshold or sum(hints.get(topic, {}).values()) >= k.topic_spread_threshold
    ]


# ---------------------------------------------------------------- entry point


def extract(article: Article, knowledge: Knowledge) -> Facets:
    """Countries, officials and topics of one article, each value with its evidence spans."""
    text = article.text
    bounds = _sentence_bounds(text)
    countries = _countries(text, knowledge, bounds)
    return Facets(
        countries=tuple(countries),
        officials=tuple(_officials(article, text, knowledge, [c.value for c in countries])),
        topics=tuple(_topics(text, knowledge, bounds)),
    )
