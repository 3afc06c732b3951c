"""Credits inside an article's text that say whose story it is: a wire's dateline ("SEOUL, Jan. 3 (UPI) --"),
a byline's agency ("By Jane Doe, Associated Press Writer"), a sign-off ("(Yonhap)"), a republished piece's
credit to where it first appeared, and the outlet a story names in the third person ("told Reuters").

sources.py knows the outlets (names, domains, mastheads, copyright lines); this module finds them credited.
"""

from __future__ import annotations

import re

from searchapp.reading.lines import is_long
from searchapp.reading.rules import ReadingRules
from searchapp.reading.sources import credited_outlet, known_outlet, outlet_of_address, outlet_of_domain

DATELINE_BODY_LINES = 3  # a wire dateline ("TOKYO (Reuters) -") counts in the body's first lines only



# "... WASHINGTON, Feb 26 (Reuters) - ": a wire credit after a dateline place that is not the line's start
CREDIT_AFTER_PLACE = re.compile(r"\((?P<agency>[A-Za-z][^()]{1,38})\)\s*(?:-{1,2}|—|–)\s")
DATELINE_PLACE_BEFORE = re.compile(r"(?:^|\s)[A-Z]{3,}[A-Z .'’-]*(?:,[\w .'’-]{1,30})?\s*$")
CREDIT_START_CHARS = 300  # a dateline this near the start of the first lines



WEB_ADDRESS_IN = re.compile(r"(?i)https?://[^\s)\]>\"']+")

# "SEOUL, Jan. 3 (UPI) --"; South Asian wires print no dash ("New Delhi, Jan 3 (IANS) The ministry ...", and a
# scrape may lose the space: "New York (CNN Business)America's jobs ..."), and then
# only a known outlet counts: the parentheses after a line's first words may hold anything ("Prime Minister (PM) ...").
DATELINE_AGENCY = re.compile(
    r"^(?P<place>[A-Z][\w .,'/-]{1,40}?)?\((?P<agency>[^()]{2,40})\)(?:\s*(?P<dash>-|--|—|–|:)|\s*(?=[A-Z\"“‘']))"
)



# "(상하이=연합뉴스) 정주호 특파원 =": Korean copy credits its wire as "(place=agency)" before the reporter's name
PLACE_EQUALS_AGENCY = re.compile(r"^\((?P<place>[^()=\n]{1,20})=(?P<agency>[^()=\n]{2,30})\)")


# "JAKARTA, KOMPAS.com - ", "TEMPO.CO, Jakarta - ", "KOMPAS.com - ": the outlet's own domain signing the dateline,
# as Indonesian and other sites sign their copy; only a domain outlets.json knows counts
DATELINE_DOMAIN = re.compile(
    r"^[\W_]{0,3}(?:[A-Z][\w .'’/-]{1,40}?,\s*)?(?P<domain>[A-Za-z][\w-]*(?:\.[A-Za-z]{2,6}){1,2})"
    r"(?:,\s*[A-Z][\w .'’-]{1,40}?)?[\s*_]*(?:-{1,2}|—|–|:)[\s*_]"
)
DATELINE_DOMAIN_LINES = 12


def dateline_agency(body_lines: list[str], rules: ReadingRules) -> str | None:
    """The wire a dateline credits ("SEOUL, Jan. 3 (UPI) --", "JAKARTA, KOMPAS.com -") in the body's first lines or
    its first paragraph of prose, when it is a known outlet;
    also where a byline was run onto the dateline's line ("By Jane Doe WASHINGTON, Feb 26 (Reuters) - ...")."""
    lead = next((line for line in body_lines if is_long(line)), None)  # under a menu's short lines, the story's lead
    for line in dict.fromkeys([*body_lines[:DATELINE_BODY_LINES], *([lead] if lead else [])]):
        if (korean := PLACE_EQUALS_AGENCY.match(line)) and (outlet := credited_outlet(korean["agency"], rules)):
            return outlet
        agency = DATELINE_AGENCY.match(line)
        if agency and (agency["dash"] or agency["place"]):
            outlet = credited_outlet(agency["agency"], rules)
            if agency["dash"] or outlet:
                return outlet
        for credit in CREDIT_AFTER_PLACE.finditer(line[:CREDIT_START_CHARS]):
            if DATELINE_PLACE_BEFORE.search(line[:credit.start()]) and (outlet := credited_outlet(credit["agency"], rules)):
                return outlet
    for line in body_lines[:DATELINE_DOMAIN_LINES]:  # under a summary, an image's caption, a table of fields
        if (signed := DATELINE_DOMAIN.match(line)) and (outlet := outlet_of_domain(signed["domain"], rules)):
            return outlet
    return None


