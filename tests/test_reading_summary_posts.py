"""Posts that are all front matter: a news aggregator's post of a story it links to keeps the story's title,
date, outlet and address in its block and, at most, an excerpt; there is no body under the block.

Such a post is still the story's record: its excerpt is the text (as a feed item's summary is), with a
warning; with no excerpt, its title and link alone, as a headline-only feed item is.
"""

import datetime

from searchapp.reading import Article, Skip, read_file

POST = """---
category: news
title: "Harbour talks between the two coastguards resume"
excerpt: "Coastguard officials of the two neighbours met on Friday for the first time in a year to discuss fishing patrols."
publishedDateTime: 2021-10-09T09:07:00Z
originalUrl: "https://www.rferl.org/a/harbour-talks/123.html"
published: false

provider:
  name: Radio Free Europe/Radio Liberty
  domain: rferl.org
---

"""


def read(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return read_file(tmp_path / name, tmp_path)


def test_a_post_with_only_front_matter_is_its_title_and_excerpt(tmp_path):
    result = read(tmp_path, "post.md", POST)
    assert result.articles == [
        Article(
            id="post.md",
            path="post.md",
            title="Harbour talks between the two coastguards resume",
            body="Coastguard officials of the two neighbours met on Friday for the first time in a year to discuss fishing patrols.",
            date=datetime.date(2021, 10, 9),
            source="Radio Free Europe/Radio Liberty",  # provider: {name: ...}
            url="https://www.rferl.org/a/harbour-talks/123.html",  # originalUrl is original_url, case and "_" aside
            date_from="front matter (publishedDateTime)",
        )
    ]
    assert result.warnings == ["post.md: no article text under its front matter; indexed by its title and excerpt"]


def test_a_post_with_text_of_its_own_keeps_it_and_not_its_excerpt(tmp_path):
    result = read(tmp_path, "post.md", POST + "The officials agreed to meet again in the spring, the ministry said.\n")
    (article,) = result.articles
    assert article.body == "The officials agreed to meet again in the spring, the ministry said."
    assert result.warnings == []


def test_a_post_without_an_excerpt_is_found_by_its_headline_and_link(tmp_path):
    text = POST.replace(
        'excerpt: "Coastguard officials of the two neighbours met on Friday for the first time in a year to discuss fishing patrols."\n',
        "",
    )
    result = read(tmp_path, "post.md", text)
    (article,) = result.articles
    assert (article.title, article.body, article.date, article.url) == (
        "Harbour talks between the two coastguards resume", "", datetime.date(2021, 10, 9),
        "https://www.rferl.org/a/harbour-talks/123.html",
    )
    assert result.warnings == [
        "post.md: no article text under its front matter; indexed by its headline and link alone"
    ]


def test_a_post_with_neither_text_nor_link_is_skipped_saying_why(tmp_path):
    result = read(tmp_path, "post.md", '---\ntitle: "Harbour talks resume"\ndate: 2021-10-09\n---\n\n')
    assert (result.articles, result.skipped) == ([], [Skip("post.md", "no article text under its front matter")])
