"""A page title's parts that are not its headline: the site's name after it ("... | Times of India"), before it
("BBC NEWS | World | ..."), set off by underscores on Chinese portals ("标题_中山网") or without spaces ("...》-新华网"),
and the section words between; sources.py says which names are outlets.
"""

from __future__ import annotations

import re

from searchapp.reading.lines import word_count
from searchapp.reading.normalize import outlet_key
from searchapp.reading.rules import ReadingRules
from searchapp.reading.sources import compact_name, edition_words, host_of, known_outlet, outlet_of_host_name

# "World Report 2024: Sudan (hrw.org)": a link aggregator's or bookmark tool's title, the story's site after it
HOST_IN_BRACKETS = re.compile(r"(?P<title>.*\S)\s+\((?P<outlet>(?:[a-z0-9-]+\.)+[a-z]{2,})\)", re.I)
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|─|::|»)\s+")  # "─": Korean feed builders' line


SECTION_WORDS = 4  # "Russia-Ukraine war News": a site section named in a page title
PREFIX_SEPARATORS = re.compile(r"\s+(?:\||::|»)\s+")  # not " - ": a headline's own dash must not split it
PREFIXED_HEADLINE_WORDS = 3
COLON_PREFIX = re.compile(r"^(?P<outlet>[^:|]{2,40}?):\s+(?P<rest>\S.*)$")


def split_page_title(title: str, site: str | None, url: str | None, rules: ReadingRules) -> tuple[str, str | None]:
    """A page's own title as its headline and the site it names, for a saved page and a printed one alike:
    "Headline_English_Xinhua", "BBC NEWS | World | Headline", "Headline | India News - Times of India",
    "Talks resume | Lakeside Gazette" on lakesidegazette.co.uk. The site the page names elsewhere (site) wins."""
    title, underscored_site = split_underscored_title(title)
    if underscored_site and not site:
        site = known_outlet(underscored_site, rules)  # "..._English_Xinhua": the last part, when a known outlet
    if title:
        site = site or suffix_spelling_address(title, url)
        title, prefix_outlet = split_site_prefix(title, site, rules)
        site = site or prefix_outlet
        title, suffix_outlet = split_outlet_suffix(strip_site_suffix(title, site, rules), rules)
        site = site or suffix_outlet
    return title, site


def split_underscored_title(title: str) -> tuple[str, str | None]:
    """"Headline_English_Xinhua", "标题_中山网", "决议__2007年第23号国务院公报_中国政府网": Chinese portals join a page
    title's parts with underscores, which no headline has. The headline is the first part and the site's name the
    last; a title whose first part is no headline's length (an identifier, "file_name_2") is left whole."""
    parts = [part.strip() for part in UNDERSCORES.split(title) if part.strip()]
    if len(parts) < 2 or re.search(r"\s_|_\s", title):
        return title, None
    head = parts[0]
    wide = sum(1 for c in head if c.isalpha() and not c.isascii())
    if len(head.split()) < UNDERSCORED_HEAD_WORDS and wide < UNDERSCORED_HEAD_CHARS:
        return title, None
    return head, parts[-1]


UNDERSCORES = re.compile(r"_+")
UNDERSCORED_HEAD_WORDS = 3  # "Philippine president orders evacuations"
UNDERSCORED_HEAD_CHARS = 6  # a headline in Chinese or Japanese, written without spaces


# "...的通知》-新华网", "...｜联合早报": Chinese and Japanese titles set the site's name off without spaces
UNSPACED_SUFFIX = re.compile(r"(?P<title>.*[\u3000-\u30ff\u3400-\u9fff\uff01-\uff60])\s*[-_|｜—–]\s*(?P<outlet>[^-_|｜—–\s][^-_|｜—–]{0,30})")


def split_outlet_suffix(title: str, rules: ReadingRules) -> tuple[str, str | None]:
    """"Kerry in Seoul | VOA" -> ("Kerry in Seoul", "Voice of America") when the suffix is a known outlet;
    "Kerry in Seoul | World News | VOA": a section between headline and outlet goes too; "... says : NPR" (a
    spaced colon, as NPR's pages write it) too."""
    match = (
        re.fullmatch(r"(?P<title>.*\S)\s+(?:\||-|–|—|:)\s+(?P<outlet>\S.*)", title) or UNSPACED_SUFFIX.fullmatch(title)
        or HOST_IN_BRACKETS.fullmatch(title)
    )
    outlet = (known_outlet(match["outlet"], rules) or outlet_of_host_name(match["outlet"], rules)) if match else None
    if not outlet:
        bracketed = HOST_IN_BRACKETS.fullmatch(title)  # a site in brackets is never the headline's, known or not
        return (bracketed["title"], None) if bracketed else (title, None)
    return _without_section(match["title"]), outlet


def _without_section(title: str) -> str:
    """"Kerry in Seoul | World News" (what is left once the outlet is off) -> "Kerry in Seoul"."""
    head, *section = re.split(r"\s+\|\s+", title)
    if len(section) == 1 and len(head.split()) >= 3 and len(section[0].split()) <= SECTION_WORDS:
        return head
    return title


def _last_part(title: str) -> tuple[str, str] | None:
    """("Headline | India News", "Times of India"): a title cut at its last separator; None without one."""
    last = list(TITLE_SEPARATORS.finditer(title))[-1:]
    return (title[:last[0].start()], title[last[0].end():]) if last else None


def _site_address(name: str, site: str) -> bool:
    """"FOXSports.com" is Fox Sports' address: the site's name, spelled as its domain."""
    domain = name.strip().rsplit(".", 1)
    return len(domain) == 2 and domain[1].isalpha() and compact_name(domain[0]) == compact_name(site)


