"""A page that saved or translated another outlet's story links to the original ("阅读原文", "Read the
original"): where the page names no outlet of its own, that link's outlet is the source."""

import pytest

from read_one import read_one

STORY = " ".join(
    ["Oil prices fell back to the levels seen before the war on Tuesday, as traders bet that supply through the strait"
     " would hold and that the ceasefire agreed on Monday would last into the summer months."] * 3
)
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Oil price falls back</title>{head}</head>
<body><h1>Oil price falls back to pre-war levels</h1>
<div class="meta">2026-06-25 | <a href="{href}" target="_blank">{words}</a> | <a href="../index.html">Home</a></div>
<p>{story}</p><p>{story}</p></body></html>"""


@pytest.mark.parametrize(
    "href, words, source",
    [
        ("https://www.bbc.com/news/articles/c0jy7d7wzv4o", "阅读原文", "BBC News"),
        ("https://www.reuters.com/business/energy/oil-falls/", "Read the original", "Reuters"),
        ("https://www.reuters.com/business/energy/oil-falls/", "Oil markets today", None),  # a link, not the original
        ("https://example.org/oil", "Source", None),  # no outlet the knowledge has
    ],
)
def test_the_original_storys_link_names_the_source(tmp_path, href, words, source):
    page = PAGE.format(head="", href=href, words=words, story=STORY)
    assert read_one(tmp_path, "page.html", page).source == source


def test_the_pages_own_site_name_comes_first(tmp_path):
    head = '<meta property="og:site_name" content="Harbour Digest">'
    page = PAGE.format(head=head, href="https://www.bbc.com/news/x", words="Read the original", story=STORY)
    assert read_one(tmp_path, "page.html", page).source == "Harbour Digest"


TEXT = ("Oil prices fell back to the levels seen before the war on Tuesday, as traders bet that supply through the "
        "strait would hold and that the ceasefire agreed on Monday would last into the summer months.")


@pytest.mark.parametrize(
    "line, source",
    [
        # a text's last line gives the story's address as its origin: that address's outlet
        ("This article was downloaded by a library from https://www.economist.com//asia/2025/11/09/oil-falls- back",
         "The Economist"),
        ("原文链接：https://cn.reuters.com/article/oil-falls-idCNKCS1M20", "Reuters"),
        ("Originally published at https://www.bbc.com/news/articles/c0jy7d7wzv4o", "BBC News"),
        # an address the knowledge has no outlet for, or one a sentence of the story mentions, names no one
        ("Source: https://oil-watch.example/prices", None),
        ("Traders who spoke on Tuesday said they had read the first report of the deal from https://www.reuters.com/x",
         None),
    ],
)
def test_a_text_that_ends_with_its_origins_address(tmp_path, line, source):
    text = f"# Oil price falls back to pre-war levels\n\n{TEXT}\n\n{TEXT}\n\n{line}\n"
    assert read_one(tmp_path, "clip.md", text).source == source
