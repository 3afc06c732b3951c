"""The reader on the shapes real archives come in: front matter, markdown, saved pages, datelines.

Each fixture is written here, small, in the shape real files have; the dev set's scores
(test_reading_scores.py) check the same rules on files no one here wrote.
"""

import datetime
import errno
import json
import os
from pathlib import Path

import pytest

from searchapp.reading import Article, archive_files, read_file
from searchapp.reading.archive import scan_archive
from searchapp.reading.formats import detect_kind
from searchapp.reading.rules import reading_rules

BODY = (
    "South Korea and Japan agreed on Thursday to resume regular visits between their leaders after a gap of "
    "twelve years, officials in both capitals said.\n\n"
    "The two governments also agreed to restore a military intelligence-sharing pact."
)


def read_one(tmp_path: Path, name: str, content: str | bytes) -> Article:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    result = read_file(path, tmp_path)
    assert (result.skipped, len(result.articles)) == ([], 1), result
    return result.articles[0]


def summary(article: Article) -> tuple:
    return article.title, article.date, article.source, article.url, article.date_from


# --- Front matter ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        (
            "post.markdown",
            '---\nlayout: post\ntitle:  "Seoul and Tokyo agree to talks"\ndate: 2017-08-29 11:51:07Z\n'
            "categories: news\n---\n",
            ("Seoul and Tokyo agree to talks", datetime.date(2017, 8, 29), None, None, "front matter (date)"),
        ),
        (
            "wp.md",
            "---\npost_title: 'Seoul &amp; Tokyo agree to talks'\npost_date: 2021-03-04\n"
            "publisher: Kyodo\ncanonical_url: https://english.kyodonews.net/news/a.html\n---\n",
            (
                "Seoul & Tokyo agree to talks",
                datetime.date(2021, 3, 4),
                "Kyodo News",  # the outlet's own name, however the file filed it
                "https://english.kyodonews.net/news/a.html",
                "front matter (post_date)",
            ),
        ),
        (
            "hugo.md",
            '+++\ntitle = "Seoul and Tokyo agree to talks"\npublishDate = 2022-05-06\n'
            'permalink = "https://www.koreaherald.com/view.php?ud=1"\n+++\n',
            (
                "Seoul and Tokyo agree to talks",
                datetime.date(2022, 5, 6),
                "The Korea Herald",  # the address's domain names the outlet
                "https://www.koreaherald.com/view.php?ud=1",
                "front matter (publishDate)",  # the key as the block writes it
            ),
        ),
    ],
)
def test_front_matter_gives_title_date_source_and_url(tmp_path, name, head, expected):
    article = read_one(tmp_path, name, head + "\n" + BODY)
    assert summary(article) == expected
    assert article.body == BODY


def test_unreadable_front_matter_is_dropped_with_a_warning_not_read_as_prose(tmp_path):
    path = tmp_path / "broken.md"
    path.write_text("---\ntitle: [unclosed\ndate: 2020-01-01\n---\n\n# Seoul and Tokyo agree to talks\n\n" + BODY)
    result = read_file(path, tmp_path)
    assert [a.title for a in result.articles] == ["Seoul and Tokyo agree to talks"]
    assert result.articles[0].body == BODY
    assert len(result.warnings) == 1 and "YAML front matter cannot be read" in result.warnings[0]


def test_a_broken_front_matter_block_keeps_its_plain_key_value_lines(tmp_path):
    head = (
        "---\nid: 640_0000082373\ntitle: \"Ministers agree to talks\"\npublisher: Harbor Times\nauthor: \n"
        "\t\t\n\t\t\tBY A WRITER    [writer@harbortimes.example]\n\t\t\npublished_at: 2025-12-30 00:00\n"
        "url: https://harbortimes.example/talks\nnote: [never closed\nsubtitle: 'open quote\n---\n"
    )
    path = tmp_path / "scraped.md"
    path.write_text(head + BODY, encoding="utf-8")
    result = read_file(path, tmp_path)
    article = result.articles[0]
    assert (article.title, article.date, article.url) == (
        "Ministers agree to talks", datetime.date(2025, 12, 30), "https://harbortimes.example/talks")
    assert article.body == BODY
    assert len(result.warnings) == 1 and "plain 'key: value' lines were read" in result.warnings[0]


def test_an_outlets_name_in_its_own_script_is_the_outlet(tmp_path):
    article = read_one(tmp_path, "naver.md", "---\ntitle: Talks\npublisher: 연합뉴스\n---\n" + BODY)
    assert article.source == "Yonhap News Agency"


