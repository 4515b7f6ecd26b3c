"""Arbitrary text in every field of the form, in Chromium (Hypothesis).

Whatever goes into the fields, the form either refuses it with German messages at the fields, or the file it
makes passes `mso validate` (mso.load and mso.validate, called on the text the page shows) and reads back
exactly as typed, after the form's documented normalisation: one-line fields are trimmed (JavaScript's
trim), multi-line text stays as typed unless it is only white space, and empty fields are left out. For
plain text fields the form refuses exactly what `mso validate` refuses, plus its own questions (a person
added needs a name, a further language its text, "partly" accessible a description); for e-mail addresses,
links and telephone numbers it may be stricter (it cannot check them as finely), never more lenient.

The text comes from every Unicode category, with the characters the rules are about drawn more often. CI
runs a fixed set of examples (derandomize); locally each run tries new ones.
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, currently_in_test_context, event, example, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from mso.load import load_bytes
from mso.schema import Schema
from mso.validate import check_document

NOW = datetime.datetime(2026, 11, 22, 10, 0)
DAY = NOW.date().isoformat()
SCHEMA = Schema(ROOT / "schema" / "organisation.schema.json")
PROPERTY = settings(max_examples=int(os.environ.get("MSO_FORM_EXAMPLES", 60)), deadline=None, derandomize=bool(os.environ.get("CI")),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
GERMAN = re.compile(r"\b(Bitte|ist|keine?|enthält|Zeichen|höchstens|steht|Text|Sie)\b")
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
           "\u2028\u2029\u202f\u205f\u3000\ufeff"

ANY_CHAR = st.characters(blacklist_categories=("Cs",))
VISIBLE_CHAR = st.characters(whitelist_categories=("L", "M", "N", "P", "S", "Zs"))
TRICKY = st.sampled_from(list("\n\t\r \x00\x0b\x85\xa0\u2028\u2029\u200b\u200c\u200d\u200e\u200f\u061c\u2066\u2067"
                              "\u2069\u202a\u202e\ufeff\ufffe\uffff\ufdd0\U0001fffe\U000e0041\u0301\u0489\u3000"
                              ":#'\"-[]{}&*!|>%@`~?,=<"))
YAML_CHAR = st.sampled_from(list(":#'\"-[]{}&*!|>%@`~?,=< 0.+aZäß\u0301"))
# text from every category (mostly refused), and visible text with YAML's special characters (mostly taken)
TEXT = st.text(st.one_of(ANY_CHAR, TRICKY, YAML_CHAR), max_size=30) | \
    st.text(st.one_of(VISIBLE_CHAR, YAML_CHAR), max_size=30)
LINES = st.lists(TEXT, max_size=4).map("\n".join) | TEXT

# near-valid values for the fields the browser checks by type or pattern
HOST_CHAR = st.sampled_from(list("abcxyz019-äöüßéıłşğ") + ["Ä", "É", "xn--", "--", "_", "%41", "[", "а", "ﬁ", "ŉ"])
LABEL = st.lists(HOST_CHAR, max_size=6).map("".join)
TLD = st.sampled_from(["de", "com", "org", "example", "1", "d3", "local", "test", "invalid", "xn--p1ai", "co.uk", "",
                       "de.", "onion", "ä"])
HOST = st.builds(lambda labels, tld: ".".join(labels + [tld]), st.lists(LABEL, min_size=0, max_size=3), TLD)
URL = st.builds(lambda scheme, userinfo, host, port, path: scheme + userinfo + host + port + path,
                st.sampled_from(["https://", "http://", "HTTPS://", "ftp://", "https:/", "https://www."]),
                st.sampled_from(["", "", "", "user@", "www.bielefeld.de@"]), HOST,
                st.sampled_from(["", "", ":", ":80", ":0", ":65535", ":65536", ":x"]),
                st.sampled_from(["", "/", "/a?b=c#d", "/ä ö", "/\\x", "/<", '/"']) | TEXT.map(lambda t: "/" + t))
LOCAL = st.text(st.sampled_from(list("abcXYZ019._%+-!#$&'*=?^`{|}~") + ["ä", " ", "\""]), min_size=0, max_size=8)
EMAIL = st.builds(lambda local, host: local + "@" + host, LOCAL, HOST)
GOOD_LABEL = st.text(st.sampled_from("abcxyz019-äöüé"), min_size=1, max_size=8)
GOOD_HOST = st.builds(lambda labels, tld: ".".join(labels + [tld]), st.lists(GOOD_LABEL, min_size=1, max_size=3),
                      st.sampled_from(["de", "com", "org", "example", "nrw"]))
GOOD_EMAIL = st.builds(lambda local, host: local + "@" + host,
                       st.text(st.sampled_from("abcXYZ019._+-"), min_size=1, max_size=8), GOOD_HOST)
GOOD_URL = st.builds(lambda scheme, host, path: scheme + host + path, st.sampled_from(["https://", "http://"]),
                     GOOD_HOST, st.sampled_from(["", "/", "/verein", "/a?b=c#d", "/ä"]))
GOOD_PHONE = st.builds(lambda prefix, digits: prefix + digits, st.sampled_from(["0521 ", "+49 521 ", "030 ", "+90 212 "]),
                       st.text(st.sampled_from("0123456789"), min_size=4, max_size=9))
PHONE = st.builds(lambda prefix, digits: prefix + digits,
                  st.sampled_from(["", "0", "00", "0049 ", "+49 ", "+49 (0) ", "+1 ", "+39 0", "+54 ", "+55 ", "+7 ",
                                   "+90 ", "+963 ", "+800 ", "+0", "+", "0521 ", "+44 ", "+4 ", "+999 "]),
                  st.text(st.sampled_from("0123456789 ()/-"), max_size=17))
PLZ = st.text(st.sampled_from("0123456789 "), max_size=7)

# The fields, in three groups; each example changes some fields of one group, the rest of the profile stays valid.
PLAIN = ["#f-name", "#f-kurzname", "#f-adresse-strasse", "#f-adresse-ort", "#f-adresse-zusatz", "#f-vereinsregister",
         "#f-ansprechpersonen-name-1", "#f-ansprechpersonen-funktion-1", "#f-angebote-1", "#f-angebote-2",
         "#f-barrierefrei-beschreibung"]
MULTI_LINE = ["#f-beschreibung-de", "#f-beschreibung-1", "#f-oeffnungszeiten"]
TYPED = {
    "#f-kontakt-email": GOOD_EMAIL | EMAIL | TEXT, "#f-kontakt-website": GOOD_URL | URL | TEXT,
    "#f-kontakt-telefon": GOOD_PHONE | PHONE | TEXT, "#f-kontakt-social-1": GOOD_URL | URL | TEXT,
    "#f-adresse-plz": PLZ | TEXT, "#f-ansprechpersonen-email-1": GOOD_EMAIL | EMAIL | TEXT,
    "#f-ansprechpersonen-telefon-1": GOOD_PHONE | PHONE | TEXT,
}
# one typed field at a time (else almost every example has some wrong value)
ONE_TYPED = st.sampled_from(sorted(TYPED)).flatmap(lambda selector: TYPED[selector].map(lambda v: {selector: v}))
BASE = {
    "#f-name": "Verein für Eigenschaften", "#f-kurzname": "", "#f-beschreibung-de": "Ein Verein.",
    "#f-beschreibung-1": "Bir dernek.", "#f-oeffnungszeiten": "", "#f-adresse-strasse": "Weg 1",
    "#f-adresse-plz": "33602", "#f-adresse-ort": "Bielefeld", "#f-adresse-zusatz": "",
    "#f-kontakt-email": "info@verein.example", "#f-kontakt-telefon": "", "#f-kontakt-website": "",
    "#f-kontakt-social-1": "", "#f-ansprechpersonen-name-1": "Erika Beispiel", "#f-ansprechpersonen-funktion-1": "",
    "#f-ansprechpersonen-email-1": "", "#f-ansprechpersonen-telefon-1": "", "#f-angebote-1": "Kurse",
    "#f-angebote-2": "", "#f-vereinsregister": "", "#f-barrierefrei-beschreibung": "",
}
MULTI = set(MULTI_LINE)


def js_trim(text: str) -> str:
    return text.strip(JS_SPACE)


def prepared(page, site_url: str):
    """The form with one more offer, one person (consent given) and a Turkish description."""
    if getattr(page, "prepared", False):
        if page.locator("#mso-ergebnis").is_visible():
            page.get_by_role("button", name="Angaben weiter bearbeiten").click()
        return page
    page.clock.set_fixed_time(NOW)
    page.goto(f"{site_url}mitmachen/")
    page.wait_for_selector("#mso-formular:not([hidden])")
    page.locator("#f-veroeffentlichen").check()
    page.locator("#f-themen-kultur").check()
    page.locator("#f-sprachen-de").check()
    page.locator("#f-stadtbezirk").select_option("Mitte")
    page.get_by_role("button", name="Angebot hinzufügen").click()
    page.get_by_role("button", name="Ansprechperson hinzufügen").click()
    page.locator("#f-ansprechpersonen-einwilligung-1").check()
    page.get_by_role("button", name="Beschreibung in einer weiteren Sprache hinzufügen").click()
    page.locator("#f-beschreibung-1-sprache").select_option("tr")
    page.prepared = True
    return page


SET_VALUES = """values => {
  const read = {};
  for (const [selector, value] of Object.entries(values)) {
    const el = document.querySelector(selector);
    el.value = value;
    el.dispatchEvent(new Event("input", {bubbles: true}));
    el.dispatchEvent(new Event("change", {bubbles: true}));
    read[selector] = el.value;  // what the browser keeps: a one-line field drops line breaks
  }
  document.querySelector("[data-fehlerliste]").hidden = true;
  return read;
}"""


def submit(page, values: dict[str, str]) -> dict[str, str]:
    """Put `values` into the form and make the profile; the values as the fields hold them."""
    values = {**BASE, **values}
    held = page.evaluate(SET_VALUES, values)
    # "partly, please describe" with no description is the form's own question, asked again
    page.locator("#f-barrierefrei-text" if js_trim(held["#f-barrierefrei-beschreibung"]) else
                 "#f-barrierefrei-leer").check()
    page.get_by_role("button", name="Profil erstellen").click()
    page.wait_for_function("() => !document.getElementById('mso-ergebnis').hidden || "
                           "!document.querySelector('[data-fehlerliste]').hidden")
    return held


def expected(held: dict[str, str]) -> dict:
    """The profile the form should write for these field values."""
    one = {selector: js_trim(value) for selector, value in held.items() if selector not in MULTI}
    many = {selector: value if js_trim(value) else "" for selector, value in held.items() if selector in MULTI}
    beschreibung = {lang: many[selector] for lang, selector in (("de", "#f-beschreibung-de"), ("tr", "#f-beschreibung-1"))
                    if many[selector]}
    person = {k: one[f"#f-ansprechpersonen-{k}-1"] for k in ("name", "funktion", "email", "telefon")
              if one[f"#f-ansprechpersonen-{k}-1"]}
    data = {
        "name": one["#f-name"], "kurzname": one["#f-kurzname"], "veroeffentlichen": True, "stand": DAY,
        "beschreibung": beschreibung["de"] if list(beschreibung) == ["de"] else beschreibung,
        "themen": ["kultur"], "sprachen": ["de"], "stadtbezirk": "Mitte",
        "adresse": {k: one[f"#f-adresse-{k}"] for k in ("strasse", "plz", "ort", "zusatz") if one[f"#f-adresse-{k}"]},
        "oeffnungszeiten": many["#f-oeffnungszeiten"],
        "kontakt": {**{k: one[f"#f-kontakt-{k}"] for k in ("email", "telefon", "website") if one[f"#f-kontakt-{k}"]},
                    **({"social": [one["#f-kontakt-social-1"]]} if one["#f-kontakt-social-1"] else {})},
        "ansprechpersonen": [{**person, "einwilligung": DAY}] if person else [],
        "angebote": [v for v in (one["#f-angebote-1"], one["#f-angebote-2"]) if v],
        "vereinsregister": one["#f-vereinsregister"], "barrierefrei": one["#f-barrierefrei-beschreibung"],
    }
    return {k: v for k, v in data.items() if v not in ("", [], {})}


def form_asks(held: dict[str, str]) -> bool:
    """The form's own questions: a person added (consent ticked) needs a name, a further language its text."""
    return not js_trim(held["#f-ansprechpersonen-name-1"]) or not js_trim(held["#f-beschreibung-1"])


