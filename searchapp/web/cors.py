"""CORS for the JSON API and the feeds: off unless CORS_ORIGINS names the web origins allowed to read them.

A script on another site (a newsroom dashboard) may then call the API from the
browser with its token in an Authorization header. Cookies are never allowed
across origins (no Access-Control-Allow-Credentials), so a signed-in person's
session cannot be used by another site.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from flask import current_app, request

from searchapp.web.auth import is_machine_path

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
ALLOWED_HEADERS = "Authorization"
EXPOSED_HEADERS = "Content-Disposition, ETag, X-Total-Count"
PREFLIGHT_MAX_AGE = "600"  # seconds a browser may remember a preflight's answer


def init_app(app):
    """Read CORS_ORIGINS once; register before auth, so a preflight (which never carries a token) is answered."""
    app.config["CORS_ORIGINS"] = origins_setting(app.config.get("CORS_ORIGINS"))
    app.before_request(answer_preflight)
    app.after_request(add_cors_headers)


def origins_setting(value) -> tuple[str, ...]:
    """CORS_ORIGINS as origins: a list, or text from the environment (comma-separated or a JSON list)."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        text = value.strip()
        try:
            value = json.loads(text) if text.startswith("[") else text.split(",")
        except ValueError as exc:
            raise ValueError(f"CORS_ORIGINS is not a JSON list ({exc})") from None
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError("CORS_ORIGINS must be a list of origins such as https://desk.example.org")
    return tuple(origin(v) for v in value if v.strip())


def origin(text: str) -> str:
    """One origin, scheme://host[:port] in lower case, or a ValueError saying what is wrong with it."""
    text = text.strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query or parts.username:
        raise ValueError(f"CORS_ORIGINS: {text!r} is not an origin (scheme://host[:port], no path; '*' is not allowed)")
    return text.lower()


def allowed_origin() -> str | None:
    """This request's Origin, when it asks for the API or a feed and the setting names it."""
    asked = request.headers.get("Origin", "").strip().lower()
    if asked and is_machine_path(request.path) and asked in current_app.config["CORS_ORIGINS"]:
        return asked
    return None


def answer_preflight():
    """A browser's OPTIONS preflight from an allowed origin: say what it may send, before any credential check."""
    if request.method != "OPTIONS" or "Access-Control-Request-Method" not in request.headers:
        return None
    allowed = allowed_origin()
    if allowed is None:
        return None
    response = current_app.make_response(("", 204))
    response.headers.update({
        "Access-Control-Allow-Origin": allowed,
        "Access-Control-Allow-Methods": ALLOWED_METHODS,
        "Access-Control-Allow-Headers": ALLOWED_HEADERS,
        "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
    })
    return response


def add_cors_headers(response):
    """Echo an allowed Origin; Vary: Origin on every API answer once origins are configured, for caches."""
    if not current_app.config["CORS_ORIGINS"] or not is_machine_path(request.path):
        return response
    response.vary.add("Origin")
    allowed = allowed_origin()
    if allowed is not None:
        response.headers["Access-Control-Allow-Origin"] = allowed
        response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response
