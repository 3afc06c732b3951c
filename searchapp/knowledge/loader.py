"""The one loader of the knowledge files: the bundled ones, each extended or overridden by the
same-named file in a newsroom's folder (the KNOWLEDGE_DIR setting), checked, merged and kept
as plain data in one Knowledge that the reading and facet stages are handed."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypeVar

KNOWLEDGE_DIR = Path(__file__).resolve().parent
FACET_FILES = ("countries.json", "officials.json", "topics.json", "titles.json")
READING_FILES = ("outlets.json", "boilerplate.json")
KNOWLEDGE_FILES = FACET_FILES + READING_FILES

Compiled = TypeVar("Compiled")


# The scripts whose country stems countries.json lists under "inflected" (facets/inflected.py): letter ranges
INFLECTING_SCRIPTS = {"arabic": "\u0600-\u06ff", "hebrew": "\u0590-\u05ff", "cyrillic": "\u0400-\u04ff"}


class KnowledgeError(ValueError):
    """A knowledge file is missing, not JSON, or not in the expected shape."""


@dataclass(frozen=True, eq=False)
class Knowledge:
    """The knowledge files' contents, the newsroom's merged in; loaded once and passed in.

    Each stage compiles its own patterns from it once (compiled), so the data stays plain and
    knowledge/ needs nothing from the stages above it.
    """

    countries: dict
    officials: dict
    topics: dict
    titles: dict
    outlets: dict
    boilerplate: dict
    folder: Path | None = None  # the newsroom's folder the bundled files were merged with
    _compiled: dict = field(default_factory=dict, init=False, repr=False)  # a copy (replace) compiles anew

    @classmethod
    def load(cls, extra_dir: Path | None = None) -> "Knowledge":
        """The bundled knowledge files, extended or overridden by same-named files in extra_dir."""
        if extra_dir is not None and not Path(extra_dir).is_dir():
            raise KnowledgeError(f"knowledge folder {extra_dir} does not exist")
        data = {}
        for name in KNOWLEDGE_FILES:
            bundled = KNOWLEDGE_DIR / name
            data[name] = read_json(bundled) if bundled.is_file() else {}
            extra = Path(extra_dir) / name if extra_dir is not None else None
            if extra is not None and extra.is_file():
                data[name] = MERGES.get(name, merge_facet_file)(data[name], read_json(extra), extra)
        check(data)
        return cls(
            *(data[name] for name in KNOWLEDGE_FILES), folder=Path(extra_dir) if extra_dir is not None else None
        )

    def compiled(self, build: Callable[["Knowledge"], Compiled]) -> Compiled:
        """What build makes of this knowledge (a stage's patterns), made the first time it is asked for."""
        if build not in self._compiled:
            self._compiled[build] = build(self)
        return self._compiled[build]


@functools.cache
def bundled_knowledge() -> Knowledge:
    """The bundled files alone, loaded once: for callers (tests, scripts) that name no newsroom folder."""
    return Knowledge.load()


def read_json(path: Path) -> dict:
    """One knowledge file's object, or a KnowledgeError that names the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"cannot read knowledge file {path}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"knowledge file {path} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"knowledge file {path} must hold a JSON object")
    return data


# ---------------------------------------------------------------- merging a newsroom's file


def merge_facet_file(base: dict, extra: dict, path: Path) -> dict:
    """A newsroom's facet file extends or overrides the bundled one: named records by name,
    objects key by key, lists grow, anything else is replaced."""
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


def _merge_records(base: list, extra: list, path: Path, what: str) -> list:
    """Records keyed by "name": same name replaces the bundled one, a new name is added."""
    merged = {}
    for record in list(base) + list(extra):
        if not isinstance(record, dict) or not isinstance(record.get("name"), str):
            raise KnowledgeError(f"{path}: every entry of {what!r} needs a \"name\"")
        merged[record["name"]] = record
    return list(merged.values())


def merge_outlets(base: dict, extra: dict, path: Path) -> dict:
    """Newsroom outlets are added, one with a bundled outlet's name replaces it; the lists beside
    them ("brand_furniture", "credit_prefixes") grow."""
    outlets = {o["name"]: o for o in base.get("outlets", [])}
    for outlet in _named(extra.get("outlets", []), path, "outlets"):
        outlets[outlet["name"]] = {"aliases": [], "domains": [], **outlet}
    lists = {key: [*base.get(key, []), *extra.get(key, [])] for key in ("brand_furniture", "credit_prefixes")}
    return {**base, "outlets": list(outlets.values()), **lists}


def merge_boilerplate(base: dict, extra: dict, path: Path) -> dict:
    """Newsroom boilerplate rules extend the bundled ones: classes and lists grow, numbers are replaced."""
    rules = {**base, "patterns": {k: list(v) for k, v in base.get("patterns", {}).items()}}
    for key, value in extra.items():
        if key == "patterns":
            for group, patterns in value.items():
                rules["patterns"].setdefault(group, []).extend(patterns)
        elif isinstance(value, list):
            rules[key] = [*rules.get(key, []), *value]
        elif not key.startswith("_"):
            rules[key] = value
    return rules


MERGES = {"outlets.json": merge_outlets, "boilerplate.json": merge_boilerplate}


# ---------------------------------------------------------------- checking the merged data


def check(data: dict[str, dict]) -> None:
    """Entries the stages index by name have one, and topic signals have numeric weights,
    so a bad file is a clear error when it is loaded, not a failure halfway through a run."""
    for country in _named(data["countries.json"].get("countries", []), "countries.json", "countries"):
        _check_inflected(country)
    _named(data["officials.json"].get("officials", []), "officials.json", "officials")
    _named(data["outlets.json"].get("outlets", []), "outlets.json", "outlets")
    for topic, words in data["topics.json"].get("topics", {}).items():
        if not isinstance(words, dict) or not all(isinstance(w, (int, float)) for w in words.values()):
            raise KnowledgeError(f"topics.json: topic {topic!r} must map signal phrases to numeric weights")
    between = data["topics.json"].get("between_governments", [])
    if not isinstance(between, list) or not all(isinstance(t, str) for t in between):
        raise KnowledgeError("topics.json: 'between_governments' must be a list of topic ids")


def _check_inflected(country: dict) -> None:
    """A country's inflected stems are in a script facets/inflected.py has endings for."""
    letters = "".join(INFLECTING_SCRIPTS.values())
    stems = country.get("inflected", [])
    if not isinstance(stems, list) or not all(isinstance(s, str) and re.search(f"[{letters}]", s) for s in stems):
        raise KnowledgeError(
            f"countries.json: {country['name']!r}: 'inflected' must list stems in Arabic, Hebrew or Cyrillic script"
        )


def _named(records, file, key: str) -> list[dict]:
    """The named records of a knowledge file, checked so a bad entry gets a clear error."""
    if not isinstance(records, list) or not all(isinstance(r, dict) and isinstance(r.get("name"), str) for r in records):
        raise KnowledgeError(f"{file}: {key!r} must be a list of entries, each with a \"name\"")
    return records
