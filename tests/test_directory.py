"""The directory for visitors as built HTML: /vereine/, listing pages, the start page, profiles, footer."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import build, make_project, minimal_profile
from mso import search_text
from mso.model import FACETS
from mso.views.base import facet_url
from mso.views.listings import PARAMS


class Links(HTMLParser):
    """Collects hrefs, ids, elements with lang/dir, and the texts of <a> elements."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.langs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "lang" in attrs and tag != "html":
            self.langs.append((tag, attrs["lang"], attrs.get("dir", "")))


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(page: Path, href: str, site: Path) -> Path:
    """The file a relative link from `page` points to (directory URLs → index.html)."""
    target = (page.parent / href.split("#")[0].split("?")[0]).resolve()
    return target / "index.html" if target.is_dir() or href.split("?")[0].endswith("/") else target


def island(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="mso-filterdaten">(.*?)</script>', html, re.S)
    assert match, "the filter data island is missing"
    return json.loads(match.group(1))


# ---- /vereine/ --------------------------------------------------------------------------------------------


def test_directory_lists_every_published_profile_a_to_z_and_nothing_withheld(built_site, directory):
    html = (built_site / "vereine" / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<article class="mso-card" id="verein-([a-z0-9-]+)"', html)
    assert cards == [e.slug for e in directory.entries]
    withheld = {r.slug for r in directory.records} - set(cards)
    assert withheld
    for record in directory.records:
        if record.slug in withheld:
            assert record.slug not in html and record.name not in html
    letters = re.findall(r'<h2 id="buchstabe-([a-z]+|[A-Z])"', html)
    assert letters == sorted(letters, key=lambda k: (k == "andere", k))
    for key in letters:
        assert f'href="#buchstabe-{key}"' in html


def test_filter_data_matches_the_cards(built_site, directory):
    data = island((built_site / "vereine" / "index.html").read_text(encoding="utf-8"))
    assert data["params"] == [PARAMS[f] for f in FACETS]
    assert [row[0] for row in data["entries"]] == [e.slug for e in directory.entries]
    for (slug, values, text), entry in zip(data["entries"], directory.entries):
        for facet, facet_values in zip(FACETS, values):
            assert facet_values == [directory.term(facet, v).slug for v in entry.values(facet)]
        assert search_text.normalize(entry.name) in text


def test_without_javascript_every_filter_choice_is_a_link_to_an_existing_listing(built_site, directory):
    page = built_site / "vereine" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert re.search(r'<form class="mso-filter__form"[^>]*\bhidden\b', html), "the text box needs JavaScript"
    for facet in FACETS:
        for term, count in directory.facet(facet):
            href = "../" + facet_url(facet, term.value)
            assert f'href="{href}" data-value="{term.slug}"' in html
            assert resolve(page, href, built_site).exists(), href
            assert re.search(rf'data-value="{re.escape(term.slug)}">.*?<span class="mso-zahl">{count}</span>',
                             html), (facet, term.value)


def test_result_count_is_a_live_region_and_reset_exists(built_site, directory):
    html = (built_site / "vereine" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="mso-ergebnis__zahl" data-mso-count role="status" aria-live="polite"', html)
    assert "Filter zurücksetzen" in html
    assert 'src="../assets/directory.js"' in html


# ---- listing pages ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("facet", FACETS)
def test_listing_pages_name_their_count_and_list_exactly_their_entries(built_site, directory, facet):
    for term in directory.schema.vocab[{"stadtbezirk": "stadtbezirk", "themen": "thema", "sprachen": "sprache",
                                        "herkunft": "herkunft", "zielgruppen": "zielgruppe"}[facet]].values():
        page = built_site / facet_url(facet, term.value) / "index.html"
        html = page.read_text(encoding="utf-8")
        expected = [e.slug for e in directory.with_term(facet, term.value)]
        assert re.findall(r'<article class="mso-card" id="verein-([a-z0-9-]+)"', html) == expected
        if expected:
            word = "Verein" if len(expected) == 1 else "Vereine"
            assert f"<strong>{len(expected)} {word}</strong>" in html
        else:
            assert "Zurzeit ist hier kein Verein eingetragen" in html
    index = (built_site / facet_url(facet, "x").split("/")[0] / "index.html").read_text(encoding="utf-8")
    for term, count in directory.facet(facet):
        assert re.search(rf'href="../{re.escape(facet_url(facet, term.value))}">.*?</a> '
                         rf'<span class="mso-zahl">{count} Vereine?</span>', index), term.value


def test_every_tag_on_a_profile_links_to_an_existing_listing(built_site, directory):
    for entry in directory.entries:
        page = built_site / "vereine" / entry.slug / "index.html"
        links = parse(page).hrefs
        for facet in FACETS:
            for value in entry.values(facet):
                href = "../../" + facet_url(facet, value)
                assert href in links, (entry.slug, facet, value)
                assert resolve(page, href, built_site).exists()


# ---- start page -------------------------------------------------------------------------------------------


def test_start_page_has_count_search_and_ways_in_with_counts(built_site, directory):
    page = built_site / "index.html"
    html = page.read_text(encoding="utf-8")
    assert f'<strong><span data-zahl="veroeffentlicht">{directory.counts.veroeffentlicht}</span> Vereine</strong>' in html
    assert re.search(r'<form class="mso-start-suche" action="vereine/" method="get" role="search"', html)
    for facet in ("stadtbezirk", "themen"):
        for term, count in directory.facet(facet):
            assert re.search(rf'href="{re.escape(facet_url(facet, term.value))}">[^<]+</a> '
                             rf'<span class="mso-zahl">\({count}\)</span>', html), term.value
    top = max(directory.facet("sprachen"), key=lambda item: item[1])
    assert f'href="{facet_url("sprachen", top[0].value)}"' in html
    assert 'href="mitmachen/"' in html and "Ihr Verein fehlt oder die Angaben stimmen nicht?" in html
    for href in parse(page).hrefs:
        if not href.startswith(("http", "#", "mailto:", "tel:")):
            assert resolve(page, href, built_site).exists(), href


# ---- profile page -----------------------------------------------------------------------------------------


def test_profile_is_a_complete_steckbrief(built_site, directory):
    entry = next(e for e in directory.entries if "ar" in e.beschreibung and e.ansprechpersonen and e.angebote)
    page = built_site / "vereine" / entry.slug / "index.html"
    html = page.read_text(encoding="utf-8")
    parsed = parse(page)
    assert ("div", "ar", "rtl") in parsed.langs, "the Arabic description needs lang and dir"
    assert any(lang == "ar" and d == "rtl" and tag == "span" for tag, lang, d in parsed.langs)
    assert f'href="../../mitmachen/?verein={entry.slug}"' in html and "Angaben ändern" in html
    if "email" in entry.kontakt:
        assert f'href="mailto:{entry.kontakt["email"]}"' in html
    if "telefon" in entry.kontakt:
        assert 'href="tel:+49' in html
    for offer in entry.angebote:
        assert f"<li>{offer}</li>" in html.replace("&ndash;", "–")
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["@type"] == "NGO" and ld["name"] == entry.name
    assert f'<time datetime="{entry.stand.isoformat()}">' in html


def test_due_profile_shows_the_hint(built_site, directory):
    due = [e for e in directory.entries if e.faellig]
    assert due, "the demo data should include a profile whose confirmation is due"
    html = (built_site / "vereine" / due[0].slug / "index.html").read_text(encoding="utf-8")
    assert "mso-hinweis--faellig" in html


def test_print_css_puts_a_profile_on_a4(built_site):
    css = (built_site / "assets" / "verzeichnis.css").read_text(encoding="utf-8")
    print_rules = css[css.index("@media print"):]
    assert "size: A4" in print_rules
    for hidden in (".md-header", ".md-footer", ".md-sidebar", ".mso-profil__aktionen"):
        assert hidden in print_rules


# ---- every page -------------------------------------------------------------------------------------------


def test_footer_links_and_search_dialog_name_on_every_page(built_site):
    for page in [built_site / "index.html", built_site / "vereine" / "index.html",
                 next((built_site / "vereine").glob("*/index.html"))]:
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('<footer class="md-footer">'):]
        for name, path in (("Impressum", "impressum/"), ("Datenschutz", "datenschutz/"),
                           ("Barrierefreiheit", "barrierefreiheit/")):
            href = re.search(rf'<a href="([^"]*{path})">{name}</a>', footer)
            assert href, (page, name)
            assert resolve(page, href.group(1), built_site).exists()
        assert re.search(r'<div class="md-search" id="[^"]+" role="dialog" aria-label="[^"]+" data-mso-suche', html)
        assert "autocorrect" not in html
        assert html.count('class="md-skip"') == 1, "one link to skip to the content"


def test_nav_has_the_hand_written_pages_in_order(built_site):
    html = (built_site / "ueber" / "index.html").read_text(encoding="utf-8")
    tabs = [re.sub(r"\s+", " ", t).strip() for t in re.findall(r'class="md-tabs__link[^"]*">(.*?)</a>', html, re.S)]
    assert tabs == ["Start", "Vereine", "Zahlen", "Steckbriefe", "Mitmachen", "Über das Verzeichnis"]


# ---- a small project: listing pages for a term nobody uses, directory without entries -----------------------


def test_empty_directory_and_unused_terms_build(tmp_path):
    project = make_project(tmp_path / "p", {"still": minimal_profile("Stiller Verein", veroeffentlichen=False)})
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    html = (site / "vereine" / "index.html").read_text(encoding="utf-8")
    assert "mso-card" not in html and "Stiller Verein" not in html
    assert "Zurzeit ist hier kein Verein eingetragen" in (site / "stadtbezirke" / "mitte" / "index.html").read_text(
        encoding="utf-8")


def test_a_large_directory_has_letter_pages_and_separate_filter_data(directory):
    """Above `liste_ganz_bis` /vereine/ holds no cards (it would grow by about 1.5 KB per profile); a page per
    letter lists them, and the filter data with what each card shows is a file of its own."""
    import dataclasses

    from mso.pipeline import load_directory
    from mso.views import Asset, PageSpec, Site
    from mso.views import directory as directory_view

    large = load_directory(dataclasses.replace(directory.settings, liste_ganz_bis=10))
    site = Site(large)
    outputs = {o.path: o for o in directory_view.outputs(site)}
    page = site.renderer.page(outputs[directory_view.SRC])
    assert 'class="mso-card"' not in page and 'id="mso-filterdaten"' not in page
    assert 'data-mso-daten="../vereine/filter.json"' in page
    letter_pages = {path: spec for path, spec in outputs.items() if isinstance(spec, PageSpec) and path != directory_view.SRC}
    listed = []
    for path, spec in letter_pages.items():
        assert re.fullmatch(r"vereine/([a-z]|0)\.md", path)
        assert f'href="../{path[:-3]}/"' in page  # the letter on /vereine/ links its page
        listed += re.findall(r'<article class="mso-card" id="verein-([a-z0-9-]+)"', site.renderer.page(spec))
    assert sorted(listed) == sorted(e.slug for e in large.entries)
    data = json.loads(outputs[directory_view.DATA].content)
    assert isinstance(outputs[directory_view.DATA], Asset)
    assert [row[0] for row in data["entries"]] == [e.slug for e in large.entries]
    first = large.entries[0]
    assert data["entries"][0][3][:2] == [first.name, first.kurzname]
    small_page = Site(directory).renderer.page(next(directory_view.outputs(Site(directory))))
    assert len(page) < len(small_page) / 3


def test_a_long_listing_continues_on_further_pages(directory):
    import dataclasses

    from mso.pipeline import load_directory
    from mso.views import Site, listings

    paged = load_directory(dataclasses.replace(directory.settings, liste_ganz_bis=10))
    site = Site(paged)
    specs = {o.path: o for o in listings.outputs(site)}
    german = paged.with_term("sprachen", "de")
    pages = sorted((p for p in specs if p == "sprachen/de.md" or p.startswith("sprachen/de/")),
                   key=lambda p: (len(p), p))
    assert len(pages) == -(-len(german) // 10) > 1
    listed = []
    for path in pages:
        html = site.renderer.page(specs[path])
        listed += re.findall(r'<article class="mso-card" id="verein-([a-z0-9-]+)"', html)
        assert f"<strong>{len(german)} Vereine</strong>" in html
        assert html.count('aria-current="page"') == 1
    assert listed == [e.slug for e in german]
