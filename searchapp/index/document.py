"""One article and its facets as one Whoosh document: the fields of schema.py, filled."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Sequence

from searchapp.index.filestate import whole_filestate
from searchapp.index.record import StoredMeeting, StoredRecord
from searchapp.index.schema import EXTRACTED, UNDATED

if TYPE_CHECKING:
    from searchapp.facets import Facets
    from searchapp.reading import Article


def to_document(
    article: Article, facets: Facets, size: int, mtime: int, digest: str, meetings: Sequence[StoredMeeting] = (),
    country_pairs: Sequence[str] = (),
) -> dict:
    """One Whoosh document for one article, read from a file of this size, time and hash, with its meetings
    and country pairs."""
    values = {name: facets.values(attr) for name, attr in EXTRACTED.items()}
    record = StoredRecord(
        source=article.source,
        url=article.url,
        byline=article.byline,
        countries=values["country"],
        officials=values["official"],
        topics=values["topic"],
        evidence={
            name: {fv.value: [(s.start, s.end) for s in fv.evidence] for fv in getattr(facets, attr)}
            for name, attr in EXTRACTED.items()
        },
        official_titles=dict(facets.official_titles),
        meetings=list(meetings),
        country_pairs=list(country_pairs),
    )
    doc = dict(
        id=article.id,
        path=article.path,
        title=article.title,
        title_pairs=article.title,  # the same text: its word pairs (schema.WordPairs)
        body=article.body,
        body_pairs=article.body,
        dated=1 if article.date else 0,
        filestate=whole_filestate(article.path, (size, mtime, digest)),
        record=record.stored(),
    )
    if article.date:
        doc["date"] = datetime.datetime.combine(article.date, datetime.time())
        doc["year"] = str(article.date.year)
        if article.date_from:
            doc["date_from"] = article.date_from
    else:
        doc["year"] = UNDATED
    if article.source:
        doc["source"] = article.source.replace(",", " ")
    participants = sorted({name for m in meetings for name in m.participants})
    if country_pairs:
        doc["country_pair"] = ",".join(country_pairs)
    if participants:
        doc["meeting"] = ",".join(name.replace(",", " ") for name in participants)
    for name, vals in values.items():
        if vals:
            doc[name] = ",".join(v.replace(",", " ") for v in vals)
    return doc
