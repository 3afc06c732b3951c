"""Snippets: the fragments of a body around its matched words, as text and the spans to mark.

The matched words' offsets come from the postings (stored character offsets),
so the body is never analysed again to find them. No HTML here: the web layer
escapes the text and marks the spans (searchapp/web/highlight.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh import highlight
from whoosh.analysis import Token

from searchapp.engine.results import Marked, Span

SNIPPET_CHARS = 200  # a fragment spans matches at most this far apart ...
SNIPPET_SURROUND = 60  # ... plus this much context each side, cut back to whole words
OPENING_CHARS = 240
BETWEEN = " … "  # between two fragments
SPACES = re.compile(r"\s+")
WORDS = re.compile(r"[^\W_]+")
Phrases = tuple[tuple[tuple[str, ...], int], ...]  # (indexed words, slop) of each quoted phrase


def opening(text: str, limit: int = OPENING_CHARS) -> Marked:
    """The first words of a text, on one line: the snippet when there is nothing to mark."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return Marked(text)


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




@dataclass(frozen=True)
class MarkPlan:
    """What a query marks in a field: the words to look for, those marked wherever they are, and the
    quoted phrases, whose words are marked only where the whole phrase is."""

    terms: frozenset[str] = frozenset()
    lone: frozenset[str] = frozenset()
    phrases: Phrases = ()

    def spans(self, text: str, found) -> list[tuple[int, int, str]]:
        """The (start, end, term) of found (the terms' places in text) to mark."""
        return phrase_spans(text, found, self.lone, self.phrases) if found else []

    def marks(self, text: str, analyzer) -> tuple[Span, ...]:
        """The marks of a short text (a title), found by analysing it; touching or overlapping ones merged."""
        return merged((s, e) for s, e, _ in self.spans(text, word_spans(text, self.terms, analyzer))) if self.terms else ()


def merged(spans) -> tuple[Span, ...]:
    """(start, end) spans in order, those that overlap or touch made one."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def phrase_spans(text: str, spans, lone: frozenset[str], phrases: Phrases) -> list[tuple[int, int, str]]:
    """(start, end, term) to mark: words searched alone as found, and a quoted phrase's words only where
    the whole phrase is, as one span ("South China Sea" marks the phrase, never a lone "China")."""
    spans = sorted(set(spans))
    marked = [span for span in spans if span[2] in lone]
    for words, slop in phrases:
        for i, (start, end, term) in enumerate(spans):
            if term != words[0]:
                continue
            for word in words[1:]:
                i = _next_word(text, spans, i, end, word, slop)
                if i is None:
                    break
                end = max(end, spans[i][1])
            else:
                marked.append((start, end, " ".join(words)))
    return sorted(marked)


def _next_word(text: str, spans, i: int, end: int, word: str, slop: int) -> int | None:
    """Where in spans (after i) word follows a phrase's words ending at end: overlapping them (CJK
    bigrams), or with fewer than slop other words between; None when it does not."""
    for j in range(i + 1, len(spans)):
        start, _, term = spans[j]
        between = len(WORDS.findall(text, end, start)) if start > end else 0
        if between > max(slop, 1) - 1:
            return None  # spans are in order: any later one is further away
        if term == word:
            return j
    return None


def pinpoint_snippet(text: str, spans: list[tuple[int, int, str]]) -> Marked:
    """The best fragments around stored (start, end, term) offsets of matched words, without re-analysing text.

    Fragments with more distinct terms score higher, so tokens carry the term, not the word as written.
    """
    tokens = [Token(startchar=s, endchar=e, text=term, matched=True) for s, e, term in sorted(set(spans))]
    fragmenter = highlight.PinpointFragmenter(maxchars=SNIPPET_CHARS, surround=SNIPPET_SURROUND, charlimit=None)
    fragments = [_trim_to_words(f) for f in fragmenter.fragment_matches(text, tokens)]
    best = highlight.top_fragments(fragments, 2, highlight.BasicFragmentScorer(), highlight.FIRST)
    return one_line(*_joined(best))


def _joined(fragments) -> tuple[str, list[Span]]:
    """The fragments' text joined by BETWEEN, and where their matches are in it.

    Matches in position order, the longest first where two start together; a match
    that overlaps or touches the one before it makes one mark with it (the bigrams
    岸田, 田文, 文雄 are one mark over 岸田文雄).
    """
    parts, marks, at = [], [], 0
    for n, fragment in enumerate(fragments):
        if n:
            parts.append(BETWEEN)
            at += len(BETWEEN)
        index, marking = fragment.startchar, False  # marking: the last mark ends at index
        for token in sorted(fragment.matches, key=lambda t: (t.startchar, t.startchar - t.endchar)):
            if token.startchar is None or token.startchar < index and not marking:
                continue
            if marking and token.startchar <= index:
                grow = max(token.endchar - index, 0)
                parts.append(fragment.text[index : index + grow])
                marks[-1] = (marks[-1][0], marks[-1][1] + grow)
                at, index = at + grow, index + grow
                continue
            parts.append(fragment.text[index : token.endchar])
            at += token.startchar - index
            marks.append((at, at + token.endchar - token.startchar))
            at += token.endchar - token.startchar
            index, marking = token.endchar, True
        parts.append(fragment.text[index : fragment.endchar])
        at += fragment.endchar - index
    return "".join(parts), marks


def one_line(text: str, marks: list[Span]) -> Marked:
    """text with each run of whitespace made one space and the ends stripped, its marks moved to match.

    Marks hold words, never whitespace, so none is cut.
    """
    out, shift, pos = [], 0, 0  # shift: characters removed before pos
    edges = iter(sorted({p for span in marks for p in span}))
    edge = next(edges, None)
    new_of: dict[int, int] = {}
    for m in SPACES.finditer(text):
        start, end = m.span()
        while edge is not None and edge <= start:
            new_of[edge] = edge - shift
            edge = next(edges, None)
        keep = "" if start == 0 or end == len(text) else " "
        out.append(text[pos:start] + keep)
        shift += (end - start) - len(keep)
        pos = end
        while edge is not None and edge <= end:  # an edge inside whitespace: none, as marks hold words
            new_of[edge] = end - shift
            edge = next(edges, None)
    while edge is not None:
        new_of[edge] = edge - shift
        edge = next(edges, None)
    out.append(text[pos:])
    return Marked("".join(out), tuple((new_of[s], new_of[e]) for s, e in marks))


def word_spans(text: str, terms: frozenset[str], analyzer) -> list[tuple[int, int, str]]:
    """(start, end, term) of each word of text whose indexed form (by analyzer) is one of terms.

    These are the words Whoosh's highlighter marks; a run the analyzer cuts into pieces
    (Chinese and Japanese bigrams) gives each matching piece its own span, not the whole run.
    Each distinct word goes through the analyzer once (its filters look at one word at a
    time); Whoosh's highlighter ran every word of the text through it, seconds for a long article.
    """
    found: dict[str, list[tuple[int, int, str]]] = {}
    spans = []
    for m in analyzer[0].expression.finditer(text):  # the analyzer's own tokenizer pattern
        word = m.group()
        if word not in found:
            # (Whoosh reuses one Token object: read each as it comes.)
            tokens = [(t.startchar, t.endchar, t.text) for t in analyzer(word, mode="query", chars=True, removestops=False)]
            whole = len(tokens) == 1  # one token: the word, however stemmed
            found[word] = [(0, len(word), text) if whole else (start, end, text) for start, end, text in tokens if text in terms]
        spans.extend((m.start() + start, m.start() + end, term) for start, end, term in found[word])
    return spans
