"""Nothing from third parties, seen from the browser: every request while each page type loads.

Each page is loaded until the network is idle, scrolled to the end (lazy images) and, on the start page,
searched (the search worker and its language files load then). Every request must go to 127.0.0.1.
The static scan in tests/test_third_party.py checks the same files without a browser.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from mso.views.base import facet_url


def page_types(directory) -> dict[str, str]:
    entry = directory.entries[0]
    district = directory.facet("stadtbezirk")[0][0].value
    return {
        "start": "", "directory": "vereine/", "profile": f"vereine/{entry.slug}/",
        "listing": facet_url("stadtbezirk", district), "zahlen": "zahlen/", "steckbriefe": "steckbriefe/",
        "mitmachen": "mitmachen/", "daten": "daten/", "datenschutz": "datenschutz/", "not-found": "404.html",
    }


PAGE_TYPES = ("start", "directory", "profile", "listing", "zahlen", "steckbriefe", "mitmachen", "daten",
              "datenschutz", "not-found")


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_each_page_type_talks_only_to_its_own_host(page, site_url, directory, kind):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    path = page_types(directory)[kind]
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response is not None and response.ok
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    assert page.foreign_requests == []
    assert requests and all(urlsplit(url).hostname == "127.0.0.1" for url in requests
                            if not url.startswith(("data:", "blob:", "about:"))), requests
    if kind == "start":  # the page's own stylesheet and script came from the site itself
        assert any(url.endswith(".css") for url in requests) and any(url.endswith(".js") for url in requests)


def test_searching_talks_only_to_its_own_host(page, site_url, directory):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url, wait_until="networkidle")
    search = page.locator("input[data-md-component=search-query]")
    search.fill(directory.entries[0].name.split()[0])
    search.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert any("search_index.json" in url for url in requests)
    assert page.foreign_requests == []
    assert all(urlsplit(url).hostname == "127.0.0.1" for url in requests
               if not url.startswith(("data:", "blob:", "about:"))), requests
