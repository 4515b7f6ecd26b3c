"""/mitmachen/ in Chromium: a new association by keyboard, a change to a published profile, German messages
for wrong input, the readable summary, the file names of new profiles, and the page without JavaScript.
Arbitrary text in every field: tests/browser/test_mitmachen_properties.py."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys

import yaml
from playwright.sync_api import expect

from conftest import ROOT, build, make_project, minimal_profile
from test_mitmachen import public_part

from browser.keyboard import fill_by_keyboard, tab_to

TODAY = datetime.datetime(2026, 11, 22, 10, 0)  # the test Stichtag: dates the browser writes must not be "future"


def open_form(page, site_url: str, query: str = ""):
    page.clock.set_fixed_time(TODAY)
    page.goto(f"{site_url}mitmachen/{query}")
    page.wait_for_selector("#mso-formular:not([hidden])")



def test_a_new_association_by_keyboard_gives_a_valid_file_that_builds(page, site_url, tmp_path):
    open_form(page, site_url)
    page.locator("#formular").focus()
    tab_to(page, "#f-name")
    page.keyboard.type("Kulturbrücke Süd-Ost e. V.")
    page.keyboard.press("Enter")  # the phone's "Go" key: no checking of a half-filled form
    assert page.locator("[data-fehlerliste]").is_hidden()
    fill_by_keyboard(page, [
        ("#f-veroeffentlichen", ("Space",), ""),
        ("#f-beschreibung-de", (), "Wir bringen Nachbarinnen und Nachbarn zusammen: Kochabende, Sprachcafé "
                                   "und Ausflüge."),
        ("#f-themen-begegnung", ("Space",), ""), ("#f-sprachen-de", ("Space",), ""), ("#f-sprachen-ar", ("Space",), ""),
        ("#f-stadtbezirk", ("ArrowDown",) * 6, ""),  # Brackwede, Dornberg, Gadderbaum, Heepen, Jöllenbeck, Mitte
        ("#f-adresse-strasse", (), "Musterstraße 5"), ("#f-adresse-plz", (), "33602"),
        ("#f-adresse-ort", (), "Bielefeld"), ("#f-kontakt-email", (), "info@kulturbruecke.example"),
        ("#f-angebote-1", (), "Sprachcafé, donnerstags 17–19 Uhr"),
        ('[data-key="angebote"] [data-add]', ("Enter",), "Kochabend: jeden ersten Freitag"),
        ('[data-key="ansprechpersonen"] [data-add]', ("Enter",), "Leyla Beispiel"),
        ("#f-ansprechpersonen-einwilligung-1", ("Space",), ""),
        ("#f-gegruendet", (), "2019"),
    ])
    tab_to(page, "#mso-formular [type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_selector("#mso-ergebnis:not([hidden])")
    assert page.evaluate("document.activeElement.id") == "mso-ergebnis-titel"
    assert page.locator("[data-nur-gezaehlt]").is_hidden()
    summary = page.locator("[data-zusammenfassung]").inner_text()
    assert "Gründungsjahr\n2019" in summary and "22. November 2026" in summary and "Leyla Beispiel" in summary
    assert page.locator("[data-yaml]").is_hidden()  # the file itself is behind a disclosure
    tab_to(page, ".mso-datei summary")
    page.keyboard.press("Enter")
    text = page.locator("[data-yaml]").inner_text()
    assert text.startswith("# yaml-language-server: $schema=../schema/organisation.schema.json\n")
    tab_to(page, "[data-download]")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename == "kulturbruecke-sued-ost-e-v.yml"

    project = make_project(tmp_path / "p", {"anderer-verein": minimal_profile("Anderer Verein")})
    target = project / "organisations" / download.suggested_filename
    download.save_as(target)
    assert target.read_text(encoding="utf-8") == text
    data = yaml.safe_load(text)
    assert data["stand"] == data["ansprechpersonen"][0]["einwilligung"] == TODAY.date()
    assert data["sprachen"] == ["de", "ar"] and data["stadtbezirk"] == "Mitte" and data["gegruendet"] == 2019
    assert data["angebote"] == ["Sprachcafé, donnerstags 17–19 Uhr", "Kochabend: jeden ersten Freitag"]
    assert data["adresse"] == {"strasse": "Musterstraße 5", "plz": "33602", "ort": "Bielefeld"}

    checked = subprocess.run([sys.executable, "-m", "mso", "validate", str(target)], cwd=project,
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = build(project)
    assert built.returncode == 0, built.stderr
    profile = (project / "site" / "vereine" / "kulturbruecke-sued-ost-e-v" / "index.html").read_text(encoding="utf-8")
    assert "Kulturbrücke Süd-Ost e. V." in profile and "Leyla Beispiel" in profile
    assert page.foreign_requests == []


def test_prefill_changes_only_the_edited_field(page, site_url, directory):
    entry = next(e for e in directory.entries if e.ansprechpersonen and len(e.beschreibung) > 1)
    open_form(page, site_url, f"?verein={entry.slug}")
    page.wait_for_selector("[data-aenderung]:not([hidden])")
    note = page.locator("[data-aenderung]")
    # at the top: which consents are given anew, and why; the persons by name, with links to the boxes
    assert f"Sie ändern den Eintrag „{entry.name}“." in note.inner_text()
    assert "DSGVO" in note.inner_text() and all(p.name in note.inner_text() for p in entry.ansprechpersonen)
    assert note.locator('a[href="#f-veroeffentlichen"]').count() == 1
    assert note.locator('a[href="#f-ansprechpersonen-einwilligung-1"]').count() == 1
    note.locator('a[href="#f-veroeffentlichen"]').click()
    assert page.evaluate("document.activeElement.id") == "f-veroeffentlichen"
    assert page.locator("#f-name").input_value() == entry.name
    # consent is asked again with every submission, never pre-ticked, and a change cannot drop it by accident
    assert not page.locator("#f-veroeffentlichen").is_checked()
    page.get_by_role("button", name="Profil erstellen").click()
    assert "damit Ihr Eintrag veröffentlicht bleibt" in page.locator("[data-fehlerliste]").inner_text()
    assert page.locator("#mso-ergebnis").is_hidden()
    page.locator("#f-veroeffentlichen").check()
    for box in page.locator('[data-kind="consent-date"] input').all():
        box.check()
    page.locator("#f-oeffnungszeiten").fill("Mittwochs 18–20 Uhr")
    page.get_by_role("button", name="Profil erstellen").click()
    page.wait_for_selector("#mso-ergebnis:not([hidden])")

    text = page.locator("[data-yaml]").text_content()
    assert text.splitlines()[1].startswith(f"# Änderung des Profils {entry.slug}")
    new = yaml.safe_load(text)
    original = yaml.safe_load((ROOT / "organisations" / f"{entry.slug}.yml").read_text(encoding="utf-8"))
    # a submission confirms the data (stand) and renews each person's consent: both become today
    assert new.pop("stand") == TODAY.date()
    for person in new["ansprechpersonen"]:
        assert person.pop("einwilligung") == TODAY.date()
    assert new.pop("oeffnungszeiten") == "Mittwochs 18–20 Uhr"
    expected = public_part(original)
    expected.pop("oeffnungszeiten", None)
    assert new == expected
    # the order of list values stays as the association wrote it
    assert new["sprachen"] == original["sprachen"]
    mail = page.locator("[data-mailto]").get_attribute("href")
    assert mail.startswith(f"mailto:{directory.settings.kontakt_email}?subject=%C3%84nderung")
    assert "Mittwochs%2018%E2%80%9320%20Uhr" in mail


def test_labels_and_descriptions_point_at_existing_elements(page, site_url, directory):
    """After rows were added (pre-fill with persons, languages, offers) every `for`, aria-describedby and
    aria-labelledby names an element that exists, and no id is used twice."""
    entry = next(e for e in directory.entries if e.ansprechpersonen and len(e.beschreibung) > 1 and e.angebote)
    open_form(page, site_url, f"?verein={entry.slug}")
    page.wait_for_selector("[data-aenderung]:not([hidden])")
    page.get_by_role("button", name="Profil erstellen").click()  # shows messages too
    result = page.evaluate("""() => {
      const missing = [];
      document.querySelectorAll("[aria-describedby], [aria-labelledby], label[for]").forEach(el => {
        const refs = [el.getAttribute("aria-describedby"), el.getAttribute("aria-labelledby"), el.getAttribute("for")];
        refs.join(" ").split(/\\s+/).filter(Boolean).forEach(id => {
          if (!document.getElementById(id)) missing.push(id);
        });
      });
      const ids = [...document.querySelectorAll("[id]")].map(e => e.id);
      return {missing, twice: ids.filter((id, i) => ids.indexOf(id) !== i)};
    }""")
    assert result == {"missing": [], "twice": []}


def test_an_unknown_verein_is_explained(page, site_url):
    open_form(page, site_url, "?verein=gibt-es-nicht")
    note = page.locator("[data-aenderung]")
    note.wait_for(state="visible")
    assert "kein veröffentlichtes Profil" in note.inner_text()


def test_wrong_input_gets_german_messages_at_the_field_and_no_yaml(page, site_url):
    open_form(page, site_url)
    page.locator("#f-veroeffentlichen").check()
    page.locator("#f-name").fill("Testverein")
    page.locator("#f-adresse-plz").fill("3360")
    page.locator("#f-kontakt-email").fill("info@verein")
    page.locator("#f-kontakt-website").fill("www.verein.de")
    page.locator("#f-gegruendet").fill("1700")
    page.get_by_role("button", name="Profil erstellen").click()

    summary = page.locator("[data-fehlerliste]")
    summary.wait_for(state="visible")
    assert page.evaluate("document.activeElement.matches('[data-fehlerliste]')")
    messages = summary.locator("li a").all_inner_texts()
    expected = {
        "#f-beschreibung-de": "Beschreibung auf Deutsch: Bitte füllen Sie dieses Feld aus.",
        "#f-themen-antidiskriminierung": "Themen: Bitte wählen Sie mindestens einen Eintrag aus.",
        "#f-stadtbezirk": "Stadtbezirk: Bitte wählen Sie einen Eintrag aus.",
        "#f-adresse-strasse": "Adresse – Straße und Hausnummer: Bitte füllen Sie dieses Feld aus.",
        # wrong values in the schema's own words (x-fehler, x-hinweis), as `mso validate` says them
        "#f-adresse-plz": "Adresse – Postleitzahl: „3360“ ist keine Postleitzahl. Eine Postleitzahl hat genau "
                          "fünf Ziffern, zum Beispiel 12345.",
        "#f-kontakt-email": "Kontakt – E-Mail: „info@verein“ ist keine gültige E-Mail-Adresse. Beispiel: "
                            "info@mein-verein.de",
        "#f-kontakt-website": "Kontakt – Website: „www.verein.de“ ist keine gültige Internetadresse. Sie beginnt "
                              "mit https:// oder http://, zum Beispiel https://mein-verein.de.",
        "#f-gegruendet": "Gründungsjahr: Bitte eine Jahreszahl von 1850 bis 2026.",
    }
    for selector, message in expected.items():
        link = summary.locator(f'a[href="{selector}"]')
        assert link.count() == 1, (selector, messages)
        assert link.inner_text().startswith(message)
        assert page.locator(selector).get_attribute("aria-invalid") == "true"
        assert page.locator(selector).evaluate("el => el.validationMessage") == link.inner_text()
    # the message also stands next to the field, and the field names it
    plz_error = page.locator("#f-adresse-plz-fehler")
    assert plz_error.is_visible() and "fünf Ziffern" in plz_error.inner_text()
    assert "f-adresse-plz-fehler" in page.locator("#f-adresse-plz").get_attribute("aria-describedby")
    # a link in the list takes the keyboard to the field
    summary.locator('a[href="#f-kontakt-email"]').click()
    assert page.evaluate("document.activeElement.id") == "f-kontakt-email"
    assert page.locator("#mso-ergebnis").is_hidden()
    assert page.locator("[data-yaml]").text_content() == ""

    # fixing the input clears the messages and gives the profile
    page.locator("#f-beschreibung-de").fill("Ein Verein.")
    page.locator("#f-themen-kultur").check()
    page.locator("#f-sprachen-de").check()
    page.locator("#f-stadtbezirk").select_option("Mitte")
    page.locator("#f-adresse-plz").fill("")
    page.locator("#f-kontakt-email").fill("info@verein.example")
    page.locator("#f-kontakt-website").fill("https://verein.example")
    page.locator("#f-gegruendet").fill("1999")
    page.get_by_role("button", name="Profil erstellen").click()
    page.wait_for_selector("#mso-ergebnis:not([hidden])")
    assert "name: Testverein" in page.locator("[data-yaml]").text_content()


def test_a_person_needs_consent_and_a_profile_without_consent_is_only_counted(page, site_url):
    open_form(page, site_url)
    page.locator("#f-name").fill("Stiller Verein")
    page.locator("#f-stadtbezirk").select_option("stadtweit")
    page.get_by_role("button", name="Ansprechperson hinzufügen").click()
    page.locator("#f-ansprechpersonen-name-1").fill("Max Muster")
    page.get_by_role("button", name="Profil erstellen").click()
    assert page.locator("[data-fehlerliste]").inner_text().endswith(
        "Ansprechperson 1: Einwilligung: Bitte bestätigen Sie die Einwilligung.")
    page.get_by_role("button", name="Ansprechperson 1 entfernen").click()
    page.get_by_role("button", name="Profil erstellen").click()
    page.wait_for_selector("#mso-ergebnis:not([hidden])")
    assert page.locator("[data-nur-gezaehlt]").is_visible()
    data = yaml.safe_load(page.locator("[data-yaml]").text_content())
    assert data == {"name": "Stiller Verein", "veroeffentlichen": False, "stand": TODAY.date(),
                    "stadtbezirk": "stadtweit"}


def test_a_reload_keeps_the_input_until_the_form_is_cleared(page, site_url):
    open_form(page, site_url)
    page.locator("#f-name").fill("Entwurfsverein")
    page.locator("#f-themen-kultur").check()
    page.locator("#f-angebote-1").fill("Teestube")
    page.reload()
    page.wait_for_selector("#mso-formular:not([hidden])")
    assert page.locator("[data-entwurf]").is_visible()
    assert page.locator("#f-name").input_value() == "Entwurfsverein"
    assert page.locator("#f-themen-kultur").is_checked()
    assert page.locator("#f-angebote-1").input_value() == "Teestube"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Alle Eingaben löschen").click()
    page.wait_for_load_state()
    page.wait_for_selector("#mso-formular:not([hidden])")
    assert page.locator("#f-name").input_value() == ""
    assert page.locator("[data-entwurf]").is_hidden()


def test_without_javascript_the_page_offers_email_and_paper(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    page.goto(f"{site_url}mitmachen/")
    assert page.locator("#mso-formular").is_hidden()
    notice = page.locator("[data-ohne-js]")
    assert notice.is_visible() and "JavaScript" in notice.inner_text()
    notice.get_by_role("link", name="Formular zum Ausdrucken").click()
    page.wait_for_url("**/mitmachen/formular/")
    assert page.get_by_role("heading", name="Formular zum Ausdrucken").is_visible()
    context.close()


def test_a_phone_shows_the_form_without_sideways_scrolling(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="de-DE", is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}mitmachen/")
    page.wait_for_selector("#mso-formular:not([hidden])")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    size = page.locator("#f-name").bounding_box()
    assert size["height"] >= 40 and size["width"] >= 300
    assert page.locator("#f-name").evaluate("el => parseFloat(getComputedStyle(el).fontSize)") >= 16
    context.close()


def test_html_patterns_work_in_the_browser(page, site_url):
    open_form(page, site_url)
    patterns = page.eval_on_selector_all("[pattern]", "els => els.map(el => el.getAttribute('pattern'))")
    assert patterns
    for pattern in patterns:
        assert page.evaluate("p => { new RegExp('^(?:' + p + ')$', 'v'); return true; }", pattern)
    plz = page.locator("#f-adresse-plz")
    plz.fill("3360")
    assert plz.evaluate("el => el.validity.patternMismatch")
    plz.fill("33602")
    assert not plz.evaluate("el => el.validity.patternMismatch")


# Names and the Kurzadresse Python makes of them (mso.slugs.slugify): the form gives the file the same name.
NAMES = ["Kulturverein Süd-Ost e. V.", "Çağdaş Yaşam Derneği", "İstanbul Işık Kültür", "Łódź Club",
         "Asociación Latina „Sol“", "ÄÖÜ ẞtraße", "Tschüß", "Verein 1_2", "Café Naïve—Öl", "  Viele   Leerzeichen  ",
         "Ümit & Ölçer", "Ассоциация русских немцев", "Українська громада", "جمعية الجالية العربية",
         "انجمن فرهنگی ایرانیان", "Ελληνική Κοινότητα", "Հայ համայնք", "ქართული სათვისტომო", "ትግራይ ማሕበር",
         "தமிழ் சங்கம்", "Hội người Việt", "Đorđe & Ćevapi", "Kulturverein 🌍", "K&auml;se &amp; Brot &#252;",
         "1,5 Liter", "Rock'n'Roll", "ﬁne Ⅻ x²", "Mitglieder: " + "sehr-langer-Name " * 6,
         "Ein" + "e" * 90 + " Wort"]
NO_SLUG = ["中文协会", "한국 문화", "ẞ", "🌍🌍", "…", "A"]


def make_profile(page, name: str) -> tuple[str, str]:
    """Fill in a new profile with `name` (only counted, so few fields); the file name and the note the form shows."""
    if page.locator("#mso-ergebnis").is_visible():
        page.get_by_role("button", name="Angaben weiter bearbeiten").click()
    page.locator("#f-name").fill(name)
    page.locator("#f-stadtbezirk").select_option("Mitte")
    page.get_by_role("button", name="Profil erstellen").click()
    page.wait_for_selector("#mso-ergebnis:not([hidden])")
    note = page.locator("[data-kein-dateiname]")
    return page.locator("code[data-dateiname]").inner_text(), note.inner_text() if note.is_visible() else ""


def test_new_profiles_get_the_file_name_python_gives_them(page, site_url):
    from mso.slugs import is_valid, slugify

    open_form(page, site_url)
    for name in NAMES:
        expected = slugify(name)
        assert is_valid(expected), name
        assert make_profile(page, name) == (expected + ".yml", ""), name
        assert page.locator("[data-download]").inner_text() == f"Datei {expected}.yml herunterladen"
    for name in NO_SLUG:  # no file name the form can make: it says so, and the file still has a valid one
        file_name, note = make_profile(page, name)
        assert file_name == "neuer-verein.yml" and is_valid("neuer-verein"), name
        assert f"Aus dem Namen „{name.strip()}“ kann das Formular keinen Dateinamen bilden" in note
    assert page.foreign_requests == []


def test_the_form_refuses_the_characters_mso_validate_refuses(page, site_url):
    """The character rules the page gives the script, run by the browser's regex engine over every code point,
    are mso.characters' rules: refused anywhere, refused in one-line fields, combining marks, what keeps marks on
    one base, what shows nothing."""
    from mso.characters import blank_problem, forbidden_anywhere, marks_problem, single_line_problem

    open_form(page, site_url)
    found = page.evaluate("""() => {
      const rules = JSON.parse(document.getElementById("mso-regeln").textContent).zeichen;
      const cls = name => new RegExp("[" + rules[name] + "]", "u");
      const [forbidden, bidi, format, mark, extend] = ["forbidden", "bidi", "format", "marks", "extend"].map(cls);
      const drawn = new RegExp("[^" + rules.blank + "]", "u");
      const out = {anywhere: [], one_line: [], marks: [], extend: [], blank: []};
      for (let code = 0; code <= 0x10ffff; code += 1) {
        if (code >= 0xd800 && code <= 0xdfff) continue;
        const c = String.fromCodePoint(code);
        if (forbidden.test(c)) out.anywhere.push(code);
        else if (code !== 9 && code !== 10 && (bidi.test(c) || format.test(c))) out.one_line.push(code);
        if (mark.test(c)) out.marks.push(code);
        else if (extend.test(c)) out.extend.push(code);
        if (!drawn.test(c)) out.blank.push(code);
      }
      return out;
    }""")
    expected: dict[str, list[int]] = {"anywhere": [], "one_line": [], "marks": [], "extend": [], "blank": []}
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if forbidden_anywhere(char) is not None:
            expected["anywhere"].append(code)
        elif char not in "\t\n" and single_line_problem("a" + char) is not None and \
                marks_problem("a" + char) is None:
            expected["one_line"].append(code)
        if marks_problem("a" + char * 5) is not None:
            expected["marks"].append(code)
        elif marks_problem("a\u0301\u0301" + char + "\u0301\u0301\u0301") is not None:
            expected["extend"].append(code)
        if blank_problem(char) is not None:
            expected["blank"].append(code)
    assert found == expected


def test_the_result_is_a_readable_summary_with_a_way_for_webmail(page, site_url, directory):
    """The preview speaks German (labels, vocabulary names, dates, persons); the file is one click away; people
    with webmail download the file and copy the address to attach it."""
    address = directory.settings.kontakt_email
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    open_form(page, site_url)
    page.locator("#f-name").fill("Sprachbrücke e. V.")
    page.locator("#f-veroeffentlichen").check()
    page.locator("#f-beschreibung-de").fill("Wir lernen zusammen.\nJeden Dienstag.")
    page.get_by_role("button", name="Beschreibung in einer weiteren Sprache hinzufügen").click()
    page.locator("#f-beschreibung-1-sprache").select_option("ar")
    page.locator("#f-beschreibung-1").fill("نتعلم معًا")
    page.locator("#f-themen-kultur").check()
    page.locator("#f-sprachen-ar").check()
    page.locator("#f-stadtbezirk").select_option("Heepen")
    page.locator("#f-kontakt-email").fill("info@sprachbruecke.example")
    page.get_by_role("button", name="Ansprechperson hinzufügen").click()
    page.locator("#f-ansprechpersonen-name-1").fill("Amal Beispiel")
    page.locator("#f-ansprechpersonen-einwilligung-1").check()
    page.get_by_role("button", name="Profil erstellen").click()
    page.wait_for_selector("#mso-ergebnis:not([hidden])")

    summary = page.locator("[data-zusammenfassung]")
    text = summary.inner_text()
    for shown in ("Sprachbrücke e. V.", "Veröffentlichen\nja", "Stand\n22. November 2026", "Kultur und Brauchtum",
                  "Stadtbezirk Heepen", "Wir lernen zusammen.\nJeden Dienstag.", "Ansprechperson 1", "Amal Beispiel",
                  "Einwilligung\n22. November 2026"):
        assert shown in text, shown
    assert summary.locator('p[lang="ar"][dir="rtl"]').inner_text() == "نتعلم معًا"
    assert summary.locator('span[lang="ar"]').inner_text() == "العربية"  # Arabisch – العربية, in its own script
    assert "stadtbezirk:" not in text and page.locator("[data-yaml]").is_hidden()
    page.get_by_text("Die Datei selbst anzeigen").click()
    assert "stadtbezirk: Heepen" in page.locator("[data-yaml]").inner_text()

    webmail = page.locator(".mso-weg", has=page.get_by_role("heading", name=f"Datei herunterladen und an {address} anhängen"))
    assert webmail.get_by_role("button", name="Datei sprachbruecke-e-v.yml herunterladen").is_visible()
    webmail.get_by_role("button", name="Adresse kopieren").click()
    expect(webmail.locator("[data-adresse-status]")).to_have_text(re.compile(r"^Adresse kopiert\."))
    assert page.evaluate("navigator.clipboard.readText()") == address
    page.get_by_role("button", name="Text kopieren").click()
    expect(page.locator("[data-copy-status]")).to_have_text(re.compile(r"^Kopiert\."))
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("[data-yaml]").text_content()


def test_axe_finds_nothing_on_a_change_with_its_consent_note(page, site_url, directory):
    """The other states of the form (empty, messages, result) are in test_accessibility.py."""
    from browser.test_accessibility import axe_violations

    entry = next(e for e in directory.entries if e.ansprechpersonen)
    open_form(page, site_url, f"?verein={entry.slug}")
    page.wait_for_selector("[data-aenderung]:not([hidden])")
    assert axe_violations(page) == []
