"""StoredRecord: what a document stores beside its text fields, as plain data both ways.

The builder writes it (document.py) and the search side reads it back, so the stored
field's layout is written down in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Spans = list[tuple[int, int]]


@dataclass(frozen=True)
class StoredMeeting:
    """One meeting an article reports: its participants (with their countries, from the knowledge
    at indexing time), date, place and the sentence that says so, by its span in the article's text."""

    participants: tuple[str, ...]
    countries: tuple[str, ...]  # the participants' countries the knowledge knows, sorted, each once
    date: str | None  # "2023-04-03", "2023-04" or "2023": as precise as the article is
    place: str | None
    evidence: str
    start: int
    end: int

    def stored(self) -> dict:
        return {"participants": list(self.participants), "countries": list(self.countries), "date": self.date,
                "place": self.place, "evidence": self.evidence, "start": self.start, "end": self.end}

    @classmethod
    def from_stored(cls, value: dict) -> StoredMeeting:
        return cls(tuple(value["participants"]), tuple(value.get("countries", ())), value.get("date"),
                   value.get("place"), value.get("evidence", ""), value.get("start", 0), value.get("end", 0))


@dataclass(frozen=True)
class StoredRecord:
    """An article's source, addresses and facets: its values, and the evidence for each value."""

    source: str | None = None
    url: str | None = None  # the original address, when the archive gave one
    byline: str | None = None
    countries: list[str] = field(default_factory=list)
    officials: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    # facet ("country", "official", "topic") -> value -> [(start, end), ...] into the article's text
    evidence: dict[str, dict[str, Spans]] = field(default_factory=dict)
    # official -> the title the article gave them ("Deputy Foreign Minister"); empty in older indexes
    official_titles: dict[str, str] = field(default_factory=dict)
    # who met whom (facets/meetings.py), as StoredMeeting; empty in older indexes
    meetings: list[StoredMeeting] = field(default_factory=list)
    country_pairs: list[str] = field(default_factory=list)  # "China–Japan" (facets/pairs.py); empty in older indexes

    def stored(self) -> dict:
        """The `record` field's value: plain dicts and lists, pickled by Whoosh."""
        return {
            "source": self.source,
            "url": self.url,
            "byline": self.byline,
            "countries": list(self.countries),
            "officials": list(self.officials),
            "topics": list(self.topics),
            "evidence": {
                name: {value: [[start, end] for start, end in spans] for value, spans in values.items()}
                for name, values in self.evidence.items()
            },
            "official_titles": dict(self.official_titles),
            "meetings": [m.stored() for m in self.meetings],
            "country_pairs": list(self.country_pairs),
        }

    @classmethod
    def from_fields(cls, fields: dict) -> StoredRecord:
        """The record in a document's stored fields; an empty one when it has none."""
        record = fields.get("record") or {}
        return cls(
            source=record.get("source"),
            url=record.get("url"),
            byline=record.get("byline"),
            countries=list(record.get("countries", [])),
            officials=list(record.get("officials", [])),
            topics=list(record.get("topics", [])),
            evidence={
                name: {value: [tuple(span) for span in spans] for value, spans in values.items()}
                for name, values in record.get("evidence", {}).items()
            },
            official_titles=dict(record.get("official_titles") or {}),
            meetings=[StoredMeeting.from_stored(m) for m in record.get("meetings") or ()],
            country_pairs=list(record.get("country_pairs") or ()),
        )
