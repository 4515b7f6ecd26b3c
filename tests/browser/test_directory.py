"""/vereine/ in Chromium: filters narrow the list and live in the URL, the text box finds German words,
the whole flow works by keyboard, and the page works without JavaScript."""

from __future__ import annotations

from urllib.parse import parse_qs

from mso.model import FACETS

from browser.keyboard import tab_to


def open_directory(page, site_url: str, query: str = ""):
    page.goto(f"{site_url}vereine/{query}")
    page.wait_for_selector("[data-mso-filter]:not([hidden])")


def query_string(page) -> str:
    """The page's own location (page.url learns of pushState only a moment later)."""
    return page.evaluate("location.search.slice(1)")


def shown(page) -> list[str]:
    return page.eval_on_selector_all(".mso-card:not([hidden])", "cards => cards.map(c => c.id.slice(7))")


def status(page) -> str:
    return page.inner_text("[data-mso-count]")


def test_facets_narrow_the_list_live_in_the_url_and_survive_reload_and_back(page, site_url, directory):
    open_directory(page, site_url)
    everyone = [e.slug for e in directory.entries]
    assert shown(page) == everyone
    (bezirk, _), = [item for item in directory.facet("stadtbezirk") if item[1] >= 3][:1]
    page.check(f'input[name="stadtbezirk"][value="{bezirk.slug}"]')
    expected = [e.slug for e in directory.with_term("stadtbezirk", bezirk.value)]
    assert shown(page) == expected
    assert parse_qs(query_string(page)) == {"stadtbezirk": [bezirk.slug]}
    assert status(page) == f"{len(expected)} Vereine von {len(everyone)} passen zu Ihrer Auswahl."

    # AND across facets: a theme of the first shown association narrows further (or keeps the same)
    theme = directory.entry(expected[0]).themen[0]
    theme_slug = directory.term("themen", theme).slug
    page.check(f'input[name="thema"][value="{theme_slug}"]')
    both = [s for s in expected if theme in directory.entry(s).themen]
    assert shown(page) == both
    assert parse_qs(query_string(page)) == {"stadtbezirk": [bezirk.slug], "thema": [theme_slug]}

    # each option shows how many it would give
    count = page.inner_text(f'input[name="thema"][value="{theme_slug}"] ~ .mso-zahl')
    assert int(count) == len(both)

    page.reload()
    page.wait_for_selector("[data-mso-filter]:not([hidden])")
    assert shown(page) == both
    assert page.is_checked(f'input[name="thema"][value="{theme_slug}"]')

    page.go_back()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('thema')")
    assert shown(page) == expected
    assert not page.is_checked(f'input[name="thema"][value="{theme_slug}"]')
    assert page.foreign_requests == []


def test_or_within_a_facet_and_reset(page, site_url, directory):
    (a, _), (b, _) = directory.facet("sprachen")[:2]
    open_directory(page, site_url, f"?sprache={a.slug}&sprache={b.slug}")
    expected = [e.slug for e in directory.entries if a.value in e.sprachen or b.value in e.sprachen]
    assert shown(page) == expected
    page.click("[data-mso-reset]")
    assert shown(page) == [e.slug for e in directory.entries]
    assert query_string(page) == ""
    assert status(page).startswith("Alle ")
    assert page.is_hidden("[data-mso-reset]")


def test_text_box_finds_german_words_inside_words_and_other_scripts(page, site_url, directory):
    open_directory(page, site_url)
    cases = {
        "verein": lambda e: "verein" in e.name.lower(),
        "Frauenvereine": lambda e: "frauenverein" in e.name.lower(),
        "Beratungen": lambda e: "beratung" in e.name.lower() or "beratung" in e.themen,
        "hausaufgaben": lambda e: any("hausaufgaben" in o.lower() for o in e.angebote),
        "العربية": lambda e: "ar" in e.sprachen,
        "arabisch": lambda e: "ar" in e.sprachen,
        "Brackwede": lambda e: e.stadtbezirk == "Brackwede",
    }
    for query, must in cases.items():
        page.fill("#mso-suche", query)
        found = set(shown(page))
        wanted = {e.slug for e in directory.entries if must(e)}
        assert wanted, query
        assert wanted <= found, (query, wanted - found)
        page.wait_for_function("q => new URLSearchParams(location.search).get('suche') === q", arg=query)
    kurzname = next(e for e in directory.entries if e.kurzname)
    page.fill("#mso-suche", kurzname.kurzname)
    assert kurzname.slug in shown(page)
    page.fill("#mso-suche", "xyzzy unbekannt")
    assert shown(page) == []
    assert page.is_visible("[data-mso-none]")
    assert status(page).startswith("0 Vereine von")


