"""The OpenAPI description: valid 3.1, every route described and nothing else, every example run against the app."""

import copy
import csv
import io
import json
import re
import shutil
import tempfile
from pathlib import Path

import feedparser
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from searchapp import create_app
from searchapp.engine import FACET_FIELDS
from searchapp.web import auth, openapi
from searchapp.web.exports import COLUMNS

TOKEN = "openapi-test-token"
MACHINE_RULE = re.compile(r"^/(api|feeds)(/|$)")


def description(app) -> dict:
    with app.test_request_context("/api/openapi.json"):
        return openapi.description()


def described_examples():
    """(operation id, path, status, media type, example name) of every example of every answer."""
    with create_app({"TESTING": True}).test_request_context():
        doc = openapi.description()
    for path, item in doc["paths"].items():
        for op in item.values():
            for status, response in op["responses"].items():
                for media_type, content in openapi.resolve(doc, response)["content"].items():
                    for name in content["examples"]:
                        yield pytest.param(path, status, media_type, name, id=f"{op['operationId']}-{status}-{name}")


EXAMPLES = list(described_examples())


def strict(node):
    """The schemas with no undescribed key allowed: an answer's every key must be in the description."""
    if isinstance(node, dict):
        node = {k: strict(v) for k, v in node.items()}
        if "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
    elif isinstance(node, list):
        node = [strict(v) for v in node]
    return node


@pytest.fixture(scope="module")
def doc():
    return description(create_app({"TESTING": True}))


@pytest.fixture(scope="module")
def validator_for(doc):
    registry = Registry().with_resource("urn:doc", Resource.from_contents(strict(doc), default_specification=DRAFT202012))

    def validator(schema: dict) -> Draft202012Validator:
        if "$ref" in schema:
            schema = {"$ref": "urn:doc" + schema["$ref"]}
        return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)

    return validator


def test_the_description_is_valid_openapi_3_1(client):
    served = client.get("/api/openapi.json").get_json()
    assert served["openapi"] == "3.1.0"
    validate(served)


def test_every_route_under_api_and_feeds_is_described_and_nothing_else(app, doc):
    routes = {
        (re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule), method.lower())
        for rule in app.url_map.iter_rules() if MACHINE_RULE.match(rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    described = {(path, method) for path, item in doc["paths"].items() for method in item}
    assert described == routes


def test_every_facet_is_a_described_filter(client, doc):
    """A facet added to the answers must be added to the parameters too."""
    facets = set(client.get("/api/search").get_json()["facets"])
    params = {p["name"] for p in doc["paths"]["/api/search"]["get"]["parameters"]}
    assert facets == set(FACET_FIELDS) and facets <= params


def test_the_export_row_schema_is_the_csv_columns_in_order(doc):
    assert tuple(doc["components"]["schemas"]["ExportRow"]["properties"]) == COLUMNS


@pytest.mark.parametrize("path, status, media_type, name", EXAMPLES)
def test_every_example_value_fits_its_schema(doc, validator_for, path, status, media_type, name):
    op = doc["paths"][path]["get"]
    content = openapi.resolve(doc, op["responses"][status])["content"][media_type]
    value = content["examples"][name]["value"]
    if media_type == "application/json":
        validator_for(content["schema"]).validate(value)
    else:
        assert isinstance(value, str) and value
    if "x-item-schema" in content:
        for row in items(media_type, value):
            validator_for(content["x-item-schema"]).validate(row)


@pytest.fixture
def guarded_client(seed_index):
    app = create_app({"TESTING": True, "INDEX_DIR": str(seed_index[1]), "SECRET_KEY": "test only",
                      "API_TOKENS": {"tester": auth.token_hash(TOKEN)}})
    yield app.test_client()
    if "search" in app.extensions:
        app.extensions["search"].close()


@pytest.mark.parametrize("path, status, media_type, name", EXAMPLES)
def test_every_example_runs_against_the_app(doc, validator_for, client, guarded_client, tmp_path,
                                            path, status, media_type, name):
    """401 examples run with access control on, 503 ones before any index, the rest on the seed archive."""
    if status == "401":
        runner = guarded_client
    elif status == "503":
        runner = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "no-index")}).test_client()
    else:
        runner = client
    op = doc["paths"][path]["get"]
    with runner.application.test_request_context():
        url = openapi.example_url(path, op.get("parameters", []), name)
    response = runner.get(url)
    assert response.status_code == int(status), (url, response.get_data(as_text=True)[:300])
    assert response.mimetype == media_type
    content = openapi.resolve(doc, op["responses"][status])["content"][media_type]
    body = response.get_data(as_text=True)
    if media_type == "application/json":
        validator_for(content["schema"]).validate(json.loads(body))
    elif media_type == "application/atom+xml":
        feed = feedparser.parse(response.get_data())
        assert feed.bozo == 0 and feed.entries
    elif media_type == "text/html":
        assert "<h1>" in body
    for row in items(media_type, body) if "x-item-schema" in content else ():
        validator_for(content["x-item-schema"]).validate(row)
    if "x-item-schema" in content:
        assert len(items(media_type, body)) == int(response.headers["X-Total-Count"]) > 0


