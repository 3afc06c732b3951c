"""The facet controls in a real browser: add (all of), "or" (any of), "not" (none of), chips, the value box."""

import re
from urllib.parse import parse_qsl, urlsplit


def total(page) -> int:
    return int(page.locator("#summary strong").inner_text().replace(",", ""))


def params(page) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(page.url).query)


def counts(page, facet: str) -> dict[str, int]:
    """The values of a facet panel as served (the value box closed), with their counts."""
    rows = page.locator(f".facet[data-facet={facet}] > .facet-values .facet-value, "
                        f".facet[data-facet={facet}] > .facet-more .facet-value")
    return {
        # text_content: values behind a closed "show all" are not rendered, so have no inner text
        " ".join(row.locator(".facet-name").text_content().split()).removeprefix("✓ ").removesuffix(" (any of)"):
        int(row.locator(".count").text_content())
        for row in rows.all()
    }


def row(page, facet: str, value: str):
    return page.locator(f".facet[data-facet={facet}] .facet-row").filter(
        has=page.locator(".facet-name", has_text=re.compile(rf"^(✓ )?{re.escape(value)}( \(any of\))?$"))
    ).first


def chip_texts(page) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(".active-filters .chip").all_inner_texts()]


def two_countries(page) -> tuple[str, str]:
    """Two countries of the landing page that neither is on every article, so 'or' must widen and 'not' narrow."""
    everything = total(page)
    narrower = [v for v, n in counts(page, "country").items() if n < everything]
    assert len(narrower) >= 2, "the seed archive names countries on some articles only"
    return narrower[0], narrower[1]


def test_a_click_adds_a_value_and_its_chip_removes_it(live_server, page):
    page.goto(live_server + "/")
    everything = total(page)
    first, _ = two_countries(page)
    count = counts(page, "country")[first]
    row(page, "country", first).locator(".facet-value").click()
    page.wait_for_url(re.compile(r"country="))
    assert params(page) == [("country", first)] and total(page) == count
    assert chip_texts(page) == [f"Country: {first} ×"]
    page.get_by_role("link", name=f"Remove filter Country: {first}").click()
    page.wait_for_url(lambda url: "country" not in url)
    assert params(page) == [] and total(page) == everything


def test_or_chooses_any_of_and_the_facet_keeps_its_counts(live_server, page):
    page.goto(live_server + "/")
    first, second = two_countries(page)
    before = counts(page, "country")
    row(page, "country", first).get_by_role("link", name=f"Any of: country {first}").click()
    page.wait_for_url(re.compile(r"country_any="))
    row(page, "country", second).get_by_role("link", name=f"Any of: country {second}").click()
    page.wait_for_url(re.compile(r"country_any=.*country_any="))
    assert params(page) == [("country_any", first), ("country_any", second)]
    assert chip_texts(page) == [f"Country (any of): {first} ×", f"Country (any of): {second} ×"]
    # Any of widens what one value finds, and the country panel counts as if no country were chosen.
    assert max(before[first], before[second]) <= total(page) <= before[first] + before[second]
    assert counts(page, "country") == before
    assert row(page, "country", first).locator(".facet-value").get_attribute("aria-current") == "true"


def test_not_leaves_a_value_out_and_the_chip_says_so(live_server, page):
    page.goto(live_server + "/")
    everything = total(page)
    first, _ = two_countries(page)
    count = counts(page, "country")[first]
    row(page, "country", first).get_by_role("link", name=f"Exclude country: {first}").click()
    page.wait_for_url(re.compile(r"country_not="))
    assert params(page) == [("country_not", first)]
    assert total(page) == everything - count
    assert chip_texts(page) == [f"Country (not): {first} ×"]
    assert first not in counts(page, "country")  # no article left has it
    hit_countries = page.locator(".hit .chips .chip-country").all_inner_texts()
    assert first not in hit_countries
    page.get_by_role("link", name=f"Remove filter Country (not): {first}").click()
    page.wait_for_url(lambda url: "country_not" not in url)
    assert total(page) == everything


def test_the_controls_work_from_the_keyboard(live_server, page):
    page.goto(live_server + "/")
    first, _ = two_countries(page)
    exclude = row(page, "country", first).get_by_role("link", name=f"Exclude country: {first}")
    exclude.focus()
    page.keyboard.press("Shift+Tab")  # back to "or", the control before it
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == f"Any of: country {first}"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"country_any="))
    assert params(page) == [("country_any", first)]


def test_the_value_box_finds_values_by_the_start_of_any_word(live_server, page):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server + "/")
    officials = counts(page, "official")
    expected = sorted(v for v in officials if any(word.lower().startswith("ki") for word in v.split()))
    assert expected, "the seed archive names an official with a word starting 'ki'"
    facet = page.locator(".facet[data-facet=official]")
    box = facet.get_by_role("searchbox", name="Find official values")
    box.fill("KI")
    found = facet.locator(".facet-found")
    found.locator("li").first.wait_for()
    names = sorted(found.locator(".facet-name").all_inner_texts())
    assert names == expected
    assert not facet.locator("details.facet-more").is_visible()  # the served list gives way
    assert facet.get_by_role("status").inner_text().startswith(f"{len(expected)} value")
    # Its controls are the panel's: "or" on a found value chooses it as one of several.
    found.get_by_role("link", name=f"Any of: official {expected[0]}").click()
    page.wait_for_url(re.compile(r"official_any="))
    assert params(page) == [("official_any", expected[0])]
    assert total(page) == officials[expected[0]]
    assert errors == []


def test_the_value_box_counts_within_the_search_and_escape_restores_the_list(live_server, page):
    page.goto(live_server + "/?q=THAAD")
    facet = page.locator(".facet[data-facet=official]")
    if facet.locator(".facet-search").count() == 0:  # few officials in this search: no box, the list is whole
        assert facet.locator(".facet-more").count() == 0
        return
    within = counts(page, "official")
    box = facet.get_by_role("searchbox")
    first = next(iter(within))
    box.fill(first.split()[0][:3])
    facet.locator(".facet-found li").first.wait_for()
    found = dict(zip(facet.locator(".facet-found .facet-name").all_inner_texts(),
                     map(int, facet.locator(".facet-found .count").all_inner_texts())))
    assert found[first] == within[first]
    box.press("Escape")
    assert facet.locator("> .facet-values").is_visible() and not facet.locator(".facet-found").is_visible()


def test_screenshot_of_a_search_with_filters_in_every_mode(live_server, page, screenshots):
    """Saved for a person to look at (screenshots/ is git-ignored)."""
    page.goto(live_server + "/")
    first, second = two_countries(page)
    page.goto(live_server + "/?" + "&".join([
        "q=Korea", f"country_any={first}", f"country_any={second}", "country_not=Russia", "official=Wang Yi",
    ]))
    assert len(chip_texts(page)) == 4 and total(page) > 0
    page.locator(".facet[data-facet=country] .facet-filter").fill("so")
    page.locator(".facet[data-facet=country] .facet-found li").first.wait_for()
    page.screenshot(path=screenshots / "search-filters.png", full_page=True)
