"""A country's page in a real browser: reached from the article page and the facet sidebar, its
partners opening the pair's search, its officials their pages, its chart usable by keyboard."""

import re
from urllib.parse import parse_qs, urlsplit

from conftest import enter_on_first_timeline_bar, open_first_official_alongside


def test_a_country_name_on_the_article_page_opens_its_page(live_server, page):
    page.goto(live_server + "/?q=sanctions")
    page.locator(".hit .hit-title a").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    country = page.locator("section.countries a.country-link").first
    name = country.inner_text()
    country.click()
    page.wait_for_url(re.compile(r"/countries/"))
    assert page.locator("h1").inner_text() == name
    # "N articles" is the filtered search, and it finds as many as the page says
    mentions = page.locator(".article-meta a").first
    said = int(re.match(r"([\d,]+) article", mentions.inner_text()).group(1).replace(",", ""))
    mentions.click()
    page.wait_for_url(re.compile(r"[?&]country="))
    assert int(page.locator("#summary strong").inner_text().replace(",", "")) == said


def test_a_partner_opens_the_search_for_that_pair_and_an_official_their_page(live_server, page):
    page.goto(live_server + "/")
    page.locator(".facet[data-facet=country] a.country-page-link").first.click()
    page.wait_for_url(re.compile(r"/countries/"))
    name = page.locator("h1").inner_text()
    partners = page.locator("[aria-labelledby=partners-heading] a.facet-value")
    assert partners.count() >= 1
    partner = partners.first
    other = partner.locator(".facet-name").inner_text()
    together = int(partner.locator(".count").inner_text())
    partner.click()
    page.wait_for_url(re.compile(r"country_pair="))
    pair = parse_qs(urlsplit(page.url).query)["country_pair"][0]
    assert pair == "–".join(sorted([name, other]))
    assert int(page.locator("#summary strong").inner_text().replace(",", "")) == together
    page.go_back()
    open_first_official_alongside(page)


def test_a_country_timeline_bar_opens_its_period_from_the_keyboard(live_server, page):
    page.goto(live_server + "/countries/china")
    assert page.locator("h1").inner_text() == "China"
    enter_on_first_timeline_bar(page, r"country=China&from=\d{4}-\d{2}-\d{2}&to=")


def test_a_span_of_periods_chosen_under_the_chart_filters_to_it(live_server, page):
    """The search page's and the country page's chart: two lists and a button choose from..to, the
    rest of the search kept, and the answer counts what the span's bars count."""
    for start in ("/?q=talks", "/countries/china"):
        page.goto(live_server + start)
        bars = page.locator("#timeline a.timeline-bar")
        assert bars.count() >= 2, start  # the seed articles span several years
        labels = [bars.nth(i).get_attribute("aria-label") for i in range(bars.count())]
        counts = [int(re.search(r": ([\d,]+)", label).group(1).replace(",", "")) for label in labels]
        form = page.locator("form.timeline-span")
        form.locator("select[name=from]").select_option(index=1)
        form.locator("select[name=to]").select_option(index=len(labels) - 1)
        form.locator("select[name=to]").focus()
        page.keyboard.press("Tab")  # the button, reached from the keyboard
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}"))
        asked = parse_qs(urlsplit(page.url).query)
        assert ("q" in asked) == ("?q=" in start) and ("country" in asked) == ("countries" in start)
        assert int(page.locator("#summary strong").inner_text().replace(",", "")) == sum(counts[1:])