# --- Markdown -------------------------------------------------------------------


def test_markdown_heading_is_the_title_and_markup_goes_but_words_stay(tmp_path):
    text = (
        "**EDITORIAL**\n\n# A lifeline in rough seas\n\n"
        "****Philippine Daily Inquirer / 05:07 AM December 24, 2024****\n\n"
        "![Image](https://example.org/editorial.png)\n\n"
        "The alliance with **Japan** is, as [one senator](https://example.org/s) put it, a *testament* to "
        "shared interests that both governments have spent years building.\n\n"
        "> The two allies may deploy troops on each other's soil.\n"
    )
    article = read_one(tmp_path, "editorial.md", text)
    assert summary(article) == (
        "A lifeline in rough seas",
        datetime.date(2024, 12, 24),
        "Philippine Daily Inquirer",  # the credit line "Outlet / date" names both
        None,
        "a date line",
    )
    assert article.body == (
        "The alliance with Japan is, as one senator put it, a testament to shared interests that both "
        "governments have spent years building.\n\n"
        "The two allies may deploy troops on each other's soil."
    )


def test_a_link_of_its_own_at_the_top_names_the_original_and_its_outlet(tmp_path):
    text = (
        "# 福岛渔民仍反对排海\n\n"
        "> 原文链接：[KYODO NEWS: Fukushima fishermen still oppose water release]"
        "(https://english.kyodonews.net/news/2023/07/7ba3-fishermen.html)\n\n" + BODY
    )
    article = read_one(tmp_path, "kyodo.md", text)
    assert summary(article) == (
        "福岛渔民仍反对排海",
        None,  # the address holds a year and a month, not a day: no date rather than a wrong one
        "Kyodo News",
        "https://english.kyodonews.net/news/2023/07/7ba3-fishermen.html",
        None,
    )


EVENTS_PAGE = (
    "### [2019-03-04](/events/2019/03/04/index.md)\n\n"
    "# Envoys of South Korea and Japan meet in Tokyo to restart talks.\n\n"
    "The talks, the first in two years, cover the two countries' export rules.\n\n"
    "### Sources:\n\n"
    "1. [Harbour Light News](https://harbourlight.example/2019/03/04/envoys)\n\n"
    "### Related:\n\n"
    "1. [Norway and Peru sign a fisheries pact in Lima. ](/events/2018/05/02/norway-peru-pact.md) _Context: Lima_\n"
    "2. [Brazil's president visits Argentina [photos]](/events/2017/01/09/brazil-argentina.md) _Context: Buenos Aires_\n\n"
    "**Read more**\n\n"
    "- [Chile recalls its ambassador](https://other.example/chile-ambassador)\n"
)


def test_a_list_of_links_to_other_pages_under_a_heading_is_furniture_not_text(tmp_path):
    """"Related:" over links to the site's own pages, "Read more" over any links: other stories' headlines, whose
    countries are not the article's. "Sources:" citing an outlet elsewhere is the article's own and stays."""
    article = read_one(tmp_path, "events.md", EVENTS_PAGE)
    assert (article.title, article.date) == (
        "Envoys of South Korea and Japan meet in Tokyo to restart talks.", datetime.date(2019, 3, 4)
    )
    assert article.body == (
        "The talks, the first in two years, cover the two countries' export rules.\n\nSources:\n\n1. Harbour Light News"
    )


@pytest.mark.parametrize(
    "tail",
    [
        "### Related:\n\nSeoul and Tokyo last met in [Busan](/events/2017/busan.md) before the talks broke down.\n",
        "### Documents\n\n1. [The joint statement](https://gov.example/statement.pdf)\n",  # links out, not a list heading
    ],
)
def test_a_heading_over_prose_or_over_links_out_under_its_own_name_stays(tmp_path, tail):
    article = read_one(tmp_path, "events.md", f"# Envoys meet in Tokyo\n\n{BODY}\n\n{tail}")
    assert article.body.startswith(BODY) and article.body != BODY