def items(media_type: str, text: str) -> list[dict]:
    """The rows of an export: JSON Lines as they are, CSV rows read back into ExportRow objects."""
    if media_type == "application/x-ndjson":
        return [json.loads(line) for line in text.splitlines()]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames) == COLUMNS
    return [csv_item(row) for row in reader]


def csv_item(row: dict) -> dict:
    """A CSV row as the object it stands for: lists split at "; ", the score a number, empty cells null."""
    item = dict(row)
    for name in ("countries", "officials", "topics"):
        item[name] = row[name].split("; ") if row[name] else []
    item["score"] = float(row["score"]) if row["score"] else None
    for name in ("date", "source", "original_url"):
        item[name] = row[name] or None
    return item


def test_undescribed_keys_in_an_answer_fail_the_check(validator_for):
    """The strict check is what keeps the description complete: a key it does not know is an error."""
    answer = copy.deepcopy(openapi.operations()[0].examples[0].value) | {"surprise": 1}
    assert not validator_for({"$ref": "#/components/schemas/SearchResult"}).is_valid(answer)


def test_the_api_page_shows_every_endpoint_with_runnable_examples(client, doc):
    page = client.get("/api")
    assert page.status_code == 200 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    for path in doc["paths"]:
        assert f"<code>GET {path}</code>" in text
    assert 'href="/api/search?q=THAAD&amp;country=China"' in text
    assert 'href="/api/articles/000_6a20b7476f037617.txt"' in text
    for name in doc["components"]["schemas"]:
        assert f'id="schema-{name}"' in text


def test_the_description_and_its_page_need_a_credential_when_access_control_is_on(guarded_client):
    for path in ("/api/openapi.json", "/api"):
        assert guarded_client.get(path).status_code == 401
        assert guarded_client.get(path, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


# --- schemathesis: requests made up from the description, answers checked against it -----------


# The app is made when the module is read (schemathesis reads the description through it then);
# its index folder gets a copy of the seed index before the test runs.
DESCRIBED_ROOT = Path(tempfile.mkdtemp(prefix="openapi-"))
described_app = create_app({"TESTING": True, "INDEX_DIR": str(DESCRIBED_ROOT / "index")})
described_api = schemathesis.openapi.from_wsgi("/api/openapi.json", described_app)


@pytest.fixture(scope="module")
def described_index(seed_index):
    shutil.copytree(seed_index[1], DESCRIBED_ROOT / "index")
    yield
    if "search" in described_app.extensions:
        described_app.extensions["search"].close()
    shutil.rmtree(DESCRIBED_ROOT, ignore_errors=True)


@described_api.parametrize()
@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_made_up_requests_get_described_answers(case, described_index):
    """No 500, every status, media type and JSON answer as described, bad values refused.

    Not checked: that every schema-valid request is accepted, since a free-text parameter
    (from, to, q) cannot say in a schema which texts read as a date or stay within the
    query limits; those are 400s that the description lists.
    """
    case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])
