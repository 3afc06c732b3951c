"""What the lines over a story's first paragraph say when a scrape keeps the page's furniture:
section labels over a short headline, and the outlet's credit."""

import datetime

from read_one import read_one

STANDFIRST = ("Talks with both neighbours show an intent to keep an economy-first foreign policy while adding "
              "security and defence to it as tension grows across the region.")
BODY = ("No one should underestimate the importance of the minister's visit to both capitals this week, "
        "the first since the election. Officials on both sides said the talks went well.")


def page(*top: str) -> str:
    return "\n".join(top) + f"\n\n{BODY}\n\n{BODY.replace('this week', 'last month')}\n"


def test_a_two_word_headline_under_a_sections_labels(tmp_path):
    text = page("Opinion", "Editorial", "Looking east", STANDFIRST, "Editorial Board", "(The Jakarta Post)",
                "Wed, April 3, 2024")
    article = read_one(tmp_path, "scrape.md", text)
    assert (article.headline, article.date, article.source) == ("Looking east", datetime.date(2024, 4, 3), "The Jakarta Post")
    # without the labels, two words are no headline
    assert read_one(tmp_path, "bare.md", text.replace("Opinion\nEditorial\n", "")).headline != "Looking east"


def test_a_label_is_never_the_stand_in_for_a_missing_headline(tmp_path):
    article = read_one(tmp_path, "scrape.txt", page("Opinion", STANDFIRST))
    assert article.headline is None and article.title != "Opinion"


def test_a_page_titled_with_a_sections_name_takes_the_headline_under_its_photo_caption(tmp_path):
    html = ("<html><head><title>News</title></head><body><div>News</div>"
            "<p>FILE PHOTO: Senator Jane Roe. (John Doe/Senate press office)</p>"
            "<p>By: Ann Example - Reporter / 10:01 PM June 23, 2021</p>"
            "<p>Call in the envoy anew over 100 more ships in the sea, ministry told</p>"
            f"<p>{BODY}</p><p>{BODY.replace('this week', 'last month')}</p></body></html>")
    article = read_one(tmp_path, "story.php", html)
    assert article.headline == "Call in the envoy anew over 100 more ships in the sea, ministry told"


def test_a_page_titled_with_the_sites_name_and_a_section_names_the_site(tmp_path):
    html = ("<html><head><title>Harbourline | NEWS</title></head><body>"
            "<p>Ministers agree to reopen the border crossings</p><p>HARBOURLINE | London</p>"
            f"<p>{BODY}</p><p>{BODY.replace('this week', 'last month')}</p></body></html>")
    article = read_one(tmp_path, "story.php", html)
    assert (article.headline, article.source) == ("Ministers agree to reopen the border crossings", "Harbourline")


def test_a_weather_line_over_the_page_is_no_headline(tmp_path):
    text = page("Yerevan:   +14 °C", "Today:   Saturday, 04 May, 2024", "",
                "Ministers agree to reopen the border crossings", "", "1051", "Thursday, 04 April, 2024, 21:24")
    article = read_one(tmp_path, "scrape.txt", text)
    assert (article.headline, article.date) == ("Ministers agree to reopen the border crossings", datetime.date(2024, 4, 4))


def test_a_scrapes_publish_date_line_and_its_original_article_link(tmp_path):
    text = ("## Ministers agree to reopen the border crossings\n\nkeywords: ministers border crossings\n\nauthors: \n\n"
            "publish date: 2020-08-21 03:59:30+08:00\n\n![](https://www.straitstimes.com/sites/default/files/a.jpg)\n\n"
            "[Translation](ministers_zh.md)\n\n[Original Article](https://www.straitstimes.com/world/ministers-agree)\n\n"
            f"{BODY}\n\n{BODY.replace('this week', 'last month')}\n")
    article = read_one(tmp_path, "scrape.md", text)
    assert (article.date, article.date_from, article.source) == (
        datetime.date(2020, 8, 21), "a “Publish date” line", "The Straits Times")


