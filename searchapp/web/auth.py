"""Optional access control: people sign in with a name and password, scripts send an API token.

Off until USERS or API_TOKENS is configured; then every page, feed and API call
needs one or the other (a before_request hook, so endpoints added later are
covered too). Only Flask's signed session, Werkzeug's password hashes and
hmac.compare_digest are used: no crypto of our own.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress
import json
import re
import secrets
from urllib.parse import urlsplit

from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

bp = Blueprint("auth", __name__)

# Reachable without a credential: the login form and the CSS and icon it shows.
OPEN_ENDPOINTS = ("auth.login", "static")
# Addresses answered with 401 rather than a redirect to the form: scripts and feed readers cannot fill it.
MACHINE_PREFIXES = ("/api/", "/feeds/")
REALM = "newsroom search"
TOKEN_PREFIX = "sha256:"
TOKEN_HASH = re.compile(r"sha256:[0-9a-f]{64}")
PASSWORD_METHODS = ("scrypt", "pbkdf2")  # what generate_password_hash writes
UNSAFE_IN_NEXT = re.compile(r"[\x00-\x20\x7f\\]")  # browsers drop tabs and read "\" as "/": "/\t/evil" is "//evil"


def init_app(app):
    """Check the configured credentials once, then guard every request and add the sign-in pages."""
    users = credentials(app.config.get("USERS"), "USERS")
    tokens = credentials(app.config.get("API_TOKENS"), "API_TOKENS")
    for name, stored in users.items():
        check_password_hash_format(name, stored)
    for name, stored in tokens.items():
        if not TOKEN_HASH.fullmatch(stored):
            raise ValueError(
                f"API_TOKENS[{name!r}] is not a token hash (sha256:<64 hex digits>); "
                "make a token and its hash with `flask --app searchapp new-token NAME`"
            )
    app.config["USERS"], app.config["API_TOKENS"] = users, tokens
    if (users or tokens) and not app.config.get("SECRET_KEY"):
        raise ValueError(
            "USERS or API_TOKENS is set, so sign-in needs SECRET_KEY (SEARCHAPP_SECRET_KEY) to sign session "
            "cookies: make one with  python -c 'import secrets; print(secrets.token_hex())'"
        )
    app.register_blueprint(bp)
    app.before_request(require_credential)
    app.after_request(private_when_signed_in)
    app.jinja_env.globals["csrf_token"] = csrf_token


def credentials(value, setting: str) -> dict[str, str]:
    """A USERS or API_TOKENS setting as {name: hash}; from the environment it arrives as JSON text."""
    if value is None or value == "":
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as exc:
            raise ValueError(f"{setting} must be a JSON object of name: hash ({exc})") from None
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError(f"{setting} must map names to hashes, both text")
    return {name.strip(): stored.strip() for name, stored in value.items()}


def check_password_hash_format(name: str, stored: str) -> None:
    """Refuse a plain password pasted where its hash belongs, before anyone relies on it."""
    method = stored.split("$", 1)[0].split(":", 1)[0]
    if stored.count("$") != 2 or method not in PASSWORD_METHODS:
        raise ValueError(
            f"USERS[{name!r}] is not a password hash; make one with `flask --app searchapp hash-password`"
        )


def enabled() -> bool:
    config = current_app.config
    return bool(config.get("USERS") or config.get("API_TOKENS"))


# --- credentials -------------------------------------------------------------


def password_hash(password: str) -> str:
    """What USERS holds for a person: Werkzeug's salted hash (scrypt), never the password."""
    return generate_password_hash(password)


@functools.cache
def _stand_in_hash() -> str:
    return generate_password_hash(secrets.token_urlsafe(16))


