"""The recurring-line pass: page furniture is learned and removed, prose is never learned however
often it recurs, and no article is ever emptied. The wire stories here are written for these
tests, hard-wrapped at 64 columns with indented paragraphs as old wire copy is."""

import json
from pathlib import Path

from searchapp.reading import archive_files, find_recurring_lines, read_file

SIGN_OFF = " Harbourwire"  # the agency's sign-off under every story


def wire_story(n: int) -> str:
    """A hard-wrapped wire story: sentence tails on lines of their own, a table with a "Year" label."""
    return "\n".join(
        [
            f"PORT LOUIS, March {n % 28 + 1} - Officials from the two island states met",
            f"in the capital on Monday for talks number {n} on fisheries, a senior official",
            "said.",
            "    The talks covered export quotas and shipping lanes, the ministry",
            "said.",
            "    Exports rose by a third on the same period of last",
            "year.",
            "    The delegation was led by",
            "Foreign Minister Ana Paulo",
            f"    Qtr ended March {n % 28 + 1}",
            f"    Shr {n} cts vs {n + 2} cts",
            f"    Net {n},200,000 vs 900,000",
            "    Year",
            f"    Shr {n + 40} cts vs 30 cts",
            SIGN_OFF,
        ]
    )


def web_story(n: int) -> str:
    return "\n\n".join(
        [
            f"Envoys meet for talks number {n}",
            f"Envoys from both countries met in the capital on day {n} to discuss trade and security ties at length.",
            "Harbour Light weekly digest",
            "The talks ended with a joint statement on fisheries and shipping lanes in the region.",
        ]
    )


def wire_archive(folder: Path, count: int = 30) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    records = [{"title": f"Island states talk fisheries {n}", "date": "2024-03-04", "body": wire_story(n)} for n in range(count)]
    (folder / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    for n in range(count):
        (folder / f"web-{n:02}.txt").write_text(web_story(n), encoding="utf-8")
    return folder


def test_furniture_is_learned_and_prose_is_not(tmp_path):
    learned = find_recurring_lines(archive_files(wire_archive(tmp_path)), tmp_path)
    assert learned == frozenset({"harbourwire", "harbour light weekly digest"})


def test_the_reader_drops_furniture_and_keeps_every_line_of_prose(tmp_path):
    archive = wire_archive(tmp_path)
    learned = find_recurring_lines(archive_files(archive), archive)
    wire = read_file(archive / "wire.jsonl", archive, learned)
    assert len(wire.articles) == 30 and wire.skipped == []
    for article in wire.articles:
        words = article.body.split()
        assert "Harbourwire" not in words
        assert words.count("said.") == 2 and "year." in words and "Year" in words
        assert "Foreign Minister Ana Paulo" in " ".join(words)
    web = read_file(archive / "web-03.txt", archive, learned).articles[0]
    assert "Harbour Light weekly digest" not in web.body and "joint statement" in web.body


def test_a_line_apart_in_some_stories_and_inside_prose_in_others_is_prose(tmp_path):
    """"Year" as a paragraph of its own in a few stories, under figures in most: not furniture."""
    archive = wire_archive(tmp_path)
    for n in range(8):
        (archive / f"review-{n}.txt").write_text(f"Annual review {n}\n\nThe fleet grew again.\n\nYear\n\nMore boats.", encoding="utf-8")
    assert "year" not in find_recurring_lines(archive_files(archive), archive)


def test_lower_case_and_sentence_ending_lines_are_never_learned(tmp_path):
    """However often they recur, and even as paragraphs of their own."""
    tmp_path.mkdir(exist_ok=True)
    for n in range(30):
        text = f"Talks number {n}\n\nEnvoys met in the capital for talks on fisheries and trade.\n\nsaid the minister\n\nNo comment."
        (tmp_path / f"{n:02}.txt").write_text(text, encoding="utf-8")
    assert find_recurring_lines(archive_files(tmp_path), tmp_path) == frozenset()


def test_an_article_that_is_all_furniture_but_its_headline_is_not_emptied(tmp_path):
    """The pass never empties an article: where its lines are all that is left, they stay."""
    archive = wire_archive(tmp_path)
    (archive / "brief.txt").write_text("Envoys meet for a short brief\n\nHarbour Light weekly digest", encoding="utf-8")
    learned = find_recurring_lines(archive_files(archive), archive)
    assert "harbour light weekly digest" in learned
    result = read_file(archive / "brief.txt", archive, learned)
    assert result.skipped == [] and [a.body for a in result.articles] == ["Harbour Light weekly digest"]


def test_a_record_that_is_only_a_sign_off_line_and_a_headline_is_kept(tmp_path):
    archive = wire_archive(tmp_path)
    learned = find_recurring_lines(archive_files(archive), archive)
    flash = {"body": "ISLAND STATES SIGN FISHERIES PACT\n" + SIGN_OFF}
    (archive / "flash.jsonl").write_text(json.dumps(flash) + "\n", encoding="utf-8")
    result = read_file(archive / "flash.jsonl", archive, learned)
    assert result.skipped == [] and len(result.articles) == 1
    assert "FISHERIES PACT" in result.articles[0].title + result.articles[0].body


def test_a_sample_of_many_dumps_is_spread_over_their_records_and_reads_only_those(tmp_path, monkeypatch):
    """Ten dumps share one sample of articles: each gives its share, taken across the whole file (the
    sign-off is only under the later stories here), and only the records sampled are read field by field."""
    import searchapp.reading.boilerplate as boilerplate
    import searchapp.reading.records as records

    monkeypatch.setattr(boilerplate, "RECURRING_SAMPLE", 100)
    monkeypatch.setattr(boilerplate, "RECURRING_MIN_RECORDS", 5)
    read = []
    body_text = records.body_text
    monkeypatch.setattr(records, "body_text", lambda record: read.append(1) or body_text(record))
    for f in range(10):
        lines = [
            json.dumps({"title": f"Talks {f}-{n}", "body": wire_story(f * 100 + n).replace(SIGN_OFF, "" if n < 60 else SIGN_OFF)})
            for n in range(100)
        ]
        (tmp_path / f"wire-{f}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    learned = find_recurring_lines(archive_files(tmp_path), tmp_path)
    assert learned == frozenset({"harbourwire"})
    assert len(read) == 100  # ten records of each dump's hundred