def test_the_whole_flow_by_keyboard(page, site_url, directory):
    page.goto(site_url)
    tab_to(page, "#start-suche")
    entry = next(e for e in directory.entries if e.kurzname)
    page.keyboard.type(entry.kurzname)
    page.keyboard.press("Enter")
    page.wait_for_url("**/vereine/?suche=*")
    page.wait_for_selector("[data-mso-filter]:not([hidden])")
    assert entry.slug in shown(page)
    assert page.input_value("#mso-suche") == entry.kurzname

    # clear the text, open a facet and tick a choice, all by keyboard
    tab_to(page, "#mso-suche")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    tab_to(page, '[data-mso-facet="sprache"] > summary')
    page.keyboard.press("Enter")
    language = directory.term("sprachen", entry.sprachen[-1])
    tab_to(page, f'input[name="sprache"][value="{language.slug}"]')
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focus must be visible"
    page.keyboard.press("Space")
    assert parse_qs(query_string(page)) == {"sprache": [language.slug]}
    assert entry.slug in shown(page)

    tab_to(page, f"#verein-{entry.slug} a")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/vereine/{entry.slug}/")
    assert " ".join(page.inner_text("h1").split()) == entry.name  # "e. V." with a no-break space
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')"), "first Tab: skip to content"
    tab_to(page, "a[href*='mitmachen/?verein=']")
    assert page.foreign_requests == []


def test_without_javascript_the_full_list_and_links_to_listings(browser, site_url, directory):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_url}vereine/")
        assert page.locator(".mso-card").count() == len(directory.entries)
        assert page.is_hidden("[data-mso-filter]")
        page.click('[data-mso-facet="stadtbezirk"] > summary')
        term, count = directory.facet("stadtbezirk")[0]
        page.click(f'[data-mso-facet="stadtbezirk"] a[data-value="{term.slug}"]')
        page.wait_for_url(f"**/stadtbezirke/{term.slug}/")
        assert page.locator(".mso-card").count() == count
    finally:
        context.close()