# --- Saved web pages ------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head>
<title>Seoul, Tokyo agree to resume talks | World News - The Korea Herald</title>
<meta property="og:title" content="Leaders to meet again">
<meta property="og:site_name" content="koreaherald.com">
<link rel="canonical" href="https://www.koreaherald.com/view.php?ud=20230316000123">
{extra}
</head><body>
<div class="logo"><h1>The Korea Herald</h1></div>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Seoul, Tokyo agree to resume talks</h1>
<p>South Korea and Japan agreed on Thursday to resume regular visits between their leaders after a gap of
twelve years, officials in both capitals said on the sidelines of the summit in Tokyo.</p>
<p>The two governments also agreed to restore a military intelligence-sharing pact &amp; to hold regular
talks on export controls, a senior official told reporters.</p>
</article>
<footer>Copyright The Korea Herald. All rights reserved.</footer>
</body></html>"""

LINKED_DATA = """<script type="application/ld+json">
<![CDATA[
{"@context": "https://schema.org", "@graph": [
 {"@type": "BreadcrumbList", "itemListElement": []},
 {"@type": "NewsArticle", "headline": "Seoul, Tokyo agree to resume shuttle diplomacy...",
  "datePublished": "2023-03-16T22:10:00Z", "publisher": {"@type": "Organization", "name": "The Korea Herald"}}
]}
]]>
</script>
<meta property="article:published_time" content="2023-03-18T09:00:00Z">
<meta name="twitter:title" content="Seoul, Tokyo agree to resume shuttle diplomacy after 12 years">"""


@pytest.mark.parametrize("name", ["page.html", "view.php", "story.aspx", "saved-page"])
def test_a_saved_page_is_read_whatever_its_name(tmp_path, name):
    article = read_one(tmp_path, name, PAGE.format(extra=""))
    assert summary(article) == (
        "Seoul, Tokyo agree to resume talks",  # the visible <h1> the <title> repeats, not the logo or og:title
        None,
        "The Korea Herald",  # a host name as site name is looked up, not shown
        "https://www.koreaherald.com/view.php?ud=20230316000123",
        None,
    )
    assert "Home" not in article.body and "&amp;" not in article.body
    assert "restore a military intelligence-sharing pact & to hold regular talks" in article.body


def test_schema_org_headline_and_date_come_first_and_a_cut_headline_is_made_whole(tmp_path):
    article = read_one(tmp_path, "page.html", PAGE.format(extra=LINKED_DATA))
    assert summary(article) == (
        "Seoul, Tokyo agree to resume shuttle diplomacy after 12 years",
        datetime.date(2023, 3, 16),  # datePublished, not the later article:published_time
        "The Korea Herald",
        "https://www.koreaherald.com/view.php?ud=20230316000123",
        "page metadata (schema.org datePublished)",
    )


def test_a_page_whose_article_lives_only_in_script_state_is_read_from_it(tmp_path):
    state = {
        "route": {"item": {"headline": "Seoul, Tokyo agree to resume talks", "id": 7}},
        "content": {"article": {
            "headline": "Seoul, Tokyo agree to resume talks",
            "body": {"type": "root", "children": [
                {"type": "p", "children": [{"type": "text", "data": "South Korea and Japan agreed on Thursday "},
                                           {"type": "a", "children": [{"type": "text", "data": "to resume"}]},
                                           {"type": "text", "data": " regular visits between their leaders."}]},
                {"type": "ad"},
                {"type": "p", "children": [{"type": "text", "data": "The two governments also agreed to restore "
                                            "a military intelligence-sharing pact, officials said."}]},
            ]},
        }},
    }
    page = (
        "<html><head><title>Seoul, Tokyo agree to resume talks | The Korea Herald</title></head>"
        "<body><div id='app'></div><script>window.__APOLLO_STATE__=" + json.dumps(state) + ";</script></body></html>"
    )
    article = read_one(tmp_path, "app.html", page)
    assert article.title == "Seoul, Tokyo agree to resume talks"
    assert article.body == (
        "South Korea and Japan agreed on Thursday to resume regular visits between their leaders.\n\n"
        "The two governments also agreed to restore a military intelligence-sharing pact, officials said."
    )


@pytest.mark.parametrize(
    "address", ["https://www.example-news.org/2016/01/13/talks/", "https://www.example-news.org/world/2016/jan/13/talks"]
)
def test_a_date_in_the_pages_address_is_the_last_resort(tmp_path, address):
    page = PAGE.format(extra="").replace("https://www.koreaherald.com/view.php?ud=20230316000123", address)
    article = read_one(tmp_path, "page.html", page)
    assert (article.date, article.date_from) == (datetime.date(2016, 1, 13), "URL path")


# --- Dates and sources in text ----------------------------------------------------


@pytest.mark.parametrize(
    ("dateline", "date"),
    [
        ("SEOUL, May 7, 2023 —", datetime.date(2023, 5, 7)),
        ("LIMA, Peru, Nov. 15, 2024 —", datetime.date(2024, 11, 15)),
        ("TOKYO, March 3, 2021 (Reuters) -", datetime.date(2021, 3, 3)),
    ],
)
def test_a_wire_dateline_dates_the_article(tmp_path, dateline, date):
    text = f"Leaders agree to resume talks\n\n{dateline} {BODY}"
    article = read_one(tmp_path, "wire.txt", text)
    assert (article.title, article.date, article.date_from) == ("Leaders agree to resume talks", date, "the dateline")
    assert article.body.startswith(dateline)


def test_a_sentence_that_mentions_a_date_gives_no_date(tmp_path):
    text = "Leaders agree to resume talks\n\nThe agreement, first drafted on May 7, 2023, was signed today. " + BODY
    assert read_one(tmp_path, "plain.txt", text).date is None


def test_a_title_suffix_naming_an_outlet_is_the_source_not_the_headline(tmp_path):
    text = "Title: China snubs Khan, says resolve Kashmir bilaterally – Times of India\nDate: 2019-10-09\n\n" + BODY
    article = read_one(tmp_path, "clip.txt", text)
    assert (article.title, article.source) == ("China snubs Khan, says resolve Kashmir bilaterally", "The Times of India")


def test_entities_and_stray_tags_are_decoded_and_removed_from_text(tmp_path):
    text = "Seoul &amp; Tokyo agree to talks</p>\n\n<p>South Korea &amp; Japan agreed on Thursday to resume " \
        "regular visits between their leaders after a gap of twelve years, officials said.</p><br/>\n"
    article = read_one(tmp_path, "scraped.txt", text)
    assert article.title == "Seoul & Tokyo agree to talks"
    assert article.body == (
        "South Korea & Japan agreed on Thursday to resume regular visits between their leaders after a gap "
        "of twelve years, officials said."
    )


# --- Which reader reads a file -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("report", b"%PDF-1.7\n", "pdf"),
        ("report.bin", b"%PDF-1.4\n", "pdf"),
        ("memo.docx", b"PK\x03\x04" + b"\0" * 20, "docx"),
        ("archive.zip", b"PK\x03\x04" + b"\0" * 20, None),
        ("feed.xml", b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed"),
        ("atom", b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("index.php", b"<?php include 'head.php'; ?>\n<!DOCTYPE html><html>", "html"),
        ("page.shtml", b"<html><body>", "html"),
        ("saved", b"\xef\xbb\xbf<!doctype html>\n<html>", "html"),
        ("notes.txt", b"From: desk@example.org\nSubject: Briefing\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n\nText", "email"),
        ("notes.txt", b"Title: Talks\n\nSeoul and Tokyo agreed.", "text"),
        ("letter.eml", b"Subject: Briefing\n\nText", "email"),
        ("dump.json", b'{"title": "x"}', "json"),
        ("dump.jsonl", b'{"title": "x"}\n', "jsonl"),
        ("cnn.story", b"WASHINGTON (CNN) -- Text\n\n@highlight\n\nSummary", "story"),
        ("post.markdown", b"---\ntitle: x\n---\n", "text"),
        ("README", b"Plain words.", "text"),
        ("photo.heic", b"\x00\x00\x00\x18ftypheic", None),
    ],
)
def test_the_kind_of_file_is_told_by_its_content_first(name, head, kind):
    assert detect_kind(name, head) == kind


def test_a_file_of_a_kind_it_cannot_read_is_skipped_with_its_reason(tmp_path):
    (tmp_path / "slides.key").write_bytes(b"\x00\x01binary")
    result = read_file(tmp_path / "slides.key", tmp_path)
    assert (result.articles, [(s.path, s.reason) for s in result.skipped]) == (
        [],
        [("slides.key", "not a kind of file the archive reads (.key)")],
    )


# --- The archive's listing: odd entries ----------------------------------------------

def odd_entries(root: Path, outside: Path) -> None:
    """Every kind of entry a real archive folder may hold beside its articles."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "good.txt").write_text(f"Ministers meet for talks\n\n{BODY}", encoding="utf-8")
    with open(os.path.join(os.fsencode(root), b"caf\xe9.txt"), "wb") as f:  # Latin-1, not UTF-8
        f.write(b"Ministers meet\n\nText.")
    (root / "line\nbreak.txt").write_text(f"Ministers meet again\n\n{BODY}", encoding="utf-8")
    (root / "loop.txt").symlink_to("loop.txt")
    (root / "dangling.txt").symlink_to("missing.txt")
    os.mkfifo(root / "pipe.txt")
    (root / "zero.txt").symlink_to("/dev/zero")
    (root / "locked").mkdir()
    (root / "locked" / "inside.txt").write_text("Ministers meet\n\nText.", encoding="utf-8")
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text(f"Unpublished: ministers meet\n\n{BODY}", encoding="utf-8")
    (root / "secret.txt").symlink_to(outside / "secret.txt")
    (root / "alias.txt").symlink_to("good.txt")