# "By The Associated Press", "By Jane Doe, Associated Press Writer", "By Jane Doe, AP Business Writer"
BYLINE_BY = re.compile(r"(?i)^\s*by\s+")
BYLINE_PARTS = re.compile(r"\s*[,|/•·]\s*|\s+[-–—]\s+")  # "Jane Doe | Reuters | Nov 16", "Jane Doe - AP"
BYLINE_STAFF_WORDS = frozenset("writer writers correspondent correspondents reporter reporters".split())


def byline_agency(byline: str | None, rules: ReadingRules) -> str | None:
    """The outlet a byline credits as its author ("By The Associated Press") or as its writer's employer
    ("By Jane Doe, Associated Press Writer", "..., AP Business Writer"): a wire story's credit, whichever
    newspaper's or portal's page printed it."""
    if not byline or not BYLINE_BY.match(byline):
        return None
    first, *rest = [part.strip() for part in BYLINE_BY.sub("", byline).split(",")]
    if not rest:
        return credited_outlet(first, rules)
    for part in rest:
        words = part.split()
        staff = next((i for i, w in enumerate(words) if w.casefold() in BYLINE_STAFF_WORDS), None)
        for end in (staff, staff - 1) if staff else ():
            if end and (outlet := known_outlet(" ".join(words[:end]), rules)):
                return outlet
    return None


def byline_outlet(byline: str | None, rules: ReadingRules) -> str | None:
    """"By Jane Doe, The Korea Herald", "By Jane Doe | Reuters | November 16, 2023": the known outlet named after
    the writer, a sign of the page's source as weak as the byline's mail domain (a record's filed source still
    says who published it)."""
    if not byline or not BYLINE_BY.match(byline):
        return None
    parts = [part.strip() for part in BYLINE_PARTS.split(BYLINE_BY.sub("", byline))[1:]]
    return next((outlet for part in parts if (outlet := credited_outlet(part, rules))), None)


# "... as well as the United States. (Yonhap)": the wire's credit closing the story's last paragraph
# "... the ministry said. (Yonhap)", "... in the coming weeks./mehr": a wire's sign-off after the last sentence
SIGN_OFF_CREDIT = re.compile(
    r"[.!?\"'”’]\s*(?:\((?P<agency>[A-Za-z][^()]{1,38})\)|/\s*(?P<slashed>[A-Za-z][\w .-]{1,30}?)\s*/?)\s*$"
)
SIGN_OFF_LINES = 2  # the sign-off's line, or the one above a last line of page furniture ("Send comments")


def sign_off_agency(body_lines: list[str], rules: ReadingRules) -> str | None:
    """The known outlet credited in parentheses or after a slash right after the last sentence of the story's
    last paragraph, as a wire signs off the copy it files ("... the ministry said. (Yonhap)", "... weeks./mehr")."""
    for line in reversed(body_lines[-SIGN_OFF_LINES:]):
        if (match := SIGN_OFF_CREDIT.search(line)) and (outlet := known_outlet(match["agency"] or match["slashed"], rules)):
            return outlet
    return None


# An outlet speaking of itself in the third person, as wires and broadcasters write: "three officials told The
# Associated Press", "a report obtained Monday by Reuters", "told CNN's Jane Doe", "gathered by CNN reporters",
# "The BBC's correspondent in Jakarta";
# and a wire's story as South Asian papers credit it, ending a sentence: "... on Tuesday, reports BSS."
SELF_NAMED = re.compile(
    r"\b(?:told|obtained(?: \w+)? by|seen by|reviewed by|confirmed to)\s+(?P<told>(?:[A-Z][\w.&-]*\s?){1,4})"
    r"|\bby\s+(?:the\s+)?(?P<staff>(?:[A-Z][\w.&-]*\s){1,3})(?:reporters|correspondents|journalists)\b"
    r"|\b(?P<own>(?:[A-Z][\w.&-]*\s){0,2}[A-Z][\w.&-]*)['’]s\s+(?:[a-z]+\s+){0,2}(?:correspondent|reporter)s?\b"
    r"|,\s+reports\s+(?P<reports>[A-Z][\w&-]*(?:\s[A-Z][\w&-]*){0,3})\s*\.(?:\s|$)"
)


