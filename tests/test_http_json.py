"""web/json_provider.py's response(): the body kept as orjson's bytes is the body Flask's own provider writes."""

import pytest
from flask import Flask
from flask.json.provider import DefaultJSONProvider
from hypothesis import given, settings
from hypothesis import strategies as st

from searchapp.web.json_provider import OrjsonProvider, has_small_float
from test_json_provider import VALUES


@pytest.fixture(scope="module")
def providers():
    app = Flask(__name__)  # the providers hold it weakly: kept alive here
    yield OrjsonProvider(app), DefaultJSONProvider(app)
    del app


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_responses_hold_the_standard_encoders_bytes(providers, value):
    fast, standard = providers
    try:
        expected = standard.response(value)
    except TypeError:
        with pytest.raises(TypeError):
            fast.response(value)
        return
    got = fast.response(value)
    assert got.get_data() == expected.get_data()
    assert got.headers == expected.headers


def test_several_values_keywords_and_the_indented_form(providers):
    """Flask's ways of calling jsonify: one value, several (a list), keywords (an object); debug's indent."""
    fast, standard = providers
    for args, kwargs in (((), {}), ((1, "é"), {}), ((), {"b": 1.5e-05, "a": "中"})):
        assert fast.response(*args, **kwargs).get_data() == standard.response(*args, **kwargs).get_data()
    fast.compact = standard.compact = False
    try:
        assert fast.response({"b": 1, "a": 2}).get_data() == standard.response({"b": 1, "a": 2}).get_data()
        assert b"\n  " in fast.response({"b": 1}).get_data()
    finally:
        fast.compact = standard.compact = None


def plain_has_small_float(data: bytes) -> bool:
    """The first way, by slices: has_small_float must agree with it on any bytes."""
    if b"0.0000" in data:
        return True
    at = data.find(b"e-")
    while at != -1:
        if data[at - 1 : at].isdigit() and data[at + 2 : at + 3].isdigit() and not data[at + 3 : at + 4].isdigit():
            return True
        at = data.find(b"e-", at + 2)
    return False


@settings(max_examples=1000, deadline=None)
@given(st.binary() | st.text(alphabet="e-0123456789.x", max_size=12).map(str.encode))
def test_the_small_float_check_agrees_with_the_plain_way(data):
    assert has_small_float(data) == plain_has_small_float(data)


@pytest.mark.parametrize(
    "data, small",
    [(b"1e-5", True), (b"[1.5e-7]", True), (b"e-5", False), (b"1e-", False), (b"1e-10", False),
     (b'"re-elected"', False), (b"0.00001", True), (b"x1e-5e-", True), (b"xe-5", False), (b"1e-05", False)],
)
def test_the_small_float_check_at_the_edges(data, small):
    assert has_small_float(data) is small
