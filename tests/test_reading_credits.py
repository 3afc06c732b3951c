"""Sources named only in a credit: a wire's dateline under a menu, its bracketed copyright notice, the writer's
outlet under a byline, a copyright footer on a portal's page, a record's author that is an agency, a source
filed under the site's address.
"""

import json

import pytest

from read_one import read_one

from searchapp.reading.rules import reading_rules
from searchapp.reading.page_titles import split_outlet_suffix
from searchapp.reading.sources import copyright_holder

LEAD = (
    "The foreign ministers of the two neighbours agreed by telephone on Wednesday that relations between "
    "their countries remain important despite the political turmoil of recent days."
)
MORE = "They also agreed to keep in close contact on the security of the region, a ministry official said."


def test_a_datelines_wire_credit_counts_under_a_menus_short_lines(tmp_path):
    text = (
        "Neighbours Reaffirm Importance of Ties\nNews from the Region\nPolitics- English\n- Français\n- Español\n"
        f"Tokyo, Dec. 11 (Jiji Press)--{LEAD}\n{MORE}\n"
    )
    assert read_one(tmp_path, "story.txt", text).source == "Jiji Press"


def test_a_bracketed_copyright_notice_names_the_wire(tmp_path):
    text = f"Neighbours Reaffirm Importance of Ties\n\n{LEAD}\n\n{MORE}\n\n[Copyright The Jiji Press, Ltd.]\n"
    article = read_one(tmp_path, "story.txt", text)
    assert (article.source, "Copyright" in article.body) == ("Jiji Press", False)


def test_a_copyright_holder_after_its_company_form_is_the_outlet():
    rules = reading_rules()
    lines = ["Copyright (c) Kyodo News Co., Ltd.", "(© 2024 Reuters)", "Copyright 2024 Harbour Light Media Ltd."]
    assert [copyright_holder(line, rules) for line in lines] == ["Kyodo News", "Reuters", None]


PAGE = """<!doctype html><html><head><title>Neighbours agree to keep talking – Lakeside Gazette</title>
<meta property="og:site_name" content="Lakeside Gazette"></head><body>
<article><h1>Neighbours agree to keep talking</h1>
<div class="byline"><div>By <span>Jane Roe</span></div><div>Washington Post</div><time>Dec 13, 2016 at 3:45 pm</time></div>
<p>{lead}</p><p>{more}</p></article>
<footer><p class="copyright">Copyright &#xA9; 2022, Lakeside Gazette</p></footer></body></html>"""


def test_the_writers_outlet_under_the_byline_is_whose_story_a_paper_ran(tmp_path):
    article = read_one(tmp_path, "page.html", PAGE.format(lead=LEAD, more=MORE))
    assert (article.title, article.source) == ("Neighbours agree to keep talking", "The Washington Post")


def test_without_such_a_line_the_page_is_its_own_sites(tmp_path):
    page = PAGE.replace("<div>Washington Post</div>", "").format(lead=LEAD, more=MORE)
    assert read_one(tmp_path, "page.html", page).source == "Lakeside Gazette"


PORTAL = """<!doctype html><html><head><title>Neighbours agree to keep talking</title>
<link rel="canonical" href="https://news.yahoo.com/s/neighbours-talk"></head><body>
<h1>Neighbours agree to keep talking</h1><p>{lead}</p><p>{more}</p>
<div class="foot">Copyright &copy; 2005 <a href="https://www.latimes.com/">Los Angeles Times</a><br>
Copyright &copy; 2005 Yahoo! Inc. All rights reserved.</div></body></html>"""


def test_a_portals_page_is_the_outlet_its_copyright_footer_names(tmp_path):
    article = read_one(tmp_path, "page.html", PORTAL.format(lead=LEAD, more=MORE))
    assert article.source == "Los Angeles Times"  # Yahoo News republished it: never the source


