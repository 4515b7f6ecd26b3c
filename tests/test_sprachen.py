"""The visitors' languages: complete catalogs, no German interface text on another language's pages, the
association's own words first, and the same count in every language."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from conftest import ROOT

from mso import config, i18n
from mso.views import steckbriefe

SETTINGS = config.from_mkdocs_file(ROOT / "mkdocs.yml")
OTHERS = [code for code in SETTINGS.sprachen if code != "de"]
DOMAINS = ("mso", "schema")
TEMPLATES = {"mso": i18n.LOCALES / "mso.pot", "schema": SETTINGS.schema.parent / "locales" / "schema.pot"}
CONFIGS = {"mso": ROOT / "babel.cfg", "schema": SETTINGS.schema.parent / "babel.cfg"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SHOWN_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
JSON_TEXTS = ("mso-texte", "mso-verzeichnis-texte", "mso-regeln")  # texts the scripts show, by element id


def catalog(path: Path):
    with path.open("rb") as file:
        return read_po(file)


def ids(messages) -> set:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in messages if m.id}


def test_the_catalog_templates_hold_every_marked_string():
    """`make uebersetzungen` has run since the last marked string changed: extracting again gives the same."""
    for domain in DOMAINS:
        with CONFIGS[domain].open(encoding="utf-8") as file:
            method_map, options_map = parse_mapping_cfg(file)
        root = ROOT if domain == "mso" else CONFIGS[domain].parent
        keywords = {**DEFAULT_KEYWORDS, "plurals": (1, 2)}
        found = {message if isinstance(message, str) else tuple(message)
                 for _, _, message, _, _ in extract_from_dir(root, method_map, options_map, keywords=keywords)
                 if message}
        assert found == ids(catalog(TEMPLATES[domain])), f"{domain}: run `make uebersetzungen`"


@pytest.mark.parametrize("code", OTHERS)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_is_translated(code, domain):
    """Every msgid of the template is in the language's catalog, translated (no empty, no fuzzy form), with the
    language's number of plural forms and the same placeholders."""
    path = i18n.catalog_path(code, domain, SETTINGS)
    po = catalog(path)
    assert ids(po) == ids(catalog(TEMPLATES[domain])), f"{path}: run `make uebersetzungen`"
    assert po.num_plurals == get_plural(code).num_plurals, f"{path}: Plural-Forms"
    problems = []
    for m in po:
        if not m.id:
            continue
        forms = [m.string] if isinstance(m.id, str) else list(m.string)
        if m.fuzzy or not all(forms) or (not isinstance(m.id, str) and len(forms) != po.num_plurals):
            problems.append(f"untranslated: {m.id!r}")
            continue
        wanted = set(PLACEHOLDER.findall(m.id if isinstance(m.id, str) else m.id[1]))
        for form in forms:
            if not set(PLACEHOLDER.findall(form)) <= wanted or (
                    isinstance(m.id, str) and set(PLACEHOLDER.findall(form)) != wanted):
                problems.append(f"placeholders: {m.id!r} → {form!r}")
    assert not problems, "\n".join(problems)


def german_texts(code: str) -> set[str]:
    """The German text pieces of the interface whose translation differs: each msgid split at its HTML and its
    placeholders, pieces of two words or more."""
    pieces: set[str] = set()
    for domain in DOMAINS:
        for m in catalog(i18n.catalog_path(code, domain, SETTINGS)):
            if not m.id:
                continue
            originals = [m.id] if isinstance(m.id, str) else list(m.id)
            translations = [m.string] if isinstance(m.id, str) else list(m.string)
            if originals == translations[:len(originals)]:
                continue
            for text in originals:
                for piece in re.split(r"<[^>]*>|%\(\w+\)[sd]|\{\w+\}", text):
                    piece = " ".join(piece.split()).strip(" ,.:;–()")
                    if len(piece.split()) >= 2 and not any(piece in t for t in translations):  # not code
                        pieces.add(piece)
    return pieces


