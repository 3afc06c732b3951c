"""A small article record with hand-placed evidence, for the article page's tests (test_web, test_article_text)."""

import datetime

from searchapp.engine import ArticleRecord

TITLE = "Wang meets Park"
BODY = "Beijing's envoy <b>Wang Yi</b> met Park Jin.\n\nSanctions & more sanctions."
TEXT = f"{TITLE}\n\n{BODY}"


def at(word: str, nth: int = 0) -> tuple[int, int]:
    """The offsets of the nth occurrence of word in TEXT."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


RECORD = ArticleRecord(
    id="a/b.jsonl#2",
    path="a/b.jsonl",
    title=TITLE,
    body=BODY,
    date=datetime.date(2023, 7, 1),
    source="Test Wire",
    url=None,
    countries=["China"],
    officials=["Wang Yi", "Park Jin"],
    topics=["sanctions"],
    evidence={
        "country": {"China": [at("Beijing")]},
        "official": {"Wang Yi": [at("Wang Yi")], "Park Jin": [at("Park Jin")]},
        "topic": {"sanctions": [at("Sanctions"), at("sanctions")]},
    },
)
