"""/<code>/mitmachen/ in Chromium, in every language besides German: labels and messages from the language's
catalogs, the language marked on the page, and the same profile file as the German form makes (German keys,
the schema's values), valid for `mso validate`. The German form: tests/browser/test_mitmachen.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from test_sprachen import OTHERS, SETTINGS, german_texts

from browser.keyboard import fill_by_keyboard, tab_to
from browser.test_mitmachen import TODAY, open_form

from mso import i18n
from mso.fields import profile_fields
from mso.fields.browser import browser_rules
from mso.views import mitmachen

# Text people see in a part of the page, outside elements in another language (the association's German text)
# and outside the file itself (German keys and values by design).
VISIBLE_TEXT = """([root, code]) => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (parent.closest("[lang]").lang === code && !parent.closest("[data-yaml], [hidden], template")) {
      texts.push(walker.currentNode.textContent);
    }
  }
  return texts;
}"""


@pytest.fixture(scope="module")
def fields(directory):
    """The German form's fields by name (`adresse.plz`): their German titles and messages are the msgids."""
    stichtag = directory.settings.stichtag
    return {f.name: f for top in profile_fields(directory.schema)
            for f in mitmachen.up_to_stichtag(top, stichtag).walk()}


def german_left(page, selector: str, code: str) -> list[str]:
    """German interface text in the part of the page `selector` names, found as test_sprachen finds it in the
    built pages: a text that is a German piece of the catalogs, or holds one of four words or more."""
    german = german_texts(code)
    long = [piece for piece in german if len(piece.split()) >= 4]
    found = []
    for text in page.evaluate(f"([selector, code]) => ({VISIBLE_TEXT})([document.querySelector(selector), code])",
                              [selector, code]):
        text = " ".join(text.split()).strip(" ,.:;–()")
        found += [text] if text in german else [piece for piece in long if piece in text]
    return found


def term(fields, key: str, value: str) -> str:
    """The German name of a vocabulary value."""
    return next(t.label for t in fields[key].terms if t.value == value)


def said(language, label: str, text: str) -> str:
    """A message as the form gives it: "Name: Bitte füllen Sie dieses Feld aus." in the catalog's words."""
    return language.gettext("%(feld)s: %(text)s") % {"feld": label, "text": text}


def in_group(language, group, field) -> str:
    return language.gettext("%(gruppe)s – %(feld)s") % {"gruppe": language.gettext(group.title),
                                                         "feld": language.gettext(field.title)}


def wrong_value(language, label: str, value: str, field) -> str:
    """A wrong value named with the schema's words (x-fehler, x-hinweis), translated."""
    words = " ".join(language.gettext(text) for text in (field.error, field.hint) if text)
    return language.gettext("%(feld)s: „%(wert)s“ %(fehler)s") % {"feld": label, "wert": value, "fehler": words}


def shown(page, selector: str) -> str:
    return " ".join(page.locator(selector).inner_text().split())


