"""Query-string parameters read into a SearchRequest at the edge (searchapp/web/params.py), bad ones refused."""

import datetime

import pytest

from searchapp.engine import UNDATED, BadRequest, SearchRequest
from searchapp.web.params import parse_filter_date, read_search_request


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, SearchRequest()),
        ({"q": ["  seoul  "]}, SearchRequest(q="seoul")),
        (
            {"country": ["China", "South Korea", ""], "year": ["2021"], "source": ["Test Wire"]},
            SearchRequest(filters={"country": ("China", "South Korea"), "year": ("2021",), "source": ("Test Wire",)}),
        ),
        ({"country": ["China", "China"]}, SearchRequest(filters={"country": ("China",)})),
        ({"from": ["2021"], "to": ["2021"]}, SearchRequest(date_from=datetime.date(2021, 1, 1), date_to=datetime.date(2021, 12, 31))),
        ({"sort": ["oldest"], "page": ["3"], "per_page": ["100"]}, SearchRequest(sort="oldest", page=3, per_page=100)),
        ({"sort": [""], "page": [""], "per_page": [""]}, SearchRequest()),
        ({"page": ["123456789012345"]}, SearchRequest(page=123456789012345)),
        ({"q": "plain string", "topic": "nuclear"}, SearchRequest(q="plain string", filters={"topic": ("nuclear",)})),
        ({"unknown": ["x"]}, SearchRequest()),
    ],
)
def test_request_from_params(params, expected):
    assert read_search_request(params) == expected


def test_request_from_multidict():
    from werkzeug.datastructures import MultiDict

    args = MultiDict([("q", "talks"), ("country", "China"), ("country", "Japan"), ("per_page", "5")])
    assert read_search_request(args) == SearchRequest(
        q="talks", filters={"country": ("China", "Japan")}, per_page=5
    )


@pytest.mark.parametrize(
    "params, code",
    [
        ({"per_page": ["0"]}, "bad_per_page"),
        ({"per_page": ["101"]}, "bad_per_page"),
        ({"per_page": ["ten"]}, "bad_per_page"),
        ({"page": ["0"]}, "bad_page"),
        ({"page": ["-1"]}, "bad_page"),
        ({"page": ["1.5"]}, "bad_page"),
        ({"page": ["²"]}, "bad_page"),
        ({"sort": ["best"]}, "bad_sort"),
        ({"from": ["not a date"]}, "bad_date"),
        ({"to": ["31/31/2021"]}, "bad_date"),
        ({"from": ["April"]}, "bad_date"),
        ({"from": ["2022"], "to": ["2021"]}, "bad_date"),
        ({"from": ["9" * 30]}, "bad_date"),
        ({"year": ["21"]}, "bad_year"),
        ({"year": ["undatedd"]}, "bad_year"),
        ({"year": ["twenty"]}, "bad_year"),
        ({"country": [3]}, "bad_country"),
        ({"q": [None]}, "bad_q"),
        ({"q": ["x" * 1001]}, "bad_query"),
        ({"country": [f"C{n}" for n in range(51)]}, "too_many_filters"),
    ],
)
def test_request_refuses_bad_params(params, code):
    with pytest.raises(BadRequest) as info:
        read_search_request(params)
    assert info.value.code == code
    assert info.value.message


@pytest.mark.parametrize(
    "text, bound, expected",
    [
        ("2021", "from", datetime.date(2021, 1, 1)),
        ("2021", "to", datetime.date(2021, 12, 31)),
        ("April 2021", "from", datetime.date(2021, 4, 1)),
        ("April 2021", "to", datetime.date(2021, 4, 30)),
        ("February 2024", "to", datetime.date(2024, 2, 29)),
        ("2021-04-03", "from", datetime.date(2021, 4, 3)),
        ("3 April 2021", "to", datetime.date(2021, 4, 3)),
        ("2021-12", "to", datetime.date(2021, 12, 31)),
        ("", "from", None),
    ],
)
def test_parse_filter_date(text, bound, expected):
    assert parse_filter_date(text, bound) == expected



def test_a_too_long_query_says_how_long_it_may_be():
    with pytest.raises(BadRequest) as info:
        read_search_request({"q": "x" * 1001})
    assert info.value.message == "The query is longer than 1,000 characters (1,001): shorten it."



def test_a_year_filter_value_undated_is_read_in_any_case():
    request = read_search_request({"year": ["Undated", "UNDATED", "2021"]})
    assert request.filters == {"year": (UNDATED, "2021")}
