"""Shapes real saved files take that the readers must see through: JSON front matter (Hugo's object at
the top, gray-matter's `---json` block), a feed turned into JSON (every element a list), an API's
envelope saved inside a list, a scraper's own field names, and a source filed with its desk in brackets."""

import datetime
import json

import pytest

from read_one import read_one
from searchapp.reading import Skip, read_file

BODY = (
    "Officials of the two coastal states met on Thursday to prepare an agreement on fisheries and joint patrols. "
    "The talks will resume next month in the capital, the foreign ministry said in a statement."
)
MORE = "Fishing crews in both countries have waited three years for the agreement, their unions said."
META = {"title": "Coastal states to sign fishery agreement", "date": "2017-07-26", "slug": "coastal-states"}


@pytest.mark.parametrize(
    "text",
    [
        "---json\n" + json.dumps(META, indent=4) + "\n---\n\n<p>" + BODY + "</p>\n",  # gray-matter
        json.dumps(META, indent=2) + "\n\n" + BODY + "\n",  # Hugo
    ],
)
def test_json_front_matter_gives_title_and_date_and_leaves_the_text(tmp_path, text):
    article = read_one(tmp_path, "post.md", text)
    assert (article.title, article.date) == (META["title"], datetime.date(2017, 7, 26))
    assert article.body.startswith("Officials of the two coastal states") and "slug" not in article.body


def test_a_broken_json_block_is_named_and_its_text_still_read(tmp_path):
    (tmp_path / "post.md").write_text('---json\n{"title": "Coastal states",\n---\n\n' + BODY + "\n", encoding="utf-8")
    result = read_file(tmp_path / "post.md", tmp_path)
    assert [a.body for a in result.articles] == [BODY]
    assert any("JSON front matter cannot be read" in w for w in result.warnings)


def test_a_text_that_only_starts_with_a_brace_is_not_front_matter(tmp_path):
    text = "{Draft} Coastal states to sign fishery agreement\n\n" + BODY + "\n"
    assert read_one(tmp_path, "note.txt", text).body.endswith("said in a statement.")


def test_a_feed_turned_into_json_gives_each_field_as_a_list(tmp_path):
    item = {"title": META["title"], "link": ["https://www.nytimes.com/2021/02/02/world/coast.html", ""],
            "description": [BODY, "A second summary."], "pubDate": "Tue, 02 Feb 2021 10:00:00 GMT"}
    article = read_one(tmp_path, "feed.json", json.dumps(item))
    assert (article.url, article.source, article.date) == (item["link"][0], "The New York Times", datetime.date(2021, 2, 2))


def test_an_api_envelope_saved_inside_a_list_gives_its_articles(tmp_path):
    items = [{**META, "title": f"Talks round {n}", "summary": BODY} for n in (1, 2)]
    (tmp_path / "saved.json").write_text(json.dumps([{"status": "ok", "result": items}]), encoding="utf-8")
    result = read_file(tmp_path / "saved.json", tmp_path)
    assert [a.title for a in result.articles] == ["Talks round 1", "Talks round 2"]


def test_a_scrapers_posted_date_and_site_name(tmp_path):
    record = {"title": META["title"], "excerpt": BODY, "date_posted": "Sunday, October 01, 2023 at 8:10 PM", "site": "Harbour Daily"}
    article = read_one(tmp_path, "a.jsonl", json.dumps(record) + "\n")
    assert (article.date, article.source) == (datetime.date(2023, 10, 1), "Harbour Daily")


@pytest.mark.parametrize(
    "filed, source",
    [("Federal Reserve (FOMC/Press)", "Federal Reserve"), ("Deutsche Welle (www.dw.com)", "Deutsche Welle"), ("(AP)", "Associated Press")],
)
def test_a_source_filed_with_its_desk_or_address_in_brackets_is_the_outlet(tmp_path, filed, source):
    record = {"title": META["title"], "body": BODY, "source_name": filed}
    assert read_one(tmp_path, "a.jsonl", json.dumps(record) + "\n").source == source


@pytest.mark.parametrize(
    "filed, day",
    [
        ("Updated Sunday, October 01, 2023 at 9:14 PM", datetime.date(2023, 10, 1)),
        ("Published: 3 May 2024", datetime.date(2024, 5, 3)),
        ("Posted on 2024-05-03", datetime.date(2024, 5, 3)),
        ("Updated", None),  # a label and no date: no date, and a warning
    ],
)
def test_a_date_field_under_a_label_of_its_own_gives_its_day(tmp_path, filed, day):
    record = {"title": META["title"], "body": BODY, "date_posted": filed}
    assert read_one(tmp_path, "a.jsonl", json.dumps(record) + "\n").date == day


def test_an_article_saved_as_the_text_of_one_field_is_read_from_it(tmp_path):
    """A script that wrote str(dict) into a "doc" field: Python's literal syntax, quotes and escapes and all."""
    saved = {"title": "Coastal states' talks resume", "content": BODY + "\r\n", "url": "https://www.reuters.com/world/talks",
             "publishedAt": "2023-12-22T21:00:00Z"}
    article = read_one(tmp_path, "dump.jsonl", json.dumps({"doc": repr(saved)}) + "\n")
    assert (article.title, article.date, article.source) == (saved["title"], datetime.date(2023, 12, 22), "Reuters")
    assert article.body.startswith("Officials of the two coastal states")


