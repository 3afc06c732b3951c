"""PDF and Word documents: their text, and title and date from the document's metadata.

The text is read first, like any page; the metadata only fills what the text does not give,
because a document's /Title and creation date are often a template's or a draft's
("Microsoft Word - draft3.docx", the day the file was saved).
"""

from __future__ import annotations

import datetime
import io
import re
from collections import Counter
from dataclasses import dataclass

import docx
from docx.document import Document as WordDocument
from docx.table import Table
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, PyPdfError

from searchapp.reading.assemble import add_article, given_fields
from searchapp.reading.model import ReadResult, Skip, title_is_first_sentence
from searchapp.reading.page import read_page
from searchapp.reading.page_tags import title_date_part
from searchapp.reading.page_titles import split_page_title
from searchapp.reading.printed_pages import PrintedPage, printed_page, without_browser_lines
from searchapp.reading.rules import ReadingRules

MAX_PDF_PAGES = 2000  # a scanned book or a report's annex: read this many pages, say the rest were left out


RUNNING_LINE_SHARE = 0.5  # a line at the top or foot of at least this share of pages is a running head or foot


RUNNING_LINE_DEPTH = 3  # ...when it is among a page's first or last lines


COLUMN_WIDTH_PERCENTILE = 0.9  # the text column's width: this percentile of the lines' lengths


FULL_LINE_SHARE = 0.85  # a line was wrapped when it and the next line's first word fill this much of the column


SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)]*$")


# "Untitled", "Document1", "Microsoft Word - draft3.docx", "article.pdf": a file's name, not a headline
PLACEHOLDER_TITLE = re.compile(
    r"(?i)^(?:untitled\b.*|document\s*\d*|word document|microsoft (?:word|powerpoint)\b.*"
    r"|.*\.(?:docx?|pdf|rtf|odt|txt|html?|indd|qxp|pages))$"
)


NO_TEXT_LAYER = "PDF has no text layer (scanned?); not read"


METADATA_ERRORS = (PyPdfError, ValueError, TypeError, KeyError, AttributeError)


@dataclass(frozen=True)
class _Metadata:
    """What the document's own properties say, and how to name where a date came from."""

    title: str | None
    created: datetime.datetime | None
    date_from: str
    creator: str = ""  # the PDF's /Creator and /Producer: which program wrote it ("HeadlessChrome", "Skia/PDF")