def test_a_portals_page_with_only_its_own_copyright_has_no_source(tmp_path):
    page = PORTAL.replace('2005 <a href="https://www.latimes.com/">Los Angeles Times</a><br>', "").format(lead=LEAD, more=MORE)
    assert read_one(tmp_path, "page.html", page).source is None


def record(**fields):
    return json.dumps({"title": "Sterling slides on trade fears", "description": LEAD, **fields}) + "\n"


def test_a_records_author_that_is_an_agency_is_whose_story_it_is(tmp_path):
    text = record(source={"id": "cnbc", "name": "CNBC"}, author="Reuters")
    assert read_one(tmp_path, "dump.jsonl", text).source == "Reuters"


def test_a_records_author_that_is_a_person_leaves_the_filed_source(tmp_path):
    text = record(source={"id": "cnbc", "name": "CNBC"}, author="Jane Roe")
    assert read_one(tmp_path, "dump.jsonl", text).source == "CNBC"


def test_a_source_filed_under_the_sites_address_is_the_outlet_of_that_domain(tmp_path):
    assert read_one(tmp_path, "a.jsonl", record(source={"name": "Techcrunch.com"})).source == "TechCrunch"
    assert read_one(tmp_path, "b.jsonl", record(source={"name": "Harbourlight.example"})).source == "Harbourlight.example"