class VisibleText(HTMLParser):
    """Text people see or hear on a page, outside elements in another language (lang="de" and the
    associations' texts), scripts and the theme's hidden sidebars; with the shown attributes and the scripts'
    texts."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.skipping: list[bool] = []
        self.texts: list[str] = []
        self.island = ""

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        lang = found.get("lang")
        skip = bool(self.skipping and self.skipping[-1]) or tag in ("script", "style") or (
            lang is not None and lang != self.language) or (
            "hidden" in found and found.get("data-md-component") == "sidebar")  # the theme's, never shown
        if not skip:
            self.texts += [found[name] for name in SHOWN_ATTRIBUTES if found.get(name)]
        if tag == "script" and (found.get("id") in JSON_TEXTS or "data-mso-suche-texte" in found):
            self.island = "x"
        if tag not in VOID:
            self.skipping.append(skip)

    def handle_endtag(self, tag):
        if tag not in VOID and self.skipping:
            self.skipping.pop()

    def handle_data(self, data):
        if self.island:
            self.texts += list(strings(json.loads(data)))
            self.island = ""
        elif not (self.skipping and self.skipping[-1]):
            self.texts.append(data)


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


@pytest.mark.parametrize("code", OTHERS)
def test_no_german_interface_text_on_another_languages_pages(built_site, code):
    """No text outside lang="de" on a page in another language is German interface text from the catalogs:
    a text is a German piece, or holds one of four words or more."""
    german = german_texts(code)
    long = [piece for piece in german if len(piece.split()) >= 4]
    pages = sorted((built_site / code).rglob("*.html"))
    assert len(pages) > 100
    found = {}
    for page in pages:
        parser = VisibleText(code)
        parser.feed(page.read_text(encoding="utf-8"))
        for text in parser.texts:
            text = " ".join(text.split()).strip(" ,.:;–()")
            hit = text if text in german else next((piece for piece in long if piece in text), None)
            if hit:
                found.setdefault(hit, str(page.relative_to(built_site)))
    assert not found, "\n".join(f"{page}: {text}" for text, page in sorted(found.items()))


def count_on(page: Path) -> int:
    """The published count a start page or the count page states."""
    html = page.read_text(encoding="utf-8")
    found = re.findall(r'data-zahl="veroeffentlicht">(\d+)<', html)
    assert len(set(found)) == 1, (page, found)
    return int(found[0])


def test_the_same_count_in_every_language(built_site, directory):
    expected = directory.counts.veroeffentlicht
    for code in ["", *OTHERS]:
        folder = built_site / code
        assert count_on(folder / "index.html") == expected
        assert count_on(folder / "zahlen" / "index.html") == expected


def profile_html(site: Path, code: str, slug: str) -> str:
    return (site / code / "vereine" / slug / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", OTHERS)
def test_the_associations_own_words_first(built_site, directory, code):
    """A profile shows the description in the page's language first when the association wrote one; otherwise
    the German text, marked lang="de", with a note. Cards in the lists do the same."""
    own = next(e for e in directory.entries if code in e.beschreibung)
    german_only = next(e for e in directory.entries if list(e.beschreibung) == ["de"])
    first = re.search(r'<div class="mso-text" lang="([a-z]+)"', profile_html(built_site, code, own.slug))
    assert first.group(1) == code
    html = profile_html(built_site, code, german_only.slug)
    assert re.search(r'<div class="mso-text" lang="([a-z]+)"', html).group(1) == "de"
    assert 'class="mso-hinweis mso-hinweis--sprache"' in html
    assert 'class="mso-hinweis mso-hinweis--sprache"' not in profile_html(built_site, code, own.slug)
    assert 'mso-hinweis--sprache' not in profile_html(built_site, "", german_only.slug)
    listing = (built_site / code / "vereine" / "index.html").read_text(encoding="utf-8")
    card = re.search(rf'<article class="mso-card" id="verein-{german_only.slug}">.*?</article>', listing, re.S).group(0)
    assert re.search(r'<span lang="de" dir="ltr">', card)
    card = re.search(rf'<article class="mso-card" id="verein-{own.slug}">.*?</article>', listing, re.S).group(0)
    assert 'lang="de"' not in card.split("mso-card__facts")[0]


@pytest.mark.parametrize("code", OTHERS)
def test_language_names_in_the_visitors_language_and_their_own(built_site, code):
    """/<code>/sprachen/ names Arabic in the page's language and as العربية, marked with its lang and dir; on
    the Arabic pages the name is the endonym, said once."""
    language = i18n.load(code, SETTINGS)
    name = language.gettext("Arabisch")
    assert name != "Arabisch"
    html = (built_site / code / "sprachen" / "index.html").read_text(encoding="utf-8")
    if code == "ar":
        assert name == "العربية" and f"{name} – " not in html and f">{name}<" in html
    else:
        assert f'{name} – <span lang="ar" dir="rtl">العربية</span>' in html


@pytest.mark.parametrize("code", OTHERS)
def test_the_scripts_get_a_form_for_each_plural_category(built_site, code):
    """The counted texts of the scripts have one form per plural category the browser can choose."""
    categories = set(Locale.parse(code).plural_form.tags) | {"other"}
    html = (built_site / code / "vereine" / "index.html").read_text(encoding="utf-8")
    texts = json.loads(re.search(r'id="mso-verzeichnis-texte">(.*?)</script>', html, re.S).group(1))
    assert texts["sprache"] == code
    for key in ("alle", "passen", "weitere"):
        assert set(texts[key]) <= categories and "one" in texts[key], key


@pytest.mark.parametrize("code", OTHERS)
def test_the_brochure_page_says_the_pdf_is_german(built_site, code):
    """The brochure is read (and printed) in the page's language; its PDF stays German, and the page says so
    (as the catalog has it: Jinja's newstyle gettext trusts the catalogs' text as markup)."""
    html = (built_site / code / "steckbriefe" / "index.html").read_text(encoding="utf-8")
    note = i18n.load(code, SETTINGS).gettext("Das PDF ist auf Deutsch. Auf dieser Seite lesen Sie die Broschüre in "
                                             "Ihrer Sprache; die Beschreibungen der Vereine stehen in der Sprache, in "
                                             "der sie geschrieben sind.")
    if 'type="application/pdf"' in html:
        assert note in html and 'type="application/pdf" hreflang="de"' in html
    else:  # built without the PDF (MSO_TEST_PDF=0)
        assert "MSO_PDF=0" in html
    css = (built_site / code / "steckbriefe" / "broschuere.css").read_text(encoding="utf-8")
    language = i18n.load(code, SETTINGS)
    assert steckbriefe.PAGE_NUMBERS not in css and steckbriefe.page_numbers(language.gettext) in css
