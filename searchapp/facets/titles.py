"""The title an article gives each of its officials ("Deputy Foreign Minister Choi Yong-sam",
"Hua Chunying, the ministry's spokesperson"), for officials the knowledge has no dated role for.

Read off the evidence spans afterwards, with the same title and apposition patterns that found
the names, so officials.py stays as it is; a few spans an official and a short window before
each keep it linear in the article's length.
"""

from __future__ import annotations

import re

from searchapp.facets.model import FacetValue
from searchapp.facets.patterns import FacetPatterns

SPANS_TRIED = 3  # an official's first mentions: the article introduces a title there
WINDOW = 120  # characters before a mention where its title may start
TITLE_CHARS = 80  # a longer "title" is a sentence, not a title
# Title words that say how a person stands to another, not what post they hold ("his counterpart, Name").
RELATIONAL = re.compile(r"(?i)\bcounterparts?\b")


def written_titles(text: str, officials: tuple[FacetValue, ...], k: FacetPatterns) -> dict[str, str]:
    """official -> the title the article wrote before or after one of its first mentions."""
    titles = {}
    for official in officials:
        for span in official.evidence[:SPANS_TRIED]:
            title = _title_before(text, span.start, k) or _title_after(text, span.start, k)
            if title:
                titles[official.value] = title
                break
    return titles


def _title_before(text: str, at: int, k: FacetPatterns) -> str | None:
    """ "Foreign Minister <name>": a title match whose name starts where the mention does."""
    for start in k.title_start_re.finditer(text, max(0, at - WINDOW), at):
        m = k.title_re.match(text, start.start())
        if m is None:
            continue
        group = "name" if m.group("name") else "comma_name"
        if m.start(group) <= at < m.end(group):  # words before the mention ("Korea" of a place) are the title's
            return _tidy(text[m.start():at])
    return None


def _title_after(text: str, at: int, k: FacetPatterns) -> str | None:
    """ "<name>, the ministry's spokesperson": the description an apposition gives."""
    m = k.appositive_re.match(text, at)
    if m is None or k.non_official.search(m.group("desc")):
        return None
    return _tidy(text[m.start("desc"):m.end("head")])


def _tidy(title: str) -> str | None:
    title = re.sub(r"\s+", " ", title).strip(" ,")
    return title if 0 < len(title) <= TITLE_CHARS and not RELATIONAL.search(title) else None