def python_problems(data: dict) -> list[str]:
    """What `mso validate` says about `data` written as a file by PyYAML."""
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
    doc, problems = load_bytes(raw, Path("pruefung.yml"), "pruefung.yml")
    if doc is not None:
        problems += check_document(doc, SCHEMA, NOW.date())
    return [p.message for p in problems]


def note(what: str) -> None:
    """Count outcomes for `pytest --hypothesis-show-statistics`."""
    if currently_in_test_context():
        event(what)


def check(page, values: dict[str, str], *, exact: bool) -> None:
    held = submit(page, values)
    want = expected(held)
    if page.locator("#mso-ergebnis").is_hidden():
        messages = page.locator("[data-fehlerliste] li").all_inner_texts()
        note("abgelehnt")
        assert messages, "Das Formular zeigt weder Ergebnis noch Fehler"
        for message in messages:
            assert GERMAN.search(message), message
        assert page.locator("[aria-invalid=true]").count() >= 1
        if exact:  # plain text: the form refuses only what `mso validate` refuses, or what it asks itself
            assert python_problems(want) or form_asks(held), (values, messages)
        elif not python_problems(want):
            note("abgelehnt, obwohl mso validate es annimmt (strenger)")
        return
    note("angenommen")
    text = page.locator("[data-yaml]").text_content()
    file_name = page.locator("code[data-dateiname]").inner_text()
    doc, problems = load_bytes(text.encode("utf-8"), Path(file_name), file_name)
    assert doc is not None, (problems, text)
    problems += check_document(doc, SCHEMA, NOW.date())
    assert not problems, ([str(p) for p in problems], text)
    assert doc.data == want, text