def lock_folder(monkeypatch, folder: Path) -> None:
    """Make one folder unreadable: chmod 000 stops no one when the tests run as root, so scandir refuses it."""
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fsdecode(path) == str(folder):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_odd_entries_are_listed_as_skips_with_their_reasons_and_the_rest_as_files(tmp_path, monkeypatch):
    root = tmp_path / "archive"
    odd_entries(root, tmp_path / "outside")
    lock_folder(monkeypatch, root / "locked")
    listing = scan_archive(root)
    assert [listed.path for listed in listing.files] == ["alias.txt", "good.txt", "line\nbreak.txt"]
    reasons = {skip.path: skip.reason for skip in listing.skipped}
    assert sorted(reasons) == ["caf\\xe9.txt", "dangling.txt", "locked", "loop.txt", "pipe.txt", "secret.txt", "zero.txt"]
    assert "not valid UTF-8" in reasons["caf\\xe9.txt"]
    assert "broken symbolic link" in reasons["dangling.txt"] and "missing.txt" in reasons["dangling.txt"]
    assert reasons["locked"] == "folder cannot be read (Permission denied)"
    assert "link loop" in reasons["loop.txt"]
    assert reasons["pipe.txt"] == "a named pipe (FIFO), not a regular file"
    assert "outside the archive" in reasons["secret.txt"] and "FOLLOW_LINKS_OUTSIDE_ARCHIVE" in reasons["secret.txt"]
    assert reasons["zero.txt"] == "a symbolic link to a device (/dev/zero), not a regular file"
    assert all(skip.path.encode("utf-8") and skip.reason.encode("utf-8") for skip in listing.skipped)  # printable