# A mirror's label for the original's address: "原文地址（需翻墙访问）：https://www.rfa.org/...", "Original article: ..."
ORIGINAL_LABEL = r"(?:原文(?:地址|链接|連結|網址|网址)?|original (?:article|story|link|url|report))[^:：\n]{0,20}[:：]"
ORIGINAL_ADDRESS = re.compile(rf"(?i){ORIGINAL_LABEL}\s*(?P<address>https?://[^\s)\]>\"']+)")

# A republished piece's credit to its first publisher: "This article was originally published in The Conversation",
# "First published on https://www.huffpost.com/...", "Reprinted with permission from Foreign Policy".
# Said of the piece itself, at a line's start: "The report was first published by Reuters" cites another outlet.
FIRST_PUBLISHED = re.compile(
    r"(?i)^[\s*_>(\[]*(?:(?:(?:this|the) (?:article|story|piece|post|op-ed|column|commentary|essay|interview|analysis)"
    r"|it)?(?: (?:was|is|has been))? ?"
    r"(?:(?:originally|first) (?:published|appeared|ran|posted)|(?:reprinted|republished|reproduced)"
    r"(?: with (?:the )?permission)?)(?: (?:in|on|at|by|from|with))?\s*[:\-–—]?"
    rf"|{ORIGINAL_LABEL})\s*(?P<where>[^\n]{{1,120}})"
)


# "... for decades. By Tim Daiss for Oilprice.com More Top Reads From Oilprice.com:": the writer's credit to the
# outlet the piece was written for, run on at the end of the text
CLOSING_BYLINE = re.compile(r"\bBy\s+(?:[A-Z][\w'’.-]*\s+){1,3}(?:of|for)\s+(?P<outlet>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})")


def closing_byline_outlet(body_lines: list[str], rules: ReadingRules) -> str | None:
    """The known outlet a byline run on at the end of the text's last paragraph names ("By Jane Doe of
    Oilprice.com"): a text saved without its head keeps the credit the site prints under it."""
    tail = body_lines[-1][-CLOSING_BYLINE_CHARS:] if body_lines else ""
    return next((o for m in CLOSING_BYLINE.finditer(tail) if (o := _outlet_starting(m["outlet"], rules))), None)


CLOSING_BYLINE_CHARS = 300  # how far from the text's end such a credit stands


def first_publisher(body_lines: list[str], rules: ReadingRules) -> str | None:
    """The known outlet a republished piece credits as where it first appeared, by name or address."""
    for line in body_lines:
        if match := FIRST_PUBLISHED.match(line):
            where = match["where"]
            address = WEB_ADDRESS_IN.search(where)
            if address and (outlet := outlet_of_address(address.group(), rules)):
                return outlet
            if outlet := _outlet_starting(re.split(r"[,.;:()\[\]|]|\s[-–—]\s|['’]s\b", where)[0], rules):
                return outlet
    return None


def self_named_outlet(body_lines: list[str], rules: ReadingRules) -> str | None:
    """The one known outlet the story names as the one told, shown a document or reporting, the weakest sign of
    its source: a newspaper quoting another outlet ("told CNN") may read so too, so it counts only where the
    page gives no other sign, and only when one outlet is named so."""
    found = set()
    for line in body_lines:
        for match in SELF_NAMED.finditer(line):
            named = match["told"] or match["staff"] or match["reports"] or match["own"]
            if outlet := _outlet_starting(re.split(r"['’]s\b", named)[0], rules):
                found.add(outlet)
    return found.pop() if len(found) == 1 else None


def _outlet_starting(phrase: str, rules: ReadingRules) -> str | None:
    """The known outlet the phrase's first words name, the longest first: "The Washington Post on May 3"."""
    words = phrase.split()[:6]
    return next((o for end in range(len(words), 0, -1) if (o := known_outlet(" ".join(words[:end]), rules))), None)
