"""The reader's headlines, dates and sources on real files no one here wrote (tests/data/dev) and the samples.

The floors are issue 9's: title >= 0.95, date >= 0.90, source >= 0.85 on the 30 dev
articles in mixed formats, every file read, no date invented, and the five samples perfect.
"""

import json
import sys
from pathlib import Path

import pytest

from searchapp.facets import Knowledge

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from score_facets import score_archive  # noqa: E402

DATA = Path(__file__).parent / "data"
FLOORS = {"title": 0.95, "date": 0.90, "source": 0.85}


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.load()


@pytest.fixture(scope="module")
def dev_report(knowledge):
    gold = json.loads((DATA / "dev-gold.json").read_text(encoding="utf-8"))
    return score_archive(DATA / "dev", gold, knowledge)


def test_every_dev_file_gives_an_article(dev_report):
    assert [a.id for a in dev_report.articles if not a.found] == []
    assert len(dev_report.articles) == 30


@pytest.mark.parametrize("what", sorted(FLOORS))
def test_dev_headlines_dates_and_sources_reach_their_floors(dev_report, what):
    right, total = dev_report.accuracy(what)
    wrong = [(a.id, a.got.get(what)) for a in dev_report.articles if getattr(a, f"{what}_ok") is False]
    assert right / total >= FLOORS[what], wrong


def test_no_dev_date_is_invented(dev_report):
    assert dev_report.invented_dates == 0


def test_the_samples_keep_every_headline_date_and_source(knowledge):
    gold = json.loads((DATA / "seed-gold.json").read_text(encoding="utf-8"))
    report = score_archive(DATA / "seed", gold, knowledge)
    assert [report.accuracy(what) for what in ("title", "date", "source")] == [(5, 5)] * 3
