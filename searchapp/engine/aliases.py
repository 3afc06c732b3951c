"""Aliases from the knowledge: what a query's words or a facet filter's value name, and that entity's other forms.

A journalist who types DPRK means North Korea, N. Korea, North Korean and Pyongyang (capitals
stand for governments) too; 王毅 and Wang Yi are one official; `official=Yoon Suk-yeol` is the
stored value Yoon Suk Yeol. AliasTable reads countries.json and officials.json once:

- expand(words) takes a run of a query's plain words (never a quoted phrase's) and says which
  words name an entity and which forms to search besides them, with what to show as added;
- canonical_facet_value(facet, text) turns a filter value into the value the index stores;
- AliasPlugin does expand() inside Whoosh's query parser, collected() says what it added.

Forms compare case-, accent- and punctuation-insensitively (fold): "U.N." is "UN", "N. Korea"
is "N.Korea". A form the query side cannot trust is left out of it: those countries.json marks
ambiguous (Jordan, Georgia, Washington), short forms that are common words in lower case (US,
which only counts typed in capitals or with dots), capitals as triggers (Beijing is not all of
China), and the phrases it lists as no country (South China Sea).
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from whoosh.analysis import STOP_WORDS
from whoosh.qparser import plugins, syntax

COUNTRY, OFFICIAL, ACRONYM = "country", "official", "acronym"
FACETS = (COUNTRY, OFFICIAL)  # the facets whose values the knowledge names
# Letters the Unicode decomposition keeps but English press writes plain ("Çavuşoğlu", "Łódź").
PLAIN_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"})
APOSTROPHES = re.compile(r"['’ʻ`´]")
INDEX_WORD = re.compile(r"\w+(?:\.?\w+)*")  # RegexTokenizer's default pattern: how the index splits text
ACRONYM_LETTERS = (2, 4)  # "UN" / "U.N.", "EU" / "E.U.": acronyms spelled both ways by the press


def _plain(text: str) -> str:
    """text without Latin accents; other scripts' marks stay (が keeps its dakuten, Hangul its syllables)."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).translate(PLAIN_LETTERS))
    return unicodedata.normalize("NFC", "".join(c for c in text if not "\u0300" <= c <= "\u036f"))


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The key forms are compared by: no case, accents or punctuation; a run of single letters is one word.

    "U.N." and "UN" -> "un", "N. Korea" and "N.Korea" -> "n korea", "Yoon Suk-yeol" -> "yoon suk yeol".
    """
    words = re.findall(r"[^\W_]+", APOSTROPHES.sub("", _plain(text)).casefold())
    merged: list[str] = []
    for word, before in zip(words, [""] + words):
        if len(word) == 1 and word.isascii() and len(before) == 1 and before.isascii() and merged:
            merged[-1] += word
        else:
            merged.append(word)
    return " ".join(merged)


@lru_cache(maxsize=1 << 16)
def index_words(text: str) -> tuple[str, ...]:
    """text as the index splits it before stemming (lowercase, plain): two forms alike here find the same."""
    return tuple(INDEX_WORD.findall(_plain(text).lower()))


def _letters(text: str) -> str:
    return re.sub(r"[^\w]", "", text)


@dataclass(frozen=True)
class Entity:
    """A country or official: the facet value the index stores and every form the knowledge gives it."""

    facet: str
    value: str
    forms: tuple[tuple[str, str], ...]  # (form as written, kind), kind: name, demonym, capital, alias


@dataclass(frozen=True)
class Trigger:
    """A form that, typed in a query, stands for its entity; caps_only: only as written (US, not us)."""

    entity: Entity
    form: str
    caps_only: bool

    def accepts(self, typed: str) -> bool:
        return not self.caps_only or "." in typed or _letters(typed) == _letters(self.form)


@dataclass(frozen=True)
class Expansion:
    """Words start..end of a run name value; added are the forms to search besides them."""

    start: int
    end: int
    typed: str  # the words as typed: "DPRK"
    facet: str  # "country", "official", or "acronym" for a dotted/undotted spelling ("UN" / "U.N.")
    value: str  # the facet value ("North Korea"); for an acronym, its letters ("UN")
    added: tuple[str, ...]  # each spelled as the index splits it differently: "DPRK" and "D.P.R.K." both
    shown: tuple[str, ...]  # one per spelling that differs only in case or punctuation: for "also matched"


class AliasTable:
    """Every country's and official's forms by folded key, for query words and facet values."""

    def __init__(self, entities: list[Entity], triggers: dict[str, list[Trigger]], blockers: set[str],
                 unsafe: set[str]) -> None:
        self.entities = entities
        self.triggers = triggers  # folded form -> the forms that may stand for an entity in a query
        self.blockers = blockers  # folded phrases that name no country ("south china sea")
        self.unsafe = unsafe  # forms never added to a query ("US", "Malé", "Washington")
        self.by_value: dict[str, dict[str, Entity | None]] = {facet: {} for facet in FACETS}
        for entity in entities:
            keys = self.by_value[entity.facet]
            for form, _ in entity.forms:
                key = fold(form)
                keys[key] = entity if keys.get(key, entity) is entity else None  # None: names two
        self.longest = max((len(k.split()) for k in [*triggers, *blockers]), default=1)

    # ------------------------------------------------------------ facet filters

    def canonical_facet_value(self, facet: str, text: str) -> str | None:
        """The stored value a filter's text names through any of its forms, or None when it names none or two.

        Case, accents and punctuation do not matter, nor the knowledge's query-side caution:
        country=us and country=Washington are the United States.
        """
        entity = self.by_value.get(facet, {}).get(fold(text))
        return entity.value if entity else None

    # ------------------------------------------------------------ query words

    def expand(self, words: list[str]) -> list[Expansion]:
        """The entities a run of plain query words names, longest match first, left to right.

        words: consecutive unquoted words as typed, with no operator or field between them.
        """
        found, i = [], 0
        while i < len(words):
            end, expansion = self._match_at(words, i)
            if expansion:
                found.append(expansion)
            i = end
        return found

    def _match_at(self, words: list[str], i: int) -> tuple[int, Expansion | None]:
        """Where the next match starts looking, and the expansion of the longest form at words[i] if any."""
        for end in range(min(len(words), i + self.longest), i, -1):
            typed = " ".join(words[i:end])
            key = fold(typed)
            if key in self.blockers:
                return end, None
            entities = {t.entity for t in self.triggers.get(key, ()) if t.accepts(typed)}
            if len(entities) == 1:
                return end, self._expansion(i, end, typed, entities.pop())
        acronym = _acronym(words[i])
        if acronym:
            return i + 1, Expansion(i, i + 1, words[i], ACRONYM, acronym[0], acronym[1:], acronym[1:])
        return i + 1, None

    def _expansion(self, start: int, end: int, typed: str, entity: Entity) -> Expansion | None:
        """The entity's safe forms that find something the typed words (or a shorter form) do not."""
        forms = [form for form, _ in entity.forms if form not in self.unsafe]
        spelled = {index_words(typed)} | {index_words(form) for form in forms}
        added, shown, seen_index, seen_shown = [], [], {index_words(typed)}, {fold(typed)}
        for form in forms:
            words = index_words(form)
            # "People's Republic of China" finds nothing "China" does not: it holds it.
            if words in seen_index or any(_holds(words, other) for other in spelled if other != words):
                continue
            seen_index.add(words)
            added.append(form)
            if fold(form) not in seen_shown:
                seen_shown.add(fold(form))
                shown.append(form)
        if not added:
            return None
        return Expansion(start, end, typed, entity.facet, entity.value, tuple(added), tuple(shown))


