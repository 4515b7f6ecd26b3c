"""The search in the header (Pagefind, docs/assets/suche.js) in Chromium, typed as a person types.

The German query set below is the measure of the search: each query shows at least 5 of its expected
associations (or all, where fewer are expected), and at least 70 % of what it shows is expected. The expected
associations were chosen by reading the demo profiles in organisations/.
"""

from __future__ import annotations

import re

import pytest

SHOWN = 10  # results the search shows at first

# query, what it tests, the associations it should find
QUERIES = [
    ("Beratungen", "Plural eines Themas", {
        "afghanischer-frauenverein-zanan-bielefeld", "deutsch-tuerkischer-elternverein-brackwede",
        "empowerment-kollektiv-schwarzer-menschen-in-bielefeld", "eritreisch-orthodoxe-gemeinde-medhanie-alem-bielefeld",
        "ezidischer-frauen-und-kulturverein-roj-bielefeld", "familienverein-al-amal-heepen",
        "frauenverein-mujeres-latinas-bielefeld", "gesundheitslotsinnen-bielefeld-migrantinnen-fuer-gesundheit",
        "interkultureller-frauentreff-sieker", "netzwerk-migrantische-fachkraefte-owl",
        "panafrikanisches-forum-harambee-bielefeld", "queer-refugees-bielefeld-regenbogen-ohne-grenzen",
        "rumaenischer-verein-dor-de-casa-bielefeld", "russischsprachiger-elternverein-raduga-bielefeld",
        "russischsprachiger-seniorenclub-rodnik-sennestadt", "seniorentreff-cinar-baumheide",
        "selbsthilfeinitiative-gefluechtete-fuer-gefluechtete-hand-in-hand-bielefeld",
        "spanischer-elternverein-la-colmena-bielefeld", "syrisches-haus-bayt-suri-bielefeld",
        "ukrainische-initiative-sonjaschnyk-bielefeld"}),
    ("Frauenvereine", "Plural eines zusammengesetzten Worts", {
        "afghanischer-frauenverein-zanan-bielefeld", "ezidischer-frauen-und-kulturverein-roj-bielefeld",
        "familienverein-al-amal-heepen", "frauenverein-mujeres-latinas-bielefeld",
        "gesundheitslotsinnen-bielefeld-migrantinnen-fuer-gesundheit", "interkultureller-frauentreff-sieker",
        "kurdischer-frauentreff-sterka-schildesche", "tuerkischer-frauenverein-guel-bielefeld"}),
    ("Tänze", "Umlaut im Plural; Tanz, tanzen, Tanzgruppen, Thema „Kunst, Musik und Tanz“", {
        "alevitischer-kulturverein-semah-senne", "armenischer-kultur-und-familienverein-garun-bielefeld",
        "bosnisch-herzegowinischer-kulturverein-ljiljan-bielefeld", "capoeira-und-kulturverein-roda-brasil-bielefeld",
        "georgischer-kulturverein-supra-bielefeld", "ghanaischer-gemeinschaftsverein-akwaaba-owl",
        "griechischer-kulturverein-anemos-bielefeld", "iranischer-kulturverein-nowruz-bielefeld",
        "kongolesischer-verein-mbote-bielefeld", "kroatischer-tamburica-und-folkloreverein-lipa-bielefeld",
        "kurdisches-kulturzentrum-mala-kurda-bielefeld", "lateinamerikanisches-kulturforum-raices-bielefeld",
        "palaestinensischer-kultur-und-familienverein-zaytouna-bielefeld", "polnischer-kulturverein-most-bielefeld",
        "serbischer-kultur-und-folkloreverein-kolo-joellenbeck", "tamilische-bildungs-und-kulturgemeinschaft-bielefeld"}),
    ("Joellenbeck", "oe für ö, ein Stadtbezirk", {
        "freundeskreis-schulen-fuer-eritrea-joellenbeck", "serbischer-kultur-und-folkloreverein-kolo-joellenbeck",
        "vietnamesischer-familienverein-sen-vang-bielefeld"}),
    ("Heepen", "Stadtbezirk", {
        "bosnisch-herzegowinischer-kulturverein-ljiljan-bielefeld", "ezidischer-frauen-und-kulturverein-roj-bielefeld",
        "familienverein-al-amal-heepen", "islamischer-kultur-und-bildungsverein-heepen",
        "seniorentreff-cinar-baumheide"}),
    ("Brackwede", "Stadtbezirk", {
        "albanischer-kultur-und-elternverein-dardania-bielefeld", "aramaeischer-kultur-und-jugendverein-brackwede",
        "deutsch-tuerkischer-elternverein-brackwede", "polnische-elterninitiative-krasnal-brackwede",
        "russischsprachiger-elternverein-raduga-bielefeld", "spanischer-elternverein-la-colmena-bielefeld"}),
    ("arabisch", "Sprache", {
        "aramaeischer-kultur-und-jugendverein-brackwede", "deutsch-marokkanischer-freundeskreis-atlas-bielefeld",
        "elterninitiative-jasmin-schildesche", "ezidischer-frauen-und-kulturverein-roj-bielefeld",
        "familienverein-al-amal-heepen", "gesundheitslotsinnen-bielefeld-migrantinnen-fuer-gesundheit",
        "interkultureller-frauentreff-sieker", "interkultureller-gemeinschaftsgarten-wurzelwerk-senne",
        "internationaler-studierendenclub-campus-global-bielefeld", "irakisch-deutsche-gesellschaft-ostwestfalen",
        "islamischer-kultur-und-bildungsverein-heepen", "jugendnetzwerk-vielfalt-owl",
        "netzwerk-migrantische-fachkraefte-owl", "palaestinensischer-kultur-und-familienverein-zaytouna-bielefeld",
        "queer-refugees-bielefeld-regenbogen-ohne-grenzen",
        "selbsthilfeinitiative-gefluechtete-fuer-gefluechtete-hand-in-hand-bielefeld",
        "sorani-sprach-und-kulturverein-bielefeld", "syrisches-haus-bayt-suri-bielefeld"}),
    ("Kurdisch", "Sprache und Community", {
        "alevitischer-kulturverein-semah-senne", "ezidischer-frauen-und-kulturverein-roj-bielefeld",
        "irakisch-deutsche-gesellschaft-ostwestfalen", "kurdischer-frauentreff-sterka-schildesche",
        "kurdisches-kulturzentrum-mala-kurda-bielefeld", "sorani-sprach-und-kulturverein-bielefeld",
        "selbsthilfeinitiative-gefluechtete-fuer-gefluechtete-hand-in-hand-bielefeld",
        "syrisches-haus-bayt-suri-bielefeld"}),
    ("Tigrinya", "Sprache", {
        "eritreisch-orthodoxe-gemeinde-medhanie-alem-bielefeld", "eritreischer-kultur-und-familienverein-selam-bielefeld",
        "freundeskreis-schulen-fuer-eritrea-joellenbeck", "gesundheitslotsinnen-bielefeld-migrantinnen-fuer-gesundheit",
        "selbsthilfeinitiative-gefluechtete-fuer-gefluechtete-hand-in-hand-bielefeld"}),
    ("Ukrainisch", "Sprache; Ukraine im Text", {
        "russischsprachiger-elternverein-raduga-bielefeld", "russischsprachiger-seniorenclub-rodnik-sennestadt",
        "ukrainische-initiative-sonjaschnyk-bielefeld", "ukrainischer-jugendclub-mrija-bielefeld"}),
    ("Hausaufgabenhilfe", "Angebot", {
        "albanischer-kultur-und-elternverein-dardania-bielefeld", "deutsch-tuerkischer-elternverein-brackwede",
        "elterninitiative-jasmin-schildesche", "familienverein-al-amal-heepen",
        "islamischer-kultur-und-bildungsverein-heepen", "kongolesischer-verein-mbote-bielefeld",
        "roma-elternnetzwerk-bielefeld-ost", "russischsprachiger-elternverein-raduga-bielefeld"}),
    ("Fussball", "ss für ß", {
        "afghanischer-jugend-und-sportverein-pamir-bielefeld", "aramaeischer-kultur-und-jugendverein-brackwede",
        "freizeitfussballteam-kilimandscharo-bielefeld", "sportfreunde-anadolu-sennestadt"}),
    ("Sprachkurse", "Plural; Deutsch-Sprachkurs, Sprachkursen", {
        "afghanischer-frauenverein-zanan-bielefeld", "ezidischer-frauen-und-kulturverein-roj-bielefeld",
        "gesundheitslotsinnen-bielefeld-migrantinnen-fuer-gesundheit", "griechischer-kulturverein-anemos-bielefeld",
        "kurdisches-kulturzentrum-mala-kurda-bielefeld", "polnischer-kulturverein-most-bielefeld",
        "russischsprachiger-elternverein-raduga-bielefeld", "tuerkischer-frauenverein-guel-bielefeld"}),
    ("Frauen Beratung", "zwei Wörter: beide müssen passen", {
        "afghanischer-frauenverein-zanan-bielefeld", "ezidischer-frauen-und-kulturverein-roj-bielefeld",
        "familienverein-al-amal-heepen", "frauenverein-mujeres-latinas-bielefeld",
        "gesundheitslotsinnen-bielefeld-migrantinnen-fuer-gesundheit", "interkultureller-frauentreff-sieker"}),
    ("Kinderbetreuung", "Angebot", {
        "afghanischer-frauenverein-zanan-bielefeld", "familienverein-al-amal-heepen",
        "interkultureller-frauentreff-sieker"}),
    ("Senioren", "Zielgruppe, Seniorenclub, Seniorenteams", {
        "circolo-italiano-il-ponte-bielefeld", "griechischer-kulturverein-anemos-bielefeld",
        "russischsprachiger-seniorenclub-rodnik-sennestadt", "seniorentreff-cinar-baumheide",
        "sportfreunde-anadolu-sennestadt"}),
    ("Lieder", "hinterer Teil von „Volkslieder“ (Zerlegung)", {
        "armenischer-kultur-und-familienverein-garun-bielefeld", "capoeira-und-kulturverein-roda-brasil-bielefeld"}),
    ("Gottesdienst", "Teil von „Cem-Gottesdienste“", {
        "alevitischer-kulturverein-semah-senne", "eritreisch-orthodoxe-gemeinde-medhanie-alem-bielefeld"}),
    ("Brücke", "Umlaut im Text", {"circolo-italiano-il-ponte-bielefeld", "polnischer-kulturverein-most-bielefeld"}),
]


