"""Marked text as HTML: the text escaped, <mark> around the spans the engine found.

The engine returns text and spans, never HTML (engine/results.py Marked); this is
the one place that turns them into markup, for the pages and for the API's
"snippet" (HTML-escaped text whose only markup is <mark>).
"""

from __future__ import annotations

import bisect
import html

from markupsafe import Markup, escape

from searchapp.engine import Marked


def marked(text: str, start: int, end: int, marks, escape=escape) -> Markup:
    """text[start:end] escaped, with the parts inside marks ((start, end) into text) wrapped in <mark>;
    marks that touch or overlap get one <mark>."""
    return Markup(marked_text(text, start, end, marks, escape))


def marked_text(text: str, start: int, end: int, marks, escape) -> str:
    """marked() as plain text, for the JSON answers, which need no Markup object a piece.

    marks are in text order and apart, so only those from the first one ending after start
    are looked at (going through all of them for every piece of a long article was quadratic).
    """
    if not marks:
        return escape(text[start:end])
    first = bisect.bisect_right(marks, start, key=_end) if start > 0 else 0  # from 0 (a whole text): the first
    if first == len(marks) or marks[first][0] >= end:
        return escape(text[start:end])  # most pieces: no mark in them
    changed = CHANGED_BY.get(escape)
    if changed is not None and not holds_any(text if start == 0 and end == len(text) else text[start:end], changed):
        escape = str  # nothing to escape: the pieces go in as they are
    out, pos, at = [], start, first
    while at < len(marks) and marks[at][0] < end:
        m_start, m_end = marks[at]
        at += 1
        while at < len(marks) and marks[at][0] <= m_end:  # touching or overlapping marks are one (岸田|文雄)
            m_end = max(m_end, marks[at][1])
            at += 1
        m_start, m_end = max(m_start, pos), min(m_end, end)
        if m_start >= m_end:
            continue
        out.append(escape(text[pos:m_start]))
        out.append(f"<mark>{escape(text[m_start:m_end])}</mark>")  # not Markup's % and join: slow a piece
        pos = m_end
    out.append(escape(text[pos:end]))
    return "".join(out)


def _end(mark) -> int:
    return mark[1]


def snippet_html(snippet: Marked) -> Markup:
    """A hit's snippet for the search page."""
    return marked(snippet.text, 0, len(snippet.text), snippet.marks)


def title_html(hit) -> Markup:
    """A hit's title for the search page, its matched words marked."""
    return marked(hit.title, 0, len(hit.title), hit.title_marks)


def title_json(hit) -> str:
    """A hit's title for the JSON API, as its snippet: HTML-escaped, the matched words in <mark>."""
    return marked_text(hit.title, 0, len(hit.title), hit.title_marks, _escape_text)


def _escape_text(text: str) -> str:
    """&, < and > escaped, quotes left as they are: the API's snippets have always been so."""
    return html.escape(text, quote=False)


# The characters each escape changes. A text with none of them is its own escape, and its pieces
# are joined as they are: most titles and snippets, whose piece-by-piece escaping was a third of
# a broad /api/search answer's time.
CHANGED_BY = {escape: "&<>'\"", _escape_text: "&<>"}


def holds_any(text: str, characters: str) -> bool:
    """Whether text holds any of the characters: one `in` a character (a regular expression's
    character class took 2 microseconds a snippet, ten times as long)."""
    for c in characters:
        if c in text:
            return True
    return False


def snippet_json(snippet: Marked) -> str:
    """A hit's snippet for the JSON API: HTML-escaped text whose only markup is <mark>."""
    return marked_text(snippet.text, 0, len(snippet.text), snippet.marks, _escape_text)
