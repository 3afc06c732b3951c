"""Articles kept as a table: .csv/.tsv dumps with a header row, and a dataset's numbered lines, built
from dev articles' real text."""

import csv
import io
from pathlib import Path

import pytest

from dev_articles import dev_article
from searchapp.reading import read_file
from searchapp.reading.formats import detect_kind

FIRST, SECOND = "dev_002.md", "dev_021.md"


def table(delimiter: str, header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def read(folder: Path, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return read_file(path, folder)


@pytest.mark.parametrize("name, delimiter", [("news.csv", ","), ("news.tsv", "\t"), ("export.csv", ";")])
def test_a_dump_table_is_an_article_a_row_under_its_header(tmp_path, name, delimiter):
    """The Kaggle "all the news" shape: an unnamed index column, title, publication, date, url, content
    (paragraphs with commas, quotes and line breaks inside one cell)."""
    articles = [dev_article(FIRST), dev_article(SECOND)]
    header = ["", "id", "title", "publication", "author", "date", "url", "content"]
    rows = [
        [str(n), str(17283 + n), title, "Korea Herald", "Jane Doe", date.isoformat(), f"https://k.example/{n}", "\n\n".join(paras)]
        for n, (title, date, paras) in enumerate(articles)
    ]
    result = read(tmp_path, name, table(delimiter, header, rows))
    assert result.skipped == []
    assert [a.id for a in result.articles] == [f"{name}#1", f"{name}#2"]
    for article, (title, date, paragraphs) in zip(result.articles, articles):
        assert (article.title, article.date, article.source) == (title, date, "The Korea Herald")
        assert all(" ".join(p.split()[:12]) in article.body for p in paragraphs)
        assert "Jane Doe" not in article.body and "k.example" not in article.body


def test_a_table_without_a_text_column_is_skipped_once_with_its_columns(tmp_path):
    text = table(",", ["ticker", "price", "volume"], [["AAPL", "190.1", "1000"], ["MSFT", "410.5", "900"]])
    result = read(tmp_path, "prices.csv", text)
    assert result.articles == []
    assert [s.path for s in result.skipped] == ["prices.csv"]
    assert "ticker, price, volume" in result.skipped[0].reason


def test_a_table_whose_first_row_is_prose_has_no_header_and_says_so(tmp_path):
    _, _, paragraphs = dev_article(FIRST)
    result = read(tmp_path, "notes.csv", "\n".join(f'"{p}",x' for p in paragraphs) + "\n")
    assert result.articles == [] and "header" in result.skipped[0].reason


def test_a_datasets_numbered_lines_are_an_article_each(tmp_path):
    """"0<TAB>text" a line, as summarisation and embedding datasets keep articles; ids follow the lines."""
    texts = [" ".join(dev_article(name)[2]) for name in (FIRST, SECOND)]
    result = read(tmp_path, "sample_news.txt", "".join(f"{n}\t{t}\n" for n, t in enumerate(texts)))
    assert [a.id for a in result.articles] == ["sample_news.txt#1", "sample_news.txt#2"]
    for article, text in zip(result.articles, texts):
        assert article.headline is None  # the line gives none: a title made up of its first words is no headline
        assert " ".join(article.body.split()) == " ".join(text.split())


def test_a_numbered_list_in_a_note_stays_one_text_article():
    note = b"1\tBuy milk\n2\tCall the embassy press office about the visa list\n"
    assert detect_kind("todo.txt", note) == "text"
    assert detect_kind("news.csv", b"title,body\n") == "table"
