"""HTTP errors, answered once for the whole app: the API's JSON error body under /api/, a page elsewhere.

App-wide, and by the address, because an address that matches no route (or the
wrong method on one) belongs to no blueprint. The API and the pages each render
their own (api.http_error, pages.error_page); the errors their views expect (a
bad query, no index yet) they answer themselves.
"""

from __future__ import annotations

from flask import request
from werkzeug.exceptions import HTTPException

from searchapp.web import api, pages


def init_app(app):
    app.register_error_handler(HTTPException, http_error)


def http_error(exc: HTTPException):
    if exc.code is None:
        return exc
    if api.is_api_path(request.path):
        return api.http_error(exc)
    return pages.error_page(exc)
