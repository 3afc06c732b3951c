"""The journalists' HTML pages: the search page and the article page.

Both call the same search service as the JSON API with the same SearchRequest,
so a page and its JSON twin (linked with rel="alternate") never disagree.
"""

from __future__ import annotations

import bisect
import datetime
import html
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Blueprint, render_template, request, url_for
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from searchapp import ArticleIdConverter, get_service, quote_id, search_limits, search_request
from searchapp.engine.service import FACET_FIELDS, SORTS, UNDATED, BadRequest, IndexMissing

bp = Blueprint("web", __name__)

FACET_LABELS = {
    "country": "Country",
    "official": "Official",
    "topic": "Topic",
    "source": "Source",
    "year": "Year",
}
# What a search page's URL holds; an article opened from it carries these back.
SEARCH_PARAMS = ("q", *FACET_FIELDS, "from", "to", "sort", "page", "per_page")
SINGLE_PARAMS = ("q", "from", "to", "sort", "page", "per_page")  # the search reads the first value only
# Hit attribute -> the search parameter that filters on it.
HIT_FACETS = (("countries", "country"), ("officials", "official"), ("topics", "topic"))
CHIPS_PER_FACET = 4  # chips shown per facet on a hit; selected values always show
# Facets whose mentions are linked in the article text (topics have no single mention).
MENTION_FACETS = ("country", "official")
FACET_TOP = 8  # values shown before "show all"
EVIDENCE_SHOWN = 2  # evidence snippets listed per facet value
EVIDENCE_CONTEXT = 70  # characters either side of an evidence span

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def init_app(app):
    """Register the pages and the security headers on every response (error pages: error_page)."""
    app.url_map.converters["article_id"] = ArticleIdConverter
    app.register_blueprint(bp)
    app.after_request(add_security_headers)
    app.jinja_env.filters["snippet_html"] = snippet_html
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["date_origin"] = date_origin


def add_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def error_page(exc: HTTPException):
    """An HTTP error as a page: "not found", an apology for our own failure (the traceback is in the
    log), or the error's own words; its headers (a 405's Allow) are kept."""
    headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
    code = exc.code or 500
    if code == 404:
        return render_template("not_found.html", what="page"), 404, headers
    message = None if code >= 500 else exc.description
    return render_template("error.html", message=message), code, headers


# --- the search page -------------------------------------------------------


@bp.get("/")
def search_page():
    urls = SearchUrls(request.args)
    try:
        req = search_request(request.args)
        result = get_service().search(req, search_limits())
    except BadRequest as exc:
        return render_template("search.html", urls=urls, error=exc, result=None, **_form(request.args)), 400
    except IndexMissing:
        return render_template("no_index.html"), 503
    return render_template(
        "search.html",
        urls=urls,
        error=None,
        result=result,
        facets=facet_panels(result, urls),
        pagination=pagination(result.request.page, result.pages),
        chips_of=lambda hit: hit_chips(hit, urls),
        **_form(request.args),
    )


def _form(args) -> dict:
    """What the search form shows: the raw parameters (each once), so a bad value can be corrected."""
    return {
        "q": args.get("q", ""),
        "date_from": args.get("from", ""),
        "date_to": args.get("to", ""),
        "sort_options": sort_options(args.get("q", "").strip(), args.get("sort", "").strip()),
        "filters": [(f, v) for f, v in search_state(args.items(multi=True)) if f in FACET_FIELDS],
        "per_page": args.get("per_page", ""),
        "facet_labels": FACET_LABELS,
    }


def sort_options(q: str, sort: str) -> list[tuple[str, str, bool]]:
    """(value, label, selected) for the sort menu.

    The default order (relevance with words, newest without) is sent as "", so
    a new query typed on a page sorted by default gets its own default.
    """
    default = "relevance" if q else "newest"
    chosen = sort if sort in SORTS else default
    return [
        ("" if option == default and chosen == default and sort != option else option, option.capitalize(), option == chosen)
        for option in SORTS
    ]


