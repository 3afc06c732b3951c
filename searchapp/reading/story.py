"""CNN/Daily Mail .story files: the text, then @highlight lines that summarise it.

The highlights are the outlet's own summary, not article text: they stay out of the body (they
would count every fact twice). A story seldom has a headline line (it opens with its dateline
paragraph), so the first highlight stands in for the title when the text gives none; it reads
better than the body's first sentence, and like it is no headline (Article.headline is None).
"""

from __future__ import annotations

import dataclasses
import re

from searchapp.reading.assemble import add_article, given_fields
from searchapp.reading.model import ReadResult, Skip, title_is_first_sentence
from searchapp.reading.page import read_page
from searchapp.reading.rules import ReadingRules
from searchapp.reading.sources import known_outlet

HIGHLIGHT_MARK = re.compile(r"(?m)^[ \t]*@highlight[ \t\r]*$")


# "By" and "PUBLISHED:" on lines of their own, the name or date on the next (how Daily Mail stories were saved)
LABEL_LINE = re.compile(r"(?i)^(?:by|[a-z]+(?: [a-z]+)?\s*:)$")


# Later CNN stories glue the text onto the dateline: "WASHINGTON (CNN)The ..."; "(CNN) -- The" is read by read_page
GLUED_DATELINE = re.compile(r"^(?:[A-Z][\w .,'/-]{1,40}?)?\((?P<agency>[^()]{2,40})\)")


DATELINE_PARAGRAPHS = 3


# The tokenized release of the dataset writes brackets as Penn Treebank tokens: "Washington -LRB- CNN -RRB- --"
PTB_BRACKETS = re.compile(r"-L([RCS])B-\s*|\s*-R([RCS])B-")
PTB_BRACKET_TEXT = {"R": "()", "S": "[]", "C": "{}"}


def read_story(text: str, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    article, highlights = _split_highlights(text)
    paragraphs = _paragraphs(article)
    if not paragraphs:
        result.skipped.append(Skip(rel, "no article text before the @highlight summary"))
        return
    page = read_page("\n\n".join(paragraphs), boilerplate, rules, {}, masthead=False)
    raw: dict[str, str] = {}
    if page is not None and highlights and title_is_first_sentence(page.title, page.body):
        # the first highlight stands in for the missing headline: a summary's line, not the outlet's headline
        page = dataclasses.replace(page, title=highlights[0], stand_in=True)
    if page is not None and not page.source and (outlet := _glued_dateline_outlet(page.body, rules)):
        raw["source"] = outlet
    given, date = given_fields(raw, rel, result.warnings)
    add_article(result, rel, rel, page, given, date, rules)


def _split_highlights(text: str) -> tuple[str, list[str]]:
    """The article text, and the summary lines that follow its @highlight marks."""
    marks = HIGHLIGHT_MARK.split(text)
    highlights = [" ".join(line.split()) for part in marks[1:] for line in part.splitlines() if line.strip()]
    return marks[0], highlights


def _paragraphs(article: str) -> list[str]:
    """One paragraph a line; a label line ("By", "PUBLISHED:") joined to the line that completes it."""
    paragraphs: list[str] = []
    for line in article.splitlines():
        line = " ".join(PTB_BRACKETS.sub(_bracket, line).split())
        if not line:
            continue
        if paragraphs and LABEL_LINE.match(paragraphs[-1]):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
    return paragraphs


def _bracket(match: re.Match) -> str:
    opening, closing = match.groups()
    return PTB_BRACKET_TEXT[opening][0] if opening else PTB_BRACKET_TEXT[closing][1]


def _glued_dateline_outlet(body: str, rules: ReadingRules) -> str | None:
    """The known outlet a dateline credits in the body's first paragraphs, text glued on or not."""
    for paragraph in body.split("\n\n")[:DATELINE_PARAGRAPHS]:
        match = GLUED_DATELINE.match(paragraph)
        if match and (outlet := known_outlet(match["agency"], rules)):
            return outlet
    return None