def _holds(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """part's words stand in a row inside words."""
    n = len(part)
    return 0 < n < len(words) and any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _acronym(word: str) -> tuple[str, ...] | None:
    """(letters, other spelling) for "UN" -> "U.N." and "U.N." -> "UN"; None for anything else.

    Typed in capitals only ("un" is a word); an undotted spelling that is a common word in lower
    case is never added ("I.T." would add "it").
    """
    letters = word.replace(".", "")
    if not (letters.isascii() and letters.isalpha() and letters.isupper()):
        return None
    if not ACRONYM_LETTERS[0] <= len(letters) <= ACRONYM_LETTERS[1]:
        return None
    if word == letters:
        return letters, ".".join(letters) + "."
    if word.rstrip(".") == ".".join(letters) and letters.lower() not in STOP_WORDS:
        return letters, letters
    return None


# ---------------------------------------------------------------- building


def alias_table(knowledge) -> AliasTable:
    """The table for a loaded Knowledge, built once: knowledge.compiled(alias_table)."""
    return build_table(knowledge.countries, knowledge.officials)


def build_table(countries: dict, officials: dict) -> AliasTable:
    """The alias table for the knowledge files' data (countries.json and officials.json as loaded)."""
    entities, triggers, unsafe = [], {}, set()
    for entry in countries.get("countries", []):
        entity, entry_triggers, entry_unsafe = _country(entry)
        entities.append(entity)
        unsafe |= entry_unsafe
        for trigger in entry_triggers:
            triggers.setdefault(fold(trigger.form), []).append(trigger)
    for entry in officials.get("officials", []):
        forms = tuple((alias, "alias") for alias in dict.fromkeys([entry["name"], *entry.get("aliases", [])]))
        entity = Entity(OFFICIAL, entry["name"], forms)
        entities.append(entity)
        for form, _ in forms:
            triggers.setdefault(fold(form), []).append(Trigger(entity, form, caps_only=False))
    blockers = {fold(phrase) for phrase in countries.get("non_country_phrases", [])}
    return AliasTable(entities, triggers, blockers, unsafe)


def _country(entry: dict) -> tuple[Entity, list[Trigger], set[str]]:
    """A country's entity, the forms that trigger it in a query, and the forms never added to one."""
    ambiguous = set(entry.get("ambiguous", {}))
    forms = [(entry["name"], "name")] + [(f, "name") for f in entry.get("names", [])]
    forms += [(f, "demonym") for f in entry.get("demonyms", [])]
    forms += [(f, "capital") for f in entry.get("capitals", [])]
    entity = Entity(COUNTRY, entry["name"], tuple(dict.fromkeys(forms)))
    written = {form for form, _ in forms}
    unsafe = {
        form for form, _ in forms
        if form in ambiguous or (_common_word(form) and "." not in form) or _accented_only(form, written)
    }
    triggers = []
    for form, kind in forms:
        if kind == "capital" or form in ambiguous:
            continue
        caps_only = _common_word(form)
        triggers.append(Trigger(entity, form, caps_only))
        if kind == "demonym":
            triggers += [Trigger(entity, plural, caps_only) for plural in _demonym_plurals(form)]
    return entity, triggers, unsafe


def _common_word(form: str) -> bool:
    """An acronym that is a common word in lower case: "US" is "us" to a case-blind index."""
    letters = _letters(form)
    return letters.isupper() and letters.lower() in STOP_WORDS


def _accented_only(form: str, written: set[str]) -> bool:
    """A one-word form the knowledge lists only with accents: the index folds "Malé" into "male".

    Where the plain spelling is safe the knowledge lists it too ("Bogota" beside "Bogotá").
    """
    return " " not in form and _plain(form) != form and _plain(form) not in written


def _demonym_plurals(demonym: str) -> list[str]:
    """ "North Koreans" for "North Korean" (not "Chineses"), as the facet extractor counts them."""
    if re.search(r"(ese|sh|ch|ss|s|x|z|y)$", demonym):
        return []
    return [demonym + "s"]


# ---------------------------------------------------------------- the query parser

_COLLECTED: ContextVar[list | None] = ContextVar("alias_expansions", default=None)


@contextmanager
def collected():
    """The expansions AliasPlugin makes while parsing inside this block (per thread), for "also matched"."""
    found: list[Expansion] = []
    token = _COLLECTED.set(found)
    try:
        yield found
    finally:
        _COLLECTED.reset(token)


class AliasPlugin(plugins.Plugin):
    """Whoosh query-parser plugin: plain words that name an entity also match its other forms.

    It runs after field names are read (100) and before words are copied into each default
    field (110). Only runs of bare words count: a quoted phrase, a field:word, word~, wildcards,
    a word after NOT or a minus, and AND/OR between words keep their strict meaning.
    """

    def __init__(self, table: AliasTable) -> None:
        self.table = table

    def filters(self, parser):
        return [(self.do_aliases, 105)]

    def do_aliases(self, parser, group):
        nodes = [self.do_aliases(parser, n) if isinstance(n, syntax.GroupNode) else n for n in group]
        replaced: dict[int, tuple[int, syntax.SyntaxNode]] = {}  # first word's index -> (last word's index, node)
        run: list[int] = []
        before = None  # the node before this one, spaces left out
        for i, node in enumerate([*nodes, None]):
            if _bare_word(node) and not _negates(before):
                run.append(i)
            elif not isinstance(node, syntax.Whitespace):
                replaced.update(self._replace(parser, nodes, run))
                run = []
            before = before if isinstance(node, syntax.Whitespace) else node
        out, i = group.empty_copy(), 0
        while i < len(nodes):
            i, node = replaced.get(i, (i, nodes[i]))
            out.append(node)
            i += 1
        return out

    def _replace(self, parser, nodes: list, run: list[int]) -> dict[int, tuple[int, syntax.SyntaxNode]]:
        """For each entity the run of words names: the typed words OR each added form, as one node."""
        found = {}
        sink = _COLLECTED.get()
        for expansion in self.table.expand([nodes[i].text for i in run]):
            words = [nodes[i] for i in run[expansion.start : expansion.end]]
            typed = words[0] if len(words) == 1 else parser.group(words)
            added = [_phrase(form, words[0].startchar, words[-1].endchar) for form in expansion.added]
            found[run[expansion.start]] = (run[expansion.end - 1], syntax.OrGroup([typed, *added]))
            if sink is not None:
                sink.append(expansion)
        return found


def _phrase(form: str, start: int, end: int) -> syntax.SyntaxNode:
    """An added form as a quoted phrase would be, placed where the words it stands beside were typed."""
    node = plugins.PhrasePlugin.PhraseNode(form, start)
    node.startchar, node.endchar = start, end
    return node


def _bare_word(node) -> bool:
    return type(node) is syntax.WordNode and node.fieldname is None


def _negates(node) -> bool:
    """node is NOT, ANDNOT or a minus sign: the word after it keeps its exact meaning."""
    if isinstance(node, plugins.PlusMinusPlugin.Minus):
        return True
    return isinstance(node, syntax.Operator) and str(getattr(node, "text", "")).upper() in ("NOT", "ANDNOT")