def test_a_field_that_only_looks_like_code_is_never_run(tmp_path):
    record = {"title": META["title"], "doc": "{__import__('os').system('touch %s')}" % (tmp_path / "ran")}
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = read_file(tmp_path / "a.jsonl", tmp_path)
    assert not (tmp_path / "ran").exists()
    assert result.articles == [] and [s.path for s in result.skipped] == ["a.jsonl#1"]
    assert result.skipped[0].reason.startswith("no article text")


@pytest.mark.parametrize(
    "written, day",
    [
        ("Seg, 24 Set 2018 19:42:40 -0300", datetime.date(2018, 9, 24)),  # a Brazilian portal's feed
        ("24 de setembro de 2018", datetime.date(2018, 9, 24)),
        ("mardi 3 juin 2025", datetime.date(2025, 6, 3)),
        ("3. Oktober 2023", datetime.date(2023, 10, 3)),
        ("Lun, 5 Mar 2018", datetime.date(2018, 3, 5)),  # "mar" stays March
        ("12/03/2024", datetime.date(2024, 12, 3)),  # an English reading first, as before
        # a whole date, then a clock dateutil cannot follow (ZDNet's "--" before the time)
        ("September 15, 2021 -- 23:48 GMT (00:48 BST)", datetime.date(2021, 9, 15)),
        ("2021-09-15 -- 23:48 GMT (00:48 BST)", datetime.date(2021, 9, 15)),
        ("Sep 15 -- 23:48 GMT", None),  # no year: still no day
        ("Out of office", None),
    ],
)
def test_month_and_weekday_names_of_other_european_languages(written, day):
    from searchapp.reading.dates import parse_date

    assert parse_date(written) == day


@pytest.mark.parametrize(
    "stamp, day",
    [(1696183200, datetime.date(2023, 10, 1)), (1696183200000, datetime.date(2023, 10, 1)), ("1696183200", datetime.date(2023, 10, 1)),
     (1696183200.0, datetime.date(2023, 10, 1)), (20231001, None), (True, None)],
)
def test_a_time_stamp_in_seconds_or_milliseconds_dates_the_record(tmp_path, stamp, day):
    record = {"title": META["title"], "body": BODY, "publishedTs": stamp}
    assert read_one(tmp_path, "a.jsonl", json.dumps(record) + "\n").date == day


@pytest.mark.parametrize(
    "field, day",
    [("2024-03-09", datetime.date(2024, 3, 1)),  # saved to a reading list a week later: the address's day
     ("2024-03-02", datetime.date(2024, 3, 2)),  # a day apart, as time zones put it: the field's
     ("2024-02-20", datetime.date(2024, 2, 20))],  # earlier than the address: the field's
)
def test_a_record_dated_after_the_day_its_address_gives_takes_the_address_day(tmp_path, field, day):
    record = {"title": META["title"], "body": BODY, "date": field, "url": "https://harbourtimes.example/2024/03/01/talks.html"}
    assert read_one(tmp_path, "list.jsonl", json.dumps(record) + "\n").date == day


def test_a_headline_the_text_repeats_is_still_the_headline(tmp_path):
    """A scraped page prints its headline twice (above the section and the credit, and over the story); a
    release's feed repeats its title as its summary. The reader found a headline: it is one."""
    head = "Coastal states renew their defence pact"
    page = f"{head}\n\nWorld\n\nHarbour Wire\n09 September, 2021, 12:00 pm\n\n{head}\n\n{BODY}\n"
    assert read_one(tmp_path, "page.txt", page).headline == head
    record = {"title": "Board announces approval of applications by Harbour Bank, Inc.", "summary": "Board announces approval of applications by Harbour Bank, Inc."}
    assert read_one(tmp_path, "r.jsonl", json.dumps(record) + "\n").headline == record["title"]


def test_a_text_without_a_headline_has_none_and_its_first_sentence_to_be_listed_by(tmp_path):
    article = read_one(tmp_path, "note.txt", BODY + "\n\n" + BODY + "\n")
    assert article.headline is None and BODY.startswith(article.title.removesuffix(" …"))


def test_a_photo_caption_over_the_headline_is_never_the_headline(tmp_path):
    """A scraped page keeps its lead photo's caption (and the caption again, with the icon's name run onto it)
    above the headline; a caption ends with its credit."""
    caption = "The two ministers met their counterparts in the capital on Thursday. (AP PHOTO)"
    head = "Coastal states agree to more joint patrols"
    page = f"{caption}\nCamera Icon{caption} Credit: AP\n\n{head}\n\nStaff Writers\n\n{BODY}\n\n{BODY}\n"
    assert read_one(tmp_path, "page.txt", page).headline == head
    for credit in ("(Photo by Jane Roe/Harbour Wire)", "Photo: Harbour Wire", "(File photo)"):
        page = f"Ministers meet in the capital {credit}\n\n{head}\n\n{BODY}\n"
        assert read_one(tmp_path, "page.txt", page).headline == head


