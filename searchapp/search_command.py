"""`flask search QUERY`: a search from the terminal or a script, through the API's own validation and service.

The options are the API's parameters and go through the same validation
(web/params.py), so a bad value gets the API's message; here it is one line on
stderr and exit code 2, as for any wrong usage.
"""

from __future__ import annotations

import json
import shutil
import sys
import unicodedata
from typing import Iterator

import click
from flask.cli import with_appcontext
from werkzeug.datastructures import MultiDict

from searchapp.engine import FACET_FIELDS, BadRequest, IndexMissing
from searchapp.web.exports import ExportIncomplete, csv_text, jsonl_text, pages_url, rows, search_hits
from searchapp.web.params import search_limits, search_request

FORMATS = ("table", "json", "csv", "jsonl")
DEFAULT_LIMIT = 20


class UsageProblem(click.ClickException):
    """A bad option value: one line, exit code 2 (click's code for wrong usage)."""

    exit_code = 2


MODES = (  # (the API parameter's suffix, the option's, what it means): as country=, country_any=, country_not=
    ("", "", "Only articles with this {}; repeat for more (all must match)."),
    ("_any", "-any", "Articles with any of these {} values; repeat for more."),
    ("_not", "-not", "Leave out articles with this {}; repeat for more."),
)


def facet_options(command):
    """--country, --country-any, --country-not, ...: repeatable options a facet, as the API's parameters."""
    for name in reversed(FACET_FIELDS):
        for suffix, flag, meaning in reversed(MODES):
            command = click.option(f"--{name.replace('_', '-')}{flag}", name + suffix, multiple=True,
                                   metavar="VALUE", help=meaning.format(name.replace("_", " ")))(command)
    return command


@click.command("search")
@click.argument("query", required=False, default="")
@facet_options
@click.option("--from", "date_from", default="", metavar="DATE", help='Dated on or after: "2021", "April 2021", "2021-04-03".')
@click.option("--to", "date_to", default="", metavar="DATE", help="Dated on or before.")
@click.option("--sort", default="", metavar="ORDER", help="relevance (default with a query), newest (default without), oldest.")
@click.option("--format", "output", default="table", metavar="FORMAT", help="table (default), json, csv or jsonl.")
@click.option("--limit", default=str(DEFAULT_LIMIT), metavar="N", help=f"At most N matches (default {DEFAULT_LIMIT}); 0 for every match.")
@with_appcontext
def search_command(query: str, date_from: str, date_to: str, sort: str, output: str, limit: str, **facets):
    """Search the archive: QUERY in the search syntax, with the search page's filters."""
    if output not in FORMATS:
        raise UsageProblem(f"--format must be one of {', '.join(FORMATS)}, not {output!r}")
    if not (limit.isascii() and limit.isdigit() and len(limit) <= 9):
        raise UsageProblem(f"--limit must be a whole number, 0 for every match, not {limit!r}")
    params = MultiDict([("q", query), ("from", date_from), ("to", date_to), ("sort", sort)])
    for name in FACET_FIELDS:
        for suffix, _, _ in MODES:
            params.setlist(name + suffix, list(facets[name + suffix]))
    try:
        req = search_request(params)
        first, hits = search_hits(req, search_limits(), int(limit) or None)
        write(output, first, rows(hits, pages_url()))
    except BadRequest as exc:
        raise UsageProblem(exc.message) from None
    except (IndexMissing, ExportIncomplete) as exc:
        raise click.ClickException(str(exc)) from None


def write(output: str, first, found) -> None:
    out = sys.stdout
    if output == "csv":
        out.writelines(csv_text(found))
    elif output == "jsonl":
        out.writelines(jsonl_text(found))
    elif output == "json":
        out.writelines(json_text(first, found))
    else:
        for line in table(first, list(found), shutil.get_terminal_size((100, 24)).columns):
            click.echo(line)


def json_text(first, found) -> Iterator[str]:
    """One JSON object, the query, total and sort with the hits, written a hit at a time."""
    req = first.request
    head = {"query": req.q, "total": first.total, "sort": req.effective_sort}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "hits": ['
    for n, row in enumerate(found):
        yield ("," if n else "") + "\n  " + json.dumps(row, ensure_ascii=False)
    yield "\n]}\n"


def table(first, found: list[dict], width: int) -> list[str]:
    """The matches as lines no wider than the terminal: date, source, title, then a count."""
    width = max(width, 40)
    source_width = min(18, max((display_width(r["source"] or "") for r in found), default=0))
    title_width = width - 10 - 2 - (source_width + 2 if source_width else 0)
    lines = []
    for r in found:
        cells = [fit(r["date"] or "undated", 10)] + ([fit(r["source"] or "", source_width)] if source_width else [])
        lines.append("  ".join(cells + [fit(r["title"], title_width, pad=False)]))
    shown = f"{len(found):,} of {first.total:,}" if len(found) < first.total else f"{first.total:,}"
    lines.append(f"{shown} {'match' if first.total == 1 else 'matches'}, {first.request.effective_sort} first")
    return lines


def char_width(ch: str) -> int:
    """Columns a character takes on a terminal: wide (CJK) characters take two."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def display_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def fit(text: str, width: int, pad: bool = True) -> str:
    """text cut with "…" to at most width columns, control characters as spaces; padded to width when pad."""
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    if display_width(text) > width:
        kept, used = [], 0
        for ch in text:
            if used + char_width(ch) > width - 1:
                break
            kept.append(ch)
            used += char_width(ch)
        text = "".join(kept) + "…"
    return text + " " * (width - display_width(text)) if pad else text