@PROPERTY
@given(st.dictionaries(st.sampled_from(sorted(PLAIN)), TEXT, min_size=1, max_size=4))
@example({**BASE, "#f-name": "Verein\uffff", "#f-angebote-1": "\tEinrückung"})
@example({**BASE, "#f-name": "  yes  ", "#f-kurzname": "- x", "#f-angebote-1": "a: b", "#f-angebote-2": "#1"})
@example({"#f-name": "\u3164", "#f-kurzname": "\u2800", "#f-angebote-1": " \u0301 ", "#f-ansprechpersonen-name-1": "\u200c"})
@example({"#f-name": "Z" + "\u0301\u0302\u0303\u0304\u200d" * 29, "#f-angebote-1": "a\u0301\u0302\u0903\u0303\u0304\u0305"})
def test_one_line_fields(page, site_url, values):
    check(prepared(page, site_url), values, exact=True)


@PROPERTY
@given(st.dictionaries(st.sampled_from(sorted(MULTI_LINE)), LINES, min_size=1, max_size=3))
@example({"#f-beschreibung-de": "Erste Zeile\n\tmit Tab", "#f-beschreibung-1": "a\n  \tb",
          "#f-oeffnungszeiten": "Di\uffff"})
@example({"#f-beschreibung-de": "\n\nLeerzeilen vorn\n\n\n", "#f-beschreibung-1": "  eingerückt\nZeile 2 ",
          "#f-oeffnungszeiten": "x\n \ny"})
