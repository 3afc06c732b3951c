"""The outlet that published an article: known names and domains, mastheads, "Source:" lines, copyright."""

from __future__ import annotations

import re
from email.utils import parseaddr
from urllib.parse import urlsplit

from searchapp.reading.lines import SENTENCE_END, has_letters, is_all_caps, is_boilerplate, word_count
from searchapp.reading.normalize import normalize_line, outlet_key
from searchapp.reading.rules import ReadingRules

OUTLET_LINE_WORDS = 6  # "with the Korea JoongAng Daily"


COPYRIGHT_LINE_WORDS = 10  # "© Copyright Thomson Reuters 2024. All rights reserved."


FURNITURE_LINE_WORDS = 14  # "Sign up now: Get ST's newsletters delivered to your inbox"


EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


SOURCE_LINE = re.compile(r"(?i)^\(?(?:source|sources|via)\s*:\s*(?P<name>[^\s()][^()]*?)[.\s)]*$")
# A short line that ends with the story's address after words saying it came from there
ADDRESS_CREDIT = re.compile(
    r"(?i)^(?P<words>.*?\b(?:source|sources|via|from|original(?:\s+(?:link|article|story))?|originally\s+published\s+(?:at|on|in))"
    r"|.*?(?:原文链接|原文連結|原文|来源|來源|出处|出處))\s*[:：]?\s*<?(?P<url>https?://[^\s<>]+)>?"
    r"(?:\s+[^\s:]+)?\s*$"  # "...is-fixing- relations-with-america": an address a PDF's conversion broke in two
)
ADDRESS_CREDIT_WORDS = 10


FUNCTION_WORDS = frozenset("the a an to in on for with at by from is are was as of and or takes take".split())


SITE_NAME_PARTS = re.compile(r"\s+(?:\||-|–|—|::|»|·)\s+")


WEB_ADDRESS = re.compile(r"(?i)\s*https?://\S+\s*$")
HOST_NAME = re.compile(r"(?i)(?:[a-z0-9-]+\.)+[a-z]{2,}")  # "Sbnation.com": a name that is a web address


# "© Thomson Reuters 2021", "Copyright 2017 United Press International", "(c) AFP": the holder is group "name"
COPYRIGHT_LINE = re.compile(
    r"(?i)^(?:(?:©|\(c\)|copyright)\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?[\s,]*)?(?P<name>[^\d©]+?)"
    r"[\s,.]*(?:\d{4})?[\s,.]*(?:all rights reserved)?[\s.]*$"
)


# ", Ltd.", " Inc.", " Co., Ltd.": the company's legal form after an outlet's name in its copyright notice
COMPANY_FORM = re.compile(r"(?i)[\s,]+(?:co\.,?\s*)?(?:ltd|limited|inc|llc|corp|corporation|plc)\.?$")


def known_outlet(name: str, rules: ReadingRules) -> str | None:
    """The canonical name of a known outlet, spaced or not ("RadioFreeEurope/RadioLiberty")."""
    names = rules.outlet_names
    key = outlet_key(name)
    return names.get(key) or names.get(key.replace(" ", ""))


# An outlet's desk, named after it in its own credits: "New York (CNN Business)", "By Jane Doe, BBC Sport"
DESK_WORDS = frozenset("business politics money sport sports tech technology travel health world opinion".split())


def credited_outlet(name: str, rules: ReadingRules) -> str | None:
    """The known outlet a credit names, or whose desk it names ("CNN Business", when that is no outlet of its
    own); only in a credit, where "National Politics" over a headline cannot stand."""
    if found := known_outlet(name, rules):
        return found
    head, _, last = outlet_key(name).rpartition(" ")
    return known_outlet(head, rules) if head and last in DESK_WORDS else None


# "Google News (UK)", "Yahoo News - Canada": an outlet's regional edition, named after it
EDITION = re.compile(r"\s*(?:\([^()]{1,20}\)|[-–—|]\s+[^-–—|]{1,20})$")


