"""E-mail newsletters saved as .eml: the message's text, subject, date and sender.

A message a journalist forwarded to the archive carries the original's From, Date and
Subject in a header block at the top of its text; those describe the article better than
the forward's own headers, and the block itself is not article text.
"""

from __future__ import annotations

import email
import email.errors
import email.policy
import re
from dataclasses import dataclass, replace
from email.message import EmailMessage

from searchapp.reading.assemble import add_article, given_fields
from searchapp.reading.dates import parse_date
from searchapp.reading.html import html_page
from searchapp.reading.model import ReadResult, Skip
from searchapp.reading.page import read_page
from searchapp.reading.rules import ReadingRules
from searchapp.reading.sources import sender_outlet

# "Re: Fwd: [2] Subject", "FW: Subject"
REPLY_PREFIXES = re.compile(r"(?i)^(?:\s*(?:re|fwd?|fw)\s*(?:\[\d+\])?\s*:\s*)+")


# Gmail's "---------- Forwarded message ---------", Outlook's "-----Original Message-----", Apple Mail's line
FORWARD_MARKER = re.compile(
    r"(?i)^\s*(?:-{2,}\s*(?:forwarded message|original message)\s*-{2,}|begin forwarded message:|_{10,})\s*$"
)


FORWARD_HEADER = re.compile(r"(?i)^\s*(?P<key>from|date|sent|subject|to|cc|reply-to)\s*:\s*(?P<value>.*?)\s*$")


HEADER_ERRORS = (email.errors.MessageError, ValueError, IndexError, TypeError, AttributeError)


@dataclass(frozen=True)
class _Envelope:
    """What the headers say about the article: subject, date, sender, and where the date came from."""

    subject: str
    date: str
    sender: str
    date_from: str


def read_email(text: str, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    message = email.message_from_string(text, policy=email.policy.default)
    part = _text_part(message)
    if part is None:
        result.skipped.append(Skip(rel, "e-mail has no text or HTML part (only attachments?); not read"))
        return
    body = _part_text(part, rel, result.warnings)
    if part.get_content_subtype() == "html":
        try:
            body = html_page(body, rules)[0]
        except (AssertionError, ValueError) as exc:  # html.parser's rare complaints about broken markup
            result.skipped.append(Skip(rel, f"cannot parse the e-mail's HTML: {exc}"))
            return
    envelope = _Envelope(_header(message, "subject"), _header(message, "date"), _header(message, "from"),
                         "e-mail Date header")
    body, envelope = _cut_forward_block(body, envelope)
    if not body.strip():
        result.skipped.append(Skip(rel, "e-mail has no text"))
        return
    _add_message(body, envelope, rel, boilerplate, rules, result)


def _add_message(
    body: str, envelope: _Envelope, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult
) -> None:
    known, display_name = sender_outlet(envelope.sender, rules)
    raw = {"title": REPLY_PREFIXES.sub("", envelope.subject), "date": envelope.date, "source": known}
    given, date = given_fields(raw, rel, result.warnings)
    if date:
        given["date_from"] = envelope.date_from
    page = read_page(body, boilerplate, rules, given, masthead=False)
    if page is not None and not page.source and "source" not in given and display_name:
        given["source"] = display_name  # the sender as named, when nothing better names the outlet
    add_article(result, rel, rel, page, given, date, rules)


def _text_part(message: EmailMessage) -> EmailMessage | None:
    """The text/plain part, or the text/html one when there is no plain part or it is empty; never an attachment."""
    plain = message.get_body(preferencelist=("plain",))
    if plain is not None and _part_text(plain, "", []).strip():
        return plain
    return message.get_body(preferencelist=("html",)) or plain


def _part_text(part: EmailMessage, where: str, warnings: list[str]) -> str:
    """The part's text. A 7bit/8bit body is text already (the file was decoded once); QP and base64 are decoded."""
    encoding = str(part.get("content-transfer-encoding", "")).strip().lower()
    if encoding in ("quoted-printable", "base64"):
        try:
            text = part.get_content()
        except LookupError:  # a charset Python does not know
            warnings.append(f"{where}: unknown charset {part.get_content_charset()!r}; read as UTF-8")
            text = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
    else:
        text = part.get_payload()
        text = text if isinstance(text, str) else ""
    if str(part.get_param("format", "")).lower() == "flowed":
        text = re.sub(r"(?<=\S) \r?\n(?!\r?\n)", " ", text)  # RFC 3676: a line ending in a space goes on
    return text


def _header(message: EmailMessage, name: str) -> str:
    """A header's decoded text (RFC 2047 words decoded); "" when it is missing or too broken to read."""
    try:
        value = message.get(name)
        return " ".join(str(value).split()) if value is not None else ""
    except HEADER_ERRORS:
        return ""


def _cut_forward_block(body: str, envelope: _Envelope) -> tuple[str, _Envelope]:
    """The forwarded message's text, and its From/Date/Subject over the forward's own; unchanged when not a forward."""
    lines = body.splitlines()
    start = next((i for i, line in enumerate(lines) if FORWARD_MARKER.match(line)), None)
    if start is None:
        return body, envelope
    fields: dict[str, str] = {}
    end = start + 1
    # blank lines may stand between the marker and the first header line (Apple Mail), not after the headers
    while end < len(lines) and ((not lines[end].strip() and not fields) or FORWARD_HEADER.match(lines[end])):
        if match := FORWARD_HEADER.match(lines[end]):
            fields.setdefault(match["key"].casefold(), match["value"])
        end += 1
    if "from" not in fields:
        return body, envelope  # a line of underscores, not a forwarded message
    date = fields.get("date") or fields.get("sent") or ""
    forwarded = replace(envelope, sender=fields["from"], subject=fields.get("subject") or envelope.subject)
    if parse_date(date):
        forwarded = replace(forwarded, date=date, date_from="forwarded e-mail's Date line")
    return "\n".join(lines[end:]), forwarded