def test_links_out_of_the_archive_are_followed_only_when_allowed(tmp_path):
    root = tmp_path / "archive"
    odd_entries(root, tmp_path / "outside")
    followed = scan_archive(root, follow_links_outside=True)
    assert "secret.txt" in [listed.path for listed in followed.files]
    assert "secret.txt" not in [skip.path for skip in followed.skipped]
    assert "zero.txt" in [skip.path for skip in followed.skipped]  # a device stays out all the same
    assert "secret.txt" not in archive_files_of(root)


def test_an_archive_reached_through_a_link_keeps_its_own_links_inside(tmp_path):
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "a.txt").write_text("Ministers meet\n\nText.", encoding="utf-8")
    (real / "sub" / "b.txt").symlink_to("../a.txt")
    (tmp_path / "via").symlink_to(real, target_is_directory=True)
    listing = scan_archive(tmp_path / "via")
    assert ([listed.path for listed in listing.files], listing.skipped) == (["a.txt", "sub/b.txt"], [])


def archive_files_of(root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path in archive_files(root)]


def test_a_scrapers_metadata_list_gives_the_fields_and_a_site_heading_is_no_headline(tmp_path):
    text = (
        "# www.koreaherald.com\n\n## Metadata\n\n"
        "- **URL**: https://www.koreaherald.com/view.php?ud=20230316000123\n"
        "- **Scraped at**: 2023-03-17T02:34:36+00:00\n\n"
        "## Content\n\nSeoul and Tokyo agree to resume talks\n\nPublished :`2023-03-16 19:12:55`\n\n" + BODY
    )
    article = read_one(tmp_path, "scraped.md", text)
    assert summary(article) == (
        "Seoul and Tokyo agree to resume talks",
        datetime.date(2023, 3, 16),
        "The Korea Herald",
        "https://www.koreaherald.com/view.php?ud=20230316000123",
        "a “Published” line",
    )


