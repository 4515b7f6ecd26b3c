"""Nothing from third parties, seen from the browser: every request while each page type loads.

Each page is loaded until the network is idle, scrolled to the end (lazy images) and, on the start page,
searched (Pagefind's script, WebAssembly and index fragments load then). Every request must go to 127.0.0.1.
The static scan in tests/test_third_party.py checks the same files without a browser.
"""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import urlsplit

import pytest

from mso.views.base import facet_url
from test_third_party import documented_headers


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
    assert page.context.cookies() == [] and page.evaluate("document.cookie") == ""  # no cookies, as promised
    assert requests and all(urlsplit(url).hostname == "127.0.0.1" for url in requests
                            if not url.startswith(("data:", "blob:", "about:"))), requests
    if kind == "start":  # the page's own stylesheet and script came from the site itself
        assert any(url.endswith(".css") for url in requests) and any(url.endswith(".js") for url in requests)


def test_searching_talks_only_to_its_own_host(page, site_url, directory):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url, wait_until="networkidle")
    search = page.locator("[data-mso-suche-eingabe]")
    search.fill(directory.entries[0].name.split()[0])
    search.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert any("/pagefind/" in url and url.endswith(".pf_fragment") for url in requests)
    assert page.foreign_requests == []
    assert all(urlsplit(url).hostname == "127.0.0.1" for url in requests
               if not url.startswith(("data:", "blob:", "about:"))), requests


# --- the documented security headers work with the site --------------------------------------------------

class _WithHeaders(http.server.SimpleHTTPRequestHandler):
    headers_to_send: dict[str, str] = {}

    def end_headers(self):
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def strict_url(built_site):
    """The built site served with the headers of the nginx example in docs/betrieb.md."""
    handler = type("Handler", (_WithHeaders,), {"headers_to_send": documented_headers()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


RECORD_VIOLATIONS = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""


@pytest.fixture
def strict_page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    page.refused = refused
    yield page
    assert refused == []
    assert page.foreign_requests == []


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_each_page_type_works_under_the_documented_headers(strict_page, strict_url, directory, kind):
    response = strict_page.goto(strict_url + page_types(directory)[kind], wait_until="networkidle")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert strict_page.evaluate("window.__csp") == []
    # the theme's inline script and its bundle both ran, so the allowed hashes are the right ones
    assert strict_page.evaluate("typeof __md_scope === 'object' && typeof document$ === 'object'")


def test_search_filters_and_form_work_under_the_documented_headers(strict_page, strict_url, directory):
    strict_page.goto(strict_url, wait_until="networkidle")
    search = strict_page.locator("[data-mso-suche-eingabe]")
    search.fill(directory.entries[0].name.split()[0])
    search.press("End")
    strict_page.locator(".md-search-result__item").first.wait_for()  # Pagefind's WebAssembly ran
    strict_page.goto(strict_url + "vereine/", wait_until="networkidle")
    strict_page.locator(".mso-verzeichnis--js").wait_for()  # the filter script ran
    strict_page.goto(strict_url + "mitmachen/", wait_until="networkidle")
    strict_page.locator("#mso-formular").wait_for(state="visible")  # the form script ran and showed the form
    assert strict_page.evaluate("window.__csp") == []
