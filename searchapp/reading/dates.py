"""Publication dates: parsing, and the date lines near the top of a page."""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from dateutil import parser as date_parser

from searchapp.reading.lines import as_byline, letter_words
from searchapp.reading.rules import ReadingRules

EARLIEST_DATE = datetime.date(1900, 1, 1)


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)


DATE_PATTERN = (  # "Nov.16,2023": a month's dot and a comma may stand without a space (Korean outlets' pages), "SEPT. 10 ,2016"
    rf"(?:{_MONTH}(?:\s+|(?<=\.))\d{{1,2}}(?:st|nd|rd|th)?(?:\s*,\s*|\s+)\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{1,2}}[-/ ]{_MONTH}[-/ ]\d{{4}}"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}"
    r"|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.\d{1,2}\.\d{4}"
    r"|\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일])"  # "2021年10月15日", "2021년 10월 15일"
)
LEADING_DATE = re.compile(rf"\s*(?i:{DATE_PATTERN})(?![\w/.-])")
CJK_DATE = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
# "16.11.2023", "03.04.2023 14:05": written day first wherever dots separate it (Europe, Russia, Turkey)
DOTTED_DAY_FIRST = re.compile(r"\s*\d{1,2}\.\d{1,2}\.\d{4}\b")


# "Thu, November 17, 2011", "17 November 2011 10:02 WIB": a line that is a date and nothing else
ONLY_A_DATE = re.compile(
    rf"(?i)^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:{DATE_PATTERN})"
    r"(?:[,\s|-]+\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?(?:\s*\(?[a-z]{2,5}\)?)?\s*$"
)


DATE_OR_TIME = re.compile(rf"(?i:{DATE_PATTERN})|\b\d{{1,2}}:\d{{2}}\b")


# Published and updated labels as German, French, Spanish, Portuguese and Italian pages write them ("Stand:
# 30.06.2025 19:54 Uhr"); those languages write the day before the month: "Atualizado em 07/05/2023" is 7 May
DAY_FIRST_PUBLISHED = ("veröffentlicht", "veröffentlicht am", "publié le", "publié", "publicado", "publicado el",
                       "publicado em", "pubblicato", "pubblicato il")
DAY_FIRST_UPDATED = ("stand", "aktualisiert", "aktualisiert am", "mis à jour le", "mis à jour", "actualizado",
                     "atualizado", "atualizado em", "aggiornato", "aggiornato il")
DAY_FIRST_LABELS = frozenset(DAY_FIRST_PUBLISHED + DAY_FIRST_UPDATED)
DATE_LABELS = {  # label before a date -> rank (lower wins); "Written: 2023-11-16 10:12:59" on broadcasters' pages
    "published": 0, "posted": 0, "first published": 0, "date": 0, "dated": 0, "created": 0, "on": 0, "written": 0,
    "publish date": 0, "published date": 0, "publication date": 0, "date published": 0,  # newspaper3k's exports
    "post by": 0, "posted by": 0,  # "Post By : 8th May 2024": a theme's byline slot holding the date
    "updated": 2, "last updated": 2, "modified": 2, "last modified": 2,
    **dict.fromkeys(DAY_FIRST_PUBLISHED, 0), **dict.fromkeys(DAY_FIRST_UPDATED, 2),
}


DATELINE = "the dateline"  # where a wire dateline's date was found, as the article page says it
# "SEOUL, May 7, 2023 —", "LIMA, Peru, Nov. 15, 2024 (AP) --": a place in capitals, an optional region, the date;
# a press-release wire writes its credit between slashes: "DUBAI, UAE, March 13, 2024 /PRNewswire/ --"
WIRE_DATELINE = re.compile(
    rf"^[A-Z][A-Z .'’-]+[A-Z](?:,\s+[A-Z][\w .'’-]+?)?,\s+(?P<date>(?i:{DATE_PATTERN}))\s*"
    r"(?:(?:\([^()]{1,40}\)|/[^/\s][^/]{0,39}/)\s*)?(?:—|–|--|-|:)"
)
DATELINE_PLACE = re.compile(r"^[A-Z][A-Z .,'/-]*[A-Z]\s*(?:\(|--|—|–|-|:|,)")
# "Washington DC (UPI) Oct 8, 2025", "Strasbourg, France Oct 8, 2025": a wire network's dateline on a line of its
# own, the place, perhaps the credit, then the date and nothing else
PLACE_CREDIT_DATE = re.compile(
    rf"[A-Z][\w .,'’-]{{1,40}}?(?:\s\([A-Za-z][^()]{{1,30}}\))?\s+(?P<date>(?i:{DATE_PATTERN}))\s*"
)