def test_the_date_line_under_a_pages_headline_dates_it_when_its_tags_do_not(tmp_path):
    page = (
        "<html><head><title>China snubs Khan on Kashmir | India News - Times of India</title></head><body>"
        "<h1>China snubs Khan on Kashmir</h1><div class='byline'><a href='/a'>Saibal Dasgupta</a> / TNN / "
        "<span>Updated: Oct 9, 2019, 11:05 IST</span></div>"
        "<!-- $Id: Photo.java,v 1.18 2004/05/13 template $ -->"
        "<div class='story'><p>China on Wednesday said India and Pakistan should resolve the Kashmir issue "
        "through dialogue, a day before President Xi Jinping travels to India for an informal summit.</p>"
        "<p>Foreign ministry spokesman Geng Shuang told reporters the position was consistent and clear.</p></div>"
        "</body></html>"
    )
    article = read_one(tmp_path, "toi.html", page)
    assert (article.title, article.date, article.date_from, article.source) == (
        "China snubs Khan on Kashmir",
        datetime.date(2019, 10, 9),
        "a “Updated” line under the headline",
        "The Times of India",
    )


@pytest.mark.parametrize(
    ("title", "headline", "source"),
    [
        ("Ukraine claws back territory | Russia-Ukraine war News | Al Jazeera", "Ukraine claws back territory",
         "Al Jazeera"),
        ("Taliban attack kills 40 | RadioFreeEurope/RadioLiberty", "Taliban attack kills 40",
         "Radio Free Europe/Radio Liberty"),
    ],
)
def test_a_page_titles_section_and_outlet_suffix_come_off(tmp_path, title, headline, source):
    article = read_one(tmp_path, "clip.txt", f"Title: {title}\n\n{BODY}")
    assert (article.title, article.source) == (headline, source)


def test_a_pipe_put_where_a_file_was_listed_is_skipped_not_waited_on(tmp_path):
    """Between the listing and the reading a file may be swapped for a FIFO: reading must not block."""
    os.mkfifo(tmp_path / "swapped.txt")
    result = read_file(tmp_path / "swapped.txt", tmp_path)
    assert (result.articles, [(s.path, s.reason) for s in result.skipped]) == (
        [],
        [("swapped.txt", "cannot read: not a regular file (a pipe, device or socket)")],
    )


# --- Size limits: a huge file is skipped unread, a huge article cut -----------------

MB = 1024 * 1024


def paragraphs(count: int, start: int = 0) -> str:
    return "".join(
        f"Foreign ministers met for round {n} of the talks on trade and security in Seoul on Monday, "
        f"officials said after the meeting.\n\n"
        for n in range(start, start + count)
    )


def test_a_file_larger_than_the_reader_takes_is_skipped_before_it_is_read(tmp_path, monkeypatch):
    """A 50 MB text held a reindex for minutes at a gigabyte; now only its first bytes are read, to tell its kind."""
    from searchapp.reading import formats

    with open(tmp_path / "huge.txt", "wb") as f:
        f.truncate(21 * MB)  # a sparse file: its size is all the reader may look at
    reads = []
    real = formats.read_regular_file
    monkeypatch.setattr(formats, "read_regular_file", lambda path, n=-1: reads.append(n) or real(path, n))
    result = read_file(tmp_path / "huge.txt", tmp_path)
    assert (result.articles, [(s.path, s.reason) for s in result.skipped]) == (
        [],
        [("huge.txt", "file is 21 MB, larger than the 20 MB the reader takes for a file of one article; not read")],
    )
    assert reads == [formats.SNIFF_BYTES]


def test_files_of_many_articles_have_a_limit_of_their_own(tmp_path):
    from searchapp.reading.limits import ReadLimits, megabytes

    record = json.dumps({"title": "Talks resume", "date": "2024-01-12", "text": BODY}) + "\n"
    (tmp_path / "wire.jsonl").write_text(record * 10)
    (tmp_path / "page.txt").write_text("Title: Talks resume\n\n" + BODY)
    wire, page = (megabytes((tmp_path / name).stat().st_size) for name in ("wire.jsonl", "page.txt"))
    limits = ReadLimits(file_bytes=1000, records_bytes=5000)
    assert len(read_file(tmp_path / "wire.jsonl", tmp_path, limits=limits).articles) == 10
    small = ReadLimits(file_bytes=100)
    assert [s.reason for s in read_file(tmp_path / "page.txt", tmp_path, limits=small).skipped] == [
        f"file is {page}, larger than the 100 bytes the reader takes for a file of one article; not read"
    ]
    small = ReadLimits(file_bytes=100, records_bytes=1000)
    skipped = read_file(tmp_path / "wire.jsonl", tmp_path, limits=small).skipped
    assert [s.reason for s in skipped] == [
        f"file is {wire}, larger than the 1000 bytes the reader takes for a file of many articles; not read"
    ]


