"""An official's page in a real browser: reached by clicking a name, its chart and links usable by keyboard."""

import re
import shutil
from pathlib import Path

import pytest
from conftest import enter_on_first_timeline_bar, open_first_official_alongside, serve

from searchapp.facets import Knowledge
from searchapp.index import reindex

DATA = Path(__file__).parents[1] / "data"


def test_clicking_an_officials_name_in_a_hit_opens_its_page(live_server, page):
    page.goto(live_server + "/?q=sanctions")
    link = page.locator(".hit .hit-officials a.official-link", has_text="Wang Yi").first
    link.click()
    page.wait_for_url(re.compile(r"/officials/Wang%20Yi$"))
    assert page.locator("h1").inner_text() == "Wang Yi"
    assert page.get_by_role("heading", name="Roles").is_visible()
    assert "Minister of Foreign Affairs" in page.locator(".official-roles").inner_text()
    # the newest articles lead back to the articles, and "Officials in the same articles" to other pages
    assert page.locator("#latest-heading + ol .hit-title a").count() >= 1
    open_first_official_alongside(page)


def test_the_facet_sidebar_and_the_article_page_link_to_official_pages(live_server, page):
    page.goto(live_server + "/")
    page.locator(".facet[data-facet=official] a.official-page-link").first.click()
    page.wait_for_url(re.compile(r"/officials/"))
    assert page.locator("h1").is_visible()
    page.locator("#latest-heading + ol .hit-title a").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    official = page.locator("section.officials a.official-link").first
    name = official.inner_text()
    official.click()
    page.wait_for_url(re.compile(r"/officials/"))
    assert page.locator("h1").inner_text() == name


def test_a_timeline_bar_is_reached_by_keyboard_and_opens_the_filtered_search(live_server, page):
    page.goto(live_server + "/officials/Wang%20Yi")
    enter_on_first_timeline_bar(page, r"official=Wang\+Yi&from=\d{4}-\d{2}-\d{2}&to=")


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory):
    """The dev and seed articles (36, 2014-2025) served: enough for a page worth showing in the README."""
    root = tmp_path_factory.mktemp("dev-officials")
    articles = root / "articles"
    articles.mkdir()
    for folder in (DATA / "dev", DATA / "seed"):
        for path in folder.iterdir():
            shutil.copy(path, articles / path.name)
    reindex(articles, root / "index", Knowledge.load())
    yield from serve({"ARTICLES_DIR": str(articles), "INDEX_DIR": str(root / "index")})


def test_screenshot_of_an_officials_page(dev_server, context, tmp_path):
    """An official with two terms, so the roles say which was held when; the README's docs/official-page.png is
    this screenshot (copy it there by hand when the page changes: a test never writes into the checkout)."""
    page = context.new_page()
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(dev_server + "/officials/Donald%20Trump")
    assert page.locator("#timeline a.timeline-bar").count() >= 4
    assert "then Former President of the United States" in page.locator("#latest-heading + ol").inner_text()
    page.screenshot(path=str(tmp_path / "official-page.png"), full_page=True)
    assert (tmp_path / "official-page.png").stat().st_size > 10_000