def test_an_aggregators_title_ends_with_the_outlet_whose_story_it_is(tmp_path):
    """NewsAPI's Google News items: "Headline - Outlet", filed under the aggregator (and one of its editions)."""
    for filed in ("Google News", "Google News (UK)"):
        record = {"source": {"id": "google-news", "name": filed}, "title": f"{META['title']} - Harbour Times Europe",
                  "publishedAt": "2024-08-13T05:06:00Z", "url": "https://news.google.com/rss/articles/CBMi", "content": BODY}
        article = read_one(tmp_path, "api.json", json.dumps({"status": "ok", "articles": [record]}))
        assert (article.title, article.source) == (META["title"], "Harbour Times Europe")
    record = {"source": {"name": "Harbour Times"}, "title": "Talks resume - and stall", "content": BODY}
    article = read_one(tmp_path, "api.json", json.dumps({"status": "ok", "articles": [record]}))
    assert (article.title, article.source) == ("Talks resume - and stall", "Harbour Times")  # its own dash


def test_a_markdown_post_of_html_keeps_its_own_heading(tmp_path):
    page = "\n".join([
        "# <p align=\"center\">The world in brief</p>", "",
        *[f"<p>{BODY}</p>" for _ in range(6)],
        "<div><h1>Privacy information</h1><p>This mirror loads pages through a proxy.</p></div>",
    ])
    assert read_one(tmp_path, "brief.md", page).headline == "The world in brief"


def test_a_date_field_named_with_its_time_zone(tmp_path):
    record = {"title": META["title"], "snippet": BODY, "published_datetime_utc": "2024-09-12T05:01:00.000Z"}
    article = read_one(tmp_path, "answer.json", json.dumps({"status": "OK", "data": [record]}))
    assert (article.date, article.date_from) == (datetime.date(2024, 9, 12), "record field published_datetime_utc")


def test_a_published_line_under_the_last_paragraph_dates_the_article(tmp_path):
    head = "Coastal states renew their defence pact"
    foot = "Published - September 29, 2024 10:19 am IST"
    story = "\n\n".join([BODY] * 5)
    article = read_one(tmp_path, "page.txt", f"{head}\n\n{story}\n\n{foot}\n")
    assert (article.date, article.date_from) == (datetime.date(2024, 9, 29), "a “Published” line under the article")
    assert foot not in article.body
    # a bare date at the foot may be another story's: no date rather than a wrong one
    assert read_one(tmp_path, "page.txt", f"{head}\n\n{story}\n\nSeptember 29, 2024\n").date is None


@pytest.mark.parametrize("line, source", [("Slate", "Slate"), ("SLATE", "Slate"), ("slate", None), ("fortune", None)])
def test_a_one_word_outlet_on_a_line_of_its_own_only_as_the_outlet_spells_it(tmp_path, line, source):
    """With a thousand outlets known, some names are ordinary words: "slate" or "fortune" on a line is a label."""
    page = f"{line}\n\nCoastal states renew their defence pact\n\n{BODY}\n\n{BODY}\n"
    assert read_one(tmp_path, "page.txt", page).source == source


@pytest.mark.parametrize("after, source", [("<p><b>AP</b></p>", "Associated Press"), ("<h3>Conversation</h3>", None)])
def test_a_line_after_the_story_is_a_sign_off_only_as_the_outlet_spells_it(tmp_path, after, source):
    """ "AP" under a republished wire story is its sign-off; a "Conversation" heading over the comments is not
    The Conversation's."""
    page = (f"<html><head><title>{META['title']}</title></head><body><h1>{META['title']}</h1><p>{BODY}</p>"
            f"<p>{BODY}</p>{after}<p>Join the discussion below.</p></body></html>")
    assert read_one(tmp_path, "page.html", page).source == source


def test_an_author_field_naming_the_filed_outlet_or_its_edition_is_its_staff_not_a_wire(tmp_path):
    """NewsAPI: source "Al Jazeera English", author "Al Jazeera"; author "Reuters" on a CNBC item is a wire."""
    def source_of(filed, author):
        record = {"source": {"name": filed}, "author": author, "title": META["title"], "content": BODY}
        return read_one(tmp_path, "api.json", json.dumps({"status": "ok", "articles": [record]})).source
    assert source_of("Al Jazeera English", "Al Jazeera") == "Al Jazeera English"
    assert source_of("CNBC", "Reuters") == "Reuters"


@pytest.mark.parametrize(
    "filed, author, suffix, source",
    [
        # an author the title's suffix repeats is the outlet that wrote the story, known to outlets.json or not
        ("The Times of India", "Mumbai Mirror", " - Mumbai Mirror", "Mumbai Mirror"),
        # a suffix that spells the filed outlet's address comes off too
        ("Fox Sports", None, " - FOXSports.com", "Fox Sports"),
        # a person's name as the author is no outlet, and a suffix that is not theirs stays
        ("The Times of India", "Jane Roe", " - Mumbai Mirror", "The Times of India"),
    ],
)
def test_a_title_suffix_naming_the_author_or_the_sites_address(tmp_path, filed, author, suffix, source):
    record = {"source": {"name": filed}, "author": author, "title": META["title"] + suffix, "content": BODY}
    article = read_one(tmp_path, "api.json", json.dumps({"status": "ok", "articles": [record]}))
    expected_title = META["title"] + (suffix if source == "The Times of India" else "")
    assert (article.title, article.source) == (expected_title, source)


