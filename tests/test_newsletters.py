"""The e-mail reader: .eml newsletters built from real dev articles (plain, HTML, alternatives, encodings)."""

import datetime
import html
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from searchapp.reading import Skip, read_file

from dev_articles import dev_article  # noqa: E402 (tests/ is on the path)


def mail_date(day: datetime.date, clock: str = "06:30", offset_hours: int = 8) -> str:
    zone = datetime.timezone(datetime.timedelta(hours=offset_hours))
    return format_datetime(datetime.datetime.combine(day, datetime.time.fromisoformat(clock), zone))


def message(sender: str, subject: str, day: datetime.date) -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"], mail["Date"] = sender, "desk@newsroom.example", subject, mail_date(day)
    return mail


def as_html(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"<html><head><title>Newsletter</title></head><body>{body}</body></html>"


def write(path: Path, mail: EmailMessage | str) -> Path:
    path.write_text(mail if isinstance(mail, str) else mail.as_string(), encoding="utf-8")
    return path


def read_one(path: Path):
    result = read_file(path, path.parent)
    assert (result.skipped, result.warnings, len(result.articles)) == ([], [], 1)
    return result.articles[0]


def test_plain_8bit_message_with_an_encoded_reply_subject(tmp_path):
    title, day, paragraphs = dev_article("dev_005.md")
    subject = Header(f"Re: {title}", "utf-8").encode()  # =?utf-8?b?...?=
    raw = (
        "From: Philippine Daily Inquirer <newsletters@inquirer.net>\n"
        "To: desk@newsroom.example\n"
        f"Subject: {subject}\n"
        f"Date: {mail_date(day)}\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n\n" + "\n\n".join(paragraphs) + "\n"
    )
    article = read_one(write(tmp_path / "editorial.eml", raw))
    assert (article.id, article.title, article.date, article.date_from, article.source, article.url) == (
        "editorial.eml", title, day, "e-mail Date header", "Philippine Daily Inquirer", None
    )
    assert article.body == "\n\n".join(paragraphs)  # ‘curly quotes’ survive an 8bit body


def test_html_only_quoted_printable_message_names_its_outlet_by_domain(tmp_path):
    title, day, paragraphs = dev_article("dev_001.html")
    mail = message("Morning Briefing <newsletters@link.nbcnews.com>", f"Fwd: FW: {title}", day)
    mail.set_content(as_html(paragraphs), subtype="html", cte="quoted-printable")
    article = read_one(write(tmp_path / "briefing.eml", mail))
    assert (article.title, article.date, article.date_from, article.source) == (
        title, day, "e-mail Date header", "NBC News"
    )
    assert article.body == "\n\n".join(paragraphs)


def test_multipart_alternative_prefers_the_plain_part_and_leaves_attachments(tmp_path):
    title, day, paragraphs = dev_article("dev_013.md")
    mail = message("Philippine Daily Inquirer <newsletters@inquirer.net>", title, day)
    mail.set_content("\n\n".join(paragraphs), cte="quoted-printable")
    mail.add_alternative(as_html(paragraphs + ["Only the HTML part says this, with more than enough words in it."]),
                         subtype="html")
    mail.add_attachment(b"%PDF-1.4 not read", maintype="application", subtype="pdf", filename="print.pdf")
    article = read_one(write(tmp_path / "alternative.eml", mail))
    assert (article.title, article.date, article.source) == (title, day, "Philippine Daily Inquirer")
    assert article.body == "\n\n".join(paragraphs)


def test_an_empty_plain_part_gives_way_to_the_html_part(tmp_path):
    title, day, paragraphs = dev_article("dev_020.md", count=2)
    mail = message("Philippine Daily Inquirer <newsletters@inquirer.net>", title, day)
    mail.set_content("\n")
    mail.add_alternative(as_html(paragraphs), subtype="html")
    article = read_one(write(tmp_path / "html-wins.eml", mail))
    assert (article.title, article.body) == (title, "\n\n".join(paragraphs))


def test_base64_latin1_part_is_decoded_with_its_charset(tmp_path):
    title, day, paragraphs = dev_article("dev_021.md", count=2)
    latin1 = "\n\n".join(paragraphs).replace("’", "'").replace("“", '"').replace("”", '"')
    text = latin1 + "\n\nCafé talks went on."
    mail = message("Philippine Daily Inquirer <newsletters@inquirer.net>", title, day)
    mail.set_content(text.encode("latin-1"), maintype="text", subtype="plain", cte="base64",
                     params={"charset": "iso-8859-1"})
    article = read_one(write(tmp_path / "latin1.eml", mail))
    assert article.body == text


def test_format_flowed_lines_are_rejoined(tmp_path):
    title, day, paragraphs = dev_article("dev_024.md", count=2)

    def flowed(paragraph: str) -> str:
        words, lines, line = paragraph.split(), [], ""
        for word in words:
            if line and len(line) + len(word) > 60:
                lines.append(line + " ")  # the trailing space marks a soft break
                line = ""
            line += ("" if not line else " ") + word
        return "\n".join(lines + [line])

    raw = (
        "From: Philippine Daily Inquirer <newsletters@inquirer.net>\n"
        f"Subject: {title}\nDate: {mail_date(day)}\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8; format=flowed\nContent-Transfer-Encoding: 8bit\n\n"
        + "\n\n".join(flowed(p) for p in paragraphs) + "\n"
    )
    article = read_one(write(tmp_path / "flowed.eml", raw))
    assert article.body == "\n\n".join(paragraphs)


def test_a_forwarded_newsletter_is_described_by_the_original_message(tmp_path):
    title, day, paragraphs = dev_article("dev_015.html")
    mail = message("Jane Reporter <jane.reporter@gmail.com>", f"Fwd: {title}", day + datetime.timedelta(days=5))
    block = (
        "FYI, for the arms control piece.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Fox News <newsletters@foxnews.com>\n"
        f"Date: {day.strftime('%a, %b')} {day.day}, {day.year} at 3:10 PM\n"
        f"Subject: {title}\n"
        "To: <jane.reporter@gmail.com>\n\n"
    )
    mail.set_content(block + "\n\n".join(paragraphs) + "\n")
    article = read_one(write(tmp_path / "forwarded.eml", mail))
    assert (article.title, article.date, article.date_from, article.source) == (
        title, day, "forwarded e-mail's Date line", "Fox News"
    )
    assert article.body == "\n\n".join(paragraphs)


def test_the_sender_as_named_is_the_source_only_when_the_text_names_none(tmp_path):
    _, day, wire = dev_article("dev_012.html", count=1)  # "SEOUL, Aug. 20 (Yonhap) -- ..."
    _, _, editorial = dev_article("dev_028.md", count=1)
    for name, paragraphs in (("wire.eml", wire), ("own.eml", editorial)):
        mail = message('"Harbour Gazette Digest" <digest@gazette.example>', "Today's digest", day)
        mail.set_content(paragraphs[0] + "\n")
        write(tmp_path / name, mail)
    assert read_one(tmp_path / "wire.eml").source == "Yonhap News Agency"
    assert read_one(tmp_path / "own.eml").source == "Harbour Gazette Digest"


def test_a_saved_message_without_extension_is_detected_by_its_headers(tmp_path):
    title, day, paragraphs = dev_article("dev_002.md", count=2)
    mail = message("Philippine Daily Inquirer <newsletters@inquirer.net>", title, day)
    mail["Message-ID"] = "<editorial-20241224@inquirer.net>"
    mail.set_content("\n\n".join(paragraphs) + "\n")
    article = read_one(write(tmp_path / "saved-message", mail))
    assert (article.id, article.title, article.date, article.source, article.body) == (
        "saved-message", title, day, "Philippine Daily Inquirer", "\n\n".join(paragraphs)
    )


def test_a_message_with_only_an_attachment_is_a_skip(tmp_path):
    mail = message("Photo desk <photos@newsroom.example>", "Pictures from Seoul", datetime.date(2024, 12, 7))
    mail.make_mixed()
    mail.add_attachment(b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png", filename="seoul.png")
    result = read_file(write(tmp_path / "photos.eml", mail), tmp_path)
    assert (result.articles, result.skipped) == (
        [], [Skip("photos.eml", "e-mail has no text or HTML part (only attachments?); not read")]
    )


def test_an_unreadable_date_header_is_a_warning(tmp_path):
    title, _, paragraphs = dev_article("dev_021.md", count=1)
    raw = f"From: Inquirer <x@inquirer.net>\nSubject: {title}\nDate: whenever\n\n{paragraphs[0]}\n"
    result = read_file(write(tmp_path / "nodate.eml", raw), tmp_path)
    [article] = result.articles
    assert (article.title, article.date, article.source) == (title, None, "Philippine Daily Inquirer")
    assert result.warnings == ["nodate.eml: date 'whenever' is not a plausible date; ignored"]