def check_user(users: dict[str, str], name: str, password: str) -> bool:
    """The password is the user's; an unknown name costs the same hashing, so timing does not tell names."""
    stored = users.get(name)
    if stored is None:
        check_password_hash(_stand_in_hash(), password)
        return False
    return check_password_hash(stored, password)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What API_TOKENS holds for a script's token.

    A token is 256 random bits, so one unsalted SHA-256 keeps it secret and lets a
    request cost one hash (a password hash would cost tens of milliseconds per call).
    """
    return TOKEN_PREFIX + hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def token_owner(tokens: dict[str, str], token: str) -> str | None:
    """The name of the configured token presented, or None; every hash is compared, each in constant time."""
    presented = token_hash(token).encode("ascii")
    owner = None
    for name, stored in tokens.items():
        if hmac.compare_digest(presented, stored.encode("ascii")):
            owner = name
    return owner


# --- the guard -----------------------------------------------------------------


def require_credential():
    """Before every request: let it through with a signed-in session or an API token, else ask for one."""
    if not enabled() or request.endpoint in OPEN_ENDPOINTS:
        return None
    config = current_app.config
    header = request.authorization
    if header is not None and header.type == "bearer" and header.token:
        g.api_token = token_owner(config["API_TOKENS"], header.token)
        if g.api_token:
            return None
        return unauthorized("invalid_token", "the API token is not one this archive knows")
    user = session.get("user")
    if isinstance(user, str) and user in config["USERS"]:  # a removed user's cookie stops working
        g.user = user
        return None
    if is_machine_path(request.path):
        return unauthorized("unauthorized", "send an API token: Authorization: Bearer <token>")
    return redirect(url_for("auth.login", next=this_url()))


def is_machine_path(path: str) -> bool:
    return any(path.startswith(prefix) or path == prefix.rstrip("/") for prefix in MACHINE_PREFIXES)


def unauthorized(code: str, message: str):
    from searchapp.web.api import error

    response, status = error(401, code, message)
    response.headers["WWW-Authenticate"] = f'Bearer realm="{REALM}"'
    return response, status


def this_url() -> str:
    """The requested path and query, as quoted URL text, to come back to after signing in."""
    parts = urlsplit(request.url)
    return parts.path + ("?" + parts.query if parts.query else "")


def safe_next(target: str) -> str:
    """Where to go after signing in: a path on this site, so the form cannot send anyone elsewhere."""
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not UNSAFE_IN_NEXT.search(target) \
            and not parts.scheme and not parts.netloc:
        return target
    return url_for("web.search_page")


def private_when_signed_in(response):
    """Pages behind sign-in are not for shared caches."""
    if enabled():
        response.headers.setdefault("Cache-Control", "private")
    return response


# --- sign-in pages -------------------------------------------------------------


def csrf_token() -> str:
    """The session's token that the sign-in and sign-out forms must send back (Flask's session keeps it)."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def csrf_ok() -> bool:
    expected = session.get("csrf", "")
    given = request.form.get("csrf", "")
    return bool(expected) and hmac.compare_digest(expected.encode(), given.encode())


@bp.route("/login", methods=("GET", "POST"))
def login():
    if not enabled():
        return redirect(url_for("web.search_page"))
    target = safe_next(request.values.get("next", ""))
    if request.method == "GET":
        return render_template("login.html", next=target, name="", error=None)
    name = request.form.get("name", "").strip()
    if not csrf_ok():
        error = "The sign-in form had expired. Please sign in again."
        return render_template("login.html", next=target, name=name, error=error), 400
    if not check_user(current_app.config["USERS"], name, request.form.get("password", "")):
        current_app.logger.warning("failed sign-in as %r from %s", name, request.remote_addr)
        return render_template("login.html", next=target, name=name, error="Wrong name or password.")
    session.clear()  # a fresh session: nothing from before sign-in carries over, the CSRF token included
    session.permanent = True
    session["user"] = name
    return redirect(target)


@bp.post("/logout")
def logout():
    if not enabled():
        return redirect(url_for("web.search_page"))
    if not csrf_ok():
        return render_template("login.html", next=url_for("web.search_page"), name="",
                               error="The sign-out form had expired: you are still signed in."), 400
    session.clear()
    return redirect(url_for("auth.login"))


# --- who may serve beyond this machine -----------------------------------------


def open_binds(binds: list[str]) -> list[str]:
    """The gunicorn bind addresses that other machines can reach (a unix socket or loopback cannot)."""
    opened = []
    for bind in binds:
        if bind.startswith("unix:"):
            continue
        host = bind[1:].split("]", 1)[0] if bind.startswith("[") else bind.rsplit(":", 1)[0]
        if host == "localhost":
            continue
        try:
            if ipaddress.ip_address(host).is_loopback:
                continue
        except ValueError:  # "", "0.0.0.0"-like names, fd://: assume reachable
            pass
        opened.append(bind)
    return opened