def suffix_names(title: str, name: str) -> bool:
    """Whether a title's last part is name: "Headline - Mumbai Mirror" and "Mumbai Mirror"."""
    parts = _last_part(title)
    return bool(parts and name.strip() and outlet_key(parts[1]) == outlet_key(name))


def aggregated_title_suffix(title: str) -> tuple[str, str | None]:
    """"Headline - POLITICO Europe" from an aggregator (Google News writes every title so): its last part
    is the outlet whose story it is, known or not."""
    parts = _last_part(title)
    if not parts:
        return title, None
    head, name = parts[0].strip(), parts[1].strip()
    if word_count(head) < PREFIXED_HEADLINE_WORDS or not 1 <= word_count(name) <= SECTION_WORDS + 2:
        return title, None
    return head, name


def suffix_spelling_address(title: str, url: str | None) -> str | None:
    """"Talks resume | Lakeside Gazette" on www.lakesidegazette.co.uk: the title's last part, when it spells a name
    of the page's own address, is the site's name, known outlet or not."""
    parts = _last_part(title)
    host = host_of(url)
    if not parts or not host:
        return None
    name = parts[1].strip()
    spelled = compact_name(name)
    labels = [label for label in host.split(".") if label != "www"]
    names = {compact_name(label) for label in labels[:-1]} | {compact_name("".join(labels))}  # "oilprice", "oilpricecom"
    return name if len(spelled) >= 4 and spelled in names else None


def split_site_prefix(title: str, site: str | None, rules: ReadingRules) -> tuple[str, str | None]:
    """"BBC NEWS | World | Asia-Pacific | Talks resume" -> ("Talks resume", "BBC News"): an old page's title that opens
    with the outlet's name (a known outlet, or the site the page gives) and a short section path before the
    headline; "AFP: Talks resume in Cairo": a known outlet and a colon. Left whole where the last part is no
    headline's length."""
    if (colon := COLON_PREFIX.match(title)) and len(colon["rest"].split()) >= PREFIXED_HEADLINE_WORDS:
        if outlet := known_outlet(colon["outlet"], rules):
            return colon["rest"], outlet  # "AFP: France to boycott Syria over Lebanon crisis" (Google's hosted wires)
    parts = PREFIX_SEPARATORS.split(title)
    if len(parts) < 2 or len(parts[-1].split()) < PREFIXED_HEADLINE_WORDS:
        return title, None
    named_site = site and outlet_key(parts[0]) == outlet_key(site)
    outlet = known_outlet(parts[0], rules) or (parts[0].strip() if named_site else None)
    if not outlet or any(len(p.split()) > SECTION_WORDS for p in parts[1:-1]):
        return title, None
    return parts[-1].strip(), outlet


def strip_site_suffix(title: str, site: str | None, rules: ReadingRules) -> str:
    """"Headline | India News - Times of India" -> "Headline" when the last part names the site the page or record
    itself gives, known outlet or not ("... - Manchester Evening News" filed under that source), or an edition of
    it ("... - POLITICO Europe" under POLITICO.eu); a section between goes too, as in split_outlet_suffix."""
    head, name = _last_part(title) or (title, "")
    if not (site and name):
        return title
    if whole := re.fullmatch(rf"(?P<head>.*\S){TITLE_SEPARATORS.pattern}{re.escape(site.strip())}", title):
        # "... - HESPRESS English - Morocco News" filed under all of that; a section before it goes too
        return _without_section_words(_without_section(whole["head"]), rules)
    site_outlet = known_outlet(site, rules) or outlet_of_host_name(site, rules)
    edition = _last_part(head)
    if edition and len(name.split()) <= EDITION_WORDS and _names_site(edition[1], site, site_outlet, rules):
        head, name = edition  # "... - The Associated Press - en Español": an edition's words after the outlet
    if _names_site(name, site, site_outlet, rules):
        return _without_section_words(_without_section(head), rules)
    if site_outlet and edition_words(site_outlet, name):  # "... - POLITICO Europe" filed under POLITICO.eu
        return _without_section(head)
    return title


EDITION_WORDS = 2


def _names_site(name: str, site: str, site_outlet: str | None, rules: ReadingRules) -> bool:
    """Whether a title's part names the site: as written, as the known outlet both name (site_outlet, the site's),
    or as its address."""
    named = known_outlet(name, rules) or outlet_of_host_name(name, rules)
    if named and named in (site, site_outlet):
        return True
    return outlet_key(name) == outlet_key(site) or _site_address(name, site)


SITE_NAME_WORDS = 3  # "Pointzon", "The Daily Planet": a site's name before a section's in a page title


def site_and_section(title: str, rules: ReadingRules) -> str | None:
    """The site's name when a page title is only that and a section's ("Pointzon | NEWS", "Harbour Times - World"):
    then it names no story."""
    head = _before_section(title, rules)
    return head if head and len(head.split()) <= SITE_NAME_WORDS else None


def _before_section(title: str, rules: ReadingRules) -> str | None:
    """What stands before a title's last part when that part is only section words ("... - World News")."""
    head, section = _last_part(title) or (title, "")
    words = section.casefold().split()
    return head.strip() if words and set(words) <= rules.section_words and head.strip() else None




def _without_section_words(title: str, rules: ReadingRules) -> str:
    """"Headline - World News" (the outlet gone): a last part made only of section words goes too."""
    head = _before_section(title, rules)
    return head if head and len(head.split()) >= 3 else title
