"""What an index's documents were made with, so an incremental run can say when a full rebuild is due."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from searchapp.reading import KNOWLEDGE_DIR

if TYPE_CHECKING:
    from searchapp.facets import Knowledge

PACKAGE = Path(__file__).resolve().parent.parent
MADE_BY = ("reading", "facets", "knowledge")  # the packages whose code turns a file into a document's facts


def fingerprint(knowledge: Knowledge, knowledge_dir: Path | None = None) -> str:
    """What the documents were made with: the reading and extraction code and the knowledge data.

    The reading stage loads its own files (outlets.json, boilerplate.json), bundled and
    the newsroom's, so every knowledge file in both folders counts, by name and content.
    """
    h = hashlib.sha256()
    for package in MADE_BY:
        for path in sorted((PACKAGE / package).glob("*.py")):
            h.update(path.read_bytes())
    # The knowledge files' contents, as Knowledge keeps them (compiled patterns left out).
    data = [getattr(knowledge, name, None) for name in ("countries", "officials", "topics", "titles")]
    h.update(json.dumps(data, sort_keys=True, default=sorted).encode("utf-8"))
    folders = [Path(KNOWLEDGE_DIR)] + ([Path(knowledge_dir)] if knowledge_dir is not None else [])
    for n, folder in enumerate(folders):
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            h.update(f"{n}/{path.name}\0".encode("utf-8"))
            h.update(path.read_bytes())
    return h.hexdigest()[:16]
