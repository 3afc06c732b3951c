"""The article page's text as HTML: paragraphs escaped piece by piece, mentions linked, query words marked.

Everything here is linear in the article's length (bench/article_size.py): marks and
mentions are in text order, so each piece takes them up where the one before left off.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from markupsafe import Markup, escape

from searchapp.web.facet_links import FACET_LABELS
from searchapp.web.highlight import marked

# Facets whose mentions are linked in the article text (topics have no single mention).
MENTION_FACETS = ("country", "official")


def query_marks(service, text: str, q: str) -> list[tuple[int, int]]:
    """Where the query's words are in text, as offsets, so marks can nest inside mention links.

    The service finds them (stemming and wildcards as the search itself does).
    """
    if not q.strip():
        return []
    return service.highlight_spans(text, q)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    field: str
    value: str


def mentions(record) -> list[Mention]:
    """Country and official evidence spans in text order; where two overlap, the longer is kept."""
    length = len(record.text)  # .text is built afresh on each use: once, not once a span
    spans = [
        Mention(start, end, field, value)
        for field in MENTION_FACETS
        for value, found in record.evidence.get(field, {}).items()
        for start, end in found
        if 0 <= start < end <= length
    ]
    kept, last_end = [], 0
    for m in sorted(spans, key=lambda m: (m.start, m.start - m.end)):
        if m.start >= last_end:
            kept.append(m)
            last_end = m.end
    return kept


def article_paragraphs(record, marks: list[tuple[int, int]]) -> list[Markup]:
    """The body in paragraphs, escaped piece by piece: mentions linked, query words marked.

    Mentions are in text order, so each paragraph takes them up where the one before left off
    (going through all of them for every paragraph was quadratic in the article's length).
    """
    text = record.text
    found = mentions(record)
    openings: dict[tuple[str, str], str] = {}  # a link's opening tag a facet value, not one a mention
    paragraphs = []
    start = len(record.title) + 2  # .text is title + "\n\n" + body
    at = 0  # the first mention not yet placed
    for para in record.body.split("\n\n"):
        end = start + len(para)
        while at < len(found) and found[at].start < start:
            at += 1  # in the title, or across a paragraph break
        out, pos = [], start
        while at < len(found) and found[at].start < end:
            m = found[at]
            at += 1
            if m.end > end:
                continue
            out.append(marked(text, pos, m.start, marks))
            out.append(_mention_link(text, m, marks, openings))
            pos = m.end
        out.append(marked(text, pos, end, marks))
        if para.strip():
            paragraphs.append(Markup("".join(out)))  # every piece is escaped already
        start = end + 2
    return paragraphs


def _mention_link(text: str, m: Mention, marks: list[tuple[int, int]], openings: dict) -> Markup:
    """A mention as a link to the search for its facet value (the link's opening tag made once a value)."""
    if (m.field, m.value) not in openings:
        href = url_for("web.search_page", **{m.field: m.value})
        label = f"{FACET_LABELS[m.field]}: {m.value}. Search articles"
        field, href, label = escape(m.field), escape(href), escape(label)
        openings[m.field, m.value] = f'<a class="mention mention-{field}" href="{href}" title="{label}">'
    return Markup(f"{openings[m.field, m.value]}{marked(text, m.start, m.end, marks)}</a>")
