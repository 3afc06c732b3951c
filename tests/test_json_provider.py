"""web/json_provider.py: the app's JSON answers are the bytes Flask's own provider wrote, only sooner."""

import dataclasses
import datetime
import enum
import math
from collections import Counter, OrderedDict

import pytest
from flask import Flask
from flask.json.provider import DefaultJSONProvider
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from searchapp.web.json_provider import COMPACT, OrjsonProvider


@dataclasses.dataclass
class Pair:
    b: int
    a: str


class Size(enum.IntEnum):
    LARGE = 3


class Colour(str, enum.Enum):
    RED = "red"


@pytest.fixture(scope="module")
def providers():
    app = Flask(__name__)
    return OrjsonProvider(app), DefaultJSONProvider(app)


LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()  # past 64 bits too, which orjson refuses
    | st.floats(allow_nan=False, allow_infinity=False)  # under 1e-4 too, which orjson writes its own way
    | st.text(st.characters(codec=None))  # every code point: accents, CJK, emoji, "\x7f", lone surrogates
    | st.dates()
    | st.datetimes(timezones=st.just(datetime.timezone.utc))
    | st.decimals(allow_nan=False)
    | st.builds(Markup, st.text())
    | st.builds(Pair, st.integers(), st.text())
)
VALUES = st.recursive(
    LEAVES,
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.text(st.characters(codec=None), max_size=5), children, max_size=5),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_compact_dumps_are_the_standard_encoders_bytes(providers, value):
    fast, standard = providers
    assert fast.dumps(value, separators=COMPACT) == standard.dumps(value, separators=COMPACT)


@pytest.mark.parametrize(
    "value",
    [
        {"b": 1, "a": {"d": "é", "c": "中文 😀 \u2028 \x7f"}},
        [1.5e-05, 1.5e-07, 0.0001, 1e16, 1e-10, -0.0, 2**70, "\ud800"],
        {"title": "Taro Kōno: \"Japan\" <mark>&</mark>\n", "years": {2016: 3, 1987: 1}},
        [[[[[[[[[[]]]]]]]]]] * 3,
        [MultiDict([("a", "1"), ("a", "2")]), OrderedDict(b=1, a=2), Counter("aab"), Size.LARGE, Colour.RED],
    ],
)
def test_the_values_orjson_writes_differently_or_refuses(providers, value):
    fast, standard = providers
    assert fast.dumps(value, separators=COMPACT) == standard.dumps(value, separators=COMPACT)


def test_other_dumps_keep_the_standard_encoder(providers):
    """Templates' tojson and debug mode ask for other separators or an indent."""
    fast, standard = providers
    value = {"b": [1, 2], "a": "é"}
    assert fast.dumps(value) == standard.dumps(value) == '{"a": "\\u00e9", "b": [1, 2]}'
    assert fast.dumps(value, indent=2) == standard.dumps(value, indent=2)


def test_a_float_that_is_not_a_number_is_null(providers):
    """The one difference: NaN and infinities, which JSON has no word for, are null, not the NaN parsers refuse."""
    fast, _ = providers
    assert fast.dumps([math.nan, math.inf], separators=COMPACT) == "[null,null]"


def test_a_value_neither_encoder_knows_is_a_type_error(providers):
    fast, _ = providers
    with pytest.raises(TypeError):
        fast.dumps({"when": datetime.time(12, 0)}, separators=COMPACT)


def test_the_app_answers_with_it(app, client):
    """A real answer with accented and CJK text: the bytes Flask's own provider would have written."""
    assert isinstance(app.json, OrjsonProvider)
    escaped = 0
    for path in ("/api/search?q=", "/api/search?q=minister&per_page=50", "/api/officials?prefix="):
        response = client.get(path)
        assert response.status_code == 200
        body = response.get_data(as_text=True)
        assert body == DefaultJSONProvider(app).dumps(response.get_json(), separators=COMPACT) + "\n"
        escaped += "\\u2019" in body  # the seed articles' curly quotes, escaped as before
    assert escaped