def search(page, query: str) -> list[str]:
    """Type into the header's search box as a person does (fill, then a key) and return the shown results."""
    box = page.locator("[data-mso-suche-eingabe]")
    if not box.is_visible():
        page.click("[data-mso-suche-oeffnen]")
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        "q => { const s = document.querySelector('[data-mso-suche-status]').textContent;"
        " return /^(\\d+|Kein) Treffer für „/.test(s) && s.includes('„' + q + '“'); }", arg=query)
    return page.eval_on_selector_all("[data-mso-suche-liste] a", "links => links.map(a => new URL(a.href).pathname)")


def slugs(paths: list[str]) -> list[str]:
    return [p.strip("/").split("/")[1] for p in paths if re.fullmatch(r"/vereine/[^/]+/", p)]


@pytest.fixture
def start(page, site_url):
    page.goto(site_url)
    return page


def test_query_set_lists_only_published_associations(directory):
    published = {e.slug for e in directory.entries}
    assert len(QUERIES) >= 15
    for query, _, expected in QUERIES:
        assert expected and expected <= published, (query, expected - published)


@pytest.mark.parametrize("query, what, expected", QUERIES, ids=[q for q, _, _ in QUERIES])
def test_german_query_finds_its_associations(start, query, what, expected):
    shown = search(start, query)
    assert len(shown) <= SHOWN
    found = set(slugs(shown)) & expected
    assert len(found) >= min(5, len(expected)), (query, what, sorted(expected - found), shown)
    assert len(found) / len(shown) >= 0.7, (query, what, shown)
    assert start.foreign_requests == []