def test_markdown_backslash_escapes_keep_their_marks_and_lose_the_backslash(tmp_path):
    text = "# Radio \\| News week \\| Sunday 3 November 2024\n\n" + BODY + " It rose 5 \\* 3 \\_units\\_ \\[1\\].\n"
    article = read_one(tmp_path, "week.md", text)
    assert article.headline == "Radio | News week | Sunday 3 November 2024"
    assert article.body.endswith("It rose 5 * 3 _units_ [1].")


def test_a_page_under_an_xml_declaration_is_read(tmp_path):
    page = ('<?xml version="1.0" encoding="utf-8" ?>\n<html><head><title>Coastal states to sign fishery agreement'
            f"</title></head><body><h1>Coastal states to sign fishery agreement</h1><p>{BODY}</p></body></html>")
    article = read_one(tmp_path, "page.html", page)
    assert (article.title, article.body) == (META["title"], BODY)


def test_a_page_whose_links_lead_to_one_outlets_site_is_that_outlets(tmp_path):
    links = ('<a href="https://www.theguardian.com/world/fisheries">Fisheries</a> '
             '<a href="https://www.theguardian.com/world/oceans">Oceans</a>')
    page = f"<html><body>{links}<h1>{META['title']}</h1><p>{BODY}</p><p>{BODY}</p></body></html>"
    assert read_one(tmp_path, "page.html", page).source == "The Guardian"
    # one link is a citation, not the site's own; links to two outlets alike name neither
    one = page.replace(links, '<a href="https://www.theguardian.com/world/fisheries">Fisheries</a>')
    assert read_one(tmp_path, "one.html", one).source is None
    two = page.replace(links, links + ' <a href="https://www.reuters.com/a">a</a> <a href="https://www.reuters.com/b">b</a>')
    assert read_one(tmp_path, "two.html", two).source is None


def test_a_mail_apis_message_saved_as_eml_is_read_as_the_json_it_is(tmp_path):
    message = {"id": "a1", "subject": META["title"], "from": "Lakeside Gazette <letters@gazette.example>",
               "date": "Wed, 26 Jul 2017 09:05:26 +0000", "body": BODY + "\n\n" + BODY}
    article = read_one(tmp_path, "newsletter.eml", json.dumps(message, indent=2))
    assert (article.title, article.date, article.source) == (META["title"], datetime.date(2017, 7, 26), "Lakeside Gazette")
    assert article.body.startswith("Officials of the two coastal states")
    # a known outlet by its address when its display name says nothing
    message["from"] = "Newsletters <newsletters@nytimes.com>"
    assert read_one(tmp_path, "two.txt", json.dumps(message)).source == "The New York Times"


def test_a_subject_without_a_sender_is_no_title(tmp_path):
    record = {"subject": "World news", "text": BODY, "url": "https://harbour.example/2017/07/26/fisheries"}
    assert read_one(tmp_path, "item.json", json.dumps(record)).title != "World news"


def test_a_content_apis_story_of_blocks_and_nested_headlines(tmp_path):
    story = {
        "href": "https://www.bostonglobe.com/metro/2017/07/26/fisheries/abc/story.html",
        "headlines": {"overline": "", "headline": META["title"]},
        "content": [{"type": "p", "content": BODY}, {"type": "image", "name": "photo_1"}, {"type": "p", "content": MORE}],
    }
    article = read_one(tmp_path, "story.json", json.dumps(story))
    assert (article.title, article.date, article.source) == (META["title"], datetime.date(2017, 7, 26), "The Boston Globe")
    assert article.body == BODY + "\n\n" + MORE  # the image block has no text of its own


def test_a_file_that_holds_a_headline_alone_is_indexed_by_it(tmp_path):
    flash = "FLASH: COASTAL STATES SIGN FISHERY AGREEMENT"
    (tmp_path / "flash.txt").write_text(f" {flash}\n\n\n\n{flash}\n\n", encoding="utf-8")
    result = read_file(tmp_path / "flash.txt", tmp_path)
    assert [(a.title, a.body) for a in result.articles] == [(flash, "")]
    assert result.warnings == ["flash.txt: the file holds a headline alone; indexed by it"]
    # a headline over a line of text is an ordinary article
    (tmp_path / "two.txt").write_text(f"{flash}\n\nThe two states signed it on Monday.\n", encoding="utf-8")
    result = read_file(tmp_path / "two.txt", tmp_path)
    assert [(a.title, a.body) for a in result.articles] == [(flash, "The two states signed it on Monday.")]
    assert result.warnings == []


@pytest.mark.parametrize(
    "stamp, day",
    [
        ({"time": "2026-10-04T06:18:07+00:00"}, datetime.date(2026, 10, 4)),  # a collector's time
        ({"ts": 1696183200}, datetime.date(2023, 10, 1)),  # epoch seconds, as Hacker News gives them
        ({"time": "10:30"}, None),  # a clock time is no day
        ({"time": "2026-10-04T06:18:07Z", "date": "2017-07-26"}, datetime.date(2017, 7, 26)),  # a date field first
    ],
)
def test_a_records_bare_time_dates_it_when_nothing_else_does(tmp_path, stamp, day):
    record = {"title": META["title"], "text": BODY, **stamp}
    assert read_one(tmp_path, "items.jsonl", json.dumps(record)).date == day


