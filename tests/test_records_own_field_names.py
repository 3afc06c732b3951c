"""A dump's text under a name of its own, and an item's own record of when it was fetched.

Scrapers name fields as they like ("raw_text", "story_text", "texto"): a record whose text sits under a
name the reader does not list is still an article when that field reads as prose, and an item's own
crawl stamp ("first_seen", news-please's "date_download") dates it only when nothing better does.
"""

import datetime
import json
from pathlib import Path

import pytest

from searchapp.reading import read_file

HEADLINE = "Ministers agree to reopen the border crossing"
PROSE = (
    "The foreign ministers of the two neighbours agreed on Tuesday to reopen the main border crossing "
    "within a month, after talks that lasted most of the day. Officials said trucks carrying food and "
    "fuel would be allowed through first. Traders on both sides have waited for the decision since the "
    "crossing closed in the spring, and several said they would believe it when the gates opened."
)


def read_lines(folder: Path, *records: dict):
    path = folder / "dump.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return read_file(path, folder)


@pytest.mark.parametrize("name", ["raw_text", "story_text", "texto"])
def test_prose_under_a_name_of_the_dumps_own_is_the_text(tmp_path, name):
    result = read_lines(tmp_path, {"id": "a1b2c3", "lang": "en", name: f"{HEADLINE}\n{PROSE}"})
    assert result.skipped == []
    [article] = result.articles
    assert article.title == HEADLINE
    assert "trucks carrying food" in article.body


def test_without_prose_the_record_is_still_skipped_with_its_reason(tmp_path):
    result = read_lines(tmp_path, {"id": "a1b2c3", "category": "World", "tags": "border, trade, talks"})
    assert result.articles == []
    assert [skip.reason.split(" (")[0] for skip in result.skipped] == ["no article text"]


def test_prose_longer_than_the_summary_beats_it(tmp_path):
    result = read_lines(
        tmp_path, {"title": HEADLINE, "description": "Border to reopen.", "raw_text": PROSE},
    )
    [article] = result.articles
    assert "Traders on both sides" in article.body


def test_a_known_body_field_still_comes_first(tmp_path):
    result = read_lines(tmp_path, {"title": HEADLINE, "text": "The crossing reopens next month. Trucks go first.",
                                   "notes": PROSE})
    [article] = result.articles
    assert "Traders" not in article.body


def test_an_address_or_a_short_label_is_never_taken_for_the_text(tmp_path):
    long_address = "https://example.org/" + "/".join(["section"] * 60) + ". Next. Page."
    result = read_lines(tmp_path, {"title": HEADLINE, "link": "https://example.org/a", "canonical": long_address})
    [article] = result.articles  # a headline-only record
    assert "section" not in article.body


@pytest.mark.parametrize("name", ["first_seen", "date_download", "crawled_at"])
def test_an_items_own_fetch_time_dates_it_when_nothing_better_does(tmp_path, name):
    result = read_lines(tmp_path, {"title": HEADLINE, "raw_text": PROSE, name: "2024-09-02T11:15:34+00:00"})
    [article] = result.articles
    assert article.date == datetime.date(2024, 9, 2)
    assert article.date_from == "the dump's time stamp (when it was scraped)"


def test_the_items_own_date_beats_its_fetch_time(tmp_path):
    result = read_lines(
        tmp_path,
        {"title": HEADLINE, "raw_text": PROSE, "published": "2024-08-30", "first_seen": "2024-09-02T11:15:34+00:00"},
    )
    [article] = result.articles
    assert article.date == datetime.date(2024, 8, 30)


def test_a_dateline_in_the_text_beats_the_fetch_time(tmp_path):
    text = "GENEVA, Aug. 29, 2024 (Reuters) - " + PROSE
    result = read_lines(tmp_path, {"title": HEADLINE, "raw_text": text, "first_seen": "2024-09-02T11:15:34+00:00"})
    [article] = result.articles
    assert article.date == datetime.date(2024, 8, 29)


NEWSAPI_CUT = (
    "The foreign ministers of the two neighbours agreed on Tuesday to reopen the main border crossing within a mo… "
    "[+2841 chars]"
)
STANDFIRST = "Trucks carrying food and fuel will cross first, officials in both capitals said."


def test_a_newsapi_text_cut_short_keeps_its_description_and_loses_the_marker(tmp_path):
    result = read_lines(tmp_path, {"title": HEADLINE, "description": STANDFIRST, "content": NEWSAPI_CUT})
    [article] = result.articles
    assert article.body.split("\n\n") == [
        STANDFIRST,
        "The foreign ministers of the two neighbours agreed on Tuesday to reopen the main border crossing within a …",
    ]


def test_a_description_the_cut_text_already_opens_with_is_not_repeated(tmp_path):
    result = read_lines(tmp_path, {"title": HEADLINE, "description": NEWSAPI_CUT[:60], "content": NEWSAPI_CUT})
    [article] = result.articles
    assert "\n\n" not in article.body and "[+2841 chars]" not in article.body


