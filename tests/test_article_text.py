"""The article page's text (article_text.py) and its "why" panel (evidence.py): exact markup
on a small record, and work linear in the article's length on long ones."""

import dataclasses
import re

import pytest
from markupsafe import Markup

from searchapp.engine import ArticleRecord
from searchapp.web.article_text import article_paragraphs, query_marks
from searchapp.web.evidence import evidence_snippet, why_facets

from article_record import RECORD, at  # noqa: E402 (tests/ is on the path)


def test_article_paragraphs_link_mentions_and_nest_the_query_marks(app):
    marks = [at("Wang"), at("Wang", 1), at("Sanctions"), at("sanctions")]
    with app.test_request_context("/"):
        paragraphs = article_paragraphs(RECORD, marks)
    assert paragraphs == [
        Markup(
            '<a class="mention mention-country" href="/?country=China" title="Country: China. Search articles">'
            "Beijing</a>&#39;s envoy &lt;b&gt;"
            '<a class="mention mention-official" href="/?official=Wang+Yi" title="Official: Wang Yi. Search articles">'
            "<mark>Wang</mark> Yi</a>&lt;/b&gt; met "
            '<a class="mention mention-official" href="/?official=Park+Jin" title="Official: Park Jin. Search articles">'
            "Park Jin</a>."
        ),
        Markup("<mark>Sanctions</mark> &amp; more <mark>sanctions</mark>."),
    ]


def test_query_marks_are_offsets_of_the_words_the_service_marks(seed_service):
    service = seed_service
    text = "Sanctioned <b>envoys</b> & sanctions: Wang's SANCTION"
    assert [text[s:e] for s, e in query_marks(service, text, "sanctions")] == ["Sanctioned", "sanctions", "SANCTION"]
    assert query_marks(service, text, "") == []


@pytest.mark.parametrize(
    "span, expected",
    [
        (at("Beijing"), "<strong>Beijing</strong>&#39;s envoy &lt;b&gt;Wang Yi&lt;/b&gt; met Park Jin."),
        (at("sanctions"), "Sanctions &amp; more <strong>sanctions</strong>."),
        (at("Wang"), "<strong>Wang</strong> meets Park"),
    ],
)
def test_evidence_snippets_stay_inside_their_paragraph(span, expected):
    assert evidence_snippet(RECORD.text, *span) == Markup(expected)


def test_the_why_section_lists_each_facet_value_with_its_evidence(app):
    with app.test_request_context("/"):
        why = why_facets(RECORD)
    assert [(heading, [(e.value, e.search_url, len(e.snippets), e.more) for e in items]) for heading, items in why] == [
        ("Countries", [("China", "/?country=China", 1, 0)]),
        ("Officials", [("Wang Yi", "/?official=Wang+Yi", 1, 0), ("Park Jin", "/?official=Park+Jin", 1, 0)]),
        ("Topics", [("sanctions", "/?topic=sanctions", 2, 0)]),
    ]


# --- The article page stays linear in the article's length -------------------------------


class CountingList(list):
    """A list that counts the items read from it, by iteration or by index."""

    def __init__(self, items):
        super().__init__(items)
        self.reads = 0

    def __iter__(self):
        for item in super().__iter__():
            self.reads += 1
            yield item

    def __getitem__(self, index):
        self.reads += 1
        return super().__getitem__(index)


class CountingText(str):
    """An article's text that counts the characters find() and rfind() look through."""

    scanned = 0

    def find(self, sub, start=0, end=None):
        CountingText.scanned += (len(self) if end is None else min(end, len(self))) - start
        return super().find(sub, start, end if end is not None else len(self))

    def rfind(self, sub, start=0, end=None):
        CountingText.scanned += (len(self) if end is None else min(end, len(self))) - start
        return super().rfind(sub, start, end if end is not None else len(self))


@dataclasses.dataclass(frozen=True)
class CountingRecord(ArticleRecord):
    """An ArticleRecord that counts the characters its .text is built of, each time it is asked for."""

    built: list = dataclasses.field(default_factory=lambda: [0], compare=False)

    @property
    def text(self) -> str:
        text = CountingText(f"{self.title}\n\n{self.body}")
        self.built[0] += len(text)
        return text


def long_record(paragraphs: int, apart: bool = True) -> CountingRecord:
    """An article of many paragraphs (or one long one), each naming a new official, Park Jin and China."""
    title, parts, evidence = "Envoys meet", [], {"country": {}, "official": {}, "topic": {}}
    at = len(title) + 2
    for n in range(paragraphs):
        official = f"Envoy Number{n}"
        part = f"{official} met Park Jin in Beijing; sanctions followed."
        for value, word, field in ((official, official, "official"), ("Park Jin", "Park Jin", "official"),
                                   ("China", "Beijing", "country")):
            start = at + part.index(word)
            evidence[field].setdefault(value, []).append((start, start + len(word)))
        parts.append(part)
        at += len(part) + (2 if apart else 1)
    body = ("\n\n" if apart else " ").join(parts)
    officials = list(evidence["official"])
    return CountingRecord(id="long.txt", path="long.txt", title=title, body=body, date=None, source=None, url=None,
                          countries=["China"], officials=officials, topics=[], evidence=evidence)


def page_work(app, monkeypatch, record: CountingRecord) -> int:
    """Mentions and marks read, and characters of .text built, while the page's paragraphs are made."""
    from searchapp.web import article_text

    found = []
    real = article_text.mentions
    monkeypatch.setattr(article_text, "mentions", lambda record: found.append(CountingList(real(record))) or found[-1])
    text = f"{record.title}\n\n{record.body}"
    marks = CountingList([(m.start(), m.end()) for m in re.finditer("sanctions", text)])
    with app.test_request_context("/"):
        paragraphs = article_paragraphs(record, marks)
    assert len(paragraphs) == record.body.count("\n\n") + 1 and "<mark>sanctions</mark>" in paragraphs[-1]
    return found[0].reads + marks.reads + record.built[0]


def test_the_article_pages_paragraphs_take_work_linear_in_its_length(app, monkeypatch):
    """Twice the article is at most 2.5 times the work. Before: each paragraph went through every
    mention, each piece of text through every query mark, and each mention rebuilt the whole text
    (a 1 MB article: 56 s without ?q=, over 200 s with it)."""
    one = page_work(app, monkeypatch, long_record(50))
    two = page_work(app, monkeypatch, long_record(100))
    assert two <= 2.5 * one, (one, two)


def why_work(app, record: CountingRecord) -> int:
    """Characters of .text built and looked through while the "why" panel is made."""
    CountingText.scanned = 0
    with app.test_request_context("/"):
        groups = why_facets(record)
    assert len(dict(groups)["Officials"]) == len(record.officials)
    return record.built[0] + CountingText.scanned


def test_the_why_panel_takes_work_linear_in_the_articles_length(app):
    """One long paragraph naming many officials: each snippet looked for its paragraph's edges
    through the whole paragraph, and each rebuilt the whole text."""
    one = why_work(app, long_record(50, apart=False))
    two = why_work(app, long_record(100, apart=False))
    assert two <= 2.5 * one, (one, two)