EXPORT = f"""<?xml version='1.0' encoding='utf-8'?>
<content-feed><title>harbour — top stories</title><last-updated>2026-03-01T22:55:15</last-updated>
<items>
  <item><title>{META["title"]}</title><link>https://www.crisisgroup.org/qna/coastal-states</link>
    <description>{BODY}</description><pubDate>Tuesday, December 16, 2025 - 12:04</pubDate><score>150</score></item>
  <item><title>Fishing crews wait for the deal</title><link>https://www.crisisgroup.org/qna/crews</link>
    <description>{MORE}</description><pubDate>Tuesday, February 24, 2026 - 17:05</pubDate><score>145</score></item>
</items></content-feed>"""


def test_an_xml_export_that_is_no_feed_gives_an_article_an_item(tmp_path):
    (tmp_path / "export.xml").write_text(EXPORT, encoding="utf-8")
    result = read_file(tmp_path / "export.xml", tmp_path)
    assert [(a.id, a.title, a.body, a.date, a.source) for a in result.articles] == [
        ("export.xml#1", META["title"], BODY, datetime.date(2025, 12, 16), "International Crisis Group"),
        ("export.xml#2", "Fishing crews wait for the deal", MORE, datetime.date(2026, 2, 24), "International Crisis Group"),
    ]


def test_an_xml_article_and_an_xml_of_no_articles(tmp_path):
    one = f"<article><headline>{META['title']}</headline><body><p>{BODY}</p><p>{MORE}</p></body></article>"
    (tmp_path / "one.xml").write_text(one, encoding="utf-8")
    [article] = read_file(tmp_path / "one.xml", tmp_path).articles
    assert (article.id, article.title, article.body) == ("one.xml", META["title"], f"{BODY}\n\n{MORE}")
    (tmp_path / "config.xml").write_text("<config><port>80</port><port>81</port></config>", encoding="utf-8")
    assert read_file(tmp_path / "config.xml", tmp_path).skipped == [
        Skip("config.xml", "XML with no articles: no element with a title, repeated or alone")]
    (tmp_path / "broken.xml").write_text("<<<", encoding="utf-8")
    assert [s.reason.split(":")[0] for s in read_file(tmp_path / "broken.xml", tmp_path).skipped] == ["not XML"]


def test_a_newsroom_systems_item_and_a_collectors_feed_ids(tmp_path):
    item = {"headline": META["title"], "body_html": f"<div><p>{BODY}</p><p>{MORE}</p></div>", "source": "AAP"}
    article = read_one(tmp_path, "item.json", json.dumps(item))
    assert (article.title, article.body) == (META["title"], f"{BODY}\n\n{MORE}")
    # a headline under its address ("article_url") is found by both, its text or not
    line = {"title": META["title"], "summary": None, "published_at": "2017-07-26T16:09:01Z",
            "article_url": "https://techcrunch.com/2017/07/26/coastal-states/"}
    article = read_one(tmp_path, "log.jsonl", json.dumps(line))
    assert (article.title, article.url, article.source) == (META["title"], line["article_url"], "TechCrunch")
    # a collector's id for the feed ("reuters_markets_via_gnews") names no outlet; the title's suffix does
    record = {"source": "reuters_markets_via_gnews", "title": f"{META['title']} - Reuters", "summary": BODY}
    assert read_one(tmp_path, "ids.jsonl", json.dumps(record)).source == "Reuters"


@pytest.mark.parametrize(
    "title, source, headline",
    [
        (f"{META['title']} - World News - Castanet.net", "Castanet.net", META["title"]),  # a section between goes too
        (f"{META['title']} - CBC.ca", "CBC News", META["title"]),  # the outlet named by its address
        (f"{META['title']} - Opinion piece", "CBC News", f"{META['title']} - Opinion piece"),  # not the outlet's
    ],
)
def test_a_filed_titles_suffix_naming_its_outlet_goes(tmp_path, title, source, headline):
    record = {"source": {"id": None, "name": source}, "title": title, "description": BODY}
    assert read_one(tmp_path, "api.json", json.dumps({"status": "ok", "articles": [record]})).title == headline


@pytest.mark.parametrize(
    "filed, source",
    [
        ("TechCrunch AI", "TechCrunch"),  # a known outlet and a section's words: the outlet
        ("Reuters World News", "Reuters"),
        ("POLITICO Europe", "POLITICO Europe"),  # an edition keeps its own name
        ("Harbour Times AI", "Harbour Times AI"),  # an unknown outlet stays as filed
    ],
)
def test_a_source_filed_with_a_sections_words_is_the_outlet(tmp_path, filed, source):
    record = {"title": META["title"], "text": BODY, "source": filed}
    assert read_one(tmp_path, "items.jsonl", json.dumps(record)).source == source