def test_a_json_list_saved_as_jsonl_is_read_as_the_list(tmp_path):
    items = [{"title": HEADLINE, "text": PROSE}, {"title": "Second story on the crossing", "text": PROSE}]
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps(items, indent=1), encoding="utf-8")
    result = read_file(path, tmp_path)
    assert result.skipped == []
    assert [(a.id, a.title) for a in result.articles] == [
        ("dump.jsonl#1", HEADLINE), ("dump.jsonl#2", "Second story on the crossing"),
    ]


def test_a_news_apis_teaser_list_is_an_article_a_teaser(tmp_path):
    """The tagesschau API: {"teaser": [{"date", "topline", "headline", "shorttext", "link"}]}; "teaser" names the
    list here, not a text."""
    teaser = {"date": "2022-03-01 18:54:00", "topline": "Grenzverkehr", "headline": HEADLINE,
              "shorttext": PROSE, "link": "https://www.tagesschau.de/ausland/grenze-101.html"}
    path = tmp_path / "teaser.json"
    path.write_text(json.dumps({"teaser": [teaser, {**teaser, "headline": "Second teaser"}]}), encoding="utf-8")
    result = read_file(path, tmp_path)
    assert [(a.id, a.title, a.date, a.body) for a in result.articles] == [
        ("teaser.json#1", HEADLINE, datetime.date(2022, 3, 1), PROSE),
        ("teaser.json#2", "Second teaser", datetime.date(2022, 3, 1), PROSE),
    ]


def test_a_scrapers_header_field_is_the_headline(tmp_path):
    """A JSON list saved as .txt by a scraper that calls the headline "header"."""
    path = tmp_path / "bbc_tech.txt"
    path.write_text(json.dumps([{"header": HEADLINE, "description": PROSE}] * 2), encoding="utf-8")
    assert [a.title for a in read_file(path, tmp_path).articles] == [HEADLINE, HEADLINE]


@pytest.mark.parametrize(
    "record, url",
    [
        # the story's address under a key of the scraper's own that says link or URL
        ({"Link on the Article": "https://www.reuters.com/world/border-crossing"}, "https://www.reuters.com/world/border-crossing"),
        ({"articleLink": "https://www.reuters.com/world/border-crossing"}, "https://www.reuters.com/world/border-crossing"),
        # a picture's or a feed's address is not the story's, nor one of two addresses the record leaves to guess
        ({"imageUrl": "https://example.net/crossing.jpg"}, None),
        ({"Link on the Article": "https://a.example.net/x", "Source Link": "https://b.example.net/y"}, None),
    ],
)
def test_the_storys_address_under_a_name_of_the_dumps_own(tmp_path, record, url):
    [article] = read_lines(tmp_path, {"Title": HEADLINE, "Article Content": PROSE, **record}).articles
    assert article.url == url
    assert article.source == ("Reuters" if url else None)



def test_a_scrapers_record_that_nests_its_paragraphs_objects_down(tmp_path):
    """A homemade scraper's record: {"article": {"header": {"title": ...}, "body": {"paragraphs": [...]}}}."""
    middle = PROSE.index("Officials")
    record = {
        "article": {"header": {"title": HEADLINE, "sub_heading": "Trucks will cross first."},
                    "body": {"paragraphs": [PROSE[:middle].strip(), PROSE[middle:]]}},
        "img": {"src": "https://cdn.example.net/border.jpg"},
    }
    result = read_lines(tmp_path, record)
    assert result.skipped == []
    [article] = result.articles
    assert article.title == HEADLINE
    assert "trucks carrying food" in article.body


def test_the_storys_address_in_an_object_of_the_records_own(tmp_path):
    """{"content": {"title": {"text": ..., "link": ...}}}: the one link the record holds, objects down, is the story's;
    the picture's address beside it is not."""
    record = {
        "content": {"title": {"text": HEADLINE, "link": "https://www.aljazeera.com/news/2022/3/4/border"}},
        "img": {"src": "https://www.aljazeera.com/wp-content/uploads/2022/03/border.jpg", "image_url": "https://x.example/i.jpg"},
        "text": PROSE,
    }
    [article] = read_lines(tmp_path, record).articles
    assert (article.url, article.source, article.date) == (
        "https://www.aljazeera.com/news/2022/3/4/border", "Al Jazeera", datetime.date(2022, 3, 4))


def test_a_spanish_scrapers_field_names(tmp_path):
    """A Paraguayan news scraper's record: titulo, fecha, resumen, contenido, autor."""
    record = {
        "titulo": "Milei recibe a la secretaria de Seguridad Nacional de Donald Trump en Buenos Aires",
        "fecha": "2025-07-29",
        "resumen": "El presidente de Argentina, Javier Milei, recibió este lunes a la secretaria de Seguridad "
                   "Nacional de Estados Unidos, Kristi Noem, en Buenos Aires.",
        "contenido": "La alta funcionaria de la Administración de Donald Trump llegó alrededor de las 13:30 horas "
                     "de Argentina a la sede del Gobierno, escoltada por más de una docena de autos oficiales. "
                     "En la Casa Rosada fue recibida por la ministra de Seguridad Nacional, Patricia Bullrich.",
        "autor": "Redacción ÚH",
    }
    [article] = read_lines(tmp_path, record).articles
    assert (article.title, article.date) == (record["titulo"], datetime.date(2025, 7, 29))
    assert article.body.startswith("La alta funcionaria")


