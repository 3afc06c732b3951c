"""Each official of a hit or an article with the role held on the article's date, for pages and JSON.

The lookup is knowledge/roles.py's over the app's one Knowledge; this module gives the JSON shape, so the search page, the article page and the API say the same thing.
"""

from __future__ import annotations

import datetime

from searchapp import get_knowledge
from searchapp.knowledge.roles import OfficialRole, role_on


def official_roles(item) -> list[OfficialRole]:
    """A Hit's or ArticleRecord's officials, in order, each with the role held on its date."""
    return roles_on(item.officials, item.date, getattr(item, "official_titles", {}))


def roles_on(officials, day: datetime.date | None, written: dict[str, str]) -> list[OfficialRole]:
    if not officials:  # most hits of a page: no knowledge to fetch
        return []
    knowledge = get_knowledge()
    return [role_on(knowledge, name, day, written.get(name)) for name in officials]


def role_json(role: OfficialRole) -> dict:
    return {"name": role.name, "role": role.role, "country": role.country, "source": role.source}


def official_roles_json(item) -> list[dict]:
    return [role_json(r) for r in official_roles(item)]
