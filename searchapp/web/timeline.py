"""A search's matches over time: the `interval` parameter, the `histogram` JSON and the page's bar chart.

The chart is server-rendered SVG whose bars are links, so it needs no script and
a keyboard reaches every bar; each bar opens the search narrowed to its period
(from/to), the same bounds the form's From and To fields set. Under it, a span of
periods is chosen with two lists and a button: a plain GET form, no script either.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from flask import url_for

from searchapp.engine import BadRequest
from searchapp.engine.histogram import INTERVALS, Histogram
from searchapp.web.search_urls import with_query

CHART_WIDTH = 640
CHART_HEIGHT = 80


def read_interval(args) -> str | None:
    """The interval parameter: year, month, or None (chosen by the span of the matches)."""
    value = (args.get("interval") or "").strip()
    if not value:
        return None
    if value not in INTERVALS:
        raise BadRequest("bad_interval", f"interval must be one of {', '.join(INTERVALS)}, not {value[:40]!r}")
    return value


def histogram_json(histogram: Histogram, interval: str | None) -> dict:
    """The keys a search answer gets: histogram (every period, empty ones too), its interval, the undated count."""
    return {
        "histogram": [{"period": p.period, "count": p.count} for p in histogram.periods(interval)],
        "histogram_interval": interval or histogram.default_interval(),
        "undated": histogram.undated,
    }


@dataclass(frozen=True)
class Bar:
    label: str  # "2023: 12 articles", the link's accessible name
    period: str
    first: str  # the period's first and last days, ISO
    last: str
    url: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    undated: int
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    span_action: str = ""  # where the span form goes: the bars' own search ...
    span_kept: tuple[tuple[str, str], ...] = ()  # ... with its parameters but from and to


def chart(histogram: Histogram, interval: str | None, url_for_period) -> Chart:
    """The chart of a histogram; url_for_period(first, last) links a bar to its period's articles.

    The span form asks for what a bar's link asks for, with its own from and to, so it
    needs no URL of its own from the page.
    """
    bars = chart_bars(histogram, interval, url_for_period)
    if not bars:
        return Chart(bars, histogram.undated)
    link = urlsplit(bars[0].url)
    kept = tuple((k, v) for k, v in parse_qsl(link.query, keep_blank_values=True) if k not in ("from", "to"))
    return Chart(bars, histogram.undated, span_action=link.path, span_kept=kept)


def chart_bars(histogram: Histogram, interval: str | None, url_for_period) -> list[Bar]:
    """The bars, scaled to the fullest period. Empty periods get a bar too (a sliver), so
    every period on the axis can be chosen."""
    periods = histogram.periods(interval)
    if not periods:
        return []
    tallest = max(p.count for p in periods) or 1
    step = CHART_WIDTH / len(periods)
    gap = min(2.0, step / 4)
    bars = []
    for i, p in enumerate(periods):
        height = max(1.0, (CHART_HEIGHT - 4) * p.count / tallest)
        noun = "article" if p.count == 1 else "articles"
        first, last = p.first.isoformat(), p.last.isoformat()
        bars.append(Bar(
            f"{p.period}: {p.count:,} {noun}", p.period, first, last, url_for_period(first, last),
            round(i * step + gap / 2, 2), round(CHART_HEIGHT - height, 2), round(step - gap, 2), round(height, 2),
        ))
    return bars


def period_url(urls, first: str, last: str) -> str:
    """The current search (a SearchUrls) narrowed to first..last, back to page 1."""
    pairs = [p for p in urls.pairs if p[0] not in ("from", "to", "page")]
    return with_query(url_for("web.search_page"), pairs + [("from", first), ("to", last)])
