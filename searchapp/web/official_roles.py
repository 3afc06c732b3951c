"""Each official of a hit or an article with the role held on the article's date, for pages and JSON.

The lookup is knowledge/roles.py's; this module holds the app's one Knowledge for it and the
JSON shape, so the search page, the article page and the API say the same thing.
"""

from __future__ import annotations

import datetime
import threading
from pathlib import Path

from flask import current_app

from searchapp.knowledge import Knowledge
from searchapp.knowledge.roles import OfficialRole, role_on

_lock = threading.Lock()


def get_knowledge() -> Knowledge:
    """The app's Knowledge (KNOWLEDGE_DIR merged in), loaded on first use and kept."""
    app = current_app._get_current_object()
    knowledge = app.extensions.get("knowledge")
    if knowledge is None:
        with _lock:
            knowledge = app.extensions.get("knowledge")
            if knowledge is None:
                folder = app.config.get("KNOWLEDGE_DIR")
                knowledge = app.extensions["knowledge"] = Knowledge.load(Path(folder) if folder else None)
    return knowledge


def official_roles(item) -> list[OfficialRole]:
    """A Hit's or ArticleRecord's officials, in order, each with the role held on its date."""
    return roles_on(item.officials, item.date, getattr(item, "official_titles", {}))


def roles_on(officials, day: datetime.date | None, written: dict[str, str]) -> list[OfficialRole]:
    knowledge = get_knowledge()
    return [role_on(knowledge, name, day, written.get(name)) for name in officials]


def role_json(role: OfficialRole) -> dict:
    return {"name": role.name, "role": role.role, "country": role.country, "source": role.source}


def official_roles_json(item) -> list[dict]:
    return [role_json(r) for r in official_roles(item)]