class SearchUrls:
    """Links to the current search with one thing changed; the URL holds the whole state."""

    def __init__(self, args):
        self.pairs = search_state(args.items(multi=True))

    def _url(self, pairs) -> str:
        return with_query(url_for("web.search_page"), pairs)

    def _without_page(self):
        return [p for p in self.pairs if p[0] != "page"]

    def is_selected(self, field: str, value: str) -> bool:
        # Facet filters match regardless of case (country=china selects "China").
        return any(k == field and v.casefold() == value.casefold() for k, v in self.pairs)

    def toggle(self, field: str, value: str) -> str:
        """Add the filter field=value, or remove it if it is already there."""
        pairs = self._without_page()
        if self.is_selected(field, value):
            return self._url([(k, v) for k, v in pairs if not (k == field and v.casefold() == value.casefold())])
        return self._url(pairs + [(field, value)])

    def without(self, *fields: str) -> str:
        return self._url([p for p in self._without_page() if p[0] not in fields])

    def replace(self, field: str, value: str) -> str:
        """Set one parameter (q, sort), back to page 1."""
        return self._url([p for p in self._without_page() if p[0] != field] + [(field, value)])

    def page(self, number: int) -> str:
        pairs = self._without_page()
        return self._url(pairs + [("page", str(number))] if number > 1 else pairs)

    def undated(self) -> str:
        """This search without its date bounds, narrowed to the undated articles those bounds left out."""
        pairs = [p for p in self._without_page() if p[0] not in ("from", "to", "year")]
        return self._url(pairs + [("year", UNDATED)])

    def only_query(self) -> str:
        """The current words with every filter dropped."""
        return self._url([p for p in self.pairs if p[0] in ("q", "per_page")])

    def article(self, id: str) -> str:
        """A hit's page, carrying this search in the same parameters, so "back to results" returns here."""
        return with_query(url_for("web.article", id=id), search_state(self.pairs))

    def api(self) -> str:
        query = urlencode(self.pairs)
        return f"{request.script_root}/api/search" + ("?" + query if query else "")


def search_state(pairs) -> list[tuple[str, str]]:
    """The search parameters among pairs, in their order, each value once; empty and unknown ones left out.

    Every link on a page repeats this state, so a repeat or a stranger in the URL would be
    multiplied by the number of links (a 4 KB URL made a 15 MB page).
    """
    seen, state = set(), []
    for k, v in pairs:
        if k not in SEARCH_PARAMS or not v.strip():
            continue
        key = k if k in SINGLE_PARAMS else (k, v.strip().casefold())  # filters match regardless of case
        if key not in seen:
            seen.add(key)
            state.append((k, v))
    return state


def with_query(path: str, pairs) -> str:
    return path + ("?" + urlencode(pairs) if pairs else "")


@dataclass(frozen=True)
class FilterLink:
    """A facet value as a link that adds its filter, or removes it when selected."""

    field: str
    value: str
    selected: bool
    url: str
    count: int | None = None  # articles with the value, in the facet sidebar


def filter_link(urls: SearchUrls, field: str, value: str, count: int | None = None) -> FilterLink:
    return FilterLink(field, value, urls.is_selected(field, value), urls.toggle(field, value), count)


def hit_chips(hit, urls: SearchUrls) -> tuple[list[FilterLink], int]:
    """A hit's facet values as filter chips, a few per facet, and how many were left out."""
    chips, left_out = [], 0
    for attribute, field in HIT_FACETS:
        values = getattr(hit, attribute)
        for n, value in enumerate(values):
            chip = filter_link(urls, field, value)
            if n < CHIPS_PER_FACET or chip.selected:
                chips.append(chip)
            else:
                left_out += 1
    return chips, left_out


@dataclass(frozen=True)
class FacetPanel:
    field: str
    label: str
    top: list[FilterLink]  # the most frequent values, always shown
    rest: list[FilterLink]  # behind "show all"
    rest_open: bool  # a selected value is among the rest


def facet_panels(result, urls: SearchUrls) -> list[FacetPanel]:
    panels = []
    for field in FACET_FIELDS:
        links = [filter_link(urls, field, fc.value, fc.count) for fc in result.facets.get(field, [])]
        if not links:
            continue
        top, rest = links[:FACET_TOP], links[FACET_TOP:]
        if field == "year":
            top, rest = undated_always_shown(top, rest)
        panels.append(
            FacetPanel(
                field=field,
                label=FACET_LABELS[field],
                top=top,
                rest=rest,
                rest_open=any(link.selected for link in rest),
            )
        )
    return panels


