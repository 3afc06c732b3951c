"""A government's or an international body's own site publishes its readouts and statements: the
address a file was saved from names it as the source, by its full name, as it does a newspaper."""

import json

import pytest

from read_one import read_one

BODY = (
    "The two delegations met in Vienna for two days of talks on security in the region. "
    "Both sides agreed to keep open lines of communication and to meet again before the summer."
)


@pytest.mark.parametrize(
    "address, source",
    [
        ("https://www.whitehouse.gov/briefing-room/statements-releases/2023/05/11/readout/", "The White House"),
        ("https://obamawhitehouse.archives.gov/the-press-office/2016/03/31/readout", "The White House"),
        ("https://www.state.gov/secretary-blinkens-meeting/", "U.S. Department of State"),
        ("https://www.mofa.go.jp/press/release/page1e_000001.html", "Ministry of Foreign Affairs of Japan"),
        ("https://news.un.org/en/story/2024/01/1145000", "UN News"),
    ],
)
def test_a_post_saved_from_an_institutions_site_has_it_as_its_source(tmp_path, address, source):
    post = f"---\ntitle: Readout of the talks in Vienna\ndate: '2023-05-11'\nsource_url: {address}\n---\n\n{BODY}\n"
    assert read_one(tmp_path, "readout.md", post).source == source


def test_a_record_linking_to_an_institution_in_its_text_is_not_its_source(tmp_path):
    record = {"title": "Talks in Vienna", "url": "https://harbourtimes.example/vienna-talks",
              "body": BODY + " The readout is at https://www.whitehouse.gov/briefing-room/ for all to read."}
    assert read_one(tmp_path, "a.jsonl", json.dumps(record) + "\n").source != "The White House"
