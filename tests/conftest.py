"""Shared fixtures: the seed archive indexed once per session, and a Flask app over a copy of it.

`app`, `client` and `runner` each get their own copy of the seed archive and of
the session's index (copying is cheaper than rebuilding), so a test may reindex
or add files without disturbing the others.
"""

import shutil
import sys
from pathlib import Path

import pytest

from searchapp import create_app
from searchapp.facets import Knowledge
from searchapp.index import reindex
from searchapp.engine import SearchService

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import make_archive  # noqa: E402

NAMES = make_archive.SMALL_NAMES


@pytest.fixture(scope="session")
def knowledge():
    return Knowledge.load()


@pytest.fixture(scope="session")
def indexed_copy(knowledge):
    """indexed_copy(archive, root) copies an archive to root/articles and indexes it in root/index.

    Returns (articles folder, index folder), so a test may change the copy and reindex.
    """

    def build(archive: Path, root: Path) -> tuple[Path, Path]:
        articles, index_dir = root / "articles", root / "index"
        shutil.copytree(archive, articles)
        reindex(articles, index_dir, knowledge)
        return articles, index_dir

    return build


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, indexed_copy):
    """The seed archive indexed once: (articles folder, index folder); read-only for tests."""
    return indexed_copy(SEED, tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="session")
def seed_service(seed_index):
    """A search service over the session's seed index, for read-only tests."""
    service = SearchService(seed_index[1])
    yield service
    service.close()


@pytest.fixture
def app(tmp_path, seed_index):
    """The app over this test's own copy of the seed archive and its index."""
    articles, index_dir = tmp_path / "articles", tmp_path / "index"
    shutil.copytree(seed_index[0], articles)
    shutil.copytree(seed_index[1], index_dir)
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(index_dir)})
    yield app
    service = app.extensions.get("search")
    if service is not None:
        service.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def segmented_index(tmp_path_factory, knowledge):
    """A search service over three archives (seed, small, synthetic) in several segments, some documents deleted."""
    root = tmp_path_factory.mktemp("matching")
    articles, index_dir = root / "articles", root / "index"
    shutil.copytree(DATA / "seed", articles / "seed")
    shutil.copytree(DATA / "index" / "small", articles / "small")
    make_archive.make_archive(160, articles / "synthetic", seed=3, names=NAMES)
    reindex(articles, index_dir, knowledge)
    synthetic = sorted((articles / "synthetic").rglob("*.txt"))
    for path in synthetic[:12]:
        path.unlink()
    for path in synthetic[12:20]:
        path.write_text(path.read_text(encoding="utf-8") + "\nThe ministry said the talks on sanctions would go on.\n", encoding="utf-8")
    make_archive.make_archive(180, articles / "more", seed=4, names=NAMES)
    reindex(articles, index_dir, knowledge)
    service = SearchService(index_dir)
    yield service
    service.close()