def test_a_trail_from_the_home_page_and_an_ad_slot_are_no_headline(tmp_path):
    headline = "Ministers agree to reopen the border crossings"
    trail = read_one(tmp_path, "trail.txt", page(f"Home / HEADLINES / INDIA / {headline}", headline))
    ad = read_one(tmp_path, "ad.txt", page("Responsive Ad Slot", "", headline, "Tuesday, April 27, 2021"))
    assert (trail.headline, ad.headline, ad.date) == (headline, headline, datetime.date(2021, 4, 27))


def test_a_themes_byline_slot_holding_the_date(tmp_path):
    # "Politics<br>Post By : 8th May 2024": the theme prints the date where an author's name would go
    article = read_one(tmp_path, "post.txt", page("Ministers agree to reopen the border crossings", "Politics",
                                                  "Post By : 8th May 2024"))
    assert (article.date, article.date_from) == (datetime.date(2024, 5, 8), "a “Post by” line")


def test_a_date_line_under_a_long_photo_caption(tmp_path):
    caption = ("One for all: the leaders of the region's ten countries pose for a photograph at the opening of the "
               "summit in the capital's convention centre, on May 7, 2011. JP/Photographer")
    text = page("News", "Looking east", caption, "Jane Roe", "(The Jakarta Post)", "Jakarta", "Thu, November 17, 2011",
                "Share this article", "Facebook")
    article = read_one(tmp_path, "scrape.md", text)
    assert (article.date, article.date_from) == (datetime.date(2011, 11, 17), "a date line")
    assert "Thu, November 17, 2011" not in article.body
    # further down, a line of prose that opens with a date is no date line
    wrapped = page("News", "Looking east", caption, "Jane Roe", "Jakarta", "Share this article", "Facebook",
                   "On June 28, 1985, the partnership bought")
    assert read_one(tmp_path, "wrapped.md", wrapped).date is None


def test_a_sections_name_and_a_rubric_over_the_headline(tmp_path):
    text = page("Asia | Air-traffic control", "Seoul's new president is mending ties with all three neighbours",
                "A refreshing burst of pragmatism", "November 13th 2025")
    article = read_one(tmp_path, "magazine.md", text)
    assert (article.headline, article.date) == ("Seoul's new president is mending ties with all three neighbours",
                                                datetime.date(2025, 11, 13))
    # a headline with a bar in it that no section opens stays the headline
    other = page("Talks | what the minister wants from them", "A refreshing burst of pragmatism")
    assert read_one(tmp_path, "other.md", other).headline == "Talks | what the minister wants from them"


def test_a_headline_long_enough_to_count_as_a_paragraph(tmp_path):
    # twenty words, as a Spanish paper writes a headline, right over the text's first paragraph
    long_head = ("Chang Hsien-yi: el taiwanés que traicionó a su país para evitar una crisis nuclear y todavía "
                 "no ha sido perdonado")
    assert read_one(tmp_path, "long.txt", page(long_head)).headline == long_head
    # twelve words ending in an abbreviation's full stop, under a label in capitals
    dotted = "Corea del Norte lanza misil balístico de mediano rango, según Corea del Sur y EE.UU."
    assert read_one(tmp_path, "dotted.txt", page("COREA DEL NORTE", dotted)).headline == dotted
    # a first paragraph cut off with an ellipsis is no headline
    cut = ("Officials of the two coastal states met on Thursday in the capital to prepare an agreement on fisheries "
           "and joint patrols …")
    assert read_one(tmp_path, "cut.txt", page(cut)).headline is None


def test_a_title_case_headline_that_ends_in_a_full_stop(tmp_path):
    head = "Boy, 11, Graduates From California College With Three Degrees."
    assert read_one(tmp_path, "grad.txt", page(head)).headline == head
    # a short sentence in ordinary case over the text stays a sentence of it
    assert read_one(tmp_path, "plain.txt", page("The boy graduated from the college on Wednesday.")).headline is None