# "Apr 24, 7:38 AM EDT", "Thu Sep 22, 7:55 AM ET", "Updated Sep 22": a wire page's date line without its year
_YEARLESS = (
    r"(?:(?P<weekday>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d,]*\s*,?\s*\d{{4}})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)?\s*$"  # "EDT", "ET", "UTC"
)
YEARLESS_LINE = re.compile(rf"(?i)^(?:(?:published|posted|updated|last updated)(?:\s+on)?\s*:?\s*)?{_YEARLESS}")
YEARLESS_AT_END = re.compile(rf"(?i)(?:^|\s){_YEARLESS}")  # the end of a byline: "By Jane Doe Thu Sep 22, 7:55 AM ET"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


# "web.archive.org/web/20050424121148/http://...": the day a web archive saved the page
ARCHIVE_CAPTURE = re.compile(r"archive\.org/web/((?:19|20)\d{6})\d{0,6}")
COPYRIGHT_YEAR = re.compile(r"(?i)(?:©|&copy;|\(c\)|copyright)\s*(?:(?:19|20)\d{2}\s*[-–]\s*)?((?:19|20)\d{2})\b")


@dataclass(frozen=True)
class YearClues:
    """What tells the year of a date printed without one ("Apr 24, 7:38 AM EDT")."""

    captured: datetime.date | None = None  # the page was saved that day (a web archive, a scraper): published before
    copyright_year: int | None = None  # the year the page's footer was printed: a weekday must agree with it


def year_clues(text: str, captured: str | None = None, copyright_year: str | None = None) -> YearClues:
    """The clues in a page's raw text: the web archive's capture stamp in its links (the most frequent one),
    else a scraper's own time stamp (captured), and the latest copyright year (else copyright_year)."""
    stamps = ARCHIVE_CAPTURE.findall(text)
    day = parse_date(max(set(stamps), key=stamps.count)) if stamps else None
    day = day or (parse_date(captured) if captured else None)
    years = [int(y) for y in COPYRIGHT_YEAR.findall(text)] or ([int(copyright_year)] if copyright_year else [])
    return YearClues(day, max(years) if years else None)


def with_year(month: str, day: str, weekday: str | None, clues: YearClues) -> datetime.date | None:
    """The date a yearless "Thu Sep 22" stands for: the last one on or before the page was saved (a year at most),
    or in the copyright year when a weekday agrees; else none (never a guessed year)."""
    month_number = parse_date(f"{month} 1 2000")
    wanted = WEEKDAYS.index(weekday[:3].casefold()) if weekday else None
    if month_number is None:
        return None
    if clues.captured:
        years = [clues.captured.year, clues.captured.year - 1]
    elif clues.copyright_year and wanted is not None:
        years = [clues.copyright_year]
    else:
        return None
    for year in years:
        try:
            found = datetime.date(year, month_number.month, int(day))
        except ValueError:
            continue
        if (clues.captured is None or found <= clues.captured) and wanted in (None, found.weekday()):
            return found
    return None


def yearless_date(line: str, clues: YearClues, *, in_byline: bool = False) -> datetime.date | None:
    """The date of a line that is only a date without its year, or of a byline that ends in one."""
    match = (YEARLESS_AT_END.search if in_byline else YEARLESS_LINE.match)(line)
    return with_year(match["month"], match["day"], match["weekday"], clues) if match else None


