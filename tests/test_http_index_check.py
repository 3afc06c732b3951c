"""The service's check for a new index: one stat a request while the folder is settled, and a reindex still seen."""

import os
import time
from pathlib import Path

import pytest
from whoosh.searching import Searcher

from searchapp.engine import SearchRequest, SearchService
from searchapp.engine import service as service_module
from searchapp.index import reindex

SMALL = Path(__file__).parent / "data" / "index" / "small"
NEW_ARTICLE = "Title: Envoys meet in Kaesong\nDate: 2023-05-05\n\nNegotiators met in Kaesong on Friday.\n"


def settle(folder: Path) -> None:
    """Date the folder's last change a minute back, as if no commit had come for a while."""
    then = time.time_ns() - 60 * 10**9
    os.utime(folder, ns=(then, then))


@pytest.fixture
def listings(monkeypatch):
    """How many times Whoosh is asked whether the searcher is current (each a listing of the folder)."""
    calls = []
    up_to_date = Searcher.up_to_date

    def counted(searcher):
        calls.append(1)
        return up_to_date(searcher)

    monkeypatch.setattr(Searcher, "up_to_date", counted)
    return calls


def kaesong(service: SearchService) -> int:
    return service.search(SearchRequest(q="kaesong")).total


def test_a_settled_folder_is_listed_once_then_only_stated(tmp_path, indexed_copy, listings):
    _, index_dir = indexed_copy(SMALL, tmp_path)
    settle(index_dir)
    service = SearchService(index_dir)
    try:
        for _ in range(5):
            kaesong(service)
        assert len(listings) == 1  # the first search opened the index, the second listed, the rest stated
    finally:
        service.close()


def test_a_folder_changed_lately_is_listed_every_time(tmp_path, indexed_copy, listings):
    """Within SETTLED_NS of its last change a folder's time may not move on a change (a coarse clock)."""
    _, index_dir = indexed_copy(SMALL, tmp_path)
    now = time.time_ns()
    os.utime(index_dir, ns=(now, now))
    service = SearchService(index_dir)
    try:
        for _ in range(4):
            kaesong(service)
        assert len(listings) == 3
    finally:
        service.close()


def test_a_reindex_into_a_settled_folder_is_seen_by_the_next_search(tmp_path, indexed_copy, knowledge):
    articles, index_dir = indexed_copy(SMALL, tmp_path)
    settle(index_dir)
    service = SearchService(index_dir)
    try:
        assert kaesong(service) == 0
        assert kaesong(service) == 0  # now settled: no listing
        assert service._settled is not None
        (articles / "z_kaesong.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        reindex(articles, index_dir, knowledge)
        assert kaesong(service) == 1
        settle(index_dir)
        (articles / "z_kaesong.txt").unlink()
        assert kaesong(service) == 1
        reindex(articles, index_dir, knowledge)
        assert kaesong(service) == 0
    finally:
        service.close()


def test_a_folder_put_in_place_of_the_index_is_seen(tmp_path, indexed_copy, knowledge):
    """A newer index moved into the folder's place (same time, by chance or by copy) is another folder."""
    articles, index_dir = indexed_copy(SMALL, tmp_path / "a")
    settle(index_dir)
    service = SearchService(index_dir)
    try:
        kaesong(service)
        kaesong(service)
        other_articles, other_index = indexed_copy(SMALL, tmp_path / "b")
        (other_articles / "z_kaesong.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        reindex(other_articles, other_index, knowledge)
        reindex(other_articles, other_index, knowledge)  # a later generation than the one opened
        stamp = os.stat(index_dir)
        os.rename(index_dir, tmp_path / "old-index")
        os.rename(other_index, index_dir)
        os.utime(index_dir, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
        assert kaesong(service) == 1
    finally:
        service.close()


def test_a_folder_that_is_gone_is_no_index(tmp_path, indexed_copy):
    _, index_dir = indexed_copy(SMALL, tmp_path)
    settle(index_dir)
    service = SearchService(index_dir)
    try:
        kaesong(service)
        kaesong(service)
        os.rename(index_dir, tmp_path / "elsewhere")
        with pytest.raises(service_module.IndexMissing):
            kaesong(service)
    finally:
        service.close()
