"""What a web page's scripts say about its article: schema.org items, and app state.

Many news sites render in the browser: the saved page's HTML holds no article text,
only a JSON state the site's scripts would render (Next.js `__NEXT_DATA__`,
Apollo/Redux/Nuxt `window.__STATE__ = {...}`). The article is the object in that
state whose headline is the page's; its paragraphs are the text under it.
"""

from __future__ import annotations

import json
import re
from collections import deque
from typing import Iterable, Iterator

ARTICLE_TYPES = re.compile(r"(?i)article|posting|report|blog")
STATE_ASSIGNMENT = re.compile(r"^\s*(?:window\.|self\.|var\s+|let\s+|const\s+)?[\w.$\[\]'\"]+\s*=\s*(?=[{\[])")
PARAGRAPH_TYPES = frozenset({"p", "paragraph", "h2", "h3", "h4", "blockquote", "li", "text-paragraph"})
TEXT_KEYS = ("data", "text", "value", "content", "html")
MIN_PARAGRAPH_CHARS = 40
MAX_STATE_CHARS = 20_000_000  # a larger script is no page state we read
WRAPPER = re.compile(r"^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$")  # old pages hide scripts from old browsers


def linked_data_items(texts: Iterable[str]) -> Iterator[dict[str, str]]:
    """Headline, datePublished, publisher name and url of the page's schema.org article items, best first."""
    items = []
    for text in texts:
        try:
            data = json.loads(WRAPPER.sub("", text))
        except (json.JSONDecodeError, RecursionError):
            continue
        items.extend(item for item in _nodes(data) if "headline" in item or "datePublished" in item)
    items.sort(key=lambda item: not ARTICLE_TYPES.search(str(item.get("@type", ""))))
    for item in items:
        publisher = item.get("publisher")
        if isinstance(publisher, list):
            publisher = publisher[0] if publisher else None
        found = {
            "headline": item.get("headline"),
            "datePublished": item.get("datePublished"),
            "publisher": publisher.get("name") if isinstance(publisher, dict) else publisher,
            "url": item.get("url") or item.get("mainEntityOfPage"),
        }
        yield {k: " ".join(v.split()) for k, v in found.items() if isinstance(v, str) and v.strip()}


def _nodes(node: object) -> Iterator[dict]:
    """Every object in a JSON-LD document: lists, @graph and nesting."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            yield node
            graph = node.get("@graph")
            if isinstance(graph, list):
                stack.extend(reversed(graph))


def state_paragraphs(scripts: Iterable[str], headline: str) -> list[str]:
    """The paragraphs of the article a script's JSON state holds under the page's headline ([] when none).

    A state may hold the headline in several objects (a route's summary, the article itself):
    the one with the most text under it wins.
    """
    if not headline:
        return []
    key = _fold(headline)
    best: list[str] = []
    for script in scripts:
        for state in _json_states(script):
            for article in _objects_with_headline(state, key):
                found = max((_paragraphs(value) for value in article.values()), key=_size, default=[])
                best = max(best, found, key=_size)
    return best


def _json_states(script: str) -> Iterator[object]:
    """The JSON value a script is, or assigns ("window.__APOLLO_STATE__ = {...};")."""
    if len(script) > MAX_STATE_CHARS:
        return
    text = script.strip()
    match = STATE_ASSIGNMENT.match(text)
    if match:
        text = text[match.end():]
    if not text.startswith(("{", "[")):
        return
    try:
        value, _ = json.JSONDecoder().raw_decode(text)
    except (json.JSONDecodeError, RecursionError):
        return
    yield value


def _objects_with_headline(state: object, key: str) -> Iterator[dict]:
    """The objects (breadth first) whose headline or title is key."""
    queue = deque([state])
    while queue:
        node = queue.popleft()
        if isinstance(node, dict):
            if any(isinstance(node.get(f), str) and _fold(node[f]) == key for f in ("headline", "title")):
                yield node
            queue.extend(node.values())
        elif isinstance(node, list):
            queue.extend(node)


def _paragraphs(node: object) -> list[str]:
    """Paragraph texts under node: typed nodes ({"type": "p", "children": [...]}) or long strings."""
    found: list[str] = []
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if str(node.get("type", "")).casefold() in PARAGRAPH_TYPES:
                text = " ".join("".join(_strings(node)).split())
                if text:
                    found.append(text)
                continue
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, str) and len(node) >= MIN_PARAGRAPH_CHARS and " " in node and "<" not in node:
            found.append(" ".join(node.split()))
    return found


def _strings(node: object) -> Iterator[str]:
    """The text leaves under a paragraph node, in reading order."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key in TEXT_KEYS:
                if isinstance(node.get(key), str):
                    yield node[key]
            children = [v for k, v in node.items() if k not in TEXT_KEYS and isinstance(v, (list, dict))]
            stack.extend(reversed(children))
        elif isinstance(node, list):
            stack.extend(reversed(node))


def _size(paragraphs: list[str]) -> int:
    return sum(len(p) for p in paragraphs)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
