"""What an index's documents were made with, so an incremental run can say when a full rebuild is due."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from searchapp.knowledge import KNOWLEDGE_FILES

if TYPE_CHECKING:
    from searchapp.knowledge import Knowledge

PACKAGE = Path(__file__).resolve().parent.parent
MADE_BY = ("reading", "facets", "knowledge")  # the packages whose code turns a file into a document's facts


def fingerprint(knowledge: Knowledge) -> str:
    """What the documents were made with: the reading and extraction code and the knowledge data
    (every knowledge file, as loaded: the bundled ones with the newsroom's merged in)."""
    h = hashlib.sha256()
    for package in MADE_BY:
        for path in sorted((PACKAGE / package).glob("*.py")):
            h.update(path.read_bytes())
    # The knowledge files' contents, as Knowledge keeps them (compiled patterns left out).
    data = [getattr(knowledge, name.removesuffix(".json")) for name in KNOWLEDGE_FILES]
    h.update(json.dumps(data, sort_keys=True, default=sorted).encode("utf-8"))
    return h.hexdigest()[:16]