@pytest.mark.parametrize("code", OTHERS)
def test_labels_and_messages_come_from_the_languages_catalogs(page, site_url, fields, code):
    language = i18n.load(code, SETTINGS)
    _ = language.gettext
    open_form(page, f"{site_url}{code}/")
    required = _("(Pflicht)")
    assert required != "(Pflicht)"
    page.locator("#f-veroeffentlichen").check()  # Themen are required for a published profile
    # labels: the schema's titles and the form's words, translated; vocabulary values by their translated names
    labels = {
        'label[for="f-name"]': f"{_(fields['name'].title)} {required}",
        '[data-key="veroeffentlichen"] > .mso-feld__titel': _(fields["veroeffentlichen"].title),
        'label[for="f-veroeffentlichen"]': _(fields["veroeffentlichen"].label),
        'label[for="f-stadtbezirk"]': f"{_(fields['stadtbezirk'].title)} {required}",
        "#f-themen > legend": f"{_(fields['themen'].title)} {required}",
        'label[for="f-adresse-plz"]': _(fields["adresse.plz"].title),
        'label[for="f-themen-begegnung"]': _(term(fields, "themen", "begegnung")),
        '#f-stadtbezirk option[value="Mitte"]': _(term(fields, "stadtbezirk", "Mitte")),
        '#f-status option[value="pausiert"]': _(term(fields, "status", "pausiert")),
        "#f-name-hilfe": _(fields["name"].help),
        "#f-adresse-plz-hilfe": _(fields["adresse.plz"].help),
    }
    for selector, label in labels.items():
        assert shown(page, selector) == label, selector
    for german in ("Veröffentlichen", "Stadtbezirk", "Postleitzahl", "Themen", term(fields, "stadtbezirk", "Mitte"),
                   fields["name"].help):
        assert _(german) != german  # "Name" is "Name" in English

    page.locator("#f-kurzname").fill("KB\t1")
    page.locator("#f-adresse-plz").fill("3360")
    page.locator("#f-kontakt-email").fill("info@verein")
    page.locator("#f-gegruendet").fill("1700")
    page.get_by_role("button", name=_("Profil erstellen")).click()

    summary = page.locator("[data-fehlerliste]")
    summary.wait_for(state="visible")
    fill_in = _("Bitte füllen Sie dieses Feld aus.")
    address = fields["adresse"]
    year = fields["gegruendet"]
    expected = {
        "#f-name": said(language, _(fields["name"].title), fill_in),
        # the messages about single characters come from Python (mso.characters), translated
        "#f-kurzname": said(language, _(fields["kurzname"].title), _(browser_rules()["zeichen"]["messages"]["tab"])),
        "#f-beschreibung-de": said(language, _("%(feld)s auf Deutsch") % {"feld": _(fields["beschreibung"].title)},
                                   fill_in),
        "#f-themen-antidiskriminierung": said(language, _(fields["themen"].title),
                                              _("Bitte wählen Sie mindestens einen Eintrag aus.")),
        "#f-stadtbezirk": said(language, _(fields["stadtbezirk"].title), _("Bitte wählen Sie einen Eintrag aus.")),
        "#f-adresse-strasse": said(language, in_group(language, address, fields["adresse.strasse"]), fill_in),
        "#f-adresse-plz": wrong_value(language, in_group(language, address, fields["adresse.plz"]), "3360",
                                      fields["adresse.plz"]),
        "#f-kontakt-email": wrong_value(language, in_group(language, fields["kontakt"], fields["kontakt.email"]),
                                        "info@verein", fields["kontakt.email"]),
        "#f-gegruendet": said(language, _(year.title), _("Bitte eine Jahreszahl von %(von)s bis %(bis)s.") % {
            "von": year.minimum, "bis": year.maximum}),
    }
    messages = summary.locator("li a").all_inner_texts()
    for selector, message in expected.items():
        link = summary.locator(f'a[href="{selector}"]')
        assert link.count() == 1, (selector, messages)
        assert link.inner_text() == message
        assert page.locator(selector).get_attribute("aria-invalid") == "true"
        assert page.locator(selector).evaluate("el => el.validationMessage") == message
    for selector in ("#f-name", "#f-adresse-plz", "#f-kontakt-email"):  # at the field, too
        assert page.locator(f"{selector}-fehler").is_visible()
        assert page.locator(f"{selector}-fehler").inner_text() == expected[selector]
    count = len(messages)
    heading = language.ngettext("Bitte prüfen Sie eine Angabe:", "Bitte prüfen Sie %(num)s Angaben:", count)
    assert shown(page, "[data-fehlerliste] h3") == " ".join((heading % {"num": count}).split())
    assert german_left(page, "#mso-formular", code) == []
    # no file
    assert page.locator("#mso-ergebnis").is_hidden()
    assert page.locator("[data-yaml]").text_content() == ""


