"""A live server over a small index, and Debian's Chromium driven by Playwright.

The browser tests skip only where /usr/bin/chromium is absent and CI is unset;
under CI a missing browser is a failure, so the suite cannot pass by skipping.
"""

import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from searchapp import create_app
from searchapp.facets import Knowledge
from searchapp.index import reindex

CHROMIUM = Path("/usr/bin/chromium")
# Flags that keep the browser off the network and quiet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEED = Path(__file__).parents[1] / "data" / "seed"
SCREENSHOTS = Path(__file__).parents[2] / "screenshots"

# An article whose text is hostile HTML: the pages must show it as text and run nothing.
HOSTILE = Path(__file__).with_name("hostile_article.txt")


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI is set, so the browser tests must run", pytrace=False)
    pytest.skip(f"{reason}; set CI=1 to make this a failure")


@pytest.fixture(scope="session")
def live_archive(tmp_path_factory):
    """The seed articles plus the hostile one, indexed: the folder holding articles/ and index/."""
    root = tmp_path_factory.mktemp("live")
    articles = root / "articles"
    shutil.copytree(SEED, articles)
    shutil.copy(HOSTILE, articles / "zz_hostile.txt")
    # The reader removes tags from text; switched off here, as a reader bug would, so the index
    # holds the markup and the pages' own escaping is what the browser meets.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("searchapp.reading.page.strip_markup", lambda text: text)
        reindex(articles, root / "index", Knowledge.load())
    return root


def serve(config: dict):
    """The app made with config, served on 127.0.0.1 at a free port, in a thread: yields its URL."""
    app = create_app({"TESTING": True} | config)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    if "search" in app.extensions:  # made on the first request
        app.extensions["search"].close()


@pytest.fixture(scope="session")
def live_server(live_archive):
    """The app served on 127.0.0.1 (a free port) over the seed articles plus the hostile one."""
    yield from serve({"ARTICLES_DIR": str(live_archive / "articles"), "INDEX_DIR": str(live_archive / "index")})


@pytest.fixture(scope="session")
def signed_in_server(live_archive):
    """The same archive served with access control on: (url, name, password)."""
    from searchapp.web.auth import password_hash

    name, password = "ana", "correct horse battery staple"
    config = {
        "ARTICLES_DIR": str(live_archive / "articles"), "INDEX_DIR": str(live_archive / "index"),
        "SECRET_KEY": "browser tests only", "USERS": {name: password_hash(password)},
    }
    for url in serve(config):
        yield url, name, password


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    """A fresh desktop-sized browser context (its own cookies and cache) per test."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


def open_first_official_alongside(page) -> None:
    """Click the first name of an official or country page's officials list: its page must open."""
    official = page.locator("[aria-labelledby=officials-heading] a.facet-value").first
    name = official.locator(".facet-name").inner_text()
    official.click()
    page.wait_for_url(re.compile(r"/officials/"))
    assert page.locator("h1").inner_text() == name


def enter_on_first_timeline_bar(page, lands_on: str) -> None:
    """Focus the chart's first bar and press Enter: the search lands_on (a URL pattern) must find what the bar counts."""
    bars = page.locator("#timeline a.timeline-bar")
    assert bars.count() >= 1
    label = bars.first.get_attribute("aria-label")  # "2021: 1 article"
    bars.first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(lands_on))
    assert int(page.locator("#summary strong").inner_text().replace(",", "")) == int(
        re.search(r": ([\d,]+)", label).group(1).replace(",", ""))
