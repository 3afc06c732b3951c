"""Security headers on every answer, once each, and a view's own value kept (web/pages.add_security_headers)."""

import pytest
from flask import Response

from searchapp.web.pages import SECURITY_HEADERS, add_security_headers


@pytest.mark.parametrize("path", ["/api/search?q=minister", "/", "/api/nothing", "/api/search?page=x", "/no-such-page"])
def test_every_answer_carries_each_security_header_once(client, path):
    response = client.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.getlist(name) == [value]


def test_a_header_the_view_set_itself_is_kept_in_any_case():
    response = Response("x")
    response.headers["x-content-type-options"] = "own"
    add_security_headers(response)
    assert response.headers.getlist("X-Content-Type-Options") == ["own"]
    assert response.headers["Referrer-Policy"] == SECURITY_HEADERS["Referrer-Policy"]
    assert len(response.headers) == 2 + len(SECURITY_HEADERS)  # Content-Type, Content-Length and the three


def test_the_headers_come_in_the_order_setdefault_gave():
    response, plain = Response("x"), Response("x")
    add_security_headers(response)
    for name, value in SECURITY_HEADERS.items():
        plain.headers.setdefault(name, value)
    assert list(response.headers.items()) == list(plain.headers.items())