def test_more_words_narrow_the_results(start):
    def count(query: str) -> int:
        search(start, query)
        return int(re.match(r"(\d+|Kein) Treffer", start.text_content("[data-mso-suche-status]")).group(1)
                   .replace("Kein", "0"))

    both = count("Beratung Heepen")
    assert 0 < both < min(count("Beratung"), count("Heepen"))


def test_result_shows_the_matching_passage_not_the_page_furniture(start):
    search(start, "Kinderbetreuung")
    first = start.locator("[data-mso-suche-liste] li").first
    assert first.locator("mark").first.text_content().lower().startswith("kinderbetreuung")
    text = first.text_content()
    for furniture in ("Angaben ändern", "Noch aktuell", "Zum Kontakt", "Kurzname:"):
        assert furniture not in text
    assert "Stadtbezirk:" in text


def test_a_match_only_in_a_compound_part_shows_the_description(start, directory):
    shown = search(start, "Lieder")
    garun = next(e for e in directory.entries if e.slug == "armenischer-kultur-und-familienverein-garun-bielefeld")
    item = start.locator("[data-mso-suche-liste] li", has=start.locator(f'a[href$="/vereine/{garun.slug}/"]'))
    assert f"/vereine/{garun.slug}/" in shown
    assert "Volkslieder" in item.text_content()
    assert " volks " not in f" {item.text_content()} ", "the hidden parts are never shown"


