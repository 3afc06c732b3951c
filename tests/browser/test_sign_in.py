"""Signing in through the form in a real browser, where access control is on."""

import re
from pathlib import Path

SHOTS = Path("/tmp/shots")


def test_signing_in_through_the_form_returns_to_the_page_asked_for(signed_in_server, page, screenshots):
    url, name, password = signed_in_server
    page.goto(url + "/?q=sanctions")
    page.wait_for_url(re.compile(r"/login\?next="))
    assert page.get_by_role("heading", name="Sign in").is_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "login.png", full_page=True)
    page.screenshot(path=screenshots / "login-desktop.png", full_page=True)

    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text() == "Wrong name or password."
    assert page.get_by_label("Name").input_value() == name

    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(url + "/?q=sanctions")
    assert page.locator(".hit").count() > 0
    assert page.locator(".signed-in").inner_text().startswith(f"Signed in as {name}")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(url + "/login")
    page.goto(url + "/")
    page.wait_for_url(re.compile(r"/login\?next="))