def test_an_articles_text_beyond_its_limit_is_cut_at_a_paragraph_with_a_warning(tmp_path):
    from searchapp.reading.limits import ReadLimits

    (tmp_path / "long.txt").write_text("Title: Long talks\n\n" + paragraphs(40))
    result = read_file(tmp_path / "long.txt", tmp_path, limits=ReadLimits(article_chars=1000))
    body = result.articles[0].body
    assert len(body) <= 1000 and body.endswith("officials said after the meeting.") and "round 7 " in body
    assert result.warnings == [
        "long.txt: article text is 4.9 KB, longer than the 1000 bytes of one article the index takes; "
        "only its first 990 bytes is indexed"
    ]
    assert read_file(tmp_path / "long.txt", tmp_path).warnings == []  # the default: 1 MB


def test_the_recurring_line_pass_leaves_a_huge_file_unread(tmp_path, monkeypatch):
    from searchapp.reading import find_recurring_lines, formats
    from searchapp.reading.limits import READ_LIMITS, ReadLimits

    for n in range(6):
        (tmp_path / f"a{n}.txt").write_text("Title: Talks\n\n" + paragraphs(2, n) + "Share this story\n")
    (tmp_path / "huge.txt").write_text("Title: Huge\n\n" + paragraphs(40) + "Share this story\n")
    reads = []
    real = formats.read_regular_file
    monkeypatch.setattr(formats, "read_regular_file", lambda path, n=-1: reads.append((path.name, n)) or real(path, n))
    token = READ_LIMITS.set(ReadLimits(file_bytes=2000))
    try:
        found = find_recurring_lines(sorted(tmp_path.iterdir()), tmp_path)
    finally:
        READ_LIMITS.reset(token)
    assert "share this story" in found
    assert [at_most for name, at_most in reads if name == "huge.txt"] == [formats.SNIFF_BYTES]


@pytest.mark.parametrize("parallel", [False, True])
def test_reindex_applies_the_limits_it_is_given(tmp_path, monkeypatch, parallel):
    """The limits reach every read of the run, in this process and in the forked workers of a big build."""
    from searchapp.index import pool, reindex
    from searchapp.facets import Knowledge
    from searchapp.reading.limits import ReadLimits

    if parallel:
        monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 2)
        monkeypatch.setattr(pool, "_worker_count", lambda: 1)
    archive = tmp_path / "articles"
    archive.mkdir()
    (archive / "huge.txt").write_text("Title: Huge\n\n" + paragraphs(100))
    (archive / "long.txt").write_text("Title: Long talks\n\n" + paragraphs(20))
    (archive / "short.txt").write_text("Title: Short talks\n\n" + BODY)
    limits = ReadLimits(file_bytes=10_000, article_chars=1000)
    report = reindex(archive, tmp_path / "index", Knowledge.load(), full=True, read_limits=limits)
    assert [(s.path, s.reason.split(",")[1]) for s in report.skipped] == [
        ("huge.txt", " larger than the 9.8 KB the reader takes for a file of one article; not read")
    ]
    assert [w.split(":")[0] for w in report.warnings] == ["long.txt"]
    assert report.articles == 2


