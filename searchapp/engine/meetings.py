"""Who met whom: the meetings articles report, found through the index's `meeting` field.

The `meeting` field holds each article's participants, so asking for officials is a
Whoosh term query; each matching article's stored meetings are then read and kept
when they include every official asked for, the country and the dates.
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


def find_meetings(opened, ask: MeetingsRequest) -> MeetingsResult:
    """The meetings that match ask, newest first (undated last), one page of them."""
    wanted = [opened.stored_value("official", name) for name in ask.officials]
    country = opened.stored_value("country", ask.country) if ask.country else None
    q = query.And([query.Term("meeting", name) for name in wanted]) if wanted else query.Every("meeting")
    searcher = opened.searcher
    found = []
    for docnum in searcher.search(q, limit=None).docs():
        fields = searcher.stored_fields(docnum)
        record = StoredRecord.from_fields(fields)
        for m in record.meetings:
            if not set(wanted) <= set(m.participants):
                continue
            if country and country not in m.countries and country not in record.countries:
                continue
            if (ask.date_from or ask.date_to) and not _within(m.date, ask.date_from, ask.date_to):
                continue
            found.append(FoundMeeting(m, fields["id"], fields.get("title", ""), to_date(fields.get("date"))))
    found.sort(key=lambda f: (f.meeting.date is not None, f.meeting.date or "", f.article_id), reverse=True)
    start = (ask.page - 1) * ask.per_page
    return MeetingsResult(ask, len(found), found[start : start + ask.per_page])


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