def test_phone_width_has_no_horizontal_scroll(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        for path in ("", "vereine/?thema=bildung", "stadtbezirke/mitte/"):
            page.goto(site_url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)
    finally:
        context.close()


def test_every_facet_is_offered(page, site_url):
    open_directory(page, site_url)
    params = page.eval_on_selector_all("[data-mso-facet]", "els => els.map(e => e.dataset.msoFacet)")
    assert len(params) == len(FACETS)


def test_above_one_page_of_matches_the_list_pages_and_letters_stay_reachable(browser, tmp_path):
    """With more than 200 matches only 200 cards show; "Weitere … anzeigen" and the A–Z links reach the rest."""
    import functools
    import http.server
    import threading

    from conftest import _QuietHandler, build, make_project, minimal_profile

    import hashlib

    def name(i: int) -> str:  # far apart, so that validation does not take them for typos of each other
        return f"{chr(65 + i % 26)}-Verein {hashlib.sha256(str(i).encode()).hexdigest()[:12]}"

    profiles = {f"verein-{i:03d}": minimal_profile(name(i)) for i in range(260)}
    project = make_project(tmp_path / "p", profiles)
    result = build(project)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(_QuietHandler, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/vereine/")
        page.wait_for_selector("[data-mso-filter]:not([hidden])")
        assert len(shown(page)) == 200
        assert "Die ersten 200 werden gezeigt." in status(page)
        page.click("text=Weitere 60 anzeigen")
        assert len(shown(page)) == 260
        assert page.evaluate("document.activeElement.closest('.mso-card') !== null")
        page.fill("#mso-suche", "Verein")
        assert len(shown(page)) == 200
        page.click('.mso-az a[href="#buchstabe-Z"]')
        assert page.is_visible("#buchstabe-Z")
    finally:
        context.close()
        server.shutdown()


def test_the_longest_profiles_print_on_one_a4_page(page, site_url, built_site, directory):
    import re

    longest = sorted(directory.entries, key=lambda e: -(built_site / "vereine" / e.slug / "index.html").stat().st_size)
    for entry in longest[:3]:
        page.goto(f"{site_url}vereine/{entry.slug}/")
        pdf = page.pdf(format="A4", print_background=True)
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, entry.slug
    assert page.foreign_requests == []


def test_hand_written_links_with_names_instead_of_slugs_still_filter(page, site_url, directory):
    """?stadtbezirk=Jöllenbeck (as a person would type it) selects the choice; unknown values are dropped."""
    open_directory(page, site_url, "?stadtbezirk=J%C3%B6llenbeck&thema=gibtsnicht")
    assert page.is_checked('input[name="stadtbezirk"][value="joellenbeck"]')
    assert shown(page) == [e.slug for e in directory.with_term("stadtbezirk", "Jöllenbeck")]


def test_without_javascript_a_search_word_is_not_silently_ignored(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}vereine/?suche=arabisch")
    assert page.is_visible("[data-mso-ohne-js]")
    assert "Suchwort wird nicht ausgewertet" in page.inner_text("[data-mso-ohne-js]")
    context.close()


def test_with_javascript_the_no_script_note_is_hidden(page, site_url):
    open_directory(page, site_url)
    assert page.is_hidden("[data-mso-ohne-js]")


def test_unknown_address_gets_a_german_404_with_ways_on(page, site_url):
    page.goto(f"{site_url}404.html")
    assert page.inner_text("h1") == "Seite nicht gefunden"
    assert page.locator("#inhalt").count() == 1
    page.click("text=Alle Vereine von A bis Z")
    page.wait_for_selector(".mso-card")


def test_a_large_directory_links_letter_pages_and_draws_the_matches(browser, tmp_path):
    """Above `liste_ganz_bis` the page holds no cards: without JavaScript the letters lead to a page each; with
    it, the filter fetches its data and draws the matching cards."""
    import functools
    import http.server
    import threading

    from conftest import _QuietHandler, build, make_project, minimal_profile

    names = ["Anker", "Adler", "Brücke", "Birke", "Cedar", "Delta", "Ulme", "Zeder"]
    profiles = {f"verein-{name.lower().replace('ü', 'ue')}": minimal_profile(
        f"{name} e. V.", stadtbezirk="Heepen" if i % 2 else "Mitte", sprachen=["de", "ar"] if i < 3 else ["de"])
        for i, name in enumerate(names)}
    project = make_project(tmp_path / "p", profiles)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("liste_ganz_bis: 300", "liste_ganz_bis: 5"),
                      encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(_QuietHandler, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        plain = browser.new_context(java_script_enabled=False)
        page = plain.new_page()
        page.goto(url + "vereine/")
        assert shown(page) == []
        page.click('.mso-az a:text-is("B")')
        assert page.url.endswith("/vereine/b/")
        assert shown(page) == ["verein-birke", "verein-bruecke"]
        plain.close()

        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        open_directory(page, url)
        assert shown(page) == [] and not any(r.endswith("filter.json") for r in requests), "loaded only on use"
        page.fill("#mso-suche", "Ulme")
        page.wait_for_function("() => document.querySelectorAll('.mso-card').length === 1")
        assert shown(page) == ["verein-ulme"] and status(page).startswith("1 Verein von 8")
        page.fill("#mso-suche", "")
        page.check("input[name=stadtbezirk][value=heepen]")
        assert shown(page) == ["verein-adler", "verein-birke", "verein-delta", "verein-zeder"]
        assert "stadtbezirk=heepen" in query_string(page)
        page.reload()
        page.wait_for_function("() => document.querySelectorAll('.mso-card').length === 4")
        page.click(".mso-card a >> nth=0")
        page.wait_for_url("**/vereine/verein-adler/")
        context.close()
    finally:
        server.shutdown()
