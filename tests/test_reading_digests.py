"""Files that hold several stories one after another: a run of blocks of labelled fields ("Title: ...",
"Headline - ..."), and a markdown digest of headings each under its own address or each a link. Each
story is an article of its own."""

import datetime

import pytest

from searchapp.reading import read_file

ONE = "Officials of the two coastal states met on Thursday to prepare an agreement on fisheries and joint patrols."
TWO = "Fishing crews in both countries have waited three years for the agreement, their unions said on Friday."


def read(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return read_file(tmp_path / name, tmp_path)


def test_title_blocks_are_an_article_each_with_the_source_under_the_story(tmp_path):
    text = (f"\nTitle:Coastal states to sign fishery agreement \n\n\n{ONE} \n\n\nSource:The New York Times \n\n\n\n"
            f"Title:Fishing crews wait for the deal \n\n\n{TWO} \n\n\nSource:Latimes.com \n\n\n\n"
            "Title:Ferry strike ends \n\n\nFerry strike ends \n\n\nSource:BBC News \n")
    result = read(tmp_path, "headlines.txt", text)
    assert [(a.id, a.title, a.body, a.source) for a in result.articles] == [
        ("headlines.txt#1", "Coastal states to sign fishery agreement", ONE, "The New York Times"),
        ("headlines.txt#2", "Fishing crews wait for the deal", TWO, "Los Angeles Times"),
        ("headlines.txt#3", "Ferry strike ends", "", "BBC News"),  # its text only repeats the headline
    ]
    assert result.warnings == ["headlines.txt#3: no text under its headline; indexed by it"]


def test_blocks_of_dashed_fields_are_an_article_each(tmp_path):
    # a scraper's export: "Media Name - ...", "URL - ...", "Headline - ...", "Short Description - ...", "Article - ..."
    block = ("Media Name - {outlet}\nURL - {url}\nHeadline -  {title}\n"
             "Short Description - A line that sums the story up.\nArticle - {text}\n\n")
    text = (block.format(outlet="CNN", url="https://edition.cnn.com/2024/02/01/asia/fishery-deal/index.html",
                         title="Coastal states to sign fishery agreement", text=ONE)
            + block.format(outlet="News18", url="https://www.news18.com/world/fishing-crews-8762349.html",
                           title="Fishing crews wait for the deal", text=TWO))
    result = read(tmp_path, "scraped.txt", text)
    assert [(a.id, a.title, a.body, a.source, a.date, a.url) for a in result.articles] == [
        ("scraped.txt#1", "Coastal states to sign fishery agreement", ONE, "CNN", datetime.date(2024, 2, 1),
         "https://edition.cnn.com/2024/02/01/asia/fishery-deal/index.html"),
        ("scraped.txt#2", "Fishing crews wait for the deal", TWO, "News18", None,
         "https://www.news18.com/world/fishing-crews-8762349.html"),
    ]


def test_a_block_without_its_text_is_read_by_its_summary(tmp_path):
    text = (f"Headline: Coastal states to sign fishery agreement\nSummary: {ONE}\n\n"
            f"Headline: Fishing crews wait for the deal\nSummary: {TWO}\n")
    assert [a.body for a in read(tmp_path, "brief.txt", text).articles] == [ONE, TWO]


def test_blocks_under_numbering_lines_are_an_article_each_and_keep_their_place(tmp_path):
    # a scraper's dump: "Article N:" over labelled fields, with its placeholders where it found nothing
    text = ("Article 1:\nTitle: Title not found\nContent: Content not found\nDate: Date not found\n\n"
            f"Article 2:\nTitle: Coastal states to sign fishery agreement\nContent: {ONE}\n"
            "Date: Sep 26, 2023, 19:48 IST\n\n"
            "Article 4:\nTitle: Fishing crews wait for the deal\nContent: Content not found\nDate: Date not found\n")
    result = read(tmp_path, "news_articles.txt", text)
    assert [(a.id, a.title, a.body, a.date) for a in result.articles] == [
        ("news_articles.txt#2", "Coastal states to sign fishery agreement", ONE, datetime.date(2023, 9, 26)),
        ("news_articles.txt#3", "Fishing crews wait for the deal", "", None),
    ]


def test_snippets_under_numbering_lines_are_an_article_each_without_a_headline(tmp_path):
    result = read(tmp_path, "snippets.txt", f"Article_1\n{ONE}\n\nArticle_2\n{TWO} ")
    assert [(a.id, a.body, a.headline) for a in result.articles] == [
        ("snippets.txt#1", ONE, None), ("snippets.txt#2", TWO, None),
    ]


def test_a_story_that_numbers_its_points_mid_text_stays_one_article(tmp_path):
    text = f"Coastal states to sign fishery agreement\n\n{ONE}\n\nArticle 1\n{TWO}\n\nArticle 2\n{ONE}\n"
    assert [a.id for a in read(tmp_path, "story.txt", text).articles] == ["story.txt"]


def test_a_markdown_digest_of_linked_sections_is_an_article_a_section(tmp_path):
    text = ("# Source:The Hill, URL:https://thehill.com/news/feed/, language:en-US\n\n"
            "## Coastal states to sign fishery agreement\n"
            " - [https://thehill.com/policy/1-coastal-states/](https://thehill.com/policy/1-coastal-states/)\n"
            " - RSS feed: https://thehill.com/news/feed/\n - date published: 2023-02-14 23:17:44+00:00\n\n"
            f"{ONE}\n\n## Fishing crews wait for the deal\n"
            " - [https://thehill.com/policy/2-crews/](https://thehill.com/policy/2-crews/)\n"
            f" - date published: 2023-02-13 08:00:00+00:00\n\n{TWO}\n")
    result = read(tmp_path, "digest.md", text)
    assert {a.date_from for a in result.articles} == {"the “Published” line listed at the top"}
    assert [(a.id, a.title, a.body, a.date, a.source, a.url) for a in result.articles] == [
        ("digest.md#1", "Coastal states to sign fishery agreement", ONE, datetime.date(2023, 2, 14), "The Hill",
         "https://thehill.com/policy/1-coastal-states/"),
        ("digest.md#2", "Fishing crews wait for the deal", TWO, datetime.date(2023, 2, 13), "The Hill",
         "https://thehill.com/policy/2-crews/"),
    ]


FIRST_LEVEL = (  # an RSS-to-markdown dump: "# headline" sections, each with its bare address and date listed
    "# Coastal states to sign fishery agreement\n - https://www.nytimes.com/2022/10/19/world/fishery.html\n"
    " - RSS feed: https://rss.nytimes.com/services/xml/rss/nyt/World.xml\n - date published: 2022-10-19 22:04:18+00:00\n"
    f" - Starred: False\n\n{ONE}\n\n# Fishing crews wait for the deal\n"
    f" - https://www.nytimes.com/2022/10/18/world/crews.html\n - date published: 2022-10-18 08:00:00+00:00\n\n{TWO}\n"
)
LINKED = (  # a reader's notes on several stories: each heading is the story's link, dated first
    "---\nlayout: post\ntitle: Notes on the fisheries talks\ndate: 2025-03-01 21:32:00 +0800\n---\n\n* Contents\n{:toc}\n\n"
    "#### [2024-11-12 Coastal states to sign fishery agreement](https://www.theguardian.com/world/2024/nov/12/fishery)\n\n"
    f"{ONE}\n\n#### [Fishing crews wait for the deal](https://www.theguardian.com/world/2024/dec/04/crews)\n\n{TWO}\n"
)


@pytest.mark.parametrize(
    "name, text, outlet, days",
    [
        ("world.md", FIRST_LEVEL, "The New York Times", (datetime.date(2022, 10, 19), datetime.date(2022, 10, 18))),
        ("notes.markdown", LINKED, "The Guardian", (datetime.date(2024, 11, 12), datetime.date(2024, 12, 4))),
    ],
    ids=["first-level headings", "linked headings"],
)
def test_a_digest_of_headings_each_with_its_own_address(tmp_path, name, text, outlet, days):
    articles = read(tmp_path, name, text).articles
    assert [(a.id, a.title, a.body, a.date, a.source) for a in articles] == [
        (f"{name}#1", "Coastal states to sign fishery agreement", ONE, days[0], outlet),
        (f"{name}#2", "Fishing crews wait for the deal", TWO, days[1], outlet),
    ]


def test_a_post_with_subheads_is_one_story(tmp_path):
    text = (f"# Coastal states to sign fishery agreement\n\n## The talks\n\n{ONE}\n\n## The crews\n\n{TWO}\n"
            "\n## Sources\n\n- https://www.theguardian.com/world/2024/nov/12/fishery\n")
    assert [a.id for a in read(tmp_path, "post.md", text).articles] == ["post.md"]


def test_one_story_stays_one_article(tmp_path):
    # a single "Title:" block, prose above the blocks, sections whose links stand inside their prose
    once = read(tmp_path, "once.txt", f"Title: Coastal states to sign fishery agreement\n\n{ONE}\n\n{TWO}\n")
    above = read(tmp_path, "above.txt", f"{ONE}\n\nTitle: a table's caption\n\n{TWO}\n\nTitle: another caption\n")
    linked = read(tmp_path, "brief.md", f"# The week in brief\n\n## Fisheries\n\n{ONE} [More](https://a.example/1)\n\n"
                                         f"## Crews\n\n{TWO} [More](https://a.example/2)\n")
    # a header block's source over a story that names another source at its foot: one story, no headline twice
    sourced = read(tmp_path, "sourced.txt", f"Source: VOA\nTitle: Coastal states to sign\n\n{ONE}\n\nSource: AFP\n")
    results = (once, above, linked, sourced)
    assert [len(r.articles) for r in results] == [1, 1, 1, 1]
    assert [a.id for r in results for a in r.articles] == ["once.txt", "above.txt", "brief.md", "sourced.txt"]


def test_a_summary_digests_numbered_stories_grouped_by_outlet(tmp_path):
    text = ("# News articles about: fisheries\n\n\n## BBC News Summary\n"
            f"**Article 1: Coastal states to sign fishery agreement**\n\nPublication Date: 2025-03-12\n\nSummary: {ONE}\n\n"
            "## AP News Summary\n**Article 1: Fishing crews wait for the deal**\n\n"
            f"* Publication Date: 2025-03-25\n* Summary: {TWO}\n")
    articles = read(tmp_path, "summary.md", text).articles
    assert [(a.id, a.title, a.body, a.date, a.source) for a in articles] == [
        ("summary.md#1", "Coastal states to sign fishery agreement", ONE, datetime.date(2025, 3, 12), "BBC News"),
        ("summary.md#2", "Fishing crews wait for the deal", TWO, datetime.date(2025, 3, 25), "Associated Press"),
    ]


def test_a_posts_numbered_bold_subheads_without_fields_are_one_story(tmp_path):
    text = (f"# Three things to know about the fishery deal\n\n**1. The quotas**\n\n{ONE}\n\n**2. The crews**\n\n{TWO}\n")
    assert [a.id for a in read(tmp_path, "post.md", text).articles] == ["post.md"]


def test_a_reading_list_of_bold_headlines_each_over_its_address(tmp_path):
    text = (f"**Coastal states to sign fishery agreement**\\\n`{ONE}`\\\n"
            "https://nytimes.com/2023/06/06/world/asia/fishery-deal.html?searchResultPosition=1\n\n"
            f"**Fishing crews wait for the deal**\\\n`{TWO}`\\\n"
            "https://nytimes.com/2023/06/07/world/asia/fishing-crews.html?searchResultPosition=2\n")
    articles = read(tmp_path, "README.md", text).articles
    assert [(a.id, a.title, a.body, a.date, a.source) for a in articles] == [
        ("README.md#1", "Coastal states to sign fishery agreement", ONE, datetime.date(2023, 6, 6), "The New York Times"),
        ("README.md#2", "Fishing crews wait for the deal", TWO, datetime.date(2023, 6, 7), "The New York Times"),
    ]


def test_a_posts_bold_subheads_are_no_reading_list(tmp_path):
    # prose above the first bold line, or a bold line with no address under it: one story
    above = f"{ONE}\n\n**The talks**\n\n{TWO}\n\nhttps://a.example/1\n\n**The crews**\n\n{ONE}\nhttps://a.example/2\n"
    unlinked = f"**The talks**\n\n{ONE}\n\n**The crews**\n\n{TWO}\n"
    assert [len(read(tmp_path, name, text).articles) for name, text in (("a.md", above), ("b.md", unlinked))] == [1, 1]


def test_a_collections_numbered_sections_each_with_its_fields_listed_in_bold(tmp_path):
    # a research tool's collection: "## Article 1: Headline", then "**Source:**", "**Date:**", "**URL:**" and
    # fields of its own, then the scraped text; a summary of the collection above the first
    section = ("## Article {n}: {title}\n**Source:** {source}  \n**Date:** {date}  \n**URL:** {url}  \n"
               "**Category:** International / Politics  \n**Relevance Score:** 9/10\n\nFull article text (scraped):\n\n{text}\n\n---\n\n")
    text = ("# News Articles Collection: fisheries\n**Collection Summary**\n- Articles found: 2\n\n---\n\n"
            + section.format(n=1, title="Coastal states to sign fishery agreement", source="Al Jazeera",
                             date="16 Aug 2025", url="https://www.aljazeera.com/news/2025/8/16/fishery-deal", text=ONE)
            + section.format(n=2, title="Fishing crews wait for the deal", source="The Guardian",
                             date="15 Aug 2025", url="https://www.theguardian.com/world/2025/aug/15/crews", text=TWO))
    articles = read(tmp_path, "collection.md", text).articles
    assert [(a.id, a.title, a.date, a.source, a.body) for a in articles] == [
        ("collection.md#1", "Coastal states to sign fishery agreement", datetime.date(2025, 8, 16), "Al Jazeera",
         f"Full article text (scraped):\n\n{ONE}"),
        ("collection.md#2", "Fishing crews wait for the deal", datetime.date(2025, 8, 15), "The Guardian",
         f"Full article text (scraped):\n\n{TWO}"),
    ]


def test_a_list_of_linked_headlines_is_an_article_a_headline(tmp_path):
    """A headline tool's list: "N. [Headline](url) — Outlet — [writer —] time stamp"; a Google News title's
    " - Outlet" comes off, and an item that gives no date is dated by its address."""
    text = (
        "# Fisheries: last 3 days\n\nTotal articles: 5\n\n## Headlines\n\n"
        "1. [Coastal states to sign fishery agreement](https://www.reuters.com/world/asia/fishery-2024-02-01/)"
        " — Reuters — Jane Roe — 2024-02-01T09:15:00Z\n"
        "2. [Fishing crews wait for the deal - The Times of India](https://news.google.com/rss/articles/CBMi)"
        " — The Times of India — Sat, 03 Feb 2024 10:00:00 GMT\n"
        "3. [Ferry strike ends after fishery talks](https://www.aljazeera.com/news/2024/2/4/ferry-strike-ends)"
        " — Al Jazeera\n"
        "4. [Ferry crews return to work](https://k.example/ferry) - theguardian.com (2024-02-05, Trust: 0.75)\n"
        "5. 6558 [Coastal states name their negotiators](https://www.reuters.com/world/asia/negotiators/)\n"
    )
    result = read(tmp_path, "headlines.md", text)
    assert [(a.id, a.title, a.source, a.date) for a in result.articles] == [
        ("headlines.md#1", "Coastal states to sign fishery agreement", "Reuters", datetime.date(2024, 2, 1)),
        ("headlines.md#2", "Fishing crews wait for the deal", "The Times of India", datetime.date(2024, 2, 3)),
        ("headlines.md#3", "Ferry strike ends after fishery talks", "Al Jazeera", datetime.date(2024, 2, 4)),
        # a GDELT report's "domain (date, score)": the brackets list the date
        ("headlines.md#4", "Ferry crews return to work", "The Guardian", datetime.date(2024, 2, 5)),
        # a tool's id before the link names no outlet: the address does
        ("headlines.md#5", "Coastal states name their negotiators", "Reuters", None),
    ]


@pytest.mark.parametrize("heading", ["## Sources", "**Related coverage**", "Read more:"])
def test_a_posts_list_of_sources_is_its_references_not_a_digest(tmp_path, heading):
    """A timeline entry: front matter, a paragraph, then the stories it cites under "## Sources"; one article."""
    text = (
        '---\ntitle: "Coastal states sign fishery agreement"\ndate: 2024-02-01\n---\n\n'
        f"{ONE}\n\n{heading}\n\n"
        "1. [Coastal states to sign fishery agreement](https://www.reuters.com/world/asia/fishery-2024-02-01/)\n"
        "2. [Fishing crews wait for the deal](https://www.aljazeera.com/news/2024/2/3/crews)\n"
        "3. [Ferry strike ends after fishery talks](https://www.bbc.com/news/articles/c1)\n"
    )
    [article] = read(tmp_path, "entry.md", text).articles
    assert (article.id, article.title, article.date) == ("entry.md", "Coastal states sign fishery agreement",
                                                        datetime.date(2024, 2, 1))
    assert article.body.startswith(ONE)


def test_a_feeds_label_before_the_link_names_the_outlet_and_the_gist_after_it_is_the_text(tmp_path):
    item = '- **{label}**: "[{title}]({url})" - {gist}\n'
    text = "## Top topics\n\n### 1. Fisheries\n\n" + "".join(
        item.format(label=label, title=title, url=url, gist=gist)
        for label, title, url, gist in [
            ("BBC – World News", "Coastal states to sign fishery agreement", "https://www.bbc.com/news/articles/c1", ONE),
            ("Euronews – World", "Fishing crews wait for the deal", "https://www.euronews.com/2024/02/01/crews", TWO),
            ("Al Jazeera – All", "Coastal states hold talks as fears of a trade war hang over the region",
             "https://www.aljazeera.com/news/2024/2/4/ferry",
             "漁業協定の協議が終わり、両国の外相が「良い始まり」と述べたことを強調。"),  # a gist in another language
        ]
    )
    result = read(tmp_path, "digest.md", text)
    assert [(a.title, a.source, a.body) for a in result.articles][:2] == [
        ("Coastal states to sign fishery agreement", "BBC News", ONE),
        ("Fishing crews wait for the deal", "Euronews", TWO),
    ]
    # its gist taken for furniture, it is still found by its headline
    assert result.articles[2].title == "Coastal states hold talks as fears of a trade war hang over the region"


def test_an_articles_related_links_leave_it_one_story(tmp_path):
    related = "".join(f"- [Related story number {n} about the fisheries](https://k.example/{n})\n" for n in range(4))
    text = f"# Coastal states to sign fishery agreement\n\n{ONE}\n\n{TWO}\n\n{ONE} {TWO}\n\n{TWO} {ONE}\n\n{ONE}\n\nRelated:\n\n{related}"
    result = read(tmp_path, "story.md", text)
    assert [a.id for a in result.articles] == ["story.md"]


LISTED = """---
layout: bootstrap-post
articles:
- title: Coastal states to sign fishery agreement after three years
    of talks
  url: https://www.washingtonpost.com/world/2024/01/30/fishery-agreement/
  source: The Washington Post
  description: {one}
- title: Fishing crews wait for the deal
  url: https://www.bbc.com/news/world-asia-68123456
  source: BBC News
  description: {two}
as_of_date: '2024-02-01'
---
"""


def test_a_digest_page_listing_its_stories_in_front_matter_is_an_article_a_story(tmp_path):
    """A Jekyll page kept as data: each listed story is read as a dump's record; the page's date stands for a
    story's only when its address gives none."""
    result = read(tmp_path, "2024-02-01-digest.md", LISTED.format(one=ONE, two=TWO))
    assert [(a.id, a.title, a.source, a.date, a.body) for a in result.articles] == [
        ("2024-02-01-digest.md#1", "Coastal states to sign fishery agreement after three years of talks",
         "The Washington Post", datetime.date(2024, 1, 30), ONE),
        ("2024-02-01-digest.md#2", "Fishing crews wait for the deal", "BBC News", datetime.date(2024, 2, 1), TWO),
    ]


def test_a_post_whose_front_matter_lists_links_beside_its_own_story_is_one_article(tmp_path):
    text = LISTED.format(one="Read it.", two="Read it too.").replace("layout: bootstrap-post", "title: Crews wait") + (
        f"\n{ONE}\n\n{TWO}\n"
    )
    result = read(tmp_path, "post.md", text)
    assert [(a.id, a.title) for a in result.articles] == [("post.md", "Crews wait")]


DESK_DIGEST = """Write a title and a 3 paragraph news story about this topic from the news:

## {desk_one}

### Coastal States Agree to Share Patrols of the Disputed Fishing Waters

{one}

## {desk_two}

### Fishing Crews Wait Three Years for a Deal Their Unions Sought

{two}

## Sports & Games
"""


def test_a_digest_filed_by_desk_is_an_article_a_story(tmp_path):
    """A bot's daily digest: desk headings ("## Politics & Governance"), a headline a level down over each story."""
    text = DESK_DIGEST.format(desk_one="Politics & Governance", desk_two="Economy & Business", one=ONE, two=TWO)
    result = read(tmp_path, "2025-05-09.md", text)
    assert [(a.id, a.title, a.body) for a in result.articles] == [
        ("2025-05-09.md#1", "Coastal States Agree to Share Patrols of the Disputed Fishing Waters", ONE),
        ("2025-05-09.md#2", "Fishing Crews Wait Three Years for a Deal Their Unions Sought", TWO),
    ]


def test_an_explainers_nested_subheads_are_one_article(tmp_path):
    """The same nesting under headings that name no desk ("## What happened") is one article's subheads."""
    text = "# The deal, explained\n\n" + DESK_DIGEST.format(desk_one="What happened", desk_two="What comes next",
                                                             one=ONE, two=TWO)
    [article] = read(tmp_path, "explainer.md", text).articles
    assert article.title == "The deal, explained" and ONE in article.body and TWO in article.body


@pytest.mark.parametrize(
    "keys",
    [
        ("原标题", "来源", "发布时间", "原文链接", "原文摘要", "评分"),  # a Chinese-language bot's daily list
        ("Title", "Source", "Published", "Link", "Summary", "Score"),
    ],
)
def test_a_bots_list_of_stories_each_with_its_fields_listed_in_bold(tmp_path, keys):
    """Under the bot's own heading and notes, and under desk headings, each story is a list of bold-named fields;
    a field of the bot's own (a score) is neither field nor text."""
    title, source, date, link, summary, score = keys
    story = (
        f"- **{title}**：{{title}}\n  - **{source}**：{{source}}\n  - **{score}**：179\n"
        f"  - **{date}**：{{date}}\n  - **{link}**：{{url}}\n  - **{summary}**：{{text}}\n\n"
    )
    text = (
        "# 美洲新闻自动抓取结果｜Daily Americas News Collection\n\n- **生成日期**：2026-09-22\n\n## 美国\n\n"
        + story.format(title="Coastal states to sign fishery agreement", source="The Guardian",
                       date="Tue, 22 Sep 2026 21:10:32 GMT", url="https://www.theguardian.com/world/2026/sep/22/fishery", text=ONE)
        + "## 加拿大\n\n"
        + story.format(title="Fishing crews wait for the deal", source="France 24",
                       date="Mon, 21 Sep 2026 08:00:00 GMT", url="https://www.france24.com/en/20260921-crews", text=TWO)
    )
    result = read(tmp_path, "daily.md", text)
    assert [(a.id, a.title, a.date, a.source, a.body) for a in result.articles] == [
        ("daily.md#1", "Coastal states to sign fishery agreement", datetime.date(2026, 9, 22), "The Guardian", ONE),
        ("daily.md#2", "Fishing crews wait for the deal", datetime.date(2026, 9, 21), "France 24", TWO),
    ]


def test_a_listed_headlines_credit_with_the_time_it_was_posted_names_the_outlet(tmp_path):
    # a market-news bot's list: "— *CNBC 9:28 AM CT*": the outlet, then the time of day, no date
    text = (
        "# Market news\n\n## Wednesday July 15 2026\n\n"
        "- [Coastal states to sign fishery agreement](https://www.cnbc.com/2026/07/15/fishery-deal.html) — *CNBC 9:28 AM CT*\n"
        "- [Fishing crews wait for the deal](https://www.reuters.com/world/2026/07/15/crews/) — *Reuters 2:39 PM CT*\n"
        "- [Ferry strike ends](https://www.cnbc.com/2026/07/15/ferry-strike.html) — *CNBC 10:05 AM CT*\n"
    )
    result = read(tmp_path, "market.md", text)
    assert [(a.title, a.source, a.date) for a in result.articles] == [
        ("Coastal states to sign fishery agreement", "CNBC", datetime.date(2026, 7, 15)),
        ("Fishing crews wait for the deal", "Reuters", datetime.date(2026, 7, 15)),
        ("Ferry strike ends", "CNBC", datetime.date(2026, 7, 15)),
    ]


def test_a_plain_text_digest_of_feed_items_each_a_headline_its_gist_and_address(tmp_path):
    # a script's newsletter of a feed's items, with Windows line ends
    text = "\r\n".join([
        "[Technology] Publishers in UK can opt out of Google AI search results", "Publishers in UK can opt out...",
        "https://www.bbc.com/news/articles/c775pp26yz5o?at_medium=RSS&at_campaign=rss", "",
        "[General] US announces new tariffs over forced labour concerns", "US announces new tariffs over...",
        "https://www.bbc.com/news/articles/c0k4ex1wg9lo?at_medium=RSS&at_campaign=rss", "",
        "[General] Meta workers can opt out of being tracked at work - but only for half an hour at a time",
        "Meta workers can opt out of...", "https://www.bbc.com/news/articles/c93x0k194yno?at_medium=RSS&at_campaign=rss", "",
    ])
    articles = read(tmp_path, "newsletter.txt", text).articles
    assert [(a.id, a.headline, a.source) for a in articles] == [
        ("newsletter.txt#1", "Publishers in UK can opt out of Google AI search results", "BBC News"),
        ("newsletter.txt#2", "US announces new tariffs over forced labour concerns", "BBC News"),
        ("newsletter.txt#3", "Meta workers can opt out of being tracked at work - but only for half an hour at a time", "BBC News"),
    ]
    # a text whose paragraphs only cite addresses is one story
    cited = f"{ONE}\nhttps://example.net/a\n\n{TWO}\nhttps://example.net/b\n\n{ONE} {TWO}\nhttps://example.net/c\n"
    assert len(read(tmp_path, "cited.txt", cited).articles) == 1


def test_a_briefs_stories_under_a_lead_story_and_story_n_lines_each_a_headline_over_its_fields(tmp_path):
    text = "\n".join([
        "NK AI Market Brief", "Generated 2026-05-08T18:55:10.058Z", "",
        "AI, fashion, beauty, e-commerce, AI shopping, and agentic commerce signals.", "",
        "LEAD STORY", "Etsy and eBay expand AI shopping tools amid shift to agentic commerce.", "Source: MSN",
        "Date: 2026-05-07", "Summary: This story points to AI shopping becoming a new discovery path.", "",
        "STORY 2", "Shop ’til you bot: Google, OpenAI, and the race to build agentic commerce.", "Source: Fast Company",
        "Date: 2026-05-07", "Summary: This story shows AI assistants moving closer to the shopping interface.", "",
    ])
    articles = read(tmp_path, "brief.txt", text).articles
    assert [(a.id, a.headline, a.date) for a in articles] == [
        ("brief.txt#1", "Etsy and eBay expand AI shopping tools amid shift to agentic commerce.", datetime.date(2026, 5, 7)),
        ("brief.txt#2", "Shop ’til you bot: Google, OpenAI, and the race to build agentic commerce.", datetime.date(2026, 5, 7)),
    ]
    assert articles[1].source == "Fast Company"
