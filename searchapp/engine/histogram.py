"""A search's matches over time: counts by month from the date table, rolled up to years on demand.

The engine keeps the finest grain (months) so one cached result answers any
interval; the date table is the same per-segment array sorting by date uses,
on the fast path and on Whoosh's public one alike.
"""

from __future__ import annotations

import calendar
import datetime
import functools
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

INTERVALS = ("year", "month")
MONTHS_FOR_MONTHLY = 36  # matches spanning at most three years are counted by month, longer spans by year
_USECS_A_DAY = 86_400_000_000
_ORDINAL_OF_1970 = datetime.date(1970, 1, 1).toordinal()


class Period(NamedTuple):
    """A tuple, not a frozen dataclass: every answer makes one a month of its span, and a dataclass
    made each field through object.__setattr__ (with its dates, 6 microseconds a period)."""

    period: str  # "2023" or "2023-04"
    count: int
    first: datetime.date  # the period's first and last day: a bar's from/to
    last: datetime.date


@dataclass(frozen=True)
class Histogram:
    """Matches by month: months[i] counts the month first_month + i (months since year 0); undated apart."""

    first_month: int
    months: tuple[int, ...]
    undated: int

    @classmethod
    def of(cls, date_keys: np.ndarray) -> "Histogram":
        """From the date keys of the matches (Whoosh's microseconds since 1 January of year 1; 0: undated)."""
        dated = date_keys[date_keys != 0]
        undated = int(len(date_keys) - len(dated))
        if not len(dated):
            return cls(0, (), undated)
        days = (dated // _USECS_A_DAY + 1 - _ORDINAL_OF_1970).astype("datetime64[D]")
        # Months since year 0: numpy counts months from 1970-01.
        months = days.astype("datetime64[M]").astype(np.int64) + 1970 * 12
        first = int(months.min())
        counts = np.bincount(months - first)
        return cls(first, tuple(int(c) for c in counts), undated)

    def default_interval(self) -> str:
        return "month" if len(self.months) <= MONTHS_FOR_MONTHLY else "year"

    def periods(self, interval: str | None = None) -> list[Period]:
        """Every period from the first match's to the last's (empty ones too, so a chart keeps its scale)."""
        interval = interval or self.default_interval()
        if interval not in INTERVALS:
            raise ValueError(f"interval must be one of {INTERVALS}, not {interval!r}")
        if not self.months:
            return []
        if interval == "month":
            return [_month(self.first_month + i, n) for i, n in enumerate(self.months)]
        by_year: dict[int, int] = {}
        for i, n in enumerate(self.months):
            year = (self.first_month + i) // 12
            by_year[year] = by_year.get(year, 0) + n
        return [_year(year, n) for year, n in by_year.items()]


def _month(months: int, count: int) -> Period:
    label, first, last = _month_span(months)
    return Period(label, count, first, last)


def _year(year: int, count: int) -> Period:
    label, first, last = _year_span(year)
    return Period(label, count, first, last)


# A month's or year's label and days, made once: answers keep asking for the same few periods.
@functools.lru_cache(maxsize=4096)
def _month_span(months: int) -> tuple[str, datetime.date, datetime.date]:
    year, month = divmod(months, 12)
    first = datetime.date(year, month + 1, 1)
    return f"{year:04d}-{month + 1:02d}", first, first.replace(day=calendar.monthrange(year, month + 1)[1])


@functools.lru_cache(maxsize=1024)
def _year_span(year: int) -> tuple[str, datetime.date, datetime.date]:
    return f"{year:04d}", datetime.date(year, 1, 1), datetime.date(year, 12, 31)
