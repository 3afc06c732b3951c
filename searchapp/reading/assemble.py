"""An article of what its file filed (front matter, a record's fields, a page's tags) and what its page showed.

Each reader gives the fields its file filed (given_fields cleans them) and the Page read_page made of its text;
the filed fields come first, the page's signs after, as the README says.
"""

from __future__ import annotations

import datetime

from searchapp.reading.dates import date_in_url, field_date
from searchapp.reading.limits import capped
from searchapp.reading.lines import strip_markup
from searchapp.reading.model import NO_BODY, Article, ReadResult, Skip
from searchapp.reading.page import Page
from searchapp.reading.page_titles import aggregated_title_suffix, split_outlet_suffix, strip_site_suffix
from searchapp.reading.rules import ReadingRules
from searchapp.reading.sources import is_aggregator, outlet_of_address, plain_outlet, site_as_named, site_of_address

MARKUP_FIELDS = ("title", "source")  # filed fields that scrapers leave entities and tags in


def given_fields(raw: dict[str, str], where: str, warnings: list[str]) -> tuple[dict[str, str], datetime.date | None]:
    """Header or record fields, cleaned of entities and markup; an unreadable date is dropped with a warning."""
    given = {
        k: " ".join((strip_markup(v) if k in MARKUP_FIELDS else v).split())
        for k, v in raw.items()
        if isinstance(v, str) and v.strip()
    }
    given = {k: v for k, v in given.items() if v}
    date = None
    if "date" in given:
        date = field_date(given["date"])
        if date is None:
            warnings.append(f"{where}: date {given['date']!r} is not a plausible date; ignored")
    return given, date  # a filed source stays as written: "overrides what is inferred"


def add_listed_article(
    result: ReadResult,
    id_: str,
    rel: str,
    page: Page | None,
    given: dict[str, str],
    date: datetime.date | None,
    rules: ReadingRules,
    *,
    no_text: str = NO_BODY,
    dated_headline: bool = True,
    headline_enough: bool = False,
) -> None:
    """A feed entry or dump record as add_article reads it, except that one with a headline and a link or a date but
    no text (a feed that sends only a tracking image, a dataset of dated headlines) is still an article, found by
    its headline, with a warning saying why; without them it is skipped for no_text, the reason it has none.
    dated_headline False: a date is not enough (an empty post's front matter is a stub's); headline_enough True:
    the headline alone is (a file that is a list of headlines)."""
    if page is None and given.get("title") and (headline_enough or given.get("url") or (date and dated_headline)):
        by = "its headline and link alone" if given.get("url") else "its headline alone"
        add_headline_alone(result, id_, rel, given, date, rules, f"{no_text}; indexed by {by}")
    elif page is None:
        result.skipped.append(Skip(id_, no_text))
    else:
        add_article(result, id_, rel, page, given, date, rules)


def add_headline_alone(
    result: ReadResult, id_: str, rel: str, given: dict[str, str], date: datetime.date | None, rules: ReadingRules,
    why: str,
) -> None:
    """An article of given["title"] and no text, with a warning saying why: a journalist still finds it by its
    headline (a feed entry of a headline and a link, a wire's one-line flash)."""
    result.warnings.append(f"{id_}: {why}")
    add_article(result, id_, rel, Page(title=given["title"], body="", date=None, source=None, byline=None), given, date, rules)


def add_article(
    result: ReadResult,
    id_: str,
    rel: str,
    page: Page | None,
    given: dict[str, str],
    date: datetime.date | None,
    rules: ReadingRules,
) -> None:
    """The page as an article, its filed fields first; a skip when boilerplate left no text.

    given may say where its date came from as "date_from" ("front matter", "feed entry", ...).
    """
    if page is None:
        result.skipped.append(Skip(id_, NO_BODY))
        return
    url = given.get("url")
    title, title_outlet = split_outlet_suffix(given["title"], rules) if given.get("title") else (page.title, None)
    if given.get("title") and not title_outlet:
        title = strip_site_suffix(title, given.get("source"), rules)  # NewsAPI: "... - Manchester Evening News"
        title = strip_site_suffix(title, given.get("wire"), rules)  # "... - Mumbai Mirror" by that outlet
    if given.get("title") and not title_outlet and is_aggregator(given.get("source"), rules):
        title, title_outlet = aggregated_title_suffix(title)  # Google News: "Headline - POLITICO Europe"
    date_from = (given.get("date_from") or "the file's own fields") if date else page.date_from
    date = date or page.date
    if date is None and url and (date := date_in_url(url)):
        date_from = "URL path"
    result.articles.append(
        Article(
            id=id_,
            path=rel,
            title=title,
            body=capped(page.body, id_, result.warnings),  # one huge article cannot hold extraction or its page
            date=date,
            source=_source(page, given, title_outlet, rules),
            url=url,
            byline=given.get("byline") or page.byline,  # a record's filed author before a byline line found in its text
            date_from=date_from,
            headline_given=bool(given.get("title")) or not page.stand_in,
        )
    )


def _source(page: Page, given: dict[str, str], title_outlet: str | None, rules: ReadingRules) -> str | None:
    """Whose story it is: a wire's credit first (a station or aggregator that republished a Reuters story
    printed "(Reuters) -"), then the filed source, the page's own signs, a title suffix, the address's domain,
    a category named after an outlet;
    an aggregator (AOL, Yahoo News) is never the source, its name only says where the story was read."""
    url = given.get("url")
    candidates = (
        given.get("wire"), page.wire, given.get("source"), page.source, title_outlet, outlet_of_address(url, rules),
        given.get("category_outlet"),  # a blog that files stories under their outlet's name
        page.self_named,  # "told The Associated Press": the weakest sign
        given.get("image_outlet"),  # front matter's picture on an outlet's own image host
    )
    found = next((found for name in candidates if (found := plain_outlet(name, url, rules))), None)
    if found:
        return found
    site = site_of_address(url, rules)  # an outlet outlets.json does not know, by its address...
    return site_as_named(site, page.body) or site  # ...and by the name its text gives it