def test_a_profile_name_ranks_first(start, directory):
    entry = next(e for e in directory.entries if len(e.name.split()) >= 3)
    assert slugs(search(start, entry.name)[:1]) == [entry.slug]


def test_withheld_profiles_are_not_found(start, directory):
    withheld = [r for r in directory.records if directory.entry(r.slug) is None]
    for record in withheld[:3]:
        assert record.slug not in slugs(search(start, record.name)), record.name


def test_keyboard_opens_searches_and_closes(start):
    start.locator("h1").first.click()
    start.keyboard.press("/")
    box = start.locator("[data-mso-suche-eingabe]")
    assert box.evaluate("el => el === document.activeElement")
    assert start.is_checked("#__search")
    start.keyboard.type("Kinderbetreuung")
    start.wait_for_function("() => document.querySelectorAll('[data-mso-suche-liste] a').length > 0")
    start.keyboard.press("ArrowDown")
    assert start.evaluate("document.activeElement.matches('[data-mso-suche-liste] a')")
    start.keyboard.press("Escape")
    assert not start.is_checked("#__search")
    assert not box.evaluate("el => el === document.activeElement")
    start.keyboard.press("s")  # Material's other key
    assert box.evaluate("el => el === document.activeElement")
    start.keyboard.press("Enter")  # the first result
    start.wait_for_url(re.compile(r"/vereine/[^/]+/$"))


def test_typing_s_in_another_field_does_not_open_the_search(page, site_url):
    page.goto(site_url + "vereine/")
    page.locator("#mso-suche").fill("")
    page.locator("#mso-suche").press("s")
    assert not page.is_checked("#__search")
    assert page.input_value("#mso-suche") == "s"


def test_result_count_is_announced(start):
    status = start.locator("[data-mso-suche-status]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    search(start, "Hausaufgabenhilfe")
    assert re.fullmatch(r"\d+ Treffer für „Hausaufgabenhilfe“", status.text_content())
    search(start, "qxnichtvorhanden")
    assert status.text_content().startswith("Kein Treffer für „qxnichtvorhanden“")


def test_on_a_phone_a_button_opens_the_search_and_escape_returns_to_it(browser, site_url):
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 844}, has_touch=True)
    phone = context.new_page()
    phone.goto(site_url)
    opener = phone.locator("[data-mso-suche-oeffnen]")
    assert opener.is_visible() and opener.get_attribute("aria-expanded") == "false"
    opener.focus()
    phone.keyboard.press("Enter")
    assert opener.get_attribute("aria-expanded") == "true"
    assert phone.evaluate("document.activeElement.matches('[data-mso-suche-eingabe]')")
    phone.keyboard.type("Heepen")
    phone.wait_for_function("() => document.querySelectorAll('[data-mso-suche-liste] a').length > 0")
    first = phone.locator("[data-mso-suche-liste] a").first.bounding_box()
    assert first["x"] >= 0 and first["x"] + first["width"] <= 390.5, "results fit the screen"
    phone.keyboard.press("Escape")
    assert phone.evaluate("document.activeElement.matches('[data-mso-suche-oeffnen]')")
    context.close()


def test_without_javascript_the_search_is_hidden_and_the_lists_lead_on(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    assert not page.is_visible(".md-search") and not page.is_visible("[data-mso-suche-oeffnen]")
    assert page.locator("a[href='vereine/']").count() > 0
    context.close()


def test_search_dialog_has_an_accessible_name(start):
    assert start.get_attribute("[data-mso-suche]", "aria-label")


@pytest.mark.pruefmethode("axe-core")
def test_open_search_dialog_passes_axe(start):
    from axe_playwright_python.sync_playwright import Axe

    search(start, "Beratungen")
    result = Axe().run(start, context=".md-search",
                       options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert [v["id"] for v in result.response["violations"]] == []