def test_the_h1_a_page_marks_as_its_headline_over_a_web_title_in_other_words(tmp_path):
    """An old newspaper page titles itself with its web headline and prints another in an <h1 class="articleHeadline">,
    with the date line under it: the printed one is the story's headline."""
    html = ("<html><head><title>Envoy to Replace Minister as Chief Negotiator - Example Times</title></head><body>"
            "<h1 class='articleHeadline'>As Talks Resume, They Will Not Include the Minister</h1>"
            "<h6 class='dateline'>Published: July 25, 2010</h6>"
            "<p>The envoy will replace the minister as chief negotiator when the talks resume, officials said on Sunday "
            f"after a long day of meetings in the capital.</p><p>{BODY}</p></body></html>")
    article = read_one(tmp_path, "story.html", html)
    assert (article.headline, article.date) == ("As Talks Resume, They Will Not Include the Minister", datetime.date(2010, 7, 25))


def test_a_markdown_headline_under_a_sites_market_ribbon(tmp_path):
    # a scraper's markdown of a business page: the ticker ribbon's short lines and links stand over the "#" headline
    ribbon = ["Markets ", "S&P 500", "NASDAQ", "Hot Stocks ", "Fear & Greed Index ",
              "[ ----- is driving the US market ](https://edition.cnn.com/markets/fear-and-greed?utm_source=business_ribbon)",
              "Latest Market News ",
              "[ Rite Aid files for bankruptcy — again ](https://edition.cnn.com/2025/05/05/business/rite-aid-bankruptcy)",
              "Hot Stocks ", "Something isn't loading properly. Please check back later.", "Ad Feedback", "Ad Feedback",
              "Follow:", "Hot Stocks "]
    text = page(*ribbon, "#  Ford doesn’t expect tariffs to cause significant price hikes for its cars ", "2 minute read ",
                "Updated 4:51 PM EDT, Mon May 5, 2025 ")
    article = read_one(tmp_path, "ford.md", text)
    assert article.headline == "Ford doesn’t expect tariffs to cause significant price hikes for its cars"
    assert article.date == datetime.date(2025, 5, 5)
    # a "#" heading after the story's prose is a section of it, not its headline
    assert read_one(tmp_path, "late.md", page(*ribbon) + "# Background\n\nMore text.\n").headline != "Background"


def test_front_matter_under_a_line_naming_the_notes_file(tmp_path):
    # an export of notes that heads each one with its file's name, then the note's own front matter
    text = ("# dp_241215_001_pol_georgia_crisis.md\n\n---\n"
            "title: \"Georgia's Political Crisis Deepens with Ex-Footballer as President\"\ndate: 2024-12-15\n"
            "category: pol\ntags: [politics, georgia, eu, democracy]\n---\n\n[_dp] Pulse #241215\n\n" + BODY + "\n")
    article = read_one(tmp_path, "note.md", text)
    assert (article.headline, article.date) == ("Georgia's Political Crisis Deepens with Ex-Footballer as President",
                                                datetime.date(2024, 12, 15))
    assert "category: pol" not in article.body


def test_a_bookmarks_title_with_the_site_in_brackets(tmp_path):
    # a bookmark tool or link aggregator writes the story's site after its title: "... (hrw.org)", "... (reuters.com)"
    note = ('---\ntitle: "World Report 2024: Sudan (hrw.org)"\nretrieved: 2024-09-24\n---\n\n' + BODY + "\n")
    assert read_one(tmp_path, "sudan.md", note).headline == "World Report 2024: Sudan"
    known = read_one(tmp_path, "geneva.md", note.replace("World Report 2024: Sudan (hrw.org)",
                                                         "Envoys meet in Geneva (reuters.com)"))
    assert (known.headline, known.source) == ("Envoys meet in Geneva", "Reuters")
    # words in brackets are the headline's own
    aside = note.replace("World Report 2024: Sudan (hrw.org)", "Why the yen fell (and what comes next)")
    assert read_one(tmp_path, "yen.md", aside).headline == "Why the yen fell (and what comes next)"
