"""The reading stage's knowledge: boilerplate classes and outlet names, bundled and a newsroom's own,
compiled once per knowledge folder."""

from __future__ import annotations

import contextvars
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from searchapp.reading.normalize import normalize_line, outlet_key

KNOWLEDGE_DIR = Path(__file__).parent.parent / "knowledge"


@dataclass(frozen=True)
class _Knowledge:
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
    section_labels: frozenset[str]  # "analysis", "exclusive": labels above a headline
    byline_role: re.Pattern  # "staff writer" after a name
    furniture_names: dict[str, str]  # outlet keys trusted inside brand furniture, aliases included
    brand_furniture: tuple[re.Pattern, ...]  # "get st's newsletters"
    credit_prefix: re.Pattern  # "with the" before an outlet's name on a line of its own


# The newsroom's own knowledge folder for the read_file call in progress (None: bundled files only).
EXTRA_KNOWLEDGE_DIR: contextvars.ContextVar[Path | None] = contextvars.ContextVar("extra_knowledge", default=None)


def reading_rules() -> _Knowledge:
    return _load_knowledge(EXTRA_KNOWLEDGE_DIR.get())


def _knowledge_file(name: str, extra_dir: Path | None) -> tuple[dict, dict]:
    """A bundled knowledge file and the newsroom's same-named file ({} when it has none)."""
    bundled = json.loads((KNOWLEDGE_DIR / name).read_text(encoding="utf-8"))
    extra_path = Path(extra_dir) / name if extra_dir is not None else None
    if extra_path is None or not extra_path.is_file():
        return bundled, {}
    try:
        return bundled, json.loads(extra_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"knowledge file {extra_path} cannot be read: {exc}") from exc


def _merged_rules(bundled: dict, extra: dict) -> dict:
    """Newsroom boilerplate rules extend the bundled ones: classes and lists grow, numbers are replaced."""
    rules = {**bundled, "patterns": {k: list(v) for k, v in bundled["patterns"].items()}}
    for key, value in extra.items():
        if key == "patterns":
            for group, patterns in value.items():
                rules["patterns"].setdefault(group, []).extend(patterns)
        elif isinstance(value, list):
            rules[key] = [*rules.get(key, []), *value]
        elif not key.startswith("_"):
            rules[key] = value
    return rules


def _merged_outlets(bundled: dict, extra: dict) -> list[dict]:
    """Newsroom outlets are added; one with a bundled outlet's name replaces it."""
    outlets = {o["name"]: o for o in bundled["outlets"]}
    outlets.update((o["name"], {"aliases": [], "domains": [], **o}) for o in extra.get("outlets", []))
    return list(outlets.values())


def _merged_outlet_lists(bundled: dict, extra: dict, key: str) -> list[str]:
    """A list beside the outlets ("brand_furniture"): the newsroom's entries are added."""
    return [*bundled.get(key, []), *extra.get(key, [])]


@functools.cache
def _load_knowledge(extra_dir: Path | None) -> _Knowledge:
    rules = _merged_rules(*_knowledge_file("boilerplate.json", extra_dir))
    patterns = [p for group in rules["patterns"].values() for p in group]
    long_patterns = rules["any_length_patterns"]
    outlet_files = _knowledge_file("outlets.json", extra_dir)
    outlets = _merged_outlets(*outlet_files)
    names, domains, furniture_names = {}, {}, {}
    for outlet in outlets:
        for alias in [outlet["name"], *outlet["aliases"]]:
            names[outlet_key(alias)] = outlet["name"]
            names.setdefault(outlet_key(alias).replace(" ", ""), outlet["name"])  # "RadioFreeEurope"
        for domain in outlet["domains"]:
            domains[domain.lower()] = outlet["name"]
        for alias in outlet.get("furniture_names", []):
            furniture_names[outlet_key(alias)] = outlet["name"]
    prefixes = sorted((normalize_line(p) for p in _merged_outlet_lists(*outlet_files, "credit_prefixes")), key=len)
    roles = rules["patterns"]["byline_roles"]
    return _Knowledge(
        boilerplate=re.compile("|".join(f"(?:{p})" for p in patterns)),
        list_heading=re.compile("|".join(f"(?:{p})" for p in rules["patterns"]["list_headings"])),
        long_boilerplate=re.compile("|".join(f"(?:{p})" for p in long_patterns)),
        max_words=rules["max_words"],
        section_words=frozenset(w.casefold() for w in rules["section_words"]),
        tag_words=frozenset(w.casefold() for w in [*rules["section_words"], *rules["place_words"]]),
        timezones=tuple(rules["timezones"]),
        outlet_names=names,
        outlet_domains=domains,
        section_labels=frozenset(normalize_line(label) for label in rules["section_labels"]),
        byline_role=re.compile("|".join(f"(?:{p})" for p in roles)),
        furniture_names={**names, **furniture_names},
        brand_furniture=tuple(re.compile(p) for p in _merged_outlet_lists(*outlet_files, "brand_furniture")),
        credit_prefix=re.compile(rf"^(?:{'|'.join(re.escape(p) for p in reversed(prefixes))})\s+" if prefixes else "(?!)"),
    )