def test_an_answers_list_wrapped_in_objects_of_its_own_names(tmp_path):
    items = [{"title": META["title"], "link": "https://www.theguardian.com/world/2022/apr/11/fisheries",
              "pubDate": "Mon, 11 Apr 2022 12:34:44 GMT", "content": f"<p>{BODY}</p>"}]
    answer = {"data": {"rssFetch": {"rssFetchData": {"items": items}}}}
    [article] = read_file_of(tmp_path, "answer.json", json.dumps(answer)).articles
    assert (article.title, article.date, article.source) == (META["title"], datetime.date(2022, 4, 11), "The Guardian")


def read_file_of(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return read_file(tmp_path / name, tmp_path)


def test_a_digest_of_sections_each_with_its_own_list_is_read_in_file_order(tmp_path):
    def item(title, source):
        return {"title": title, "source": source, "published": "2017-12-12T00:27:08.000+0000", "summary": BODY}

    digest = {"generated_at": "2026-06-27T04:53:30+00:00", "total_articles": 3,
              "china": {"count": 2, "articles": [item("One", "China Daily"), item("Two", "Xinhua")]},
              "global": {"count": 1, "articles": [item("Three", "The Guardian")]}}
    articles = read_file_of(tmp_path, "digest.json", json.dumps(digest)).articles
    assert [(a.id, a.title, a.source) for a in articles] == [
        ("digest.json#1", "One", "China Daily"), ("digest.json#2", "Two", "Xinhua"),
        ("digest.json#3", "Three", "The Guardian"),
    ]
    # lists side by side directly, too; an article's own lists (tags, images) are no articles
    sides = {"china": [item("One", "China Daily")], "global": [item("Three", "The Guardian")]}
    assert [a.title for a in read_file_of(tmp_path, "sides.json", json.dumps(sides)).articles] == ["One", "Three"]
    odd = read_file_of(tmp_path, "odd.json", json.dumps({"found": [item("One", "China Daily")], "tags": [{"name": "x"}]}))
    assert (odd.articles, [s.reason[:15] for s in odd.skipped]) == ([], ["no article text"])  # as before: no guess


def test_a_wire_item_in_digitalwires_or_ninjs_fields(tmp_path):
    # dpa's digitalwires: headline, version_created, creditline, the text in article_html
    wire = {"format": "digitalwires@0.9.1", "updated": "2024-09-25T08:38:44Z", "version_created": "2024-09-25T10:37:24+02:00",
            "headline": META["title"], "dateline": "Berlin (dpa) - ", "creditline": "dpa",
            "article_html": f'<section class="main"><p>{BODY}</p><p>{MORE}</p></section>'}
    article = read_one(tmp_path, "wire.json", json.dumps(wire))
    assert (article.title, article.date, article.source, article.body) == (
        META["title"], datetime.date(2024, 9, 25), "Deutsche Presse-Agentur", f"{BODY}\n\n{MORE}")
    # IPTC's ninjs: firstcreated before versioncreated, copyrightholder as the credit
    ninjs = {"uri": "urn:example:1", "headline": META["title"], "firstcreated": "2017-07-26T09:00:00Z",
             "versioncreated": "2017-07-27T10:00:00Z", "copyrightholder": "Reuters", "body_text": BODY}
    article = read_one(tmp_path, "ninjs.json", json.dumps(ninjs))
    assert (article.date, article.source) == (datetime.date(2017, 7, 26), "Reuters")


def test_a_record_a_script_saved_as_pythons_repr(tmp_path):
    # str(dict): single quotes, None, a datetime; read as literals only (ast.literal_eval), never run
    text = ("{\n    'datetime': datetime.datetime(2021, 1, 1, 0, 16, 53, tzinfo=datetime.timezone.utc),\n"
            f"    'subsection': None,\n    'headline': {META['title']!r},\n    'description': {BODY!r},\n"
            "    'webURL': 'https://www.nytimes.com/2020/12/31/us/fisheries.html'\n}")
    article = read_one(tmp_path, "record.json", text)
    assert (article.title, article.date, article.source, article.body) == (
        META["title"], datetime.date(2021, 1, 1), "The New York Times", BODY)
    # a call that is no date is no literal: the file is skipped as not JSON, nothing is evaluated
    bad = read_file_of(tmp_path, "bad.json", "{'headline': __import__('os').getcwd(), 'text': 'x'}")
    assert (bad.articles, [s.reason[:14] for s in bad.skipped]) == ([], ["not valid JSON"])


def test_a_list_of_paragraphs_under_a_name_of_the_dumps_own(tmp_path):
    # a Sri Lankan site's scraper: "body_paragraphs": [...]; a list of tags under another name is no text
    record = {"url": "https://example.net/?p=85762", "title": META["title"], "ut": 1743769810.0,
              "keywords": ["fisheries", "coastal states", "patrols"], "body_paragraphs": [BODY, MORE, BODY]}
    article = read_one(tmp_path, "story.json", json.dumps(record))
    assert (article.title, article.body) == (META["title"], f"{BODY}\n\n{MORE}\n\n{BODY}")


WIRE_COPY = """COCOA GROWERS SEE LATE HARVEST IN BAHIA
 Showers continued throughout the week in the cocoa zone,
alleviating the drought since early January and improving
prospects for the coming harvest, although normal humidity
levels have not been restored, the trade commission said.
    The dry period means the harvest will be late this year.
    Arrivals for the week ended February 22 were 155,221 bags
of 60 kilos, making a cumulative total for the season of 5.93
mln against 5.81 at the same stage last year.
 Reuter
"""


def test_wire_copy_that_sets_each_paragraph_in(tmp_path):
    # 1987 Reuters copy: a headline in capitals, each paragraph's first line set in, the rest hard-wrapped,
    # no blank line between, and the wire's name alone under the last paragraph
    article = read_one(tmp_path, "cocoa.txt", WIRE_COPY)
    assert (article.title, article.source) == ("COCOA GROWERS SEE LATE HARVEST IN BAHIA", "Reuters")
    assert article.body.split("\n\n") == [
        "Showers continued throughout the week in the cocoa zone, alleviating the drought since early January and "
        "improving prospects for the coming harvest, although normal humidity levels have not been restored, the "
        "trade commission said.",
        "The dry period means the harvest will be late this year.",
        "Arrivals for the week ended February 22 were 155,221 bags of 60 kilos, making a cumulative total for the "
        "season of 5.93 mln against 5.81 at the same stage last year.",
    ]
    # the same lines with Windows line ends
    assert read_one(tmp_path, "crlf.txt", WIRE_COPY.replace("\n", "\r\n")).body == article.body


PELICAN = (
    "Title: Coastal states to sign fishery agreement\nDate: 2015-05-08 11:25\nCategory: news\nTags: aljazeera\n"
    "Slug: coastal-states\nSrc: http://www.aljazeera.com/news/2015/05/150507072231217.html\nAuthor: jarvis\n\n\n"
    "{body}\n\nTheÂ talks will resume next month.\n\nSource:Â {credit}\n"
)


@pytest.mark.parametrize(
    "credit, source",
    [
        ("Al Jazeera and agencies", "Al Jazeera"),  # the outlet, with wire copy it used
        ("Agencies", "Al Jazeera"),  # unnamed wires name no outlet: the story's own address does
    ],
)
def test_a_static_site_posts_header_its_src_address_and_a_credit_with_agencies(tmp_path, credit, source):
    """A Pelican post of a saved story: "Src:" is its address; the no-break spaces it once held were read as
    cp1252 ("Â ") and are taken out again."""
    path = tmp_path / "post.md"
    path.write_bytes(PELICAN.format(body=BODY, credit=credit).encode("utf-8"))
    result = read_file(path, tmp_path)
    (article,) = result.articles
    assert (article.title, article.date, article.source) == (
        "Coastal states to sign fishery agreement", datetime.date(2015, 5, 8), source
    )
    assert article.url == "http://www.aljazeera.com/news/2015/05/150507072231217.html"
    assert "Â" not in article.body and "The talks will resume" in article.body


def test_a_jekyll_published_flag_is_no_date(tmp_path):
    """"published: 'true'" tells Jekyll to publish the post, not when: no date, and nothing to warn of."""
    text = f'---\npublished: "true"\ntitle: Coastal states to sign fishery agreement\n---\n\n{BODY}\n'
    path = tmp_path / "post.markdown"
    path.write_text(text, encoding="utf-8")
    result = read_file(path, tmp_path)
    assert (result.articles[0].date, result.warnings) == (None, [])


@pytest.mark.parametrize(
    "top, title",
    [
        # no "#" heading: the first lower heading at the top is the headline; a link alone is a "Home" button
        ("### [Home](https://example.net/)\n---\n\n## Coastal states to sign fishery agreement\n", "Coastal states to sign fishery agreement"),
        ("### [:house:返回首頁](https://example.net/)\n\n## 沿海国家签署渔业协定，结束三年谈判\n", "沿海国家签署渔业协定，结束三年谈判"),
        # a "#" heading is the headline, wherever the lower ones stand
        ("## Coastal states\n\n# Fishing crews wait for the deal\n", "Fishing crews wait for the deal"),
    ],
)
def test_a_markdown_posts_headline_under_a_lower_heading(tmp_path, top, title):
    assert read_one(tmp_path, "post.md", f"{top}\n{BODY}\n\n{MORE}\n").title == title


def test_a_lower_heading_after_the_text_began_or_too_short_is_no_headline(tmp_path):
    assert read_one(tmp_path, "a.md", f"## Summary\n\n{BODY}\n\n{MORE}\n").headline is None  # a section's name
    assert read_one(tmp_path, "b.md", f"{BODY}\n\n## Fishing crews wait for the deal\n\n{MORE}\n").title != (
        "Fishing crews wait for the deal"
    )


def test_a_link_databases_label_heading_is_no_headline(tmp_path):
    """"# Source:Bloomberg - politics, URL:https://..." over one entry's "## Headline": the entry's headline."""
    text = (
        "# Source:Harbour Wire - politics, URL:https://www.harbourwire.example/feeds/site.xml, language:en-US\n\n"
        "## Coastal states to sign fishery agreement\n"
        " - [https://www.reuters.com/world/fishery-2022-05-24/](https://www.reuters.com/world/fishery-2022-05-24/)\n"
        " - date published: 2022-05-24 03:11:29+00:00\n\n" + BODY + "\n"
    )
    article = read_one(tmp_path, "2022-05-24.md", text)
    assert (article.title, article.date) == ("Coastal states to sign fishery agreement", datetime.date(2022, 5, 24))


def test_a_front_matter_title_of_no_letters_is_no_headline(tmp_path):
    """"title: ---" (a site generator's slip): the post's own "#" heading is its headline."""
    text = "---\nlayout: post\ntitle: '---'\n---\n\n# Coastal states to sign fishery agreement\n\n" + BODY + "\n"
    assert read_one(tmp_path, "post.md", text).title == "Coastal states to sign fishery agreement"


def test_a_record_saved_as_markdown_sections_reads_as_the_record(tmp_path):
    """A scraper that writes newspaper3k's fields out as sections ("## title", "## content", "## publish date"):
    the title and date are those sections', and the summary, keywords and image stay out of the text."""
    text = (
        f"## title\n{META['title']}\n## content\n{BODY}\n\n## A subhead inside the text\n{MORE}\n"
        f"## summary\nFishing crews waited.\n## publish date\n2017-07-26 00:00:00\n## keywords\n['fishery', 'talks']\n"
        "## authors\n['Jane Roe']\n## top image\n![](https://img.example.org/a.jpg)\n## movies\n[]\n"
    )
    article = read_one(tmp_path, "scrape.md", text)
    assert (article.title, article.date) == (META["title"], datetime.date(2017, 7, 26))
    assert article.body.startswith("Officials of the two coastal states") and MORE in article.body
    assert not any(word in article.body for word in ("Fishing crews waited", "fishery", "img.example.org", "## "))


def test_a_post_headed_title_without_a_text_section_is_read_as_markdown(tmp_path):
    article = read_one(tmp_path, "post.md", f"# Title\n\n{BODY}\n")
    assert article.body.startswith("Officials of the two coastal states")


def test_a_mirrored_pages_opening_heading_and_its_label_of_the_original_address(tmp_path):
    """A mirror's markdown: the story's headline as a lower heading that opens the file, the page's HTML under it,
    and a line that labels the original's address, the outlet's."""
    text = (
        "### 金正恩提出去核化时间表 特朗普表示感谢\n------------------------\n\n"
        "<div class=\"StandardArticleBody_body\">\n <p>\n  路透首尔/华盛顿9月6日 - 韩国官员周四称，朝鲜领导人金正恩首次提出去核化时间安排。\n </p>\n"
        " <div class=\"PrimaryAsset_container\"><figure><img src=\"//s2.reutersmedia.net/r.jpg\"/>"
        "<figcaption>Caption of the photo here.</figcaption></figure></div>\n"
        f" <p>\n  {BODY}\n </p>\n <p>\n  {MORE}\n </p>\n</div>\n\n"
        "<br/>原文链接：https://cn.reuters.com/article/northkorea-timetable-idCNKCS1LM3F3?feedType=RSS\n"
    )
    article = read_one(tmp_path, "mirror.md", text)
    assert (article.title, article.source) == ("金正恩提出去核化时间表 特朗普表示感谢", "Reuters")
    assert BODY in article.body


def test_a_text_line_labelling_the_original_address_names_its_outlet(tmp_path):
    text = f"{META['title']}\n\n{BODY}\n\n原文地址（需翻墙访问）：https://www.rfa.org/mandarin/guojishijiao/ko-0526.html\n\n{MORE}\n"
    assert read_one(tmp_path, "mirror.txt", text).source == "Radio Free Asia"


HEADLINES = ["Coastal states to sign fishery agreement", "Fishing crews wait for the deal"]


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(HEADLINES),  # a list of headlines
        json.dumps({"0": HEADLINES[0], "1": HEADLINES[1]}),  # pandas' Series.to_json(): the same under their numbers
    ],
)
def test_a_list_of_headlines_is_an_article_a_headline(tmp_path, text):
    result = read_file_at(tmp_path, "titles.json", text)
    assert [(a.id, a.title, a.body) for a in result.articles] == [
        ("titles.json#1", HEADLINES[0], ""), ("titles.json#2", HEADLINES[1], ""),
    ]
    assert not result.skipped


