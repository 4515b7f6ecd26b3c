"""Keyboard alone, with the focus always visible: the site search, the filters and the A–Z links of
/vereine/, the form on /mitmachen/ (persons, languages, the error summary) and the print buttons.
(The whole way from the start page to a profile is in test_directory.py.)"""

from __future__ import annotations

import datetime

import pytest

from browser.keyboard import tab_to

pytestmark = pytest.mark.pruefmethode("tastatur")
TODAY = datetime.datetime(2026, 11, 22, 10, 0)


def focus_ring(page) -> str:
    """The focused element's outline, e.g. "solid 3px": "none" means the focus cannot be seen."""
    return page.evaluate("(s => s.outlineStyle === 'none' ? 'none' : `${s.outlineStyle} ${s.outlineWidth}`)"
                         "(getComputedStyle(document.activeElement))")


def focused(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement.matches(s)", selector)


@pytest.mark.parametrize("width", [1280, 390])
def test_site_search_by_keyboard(browser, site_url, directory, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="de-DE")
    page = context.new_page()
    try:
        page.goto(site_url)
        tab_to(page, ".md-search__input")
        assert focus_ring(page) != "none"
        entry = next(e for e in directory.entries if e.kurzname)
        page.keyboard.type(entry.kurzname)
        page.wait_for_selector(".md-search-result__item")
        page.keyboard.press("ArrowDown")
        assert focused(page, ".md-search-result__link")
        assert focus_ring(page) != "none"
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/vereine/{entry.slug}/")
    finally:
        context.close()


def test_filters_and_reset_by_keyboard(page, site_url, directory):
    page.goto(f"{site_url}vereine/")
    page.wait_for_selector("[data-mso-filter]:not([hidden])")
    tab_to(page, '[data-mso-facet="stadtbezirk"] > summary')
    assert focus_ring(page) != "none"
    if not page.evaluate("document.activeElement.parentElement.open"):
        page.keyboard.press("Enter")
    (bezirk, count), = directory.facet("stadtbezirk")[:1]
    tab_to(page, f'input[name="stadtbezirk"][value="{bezirk.slug}"]')
    page.keyboard.press("Space")
    assert page.locator(".mso-card:not([hidden])").count() == count
    tab_to(page, "[data-mso-reset]")
    assert focus_ring(page) != "none"
    page.keyboard.press("Enter")
    assert page.locator(".mso-card:not([hidden])").count() == len(directory.entries)


def test_a_to_z_links_move_reading_and_keyboard_to_the_letter(page, site_url, directory):
    page.goto(f"{site_url}vereine/")
    page.wait_for_selector("[data-mso-filter]:not([hidden])")
    letters = page.eval_on_selector_all(".mso-az a", "links => links.map(a => a.getAttribute('href'))")
    target = letters[len(letters) // 2]
    tab_to(page, f'.mso-az a[href="{target}"]')
    assert focus_ring(page) != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    heading = page.locator(target)
    assert heading.evaluate("h => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    page.keyboard.press("Tab")  # the next Tab starts at the letter, not at the top of the page
    first_card = heading.locator("xpath=..").locator(".mso-card a").first
    assert page.evaluate("el => document.activeElement === el", first_card.element_handle())


def open_form(page, site_url):
    page.clock.set_fixed_time(TODAY)
    page.goto(f"{site_url}mitmachen/")
    page.wait_for_selector("#mso-formular:not([hidden])")


def test_add_and_remove_a_person_by_keyboard(page, site_url):
    open_form(page, site_url)
    tab_to(page, '[data-key="ansprechpersonen"] [data-add]')
    assert focus_ring(page) != "none"
    page.keyboard.press("Enter")
    assert focused(page, "#f-ansprechpersonen-name-1"), "the new row's first field has the focus"
    page.keyboard.type("Erika Beispiel")
    tab_to(page, '[data-key="ansprechpersonen"] [data-add]')
    page.keyboard.press("Enter")
    assert focused(page, "#f-ansprechpersonen-name-2")
    tab_to(page, '[data-key="ansprechpersonen"] [data-row]:last-child [data-remove]')
    assert page.evaluate("document.activeElement.textContent.trim()") == "Ansprechperson 2 entfernen"
    page.keyboard.press("Enter")
    assert page.locator('[data-key="ansprechpersonen"] [data-row]').count() == 1
    assert focused(page, "#f-ansprechpersonen-name-1"), "the focus stays in the list, on the row that is left"
    tab_to(page, '[data-key="ansprechpersonen"] [data-remove]')
    page.keyboard.press("Enter")
    assert focused(page, '[data-key="ansprechpersonen"] [data-add]'), "no row left: back to the add button"


def test_a_description_in_another_language_by_keyboard(page, site_url):
    open_form(page, site_url)
    tab_to(page, '[data-key="beschreibung"] [data-add]')
    page.keyboard.press("Enter")
    assert focused(page, "[data-lang-select]")
    assert focus_ring(page) != "none"
    page.keyboard.type("Arabisch")  # a closed select picks the option whose name is typed
    page.keyboard.press("Tab")
    assert focused(page, '[data-key="beschreibung"] [data-row] textarea')
    assert page.evaluate("[document.activeElement.lang, document.activeElement.dir]") == ["ar", "rtl"]
    page.keyboard.type("جمعية ثقافية")
    tab_to(page, '[data-key="beschreibung"] [data-remove]')
    page.keyboard.press("Enter")
    assert page.locator('[data-key="beschreibung"] [data-row]').count() == 0
    assert focused(page, '[data-key="beschreibung"] [data-add]')


def test_error_summary_by_keyboard(page, site_url):
    open_form(page, site_url)
    tab_to(page, "#f-name")
    page.keyboard.type("Testverein")
    tab_to(page, "#mso-formular [type=submit]")
    page.keyboard.press("Enter")
    summary = page.locator("[data-fehlerliste]")
    summary.wait_for(state="visible")
    assert focused(page, "[data-fehlerliste]"), "the summary takes the focus and is read out"
    page.keyboard.press("Tab")
    assert focused(page, "[data-fehlerliste] a")
    assert focus_ring(page) != "none"
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    assert focused(page, target), "the link takes the keyboard to the field"


@pytest.mark.parametrize("path", ["vereine/{slug}/", "steckbriefe/", "mitmachen/formular/"])
def test_print_buttons_by_keyboard(page, site_url, directory, path):
    page.add_init_script("window.print = () => { window.gedruckt = (window.gedruckt || 0) + 1; }")
    page.goto(site_url + path.format(slug=directory.entries[0].slug))
    tab_to(page, "[data-mso-drucken]")
    assert focus_ring(page) != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("window.gedruckt") == 1


def test_print_buttons_are_hidden_without_javascript(browser, site_url, directory):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_url}vereine/{directory.entries[0].slug}/")
        assert page.locator("[data-mso-drucken]").count() == 1
        assert page.is_hidden("[data-mso-drucken]")
    finally:
        context.close()