def undated_always_shown(top: list[FilterLink], rest: list[FilterLink]) -> tuple[list[FilterLink], list[FilterLink]]:
    """Move the year facet's "undated" value out of "show all", so undated articles are never out of sight."""
    undated = [link for link in rest if link.value == UNDATED]
    return top + undated, [link for link in rest if link.value != UNDATED]


def pagination(page: int, pages: int, around: int = 2) -> list[int | None]:
    """Page numbers to link: the first, the last and a few around the current; None is a gap."""
    shown = sorted({1, pages, *range(max(1, page - around), min(pages, page + around) + 1)})
    numbers: list[int | None] = []
    for n in shown:
        if numbers and n - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(n)
    return numbers


def snippet_html(snippet: str) -> Markup:
    """The service's snippet as markup, re-escaped so <mark> is the only tag that can survive."""
    parts = re.split(r"(</?mark>)", snippet)
    return Markup("").join(
        Markup(part) if part in ("<mark>", "</mark>") else escape(html.unescape(part)) for part in parts
    )


def long_date(value: datetime.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def date_origin(date_from: str) -> str:
    """The reader's "dateline" or "the file's own fields" as a phrase: "Date from the dateline"."""
    return f"Date from {date_from}" if date_from.startswith("the ") else f"Date from the {date_from}"


# --- the article page ------------------------------------------------------


@bp.get("/articles/<article_id:id>")
def article(id):
    service = get_service()
    try:
        record = service.article(id)
        if record is None:
            return render_template("not_found.html", what="article", id=id), 404
        similar = service.more_like_this(id, limit=5)
    except IndexMissing:
        return render_template("no_index.html"), 503
    q = request.args.get("q", "")
    state = search_state(request.args.items(multi=True))
    marks = query_marks(service, record.text, q)
    return render_template(
        "article.html",
        record=record,
        q=q,
        title_html=marked(record.text, 0, len(record.title), marks),
        paragraphs=article_paragraphs(record, marks),
        why=why_facets(record),
        similar=similar,
        original_url=record.url if (record.url or "").startswith(("http://", "https://")) else None,
        api_url=f"{request.script_root}/api/articles/{quote_id(id)}",
        back_url=with_query(url_for("web.search_page"), state) if state else None,
    )


def query_marks(service, text: str, q: str) -> list[tuple[int, int]]:
    """Where the query's words are in text, as offsets, so marks can nest inside mention links.

    The service finds them (stemming and wildcards as the search itself does).
    """
    if not q.strip():
        return []
    return service.highlight_spans(text, q)


def marked(text: str, start: int, end: int, marks: list[tuple[int, int]]) -> Markup:
    """text[start:end] escaped, with the parts inside marks wrapped in <mark>.

    marks are in text order and apart, so only those from the first one ending after start
    are looked at (going through all of them for every piece of a long article was quadratic).
    """
    first = bisect.bisect_right(marks, start, key=lambda m: m[1])
    if first == len(marks) or marks[first][0] >= end:
        return escape(text[start:end])  # most pieces: no mark in them
    out, pos = [], start
    for at in range(first, len(marks)):
        m_start, m_end = marks[at]
        if m_start >= end:
            break
        m_start, m_end = max(m_start, pos), min(m_end, end)
        if m_start >= m_end:
            continue
        out.append(escape(text[pos:m_start]))
        out.append(f"<mark>{escape(text[m_start:m_end])}</mark>")  # not Markup's % and join: slow a piece
        pos = m_end
    out.append(escape(text[pos:end]))
    return Markup("".join(out))


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


@dataclass(frozen=True)
class Evidence:
    field: str
    label: str
    value: str
    search_url: str
    snippets: list[Markup]
    more: int  # mentions not shown


WHY_HEADINGS = (("country", "countries", "Countries"), ("official", "officials", "Officials"), ("topic", "topics", "Topics"))


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