def made_by_keyboard(page) -> tuple[str, str]:
    """Fill in a new association by keyboard only, the same in every language; the downloaded file's name and
    text. Vocabulary fields of each kind: select (Status, Stadtbezirk, Rechtsform), checkboxes (Themen,
    Zielgruppen, Sprachen, Herkunft), radio buttons (Barrierefreiheit)."""
    page.locator("#formular").focus()
    fill_by_keyboard(page, [
        ("#f-name", (), "Kulturbrücke Süd-Ost e. V."),
        ("#f-veroeffentlichen", ("Space",), ""),
        ("#f-status", ("ArrowDown",), ""),  # aktiv → pausiert
        ("#f-beschreibung-de", (), "Wir bringen Nachbarinnen und Nachbarn zusammen: Kochabende, Sprachcafé "
                                   "und Ausflüge."),
        *((box, ("Space",), "") for box in ("#f-themen-begegnung", "#f-themen-kultur", "#f-zielgruppen-familien",
                                            "#f-sprachen-de", "#f-sprachen-ar", "#f-herkunft-kurdisch")),
        ("#f-stadtbezirk", ("ArrowDown",) * 6, ""),  # Brackwede, Dornberg, Gadderbaum, Heepen, Jöllenbeck, Mitte
        ("#f-adresse-strasse", (), "Musterstraße 5"), ("#f-adresse-plz", (), "33602"),
        ("#f-adresse-ort", (), "Bielefeld"), ("#f-kontakt-email", (), "info@kulturbruecke.example"),
        ('[data-key="ansprechpersonen"] [data-add]', ("Enter",), "Leyla Beispiel"),
        ("#f-ansprechpersonen-einwilligung-1", ("Space",), ""),
        ("#f-angebote-1", (), "Sprachcafé, donnerstags 17–19 Uhr"),
        ("#f-gegruendet", (), "2019"),
        ("#f-rechtsform", ("ArrowDown",), ""),  # keine Angabe → eingetragener Verein
        ("#f-barrierefrei-leer", ("ArrowDown",), ""),  # keine Angabe → ja
    ])
    tab_to(page, "#mso-formular [type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#mso-ergebnis:not([hidden])")
    tab_to(page, "[data-download]")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text == page.locator("[data-yaml]").text_content()
    return download.suggested_filename, text


@pytest.fixture(scope="module")
def german_file(browser, site_url) -> tuple[str, str]:
    """The file the German form makes of the same input."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        open_form(page, site_url)
        return made_by_keyboard(page)
    finally:
        context.close()


@pytest.mark.parametrize("code", OTHERS)
def test_by_keyboard_the_file_is_the_german_forms_and_valid(page, site_url, fields, german_file, code,
                                                             tmp_path):
    language = i18n.load(code, SETTINGS)
    _ = language.gettext
    open_form(page, f"{site_url}{code}/")
    name, text = made_by_keyboard(page)

    # the summary says it in the page's language: titles and the vocabulary's names
    summary = page.locator("[data-zusammenfassung]").inner_text()
    for words in (f"{_(fields['gegruendet'].title)}\n2019", _(term(fields, "stadtbezirk", "Mitte")),
                  _(term(fields, "themen", "begegnung")), _(term(fields, "rechtsform", "e-v")),
                  _(term(fields, "status", "pausiert")), "Leyla Beispiel"):
        assert words in summary, words
    german = page.locator('[data-zusammenfassung] p[lang="de"][dir="ltr"]')  # the association's German text
    assert german.inner_text().startswith("Wir bringen Nachbarinnen und Nachbarn zusammen")
    assert german_left(page, "#mso-ergebnis", code) == []

    # the file: German keys, the schema's values, as the German form writes it
    data = yaml.safe_load(text)
    assert set(data) <= set(fields) and set(data["adresse"]) <= {"strasse", "plz", "ort", "zusatz"}
    assert data["status"] == "pausiert" and data["stadtbezirk"] == "Mitte" and data["rechtsform"] == "e-v"
    assert data["themen"] == ["begegnung", "kultur"] and data["zielgruppen"] == ["familien"]
    assert data["sprachen"] == ["de", "ar"] and data["herkunft"] == ["kurdisch"]
    assert data["barrierefrei"] is True and data["veroeffentlichen"] is True
    assert data["stand"] == data["ansprechpersonen"][0]["einwilligung"] == TODAY.date()
    assert (name, text) == german_file

    target = tmp_path / name
    target.write_text(text, encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "mso", "--config", str(ROOT / "mkdocs.yml"), "validate",
                              str(target)], cwd=tmp_path, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert page.foreign_requests == []


@pytest.mark.parametrize("code", OTHERS)
def test_the_page_says_its_language_and_marks_the_german_text(page, site_url, directory, code):
    """<html lang dir> is the page's language; the box for the German description is German, left to right; a
    description in the page's language gets its language and direction."""
    direction = directory.schema.vocab["sprache"][code].dir
    open_form(page, f"{site_url}{code}/")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [code, direction]
    german = page.locator("#f-beschreibung-de")
    assert (german.get_attribute("lang"), german.get_attribute("dir")) == ("de", "ltr")
    page.get_by_role("button", name=i18n.load(code, SETTINGS).gettext(
        "Beschreibung in einer weiteren Sprache hinzufügen")).click()
    page.locator("#f-beschreibung-1-sprache").select_option(code)
    own = page.locator("#f-beschreibung-1")
    assert (own.get_attribute("lang"), own.get_attribute("dir")) == (code, direction)