def is_aggregator(name: str | None, rules: ReadingRules) -> bool:
    """An aggregator's name, or one of its editions' ("Google News (UK)"): it republished, so it names no source."""
    if not name:
        return False
    return (known_outlet(name, rules) or known_outlet(EDITION.sub("", name), rules)) in rules.aggregators


def same_outlet(outlet: str, filed: str, rules: ReadingRules) -> bool:
    """The filed source names outlet, or one of its editions ("Al Jazeera English" for Al Jazeera): an author
    field naming it is the outlet's staff, not a wire whose story it republished."""
    return edition_words(outlet, known_outlet(filed, rules) or filed) is not None


def edition_words(outlet: str, name: str) -> list[str] | None:
    """The words name adds to outlet's own name ("Al Jazeera America" -> ["america"], "Al Jazeera" -> []);
    None when name is not outlet's."""
    own, named = outlet_key(outlet), outlet_key(name)
    return named.removeprefix(own).split() if named == own or named.startswith(own + " ") else None


def host_of(url: str | None) -> str | None:
    """The host an address names ("www.reuters.com"), or None: no address, or one urlsplit refuses
    ("http://[broken/..." in a scraper's record) rather than an error that loses the file."""
    if not url or "://" not in url:
        return None
    try:
        return urlsplit(url.strip()).hostname
    except ValueError:
        return None


def outlet_of_address(url: str | None, rules: ReadingRules) -> str | None:
    """The known outlet whose domain an address is on ("https://www.reuters.com/world/..." -> "Reuters"); an edition
    a site keeps under its first folder, when outlets.json names it so ("https://www.bbc.com/mundo/..." -> "BBC
    News Mundo", filed under "bbc.com/mundo")."""
    host = host_of(url)
    if not host:
        return None
    folder = urlsplit(url.strip()).path.strip("/").split("/", 1)[0].lower()
    return (outlet_of_domain(f"{host}/{folder}", rules) if folder else None) or outlet_of_domain(host, rules)


def outlet_of_domain(domain: str, rules: ReadingRules) -> str | None:
    """The outlet whose domain is domain or one of its parents (mail.heraldcorp.com)."""
    parts = domain.lower().split(".")
    for start in range(len(parts) - 1):
        name = rules.outlet_domains.get(".".join(parts[start:]))
        if name:
            return name
    return None


def on_site(host: str, site: str) -> bool:
    """Whether host is site or one of its subdomains ("news.example.com" on "example.com")."""
    return host == site or host.endswith("." + site)


def site_of_address(url: str | None, rules: ReadingRules) -> str | None:
    """The host an article's own address names ("infocom.am"; "www.techxplore.com" and "feeds.techxplore.com"
    are "techxplore.com"), as the last sign of its outlet when outlets.json knows neither the host nor any other sign: a
    journalist filtering by source sees the site rather than nothing. Hosts that are no outlet say
    nothing: an aggregator's, an archive's or a link shortener's, a code host's, an address by
    number and the names kept for examples (example.org) and private networks (localhost, .local)."""
    if url and (inner := EMBEDDED_ADDRESS.search(url)):
        return site_of_address(inner.group(0), rules)  # "https://ghproxy.net/https://raw...": a proxy's, the inner one's
    host = host_of(url)
    if not host or not HOST_NAME.fullmatch(host) or host.rsplit(".", 1)[-1] in RESERVED_TOP_LEVEL:
        return None
    if outlet_of_domain(host, rules) or any(on_site(host, d) for d in NO_OUTLET_HOSTS):
        return None  # a known outlet is found by name elsewhere; an aggregator's host is none
    return _without_service_label(host)


def _without_service_label(host: str) -> str:
    """"www.techxplore.com", "feeds.techxplore.com" -> "techxplore.com": the site, not the server that serves it."""
    return re.sub(r"(?i)^(?:www\d*|m|amp|mobile|feeds?|rss)\.(?=.+\.)", "", host)


