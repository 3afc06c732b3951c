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