class _EuropeanNames(date_parser.parserinfo):
    """Month and weekday names of the languages of Europe's and Latin America's wire feeds besides English
    ("Seg, 24 Set 2018", "mardi 3 juin 2025", "3. Oktober 2023"): dateutil's own table, widened. Only
    names that stand for one thing: Spanish and French "mar" (martes, mardi) would take March's."""

    MONTHS = [
        (*english, *others)
        for english, others in zip(
            date_parser.parserinfo.MONTHS,
            [
                ("enero", "ene", "janeiro", "janvier", "janv", "januar", "jänner", "gennaio", "gen"),
                ("febrero", "fevereiro", "fev", "février", "févr", "fevr", "februar", "febbraio"),
                ("marzo", "março", "marco", "mars", "märz", "marz", "mär"),
                ("abril", "abr", "avril", "avr", "aprile"),
                ("mayo", "maio", "mai", "maggio", "mag"),
                ("junio", "junho", "juin", "juni", "giugno", "giu"),
                ("julio", "julho", "juillet", "juil", "juli", "luglio", "lug"),
                ("agosto", "ago", "août", "aout", "august"),
                ("septiembre", "setiembre", "setembro", "set", "septembre", "settembre"),
                ("octubre", "outubro", "out", "octobre", "oktober", "okt", "ottobre", "ott"),
                ("noviembre", "novembro", "novembre"),
                ("diciembre", "dic", "dezembro", "dez", "décembre", "déc", "dezember", "dicembre"),
            ],
        )
    ]
    WEEKDAYS = [
        (*english, *others)
        for english, others in zip(
            date_parser.parserinfo.WEEKDAYS,
            [
                ("lunes", "lun", "segunda", "segunda-feira", "seg", "lundi", "montag", "lunedì"),
                ("martes", "terça", "terça-feira", "ter", "mardi", "dienstag", "martedì"),
                ("miércoles", "mié", "quarta", "quarta-feira", "qua", "mercredi", "mittwoch", "mercoledì"),
                ("jueves", "jue", "quinta", "quinta-feira", "qui", "jeudi", "donnerstag", "giovedì"),
                ("viernes", "vie", "sexta", "sexta-feira", "sex", "vendredi", "freitag", "venerdì"),
                ("sábado", "sáb", "sab", "samedi", "samstag", "sabato"),
                ("domingo", "dom", "dimanche", "sonntag", "domenica"),
            ],
        )
    ]
    JUMP = [*date_parser.parserinfo.JUMP, "de", "del", "le", "du"]  # "24 de setembro de 2018"


_EUROPEAN_NAMES = _EuropeanNames()
FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


FILLER = datetime.datetime(2000, 1, 1)  # what dateutil fills a missing year, month or day with
OTHER_FILLER = datetime.datetime(2001, 2, 2)


def _filled_in(text: str, day: datetime.date, options: dict) -> bool:
    """Whether a part of day came from the filler, not from text: read again with another filler, it changes."""
    try:
        return date_parser.parse(text, **{**options, "default": OTHER_FILLER}).date() != day
    except (ValueError, OverflowError, TypeError):
        return True


def parse_date(text: str, day_first: bool = False) -> datetime.date | None:
    """A plausible date (1900 .. tomorrow) from text python-dateutil reads, else None; month and weekday
    names of other European languages are read when the English ones are not there. Year, month and day
    must all be in the text: a clock time alone or "March 2024" is no day. "07/05/2023" is read month first,
    as American pages write it, unless day_first (a page in a language that writes the day first says so)."""
    # The date as the page's own clock shows it; "JST" and friends need no tz database.
    text = CJK_DATE.sub(r"\1-\2-\3 ", text)  # year, month and day as Chinese, Japanese and Korean write them
    options = dict(default=FILLER, ignoretz=True, dayfirst=day_first or bool(DOTTED_DAY_FIRST.match(text)))
    try:
        moment = date_parser.parse(text, **options)
    except (ValueError, OverflowError, TypeError):
        if not FOUR_DIGIT_YEAR.search(text):
            return None  # short words ("out", "set", "dom") are month names there: a year must say it is a date
        if (leading := LEADING_DATE.match(text)) and leading.end() < len(text.rstrip()):
            # "September 15, 2021 -- 23:48 GMT (00:48 BST)": a whole date, then a clock dateutil cannot follow
            return parse_date(leading[0], day_first)
        try:
            options = {**options, "parserinfo": _EUROPEAN_NAMES, "dayfirst": True}
            moment = date_parser.parse(text, **options)
        except (ValueError, OverflowError, TypeError):
            return None
    day = moment.date()
    if (day.year == FILLER.year or day.month == FILLER.month or day.day == FILLER.day) and _filled_in(text, day, options):
        return None  # "9:43", "Sep 22", "March 2024": the text lacks a year, month or day, which dateutil made up
    tomorrow = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=1)
    return day if EARLIEST_DATE <= day <= tomorrow else None


def field_date(text: str) -> datetime.date | None:
    """A date field's date, also under a label of its own: a scraper files "Updated Sunday, October 01, 2023
    at 9:14 PM" as the post's date, and the day is the one it shows."""
    return parse_date(text) or parse_date(_FIELD_LABEL.sub("", text, count=1))


_FIELD_LABEL = re.compile(
    r"(?i)^\s*(?:" + "|".join(sorted(DATE_LABELS, key=len, reverse=True)) + r")(?:\s+on)?\s*:?\s+"
)


@dataclass(frozen=True)
class _DateSeen:
    rank: int  # 0 published or dateline, 1 bare date, 2 updated, 3 time stamp with seconds
    date: datetime.date
    rest: str | None  # the line without its date prefix; None when the line was only a date
    where: str = "a date line"  # what the article page says the date came from
    credit: str | None = None  # "Philippine Daily Inquirer / 05:07 AM December 24, 2024": who the line credits