def read_pdf(data: bytes, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    try:
        reader = PdfReader(io.BytesIO(data))
        locked = _unlock(reader)
        if locked:
            result.skipped.append(Skip(rel, locked))
            return
        pages = _pdf_page_lines(reader, rel, result.warnings)
        metadata = _pdf_metadata(reader)
    except Exception as exc:  # pypdf raises many kinds of error on a damaged file; a reader must not
        result.skipped.append(Skip(rel, f"PDF is damaged or incomplete ({_problem(exc)}); not read"))
        return
    if not pages:
        result.skipped.append(Skip(rel, "PDF has no pages (damaged?); not read"))
        return
    printed = printed_page(pages, metadata.title, metadata.creator)
    if printed is not None:
        pages = without_browser_lines(pages, printed)
    text = join_wrapped_lines([line for page in _without_running_lines(pages) for line in page])
    if not text.strip():
        result.skipped.append(Skip(rel, NO_TEXT_LAYER))
        return
    if printed is not None:
        _add_printed_page(text, printed, rel, boilerplate, rules, result)
    else:
        _add_document(text, metadata, rel, boilerplate, rules, result)


def read_docx(data: bytes, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    try:
        document = docx.Document(io.BytesIO(data))
        text = "\n\n".join(_docx_paragraphs(document))
    except Exception as exc:  # a zip that is no Word document, a broken part: python-docx raises many kinds
        result.skipped.append(Skip(rel, f"not a readable Word document ({_problem(exc)}); not read"))
        return
    if not text.strip():
        result.skipped.append(Skip(rel, "Word document has no text"))
        return
    _add_document(text, _docx_metadata(document), rel, boilerplate, rules, result)


def _add_document(
    text: str, metadata: _Metadata, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult
) -> None:
    """The text read as a page (a printed article may open with its masthead); metadata fills the gaps."""
    page = read_page(text, boilerplate, rules, {}, masthead=True)
    raw: dict[str, str] = {}
    title = " ".join((metadata.title or "").split())
    no_headline = page is not None and title_is_first_sentence(page.title, page.body)
    if no_headline and title and not PLACEHOLDER_TITLE.match(title):
        raw["title"] = title
    if page is not None and page.date is None and metadata.created is not None:
        raw["date"] = metadata.created.date().isoformat()  # the date on the writer's clock, as stored
    given, date = given_fields(raw, rel, result.warnings)
    if date:
        given["date_from"] = metadata.date_from
    add_article(result, rel, rel, page, given, date, rules)


def _add_printed_page(
    text: str, printed: PrintedPage, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult
) -> None:
    """A web page printed to PDF reads as the page it was: its title less the site's name, the site, a date the
    title gives, and its address (the source's domain, a date in the path). Its creation date is the day it was
    printed, never its date."""
    raw: dict[str, str] = {}
    title = printed.title or ""
    if PLACEHOLDER_TITLE.match(title):
        title = ""  # "article.html": a local file's name, not the page's title
    if in_title := title_date_part(title):
        raw["date"] = in_title
        title = " ".join(title.split()).replace(in_title, "").rstrip(" |-–—:»")  # "Headline | DW | 21.05.2020"
    headline, site = split_page_title(title, None, printed.url, rules) if title else ("", None)
    raw.update((key, value) for key, value in (("title", headline), ("url", printed.url), ("source", site)) if value)
    given, date = given_fields(raw, rel, result.warnings)
    if date:
        given["date_from"] = "the page's title"
    page = read_page(text, boilerplate, rules, given, masthead=False)
    add_article(result, rel, rel, page, given, date, rules)


def _problem(exc: Exception) -> str:
    """An exception's message, or its name when it has none."""
    return str(exc).strip() or type(exc).__name__


def _unlock(reader: PdfReader) -> str | None:
    """Why an encrypted PDF cannot be read; None when it is not encrypted or opens without a password."""
    if not reader.is_encrypted:
        return None
    try:
        if reader.decrypt("") != PasswordType.NOT_DECRYPTED:
            return None  # only an owner password (no printing, no copying): the text is readable
    except DependencyError:
        return "PDF is encrypted with AES, which needs the 'cryptography' package to open; not read"
    return "PDF is password-protected; not read"


def _pdf_page_lines(reader: PdfReader, rel: str, warnings: list[str]) -> list[list[str]]:
    """Each page's text lines, up to MAX_PDF_PAGES pages; a page whose text cannot be extracted is left out."""
    count = len(reader.pages)
    if count > MAX_PDF_PAGES:
        warnings.append(f"{rel}: PDF has {count} pages; only the first {MAX_PDF_PAGES} were read")
    pages = []
    for number in range(min(count, MAX_PDF_PAGES)):
        try:
            text = reader.pages[number].extract_text() or ""
        except Exception as exc:  # one damaged page content stream; the other pages are still worth reading
            warnings.append(f"{rel}: page {number + 1} has unreadable text ({type(exc).__name__}); left out")
            text = ""
        pages.append([" ".join(line.split()) for line in text.splitlines() if line.strip()])
    return pages


def _pdf_metadata(reader: PdfReader) -> _Metadata:
    """/Title and /CreationDate; none when the information dictionary is missing or broken (the text still counts)."""
    try:
        info = reader.metadata
        title = info.title if info is not None and isinstance(info.title, str) else None
    except METADATA_ERRORS:
        return _Metadata(None, None, "PDF metadata")
    try:
        created = info.creation_date if info is not None else None
    except METADATA_ERRORS:  # a /CreationDate not in the D:YYYYMMDD... form
        created = None
    try:
        creator = " ".join(value for value in (info.creator, info.producer) if isinstance(value, str)) if info else ""
    except METADATA_ERRORS:
        creator = ""
    return _Metadata(title, created, "PDF metadata", creator)


def _docx_metadata(document: WordDocument) -> _Metadata:
    """The core properties' title and created date; none when docProps/core.xml is broken (the text still counts)."""
    try:
        properties = document.core_properties
        return _Metadata(properties.title, properties.created, "document properties")
    except METADATA_ERRORS:
        return _Metadata(None, None, "document properties")


def _without_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Pages without their running heads and feet ("Page 3 of 9", the site's address printed on every page)."""
    if len(pages) < 2:
        return pages
    counts = Counter(key for lines in pages for key in {_running_key(line) for line in _edge_lines(lines)})
    least = max(2, RUNNING_LINE_SHARE * len(pages))
    running = {key for key, count in counts.items() if count >= least}
    return [
        [line for i, line in enumerate(lines) if not (_at_edge(i, len(lines)) and _running_key(line) in running)]
        for lines in pages
    ]


def _edge_lines(lines: list[str]) -> list[str]:
    return [line for i, line in enumerate(lines) if _at_edge(i, len(lines))]


def _at_edge(position: int, count: int) -> bool:
    return position < RUNNING_LINE_DEPTH or position >= count - RUNNING_LINE_DEPTH


def _running_key(line: str) -> str:
    """A line with its numbers blanked, so "Page 2 of 9" and "Page 3 of 9" are the same running foot."""
    return re.sub(r"\d+", "#", line.casefold())


def join_wrapped_lines(lines: list[str]) -> str:
    """Paragraphs from a document's visual lines (PDF text has no paragraph marks, only line ends)."""
    lengths = sorted(len(line) for line in lines)
    if not lengths:
        return ""
    column = lengths[min(len(lengths) - 1, int(len(lengths) * COLUMN_WIDTH_PERCENTILE))]
    paragraphs: list[str] = []
    current: list[str] = []
    for line, next_line in zip(lines, [*lines[1:], ""]):
        current.append(line)
        if not next_line or _ends_paragraph(line, next_line, column):
            paragraphs.append(" ".join(current))
            current = []
    return "\n\n".join(paragraphs)


def _ends_paragraph(line: str, next_line: str, column: int) -> bool:
    """A line ends its paragraph when the next line's first word would have fit on it (a headline, a date
    line, a paragraph's short last line), or when it ends a sentence and the next line starts one."""
    if len(line) + 1 + len(next_line.split()[0]) < FULL_LINE_SHARE * column:
        return True
    return SENTENCE_END.search(line) is not None and not next_line[0].islower()


def _docx_paragraphs(document: WordDocument) -> list[str]:
    """The body's paragraphs in order, a table's cells included (a merged cell once)."""
    texts: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    if cell.text.strip() and (not texts or texts[-1] != cell.text):
                        texts.append(cell.text)
        elif block.text.strip():
            texts.append(block.text)
    return texts
