"""The start-up check of Whoosh's internals, and the public path the engine takes when it fails."""

import logging
from pathlib import Path

import pytest

from searchapp.engine import SearchRequest, SearchService
from searchapp.engine.paths import FastPath, PublicPath
from searchapp.internals import check, postings

SMALL = Path(__file__).parent / "data" / "index" / "small"
QUERIES = [
    "", "seoul", "security talks", "seoul OR manila", "talks -security", "NOT seoul", '"security talks"',
    '"Beijing Seoul"~2', "sanction*", "*ea*", "Pyongyng~", "title:thaad", 'source:"harbor times"', "date:2021",
    "date:[2020 to 2021]", "Pyongyng", "<security> talks",
    '"said the"', '"the talks" OR "south china sea"', '"talks in the" seoul', 'title:"security talks"',
]
REQUESTS = [SearchRequest(q=q, per_page=100) for q in QUERIES] + [
    SearchRequest(q="seoul OR sanctions", filters={"year": ("2021",)}, per_page=100),
    SearchRequest(filters={"source": ("Test Wire",)}, sort="oldest", per_page=100),
    SearchRequest(q="officials", sort="newest", per_page=2, page=2),
    # any of (its facet counted without its own choice), none of, and all three modes together
    SearchRequest(any_of={"country": ("china", "Japan"), "year": ("undated", "2019")}, per_page=100),
    SearchRequest(q="seoul OR talks", none_of={"source": ("test wire",), "year": ("undated",)}, per_page=100),
    SearchRequest(
        filters={"year": ("2021",)}, any_of={"topic": ("nuclear", "security")}, none_of={"country": ("Russia",)},
        per_page=100,
    ),
]

# Coordinated: all but one of three or more words, question words optional, an alias group one word,
# a quoted phrase required, words side by side scoring more; over pages and with a filter.
COORDINATED = [
    "seoul security talks deployment", "What did Seoul say about THAAD missiles?", "Chinese security talks",
    '"security talks" Beijing Seoul Manila', "beijing seoul missile navigation", "south korean missile defence",
]
REQUESTS += [SearchRequest(q=q, per_page=100) for q in COORDINATED] + [
    SearchRequest(q="seoul beijing missile talks", filters={"source": ("Test Wire",)}, per_page=2, page=2),
]


@pytest.fixture
def unchecked(monkeypatch):
    """Forget the process's verdict, so the next service checks again (and the test's patches count)."""
    monkeypatch.setattr(check, "_verdict", None)


def test_this_whoosh_passes_the_check():
    assert check.version_problem() is None
    assert check.round_trip_problems() == []
    assert check.problems() == []


@pytest.mark.parametrize("version, fails", [("2.7.5", False), ("2.7.9", False), ("2.8.0", True), ("2.7.4", True), ("3.0", True)])
def test_versions_outside_the_pin_fail(monkeypatch, version, fails):
    monkeypatch.setattr(check.importlib.metadata, "version", lambda name: version)
    assert (check.version_problem() is not None) == fails


def test_a_missing_private_name_fails(monkeypatch):
    monkeypatch.delattr(check.whoosh3, "_lenfield")
    assert check.problems() == ["whoosh.codec.whoosh3._lenfield is missing"]


def test_a_posting_layout_read_wrongly_fails(monkeypatch):
    """As if a release changed the block layout: the sample index no longer reads back as Whoosh gives it."""
    real = postings._Block.decode
    monkeypatch.setattr(postings._Block, "decode", lambda self: (real(self)[0] + 1, *real(self)[1:]))
    assert any("postings" in p for p in check.round_trip_problems())


def test_a_failed_check_searches_through_whoosh_and_finds_the_same(tmp_path, indexed_copy, unchecked, monkeypatch, caplog):
    _, index_dir = indexed_copy(SMALL, tmp_path)
    fast = SearchService(index_dir)
    assert isinstance(fast.path, FastPath)
    monkeypatch.setattr(check, "_verdict", None)
    monkeypatch.setattr(check, "problems", lambda: ["forced for the test"])
    with caplog.at_level(logging.WARNING, logger="searchapp.internals"):
        public, again = SearchService(index_dir), SearchService(index_dir)
    assert isinstance(public.path, PublicPath) and isinstance(again.path, PublicPath)
    warnings = [r for r in caplog.records if r.name == "searchapp.internals"]
    assert len(warnings) == 1 and "forced for the test" in warnings[0].getMessage()  # logged once
    for request in REQUESTS:
        mine, whooshs = fast.search(request), public.search(request)
        assert [h.id for h in whooshs.hits] == [h.id for h in mine.hits], request
        assert (whooshs.total, whooshs.facets, whooshs.undated_excluded, whooshs.histogram) == (
            mine.total, mine.facets, mine.undated_excluded, mine.histogram
        )
        assert [h.snippet for h in whooshs.hits] == [h.snippet for h in mine.hits], request
        assert public.ranked_ids(request, 10) == fast.ranked_ids(request, 10)
    assert public.search(SearchRequest(q="Pyongyng")).suggestion == "Pyongyang"
    for service in (fast, public, again):
        service.close()


def test_word_pairs_read_wrongly_fail(monkeypatch):
    """The word-pair fields' postings (no positions, no weights) are read back as Whoosh gives them, or the check fails."""
    real = postings.term_postings

    def losing_the_last(reader, fieldname, btext):
        found = real(reader, fieldname, btext)
        return found if fieldname != "pairs" else postings.Postings(found.ids[:-1], found.weights[:-1])

    monkeypatch.setattr(postings, "term_postings", losing_the_last)
    assert any("pair" in p for p in check.round_trip_problems())


def test_the_check_leaves_another_processs_scratch_folder_alone(tmp_path, monkeypatch):
    """Whoosh's writer works in <temp>/<index name>.tmp and deletes it after: a check with the default name
    (MAIN.tmp) deleted the one a check in another worker was using at the same moment."""
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    theirs = tmp_path / "MAIN.tmp"
    theirs.mkdir()
    (theirs / "in_use").write_text("another process's segment")
    assert check.round_trip_problems() == []
    assert (theirs / "in_use").exists() and sorted(p.name for p in tmp_path.iterdir()) == ["MAIN.tmp"]