@example({"#f-beschreibung-de": "\u3164\n\u2800", "#f-beschreibung-1": "\u200b",
          "#f-oeffnungszeiten": "Z" + "\u0301\u0302\u0303\u0304\u2060" * 3})
def test_multi_line_fields(page, site_url, values):
    check(prepared(page, site_url), values, exact=True)


@PROPERTY
@given(ONE_TYPED)
@example({"#f-kontakt-email": "x?bcc=spy@evil.example", "#f-kontakt-website": "https://www.bielefeld.de@evil.example/",
          "#f-kontakt-telefon": "00000", "#f-kontakt-social-1": "https://www.biеlefeld.de",
          "#f-adresse-plz": "33617\n", "#f-ansprechpersonen-email-1": "a@b.c1",
          "#f-ansprechpersonen-telefon-1": "+54 11 1234 5678"})
def test_typed_fields(page, site_url, values):
    check(prepared(page, site_url), values, exact=False)


TRICKY_TEXT = [
    "yes", "No", "null", "~", "123", "0521 123456", "a: b", "a #b", "#x", "- x", "[x]", "{x}", "'q'", '"q"', "x:",
    "@x", "`x`", "%x", "!x", "&x", "*x", "|x", ">x", "ä ö ü", "Zeile 1\nZeile 2", "Zeile 1\nZeile 2\n", "  führend",
    "text\n\n", "Tab\tdarin", "\u3164", "\u2800 \u2800", "\ufe0f", "Z\u0301\u0302\u200d\u0303\u0304\u0305", "2026-01-01", "1e3", ".5", "+1", "Tschüß €", "العربية", "a\u2028b",
    "Leerzeichen am Ende ", "mehr\n  eingerückt\nZeile", "\nLeerzeile vorn", "x\n \ny", "on", "<<", "=",
    "https://x.example/a?b=c#d", "Ende:", "a\rb", "\u0085", "C1\u0080", "emoji 🙂", "Zeile\n\tTab vorn",
]


def test_tricky_text_in_text_fields(page, site_url):
    """Text that YAML reads as something else, in one-line and multi-line fields."""
    for value in TRICKY_TEXT:
        check(prepared(page, site_url), {"#f-kurzname": value, "#f-angebote-2": value, "#f-oeffnungszeiten": value,
                                         "#f-beschreibung-1": value}, exact=True)
