"""Header lines above a page's text: a `Title:`/`Date:` block ended by a blank line, and the header a
reader tool (Jina Reader) writes above the markdown it made of a page, its lines a blank line apart and
ended by "Markdown Content:".
"""

import datetime

from read_one import read_one

LEAD = (
    "South Korea and Japan agreed on Thursday to resume regular visits between their leaders after a gap "
    "of twelve years, officials in both capitals said."
)
MORE = "The two governments also agreed to restore a military intelligence-sharing pact, the ministry said."


def test_a_reader_tools_header_gives_title_address_and_date_and_leaves_the_text(tmp_path):
    text = (
        "Title: Seoul and Tokyo agree to resume talks | The Korea Herald\n\n"
        "URL Source: https://www.koreaherald.com/view.php?ud=20231116000123\n\n"
        "Published Time: 2023-11-16T10:05:00+09:00\n\n"
        f"Markdown Content:\nSeoul and Tokyo agree to resume talks\n===============\n\n{LEAD}\n\n{MORE}\n"
    )
    article = read_one(tmp_path, "page.md", text)
    assert (article.title, article.date, article.source, article.url, article.body) == (
        "Seoul and Tokyo agree to resume talks", datetime.date(2023, 11, 16), "The Korea Herald",
        "https://www.koreaherald.com/view.php?ud=20231116000123", f"{LEAD}\n\n{MORE}",
    )


def test_a_line_after_the_blank_that_is_no_header_field_starts_the_text(tmp_path):
    text = f"Title: Seoul and Tokyo agree to resume talks\n\nSeoul: {LEAD}\n\n{MORE}\n"
    article = read_one(tmp_path, "page.txt", text)
    assert (article.title, article.body) == ("Seoul and Tokyo agree to resume talks", f"Seoul: {LEAD}\n\n{MORE}")


def test_a_published_line_dates_the_header_and_a_magazines_own_host_names_it(tmp_path):
    # a scraper's header: the address as "source:", then the headline, a subtitle and a "Published :" line
    text = (
        "source: https://frontline.thehindu.com/news/seoul-tokyo-talks/article68819033.ece\n\n"
        "title: Seoul and Tokyo agree to resume talks\n"
        "subtitle: Leaders will meet every year.\n"
        "Published : Nov 02, 2024 10:00 IST\n\n"
        f"{LEAD}\n\n{MORE}\n"
    )
    article = read_one(tmp_path, "article.txt", text)
    assert (article.title, article.date, article.source) == (
        "Seoul and Tokyo agree to resume talks", datetime.date(2024, 11, 2), "Frontline",
    )


def test_a_title_line_right_over_the_text_is_the_headline(tmp_path):
    # a scraper that wrote "Title: ..." and then the story, no blank line between
    article = read_one(tmp_path, "article1.txt", f"Title: Seoul and Tokyo agree to resume talks\n{LEAD}\n{MORE}\n")
    assert (article.title, article.body) == ("Seoul and Tokyo agree to resume talks", f"{LEAD}\n\n{MORE}")



def test_a_briefing_mail_saved_as_text_is_headed_by_its_subject_line(tmp_path):
    text = f"Subject: Intelligence Briefing - February 1, 2026\n\nGood morning. {LEAD}\n\n{MORE}\n"
    article = read_one(tmp_path, "intelligence-email.txt", text)
    assert article.headline == "Intelligence Briefing - February 1, 2026"
    assert article.body.startswith("Good morning.") and "Subject:" not in article.body
