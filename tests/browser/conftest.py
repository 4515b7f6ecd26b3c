"""Chromium through Playwright. Browser tests never skip: without a browser they fail and say why."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser.find_chromium import LAUNCH_ARGS, MISSING, find


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in item.nodeid or item.nodeid.startswith("browser/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    executable = find()
    if executable is None:
        pytest.fail(MISSING, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh page; `page.foreign_requests` lists every request that left 127.0.0.1."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.foreign_requests = []

    def record(request):
        host = urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host != "127.0.0.1":
            page.foreign_requests.append(request.url)

    page.on("request", record)
    page.set_default_timeout(10_000)
    yield page
    context.close()