EMBEDDED_ADDRESS = re.compile(r"(?<=.)https?://\S+")


def site_as_named(site: str | None, text: str) -> str | None:
    """The name a site's own text gives it where its address is all outlets.json has: "(MENAFN) The United
    States ..." on menafn.com is "MENAFN", "Middle East Monitor" on middleeastmonitor.com; None when the text's
    opening never spells the address's name."""
    label = _host_label(site)
    if not label or len(label) < SITE_LABEL_MIN:
        return None
    for match in CAPITALIZED_RUN.finditer(text[:SITE_NAME_WINDOW]):
        words = match[0].split()
        for start in range(len(words)):
            for end in range(start + 1, len(words) + 1):
                if compact_name(" ".join(words[start:end])) == label:
                    return " ".join(words[start:end])
    return None


SECOND_LEVEL_LABELS = frozenset("co com org net gov ac edu or ne go".split())
SITE_LABEL_MIN = 3  # "ft": too short to be told from a word by its letters alone
SITE_NAME_WINDOW = 2000  # the opening, where a credit or a masthead names the site
# up to six capitalized words in a row ("The Kyiv Independent", "MENAFN", "NK News", "Al-Monitor")
CAPITALIZED_RUN = re.compile(r"\b[A-Z0-9][\w&'’.-]*(?:[ \t]+[A-Z][\w&'’.-]*){0,5}")


# Top-level names that are never a public site (RFC 2606, RFC 6761, and IP-looking hosts end in a digit)
RESERVED_TOP_LEVEL = frozenset("test example invalid localhost local internal lan home corp".split())
# Hosts that serve other sites' pages or files, or that a story links to, so their name is not the article's outlet
NO_OUTLET_HOSTS = frozenset(
    "example.com example.net example.org web.archive.org archive.org archive.ph archive.today archive.is "
    "archive.li github.com githubusercontent.com github.io gitlab.com bitbucket.org t.co bit.ly goo.gl "
    "ow.ly tinyurl.com lnkd.in feedproxy.google.com feedburner.com google.com googleusercontent.com ampproject.org "
    "amazonaws.com cloudfront.net dropbox.com drive.google.com docs.google.com localhost "
    # video, social and reference sites: a story embeds or links them, they do not publish it
    "youtube.com youtu.be vimeo.com twitter.com x.com t.me facebook.com fb.com instagram.com tiktok.com reddit.com "
    "linkedin.com wikipedia.org wikimedia.org imgur.com flickr.com soundcloud.com".split()
)


def _title_case(text: str) -> str:
    """"CHINA TOPIX" -> "China Topix"; two-letter tokens ("NK") stay as they are."""
    def word(token: str) -> str:
        return token if len(token) <= 2 else "-".join(p.capitalize() for p in token.split("-"))

    return " ".join(word(t) for t in text.split())


def masthead_outlet(line: str, rules: ReadingRules) -> str | None:
    """The outlet a page's first line names: a known outlet, or an all-caps brand."""
    known = known_outlet(line, rules)
    if known and word_count(line) <= 6 and spelled_as_named(line, rules):
        return known
    norm = normalize_line(line)
    if (
        not is_all_caps(line)
        or not 1 <= word_count(line) <= 4
        or any(ch.isdigit() or ch in SENTENCE_END + ",;:" for ch in line)
        or is_boilerplate(line, norm, rules)
        or sum(w in rules.section_words for w in norm.split()) * 2 >= word_count(norm)
        or any(w in FUNCTION_WORDS for w in norm.split()[1:])
    ):
        return None
    return _title_case(line)


def outlet_line(line: str, rules: ReadingRules) -> str | None:
    """The outlet a short line of its own names: "KYODO", "(Bloomberg) --", "with the Korea JoongAng Daily"."""
    if word_count(line) > OUTLET_LINE_WORDS or not spelled_as_named(line, rules):
        return None
    return known_outlet(rules.credit_prefix.sub("", normalize_line(line)), rules)


