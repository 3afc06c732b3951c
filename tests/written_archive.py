"""An app over a few articles a test writes itself, indexed once for a test module (test_aliases, test_cjk)."""

from contextlib import contextmanager
from pathlib import Path

from searchapp import create_app
from searchapp.index import reindex
from searchapp.knowledge import Knowledge


@contextmanager
def client_over(articles: dict[str, str], root: Path):
    """A test client over root/articles holding articles (file name -> text), indexed in root/index."""
    folder, index_dir = root / "articles", root / "index"
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    reindex(folder, index_dir, Knowledge.load())
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(folder), "INDEX_DIR": str(index_dir)})
    try:
        yield app.test_client()
    finally:
        service = app.extensions.get("search")
        if service is not None:
            service.close()
