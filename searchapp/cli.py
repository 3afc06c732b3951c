"""Command line: `flask --app searchapp reindex`, a thin wrapper over searchapp.index.reindex, and the
credential helpers `hash-password` and `new-token` (thin wrappers over searchapp.web.auth)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from searchapp.index import ReindexError, ReindexReport, reindex
from searchapp.web import auth
from searchapp.facets import Knowledge
from searchapp.reading.archive import OUTSIDE_SETTING
from searchapp.reading.limits import limits_from_config
from searchapp.search_command import search_command


def init_app(app):
    app.cli.add_command(reindex_command)
    app.cli.add_command(hash_password_command)
    app.cli.add_command(new_token_command)
    app.cli.add_command(search_command)  # `flask search`: searchapp/search_command.py


@click.command("hash-password")
@click.password_option(help="The password (asked for, twice, when not given).")
def hash_password_command(password: str):
    """Print the hash of a password for the USERS setting; the password itself is stored nowhere."""
    if not password:
        raise click.ClickException("the password is empty")
    click.echo(auth.password_hash(password))


@click.command("new-token")
@click.argument("name")
def new_token_command(name: str):
    """Make an API token for a script: print the token once, and the hash that API_TOKENS keeps."""
    token = auth.new_token()
    click.echo(f"token (give it to the script; it is not stored): {token}")
    click.echo(f"API_TOKENS entry: {json.dumps(name)}: {json.dumps(auth.token_hash(token))}")


@click.command("reindex")
@click.option("--full", is_flag=True, help="Rebuild the whole index instead of updating it.")
@click.option(
    "--articles",
    "articles_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Archive folder (default: the ARTICLES_DIR setting).",
)
@with_appcontext
def reindex_command(full: bool, articles_dir: Path | None):
    """Bring the search index up to date with the archive folder."""
    config = current_app.config
    articles_dir = articles_dir or Path(config["ARTICLES_DIR"])
    index_dir = Path(config["INDEX_DIR"])
    knowledge_dir = Path(config["KNOWLEDGE_DIR"]) if config.get("KNOWLEDGE_DIR") else None
    follow_links_outside = flag_setting(config, OUTSIDE_SETTING)
    try:
        read_limits = limits_from_config(config)  # READ_MAX_MB, RECORDS_MAX_MB, ARTICLE_MAX_MB
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        knowledge = Knowledge.load(knowledge_dir)
    except (OSError, ValueError) as exc:
        raise click.ClickException(one_line(f"cannot load the knowledge files: {exc}")) from None
    with Progress() as progress:
        try:
            report = reindex(
                articles_dir, index_dir, knowledge, full=full, progress=progress,
                follow_links_outside=follow_links_outside, read_limits=read_limits,
            )
        except ReindexError as exc:  # names its cause: the archive, the disk, the folder or the index
            raise click.ClickException(printable(one_line(str(exc)))) from None
        except Exception as exc:  # still one line, never a traceback; and no blame on a sound index
            raise click.ClickException(printable(one_line(
                f"reindex stopped ({type(exc).__name__}: {exc}); the index in {index_dir} is left as it was"
            ))) from None
    for line in summary(report, articles_dir, index_dir):
        click.echo(printable(line))


def flag_setting(config, name: str) -> bool:
    """An on/off setting: a bool from config.py, or text from the environment; off when not set."""
    value = config.get(name, False)
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("", "0", "false", "no", "off"):
        return False
    raise click.ClickException(f"{name} must be true or false, not {value!r}")


def printable(line: str) -> str:
    """A line a terminal shows as one line: control characters (a newline in a file name) escaped."""
    if line.isprintable():
        return line
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in line)


def one_line(message: str) -> str:
    return " ".join(message.split())


class Progress:
    """A click.progressbar fed by reindex's (done, total) calls, made once the total is known."""

    def __init__(self):
        self.stream = sys.stderr
        self.bar = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.stream.isatty():  # no bar in logs and pipes
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Indexing", file=self.stream)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)


def summary(report: ReindexReport, articles_dir: Path, index_dir: Path) -> list[str]:
    """What the run did, one line a fact, then each skipped file with its reason."""
    kind = "Rebuilt" if report.full else "Updated"
    lines = [
        f"{kind} the index in {index_dir} from {articles_dir}: {report.articles} articles.",
        f"added {len(report.added)}, updated {len(report.updated)}, removed {len(report.removed)}, "
        f"unchanged {report.unchanged}, skipped {len(report.skipped)}",
    ]
    lines += [f"skipped {skip.path}: {skip.reason}" for skip in report.skipped]
    lines += [f"warning: {w}" for w in grouped_warnings(report.warnings)]
    return lines


WARNINGS_LISTED = 5  # items named on a warning that many items share; the rest are counted


def grouped_warnings(warnings: list[str]) -> list[str]:
    """Warnings as "where: what"; one what shared by three items or more is said once, with how many and which:
    a dump of a thousand headline-only lines gives one line, not a thousand."""
    by_message: dict[str, list[str]] = {}
    for warning in warnings:
        where, sep, message = warning.partition(": ")
        by_message.setdefault(message if sep else warning, []).append(where if sep else "")
    lines = []
    for message, places in by_message.items():
        if len(places) < 3 or not all(places):
            lines += [f"{where}: {message}" if where else message for where in places]
            continue
        named = ", ".join(places[:WARNINGS_LISTED])
        more = f" and {len(places) - WARNINGS_LISTED} more" if len(places) > WARNINGS_LISTED else ""
        lines.append(f"{len(places)} items: {message} ({named}{more})")
    return lines
