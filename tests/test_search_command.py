"""`flask search`: the API's search from a terminal, with the API's validation; a bad value is one line and exit 2."""

import csv
import io
import json

import pytest

from searchapp import create_app
from searchapp.search_command import display_width, fit
from searchapp.web.exports import COLUMNS


def api_ids(client, query: str) -> list[str]:
    return [h["id"] for h in client.get(f"/api/search?{query}&per_page=100").get_json()["hits"]]


def test_json_is_the_apis_search_with_the_rows_of_an_export(runner, client):
    result = runner.invoke(args=["search", "korea", "--country", "China", "--sort", "newest", "--format", "json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    api = client.get("/api/search?q=korea&country=China&sort=newest").get_json()
    assert (answer["query"], answer["total"], answer["sort"]) == ("korea", api["total"], "newest")
    assert [h["id"] for h in answer["hits"]] == [h["id"] for h in api["hits"]]
    assert all(list(h) == list(COLUMNS) for h in answer["hits"])
    assert answer["hits"][0]["url"] == api["hits"][0]["url"]  # a path: the command knows no host


def test_csv_and_jsonl_give_the_same_rows(runner, client):
    rows_csv = list(csv.DictReader(io.StringIO(runner.invoke(args=["search", "--format", "csv"]).output, newline="")))
    lines = runner.invoke(args=["search", "--format", "jsonl"]).output.splitlines()
    expected = api_ids(client, "sort=newest")
    assert [r["id"] for r in rows_csv] == [json.loads(line)["id"] for line in lines] == expected


@pytest.mark.parametrize("limit, count", [("2", 2), ("0", 5), (None, 5)])
def test_limit(runner, limit, count):
    args = ["search", "--format", "jsonl"] + (["--limit", limit] if limit else [])
    assert len(runner.invoke(args=args).output.splitlines()) == count


def test_the_table_fits_the_terminal(runner, client):
    for width in (40, 80, 200):
        result = runner.invoke(args=["search", "korea"], env={"COLUMNS": str(width)})
        assert result.exit_code == 0
        lines = result.output.splitlines()
        assert lines and all(display_width(line) <= width for line in lines), lines
    hits = client.get("/api/search?q=korea").get_json()["hits"]
    wide = runner.invoke(args=["search", "korea"], env={"COLUMNS": "200"}).output.splitlines()
    assert [line[:10] for line in wide[:-1]] == [h["date"] or "undated   " for h in hits]
    assert all(h["title"] in line for h, line in zip(hits, wide))
    assert wide[-1] == f"{len(hits)} matches, relevance first"


@pytest.mark.parametrize("args, message", [
    (["--sort", "sideways"], "Error: sort must be one of relevance, newest, oldest, not 'sideways'"),
    (["--from", "someday"], "Error: from: cannot read 'someday' as a date"),
    (["--year", "21"], "Error: year must be four digits or 'undated', not '21'"),
    (["--format", "xml"], "Error: --format must be one of table, json, csv, jsonl, not 'xml'"),
    (["--limit", "-1"], "Error: --limit must be a whole number, 0 for every match, not '-1'"),
    (["~~"], "Error: The query has no words to search for: use letters or digits."),
])
def test_a_bad_value_is_one_line_and_exit_code_2(runner, args, message):
    result = runner.invoke(args=["search", *args])
    assert result.exit_code == 2
    assert result.output == message + "\n"


def test_the_same_messages_as_the_api(runner, client):
    api = client.get("/api/search?to=2020&from=2021").get_json()["error"]["message"]
    assert runner.invoke(args=["search", "--from", "2021", "--to", "2020"]).output == f"Error: {api}\n"


def test_no_index_yet_says_what_to_do(tmp_path):
    runner = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")}).test_cli_runner()
    result = runner.invoke(args=["search", "korea"])
    assert result.exit_code == 1 and "reindex" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("text, width, expected", [
    ("short", 8, "short   "), ("exactly8", 8, "exactly8"), ("much too long", 8, "much to…"),
    ("윤석열 대통령", 7, "윤석열…"), ("tab\there", 9, "tab here "),
])
def test_fit(text, width, expected):
    assert fit(text, width) == expected and display_width(fit(text, width)) == width


def test_any_of_and_none_of_options_are_the_apis(runner, client):
    """--country-any and --country-not are country_any= and country_not=, with the API's hits in its order."""
    for args, query in (
        (["--country-any", "China", "--country-any", "Japan"], "country_any=China&country_any=Japan"),
        (["--country-not", "Japan"], "country_not=Japan"),
        (["--country-pair", "China–United States"], "country_pair=China–United+States"),
    ):
        result = runner.invoke(args=["search", *args, "--format", "jsonl", "--limit", "0"])
        assert result.exit_code == 0, result.output
        ids = [json.loads(line)["id"] for line in result.output.splitlines()]
        assert ids == api_ids(client, query) and ids
    assert runner.invoke(args=["search", "--year-not", "someday"]).exit_code == 2
