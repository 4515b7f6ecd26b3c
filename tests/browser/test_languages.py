"""The other languages in Chromium: axe-core on each language's main page types at 1280 and 390 px, nothing
scrolls sideways at 320 px, and right-to-left languages are laid out right to left (with screenshots to look at).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser.test_accessibility import axe_violations

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".cache" / "screenshots"  # kept for people to look at


@pytest.fixture(scope="module")
def languages():
    from conftest import ROOT
    from mso import config

    return config.from_mkdocs_file(ROOT / "mkdocs.yml").sprachen[1:]


def main_page_types(directory) -> list[str]:
    written = next((e for e in directory.entries if len(e.beschreibung) > 1), directory.entries[0])
    return ["", "vereine/", f"vereine/{written.slug}/", "zahlen/", "mitmachen/", "steckbriefe/"]


def every_language_page(browser, site_url, directory, languages, width: int, height: int = 900):
    """Each main page type in each language, opened in one browser context `width` wide: ("/code/path", page)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        for code in languages:
            for path in main_page_types(directory):
                page.goto(f"{site_url}{code}/{path}")
                yield f"/{code}/{path}", page
    finally:
        context.close()


@pytest.mark.pruefmethode("axe-core")
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_in_every_language(browser, site_url, directory, languages, width):
    found = [f"{where}: {v}" for where, page in every_language_page(browser, site_url, directory, languages, width)
             for v in axe_violations(page)]
    assert not found, "\n".join(found)


def test_nothing_scrolls_sideways_at_320_px_in_any_language(browser, site_url, directory, languages):
    wide = []
    for where, page in every_language_page(browser, site_url, directory, languages, 320, 800):
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append(f"{where}: {width} px")
    assert not wide


@pytest.mark.parametrize("width", [1280, 390])
def test_right_to_left_languages_are_laid_out_right_to_left(browser, site_url, directory, languages, width):
    rtl = [code for code in languages if directory.schema.vocab["sprache"].get(code)
           and directory.schema.vocab["sprache"][code].dir == "rtl"]
    if not rtl:
        pytest.skip("no right-to-left language configured")  # noqa: the configured set decides, not the machine
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        for code in rtl:
            page.goto(f"{site_url}{code}/")
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
            assert page.evaluate("document.documentElement.lang") == code
            # The site's name sits right of the menu or logo button, as a right-to-left reader expects.
            title = page.locator(".md-header__title").bounding_box()
            button = page.locator(".md-header__button.md-logo, label.md-header__button[for=__drawer]").first
            box = button.bounding_box() if button.is_visible() else None
            if box:
                assert box["x"] > title["x"], (code, width)
            page.screenshot(path=str(SCREENSHOTS / f"{code}-{width}.png"), full_page=False)
    finally:
        context.close()
