"""Snippets as text and spans render to exactly the HTML the engine used to make with Whoosh's formatter."""

import html
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape as markup_escape
from whoosh import highlight
from whoosh.analysis import Token

from searchapp.engine import Budget, Limits, Marked, SearchRequest, queries
from searchapp.engine.snippets import SNIPPET_CHARS, SNIPPET_SURROUND, _trim_to_words, one_line, pinpoint_snippet
from searchapp.web import highlight as highlight_module
from searchapp.web.highlight import marked, snippet_html, snippet_json

QUERIES = ["said", "sanctions", "foreign minister", "minist*", "talks OR summit", '"south china sea"', "wang", "missle~"]


class MarkFormatter(highlight.HtmlFormatter):
    """The formatter the engine used before snippets became spans: a bare <mark>, the rest escaped."""

    def __init__(self):
        super().__init__(tagname="mark", between=" … ")

    def format_token(self, text, token, replace=False):
        return f"<mark>{html.escape(highlight.get_text(text, token, replace), quote=False)}</mark>"


def whoosh_snippet(text: str, spans) -> str:
    """The snippet as the engine made it before: Whoosh's formatter over the same fragments, on one line."""
    tokens = [Token(startchar=s, endchar=e, text=term, matched=True) for s, e, term in sorted(set(spans))]
    fragmenter = highlight.PinpointFragmenter(maxchars=SNIPPET_CHARS, surround=SNIPPET_SURROUND, charlimit=None)
    fragments = [_trim_to_words(f) for f in fragmenter.fragment_matches(text, tokens)]
    best = highlight.top_fragments(fragments, 2, highlight.BasicFragmentScorer(), highlight.FIRST)
    return " ".join(MarkFormatter().format(best).split())


@pytest.mark.parametrize("q", QUERIES)
def test_the_apis_snippet_is_the_html_it_always_was(seed_service, q):
    opened = seed_service.opened()
    parsed = queries.parse(opened, q)
    docnums = seed_service.ranked_ids(SearchRequest(q=q), 50)
    assert docnums
    page = [opened.searcher.document_number(id=id) for id in docnums]
    terms = queries.marked_terms(opened, parsed)
    spans = opened.path.body_spans(opened, page, terms, Budget(Limits(time_ms=10**7)), opened.frequency("body"))
    compared = 0
    for docnum in page:
        if spans.get(docnum):
            body = opened.searcher.stored_fields(docnum)["body"]
            assert snippet_json(pinpoint_snippet(body, spans[docnum])) == whoosh_snippet(body, spans[docnum])
            compared += 1
    assert compared


def test_one_line_keeps_the_marks_on_their_words():
    rng = random.Random(3)
    for _ in range(300):
        words = [rng.choice(["a", "b&c", "<d>", "ee", "f'g"]) for _ in range(rng.randint(1, 12))]
        gaps = [rng.choice([" ", "  ", "\n", "\t \n", "\u00a0"]) for _ in words]
        text, marks = rng.choice(["", " ", "\n"]), []
        for word, gap in zip(words, gaps):
            if rng.random() < 0.4:
                marks.append((len(text), len(text) + len(word)))
            text += word + gap
        flat = one_line(text, marks)
        assert snippet_json(flat) == " ".join(snippet_json(Marked(text, tuple(marks))).split())


def test_the_page_and_the_api_escape_alike_but_for_quotes():
    snippet = Marked('"Wang" said <b> & left', ((1, 5),))
    assert snippet_json(snippet) == '"<mark>Wang</mark>" said &lt;b&gt; &amp; left'
    assert str(snippet_html(snippet)) == "&#34;<mark>Wang</mark>&#34; said &lt;b&gt; &amp; left"


def _marked_piece_by_piece(text: str, marks, escape) -> str:
    """What marked() writes, built the plain way: every piece escaped, marks that touch joined."""
    joined: list[list[int]] = []
    for s, e in marks:
        if joined and s <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], e)
        else:
            joined.append([s, e])
    out, pos = [], 0
    for s, e in joined:
        out += [str(escape(text[pos:s])), f"<mark>{escape(text[s:e])}</mark>"]
        pos = e
    return "".join(out) + str(escape(text[pos:]))


@given(st.text(alphabet="ab <>&'\"é\n", max_size=30), st.data())
def test_marked_text_is_each_piece_escaped_whether_or_not_it_holds_a_special_character(text, data):
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6, unique=True)))
    marks = [(s, e) for s, e in zip(cuts[::2], cuts[1::2]) if s < e]
    for escape in (markup_escape, highlight_module._escape_text):
        assert str(marked(text, 0, len(text), marks, escape=escape)) == _marked_piece_by_piece(text, marks, escape)