class DateFound(NamedTuple):
    """A date seen near the top of a page."""

    rank: int
    line: int
    date: datetime.date
    where: str
    credit: str | None


@functools.cache
def _date_start(timezones: tuple[str, ...]) -> re.Pattern:
    """A date at the start of a line, with its label, time and zone: "Published: 10:54pm, 26 Apr, 2024"."""
    zones = "|".join(re.escape(tz) for tz in timezones)
    labels = "|".join(sorted(DATE_LABELS, key=len, reverse=True))
    zone = rf"(?:Z|[+-]\d{{2}}:?\d{{2}}|\(?(?:{zones})(?:[+-]\d{{1,2}}(?::?\d{{2}})?)?\)?)"
    date_start = re.compile(
        # "KYODO NEWS - ", "All News " or "Jane Roe,Washington|" before the date: up to four capitalised words;
        # "| August 15, 2003 | Page 7": the rest of a byline's line, set in a box of its own after the name
        rf"^(?:[|•·]\s*)?(?P<prefix>(?!(?i:{labels})\b)(?:[A-Z][\w.&'-]*(?:\s+|,\s*)){{0,3}}[A-Z][\w.&'-]*\s*(?:[-|–—•/]\s*|\s(?=\d)))?"
        rf"(?:(?i:(?P<label>{labels}))\b\s*(?i:on|at)?\s*[:\-–]?\s*)?"
        rf"(?:\d{{1,2}}[:.]\d{{2}}(?i:\s*[ap]\.?m\.?)?(?:\s*{zone})?,?\s+)?"  # "10:54pm, 26 Apr, 2024"
        r"(?i:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
        rf"(?P<date>(?i:{DATE_PATTERN}))"
        r"(?:(?:[,\s\-–|]*(?i:at\s+)?|T)"  # "April 3, 20214:31 AM": the time may be glued on
        r"(?P<time>\d{1,2}:\d{2}(?::(?P<sec>\d{2}))?(?:\.\d+)?(?i:\s*[ap]\.?m\.?)?))?"
        rf"(?:\s*{zone})?"
    )
    return date_start


CREDIT_AFTER_DATE_WORDS = 8  # "November 15, 2022 | JANE ROE, Harbour Times": a byline set off after the date


# A blog theme's post line: the date, then "by" its author, maybe the categories, or only the categories
# ("12 Mar 2008 Posted in Press releases"); no sentence
BYLINE_AFTER_DATE = re.compile(r"(?:(?i:by)\s+[A-Z]|(?i:posted|filed)\s+(?i:in|under)\s+\S)[^.!?]*$")
# "Xinhua Web Editor: Su Jie", "Source: Xinhua Editor: Wang Ying": the outlet and its editor after a date, no sentence
STAFF_AFTER_DATE = re.compile(
    r"(?:^|\s)(?:(?:web|chief|duty|news)\s+)?(?:editor|editors|writer|reporter|author|source)\s*:\s*\S[^.!?]*$", re.I
)


def date_at_start(line: str, rules: ReadingRules) -> _DateSeen | None:
    """A date a line starts with: a date line, or a date glued before a DATELINE."""
    match = _date_start(rules.timezones).match(line)
    if not match:
        return None
    label = (match["label"] or "").casefold()
    day = parse_date(match["date"], day_first=label in DAY_FIRST_LABELS)
    if day is None:
        return None
    rest = line[match.end():].strip()
    credit = match["prefix"].rstrip(" -|–—•/") if match["prefix"] else None
    credited_after = rest.startswith(("|", "•", "·")) and letter_words(rest) <= CREDIT_AFTER_DATE_WORDS
    if credited_after and credit is None:
        credit = rest.rsplit(",", 1)[-1].strip(" |•·")  # "| JANE ROE, Harbour Times": the writer's outlet, last
    staff = STAFF_AFTER_DATE.search(rest)
    if staff and credit is None and not credited_after:
        credit = rest[:staff.start()].strip(" |•·-") or None  # "2013-06-22 11:01 Xinhua Web Editor: Su Jie"
    bylined = BYLINE_AFTER_DATE.match(rest) is not None  # "Posted on June 23, 2016 by Jane Roe in News, World"
    if letter_words(rest) < 4 or credited_after or staff or bylined:
        if label:
            rank, where = DATE_LABELS[label], f"a “{label.capitalize()}” line"
        else:
            rank, where = (3, "a time stamp") if match["sec"] else (1, "a date line")
        return _DateSeen(rank, day, None, where, credit)
    if DATELINE_PLACE.match(rest) and not match["prefix"]:
        return _DateSeen(DATE_LABELS.get(label, 0), day, rest, "a date line")
    return None  # a sentence that happens to start with a date


