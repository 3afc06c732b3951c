"""Real article text for building fixtures of other formats: the dev set's gold and cleaned paragraphs."""

import datetime
import json
from pathlib import Path

from searchapp.reading import read_file

DATA = Path(__file__).parent / "data"
DEV = DATA / "dev"
GOLD = json.loads((DATA / "dev-gold.json").read_text(encoding="utf-8"))


def dev_article(name: str, count: int = 3) -> tuple[str, datetime.date, list[str]]:
    """A dev article's gold title and date, and its first long paragraphs as the reader cleans them."""
    article = read_file(DEV / name, DEV).articles[0]
    paragraphs = [p for p in article.body.split("\n\n") if len(p.split()) >= 20][:count]
    assert len(paragraphs) == count
    return GOLD[name]["title"], datetime.date.fromisoformat(GOLD[name]["date"]), paragraphs
