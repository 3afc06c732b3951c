"""The reading stage's rules: boilerplate classes and outlet names from the knowledge
(boilerplate.json, outlets.json, bundled and a newsroom's own), compiled once per Knowledge."""

from __future__ import annotations

import re
from dataclasses import dataclass

from searchapp.knowledge import Knowledge, bundled_knowledge
from searchapp.reading.normalize import normalize_line, outlet_key


@dataclass(frozen=True)
class ReadingRules:
    """The boilerplate patterns and outlet names, compiled once."""

    boilerplate: re.Pattern
    list_heading: re.Pattern  # furniture that opens a list of other stories ("MOST POPULAR")
    long_boilerplate: re.Pattern  # furniture of any length (cookie notices)
    max_words: int
    section_words: frozenset[str]
    tag_words: frozenset[str]  # section and place names that lines of tags are made of
    timezones: tuple[str, ...]  # "KST", "JST": zone names a date line may carry
    outlet_names: dict[str, str]  # normalized name/alias -> canonical name
    outlet_domains: dict[str, str]  # domain -> canonical name
    one_word_outlets: frozenset[str]  # "Slate", "TIME", "Reuters": one-word names as written, and in capitals
    aggregators: frozenset[str]  # canonical names of outlets that republish others' stories (AOL, Yahoo News)
    section_labels: frozenset[str]  # "analysis", "exclusive": labels above a headline
    byline_role: re.Pattern  # "staff writer" after a name
    furniture_names: dict[str, str]  # outlet keys trusted inside brand furniture, aliases included
    brand_furniture: tuple[re.Pattern, ...]  # "get st's newsletters"
    credit_prefix: re.Pattern  # "with the" before an outlet's name on a line of its own


def reading_rules(knowledge: Knowledge | None = None) -> ReadingRules:
    """The reading rules of knowledge (None: the bundled files alone), compiled once per Knowledge."""
    return (bundled_knowledge() if knowledge is None else knowledge).compiled(compile_rules)


def compile_rules(knowledge: Knowledge) -> ReadingRules:
    """The reading stage's patterns and tables, compiled from knowledge's boilerplate.json and outlets.json."""
    rules = knowledge.boilerplate
    patterns = [p for group in rules["patterns"].values() for p in group]
    long_patterns = rules["any_length_patterns"]
    outlets = knowledge.outlets
    names, domains, furniture_names, one_word = {}, {}, {}, set()
    for outlet in outlets["outlets"]:
        for alias in [outlet["name"], *outlet["aliases"]]:
            names[outlet_key(alias)] = outlet["name"]
            names.setdefault(outlet_key(alias).replace(" ", ""), outlet["name"])  # "RadioFreeEurope"
        one_word |= {form for alias in [outlet["name"], *outlet["aliases"]] if len(alias.split()) == 1
                     for form in (alias, alias.upper())}
        for domain in outlet["domains"]:
            domains[domain.lower()] = outlet["name"]
        for alias in outlet.get("furniture_names", []):
            furniture_names[outlet_key(alias)] = outlet["name"]
    prefixes = sorted((normalize_line(p) for p in outlets.get("credit_prefixes", [])), key=len)
    roles = rules["patterns"]["byline_roles"]
    return ReadingRules(
        boilerplate=re.compile("|".join(f"(?:{p})" for p in patterns)),
        list_heading=re.compile("|".join(f"(?:{p})" for p in rules["patterns"]["list_headings"])),
        long_boilerplate=re.compile("|".join(f"(?:{p})" for p in long_patterns)),
        max_words=rules["max_words"],
        section_words=frozenset(w.casefold() for w in rules["section_words"]),
        tag_words=frozenset(w.casefold() for w in [*rules["section_words"], *rules["place_words"]]),
        timezones=tuple(rules["timezones"]),
        outlet_names=names,
        outlet_domains=domains,
        one_word_outlets=frozenset(one_word),
        aggregators=frozenset(o["name"] for o in outlets["outlets"] if o.get("aggregator")),
        section_labels=frozenset(normalize_line(label) for label in rules["section_labels"]),
        byline_role=re.compile("|".join(f"(?:{p})" for p in roles)),
        furniture_names={**names, **furniture_names},
        brand_furniture=tuple(re.compile(p) for p in outlets.get("brand_furniture", [])),
        credit_prefix=re.compile(rf"^(?:{'|'.join(re.escape(p) for p in reversed(prefixes))})\s+" if prefixes else "(?!)"),
    )


