"""Feeds for alerts: any search as an Atom 1.0 feed of its latest matches, newest first.

A journalist's feed reader polls the feed; a new article that matches shows up
as a new entry. Entry ids are tag: URIs made from the article id (its file path
and record key), so a reindex never makes an old article look new; the feed's id
is made from the normalised search, so the same search is the same feed.
Official and country pages have no feeds yet: those pages do not exist yet.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlencode, urljoin, urlsplit

from flask import Blueprint, Response, request
from werkzeug.routing import BuildError

from searchapp import get_service
from searchapp.engine import Hit, SearchRequest
from searchapp.web import api
from searchapp.web.exports import search_link, use_api_errors
from searchapp.web.params import search_limits, search_request

bp = Blueprint("feeds", __name__, url_prefix="/feeds")
use_api_errors(bp)  # bad parameters and the rest answered as the API answers them

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50  # entries: the latest matches
TAG_DATE = "2026"  # the tag: URI's date (RFC 4151); a constant, so ids never change
EPOCH = datetime.date(1970, 1, 1)  # an undated article's Atom date (Atom requires one): stable, and sorts last
# Characters XML 1.0 cannot carry, even escaped (control characters, lone surrogates, U+FFFE/FFFF).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
IGNORED = ("sort", "page", "per_page")  # a feed is always the first FEED_SIZE matches, newest first


def init_app(app):
    app.register_blueprint(bp)


@bp.get("/search.atom")
def search_feed():
    """The latest FEED_SIZE matches of the query string's search; other parameters as /api/search."""
    args = request.args.copy()
    for name in IGNORED:
        args.poplist(name)
    req = dataclasses.replace(search_request(args), sort="newest", page=1, per_page=FEED_SIZE)
    result = get_service().search(req, search_limits())
    feed = atom_feed(req, result.hits)
    response = Response(feed, content_type="application/atom+xml; charset=utf-8")
    response.add_etag()  # a feed reader's next poll is a 304 until something changes
    return response.make_conditional(request)


def atom_feed(req: SearchRequest, hits: list[Hit]) -> bytes:
    authority = tag_authority()
    feed = ET.Element(f"{{{ATOM}}}feed")
    add(feed, "id", f"tag:{authority},{TAG_DATE}:search" + ("?" + normalised(req) if normalised(req) else ""))
    add(feed, "title", f"Newsroom search: {describe(req)}")
    add(feed, "subtitle", f"The latest {FEED_SIZE} articles that match, newest first.")
    add(feed, "updated", atom_date(max((h.date or EPOCH for h in hits), default=EPOCH)))
    add(feed, "link", rel="self", type="application/atom+xml", href=absolute(search_link("feeds.search_feed", IGNORED)))
    add(feed, "link", rel="alternate", type="text/html", href=absolute(search_page()))
    add(add(feed, "author"), "name", "Newsroom search")
    add(feed, "generator", "newsroom-search")
    for hit in hits:
        entry(feed, hit, authority)
    ET.register_namespace("", ATOM)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False)


def entry(feed: ET.Element, hit: Hit, authority: str) -> None:
    node = add(feed, "entry")
    add(node, "id", f"tag:{authority},{TAG_DATE}:article/{quote(hit.id, safe='/', errors='surrogateescape')}")
    add(node, "title", hit.title or hit.id)
    add(node, "updated", atom_date(hit.date or EPOCH))
    if hit.date:
        add(node, "published", atom_date(hit.date))
    if hit.source:
        add(add(node, "author"), "name", hit.source)
    for value in hit.countries + hit.topics:
        add(node, "category", term=value)
    add(node, "link", rel="alternate", type="text/html", href=absolute(api.article_url(hit.id)))
    add(node, "summary", hit.snippet.text, type="text")


def add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element in the Atom namespace, its text and attributes cleaned of what XML cannot hold."""
    node = ET.SubElement(parent, f"{{{ATOM}}}{name}", {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        node.text = xml_text(text)
    return node


def xml_text(text: str) -> str:
    return NOT_XML.sub("", text)


def atom_date(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def tag_authority() -> str:
    """The tag: URI's authority: this app's host name (no port), the same on every poll."""
    return urlsplit("//" + request.host).hostname or "localhost"


def normalised(req: SearchRequest) -> str:
    """The search as canonical query text: filters sorted and case-folded (they match in any case), dates read."""
    pairs = [("q", " ".join(req.q.split()))] if req.q.strip() else []
    for suffix, chosen in (("", req.filters), ("_any", req.any_of), ("_not", req.none_of)):
        for name in sorted(chosen):
            pairs += [(name + suffix, value) for value in sorted({v.casefold() for v in chosen[name]})]
    pairs += [(bound, day.isoformat()) for bound, day in (("from", req.date_from), ("to", req.date_to)) if day]
    return urlencode(pairs)


def describe(req: SearchRequest) -> str:
    """The search in words, for the feed's title."""
    parts = [f"“{req.q}”"] if req.q else []
    parts += [f"{name}: {', '.join(values)}" for name, values in req.filters.items()]
    parts += [f"{name}: any of {', '.join(values)}" for name, values in req.any_of.items()]
    parts += [f"{name}: not {', '.join(values)}" for name, values in req.none_of.items()]
    if req.date_from or req.date_to:
        parts.append(f"dated {req.date_from or '…'} to {req.date_to or '…'}")
    return " · ".join(parts) or "every article"


def search_page() -> str:
    """The HTML search page for this search."""
    try:
        return search_link("web.search_page", IGNORED)
    except BuildError:  # an app without the pages
        return "/"


def absolute(path: str) -> str:
    return urljoin(request.host_url, path)
