"""Material's search box in Chromium: real German queries find the expected profiles, withheld ones never."""

from __future__ import annotations

import pytest


def search(page, query: str) -> list[str]:
    """Type into Material's search box (it reacts to key-up) and return the result links, best first."""
    if not page.is_visible(".md-search__input"):
        page.click("label.md-header__button[for=__search]")
    page.fill(".md-search__input", query)
    page.press(".md-search__input", "End")
    page.wait_for_function(
        "q => { const m = document.querySelector('.md-search-result__meta');"
        " return m && /Suchergebnis/.test(m.textContent) && document.querySelector('.md-search__input').value === q; }",
        arg=query)
    page.wait_for_timeout(150)  # the worker answers each key-up; let the last answer land
    return page.eval_on_selector_all(".md-search-result__item > a",
                                     "links => links.map(a => new URL(a.href).pathname)")


@pytest.fixture
def start(page, site_url):
    page.goto(site_url)
    return page


def slugs(paths: list[str]) -> list[str]:
    return [p.strip("/").split("/")[1] for p in paths if p.strip("/").startswith("vereine/") and p.count("/") >= 3]


def test_german_queries_find_profiles(start, directory):
    def first(predicate):
        return next(e for e in directory.entries if predicate(e))

    cases = {
        "hausaufgaben": first(lambda e: any("hausaufgaben" in o.lower() for o in e.angebote)),
        "Beratungen": first(lambda e: "beratung" in e.themen),
        "Frauenvereine": first(lambda e: "frauenverein" in e.name.lower()),
        "arabisch": first(lambda e: "ar" in e.sprachen),
        "العربية": first(lambda e: "ar" in e.sprachen),
        "Brackwede": first(lambda e: e.stadtbezirk == "Brackwede"),
    }
    with_short = first(lambda e: e.kurzname)
    cases[with_short.kurzname] = with_short
    with_offer = first(lambda e: e.angebote)
    cases[with_offer.angebote[0].split(",")[0]] = with_offer
    for query, entry in cases.items():
        found = slugs(search(start, query))
        assert entry.slug in found, (query, entry.slug, found)
    assert start.foreign_requests == []


def test_a_profile_name_ranks_first(start, directory):
    entry = next(e for e in directory.entries if len(e.name.split()) >= 3)
    results = search(start, entry.name)
    assert slugs(results[:1]) == [entry.slug]


def test_withheld_profiles_are_not_found(start, directory):
    withheld = [r for r in directory.records if directory.entry(r.slug) is None]
    for record in withheld[:3]:
        assert record.slug not in slugs(search(start, record.name)), record.name


def test_search_dialog_has_an_accessible_name(start):
    assert start.get_attribute(".md-search", "aria-label")


@pytest.mark.pruefmethode("axe-core")
def test_open_search_dialog_passes_axe(start):
    from axe_playwright_python.sync_playwright import Axe

    search(start, "Beratungen")
    result = Axe().run(start, context=".md-search",
                       options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert [v["id"] for v in result.response["violations"]] == []