def spelled_as_named(line: str, rules: ReadingRules) -> bool:
    """A line of one word names an outlet only as the outlet spells it, or in capitals ("Slate", "TIME", "REUTERS"):
    with a thousand outlets known, some names are ordinary words, and "slate" or "time" on a line is a label."""
    words = [w.strip(".'’-") for w in re.findall(r"[^\W_][\w.&'’-]*", line)]
    return len(words) != 1 or words[0] in rules.one_word_outlets


def copyright_names(lines: list[str]) -> list[str]:
    """The holders the page's copyright lines name, known outlets or not: "© 2023 The Daily Planet" -> "The Daily
    Planet"."""
    names = []
    for line in lines:
        match = COPYRIGHT_LINE.match(line.strip()) if word_count(line) <= COPYRIGHT_LINE_WORDS else None
        if match:
            names.append(COMPANY_FORM.sub("", match["name"]).strip(" ,."))
    return names


def copyright_holder(line: str, rules: ReadingRules) -> str | None:
    """The known outlet a copyright line names: "© Thomson Reuters 2021" -> "Reuters", "[Copyright The Jiji Press,
    Ltd.]" -> "Jiji Press" (a wire's notice under its story, bracketed, the company's legal form after its name)."""
    line = line.strip()
    if line[:1] + line[-1:] in ("[]", "()"):
        line = line[1:-1]
    match = COPYRIGHT_LINE.match(line) if word_count(line) <= COPYRIGHT_LINE_WORDS else None
    return known_outlet(COMPANY_FORM.sub("", match["name"]), rules) if match else None


def brand_in_furniture(line: str, rules: ReadingRules) -> str | None:
    """The outlet the page's own furniture names: "Get ST's newsletters" -> "The Straits Times"."""
    if word_count(line) > FURNITURE_LINE_WORDS:
        return None
    norm = normalize_line(line)
    for pattern in rules.brand_furniture:
        match = pattern.match(norm)
        if match and (name := rules.furniture_names.get(outlet_key(match["name"]))):
            return name
    return None


def source_from_line(line: str, rules: ReadingRules) -> str | None:
    """The outlet a "Source: ..." line names, or the known outlet of the address a short line gives the story
    as its origin ("原文链接：https://cn.reuters.com/...", "This article was downloaded from https://www.economist.com/...")."""
    if "://" in line and (credited := ADDRESS_CREDIT.match(line)) and word_count(credited["words"]) <= ADDRESS_CREDIT_WORDS:
        return outlet_of_address(credited["url"], rules)
    match = SOURCE_LINE.match(line)
    if not match:
        return None
    name = re.split(r"\s*[|•·]\s*", match["name"])[0].strip()
    if not has_letters(name) or word_count(name) > 6 or ";" in name:
        return None  # "Sources: Tasnim; U.K. Ministry of Defense": a map's or a chart's data, several sources
    return known_outlet(name, rules) or name


WITH_AGENCIES = re.compile(r"(?i)\s*(?:,|\band\b|&|\bwith\b)\s*(?:news\s+|wire\s+)?(?:agencies|wires)\s*$")
ONLY_AGENCIES = re.compile(r"(?i)\s*(?:news\s+|wire\s+)?(?:agencies|wires|agency reports|staff and agencies)\s*\.?\s*")


