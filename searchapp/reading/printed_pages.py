"""A web page a browser printed to PDF ("Save as PDF"): how journalists keep a page the site may take down.

The browser writes what it knows of the page on every sheet: the page's title and the time of printing at the
top, its address and a page counter at the foot, and the page's title in the PDF's /Title. The title and the
address are the page's; the time and the PDF's creation date are the day it was printed, never the day it
was published. What is left between them is the page as printed, its menus included.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# "Mozilla/5.0 (...) HeadlessChrome/150.0", "Mozilla Firefox 120.0", "Safari", "wkhtmltopdf 0.12.6": a browser or a
# browser engine made the file; "Skia/PDF" alone is Chrome's PDF library, which Google Docs uses too, so it says nothing
BROWSER_CREATOR = re.compile(r"(?i)\bmozilla\b|\bchrom(?:e|ium)\b|\bfirefox\b|\bsafari\b|\bwkhtmltopdf\b|\bedg(?:e|a)?/")

ADDRESS = re.compile(r"\b(?:https?|file)://\S+")

# "1/7", "Page 1 of 7", "1 of 7": the counter a browser prints beside the address
PAGE_COUNTER = re.compile(r"(?i)(?<![\w/.])(?:page\s+)?\d{1,4}\s*(?:/|\bof\b)\s*\d{1,4}(?![\w/.])")

# "12/4/26, 6:33 PM", "04.12.26, 18:33", "2026-12-04 18:33": the time of printing, in numbers, with its clock time
PRINT_TIME = re.compile(
    r"(?<![\w/.])\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?![\w])"
)

EDGE_LINES = 3  # a browser's head and foot are among a sheet's first or last lines


@dataclass(frozen=True)
class PrintedPage:
    """What the browser wrote of the page: its title and its address as printed (a local file's too, to know its
    lines)."""

    title: str | None
    address: str | None

    @property
    def url(self) -> str | None:
        """The page's address on the web; a local file's is none."""
        return self.address if self.address and not self.address.startswith("file:") else None


def printed_page(pages: list[list[str]], title: str | None, creator: str) -> PrintedPage | None:
    """The printed page's title and address, when a browser printed these sheets: its address beside a page
    counter at the edge of every sheet, or a browser named as the file's creator (then its address may stand
    alone or beside the title, as Firefox prints it); None for any other PDF."""
    browser = BROWSER_CREATOR.search(creator) is not None
    title = _plain(title or "") or _title_beside_print_time(pages) or ""
    # Another program's PDF must show the address beside a counter, and its /Title is no page's title
    address = _running_address(pages, title, least_marks=2) if browser else _running_address(pages, "", least_marks=3)
    if address is None and not browser:
        return None
    return PrintedPage(title or None, address)


def without_browser_lines(pages: list[list[str]], printed: PrintedPage) -> list[list[str]]:
    """The sheets without what the browser wrote on them: its lines of the print time, the page's title, the
    address and the counter; a one-sheet print has them too, where no line recurs to give them away."""
    title = _plain(printed.title or "")
    return [
        [line for i, line in enumerate(lines) if not (_at_edge(i, len(lines)) and _is_browser_line(line, title, printed.address))]
        for lines in pages
    ]


def _is_browser_line(line: str, title: str, address: str | None, least_marks: int = 2) -> bool:
    """A line of the browser's marks only, two of them at least (a date line of the article's own, alone at the
    top of the first sheet, stays): "12/4/26, 6:33 PM Headline - Site", "https://... 1/7", "Headline https://...",
    "1 of 3 12/4/2026, 6:33:51 PM"."""
    plain = _plain(line)
    marks, rest = 0, plain
    if address and address in rest:
        marks, rest = marks + 2, rest.replace(address, " ")  # the page's address says it all by itself
    for mark in (PRINT_TIME, PAGE_COUNTER):
        if (found := mark.search(rest)) is not None:
            marks, rest = marks + 1, rest[:found.start()] + " " + rest[found.end():]
    rest = " ".join(rest.split())
    if title and rest and (rest == title or (len(rest) > 10 and title.startswith(rest.rstrip("…. ")))):
        marks, rest = marks + 1, ""  # the page's title, perhaps cut short with an ellipsis
    return marks >= least_marks and not rest


def _running_address(pages: list[list[str]], title: str, *, least_marks: int) -> str | None:
    """The address printed among the browser's marks at the edge of at least half the sheets (the address counts
    two marks: least_marks 3 asks for a counter, a time or the title beside it)."""
    counts: dict[str, int] = {}
    for lines in pages:
        seen = set()
        for i, line in enumerate(lines):
            plain = _plain(line)
            if _at_edge(i, len(lines)) and (match := ADDRESS.search(plain)) and _is_browser_line(plain, title, match[0], least_marks):
                seen.add(match[0])
        for address in seen:
            counts[address] = counts.get(address, 0) + 1
    best = max(counts, key=counts.get, default=None)
    return best if best is not None and counts[best] * 2 >= len(pages) else None


def _title_beside_print_time(pages: list[list[str]]) -> str | None:
    """The page's title as the head of the first sheet prints it after the time, when the PDF has no /Title."""
    for i, line in enumerate(pages[0] if pages else []):
        plain = _plain(line)
        if _at_edge(i, len(pages[0])) and (match := PRINT_TIME.match(plain)) and plain[match.end():].strip():
            return plain[match.end():].strip()
    return None


def _at_edge(position: int, count: int) -> bool:
    return position < EDGE_LINES or position >= count - EDGE_LINES


def _plain(text: str) -> str:
    """NFKC and single spaces: a PDF font's "ﬁ" ligature is "fi" as the page's title writes it."""
    return " ".join(unicodedata.normalize("NFKC", text).split())
