"""Who met whom: the meetings articles report, read once per opened index into a table.

An article's meetings live in its stored record, and reading stored records is the
dear part (a decompression and an unpickling apiece): asking for meetings by reading
every article that has one would cost as much as the archive's meetings on every
request. So the first request (or the warm-up) reads the articles the `meeting`
field names, once, into rows newest first, with lists by participant and country;
each request then intersects those lists and filters dates over what is left.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from whoosh import query

from searchapp.engine.results import to_date
from searchapp.index.record import StoredMeeting, StoredRecord


@dataclass(frozen=True)
class MeetingsRequest:
    officials: tuple[str, ...] = ()  # every one must take part
    country: str | None = None  # a participant's country, or a country of the article
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class FoundMeeting:
    meeting: StoredMeeting
    article_id: str
    article_title: str
    article_date: datetime.date | None


@dataclass(frozen=True)
class MeetingsResult:
    request: MeetingsRequest
    total: int
    meetings: list[FoundMeeting]  # this page's, newest first


@dataclass(frozen=True)
class MeetingTable:
    """Every meeting of one opened index, newest first (undated last), and where each official and country is."""

    rows: list[FoundMeeting]
    by_official: dict[str, list[int]]  # participant -> row numbers, ascending
    by_country: dict[str, list[int]]  # a participant's country or the article's -> row numbers, ascending

    @classmethod
    def read(cls, searcher) -> MeetingTable:
        rows, countries_of = [], []
        for docnum in searcher.search(query.Every("meeting"), limit=None).docs():
            fields = searcher.stored_fields(docnum)
            record = StoredRecord.from_fields(fields)
            for m in record.meetings:
                rows.append(FoundMeeting(m, fields["id"], fields.get("title", ""), to_date(fields.get("date"))))
                countries_of.append(set(m.countries) | set(record.countries))
        order = sorted(range(len(rows)), key=lambda i: _newest_first(rows[i]), reverse=True)
        rows = [rows[i] for i in order]
        by_official: dict[str, list[int]] = {}
        by_country: dict[str, list[int]] = {}
        for number, i in enumerate(order):
            for name in set(rows[number].meeting.participants):
                by_official.setdefault(name, []).append(number)
            for country in countries_of[i]:
                by_country.setdefault(country, []).append(number)
        return cls(rows, by_official, by_country)

    def numbers(self, officials: list[str], country: str | None) -> list[int]:
        """Row numbers, in order, of the meetings with every one of officials, and country when given."""
        lists = [self.by_official.get(name, []) for name in officials]
        if country:
            lists.append(self.by_country.get(country, []))
        if not lists:
            return list(range(len(self.rows)))
        lists.sort(key=len)
        kept = set(lists[0])
        for other in lists[1:]:
            kept.intersection_update(other)
        return sorted(kept)


def meeting_table(opened) -> MeetingTable:
    return opened.memo("meetings", lambda: MeetingTable.read(opened.searcher))


def find_meetings(opened, ask: MeetingsRequest) -> MeetingsResult:
    """The meetings that match ask, newest first (undated last), one page of them."""
    wanted = [opened.stored_value("official", name) for name in ask.officials]
    country = opened.stored_value("country", ask.country) if ask.country else None
    table = meeting_table(opened)
    found = [table.rows[n] for n in table.numbers(wanted, country)]
    if ask.date_from or ask.date_to:
        found = [f for f in found if _within(f.meeting.date, ask.date_from, ask.date_to)]
    start = (ask.page - 1) * ask.per_page
    return MeetingsResult(ask, len(found), found[start : start + ask.per_page])


def _newest_first(f: FoundMeeting) -> tuple:
    """The sort key, reversed: dated before undated, then by date, then by article id."""
    return (f.meeting.date is not None, f.meeting.date or "", f.article_id)


def _within(date: str | None, first: datetime.date | None, last: datetime.date | None) -> bool:
    """A meeting's date ("2023", "2023-04" or a day) overlaps first..last; an undated one never does."""
    if not date:
        return False
    parts = [int(p) for p in date.split("-")]
    year, month, day = (parts + [None, None])[:3]
    begins = datetime.date(year, month or 1, day or 1)
    if day:
        ends = begins
    elif month:
        ends = datetime.date(year, month, calendar.monthrange(year, month)[1])
    else:
        ends = datetime.date(year, 12, 31)
    return (first is None or ends >= first) and (last is None or begins <= last)