def test_a_frame_saved_a_column_an_object_is_an_article_a_row(tmp_path):
    # pandas' DataFrame.to_json(): {"title": {"0": ..., "1": ...}, "text": {"0": ..., "1": ...}}
    frame = {"title": {"0": HEADLINES[0], "1": HEADLINES[1]}, "text": {"0": BODY, "1": MORE},
             "date": {"0": "2017-07-26", "1": "2017-07-27"}}
    result = read_file_at(tmp_path, "frame.json", json.dumps(frame))
    assert [(a.title, a.body, a.date) for a in result.articles] == [
        (HEADLINES[0], BODY, datetime.date(2017, 7, 26)), (HEADLINES[1], MORE, datetime.date(2017, 7, 27)),
    ]


def test_a_list_of_records_each_saved_as_json_text_reads_as_the_records(tmp_path):
    # a script's str() of a list of json.dumps() strings: each string is the record
    records = [json.dumps({"title": HEADLINES[0], "text": BODY, "url": None}), json.dumps({"title": HEADLINES[1], "text": MORE})]
    result = read_file_at(tmp_path, "news.json", str(records))
    assert [(a.title, a.body) for a in result.articles] == [(HEADLINES[0], BODY), (HEADLINES[1], MORE)]


def read_file_at(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return read_file(tmp_path / name, tmp_path)