def test_an_outlet_over_a_listed_stories_headline_is_not_the_pages_source(tmp_path):
    other_stories = "In Other News\nFinance\nReuters\nBank says it will challenge the ruling in court\n"
    text = f"Neighbours Reaffirm Importance of Ties\n\n{LEAD}\n\n{MORE}\n\n{other_stories}"
    assert read_one(tmp_path, "page.txt", text).source is None
    assert read_one(tmp_path, "foot.txt", text.replace("In Other News\nFinance\n", "")).source == "Reuters"


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Lakeside Gazette - World</title><link>https://www.lakesidegazette.example/world</link>
<item><title>Neighbours reaffirm ties</title><link>https://www.lakesidegazette.example/world/ties</link>
<dc:creator>{creator}</dc:creator><pubDate>Wed, 11 Dec 2024 08:00:00 GMT</pubDate>
<description>{lead}</description></item></channel></rss>"""


def test_a_feed_items_creator_that_is_an_agency_is_whose_story_it_is(tmp_path):
    assert read_one(tmp_path, "a.xml", FEED.format(creator="Associated Press", lead=LEAD)).source == "Associated Press"
    assert read_one(tmp_path, "b.xml", FEED.format(creator="Jane Roe", lead=LEAD)).source == "Lakeside Gazette"


def test_a_source_filed_as_a_web_address_is_the_outlet_of_its_domain_or_none(tmp_path):
    assert read_one(tmp_path, "a.jsonl", record(source="https://www.reuters.com/world/asia/ties")).source == "Reuters"
    post = f'---\ntitle: "Neighbours reaffirm ties"\nsource: "https://harbourlight.example/world/ties"\n---\n\n{LEAD}\n'
    assert read_one(tmp_path, "post.md", post).source is None  # never the address itself


def test_a_photos_undated_credit_is_not_the_pages_copyright(tmp_path):
    page = PORTAL.replace(
        '<div class="foot">Copyright &copy; 2005 <a href="https://www.latimes.com/">Los Angeles Times</a><br>',
        '<div class="foot">',
    ).replace("<body>", '<body><figure><img src="a.jpg"><figcaption>&copy; AFP</figcaption></figure>')
    page = page.format(lead=LEAD, more=MORE)
    assert read_one(tmp_path, "page.html", page).source is None


def test_the_writers_outlet_after_the_name_in_a_byline_is_the_pages_source(tmp_path):
    text = f"Neighbours Reaffirm Importance of Ties\nBy Jane Roe, The Korea Herald\n\n{LEAD}\n\n{MORE}\n"
    assert read_one(tmp_path, "story.txt", text).source == "The Korea Herald"
    post = f"# Neighbours Reaffirm Importance of Ties\n\n**By Jane Roe** | Reuters | November 16, 2023\n\n{LEAD}\n"
    assert read_one(tmp_path, "post.md", post).source == "Reuters"


def test_a_records_filed_source_stays_before_the_bylines_outlet(tmp_path):
    text = record(source="Harbour Light", text=f"By Jane Roe, Associated Press\n{LEAD}\n{MORE}")
    assert read_one(tmp_path, "dump.jsonl", text).source == "Harbour Light"


def test_a_masthead_the_pages_copyright_notice_names_is_the_source_not_the_headline(tmp_path):
    text = (
        f"The Harbour Planet\nNeighbours Reaffirm Importance of Ties\nNovember 16, 2023\n{LEAD}\n{MORE}\n"
        "© 2023 The Harbour Planet. All rights reserved.\n"
    )
    article = read_one(tmp_path, "story.txt", text)
    assert (article.title, article.source) == ("Neighbours Reaffirm Importance of Ties", "The Harbour Planet")


LATER = "Officials of both countries said a visit by the two leaders could follow early next year, if the talks go well."
LAST = "The ministers last met in person in the autumn, on the margins of a regional summit held in the southern capital."


def test_on_an_aggregators_page_the_partner_named_inside_the_story_is_the_source(tmp_path):
    page = (
        "# www.aol.com\n\n- **URL**: https://www.aol.com/articles/neighbours-reaffirm-ties-123.html\n\n## Content\n\n"
        f"Neighbours Reaffirm Importance of Ties\n{LEAD}\n{MORE}\n{LATER}\n{LAST}\nThe Independent\n{LEAD}\n"
    )
    article = read_one(tmp_path, "aol.md", page)
    assert (article.source, "The Independent" in article.body) == ("The Independent", False)
    own_site = page.replace("www.aol.com", "www.harbourlight.example")  # the same line on an outlet's own page
    assert read_one(tmp_path, "own.md", own_site).source is None


def test_a_datelines_credit_without_a_dash_names_a_known_wire(tmp_path):
    text = f"Neighbours Reaffirm Importance of Ties\n\nNew Delhi, Jan 3 (IANS) {LEAD}\n\n{MORE}\n"
    assert read_one(tmp_path, "story.txt", text).source == "IANS"


def test_an_outlets_desk_in_a_dateline_run_into_the_text_names_the_outlet(tmp_path):
    """A scrape that lost the space after the credit ("New York (CNN Business)America's ..."); the desk is CNN's."""
    text = f"Neighbours Reaffirm Importance of Ties\n\nNew York (CNN Business){LEAD}\n\n{MORE}\n"
    assert read_one(tmp_path, "story.txt", text).source == "CNN"
    byline = f"Neighbours Reaffirm Importance of Ties\n\nBy Jane Roe, BBC Sport\n\n{LEAD}\n\n{MORE}\n"
    assert read_one(tmp_path, "byline.txt", byline).source == "BBC News"


@pytest.mark.parametrize("dateline", ["JAKARTA, KOMPAS.com - ", "**JAKARTA, KOMPAS.com-** ", "TEMPO.CO, Jakarta - "])
def test_a_dateline_signed_with_the_outlets_own_domain_names_it(tmp_path, dateline):
    """Under a summary line and a photo, as such sites print it; the domain must be a known outlet's."""
    text = f"Neighbours Reaffirm Importance of Ties\n\n{LEAD}\n\n![Ministers shake hands](https://x.example/a.jpg)\n\n{dateline}{MORE}\n"
    assert read_one(tmp_path, "story.md", text).source == ("Tempo" if "TEMPO" in dateline else "Kompas")


def test_a_dateline_with_an_unknown_domain_or_none_names_no_outlet(tmp_path):
    text = f"Neighbours Reaffirm Importance of Ties\n\n{LEAD}\n\nJAKARTA, example-news.com - {MORE}\n\nU.S. - {MORE}\n"
    assert read_one(tmp_path, "story.md", text).source is None


