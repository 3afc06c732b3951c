"""The start of a small `flask reindex` (issue 9's append): garbage collection paused while the app's
modules are imported and the start-up objects frozen for the run, each put back as it was found."""

import gc
from pathlib import Path

import pytest

import searchapp.cli as cli
from searchapp import collection_paused, create_app
from searchapp.cli import start_up_objects_frozen


@pytest.fixture
def collection_as_found():
    """Whatever a test does to the collector is undone after it."""
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_create_app_leaves_collection_as_it_found_it(collection_as_found, tmp_path, enabled):
    (gc.enable if enabled else gc.disable)()
    create_app({"TESTING": True, "ARTICLES_DIR": str(tmp_path), "INDEX_DIR": str(tmp_path / "index")})
    assert gc.isenabled() is enabled


def test_collection_is_paused_inside_and_back_after_an_error(collection_as_found):
    gc.enable()
    with pytest.raises(RuntimeError):
        with collection_paused():
            assert not gc.isenabled()
            raise RuntimeError("stop")
    assert gc.isenabled()


def test_reindex_freezes_the_start_up_objects_only_for_the_run(collection_as_found, runner, app, monkeypatch):
    frozen_during = []
    real_reindex = cli.reindex

    def watching_reindex(*args, **kwargs):
        frozen_during.append(gc.get_freeze_count())
        return real_reindex(*args, **kwargs)

    monkeypatch.setattr(cli, "reindex", watching_reindex)
    gc.unfreeze()
    articles = Path(app.config["ARTICLES_DIR"])
    (articles / "wire.jsonl").write_text('{"title": "Envoys meet", "text": "Envoys met in Hanoi."}\n', encoding="utf-8")
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == "added 1, updated 0, removed 0, unchanged 5, skipped 0"
    assert frozen_during[0] > 0
    assert gc.get_freeze_count() == 0


def test_a_callers_frozen_objects_stay_frozen(collection_as_found):
    gc.freeze()
    before = gc.get_freeze_count()
    with start_up_objects_frozen():
        pass
    assert before > 0
    assert gc.get_freeze_count() == before
