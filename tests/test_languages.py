"""One site per language: German at /, every other language at /<code>/, linked both ways, one truth.

The real site (`built_site`) is built with every language of `extra.verzeichnis.sprachen`, as `make site` does.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def settings():
    from mso import config

    return config.from_mkdocs_file(ROOT / "mkdocs.yml")


def pages_of(site: Path, code: str, codes: tuple[str, ...]) -> dict[str, Path]:
    """The HTML pages of one language, by their path below the language's root."""
    main = code == codes[0]
    root = site if main else site / code
    return {path.relative_to(root).as_posix(): path for path in root.rglob("*.html")
            if not (main and path.relative_to(root).parts[0] in codes[1:])}


def test_every_language_has_the_whole_site(built_site, settings):
    main = settings.sprachen[0]
    german = set(pages_of(built_site, main, settings.sprachen))
    for code in settings.sprachen[1:]:
        other = set(pages_of(built_site, code, settings.sprachen))
        assert german == other, f"{code}: missing {sorted(german - other)[:5]}, extra {sorted(other - german)[:5]}"
        start = (built_site / code / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{code}"', start)


def test_right_to_left_languages_turn_the_page(built_site, settings, directory):
    for code in settings.sprachen:
        term = directory.schema.vocab["sprache"].get(code)
        page = built_site / ("" if code == settings.sprachen[0] else code) / "vereine" / "index.html"
        body = re.search(r'<body dir="(\w+)"', page.read_text(encoding="utf-8")).group(1)
        assert body == (term.dir if term else "ltr"), code


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_each_page_names_itself_in_every_language_and_the_links_lead_to_the_same_page(built_site, settings):
    main = settings.sprachen[0]
    site_url = settings.site_url
    for code in settings.sprachen:
        for relative, path in list(pages_of(built_site, code, settings.sprachen).items()):
            if relative == "404.html":
                continue
            html = path.read_text(encoding="utf-8")
            links = alternates(html)
            assert set(links) == {*settings.sprachen, "x-default"}, (code, relative)
            for other, url in links.items():
                other = main if other == "x-default" else other
                target = url.removeprefix(site_url.rstrip("/") + "/")
                built = built_site / target / "index.html" if not target.endswith(".html") else built_site / target
                expected = (built_site / ("" if other == main else other) / relative)
                assert built.resolve() == expected.resolve(), (code, relative, other, url)


def test_the_language_switcher_stays_on_the_page(built_site, settings):
    main = settings.sprachen[0]
    for code in settings.sprachen:
        page = (built_site / ("" if code == main else code) / "zahlen" / "index.html")
        html = page.read_text(encoding="utf-8")
        switcher = html[html.index('class="md-select__list"'):]
        links = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+" dir="(\w+)"', switcher)
        assert [lang for _, lang, _ in links] == list(settings.sprachen)
        for href, lang, _ in links:
            target = (page.parent / href).resolve()
            expected = (built_site / ("" if lang == main else lang) / "zahlen").resolve()
            assert target == expected, (code, href)


def test_the_sitemaps_list_the_alternates(built_site, settings):
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    main = settings.sprachen[0]
    for code in settings.sprachen:
        tree = ET.parse(built_site / ("" if code == main else code) / "sitemap.xml")
        urls = tree.findall("s:url", namespaces)
        assert urls
        for url in urls:
            links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)}
            assert set(links) == set(settings.sprachen)
            assert url.find("s:loc", namespaces).text == links[code]


def test_one_truth_in_every_language(built_site, settings, directory):
    """The same count everywhere; the open data and the PDF exist once, and every language links to them."""
    main = settings.sprachen[0]
    count = str(directory.counts.veroeffentlicht)
    for code in settings.sprachen:
        root = built_site if code == main else built_site / code
        assert f'data-count="{count}"' in (root / "zahlen" / "index.html").read_text(encoding="utf-8") or \
            count in (root / "zahlen" / "index.html").read_text(encoding="utf-8")
        assert len(list((root / "vereine").glob("*/index.html"))) >= directory.counts.veroeffentlicht
        if code != main:
            assert not (root / "daten" / "vereine.json").exists(), "open data only once, at the main language"
            page = root / "daten" / "index.html"
            for href in re.findall(r'href="([^"]*daten/[^"]+\.(?:json|csv))"', page.read_text(encoding="utf-8")):
                assert (page.parent / href).resolve().is_file(), (code, href)
    data = json.loads((built_site / "daten" / "vereine.json").read_text(encoding="utf-8"))
    assert data["anzahl"] == directory.counts.veroeffentlicht


def test_german_only_pages_say_so_and_carry_lang_de(built_site, settings):
    main = settings.sprachen[0]
    for code in settings.sprachen[1:]:
        html = (built_site / code / "impressum" / "index.html").read_text(encoding="utf-8")
        assert 'class="mso-hinweis mso-nur-deutsch"' in html
        assert re.search(r'<div lang="de" dir="ltr">\s*<h1', html)


def test_german_only_pages_keep_their_anchors_in_every_language(built_site, settings):
    """A German page in another language's site has the same heading ids, so its links to its own headings
    (redaktion.md links #veroffentlichen) still arrive."""
    german = (built_site / "redaktion" / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'<h[2-6] id="([^"]+)"', german))
    assert "veroffentlichen" in ids
    for code in settings.sprachen[1:]:
        html = (built_site / code / "redaktion" / "index.html").read_text(encoding="utf-8")
        assert set(re.findall(r'<h[2-6] id="([^"]+)"', html)) == ids, code


@pytest.mark.parametrize("heading, expected", [
    ("Veröffentlichen", "veroffentlichen"), ("Straße und Fluss", "strae-und-fluss"),
    ("عن الجمعية", "عن-الجمعية"), ("Как ведётся подсчёт", "как-ведется-подсчет"), ("Über uns – 2026", "uber-uns-2026")])
def test_heading_ids_keep_latin_as_python_markdown_does_and_other_scripts_too(heading, expected):
    from markdown.extensions.toc import slugify

    from mso.languages import heading_id

    assert heading_id(heading, "-") == expected
    if heading.isascii() or "ö" in heading or "ß" in heading or "Ü" in heading:
        assert slugify(heading, "-") == expected  # the same id as in the German site


def test_the_choice_of_language_is_kept_by_the_address_alone(built_site):
    """No cookie and no stored setting for the language: our scripts never write one."""
    for script in (ROOT / "docs" / "assets").rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        assert "document.cookie" not in text, script
        assert not re.search(r"localStorage\.setItem\([^)]*(sprache|lang)", text, re.I), script


def test_translated_pages_keep_the_live_values(built_site, settings, directory):
    for code in settings.sprachen[1:]:
        if (ROOT / "uebersetzungen" / code / "index.md").is_file():
            start = (built_site / code / "index.html").read_text(encoding="utf-8")
            assert "{{" not in start and str(directory.counts.veroeffentlicht) in start
