"""One file written to a folder and read as the archive reader reads it: its one article.

Shared by the reading tests that each check one rule on a few lines of their own wording."""

from searchapp.reading import read_file


def read_one(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = read_file(tmp_path / name, tmp_path)
    (article,) = result.articles
    return article
