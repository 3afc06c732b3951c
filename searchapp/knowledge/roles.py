"""The role an official held on a day, read from the knowledge's dated roles.

A pure function of (Knowledge, name, day), so the hit list, the article page and the
official's page all say the same thing; officials the knowledge does not know fall
back to the title the article itself gave them.
"""

from __future__ import annotations

import datetime
import functools
import unicodedata
from dataclasses import dataclass

from searchapp.knowledge.loader import Knowledge


@dataclass(frozen=True)
class Role:
    """One role of an official: its title, kind and dates (None: open)."""

    title: str
    kind: str
    start: datetime.date | None
    end: datetime.date | None

    def held_on(self, day: datetime.date) -> bool:
        return (self.start or datetime.date.min) <= day <= (self.end or datetime.date.max)


@dataclass(frozen=True)
class KnownOfficial:
    name: str
    country: str | None
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]  # as the knowledge lists them


@dataclass(frozen=True)
class OfficialRole:
    """What an article's official was on its date; source says where that came from."""

    name: str
    role: str | None
    country: str | None
    source: str | None  # "knowledge", "article", or None when neither says


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case and accents folded: "Yoon Suk-yeol" and "yoon suk yeol" meet; "Lavrov" is "lavrov".

    Remembered: every hit of a search answer looks its officials up (a third of a small answer's time)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _day(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def known_officials(knowledge: Knowledge) -> dict[str, KnownOfficial]:
    """Every official of the knowledge by folded name and alias; compiled once a Knowledge."""
    by_key: dict[str, KnownOfficial] = {}
    for record in knowledge.officials.get("officials", []):
        official = KnownOfficial(
            name=record["name"],
            country=record.get("country"),
            aliases=tuple(a for a in record.get("aliases", []) if a != record["name"]),
            roles=tuple(
                Role(r.get("title", ""), r.get("kind", "other"), _day(r.get("from")), _day(r.get("to")))
                for r in record.get("roles", [])
                if isinstance(r, dict) and r.get("title")
            ),
        )
        by_key[fold(official.name)] = official
        for alias in official.aliases:
            by_key.setdefault(fold(alias), official)
    return by_key


def known_official(knowledge: Knowledge, name: str) -> KnownOfficial | None:
    """The knowledge's official by name or alias, any case or accents; None when it has none."""
    return knowledge.compiled(known_officials).get(fold(name.strip()))


def role_on(knowledge: Knowledge, name: str, day: datetime.date | None, written: str | None = None) -> OfficialRole:
    """The role name held on day: the knowledge's roles held then (joined), else "former" the
    last one that ended before; else the title the article wrote (written); else none."""
    official = known_official(knowledge, name)
    country = official.country if official else None
    if official is not None and day is not None:
        held = [r.title for r in official.roles if r.held_on(day)]
        if held:
            return OfficialRole(name, "; ".join(dict.fromkeys(held)), country, "knowledge")
        ended = [r for r in official.roles if r.end is not None and r.end < day]
        if ended:
            last = max(ended, key=lambda r: r.end)
            return OfficialRole(name, f"Former {last.title}", country, "knowledge")
    if written:
        return OfficialRole(name, written, country, "article")
    return OfficialRole(name, None, country, None)
