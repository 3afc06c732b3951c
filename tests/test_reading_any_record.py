"""Whatever a dump's lines hold, reading them never fails and loses no line: each line is an article or a
skip with its reason. Field names are drawn from those the reader looks for, values from any JSON, and
strings that look like objects, time stamps, dates in other languages or markup."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from searchapp.reading import read_file

NAMES = [
    "title", "headline", "date", "published", "pubDate", "publishedTs", "date_posted", "source", "site", "source_name",
    "url", "link", "body", "text", "content", "summary", "description", "doc", "author", "categories", "_source",
    "fields", "events", "raw_text",
]
TRICKY = st.sampled_from([
    "{'title': 'Talks resume', 'content': 'The two sides met again on Monday. They agreed to meet again.'}",
    "{__import__('os')}", "{'a': {'b': [1, 2, {'c': None}]}}", "{" * 50 + "}" * 50, "1696183200000", "1696183200",
    "Seg, 24 Set 2018 19:42:40 -0300", "Updated Sunday, October 01, 2023 at 9:14 PM", "Out of office",
    "Federal Reserve (FOMC/Press)", "(AP)", "https://www.nytimes.com/2021/02/02/us/x.html", "<p>Talks &amp; more</p>",
    "This op-ed was originally published in The Washington Post.", "x [+1234 chars]", "",
])
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=80) | TRICKY,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(NAMES) | st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
RECORDS = st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=8)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(RECORDS, min_size=1, max_size=5))
def test_every_line_of_any_dump_is_an_article_or_a_skip(tmp_path, records):
    path = tmp_path / "dump.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = read_file(path, tmp_path)
    ids = [a.id for a in result.articles] + [s.path for s in result.skipped]
    assert sorted(ids) == sorted(f"dump.jsonl#{n}" for n in range(1, len(records) + 1))
    assert all(a.title.strip() for a in result.articles)
