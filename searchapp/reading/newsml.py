"""The news agencies' own XML: IPTC's NewsML 1.2 (AFP's and Reuters' older feeds), NewsML-G2 and NITF.

Each news item is turned into a record's fields (headline, date, source, text) and read as a JSON
dump's record is, so titles, dates and sources are judged as everywhere else. The standards name
where each field lives, so nothing here is guessed from element names as xml_records.py must:

- NewsML 1.2: NewsItem > NewsComponent > NewsLines > HeadLine; DateLineDate, FirstCreated or the
  identifier's DateId; the ProviderId (afp.com) or the provider's Party; the text in DataContent,
  plain or NITF. An alert or a flash has no headline: its one line of text is its headline.
- NewsML-G2: newsItem > contentMeta > headline; itemMeta firstCreated/versionCreated, contentMeta
  contentCreated; creditline or the provider's name; the text in contentSet's inlineXML or inlineData.
- NITF: hedline/hl1 or head/title; date.issue or pubdata's date.publication; the copyright's holder
  or the distributor; body.content.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

# Root elements (local names) of the standards read here
NEWSML_ROOTS = frozenset({"NewsML", "newsMessage", "newsItem", "nitf"})
ALERT_TYPES = frozenset({"alert", "flash"})  # NewsItemType FormalName of a one-line item, its text its headline
BLOCK_TAGS = frozenset({"p", "hl1", "hl2", "li", "h1", "h2", "h3", "h4", "td", "blockquote"})


def is_newsml(root: etree._Element) -> bool:
    return _name(root) in NEWSML_ROOTS


def newsml_records(root: etree._Element) -> list[dict[str, str]]:
    """One record a news item: title, date (under its element's name), source and text, each only where the item
    gives it."""
    kind = _name(root)
    if kind == "NewsML":
        return [_newsml_item(item) for item in _all(root, "NewsItem")]
    if kind == "nitf":
        return [_nitf(root)]
    return [_g2_item(item) for item in ([root] if kind == "newsItem" else _all(root, "newsItem"))]


def _newsml_item(item: etree._Element) -> dict[str, str]:
    """A NewsML 1.2 NewsItem."""
    nitf = _first(item, "nitf")
    text = _nitf_text(nitf) if nitf is not None else _blocks(_first(item, "DataContent"))
    title = _text(_first(item, "HeadLine"))
    item_type = _first(item, "NewsItemType")
    kind = item_type.get("FormalName", "").casefold() if item_type is not None else ""
    if not title and kind in ALERT_TYPES and text:
        title = text.split("\n\n", 1)[0]  # the alert's line is its headline, and stays its text
    party = _first(_first(item, "Provider"), "Party")
    return _fields(
        title=title,
        **_dated(item, "DateLineDate", "FirstCreated", "ThisRevisionCreated", "DateId"),
        source=_text(_first(item, "ProviderId")) or (party.get("FormalName", "") if party is not None else ""),
        text=text,
    )


def _g2_item(item: etree._Element) -> dict[str, str]:
    """A NewsML-G2 newsItem."""
    provider = _first(item, "provider")
    content = _first(item, "inlineXML")
    nitf = _first(content, "nitf") if content is not None else None
    if nitf is not None:
        text = _nitf_text(nitf)
    else:
        text = _blocks(content) if content is not None else _text(_first(item, "inlineData"))
    return _fields(
        title=_text(_first(item, "headline")) or (_nitf_title(nitf) if nitf is not None else ""),
        **_dated(item, "contentCreated", "firstCreated", "versionCreated"),
        source=_text(_first(item, "creditline")) or (_provider_name(provider) if provider is not None else ""),
        text=text,
    )


def _nitf(root: etree._Element) -> dict[str, str]:
    """A NITF document of its own."""
    issue, published = _first(root, "date.issue"), _first(root, "pubdata")
    copyright_, distributor = _first(root, "doc.copyright"), _first(root, "distributor")
    issued = issue.get("norm", "") if issue is not None else ""
    return _fields(
        title=_nitf_title(root),
        **({"DateIssue": issued} if issued else
           {"DatePublication": published.get("date.publication", "") if published is not None else ""}),
        source=(copyright_.get("holder", "") if copyright_ is not None else "") or _text(distributor),
        text=_nitf_text(root),
    )


def _nitf_title(nitf: etree._Element) -> str:
    return _text(_first(nitf, "hl1")) or _text(_first(nitf, "title"))


def _nitf_text(nitf: etree._Element) -> str:
    return _blocks(_first(nitf, "body.content"))


def _provider_name(provider: etree._Element) -> str:
    """<provider literal="Reuters"/>, <provider qcode="nprov:AFP"/> or <provider><name>AFP</name></provider>."""
    qcode = provider.get("qcode", "")
    return provider.get("literal", "") or _text(_first(provider, "name")) or qcode.partition(":")[2]


def _fields(**values: str) -> dict[str, str]:
    return {key: value for key, value in values.items() if value}


def _blocks(element: etree._Element | None) -> str:
    """The text of an element a paragraph a block (<p>, <hl2>, ...); its whole text when it has no blocks."""
    if element is None:
        return ""
    blocks = [_lines(e) for e in element.iter() if _name(e) in BLOCK_TAGS]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else _text(element)


def _lines(block: etree._Element) -> str:
    """A block's text, a line a <br>: "Stephen G. Roman<br/>Chairman" is a name above a title, not "RomanChairman"."""
    pieces = []
    for node in block.iter():
        if node is not block and _name(node) == "br":
            pieces.append("\n")
        elif isinstance(node.tag, str):
            pieces.append(node.text or "")
        if node is not block:
            pieces.append(node.tail or "")
    return "\n".join(" ".join(line.split()) for line in "".join(pieces).split("\n") if line.strip())


def _dated(element: etree._Element, *names: str) -> dict[str, str]:
    """{element name: its text} of the first of names the item has: the record reader takes it as the date and
    the article page says which element it came from ("record field FirstCreated")."""
    return next(({name: text} for name in names if (text := _text(_first(element, name)))), {})


def _first(element: etree._Element | None, name: str) -> etree._Element | None:
    """The first element of that local name under element (itself included), found without walking the rest."""
    return next(_all(element, name), None) if element is not None else None


def _all(element: etree._Element, name: str) -> Iterator[etree._Element]:
    return (e for e in element.iter() if isinstance(e.tag, str) and _name(e) == name)


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _name(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""
