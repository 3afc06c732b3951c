"""One person, many spellings: press order of East Asian names, near spellings of known
officials, and the article's people by spelling key."""

from __future__ import annotations

import re

from searchapp.facets.patterns import FacetPatterns, Official
from searchapp.facets.text import SUFFIX_AT_END, sound_key, spelling_key


MIDDLE_INITIAL = re.compile(r"[A-Z]\.(?:[A-Z]\.)*")  # "E.", "H.W."


def press_order(name: str, k: FacetPatterns, countries: set[str]) -> str:
    """The form English-language press uses, one form a person: middle initials dropped ("Elijah E.
    Cummings" -> "Elijah Cummings", so the facet is one value however a story writes him), Korean family name first ("Chang Ho-jin"),
    Japanese given name first ("Endo Kazuya" -> "Kazuya Endo", in an article about Japan),
    a Hong Kong name by its English given name and surname ("Carrie Lam Cheng Yuet-ngor" ->
    "Carrie Lam", "Donald Tsang Yam-kuen" -> "Donald Tsang")."""
    name = _korean_order(name, k)
    tokens = name.split()
    if len(tokens) >= 3 and not MIDDLE_INITIAL.fullmatch(tokens[0]):
        # "Elijah E. Cummings" is "Elijah Cummings", as most copy and the labels write him; a name
        # written as initials and a surname keeps them all ("A. B. Sharma")
        tokens = [tokens[0]] + [t for t in tokens[1:-1] if not MIDDLE_INITIAL.fullmatch(t)] + [tokens[-1]]
        name = " ".join(tokens)
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


def _korean_order(name: str, k: FacetPatterns) -> str:
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


def known_for(name: str, k: FacetPatterns, in_article) -> Official | None:
    """A known official this written name stands for: same key, or a near spelling of one of
    the article's officials (in_article, each once) or of an official sharing a word of it."""
    tokens = name.split()
    person = k.known_by_key.get(spelling_key(name))
    person = person or (len(tokens) == 2 and k.known_by_key.get(spelling_key(tokens[1] + tokens[0])))
    if person:
        return person  # East Asian names come in either order: "Kamikawa Yoko" is "Yoko Kamikawa"
    initials = [t for t in tokens[1:-1] if re.fullmatch(r"[A-Z]\.?", t)]
    if initials and len(tokens) - len(initials) >= 2:  # "Sergei V. Lavrov" is "Sergei Lavrov"
        plain = " ".join(t for t in tokens if t not in initials or t in (tokens[0], tokens[-1]))
        person = known_for(plain, k, in_article)
        if person:
            return person
    key = spelling_key(name)
    if len(tokens) >= 2:  # "Presidente Peña Nieto": a double surname ends one known official's name
        ends = {p.name: p for p in k.known_by_token.get(tokens[-1].lower(), [])
                if any(len(a.split()) > len(tokens) and spelling_key(" ".join(a.split()[-len(tokens):])) == key for a in p.aliases)}
        if len(ends) == 1:
            return next(iter(ends.values()))
    if len(key) < 8:
        return None
    candidates = list(in_article)
    sound = sound_key(key)
    for token in re.split(r"[\s-]+", name):
        candidates.extend(k.known_by_token.get(token.lower(), []))
        candidates.extend(k.known_by_sound.get(sound_key(spelling_key(token)), []))
    for person in candidates:
        if any(alias_key[:1] == key[:1] and _close(key, alias_key) for alias_key in person.keys):
            return person
        if any(alias_sound[:1] == sound[:1] and _close(sound, alias_sound) for alias_sound in person.sound_keys):
            return person  # "Wladimir Putin", "Sergej Lawrow": German copy's transliterations
    return None


def merge_unknown(name: str, people: dict, persons: dict, spellings: "Spellings") -> str:
    """An unknown name spelled like one already seen in the article is that person; with a
    suffix ("Romeo Brawner Jr.") it is the fuller form of the same name and replaces it."""
    key = spelling_key(SUFFIX_AT_END.sub("", name))
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


class Spellings:
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
        key = spelling_key(SUFFIX_AT_END.sub("", name))
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