def test_a_story_kept_whole_in_its_front_matter(tmp_path):
    """The same scraper's markdown: the story's fields, its text too, all in the YAML block, nothing after it."""
    text = ("---\ntitulo: Diputada pide que no se golpee al turismo con absorción de Senatur\n"
            "resumen: La diputada pidió que no se golpee al turismo.\n"
            "contenido: >-\n  La diputada Rocío Vallejo pidió este viernes que no se golpee al sector del turismo con la\n"
            "  absorción de la Secretaría Nacional de Turismo por otro ministerio, como propone el Gobierno.\n\n\n"
            "  El presidente Santiago Peña anunció la reforma del Estado la semana pasada.\n"
            "fecha: '2025-07-25'\nautor: Redacción ÚH\n---\n")
    (tmp_path / "nota.md").write_text(text, encoding="utf-8")
    [article] = read_file(tmp_path / "nota.md", tmp_path).articles
    assert (article.title, article.date) == ("Diputada pide que no se golpee al turismo con absorción de Senatur",
                                             datetime.date(2025, 7, 25))
    assert article.body.startswith("La diputada Rocío Vallejo pidió") and "Santiago Peña" in article.body


def test_a_story_kept_as_a_rich_text_editors_blocks(tmp_path):
    """A site builder's saved article (Statamic's Bard): the text in the front matter as paragraph blocks of text
    runs, a link's words a run of their own."""
    text = """---
title: 'Sudan marks grim anniversary of civil war'
date_published: '2024-04-15'
publication: 'Washington Post'
article_text:
  -
    type: paragraph
    content:
      -
        type: text
        marks:
          -
            type: bold
        text: 'Exactly a year ago, Sudan’s ruinous collapse began. '
      -
        type: text
        text: 'Tensions between '
      -
        type: text
        marks:
          -
            type: link
            attrs:
              href: 'https://www.washingtonpost.com/world/2023/04/18/sudan-global-power-struggle-hemedti-burhan/'
        text: 'two powerful rival factions'
      -
        type: text
        text: ' exploded into open war.'
  -
    type: paragraph
    content:
      -
        type: text
        text: 'The capital, Khartoum, transformed into a sprawling battlefield.'
---
"""
    (tmp_path / "sudan.md").write_text(text, encoding="utf-8")
    [article] = read_file(tmp_path / "sudan.md", tmp_path).articles
    assert (article.title, article.date, article.source) == (
        "Sudan marks grim anniversary of civil war", datetime.date(2024, 4, 15), "The Washington Post")
    assert article.body == ("Exactly a year ago, Sudan’s ruinous collapse began. Tensions between two powerful rival "
                            "factions exploded into open war.\n\nThe capital, Khartoum, transformed into a sprawling battlefield.")


def test_a_page_flattened_onto_one_line_keeps_only_its_story(tmp_path):
    """An API's "content" that is a whole page scraped onto one line: the site's menus before the story's own
    headline and its footer after the copyright notice name editions' countries, not the story's."""
    title = "Countries Risk 'Paying Polluters' Billions To Regulate For Climate: UN Expert"
    menus = ("INTERNATIONAL BUSINESS TIMES NEWSLETTER SIGNUP My account Log Out Dec 15, 7:12 AM EST World U.S. Economy "
             "& Markets Companies Technology Editions Australia Edition India Edition International Edition Singapore "
             "Edition United Kingdom United States Science ")
    story = " ".join([PROSE] * 5)
    footer = (" © Copyright AFP 2023. All rights reserved. Join the Discussion MOST READ IN Science NEWS World ABOUT "
              "About Us Editions United States Australia Brazil Colombia France Germany Indonesia India Japan Nigeria "
              "© Copyright 2023 IBTimes LLC. All Rights Reserved.")
    record = {"title": title, "content": f"{menus}{title} By Kelly MACNAMARA 12/15/23 AT 7:12 AM EST {story}{footer}",
              "pubDate": "2023-12-15 12:12:32"}
    [article] = read_lines(tmp_path, record).articles
    assert article.body.startswith("By Kelly MACNAMARA") and article.body.endswith("opened.")
    assert "Edition" not in article.body and "MOST READ" not in article.body
    # a line of prose that only quotes the headline late in the text is left whole
    quoted = {"title": title, "content": f"{story} As one report put it, {title}. {story}"}
    [article] = read_lines(tmp_path, quoted).articles
    assert article.body.startswith(PROSE[:40])
