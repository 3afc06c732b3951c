"""Query-string parameters read into a SearchRequest, within this app's limits; bad ones are a BadRequest.

Validation lives here, at the edge (pages, API, exports and feeds all call
search_request), so the engine takes a typed request and knows nothing of HTTP.
"""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Mapping

from dateutil import parser as dateparser
from flask import current_app

from searchapp.engine import FACET_FIELDS, FILTER_MODES, SORTS, UNDATED, BadRequest, Limits, SearchRequest
from searchapp.engine.budget import from_config

MAX_PER_PAGE = 100
MAX_QUERY_CHARS = 1000
MAX_FILTER_VALUES = 50  # facet filter values in one request, all facets together (the MAX_FILTER_VALUES setting)
MAX_NUMBER_DIGITS = 18  # page, per_page: within 64 bits, far from the 4,300 digits int() refuses
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def search_request(args) -> SearchRequest:
    """The SearchRequest of this request's query string, within the app's MAX_FILTER_VALUES."""
    return read_search_request(args, current_app.config.get("MAX_FILTER_VALUES", MAX_FILTER_VALUES))


def search_limits() -> Limits:
    """This app's search budgets of time and work, read now from the config (engine/budget.py)."""
    return from_config(current_app.config)


def read_search_request(params: Mapping, max_filter_values: int = MAX_FILTER_VALUES) -> SearchRequest:
    """Validate query parameters (a MultiDict, or a dict of lists or strings); raises BadRequest."""
    q = CONTROL_CHARACTERS.sub(" ", _single(params, "q")).strip()  # pasted tabs, newlines, NULs
    if len(q) > MAX_QUERY_CHARS:
        raise BadRequest(
            "bad_query", f"The query is longer than {MAX_QUERY_CHARS:,} characters ({len(q):,}): shorten it."
        )
    chosen = {mode: _facet_values(params, mode) for mode in FILTER_MODES}
    if sum(len(v) for values in chosen.values() for v in values.values()) > max_filter_values:
        raise BadRequest("too_many_filters", f"at most {max_filter_values} facet filter values at once")
    date_from = parse_filter_date(_single(params, "from"), "from")
    date_to = parse_filter_date(_single(params, "to"), "to")
    if date_from and date_to and date_from > date_to:
        raise BadRequest("bad_date", f"'from' ({date_from}) is after 'to' ({date_to})")
    sort = _single(params, "sort").strip() or None
    if sort is not None and sort not in SORTS:
        raise BadRequest("bad_sort", f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    page = _integer(params, "page", 1, 1, None)
    per_page = _integer(params, "per_page", 20, 1, MAX_PER_PAGE)
    return SearchRequest(
        q, chosen["all"], date_from, date_to, sort, page, per_page, any_of=chosen["any"], none_of=chosen["not"]
    )


def filter_param(name: str, mode: str) -> str:
    """The query parameter of a facet in a mode: country (all of), country_any, country_not."""
    return name if mode == "all" else f"{name}_{mode}"


def _facet_values(params: Mapping, mode: str) -> dict[str, tuple[str, ...]]:
    """facet -> its values given in one mode, each once, years checked."""
    filters = {}
    for name in FACET_FIELDS:
        param = filter_param(name, mode)
        if param not in params:  # most are: a search names a few of the eighteen, if any
            continue
        values = tuple(dict.fromkeys(v.strip() for v in _values(params, param) if v.strip()))
        if name == "year":
            values = tuple(dict.fromkeys(_year(v, param) for v in values))
        if values:
            filters[name] = values
    return filters


def _values(params: Mapping, name: str) -> list[str]:
    if hasattr(params, "getlist"):
        values = params.getlist(name)
    else:
        values = params.get(name, [])
        values = [values] if isinstance(values, str) else list(values)
    for v in values:
        if not isinstance(v, str):
            raise BadRequest(f"bad_{name}", f"{name} must be text, not {type(v).__name__}")
    return values


def _single(params: Mapping, name: str) -> str:
    """The first value of a single-valued parameter, or ""."""
    values = _values(params, name)
    return values[0] if values else ""


def _year(value: str, param: str = "year") -> str:
    """A year filter value: four digits, or "undated" in any case (kept lowercase, as indexed)."""
    if value.casefold() == UNDATED:
        return UNDATED
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        raise BadRequest(f"bad_{param}", f"{param} must be four digits or {UNDATED!r}, not {value!r}")
    return value


def _integer(params: Mapping, name: str, default: int, low: int, high: int | None) -> int:
    text = _single(params, name).strip()
    if not text:
        return default
    too_long = len(text) > MAX_NUMBER_DIGITS
    if not (text.isascii() and text.isdigit()) or too_long or int(text) < low or (high and int(text) > high):
        bounds = f"from {low} to {high}" if high else f"{low} or more"
        shown = repr(text) if len(text) <= 20 else f"{text[:12]!r}… ({len(text):,} characters)"
        raise BadRequest(f"bad_{name}", f"{name} must be a whole number {bounds}, not {shown}")
    return int(text)


def parse_filter_date(text: str, bound: str) -> datetime.date | None:
    """A from/to bound: "2021", "April 2021" or "2021-04-03" as the first ("from") or last ("to") day it covers.

    Unlike reading.dates.parse_date (an article's own date, one day or none), a bound
    may name a whole year or month, and text that is not a date is an error for the user.
    """
    text = text.strip()
    if not text:
        return None
    try:
        # Parsing with two different defaults shows which parts the text left out.
        early = dateparser.parse(text, default=datetime.datetime(2000, 1, 1))
        late = dateparser.parse(text, default=datetime.datetime(2001, 12, 28))
    except (ValueError, OverflowError, TypeError):
        raise BadRequest("bad_date", f"{bound}: cannot read {text!r} as a date") from None
    if early.year != late.year:
        raise BadRequest("bad_date", f"{bound}: {text!r} needs a year")
    if early.month != late.month:  # a year alone
        first, last = datetime.date(early.year, 1, 1), datetime.date(early.year, 12, 31)
    elif early.day != late.day:  # a month and a year
        days = calendar.monthrange(early.year, early.month)[1]
        first, last = datetime.date(early.year, early.month, 1), datetime.date(early.year, early.month, days)
    else:
        first = last = early.date()
    return first if bound == "from" else last


MAX_PREFIX_CHARS = 100
MAX_FACET_VALUES = 100  # the largest limit of GET /api/facets/<facet>


def facet_value_search(params: Mapping) -> tuple[str, int]:
    """(prefix, limit) of a facet value search; the search it runs within is search_request's."""
    prefix = CONTROL_CHARACTERS.sub(" ", _single(params, "prefix")).strip()
    if len(prefix) > MAX_PREFIX_CHARS:
        raise BadRequest("bad_prefix", f"prefix must be at most {MAX_PREFIX_CHARS} characters, not {len(prefix):,}")
    return prefix, _integer(params, "limit", 20, 1, MAX_FACET_VALUES)
