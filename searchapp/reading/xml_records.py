"""XML files that are not feeds: a site's or a tool's export of articles (<items><item><title>...),
read as records. The element repeated most under one parent, with a headline among its children,
is one article each; its child elements are its fields, named as the tool named them, and the
record reader (record_fields.py) finds the title, date, text and address among them as it does
in a JSON dump. A file of one such element is one article. The agencies' standards (NewsML, NITF)
say where each field is: newsml.py reads them.
"""

from __future__ import annotations

from lxml import etree

from searchapp.reading.html import XML_DECLARATION
from searchapp.reading.model import ReadResult, Skip
from searchapp.reading.newsml import is_newsml, newsml_records
from searchapp.reading.record_fields import FIELD_NAMES, comparable
from searchapp.reading.records import read_values
from searchapp.reading.rules import ReadingRules

# No entities, DTDs or network: an export's markup is read, never followed; a broken one as far as it goes.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True, huge_tree=False)
TITLE_TAGS = frozenset(map(comparable, FIELD_NAMES["title"]))
# Children that make an element a text written in HTML (<body><p>...</p><p>...</p></body>), not fields.
MARKUP_TAGS = frozenset("p br b i em strong a span div ul ol li blockquote h2 h3 h4 figure img".split())
SEARCH_DEPTH = 4  # levels under the root where the repeated element is looked for


def read_xml(text: str, rel: str, boilerplate: frozenset[str], rules: ReadingRules, result: ReadResult) -> None:
    try:
        root = etree.fromstring(XML_DECLARATION.sub("", text, count=1).encode("utf-8"), parser=PARSER)
    except etree.XMLSyntaxError as exc:
        result.skipped.append(Skip(rel, f"not well-formed XML: {exc}"))
        return
    if root is None:
        result.skipped.append(Skip(rel, "not XML: no element in the file"))
        return
    if is_newsml(root):  # an agency's NewsML or NITF: the standard says where each field is
        if not (records := newsml_records(root)):
            result.skipped.append(Skip(rel, "NewsML with no news item"))
            return
        read_values(records, rel, boilerplate, rules, result)
        return
    items = _repeated_items(root)
    if not items and not _has_title(root):
        result.skipped.append(Skip(rel, "XML with no articles: no element with a title, repeated or alone"))
        return
    read_values([_value(item) for item in items] if items else [_value(root)], rel, boilerplate, rules, result)


def _repeated_items(root: etree._Element) -> list[etree._Element]:
    """The children of one parent that share a tag and each hold a title, the most of them in the file."""
    best: list[etree._Element] = []
    level = [root]
    for _ in range(SEARCH_DEPTH):
        for parent in level:
            groups: dict[str, list[etree._Element]] = {}
            for child in _elements(parent):
                groups.setdefault(_name(child), []).append(child)
            for group in groups.values():
                if len(group) >= 2 and len(group) > len(best) and all(_has_title(item) for item in group):
                    best = group
        level = [child for parent in level for child in _elements(parent)]
    return best


def _has_title(element: etree._Element) -> bool:
    return any(comparable(_name(child)) in TITLE_TAGS for child in _elements(element))


def _value(element: etree._Element) -> object:
    """An element as a record's value: its children as fields (a repeated one as a list), else its text, else
    its address (<link href="...">)."""
    children = _elements(element)
    if children and all(_name(child).lower() in MARKUP_TAGS for child in children):
        return (element.text or "") + "".join(etree.tostring(c, encoding="unicode") for c in children)  # HTML text
    if not children:
        text = "".join(element.itertext()).strip()
        return text or element.get("href") or ""
    fields: dict[str, object] = {}
    for child in children:
        name, value = _name(child), _value(child)
        if name in fields:
            fields[name] = [*(fields[name] if isinstance(fields[name], list) else [fields[name]]), value]
        else:
            fields[name] = value
    return fields


def _elements(element: etree._Element) -> list[etree._Element]:
    return [child for child in element if isinstance(child.tag, str)]  # not comments or processing instructions


def _name(element: etree._Element) -> str:
    return etree.QName(element).localname
