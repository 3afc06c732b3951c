"""The API described: /api/openapi.json (OpenAPI 3.1) for tools, /api the same description for people.

The operations are listed here with runnable examples: a named example's
parameters (on the parameters) and its answer (on the response of the same name),
as OpenAPI's convention pairs them. tests/test_openapi.py runs every example
against the app and checks that every route under /api and /feeds is described
and every described path is a route, so the description cannot drift from the code.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from flask import Blueprint, jsonify, render_template, request

from searchapp.engine import FACET_FIELDS, SORTS
from searchapp.engine.histogram import INTERVALS
from searchapp.web.exports import use_api_errors
from searchapp.web.meetings import MAX_OFFICIALS
from searchapp.web.feeds import FEED_SIZE
from searchapp.web.openapi_schemas import MEETINGS
from searchapp.web.openapi_schemas import (
    ARTICLE, ATOM, COUNTRY, CSV, FACET_VALUES, OFFICIAL, OFFICIALS, ROW, SEARCH_RESULT, ref, schemas,
)
from searchapp.web.params import MAX_FACET_VALUES, MAX_FILTER_VALUES, MAX_PER_PAGE, MAX_PREFIX_CHARS, MAX_QUERY_CHARS

bp = Blueprint("openapi", __name__, url_prefix="/api")
use_api_errors(bp)  # bad parameters and the rest answered as the API answers them

EXAMPLE_ID = "000_6a20b7476f037617.txt"  # an article of the seed archive (tests/data/seed), which the examples run on
SECURITY_NOTE = (
    "Open to anyone who can connect while the archive has no users or tokens (it then serves this machine only). "
    "Once USERS or API_TOKENS is configured every call needs `Authorization: Bearer <token>` "
    "(or a signed-in session); without one the answer is 401."
)


def init_app(app):
    app.register_blueprint(bp)


@bp.get("/openapi.json")
def description_json():
    return jsonify(description())


@bp.get("")
def reference_page():
    """The description as a page: each endpoint, its parameters, answers and runnable examples."""
    doc = description()
    return render_template("api_reference.html", info=doc["info"], operations=operations_of(doc),
                           schemas=schemas_of(doc), security_note=SECURITY_NOTE)


# --- the operations -----------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """A request (parameter -> value, a list for a repeated one) and its answer."""

    name: str
    summary: str
    params: dict
    status: int
    value: object = None


@dataclass
class Operation:
    path: str
    id: str
    tag: str
    summary: str
    description: str
    parameters: list[dict]
    media_type: str  # of the 200 answer
    schema: dict
    examples: list[Example]
    errors: tuple[int, ...] = (401,)
    extra: dict = field(default_factory=dict)  # more keys for the 200 answer's media type


def param(name: str, schema: dict, description: str, where: str = "query", **more) -> dict:
    repeated = schema.get("type") == "array"
    return {"name": name, "in": where, "description": description, "schema": schema,
            **({"style": "form", "explode": True} if repeated else {}), **more}


def search_parameters(pages: bool = True) -> list[dict]:
    """The parameters of a search: the same for the API, the exports and the feed (which ignores sort)."""
    text = {"type": "string"}
    params = [param("q", {"type": "string", "maxLength": MAX_QUERY_CHARS},
                    "The query: words, AND/OR/NOT, \"phrases\", field:value, wildcards*, fuzzy~. Empty: every article.")]
    for name in FACET_FIELDS:
        note, item = (' (four digits, or "undated")', YEAR) if name == "year" else ("", text)
        params.append(param(name, {"type": "array", "items": item},
                            f"Only articles with this {name}{note}; repeat it for more, every value must match "
                            "(any case or accent, or another name the knowledge has for it)."))
        params.append(param(f"{name}_any", {"type": "array", "items": item},
                            f"Only articles with at least one of these {name} values{note}; the {name} facet is then "
                            "counted as if they were not chosen, to show what choosing another would add."))
        params.append(param(f"{name}_not", {"type": "array", "items": item},
                            f"No article with any of these {name} values{note}. The values of every facet and mode "
                            f"together: at most {MAX_FILTER_VALUES}."))
    params += [
        param("from", text, 'Dated on or after: any form a person writes, "2021", "April 2021", "2021-04-03".'),
        param("to", text, "Dated on or before; a year or month means its last day."),
        param("sort", {"type": "string", "enum": ["", *SORTS]},
              "Default (also when empty, as the search page's form sends it): relevance with a query, newest without."),
    ]
    if pages:
        params += [
            param("page", {"type": "integer", "minimum": 1, "default": 1}, "1-based page number."),
            param("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 20}, "Hits a page."),
        ]
    return params


INTERVAL = param("interval", {"type": "string", "enum": list(INTERVALS)},
                 "The histogram's periods; default: month when the matches span three years or less, else year.")
YEAR = {"type": "string", "pattern": "^([0-9]{4}|[Uu][Nn][Dd][Aa][Tt][Ee][Dd])$"}
THAAD = {"q": "THAAD"}
BAD_SORT = Example("bad_sort", "A sort that does not exist", {"sort": "sideways"}, 400,
                   {"error": {"code": "bad_sort", "message": "sort must be one of relevance, newest, oldest, not 'sideways'"}})
BAD_DATE = Example("bad_date", "A date that cannot be read", {"from": "someday"}, 400,
                   {"error": {"code": "bad_date", "message": "from: cannot read 'someday' as a date"}})


def operations() -> list[Operation]:
    """Every endpoint the app serves, as data: one list, longer than a function should be because it is a
    table (one entry an operation), which reads best whole; tests/test_openapi.py checks it against the routes."""
    export_note = ("Every match, streamed in the search's order (no per_page cap); the same parameters and 400s "
                   "as /api/search, page and per_page ignored. X-Total-Count says how many rows to expect.")
    row_schema = {"type": "string", "description": "rows as described by ExportRow"}
    return [
        Operation("/api/search", "search", "search", "Search the archive",
                  "One page of hits, with facet counts over every match.", [*search_parameters(), INTERVAL], "application/json",
                  ref("SearchResult"), [
                      Example("thaad", "Articles about THAAD that mention China", THAAD | {"country": ["China"]}, 200,
                              SEARCH_RESULT), BAD_SORT], errors=(400, 401, 503)),
        Operation("/api/facets/{facet}", "facetValues", "search", "Search one facet's values",
                  "The values of one facet a word of which starts with prefix, in any case or accent (\"ki\" finds "
                  "Kim Jong Un and Shigeru Kitamura), or that the prefix names (\"dprk\": North Korea); counted within "
                  "the search the other parameters give, as /api/search counts them; most frequent first.",
                  [param("facet", {"type": "string", "enum": list(FACET_FIELDS)}, "The facet.", "path", required=True),
                   param("prefix", {"type": "string", "maxLength": MAX_PREFIX_CHARS},
                         "The start of a word of the value; empty: every value."),
                   param("limit", {"type": "integer", "minimum": 1, "maximum": MAX_FACET_VALUES, "default": 20},
                         "Values at most."),
                   *search_parameters()], "application/json", ref("FacetValues"), [
                      Example("officials", "Officials whose names have a word starting with ki",
                              {"facet": "official", "prefix": "ki"}, 200, FACET_VALUES),
                      Example("bad_limit", "A limit out of bounds", {"facet": "official", "limit": "0"}, 400,
                              {"error": {"code": "bad_limit", "message": "limit must be a whole number from 1 to 100, not '0'"}}),
                      Example("unknown_facet", "No such facet", {"facet": "officials"}, 404,
                              {"error": {"code": "not_found", "message": "no facet 'officials': one of country, official, "
                                                                         "topic, source, year"}})],
                  errors=(400, 404, 401, 503)),
        Operation("/api/meetings", "meetings", "articles", "Who met whom",
                  "Meetings the articles report (\"X met Y\", \"held talks with\", \"spoke by phone\", ...), each with "
                  "its participants, date, place, the sentence that says so and its article; newest first, undated last.",
                  [param("official", {"type": "array", "items": {"type": "string", "maxLength": 200}},
                         f"Only meetings this official took part in (any case, or a name the knowledge has); repeat it: all of them, "
                         f"at most {MAX_OFFICIALS}."),
                   param("country", {"type": "string", "maxLength": 200},
                         "Only meetings with a participant of this country, or in an article about it."),
                   param("from", {"type": "string"}, "Held on or after (as /api/search reads dates)."),
                   param("to", {"type": "string"}, "Held on or before."),
                   param("page", {"type": "integer", "minimum": 1, "default": 1}, "1-based page number."),
                   param("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 20}, "Meetings a page.")],
                  "application/json", ref("MeetingList"), [
                      Example("official", "Wang Yi's meetings", {"official": ["Wang Yi"]}, 200, MEETINGS),
                      BAD_DATE], errors=(400, 401, 503)),
        Operation("/api/articles/{id}", "article", "articles", "One article whole",
                  "The article with its facets and the passages that gave them.",
                  [param("id", {"type": "string"}, "The article id (an archive path): percent-quote all but '/'.",
                         "path", required=True)], "application/json", ref("Article"), [
                      Example("article", "An article of the archive", {"id": EXAMPLE_ID}, 200, ARTICLE),
                      Example("unknown", "No such article", {"id": "no/such/article.txt"}, 404,
                              {"error": {"code": "not_found", "message": "no article with id 'no/such/article.txt'"}})],
                  errors=(404, 401, 503)),
        *official_operations(),
        *country_operations(),
        Operation("/api/search.csv", "searchCsv", "exports", "Every match as CSV",
                  export_note + " UTF-8 with a header row.", search_parameters(pages=False), "text/csv", row_schema,
                  [Example("thaad", "Every THAAD article", THAAD, 200, CSV), BAD_DATE], errors=(400, 401, 503),
                  extra={"x-item-schema": ref("ExportRow")}),
        Operation("/api/search.jsonl", "searchJsonl", "exports", "Every match as JSON Lines",
                  export_note + " One ExportRow a line.", search_parameters(pages=False), "application/x-ndjson",
                  row_schema, [Example("thaad", "Every THAAD article, newest first", THAAD | {"sort": "newest"}, 200,
                                       json.dumps(ROW, ensure_ascii=False) + "\n"), BAD_SORT],
                  errors=(400, 401, 503), extra={"x-item-schema": ref("ExportRow")}),
        Operation("/feeds/search.atom", "searchFeed", "feeds", "A search as an Atom feed, for alerts",
                  f"The latest {FEED_SIZE} matches, newest first (sort, page and per_page are ignored). Entry ids "
                  "are stable across reindexes; the feed id is the same for the same search.",
                  search_parameters(pages=False)[:-1], "application/atom+xml", {"type": "string"},
                  [Example("thaad", "Alerts for THAAD", THAAD, 200, ATOM), BAD_DATE], errors=(400, 401, 503)),
        Operation("/api/openapi.json", "description", "description", "This description", "OpenAPI 3.1.", [],
                  "application/json", ref("Description"), [
                      Example("description", "The description", {}, 200,
                              {"openapi": "3.1.0", "info": {"title": "Newsroom search", "version": "1"}, "paths": {}})]),
        Operation("/api", "reference", "description", "This description, for people", "An HTML page.", [],
                  "text/html", {"type": "string"}, [Example("page", "The page", {}, 200, "<!doctype html>…")]),
    ]


def official_operations() -> list[Operation]:
    """/api/officials/{name} and /api/officials (web/officials.py)."""
    return [
        Operation("/api/officials/{name}", "official", "officials", "One official",
                  "Country, roles with dates and aliases (from the knowledge), article count, first and last mention, "
                  "the histogram, the officials and countries most often in the same articles, the newest articles.",
                  [param("name", {"type": "string"}, "The official's name, or an alias the knowledge has (any case).",
                         "path", required=True)], "application/json", ref("Official"), [
                      Example("official", "An official of the archive", {"name": "Wang Yi"}, 200, OFFICIAL),
                      Example("unknown", "No such official", {"name": "Nobody Known"}, 404,
                              {"error": {"code": "not_found",
                                         "message": "no official named 'Nobody Known' in the archive or the knowledge"}})],
                  errors=(404, 401, 503)),
        Operation("/api/officials", "officials", "officials", "Officials with their article counts",
                  "Every official of the archive, most mentioned first; prefix= keeps those with a word starting so.",
                  [param("prefix", {"type": "string", "maxLength": 100},
                         "The start of any word of the name, any case or accents: 'wang', 'yi', 'suk'.")],
                  "application/json", ref("OfficialList"), [
                      Example("prefix", "Officials with a word starting 'wang'", {"prefix": "wang"}, 200, OFFICIALS),
                      Example("long_prefix", "A prefix longer than any name's start", {"prefix": "x" * 101}, 400,
                              {"error": {"code": "bad_prefix", "message": "prefix must be at most 100 characters"}})],
                  errors=(400, 401, 503)),
    ]


def country_operations() -> list[Operation]:
    """/api/countries/{name} (web/countries.py)."""
    return [
        Operation("/api/countries/{name}", "country", "countries", "One country",
                  "The knowledge's name, article count, first and last mention, the histogram, its officials in the "
                  "archive, its most frequent partners (country_pair counts, as the other country), the newest articles.",
                  [param("name", {"type": "string"}, "The country's name, or a form the knowledge has (any case or "
                         "accents): 'dprk' is North Korea.", "path", required=True)], "application/json", ref("Country"), [
                      Example("country", "A country of the archive", {"name": "south korea"}, 200, COUNTRY),
                      Example("unknown", "No such country", {"name": "Atlantis"}, 404,
                              {"error": {"code": "not_found", "message": "no country named 'Atlantis' in the knowledge"}})],
                  errors=(404, 401, 503)),
    ]


# --- the description ------------------------------------------------------------


def description() -> dict:
    paths: dict[str, dict] = {}
    for op in operations():
        paths.setdefault(op.path, {})["get"] = operation_object(op)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Newsroom search",
            "version": "1",
            "summary": "Keyword and facet search over a newsroom's archive: results, articles, exports and feeds.",
            "description": "Keys may be added to answers, never renamed. Bad parameters are 400 and an unknown "
                           "article 404, both as {\"error\": {\"code\", \"message\"}}; no input gives a 500. "
                           + SECURITY_NOTE,
        },
        "servers": [{"url": request.script_root or "/"}],
        "security": [{}, {"bearerToken": []}],
        "tags": [{"name": name} for name in ("search", "articles", "officials", "countries", "exports", "feeds", "description")],
        "paths": paths,
        "components": {
            "schemas": schemas(),
            "responses": {
                "Unauthorized": error_response("No credential, with users or tokens configured", [
                    Example("no_token", "No token sent", {}, 401,
                            {"error": {"code": "unauthorized", "message": "send an API token: Authorization: Bearer <token>"}})]),
                "NoIndex": error_response("No index yet: run `flask reindex`", [
                    Example("no_index", "Before the first reindex", {}, 503, {"error": {
                        "code": "no_index", "message": "There is no index yet: run `flask --app searchapp reindex`."}})]),
            },
            "securitySchemes": {"bearerToken": {"type": "http", "scheme": "bearer", "description": SECURITY_NOTE}},
        },
    }


def operation_object(op: Operation) -> dict:
    parameters = copy.deepcopy(op.parameters)
    by_name = {p["name"]: p for p in parameters}
    for example in op.examples:
        for name, value in example.params.items():
            by_name[name].setdefault("examples", {})[example.name] = {"value": value}
    ok = [e for e in op.examples if e.status == 200]
    responses = {"200": {"description": op.summary, "content": {op.media_type: {
        "schema": op.schema, **op.extra, "examples": named(ok)}}}}
    for status in op.errors:
        if status == 401:
            responses["401"] = {"$ref": "#/components/responses/Unauthorized"}
        elif status == 503:
            responses["503"] = {"$ref": "#/components/responses/NoIndex"}
        else:
            reason = {400: "A parameter that cannot be used", 404: f"No such {op.tag.rstrip('s')}"}[status]
            responses[str(status)] = error_response(reason, [e for e in op.examples if e.status == status])
    return {"operationId": op.id, "tags": [op.tag], "summary": op.summary, "description": op.description,
            "parameters": parameters, "responses": responses}


def named(examples: list[Example]) -> dict:
    return {e.name: {"summary": e.summary, "value": e.value} for e in examples}


def error_response(description: str, examples: list[Example]) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": ref("Error"), "examples": named(examples)}}}


# --- the page -------------------------------------------------------------------


def operations_of(doc: dict) -> list[dict]:
    """What the page shows of each operation: its parameters, and each answer with its examples as links."""
    shown = []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            params = op.get("parameters", [])
            responses = []
            for status, response in op["responses"].items():
                response = resolve(doc, response)
                for media_type, content in response.get("content", {}).items():
                    examples = [
                        {"name": name, "summary": ex.get("summary", ""), "url": example_url(path, params, name),
                         "value": ex["value"] if isinstance(ex["value"], str) else json.dumps(ex["value"], indent=2, ensure_ascii=False)}
                        for name, ex in content.get("examples", {}).items()
                    ]
                    responses.append({"status": status, "description": response["description"],
                                      "media_type": media_type, "examples": examples})
            shown.append({"method": method.upper(), "path": path, "summary": op["summary"], "description": op["description"],
                          "parameters": [dict(p, type=type_text(p["schema"])) for p in params], "responses": responses})
    return shown


def schemas_of(doc: dict) -> list[dict]:
    return [
        {"name": name, "description": schema.get("description", ""),
         "properties": [(key, type_text(value), value.get("description", "")) for key, value in schema.get("properties", {}).items()]}
        for name, schema in doc["components"]["schemas"].items()
    ]


def resolve(doc: dict, node: dict) -> dict:
    """node, or what its local $ref points to."""
    if "$ref" not in node:
        return node
    for part in node["$ref"].removeprefix("#/").split("/"):
        doc = doc[part]
    return doc


def example_url(path: str, params: list[dict], name: str) -> str:
    """The request of the named example: its path parameters filled in, its query parameters appended."""
    query = []
    for p in params:
        if name not in p.get("examples", {}):
            if p["in"] == "path" and "enum" in p["schema"]:  # a shared example (401, 503) on a fixed set of paths
                path = path.replace("{" + p["name"] + "}", quote(p["schema"]["enum"][0], safe="/"))
            continue
        value = p["examples"][name]["value"]
        if p["in"] == "path":
            path = path.replace("{" + p["name"] + "}", quote(value, safe="/"))
        else:
            query += [(p["name"], v) for v in (value if isinstance(value, list) else [value])]
    return request.script_root + path + ("?" + urlencode(query) if query else "")


def type_text(schema: dict) -> str:
    """A schema in a few words: "string", "list of FacetValue", "one of relevance, newest, oldest"."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[1]
    if "enum" in schema:
        return "one of " + ", ".join("null" if v is None else str(v) for v in schema["enum"])
    kind = schema.get("type", "object")
    if kind == "array":
        return "list of " + type_text(schema.get("items", {}))
    if isinstance(kind, list):
        return " or ".join(kind)
    bounds = [f"{word} {schema[key]}" for key, word in (("minimum", "≥"), ("maximum", "≤")) if key in schema]
    return " ".join([kind, *bounds])