@pytest.mark.parametrize(
    "settings, expected",
    [
        ({}, (20 * MB, 200 * MB, 1 * MB)),
        ({"READ_MAX_MB": "50", "RECORDS_MAX_MB": 500, "ARTICLE_MAX_MB": "0.5"}, (50 * MB, 500 * MB, MB // 2)),
        ({"READ_MAX_MB": ""}, (20 * MB, 200 * MB, 1 * MB)),
    ],
)
def test_the_limits_come_from_the_settings(settings, expected):
    from searchapp.reading.limits import limits_from_config

    limits = limits_from_config(settings)
    assert (limits.file_bytes, limits.records_bytes, limits.article_chars) == expected


@pytest.mark.parametrize("value", ["0", "-1", "lots", "inf", "nan"])
def test_a_limit_that_is_no_size_is_refused(value):
    from searchapp.reading.limits import limits_from_config

    with pytest.raises(ValueError, match=f"ARTICLE_MAX_MB must be a number of megabytes above 0, not '{value}'"):
        limits_from_config({"ARTICLE_MAX_MB": value})


# --- Reading stays linear in a page's length -----------------------------------------


class CountingRe:
    """The re module as page.py calls it, counting the characters search() is given to scan."""

    def __init__(self):
        import re

        self.re, self.chars = re, 0

    def __getattr__(self, name):
        return getattr(self.re, name)

    def search(self, pattern, string, *a, **kw):
        self.chars += len(string)
        return self.re.search(pattern, string, *a, **kw)


def page_work(monkeypatch, text: str, boilerplate: frozenset[str]) -> tuple[int, int]:
    """(is_long calls, characters searched) while read_page reads text."""
    from searchapp.reading import page

    counting, calls = CountingRe(), [0]
    real = page.is_long

    def is_long(line):
        calls[0] += 1
        return real(line)

    with monkeypatch.context() as patch:
        patch.setattr(page, "re", counting)
        patch.setattr(page, "is_long", is_long)
        assert page.read_page(text, boilerplate, reading_rules(), {}, masthead=False) is not None
    return calls[0], counting.chars


def lists_page(lists: int) -> str:
    """A page whose "Most popular" lists of other stories sit between the article and its last paragraph."""
    items = "".join(
        f"Most popular\n\nStory {n} on trade\n\nStory {n} on visits\n\nStory {n} on drills\n\n" for n in range(lists)
    )
    return "Talks resume in Seoul\n\n" + paragraphs(1) + items + paragraphs(1, 1)


def subheads_page(sections: int) -> str:
    """A page whose recurring subhead ("South China Sea") the prose also uses, once a section."""
    section = "{} Ships sailed in the South China Sea.\n\nSouth China Sea\n\n"
    return "Talks resume in Seoul\n\n" + "".join(section.format(paragraphs(1, n).strip()) for n in range(sections))


def test_reading_a_page_grows_linearly_with_its_lists_and_subheads(monkeypatch):
    """Twice the page is at most 2.5 times the work. Before: each list heading scanned the rest of the
    page for a long paragraph, and each recurring subhead searched all the prose again."""
    one, two = page_work(monkeypatch, lists_page(40), frozenset()), page_work(monkeypatch, lists_page(80), frozenset())
    assert two[0] <= 2.5 * one[0], ("is_long calls", one[0], two[0])
    recurring = frozenset({"south china sea"})
    one = page_work(monkeypatch, subheads_page(40), recurring)
    two = page_work(monkeypatch, subheads_page(80), recurring)
    assert two[1] <= 2.5 * one[1], ("characters searched", one[1], two[1])


def test_a_long_hard_wrapped_paragraph_is_joined_whole():
    from searchapp.reading.lines import split_lines

    words = [f"word{n}" for n in range(20000)]
    wrapped = "\n".join(" ".join(words[i:i + 10]) + " and" for i in range(0, len(words), 10))
    assert split_lines(wrapped, reading_rules()) == [" ".join(f"{' '.join(words[i:i + 10])} and" for i in range(0, len(words), 10))]


def test_flask_reindex_reads_the_limit_settings(tmp_path):
    from searchapp import create_app

    archive = tmp_path / "articles"
    archive.mkdir()
    (archive / "short.txt").write_text("Title: Short talks\n\n" + BODY)
    (archive / "long.txt").write_text("Title: Long talks\n\n" + paragraphs(20))
    settings = {"TESTING": True, "ARTICLES_DIR": str(archive), "INDEX_DIR": str(tmp_path / "index")}
    app = create_app({**settings, "READ_MAX_MB": "0.002"})
    output = app.test_cli_runner().invoke(args=["reindex", "--full"]).output
    assert "skipped long.txt: file is 2.5 KB, larger than the 2.0 KB the reader takes for a file of one" in output
    assert "1 articles" in output
    bad = create_app({**settings, "ARTICLE_MAX_MB": "none"}).test_cli_runner().invoke(args=["reindex", "--full"])
    assert (bad.exit_code, bad.output.strip()) == (
        1, "Error: ARTICLE_MAX_MB must be a number of megabytes above 0, not 'none'"
    )


def test_a_press_release_wires_dateline_dates_it_and_names_its_wire(tmp_path):
    """"DUBAI, UAE, March 13, 2024 /24-7PressRelease/ --": a press wire writes its credit between slashes; the date
    counts as a dateline's, and the wire, known to outlets.json or not, is the source its address names."""
    text = (f"# Leaders agree to resume talks\n\nDUBAI, UAE, March 13, 2024 /24-7PressRelease/ -- {BODY}\n\n"
            "[Original Press Release](https://www.24-7pressrelease.com/press-release/509189/leaders-agree)\n")
    article = read_one(tmp_path, "release.md", text)
    assert (article.date, article.date_from, article.source) == (datetime.date(2024, 3, 13), "the dateline", "24-7PressRelease")
