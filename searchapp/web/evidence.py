"""The article page's "why" panel: each facet value of the article with a few passages that put it there."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import url_for
from markupsafe import Markup, escape

from searchapp.engine import EXTRACTED
from searchapp.web.facet_links import FACET_LABELS

EVIDENCE_SHOWN = 2  # evidence snippets listed per facet value
EVIDENCE_CONTEXT = 70  # characters either side of an evidence span
# (field, record attribute, heading): ("country", "countries", "Countries"), ...
WHY_HEADINGS = tuple((field, attribute, attribute.capitalize()) for field, attribute in EXTRACTED.items())


@dataclass(frozen=True)
class Evidence:
    field: str
    label: str
    value: str
    search_url: str
    snippets: list[Markup]
    more: int  # mentions not shown


def why_facets(record) -> list[tuple[str, list[Evidence]]]:
    """Each facet value of the article, under its heading, with a few passages that put it there."""
    groups = []
    text = record.text  # once: .text joins title and body afresh on each use
    for field, attribute, heading in WHY_HEADINGS:
        spans_by_value = record.evidence.get(field, {})
        listed = []
        for value in getattr(record, attribute):
            spans = sorted(spans_by_value.get(value, []))
            listed.append(
                Evidence(
                    field=field,
                    label=FACET_LABELS[field],
                    value=value,
                    search_url=url_for("web.search_page", **{field: value}),
                    snippets=[evidence_snippet(text, s, e) for s, e in spans[:EVIDENCE_SHOWN]],
                    more=max(0, len(spans) - EVIDENCE_SHOWN),
                )
            )
        if listed:
            groups.append((heading, listed))
    return groups


def evidence_snippet(text: str, start: int, end: int) -> Markup:
    """The words around one evidence span, the span itself in <strong>."""
    # Stay inside the span's paragraph, and cut at spaces so no word is halved. The paragraph's
    # edges are looked for only as far as the context reaches: a paragraph break further off
    # changes nothing, and searching a long paragraph whole for every snippet was quadratic.
    low = max(0, start - EVIDENCE_CONTEXT - 2)
    para_start = text.rfind("\n\n", low, start)
    para_start = para_start + 2 if para_start >= 0 else (0 if low == 0 else low - 1)  # low - 1: beyond the context
    high = end + EVIDENCE_CONTEXT + 2
    para_end = text.find("\n\n", end, high)
    para_end = para_end if para_end >= 0 else (len(text) if high >= len(text) else high)  # high: beyond the context
    left = max(para_start, start - EVIDENCE_CONTEXT)
    right = min(para_end, end + EVIDENCE_CONTEXT)
    if left > para_start:
        left = text.find(" ", left, start) + 1 or left
    if right < para_end:
        cut = text.rfind(" ", end, right)
        right = cut if cut > 0 else right
    before, span, after = (escape(_one_line(text[s:e])) for s, e in ((left, start), (start, end), (end, right)))
    opening, closing = "… " if left > para_start else "", " …" if right < para_end else ""
    # an f-string of escaped pieces: Markup's % took longer than the rest of the page a snippet
    return Markup(f"{opening}{before}<strong>{span}</strong>{after}{closing}")


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)
