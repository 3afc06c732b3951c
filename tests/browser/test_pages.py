"""The journalists' pages in a real browser: search, facets, pages, articles, hostile text."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def total(page) -> int:
    return int(page.locator("#summary strong").inner_text().replace(",", ""))


def params(page) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(page.url).query)


def test_typing_a_query_shows_highlighted_snippets(live_server, page):
    page.goto(live_server + "/")
    page.get_by_label("Search the archive").fill("sanctions")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=sanctions"))
    assert total(page) > 0
    marks = page.locator(".hit .snippet mark").all_inner_texts()
    assert marks
    assert all(m.lower().startswith("sanction") for m in marks)


def test_clicking_a_facet_narrows_the_results_and_clicking_again_removes_it(live_server, page):
    page.goto(live_server + "/")
    everything = total(page)
    # A source that some but not all articles come from, so the count must narrow.
    narrower = page.locator(".facet[data-facet=source] .facet-value").filter(
        has_not=page.locator(".count", has_text=re.compile(rf"^{everything}$"))
    ).first
    name = narrower.locator(".facet-name").inner_text()
    count = int(narrower.locator(".count").inner_text())
    narrower.click()
    page.wait_for_url(re.compile(r"source="))
    assert params(page) == [("source", name)]
    assert total(page) == count < everything
    assert page.locator(".hit").count() == count
    selected = page.locator(".facet[data-facet=source] .facet-value.selected")
    assert selected.locator(".facet-name").inner_text() == "✓ " + name

    selected.click()
    page.wait_for_url(live_server + "/")
    assert total(page) == everything

    page.go_back()
    page.wait_for_url(re.compile(r"source="))
    assert total(page) == count
    page.get_by_role("link", name=f"Remove filter Source: {name}").click()
    page.wait_for_url(live_server + "/")
    assert total(page) == everything


def test_pagination_goes_to_page_two(live_server, page):
    page.goto(live_server + "/?per_page=2")
    first_titles = page.locator(".hit-title").all_inner_texts()
    assert len(first_titles) == 2
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Next").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert params(page) == [("per_page", "2"), ("page", "2")]
    assert page.locator(".pagination [aria-current=page]").inner_text() == "2"
    second_titles = page.locator(".hit-title").all_inner_texts()
    assert len(second_titles) == 2
    assert set(first_titles).isdisjoint(second_titles)


def test_opening_an_article_from_a_search_highlights_the_query(live_server, page):
    page.goto(live_server + "/?q=Wang")
    first = page.locator(".hit-title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/articles/.+\?q=Wang"))
    assert page.locator("h1").inner_text() == title
    marks = page.locator(".article-text mark").all_inner_texts()
    assert marks and all(m.lower().startswith("wang") for m in marks)
    alternate = page.locator('link[rel=alternate][type="application/json"]').get_attribute("href")
    assert alternate.startswith("/api/articles/")


def test_mentions_in_an_article_lead_to_the_filtered_search(live_server, page):
    page.goto(live_server + "/articles/000_6a20b7476f037617.txt")
    mention = page.locator(".article-text a.mention-official", has_text="Wang Yi").first
    mention.click()
    page.wait_for_url(re.compile(r"/\?official="))
    assert params(page) == [("official", "Wang Yi")]
    assert page.locator(".facet-value.selected .facet-name").all_inner_texts() == ["✓ Wang Yi"]


def test_a_hostile_article_runs_nothing(live_server, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live_server + "/?q=envoy")
    hit = page.locator(".hit-title a").first
    assert hit.inner_text() == "Envoy <b>warns</b> Pyongyang over sanctions <script>window.__pwned = true</script>"
    hit.click()
    page.wait_for_url(re.compile(r"/articles/zz_hostile\.txt"))
    page.wait_for_load_state("load")
    text = page.locator(".article-text").inner_text()
    assert "<script>window.__pwned = true</script>" in text
    assert '<img src="x" onerror=' in text
    assert page.locator(".article img, .article script, .article b").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []


def test_the_pages_work_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server + "/")
        everything = total(page)
        officials = page.locator(".facet[data-facet=official]")
        ninth = officials.locator(".facet-more .facet-value").first
        assert not ninth.is_visible()
        officials.locator("summary").click()  # <details> opens without any script
        assert ninth.is_visible()
        page.get_by_label("Sort by").select_option("oldest")
        page.get_by_role("button", name="Apply").click()
        page.wait_for_url(re.compile(r"sort=oldest"))
        page.locator(".facet[data-facet=year] .facet-value").first.click()
        page.wait_for_url(re.compile(r"year="))
        assert total(page) < everything
        assert page.locator(".facet-filter").count() == 0  # the filter box is a JavaScript extra
    finally:
        context.close()


def test_clicking_undated_in_the_year_facet_shows_the_articles_with_no_date(live_server, page):
    page.goto(live_server + "/")
    undated = page.locator(".facet[data-facet=year] .facet-value").filter(
        has=page.locator(".facet-name", has_text=re.compile(r"^undated$"))
    )
    count = int(undated.locator(".count").inner_text())
    assert count >= 1, "the hostile article has no date"
    undated.click()
    page.wait_for_url(re.compile(r"year=undated"))
    assert params(page) == [("year", "undated")]
    assert total(page) == count == page.locator(".hit").count()
    assert page.locator(".hit-meta time").count() == 0

    # A date filter leaves them out, says so, and links back to them.
    page.goto(live_server + "/?from=2000")
    note = page.locator("#undated-note")
    assert re.search(rf"\b{count} undated articles? (are|is) not shown by the date filter", note.inner_text())
    note.get_by_role("link").click()
    page.wait_for_url(re.compile(r"year=undated"))
    assert params(page) == [("year", "undated")]
    assert total(page) == count


def test_the_facet_filter_box_hides_values_that_do_not_match(live_server, page):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server + "/")
    facet = page.locator(".facet[data-facet=official]")
    assert facet.locator("details.facet-more").count() == 1, "the seed articles name more than 8 officials"
    first = facet.locator(".facet-value .facet-name").first.inner_text()
    facet.get_by_role("searchbox").fill(first)
    visible = facet.locator(".facet-values li:visible .facet-name").all_inner_texts()
    assert first in visible
    assert 1 <= len(visible) < facet.locator(".facet-values li").count()
    assert errors == []


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_screenshots_of_the_search_and_article_pages(browser, live_server, screenshots, width):
    """Saved for a person to look at (screenshots/ is git-ignored)."""
    context = browser.new_context(viewport=VIEWPORTS[width])
    try:
        page = context.new_page()
        page.goto(live_server + "/?q=Wang")
        assert page.locator(".hit").count() > 0
        page.screenshot(path=screenshots / f"search-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[width]["width"]
        page.locator(".hit-title a").first.click()
        page.wait_for_url(re.compile(r"/articles/"))
        page.screenshot(path=screenshots / f"article-{width}.png", full_page=True)
        # Nothing may stick out sideways at phone width.
        assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[width]["width"]
    finally:
        context.close()


def test_the_keyboard_reaches_the_skip_link_first_and_it_jumps_to_the_results(live_server, page):
    page.goto(live_server + "/?q=sanctions")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert skip.is_visible() and skip.bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.hit-title') !== null")


def test_pages_fetch_nothing_from_outside_and_break_no_content_policy(live_server, page):
    outside, console_errors = [], []
    page.on("request", lambda r: None if r.url.startswith(live_server) else outside.append(r.url))
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    for url in ["/?q=wang", "/articles/000_6a20b7476f037617.txt?q=wang", "/articles/zz_hostile.txt"]:
        page.goto(live_server + url)
        page.wait_for_load_state("networkidle")
    assert outside == []
    assert console_errors == []  # a Content-Security-Policy violation is logged as an error


def test_the_timeline_is_reached_by_tab_and_enter_on_a_bar_shows_its_period(live_server, page):
    page.goto(live_server + "/?interval=year")
    for _ in range(40):  # the form's fields come first
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('timeline-bar')"):
            break
    else:
        pytest.fail("Tab never reached a bar of the timeline")
    while page.evaluate("document.activeElement.getAttribute('aria-label')").split(": ")[1].startswith("0 "):
        page.keyboard.press("Tab")  # to the first period that has articles
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    year, count = re.fullmatch(r"(\d{4}): (\d+) articles?", label).groups()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"from="))
    assert dict(params(page))["from"] == f"{year}-01-01" and dict(params(page))["to"] == f"{year}-12-31"
    assert total(page) == int(count)
