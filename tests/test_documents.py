"""The PDF and Word readers: documents laid out from real dev articles, and the files they must refuse."""

import datetime
import html
import io
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from searchapp.reading import Skip, documents, read_file

from dev_articles import dev_article  # noqa: E402 (tests/ is on the path)

STYLES = getSampleStyleSheet()


def pdf(blocks: list, footer: str | None = None) -> bytes:
    """A PDF laid out by reportlab from (style, text) blocks and PageBreak()s, a running foot on each page."""
    flowables = [block if isinstance(block, PageBreak) else Paragraph(html.escape(block[1], quote=False),
                                                                      STYLES[block[0]]) for block in blocks]

    def foot(page_canvas, document):
        if footer:
            page_canvas.drawString(40, 20, footer.format(page=document.page))

    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(flowables, onFirstPage=foot, onLaterPages=foot)
    return out.getvalue()


def rewritten(data: bytes, metadata: dict | None = None, **encrypt) -> bytes:
    """The PDF with new metadata, or encrypted (RC4: no extra package needed), by pypdf's writer."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    if metadata:
        writer.add_metadata(metadata)
    if encrypt:
        writer.encrypt(algorithm="RC4-128", **encrypt)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def word(paragraphs: list[str], heading: str | None = None, table: list[list[str]] | None = None,
         title: str = "", created: datetime.datetime | None = None) -> bytes:
    document = docx.Document()
    if heading:
        document.add_paragraph(heading, style="Title")
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    document.core_properties.title = title
    if created:
        document.core_properties.created = created
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def read(tmp_path: Path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    return read_file(tmp_path / name, tmp_path)


def read_one(tmp_path: Path, name: str, data: bytes):
    result = read(tmp_path, name, data)
    assert (result.skipped, result.warnings, len(result.articles)) == ([], [], 1)
    return result.articles[0]


# --- PDF ---------------------------------------------------------------------------


def test_multipage_pdf_named_bin_takes_title_and_date_from_its_text(tmp_path):
    title, day, paragraphs = dev_article("dev_002.md", count=14)
    blocks = [("Normal", "PHILIPPINE DAILY INQUIRER"), ("Title", title), ("Normal", day.strftime("%B %d, %Y"))]
    data = pdf(blocks + [("Normal", p) for p in paragraphs], footer="Page {page} | opinion.inquirer.net/179500")
    data = rewritten(data, {"/Title": "Inquirer editorial draft", "/CreationDate": "D:20250103090000+08'00'"})
    assert len(PdfReader(io.BytesIO(data)).pages) >= 2
    article = read_one(tmp_path, "editorial.bin", data)
    assert (article.id, article.title, article.date, article.source) == (
        "editorial.bin", title, day, "Philippine Daily Inquirer"
    )
    assert article.date_from != "PDF metadata"
    # wrapped lines are paragraphs again, across the page break; the running foot is gone
    assert article.body == "\n\n".join(paragraphs)


def test_pdf_without_extension_falls_back_to_its_metadata(tmp_path):
    title, day, paragraphs = dev_article("dev_015.html")
    data = pdf([("Normal", p) for p in paragraphs])
    data = rewritten(data, {"/Title": title, "/CreationDate": f"D:{day:%Y%m%d}101500-04'00'"})
    article = read_one(tmp_path, "putin-ctbt", data)
    assert (article.title, article.date, article.date_from, article.source) == (title, day, "PDF metadata", None)
    assert article.body == "\n\n".join(paragraphs)


def test_a_placeholder_metadata_title_is_not_a_headline(tmp_path):
    _, _, paragraphs = dev_article("dev_020.md", count=2)
    data = rewritten(pdf([("Normal", p) for p in paragraphs]), {"/Title": "Microsoft Word - draft3.docx"})
    article = read_one(tmp_path, "draft.pdf", data)
    assert article.title != "Microsoft Word - draft3.docx"
    assert article.body.startswith(article.title.removesuffix(" …"))


def test_page_cap_reads_the_first_pages_and_says_so(tmp_path, monkeypatch):
    _, _, paragraphs = dev_article("dev_021.md")
    data = pdf([("Normal", paragraphs[0]), PageBreak(), ("Normal", paragraphs[1]), PageBreak(),
                ("Normal", paragraphs[2])])
    monkeypatch.setattr(documents, "MAX_PDF_PAGES", 2)
    result = read(tmp_path, "long.pdf", data)
    assert result.warnings == ["long.pdf: PDF has 3 pages; only the first 2 were read"]
    assert result.articles[0].body == "\n\n".join(paragraphs[:2])


def test_a_scanned_pdf_without_text_is_a_skip(tmp_path):
    out = io.BytesIO()
    scan = canvas.Canvas(out, pagesize=A4)
    for row in range(40):
        scan.rect(50, 60 + row * 18, 480 - (row % 5) * 40, 10, fill=1)  # inked lines where words would be
    scan.showPage()
    scan.save()
    result = read(tmp_path, "scan.pdf", out.getvalue())
    assert (result.articles, result.skipped) == ([], [Skip("scan.pdf", "PDF has no text layer (scanned?); not read")])


@pytest.mark.parametrize("cut", ["garbage", "truncated"])
def test_a_damaged_pdf_is_a_skip_not_an_exception(tmp_path, cut):
    _, _, paragraphs = dev_article("dev_024.md", count=1)
    whole = pdf([("Normal", paragraphs[0])])
    data = b"%PDF-1.7\n" + b"\x00\x17 not a pdf body " * 40 if cut == "garbage" else whole[: len(whole) // 2]
    result = read(tmp_path, "broken.pdf", data)
    assert result.articles == []
    [skip] = result.skipped
    assert skip.path == "broken.pdf"
    assert skip.reason.startswith("PDF is damaged or incomplete (") and skip.reason.endswith("); not read")


def test_a_password_protected_pdf_is_a_skip(tmp_path):
    _, _, paragraphs = dev_article("dev_024.md", count=1)
    data = rewritten(pdf([("Normal", paragraphs[0])]), user_password="secret", owner_password="desk")
    result = read(tmp_path, "locked.pdf", data)
    assert (result.articles, result.skipped) == ([], [Skip("locked.pdf", "PDF is password-protected; not read")])


def test_a_pdf_locked_only_against_editing_is_read(tmp_path):
    title, _, paragraphs = dev_article("dev_024.md", count=2)
    data = rewritten(pdf([("Title", title)] + [("Normal", p) for p in paragraphs]), user_password="",
                     owner_password="desk")
    article = read_one(tmp_path, "no-copying.pdf", data)
    assert (article.title, article.body) == (title, "\n\n".join(paragraphs))


# --- A web page a browser printed to PDF ------------------------------------------

CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/150.0.0.0 Safari/537.36"
MENU = ["Fox News", "U.S.", "Politics", "World", "Opinion", "Media", "Entertainment", "Sports", "Lifestyle", "Video"]


FIREFOX = "Mozilla Firefox 124.0"


def printed(blocks: list, page_title: str, address: str | None, creator: str = CHROME) -> bytes:
    """A page as a browser prints it, the page's title as /Title and the browser as /Creator; address None:
    headers off. Chrome: the time and the title at the head of each sheet, the address and a counter at the
    foot; Firefox: the title and the address at the head, the counter and the time at the foot."""
    def build(sheets: int) -> bytes:
        def edges(page_canvas, _):
            number = page_canvas.getPageNumber()
            if address and creator == CHROME:
                page_canvas.drawString(30, A4[1] - 20, f"11/3/23, 9:02 AM {page_title}")
                page_canvas.drawString(30, 15, f"{address} {number}/{sheets}")
            elif address:
                page_canvas.drawString(30, A4[1] - 20, f"{page_title}   {address}")
                page_canvas.drawString(30, 15, f"{number} of {sheets}   11/3/2023, 9:02:11 AM")

        flowables = [block if isinstance(block, PageBreak) else Paragraph(html.escape(block[1], quote=False),
                                                                          STYLES[block[0]]) for block in blocks]
        out = io.BytesIO()
        SimpleDocTemplate(out, pagesize=A4).build(flowables, onFirstPage=edges, onLaterPages=edges)
        return out.getvalue()

    data = build(len(PdfReader(io.BytesIO(build(0))).pages))  # laid out once to count the sheets
    producer = "Skia/PDF m150" if creator == CHROME else "cairo 1.18.0 (https://cairographics.org)"
    return rewritten(data, {"/Title": page_title, "/Creator": creator, "/Producer": producer,
                            "/CreationDate": "D:20231103090200+00'00'"})


@pytest.mark.parametrize("browser", [CHROME, FIREFOX])
def test_a_printed_web_page_reads_as_the_page_not_as_its_print(tmp_path, browser):
    title, day, paragraphs = dev_article("dev_015.html", count=4)
    address = "https://www.foxnews.com/world/putin-pulls-russia-out-nuclear-test-ban-treaty"
    blocks = [("Normal", item) for item in MENU] + [("Title", title), ("Normal", f"Published {day:%B %-d, %Y} 10:15am EDT")]
    blocks += [("Normal", p) for p in paragraphs[:2]] + [PageBreak()] + [("Normal", p) for p in paragraphs[2:]]
    data = printed(blocks, f"{title} | Fox News", address, browser)
    assert len(PdfReader(io.BytesIO(data)).pages) >= 2
    article = read_one(tmp_path, "putin.pdf", data)
    # the headline without the site's name, the outlet, the page's address; the day it was printed is not its date
    assert (article.title, article.source, article.url, article.date) == (title, "Fox News", address, day)
    assert article.date_from != "PDF metadata"
    # the menus over the headline, the time and title at each head, the address at each foot: all gone
    assert article.body == "\n\n".join(paragraphs)


def test_a_page_printed_without_head_and_foot_is_still_no_document_of_that_day(tmp_path):
    title, _, paragraphs = dev_article("dev_012.html", count=2)
    data = printed([("Title", title)] + [("Normal", p) for p in paragraphs], f"{title} | Yonhap News Agency", None)
    article = read_one(tmp_path, "yonhap.pdf", data)
    # the browser that wrote it says it is a printed page: /Title is the page's title, its creation date no date
    assert (article.title, article.source, article.date) == (title, "Yonhap News Agency", None)


def test_a_printed_pages_address_and_title_give_the_date_the_text_does_not(tmp_path):
    title, day, paragraphs = dev_article("dev_012.html", count=2)
    address = f"https://en.yna.co.kr/view/{day:%Y/%m/%d}/AEN20190820001"
    data = printed([("Title", title)] + [("Normal", p) for p in paragraphs], f"{title} | Yonhap News Agency", address)
    article = read_one(tmp_path, "dated.pdf", data)
    assert (article.date, article.date_from) == (day, "URL path")
    title, day, paragraphs = dev_article("dev_019.html", count=2)
    dotted = printed([("Title", title)] + [("Normal", p) for p in paragraphs],
                     f"{title} | Asia | DW | {day:%d.%m.%Y}", "https://www.dw.com/en/a-49999999")
    article = read_one(tmp_path, "dw.pdf", dotted)
    assert (article.title, article.source, article.date, article.date_from) == (title, "Deutsche Welle", day,
                                                                                "the page's title")


# --- Word --------------------------------------------------------------------------


def test_docx_takes_its_headline_from_the_text_and_date_from_its_properties(tmp_path):
    title, day, paragraphs = dev_article("dev_013.md")
    data = word(paragraphs, heading=title, title="Editorial, second draft",
                created=datetime.datetime.combine(day, datetime.time(9, 0)))
    article = read_one(tmp_path, "editorial.docx", data)
    assert (article.id, article.title, article.date, article.date_from, article.source) == (
        "editorial.docx", title, day, "document properties", None
    )
    assert article.body == "\n\n".join(paragraphs)


def test_docx_without_extension_uses_its_title_property_and_reads_tables(tmp_path):
    title, day, paragraphs = dev_article("dev_028.md", count=2)
    table = [["Member", "Vote"], ["Philippines", "In favour"], ["Merged across both columns"] * 2]
    data = word(paragraphs, table=table, title=title, created=datetime.datetime.combine(day, datetime.time(7, 30)))
    assert b"word/" in data[:4096]
    article = read_one(tmp_path, "veto-notes", data)
    assert (article.title, article.date, article.date_from) == (title, day, "document properties")
    cells = ["Member", "Vote", "Philippines", "In favour", "Merged across both columns"]
    assert article.body == "\n\n".join(paragraphs + cells)


def test_a_zip_that_is_not_a_word_document_is_a_skip(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "Seoul, Tokyo and Manila")
    result = read(tmp_path, "notes.docx", out.getvalue())
    assert result.articles == []
    [skip] = result.skipped
    assert skip.path == "notes.docx"
    assert skip.reason.startswith("not a readable Word document (") and skip.reason.endswith("); not read")


def test_an_empty_docx_is_a_skip(tmp_path):
    result = read(tmp_path, "blank.docx", word([]))
    assert (result.articles, result.skipped) == ([], [Skip("blank.docx", "Word document has no text")])
