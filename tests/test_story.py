"""The .story reader: CNN/Daily Mail dataset files built from real dev articles."""

import datetime
from pathlib import Path

from searchapp.reading import Skip, read_file

from dev_articles import dev_article  # noqa: E402 (tests/ is on the path)


def story(paragraphs: list[str], highlights: list[str]) -> str:
    """The dataset's layout: paragraphs a line each, blank lines between, then "@highlight" and its line."""
    return "\n\n".join(paragraphs + [f"@highlight\n\n{h}" for h in highlights]) + "\n"


def read_one(tmp_path: Path, name: str, text: str):
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = read_file(tmp_path / name, tmp_path)
    assert (result.skipped, result.warnings, len(result.articles)) == ([], [], 1)
    return result.articles[0]


HIGHLIGHTS = [
    "Impeachment motion against President Yoon fails as ruling party lawmakers walk out",
    "Opposition vows to try again; protesters gather outside the National Assembly",
]


def test_cnn_story_takes_its_source_from_the_dateline_and_title_from_the_first_highlight(tmp_path):
    _, _, paragraphs = dev_article("dev_001.html")
    assert paragraphs[0].startswith("SEOUL, South Korea — ")
    paragraphs[0] = paragraphs[0].replace("SEOUL, South Korea — ", "SEOUL, South Korea (CNN) -- ", 1)
    article = read_one(tmp_path, "0a1b2c3d4e.story", story(paragraphs, HIGHLIGHTS))
    assert (article.id, article.title, article.date, article.date_from, article.source, article.url) == (
        "0a1b2c3d4e.story", HIGHLIGHTS[0], None, None, "CNN", None
    )
    assert article.headline is None  # the highlight lists the story; it is not the headline the outlet gave it
    assert article.body == "\n\n".join(paragraphs)  # the highlights are a summary, not body


def test_the_tokenized_release_has_its_brackets_back(tmp_path):
    # "Washington -LRB- CNN -RRB- --": the dataset's tokenized files write brackets as Penn Treebank tokens
    _, _, paragraphs = dev_article("dev_001.html", count=2)
    tokenized = [paragraphs[0].replace("SEOUL, South Korea — ", "SEOUL -LRB- CNN -RRB- -- ", 1), paragraphs[1]]
    article = read_one(tmp_path, "tokenized.story", story(tokenized, HIGHLIGHTS))
    assert article.source == "CNN"
    assert article.body.startswith("SEOUL (CNN) -- ") and "-LRB-" not in article.body + article.title


def test_a_dateline_glued_to_the_text_still_names_the_outlet(tmp_path):
    _, _, paragraphs = dev_article("dev_001.html", count=2)
    paragraphs[0] = paragraphs[0].replace("SEOUL, South Korea — ", "(CNN)", 1)
    article = read_one(tmp_path, "glued.story", story(paragraphs, HIGHLIGHTS))
    assert (article.title, article.source, article.body) == (HIGHLIGHTS[0], "CNN", "\n\n".join(paragraphs))


def test_a_wire_dateline_names_the_wire(tmp_path):
    _, _, paragraphs = dev_article("dev_012.html")  # "SEOUL, Aug. 20 (Yonhap) -- ..."
    highlights = ["North Korea's newspaper blasts the South over joint drills"]
    article = read_one(tmp_path, "wire.story", story(paragraphs, highlights))
    assert (article.title, article.source) == (highlights[0], "Yonhap News Agency")
    assert article.body == "\n\n".join(paragraphs)


def test_a_headline_in_the_text_wins_over_the_highlights(tmp_path):
    title, _, paragraphs = dev_article("dev_012.html", count=2)
    article = read_one(tmp_path, "headed.story", story([title] + paragraphs, ["A summary line, not the title"]))
    assert (article.title, article.headline, article.body) == (title, title, "\n\n".join(paragraphs))


def test_daily_mail_label_lines_give_the_byline_and_published_date(tmp_path):
    _, day, paragraphs = dev_article("dev_020.md")
    published = f"08:48 EST, {day.day} {day:%B %Y}"
    updated = f"10:02 EST, {(day + datetime.timedelta(days=1)).day} {day + datetime.timedelta(days=1):%B %Y}"
    header = ["By ", "Daily Mail Reporter ", "", "PUBLISHED: ", " ", published, " ", " | ", "", "UPDATED: ", " ",
              updated, " ", ""]
    text = "\n".join(header) + "\n" + story(paragraphs, ["China claims Sandy Cay", "Manila protests"])
    article = read_one(tmp_path, "dm.story", text)
    assert (article.title, article.date, article.byline) == ("China claims Sandy Cay", day, "By Daily Mail Reporter")
    assert article.body == "\n\n".join(paragraphs)


def test_a_story_without_highlights_is_read_as_text(tmp_path):
    _, _, paragraphs = dev_article("dev_012.html", count=2)
    article = read_one(tmp_path, "plain.story", "\n\n".join(paragraphs) + "\n")
    assert (article.source, article.body) == ("Yonhap News Agency", "\n\n".join(paragraphs))
    assert paragraphs[0].startswith(article.title.removesuffix(" …"))


def test_a_story_with_only_highlights_is_a_skip(tmp_path):
    (tmp_path / "summary-only.story").write_text(story([], HIGHLIGHTS), encoding="utf-8")
    result = read_file(tmp_path / "summary-only.story", tmp_path)
    assert (result.articles, result.skipped) == (
        [], [Skip("summary-only.story", "no article text before the @highlight summary")]
    )


def test_windows_line_ends_keep_the_highlights_out_of_the_body(tmp_path):
    _, _, paragraphs = dev_article("dev_012.html", count=2)
    (tmp_path / "crlf.story").write_bytes(story(paragraphs, ["Pyongyang warns Seoul"]).replace("\n", "\r\n").encode())
    [article] = read_file(tmp_path / "crlf.story", tmp_path).articles
    assert (article.title, article.body) == ("Pyongyang warns Seoul", "\n\n".join(paragraphs))