def plain_outlet(name: str | None, url: str | None, rules: ReadingRules) -> str | None:
    """A site name as an outlet's: "Crude Oil Prices Today | OilPrice.com" -> "OilPrice.com" (the part that is
    a known outlet, or that spells the address's own domain); an aggregator's name is none (it republished)."""
    name = WITH_AGENCIES.sub("", name or "")  # "Al Jazeera and agencies": the outlet, with wire copy it used
    if not name or ONLY_AGENCIES.fullmatch(name):
        return None  # "Source: Agencies": wires unnamed, no outlet
    if WEB_ADDRESS.match(name):  # "source: https://www.reuters.com/world/...": a scraper filed the address
        known = outlet_of_address(name, rules)
        return known if known not in rules.aggregators else None
    parts = [p for p in SITE_NAME_PARTS.split(name) if p.strip()]
    if len(parts) > 1:
        host_label = _domain_label(url)
        name = next(
            (p for p in parts if known_outlet(p, rules)),
            next((p for p in parts if host_label and compact_name(p) in (host_label, f"{host_label}com")), name),
        )
    name = COMPANY_FORM.sub("", name) or name  # "GlobeNewswire, Inc.": the company's legal form is not the outlet's name
    known = (
        known_outlet(name, rules) or outlet_of_host_name(name, rules) or _outlet_and_section(name, rules)
        or _outlet_and_gloss(name, rules)
    )
    if known in rules.aggregators or is_aggregator(name, rules):
        return None
    # A known outlet's other name ("LegitNews", 연합뉴스, "New York Times", "www.reuters.com") is the outlet's own
    # name, so that one outlet is one value of the source facet however each file filed it; an unknown name is
    # kept as written, an address without its server's label ("www.gov.uk" is gov.uk, as its pages' address says).
    if known:
        return known
    name = name.strip()
    return _without_service_label(name) if HOST_NAME.fullmatch(name) else name


def _outlet_and_section(name: str, rules: ReadingRules) -> str | None:
    """"TechCrunch AI", "Reuters World News": a known outlet's name and a section's words after it is the outlet
    (an edition's words, "Al Jazeera English", are not a section's and keep their own name)."""
    words = name.split()
    for end in range(len(words) - 1, 0, -1):
        tail = {w.casefold() for w in words[end:]}
        if tail <= rules.section_words - EDITION_PLACES and (known := known_outlet(" ".join(words[:end]), rules)):
            return known
    return None


def _outlet_and_gloss(name: str, rules: ReadingRules) -> str | None:
    """"AFP (Agence France-Presse), Dubai": a known outlet's name, then its name spelled out or the place it
    filed from, is the outlet."""
    lead = GLOSS.split(name, 1)[0]
    return known_outlet(lead, rules) if lead != name else None


GLOSS = re.compile(r"\s*[(,]")
# Section words that also name an outlet's edition ("POLITICO Europe", "CNN International"), never its section alone
EDITION_PLACES = frozenset(
    "asia asia-pacific pacific europe americas africa oceania middle east west north south international global "
    "national nation local region regions".split()
)


def outlet_of_host_name(name: str, rules: ReadingRules) -> str | None:
    """"Sbnation.com", "www.reuters.com": a source filed under the site's address (NewsAPI does), or a page title's
    suffix ("... - CNN.com"), is the outlet whose domain it is, when outlets.json knows it."""
    name = name.strip().lower()
    return outlet_of_domain(name.removeprefix("www."), rules) if HOST_NAME.fullmatch(name) else None


def compact_name(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def _domain_label(url: str | None) -> str | None:
    """"oilprice" for https://oilprice.com/...: the name a site's address gives it."""
    return _host_label(host_of(url))


def _host_label(host: str | None) -> str | None:
    """"oilprice" for oilprice.com, "lakesidegazette" for www.lakeside-gazette.co.uk (the name is before "co")."""
    labels = host.split(".") if host else []
    if len(labels) >= 3 and labels[-2] in SECOND_LEVEL_LABELS:
        labels = labels[:-1]
    return compact_name(labels[-2]) if len(labels) >= 2 else None


def sender_outlet(sender: str, rules: ReadingRules) -> tuple[str | None, str]:
    """A message's From ("The Daily Planet <news@planet.example>"): (the known outlet its display name or its
    address's domain names, else None; the display name as written)."""
    name, address = parseaddr(sender)
    name = " ".join(name.split())
    domain = address.rpartition("@")[2].lower()
    return known_outlet(name, rules) or (outlet_of_domain(domain, rules) if domain else None), name