def test_words_in_parentheses_after_a_lines_first_words_are_no_credit(tmp_path):
    text = f"Neighbours Reaffirm Importance of Ties\n\nThe Prime Minister (PM) Said {LEAD}\n\n{MORE}\n"
    assert read_one(tmp_path, "story.txt", text).source is None


BOXED = """<?php include 'top.php'; ?>
<div class="box"><a class="badge">News</a><a>November 15, 2022 | JANE ROE, Inquirer.net</a>
<h1>Neighbours agree to keep talking</h1><p>{lead}</p><p>{more}</p></div>"""


def test_the_outlet_after_the_writer_on_a_date_line_is_the_pages_source(tmp_path):
    article = read_one(tmp_path, "story.php", BOXED.format(lead=LEAD, more=MORE))
    assert (article.title, article.date.isoformat(), article.source) == (
        "Neighbours agree to keep talking", "2022-11-15", "Philippine Daily Inquirer")
    text = f"Neighbours agree to keep talking\nNovember 15, 2022 | JANE ROE, Inquirer.net\n\n{LEAD}\n\n{MORE}\n"
    assert read_one(tmp_path, "story.txt", text).source == "Philippine Daily Inquirer"


def test_a_writer_on_a_date_line_whose_outlet_is_unknown_gives_no_source(tmp_path):
    page = BOXED.replace("Inquirer.net", "Harbour Times").format(lead=LEAD, more=MORE)
    assert read_one(tmp_path, "story.php", page).source is None


def test_a_wires_sign_off_after_a_slash_even_above_a_line_of_furniture(tmp_path):
    text = f"Neighbours agree to keep talking\n\n{LEAD}\n\n{MORE.rstrip('.')}./mehr\n\nSend comments\n"
    assert read_one(tmp_path, "story.txt", text).source == "Mehr News Agency"
    unknown = text.replace("/mehr", "/xyz")
    assert read_one(tmp_path, "other.txt", unknown).source is None


def test_a_byline_run_on_at_the_end_of_a_headless_text_names_its_outlet(tmp_path):
    # a text saved without its head: the credit the site prints under the piece ends its one paragraph
    text = ("Saudi Arabia is putting itself in a delicate position between its two largest partners, "
            "Aramco's chief executive told Reuters at the forum, as the kingdom weighs its oil policy for decades. "
            "By Jane Roe for Oilprice.com More Top Reads From Oilprice.com:\n")
    assert read_one(tmp_path, "oil.txt", text).source == "OilPrice.com"
    # without it, the outlet it quotes is the one sign left ("told Reuters")
    assert read_one(tmp_path, "quoted.txt", text.split(" By Jane")[0] + "\n").source == "Reuters"


def test_an_agencys_older_english_name_is_the_agency(tmp_path):
    """"Source: Anatolia Agency": Anadolu's name in older English copy, as WordPress reposts still credit it."""
    text = f"Neighbours Reaffirm Importance of Ties\n\n{LEAD}\n\n{MORE}\n\nSource: Anatolia Agency\n"
    assert read_one(tmp_path, "story.txt", text).source == "Anadolu Agency"


@pytest.mark.parametrize(
    "title, headline, source",
    [
        # Chinese titles set a known site's name off without spaces
        ("中共中央办公厅转发通知》-新华网", "中共中央办公厅转发通知》", "Xinhua"),
        ("新加坡总理访华｜联合早报", "新加坡总理访华", "Lianhe Zaobao"),
        # an unknown word after the mark stays: it may be the headline's own
        ("中美关系-双方", "中美关系-双方", None),
    ],
)
def test_a_cjk_titles_unspaced_site_suffix(title, headline, source):
    assert split_outlet_suffix(title, reading_rules(None)) == (headline, source)
