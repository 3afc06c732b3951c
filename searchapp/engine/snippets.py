"""Snippets: the fragments of a body around its matched words, marked with <mark> and escaped.

The matched words' offsets come from the postings (stored character offsets),
so the body is never analysed again to find them.
"""

from __future__ import annotations

import html

from whoosh import highlight
from whoosh.analysis import Token

SNIPPET_CHARS = 200  # a fragment spans matches at most this far apart ...
SNIPPET_SURROUND = 60  # ... plus this much context each side, cut back to whole words


class MarkFormatter(highlight.HtmlFormatter):
    """Whoosh's HTML formatter with a bare <mark> around matches; the text around them is escaped."""

    def __init__(self):
        super().__init__(tagname="mark", between=" … ")

    def format_token(self, text, token, replace=False):
        return f"<mark>{self._text(highlight.get_text(text, token, replace))}</mark>"


def opening(text: str, limit: int = 240) -> str:
    """The first words of a text, escaped: the snippet when there is nothing to highlight."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return html.escape(text, quote=False)


def _trim_to_words(fragment: highlight.Fragment) -> highlight.Fragment:
    """Move a fragment's edges inward to whitespace, so it neither starts nor ends mid-word."""
    text, start, end = fragment.text, fragment.startchar, fragment.endchar
    first, last = fragment.matches[0].startchar, fragment.matches[-1].endchar
    if start > 0 and not text[start - 1].isspace():
        space = next((i for i in range(start, first) if text[i].isspace()), first)
        start = space + 1 if space < first else first
    if end < len(text) and not text[end].isspace():
        space = next((i for i in range(end - 1, last - 1, -1) if text[i].isspace()), last)
        end = space if space >= last else last
    fragment.startchar, fragment.endchar = start, end
    return fragment


def pinpoint_snippet(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The best fragments around stored (start, end, term) offsets of matched words, without re-analysing text.

    Fragments with more distinct terms score higher, so tokens carry the term, not the word as written.
    """
    tokens = [Token(startchar=s, endchar=e, text=term, matched=True) for s, e, term in sorted(set(spans))]
    fragmenter = highlight.PinpointFragmenter(maxchars=SNIPPET_CHARS, surround=SNIPPET_SURROUND, charlimit=None)
    fragments = [_trim_to_words(f) for f in fragmenter.fragment_matches(text, tokens)]
    best = highlight.top_fragments(fragments, 2, highlight.BasicFragmentScorer(), highlight.FIRST)
    return MarkFormatter().format(best)