def date_in_dateline(line: str) -> _DateSeen | None:
    """A wire dateline's date: "SEOUL, May 7, 2023 —", "LIMA, Peru, Nov. 15, 2024 (AP) --"; the line stays whole."""
    match = WIRE_DATELINE.match(line) or PLACE_CREDIT_DATE.fullmatch(line.strip())
    day = parse_date(match["date"]) if match else None
    return _DateSeen(0, day, line, DATELINE) if day else None


def _date_in_byline(line: str, rules: ReadingRules, clues: YearClues) -> _DateSeen | None:
    """"By Jane Doe | April 4, 2021": the byline stays a byline, its date counts as a bare date."""
    if not as_byline(line, rules):
        return None
    found = re.search(rf"(?i:{DATE_PATTERN})", line)
    day = parse_date(found.group()) if found else yearless_date(line, clues, in_byline=True)
    return _DateSeen(1, day, line, "the byline") if day else None


def _yearless_line(line: str, clues: YearClues) -> _DateSeen | None:
    day = yearless_date(line, clues) if letter_words(line) <= 6 else None
    return _DateSeen(1, day, None, "a date line without its year") if day else None


def dates_near_top(
    lines: list[str], top: int, rules: ReadingRules, clues: YearClues = YearClues(), start: int = 0
) -> tuple[list[DateFound], set[int]]:
    """The dates among the first top lines (from start), and the lines that are only a date.

    A date glued before a dateline is cut off its line in place; a date without its year counts
    where clues tell the year.
    """
    dates, date_lines = [], set()
    for i in range(start, top):
        line = lines[i]
        seen = (
            date_at_start(line, rules) or _date_in_byline(line, rules, clues) or date_in_dateline(line)
            or _yearless_line(line, clues)
        )
        if seen is None:
            continue
        dates.append(DateFound(seen.rank, i, seen.date, seen.where, seen.credit))
        if seen.rest is None:
            date_lines.add(i)
        else:
            lines[i] = seen.rest
    return dates, date_lines




FOOT_LINES = 4  # a page's "Published - September 29, 2024" line may close its article, this near its last paragraph


def published_at_foot(lines: list[str], last_long: int, rules: ReadingRules) -> DateFound | None:
    """A "Published"/"Posted" line just under the article's last paragraph (some papers print it there, not at
    the top). Only a labelled line of its own: a bare date at a page's foot may be another story's."""
    for i in range(last_long + 1, min(last_long + 1 + FOOT_LINES, len(lines))):
        match = _date_start(rules.timezones).match(lines[i])
        label = (match["label"] or "").casefold() if match else ""
        if label and DATE_LABELS[label] == 0 and label not in ("on", "date") and letter_words(lines[i][match.end():]) < 4:
            if day := parse_date(match["date"]):
                return DateFound(0, i, day, f"a “{label.capitalize()}” line under the article", None)
    return None


# "/2016/01/13/", "/2016-01-13/", "/20160113/": a date a CMS wrote into the article's address
URL_DATE = re.compile(r"/((?:19|20)\d{2})([/-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
# "/news/2026/2/7/": between slashes of their own, month and day may go unpadded (Al Jazeera, WordPress)
URL_SLASH_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/")


# "/world/live/2015/nov/24/": the Guardian writes the month's name
URL_MONTH_NAME_DATE = re.compile(r"/((?:19|20)\d{2})/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/(\d{1,2})/")
# "/2011/WORLD/africa/04/06/libya.war/": CNN long wrote the section between the year and the month
URL_SECTION_DATE = re.compile(r"/((?:19|20)\d{2})/(?:[A-Za-z][\w-]*/){1,2}(\d{1,2})/(\d{1,2})/")


def date_in_url(url: str) -> datetime.date | None:
    """The date in an article's URL path, when the path holds year, month and day."""
    try:
        path = urlsplit(url).path
    except ValueError:  # "http://[broken/...": an address urlsplit refuses gives no date
        return None
    match = URL_DATE.search(path)
    parts = (match[1], match[3], match[4]) if match else (match := URL_SLASH_DATE.search(path)) and match.groups()
    if not parts and (match := URL_SECTION_DATE.search(path)):
        parts = match.groups()
    if not parts and (match := URL_MONTH_NAME_DATE.search(path.lower())):
        return parse_date(f"{match[3]} {match[2]} {match[1]}")  # dateutil knows the month's name
    if not parts:
        return None
    try:
        day = datetime.date(*(int(part) for part in parts))
    except ValueError:
        return None
    return day if parse_date(day.isoformat()) else None
