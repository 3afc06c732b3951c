"""A saved fragment with no title of its own that lists several stories as boxes (a site template's news
list): each box is an article. A page with a title of its own stays one article, whatever boxes of related
stories it has."""

import datetime

from searchapp.reading import read_file

ONE = "Officials of the two coastal states met on Thursday to prepare an agreement on fisheries and joint patrols."
TWO = "Fishing crews in both countries have waited three years for the agreement, their unions said on Friday."
THREE = "The coastguards will share a patrol schedule from the spring, the ministers said in a joint statement."


def card(headline: str, day: str, text: str) -> str:
    return (f'<div class="card mb-4"><img src="{{{{asset(\'img/1.jpg\')}}}}" class="card-img-top" alt="">'
            f'<div class="card-body"><h5 class="card-title">{headline}</h5><p class="card-text">{day}</p>'
            f'<p class="card-text">{text}</p><div class="card-footer"><a href="#">Read More</a></div></div></div>\n')


def read(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return read_file(tmp_path / name, tmp_path)


def test_a_titleless_fragments_story_boxes_are_an_article_each(tmp_path):
    fragment = ("@extends('layouts.default')\n@section('content')\n<div class=\"container\">"
                '<h1 class="display-6">All News And Media</h1><div class="col-md-8">'
                + card("Coastal states to sign fishery agreement", "August 6, 2023", ONE)
                + card("Fishing crews wait for the deal", "July 11, 2023", TWO)
                + card("Coastguards to share patrols", "July 5, 2023", THREE) + "</div></div>\n@endsection\n")
    articles = read(tmp_path, "news.blade.php", fragment).articles
    assert [(a.id, a.title, a.date, a.body) for a in articles] == [
        ("news.blade.php#1", "Coastal states to sign fishery agreement", datetime.date(2023, 8, 6), ONE),
        ("news.blade.php#2", "Fishing crews wait for the deal", datetime.date(2023, 7, 11), TWO),
        ("news.blade.php#3", "Coastguards to share patrols", datetime.date(2023, 7, 5), THREE),
    ]


def test_a_page_with_a_title_of_its_own_and_related_story_boxes_stays_one_article(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>Coastal states to sign fishery agreement</title></head><body>"
            f"<article><h1>Coastal states to sign fishery agreement</h1><p>{ONE}</p><p>{TWO}</p></article>"
            '<aside><div class="related">'
            + card("Fishing crews wait for the deal", "July 11, 2023", TWO)
            + card("Coastguards to share patrols", "July 5, 2023", THREE) + "</div></aside></body></html>")
    assert [a.id for a in read(tmp_path, "page.html", page).articles] == ["page.html"]


def test_boxes_that_share_one_heading_are_a_layout_not_stories(tmp_path):
    fragment = '<div class="row">' + card("Share", "July 11, 2023", TWO) + card("Share", "July 5, 2023", THREE) + "</div>"
    assert [a.id for a in read(tmp_path, "boxes.html", fragment).articles] == ["boxes.html"]


def linked(href: str, headline: str, summary: str) -> str:
    return f"<li><a href='{href}' target=\"_blank\">{headline}</a><br />\n{summary}\n"


def test_a_digest_pages_linked_headlines_over_their_summaries_are_an_article_each(tmp_path):
    # a portal's saved section: <li> items, each a headline linked to the story and its summary under it; the
    # page's <title> is only the section's name
    page = ("<html><head><title>europe</title></head><body><h4>NEWS From Europe</h4><ul>"
            + linked("https://www.nytimes.com/2013/07/23/world/fishery-deal.html?partner=rss",
                     "Coastal states to sign fishery agreement", ONE)
            + linked("https://news.yahoo.com/crews-wait-183914720.html", "Fishing crews wait for the deal",
                     f"By Jane Roe OSLO (Reuters) - {TWO}")
            + "</ul></body></html>")
    articles = read(tmp_path, "europe.php", page).articles
    assert [(a.id, a.title, a.date, a.source, a.body) for a in articles] == [
        ("europe.php#1", "Coastal states to sign fishery agreement", datetime.date(2013, 7, 23), "The New York Times", ONE),
        ("europe.php#2", "Fishing crews wait for the deal", None, "Reuters", f"By Jane Roe OSLO (Reuters) - {TWO}"),
    ]


def test_a_menu_of_links_is_no_list_of_stories(tmp_path):
    # links without a summary beside them, or a page titled with a headline: read whole
    menu = ("<ul>" + "".join(f"<li><a href='https://a.example/{n}'>Section number {n} of the site</a></li>" for n in range(4))
            + f"</ul><p>{ONE}</p><p>{TWO}</p>")
    assert [a.id for a in read(tmp_path, "menu.html", menu).articles] == ["menu.html"]
    titled = ("<html><head><title>Coastal states to sign fishery agreement</title></head><body><ul>"
              + linked("https://a.example/1", "Fishing crews wait for the deal", TWO)
              + linked("https://a.example/2", "Coastguards to share patrols", THREE) + "</ul></body></html>")
    assert [a.id for a in read(tmp_path, "titled.html", titled).articles] == ["titled.html"]
